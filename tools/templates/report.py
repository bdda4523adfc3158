"""Build report.docx: the year report (BÁO CÁO tổng kết) of a level, structured as domain §7.

I. situation; II. results (registration and recognition, classification with its thresholds,
model units, Ngày hội, the indicator table and the chart); III. shortcomings; IV. directions;
V. proposals; then the appendices (Phụ lục): units below target, grouped by indicator, and
units proposed for awards, each with the unit above it (names such as "Thôn 1" repeat). Every
sentence is literal text here; the context brings counts, shares, names and lists.
"""

from __future__ import annotations

from tools.templates import docxbuild as d
from tools.templates import yearend as y


def _loop(doc, items: str, text: str = "{{ dong }}", **kw) -> None:
    d.body(doc, f"{{%p for dong in {items} %}}", **kw)
    d.body(doc, text, **kw)
    d.body(doc, "{%p endfor %}", **kw)


def _rows(
    doc,
    widths: list[float],
    header: list[str],
    items: str,
    cells: list[str],
    total: list[str] | None = None,
) -> None:
    """A bordered table whose data rows repeat over a list of the context, and a total row."""
    table = d.grid_table(doc, widths, header, size=12)
    for texts in (
        [f"{{%tr for r in {items} %}}", *[""] * (len(cells) - 1)],
        cells,
        ["{%tr endfor %}", *[""] * (len(cells) - 1)],
        *([total] if total else []),
    ):
        added = table.add_row()
        d.keep_row(added)
        row = added.cells
        for index, (cell, text) in enumerate(zip(row, texts)):
            align = d.LEFT if index == 1 else d.CENTER
            d.para(cell, text, size=12, align=align)
            cell._tc.remove(cell.paragraphs[0]._p)


STANDARD = d.STANDARD
# What a unit below target lacks, by indicator; the score and level for classification. A level
# whose chosen model unit was not built names it: the text names it as a model unit too.
SHORTFALL = (
    '{% if g.ma == "dang_ky" %}Chưa đăng ký{% elif g.ma == "dat_chuan" %}Chưa được công nhận'
    '{% elif g.ma == "dien_hinh" %}{% if r.dien_hinh %}Đã chọn xây dựng điển hình: '
    "{{ r.dien_hinh }}; chưa có đơn vị đạt yêu cầu của chỉ tiêu"
    "{% else %}Chưa chọn đơn vị điển hình{% endif %}"
    "{% elif g.van_ban %}Chưa có văn bản"
    "{% else %}{{ r.xep_loai }} ({{ r.diem }} điểm){% endif %}"
)


CHANGE = (
    "{% if co_nam_truoc and X.truoc %} (năm {{ nam_truoc }}: {{ X.truoc }}{% if X.tang %}, tăng "
    "{{ X.tang }}{% elif X.giam %}, giảm {{ X.giam }}{% else %}, không đổi{% endif %})"
    "{% endif %}"
)


def change(value: str) -> str:
    """Last year's count of the same units and the change, when last year's results are given."""
    return CHANGE.replace("X.", f"{value}.")


def share(value: str) -> str:
    """A share, or the words for a share of no units."""
    return f"{{% if {value} %}}{{{{ {value} }}}}{{% else %}}không có đơn vị{{% endif %}}"


def _loop_row(table, tag: str, size: float = 12) -> None:
    """A row holding only a '{%tr … %}' tag (docxtpl removes it when rendering)."""
    row = table.add_row().cells
    d.para(row[0], tag, size=size)
    for cell in row:
        cell._tc.remove(cell.paragraphs[0]._p)
        if not cell.paragraphs:
            d.para(cell, "", size=size)


def _data_row(table, cells: list[str], *, bold: bool = False, size: float = 12) -> None:
    """A row of tags: the name columns left-aligned, the figures centred.

    Fewer texts than columns: the second text spans the name and the unit-above columns.
    """
    added = table.add_row()
    d.keep_row(added)
    row = added.cells
    left = (1, 2)
    if len(cells) < len(row):
        row = [row[0], row[1].merge(row[2]), *row[3:]]
        left = (1,)
    for index, (cell, text) in enumerate(zip(row, cells)):
        align = d.LEFT if index in left else d.CENTER
        paragraph = d.para(cell, text, size=size, align=align, bold=bold)
        if bold:
            # A bold row heads a group: it stays on the page of the group's first row.
            paragraph.paragraph_format.keep_with_next = True
        cell._tc.remove(cell.paragraphs[0]._p)


def _appendix_title(doc, number: str, title: str, note: str | None = None) -> None:
    """'PHỤ LỤC I', its title, and the line tying it to the report, on a new page."""
    first = d.para(doc, f"Phụ lục {{{{ {number} }}}}", bold=True, align=d.CENTER)
    first.paragraph_format.page_break_before = True
    d.para(doc, title, bold=True, align=d.CENTER)
    if note:
        d.para(doc, note, italic=True, align=d.CENTER)
    d.para(
        doc,
        "(Kèm theo Báo cáo số {{ so_ky_hieu }} ngày {{ ngay }} của {{ co_quan }})",
        italic=True,
        align=d.CENTER,
        after=12,
    )


def _appendices(doc) -> None:
    """The appendix tables after the signature, each on a new page, only when it has rows."""
    d.para(doc, "{%p if phu_luc_chua_dat %}", size=2)
    _appendix_title(doc, "pl_chua_dat", "DANH SÁCH ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU NĂM {{ nam }}")
    table = d.grid_table(
        doc, [1.2, 5.6, 4.5, 5.2], ["STT", "Tên đơn vị", "Đơn vị cấp trên", "Kết quả"], size=12
    )
    _loop_row(table, "{%tr for g in phu_luc_chua_dat %}")
    _data_row(
        table,
        [
            "{{ g.muc }}",
            "{{ g.chi_tieu }} ({{ g.loai }})",
            "Đạt {{ g.thuc_hien }} ({{ g.ti_so }}), chỉ tiêu {{ g.muc_tieu }}",
        ],
        bold=True,
    )
    _loop_row(table, "{%tr for r in g.don_vi %}")
    _data_row(table, ["{{ r.stt }}", "{{ r.ten }}", "{{ r.cap_tren }}", SHORTFALL])
    _loop_row(table, "{%tr endfor %}")
    _loop_row(table, "{%tr endfor %}")
    d.para(doc, "{%p endif %}", size=2)
    d.para(doc, "{%p if phu_luc_khen %}", size=2)
    _appendix_title(
        doc,
        "pl_khen",
        "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ KHEN THƯỞNG NĂM {{ nam }}",
        f"(Đơn vị đã đăng ký, được công nhận đạt tiêu chuẩn {STANDARD} và xếp loại phong trào "
        "Xuất sắc)",
    )
    table = d.grid_table(
        doc,
        [1.2, 6.1, 5.0, 1.7, 2.5],
        ["STT", "Tên đơn vị", "Đơn vị cấp trên", "Điểm", "Xếp loại"],
        size=12,
    )
    _loop_row(table, "{%tr for r in phu_luc_khen %}")
    _data_row(
        table,
        ["{{ r.stt }}", "{{ r.ten }}", "{{ r.cap_tren }}", "{{ r.diem }}", "{{ r.xep_loai }}"],
    )
    _loop_row(table, "{%tr endfor %}")
    d.para(doc, "{%p endif %}", size=2)


def _situation(doc) -> None:
    """I: the units taking part, by kind, and the year's situation."""
    d.heading(doc, "I. ĐẶC ĐIỂM, TÌNH HÌNH")
    d.body(
        doc,
        "Trên địa bàn {{ dia_ban }} có {{ theo_loai|join('; ') }} tham gia phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc (tổng số {{ tong_don_vi }} đơn vị).",
    )
    y.note(
        doc,
        "dac_diem",
        "đặc điểm tình hình an ninh, trật tự trên địa bàn trong năm, thuận lợi và khó khăn",
    )


def _leadership(doc) -> None:
    """II.1–3: leadership, outreach and the movement, with their figures."""
    d.heading(doc, "II. KẾT QUẢ THỰC HIỆN")
    d.optional(doc, "ghi_chu.ket_qua_noi_bat", "{{ ghi_chu.ket_qua_noi_bat }}")
    d.heading(doc, "1. Công tác lãnh đạo, chỉ đạo")
    d.body(
        doc,
        "Triển khai " + d.PLAN + " đến các đơn vị trên địa bàn {{ dia_ban }}"
        "{% if so_lieu.lanh_dao %}; kết quả:{% else %}.{% endif %}",
    )
    y.figures(doc, "lanh_dao")
    d.heading(doc, "2. Công tác tuyên truyền")
    y.figures(doc, "tuyen_truyen")
    y.no_figures(
        doc,
        "tuyen_truyen",
        "kết quả tuyên truyền, phổ biến pháp luật về bảo vệ an "
        "ninh, trật tự trên địa bàn trong năm",
    )
    d.heading(doc, "3. Phong trào toàn dân bảo vệ an ninh Tổ quốc")
    y.figures(doc, "phong_trao")
    y.no_figures(
        doc,
        "phong_trao",
        "kết quả phát hiện, tố giác tội phạm, xây dựng mô hình tự "
        "quản về an ninh, trật tự trên địa bàn trong năm",
    )


def _registration(doc) -> None:
    """II.4: registration and recognition per kind of unit; districts outside the standard."""
    d.heading(doc, f"4. Đăng ký, công nhận đạt tiêu chuẩn {STANDARD}")
    _loop(
        doc,
        "dang_ky",
        "- {{ dong.loai }}: {{ dong.dang_ky }}/{{ dong.tong }} đơn vị đăng ký "
        "(" + share("dong.ty_le_dang_ky") + ")" + change("dong.dk") + "; {{ dong.cong_nhan }}/"
        "{{ dong.dang_ky }} đơn vị "
        f"đã đăng ký được công nhận đạt tiêu chuẩn {STANDARD} ("
        + share("dong.ty_le_cong_nhan")
        + ")"
        + change("dong.cn")
        + ".",
    )
    d.optional(
        doc,
        "ngoai_chuan",
        "- Các {{ ngoai_chuan }} không thuộc đối tượng đăng ký, công nhận đạt tiêu chuẩn "
        f"{STANDARD} (Thông tư số 124/2021/TT-BCA), chỉ được đánh giá, phân loại phong trào.",
    )


def _classification(doc) -> None:
    """II.5: the levels per kind of unit, with the thresholds they were judged by."""
    d.heading(doc, "5. Đánh giá, phân loại phong trào")
    d.body(
        doc,
        "Kết quả tự chấm điểm, bình xét, phân loại phong trào của {{ so_cham_diem }} đơn "
        "vị trên địa bàn:",
    )
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
        [
            "Tổng cộng",
            *(
                f"{{{{ phan_loai_tong.{k} }}}}"
                for k in ("xuat_sac", "kha", "trung_binh", "yeu", "tong")
            ),
        ],
    )
    d.para(doc, "", size=6)
    d.optional(
        doc,
        "tinh_tu_diem_tat_ca",
        "Mức xếp loại của các đơn vị được tính từ tổng điểm tự chấm theo ngưỡng: "
        + d.THRESHOLDS
        + ".",
        italic=True,
    )
    d.optional(
        doc,
        "tinh_tu_diem and not tinh_tu_diem_tat_ca",
        "Xếp loại của {{ tinh_tu_diem }} đơn vị không ghi mức xếp loại được tính từ tổng "
        "điểm tự chấm theo ngưỡng: " + d.THRESHOLDS + "; xếp loại các đơn vị còn lại đã "
        "được đối chiếu với cùng ngưỡng.",
        italic=True,
    )
    d.optional(
        doc,
        "not tinh_tu_diem",
        "Mọi mức xếp loại đã được đối chiếu với điểm tự chấm theo ngưỡng: " + d.THRESHOLDS + ".",
        italic=True,
    )


def _models_and_event(doc) -> None:
    """II.6–7: the model units chosen and built, and the Ngày hội."""
    d.heading(doc, "6. Xây dựng mô hình, điển hình")
    d.optional(
        doc,
        "dien_hinh",
        "Chọn xây dựng {{ so_dien_hinh }} đơn vị điển hình về phong trào toàn dân bảo vệ "
        "an ninh Tổ quốc: {{ dien_hinh }}; trong đó {{ so_dien_hinh_dat }} đơn vị đạt "
        "tiêu chuẩn " + STANDARD + " và xếp loại phong trào Khá trở lên"
        "{% if dien_hinh_dat %} ({{ dien_hinh_dat }}){% endif %}.",
    )
    d.optional(
        doc,
        "not dien_hinh",
        "Chưa có đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc.",
    )
    d.heading(doc, "7. Ngày hội toàn dân bảo vệ an ninh Tổ quốc")
    d.body(
        doc,
        "{{ ngay_hoi.to_chuc }}/{{ ngay_hoi.tong }} đơn vị ("
        + share("ngay_hoi.ty_le")
        + ") tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}"
        + change("ngay_hoi")
        + ".",
    )
    y.figures(doc, "ngay_hoi")


def _targets(doc) -> None:
    """II.8: the table of the targets, the chart, and the targets judged by documents."""
    d.heading(doc, "8. Kết quả thực hiện các chỉ tiêu")
    d.body(
        doc,
        "Đối chiếu với các chỉ tiêu của " + d.PLAN + " (tỷ lệ tính trên số đơn vị của từng loại):",
    )
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
    d.optional(
        doc,
        "khong_do",
        "Các chỉ tiêu sau được đánh giá qua hồ sơ văn bản của các đơn vị, không tính tỷ lệ "
        "trong báo cáo này: {{ khong_do|join('; ') }}.",
    )


def _shortcomings(doc) -> None:
    """III: the targets not met, with the appendix that lists their units, and the causes."""
    d.heading(doc, "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    _loop(
        doc,
        "ton_tai",
        "- {{ dong.chi_tieu }} ({{ dong.loai }}): mới đạt {{ dong.thuc_hien }} ({{ dong.ti_so }}), "
        "chỉ tiêu {{ dong.muc_tieu }}{% if dong.muc %}; danh sách đơn vị chưa đạt tại mục "
        "{{ dong.muc }} Phụ lục {{ pl_chua_dat }} kèm theo{% endif %}.",
    )
    d.optional(doc, "not ton_tai", "- Các chỉ tiêu có số liệu đều đạt so với kế hoạch.")
    y.note(doc, "ton_tai", "những tồn tại, hạn chế của phong trào trên địa bàn trong năm")
    y.note(
        doc,
        "nguyen_nhan",
        "nguyên nhân của các tồn tại, hạn chế (khách quan, chủ quan)",
        lead="Nguyên nhân: ",
    )


def _directions_and_proposals(doc) -> None:
    """IV–V: the next year's directions and the proposals (awards, or help for the units below)."""
    d.heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ nam_sau }}")
    y.note(
        doc,
        "phuong_huong",
        "phương hướng, nhiệm vụ trọng tâm của năm tới, nhất là để khắc phục các chỉ tiêu chưa đạt",
    )
    d.heading(doc, "V. ĐỀ XUẤT, KIẾN NGHỊ")
    d.optional(doc, "ghi_chu.kien_nghi", "- {{ ghi_chu.kien_nghi }}")
    d.optional(
        doc,
        "pl_khen",
        "- Đề nghị {{ cap_tren }} xem xét, khen thưởng {{ so_khen }} đơn vị đã đăng ký, được "
        f"công nhận đạt tiêu chuẩn {STANDARD} và xếp loại phong trào Xuất sắc năm {{{{ nam }}}} "
        "(có danh sách tại Phụ lục {{ pl_khen }} kèm theo).",
    )
    d.optional(
        doc,
        "not pl_khen",
        "- Đề nghị {{ cap_tren }} tiếp tục hướng dẫn, hỗ trợ các đơn vị chưa đạt.",
    )
    d.body(
        doc,
        "Trên đây là báo cáo tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }} của {{ co_quan }}./.",
    )


def build() -> dict:
    """Return the report template by file name."""
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(
        doc, "BÁO CÁO", "Tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}"
    )
    d.body(
        doc,
        "Thực hiện " + d.PLAN + ", {{ co_quan }} báo cáo tổng kết phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc năm {{ nam }} trên địa bàn {{ dia_ban }} như sau:",
    )
    _situation(doc)
    _leadership(doc)
    _registration(doc)
    _classification(doc)
    _models_and_event(doc)
    _targets(doc)
    _shortcomings(doc)
    _directions_and_proposals(doc)
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)
    _appendices(doc)
    return {"report.docx": doc}
