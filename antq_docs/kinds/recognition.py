"""Decision recognising units as meeting the standard "An toàn về an ninh, trật tự" (quyết định
công nhận), issued at year end by the competent level (kinds/authority.py says who).

The power is the Chủ tịch's by default (nhan_danh_cong_nhan: chu_tich; uy_ban where a
province's rules give it to the body): the decision is titled "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"
and signed "CHỦ TỊCH" without "TM.". A Ủy ban nhân dân with no unit recognised in the results
below it issues none. The decision has the Nghị định 30 form: căn cứ (among them the issuer's
own review-meeting minutes, which propose the units), "QUYẾT ĐỊNH:", Điều 1 ("Công nhận 03
thôn, 01 tổ dân phố …", list attached), Điều 2–3; Nơi nhận "Như Điều 3" and the body above the
issuer for report, never a body below or beside it. The wording is in
tools/templates/recognition.py.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common, heading
from antq_docs.kinds.authority import (
    chair_decides,
    recogniser,
)
from antq_docs.kinds.base import Citation, Kind, Needs, Request
from antq_docs.kinds.minutes import KIND as MINUTES
from antq_docs.model import (
    GOVERNMENT_LEVELS,
    GOVERNMENT_TYPES,
    STANDARD_TYPES,
    TWO_LEVEL_LAW,
    Campaign,
    Results,
    Unit,
    kind_counts,
    kind_word,
    kinds_label,
)

PURPOSE = "quyết định công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”"


class Recognition(Kind):
    """The decision of one Ủy ban nhân dân recognising the units below it that met the standard."""

    name = "recognition"
    label = "quyết định công nhận"
    short = "Công nhận"
    required = GOVERNMENT_LEVELS
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "recognition.docx"}
    number = "QĐ"
    needs_results = True
    variables: ClassVar[dict[str, str]] = {
        "loai": "loại Ủy ban nhân dân ban hành (tinh, huyen, xa)",
        "co_quan": "Ủy ban nhân dân ban hành quyết định",
        "co_quan_in_hoa": "Ủy ban nhân dân ban hành, chữ in hoa (dòng thẩm quyền trên căn cứ)",
        "chu_tich": "đúng khi quyết định ban hành nhân danh Chủ tịch Ủy ban nhân dân "
        "(nhan_danh_cong_nhan: chu_tich): dòng thẩm quyền “CHỦ TỊCH ỦY BAN NHÂN "
        "DÂN …”, ký “CHỦ TỊCH” không có “TM.”",
        "dia_ban": "địa bàn của Ủy ban nhân dân ban hành (xã Hà Mòn, tỉnh Kon Tum)",
        "ngay": "ngày ký quyết định (ngày/tháng/năm), ghi ở danh sách kèm theo",
        "luat_2025": "đúng khi quyết định ký từ ngày 01/7/2025: Luật Tổ chức chính quyền địa "
        "phương năm 2025 đã có hiệu lực (khi luat_to_chuc rỗng, mẫu ghi luật này)",
        "sau_sap_xep": "đúng khi cấp huyện đã kết thúc vào ngày của quyết định, hay từ 01/7/2025 "
        "(thay_doi_to_chuc): văn phòng của xã là Văn phòng HĐND và UBND",
        "luat_to_chuc": "các văn bản đã thay đổi tổ chức chính quyền vào ngày của quyết định "
        "(thay_doi_to_chuc[].can_cu); rỗng thì mẫu ghi Luật năm 2025 hay năm 2015 theo ngày",
        "cong_an": "Công an cùng cấp đề nghị công nhận (Công an xã Hà Mòn)",
        "bien_ban": "biên bản họp bình xét của chính Ủy ban nhân dân ban hành, đề nghị công "
        "nhận các đơn vị (căn cứ của quyết định)",
        "bien_ban.co": "đúng khi cấp ban hành họp bình xét (hop_binh_xet) nên có biên bản",
        "bien_ban.ngay": "ngày họp bình xét (ngày/tháng/năm)",
        "so_bien_ban": "số và ký hiệu của biên bản họp bình xét theo sổ đăng ký số của thư mục; "
        "chưa có số thì để trống phần số",
        "so_don_vi": "số đơn vị được công nhận (hai chữ số)",
        "cac_loai": "các loại đơn vị được công nhận, theo tên gọi (thôn, tổ dân phố, xã…)",
        "nhom": "số đơn vị được công nhận theo từng tên gọi, để ghi “Công nhận 03 thôn, 01 tổ "
        "dân phố”",
        "nhom.so": "số đơn vị có tên gọi đó (hai chữ số)",
        "nhom.loai": "tên gọi (thôn, tổ dân phố, xã, cơ quan…)",
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
        return (
            results is not None
            and self.needs(campaign, unit)
            and bool(self.recognised(campaign, unit, results))
        )

    def recognised(self, campaign: Campaign, issuer: Unit, results: Results) -> list[Unit]:
        """The units below issuer recognised in the results that issuer is competent for:
        by type (khu dân cư, communes, agencies, enterprises, schools), then by the unit above
        and the name in Vietnamese order."""
        found = []
        for unit in issuer.descendants():
            result = results.get(unit.code)
            if (
                unit.type in STANDARD_TYPES
                and result is not None
                and result.recognised
                and recogniser(campaign, unit) is issuer
            ):
                found.append(unit)
        return sorted(
            found,
            key=lambda u: (
                STANDARD_TYPES.index(u.type),
                vi.sort_key(u.parent.name) if u.parent is not None else (),
                vi.sort_key(u.name),
            ),
        )

    def _minutes(self, campaign: Campaign, unit: Unit) -> bool:
        """Whether the issuer holds a review meeting whose minutes propose the units."""
        return MINUTES.needs(campaign, unit)

    def cites(self, campaign: Campaign, unit: Unit, needs: Needs) -> tuple[Citation, ...]:
        """The issuer's own review-meeting minutes, by the number the folder's register gave."""
        if not self._minutes(campaign, unit):
            return ()
        slot = MINUTES.number_slot(campaign, unit, needs)
        assert slot is not None  # a local government numbers its minutes
        return (Citation("so_bien_ban", slot, MINUTES.path(unit)),)

    def context(self, request: Request) -> dict:
        """The decision of one Ủy ban nhân dân and its list; missing values go to needs."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        results = request.results
        assert results is not None
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        units = self.recognised(campaign, unit, results)
        minutes = self._minutes(campaign, unit)
        chair = chair_decides(campaign)
        two_levels = day is not None and day >= TWO_LEVEL_LAW
        return {
            **heading.header(unit, campaign, day),
            "loai": unit.type,
            "nam": campaign.year,
            "co_quan": unit.body_name,
            "co_quan_in_hoa": vi.upper(unit.body_name),
            "chu_tich": chair,
            "dia_ban": unit.sentence_name,
            "ngay": vi.short_date(day),
            "sau_sap_xep": "huyen" in campaign.gone_levels(day) or two_levels,
            "luat_2025": two_levels,
            "luat_to_chuc": [
                c.basis for c in campaign.ended_by(day) if c.body == "chinh_quyen" and c.basis
            ],
            "cong_an": common.police(unit, campaign, day),
            "can_cu": common.legal_bases(campaign),
            "ke_hoach": common.plan_ref(campaign),
            "bien_ban": {
                "co": minutes,
                "ngay": vi.short_date(MINUTES.meeting_date(campaign, needs)) if minutes else "",
            },
            "so_bien_ban": "",
            "so_don_vi": vi.count(len(units)),
            "cac_loai": kinds_label(units),
            "nhom": [{"so": vi.count(n), "loai": word} for word, n in kind_counts(units)],
            "danh_sach": [
                {
                    "stt": index,
                    "ten": u.name,
                    "cap_tren": u.parent.name if u.parent is not None else "",
                    "loai": u.type,
                    "ten_loai": vi.upper(kind_word(u)[:1]) + kind_word(u)[1:],
                }
                for index, u in enumerate(units, start=1)
            ],
            "ky": common.signature(unit, campaign, needs, PURPOSE, head_power=chair),
            "noi_nhan": self.recipients(unit, campaign),
        }

    def recipients(self, unit: Unit, campaign: Campaign) -> list[dict]:
        """Nơi nhận besides "Như Điều 3" (the units and bodies that carry it out): the body
        above the issuer and the province's steering committee, for report. A province has no
        Ủy ban nhân dân above it (the template names the Bộ Công an) and its committee sits
        beside it, so it reports to neither."""
        if unit.parent is None:
            return []
        return [
            common.recipient(unit.parent.body_name, "bao_cao"),
            common.recipient(common.steering_committee(unit, campaign), "bao_cao"),
        ]


KIND = Recognition()
