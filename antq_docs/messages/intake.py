"""What `intake` says: scans it cannot read, pages it could not place, and why.

Fields in braces are filled with str.format by the caller; data never goes into the text itself.
The command line's own summary lines are in cli/messages.py.
"""

SCAN_UNREADABLE = "không đọc được tệp quét này (không phải PDF, JPEG hay PNG, hoặc tệp bị hỏng)"
SCAN_TOO_MANY_PAGES = "tệp quét có hơn {limit} trang; hãy chia thành nhiều tệp nhỏ hơn"
PHOTO_TOO_LARGE = (
    "ảnh {width} × {height} điểm ảnh, quá giới hạn {limit} triệu điểm ảnh của một ảnh chụp; "
    "hãy chụp hoặc lưu lại ảnh nhỏ hơn"
)
PHOTO_TOO_LARGE_UNKNOWN = (
    "ảnh quá giới hạn {limit} triệu điểm ảnh của một ảnh chụp; hãy chụp hoặc lưu lại ảnh nhỏ hơn"
)
HEIC_UNSUPPORTED = (
    "ảnh HEIC chưa đọc được trên máy này: hãy lưu ảnh thành JPEG (trên điện thoại: chọn định "
    "dạng “Tương thích nhất”) rồi đưa lại"
)

# What a full disk stopped writing, named in errors.DISK_FULL_WRITING ("khi ghi …").
WRITING_SIGNED_COPY = "bản ký"
WRITING_PICTURE = "ảnh trang chưa xếp"

# Why a page was not placed.
NO_FIRST_PAGE = "không thấy trang đầu của văn bản trước trang này"
NOT_READ = "không đọc được trang đầu (không có mã QR, không nhận ra Quốc hiệu)"
UNKNOWN_DOCUMENT = "mã QR ghi {unit} / {kind}, nhưng thư mục không có văn bản này"
NOT_SURE = "chưa chắc là văn bản nào (gần nhất: {unit} / {kind}, độ tin cậy {confidence})"
# A page after a first page without what would say it is that document's.
NO_EVIDENCE_OCR = (
    "không có mã QR, không đọc được Quốc hiệu hay số trang: không biết trang này thuộc văn bản nào"
)
NO_EVIDENCE = (
    "không có mã QR và máy chưa đọc được chữ (chưa cài Tesseract): không biết trang này thuộc "
    "văn bản nào"
)
# The pages of a document left with such a page: the document is never filed incomplete.
WITH_UNSURE_PAGE = (
    "văn bản bắt đầu ở trang {first} có trang {page} không rõ thuộc văn bản nào: xếp tay cả văn bản"
)
# A code of another version of the document than the folder's (another date or number).
OTHER_VERSION = (
    "mã QR là của {scanned}, còn văn bản trong thư mục là {folder}: bản ký này là của một bản "
    "khác của văn bản {unit} / {kind}; nếu đúng là bản này, hãy xếp tay"
)
VERSION = "bản {number}ngày {date}"
VERSION_NUMBER = "số {number} "
VERSION_UNDATED = "bản không ghi ngày"
VERSION_NO_CODE = "bản không in mã QR"

# --assign.
ASSIGN_SHAPE = (
    "“{text}” không đúng dạng TỆP:TRANG=MÃ_ĐƠN_VỊ/LOẠI (ví dụ scan0001.pdf:3-5=KT-01/pledge, "
    "hoặc scan0001.pdf:7=pledge-household/KT-01-01-01/HO-001 cho bản cam kết của một hộ)"
)
ASSIGN_PAGES = (
    "{scan}: trang “{pages}” không có trong tệp quét (tệp có {count} trang, đánh số từ 1)"
)
ASSIGN_REVERSED = "{scan}: trang “{pages}” viết ngược; hãy viết trang nhỏ trước (ví dụ {fixed})"
ASSIGN_UNKNOWN = "thư mục không có văn bản {target} (chưa soạn, hoặc sai mã hay loại)"
ASSIGN_SCAN = "không có tệp quét “{scan}” trong các tệp đã đưa"
FIRST_BY_HAND = "bản ký đặt sẵn trong thư mục"
FIRST_FROM = "{scan} trang {pages}"
