"""Build pledge.docx (Nghị định 30 form) and pledge-khu-dan-cu.docx (residential-area form)."""

from __future__ import annotations

from tools.templates import docxbuild as d


def _build(residential: bool):
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=False)
    d.title_block(doc, "BẢN CAM KẾT")
    d.can_cu(doc)
    d.body(doc, "Hôm nay, {{ ngay_ky }}, chúng tôi gồm:")
    d.body(doc, "1. Bên nhận cam kết: {{ ben_nhan.ten }}", bold=True)
    d.body(doc, "Đại diện: {{ ben_nhan.ho_ten }}; chức vụ: {{ ben_nhan.chuc_vu }}.")
    d.body(doc, "2. Bên cam kết: {{ ben_cam_ket.ten }}", bold=True)
    d.body(doc, "Đại diện: {{ ben_cam_ket.ho_ten }}; chức vụ: {{ ben_cam_ket.chuc_vu }}.")
    d.body(doc, "{%p if ben_cam_ket.dia_chi %}")
    d.body(doc, "Địa chỉ: {{ ben_cam_ket.dia_chi }}.")
    d.body(doc, "{%p endif %}")
    if residential:
        d.body(doc, "{%p if so_ho %}")
        d.body(doc, "Đại diện cho {{ so_ho }} hộ gia đình của {{ ben_cam_ket.ten_trong_cau }}.")
        d.body(doc, "{%p endif %}")
        d.body(
            doc,
            "Thay mặt các hộ gia đình, {{ ben_cam_ket.ten_trong_cau }} cam kết trong năm {{ nam }} "
            "thực hiện tốt các nội dung sau:",
        )
    else:
        d.body(
            doc,
            "{{ ben_cam_ket.ten }} cam kết trong năm {{ nam }} thực hiện tốt các nội dung sau:",
        )
    d.body(doc, "{%p for noi_dung in cam_ket %}")
    d.body(doc, "{{ loop.index }}. {{ noi_dung }}")
    d.body(doc, "{%p endfor %}")
    d.body(
        doc,
        "Bản cam kết có giá trị đến hết ngày 31 tháng 12 năm {{ nam }}, được lập thành 02 bản, "
        "mỗi bên giữ 01 bản. Bên cam kết chịu trách nhiệm trước bên nhận cam kết nếu vi phạm "
        "các nội dung trên; kết quả thực hiện là căn cứ đánh giá, xếp loại phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc năm {{ nam }}./.",
    )
    d.para(doc, "", size=10)
    left, right = d.signature_block(doc, left_width_cm=d.TEXT_WIDTH_CM / 2)
    for cell, side, prefix in (
        (left, "BÊN NHẬN CAM KẾT", "ky_ben_nhan"),
        (right, "BÊN CAM KẾT", "ky_ben_cam_ket"),
    ):
        d.cell_para(cell, f"ĐẠI DIỆN {side}", size=14, bold=True)
        d.cell_para(cell, f"{{%p if {prefix}.tham_quyen %}}", size=14, bold=True)
        d.cell_para(cell, f"{{{{ {prefix}.tham_quyen }}}}", size=14, bold=True)
        d.cell_para(cell, "{%p endif %}", size=14, bold=True)
        d.cell_para(cell, f"{{{{ {prefix}.chuc_vu }}}}", size=14, bold=True)
        for _ in range(4):
            d.cell_para(cell, "", size=14)
        d.cell_para(cell, f"{{{{ {prefix}.ho_ten }}}}", size=14, bold=True)
    return doc


def build() -> dict:
    """Return the pledge templates by file name."""
    return {"pledge.docx": _build(False), "pledge-khu-dan-cu.docx": _build(True)}
