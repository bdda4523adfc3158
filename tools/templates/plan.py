"""Build plan.docx (Nghị định 30) and plan-dang.docx (the cấp ủy's resolution, Hướng dẫn 36)."""

from __future__ import annotations

from tools.templates import docxbuild as d

TABLE_WIDTHS = [1.3, 4.4, 2.0, 3.0, 3.8, 2.0]
TABLE_HEADER = ["STT", "Tên đơn vị", "Loại", "Đăng ký “An toàn về an ninh, trật tự”",
                "Mục tiêu cuối năm", "Ghi chú"]


def _body(doc, sections: list[str]) -> None:
    """The four parts shared by the plan and the resolution."""
    d.body(doc, "{{ mo_dau }}")
    d.heading(doc, sections[0])
    d.body(doc, "1. Mục đích", bold=True, keep_next=True)
    d.numbered(doc, "muc_dich", prefix="- ")
    d.body(doc, "2. Yêu cầu", bold=True, keep_next=True)
    d.numbered(doc, "yeu_cau", prefix="- ")
    d.heading(doc, sections[1])
    d.numbered(doc, "chi_tieu")
    d.body(doc, "{%p if bang %}")
    d.body(doc, "{{ bang_tieu_de }}", keep_next=True)
    table = d.grid_table(doc, TABLE_WIDTHS, TABLE_HEADER, size=12)
    d.loop_rows(
        table, "for r in bang",
        ["{{ r.stt }}", "{{ r.ten }}", "{{ r.loai }}", "{{ r.dang_ky }}", "{{ r.muc_tieu }}",
         "{{ r.ghi_chu }}"],
        size=12,
    )
    d.para(doc, "", size=6)
    d.body(doc, "{%p endif %}")
    d.optional(doc, "dien_hinh", "{{ dien_hinh }}")
    d.optional(doc, "canh_bao_dien_hinh", "{{ canh_bao_dien_hinh }}", bold=True, italic=True)
    d.heading(doc, sections[2])
    d.numbered(doc, "nhiem_vu")
    d.heading(doc, sections[3])
    d.numbered(doc, "to_chuc")
    d.body(doc, "{{ ket_thuc }}")
    d.para(doc, "", size=8)
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)


def _state():
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(doc, "KẾ HOẠCH")
    d.can_cu(doc)
    _body(doc, ["I. MỤC ĐÍCH, YÊU CẦU", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP",
                "IV. TỔ CHỨC THỰC HIỆN"])
    return doc


def _party():
    doc = d.new_document()
    d.party_header(doc)
    d.title_block(doc, "NGHỊ QUYẾT", title_size=16)
    d.can_cu(doc)
    _body(doc, ["I. MỤC TIÊU, YÊU CẦU", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP",
                "IV. TỔ CHỨC THỰC HIỆN"])
    return doc


def build() -> dict:
    """Return the plan templates by file name."""
    return {"plan.docx": _state(), "plan-dang.docx": _party()}
