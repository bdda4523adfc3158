"""Context pieces shared by the kinds: header, place, legal bases, signatures, recipients."""

from __future__ import annotations

import datetime as dt
import re

from antq_docs import vi
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


def header(unit: Unit, campaign: Campaign, day: dt.date, *, short_superior: bool = False) -> dict:
    """Header variables: superior and issuing body (upper case) and the date line."""
    superior = ""
    if unit.parent is not None:
        parent = unit.parent
        if short_superior and parent.type in GOVERNMENT_TYPES:
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
