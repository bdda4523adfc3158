"""Decision recognising units as meeting the standard "An toàn về an ninh, trật tự" (quyết định
công nhận), issued by the competent Ủy ban nhân dân at year end.

Which level recognises which type of unit is the campaign's tham_quyen_cong_nhan (a level per
type: xa, huyen or tinh); by default the commune recognises its khu dân cư and the level above
the commune recognises communes, agencies, enterprises and schools: the district before
01/7/2025, the province from then on. The issuer is the nearest Ủy ban nhân dân above the unit
at that level or higher, so a district that no longer exists hands the decision to the province.
A Ủy ban nhân dân with no unit recognised in the results below it issues none. The decision has
the Nghị định 30 form (căn cứ, QUYẾT ĐỊNH:, Điều 1–3, TM. ỦY BAN NHÂN DÂN) and the list of the
units it recognises attached; the wording is in tools/templates/recognition.py.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common
from antq_docs.kinds.base import Kind, Needs, NumberSlot
from antq_docs.model import (
    GOVERNMENT_TYPES,
    Campaign,
    Results,
    Roster,
    Unit,
    kind_word,
    kinds_label,
)

PURPOSE = "quyết định công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
# The unit types the standard covers (Thông tư 124/2021/TT-BCA): a district is never recognised.
RECOGNISED_TYPES = ("khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc")
# Local government levels, highest first: a level recognises what its campaign entry names.
LEVELS = ("tinh", "huyen", "xa")


def default_level(unit_type: str) -> str:
    """The level that recognises a type when the campaign does not say: the commune its khu
    dân cư; the level above the commune the others (the district, or the province where the
    district level is gone: the tree of the decision's date has none)."""
    return "xa" if unit_type == "khu_dan_cu" else "huyen"


def recognising_level(campaign: Campaign, unit_type: str) -> str:
    """The level that recognises units of a type: tham_quyen_cong_nhan, else the default."""
    return campaign.recognition_levels.get(unit_type) or default_level(unit_type)


def recogniser(campaign: Campaign, unit: Unit) -> Unit | None:
    """The Ủy ban nhân dân that recognises a unit: the nearest above it at the competent level
    or higher (a level the tree does not have passes to the one above it)."""
    rank = LEVELS.index(recognising_level(campaign, unit.type))
    current = unit.parent
    while current is not None:
        if current.type in GOVERNMENT_TYPES and LEVELS.index(current.type) <= rank:
            return current
        current = current.parent
    return None


class Recognition(Kind):
    """The decision of one Ủy ban nhân dân recognising the units below it that met the standard."""

    name = "recognition"
    label = "quyết định công nhận"
    short = "Công nhận"
    required = ("tinh", "huyen", "xa")
    templates = ("recognition.docx",)
    needs_results = True
    variables: ClassVar[dict[str, str]] = {
        "loai": "loại Ủy ban nhân dân ban hành (tinh, huyen, xa)",
        "co_quan": "Ủy ban nhân dân ban hành quyết định",
        "co_quan_in_hoa": "Ủy ban nhân dân ban hành, chữ in hoa (dòng thẩm quyền trên căn cứ)",
        "dia_ban": "địa bàn của Ủy ban nhân dân ban hành (xã Hà Mòn, tỉnh Kon Tum)",
        "ngay": "ngày ký quyết định (ngày/tháng/năm), ghi ở danh sách kèm theo",
        "sau_sap_xep": "đúng khi cấp huyện đã kết thúc vào ngày của quyết định "
                       "(thay_doi_to_chuc): văn phòng của xã là Văn phòng HĐND và UBND",
        "luat_to_chuc": "các văn bản đã thay đổi tổ chức chính quyền vào ngày của quyết định "
                        "(thay_doi_to_chuc[].can_cu); rỗng thì mẫu ghi Luật năm 2015",
        "cong_an": "Công an cùng cấp đề nghị công nhận (Công an xã Hà Mòn)",
        "so_don_vi": "số đơn vị được công nhận (hai chữ số)",
        "cac_loai": "các loại đơn vị được công nhận, theo tên gọi (thôn, tổ dân phố, xã…)",
        "danh_sach": "danh sách đơn vị được công nhận, mỗi dòng một đơn vị",
        "danh_sach.stt": "số thứ tự",
        "danh_sach.ten": "tên đơn vị được công nhận",
        "danh_sach.cap_tren": "đơn vị cấp trên trực tiếp của đơn vị đó",
        "danh_sach.loai": "loại đơn vị: khu_dan_cu, xa, co_quan, doanh_nghiep, co_so_giao_duc",
        "danh_sach.ten_loai": "tên gọi loại đơn vị theo tên của nó (Thôn, Tổ dân phố, Phường, "
                              "Cơ quan…)",
    }

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """A local government the matrix names (whether it recognises anyone needs results)."""
        return unit.type in GOVERNMENT_TYPES and super().needs(campaign, unit)

    def owed(self, campaign: Campaign, unit: Unit, results: Results | None = None) -> bool:
        """A local government with at least one unit below it recognised in the results."""
        return (results is not None and self.needs(campaign, unit)
                and bool(self.recognised(campaign, unit, results)))

    def recognised(self, campaign: Campaign, issuer: Unit, results: Results) -> list[Unit]:
        """The units below issuer recognised in the results that issuer is competent for:
        by type (khu dân cư, communes, agencies, enterprises, schools), then by the unit above
        and the name in Vietnamese order."""
        found = []
        for unit in issuer.descendants():
            result = results.get(unit.code)
            if (unit.type in RECOGNISED_TYPES and result is not None and result.recognised
                    and recogniser(campaign, unit) is issuer):
                found.append(unit)
        return sorted(found, key=lambda u: (
            RECOGNISED_TYPES.index(u.type),
            vi.sort_key(u.parent.name) if u.parent is not None else (),
            vi.sort_key(u.name)))

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """One Nghị định 30 template for every level."""
        return "recognition.docx"

    def number_slot(self, campaign: Campaign, unit: Unit, needs: Needs) -> NumberSlot:
        """'…/QĐ-UBND' from the roster's ký hiệu."""
        return common.number_slot(
            unit, needs, "QĐ", f"số của {PURPOSE}", self.document_year(campaign)
        )

    def context(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
    ) -> dict:
        """The decision of one Ủy ban nhân dân and its list; missing values go to needs."""
        assert results is not None
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        units = self.recognised(campaign, unit, results)
        recipients = []
        if unit.parent is not None:
            recipients.append(common.recipient(unit.parent.body_name, "bao_cao"))
        recipients.append(common.recipient(common.steering_committee(unit, campaign), "bao_cao"))
        return {
            **common.header(unit, campaign, day),
            "loai": unit.type,
            "nam": campaign.year,
            "co_quan": unit.body_name,
            "co_quan_in_hoa": vi.upper(unit.body_name),
            "dia_ban": unit.sentence_name,
            "ngay": vi.short_date(day),
            "sau_sap_xep": "huyen" in campaign.gone_levels(day),
            "luat_to_chuc": [c.basis for c in campaign.ended_by(day)
                             if c.body == "chinh_quyen" and c.basis],
            "cong_an": common.police(unit, campaign, day),
            "can_cu": common.legal_bases(campaign),
            "ke_hoach": common.plan_ref(campaign),
            "so_don_vi": vi.count(len(units)),
            "cac_loai": kinds_label(units),
            "danh_sach": [
                {"stt": index, "ten": u.name,
                 "cap_tren": u.parent.name if u.parent is not None else "",
                 "loai": u.type, "ten_loai": vi.upper(kind_word(u)[:1]) + kind_word(u)[1:]}
                for index, u in enumerate(units, start=1)
            ],
            "ky": common.signature(unit, campaign, needs, PURPOSE),
            "noi_nhan": recipients,
        }


KIND = Recognition()
