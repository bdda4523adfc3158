"""Context pieces shared by the kinds: header, place, legal bases, signatures, recipients."""

from __future__ import annotations

import datetime as dt
import re

from antq_docs import vi
from antq_docs.kinds.base import Needs, NumberSlot
from antq_docs.model import GOVERNMENT_TYPES, Campaign, Unit

_PLACE_PREFIX = re.compile(
    r"^(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE
)


def place_of(unit: Unit, campaign: Campaign) -> str:
    """The địa danh of a unit's date line: its own column, else its nearest local government.

    Nghị định 30 writes the name of the administrative unit where the issuer sits, without the
    word 'xã'/'huyện' unless the name is a number ('Phường 5').
    """
    current: Unit | None = unit
    while current is not None:
        if current.place:
            return current.place
        if current.type in GOVERNMENT_TYPES:
            if current.type == "tinh":
                return campaign.place
            bare = _PLACE_PREFIX.sub("", current.name)
            return current.name if bare.isdigit() or not bare else bare
        current = current.parent
    return campaign.place


def header(unit: Unit, campaign: Campaign, day: dt.date) -> dict:
    """Header variables: superior and issuing body (upper case) and the date line.

    Nghị định 30 lets the superior body use the common abbreviation (UBND HUYỆN ĐĂK HÀ), which
    keeps it on one line of the header column; the issuing body is always written in full.
    """
    superior = ""
    if unit.parent is not None:
        parent = unit.parent
        if parent.type in GOVERNMENT_TYPES:
            superior = f"UBND {vi.upper(parent.name)}"
        else:
            superior = vi.upper(parent.body_name)
    return {
        "cq_cap_tren": superior,
        "cq_ban_hanh": vi.upper(unit.body_name),
        "dong_ngay": vi.date_line(place_of(unit, campaign), day),
    }


def legal_bases(campaign: Campaign) -> list[str]:
    """The căn cứ lines: legal bases then the province's plan; ';' after each, '.' at the end."""
    lines = []
    for basis in [*campaign.legal_bases, campaign.plan.citation()]:
        basis = basis.rstrip(";. ")
        if not basis.lower().startswith("căn cứ"):
            basis = f"Căn cứ {basis}"
        lines.append(basis)
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


_BODY_IN_TITLE = re.compile(r"\s+(UBND|Ủy ban nhân dân|Ban Chỉ đạo)\b.*$", re.IGNORECASE)


def short_title(title: str) -> str:
    """A head's title without the body it heads: 'Chủ tịch UBND xã' → 'Chủ tịch'."""
    return _BODY_IN_TITLE.sub("", title).strip() or title


def signature(unit: Unit, campaign: Campaign, needs: Needs, purpose: str) -> dict:
    """The signing block of a state document: authority lines, signer's title and name.

    'tm' signs for the collective body (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH), 'kt' is a deputy
    signing for the head (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), 'truc_tiep' is the head alone.
    """
    form = campaign.signing_form(unit.type)
    head = needs.unit_value(unit, "head", purpose)
    title = needs.unit_value(unit, "title", purpose)
    if form == "tm":
        body = "ỦY BAN NHÂN DÂN" if unit.type in GOVERNMENT_TYPES else vi.upper(unit.name)
        return {"tham_quyen": [f"TM. {body}"], "chuc_vu": vi.upper(short_title(title)),
                "ho_ten": head}
    if form == "kt":
        signer = needs.unit_value(unit, "signer", f"{purpose} (ký thay)")
        signer_title = needs.unit_value(unit, "signer_title", f"{purpose} (ký thay)")
        return {"tham_quyen": [f"KT. {vi.upper(short_title(title))}"],
                "chuc_vu": vi.upper(short_title(signer_title)), "ho_ten": signer}
    return {"tham_quyen": [], "chuc_vu": vi.upper(title), "ho_ten": head}


def number_slot(unit: Unit, needs: Needs, type_abbr: str, purpose: str, year: int) -> NumberSlot:
    """The 'Số' of a state document: '…/KH-UBND' from the roster's ký hiệu."""
    abbr = needs.unit_value(unit, "abbr", purpose)
    return NumberSlot(issuer=unit.code, pattern=f"{{}}/{type_abbr}-{abbr}", year=year)


def recipients(unit: Unit, campaign: Campaign) -> list[str]:
    """Nơi nhận of a unit's plan: the level above, the province's committee, own units, file."""
    lines = []
    if unit.parent is not None:
        lines.append(f"- {unit.parent.body_name} (để báo cáo);")
    lines.append(f"- {campaign.committee} (để báo cáo);")
    if unit.type == "huyen":
        lines.append("- Các xã, thị trấn, cơ quan, đơn vị trực thuộc (để thực hiện);")
    elif unit.type == "xa":
        lines.append("- Các thôn, tổ dân phố, cơ quan, đơn vị trên địa bàn (để thực hiện);")
    else:
        lines.append("- Các phòng, bộ phận, tổ chức đoàn thể (để thực hiện);")
    lines.append("- Lưu: VT.")
    return lines


def subordinates(unit: Unit) -> list[Unit]:
    """Direct subordinates in the order a plan lists them: communes, then each other type."""
    order = ["xa", "khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc", "huyen"]
    return sorted(unit.children, key=lambda u: (order.index(u.type) if u.type in order else 9,
                                                vi.sort_key(u.name)))
