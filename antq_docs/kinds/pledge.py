"""Pledge form (bản cam kết thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc) of one unit.

The unit pledges to the level above it (target 1 of the source plan: "tổ chức ký cam kết giao
ước thi đua"). A khu dân cư pledges on behalf of its households on the residential-area form;
every other unit uses the Nghị định 30 form. Both sides sign with names from the roster. The
commitments, one numbered list per kind of unit, are literal text of the templates
(tools/templates/pledge.py), where an official edits them in Word.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common
from antq_docs.kinds.base import BELOW_PROVINCE, Kind, Needs
from antq_docs.model import GOVERNMENT_TYPES, Campaign, Results, Roster, Unit

PURPOSE = "bản cam kết"

def _signing(unit: Unit, title: str, head: str) -> dict:
    """A party's signature: 'TM. ỦY BAN NHÂN DÂN' / 'CHỦ TỊCH' for a People's Committee (a
    collective body), the head's title for the others, their body being named in the parties."""
    if unit.type in GOVERNMENT_TYPES:
        return {"tham_quyen": "TM. ỦY BAN NHÂN DÂN",
                "chuc_vu": vi.upper(common.short_title(title)), "ho_ten": head}
    return {"tham_quyen": "", "chuc_vu": vi.upper(title), "ho_ten": head}


class Pledge(Kind):
    """The pledge form of one unit to the level above it."""

    name = "pledge"
    label = "bản cam kết"
    short = "Cam kết"
    required = BELOW_PROVINCE
    target = "cam_ket"
    templates = ("pledge.docx", "pledge-khu-dan-cu.docx")
    variables: ClassVar[dict[str, str]] = {
        "ngay_ky": "ngày ký bản cam kết, bằng chữ",
        "ben_nhan": "bên nhận cam kết (cấp trên trực tiếp)",
        "ben_nhan.ten": "tên cơ quan, đơn vị nhận cam kết",
        "ben_nhan.ho_ten": "họ và tên người đại diện bên nhận (người đứng đầu)",
        "ben_nhan.chuc_vu": "chức vụ đầy đủ của người đại diện bên nhận",
        "ben_cam_ket": "bên cam kết (đơn vị)",
        "ben_cam_ket.ten": "tên đơn vị cam kết",
        "ben_cam_ket.ten_trong_cau": "tên đơn vị cam kết viết trong câu (khu dân cư: Thôn 1, "
                                     "tổ dân phố…; đơn vị khác: như ten)",
        "ben_cam_ket.ho_ten": "họ và tên người đại diện bên cam kết (người đứng đầu)",
        "ben_cam_ket.chuc_vu": "chức vụ đầy đủ của người đại diện bên cam kết",
        "ben_cam_ket.dia_chi": "địa chỉ của đơn vị cam kết; rỗng thì mẫu bỏ dòng Địa chỉ",
        "so_ho": "số hộ của khu dân cư",
        "loai": "loại đơn vị (khu_dan_cu, xa, co_quan…): chọn các điều cam kết hợp với đơn vị",
        "ten": "tên đơn vị cam kết như trong câu (Ủy ban nhân dân xã Hà Mòn, Sở Tư pháp)",
        "dia_ban": "địa bàn của đơn vị (xã Hà Mòn, Thôn 1)",
        "ngay_hoi": "ngày tổ chức Ngày hội (19/8/2025)",
        "ky_ben_nhan": "chữ ký bên nhận cam kết",
        "ky_ben_nhan.tham_quyen": "dòng thẩm quyền ký: “TM. ỦY BAN NHÂN DÂN” khi bên nhận là Ủy "
                                  "ban nhân dân, rỗng với cơ quan, đơn vị khác",
        "ky_ben_nhan.chuc_vu": "chức vụ người ký bên nhận (chữ in hoa)",
        "ky_ben_nhan.ho_ten": "họ và tên người ký bên nhận",
        "ky_ben_cam_ket": "chữ ký bên cam kết",
        "ky_ben_cam_ket.tham_quyen": "dòng thẩm quyền ký: “TM. ỦY BAN NHÂN DÂN” khi bên cam kết "
                                     "là Ủy ban nhân dân, rỗng với đơn vị khác",
        "ky_ben_cam_ket.chuc_vu": "chức vụ người ký bên cam kết (chữ in hoa)",
        "ky_ben_cam_ket.ho_ten": "họ và tên người ký bên cam kết",
    }

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Every unit the matrix names that has a level above it to pledge to."""
        return unit.parent is not None and super().needs(campaign, unit)

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """The residential-area form for khu dân cư, Nghị định 30 for the rest."""
        return "pledge-khu-dan-cu.docx" if unit.type == "khu_dan_cu" else "pledge.docx"

    def context(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
    ) -> dict:
        """Parties, legal basis, commitments and signatures of one unit's pledge."""
        parent = unit.parent
        assert parent is not None
        day = needs.campaign_date(campaign, self.name, "bản cam kết")
        receiving = f"bên nhận cam kết của {unit.code}"
        head = needs.unit_value(unit, "head", PURPOSE)
        title = needs.unit_value(unit, "title", PURPOSE)
        parent_head = needs.unit_value(parent, "head", receiving)
        parent_title = needs.unit_value(parent, "title", receiving)
        residential = unit.type == "khu_dan_cu"
        return {
            **common.header(unit, campaign, day),
            "loai": unit.type,
            "nam": campaign.year,
            "ten": unit.body_name,
            "dia_ban": unit.sentence_name,
            "ngay_hoi": vi.short_date(campaign.event_date),
            "can_cu": common.legal_bases(campaign),
            "ke_hoach": common.plan_ref(campaign),
            "ngay_ky": vi.date_words(day),
            "ben_nhan": {"ten": parent.body_name, "ho_ten": parent_head,
                         "chuc_vu": common.office(parent, parent_title)},
            "ben_cam_ket": {
                "ten": unit.body_name,
                "ten_trong_cau": unit.sentence_name if residential else unit.body_name,
                "ho_ten": head,
                "chuc_vu": common.office(unit, title),
                "dia_chi": unit.address,
            },
            "so_ho": vi.number(unit.households) if unit.households else "",
            "ky_ben_nhan": _signing(parent, parent_title, parent_head),
            "ky_ben_cam_ket": _signing(unit, title, head),
        }


KIND = Pledge()
