"""Build resolution.docx (the cấp ủy's Nghị quyết) and cell-resolution.docx (the chi bộ's).

Both are Party documents (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" in place of the
Quốc hiệu, the Đảng bộ above over the issuer, "Số 05-NQ/HU" without a colon, căn cứ of Party
documents, a short assessment, "QUYẾT NGHỊ:" and numbered points, "T/M … / BÍ THƯ". The
cấp ủy's resolution states the direction; the tasks are the UBND's plan (plan.docx), so its
points lead and assign, and never repeat the plan's list of tasks.
"""

from __future__ import annotations

from tools.templates import docxbuild as d
from tools.templates.plan import subtree_targets

STANDARD = d.STANDARD

# The level's own targets in the resolution's voice (the level leads toward them), by id; the
# last branch quotes the province's sentence for a target without wording here.
OWN_TARGETS = [
    (
        "cam_ket",
        "100% cán bộ, đảng viên, đoàn viên, hội viên và Nhân dân trên địa bàn "
        "{{ ten_trong_cau }} được phổ biến, quán triệt nhiệm vụ năm {{ nam }}; cán bộ, đảng viên "
        "gương mẫu ký cam kết, giao ước thi đua thực hiện phong trào.",
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
        "Phong trào toàn dân bảo vệ an ninh Tổ quốc của {{ ten_trong_cau }} được đánh giá, phân "
        "loại đạt mức “Khá” trở lên.",
    ),
    (
        "huyen_kha_tro_len",
        "Phong trào toàn dân bảo vệ an ninh Tổ quốc của {{ ten_trong_cau }} được đánh giá, phân "
        "loại đạt mức “Khá” trở lên.",
    ),
    (
        "ngay_hoi",
        "Tổ chức các hoạt động kỷ niệm “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” "
        "({{ ngay_hoi }}) thiết thực, hiệu quả.",
    ),
    (
        "dien_hinh",
        "Xây dựng ít nhất {{ ct.so_luong }} {{ ct.loai }} hoặc {{ ct.so_luong }} cơ quan, doanh "
        "nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc.",
    ),
]

# What the cấp ủy leads: direction, not the plan's tasks.
DIRECTION = [
    "{% if cap == 'huyen' %}Các đảng bộ, chi bộ trực thuộc{% else %}Các chi bộ trực thuộc"
    "{% endif %} đưa nội dung xây dựng phong trào vào nghị quyết, chương trình công tác và sinh "
    "hoạt định kỳ; phân công cấp ủy viên phụ trách; xác định bảo vệ an ninh, trật tự là nhiệm "
    "vụ trọng yếu, thường xuyên của cả hệ thống chính trị.",
    "Phát huy vai trò tiên phong, gương mẫu của cán bộ, đảng viên: mỗi đảng viên gương mẫu ký "
    "cam kết, vận động gia đình và Nhân dân nơi cư trú tham gia phong trào.",
    "Lãnh đạo xây dựng lực lượng Công an và lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở "
    "trong sạch, vững mạnh, làm nòng cốt trong phong trào; phát huy vai trò của người có uy tín "
    "trong cộng đồng.",
    "Gắn phong trào với xây dựng nông thôn mới, đô thị văn minh và công tác dân vận; quan tâm "
    "những khu dân cư, địa bàn còn phức tạp về an ninh, trật tự.",
    "{% if dien_hinh %}Lãnh đạo xây dựng điển hình về phong trào tại: "
    "{{ dien_hinh|join('; ') }}; kịp thời sơ kết, nhân rộng.{% else %}Lãnh đạo phát hiện, "
    "xây dựng và nhân rộng các điển hình tiên tiến, mô hình tự quản hiệu quả.{% endif %}",
]


def _party_title(doc, summary: str) -> None:
    """'NGHỊ QUYẾT' (16 pt bold) and its summary (Hướng dẫn 36)."""
    d.title_block(doc, "NGHỊ QUYẾT", summary, title_size=16)


def _party_bases(doc) -> None:
    """The Party documents cited (italic), each 'Căn cứ …;'."""
    d.body(doc, "{%p for dong in can_cu_dang %}", italic=True)
    d.body(doc, "Căn cứ {{ dong }};", italic=True)
    d.body(doc, "{%p endfor %}", italic=True)


def _resolved(doc) -> None:
    """The centred 'QUYẾT NGHỊ:' that opens the points decided."""
    d.para(doc, "QUYẾT NGHỊ:", bold=True, align=d.CENTER, before=6, after=6, keep_next=True)


def _branches(doc, items, write) -> None:
    """One `{%p if/elif ct.ma == '…' %}` block per target id; write(text) fills it."""
    for index, (choice, text) in enumerate(items):
        d.body(doc, f"{{%p {'if' if index == 0 else 'elif'} ct.ma == '{choice}' %}}")
        write(text)


def _targets(doc) -> None:
    """The level's targets, in its own counts, as dashed lines."""

    def dashed(text: str) -> None:
        d.body(doc, "- " + text)

    d.body(doc, "{%p for ct in chi_tieu %}")
    d.body(doc, "{%p if ct.pham_vi == 'rieng' %}")
    dashed("{{ ct.noi_dung }}.")
    d.body(doc, "{%p elif ct.pham_vi == 'don_vi' %}")
    _branches(doc, OWN_TARGETS, dashed)
    d.body(doc, "{%p else %}")
    dashed("{{ ct.noi_dung }}.")
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p elif ct.pham_vi == 'diem' %}")
    dashed(
        "Xây dựng {{ ten_trong_cau }} trở thành đơn vị điển hình về phong trào toàn dân bảo "
        "vệ an ninh Tổ quốc năm {{ nam }}."
    )
    d.body(doc, "{%p else %}")
    _branches(doc, subtree_targets("Nghị quyết"), dashed)
    d.body(doc, "{%p else %}")
    dashed("{{ ct.noi_dung }}.")
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p endfor %}")


def _committee_points(doc) -> None:
    """The points resolved: the aim, the targets, the leading tasks."""
    d.body(doc, "1. Mục tiêu", bold=True, keep_next=True)
    d.body(
        doc,
        "Tăng cường sự lãnh đạo của {{ cap_uy }}, sự quản lý, điều hành của {{ ten }} "
        "đối với phong trào toàn dân bảo vệ an ninh Tổ quốc; phát huy sức mạnh tổng hợp "
        "của cả hệ thống chính trị và Nhân dân, giữ vững an ninh, trật tự trên địa bàn "
        "{{ ten_trong_cau }}, phục vụ nhiệm vụ phát triển kinh tế - xã hội năm {{ nam }}.",
    )
    d.body(doc, "2. Chỉ tiêu", bold=True, keep_next=True)
    _targets(doc)
    d.body(doc, "3. Nhiệm vụ trọng tâm lãnh đạo", bold=True, keep_next=True)
    for text in DIRECTION:
        d.body(doc, "- " + text)


def _committee_organisation(doc) -> None:
    """Who carries the resolution out: the Party cells, the UBND and its police, the Front,
    the office."""
    d.body(doc, "4. Tổ chức thực hiện", bold=True, keep_next=True)
    d.body(
        doc,
        "- {% if cap == 'huyen' %}Các đảng bộ, chi bộ trực thuộc{% else %}Các chi bộ "
        "trực thuộc{% endif %} tổ chức quán triệt Nghị quyết đến cán bộ, đảng viên; chi "
        "bộ ở khu dân cư ra nghị quyết chuyên đề {% if sau_quy_i %}ngay sau khi Nghị quyết "
        "này được ban hành{% else %}ngay trong Quý I{% endif %}, lãnh đạo khu dân cư "
        "đăng ký xây dựng đạt tiêu chuẩn " + STANDARD + " và vận động hộ gia đình ký "
        "cam kết.",
    )
    d.body(
        doc,
        "- {{ ten }} xây dựng kế hoạch thực hiện phong trào năm {{ nam }}, giao chỉ tiêu, "
        "nhiệm vụ cụ thể cho các cơ quan, đơn vị; {% if cong_an_cung_cap %}chỉ đạo "
        "{{ cong_an }} làm nòng cốt{% else %}phối hợp với {{ cong_an }} để Công an cấp "
        "xã làm nòng cốt{% endif %}, tham mưu, hướng dẫn, kiểm tra việc thực hiện.",
    )
    d.body(
        doc,
        "- Đề nghị {{ mat_tran }} và các tổ chức chính trị - xã hội cùng cấp tuyên "
        "truyền, vận động đoàn viên, hội viên và Nhân dân tham gia phong trào; giám sát "
        "việc thực hiện Nghị quyết.",
    )
    d.body(
        doc,
        "- Văn phòng {{ cap_uy_loai }} theo dõi, đôn đốc, tổng hợp kết quả, tham mưu "
        "{{ lanh_dao }}{% if bao_cao_dang %} báo cáo {{ bao_cao_dang }}{% else %} sơ "
        "kết, tổng kết{% endif %} trước ngày {{ han }}.",
    )
    d.body(
        doc,
        "Nghị quyết này được quán triệt đến các chi bộ, đảng viên và tổ chức thực hiện "
        "trong năm {{ nam }}./.",
    )


def _committee():
    """The cấp ủy's resolution: Party header, title, bases, the situation, then what it resolves."""
    doc = d.new_document()
    d.party_header(doc)
    _party_title(
        doc, "về lãnh đạo thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}"
    )
    _party_bases(doc)
    d.body(
        doc,
        "Thực hiện " + d.PLAN + ", {{ lanh_dao }} đánh giá tình hình và quyết nghị "
        "về lãnh đạo thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }} "
        "trên địa bàn {{ ten_trong_cau }} như sau:",
    )
    d.heading(doc, "I. TÌNH HÌNH")
    d.body(
        doc,
        "Thời gian qua, các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể trên "
        "địa bàn {{ ten_trong_cau }} đã quan tâm lãnh đạo, tổ chức phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc, góp phần giữ vững an ninh chính trị, trật tự, an toàn "
        "xã hội. Bên cạnh đó, ở một số nơi phong trào còn hình thức, chất lượng chưa đồng "
        "đều; vai trò của một số chi bộ, đảng viên trong vận động Nhân dân chưa được phát "
        "huy đầy đủ.",
    )
    d.body(
        doc, "Năm {{ nam }}, để phong trào đi vào chiều sâu, thiết thực, hiệu quả, {{ lanh_dao }}"
    )
    _resolved(doc)
    _committee_points(doc)
    _committee_organisation(doc)
    d.para(doc, "", size=8)
    left, right = d.signature_block(doc)
    d.noi_nhan(left, ("- Lưu Văn phòng {{ cap_uy_loai }}.",))
    d.signer(right)
    return doc


# What the khu dân cư aims for by the year's end, by target id (registration and the
# households' pledges are points of their own).
CELL_GOALS = [
    ("dat_chuan", "Khu dân cư được công nhận đạt tiêu chuẩn " + STANDARD + " năm {{ nam }}."),
    (
        "kha_tro_len",
        "Phong trào toàn dân bảo vệ an ninh Tổ quốc của {{ ten_trong_cau }} được đánh giá, xếp "
        "loại từ Khá trở lên.",
    ),
]
_NOT_GOALS = "['dang_ky', 'cam_ket']"

CELL_TASKS = [
    "Tuyên truyền, phổ biến pháp luật trong các buổi họp khu dân cư, sinh hoạt đoàn thể; nâng "
    "cao ý thức cảnh giác, tự phòng ngừa, tự quản, tự bảo vệ của Nhân dân.",
    "Duy trì tổ tự quản, tổ bảo vệ an ninh, trật tự ở cơ sở; kịp thời phát hiện, tố giác tội "
    "phạm, cung cấp thông tin cho {{ cong_an }}.",
    "Không để phát sinh tệ nạn ma túy, cờ bạc; hòa giải mâu thuẫn, tranh chấp ngay tại khu dân "
    "cư; thực hiện đúng quy định về cư trú, phòng cháy, chữa cháy và an toàn giao thông.",
    "Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” ({{ ngay_hoi }}) tại khu dân cư.",
    "Tự đánh giá, họp bình xét và gửi báo cáo kết quả về Ủy ban nhân dân {{ xa }} trước ngày "
    "{{ han }}.",
]


def _cell_goals(doc) -> None:
    """What the khu dân cư aims for by the year's end, then its tasks of the year."""
    d.body(doc, f"{{%p if chi_tieu|rejectattr('ma', 'in', {_NOT_GOALS})|list %}}")
    d.body(doc, "3. Phấn đấu đến cuối năm {{ nam }}:", keep_next=True)
    d.body(doc, f"{{%p for ct in chi_tieu if ct.ma not in {_NOT_GOALS} %}}")
    _branches(doc, CELL_GOALS, lambda text: d.body(doc, "- " + text))
    d.body(doc, "{%p else %}")
    d.body(doc, "- {{ ct.noi_dung }}.")
    d.body(doc, "{%p endif %}")
    d.body(doc, "{%p endfor %}")
    d.body(doc, "{%p endif %}")
    d.body(
        doc,
        "{{ 4 if chi_tieu|rejectattr('ma', 'in', " + _NOT_GOALS + ")|list else 3 }}. "
        "Nhiệm vụ trong năm:",
        keep_next=True,
    )
    for text in CELL_TASKS:
        d.body(doc, "- " + text)


def _cell_organisation(doc) -> None:
    """II: who carries the resolution out in the khu dân cư, and the closing sentence."""
    d.heading(doc, "II. TỔ CHỨC THỰC HIỆN")
    d.body(
        doc,
        "1. Đồng chí Bí thư chi bộ chịu trách nhiệm chung; phân công đảng viên phụ trách "
        "từng nhóm hộ gia đình.",
    )
    d.body(
        doc,
        "2. {{ truong }} xây dựng bản đăng ký, tổ chức ký cam kết đến từng hộ "
        "gia đình; phối hợp với {{ cong_an }} bảo đảm an ninh, trật tự trên địa bàn.",
    )
    d.body(
        doc,
        "3. Ban Công tác Mặt trận và các chi hội đoàn thể vận động hội viên, Nhân dân "
        "thực hiện Nghị quyết.",
    )
    d.body(
        doc,
        "4. Chi bộ kiểm điểm việc thực hiện trong sinh hoạt hằng tháng và báo cáo "
        "{{ dang_uy }} kết quả thực hiện.",
    )
    d.body(
        doc,
        "Nghị quyết này được phổ biến đến đảng viên trong chi bộ và Nhân dân "
        "{{ ten_trong_cau }}./.",
    )


def _cell():
    """The chi bộ's resolution for its khu dân cư: registration, pledges, goals and tasks."""
    doc = d.new_document()
    d.party_header(doc)
    _party_title(
        doc, "về lãnh đạo thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ nam }}"
    )
    _party_bases(doc)
    d.body(
        doc,
        "Thực hiện " + d.PLAN + " và sự lãnh đạo của {{ dang_uy }}, {{ chi_bo }} thảo "
        "luận, thống nhất về lãnh đạo thực hiện phong trào toàn dân bảo vệ an ninh Tổ "
        "quốc năm {{ nam }} tại {{ ten_trong_cau }} như sau:",
    )
    d.heading(doc, "I. TÌNH HÌNH")
    d.body(
        doc,
        "{{ chi_bo }} xác định bảo đảm an ninh, trật tự trên địa bàn {{ ten_trong_cau }} "
        "là nhiệm vụ thường xuyên của chi bộ, của mỗi đảng viên và mỗi hộ gia đình; "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc phải được lãnh đạo ngay từ đầu năm "
        "để khu dân cư đăng ký và thực hiện đạt tiêu chuẩn " + STANDARD + ".",
    )
    d.body(doc, "Năm {{ nam }}, {{ chi_bo }}")
    _resolved(doc)
    d.body(
        doc,
        "1. Lãnh đạo {{ ten_trong_cau }} đăng ký xây dựng khu dân cư đạt tiêu chuẩn "
        + STANDARD
        + " năm {{ nam }} {% if sau_quy_i %}ngay sau khi Nghị quyết này được thông qua"
        "{% else %}ngay trong Quý I{% endif %}.",
    )
    d.body(
        doc,
        "2. Vận động 100% hộ gia đình{% if so_ho %} ({{ so_ho }} hộ){% endif %} trong "
        "{{ ten_trong_cau }} ký cam kết thực hiện phong trào toàn dân bảo vệ an ninh Tổ "
        "quốc; đảng viên gương mẫu ký trước và vận động gia đình, hộ liền kề cùng thực "
        "hiện.",
    )
    _cell_goals(doc)
    _cell_organisation(doc)
    d.para(doc, "", size=8)
    left, right = d.signature_block(doc)
    d.noi_nhan(left, ("- Lưu Chi bộ.",))
    d.signer(right)
    return doc


def build() -> dict:
    """Return the Party resolution templates by file name."""
    return {"resolution.docx": _committee(), "cell-resolution.docx": _cell()}
