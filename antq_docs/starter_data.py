"""The example units and year-end results `init` writes into a starter folder (data only)."""

from __future__ import annotations

# One example unit of each type, as officials type them (Loại in words). Codes, names and
# holders are those of the bundled sample; the holders' names there are invented.
KON_TUM = [
    ("KT", "Tỉnh Kon Tum", "Tỉnh", "", "Hoàng Quang Bình", "Chủ tịch UBND tỉnh", "", "", "UBND"),
    (
        "KT-02",
        "Huyện Đăk Hà",
        "Huyện",
        "KT",
        "Trương Xuân Tuấn",
        "Chủ tịch UBND huyện",
        "",
        "",
        "UBND",
        "Huỳnh Xuân Dũng",
    ),
    (
        "KT-02-02",
        "Xã Hà Mòn",
        "Xã",
        "KT-02",
        "Hồ Xuân Vinh",
        "Chủ tịch UBND xã",
        "",
        "x",
        "UBND",
        "Hồ Đức Giang",
    ),
    (
        "KT-02-02-01",
        "Thôn 1",
        "Thôn",
        "KT-02-02",
        "Lê Văn Phong",
        "Trưởng thôn",
        "274",
        "",
        "",
        "Rơ Châm Phiên",
        "Chi bộ thôn 1",
    ),
    ("KT-CQ-01", "Sở Tư pháp", "Cơ quan", "KT", "Bùi Hữu Long", "Giám đốc", "", "", "STP"),
    (
        "KT-DN-05",
        "Công ty Cổ phần Cao su Kon Tum",
        "Doanh nghiệp",
        "KT",
        "Đinh Quang An",
        "Tổng Giám đốc",
        "",
        "",
        "CSKT",
    ),
    (
        "KT-GD-06",
        "Trường Phổ thông Dân tộc nội trú tỉnh",
        "Trường",
        "KT",
        "Trương Xuân Quân",
        "Hiệu trưởng",
        "",
        "",
        "PTDTNT",
    ),
]
QUANG_NGAI = [
    (
        "QNG",
        "Tỉnh Quảng Ngãi",
        "Tỉnh",
        "",
        "Nguyễn Văn Thành",
        "Chủ tịch UBND tỉnh",
        "",
        "",
        "UBND",
    ),
    (
        "QNG-03",
        "Xã Đăk Hà",
        "Xã",
        "QNG",
        "Hồ Xuân Vinh",
        "Chủ tịch UBND xã",
        "",
        "x",
        "UBND",
        "Hồ Đức Giang",
    ),
    (
        "KT-02-02-01",
        "Thôn 1",
        "Thôn",
        "QNG-03",
        "Lê Văn Phong",
        "Trưởng thôn",
        "274",
        "",
        "",
        "Rơ Châm Phiên",
        "Chi bộ thôn 1",
    ),
    ("KT-CQ-01", "Sở Tư pháp", "Cơ quan", "QNG", "Bùi Hữu Long", "Giám đốc", "", "", "STP"),
    (
        "KT-DN-05",
        "Công ty Cổ phần Cao su Kon Tum",
        "Doanh nghiệp",
        "QNG",
        "Đinh Quang An",
        "Tổng Giám đốc",
        "",
        "",
        "CSKT",
    ),
    (
        "KT-GD-06",
        "Trường Phổ thông Dân tộc nội trú tỉnh",
        "Trường",
        "QNG",
        "Trương Xuân Quân",
        "Hiệu trưởng",
        "",
        "",
        "PTDTNT",
    ),
]
ROSTER_KEYS = (
    "ma",
    "ten",
    "loai",
    "cap_tren",
    "nguoi_dung_dau",
    "chuc_vu",
    "so_ho",
    "dien_hinh",
    "ky_hieu",
    "bi_thu",
    "chi_bo",
)
# The province's own place name for its date line, once it is Quảng Ngãi (the campaign's
# dia_danh stays Kon Tum, the province of the year's first documents).
PLACE = {"QNG": "Quảng Ngãi"}

# Year-end results of the units under the root of the roster in force on the evaluations'
# date (Quảng Ngãi): code, registered, recognised, score, held the Ngày hội, and the review
# meeting's secretary, attendance and votes for (left empty: the minutes leave dotted lines).
# The commune is recognised: its one village registered and was recognised (Thông tư 124).
RESULTS = [
    ("QNG-03", "có", "đạt", 82, "có", "Nguyễn Thị Hoa", "25", "24"),
    ("KT-02-02-01", "có", "đạt", 84, "có", "", "", ""),
    ("KT-CQ-01", "có", "đạt", 95, "có", "", "", ""),
    ("KT-DN-05", "có", "chưa đạt", 68, "không", "", "", ""),
    ("KT-GD-06", "có", "đạt", 90, "có", "", "", ""),
]
