"""What the web page says to a person outside its templates: every message, in one place.

Constants with named fields, used as NAME.format(...). The wording of the pages themselves
stays in the Jinja templates; the names of the command line's options and of the campaign's
keys are replaced by the labels of the page's own fields (PUBLIC_WORDS).
"""

from __future__ import annotations

# Answers to a request the page refuses or cannot serve.
LOGIN_REQUIRED = "Cần mật khẩu để dùng trang này."
NETWORK_UNPROTECTED = (
    "--host {host} mở trang cho cả mạng: cần --password MẬT_KHẨU (hoặc biến môi trường "
    "ANTQ_DOCS_PASSWORD)."
)
SERVING = "Dữ liệu: {folder}. Dừng bằng Ctrl+C."
PORT_UNAVAILABLE = "không mở được cổng {port} trên {host} ({why})."
NO_PAGE = "Không có trang này."
WRONG_METHOD = "Trang này không nhận kiểu yêu cầu đó."
BAD_REQUEST = "Yêu cầu không hợp lệ."
UNEXPECTED = (
    "Có lỗi không mong đợi; chưa ghi tệp nào cho yêu cầu này. Hãy thử lại, và báo người quản "
    "trị nếu lỗi còn."
)
ERROR_TITLE = "Không thực hiện được"
OTHER_SITE = "Yêu cầu đến từ một trang khác, bị từ chối."
SESSION_EXPIRED = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ: tải lại trang rồi gửi lại."
TOO_LARGE_FILE = "Tệp “{name}”"
TOO_LARGE_REQUEST = "Dữ liệu gửi lên"
TOO_LARGE = "{what} quá lớn: giới hạn là {megabytes:g} MB. Hãy chia nhỏ hoặc nén lại tệp."
NO_RESULT = "Không tìm thấy kết quả này (đã quá 24 giờ hoặc địa chỉ sai)."
NO_FILE = "Không tìm thấy tệp này."

# The files of a request.
NO_DOCS_ZIP = "Chưa chọn tệp ZIP văn bản (ô Hồ sơ văn bản)."
NO_FORMS = "Chưa chọn phiếu đã điền (ô Phiếu đã điền: các tệp .xlsx hoặc một tệp ZIP)."
NOT_A_FORM = "Tệp “{name}” không phải phiếu .xlsx hay tệp ZIP các phiếu."
BAD_ZIP_FILE = "Tệp ZIP “{name}”: {why}"
NO_SCANS = "Chưa chọn tệp quét (ô Bản ký đã quét: các tệp PDF, JPEG, PNG hoặc một tệp ZIP)."
NOT_A_SCAN = "Tệp “{name}” không phải bản quét PDF, ảnh JPEG, PNG, HEIC hay tệp ZIP các bản quét."
NOT_A_SCAN_IN_ZIP = (
    "Tệp “{name}” trong tệp ZIP “{zip}” không phải bản quét PDF hay ảnh JPEG, PNG, HEIC: "
    "bỏ tệp đó ra khỏi tệp ZIP rồi gửi lại."
)
ZIP_TOO_MANY = "tệp ZIP có quá nhiều tệp (trên {limit})."
ZIP_UNREADABLE = "không phải tệp ZIP hoặc tệp ZIP đã hỏng, bị cắt cụt, đặt mật khẩu."
ZIP_LINK = "tệp ZIP chứa liên kết (link) “{name}”, không được phép."
ZIP_ABSOLUTE = "tệp ZIP chứa đường dẫn tuyệt đối “{name}”, không được phép."
ZIP_OUTSIDE = "tệp ZIP chứa đường dẫn ra ngoài thư mục “{name}”, không được phép."
ZIP_MEMBER_TOO_LARGE = "tệp “{name}” trong ZIP quá lớn khi giải nén (trên {megabytes} MB)."
ZIP_BOMB = "tệp ZIP quá lớn khi giải nén (trên {megabytes} MB): có thể là bom nén."
BLANK_ROSTER = "Mỗi đơn vị một dòng, từ dòng 5; cột Loại chọn trong danh sách thả xuống"
NO_ROLE = "Không có loại dữ liệu này."
BAD_FROM_DATE = (
    "“{text}” không phải ngày: ghi “Từ ngày” dạng ngày/tháng/năm, ví dụ 01/07/2025, hoặc để "
    "trống nếu danh sách dùng cho cả năm."
)

# The data in use.
MISSING_INPUTS = (
    "Chưa có {what}. Hãy đưa tệp lên ở khung “Dữ liệu đang dùng” (cuối trang), "
    "hoặc bấm “Dùng dữ liệu mẫu” để thử với dữ liệu mẫu Kon Tum 2025."
)
AND = " và "
MISSING_CAMPAIGN = "kế hoạch năm (lập ở trang Kế hoạch năm, hoặc đưa lên tệp kế hoạch đã lưu)"
MISSING_ROSTER = "danh sách đơn vị (tệp Excel hoặc CSV: tải mẫu ở trang Mẫu biểu)"
CAMPAIGN_OUTSIDE = (
    "kế hoạch năm chỉ được dùng thư mục mẫu riêng nằm cùng nó trên máy chủ; bỏ khóa thư mục "
    "mẫu khỏi tệp kế hoạch."
)
CAMPAIGN_WANTS_ROSTER = (
    "kế hoạch năm chia danh sách đơn vị theo thời kỳ nhưng chưa có danh sách đơn vị nào: ở "
    "khung “Dữ liệu đang dùng”, đưa lên danh sách của từng thời kỳ với “Từ ngày” của thời kỳ "
    "đó (hoặc một danh sách dùng cho cả năm, để trống “Từ ngày”)."
)
RESULTS_NEEDED = (
    "{label} cần tệp kết quả cuối năm: đưa lên ở dòng “Kết quả cuối năm” của khung “Dữ liệu "
    "đang dùng”."
)
# A page names what was not done in its own words ("soạn"), not the CLI's "chưa ghi tệp nào".
NOTHING_WRITTEN = "Chưa soạn văn bản nào. {what}: xem các lỗi ở bảng dưới."
NO_FORMS_MADE = "{what}: chưa làm phiếu nào."
NOT_COLLECTED = "{what}: chưa ghi tệp kết quả."
NOT_CHECKED = "{what}: chưa kiểm tra."
NOT_FILED = "{what}: chưa xếp bản ký nào."
NO_SUCH_UNIT = "Không có đơn vị mang mã “{code}” trong danh sách đơn vị đang dùng."

# What the page says at its top after a file is given, forgotten, or a choice is made.
NO_FILE_CHOSEN = "Chưa chọn tệp: bấm “Chọn tệp” (hoặc “Browse”) rồi chọn tệp trên máy."
FILE_KEPT = "Đã nhận tệp “{name}” ({label}): dùng cho mọi trang và các lần sau, tới khi thay."
FILE_REFUSED = (
    "Chưa nhận tệp “{name}” ({label}): có {count} lỗi ghi ở bảng dưới. Sửa tệp rồi đưa lên "
    "lại; dữ liệu đang dùng vẫn như trước."
)
OWN_RESULTS_BLANK = (
    "Tệp kết quả có sẵn mã và tên mọi đơn vị của danh sách đang dùng, cùng các mục chấm điểm "
    "của kế hoạch năm: tải ở trang Mẫu biểu (ket-qua-cuoi-nam.xlsx), điền rồi đưa lên."
)
FILE_FORGOTTEN = "Đã bỏ tệp {label}."
OTHER_FILES_WRONG = (
    "Tệp này đọc được, nhưng các tệp khác đang dùng còn lỗi: soạn văn bản sẽ nêu từng lỗi."
)
READ_LATER = (
    "Tệp sẽ được đọc và kiểm tra khi đã có kế hoạch năm và danh sách đơn vị (hoặc dữ liệu mẫu)."
)
SAMPLE_STOPPED = (
    "Đã có kế hoạch năm và danh sách đơn vị của mình nên thôi dùng dữ liệu mẫu: mọi văn bản "
    "từ giờ lấy từ tệp của mình."
)
SAMPLE_ON = (
    "Đang dùng dữ liệu mẫu Kon Tum 2025 cho những gì chưa đưa lên (ghi ở dòng vàng trên cùng)."
)
SAMPLE_OFF = "Đã thôi dùng dữ liệu mẫu."
SAMPLE_NOT_NEEDED = (
    "Đã có đủ tệp của mình (kế hoạch, danh sách, kết quả, bảng điểm) nên không cần dữ liệu mẫu."
)
UNIT_CHOSEN = (
    "Đã chọn “{name}” làm đơn vị của tôi: các trang Soạn văn bản, Kiểm tra hồ sơ, Báo cáo và "
    "phiếu thu chỉ làm việc với đơn vị này và các đơn vị cấp dưới."
)
UNIT_CLEARED = "Đã bỏ chọn đơn vị: các trang làm việc với cả danh sách đơn vị."

# What a finished request shows.
OUTPUT_FOLDER = "thư mục kết quả"
DOCUMENTS_MADE = "Đã soạn {count} văn bản."
CHART_TITLE = "Kết quả thực hiện chỉ tiêu: {name}"
COLLECTED = (
    "Đã thu {forms} phiếu ({units} đơn vị). Số liệu của {root}, cộng cả các đơn vị cấp dưới:"
)
TOP_LEVEL = "Cấp cao nhất"
FINDING_OF_UNIT = "đơn vị {unit}: {message}"
# A document's status in the check's matrix.
STATUS_TEXT = {
    "present": "đã soạn",
    "signed": "đã ký",
    "unsigned": "chưa ký",
    "unfinished": "chưa hoàn thiện",
    "invalid": "không hợp lệ",
    "missing": "thiếu",
    "later": "chưa đến hạn",
    "none": "–",
}
JOB_KINDS = {
    "generate": "Soạn văn bản",
    "forms": "Làm phiếu thu",
    "collect": "Thu phiếu",
    "check": "Kiểm tra hồ sơ",
    "report": "Báo cáo tổng kết",
    "signed": "Xếp bản đã ký",
}
REPORT_DATED_EARLY = (
    "Báo cáo đề ngày {day}, sớm hơn ngày {planned} của kế hoạch: {type} phải gửi báo cáo cuối "
    "năm trước ngày {deadline} (hạn ghi trong kế hoạch), nên báo cáo được đề ngày trước hạn đó. "
    "Muốn đề ngày khác, sửa “Hạn báo cáo, xếp loại và bảng điểm” ở trang Kế hoạch năm."
)
WHEN = "%H:%M ngày %d/%m/%Y"
ROLE_LABELS = {
    "campaign": "Kế hoạch năm",
    "roster": "Danh sách đơn vị",
    "results": "Kết quả cuối năm",
    "scores": "Bảng điểm từng mục",
    "households": "Danh sách hộ gia đình",
}

# The advice a warning about rosters by period carries (generate.Advised), as done on the page:
# the roster of each period given in "Dữ liệu đang dùng" with its "Từ ngày".
PAGE_SINGLE_ROSTER_ADVICE = (
    "Kế hoạch năm chia danh sách đơn vị theo thời kỳ nhưng mới có một danh sách đơn vị dùng "
    "cho cả năm: các đơn vị còn lại vẫn mang tên trong danh sách này. Ở khung “Dữ liệu đang "
    "dùng”, đưa lên danh sách đơn vị sau sắp xếp và ghi “Từ ngày” {day}, rồi làm lại."
)
PAGE_PERIODS_ADVICE = (
    "Ở trang Kế hoạch năm, thêm thời kỳ từ ngày {day} vào phần “Danh sách đơn vị theo thời kỳ”; "
    "ở khung “Dữ liệu đang dùng”, đưa lên danh sách đơn vị sau sắp xếp và ghi “Từ ngày” {day}, "
    "rồi làm lại."
)

# The command line's options, and phrases naming the campaign file's keys, as the page names
# them: a message of the library written for the command line reads right on the page after
# these replacements (every other key of the campaign is then named by its label on the
# year-plan page).
PUBLIC_WORDS = {
    "khóa thay_doi_to_chuc của tệp kế hoạch": "phần “Thay đổi tổ chức” của trang Kế hoạch năm",
    "bằng khóa tinh trong danh_sach_don_vi": (
        "ở cột “Tỉnh của thời kỳ”, phần “Danh sách đơn vị theo thời kỳ” của trang Kế hoạch năm"
    ),
    "hãy dùng --level": "hãy chọn đơn vị",
    "bảng chấm điểm (bang_diem)": "bảng chấm điểm",
    "bảng chấm điểm của kế hoạch (bang_diem)": "bảng chấm điểm của kế hoạch",
    "điền cột này rồi chạy lại": "điền cột này trong danh sách đơn vị, đưa lên lại rồi soạn lại",
    "sửa tiêu đề cột cho đúng rồi chạy lại": "sửa tiêu đề cột cho đúng rồi đưa tệp lên lại",
    "hãy chạy lại": "hãy làm lại",
    "thêm --results TỆP": "đưa lên ở dòng “Kết quả cuối năm” của khung Dữ liệu đang dùng",
    "--per-household": "“bản cam kết của từng hộ”",
    "--households": "dòng “Danh sách hộ gia đình” của khung Dữ liệu đang dùng",
    "--number-from": "số bắt đầu",
    "--results": "dòng “Kết quả cuối năm” của khung Dữ liệu đang dùng",
    "--scores": "dòng “Bảng điểm từng mục” của khung Dữ liệu đang dùng",
    "--units": "dòng “Danh sách đơn vị” của khung Dữ liệu đang dùng",
    "--campaign": "dòng “Kế hoạch năm” của khung Dữ liệu đang dùng",
    "--level": "Đơn vị",
    "--unit": "Đơn vị",
    "--nam-truoc": "kết quả năm trước",
    "--templates": "thư mục mẫu",
    "cap_tren": "Mã cấp trên",
    "antq-docs templates list": "danh sách mẫu",
    "antq-docs": "chương trình",
}

# A request refused or undone because the server's disk is full (HTTP 507): what was written
# for it is removed, so nothing half-made stays to be downloaded.
DISK_FULL = (
    "Ổ đĩa của máy chủ đã đầy: yêu cầu này không làm được, không có tệp nào được giữ lại. "
    "Hãy báo người quản lý máy chủ giải phóng dung lượng rồi làm lại."
)

# Households, PDFs and hồ sơ on the page.
HOUSEHOLD_PLEDGE = "bản cam kết của hộ gia đình"
NO_LIBREOFFICE = (
    "Máy chủ chưa cài LibreOffice nên chưa làm được bản PDF và hồ sơ in; chưa soạn gì. Bỏ chọn "
    "hai ô PDF để soạn văn bản Word, hoặc nhờ người quản trị cài LibreOffice (gói "
    "libreoffice-writer-nogui) rồi làm lại."
)
PDF_FAILED = "Không chuyển được {path} sang PDF (LibreOffice lỗi hoặc treo hai lần)."
PACK_BELOW = "{name}: hồ sơ các đơn vị cấp dưới"
PACK_LACKS = "Hồ sơ thiếu {path}: chưa có văn bản hoặc bản PDF (chưa chọn loại này khi soạn?)."
PACK_LACKS_MORE = "… và {count} văn bản khác (xem trang Kiểm tra hồ sơ)."

# A job running in the background: the step it is on, as its progress bar names it.
STEPS = {
    "": "Đang chuẩn bị",
    "generate": "Đang soạn văn bản",
    "pdf": "Đang làm bản PDF và hồ sơ in",
    "zip": "Đang đóng gói tệp ZIP",
    "unzip": "Đang mở tệp ZIP hồ sơ",
    "check": "Đang kiểm tra văn bản",
    "intake": "Đang đọc các trang quét",
}
PROGRESS_COUNT = "đã xong {done} trên {total} ({percent}%)"
JOB_INTERRUPTED = (
    "Yêu cầu này bị dừng giữa chừng (máy chủ đã khởi động lại); chưa có kết quả. Hãy gửi lại."
)

# The check page: the day asked for.
NOT_A_DAY = "Ngày kiểm tra “{value}” không phải một ngày: hãy ghi NGÀY/THÁNG/NĂM, ví dụ 31/3/2025."

# The page of signed scans.
OCR_OFF = (
    "Máy chủ chưa cài Tesseract (đọc chữ): chỉ xếp được văn bản in mã QR ở mọi trang (mẫu có "
    "sẵn); trang không có mã được để lại để xếp tay."
)
# How a document filed was known (intake's QR, OCR, BY_HAND).
METHODS = {"qr": "mã QR", "ocr": "đọc chữ", "tay": "xếp tay"}
ASSIGN_CHOOSE = "Chưa chọn văn bản để xếp trang vào (ô Văn bản của trang)."
ASSIGN_PAGES = "“{pages}” không phải số trang: ghi một trang (3), một dãy (3-5) hoặc 3,5."
