"""The plan for the Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19 August) of one unit.

Target 5 of the source plan: local governments, agencies, enterprises and schools issue a plan
for the Ngày hội (Quyết định 521/2005/QĐ-TTg). Date, start time, the activities window and the
anniversaries (kỷ niệm) come from the campaign; place, budget, its estimate (dự toán) and
participants from the campaign's defaults per unit type, which the roster's Địa điểm and Kinh
phí columns override. The wording, including the defaults by unit type, lives in the template;
this module gives it names, dates, amounts and lists of units.
"""

from __future__ import annotations

import re
from typing import ClassVar

from antq_docs import model, vi
from antq_docs.kinds import common, heading, party
from antq_docs.kinds.base import Kind, Request
from antq_docs.messages import documents as msg
from antq_docs.model import (
    GOVERNMENT_TYPES,
    ISSUERS,
    EventDefaults,
    Unit,
)

PURPOSE = "kế hoạch Ngày hội"

# The template cites Quyết định 521/QĐ-TTg itself; a campaign that lists it too would cite it twice.
_DECISION_521 = re.compile(r"\b521/(2005/)?QĐ-TTg\b", re.IGNORECASE)


def subordinate_kinds(unit: Unit, types: tuple[str, ...] | None = None) -> list[str]:
    """The kinds of the units directly below, each once: ['làng', 'thôn'], ['thị trấn', 'xã']."""
    kinds: list[str] = []
    for child in common.subordinates(unit):
        if types is not None and child.type not in types:
            continue
        word = model.kind_word(child)
        if word not in kinds:
            kinds.append(word)
    return kinds


def budget_lines(unit: Unit, defaults: EventDefaults) -> tuple[int | None, list[dict]]:
    """The total budget and the estimate lines the plan shows.

    A roster's Kinh phí that differs from the campaign's estimate has no itemisation behind it:
    scaling the campaign's items to it would print numbers nobody decided, so the plan then shows
    the total alone and the official itemises it. The same amount keeps the items.
    """
    items = defaults.items
    total = defaults.budget
    if unit.budget is not None:
        total = unit.budget
        if sum(i.amount for i in items) != unit.budget:
            items = ()
    rows = [
        {"stt": i, "noi_dung": item.text, "so_tien": vi.number(item.amount)}
        for i, item in enumerate(items, start=1)
    ]
    return total, rows


class EventPlan(Kind):
    """The Ngày hội plan of one unit."""

    name = "event-plan"
    label = "kế hoạch Ngày hội"
    short = "KH Ngày hội"
    required = ISSUERS
    target = "ngay_hoi"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "event-plan.docx"}
    number = "KH"
    number_purpose = PURPOSE
    variables: ClassVar[dict[str, str]] = {
        "can_cu_ngay_hoi": "quyết định chọn ngày 19/8 là Ngày hội (can_cu_ngay_hoi của kế hoạch; "
        "mặc định Quyết định số 521/2005/QĐ-TTg ngày 13/6/2005)",
        "loai": "loại đơn vị: huyen, xa, khu_dan_cu, co_quan, doanh_nghiep, co_so_giao_duc; "
        "mẫu chọn đoạn văn theo loại",
        "chinh_quyen": "đúng khi đơn vị là chính quyền địa phương",
        "ten_trong_cau": "tên đơn vị viết trong câu (xã Hà Mòn, Sở Tư pháp)",
        "co_quan": "tên cơ quan, đơn vị ban hành kế hoạch (Ủy ban nhân dân xã Hà Mòn)",
        "chuc_vu": "chức vụ người đứng đầu đơn vị như trong danh sách (Trưởng thôn): người chủ "
        "trì Ngày hội ở khu dân cư",
        "co_quan_cap_tren": "cơ quan, đơn vị cấp trên trực tiếp (nơi khu dân cư báo cáo kết quả)",
        "cap_uy": "cấp ủy cùng cấp của huyện, xã (Đảng ủy xã Hà Mòn); rỗng với đơn vị khác",
        "cong_an": "Công an phục vụ địa bàn vào ngày của kế hoạch (Công an xã Hà Mòn; Công an "
        "tỉnh khi Công an cấp huyện đã kết thúc)",
        "cong_an_cung_cap": "đúng khi Công an đó là của chính cấp ban hành; sai khi là cấp trên "
        "(kế hoạch chỉ “đề nghị” phối hợp)",
        "don_vi_duoi": "các loại đơn vị trực thuộc, mỗi loại một lần (xã, thị trấn; thôn, làng)",
        "dia_phuong_duoi": "các loại đơn vị hành chính, khu dân cư trực thuộc (xã, thị trấn; "
        "thôn, làng), mỗi loại một lần",
        "ky_niem": "các ngày kỷ niệm của năm",
        "ky_niem.so_nam": "số năm kỷ niệm (80)",
        "ky_niem.noi_dung": "tên ngày kỷ niệm",
        "ky_niem.tu_ngay": "ngày gốc của sự kiện được kỷ niệm (ngày/tháng/năm)",
        "ky_niem.den_ngay": "ngày kỷ niệm trong năm nay (ngày/tháng/năm)",
        "ngay_hoi": "ngày tổ chức Ngày hội (ngày/tháng/năm)",
        "ngay_hoi_ngan": "ngày tổ chức Ngày hội không có năm (19/8)",
        "ngay_hoi_chu": "ngày tổ chức Ngày hội bằng chữ (ngày 19 tháng 8 năm 2025)",
        "gio": "giờ khai mạc",
        "hoat_dong_tu": "ngày bắt đầu các hoạt động hưởng ứng (ngày/tháng/năm): hoat_dong_tu "
        "của kế hoạch năm, không sớm hơn ngày của chính kế hoạch này",
        "dia_diem": "địa điểm tổ chức; rỗng thì mẫu ghi hội trường, nhà văn hóa theo loại đơn vị",
        "thanh_phan": "thành phần tham dự; rỗng thì mẫu ghi thành phần theo loại đơn vị",
        "du_toan": "dự toán kinh phí, mỗi dòng một khoản; rỗng khi chỉ có tổng kinh phí",
        "du_toan.stt": "số thứ tự khoản chi",
        "du_toan.noi_dung": "nội dung khoản chi",
        "du_toan.so_tien": "số tiền của khoản chi, đồng, không ghi chữ “đồng” (2.000.000)",
        "kinh_phi": "tổng kinh phí, có đơn vị đồng",
        "kinh_phi_so": "tổng kinh phí, không ghi chữ “đồng” (dòng Tổng cộng của dự toán)",
        "kinh_phi_chu": "tổng kinh phí bằng chữ",
    }

    def context(self, request: Request) -> dict:
        """Names, dates, anniversaries, place, participants, budget lines, signature."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        defaults = campaign.event.by_type.get(unit.type, EventDefaults())
        total, estimate = budget_lines(unit, defaults)
        if total is None:
            needs.unit_value(
                unit,
                "budget",
                msg.BUDGET_PURPOSE.format(purpose=PURPOSE, type=unit.type),
            )
        event = campaign.event_date
        return {
            **heading.header(unit, campaign, day),
            "nam": campaign.year,
            "loai": unit.type,
            **common.unit_words(unit),
            "chinh_quyen": unit.type in GOVERNMENT_TYPES,
            "ten_trong_cau": unit.sentence_name,
            "co_quan": unit.body_name,
            "chuc_vu": unit.title,
            "co_quan_cap_tren": unit.parent.body_name if unit.parent is not None else "",
            "cap_uy": party.party_committee(unit) if unit.type in ("huyen", "xa") else "",
            "cong_an": common.police(unit, campaign, day),
            "cong_an_cung_cap": common.own_police(unit, campaign, day),
            "don_vi_duoi": subordinate_kinds(unit),
            # The local units below a government: its communes, or its residential areas.
            "dia_phuong_duoi": subordinate_kinds(unit, ("xa", "khu_dan_cu")),
            "can_cu": [
                line for line in common.legal_bases(campaign) if not _DECISION_521.search(line)
            ],
            "can_cu_ngay_hoi": campaign.event_basis,
            "ke_hoach": common.plan_ref(campaign),
            "ky_niem": [
                {
                    "so_nam": a.years(campaign.year),
                    "noi_dung": a.name,
                    "tu_ngay": vi.short_date(a.since),
                    "den_ngay": vi.short_date(a.on(campaign.year)),
                }
                for a in campaign.anniversaries
            ],
            "ngay_hoi": vi.short_date(event),
            # '19/8' of "Ngày hội … (19/8) năm 2025": the short date without its year.
            "ngay_hoi_ngan": vi.short_date(event).rsplit("/", 1)[0],
            "ngay_hoi_chu": vi.date_words(event),
            "gio": campaign.event.time,
            # A plan cannot schedule what happened before it was issued.
            "hoat_dong_tu": vi.short_date(min(max(campaign.event.window_start, day), event)),
            "dia_diem": unit.venue or defaults.venue,
            "thanh_phan": defaults.participants,
            "du_toan": estimate,
            "kinh_phi": vi.money(total) if total is not None else "",
            "kinh_phi_so": vi.number(total) if total is not None else "",
            "kinh_phi_chu": vi.money_in_words(total) if total is not None else "",
            "ky": common.signature(unit, campaign, needs, PURPOSE),
            "noi_nhan": common.recipients(unit, campaign, day),
        }


KIND = EventPlan()
