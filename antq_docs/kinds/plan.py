"""The year plan (kế hoạch xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc) of one unit.

Target 1 of the source plan: every local government, agency, enterprise and school issues a
plan in Quý I. A district (huyện) or commune (xã) plan carries the province's targets down to
the units under it, in a table, and a district names the model unit(s) it builds (target 3).
Where the campaign asks for the Party family, the plan is the cấp ủy's resolution (nghị quyết,
Hướng dẫn 36-HD/VPTW) instead.
"""

from __future__ import annotations

from antq_docs import vi
from antq_docs.kinds import common
from antq_docs.kinds.base import Kind, Needs, NumberSlot
from antq_docs.model import Campaign, Results, Roster, Target, Unit

PURPOSE = "kế hoạch năm"

_PURPOSES = [
    "Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và toàn dân trong công tác bảo vệ an "
    "ninh quốc gia, bảo đảm trật tự, an toàn xã hội {o_dau}; nâng cao chất lượng, hiệu quả "
    "phong trào toàn dân bảo vệ an ninh Tổ quốc năm {nam}.",
    "Thực hiện đạt và vượt các chỉ tiêu của {ke_hoach}; xây dựng, nhân rộng các mô hình, điển "
    "hình tiên tiến về bảo đảm an ninh, trật tự.",
]

_REQUIREMENTS = [
    "Triển khai đồng bộ, thiết thực, gắn phong trào với các phong trào thi đua và nhiệm vụ phát "
    "triển kinh tế - xã hội; tránh hình thức.",
    "Phân công cụ thể người, việc, thời gian hoàn thành; định kỳ kiểm tra, sơ kết, tổng kết, "
    "báo cáo kết quả theo quy định.",
]

_TASKS: dict[str, list[str]] = {
    "government": [
        "Tăng cường sự lãnh đạo của cấp ủy, quản lý của chính quyền; kiện toàn Ban Chỉ đạo "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc {o_dau}.",
        "Đẩy mạnh tuyên truyền, phổ biến pháp luật, nâng cao ý thức cảnh giác, tự phòng ngừa, tự "
        "quản, tự bảo vệ của Nhân dân; tổ chức ký cam kết, giao ước thi đua đến từng khu dân cư, "
        "cơ quan, doanh nghiệp, cơ sở giáo dục.",
        "Củng cố, nhân rộng các mô hình tự quản về an ninh, trật tự; phát huy vai trò của lực "
        "lượng tham gia bảo vệ an ninh, trật tự ở cơ sở và người có uy tín trong cộng đồng.",
        "Chỉ đạo đăng ký, xây dựng và bình xét khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo "
        "dục đạt tiêu chuẩn “An toàn về an ninh, trật tự” theo Thông tư số 124/2021/TT-BCA.",
        "Gắn phong trào với xây dựng nông thôn mới, đô thị văn minh; giải quyết kịp thời mâu "
        "thuẫn, tranh chấp, khiếu kiện ngay từ cơ sở.",
        "Tổ chức các hoạt động kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}) "
        "thiết thực, hiệu quả; kịp thời khen thưởng tập thể, cá nhân có thành tích.",
    ],
    "agency": [
        "Quán triệt đến toàn thể cán bộ, công chức, viên chức, người lao động nhiệm vụ bảo vệ an "
        "ninh, trật tự năm {nam}; tổ chức ký cam kết, giao ước thi đua.",
        "Thực hiện nghiêm quy định bảo vệ bí mật nhà nước, bảo vệ an ninh nội bộ, an ninh mạng; "
        "quản lý chặt chẽ tài sản, hồ sơ, tài liệu.",
        "Kiện toàn tổ bảo vệ, lực lượng tự quản; thực hiện tốt phòng cháy, chữa cháy và an toàn "
        "giao thông trong cán bộ, người lao động.",
        "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”; phối hợp chặt chẽ với "
        "Công an nơi đóng trụ sở.",
        "Tổ chức kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}); kịp thời khen "
        "thưởng tập thể, cá nhân có thành tích.",
    ],
    "enterprise": [
        "Quán triệt đến người lao động nhiệm vụ bảo vệ an ninh, trật tự năm {nam}; tổ chức ký cam "
        "kết, giao ước thi đua giữa các tổ, đội, phân xưởng.",
        "Bảo vệ an ninh kinh tế, bí mật kinh doanh, tài sản của doanh nghiệp; giải quyết kịp thời "
        "kiến nghị của người lao động, không để xảy ra đình công, ngừng việc trái pháp luật.",
        "Củng cố lực lượng bảo vệ, tổ tự quản về an ninh, trật tự; thực hiện nghiêm phòng cháy, "
        "chữa cháy, an toàn lao động.",
        "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”; phối hợp với Công an "
        "nơi doanh nghiệp hoạt động.",
        "Tổ chức kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}).",
    ],
    "school": [
        "Quán triệt đến cán bộ, giáo viên, nhân viên, học sinh, sinh viên nhiệm vụ bảo vệ an ninh, "
        "trật tự năm {nam}; lồng ghép giáo dục pháp luật vào các hoạt động của nhà trường.",
        "Phòng ngừa bạo lực học đường, tệ nạn ma túy, vi phạm pháp luật trong học sinh, sinh viên; "
        "phối hợp với gia đình và Công an quản lý học sinh, sinh viên ở trọ.",
        "Kiện toàn tổ an ninh, trật tự nhà trường; bảo đảm phòng cháy, chữa cháy, an toàn giao "
        "thông và an toàn trên không gian mạng.",
        "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”; phối hợp với Công an "
        "nơi trường đóng.",
        "Tổ chức kỷ niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}) gắn với hoạt động "
        "ngoại khóa.",
    ],
}

_GROUP = {"huyen": "government", "xa": "government", "co_quan": "agency",
          "doanh_nghiep": "enterprise", "co_so_giao_duc": "school"}

# Who reports the year-end evaluation to the level above, and by when (Thông tư 124 practice).
_DEADLINES = {"khu_dan_cu": (11, 20), "xa": (11, 30), "co_quan": (11, 30),
              "doanh_nghiep": (11, 30), "co_so_giao_duc": (11, 30), "huyen": (12, 15)}

# The Party committee of each level, for the Hướng dẫn 36 family.
_PARTY = {
    "huyen": ("Huyện ủy", "HU"),
    "xa": ("Đảng ủy", "ĐU"),
    "co_quan": ("Chi bộ", "CB"),
    "doanh_nghiep": ("Chi bộ", "CB"),
    "co_so_giao_duc": ("Chi bộ", "CB"),
}


def _area(unit: Unit) -> str:
    """'trên địa bàn xã Hà Mòn' for a local government, 'tại Sở Tư pháp' for the others."""
    if unit.type in ("huyen", "xa"):
        return f"trên địa bàn {unit.sentence_name}"
    return f"tại {unit.name}"


def _applies(target: Target, types: set[str]) -> bool:
    return any(target.applies_to(t) for t in types)


def _requirement(campaign: Campaign, unit: Unit) -> tuple[str, str]:
    """What one subordinate unit must reach: registration, and the year-end goal."""
    register = [t for t in campaign.targets_for(unit.type) if t.id == "dang_ky"]
    if not register:
        registration = "Không áp dụng"
    elif register[0].percent is not None and register[0].percent >= 100:
        registration = "Đăng ký"
    else:
        level = vi.percent(register[0].percent or 0)
        registration = f"Vận động đăng ký (chỉ tiêu {level})"
    goals = []
    if any(t.id == "dat_chuan" for t in campaign.targets_for(unit.type)):
        goals.append("Đạt chuẩn “An toàn về an ninh, trật tự”")
    if any(t.id in ("kha_tro_len", "huyen_kha_tro_len") for t in campaign.targets_for(unit.type)):
        goals.append("Xếp loại Khá trở lên")
    return registration, "; ".join(goals) or "Không áp dụng"


def _sentences(items: list[str]) -> list[str]:
    """End list items the administrative way: ';' after each, '.' after the last."""
    cleaned = [item.rstrip(" ;.") for item in items]
    return [item + (";" if i < len(cleaned) - 1 else ".") for i, item in enumerate(cleaned)]


class Plan(Kind):
    """The year plan of one unit (or its cấp ủy's resolution)."""

    name = "plan"
    label = "kế hoạch năm"

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """plan.docx (Nghị định 30) or plan-dang.docx (Hướng dẫn 36)."""
        return "plan-dang.docx" if self._party(campaign, unit) else "plan.docx"

    def _party(self, campaign: Campaign, unit: Unit) -> bool:
        return campaign.family(self.name, unit.type) == "dang" and unit.type in _PARTY

    def number_slot(self, campaign: Campaign, unit: Unit, needs: Needs) -> NumberSlot:
        """'…/KH-UBND', or '…-NQ/ĐU' for a Party resolution."""
        if self._party(campaign, unit):
            return NumberSlot(issuer=f"{unit.code}#dang", pattern=f"{{}}-NQ/{_PARTY[unit.type][1]}",
                              year=self.document_year(campaign))
        return common.number_slot(unit, needs, "KH", PURPOSE, self.document_year(campaign))

    def context(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
    ) -> dict:
        """Header, căn cứ, the four parts, the subordinate table, signature and recipients."""
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        values = {
            "nam": campaign.year,
            "o_dau": _area(unit),
            "ke_hoach": f"Kế hoạch số {campaign.plan.number} của {campaign.plan.issuer}",
            "ngay_hoi": vi.short_date(campaign.event_date),
        }
        types = {unit.type} | {u.type for u in unit.descendants()}
        targets = [t for t in campaign.targets if _applies(t, types)]
        if not campaign.targets:
            needs.campaign_part("chi_tieu", f"{PURPOSE} (phần II. Chỉ tiêu)")
        elif not targets:
            needs.campaign_problem(
                "chi_tieu",
                f"không có chỉ tiêu nào áp dụng cho {unit.type_name} ({unit.type}), cần cho phần "
                f"II. Chỉ tiêu của {PURPOSE} (ví dụ {unit.code} {unit.name})",
                key=f"chi_tieu:{unit.type}",
            )
        rows = []
        for index, sub in enumerate(common.subordinates(unit), start=1):
            registration, goal = _requirement(campaign, sub)
            rows.append({
                "stt": index,
                "ten": sub.name,
                "loai": vi.upper(sub.type_name[:1]) + sub.type_name[1:],
                "dang_ky": registration,
                "muc_tieu": goal,
                "ghi_chu": "Xây dựng điển hình" if sub.is_model else "",
            })
        models, model_note = self._models(campaign, unit, needs)
        deadline_month, deadline_day = _DEADLINES[unit.type]
        context = {
            "trich_yeu": f"Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {campaign.year}",
            "nam": campaign.year,
            "can_cu": common.legal_bases(campaign),
            "mo_dau": (
                f"Thực hiện {campaign.plan.citation()}, {unit.body_name} ban hành Kế hoạch xây "
                f"dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {campaign.year} "
                f"{_area(unit)} như sau:"
            ),
            "muc_dich": [s.format(**values) for s in _PURPOSES],
            "yeu_cau": list(_REQUIREMENTS),
            "chi_tieu": _sentences([t.text for t in targets]),
            "bang": rows,
            "bang_tieu_de": (
                f"Chỉ tiêu đối với từng đơn vị trực thuộc {unit.sentence_name}:" if rows else ""
            ),
            "dien_hinh": models,
            "canh_bao_dien_hinh": model_note,
            "nhiem_vu": [s.format(**values) for s in _TASKS[_GROUP[unit.type]]],
            "to_chuc": self._assignments(campaign, unit, deadline_month, deadline_day),
            "ket_thuc": (
                f"Trên đây là Kế hoạch xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
                f"{campaign.year} của {unit.body_name}; đề nghị các cơ quan, đơn vị, cá nhân "
                "liên quan nghiêm túc triển khai thực hiện./."
            ),
        }
        if self._party(campaign, unit):
            context.update(self._party_parts(campaign, unit, day, needs))
        else:
            context.update(common.header(unit, campaign, day))
            context["ky"] = common.signature(unit, campaign, needs, PURPOSE)
            context["noi_nhan"] = common.recipients(unit, campaign)
        return context

    def _models(self, campaign: Campaign, unit: Unit, needs: Needs) -> tuple[str, str]:
        """The model units a district builds (target 3), or the note that it has none."""
        if unit.type != "huyen":
            return "", ""
        models = sorted((u for u in unit.descendants() if u.is_model),
                        key=lambda u: vi.sort_key(u.name))
        if models:
            names = "; ".join(m.name for m in models)
            return (f"Đơn vị chọn xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ "
                    f"quốc năm {campaign.year}: {names}."), ""
        needs.warn(
            f"{unit.code} ({unit.name}): chưa có đơn vị điển hình (cột Điển hình); bản kế hoạch "
            "có ghi chú để bổ sung trước khi ban hành."
        )
        return "", (
            f"Lưu ý: {unit.sentence_name} chưa chọn đơn vị xây dựng điển hình (chỉ tiêu mỗi "
            "huyện ít nhất 01 xã hoặc 01 cơ quan, doanh nghiệp, cơ sở giáo dục điển hình); cần "
            "bổ sung trước khi ban hành."
        )

    def _assignments(self, campaign: Campaign, unit: Unit, month: int, day: int) -> list[str]:
        """Tổ chức thực hiện: who does what, and when results are reported."""
        deadline = f"ngày {day:02d}/{month}/{campaign.year}"
        superior = unit.parent.body_name if unit.parent else campaign.committee
        if unit.type in ("huyen", "xa"):
            lines = [
                f"Công an {unit.sentence_name} là lực lượng nòng cốt, chủ trì tham mưu triển khai "
                "Kế hoạch; hướng dẫn, kiểm tra, đôn đốc các đơn vị thực hiện.",
                f"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit.sentence_name} và các đoàn thể "
                "tăng cường tuyên truyền, vận động hội viên, đoàn viên và Nhân dân tham gia phong "
                "trào.",
            ]
            if unit.children:
                lines.append(
                    "Các đơn vị trực thuộc xây dựng kế hoạch, tổ chức ký cam kết, đăng ký tiêu "
                    "chuẩn “An toàn về an ninh, trật tự”, tự đánh giá và báo cáo kết quả theo "
                    "thời hạn được hướng dẫn."
                )
        else:
            lines = [
                "Các phòng, bộ phận và tổ chức đoàn thể triển khai Kế hoạch đến toàn thể cán bộ, "
                "người lao động; người đứng đầu chịu trách nhiệm về kết quả thực hiện.",
            ]
        lines.append(
            f"Kết quả thực hiện, tự đánh giá và đề nghị xếp loại phong trào năm {campaign.year} "
            f"gửi về {superior} trước {deadline}."
        )
        return lines

    def _party_parts(self, campaign: Campaign, unit: Unit, day, needs: Needs) -> dict:
        """Header, signature and recipients of the cấp ủy's resolution (Hướng dẫn 36)."""
        committee, _ = _PARTY[unit.type]
        if unit.type == "huyen" and unit.name.lower().startswith("thành phố"):
            committee = "Thành ủy"
        own = f"{committee} {unit.name.split(' ', 1)[1]}" if unit.type == "huyen" else (
            f"{committee} {unit.sentence_name}")
        superior = f"Đảng bộ {unit.parent.sentence_name}" if unit.parent else ""
        secretary = needs.unit_value(unit, "secretary", f"{PURPOSE} (nghị quyết cấp ủy)")
        deadline_month, deadline_day = _DEADLINES[unit.type]
        report_to = f"{superior.replace('Đảng bộ', 'Ban Thường vụ')}" if superior else "cấp trên"
        return {
            "to_chuc": [
                f"{unit.body_name} xây dựng kế hoạch triển khai Nghị quyết; Công an "
                f"{unit.sentence_name} làm nòng cốt tham mưu, hướng dẫn, kiểm tra việc thực hiện."
                if unit.type in ("huyen", "xa") else
                f"Người đứng đầu {unit.name} xây dựng kế hoạch triển khai Nghị quyết.",
                "Ủy ban Mặt trận Tổ quốc và các đoàn thể vận động đoàn viên, hội viên và Nhân dân "
                "tham gia phong trào.",
                "Các chi bộ trực thuộc quán triệt Nghị quyết đến đảng viên, gắn với nhiệm vụ của "
                "chi bộ.",
                f"Văn phòng {committee} theo dõi, đôn đốc, tổng hợp kết quả, báo cáo {report_to} "
                f"trước ngày {deadline_day:02d}/{deadline_month}/{campaign.year}.",
            ],
            "dang_cap_tren": vi.upper(superior),
            "dang_ban_hanh": vi.upper(own),
            "dong_ngay": vi.date_line(common.place_of(unit, campaign), day),
            "trich_yeu": (
                f"về lãnh đạo xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc "
                f"năm {campaign.year}"
            ),
            "mo_dau": (
                f"Thực hiện {campaign.plan.citation()}, {own} ban hành Nghị quyết về lãnh đạo "
                f"xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {campaign.year} "
                f"{_area(unit)} như sau:"
            ),
            "ket_thuc": (
                f"Nghị quyết này được quán triệt đến các chi bộ, đảng viên và tổ chức thực hiện "
                f"trong năm {campaign.year}./."
            ),
            "ky": {"tham_quyen": [f"T/M {vi.upper(committee)}"], "chuc_vu": "BÍ THƯ",
                   "ho_ten": secretary},
            "noi_nhan": [
                *([f"- {superior} (để báo cáo);"] if superior else []),
                f"- {unit.body_name} (để thực hiện);",
                "- Các chi bộ trực thuộc;",
                f"- Lưu Văn phòng {committee}.",
            ],
        }


KIND = Plan()
