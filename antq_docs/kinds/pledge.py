"""Pledge form (bản cam kết thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc) of one unit.

The unit pledges to the level above it (target 1 of the source plan: "tổ chức ký cam kết giao
ước thi đua"). A khu dân cư pledges on behalf of its households on the residential-area form;
every other unit uses the Nghị định 30 form. Both sides sign with names from the roster. The
commitments, one numbered list per kind of unit, are literal text of the templates
(tools/templates/pledge.py), where an official edits them in Word.

With a household list (--households) a khu dân cư's pledge carries an appendix listing every
household (danh sách hộ gia đình ký cam kết) and takes its count of households from it; with
--per-household each household also gets a form of its own, at
pledge-household/<khu dân cư code>/<household code>.docx.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from antq_docs import vi
from antq_docs.kinds import common, heading
from antq_docs.kinds.base import Document, Kind, Needs, Request
from antq_docs.messages import documents as msg
from antq_docs.model import BELOW_PROVINCE, UNIT_TYPES, Campaign, Results, Roster, Unit, kinds_label

if TYPE_CHECKING:
    from antq_docs.inputs.households import Household, Households

PURPOSE = "bản cam kết"
# What the khu dân cư of a level are called when the roster lists none below it.
KHU_DAN_CU = UNIT_TYPES["khu_dan_cu"]
# Where each household's own form goes: <folder>/<khu dân cư code>/<household code>.docx.
HOUSEHOLD_FOLDER = "pledge-household"
HOUSEHOLD_TEMPLATE = "pledge-household.docx"


class Pledge(Kind):
    """The pledge form of one unit to the level above it."""

    name = "pledge"
    label = "bản cam kết"
    short = "Cam kết"
    required = BELOW_PROVINCE
    target = "cam_ket"
    household_list = True
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "pledge.docx", "khu_dan_cu": "pledge-khu-dan-cu.docx"}
    other_templates = (HOUSEHOLD_TEMPLATE,)
    variables: ClassVar[dict[str, str]] = {
        "ngay_ky": "ngày ký bản cam kết, bằng chữ",
        "ben_nhan": "bên nhận cam kết (cấp trên trực tiếp)",
        "ben_nhan.ten": "tên cơ quan, đơn vị nhận cam kết",
        "ben_nhan.ho_ten": "họ và tên người đại diện bên nhận: người đứng đầu (bản cam kết giữa "
        "các đơn vị do người đứng đầu các bên ký, kể cả khi cấp phó ký các văn bản khác)",
        "ben_nhan.chuc_vu": "chức vụ đầy đủ của người đại diện bên nhận",
        "ben_cam_ket": "bên cam kết (đơn vị)",
        "ben_cam_ket.ten": "tên đơn vị cam kết",
        "ben_cam_ket.ten_trong_cau": "tên đơn vị cam kết viết trong câu (khu dân cư: Thôn 1, "
        "tổ dân phố…; đơn vị khác: như ten)",
        "ben_cam_ket.ho_ten": "họ và tên người đại diện bên cam kết: người đứng đầu",
        "ben_cam_ket.chuc_vu": "chức vụ đầy đủ của người đại diện bên cam kết",
        "ben_cam_ket.dia_chi": "địa chỉ của đơn vị cam kết; rỗng thì mẫu bỏ dòng Địa chỉ",
        "so_ho": "số hộ của khu dân cư: của danh sách hộ gia đình khi có (--households), "
        "không thì cột Số hộ của danh sách đơn vị",
        "ho_gia_dinh": "danh sách hộ gia đình ký cam kết (phụ lục của bản cam kết khu dân cư); "
        "rỗng khi không có --households (mẫu bỏ phụ lục)",
        "ho_gia_dinh.stt": "số thứ tự",
        "ho_gia_dinh.ma": "mã hộ",
        "ho_gia_dinh.chu_ho": "họ và tên chủ hộ",
        "ho_gia_dinh.dia_chi": "địa chỉ của hộ",
        "ho_gia_dinh.so_nhan_khau": "số nhân khẩu của hộ",
        "so_nhan_khau": "tổng số nhân khẩu của các hộ trong danh sách",
        "ho": "hộ gia đình ký bản cam kết riêng (--per-household): dòng của hộ trong danh sách "
        "hộ gia đình",
        "ho.stt": "số thứ tự của hộ trong danh sách hộ gia đình của khu dân cư",
        "ho.ma": "mã hộ",
        "ho.chu_ho": "họ và tên chủ hộ",
        "ho.dia_chi": "địa chỉ của hộ",
        "ho.so_nhan_khau": "số nhân khẩu của hộ",
        "loai": "loại đơn vị (khu_dan_cu, xa, co_quan…): chọn các điều cam kết hợp với đơn vị",
        "ten": "tên đơn vị cam kết như trong câu (Ủy ban nhân dân xã Hà Mòn, Sở Tư pháp)",
        "dia_ban": "địa bàn của đơn vị (xã Hà Mòn, Thôn 1)",
        "loai_kdc": "các loại khu dân cư dưới đơn vị, theo tên của chúng trong danh sách "
        "(thôn, tổ dân phố; “khu dân cư” khi danh sách không có khu dân cư nào)",
        "ngay_hoi": "ngày tổ chức Ngày hội (19/8/2025)",
        "ky_ben_nhan": "chữ ký bên nhận cam kết",
        "ky_ben_nhan.tham_quyen": "các dòng thẩm quyền ký, mỗi phần tử một dòng: “TM. ỦY BAN NHÂN "
        "DÂN” khi bên nhận là Ủy ban nhân dân; rỗng khi người đứng đầu ký trực tiếp",
        "ky_ben_nhan.chuc_vu": "chức vụ người ký bên nhận (chữ in hoa)",
        "ky_ben_nhan.ho_ten": "họ và tên người ký bên nhận",
        "ky_ben_cam_ket": "chữ ký bên cam kết",
        "ky_ben_cam_ket.tham_quyen": "các dòng thẩm quyền ký, mỗi phần tử một dòng: “TM. ỦY BAN "
        "NHÂN DÂN” khi bên cam kết là Ủy ban nhân dân; rỗng khi người đứng đầu ký trực tiếp",
        "ky_ben_cam_ket.chuc_vu": "chức vụ người ký bên cam kết (chữ in hoa)",
        "ky_ben_cam_ket.ho_ten": "họ và tên người ký bên cam kết",
    }

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Every unit the matrix names that has a level above it to pledge to."""
        return unit.parent is not None and super().needs(campaign, unit)

    def documents(
        self,
        campaign: Campaign,
        roster: Roster,
        selected: list[Unit],
        needs: Needs,
        results: Results | None = None,
        households: Households | None = None,
    ) -> list[Document]:
        """Every unit's pledge; with a household list, a khu dân cư's carries its households
        (and, when asked, each household's own form follows it)."""
        out = []
        unlisted = []
        for unit in selected:
            if not self.owed(campaign, unit, results):
                continue
            doc = self.document(campaign, roster, unit, needs, results)
            out.append(doc)
            if households is None or unit.type != "khu_dan_cu":
                continue
            listed = households.of(unit.code)
            if not listed:
                unlisted.append(unit.code)
                continue
            # Built when rendered, with its appendix: document() let the context go already.
            assert doc.make is not None
            doc.make = _WithHouseholds(doc.make, listed)
            if households.forms:
                out += household_forms(unit, doc.context, listed)
                doc.release()
        if households is not None and unlisted:
            needs.warn(
                msg.HOUSEHOLDS_MISSING_AREAS.format(
                    name=Path(households.source).name,
                    count=len(unlisted),
                    unlisted=", ".join(unlisted[:10]),
                    more=", …" if len(unlisted) > 10 else "",
                )
            )
        return out

    def context(self, request: Request) -> dict:
        """Parties, legal basis, commitments and signatures of one unit's pledge."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        parent = unit.parent
        assert parent is not None
        day = needs.campaign_date(campaign, self.name, "bản cam kết")
        receiving = msg.PLEDGE_RECEIVER_PURPOSE.format(code=unit.code)
        residential = unit.type == "khu_dan_cu"
        return {
            **heading.header(unit, campaign, day),
            "loai": unit.type,
            **common.unit_words(unit),
            "nam": campaign.year,
            "ten": unit.body_name,
            "dia_ban": unit.sentence_name,
            # The khu dân cư below by the words their names use (thôn, tổ dân phố, bản…).
            "loai_kdc": kinds_label([u for u in unit.descendants() if u.type == "khu_dan_cu"])
            or KHU_DAN_CU,
            "ngay_hoi": vi.short_date(campaign.event_date),
            "can_cu": common.legal_bases(campaign),
            "ke_hoach": common.plan_ref(campaign),
            "ngay_ky": vi.date_words(day),
            # A pledge between units is signed by the heads of both (domain §7), even where a
            # deputy signs the units' plans (Người ký).
            "ben_nhan": {
                "ten": parent.body_name,
                **common.representative(parent, needs, receiving),
            },
            "ben_cam_ket": {
                "ten": unit.body_name,
                "ten_trong_cau": unit.sentence_name if residential else unit.body_name,
                **common.representative(unit, needs, PURPOSE),
                "dia_chi": unit.address,
            },
            "so_ho": vi.number(unit.households) if unit.households else "",
            # A khu dân cư's households come from the household list, when the run has one.
            **({"ho_gia_dinh": [], "so_nhan_khau": ""} if residential else {}),
            "ky_ben_nhan": common.signature(parent, campaign, needs, receiving, head_signs=True),
            "ky_ben_cam_ket": common.signature(unit, campaign, needs, PURPOSE, head_signs=True),
        }


class _WithHouseholds:
    """A khu dân cư's pledge context built again, with its household appendix."""

    __slots__ = ("listed", "make")

    def __init__(self, make: Callable[[], dict], listed: list[Household]) -> None:
        self.make = make
        self.listed = listed

    def __call__(self) -> dict:
        context = self.make()
        context.update(household_list(self.listed))
        return context


def _row(index: int, household: Household) -> dict:
    """A household as a row of the appendix (and as the household of its own form)."""
    return {
        "stt": index,
        "ma": household.code,
        "chu_ho": household.head,
        "dia_chi": household.address,
        "so_nhan_khau": str(household.members),
    }


def household_list(listed: list[Household]) -> dict:
    """The appendix of a khu dân cư's pledge: every household, the count and the members."""
    return {
        "ho_gia_dinh": [_row(index, h) for index, h in enumerate(listed, start=1)],
        "so_ho": vi.number(len(listed)),
        "so_nhan_khau": vi.number(sum(h.members for h in listed)),
    }


# The keys of a khu dân cư's pledge that each household's form shares (by reference, so
# 150,000 forms hold one copy of them); with "ho", ten keys: Python's smallest dicts but one.
_SHARED = (
    "cq_cap_tren_dong",
    "cq_ban_hanh",
    "dong_ngay",
    "nam",
    "dia_ban",
    "ngay_hoi",
    "can_cu",
    "ke_hoach",
    "ben_cam_ket",
)


def household_forms(unit: Unit, context: dict, listed: list[Household]) -> list[Document]:
    """One pledge form per household of a khu dân cư, signed by the head of household and
    received by the head of the khu dân cư.

    A form keeps its household and the keys it shares with the pledge (one copy for the whole
    khu dân cư); its context is built when it is rendered, so 150,000 forms hold no rows.
    """
    shared = {key: context[key] for key in _SHARED}
    return [
        Document(
            unit=unit.code,
            kind=HOUSEHOLD_FOLDER,
            path=f"{HOUSEHOLD_FOLDER}/{unit.code}/{household.code}.docx",
            template=HOUSEHOLD_TEMPLATE,
            make=_HouseholdForm(shared, index, household),
        )
        for index, household in enumerate(listed, start=1)
    ]


class _HouseholdForm:
    """A household form's context, built when it is rendered and let go after."""

    __slots__ = ("household", "index", "shared")

    def __init__(self, shared: dict, index: int, household: Household) -> None:
        self.shared = shared
        self.index = index
        self.household = household

    def __call__(self) -> dict:
        return {**self.shared, "ho": _row(self.index, self.household)}


KIND = Pledge()
