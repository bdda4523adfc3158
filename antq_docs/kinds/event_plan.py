"""The plan for the Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19 August) of one unit.

Target 5 of the source plan: local governments, agencies, enterprises and schools issue a plan
for the Ngày hội (Quyết định 521/2005/QĐ-TTg). Date, start time and the activities window come
from the campaign; place, budget and participants from the campaign's defaults per unit type,
which the roster's Địa điểm and Kinh phí columns override.
"""

from __future__ import annotations

from antq_docs import vi
from antq_docs.kinds import common
from antq_docs.kinds.base import Kind, Needs, NumberSlot
from antq_docs.model import Campaign, EventDefaults, Results, Roster, Unit

PURPOSE = "kế hoạch Ngày hội"

_CEREMONY = [
    ("Chào cờ; tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức"),
    ("Diễn văn kỷ niệm ngày truyền thống Công an nhân dân và Ngày hội toàn dân bảo vệ an ninh "
     "Tổ quốc", "{lanh_dao}"),
    ("Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc {sau_thang}",
     "{bao_cao}"),
    ("Khen thưởng tập thể, cá nhân có thành tích", "{lanh_dao}"),
    ("Ký kết giao ước thi đua, phát động thi đua thực hiện phong trào những tháng cuối năm",
     "{giao_uoc}"),
    ("Phát biểu của đại biểu cấp trên", "Đại biểu cấp trên"),
]

_FESTIVAL = [
    ("Văn nghệ chào mừng do các đơn vị biểu diễn", "Các đoàn thể"),
    ("Thi đấu thể thao, trò chơi dân gian", "Đoàn Thanh niên"),
]

_ACTIVITIES = [
    "Tuyên truyền về truyền thống lực lượng Công an nhân dân, ý nghĩa Ngày hội và phong trào "
    "toàn dân bảo vệ an ninh Tổ quốc bằng loa truyền thanh, băng rôn, khẩu hiệu, mạng xã hội.",
    "Sơ kết 8 tháng thực hiện phong trào; lựa chọn, đề nghị khen thưởng tập thể, cá nhân tiêu "
    "biểu.",
    "Thăm hỏi, tặng quà gia đình chính sách, gia đình có công với cách mạng và người có uy tín.",
    "Tổ chức hội thi tìm hiểu pháp luật, giao lưu văn nghệ, thể thao hưởng ứng Ngày hội.",
]

_TASKS = {
    "government": [
        "Công an {dia_ban}: thường trực Ban Tổ chức, chuẩn bị báo cáo, nội dung khen thưởng và "
        "kịch bản chương trình; bảo đảm an ninh, trật tự tại buổi lễ.",
        "Văn phòng {co_quan}: chuẩn bị hội trường, khánh tiết, giấy mời, kinh phí.",
        "Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể {dia_ban}: vận động đoàn viên, hội viên "
        "và Nhân dân tham gia; phụ trách phần hội.",
    ],
    "other": [
        "Bộ phận hành chính: chuẩn bị hội trường, khánh tiết, kinh phí và giấy mời.",
        "Công đoàn, Đoàn Thanh niên: vận động {thanh_vien} tham gia; phụ trách phần hội.",
        "Tổ bảo vệ, an ninh trật tự: bảo đảm an ninh, trật tự, phòng cháy, chữa cháy tại buổi lễ.",
    ],
}

_MEMBERS = {"co_quan": "cán bộ, công chức, viên chức, người lao động",
            "doanh_nghiep": "người lao động", "co_so_giao_duc": "giáo viên, học sinh, sinh viên"}


class EventPlan(Kind):
    """The Ngày hội plan of one unit."""

    name = "event-plan"
    label = "kế hoạch Ngày hội"

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """The one Nghị định 30 template."""
        return "event-plan.docx"

    def number_slot(self, campaign: Campaign, unit: Unit, needs: Needs) -> NumberSlot:
        """'…/KH-UBND' from the roster's ký hiệu."""
        return common.number_slot(unit, needs, "KH", PURPOSE, self.document_year(campaign))

    def context(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
    ) -> dict:
        """Purpose, activities, programme table, time and place, budget, tasks."""
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        defaults = campaign.event.by_type.get(unit.type, EventDefaults())
        venue = unit.venue or defaults.venue
        budget = unit.budget if unit.budget is not None else defaults.budget
        if not venue:
            needs.unit_value(unit, "venue", f"{PURPOSE} (hoặc ngay_hoi_to_chuc.theo_loai."
                                            f"{unit.type}.dia_diem trong kế hoạch năm)")
        if budget is None:
            needs.unit_value(unit, "budget", f"{PURPOSE} (hoặc ngay_hoi_to_chuc.theo_loai."
                                             f"{unit.type}.kinh_phi trong kế hoạch năm)")
        participants = defaults.participants or (
            f"Lãnh đạo và toàn thể {_MEMBERS.get(unit.type, 'cán bộ, Nhân dân')} "
            f"của {unit.sentence_name}"
        )
        government = unit.type in ("huyen", "xa")
        roles = {
            "lanh_dao": f"Lãnh đạo {unit.body_name}" if government else "Người đứng đầu đơn vị",
            "bao_cao": (
                f"Công an {unit.sentence_name}" if government else "Tổ bảo vệ, an ninh trật tự"
            ),
            "giao_uoc": "Đại diện các khu dân cư, cơ quan, đơn vị" if government else (
                "Đại diện các phòng, bộ phận, tổ chức đoàn thể"),
            "sau_thang": f"8 tháng đầu năm {campaign.year}",
        }
        event = campaign.event_date
        window = (f"Từ ngày {vi.short_date(campaign.event.window_start)} đến ngày "
                  f"{vi.short_date(event)}")
        values = {"dia_ban": unit.sentence_name, "co_quan": unit.body_name,
                  "thanh_vien": _MEMBERS.get(unit.type, "cán bộ, người lao động")}
        tasks = _TASKS["government" if government else "other"]
        return {
            **common.header(unit, campaign, day),
            "trich_yeu": (
                f"Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {campaign.year}"
            ),
            "nam": campaign.year,
            "can_cu": common.legal_bases(campaign),
            "mo_dau": (
                f"Thực hiện {campaign.plan.citation()}, {unit.body_name} xây dựng Kế hoạch tổ "
                f"chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({vi.short_date(event)}) năm "
                f"{campaign.year} như sau:"
            ),
            "muc_dich": [
                "Giáo dục truyền thống, nâng cao ý thức trách nhiệm của cán bộ và Nhân dân "
                "trong sự nghiệp bảo vệ an ninh Tổ quốc; biểu dương tập thể, cá nhân điển hình.",
                "Tổ chức trang trọng, thiết thực, tiết kiệm, bảo đảm an toàn; gắn với phát động "
                "thi đua thực hiện phong trào những tháng cuối năm.",
            ],
            "hoat_dong_thoi_gian": window,
            "hoat_dong": list(_ACTIVITIES),
            "phan_le": [{"stt": i, "noi_dung": c.format(**roles), "thuc_hien": w.format(**roles)}
                        for i, (c, w) in enumerate(_CEREMONY, start=1)],
            "phan_hoi": [{"stt": i, "noi_dung": c, "thuc_hien": w}
                         for i, (c, w) in enumerate(_FESTIVAL, start=len(_CEREMONY) + 1)],
            "thoi_gian": f"{campaign.event.time}, {vi.date_words(event)}",
            "dia_diem": venue,
            "thanh_phan": participants,
            "kinh_phi": vi.money(budget) if budget is not None else "",
            "kinh_phi_chu": vi.money_in_words(budget) if budget is not None else "",
            "nhiem_vu": [t.format(**values) for t in tasks],
            "ket_thuc": (
                f"Trên đây là Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm "
                f"{campaign.year} của {unit.body_name}; các bộ phận được phân công khẩn trương "
                "triển khai thực hiện./."
            ),
            "ky": common.signature(unit, campaign, needs, PURPOSE),
            "noi_nhan": common.recipients(unit, campaign),
        }


KIND = EventPlan()
