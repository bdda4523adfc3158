"""Build plan.docx: the year plan of a unit (Nghị định 30).

The wording of the plan is literal text here, in the template, where an official can change it
in Word; paragraphs that differ by kind of unit sit between `{%p if nhom == … %}` tags. The
context only brings data: names, dates, counts, the unit's targets and its subordinates.
"""

from __future__ import annotations

from tools.templates import docxbuild as d

TABLE_WIDTHS = [1.3, 4.4, 2.0, 3.0, 3.8, 2.0]
TABLE_HEADER = [
    "STT",
    "Tên đơn vị",
    "Loại",
    "Đăng ký “An toàn về an ninh, trật tự”",
    "Mục tiêu cuối năm",
    "Ghi chú",
]
STANDARD = "“An toàn về an ninh, trật tự”"
STUDENTS = d.STUDENTS
# Where the unit works: 'trên địa bàn xã Hà Mòn' for a local government, 'tại Sở Tư pháp' else.
WHERE = (
    "{% if nhom == 'chinh_quyen' %}trên địa bàn {{ ten_trong_cau }}"
    "{% else %}tại {{ ten }}{% endif %}"
)

# The unit's own targets, by indicator id (chỉ tiêu `ma`); the last branch quotes the
# province's sentence for a target the template has no wording for.
OWN_TARGETS = [
    (
        "cam_ket",
        "100% {% if nhom == 'chinh_quyen' %}cán bộ, công chức, đảng viên, đoàn viên, hội viên và "
        "Nhân dân trên địa bàn {{ ten_trong_cau }}{% elif nhom == 'doanh_nghiep' %}người lao động "
        "của {{ ten }}{% elif nhom == 'co_so_giao_duc' %}cán bộ, giáo viên, nhân viên, học sinh"
        + STUDENTS
        + " của {{ ten }}{% else %}cán bộ, công chức, viên chức, người lao động của "
        "{{ ten }}{% endif %} được phổ biến, quán triệt nhiệm vụ năm {{ nam }}; tổ chức ký cam "
        "kết, giao ước thi đua thực hiện phong trào.",
    ),
    (
        "dang_ky",
        "Đăng ký xây dựng {{ ten_trong_cau }} đạt tiêu chuẩn " + STANDARD + " năm {{ nam }}.",
    ),
    (
        "dat_chuan",
        "Phấn đấu {{ ten_trong_cau }} được công nhận đạt tiêu chuẩn "
        + STANDARD
        + " năm {{ nam }}.",
    ),
    (
        "kha_tro_len",
        "Phấn đấu phong trào toàn dân bảo vệ an ninh Tổ quốc của {{ ten_trong_cau }} được đánh "
        "giá, phân loại đạt mức “Khá” trở lên.",
    ),
    (
        "huyen_kha_tro_len",
        "Phấn đấu phong trào toàn dân bảo vệ an ninh Tổ quốc của {{ ten_trong_cau }} được đánh "
        "giá, phân loại đạt mức “Khá” trở lên.",
    ),
    (
        "ngay_hoi",
        "Ban hành kế hoạch và tổ chức các hoạt động kỷ niệm “Ngày hội toàn dân bảo vệ an ninh "
        "Tổ quốc” ({{ ngay_hoi }}).",
    ),
    (
        "dien_hinh",
        "Xây dựng ít nhất {{ ct.so_luong }} {{ ct.loai }} hoặc {{ ct.so_luong }} cơ quan, doanh "
        "nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc.",
    ),
]

# Who a subordinates' target is about: '100% (04/04) thôn, làng' for one kind of unit,
# '100% xã, phường (03/03) và cơ sở giáo dục (02/02)' for several. Below 100% a count is never
# printed beside the lower level ('70% (01/01)'): each kind's count and its own share come
# first ('01/01 doanh nghiệp (100%)', 'ít nhất 05/06 thôn (83,3%)'), the level last (LEVEL).
WHO = (
    "{% if ct.tron %}{{ ct.muc }} {% if ct.phan|length == 1 %}("
    "{% if ct.phan[0].it_nhat %}ít nhất {% endif %}{{ ct.phan[0].so }}) {{ ct.phan[0].loai }}"
    "{% else %}{% for p in ct.phan %}{{ p.loai }} ({% if p.it_nhat %}ít nhất {% endif %}"
    "{{ p.so }}){% if loop.revindex == 2 %} và "
    "{% elif not loop.last %}, {% endif %}{% endfor %}{% endif %}"
    "{% else %}{% for p in ct.phan %}{% if p.it_nhat %}{% if loop.first %}Ít{% else %}ít"
    "{% endif %} nhất {% endif %}{{ p.so }} {{ p.loai }} ({{ p.ty_le }})"
    "{% if loop.revindex == 2 %} và {% elif not loop.last %}, {% endif %}{% endfor %}"
    "{% endif %}"
)
# The level of a target below 100%, after what it asks for: ' (chỉ tiêu: trên 80%)'.
LEVEL = "{% if not ct.tron %} (chỉ tiêu: {% if ct.tren %}trên {% endif %}{{ ct.muc }}){% endif %}"


def promptly(document: str) -> str:
    """When the units below issue their plans: in Quý I, or, for a document (Kế hoạch, Nghị
    quyết) made later in the year, as soon as it is issued."""
    return (
        f"{{% if sau_quy_i %}}ngay sau khi {document} này được ban hành{{% else %}}trong Quý I"
        "{% endif %}"
    )


def subtree_targets(document: str) -> list[tuple[str, str]]:
    """The targets of the units below, one paragraph per target, with counts, in a document
    (Kế hoạch, Nghị quyết) that may speak of itself."""
    return [
        (
            "ke_hoach",
            WHO + " ban hành kế hoạch xây dựng phong trào toàn dân "
            "bảo vệ an ninh Tổ quốc năm {{ nam }} " + promptly(document) + LEVEL + ".",
        ),
        *_OTHER_SUBTREE_TARGETS,
    ]


_OTHER_SUBTREE_TARGETS = [
    (
        "cam_ket",
        WHO + " tổ chức phổ biến, quán triệt nhiệm vụ năm "
        "{{ nam }} và ký cam kết, giao ước thi đua thực hiện phong trào" + LEVEL + ".",
    ),
    ("dang_ky", WHO + " đăng ký xây dựng đạt tiêu chuẩn " + STANDARD + LEVEL + "."),
    ("dat_chuan", WHO + " đã đăng ký được công nhận đạt tiêu chuẩn " + STANDARD + LEVEL + "."),
    (
        "kha_tro_len",
        WHO + " được đánh giá, phân loại phong trào đạt mức “Khá” trở lên" + LEVEL + ".",
    ),
    (
        "huyen_kha_tro_len",
        WHO + " được đánh giá, phân loại phong trào đạt mức “Khá” trở lên" + LEVEL + ".",
    ),
    (
        "ngay_hoi",
        WHO + " ban hành kế hoạch tổ chức các hoạt động kỷ niệm "
        "“Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm {{ nam }}" + LEVEL + ".",
    ),
    (
        "dien_hinh",
        WHO + " xây dựng được ít nhất {{ ct.so_luong }} đơn vị "
        "điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc" + LEVEL + ".",
    ),
]
SUBTREE_TARGETS = subtree_targets("Kế hoạch")

TASKS = {
    "chinh_quyen": [
        "Tăng cường sự lãnh đạo của cấp ủy, quản lý của chính quyền; kiện toàn Ban Chỉ đạo "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc " + WHERE + ".",
        "Đẩy mạnh tuyên truyền, phổ biến pháp luật, nâng cao ý thức cảnh giác, tự phòng ngừa, "
        "tự quản, tự bảo vệ của Nhân dân; tổ chức ký cam kết, giao ước thi đua đến từng "
        "{{ cap_duoi_ten }}.",
        "Củng cố, nhân rộng các mô hình tự quản về an ninh, trật tự; phát huy vai trò của lực "
        "lượng tham gia bảo vệ an ninh, trật tự ở cơ sở và người có uy tín trong cộng đồng.",
        "Chỉ đạo đăng ký, xây dựng và bình xét đạt tiêu chuẩn " + STANDARD + " theo Thông tư "
        "số 124/2021/TT-BCA của Bộ Công an.",
        "Gắn phong trào với {% if nong_thon or do_thi %}xây dựng {% if nong_thon %}nông thôn "
        "mới{% endif %}{% if nong_thon and do_thi %}, {% endif %}{% if do_thi %}đô thị văn minh"
        "{% endif %}{% else %}nhiệm vụ phát triển kinh tế - xã hội{% endif %}; giải quyết kịp "
        "thời mâu thuẫn, tranh chấp, khiếu kiện ngay từ cơ sở.",
        "Tổ chức các hoạt động kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}) "
        "thiết thực, hiệu quả; kịp thời khen thưởng tập thể, cá nhân có thành tích.",
    ],
    "co_quan": [
        "Quán triệt đến toàn thể cán bộ, công chức, viên chức, người lao động nhiệm vụ bảo vệ "
        "an ninh, trật tự năm {{ nam }}; tổ chức ký cam kết, giao ước thi đua.",
        "Thực hiện nghiêm quy định bảo vệ bí mật nhà nước, bảo vệ an ninh nội bộ, an ninh mạng; "
        "quản lý chặt chẽ tài sản, hồ sơ, tài liệu.",
        "Kiện toàn tổ bảo vệ, lực lượng tự quản; thực hiện tốt phòng cháy, chữa cháy và an toàn "
        "giao thông trong cán bộ, người lao động.",
        "Đăng ký và phấn đấu đạt tiêu chuẩn " + STANDARD + "; phối hợp chặt chẽ với {{ cong_an }}.",
        "Tổ chức kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}); kịp thời "
        "khen thưởng tập thể, cá nhân có thành tích.",
    ],
    "doanh_nghiep": [
        "Quán triệt đến người lao động nhiệm vụ bảo vệ an ninh, trật tự năm {{ nam }}; tổ chức "
        "ký cam kết, giao ước thi đua giữa các tổ, đội, phân xưởng.",
        "Bảo vệ an ninh kinh tế, bí mật kinh doanh, tài sản của doanh nghiệp; giải quyết kịp "
        "thời kiến nghị của người lao động, không để xảy ra đình công, ngừng việc trái pháp luật.",
        "Củng cố lực lượng bảo vệ, tổ tự quản về an ninh, trật tự; thực hiện nghiêm phòng cháy, "
        "chữa cháy, an toàn lao động.",
        "Đăng ký và phấn đấu đạt tiêu chuẩn " + STANDARD + "; phối hợp với {{ cong_an }}.",
        "Tổ chức kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}).",
    ],
    "co_so_giao_duc": [
        "Quán triệt đến cán bộ, giáo viên, nhân viên, học sinh" + STUDENTS + " nhiệm vụ bảo vệ "
        "an ninh, trật tự năm {{ nam }}; lồng ghép giáo dục pháp luật vào các hoạt động của nhà "
        "trường.",
        "Phòng ngừa bạo lực học đường, tệ nạn ma túy, vi phạm pháp luật trong học sinh"
        + STUDENTS
        + "; phối hợp với gia đình và {{ cong_an }} quản lý học sinh"
        + STUDENTS
        + " ở trọ.",
        "Kiện toàn tổ an ninh, trật tự nhà trường; bảo đảm phòng cháy, chữa cháy, an toàn giao "
        "thông và an toàn trên không gian mạng.",
        "Đăng ký và phấn đấu đạt tiêu chuẩn " + STANDARD + "; phối hợp với {{ cong_an }}.",
        "Tổ chức kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({{ ngay_hoi }}) trong dịp nghỉ "
        "hè, gắn với chuẩn bị năm học mới.",
    ],
}


def _numbered_block(doc, items: list[str]) -> None:
    """Fixed numbered paragraphs (1., 2., …) that an official edits as plain text."""
    for number, text in enumerate(items, start=1):
        d.body(doc, f"{number}. {text}")


def _branches(doc, variable: str, choices, write) -> None:
    """One `{%p if/elif variable == 'choice' %}` block per choice; write(choice, value) fills it."""
    for index, (choice, value) in enumerate(choices):
        keyword = "if" if index == 0 else "elif"
        d.body(doc, f"{{%p {keyword} {variable} == '{choice}' %}}")
        write(value)


def _by_group(doc, groups: dict[str, list[str]]) -> None:
    """One numbered block per kind of unit, chosen by `nhom`."""
    _branches(doc, "nhom", groups.items(), lambda items: _numbered_block(doc, items))
    d.body(doc, "{%p endif %}")


def _targets(doc) -> None:
    """II. Chỉ tiêu: the unit's own targets, then its subordinates' with counts."""

    def numbered(text: str) -> None:
        d.body(doc, "{{ loop.index }}. " + text)

    d.body(doc, "{%p for ct in chi_tieu %}")
    d.body(doc, "{%p if ct.pham_vi == 'rieng' %}")
    numbered("{{ ct.noi_dung }}.")
    d.body(doc, "{%p elif ct.pham_vi == 'don_vi' %}")
    _branches(doc, "ct.ma", OWN_TARGETS, numbered)
    d.body(doc, "{%p else %}")
    numbered("{{ ct.noi_dung }}.")
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p elif ct.pham_vi == 'diem' %}")
    numbered(
        "Xây dựng {{ ten_trong_cau }} trở thành đơn vị điển hình về phong trào toàn dân bảo "
        "vệ an ninh Tổ quốc năm {{ nam }}."
    )
    d.body(doc, "{%p else %}")
    _branches(doc, "ct.ma", SUBTREE_TARGETS, numbered)
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p endfor %}")


# The units below a level: under it, or only on its territory (a THPT, a line body, a company).
UNDER = "{% if tren_dia_ban %}trên địa bàn{% else %}trực thuộc{% endif %}"

# What the subordinates share, said once ('chung'): registration, then the year-end goals.
SHARED_GOAL = (
    "{% if chung.dang_ky == 'bat_buoc' %}đăng ký xây dựng đạt tiêu chuẩn "
    + STANDARD
    + "{% elif chung.dang_ky == 'van_dong' %}vận động đăng ký xây dựng đạt tiêu chuẩn "
    + STANDARD
    + " (chỉ tiêu {% if chung.tren_dang_ky %}trên {% endif %}{{ chung.muc_dang_ky }})"
    "{% endif %}"
    "{% if chung.dang_ky and (chung.dat_chuan or chung.kha) %}; {% endif %}"
    "{% if chung.dat_chuan %}cuối năm được công nhận đạt tiêu chuẩn " + STANDARD + "{% endif %}"
    "{% if chung.dat_chuan and chung.kha %}, {% endif %}"
    "{% if chung.kha %}phong trào được xếp loại Khá trở lên{% endif %}"
    "{% if not (chung.dang_ky or chung.dat_chuan or chung.kha) %}không áp dụng chỉ tiêu về "
    "tiêu chuẩn " + STANDARD + "{% endif %}"
)


def _table(doc) -> None:
    """What the subordinates share in one sentence; the units with their own in a table."""
    d.optional(
        doc,
        "chung",
        "Chỉ tiêu đối với {% if bang %}các đơn vị " + UNDER + " {{ ten_trong_cau }} (trừ các "
        "đơn vị có chỉ tiêu riêng tại bảng dưới đây){% else %}mỗi đơn vị " + UNDER + " "
        "{{ ten_trong_cau }}{% endif %}: " + SHARED_GOAL + ".",
        keep_next=True,
    )
    d.body(doc, "{%p if bang %}")
    d.body(doc, "Các đơn vị có chỉ tiêu riêng:", keep_next=True)
    table = d.grid_table(doc, TABLE_WIDTHS, TABLE_HEADER, size=12)
    d.loop_rows(
        table,
        "for r in bang",
        [
            "{{ r.stt }}",
            "{{ r.ten }}",
            "{{ r.loai }}",
            "{% if r.dang_ky == 'bat_buoc' %}Đăng ký{% elif r.dang_ky == 'van_dong' %}Vận động "
            "đăng ký (chỉ tiêu {% if r.tren_dang_ky %}trên {% endif %}{{ r.muc_dang_ky }})"
            "{% else %}Không áp dụng{% endif %}",
            "{% if r.dat_chuan %}Đạt chuẩn " + STANDARD + "{% endif %}"
            "{% if r.dat_chuan and r.kha %}; {% endif %}{% if r.kha %}Xếp loại Khá trở lên"
            "{% endif %}{% if not r.dat_chuan and not r.kha %}Không áp dụng{% endif %}",
            "{% if r.dien_hinh %}Xây dựng điển hình{% endif %}",
        ],
        size=12,
    )
    d.para(doc, "", size=6)
    d.body(doc, "{%p endif %}")
    d.optional(
        doc,
        "dien_hinh",
        "Đơn vị chọn xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }}: {{ dien_hinh|join('; ') }}.",
    )
    d.optional(
        doc,
        "thieu_dien_hinh",
        "Lưu ý: {{ ten_trong_cau }} chưa chọn đơn vị xây dựng điển hình (chỉ tiêu ít nhất "
        "01 {{ cap_duoi_xa }} hoặc 01 cơ quan, doanh nghiệp, cơ sở giáo dục điển hình); "
        "cần bổ sung trước khi ban hành.",
        bold=True,
        italic=True,
    )


def _government_tasks(doc) -> None:
    """A local government's plan: the police, the Front, the departments, each kind of unit
    below with its deadline, then the report to the level above."""
    d.body(
        doc,
        "1. {% if cong_an_cung_cap %}{{ cong_an }} là lực lượng nòng cốt, chủ trì, "
        "phối hợp với các cơ quan, đơn vị tham mưu {{ ten }} triển khai Kế hoạch; hướng "
        "dẫn, kiểm tra, đôn đốc thực hiện; tổng hợp kết quả, tham mưu báo cáo theo quy "
        "định.{% else %}Đề nghị {{ cong_an }} chỉ đạo Công an các {{ cap_duoi_xa }} làm "
        "nòng cốt, phối hợp với các cơ quan, đơn vị tham mưu triển khai Kế hoạch trên "
        "địa bàn; Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {{ ten_trong_cau }} theo "
        "dõi, tổng hợp kết quả, tham mưu báo cáo theo quy định.{% endif %}",
    )
    d.body(
        doc,
        "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {{ ten_trong_cau }} và các tổ chức "
        "chính trị - xã hội cùng cấp tăng cường tuyên truyền, vận động đoàn viên, hội "
        "viên và Nhân dân tham gia phong trào; giám sát việc thực hiện Kế hoạch.",
    )
    d.body(
        doc,
        "3. {% if cap == 'xa' %}Các ban, ngành, đoàn thể{% else %}Các phòng, ban, cơ "
        "quan, đơn vị{% endif %} thuộc {{ ten }}: theo chức năng, nhiệm vụ, cụ thể hóa "
        "Kế hoạch và phối hợp với {{ cong_an }} tổ chức thực hiện.",
    )
    d.body(doc, "{%p for cd in cap_duoi %}")
    d.body(
        doc,
        "{{ loop.index + 3 }}. {% if cd.gui %}{{ cd.don_vi }}{% else %}Các {{ cd.loai }}"
        "{% endif %}: {% if cd.ke_hoach %}xây dựng kế hoạch "
        + promptly("Kế hoạch")
        + ", {% endif %}tổ chức ký cam kết, đăng ký tiêu chuẩn "
        + STANDARD
        + " theo chỉ tiêu được giao; "
        "tự đánh giá, chấm điểm và gửi báo cáo kết quả về {% if cd.gui %}{{ cd.gui }} (đồng "
        "gửi {{ ten }} để tổng hợp){% else %}{{ ten }}{% if cong_an_cung_cap %} (qua "
        "{{ cong_an }}){% endif %}{% endif %} trước ngày {{ cd.han }}.",
    )
    d.body(doc, "{%p endfor %}")
    d.body(
        doc,
        "{{ cap_duoi|length + 4 }}. {{ ten }} báo cáo kết quả thực hiện phong trào năm "
        "{{ nam }} về {{ cap_tren }} trước ngày {{ han }}; đề nghị {{ cap_uy }} quan "
        "tâm lãnh đạo, chỉ đạo.",
    )


def _agency_tasks(doc) -> None:
    """An agency's, enterprise's or school's plan: its head, its Party and unions, and the
    office that gathers the results."""
    d.body(
        doc,
        "1. Người đứng đầu {{ ten }} chịu trách nhiệm chỉ đạo triển khai Kế hoạch; "
        "{% if nhom == 'doanh_nghiep' %}các phòng, ban, phân xưởng{% elif nhom == "
        "'co_so_giao_duc' %}các tổ chuyên môn, bộ phận{% else %}các phòng, bộ phận"
        "{% endif %} triển khai đến toàn thể {% if nhom == 'doanh_nghiep' %}người lao "
        "động{% elif nhom == 'co_so_giao_duc' %}cán bộ, giáo viên, nhân viên, học sinh"
        "{% else %}cán bộ, công chức, viên chức, người lao động{% endif %}.",
    )
    d.body(
        doc,
        "2. {{ cap_uy }}, Công đoàn, Đoàn Thanh niên lãnh đạo, vận động đảng viên, đoàn "
        "viên tham gia phong trào; tổ bảo vệ, lực lượng tự quản về an ninh, trật tự "
        "phối hợp với {{ cong_an }} bảo đảm an ninh, trật tự tại đơn vị.",
    )
    d.body(
        doc,
        "3. {% if nhom == 'doanh_nghiep' %}Bộ phận Hành chính - Tổ chức{% elif nhom == "
        "'co_so_giao_duc' %}Bộ phận văn phòng nhà trường{% else %}Văn phòng (bộ phận "
        "hành chính){% endif %} theo dõi, tổng hợp kết quả; tham mưu người đứng đầu tự "
        "đánh giá, chấm điểm kết quả thực hiện phong trào năm {{ nam }} và gửi báo cáo "
        "về {{ cap_tren }} trước ngày {{ han }}.",
    )


def _organisation(doc) -> None:
    """IV. Tổ chức thực hiện: the bodies of the unit's level, what each does, the deadlines."""
    d.body(doc, "{%p if nhom == 'chinh_quyen' %}")
    _government_tasks(doc)
    d.body(doc, "{%p else %}")
    _agency_tasks(doc)
    d.body(doc, "{%p endif %}")


def _targets_and_tasks(doc) -> None:
    """Parts II and III, and the heading of part IV."""
    d.heading(doc, "II. CHỈ TIÊU")
    _targets(doc)
    _table(doc)
    d.heading(doc, "III. NHIỆM VỤ, GIẢI PHÁP")
    _by_group(doc, TASKS)
    d.heading(doc, "IV. TỔ CHỨC THỰC HIỆN")


def _closing(doc) -> None:
    d.body(
        doc,
        "Trên đây là Kế hoạch xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }} của {{ ten }}; đề nghị các cơ quan, đơn vị, cá nhân liên quan nghiêm "
        "túc triển khai thực hiện./.",
    )


def _state():
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(
        doc, "KẾ HOẠCH", "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}"
    )
    d.can_cu(doc)
    d.body(
        doc,
        "{{ ten }} ban hành Kế hoạch xây dựng phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} " + WHERE + " như sau:",
    )
    d.heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    d.body(doc, "1. Mục đích", bold=True, keep_next=True)
    d.body(
        doc,
        "- Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và toàn dân trong công "
        "tác bảo vệ an ninh quốc gia, bảo đảm trật tự, an toàn xã hội " + WHERE + "; "
        "nâng cao chất lượng, hiệu quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "{{ nam }}.",
    )
    d.body(
        doc,
        "- Thực hiện đạt và vượt các chỉ tiêu của Kế hoạch số {{ ke_hoach.so }} của "
        "{{ ke_hoach.co_quan }}; xây dựng, nhân rộng các mô hình, điển hình tiên tiến về "
        "bảo đảm an ninh, trật tự.",
    )
    d.body(doc, "2. Yêu cầu", bold=True, keep_next=True)
    d.body(
        doc,
        "- Triển khai đồng bộ, thiết thực, gắn phong trào với các phong trào thi đua và "
        "nhiệm vụ phát triển kinh tế - xã hội; tránh hình thức.",
    )
    d.body(
        doc,
        "- Phân công cụ thể người, việc, thời gian hoàn thành; định kỳ kiểm tra, sơ kết, "
        "tổng kết, báo cáo kết quả theo quy định.",
    )
    _targets_and_tasks(doc)
    _organisation(doc)
    _closing(doc)
    d.para(doc, "", size=8)
    left, right = d.signature_block(doc)
    d.noi_nhan(left)
    d.signer(right)
    return doc


def build() -> dict:
    """Return the plan templates by file name."""
    return {"plan.docx": _state()}
