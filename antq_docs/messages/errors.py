"""What every error says around its own words: where a finding is, the head of a list of
findings, a template's defect, a year-end kind asked for without the results, a full disk."""

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
DOCUMENTS_STOPPED = (
    "{count} văn bản chưa soạn vì thiếu dữ liệu (xem các cảnh báo “chưa soạn” ở trên)."
)
RESULTS_NEEDED = "văn bản {kind} cần tệp kết quả cuối năm: thêm --results TỆP."

# The disk (or the user's quota) filled while writing: nothing half-written was left.
DISK_FULL_WRITING = (
    "ổ đĩa đã đầy (hoặc hết hạn mức dung lượng) khi ghi {what}; không tệp nào bị ghi dở, những "
    "gì đã ghi xong được giữ và lần chạy sau tiếp tục từ đó. Hãy giải phóng dung lượng rồi chạy "
    "lại."
)
