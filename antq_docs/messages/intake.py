"""What `intake` says: scans it cannot read, pages it could not place, what it filed.

Fields in braces are filled with str.format by the caller; data never goes into the text itself.
"""

SCAN_UNREADABLE = "không đọc được tệp quét này (không phải PDF, JPEG hay PNG, hoặc tệp bị hỏng)"
HEIC_UNSUPPORTED = (
    "ảnh HEIC chưa đọc được trên máy này: hãy lưu ảnh thành JPEG (trên điện thoại: chọn định "
    "dạng “Tương thích nhất”) rồi đưa lại"
)
OCR_OFF = (
    "Chưa cài Tesseract (gói tesseract-ocr và tesseract-ocr-vie): chỉ xếp được văn bản có mã QR; "
    "trang không có mã được để lại để xếp tay."
)

# Why a page was not placed.
NO_FIRST_PAGE = "không thấy trang đầu của văn bản trước trang này"
NOT_READ = "không đọc được trang đầu (không có mã QR, không nhận ra Quốc hiệu)"
UNKNOWN_DOCUMENT = "mã QR ghi {unit} / {kind}, nhưng thư mục không có văn bản này"
NOT_SURE = "chưa chắc là văn bản nào (gần nhất: {unit} / {kind}, độ tin cậy {confidence})"

# --assign.
ASSIGN_SHAPE = (
    "“{text}” không đúng dạng TỆP:TRANG=MÃ_ĐƠN_VỊ/LOẠI (ví dụ scan0001.pdf:3-5=KT-01/pledge)"
)
ASSIGN_PAGES = "{scan}: trang “{pages}” không có trong tệp quét (tệp có {count} trang)"
ASSIGN_UNKNOWN = "thư mục không có văn bản {unit} / {kind} (chưa soạn, hoặc sai mã hay loại)"
ASSIGN_SCAN = "không có tệp quét “{scan}” trong các tệp đã đưa"

# The summary.
FILED_LINE = "  - {path}: {scan} trang {pages} ({method}, độ tin cậy {confidence})"
FILED_HEADING = "Đã xếp {count} bản ký:"
ALREADY = "Đã xếp từ trước (không làm lại): {count} bản."
SECOND_HEADING = "Bản quét thứ hai của văn bản đã có bản ký ({count}), không ghi đè:"
SECOND_LINE = "  - {path}: bản đã xếp từ {first}; bản này từ {scan} trang {pages}"
FIRST_BY_HAND = "bản ký đặt sẵn trong thư mục"
FIRST_FROM = "{scan} trang {pages}"
UNPLACED_HEADING = "Trang chưa xếp được ({count}), ảnh trong {folder}/:"
UNPLACED_LINE = "  - {page}: {reason}"
UNREADABLE_LINE = "  - {scan}: {reason}"
UNREADABLE_HEADING = "Tệp quét không đọc được ({count}):"
ASSIGN_HINT = (
    "Xếp tay: antq-docs intake --assign TỆP:TRANG=MÃ_ĐƠN_VỊ/LOẠI --docs THƯ_MỤC "
    "(ví dụ scan0001.pdf:3-5=KT-01/pledge)."
)
NOTHING_LEFT = "Mọi trang đều đã được xếp."
METHODS = {"qr": "mã QR", "ocr": "đọc chữ", "tay": "xếp tay"}
SCANS_OR_ASSIGN = "hãy đưa các tệp quét, hoặc --assign để xếp tay (không dùng cả hai cùng lúc)"
BAR_READING = "Đang đọc trang quét"
