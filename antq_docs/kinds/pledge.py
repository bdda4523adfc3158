"""Pledge form (bản cam kết thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc) of one unit.

The unit pledges to the level above it (target 1 of the source plan: "tổ chức ký cam kết giao
ước thi đua"). A khu dân cư pledges on behalf of its households on the residential-area form;
every other unit uses the Nghị định 30 form. Both sides sign with names from the roster.
"""

from __future__ import annotations

from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common
from antq_docs.kinds.base import BELOW_PROVINCE, Kind, Needs
from antq_docs.model import GOVERNMENT_TYPES, Campaign, Results, Roster, Unit

PURPOSE = "bản cam kết"

_HOUSEHOLDS = [
    "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, "
    "quy ước, hương ước của {dia_ban} và các quy định của địa phương.",
    "Không tham gia, không tiếp tay cho các hoạt động xâm phạm an ninh quốc gia; không nghe "
    "theo, không tuyên truyền, tụ tập, khiếu kiện trái pháp luật, truyền đạo trái phép.",
    "Không vi phạm pháp luật, không phạm tội; không mua bán, tàng trữ, sử dụng trái phép chất "
    "ma túy; không tham gia đánh bạc, mại dâm, cho vay nặng lãi và các tệ nạn xã hội khác.",
    "Thực hiện đúng quy định về đăng ký, quản lý cư trú; khai báo tạm trú, lưu trú, tạm vắng "
    "đầy đủ, kịp thời.",
    "Tích cực phát hiện, tố giác tội phạm, người vi phạm pháp luật; tham gia tổ tự quản, tổ "
    "bảo vệ an ninh, trật tự ở cơ sở.",
    "Chấp hành quy định về phòng cháy, chữa cháy và trật tự, an toàn giao thông; không tàng "
    "trữ, sử dụng vũ khí, vật liệu nổ, công cụ hỗ trợ, pháo trái phép.",
    "Giải quyết mâu thuẫn, tranh chấp trong cộng đồng bằng hòa giải ở cơ sở, không để phát "
    "sinh thành vụ việc phức tạp về an ninh, trật tự.",
    "Tham gia đầy đủ các hoạt động của phong trào toàn dân bảo vệ an ninh Tổ quốc và Ngày hội "
    "toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}).",
]

_AGENCIES = [
    "Quán triệt, chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của "
    "Nhà nước và nội quy, quy chế của {ten}.",
    "Không để cán bộ, công chức, viên chức, người lao động tham gia hoạt động xâm phạm an ninh "
    "quốc gia; bảo vệ bí mật nhà nước, bảo vệ tài sản và an ninh nội bộ của đơn vị.",
    "Không để cán bộ, công chức, viên chức, người lao động vi phạm pháp luật, phạm tội, mua bán, "
    "tàng trữ, sử dụng trái phép chất ma túy, đánh bạc hoặc mắc các tệ nạn xã hội khác.",
    "Thực hiện đúng quy định về cư trú; phối hợp với Công an nơi cư trú quản lý người lao động "
    "của đơn vị.",
    "Chủ động phát hiện, tố giác tội phạm; duy trì hoạt động của tổ bảo vệ, lực lượng tự quản "
    "về an ninh, trật tự tại đơn vị.",
    "Chấp hành quy định về phòng cháy, chữa cháy, an toàn lao động và trật tự, an toàn giao "
    "thông; không điều khiển phương tiện sau khi đã uống rượu, bia.",
    "Giải quyết mâu thuẫn, khiếu nại nội bộ bằng đối thoại, hòa giải; không để xảy ra khiếu "
    "kiện đông người, đình công, ngừng việc trái pháp luật.",
    "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {nam}; tổ chức kỷ "
    "niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}).",
]

_GOVERNMENTS = [
    "Lãnh đạo, chỉ đạo thực hiện nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật "
    "của Nhà nước về bảo vệ an ninh, trật tự trên địa bàn {dia_ban}.",
    "Chủ động nắm tình hình, không để bị động, bất ngờ; không để xảy ra hoạt động xâm phạm an "
    "ninh quốc gia, tụ tập đông người, khiếu kiện phức tạp trên địa bàn.",
    "Kiềm chế, làm giảm tội phạm và tệ nạn ma túy, cờ bạc, mại dâm; không để phát sinh tụ điểm "
    "phức tạp về an ninh, trật tự.",
    "Thực hiện tốt công tác đăng ký, quản lý cư trú; quản lý chặt chẽ vũ khí, vật liệu nổ, "
    "công cụ hỗ trợ.",
    "Củng cố, duy trì hoạt động của các tổ tự quản, tổ bảo vệ an ninh, trật tự ở cơ sở; động "
    "viên Nhân dân tố giác tội phạm.",
    "Bảo đảm phòng cháy, chữa cháy và trật tự, an toàn giao thông; giải quyết mâu thuẫn, tranh "
    "chấp bằng hòa giải ở cơ sở.",
    "Chỉ đạo 100% khu dân cư, cơ quan, cơ sở giáo dục đăng ký tiêu chuẩn “An toàn về an ninh, "
    "trật tự” năm {nam} và tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc "
    "({ngay_hoi}).",
]

_SCHOOLS = [
    "Quán triệt, chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của "
    "Nhà nước và nội quy, quy chế của {ten}.",
    "Không để cán bộ, giáo viên, nhân viên, học sinh, sinh viên tham gia hoạt động xâm phạm "
    "an ninh quốc gia, tụ tập, gây rối trái pháp luật.",
    "Không để cán bộ, giáo viên, học sinh, sinh viên sử dụng trái phép chất ma túy, đánh bạc, "
    "mắc các tệ nạn xã hội; không để xảy ra bạo lực học đường.",
    "Thực hiện đúng quy định về cư trú; phối hợp với gia đình và Công an nơi cư trú quản lý "
    "học sinh, sinh viên ở trọ.",
    "Tích cực phát hiện, tố giác tội phạm; xây dựng và duy trì tổ an ninh, trật tự trong nhà "
    "trường.",
    "Chấp hành quy định về phòng cháy, chữa cháy và trật tự, an toàn giao thông; 100% học "
    "sinh, sinh viên đội mũ bảo hiểm khi đi mô tô, xe máy, xe đạp điện.",
    "Giữ gìn an toàn trên không gian mạng; không đăng tải, chia sẻ thông tin sai sự thật, "
    "xúc phạm người khác.",
    "Đăng ký và phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {nam}; tổ chức kỷ "
    "niệm Ngày hội toàn dân bảo vệ an ninh Tổ quốc ({ngay_hoi}).",
]

COMMITMENTS: dict[str, list[str]] = {
    "khu_dan_cu": _HOUSEHOLDS,
    "huyen": _GOVERNMENTS,
    "xa": _GOVERNMENTS,
    "co_quan": _AGENCIES,
    "doanh_nghiep": _AGENCIES,
    "co_so_giao_duc": _SCHOOLS,
}


def _signing_title(unit: Unit, title: str) -> str:
    """The title under a party's signature: 'CHỦ TỊCH UBND PHƯỜNG QUYẾT THẮNG', 'TRƯỞNG THÔN 1'.

    A People's Committee's office is named with its commune, abbreviated as Nghị định 30 allows;
    a village head's with the village; other heads by title, their body being named above.
    """
    if unit.type in GOVERNMENT_TYPES:
        return f"{vi.upper(common.short_title(title))} UBND {vi.upper(unit.name)}"
    if unit.type == "khu_dan_cu":
        return vi.upper(common.office(unit, title))
    return vi.upper(title)


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
        "ben_cam_ket": "bên cam kết (đơn vị)",
        "so_ho": "số hộ của khu dân cư",
        "cam_ket": "các nội dung cam kết",
        "ky_ben_nhan": "chữ ký bên nhận cam kết",
        "ky_ben_cam_ket": "chữ ký bên cam kết",
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
        values = {
            "ten": unit.body_name,
            "dia_ban": unit.sentence_name,
            "nam": campaign.year,
            "ngay_hoi": vi.short_date(campaign.event_date),
        }
        return {
            **common.header(unit, campaign, day),
            "trich_yeu": (
                f"Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {campaign.year}"
            ),
            "nam": campaign.year,
            "can_cu": common.legal_bases(campaign),
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
            "cam_ket": [c.format(**values) for c in COMMITMENTS[unit.type]],
            "ky_ben_nhan": {"chuc_vu": _signing_title(parent, parent_title),
                            "ho_ten": parent_head},
            "ky_ben_cam_ket": {"chuc_vu": _signing_title(unit, title), "ho_ten": head},
        }


KIND = Pledge()
