"""What the command line prints: progress, outcomes, notices, warnings and each command's summary.

Click's own words are in clivi.py; the help of an option stays beside the option.
"""

from __future__ import annotations

# Every command: an error, a stop, a warning of the library, a folder held by another run.
ERROR = "Lỗi: {error}"
STOPPED = "Đã dừng."
WARNING = "Cảnh báo: {warning}"
WAITING = (
    "Thư mục {out} đang được một lần chạy khác sử dụng; đang chờ lần chạy đó xong (tối đa "
    "{seconds:g} giây, đổi bằng --wait)…"
)
NOT_CODE_EQUALS_NUMBER = '"{value}" phải có dạng MÃ=SỐ, ví dụ KT-02=15'

# Progress bars (on stderr, from 50 steps on).
BAR_GENERATING = "Đang soạn"
BAR_PDF = "Đang chuyển PDF"
BAR_FORMS = "Đang làm phiếu"
BAR_COLLECTING = "Đang đọc phiếu"

# generate: what happened to each file, and why some were left alone.
STATUS_NEW = "mới"
STATUS_UPDATED = "cập nhật"
STATUS_UNCHANGED = "không đổi"
STATUS_KEPT = "giữ nguyên"
STATUS_SIGNED = "đã có bản ký .pdf, không soạn lại"
SKIPPED_WITHOUT_RESULTS = "Không có --results: bỏ qua {items} vì cần tệp kết quả cuối năm."
SKIPPED_SIGNED = "Bỏ qua {path}: đã có bản ký .pdf cùng tên (dùng --force để soạn lại)."
KEPT_EDITED = "Giữ nguyên {path}: tệp đã bị sửa sau khi soạn (dùng --force để ghi đè)."

# --pdf and --bundle (and the commands pdf, bundle).
PDF_KEPT = "Giữ nguyên {path}: tệp PDF đã bị sửa hoặc thay sau khi làm."
PDF_FAILED = "Không chuyển được {path} sang PDF (LibreOffice lỗi hoặc treo hai lần)."
BUNDLE_KEPT = "Giữ nguyên {path}: hồ sơ đã bị sửa hoặc thay sau khi làm."
BUNDLE_LACKS = "Hồ sơ thiếu {path}: chưa có văn bản hoặc bản PDF."
BUNDLE_LACKS_MORE = "… và {count} văn bản khác (xem: antq-docs check)."

# report: the targets of a level, the year's figures, the report written.
REPORT_HEADING = "Kết quả thực hiện chỉ tiêu: {name} ({code})"
REPORT_FIGURES = "\nSố liệu của năm (của đơn vị và mọi đơn vị cấp dưới):"
REPORT_WRITTEN = "Báo cáo tổng kết: {path} ({status})."

# init and forms: files made or kept.
CREATED = "Đã tạo {path}"
KEPT_EXISTING = "Giữ nguyên {path}: tệp đã có, không ghi đè."
NEXT_STEP = "Tiếp theo: cd {folder} && antq-docs generate all (xem {readme})."
FORMS_DONE = (
    "Xong: {written} phiếu mới ({units} đơn vị), {kept} phiếu đã có được giữ nguyên trong {folder}."
)

# collect: the forms read and the figures totalled.
COLLECTED = "Đã thu {forms} phiếu ({units} đơn vị) vào {out}."
FIGURES_OF = "Số liệu của {name}, cộng cả các đơn vị cấp dưới:"

# templates copy.
TEMPLATES_COPIED = (
    "Đã ghi {count} tệp vào {folder}. Sửa mẫu trong Word, kiểm tra bằng `antq-docs templates "
    "check {folder}`, rồi dùng: generate … --templates {folder}."
)

# check: the day and the kinds asked for.
NOT_A_DAY = '"{value}" phải là một ngày NGÀY/THÁNG/NĂM, ví dụ 31/3/2025'
UNKNOWN_KINDS = "không có loại {unknown}; các loại: {known}"

# What to do when a roster outlives its level, after the warning that says so (generate.Advised).
SINGLE_ROSTER_ADVICE = (
    "Tệp kế hoạch có danh sách đơn vị theo thời kỳ (danh_sach_don_vi) nhưng --units dùng một "
    "danh sách cho cả năm: các đơn vị còn lại vẫn mang tên trong danh sách này; bỏ --units để "
    "dùng danh sách sau sắp xếp (từ ngày {day})."
)
PERIODS_ADVICE = (
    "Khai báo danh sách đơn vị sau sắp xếp (từ ngày {day}) bằng khóa danh_sach_don_vi của tệp "
    "kế hoạch (mỗi mục {{tep: TỆP, tu_ngay: NGÀY}}) và chạy lại không có --units."
)

# report: a level's report dated before the plan's day for reports (yearreport.EarlyDate).
REPORT_DATED_EARLY = (
    "Báo cáo đề ngày {day}, sớm hơn ngày {planned} của ngay_van_ban.report: {type} gửi báo cáo "
    "trước hạn {deadline} (han_bao_cao của tệp kế hoạch)."
)

# intake: the summary of a run.
INTAKE_OCR_OFF = (
    "Chưa cài Tesseract (gói tesseract-ocr và tesseract-ocr-vie): chỉ xếp được văn bản in mã QR "
    "ở mọi trang; trang không có mã được để lại để xếp tay."
)
INTAKE_BAR = "Đang đọc trang quét"
INTAKE_SCANS_OR_ASSIGN = (
    "hãy đưa các tệp quét, hoặc --assign để xếp tay (không dùng cả hai cùng lúc)"
)
INTAKE_FILED_HEADING = "Đã xếp {count} bản ký:"
INTAKE_FILED_LINE = "  - {path}: {scan} trang {pages} ({method}, độ tin cậy {confidence})"
INTAKE_METHODS = {"qr": "mã QR", "ocr": "đọc chữ", "tay": "xếp tay"}
INTAKE_ALREADY = "Đã xếp từ trước (không làm lại): {count} bản."
INTAKE_SECOND_HEADING = "Bản quét thứ hai của văn bản đã có bản ký ({count}), không ghi đè:"
INTAKE_SECOND_LINE = "  - {path}: bản đã xếp từ {first}; bản này từ {scan} trang {pages}"
INTAKE_UNREADABLE_HEADING = "Tệp quét không đọc được ({count}):"
INTAKE_UNREADABLE_LINE = "  - {scan}: {reason}"
INTAKE_UNPLACED_HEADING = "Trang chưa xếp được ({count}), ảnh trong {folder}/:"
INTAKE_UNPLACED_LINE = "  - {page}: {reason}"
INTAKE_ASSIGN_HINT = (
    "Xếp tay: antq-docs intake --assign TỆP:TRANG=MÃ_ĐƠN_VỊ/LOẠI --docs THƯ_MỤC "
    "(ví dụ scan0001.pdf:3-5=KT-01/pledge; bản cam kết của một hộ: "
    "scan0001.pdf:7=pledge-household/MÃ_KDC/MÃ_HỘ)."
)
INTAKE_NOTHING_LEFT = "Mọi trang đều đã được xếp."
