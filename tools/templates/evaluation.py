"""Build evaluation.docx and evaluation-khu-dan-cu.docx: a unit's year-end self-evaluation.

The report (BÁO CÁO) carries the results, the scoring-sheet table, the standard result and the
proposed classification (the minutes of the review meeting are a kind of their own: minutes.py).
Khu dân cư use the residential-area header (no number, "UBND XÃ …" above the issuer).
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
    d.title_block(doc, "BÁO CÁO")
    d.can_cu(doc)
    d.body(doc, "{{ mo_dau }}")
    d.heading(doc, "I. KẾT QUẢ THỰC HIỆN PHONG TRÀO")
    d.body(doc, "{%p for dong in ket_qua %}")
    d.body(doc, "{{ loop.index }}. {{ dong }}")
    d.body(doc, "{%p endfor %}")
    d.heading(doc, "II. BẢNG TỰ CHẤM ĐIỂM")
    d.body(doc, "{{ bang_diem_dan }}")
    _scoring_table(doc)
    d.para(doc, "", size=6)
    d.heading(doc, "III. TỰ ĐÁNH GIÁ VÀ ĐỀ NGHỊ")
    d.body(doc, "1. Tiêu chuẩn “An toàn về an ninh, trật tự”: {{ tieu_chuan }}.")
    d.body(
        doc,
        "2. Đề nghị xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}: "
        "{{ xep_loai }}.",
    )
    d.body(doc, "{{ nguong }}", italic=True)
    d.body(doc, "{{ ket_luan }}./.")
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
