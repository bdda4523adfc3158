"""Registration (bản đăng ký) for the standard "An toàn về an ninh, trật tự" of one unit.

In Quý I every khu dân cư, commune, agency, enterprise and school registers with the level
above it to build itself up to the standard of Thông tư 124/2021/TT-BCA for the year (target
dang_ky of the source plan). The commitments are the standard's criteria, worded for each type
of unit in the templates (tools/templates/registration.py); a khu dân cư uses the
residential-area form (no number), the others the Nghị định 30 form numbered '…/ĐK-…'.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common, heading
from antq_docs.kinds.base import Kind, Request
from antq_docs.messages import documents as msg
from antq_docs.model import BELOW_DISTRICT, Campaign, Unit, kind_word

PURPOSE = "bản đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”"


class Registration(Kind):
    """The registration of one unit for the standard, addressed to the level above it."""

    name = "registration"
    label = "bản đăng ký"
    short = "Đăng ký"
    required = BELOW_DISTRICT
    target = "dang_ky"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {
        "": "registration.docx",
        "khu_dan_cu": "registration-khu-dan-cu.docx",
    }
    number = "ĐK"
    unnumbered = ("khu_dan_cu",)
    variables: ClassVar[dict[str, str]] = {
        "loai": "loại đơn vị đăng ký (khu_dan_cu, xa, co_quan, doanh_nghiep, co_so_giao_duc): "
        "mẫu chọn tên gọi và các tiêu chí theo loại",
        "don_vi": "đơn vị đăng ký: tên viết trong câu với khu dân cư (Thôn 1), tên cơ quan với "
        "đơn vị khác (Ủy ban nhân dân xã Hà Mòn)",
        "don_vi_dau_cau": "như don_vi, viết hoa chữ đầu để mở đầu câu",
        "dia_ban": "địa bàn của đơn vị (xã Hà Mòn, Thôn 1)",
        "cap_tren": "cơ quan cấp trên trực tiếp nhận bản đăng ký (Kính gửi)",
        "so_khu_dan_cu": "số khu dân cư của xã (hai chữ số); rỗng với đơn vị khác",
        "ten_loai": "tên gọi loại của đơn vị theo tên của nó (xã, phường, cơ quan…); khu dân "
        "cư thì mẫu ghi “khu dân cư”",
    }

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Every unit the matrix names that has a level above it to register with."""
        return unit.parent is not None and super().needs(campaign, unit)

    def context(self, request: Request) -> dict:
        """The template variables of one unit's registration; missing values go to needs."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        parent = unit.parent
        assert parent is not None
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        if self.name in campaign.doc_dates and day.month > 3:
            needs.warn(
                msg.REGISTRATION_AFTER_FIRST_QUARTER.format(
                    name=self.name, day=vi.short_date(day), year=day.year
                )
            )
        residential = unit.type == "khu_dan_cu"
        name = unit.sentence_name if residential else unit.body_name
        areas = [c for c in unit.children if c.type == "khu_dan_cu"]
        return {
            **heading.header(unit, campaign, day),
            "loai": unit.type,
            **common.unit_words(unit),
            "nam": campaign.year,
            "don_vi": name,
            "don_vi_dau_cau": vi.upper(name[:1]) + name[1:],
            "dia_ban": unit.sentence_name,
            "cap_tren": parent.body_name,
            "so_khu_dan_cu": vi.count(len(areas)) if unit.type == "xa" and areas else "",
            "ten_loai": kind_word(unit),
            "can_cu": common.legal_bases(campaign),
            "ke_hoach": common.plan_ref(campaign),
            "ky": common.signature(unit, campaign, needs, PURPOSE),
            "noi_nhan": [common.recipient(common.police(unit, campaign, day), "phoi_hop")],
        }


KIND = Registration()
