"""Build event-plan.docx: the plan for the Ngày hội toàn dân bảo vệ an ninh Tổ quốc.

Every sentence is template text an official can edit in Word; the variants by unit type are
`{%p if loai == … %}` paragraphs (loai: huyen, xa, khu_dan_cu, co_quan, doanh_nghiep,
co_so_giao_duc; chinh_quyen: a local government).
"""

from __future__ import annotations

from tools.templates import docxbuild as d

# "80 năm Ngày truyền thống Công an nhân dân (19/8/1945 - 19/8/2025) và 20 năm …": the
# anniversaries joined the Vietnamese way (", " between, " và " before the last).
_JOIN = "{% if not loop.first %}{% if loop.last %} và {% else %}, {% endif %}{% endif %}"
KY_NIEM_DAY_DU = (
    "{% for k in ky_niem %}"
    + _JOIN
    + "{{ k.so_nam }} năm {{ k.noi_dung }} ({{ k.tu_ngay }} - {{ k.den_ngay }}){% endfor %}"
)
KY_NIEM_NGAN = "{% for k in ky_niem %}" + _JOIN + "{{ k.so_nam }} năm {{ k.noi_dung }}{% endfor %}"
DUOI = '{{ don_vi_duoi|join(", ") }}'
DIA_PHUONG = '{{ dia_phuong_duoi|join(", ") }}'

# Who the plan addresses and who prepares and presents the report on the movement at the
# ceremony (the Công an of a local government, the head of a khu dân cư, else the office that
# keeps the unit's records, never a guard team), per unit type; Jinja expressions, set once.
SETS = [
    ('loai in ["huyen", "xa"]', '"cán bộ, đảng viên và Nhân dân"', "cong_an"),
    ('loai == "khu_dan_cu"', '"các hộ gia đình và Nhân dân"', "chuc_vu"),
    (
        'loai == "co_quan"',
        '"cán bộ, công chức, viên chức, người lao động"',
        '"Văn phòng (bộ phận hành chính)"',
    ),
    ('loai == "doanh_nghiep"', '"người quản lý, người lao động"', '"Bộ phận Hành chính - Tổ chức"'),
    (
        None,
        '"cán bộ, giáo viên, nhân viên, học sinh" ~ (", sinh viên" if sinh_vien else "")',
        '"Bộ phận văn phòng nhà trường"',
    ),
]

PURPOSES = [
    "1. Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}{% if ky_niem %} gắn với "
    "kỷ niệm " + KY_NIEM_DAY_DU + "{% endif %} nhằm giáo dục truyền thống, nâng cao nhận thức, "
    "ý thức trách nhiệm của {{ thanh_vien }} trong sự nghiệp bảo vệ an ninh Tổ quốc; biểu dương "
    "tập thể, cá nhân điển hình trong phong trào.",
    "2. Đánh giá kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc 8 tháng đầu năm "
    "{{ nam }}; phát động thi đua thực hiện phong trào những tháng cuối năm, góp phần bảo đảm an "
    "ninh, trật tự {% if chinh_quyen %}trên địa bàn{% else %}tại {{ ten_trong_cau }}{% endif %}.",
    "3. Ngày hội được tổ chức trang trọng, thiết thực, tiết kiệm, bảo đảm an toàn; thu hút đông "
    "đảo {{ thanh_vien }} tham gia.",
]

ACTIVITIES = [
    "1. Tuyên truyền về truyền thống của lực lượng Công an nhân dân, ý nghĩa Ngày hội toàn dân "
    "bảo vệ an ninh Tổ quốc{% if ky_niem %}, các ngày kỷ niệm " + KY_NIEM_NGAN + "{% endif %} "
    "{% if chinh_quyen %}trên hệ thống loa truyền thanh, băng rôn, khẩu hiệu, trang thông tin "
    'điện tử và mạng xã hội{% elif loai == "khu_dan_cu" %}qua loa truyền thanh, băng rôn, khẩu '
    "hiệu và các buổi họp dân{% else %}trên bảng tin, băng rôn, khẩu hiệu, trang thông tin và nhóm "
    "mạng xã hội của đơn vị{% endif %}.",
    "2. Sơ kết 8 tháng đầu năm {{ nam }} thực hiện phong trào; lựa chọn, đề nghị khen thưởng tập "
    "thể, cá nhân có thành tích tiêu biểu.",
    "3. {% if chinh_quyen %}Thăm hỏi, tặng quà gia đình chính sách, gia đình có công với cách "
    "mạng, người có uy tín và lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở{% else %}Thăm "
    "hỏi, động viên {{ thanh_vien }} có hoàn cảnh khó khăn, người tích cực tham gia bảo vệ an "
    "ninh, trật tự{% endif %}.",
    "4. Tổ chức hội thi tìm hiểu pháp luật về an ninh, trật tự; giao lưu văn nghệ, thể thao hưởng "
    "ứng Ngày hội.",
]

LANH_DAO = "Lãnh đạo {{ co_quan }}"
CEREMONY = [
    ("1", "Chào cờ; tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức"),
    (
        "2",
        "Diễn văn {% if ky_niem %}kỷ niệm " + KY_NIEM_NGAN + "{% else %}ôn lại truyền thống "
        "lực lượng Công an nhân dân và ý nghĩa Ngày hội toàn dân bảo vệ an ninh Tổ quốc{% endif %}",
        LANH_DAO,
    ),
    (
        "3",
        "Báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc 8 tháng đầu năm "
        "{{ nam }}; phương hướng, nhiệm vụ những tháng cuối năm",
        "{{ bao_cao }}",
    ),
    ("4", "Khen thưởng tập thể, cá nhân có thành tích tiêu biểu trong phong trào", LANH_DAO),
    (
        "5",
        "Ký kết giao ước thi đua, phát động thi đua thực hiện phong trào những tháng cuối năm",
        "{% if chinh_quyen and don_vi_duoi %}Đại diện các " + DUOI + "{% elif chinh_quyen %}Đại "
        'diện các cơ quan, đơn vị{% elif loai == "khu_dan_cu" %}Đại diện các hộ gia đình, tổ tự '
        'quản{% elif loai == "co_so_giao_duc" %}Đại diện các tổ chuyên môn, bộ phận, tổ chức '
        "đoàn thể{% else %}Đại diện các phòng, bộ phận, tổ chức đoàn thể{% endif %}",
    ),
    ("6", "Phát biểu chỉ đạo của đại biểu cấp trên", "Đại biểu cấp trên"),
]
FESTIVAL = [
    (
        "7",
        "Văn nghệ chào mừng",
        "{% if chinh_quyen %}Ủy ban Mặt trận Tổ quốc Việt Nam và các "
        "đoàn thể {{ ten_trong_cau }}{% else %}Công đoàn, Đoàn Thanh niên{% endif %}",
    ),
    (
        "8",
        "Thi đấu thể thao, trò chơi dân gian (kéo co, đẩy gậy, nhảy bao bố…)",
        "{% if chinh_quyen %}Đoàn Thanh niên và các đoàn thể{% else %}Đoàn Thanh niên{% endif %}",
    ),
]

VENUES = [
    ("dia_diem", "2. Địa điểm: {{ dia_diem }}."),
    ("chinh_quyen", "2. Địa điểm: Hội trường Ủy ban nhân dân {{ ten_trong_cau }}."),
    ('loai == "khu_dan_cu"', "2. Địa điểm: Nhà văn hóa {{ ten_trong_cau }}."),
    (None, "2. Địa điểm: Hội trường {{ ten_trong_cau }}."),
]

PARTICIPANTS = [
    ("thanh_phan", "3. Thành phần: {{ thanh_phan }}."),
    (
        'loai == "huyen"',
        "3. Thành phần: Đại diện lãnh đạo Ban Chỉ đạo tỉnh; Thường trực "
        "{{ cap_uy }}, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam "
        "{{ ten_trong_cau }}; lãnh đạo các phòng, ban, đoàn thể; {{ cong_an }}; đại "
        "diện các " + DUOI + "; tập thể, cá nhân được khen thưởng.",
    ),
    (
        'loai == "xa"',
        "3. Thành phần: Thường trực {{ cap_uy }}, Hội đồng nhân dân, Ủy ban nhân "
        "dân, Ủy ban Mặt trận Tổ quốc Việt Nam {{ ten_trong_cau }}; {{ cong_an }}; các "
        "tổ chức chính trị - xã hội; {% if don_vi_duoi %}đại diện các " + DUOI + ", {% endif %}"
        "người có uy tín, lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở và Nhân dân trên địa "
        "bàn; tập thể, cá nhân được khen thưởng.",
    ),
    (
        'loai == "khu_dan_cu"',
        "3. Thành phần: Chi ủy, Ban công tác Mặt trận, các chi hội đoàn thể, "
        "tổ tự quản và các hộ gia đình {{ ten_trong_cau }}.",
    ),
    # 19/8 falls in the summer break: the pupils who can come, not every class.
    (
        'loai == "co_so_giao_duc"',
        "3. Thành phần: Ban Giám hiệu, Công đoàn, Đoàn Thanh niên, giáo "
        "viên, nhân viên {{ ten_trong_cau }} và học sinh" + d.STUDENTS + " có điều kiện tham gia "
        "trong dịp nghỉ hè.",
    ),
    (
        None,
        "3. Thành phần: Lãnh đạo {{ co_quan }}, Công đoàn, Đoàn Thanh niên và toàn thể "
        "{{ thanh_vien }}.",
    ),
]

SOURCES = [
    (
        "chinh_quyen",
        "2. Nguồn kinh phí: từ nguồn ngân sách được giao năm {{ nam }} của "
        "{{ co_quan }} và nguồn xã hội hóa hợp pháp (nếu có).",
    ),
    (
        'loai == "co_quan"',
        "2. Nguồn kinh phí: từ nguồn ngân sách được giao năm {{ nam }} của {{ ten_trong_cau }}.",
    ),
    (
        'loai == "co_so_giao_duc"',
        "2. Nguồn kinh phí: từ kinh phí hoạt động của nhà trường năm "
        "{{ nam }} và nguồn tài trợ hợp pháp (nếu có).",
    ),
    ('loai == "doanh_nghiep"', "2. Nguồn kinh phí: từ nguồn tài chính của doanh nghiệp."),
    (
        None,
        "2. Nguồn kinh phí: từ kinh phí hoạt động của {{ ten_trong_cau }} và đóng góp tự "
        "nguyện, hợp pháp của Nhân dân.",
    ),
]

TASKS = {
    "chinh_quyen": [
        "1. {% if not cong_an_cung_cap %}Đề nghị {% endif %}{{ cong_an }}: là cơ quan thường "
        "trực, tham mưu {{ co_quan }} tổ chức "
        "Ngày hội; xây dựng kịch bản chương trình, báo cáo kết quả phong trào, dự thảo diễn văn và "
        "đề xuất khen thưởng; bảo đảm an ninh, trật tự tại buổi lễ.",
        "2. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {{ ten_trong_cau }}: chuẩn bị hội "
        "trường, khánh tiết, giấy mời đại biểu; lập dự toán, bảo đảm và thanh quyết toán kinh phí "
        "theo quy định.",
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội "
        "{{ ten_trong_cau }}: vận động đoàn viên, hội viên và Nhân dân tham gia; chủ trì phần hội "
        "(văn nghệ, thể thao, trò chơi dân gian).",
        '{%p if loai == "huyen" and dia_phuong_duoi %}',
        "4. Ủy ban nhân dân các " + DIA_PHUONG + ": xây dựng kế hoạch và tổ chức Ngày hội ở "
        "cấp mình; cử đại diện dự Ngày hội của {{ ten_trong_cau }} và báo cáo kết quả về Ủy "
        "ban nhân dân {{ ten_trong_cau }}{% if cong_an_cung_cap %} (qua {{ cong_an }}){% endif %}.",
        "{%p elif dia_phuong_duoi %}",
        "4. Các " + DIA_PHUONG + ": tuyên truyền, vận động Nhân dân tham gia Ngày hội; cử đại "
        "diện ký kết giao ước thi đua.",
        "{%p endif %}",
    ],
    'loai == "doanh_nghiep"': [
        "1. Bộ phận Hành chính - Tổ chức: chuẩn bị báo cáo kết quả phong trào 8 tháng đầu năm; "
        "chuẩn bị hội trường, khánh tiết, giấy mời; lập dự toán và bảo đảm kinh phí.",
        "2. Công đoàn cơ sở: vận động người lao động tham gia; phụ trách văn nghệ chào mừng.",
        "3. Đoàn Thanh niên: tổ chức thi đấu thể thao, trò chơi dân gian; tuyên truyền trên bảng "
        "tin và mạng xã hội của doanh nghiệp.",
        "4. Lực lượng bảo vệ doanh nghiệp: bảo đảm an ninh, trật tự, phòng cháy, chữa cháy tại "
        "buổi lễ; phối hợp với Công an xã, phường nơi doanh nghiệp đóng trụ sở.",
    ],
    # The Ngày hội falls in the summer break: teachers and staff prepare the new school year,
    # pupils who can come are invited through their class groups.
    'loai == "co_so_giao_duc"': [
        "1. Bộ phận văn phòng nhà trường: chuẩn bị báo cáo kết quả phong trào 8 tháng đầu năm; "
        "chuẩn bị hội trường, khánh tiết, giấy mời; lập dự toán và bảo đảm kinh phí.",
        "2. Công đoàn, Đoàn Thanh niên nhà trường: vận động giáo viên, nhân viên tham gia; phụ "
        "trách phần hội.",
        "3. Giáo viên chủ nhiệm: thông báo nội dung Ngày hội đến học sinh" + d.STUDENTS + " trong "
        "dịp nghỉ hè qua nhóm liên lạc của lớp; mời học sinh" + d.STUDENTS + " có điều kiện "
        "tham gia.",
        "4. Tổ bảo vệ nhà trường: bảo đảm an ninh, trật tự, phòng cháy, chữa cháy tại buổi lễ; "
        "kiểm tra, bảo vệ cơ sở vật chất, tài sản của nhà trường chuẩn bị cho năm học mới.",
    ],
    'loai == "khu_dan_cu"': [
        "1. {{ chuc_vu }}: chủ trì tổ chức Ngày hội; chuẩn bị báo cáo kết quả phong trào 8 tháng "
        "đầu năm; báo cáo kết quả Ngày hội về {{ co_quan_cap_tren }}.",
        "2. Ban công tác Mặt trận và các chi hội đoàn thể: vận động các hộ gia đình tham gia; phụ "
        "trách phần hội.",
        "3. Tổ bảo vệ an ninh, trật tự: bảo đảm an ninh, trật tự tại buổi lễ.",
    ],
    None: [
        "1. Văn phòng (bộ phận hành chính, kế toán): chuẩn bị báo cáo kết quả phong trào 8 tháng "
        "đầu năm; chuẩn bị hội trường, khánh tiết, giấy mời; lập dự toán và bảo đảm kinh phí.",
        "2. Công đoàn cơ sở, Đoàn Thanh niên: vận động cán bộ, công chức, viên chức, người lao "
        "động tham gia; phụ trách phần hội.",
        "3. Tổ bảo vệ cơ quan: bảo đảm an ninh, trật tự, phòng cháy, chữa cháy tại buổi lễ.",
    ],
}


def _variants(doc, choices: list[tuple], write) -> None:
    """'{%p if a %}' … '{%p elif b %}' … '{%p else %}' … '{%p endif %}' around each choice."""
    for index, (condition, *content) in enumerate(choices):
        if condition is None:
            d.body(doc, "{%p else %}")
        else:
            d.body(doc, f"{{%p {'if' if index == 0 else 'elif'} {condition} %}}")
        write(*content)
    d.body(doc, "{%p endif %}")


def _row(table, cells: list[str], *, bold: bool = False, size: float = 12) -> None:
    """A fixed row of a grid table: number centred, the rest left."""
    row = table.add_row()
    for i, (cell, text) in enumerate(zip(row.cells, cells)):
        p = cell.paragraphs[0]
        p.alignment = d.CENTER if i == 0 else d.LEFT
        d.run(p, text, size=size, bold=bold)


def _purposes_and_activities(doc) -> None:
    """I–II: the purposes and the activities that lead up to the day."""
    d.heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    for text in PURPOSES:
        d.body(doc, text)

    d.heading(doc, "II. CÁC HOẠT ĐỘNG HƯỞNG ỨNG")
    d.body(doc, "Thời gian: Từ ngày {{ hoat_dong_tu }} đến ngày {{ ngay_hoi }}.")
    for text in ACTIVITIES:
        d.body(doc, text)


def _programme(doc) -> None:
    """III: the programme of the day, the ceremony then the festival, as a table."""
    d.heading(doc, "III. NỘI DUNG, CHƯƠNG TRÌNH NGÀY HỘI")
    table = d.grid_table(doc, [1.2, 10.0, 5.3], ["STT", "Nội dung", "Thực hiện"], size=12)
    d.label_row(table, "A. PHẦN LỄ", size=12)
    for cells in CEREMONY:
        _row(table, list(cells))
    d.label_row(table, "B. PHẦN HỘI", size=12)
    for cells in FESTIVAL:
        _row(table, list(cells))
    d.para(doc, "", size=6)


def _time_place_people(doc) -> None:
    """IV: when, where and who takes part, worded per kind of unit."""
    d.heading(doc, "IV. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    d.body(doc, "1. Thời gian: {{ gio }}, {{ ngay_hoi_chu }}.")
    _variants(doc, VENUES, lambda text: d.body(doc, text))
    _variants(doc, PARTICIPANTS, lambda text: d.body(doc, text))


def _budget(doc) -> None:
    """V: the budget, with its table of items when the campaign gives them, and its sources."""
    d.heading(doc, "V. KINH PHÍ")
    d.body(
        doc,
        "1. Tổng kinh phí dự kiến: {{ kinh_phi }} (Bằng chữ: {{ kinh_phi_chu }})"
        "{% if du_toan %}, gồm các khoản sau:{% else %}.{% endif %}",
    )
    d.body(doc, "{%p if du_toan %}")
    budget = d.grid_table(doc, [1.2, 10.8, 4.5], ["STT", "Nội dung", "Thành tiền (đồng)"], size=12)
    d.loop_rows(
        budget,
        "for r in du_toan",
        ["{{ r.stt }}", "{{ r.noi_dung }}", "{{ r.so_tien }}"],
        size=12,
        aligns=[d.CENTER, d.LEFT, d.RIGHT],
    )
    total = budget.add_row()
    for cell, text, align in zip(
        total.cells, ["", "Tổng cộng", "{{ kinh_phi_so }}"], [d.CENTER, d.CENTER, d.RIGHT]
    ):
        cell.paragraphs[0].alignment = align
        d.run(cell.paragraphs[0], text, size=12, bold=True)
    d.para(doc, "", size=6)
    d.body(doc, "{%p endif %}")
    _variants(doc, SOURCES, lambda text: d.body(doc, text))


def _tasks(doc) -> None:
    """VI: who does what, worded per kind of unit, and the closing sentence."""
    d.heading(doc, "VI. PHÂN CÔNG NHIỆM VỤ")
    _variants(doc, list(TASKS.items()), lambda lines: [d.body(doc, t) for t in lines])
    d.body(
        doc,
        "Trên đây là Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }} của {{ co_quan }}; {% if chinh_quyen %}các cơ quan, đơn vị{% else %}"
        "các bộ phận, tổ chức đoàn thể{% endif %} được phân công khẩn trương triển khai "
        "thực hiện./.",
    )


def build() -> dict:
    """Return the Ngày hội plan template by file name."""
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(
        doc,
        "KẾ HOẠCH",
        "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}{% if ky_niem %} gắn với "
        "kỷ niệm " + KY_NIEM_NGAN + "{% endif %}",
    )
    d.body(doc, "Căn cứ {{ can_cu_ngay_hoi }};", italic=True)
    d.can_cu(doc)
    _variants(
        doc,
        SETS,
        lambda members, reporter: (
            d.body(doc, f"{{%p set thanh_vien = {members} %}}"),
            d.body(doc, f"{{%p set bao_cao = {reporter} %}}"),
        ),
    )
    # The province's plan is the last căn cứ above: it is not cited a second time here.
    d.body(
        doc,
        "{{ co_quan }} xây dựng Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ "
        "quốc ({{ ngay_hoi_ngan }}) năm {{ nam }} như sau:",
    )
    _purposes_and_activities(doc)
    _programme(doc)
    _time_place_people(doc)
    _budget(doc)
    _tasks(doc)
    d.para(doc, "", size=8)
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)
    return {"event-plan.docx": doc}
