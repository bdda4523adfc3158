"""Build pledge.docx (Nghị định 30 form), pledge-khu-dan-cu.docx (residential-area form) and
pledge-household.docx (one household's own form).

The commitments are numbered paragraphs of literal text: households' in the residential form
and the household's form; in pledge.docx one list per kind of unit under `{%p if loai … %}`, so
an edit of a commitment in Word shows in every pledge of that kind. The residential form ends
with the appendix listing every household (danh sách hộ gia đình ký cam kết) when the run has
a household list.
"""

from __future__ import annotations

from tools.templates import docxbuild as d

# The commitments by kind of unit (domain §7: law, security offences, social evils, residence,
# reporting crime and self-management, fire and traffic safety, conciliation).
HOUSEHOLDS = [
    "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, "
    "quy ước, hương ước của {{ dia_ban }} và các quy định của địa phương.",
    "Không tham gia, không tiếp tay cho các hoạt động xâm phạm an ninh quốc gia; không nghe "
    "theo, không tuyên truyền, tụ tập, khiếu kiện trái pháp luật, truyền đạo trái phép.",
    "Không vi phạm pháp luật, không phạm tội; không mua bán, tàng trữ, sử dụng trái phép chất "
    "ma túy; không tham gia đánh bạc, mại dâm, cho vay nặng lãi và các tệ nạn xã hội khác.",
    "Thực hiện đúng quy định về đăng ký, quản lý cư trú; khai báo tạm trú, lưu trú, tạm vắng "
    "đầy đủ, kịp thời.",
    "Tích cực phát hiện, tố giác tội phạm, người vi phạm pháp luật; tham gia tổ tự quản, tổ "
    "bảo vệ an ninh, trật tự ở cơ sở.",
    "Chấp hành quy định về phòng cháy, chữa cháy và trật tự, an toàn giao thông; không tàng "
    "trữ, sử dụng vũ khí, vật liệu nổ, công cụ hỗ trợ, pháo trái phép.",
    "Giải quyết mâu thuẫn, tranh chấp trong cộng đồng bằng hòa giải ở cơ sở, không để phát "
    "sinh thành vụ việc phức tạp về an ninh, trật tự.",
    "Tham gia đầy đủ các hoạt động của phong trào toàn dân bảo vệ an ninh Tổ quốc và Ngày hội "
    "toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}).",
]

AGENCIES = [
    "Quán triệt, chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của "
    "Nhà nước và nội quy, quy chế của {{ ten }}.",
    "Không để cán bộ, công chức, viên chức, người lao động tham gia hoạt động xâm phạm an ninh "
    "quốc gia; bảo vệ bí mật nhà nước, bảo vệ tài sản và an ninh nội bộ của đơn vị.",
    "Không để cán bộ, công chức, viên chức, người lao động vi phạm pháp luật, phạm tội, mua bán, "
    "tàng trữ, sử dụng trái phép chất ma túy, đánh bạc hoặc mắc các tệ nạn xã hội khác.",
    "Thực hiện đúng quy định về cư trú; phối hợp với Công an nơi cư trú quản lý người lao động "
    "của đơn vị.",
    "Chủ động phát hiện, tố giác tội phạm; duy trì hoạt động của tổ bảo vệ, lực lượng tự quản "
    "về an ninh, trật tự tại đơn vị.",
    "Chấp hành quy định về phòng cháy, chữa cháy, an toàn lao động và trật tự, an toàn giao "
    "thông; không điều khiển phương tiện sau khi đã uống rượu, bia.",
    "Giải quyết mâu thuẫn, khiếu nại nội bộ bằng đối thoại, hòa giải; không để xảy ra khiếu "
    "kiện đông người, đình công, ngừng việc trái pháp luật.",
    "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ nam }}; tổ chức kỷ "
    "niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}).",
]

# An enterprise has managers and workers, not civil servants; state secrets only in a state
# enterprise (nha_nuoc: the roster's Doanh nghiệp nhà nước).
ENTERPRISES = [
    "Quán triệt, chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của "
    "Nhà nước và nội quy, quy chế của {{ ten }}.",
    "Không để người quản lý, người lao động tham gia hoạt động xâm phạm an ninh quốc gia; "
    "{% if nha_nuoc %}bảo vệ bí mật nhà nước, {% endif %}bảo vệ bí mật kinh doanh, tài sản và "
    "an ninh nội bộ của doanh nghiệp.",
    "Không để người quản lý, người lao động vi phạm pháp luật, phạm tội, mua bán, tàng trữ, sử "
    "dụng trái phép chất ma túy, đánh bạc hoặc mắc các tệ nạn xã hội khác.",
    "Thực hiện đúng quy định về cư trú; phối hợp với Công an nơi cư trú quản lý người lao động "
    "của doanh nghiệp, người lao động thuê trọ.",
    "Chủ động phát hiện, tố giác tội phạm; duy trì hoạt động của lực lượng bảo vệ doanh nghiệp, "
    "tổ tự quản về an ninh, trật tự tại doanh nghiệp.",
    "Chấp hành quy định về phòng cháy, chữa cháy, an toàn, vệ sinh lao động và trật tự, an toàn "
    "giao thông; không điều khiển phương tiện sau khi đã uống rượu, bia.",
    "Giải quyết kịp thời kiến nghị, tranh chấp lao động bằng đối thoại, hòa giải; không để xảy "
    "ra tụ tập đông người, đình công, ngừng việc trái pháp luật.",
    "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ nam }}; tổ chức kỷ "
    "niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}).",
]

GOVERNMENTS = [
    "Lãnh đạo, chỉ đạo thực hiện nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật "
    "của Nhà nước về bảo vệ an ninh, trật tự trên địa bàn {{ dia_ban }}.",
    "Chủ động nắm tình hình, không để bị động, bất ngờ; không để xảy ra hoạt động xâm phạm an "
    "ninh quốc gia, tụ tập đông người, khiếu kiện phức tạp trên địa bàn.",
    "Kiềm chế, làm giảm tội phạm và tệ nạn ma túy, cờ bạc, mại dâm; không để phát sinh tụ điểm "
    "phức tạp về an ninh, trật tự.",
    "Thực hiện tốt công tác đăng ký, quản lý cư trú; quản lý chặt chẽ vũ khí, vật liệu nổ, "
    "công cụ hỗ trợ.",
    "Củng cố, duy trì hoạt động của các tổ tự quản, tổ bảo vệ an ninh, trật tự ở cơ sở; động "
    "viên Nhân dân tố giác tội phạm.",
    "Bảo đảm phòng cháy, chữa cháy và trật tự, an toàn giao thông; giải quyết mâu thuẫn, tranh "
    "chấp bằng hòa giải ở cơ sở.",
    "Chỉ đạo 100% {{ loai_kdc }}, cơ quan, cơ sở giáo dục đăng ký tiêu chuẩn “An toàn về an ninh, "
    "trật tự” năm {{ nam }} và tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc "
    "({{ ngay_hoi }}).",
]

SCHOOLS = [
    "Quán triệt, chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của "
    "Nhà nước và nội quy, quy chế của {{ ten }}.",
    "Không để cán bộ, giáo viên, nhân viên, học sinh" + d.STUDENTS + " tham gia hoạt động xâm "
    "phạm an ninh quốc gia, tụ tập, gây rối trái pháp luật.",
    "Không để cán bộ, giáo viên, học sinh" + d.STUDENTS + " sử dụng trái phép chất ma túy, đánh "
    "bạc, mắc các tệ nạn xã hội; không để xảy ra bạo lực học đường.",
    "Thực hiện đúng quy định về cư trú; phối hợp với gia đình và Công an nơi cư trú quản lý "
    "học sinh" + d.STUDENTS + " ở trọ.",
    "Tích cực phát hiện, tố giác tội phạm; xây dựng và duy trì tổ an ninh, trật tự trong nhà "
    "trường.",
    "Chấp hành quy định về phòng cháy, chữa cháy và trật tự, an toàn giao thông; 100% học "
    "sinh" + d.STUDENTS + " đội mũ bảo hiểm khi đi mô tô, xe máy, xe đạp điện.",
    "Giữ gìn an toàn trên không gian mạng; không đăng tải, chia sẻ thông tin sai sự thật, "
    "xúc phạm người khác.",
    "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ nam }}; tổ chức kỷ "
    "niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}).",
]

# Which list each kind of unit signs in pledge.docx (khu dân cư have their own template).
BY_TYPE = (
    ("loai in ('huyen', 'xa')", GOVERNMENTS),
    ("loai == 'co_quan'", AGENCIES),
    ("loai == 'doanh_nghiep'", ENTERPRISES),
    ("loai == 'co_so_giao_duc'", SCHOOLS),
)


def _numbered(doc, items: list[str]) -> None:
    """Fixed numbered paragraphs (1., 2., …) that an official edits as plain text."""
    for number, text in enumerate(items, start=1):
        d.body(doc, f"{number}. {text}")


def _commitments(doc, residential: bool) -> None:
    if residential:
        _numbered(doc, HOUSEHOLDS)
        return
    for index, (condition, items) in enumerate(BY_TYPE):
        d.body(doc, f"{{%p {'if' if index == 0 else 'elif'} {condition} %}}")
        _numbered(doc, items)
    d.body(doc, "{%p endif %}")


def _build(residential: bool):
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=False)
    d.title_block(
        doc, "BẢN CAM KẾT", "Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}"
    )
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
    _commitments(doc, residential)
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
        d.signer(cell, prefix)
    if residential:
        _household_appendix(doc)
    return doc


def _household_appendix(doc) -> None:
    """Every household of the khu dân cư with room for its signature, on pages of its own."""
    d.para(doc, "{%p if ho_gia_dinh %}", size=2)
    first = d.para(doc, "Phụ lục", bold=True, align=d.CENTER)
    first.paragraph_format.page_break_before = True
    d.para(doc, "DANH SÁCH HỘ GIA ĐÌNH KÝ CAM KẾT", bold=True, align=d.CENTER)
    d.para(
        doc,
        "(Kèm theo Bản cam kết thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }} của {{ ben_cam_ket.ten_trong_cau }}, {{ ngay_ky }})",
        italic=True,
        align=d.CENTER,
        after=12,
    )
    table = d.grid_table(
        doc,
        [1.2, 4.8, 5.4, 2.2, 3.0],
        ["STT", "Chủ hộ", "Địa chỉ", "Số nhân khẩu", "Ký tên"],
        size=12,
    )
    d.loop_rows(
        table,
        "for h in ho_gia_dinh",
        ["{{ h.stt }}", "{{ h.chu_ho }}", "{{ h.dia_chi }}", "{{ h.so_nhan_khau }}", ""],
        size=12,
        aligns=[d.CENTER, d.LEFT, d.LEFT, d.CENTER, d.CENTER],
    )
    d.para(doc, "", size=6)
    d.body(doc, "Tổng số: {{ so_ho }} hộ gia đình, {{ so_nhan_khau }} nhân khẩu./.")
    d.para(doc, "{%p endif %}", size=2)


# A household's form fits one page (a village prints and signs hundreds): body at 13 pt, the
# smallest Nghị định 30 allows, single spacing and 3 pt between paragraphs.
_FORM = {"size": 13, "after": 2, "line": 1.0}


def _household_form():
    """One household's pledge to its khu dân cư on one page: the residential-area form, signed
    by the head of household and received by the head of the khu dân cư. Only what the head of
    household reads is printed: no code of the household or the unit, nor a QR code (the
    forms stay with the khu dân cư; its pledge is the document filed)."""
    doc = d.new_document(identity_code=False)
    d.nd30_header(doc, superior=True, number=False)
    d.para(doc, "BẢN CAM KẾT CỦA HỘ GIA ĐÌNH", bold=True, align=d.CENTER, before=12)
    d.para(
        doc,
        "Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}",
        bold=True,
        align=d.CENTER,
    )
    rule = d.para(doc, size=4, after=6, align=d.CENTER)
    d.bottom_rule(rule, indent_cm=(d.TEXT_WIDTH_CM - 3.0) / 2)
    d.body(doc, "{%p for dong in can_cu %}", italic=True, **_FORM)
    d.body(doc, "Căn cứ {{ dong }};", italic=True, **_FORM)
    d.body(doc, "{%p endfor %}", italic=True, **_FORM)
    d.body(doc, f"Căn cứ {d.PLAN}.", italic=True, **_FORM)
    d.body(doc, "Kính gửi: {{ ben_cam_ket.ten }}.", bold=True, **_FORM)
    d.body(
        doc,
        "Họ và tên chủ hộ: {{ ho.chu_ho }}; số nhân khẩu: {{ ho.so_nhan_khau }} người; "
        "địa chỉ: {{ ho.dia_chi }}.",
        **_FORM,
    )
    d.body(
        doc,
        "Thay mặt các thành viên trong gia đình, tôi cam kết trong năm {{ nam }} thực hiện "
        "tốt các nội dung sau:",
        **_FORM,
    )
    for number, text in enumerate(HOUSEHOLDS, start=1):
        d.body(doc, f"{number}. {text}", **_FORM)
    d.body(
        doc,
        "Bản cam kết có giá trị đến hết ngày 31 tháng 12 năm {{ nam }}. Gia đình tôi chịu trách "
        "nhiệm trước {{ ben_cam_ket.ten_trong_cau }} và chính quyền địa phương nếu vi phạm các "
        "nội dung trên./.",
        **_FORM,
    )
    d.para(doc, "", size=6)
    left, right = d.signature_block(doc, left_width_cm=d.TEXT_WIDTH_CM / 2)
    # Both columns have as many lines above the names, so the names stand on one line.
    for cell, lines, name in (
        (left, ("XÁC NHẬN", "ĐẠI DIỆN KHU DÂN CƯ"), "{{ ben_cam_ket.ho_ten }}"),
        (right, ("", "CHỦ HỘ"), "{{ ho.chu_ho }}"),
    ):
        for line in lines:
            d.cell_para(cell, line, size=13, bold=True)
        d.cell_para(cell, "(Ký, ghi rõ họ tên)", size=13, italic=True)
        for _ in range(3):
            d.cell_para(cell, "", size=13)
        d.cell_para(cell, name, size=13, bold=True)
    return doc


def _slim(doc):
    """Drop the parts Word does not need: a province writes one form per household (150,000
    files), so Word 2010's duplicate style sheet and the thumbnail would cost gigabytes."""
    for rels, kinds in (
        (doc.part.rels, ("stylesWithEffects", "customXml")),
        (doc.part.package.rels, ("thumbnail",)),
    ):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in kinds:
                del rels[r_id]
    return doc


def build() -> dict:
    """Return the pledge templates by file name."""
    return {
        "pledge.docx": _build(False),
        "pledge-khu-dan-cu.docx": _build(True),
        "pledge-household.docx": _slim(_household_form()),
    }
