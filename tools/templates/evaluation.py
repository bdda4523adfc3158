"""Build evaluation.docx and evaluation-khu-dan-cu.docx: a unit's year-end self-evaluation.

The report (BÁO CÁO) carries the results, the scoring-sheet table, the standard result and the
proposed classification (the minutes of the review meeting are a kind of their own: minutes.py).
Khu dân cư use the residential-area header (no number, "UBND XÃ …" above the issuer). Every
sentence is literal text here; the context brings names, dates, scores and yes/no flags.
"""

from __future__ import annotations

from tools.templates import docxbuild as d


def _scoring_table(doc) -> None:
    """The scoring sheet: STT, item, maximum, self-score, and the total row."""
    table = d.grid_table(
        doc, [1.3, 9.6, 2.4, 2.7], ["STT", "Nội dung", "Điểm tối đa", "Điểm tự chấm"]
    )
    for texts in (
        ["{%tr for muc in bang_diem %}", "", "", ""],
        ["{{ muc.stt }}", "{{ muc.noi_dung }}", "{{ muc.toi_da }}", "{{ muc.tu_cham }}"],
        ["{%tr endfor %}", "", "", ""],
        ["", "Tổng cộng", "{{ tong_toi_da }}", "{{ tong_diem }}"],
    ):
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, texts)):
            align = d.JUSTIFY if index == 1 and "muc." in text else d.CENTER
            d.para(
                cell,
                text,
                size=13,
                bold=text in ("Tổng cộng", "{{ tong_toi_da }}", "{{ tong_diem }}"),
                align=align,
            )
            cell._tc.remove(cell.paragraphs[0]._p)


def _report(doc, residential: bool) -> None:
    d.nd30_header(doc, superior=True, number=not residential)
    d.title_block(
        doc, "BÁO CÁO",
        "Kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} và đề nghị "
        "xếp loại",
    )
    d.can_cu(doc)
    d.body(doc, "{{ don_vi_dau_cau }} báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an "
                "ninh Tổ quốc năm {{ nam }} (kỳ đánh giá từ ngày {{ ky_tu }} đến ngày "
                "{{ ky_den }}) như sau:")
    d.heading(doc, "I. KẾT QUẢ THỰC HIỆN PHONG TRÀO")
    d.body(doc, "1. Về đăng ký: {{ ten }} {% if dang_ky %}đã{% else %}không{% endif %} đăng ký "
                "xây dựng đạt tiêu chuẩn " + d.STANDARD + " năm {{ nam }}.")
    d.body(doc, "{%p if kdc.ds %}")
    d.body(doc, "Khu dân cư trên địa bàn: {{ kdc.dang_ky }}/{{ kdc.tong }} khu dân cư đăng ký, "
                "{{ kdc.dat_chuan }}/{{ kdc.tong }} khu dân cư được công nhận đạt tiêu chuẩn "
                + d.STANDARD + " (xã đạt tiêu chuẩn khi 100% khu dân cư đăng ký và từ 70% được "
                "công nhận):", keep_next=True)
    d.residential_table(doc)
    d.body(doc, "{%p endif %}")
    d.body(doc, "2. Về Ngày hội toàn dân bảo vệ an ninh Tổ quốc: {% if to_chuc_ngay_hoi %}đã"
                "{% else %}không{% endif %} tổ chức Ngày hội năm {{ nam }} ({{ ngay_hoi }}).")
    d.body(doc, "3. Về tự chấm điểm: tổng điểm tự chấm đạt {{ tong_diem }}/100 điểm (chi tiết tại "
                "bảng tự chấm điểm dưới đây).")
    d.heading(doc, "II. BẢNG TỰ CHẤM ĐIỂM")
    d.body(doc, "Kết quả tự chấm điểm theo bảng chấm điểm 100 điểm của {{ ban_chi_dao }}:")
    _scoring_table(doc)
    d.para(doc, "", size=6)
    d.heading(doc, "III. TỰ ĐÁNH GIÁ VÀ ĐỀ NGHỊ")
    d.body(doc, "1. Tiêu chuẩn " + d.STANDARD + ": {% if not dang_ky %}Chưa đạt (không đăng ký "
                "xây dựng tiêu chuẩn){% elif dat_chuan %}Đạt{% else %}Chưa đạt{% endif %}.")
    d.body(
        doc,
        "2. Đề nghị xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}: "
        "{{ xep_loai }}.",
    )
    d.body(doc, "Xếp loại {% if xep_loai_tinh %}được tính từ tổng điểm tự chấm{% else %}do đơn vị "
                "đề nghị, phù hợp với tổng điểm{% endif %} theo ngưỡng: " + d.THRESHOLDS + ".",
           italic=True)
    d.body(doc, "{{ don_vi_dau_cau }} kính đề nghị {{ cap_tren }} xem xét, công nhận kết quả đánh "
                "giá, xếp loại phong trào năm {{ nam }}./.")
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)


def _build(residential: bool):
    doc = d.new_document()
    _report(doc, residential)
    return doc


def build() -> dict:
    """Return the evaluation templates by file name."""
    return {"evaluation.docx": _build(False), "evaluation-khu-dan-cu.docx": _build(True)}
