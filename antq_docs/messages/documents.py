"""What making documents says: missing values, the output folder, numbers, templates filled, PDFs,
the year report, the collection forms, the model's descriptions."""

from __future__ import annotations

# A value a document needs and the inputs lack (each is named by what it is for).
MISSING_VALUE = "thiếu giá trị, cần cho {purposes}"
# What to type in a roster column whose emptiness stops a document, said after MISSING_VALUE.
COLUMN_ADVICE = {
    "ky_hieu": (
        ". Ghi ký hiệu của đơn vị: chữ viết tắt tên đơn vị, đứng sau loại văn bản trong số "
        "(05/KH-THCSVL), ví dụ “THCSVL” cho Trường THCS Vĩnh Linh"
    ),
}
MISSING_CAMPAIGN_KEY = "kế hoạch năm chưa có mục này, cần cho {purpose}"
MISSING_DATE = "thiếu ngày của {purpose}"
NUMBER_PURPOSE = "số của {purpose}"
SIGNER_PURPOSE = "{purpose} (ký thay)"
BUDGET_PURPOSE = (
    "{purpose} (hoặc ngay_hoi_to_chuc.theo_loai.{type}.kinh_phi hoặc du_toan trong kế hoạch năm)"
)
HOUSEHOLDS_MISSING_AREAS = (
    "danh sách hộ gia đình {name} không có hộ nào của {count} khu dân cư ({unlisted}{more}); "
    "bản cam kết của các khu dân cư này không có phụ lục hộ gia đình."
)
PLEDGE_RECEIVER_PURPOSE = "bên nhận cam kết của {code}"
# A document left out of a run for a value it lacks, and the warning that says so: the other
# documents are made.
STOPPED_DOCUMENT = "{label} của {unit}"
DOCUMENTS_STOPPED = (
    "chưa soạn {documents} vì thiếu dữ liệu — {finding}. Các văn bản khác vẫn được soạn; điền "
    "giá trị này rồi chạy lại để có cả văn bản còn thiếu."
)

# An evaluation dated before its window closes is dated when it closes (or by the deadline).
EVALUATION_BEFORE_WINDOW_END = (
    "ngay_van_ban.evaluation: ngày {day} trước ngày cuối kỳ đánh giá của {type} ({end}); báo "
    "cáo tự đánh giá của {type} ghi ngày {moved}."
)

# What a kind's document lacks that its signer must add (warned, the document still made).
ITEM_SCORES_MISSING = (
    "thiếu điểm từng mục của bảng chấm điểm, cần cho báo cáo tự đánh giá "
    "(tệp điểm từng mục: --scores, hoặc trang “Bảng điểm” của tệp kết quả)"
)
NO_MODEL_UNITS = (
    "{code} ({name}): chưa có đơn vị điển hình (cột Điển hình); bản kế hoạch có ghi chú để bổ "
    "sung trước khi ban hành."
)

# init: a folder that already has every starting file.
STARTER_ALL_THERE = "đã có đủ các tệp khởi đầu ({names}); không ghi đè tệp nào"

# A document's date outside its window.
REGISTRATION_AFTER_FIRST_QUARTER = (
    "ngay_van_ban.{name}: bản đăng ký ghi ngày {day}, sau Quý I năm {year} (hạn đăng ký tiêu "
    "chuẩn “An toàn về an ninh, trật tự”)."
)

# The model's descriptions, quoted in messages: an ended body, the score thresholds.
CHANGE_ENDED = "{body} {level} (không còn từ ngày {day})"
THRESHOLDS = (
    "{excellent} từ {excellent_from} điểm; {good} từ {good_from} đến dưới {excellent_from} điểm; "
    "{average} từ {average_from} đến dưới {good_from} điểm; {weak} dưới {average_from} điểm"
)

# The year's figures, totalled for the collection and the report.
FIGURES_NONE = "chưa có số liệu"

# The output folder: its lock, its manifest, writing a document.
OUT_NOT_A_FOLDER = "không phải thư mục."
OUT_LOCKED = (
    "thư mục đang được một lần chạy khác sử dụng; đã chờ {wait:g} giây mà lần chạy đó chưa "
    "xong. Chờ nó xong rồi chạy lại (hoặc dùng --wait để chờ lâu hơn)."
)
OUT_NOT_CREATED = "không tạo được thư mục ({reason})."
MANIFEST_NOT_SAVED = (
    "không lưu được {manifest} ({reason}). Tệp {manifest} cũ còn nguyên; các văn bản đã ghi "
    "được ghi nhận lại ở lần chạy sau."
)
OUT_NOT_RECOVERED = "không dọn được phần dở dang của lần chạy trước ({reason})."
NOT_WRITTEN = "không ghi được ({reason})."
FOLDER_IN_THE_WAY = "đã có một thư mục trùng tên tệp cần ghi."
NOT_A_REGULAR_FILE_DELETE = (
    "{name} không phải tệp thường (liên kết, ống dẫn…); hãy xóa rồi chạy lại."
)
NOT_READABLE = "không đọc được ({strerror})."
PATH_UNRESOLVED = "không xác định được đường dẫn ({error})."
KIND_FOLDER_IS_A_LINK = (
    "thư mục chứa văn bản là liên kết tượng trưng (symlink) ra ngoài thư mục đầu ra; không ghi "
    "qua đó. Hãy xóa liên kết rồi chạy lại."
)
FILE_IS_A_LINK = (
    "là liên kết tượng trưng (symlink); không ghi qua đó. Hãy xóa liên kết rồi chạy lại."
)
NOT_A_REGULAR_FILE = "không phải tệp thường (ống dẫn, thiết bị…); không ghi đè."
MANIFEST_BROKEN = "{manifest} hỏng ({error}); hãy sửa hoặc xóa tệp này rồi chạy lại."
MANIFEST_SHAPE = "không phải danh sách văn bản như chương trình ghi"
# The tool's own files in a folder (manifest.json, the journal of a run that was stopped),
# refused before they are parsed.
OWN_FILE_TOO_LARGE = (
    "tệp {name} quá lớn (trên {megabytes} MB), không phải tệp chương trình ghi; hãy xóa "
    "tệp này rồi chạy lại."
)
OWN_FILE_UNREADABLE = "không đọc được tệp {name} ({why})."

# Why the system refused to write (from its error number).
FILE_TOO_LARGE = "tệp vượt giới hạn kích thước mà hệ thống cho phép"
NO_WRITE_PERMISSION = "không có quyền ghi vào thư mục này"
READ_ONLY_DISK = "ổ đĩa chỉ cho đọc, không cho ghi"

# What a full disk stopped writing, named in errors.DISK_FULL_WRITING ("khi ghi …").
WRITING_DOCUMENT = "văn bản"
WRITING_FOLDER = "thư mục"
WRITING_OUT_FOLDER = "thư mục kết quả"
WRITING_REGISTER = "sổ đăng ký số"
WRITING_PDF = "bản PDF"
WRITING_BUNDLE = "hồ sơ PDF"
WRITING_STARTER = "các tệp khởi đầu"
WRITING_FORMS = "phiếu thu thập kết quả"
WRITING_RESULTS = "bảng kết quả tổng hợp"
WRITING_CHECK_XLSX = "bảng Excel kết quả kiểm tra"
WRITING_TEMPLATES = "bản sao các mẫu"

# The register of document numbers (register.sqlite).
REGISTER_UNOPENABLE = "không mở được sổ đăng ký số ({reason})."
REGISTER_UNREADABLE = "không đọc được sổ đăng ký số ({strerror})."
REGISTER_NOT_A_FILE = (
    "sổ đăng ký số {reason}; ở đây phải là chính tệp sổ (tệp thường) của thư mục này."
)
REGISTER_BROKEN = "sổ đăng ký số hỏng ({error})."
REGISTER_NOT_WRITTEN = "không ghi được sổ đăng ký số ({reason})."
REGISTER_DISK_ERROR = (
    "lỗi ghi ổ đĩa: ổ đầy, hỏng hoặc bị giới hạn dung lượng; sổ giữ nguyên như trước lần chạy này"
)

# Filling a template (a defect in the template).
TEMPLATE_UNREADABLE = "không đọc được tệp mẫu ({error})."
TEMPLATE_SYNTAX = "lỗi cú pháp thẻ mẫu ({error})."
TEMPLATE_VALUE_MISSING = "thiếu giá trị cho thẻ ({message})."
TEMPLATE_NOT_FILLED = "không điền được mẫu ({error})."
TEMPLATE_BAD_XML = "kết quả không phải XML hợp lệ ({error})."
TEMPLATE_TABLE_WITHOUT_GRID = (
    "một bảng trong thân văn bản không có lưới cột (w:tblGrid), nên không điền được; mở mẫu "
    "bằng Word hoặc LibreOffice rồi lưu lại."
)
TEMPLATE_FOOTNOTES_UNFILLED = (
    "chú thích cuối trang có thẻ nhưng thân văn bản không có thiết lập trang (section) nào, nên "
    "thẻ sẽ in nguyên như đã gõ; mở mẫu bằng Word hoặc LibreOffice rồi lưu lại."
)
TEMPLATE_PROPERTIES_SYNTAX = "lỗi cú pháp thẻ trong thuộc tính tài liệu ({error})."
# A picture, a sub-document or a hyperlink made for another template than the one filled.
TEMPLATE_LINK_OTHER_TEMPLATE = (
    "một liên kết (hyperlink) trong chữ định dạng không được tạo cho mẫu này."
)
TEMPLATE_VALUE_OTHER_TEMPLATE = (
    "một ảnh hoặc tài liệu con được tạo cho một mẫu khác, không phải mẫu này."
)
TEMPLATE_VALUES_SEVERAL_TEMPLATES = (
    "các ảnh, tài liệu con hoặc liên kết được tạo cho nhiều mẫu khác nhau."
)

# PDF copies and the hồ sơ.
NO_LIBREOFFICE = (
    "không tìm thấy LibreOffice (lệnh soffice) để chuyển văn bản sang PDF. Cài gói {package} "
    "(Debian/Ubuntu: sudo apt-get install {package}) rồi chạy lại."
)
PDF_SIGNED = ", {count} đã có bản ký"
PDF_KEPT = ", {count} PDF sửa tay được giữ nguyên"
PDF_FAILED = ", {count} không chuyển được"
PDF_SUMMARY = (
    "PDF: {made} tệp mới làm, {unchanged} đã mới hơn văn bản{signed}{kept}{failed} trong {out}."
)
BUNDLE_LACKING = "; {count} văn bản bắt buộc chưa có bản PDF để ghép"
BUNDLE_SUMMARY = "Hồ sơ: {count} tệp trong {folder}{lacking}."
PDF_UNREADABLE = "{path}: không đọc được tệp PDF để ghép hồ sơ ({error})."

# The year report.
REPORT_NEEDS_RESULTS = "báo cáo tổng kết cần tệp kết quả cuối năm: thêm --results TỆP."
REPORT_SIGNED_NEEDS_DOCS = "chỉ đếm bản đã ký (--signed) cần thư mục văn bản: thêm --docs THƯ_MỤC."
REPORT_LEVEL_WITHOUT_UNITS = "--level: {code} ({name}) không có đơn vị cấp dưới để báo cáo tổng kết"
DOCUMENT_DATA_MISSING = "Thiếu dữ liệu cho văn bản"
REPORT_LEVEL_ENDED = (
    "--level: {code} ({name}) đã kết thúc hoạt động trước ngày của báo cáo tổng kết ({day}; "
    "{changes}, thay_doi_to_chuc của kế hoạch), nên không ban hành báo cáo; báo cáo của cấp "
    "trên còn hoạt động tổng hợp các đơn vị của nó. Báo cáo cho thời gian trước đó: ghi ngày "
    "vào ngay_van_ban.report."
)

# The collection forms: which units get one (--level), a folder that has them all.
NO_FORM_OWNERS = "không có đơn vị nào lập phiếu dưới {level} trong {roster}."
THE_ROSTER = "danh sách đơn vị"
FORMS_ALL_THERE = "đã có đủ {count} phiếu ({listed}); không ghi đè tệp nào"
FORMS_AND_MORE = "{names} và {more} phiếu khác"
LEVEL_NOT_IN_ROSTER = "--level: không có đơn vị mang mã {level} trong {roster}"
LEVEL_SHARES_FORM = (
    "--level: {code} ({name}) điền chung phiếu với {owner}; hãy dùng --level {owner_code}."
)

# The collection: a returned form that is not one.
FORM_NOT_XLSX = "không phải tệp Excel .xlsx của phiếu thu kết quả."
FORM_NOT_A_FORM = (
    "không phải phiếu thu kết quả (không thấy ô “{label}” ở trang {sheet}); hãy gửi lại đúng "
    "tệp phiếu đã phát."
)
FORM_SHEET_MISSING = "thiếu trang “{name}”; hãy dùng lại tệp phiếu đã phát."

# The collection: reading the returned forms into the results workbook.
RESULTS_OUT_NOT_XLSX = "--out {out}: tệp kết quả phải có đuôi .xlsx."
FORM_EMPTY = "phiếu chưa điền: không có ô kết quả, điểm, số liệu hay nhận xét nào được ghi"
COLLECTING = "Thu phiếu"
NO_FORMS = "không có tệp phiếu .xlsx nào."
RESULTS_OUT_EXISTS = "tệp đã có; dùng --force để ghi đè hoặc chọn tên khác."
FIGURE_NOT_YET = "chưa có"
FIGURE_TOTAL = "{name}: {value} ({reported}/{expected} đơn vị báo cáo)"
RESULTS_OUT_IS_AN_INPUT = (
    "đây là tệp đầu vào của lần thu này, không ghi đè; hãy chọn tên khác cho tệp kết quả."
)
RESULTS_OUT_IS_A_FOLDER = "là một thư mục; hãy ghi tên tệp .xlsx."
ROSTER = "danh sách đơn vị"
FORM_OWNER_UNKNOWN = 'phiếu của đơn vị mã "{owner}", không có trong {roster}'
FORM_OF_THE_ROOT = "phiếu của {name} ({code}), đơn vị gốc của {roster}: đơn vị gốc không lập phiếu"
FORM_SHARED_ELSEWHERE = (
    "phiếu của {name} ({code}), nhưng theo {roster} đơn vị này điền chung phiếu của {owner} "
    "({owner_code}); hãy làm lại phiếu bằng lệnh forms"
)
FORM_TWICE = (
    "cùng là phiếu của {name} ({code}) với {others}; mỗi đơn vị chỉ nộp một phiếu: bỏ các "
    "phiếu thừa rồi thu lại"
)
ROW_TWICE = "{code} đã có ở dòng {row}; xóa dòng lặp"
ITEM_ROW_TWICE = 'mục "{item}" của {code} đã có ở dòng {row}; xóa dòng lặp'
FORM_ROW_MISSING = "thiếu dòng của {name} ({code})"
FORM_CODE_MISSING = "thiếu mã đơn vị; không sửa, không xóa mã trên phiếu"
FORM_CODE_UNKNOWN = 'mã "{code}" không có trong {roster}'
FORM_ROW_OF_ROOT = "không điền phiếu nào (đơn vị gốc)"
FORM_ROW_OWN_FORM = "có phiếu riêng"
FORM_ROW_SHARED = "điền phiếu của {name} ({code})"
FORM_ROW_NOT_HERE = 'mã "{code}" ({name}) không thuộc phiếu này; đơn vị này {where}'
FORMS_NOT_RECEIVED = "chưa nhận phiếu của {count} {units}: {names}"


# generate: kinds and units asked for that do not exist, units left out, numbers not used.
NO_SUCH_KINDS = "loại văn bản không có: {kinds}"
UNIT_NOT_IN_ROSTER = "--unit: không có đơn vị mang mã {codes} trong {sources}{hint}"
NUMBER_FROM_NOT_IN_ROSTER = "--number-from: không có đơn vị mang mã {codes}{hint}"
NUMBER_FROM_UNUSED = (
    "--number-from {code}: lần chạy này không có văn bản nào của đơn vị này cần đánh số."
)
UNIT_NOT_IN_FORCE = (
    "{code} ({name}): không có trong danh sách đơn vị có hiệu lực vào ngày của {labels} nên "
    "không soạn."
)
UNIT_NOT_REQUIRED = (
    "{code} ({name}): không phải soạn {labels} theo tai_lieu_bat_buoc của kế hoạch năm."
)
NUMBERING_UNIT_UNKNOWN = 'không có đơn vị mang mã "{code}" trong danh sách'
DOCUMENTS_LACK_VALUES = "Thiếu dữ liệu cho văn bản"
TEMPLATE_NAME_UNKNOWN = (
    "{path}: tên tệp không phải tên mẫu nào nên không được dùng (tên mẫu: xem antq-docs "
    "templates list)."
)
TARGET_UNIT_UNKNOWN = (
    'chi_tieu[{index}].don_vi: không có đơn vị mang mã "{code}" trong {rosters}, chỉ tiêu riêng '
    "này không đưa vào văn bản nào{hint}."
)

# generate: bodies that ended in the year (thay_doi_to_chuc), and headers without a superior.
ENDED_DOCUMENTS = "{kind} ngày {day} của {units}"
ENDED_ROOT = "{kind} ngày {day} của {code} ({name})"
ENDED_LEFT_OUT = (
    "không soạn văn bản của cơ quan đã kết thúc hoạt động vào ngày của văn bản ({ended}; khóa "
    "thay_doi_to_chuc của tệp kế hoạch): {documents}. Văn bản của các đơn vị cấp dưới của các "
    "cơ quan này gửi cơ quan cấp trên còn hoạt động."
)
ENDED_ROOT_STILL_ISSUES = (
    "đơn vị gốc của danh sách đã kết thúc hoạt động vào ngày của văn bản ({ended}) nhưng không "
    "có cấp trên trong danh sách để thay: {documents} vẫn do đơn vị này ban hành."
)
NO_SUPERIOR_COLUMN = (
    "{count} đơn vị không ghi “Cơ quan chủ quản” trong danh sách đơn vị: {named}{more}. Dòng cơ "
    "quan cấp trên ở đầu văn bản của các đơn vị này để trống vì không suy ra chắc chắn được (cơ "
    "quan ngành dọc, lực lượng vũ trang, trường cao đẳng, đại học…); điền cột này rồi chạy lại, "
    "hoặc ghi tay trước khi ban hành."
)
AND_MORE_UNITS = " và {count} đơn vị khác"

# generate: the run's last line.
SIGNED_PART = ", {count} đã có bản ký .pdf"
DRY_RUN_SUMMARY = (
    "Chạy thử: sẽ ghi {todo} tệp ({new} mới, {updated} cập nhật), {unchanged} không đổi, {kept} "
    "đã sửa tay được giữ nguyên{signed}; chưa ghi gì vào {out}."
)
RUN_SUMMARY = (
    "Xong: {new} tệp mới, {updated} cập nhật, {unchanged} không đổi, {kept} đã sửa tay được giữ "
    "nguyên{signed} trong {out}."
)
