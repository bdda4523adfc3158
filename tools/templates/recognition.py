"""Build recognition.docx: a Ủy ban nhân dân's decision recognising units as meeting the
standard "An toàn về an ninh, trật tự", with the list of those units attached.

Nghị định 30 form of a Quyết định: the issuing authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" when
the power is the Chủ tịch's), căn cứ (the law on local government in force on the date, the
campaign's bases, the province's plan, the issuer's review-meeting minutes, the Công an's
proposal), "QUYẾT ĐỊNH:", Điều 1 ("Công nhận 03 thôn, 01 tổ dân phố đạt …", list attached),
Điều 2 (in force on signature), Điều 3 (who carries it out), Nơi nhận "- Như Điều 3;" and the
body above the issuer for report, the signature ("CHỦ TỊCH", or "TM. ỦY BAN NHÂN DÂN / CHỦ
TỊCH" when the body decides); the list on a page of its own.
"""

from __future__ import annotations

from tools.templates import docxbuild as d

# The law on local government the decision is issued under: the one that changed the levels
# (thay_doi_to_chuc[].can_cu) once in force, else the law of 2025 from 01/7/2025, else the law of
# 2015 as amended in 2019.
LAW = (
    "{% if luat_to_chuc %}{{ luat_to_chuc|join('; ') }}"
    "{% elif luat_2025 %}Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    "{% else %}Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 "
    "tháng 11 năm 2019{% endif %}"
)
# Who heads the Công an that proposes the recognition: a province's has a Giám đốc.
PROPOSER = "{% if loai == 'tinh' %}Giám đốc{% else %}Trưởng{% endif %} {{ cong_an }}"
# The office of the issuing Ủy ban nhân dân that carries the decision out.
OFFICE = (
    "{% if loai != 'xa' %}Chánh Văn phòng Ủy ban nhân dân {{ dia_ban }}"
    "{% elif sau_sap_xep %}Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {{ dia_ban }}"
    "{% else %}Công chức Văn phòng - Thống kê {{ dia_ban }}{% endif %}"
)
STANDARD = "tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ nam }}"
# The issuer as the decision names it: the Chủ tịch when the power is the Chủ tịch's.
ISSUER = "{% if chu_tich %}Chủ tịch {% endif %}{{ co_quan }}"
# "03 thôn, 01 tổ dân phố": how many units of each kind the decision recognises.
COUNTS = "{% for n in nhom %}{{ n.so }} {{ n.loai }}{% if not loop.last %}, {% endif %}{% endfor %}"
# The body above a province, which reports the year's recognitions to the ministry.
MINISTRY = "Bộ Công an (Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc)"


def _article(doc, label: str, text: str) -> None:
    """'Điều 1.' in bold, then the article's text."""
    paragraph = d.body(doc, label, bold=True)
    d.run(paragraph, f" {text}")


def _articles(doc) -> None:
    _article(doc, "Điều 1.", f"Công nhận {COUNTS} đạt {STANDARD} (có danh sách kèm theo).")
    _article(doc, "Điều 2.", "Quyết định này có hiệu lực kể từ ngày ký.")
    _article(
        doc,
        "Điều 3.",
        f"{OFFICE}, {PROPOSER}, Thủ trưởng các cơ quan, đơn vị có liên "
        "quan và các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này./.",
    )


def _list(doc) -> None:
    """The attached list of recognised units, on a new page."""
    first = d.para(doc, "DANH SÁCH", bold=True, align=d.CENTER)
    first.paragraph_format.page_break_before = True
    d.para(
        doc,
        "ĐƠN VỊ ĐẠT TIÊU CHUẨN “AN TOÀN VỀ AN NINH, TRẬT TỰ” NĂM {{ nam }}",
        bold=True,
        align=d.CENTER,
    )
    d.para(
        doc,
        f"(Kèm theo Quyết định số {{{{ so_ky_hieu }}}} ngày {{{{ ngay }}}} của {ISSUER})",
        italic=True,
        align=d.CENTER,
        after=12,
    )
    table = d.grid_table(
        doc, [1.2, 7.0, 5.3, 3.0], ["STT", "Tên đơn vị", "Đơn vị cấp trên", "Loại đơn vị"], size=12
    )
    d.loop_rows(
        table,
        "for r in danh_sach",
        ["{{ r.stt }}", "{{ r.ten }}", "{{ r.cap_tren }}", "{{ r.ten_loai }}"],
        size=12,
    )
    d.para(doc, "Danh sách có {{ so_don_vi }} đơn vị./.", italic=True, before=6)


def build() -> dict:
    """Return the recognition template by file name."""
    doc = d.new_document()
    d.nd30_header(doc, superior=False, number=True)
    d.title_block(doc, "QUYẾT ĐỊNH", f"Về việc công nhận {{{{ cac_loai }}}} đạt {STANDARD}")
    d.para(
        doc,
        "{% if chu_tich %}CHỦ TỊCH {% endif %}{{ co_quan_in_hoa }}",
        bold=True,
        align=d.CENTER,
        after=12,
    )
    d.body(doc, f"Căn cứ {LAW};", italic=True)
    d.body(doc, "{%p for dong in can_cu %}", italic=True)
    d.body(doc, "Căn cứ {{ dong }};", italic=True)
    d.body(doc, "{%p endfor %}", italic=True)
    d.body(doc, f"Căn cứ {d.PLAN};", italic=True)
    d.optional(
        doc,
        "bien_ban.co",
        "Căn cứ Biên bản số {{ so_bien_ban }} ngày {{ bien_ban.ngay }} "
        "họp bình xét kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }} của {{ co_quan }};",
        italic=True,
    )
    d.body(doc, f"Theo đề nghị của {PROPOSER}.", italic=True)
    d.para(doc, "QUYẾT ĐỊNH:", bold=True, align=d.CENTER, before=6, after=6)
    _articles(doc)
    d.para(doc, "", size=10)
    left, right = d.signature_block(doc)
    d.para(left, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
    d.para(left, "- Như Điều 3;", size=11)
    d.para(left, "{%p if loai == 'tinh' %}", size=11)
    d.para(left, f"- {MINISTRY} (để báo cáo);", size=11)
    d.para(left, "{%p endif %}", size=11)
    d.para(left, "{%p for dong in noi_nhan %}", size=11)
    d.para(left, d.RECIPIENT, size=11)
    d.para(left, "{%p endfor %}", size=11)
    d.para(left, "- Lưu: VT.", size=11)
    d.signer(right)
    _list(doc)
    return {"recognition.docx": doc}
