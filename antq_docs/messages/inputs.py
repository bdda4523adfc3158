"""What the readers of the inputs say: the campaign, the rosters, the results, the households."""

from __future__ import annotations

# Every reader: a cell or a key that must be filled.
REQUIRED = "thiếu giá trị bắt buộc"

# The campaign file (ke-hoach.yaml): opening it, its legal bases and recipients.
CAMPAIGN_NOT_FOUND = "không tìm thấy tệp kế hoạch."
CAMPAIGN_TOO_LARGE = (
    "tệp kế hoạch quá lớn ({size}; tối đa {limit}); tệp kế hoạch thật chỉ vài nghìn byte."
)
CAMPAIGN_NOT_A_FILE = "{reason}. Hãy chỉ ra chính tệp kế hoạch (YAML, tệp thường)."
CAMPAIGN_NOT_UTF8 = "tệp kế hoạch phải lưu dạng UTF-8."
YAML_WHERE = "dòng {line}, cột {column}: "
YAML_INVALID = "YAML không hợp lệ, {where}{problem}."
CAMPAIGN_FILE = "Tệp kế hoạch {name}"
LEGAL_BASES_NOT_A_LIST = "phải là danh sách các căn cứ, mỗi dòng một văn bản"
LEGAL_BASE_AFTER_PLAN = "ngày {day} trước ngày của kế hoạch tỉnh ({date}) mà văn bản lấy làm căn cứ"
KEY_NO_LONGER_USED = (
    "khóa này không còn dùng: kế hoạch năm luôn là của Ủy ban nhân dân; nghị quyết của cấp ủy "
    "(resolution) được soạn riêng, cùng với kế hoạch. Hãy xóa khóa này"
)
# What a list must hold, after NOT_A_LIST_OF ("phải là danh sách {what}").
LIST_OF_PARTY_DOCUMENTS = "các văn bản của Đảng, mỗi dòng một văn bản"
LIST_OF_RECIPIENTS = "các nơi nhận, mỗi dòng một cơ quan"

# The campaign: the Ngày hội, its budget and its anniversaries.
VENUE_WITHOUT_UNIT = (
    '"{venue}" không ghi tên đơn vị nên sai với các đơn vị khác loại (xã, phường, thị trấn; '
    "huyện, thị xã, thành phố); bỏ khóa này thì mỗi kế hoạch ghi hội trường Ủy ban nhân dân "
    "của chính đơn vị đó, hoặc ghi riêng ở cột Địa điểm của danh sách"
)
BUDGET_DIFFERS = (
    "tổng kinh phí {budget} khác tổng dự toán (du_toan) {total}; sửa cho bằng nhau hoặc bỏ kinh_phi"
)
NOT_WHOLE_DONG = '"{value}" không phải số tiền đồng nguyên (viết 15500000)'
ESTIMATE_NOT_A_LIST = "phải là danh sách các khoản: noi_dung, so_tien"
ANNIVERSARIES_NOT_A_LIST = "phải là danh sách các ngày kỷ niệm: noi_dung, ngay"
ANNIVERSARY_WITH_YEARS = (
    '"{name}": ghi tên ngày kỷ niệm không kèm số năm; số năm tính từ ngay và nam'
)
ANNIVERSARY_NOT_BEFORE = "ngày {since} phải trước năm {year}"
ANNIVERSARY_NO_29_FEBRUARY = "năm {year} không có ngày 29/02 để kỷ niệm"

# The campaign: the scoring sheet (bang_diem) and the year's figures.
NOT_POINTS_NUMBER = '"{value}" phải là một số điểm'
POINTS_OUT_OF_RANGE = '"{value}" phải từ {low} đến {high}'
THRESHOLDS_NOT_DESCENDING = "ngưỡng phải giảm dần: xuat_sac > kha > trung_binh"
SCORE_ITEMS_NOT_A_LIST = "phải là danh sách các mục chấm điểm"
ITEM_REQUIRES_UNKNOWN = '"{requires}" phải là một trong: {allowed}'
ITEM_ID_TWICE = 'mã mục "{item_id}" viết hai lần'
ITEMS_TOTAL_WRONG = "tổng điểm tối đa các mục là {total}, phải là {expected}"
FIGURES_NOT_A_LIST = "phải là danh sách các số liệu (ma, ten, don_vi_tinh, loai)"
FIGURE_SECTION_UNKNOWN = '"{section}" phải là một trong: {allowed}'
FIGURE_ID_NOT_PLAIN = (
    '"{figure_id}" phải viết chữ thường không dấu, số và dấu gạch dưới (ví dụ buoi_tuyen_truyen)'
)
FIGURE_ID_TWICE = 'mã số liệu "{figure_id}" viết hai lần'
FIGURE_NAME_TWICE = 'tên "{name}" trùng với một số liệu khác (tên là tiêu đề cột)'

# The campaign: the year, its changes, its rosters by period, its targets.
CHANGES_NOT_A_LIST = "phải là danh sách các thay đổi: co_quan, cap, den_ngay"
CHANGE_BODY_UNKNOWN = '"{body}" không phải cơ quan có thể kết thúc; chấp nhận: {allowed}'
CHANGE_LEVEL_UNKNOWN = '"{level}" không phải cấp có thể kết thúc; chấp nhận: {allowed}'
RECOGNISING_LEVEL_UNKNOWN = '"{value}" phải là một trong: {allowed} (cấp Ủy ban nhân dân công nhận)'
COMMUNE_RECOGNISES_ITSELF = "cấp xã không tự công nhận chính mình: ghi huyen hoặc tinh"
TEMPLATES_NOT_A_PATH = "phải là đường dẫn thư mục mẫu"
TEMPLATES_FOLDER_NOT_FOUND = 'không tìm thấy thư mục mẫu "{written}" ({folder})'
DATE_OUTSIDE_YEAR = "ngày {day} không thuộc năm {year} của phong trào"
PERIODS_NOT_A_LIST = "phải là danh sách các mục {{tep: TỆP, tu_ngay: NGÀY}}"
PERIOD_SAME_DAY = "ngày {start} trùng với {seen}"
PERIOD_NOT_IN_ORDER = (
    "ngày {start} phải sau ngày {previous} của {field}: các thời kỳ ghi theo thứ tự thời gian"
)
CODE_NUMBERS_NOT_A_TABLE = "phải là bảng mã đơn vị: số bắt đầu"
NOT_A_COUNT_FROM_ONE = '"{value}" phải là số nguyên từ 1'
TARGETS_NOT_A_LIST = "phải là danh sách chỉ tiêu"
COMPARE_UNKNOWN = '"{compare}" phải là ">" (trên) hoặc ">=" (đạt ít nhất)'
NOT_A_PERCENT = '"{percent}" phải là số phần trăm từ 0 đến 100'
CODES_NOT_A_LIST = "phải là danh sách mã đơn vị"

# A CSV file: its encoding, quotes and cells.
CSV_BROKEN = "dòng {line}: CSV hỏng ({error})."
CSV_OPEN_QUOTE = (
    'ô mở dấu ngoặc kép (") mà không đóng, nên các dòng {first}–{end} bị gộp vào một ô; hãy '
    'đóng dấu " hoặc xóa dấu " thừa'
)
ENCODING_UNKNOWN = 'không biết bảng mã "{encoding}".'
ENCODING_UNREADABLE = "không đọc được theo bảng mã {encoding}: {where}."
BOM_BROKEN = "có dấu BOM {name} nhưng nội dung hỏng: {where}."
NOT_UTF8_NOR_1258 = (
    "không phải UTF-8 ({where}) và cũng không phải Windows-1258. Hãy lưu lại bằng Excel dạng "
    '"CSV UTF-8", hoặc cho biết bảng mã bằng --encoding.'
)
BYTE_AT_LINE = "byte 0x{byte:02X} ở dòng {line}"

# The results workbook: the figures and notes pages.
CODE_NOT_IN_ROSTER = 'không có đơn vị nào mang mã "{code}" trong danh sách đơn vị'
CODE_ALREADY_AT_ROW = 'mã "{code}" đã có ở dòng {row}'
FIGURE_NOT_A_COUNT = '"{text}" phải là số nguyên không âm ({measure})'
FIGURE_NOT_REPORTED_BY_TYPE = "{type_name} không báo cáo số liệu này; để trống ô"
FIGURE_DIFFERS_FROM_RESULTS = "khác số đã ghi ở trang Kết quả ({mine})"

# The households list (danh sách hộ gia đình).
DUPLICATE_HOUSEHOLD = 'mã hộ "{code}" trùng với dòng {row} của cùng khu dân cư {area}'
NO_HOUSEHOLDS = "danh sách không có hộ gia đình nào"
HOUSEHOLDS_FILE = "Danh sách hộ gia đình {name}"
MEMBERS_NOT_A_COUNT = 'số nhân khẩu "{text}" phải là số nguyên từ 1 đến {limit}'
AREA_NOT_IN_ROSTER = 'không có khu dân cư nào mang mã "{area_code}" trong {roster}'
AREA_NOT_RESIDENTIAL = '"{area_code}" ({name}) là {type_name}, không phải khu dân cư'
HOUSEHOLDS_DIFFER = (
    "{code} ({name}): danh sách đơn vị {roster} ghi {written} hộ, danh sách hộ gia đình "
    "{households} có {count} hộ; bản cam kết dùng số hộ của danh sách hộ gia đình."
)

# The scores of each item of the scoring sheet.
SCORES_WITHOUT_SHEET = (
    "kế hoạch chưa có bảng chấm điểm (bang_diem) nên không đọc được điểm từng mục"
)
UNIT_HAS_NO_RESULT_ROW = 'đơn vị "{code}" không có dòng trong {name}'
ITEM_NOT_IN_SHEET = (
    'mục "{item_id}" không có trong bảng chấm điểm của kế hoạch (bang_diem); các mục: {items}'
)
NOT_POINTS = '"{text}" không phải số điểm'
ITEM_POINTS_OUT_OF_RANGE = 'điểm {text} của mục "{id}" phải từ 0 đến {max_points} (điểm tối đa)'
ITEM_POINTS_TWICE = 'điểm mục "{item_id}" của "{code}" đã có ở dòng {first}'
EVENT_ITEM_WITHOUT_EVENT = (
    'mục "{id}" ({text}) được {points} điểm nhưng đơn vị không tổ chức Ngày hội (cột Ngày hội '
    "của {name}); mục này phải là 0 điểm"
)
ITEMS_MISSING = "thiếu điểm các mục {missing} của bảng chấm điểm"
SCORE_DIFFERS_FROM_ITEMS = "điểm {score} khác tổng điểm các mục ({total}) trong {name}"

# Loading a run's inputs: options that go together, the default files, the rosters.
PER_HOUSEHOLD_WITHOUT_HOUSEHOLDS = (
    "--per-household chỉ dùng cùng --households (danh sách hộ gia đình)."
)
SCORES_WITHOUT_RESULTS = "--scores chỉ dùng cùng --results (tệp kết quả cuối năm)."
PREVIOUS_YEAR_WITHOUT_RESULTS = (
    "--nam-truoc chỉ dùng cùng kết quả cuối năm của năm nay (--results)."
)
INPUTS = "Dữ liệu đầu vào"
WARNING = "Cảnh báo: {warning}"
DEFAULT_SAMPLE_ROSTER = "Không chỉ định tệp: dùng dữ liệu mẫu {units}"
DEFAULT_ROSTER_PERIOD = "{name} từ {start}"
DEFAULT_SAMPLE_ROSTERS = "Không chỉ định tệp: dùng các danh sách đơn vị của kế hoạch mẫu: {listed}"
LISTED_FILE_NOT_FOUND = (
    'không tìm thấy tệp "{written}" (đường dẫn tính từ thư mục của tệp kế hoạch: {path})'
)
DEFAULT_CAMPAIGN_HERE = "Không chỉ định tệp: dùng kế hoạch {name} của thư mục hiện tại"
DEFAULT_SAMPLE_CAMPAIGN = "Không chỉ định tệp: dùng dữ liệu mẫu {campaign}"
DEFAULT_RESULTS_HERE = (
    "Không chỉ định tệp: dùng kết quả cuối năm {name} của thư mục hiện tại (chưa có kết quả "
    "thì đổi tên tệp này)"
)
DEFAULT_SAMPLE_RESULTS = (
    "Không chỉ định tệp: dùng kết quả cuối năm mẫu {results} và điểm từng mục {scores}"
)
YEAR_END_TWO_ROSTERS = (
    "báo cáo tự đánh giá ({evaluation}) và báo cáo tổng kết ({report}) thuộc hai danh sách đơn "
    "vị khác nhau; kết quả cuối năm chỉ đối chiếu với một danh sách: đặt hai ngày trong cùng "
    "một thời kỳ của danh_sach_don_vi"
)
ROOT_NOT_THE_PROVINCE = (
    "{roster}, dòng {row}, cột {column} “{code}”: đơn vị gốc của danh sách là “{root}”, không "
    "phải tỉnh “{province}” của kế hoạch năm; kiểm tra lại danh sách đơn vị, hoặc, nếu đây là "
    "danh sách của tỉnh sau sáp nhập, ghi tỉnh của từng thời kỳ bằng khóa tinh trong "
    "danh_sach_don_vi."
)

# Last year's results (--nam-truoc) and the hints of yes/no cells.
HINT_YES_NO = "có hoặc không"
HINT_PASSED = "đạt hoặc chưa đạt"
PREVIOUS_YEAR_FILE = "Tệp kết quả năm trước {name}"
NOT_A_NON_NEGATIVE_COUNT = '"{text}" phải là số nguyên không âm'

# A yes/no cell of the results.
VALUE_UNCLEAR = '"{text}" không rõ; ghi {hint}'

# The year-end results (kết quả cuối năm).
RESULTS_FILE = "Tệp kết quả {name}"
ROSTER = "danh sách đơn vị"
HINT_PASSED_YES_NO = "đạt hoặc chưa đạt (có hoặc không)"
RECOGNISED_NOT_REGISTERED = (
    "đạt chuẩn nhưng không đăng ký; chỉ đơn vị đã đăng ký mới được công nhận"
)
CODE_NOT_IN_FILE = 'không có đơn vị nào mang mã "{code}" trong {roster}'
SCORE_OUT_OF_RANGE = "điểm {written} phải từ 0 đến 100"
LEVEL_UNKNOWN = '"{written}" không phải mức xếp loại; chấp nhận: {allowed}'
LEVEL_CONTRADICTS_SCORE = (
    'xếp loại "{level}" trái với điểm {points}: theo ngưỡng ({thresholds}) {points} điểm là '
    '"{expected}"'
)
RECOGNISED_BUT_WEAK = (
    'đạt chuẩn nhưng xếp loại "{weak}"; đơn vị xếp loại Yếu không được công nhận đạt tiêu '
    "chuẩn “An toàn về an ninh, trật tự”: sửa cột Đạt chuẩn hoặc cột Xếp loại"
)
RECOGNISED_BUT_WEAK_SCORE = (
    'đạt chuẩn nhưng điểm {points} là xếp loại "{weak}" (theo ngưỡng: {thresholds}); đơn vị xếp '
    "loại Yếu không được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”: sửa cột Đạt "
    "chuẩn hoặc cột Điểm"
)
UNIT_WITHOUT_RESULT = 'đơn vị "{code}" ({name}) trong {roster} không có dòng kết quả'
NOT_A_PERSON_COUNT = '"{text}" phải là số người (số nguyên)'
# What the meeting's columns count, named by limits.COUNT_NOT_WHOLE and COUNT_TOO_LARGE.
PEOPLE_COUNT = "số người"
VOTES_OVER_ATTENDANCE = "số tán thành {votes} lớn hơn số người dự họp {attendance}"
COMMUNE_NOT_RECOGNISABLE = (
    "cấp xã chỉ được công nhận đạt chuẩn khi 100% đơn vị trực thuộc đăng ký và ít nhất "
    "{minimum}% đạt chuẩn (Thông tư 124/2021/TT-BCA); {name} có {registered}/{count} đăng ký, "
    "{recognised}/{count} đạt chuẩn"
)

# The roster of units (danh sách đơn vị).
ACCEPTED_TYPES = "{keys} hoặc {labels}"
# {noun} is CODE or HOUSEHOLD_CODE: the code of a unit or of a household.
CODE = "mã"
HOUSEHOLD_CODE = "mã hộ"
CODE_HAS_SLASH = '{noun} "{code}" chứa "/", "\\" hoặc ".." nên không dùng làm tên tệp được'
CODE_NOT_A_FILE_NAME = (
    '{noun} "{code}" không dùng làm tên tệp được: chỉ được dùng chữ cái không dấu, chữ số, ".", '
    '"-", "_" và phải bắt đầu bằng chữ hoặc số'
)
CODE_RESERVED = '{noun} "{code}" trùng tên dành riêng của Windows'
CODE_ENDS_WITH_DOT = '{noun} "{code}" không được kết thúc bằng dấu chấm'
CODE_TOO_LONG = '{noun} "{code}" dài quá {limit} ký tự'
CODE_TWICE = 'mã "{code}" trùng mã ở dòng {row}'
CODE_CASE_ONLY = 'mã "{code}" chỉ khác chữ hoa/thường với mã ở dòng {row}'
NO_UNITS = "danh sách không có đơn vị nào"
ROSTER_FILE = "Danh sách đơn vị {name}"
TYPE_UNKNOWN = 'loại "{written}" không hợp lệ; chấp nhận: {accepted}'
# What the Số hộ column counts, named by limits.COUNT_NOT_WHOLE and COUNT_TOO_LARGE.
HOUSEHOLDS_COUNT = "số hộ"
BUDGET_NOT_AN_AMOUNT = 'kinh phí "{written}" không phải số tiền (viết 15.500.000)'
FLAG_UNCLEAR = '"{written}" không rõ; ghi x, có, 1 hoặc để trống'
PARENT_NOT_FOUND = 'không có đơn vị nào mang mã "{parent_code}"'
SECOND_ROOT = (
    'thiếu mã cấp trên; chỉ đơn vị gốc được để trống, và đơn vị gốc đã là "{code}" (dòng {row})'
)
PARENT_LOOP = "vòng lặp cấp trên: {chain}"
NO_ROOT = "không có đơn vị gốc (đơn vị để trống Mã cấp trên)"

# Any table file (CSV or Excel).
XLS_NOT_SUPPORTED = (
    "định dạng Excel 97-2003 (.xls) không được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx "
    "hoặc CSV UTF-8."
)
SHEET_ONLY_FOR_EXCEL = "--sheet chỉ dùng cho tệp Excel (.xlsx)."

# An Excel workbook.
EXCEL_UNOPENABLE = "không mở được tệp Excel ({error})."
SHEET_NOT_FOUND = 'không có trang tính "{sheet}"; các trang: {names}.'
EXCEL_BROKEN = "tệp Excel hỏng ({error})."

# Any key of a YAML file: its type, its value, its name.
YAML_NO_ALIASES = "không dùng bí danh YAML (&/*); hãy viết lại giá trị ở từng chỗ"
YAML_TOO_DEEP = "lồng nhau quá {limit} tầng danh sách hay bảng"
YAML_TAG_UNREADABLE = "giá trị{shown} không đọc được theo thẻ {tag}"
KEY_TWICE = 'khóa "{key}" viết hai lần (dòng {first} và {second})'
KEY_NOT_A_WORD = "dòng {line}: khóa phải là một chữ, không phải danh sách hay bảng"
ROOT_FIELD = "(gốc)"
NOT_A_TABLE = "phải là một bảng khóa: giá trị"
NOT_TEXT = "phải là một đoạn chữ"
NOT_EMPTY = "không được để trống"
NOT_AN_INTEGER_IN_RANGE = '"{value}" phải là số nguyên từ {low} đến {high}'
DATE_MISSING = "thiếu ngày (viết 2025-03-07 hoặc 07/03/2025)"
NOT_A_REAL_DAY = '"{value}" không phải ngày có thật'
NOT_A_DATE = '"{value}" không phải ngày hợp lệ (viết 2025-03-07 hoặc 07/03/2025)'
TYPES_NOT_A_LIST = "phải là danh sách loại đơn vị"
TYPES_UNKNOWN = "loại đơn vị không hợp lệ: {bad}; chấp nhận: {allowed}"
NOT_ONE_OF = '"{value}" phải là một trong: {allowed}'
NOT_YES_NO = '"{value}" phải là true (có) hoặc false (không)'
NOT_A_LIST_OF = "phải là danh sách {what}"
KEY_UNKNOWN_CLOSE = 'khóa không được biết tới; có phải "{close}"?'
KEY_UNKNOWN = "khóa không được biết tới (viết sai tên?)"


# Rosters by period given by their day (period_units) that do not fit the campaign's periods.
PERIOD_WITHOUT_ROSTER = (
    "thời kỳ từ ngày {day} của danh_sach_don_vi chưa có tệp danh sách đơn vị: đưa lên danh "
    "sách đơn vị có hiệu lực từ ngày {day}"
)
ROSTER_DAY_NOT_A_PERIOD = (
    "danh sách đơn vị từ ngày {day} không ứng với thời kỳ nào của danh_sach_don_vi (các "
    "thời kỳ bắt đầu ngày {listed}): sửa ngày của tệp, hoặc thêm thời kỳ từ ngày {day} vào kế "
    "hoạch năm"
)
ROSTER_DAY_WITHOUT_PERIODS = (
    "danh sách đơn vị từ ngày {day}: kế hoạch năm không chia danh sách đơn vị theo thời kỳ "
    "(danh_sach_don_vi); thêm thời kỳ từ ngày {day} vào kế hoạch năm, hoặc dùng một danh sách "
    "cho cả năm"
)
