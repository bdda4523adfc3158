"""Build event-plan.docx: the plan for the Ngày hội toàn dân bảo vệ an ninh Tổ quốc."""

from __future__ import annotations

from tools.templates import docxbuild as d


def build() -> dict:
    """Return the Ngày hội plan template by file name."""
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(doc, "KẾ HOẠCH")
    d.can_cu(doc)
    d.body(doc, "{{ mo_dau }}")
    d.heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    d.numbered(doc, "muc_dich", prefix="- ")
    d.heading(doc, "II. CÁC HOẠT ĐỘNG HƯỞNG ỨNG")
    d.body(doc, "Thời gian: {{ hoat_dong_thoi_gian }}.")
    d.numbered(doc, "hoat_dong")
    d.heading(doc, "III. NỘI DUNG, CHƯƠNG TRÌNH NGÀY HỘI")
    table = d.grid_table(doc, [1.2, 10.0, 5.3], ["STT", "Nội dung", "Thực hiện"], size=12)
    d.label_row(table, "A. PHẦN LỄ")
    d.loop_rows(table, "for r in phan_le", ["{{ r.stt }}", "{{ r.noi_dung }}",
                                            "{{ r.thuc_hien }}"])
    d.label_row(table, "B. PHẦN HỘI")
    d.loop_rows(table, "for r in phan_hoi", ["{{ r.stt }}", "{{ r.noi_dung }}",
                                             "{{ r.thuc_hien }}"])
    d.para(doc, "", size=6)
    d.heading(doc, "IV. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    d.body(doc, "1. Thời gian: {{ thoi_gian }}.")
    d.body(doc, "2. Địa điểm: {{ dia_diem }}.")
    d.body(doc, "3. Thành phần: {{ thanh_phan }}.")
    d.heading(doc, "V. KINH PHÍ")
    d.body(
        doc,
        "Tổng kinh phí dự kiến: {{ kinh_phi }} (Bằng chữ: {{ kinh_phi_chu }}), từ nguồn kinh "
        "phí được giao năm {{ nam }} và nguồn xã hội hóa hợp pháp.",
    )
    d.heading(doc, "VI. PHÂN CÔNG NHIỆM VỤ")
    d.numbered(doc, "nhiem_vu")
    d.body(doc, "{{ ket_thuc }}")
    d.para(doc, "", size=8)
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)
    return {"event-plan.docx": doc}
