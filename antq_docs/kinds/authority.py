"""Who recognises whom as meeting the standard "An toàn về an ninh, trật tự" (thẩm quyền công nhận).

Thông tư 124/2021/TT-BCA, Điều 10 (Thẩm quyền xét duyệt, công nhận), as quoted by the Ủy ban
nhân dân quận Tân Bình portal (tanbinh.hochiminhcity.gov.vn, "Mốc thời gian đánh giá, kết quả
phân loại và thẩm quyền xét duyệt đạt tiêu chuẩn…"; the full primary text was not reachable):
the commune level recognises the khu dân cư, agencies, enterprises and schools it manages; the
level above the commune recognises communes and the agencies, enterprises and schools it
manages (the district, or the province once the district level is gone: Thông tư 48/2025/TT-BCA).
So by default a unit is recognised by the Ủy ban nhân dân that manages it (the nearest above
it), a commune by the level above it. The campaign's tham_quyen_cong_nhan raises a type to a
higher level (xa, huyen or tinh): the issuer is the nearest Ủy ban nhân dân above the unit at
that level or higher, so a district that no longer exists hands the decision to the province.
The recognition decision lists the units; the review-meeting minutes propose them. In whose
name the decision is issued is the campaign's nhan_danh_cong_nhan: the Chủ tịch by default
(the project's reading of Điều 10); the excerpt seen says only "Ủy ban nhân dân phường xét
duyệt, ra quyết định", so a province whose rules give the power to the body writes uy_ban.
"""

from __future__ import annotations

from antq_docs.model import GOVERNMENT_LEVELS, GOVERNMENT_TYPES, Campaign, Unit


def default_level(unit_type: str) -> str:
    """The lowest level that recognises a type when the campaign does not say: a commune by
    the level above it (the district, or the province where the district level is gone: the
    tree of the decision's date has none), any other unit by the Ủy ban nhân dân that manages
    it, from the commune up."""
    return "huyen" if unit_type == "xa" else "xa"


def recognising_level(campaign: Campaign, unit_type: str) -> str:
    """The level that recognises units of a type: tham_quyen_cong_nhan, else the default."""
    return campaign.recognition_levels.get(unit_type) or default_level(unit_type)


def recogniser(campaign: Campaign, unit: Unit) -> Unit | None:
    """The Ủy ban nhân dân that recognises a unit in the tree of the decision's date: the
    nearest above it at the competent level or higher (a level the tree does not have passes
    to the one above it)."""
    rank = GOVERNMENT_LEVELS.index(recognising_level(campaign, unit.type))
    current = unit.parent
    while current is not None:
        if current.type in GOVERNMENT_TYPES and GOVERNMENT_LEVELS.index(current.type) <= rank:
            return current
        current = current.parent
    return None


def chair_decides(campaign: Campaign) -> bool:
    """Whether decisions are issued in the Chủ tịch's name (nhan_danh_cong_nhan: chu_tich)."""
    return campaign.recognition_in_name == "chu_tich"
