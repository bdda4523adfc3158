"""Build evaluation.docx and evaluation-khu-dan-cu.docx: a unit's year-end self-evaluation.

The report (BÁO CÁO) carries the results, the scoring-sheet table, the standard result and the
proposed classification (the minutes of the review meeting are a kind of their own: minutes.py).
Khu dân cư use the residential-area header (no number, "UBND XÃ …" above the issuer). Every
sentence is literal text here; the context brings names, dates, scores and yes/no flags.
"""

from __future__ import annotations

from docx.oxml import OxmlElement

from tools.templates import docxbuild as d
from tools.templates import yearend as y


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
        row = table.add_row()
        # A scoring row never breaks across two pages.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = row.cells
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


def _situation(doc, residential: bool) -> None:
    """I: the unit's area (its households, or its khu dân cư) and the year's situation."""
    d.heading(doc, "I. ĐẶC ĐIỂM TÌNH HÌNH")
    if residential:
        d.optional(
            doc,
            "dia_ban.so_ho_rieng",
            "{{ don_vi_dau_cau }} có {{ dia_ban.so_ho_rieng }} hộ gia đình.",
        )
    else:
        d.optional(
            doc,
            "dia_ban.loai_kdc",
            "Trên địa bàn {{ ten }} có {{ dia_ban.khu_dan_cu }} khu dân cư "
            "({{ dia_ban.loai_kdc }}){% if dia_ban.so_ho %} với {{ dia_ban.so_ho }} hộ "
            "gia đình{% endif %}.",
        )
    y.note(
        doc,
        "dac_diem",
        "đặc điểm tình hình an ninh, trật tự trên địa bàn, thuận lợi và "
        "khó khăn của đơn vị trong năm",
    )


def _leadership(doc) -> None:
    """II.1–2: the unit's plan and pledge of the year, its figures and its outreach."""
    d.heading(doc, "II. KẾT QUẢ THỰC HIỆN")
    d.optional(doc, "ghi_chu.ket_qua_noi_bat", "{{ ghi_chu.ket_qua_noi_bat }}")
    d.heading(doc, "1. Công tác lãnh đạo, chỉ đạo")
    d.optional(
        doc,
        "ke_hoach_rieng.co",
        "{{ don_vi_dau_cau }} đã ban hành Kế hoạch số {{ so_ke_hoach }} ngày "
        "{{ ke_hoach_rieng.ngay }} thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm {{ nam }}, triển khai " + d.PLAN + ".",
    )
    d.optional(
        doc,
        "not ke_hoach_rieng.co",
        "{{ don_vi_dau_cau }} triển khai " + d.PLAN + " và hướng dẫn của cấp trên đến "
        "toàn thể Nhân dân.",
    )
    d.optional(
        doc,
        "cam_ket.co",
        "Tổ chức ký cam kết, giao ước thi đua thực hiện phong trào năm {{ nam }}"
        "{% if cam_ket.ngay %} (ngày {{ cam_ket.ngay }}){% endif %}.",
    )
    y.figures(doc, "lanh_dao")
    d.heading(doc, "2. Công tác tuyên truyền")
    y.figures(doc, "tuyen_truyen")
    y.no_figures(
        doc,
        "tuyen_truyen",
        "kết quả tuyên truyền, phổ biến pháp luật về bảo vệ an ninh, trật tự trong năm",
    )


def _movement(doc) -> None:
    """II.3–4: the movement, the model units and the Ngày hội."""
    d.heading(doc, "3. Phong trào toàn dân bảo vệ an ninh Tổ quốc và mô hình, điển hình")
    y.figures(doc, "phong_trao")
    d.optional(
        doc,
        "dien_hinh.chon",
        "{{ don_vi_dau_cau }} được chọn xây dựng điển hình về phong trào toàn dân bảo vệ "
        "an ninh Tổ quốc năm {{ nam }}; kết quả: {% if dien_hinh.dat %}đạt tiêu chí điển "
        "hình (đạt tiêu chuẩn, xếp loại Khá trở lên){% else %}chưa đạt tiêu chí điển "
        "hình{% endif %}.",
    )
    d.optional(
        doc,
        "dien_hinh.duoi",
        "Đơn vị điển hình trên địa bàn: {% for m in dien_hinh.duoi %}{{ m.ten }} "
        "({% if m.dat %}đạt{% else %}chưa đạt{% endif %}){% if not loop.last %}, "
        "{% endif %}{% endfor %}.",
    )
    y.no_figures(
        doc,
        "phong_trao",
        "kết quả xây dựng phong trào, mô hình tự quản, phát hiện, tố giác tội phạm trong năm",
    )
    d.heading(doc, "4. Ngày hội toàn dân bảo vệ an ninh Tổ quốc")
    d.body(
        doc,
        "{% if to_chuc_ngay_hoi %}Đã tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc "
        "năm {{ nam }} (ngày {{ ngay_hoi }}){% else %}Không tổ chức Ngày hội toàn dân "
        "bảo vệ an ninh Tổ quốc năm {{ nam }}{% endif %}.",
    )
    y.figures(doc, "ngay_hoi")


def _registration(doc) -> None:
    """II.5: the unit's registration for the standard and its khu dân cư's."""
    d.heading(doc, "5. Đăng ký, bình xét tiêu chuẩn " + d.STANDARD)
    d.body(
        doc,
        "{{ don_vi_dau_cau }} {% if dang_ky %}đã{% else %}không{% endif %} đăng ký "
        "xây dựng đạt tiêu chuẩn " + d.STANDARD + " năm {{ nam }}.",
    )
    d.body(doc, "{%p if kdc.ds %}")
    d.body(
        doc,
        "Khu dân cư trên địa bàn: {{ kdc.dang_ky }}/{{ kdc.tong }} khu dân cư đăng ký, "
        "{{ kdc.dat_chuan }}/{{ kdc.tong }} khu dân cư được đề nghị công nhận đạt tiêu "
        "chuẩn " + d.STANDARD + ", cụ thể:",
        keep_next=True,
    )
    y.residential_table(doc)
    d.body(doc, "{%p endif %}")


def _shortcomings(doc) -> None:
    """III–V: shortcomings and their causes, the next year's directions, the proposals."""
    d.heading(doc, "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    y.note(doc, "ton_tai", "những tồn tại, hạn chế của đơn vị trong năm")
    y.note(
        doc,
        "nguyen_nhan",
        "nguyên nhân của các tồn tại, hạn chế (khách quan, chủ quan)",
        lead="Nguyên nhân: ",
    )
    d.heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ nam_sau }}")
    y.note(doc, "phuong_huong", "phương hướng, nhiệm vụ của đơn vị trong năm tới")
    d.heading(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    d.optional(doc, "ghi_chu.kien_nghi", "{{ ghi_chu.kien_nghi }}")
    d.body(
        doc,
        "{{ don_vi_dau_cau }} kính đề nghị {{ cap_tren }} xem xét, công nhận kết quả đánh "
        "giá, xếp loại phong trào năm {{ nam }} theo đề nghị tại mục VI{% if cong_nhan "
        "and dang_ky %}; đề nghị {{ cong_nhan }} xem xét, công nhận đạt tiêu chuẩn "
        + d.STANDARD
        + "{% endif %}.",
    )


def _self_scoring(doc) -> None:
    """VI: the scoring sheet, the standard and the level proposed, then the signature."""
    d.heading(doc, "VI. TỰ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI")
    d.body(doc, "Kết quả tự chấm điểm (thang 100 điểm) theo {{ can_cu_cham_diem }}:")
    _scoring_table(doc)
    d.para(doc, "", size=6)
    d.body(
        doc,
        "1. Tiêu chuẩn " + d.STANDARD + ": {% if not dang_ky %}Chưa đạt (không đăng ký "
        "xây dựng tiêu chuẩn){% elif dat_chuan %}Đạt{% else %}Chưa đạt{% endif %}.",
    )
    d.body(
        doc,
        "2. Tổng điểm tự chấm {{ tong_diem }}/{{ tong_toi_da }} điểm; đề nghị xếp loại phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}: {{ xep_loai }}.",
    )
    d.body(
        doc,
        "Xếp loại {% if xep_loai_tinh %}được tính từ tổng điểm tự chấm{% else %}do đơn vị "
        "đề nghị, phù hợp với tổng điểm{% endif %} theo ngưỡng: " + d.THRESHOLDS + ".",
        italic=True,
    )
    d.body(
        doc,
        "Trên đây là báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm {{ nam }} của {{ don_vi }}./.",
    )
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)


def _report(doc, residential: bool) -> None:
    """The evaluation report: header, title, legal bases and opening, then its six parts."""
    d.nd30_header(doc, superior=True, number=not residential)
    d.title_block(
        doc,
        "BÁO CÁO",
        "Kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} và đề nghị "
        "xếp loại",
    )
    d.can_cu(doc)
    d.body(
        doc,
        "{{ don_vi_dau_cau }} báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an "
        "ninh Tổ quốc năm {{ nam }} (kỳ đánh giá từ ngày {{ ky_tu }}{% if thanh_lap %}, ngày "
        "{{ ten }} bắt đầu hoạt động,{% endif %} đến ngày {{ ky_den }}) như sau:",
    )
    _situation(doc, residential)
    _leadership(doc)
    _movement(doc)
    _registration(doc)
    _shortcomings(doc)
    _self_scoring(doc)


def _build(residential: bool):
    doc = d.new_document()
    _report(doc, residential)
    return doc


def build() -> dict:
    """Return the evaluation templates by file name."""
    return {"evaluation.docx": _build(False), "evaluation-khu-dan-cu.docx": _build(True)}
