"""What the year-plan page (Kế hoạch năm) says to the person filling it in."""

from __future__ import annotations

SAMPLE_SHOWN = (
    "Đây là kế hoạch mẫu của tỉnh Kon Tum năm 2025, chưa phải kế hoạch của tỉnh mình: sửa "
    "từng ô cho đúng kế hoạch của tỉnh rồi bấm “Lưu kế hoạch”, hoặc mở tệp kế hoạch đã có."
)
KEPT_SHOWN = "Đang hiện kế hoạch đã lưu trên trình duyệt này."
UPLOAD_SHOWN = (
    "Đã mở tệp “{name}”: xem lại từng ô rồi bấm “Lưu kế hoạch”. Tệp chưa được lưu cho tới "
    "khi bấm nút đó."
)
UPLOAD_PROBLEMS = "Tệp “{name}” có {count} lỗi, ghi ở dưới và bên cạnh từng ô:"
FORM_PROBLEMS = (
    "Kế hoạch còn {count} lỗi, chưa được lưu; mọi ô đã điền vẫn giữ nguyên. Sửa các ô sau:"
)
STILL_SAMPLE = (
    "Kế hoạch vừa lưu vẫn là kế hoạch mẫu của tỉnh {province}: trước khi soạn văn bản, hãy sửa "
    "tỉnh, kế hoạch của tỉnh được trích dẫn (số, ngày, cơ quan ban hành) và các chỉ tiêu cho "
    "đúng của mình rồi lưu lại."
)
TARGETS_OLD_YEAR = (
    "Chỉ tiêu số {targets} vẫn ghi năm {year}: câu chữ của chỉ tiêu không tự đổi theo năm, hãy "
    "sửa ở phần Chỉ tiêu rồi lưu lại."
)
YEAR_MOVED = (
    "Năm của kế hoạch đã đổi từ {old} sang {new}: các ngày của năm {old} chưa sửa (ngày văn "
    "bản, hạn báo cáo, thời kỳ…) đã chuyển sang cùng ngày của năm {new}. Xem lại các ngày trước "
    "khi dùng; ngày kỷ niệm và các thay đổi tổ chức đã có (cấp huyện kết thúc năm 2025…) giữ "
    "nguyên."
)
SAVED = "Đã lưu kế hoạch năm {year} của tỉnh {province} trên trình duyệt này."
SAVED_HINT = (
    "Giữ tệp kế hoạch (.yaml) này trên máy: lần sau, hoặc trên máy khác, mở lại tệp ở ô "
    "“Mở tệp kế hoạch đã lưu” là có đủ kế hoạch, không phải điền lại."
)
NO_FILE = "Chưa chọn tệp kế hoạch để mở (ô “Mở tệp kế hoạch đã lưu”)."
TOO_LARGE = "Tệp “{name}” quá lớn: tệp kế hoạch thật chỉ vài nghìn byte."
NOT_UTF8 = "Tệp “{name}” không đọc được: tệp kế hoạch phải lưu dạng UTF-8."
NOT_YAML = "Tệp “{name}” không phải tệp kế hoạch đọc được: {reason}"
NOTHING_KEPT = (
    "Chưa lưu kế hoạch nào trên trình duyệt này: điền và lưu kế hoạch ở trang Kế hoạch năm."
)
BAD_ACTION = "Yêu cầu không hợp lệ: tải lại trang rồi thử lại."
