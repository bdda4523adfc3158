"""What every error says around its own words: where a finding is, the head of a list of
findings, a template's defect, a year-end kind asked for without the results."""

from __future__ import annotations

# Where a finding is, before its message: "tệp, dòng 3, cột Loại: …".
WHERE_CELL = "ô {cell}"
WHERE_ROW = "dòng {row}"
WHERE_COLUMN = "cột {column}"
WHERE_UNIT = "đơn vị {unit}"
WHERE_FIELD = "trường {field}"

# The head of a list of findings, and the errors that build their own message.
FINDINGS_HEADER = "{what}: {count} lỗi, chưa ghi tệp nào."
TEMPLATE_DEFECT = "Mẫu {template}: {message}"
RESULTS_NEEDED = "văn bản {kind} cần tệp kết quả cuối năm: thêm --results TỆP."
