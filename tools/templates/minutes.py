"""Build minutes.docx and minutes-khu-dan-cu.docx: the minutes of a year-end review meeting.

The minutes (BIÊN BẢN họp bình xét) are usually printed before the meeting: every value the
results file does not give (the hour, the place, the secretary, attendance, the vote) is a
dotted line to fill in by hand. Khu dân cư use the residential-area header (Nghị định 59: no
number, "UBND XÃ …" above the thôn); the others the Nghị định 30 header with "Số: …/BB-…".
A commune's minutes conclude with the proposal to recognise, by name and with the vote, each
unit below it that met the standard: the recognition decision cites it.
"""

from __future__ import annotations

from tools.templates import docxbuild as d
from tools.templates import yearend as y

# What the results file may leave out, as the dotted lines the meeting fills in.
_PLACE = "{% if dia_diem %}{{ dia_diem }}{% else %}……………………………………{% endif %}"
_SECRETARY = "{% if thu_ky %}{{ thu_ky }}{% else %}……………………………………{% endif %}"
_ATTENDANCE = "{% if so_du_hop is not none %}{{ so_du_hop }}{% else %}………{% endif %}"
_VOTES = "{% if tan_thanh is not none %}{{ tan_thanh }}{% else %}……{% endif %}"
_OF = "{% if so_du_hop is not none %}{{ so_du_hop }}{% else %}……{% endif %}"
# "03 thôn, 01 tổ dân phố": how many units of each kind one proposal names.
_COUNTS = (
    "{% for n in dn.nhom %}{{ n.so }} {{ n.loai }}{% if not loop.last %}, {% endif %}{% endfor %}"
)
_STANDARD = (
    "{% if not dang_ky %}chưa đạt (không đăng ký xây dựng tiêu chuẩn)"
    "{% elif dat_chuan %}đạt{% else %}chưa đạt{% endif %}"
)


def _participants(doc) -> None:
    """Who takes part, by the unit's type; the chair and secretary by name."""
    d.body(doc, "1. Chủ trì: {{ chu_tri.ho_ten }}, {{ chu_tri.chuc_vu }}.")
    # The period goes with the name: a dotted line to fill in ends as it is.
    d.body(doc, "2. Thư ký: {% if thu_ky %}{{ thu_ky }}.{% else %}……………………………………{% endif %}")
    d.body(doc, "3. Thành phần tham dự:")
    d.optional(
        doc,
        "loai == 'xa'",
        "- Thành viên Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc {{ ten }}; Công an "
        "{{ ten }}; đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {{ ten }} và các tổ chức chính trị "
        "- xã hội;",
    )
    d.optional(
        doc,
        "loai == 'xa'",
        "- Trưởng các khu dân cư{% if khu_dan_cu %}: {{ khu_dan_cu|join(', ') }}{% endif %}.",
    )
    d.optional(
        doc,
        "loai == 'khu_dan_cu'",
        "- Bí thư Chi bộ, Trưởng Ban công tác Mặt trận {{ ten }}; đại diện Công an "
        "{{ cap_tren_ten }} phụ trách địa bàn;",
    )
    d.optional(
        doc,
        "loai == 'khu_dan_cu'",
        "- Tổ trưởng các tổ tự quản, tổ bảo vệ an ninh, trật tự ở cơ sở; đại diện các hộ gia "
        "đình{% if so_ho %} (trên tổng số {{ so_ho }} hộ){% endif %}.",
    )
    d.optional(
        doc,
        "loai not in ('xa', 'khu_dan_cu')",
        "- Đại diện cấp ủy, công đoàn, đoàn thanh niên, lực lượng bảo vệ của {{ don_vi }}.",
    )


def _content(doc) -> None:
    """II: the report heard, the standard, the level discussed, the khu dân cư, the opinions."""
    d.heading(doc, "II. NỘI DUNG")
    d.body(
        doc,
        "1. Hội nghị nghe báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm {{ nam }} của {{ don_vi }}; tổng điểm tự chấm: {{ diem }}/100 điểm.",
    )
    d.body(
        doc,
        "2. Đối chiếu với tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư số "
        f"124/2021/TT-BCA): {_STANDARD}.",
    )
    d.body(
        doc,
        "3. Hội nghị thảo luận, bình xét mức xếp loại phong trào năm {{ nam }} theo "
        "{{ can_cu_cham_diem }} (ngưỡng: " + d.THRESHOLDS + "): {{ xep_loai }}.",
    )
    d.body(doc, "{%p if kdc.ds %}")
    d.body(
        doc,
        "4. Hội nghị bình xét kết quả của từng khu dân cư ({{ kdc.dang_ky }}/"
        "{{ kdc.tong }} đăng ký, {{ kdc.dat_chuan }}/{{ kdc.tong }} được công nhận):",
        keep_next=True,
    )
    y.residential_table(doc)
    d.body(doc, "{%p endif %}")
    d.body(doc, "{% if kdc.ds %}5{% else %}4{% endif %}. Ý kiến phát biểu:")
    # Lines to write the speakers' opinions on by hand; left-aligned so the dots are not spread.
    for _ in range(2):
        d.body(doc, "…" * 30, align=d.LEFT, first_line_cm=0)


def _vote(doc) -> None:
    """III: the vote and the conclusion, with the khu dân cư proposed for recognition."""
    d.heading(doc, "III. BIỂU QUYẾT VÀ KẾT LUẬN")
    d.body(doc, f"Số người dự họp: {_ATTENDANCE} người; tán thành: {_VOTES}/{_OF}.")
    d.body(
        doc,
        "Hội nghị thống nhất đề nghị {{ cap_tren }} xem xét, công nhận kết quả thực hiện tiêu "
        f"chuẩn “An toàn về an ninh, trật tự” năm {{{{ nam }}}} ({_STANDARD}) và xếp loại phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} của {{ ten }}: {{ xep_loai }}.",
    )
    d.body(doc, "{%p for dn in de_nghi %}")
    d.body(
        doc,
        f"Hội nghị biểu quyết, thống nhất đề nghị {{{{ dn.co_quan }}}} công nhận {_COUNTS} đạt "
        "tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ nam }}: {{ dn.ten|join(', ') }}; số "
        f"tán thành: {_VOTES}/{_OF}.",
    )
    d.body(doc, "{%p endfor %}")
    d.optional(
        doc,
        "kdc.ds and not de_nghi",
        "Không có khu dân cư nào đủ điều kiện để đề nghị công nhận đạt tiêu chuẩn “An toàn về an "
        "ninh, trật tự” năm {{ nam }}.",
    )
    d.body(
        doc,
        "Hội nghị kết thúc vào hồi …… giờ …… phút cùng ngày. Biên bản đã được đọc lại cho hội "
        "nghị nghe và được các thành viên dự họp nhất trí thông qua./.",
    )


def _signatures(doc) -> None:
    """The secretary and the chair sign side by side."""
    d.para(doc, "", size=10)
    left, right = d.signature_block(doc, left_width_cm=d.TEXT_WIDTH_CM / 2)
    for cell, role, name in (
        (left, "THƯ KÝ", _SECRETARY),
        (right, "CHỦ TRÌ", "{{ chu_tri.ho_ten }}"),
    ):
        d.cell_para(cell, role, size=14, bold=True)
        d.cell_para(cell, "(Ký, ghi rõ họ tên)", size=13, italic=True)
        for _ in range(3):
            d.cell_para(cell, "", size=14)
        d.cell_para(cell, name, size=14, bold=True)


def _build(residential: bool):
    """The minutes of the review meeting: header, title, opening, then its three parts."""
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=not residential)
    d.title_block(
        doc,
        "BIÊN BẢN",
        summary="Họp bình xét, đề nghị xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm {{ nam }}",
    )
    d.body(
        doc,
        "Vào hồi …… giờ …… phút, {{ ngay }}, tại " + _PLACE + ", {{ don_vi }} tổ chức họp bình "
        "xét kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}.",
    )
    d.heading(doc, "I. THÀNH PHẦN")
    _participants(doc)
    _content(doc)
    _vote(doc)
    _signatures(doc)
    return doc


def build() -> dict:
    """Return the minutes templates by file name."""
    return {"minutes.docx": _build(False), "minutes-khu-dan-cu.docx": _build(True)}
