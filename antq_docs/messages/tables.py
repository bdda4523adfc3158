"""What the table readers (inputs/tables.py) say about an input file: its headings, its size,
the file itself.

Fields in braces are filled with str.format by the caller; data never goes into the text itself.
"""

# How a message names an input file, and a sheet of a workbook.
TABLE_FILE = "tệp dữ liệu (CSV hoặc Excel)"
FILE_WHAT = "Tệp {file}"
FILE_SHEET = "{file}, trang {sheet}"

# The file itself, refused before anything is read.
FILE_MISSING = "không tìm thấy tệp."
FILE_TOO_LARGE = "tệp quá lớn ({size}); giới hạn là {limit}."
NOT_A_FILE = "{reason}. Hãy chỉ ra chính {what} (tệp thường, tối đa {limit})."
REFUSED = "{reason}."

# The header row.
HEADER_NOT_FOUND = "không tìm thấy dòng tiêu đề trong {rows} dòng đầu; thiếu cột {names}."
MISSING_COLUMN_NAME = '"{header}" ({key})'
REPEATED_COLUMN = 'cột "{cell}" lặp lại cột {letter}; hãy xóa hoặc đổi tên một trong hai.'
# A heading the program does not know, close to one it looks for and did not find: said once,
# instead of a finding on every row for the column it was meant to be.
NEAR_HEADING = "Cột '{cell}': có phải '{header}'? Hãy sửa tiêu đề cột cho đúng rồi chạy lại."
# A column that several rows need is absent altogether (Mã cấp trên of a roster of many units).
NO_COLUMN = "thiếu cột '{header}': chỉ đơn vị gốc được không có cấp trên; hãy thêm cột này."
# A heading the program does not read: a warning (the run goes on without the column).
UNKNOWN_HEADING = "tệp {file}, cột {letter} '{cell}': chương trình không đọc cột này, bỏ qua."
UNKNOWN_NEAR_HEADING = (
    "tệp {file}, cột {letter} '{cell}': có phải '{header}'? Chương trình không đọc cột này, "
    "bỏ qua; sửa tiêu đề cột nếu đây là cột '{header}'."
)
# A heading read as a column although its marks differ from the column's ('Mã cấp tren'):
# read, and said once, since a mark can be what tells two columns apart.
READ_AS_HEADING = (
    "tệp {file}, cột {letter} '{cell}': đọc là cột '{header}' (tiêu đề viết khác dấu); sửa "
    "tiêu đề cho đúng, hoặc đổi tên nếu đây không phải cột '{header}'."
)

# The size of a table.
TOO_MANY_CELLS = (
    "bảng có quá nhiều ô (trên {limit} ô); danh sách 100.000 đơn vị chỉ chừng 2 triệu "
    "ô. Hãy xóa các dòng, cột thừa."
)
