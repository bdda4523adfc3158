"""Build report.docx: the year report (BÁO CÁO tổng kết) of a level, structured as domain §7.

I. situation; II. results (registration and recognition, classification with its thresholds,
model units, Ngày hội, the indicator table and the chart); III. shortcomings with the units
below target; IV. directions; V. proposals.
"""

from __future__ import annotations

from tools.templates import docxbuild as d


def _loop(doc, items: str, text: str = "{{ dong }}", **kw) -> None:
    d.body(doc, f"{{%p for dong in {items} %}}", **kw)
    d.body(doc, text, **kw)
    d.body(doc, "{%p endfor %}", **kw)


def _rows(doc, widths: list[float], header: list[str], items: str, cells: list[str]) -> None:
    """A bordered table whose data rows repeat over a list of the context."""
    table = d.grid_table(doc, widths, header, size=12)
    for texts in (
        [f"{{%tr for r in {items} %}}", *[""] * (len(cells) - 1)],
        cells,
        ["{%tr endfor %}", *[""] * (len(cells) - 1)],
    ):
        row = table.add_row().cells
        for index, (cell, text) in enumerate(zip(row, texts)):
            align = d.LEFT if index == 1 else d.CENTER
            d.para(cell, text, size=12, align=align)
            cell._tc.remove(cell.paragraphs[0]._p)


def build() -> dict:
    """Return the report template by file name."""
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(doc, "BÁO CÁO")
    d.body(doc, "{{ mo_dau }}")
    d.heading(doc, "I. ĐẶC ĐIỂM, TÌNH HÌNH")
    _loop(doc, "tinh_hinh")
    d.heading(doc, "II. KẾT QUẢ THỰC HIỆN")
    d.heading(doc, "1. Đăng ký, công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”")
    _loop(doc, "dang_ky", "- {{ dong }}")
    d.heading(doc, "2. Đánh giá, phân loại phong trào")
    d.body(doc, "{{ phan_loai_dan }}")
    _rows(
        doc,
        [4.2, 2.2, 2.2, 2.4, 2.2, 2.3],
        ["Loại đơn vị", "Xuất sắc", "Khá", "Trung bình", "Yếu", "Tổng số"],
        "phan_loai",
        [
            "{{ r.loai }}",
            "{{ r.xuat_sac }}",
            "{{ r.kha }}",
            "{{ r.trung_binh }}",
            "{{ r.yeu }}",
            "{{ r.tong }}",
        ],
    )
    d.para(doc, "", size=6)
    d.body(doc, "{{ nguong }}", italic=True)
    d.heading(doc, "3. Xây dựng mô hình, điển hình")
    _loop(doc, "dien_hinh")
    d.heading(doc, "4. Ngày hội toàn dân bảo vệ an ninh Tổ quốc")
    d.body(doc, "{{ ngay_hoi }}")
    d.heading(doc, "5. Kết quả thực hiện các chỉ tiêu")
    d.body(doc, "{{ chi_so_dan }}")
    _rows(
        doc,
        [1.2, 4.6, 2.6, 1.9, 1.9, 2.1, 2.2],
        ["STT", "Chỉ tiêu", "Loại đơn vị", "Đạt/Tổng", "Thực hiện", "Chỉ tiêu", "Đánh giá"],
        "chi_so",
        [
            "{{ r.stt }}",
            "{{ r.chi_tieu }}",
            "{{ r.loai }}",
            "{{ r.ti_so }}",
            "{{ r.thuc_hien }}",
            "{{ r.muc_tieu }}",
            "{{ r.danh_gia }}",
        ],
    )
    d.para(doc, "", size=6)
    d.para(doc, "{{ bieu_do }}", align=d.CENTER, keep_next=True)
    d.para(
        doc,
        "Biểu đồ: Tỷ lệ thực hiện so với chỉ tiêu",
        size=13,
        italic=True,
        align=d.CENTER,
        after=6,
    )
    d.body(doc, "{%p if khong_do %}")
    d.body(doc, "{{ khong_do }}")
    d.body(doc, "{%p endif %}")
    d.heading(doc, "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    _loop(doc, "ton_tai", "- {{ dong }}")
    d.heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ nam_sau }}")
    _loop(doc, "phuong_huong", "- {{ dong }}")
    d.heading(doc, "V. ĐỀ XUẤT, KIẾN NGHỊ")
    _loop(doc, "de_xuat", "- {{ dong }}")
    d.body(doc, "{{ ket_thuc }}./.")
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)
    return {"report.docx": doc}
