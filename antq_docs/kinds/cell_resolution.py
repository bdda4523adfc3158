"""The chi bộ's resolution (nghị quyết chi bộ) of Quý I for a khu dân cư.

Thông tư 124/2021/TT-BCA, Điều 4: a khu dân cư's first criterion is that in Quý I its chi bộ
adopts a resolution and the khu dân cư registers for the standard "An toàn về an ninh, trật
tự", every household signing its pledge. The resolution is a Party document (Hướng dẫn
36-HD/VPTW) of the village's Party cell, written for a khu dân cư whose roster row names its
chi bộ (column "Chi bộ"); one without gets none and check does not ask for it.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common, party
from antq_docs.kinds.base import Kind, Request
from antq_docs.kinds.plan import KIND as PLAN
from antq_docs.kinds.plan import unit_targets
from antq_docs.model import Campaign, Unit

PURPOSE = "nghị quyết của chi bộ"


class CellResolution(Kind):
    """The Nghị quyết of a khu dân cư's chi bộ in Quý I."""

    name = "cell-resolution"
    label = "nghị quyết của chi bộ"
    short = "NQ chi bộ"
    required = ("khu_dan_cu",)
    # Quý I, with the UBND's plan, before the khu dân cư registers, unless given its own date.
    party_document = True
    date_key = "plan"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "cell-resolution.docx"}
    number = "NQ"
    variables: ClassVar[dict[str, str]] = {
        "nam": "năm của phong trào",
        "ten_trong_cau": "tên khu dân cư viết trong câu",
        "chi_bo": "tên chi bộ (Chi bộ thôn 1)",
        "dang_uy": "đảng ủy cấp xã lãnh đạo chi bộ (Đảng ủy xã Hà Mòn)",
        "xa": "xã, phường của khu dân cư viết trong câu (xã Hà Mòn)",
        "can_cu_dang": "các văn bản của Đảng làm căn cứ (can_cu_dang), không kèm chữ “Căn cứ”",
        "ke_hoach": "kế hoạch của tỉnh: so, ngay, co_quan, trich_yeu",
        # The targets are the plan's, in the same shape.
        **{
            k: PLAN.variables[k]
            for k in (
                "chi_tieu",
                "chi_tieu.pham_vi",
                "chi_tieu.ma",
                "chi_tieu.noi_dung",
                "chi_tieu.so_luong",
                "chi_tieu.loai",
            )
        },
        "so_ho": "số hộ gia đình của khu dân cư (cột Số hộ); rỗng khi không ghi",
        "truong": "chức vụ người đứng đầu khu dân cư (Trưởng thôn)",
        "cong_an": "Công an cấp xã",
        "han": "hạn khu dân cư gửi báo cáo kết quả cuối năm (ngày/tháng/năm)",
        "ngay_hoi": "ngày tổ chức Ngày hội (ngày/tháng/năm)",
        "dang_cap_tren": "đảng bộ cấp trên, chữ in hoa, mỗi dòng một phần tử",
        "dang_ban_hanh": "chi bộ ban hành, chữ in hoa, mỗi dòng một phần tử",
    }

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """A khu dân cư of the matrix whose roster row names its chi bộ, under a commune."""
        return bool(unit.party_cell) and unit.parent is not None and super().needs(campaign, unit)

    def context(self, request: Request) -> dict:
        """Header, Party bases, the khu dân cư's targets and households, signer, recipients."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        cell = party.cell_name(unit)
        secretary = needs.unit_value(unit, "secretary", PURPOSE)
        title = needs.unit_value(unit, "title", PURPOSE)
        assert unit.parent is not None  # needs() asks for a commune above
        commune = party.party_committee(unit.parent)
        return {
            **party.party_header(unit, campaign, day, cell),
            "nam": campaign.year,
            "ten_trong_cau": unit.sentence_name,
            "chi_bo": cell,
            "dang_uy": commune,
            "xa": unit.parent.sentence_name,
            "can_cu_dang": common.bases(campaign.party_bases),
            "ke_hoach": common.plan_ref(campaign),
            "chi_tieu": unit_targets(campaign, unit),
            "so_ho": vi.number(unit.households) if unit.households else "",
            "truong": title,
            "cong_an": common.police(unit, campaign, day),
            "han": vi.short_date(campaign.report_deadline(unit.type)),
            "sau_quy_i": common.after_first_quarter(campaign, day),
            "ngay_hoi": vi.short_date(campaign.event_date),
            "ky": {"tham_quyen": ["T/M CHI BỘ"], "chuc_vu": "BÍ THƯ", "ho_ten": secretary},
            "noi_nhan": [
                common.recipient(commune, "bao_cao"),
                common.recipient(common.office(unit, title), "thuc_hien"),
                common.recipient(f"Ban Công tác Mặt trận {unit.sentence_name}", "phoi_hop"),
                common.recipient("Các đảng viên trong chi bộ", "thuc_hien"),
            ],
        }


KIND = CellResolution()
