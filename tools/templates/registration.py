"""Build registration.docx (Nghị định 30 form) and registration-khu-dan-cu.docx (residential).

A unit registers with the level above it to build itself up to the standard "An toàn về an
ninh, trật tự" (Thông tư số 124/2021/TT-BCA). What it commits to are the standard's criteria
for its type, literal numbered paragraphs under `{%p if loai … %}`, so an official edits a
criterion in Word once for every unit of that type.
"""

from __future__ import annotations

from tools.templates import docxbuild as d

# What the unit builds itself into, by type, as the title and the body name it.
WHAT = "{% if loai == 'khu_dan_cu' %}khu dân cư{% else %}{{ ten_loai }}{% endif %}"

# The criteria of Thông tư 124/2021/TT-BCA, as the unit of each type commits to them.
RESIDENTIAL = [
    "Không để xảy ra hoạt động xâm phạm an ninh quốc gia; không có người tuyên truyền, phát "
    "triển đạo trái pháp luật; không để xảy ra tụ tập đông người, khiếu kiện trái pháp luật "
    "trên địa bàn {{ dia_ban }}.",
    "Không để xảy ra tội phạm nghiêm trọng trở lên do người cư trú tại khu dân cư gây ra; "
    "kiềm chế, làm giảm tội phạm và vi phạm pháp luật về trật tự xã hội.",
    "Không có tụ điểm phức tạp về trật tự xã hội; không có người mới nghiện ma túy; không để "
    "phát sinh tệ nạn đánh bạc, mại dâm.",
    "Không để xảy ra cháy, nổ nghiêm trọng và tai nạn giao thông nghiêm trọng do chủ quan.",
    "100% hộ gia đình ký cam kết thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc; thực "
    "hiện đúng quy định về đăng ký, quản lý cư trú.",
    "Có tổ chức quần chúng tự quản, tổ bảo vệ an ninh, trật tự hoạt động thường xuyên, hiệu "
    "quả; hòa giải thành các mâu thuẫn, tranh chấp ngay tại cơ sở.",
    "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} được đánh giá, xếp loại từ Khá "
    "trở lên.",
]

COMMUNE = [
    "Không để xảy ra hoạt động xâm phạm an ninh quốc gia, bạo loạn, tụ tập đông người, khiếu "
    "kiện phức tạp, kéo dài trên địa bàn {{ dia_ban }}.",
    "Kiềm chế, làm giảm tội phạm và vi phạm pháp luật về trật tự xã hội; điều tra, làm rõ các "
    "vụ án xảy ra trên địa bàn theo chỉ tiêu được giao.",
    "Không để hình thành tụ điểm phức tạp về ma túy, cờ bạc, mại dâm; quản lý chặt chẽ người "
    "nghiện, người sử dụng trái phép chất ma túy.",
    "Không để xảy ra cháy, nổ nghiêm trọng và tai nạn giao thông nghiêm trọng do chủ quan; "
    "quản lý chặt chẽ vũ khí, vật liệu nổ, công cụ hỗ trợ.",
    "100% khu dân cư{% if so_khu_dan_cu %} ({{ so_khu_dan_cu }} khu dân cư){% endif %} đăng ký "
    "xây dựng và từ 70% trở lên được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
    "Công an {{ dia_ban }} hoàn thành tốt nhiệm vụ; các tổ chức quần chúng tham gia bảo vệ an "
    "ninh, trật tự ở cơ sở được củng cố, hoạt động hiệu quả.",
    "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} được đánh giá, xếp loại từ Khá "
    "trở lên.",
]

# An agency or a state enterprise keeps state secrets; an enterprise has managers and workers.
AGENCY = [
    "Không để xảy ra hoạt động xâm phạm an ninh quốc gia{% if loai == 'co_quan' or nha_nuoc %}, "
    "lộ, mất bí mật nhà nước{% endif %}; bảo đảm an ninh nội bộ, an ninh mạng{% if loai == "
    "'doanh_nghiep' %}, bí mật kinh doanh{% endif %} của {{ don_vi }}.",
    "Không có {% if loai == 'doanh_nghiep' %}người quản lý, người lao động{% else %}cán bộ, công "
    "chức, viên chức, người lao động{% endif %} vi phạm pháp luật bị truy cứu trách nhiệm hình "
    "sự, mắc tệ nạn ma túy, cờ bạc, mại dâm.",
    "{% if loai == 'doanh_nghiep' %}Không để xảy ra đình công, ngừng việc, tụ tập đông người "
    "trái pháp luật; giải quyết kịp thời tranh chấp lao động tại doanh nghiệp."
    "{% else %}Không để xảy ra tụ tập đông người, khiếu kiện trái pháp luật liên quan đến cơ "
    "quan; giải quyết kịp thời khiếu nại, tố cáo thuộc thẩm quyền.{% endif %}",
    "Không để xảy ra cháy, nổ, tai nạn lao động nghiêm trọng và mất trộm tài sản; duy trì nội "
    "quy, quy chế bảo vệ{% if loai == 'doanh_nghiep' %} doanh nghiệp{% else %} cơ quan"
    "{% endif %}.",
    "Lực lượng bảo vệ{% if loai == 'doanh_nghiep' %} doanh nghiệp{% else %} cơ quan{% endif %} "
    "được củng cố, phối hợp chặt chẽ với Công an nơi đóng trụ sở.",
    "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} được đánh giá, xếp loại từ Khá "
    "trở lên.",
]

SCHOOL = [
    "Không để xảy ra hoạt động xâm phạm an ninh quốc gia, tụ tập, gây rối trái pháp luật trong "
    "cán bộ, giáo viên, nhân viên, học sinh" + d.STUDENTS + " của {{ don_vi }}.",
    "Không có cán bộ, giáo viên, nhân viên, học sinh" + d.STUDENTS + " phạm tội hoặc mắc tệ nạn "
    "ma túy, cờ bạc, mại dâm; không để xảy ra bạo lực học đường nghiêm trọng.",
    "Không để xảy ra cháy, nổ, tai nạn giao thông nghiêm trọng đối với cán bộ, giáo viên, học "
    "sinh" + d.STUDENTS + " do chủ quan.",
    "Bảo đảm an ninh, trật tự trong trường học và khu vực xung quanh; phối hợp với gia đình và "
    "Công an nơi cư trú quản lý học sinh" + d.STUDENTS + ".",
    "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} được đánh giá, xếp loại từ Khá "
    "trở lên.",
]

BY_TYPE = (
    ("loai == 'khu_dan_cu'", RESIDENTIAL),
    ("loai == 'xa'", COMMUNE),
    ("loai in ('co_quan', 'doanh_nghiep')", AGENCY),
    ("loai == 'co_so_giao_duc'", SCHOOL),
)


def _criteria(doc) -> None:
    for index, (condition, items) in enumerate(BY_TYPE):
        d.body(doc, f"{{%p {'if' if index == 0 else 'elif'} {condition} %}}")
        for number, text in enumerate(items, start=1):
            d.body(doc, f"{number}. {text}")
    d.body(doc, "{%p endif %}")


def _build(residential: bool):
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=not residential)
    d.title_block(
        doc,
        "BẢN ĐĂNG KÝ",
        f"Xây dựng {WHAT} đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {{{{ nam }}}}",
    )
    d.para(doc, "Kính gửi: {{ cap_tren }}.", align=d.CENTER, after=6)
    d.can_cu(doc)
    d.body(
        doc,
        "{{ don_vi_dau_cau }} đăng ký xây dựng " + WHAT + " đạt tiêu chuẩn “An toàn về "
        "an ninh, trật tự” năm {{ nam }}, phấn đấu đạt các tiêu chí sau:",
    )
    _criteria(doc)
    d.body(
        doc,
        "{{ don_vi_dau_cau }} cam kết tổ chức thực hiện đầy đủ các tiêu chí đã đăng "
        "ký; đề nghị {{ cap_tren }} theo dõi, hướng dẫn, kiểm tra, đánh giá và xét "
        "công nhận kết quả vào cuối năm {{ nam }}./.",
    )
    d.para(doc, "", size=10)
    left, right = d.signature_block(doc)
    d.para(left, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
    d.para(left, "- Như trên;", size=11)
    d.para(left, "{%p for dong in noi_nhan %}", size=11)
    d.para(left, d.RECIPIENT, size=11)
    d.para(left, "{%p endfor %}", size=11)
    d.para(left, "- Lưu: VT.", size=11)
    d.signer(right)
    return doc


def build() -> dict:
    """Return the registration templates by file name."""
    return {"registration.docx": _build(False), "registration-khu-dan-cu.docx": _build(True)}
