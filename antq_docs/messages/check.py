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
