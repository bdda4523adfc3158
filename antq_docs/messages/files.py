"""What reading a file says: a named file opened safely, a Word or PDF document that cannot be
used, a worker process that died."""

from __future__ import annotations

# A Word (.docx) or PDF document that cannot be used, and why.
TOO_LARGE = "tệp quá lớn (trên {megabytes} MB)"
EMPTY = "tệp rỗng"
ENCRYPTED_OR_DOC = (
    "tệp được đặt mật khẩu (mã hóa) hoặc là tệp Word cũ .doc, không mở được như .docx"
)
NOT_A_DOCX = "không phải tệp Word (.docx) hoặc tệp đã hỏng, bị cắt cụt"
PART_COMPRESSION = (
    "phần {part} được nén theo cách Word không đọc được (chỉ chấp nhận không nén hoặc Deflate)"
)
TOO_LARGE_UNPACKED = "tệp quá lớn khi giải nén (trên {megabytes} MB)"
PART_CRC = "phần {part} hỏng (sai mã kiểm tra CRC hoặc dữ liệu nén), Word không mở được"
PART_BROKEN = "phần {part} hỏng ({error})"
PART_MISSING = "thiếu phần {part}"
PART_TOO_LARGE = "phần {part} quá lớn khi giải nén (trên {megabytes} MB)"
PART_DTD = "phần {part} có khai báo DTD (không phải của Word)"
PART_BAD_XML = "phần {part} hỏng (XML sai: {error})"
NO_MAIN_PART = "không phải tệp Word: không có phần văn bản chính"
NOT_A_PDF = "không phải tệp PDF"
PDF_TRUNCATED = "tệp PDF bị cắt cụt (thiếu dấu kết thúc %%EOF)"
PDF_NO_PAGES = "tệp PDF không có trang nào"

# A named file refused or not read (never followed, never opened when not a plain file).
IS_A_FOLDER = "là một thư mục, không phải tệp"
IS_A_LINK = "là liên kết tượng trưng (symlink), không được đọc theo"
NOT_A_REGULAR_FILE = "không phải tệp thường (ống dẫn FIFO, thiết bị hoặc socket), không được mở"
UNREADABLE = "không đọc được tệp ({strerror})"
FILE_TOO_LARGE = "tệp quá lớn"

# The worker processes of --jobs.
WORKER_DIED = "một tiến trình làm việc bị dừng đột ngột; hãy chạy lại."

# A workbook the program writes: the title of the pop-up when a cell takes a wrong value.
INVALID_VALUE = "Giá trị không hợp lệ"
