"""What `check` says about a folder: the files it could not place, what is missing and what is
not yet due, and the words of its workbook.

Fields in braces are filled with str.format by the caller; data never goes into the text itself.
"""

# Joins the names of several kinds a document may be.
OR = " hoặc "

# The kinds asked for (check --kinds).
UNKNOWN_KINDS = "không có loại văn bản {kinds}; các loại: {known}."

# The files check could not place: why, and what to do.
OTHER_KIND = (
    "nội dung là {read} (theo tiêu đề và trích yếu), không phải {expected}; không được tính"
)
RENAMED = "là {read} của {code} ({name}), đặt sai tên: hãy đổi tên thành {place}"
MISPLACED = "là {read} của {code} ({name}), để sai chỗ: hãy chuyển thành {place}"
SEVERAL_UNITS = "là {read}, có thể của {units}: hãy đặt vào đúng tệp của đơn vị"
NO_UNIT = "là {read} nhưng không ghi tên đơn vị nào còn thiếu văn bản này"
NO_TITLE = "không nhận ra là văn bản nào (không có tiêu đề của loại văn bản nào)"
SCANNED = (
    "bản .pdf (bản quét): không đọc được chữ để biết là văn bản nào; hãy đặt tên theo mã đơn "
    "vị trong thư mục loại văn bản"
)
UNREADABLE = "không mở được: {reason}"
UNIT_NAMED = "{code} ({name})"

# The table: the day checked for, what is missing under each unit above, the files not placed.
AS_OF = "Tính đến ngày {day}: chỉ hỏi văn bản đã đến hạn."
NOT_DUE = "Chưa đến hạn (không hỏi): {kinds}."
MISSING_HEADING = "Thiếu ({count}), theo đơn vị cấp trên (mỗi văn bản: tệp .docx hoặc bản ký .pdf):"
PARENT_LINE = "  {name} ({code}):"
TOP_LINE = "  Cấp cao nhất:"
UNIT_LACKS = "    - {code} {name}: {files}"
LACKING_FILE = "{kind} ({path})"
UNPLACED_HEADING = "Tệp không xếp được ({count}):"
UNPLACED_LINE = "  - {path}: {reason}"

# The workbook's indicators sheet.
MET = "đạt"
NOT_MET = "chưa đạt"

# The workbook's sheets of the files not placed and of the indicators, and its legend.
UNPLACED_SHEET = "Tệp không xếp được"
UNPLACED_COLUMNS = ["Tệp", "Vấn đề", "Loại văn bản đọc được", "Mã đơn vị", "Nên đặt vào", "Lý do"]
PROBLEMS = {
    "other-kind": "khác loại",
    "misplaced": "để sai chỗ",
    "renamed": "sai tên",
    "unknown": "không nhận ra",
    "unreadable": "không mở được",
}
INDICATORS_SHEET = "Chỉ tiêu"
INDICATOR_COLUMNS = [
    "Văn bản",
    "Chỉ tiêu",
    "Loại đơn vị",
    "Số đơn vị",
    "Có văn bản",
    "Tỉ lệ",
    "Chỉ tiêu (tỉ lệ)",
    "Kết quả",
]
AS_OF_CELL = "Tính đến ngày"

# The folder checked, refused.
NO_FOLDER = "không tìm thấy thư mục văn bản."
NOT_A_FOLDER = "không phải thư mục."
UNREADABLE_FOLDER = "không đọc được thư mục ({why})."
LINKED_KIND_FOLDER = (
    "thư mục loại văn bản là liên kết tượng trưng (symlink), không được đọc theo; "
    "văn bản trong đó không được tính, hãy chép chúng vào đúng thư mục này"
)

# Why an owed document is not usable.
TAG_LEFT = "còn thẻ mẫu chưa điền ({snippet})"
NO_UNIT_NAME = "không ghi tên đơn vị “{name}”"
OTHER_YEAR = "ghi năm {years}, không phải năm {year}"
NO_YEAR = "không ghi năm {year}"
# The first placeholder a draft still holds, and how many more.
PLACEHOLDER_LEFT = "còn chỗ cần bổ sung: {first}{more}"
MORE_PLACEHOLDERS = " (và {count} chỗ khác)"

# What each cell of the matrix shows (the table and the workbook).
CELL_PRESENT = "đã soạn"
CELL_SIGNED = "đã ký"
CELL_UNSIGNED = "chưa ký"
CELL_UNFINISHED = "chưa hoàn thiện"
CELL_INVALID = "không hợp lệ"
CELL_MISSING = "thiếu"
CELL_LATER = "chưa đến hạn"

# The text table: its first line, the matrix, the lists, the targets and the verdict.
SUMMARY = (
    "Kiểm tra thư mục {docs} (năm {year}): {units} đơn vị, {required} văn bản bắt buộc; "
    "có {present}, thiếu {missing}, không hợp lệ {invalid}"
)
SUMMARY_UNFINISHED = ", chưa hoàn thiện {count}."
SUMMARY_END = "."
SIGNED_LINE = "Bản đã ký: {signed}/{required} văn bản có bản ký quét .pdf."
SIGNED_REQUIRED_LINE = (
    "Kiểm tra đòi bản đã ký (--signed): văn bản chỉ có bản soạn .docx tính là chưa có."
)
UNSIGNED_HEADING = "Chưa có bản ký ({count}):"
UNSIGNED_LINE = "  - {path} ({code}, {kind})"
CODE_HEADING = "Mã"
UNIT_HEADING = "Đơn vị"
GROUP_LINE = "{name} ({code})"
TOP_GROUP = "Cấp cao nhất"
INVALID_HEADING = "Không hợp lệ ({count}):"
UNFINISHED_HEADING = "Chưa hoàn thiện ({count}):"
FILE_OF_ENTRY = "  - {path} ({code}, {kind}): {reason}"
CHANGED_HEADING = "Đã đổi sau khi soạn, có thể đã ký ({count}):"
EXTRA_HEADING = "Tệp không thuộc văn bản bắt buộc nào ({count}):"
REFUSED_HEADING = "Không đọc, không đi theo ({count}):"
PATH_LINE = "  - {path}"
INDICATORS_HEADING = "Chỉ tiêu:"
INDICATOR_KINDS = "  {kinds} (chỉ tiêu {target}):"
ABOVE = "trên"
AT_LEAST = "đạt ít nhất"
INDICATOR_LINE = (
    "    {unit_type}: {present}/{units} = {share} (chỉ tiêu {sign} {target}) – {result}"
)
COMPLETE = "Kết quả: đủ văn bản bắt buộc."
INCOMPLETE = "Kết quả: chưa đủ ({missing} thiếu, {invalid} không hợp lệ{unfinished}{refused})."
VERDICT_UNFINISHED = ", {count} chưa hoàn thiện"
VERDICT_UNSIGNED = ", {count} chưa ký"
VERDICT_REFUSED = ", {count} không đọc"

# The workbook written with --xlsx, refused.
XLSX_IN_FOLDER = (
    "không ghi bảng Excel vào trong thư mục đang kiểm tra ({docs}); hãy chọn "
    "một đường dẫn ở ngoài thư mục đó."
)
XLSX_IS_INPUT = (
    "đây là tệp đầu vào của lần kiểm tra này, không ghi đè; hãy chọn tên khác cho bảng Excel."
)
XLSX_TAKEN = "tệp đã có; dùng --force để ghi đè hoặc chọn tên khác."
XLSX_NOT_WRITTEN = "không ghi được tệp Excel ({why})."

# The workbook's matrix sheet and its legend.
MATRIX_SHEET = "Kiểm tra"
MATRIX_COLUMNS = ["Mã đơn vị", "Tên đơn vị", "Loại", "Mã cấp trên"]
NOTES_COLUMN = "Ghi chú"
LEGEND_SHEET = "Chú giải"
LEGEND_COLUMNS = ["Ô", "Nghĩa"]
MEANS_PRESENT = "có tệp .docx hoàn chỉnh, chưa có bản ký quét .pdf"
MEANS_SIGNED = "có bản ký quét .pdf cùng tên (có hay không có tệp .docx)"
MEANS_UNSIGNED = (
    "có tệp .docx hoàn chỉnh nhưng chưa có bản ký .pdf, khi kiểm tra đòi bản ký (--signed): "
    "tính là chưa có"
)
MEANS_UNFINISHED = "có tệp .docx nhưng còn chỗ “{marker}: …]” đơn vị chưa viết, chưa có bản ký"
MEANS_INVALID = "có tệp nhưng không mở được hoặc sai đơn vị, sai năm, còn thẻ mẫu"
MEANS_MISSING = "không có tệp nào"
MEANS_LATER = "đơn vị sẽ phải có, nhưng chưa đến ngày của loại văn bản này (--ngay)"
MEANS_NOT_OWED = "đơn vị không phải có loại văn bản này"
