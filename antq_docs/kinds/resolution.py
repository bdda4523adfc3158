"""The cấp ủy's resolution (nghị quyết) on the movement for the year, of a district or commune.

Target 1 of the source plan asks the cấp ủy and the chính quyền both to issue: the Huyện ủy's
or Đảng ủy xã's Nghị quyết (Hướng dẫn 36-HD/VPTW) states the direction, the UBND's plan (the
plan kind) assigns the tasks; a district or commune meets the target with both. The province's
own documents are the campaign's input, not generated, so a Tỉnh ủy gets none here.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common, party
from antq_docs.kinds.base import Kind, Request
from antq_docs.kinds.plan import KIND as PLAN
from antq_docs.kinds.plan import unit_targets

PURPOSE = "nghị quyết của cấp ủy"


class Resolution(Kind):
    """The Nghị quyết of a district's or commune's cấp ủy on the movement of the year."""

    name = "resolution"
    label = "nghị quyết của cấp ủy"
    short = "Nghị quyết"
    required = ("huyen", "xa")
    # Dated with the UBND's plan unless ngay_van_ban gives the resolution its own date.
    party_document = True
    date_key = "plan"
    target = "ke_hoach"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "resolution.docx"}
    number = "NQ"
    variables: ClassVar[dict[str, str]] = {
        "nam": "năm của phong trào",
        "cap": "loại đơn vị: huyen (Ban Thường vụ ban hành) hoặc xa (Đảng ủy ban hành)",
        "ten": "Ủy ban nhân dân cùng cấp (Ủy ban nhân dân huyện Đăk Hà), nơi xây dựng kế hoạch",
        "ten_trong_cau": "địa bàn viết trong câu (huyện Đăk Hà, xã Hà Mòn)",
        "cap_uy": "cấp ủy (Huyện ủy Đăk Hà, Đảng ủy xã Hà Mòn)",
        "lanh_dao": "cơ quan ban hành nghị quyết viết trong câu (Ban Thường vụ Huyện ủy Đăk Hà, "
        "Đảng ủy xã Hà Mòn)",
        "cap_uy_loai": "loại cấp ủy không kèm địa danh (Huyện ủy, Thành ủy, Đảng ủy): tên Văn "
        "phòng ở phần tổ chức thực hiện và nơi lưu",
        "can_cu_dang": "các văn bản của Đảng làm căn cứ (can_cu_dang), không kèm chữ “Căn cứ”",
        "ke_hoach": "kế hoạch của tỉnh: so, ngay, co_quan, trich_yeu",
        # The targets are the plan's, in the same shape.
        **{k: v for k, v in PLAN.variables.items() if k.startswith("chi_tieu")},
        "dien_hinh": "tên các đơn vị được chọn xây dựng điển hình (cấp huyện)",
        "cong_an": "Công an phục vụ địa bàn vào ngày của nghị quyết: của chính cấp đó, hoặc "
        "Công an tỉnh khi Công an cấp huyện đã kết thúc (thay_doi_to_chuc)",
        "cong_an_cung_cap": "đúng khi Công an đó là của chính cấp (Ủy ban nhân dân chỉ đạo "
        "được); sai khi là cấp trên (chỉ phối hợp)",
        "mat_tran": "Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp",
        "bao_cao_dang": "cơ quan đảng cấp trên nhận báo cáo (Ban Thường vụ Tỉnh ủy Kon Tum)",
        "han": "hạn báo cáo kết quả cuối năm của cấp mình (ngày/tháng/năm)",
        "ngay_hoi": "ngày tổ chức Ngày hội (ngày/tháng/năm)",
        "dang_cap_tren": "đảng bộ cấp trên, chữ in hoa, mỗi dòng một phần tử",
        "dang_ban_hanh": "cấp ủy ban hành, chữ in hoa, mỗi dòng một phần tử",
    }

    def context(self, request: Request) -> dict:
        """Header, Party bases, the level's targets in its own counts, who leads what, signer."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        committee = party.party_committee(unit)
        district = unit.type == "huyen"
        leading = f"Ban Thường vụ {committee}" if district else committee
        secretary = needs.unit_value(unit, "secretary", PURPOSE)
        report_to = party.party_report_to(unit)
        models = (
            sorted((u for u in unit.descendants() if u.is_model), key=lambda u: vi.sort_key(u.name))
            if district
            else []
        )
        front = f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit.sentence_name}"
        return {
            **party.party_header(unit, campaign, day, committee),
            "nam": campaign.year,
            "cap": unit.type,
            "ten": unit.body_name,
            "ten_trong_cau": unit.sentence_name,
            "cap_uy": committee,
            "lanh_dao": leading,
            "cap_uy_loai": party.party_office(unit),
            "can_cu_dang": common.bases(campaign.party_bases),
            "ke_hoach": common.plan_ref(campaign),
            "chi_tieu": unit_targets(campaign, unit),
            "dien_hinh": [m.name for m in models],
            "cong_an": common.police(unit, campaign, day),
            "cong_an_cung_cap": common.own_police(unit, campaign, day),
            "mat_tran": front,
            "bao_cao_dang": report_to,
            "han": vi.short_date(campaign.report_deadline(unit.type)),
            "sau_quy_i": common.after_first_quarter(campaign, day),
            "ngay_hoi": vi.short_date(campaign.event_date),
            "ky": {
                "tham_quyen": ["T/M BAN THƯỜNG VỤ" if district else "T/M ĐẢNG ỦY"],
                "chuc_vu": "BÍ THƯ",
                "ho_ten": secretary,
            },
            "noi_nhan": [
                *([common.recipient(report_to, "bao_cao")] if report_to else []),
                common.recipient(unit.body_name, "thuc_hien"),
                common.recipient(front, "phoi_hop"),
                common.recipient(
                    common.police(unit, campaign, day),
                    "thuc_hien" if common.own_police(unit, campaign, day) else "phoi_hop",
                ),
                common.recipient(
                    "Các đảng bộ, chi bộ trực thuộc" if district else "Các chi bộ trực thuộc",
                    "thuc_hien",
                ),
            ],
        }


KIND = Resolution()
