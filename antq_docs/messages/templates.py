"""What the template checker (templates check) says about an official's Word templates: their tags,
their variables, their format."""

from __future__ import annotations

# The levels of a finding, shown in brackets: “[lỗi]”.
LEVEL_ERROR = "lỗi"
LEVEL_WARNING = "cảnh báo"
LEVEL_INFO = "thông tin"

# Which files are checked; the summary of a check.
NOT_FOUND = "không tìm thấy tệp hoặc thư mục."
FOLDER_NOT_FOUND = "không tìm thấy thư mục mẫu."
FOLDER_IS_A_FILE = "là một tệp, không phải thư mục mẫu."
NO_TEMPLATES = "không có tệp mẫu .docx nào để kiểm tra."
TEMPLATES_WITH_ERRORS = "Mẫu có lỗi, không dùng được"
SUMMARY_ERRORS = "Đã kiểm tra {count} mẫu: {bad} mẫu có {errors} lỗi."
SUMMARY_CLEAN = "Đã kiểm tra {count} mẫu: không có lỗi."

# Where in a template a finding is.
PART_BODY = "thân văn bản"
PART_HEADER = "đầu trang {number}"
PART_FOOTER = "chân trang {number}"
PART_FOOTNOTES = "chú thích cuối trang"
PART_ENDNOTES = "chú thích cuối văn bản"
# A document property (File → Info in Word, File → Properties in LibreOffice), named as Word does.
PART_PROPERTY = "thuộc tính “{name}” của tệp"
PROPERTY_NAMES = {
    "creator": "Tác giả",
    "description": "Chú thích",
    "identifier": "Mã định danh",
    "language": "Ngôn ngữ",
    "subject": "Chủ đề",
    "title": "Tiêu đề",
}
WHERE_PARAGRAPH = "đoạn{number}{quoted}"

# A file that is not a usable template.
NOT_A_WORD_FILE = "không đọc được tệp Word .docx ({error})"
BROKEN_XML = "XML hỏng ({error})"
NOT_A_KIND_TEMPLATE = (
    "tên tệp không phải tên mẫu của loại văn bản nào ({names}); không kiểm tra được biến"
)

# The tags ({{ … }}, {% … %}) as Word leaves them.
TAG_SYNTAX = "lỗi cú pháp thẻ: {message}"
TAG_ERROR = "lỗi thẻ: {error}"
TAG_SPLIT_BY_SPACE = (
    "thẻ bị tách bởi dấu cách giữa hai dấu ngoặc (“{{ {{” hoặc “% }}”): viết liền {{{{ … }}}} "
    "và {{% … %}}"
)
TAG_SPLIT_ACROSS_PARAGRAPHS = (
    "thẻ mở và đóng không cùng một đoạn (thẻ bị ngắt dòng) và hai đoạn không nối được với nhau "
    "(khác ô bảng, khác khung): hãy gõ lại cả thẻ trên một dòng"
)
PART_BROKEN_BY_TAGS = (
    "sau khi gom các thẻ, phần này không còn là XML hợp lệ (thẻ nằm vắt qua ô bảng, khung hoặc "
    "liên kết): hãy gõ lại các thẻ, mỗi thẻ liền trong một đoạn"
)
TABLE_WITHOUT_GRID = (
    "một bảng không có lưới cột (w:tblGrid), nên docxtpl không điền được phần này; mở mẫu bằng "
    "Word hoặc LibreOffice rồi lưu lại"
)
FOOTNOTES_WITHOUT_SECTION = (
    "thẻ ở chú thích cuối trang không được điền vì thân văn bản không có thiết lập trang (phần, "
    "section) nào: thẻ sẽ in nguyên như đã gõ; mở mẫu bằng Word hoặc LibreOffice rồi lưu lại"
)
TAG_NOT_FILLED = (
    "thẻ ở {part} không được điền (chỉ thân văn bản, đầu trang, chân trang, chú thích cuối trang "
    "và thuộc tính của tệp được điền): thẻ sẽ in nguyên như đã gõ; chuyển sang chú thích cuối "
    "trang"
)
TAG_BAD_QUOTES = "dấu ngoặc {bad} trong thẻ {tag}: gõ lại bằng dấu ngoặc thẳng \" hoặc '"
TAG_CURLY_QUOTES = (
    "dấu ngoặc cong {curly} trong thẻ {tag}: nên gõ dấu ngoặc thẳng \" hoặc ' (tắt AutoCorrect "
    "của Word)"
)
TAG_NO_SPACE = "viết liền {{%{word} {rest} …%}}: không có dấu cách giữa {{% và {word}"
TAG_SPACE_MISSING = "thiếu dấu cách sau {{%{word}: viết {{%{word} {rest} …%}}"
PARAGRAPH_TAG_WITH_TEXT = (
    "đoạn có thẻ đoạn {tag} cũng có chữ «{rest}»: khi soạn, cả đoạn được thay bằng thẻ nên chữ "
    "này mất; đặt thẻ vào một đoạn riêng"
)
ROW_TAG_WITH_TEXT = (
    "hàng bảng có thẻ {{%tr …%}} cũng có chữ «{rest}»: khi soạn cả hàng được thay bằng thẻ; để "
    "thẻ ở một hàng riêng"
)

# The variables a template uses, against those its kind provides.
TEMPLATE_OF_KIND = "mẫu {label}"
TEMPLATE = "mẫu"
UNKNOWN_VARIABLE = "biến {name} không có trong {what}{hint}"
DID_YOU_MEAN = "; có phải {close}?"
UNUSED_VARIABLES = "biến được cung cấp nhưng mẫu không dùng: {names}"

# The Nghị định 30 format of a template (the linter's finding).
FORMAT_FINDING = "thể thức [{rule}] {location}: cần {expected}; thấy {found}"

# `templates copy`: the built-in templates and their guide written to a folder.
GUIDE_EXISTS = "đã có tệp, không ghi đè: {files}"
GUIDE_NOT_WRITTEN = "không ghi được ({reason})."
