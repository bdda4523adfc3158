"""The Party side of a level (Hướng dẫn 36-HD/VPTW): its cấp ủy or chi bộ, the Đảng bộ above
it, the header and the ký hiệu of its resolutions."""

from __future__ import annotations

import datetime as dt

from antq_docs import vi
from antq_docs.kinds.heading import name_lines, place_of
from antq_docs.model import Campaign, Unit


def party_office(unit: Unit) -> str:
    """A unit's cấp ủy without its place: 'Huyện ủy', 'Thành ủy', 'Đảng ủy', 'Chi bộ'."""
    lowered = unit.name.casefold()
    if unit.type == "tinh":
        return "Thành ủy" if lowered.startswith("thành phố") else "Tỉnh ủy"
    if unit.type == "huyen":
        return (
            "Thành ủy"
            if lowered.startswith("thành phố")
            else "Thị ủy"
            if lowered.startswith("thị xã")
            else "Quận ủy"
            if lowered.startswith("quận")
            else "Huyện ủy"
        )
    if unit.type == "xa":
        return "Đảng ủy"
    return "Chi bộ"


def party_committee(unit: Unit) -> str:
    """The cấp ủy of a unit's level: 'Huyện ủy Đăk Hà', 'Thành ủy Kon Tum', 'Đảng ủy xã Hà Mòn'.

    A district's committee takes the bare name ('Huyện ủy Đăk Hà'); a name of one word or a
    number keeps its whole name.
    """
    office = party_office(unit)
    if unit.type in ("tinh", "huyen"):
        return f"{office} {unit.bare_name}"
    if unit.type in ("xa", "khu_dan_cu"):
        return f"{office} {unit.sentence_name}"
    return f"{office} {unit.name}"


# The ký hiệu of a cấp ủy in a Party document's number (Hướng dẫn 36-HD/VPTW): '05-NQ/HU'.
_PARTY_ABBR = {
    "Tỉnh ủy": "TU",
    "Thành ủy": "TU",
    "Thị ủy": "TU",
    "Huyện ủy": "HU",
    "Quận ủy": "QU",
    "Đảng ủy": "ĐU",
    "Chi bộ": "CB",
}
# Width of a Party header's left column in em of 14 pt (7.5 cm less the cell margins: 14.4 em),
# with HEADER_EM's slack of a tenth for Word's spacing.
PARTY_HEADER_EM = 13.0


def cell_name(unit: Unit) -> str:
    """A khu dân cư's chi bộ as the roster names it, with the word 'Chi bộ' ('Chi bộ thôn 1')."""
    name = unit.party_cell
    return name if name.casefold().startswith("chi bộ") else f"Chi bộ {name}"


def party_superior(unit: Unit) -> str:
    """The Đảng bộ above a cấp ủy or chi bộ, as its header names it: 'Đảng bộ huyện Đăk Hà'."""
    return f"Đảng bộ {unit.parent.sentence_name}" if unit.parent is not None else ""


def party_report_to(unit: Unit) -> str:
    """The Party body a resolution is reported to: the standing committee of the level above
    ('Ban Thường vụ Tỉnh ủy Kon Tum'), or the commune's Đảng ủy for a chi bộ."""
    parent = unit.parent
    if parent is None:
        return ""
    if unit.type == "khu_dan_cu" or parent.type not in ("tinh", "huyen"):
        return party_committee(parent)
    return f"Ban Thường vụ {party_committee(parent)}"


def party_header(unit: Unit, campaign: Campaign, day: dt.date, issuer: str) -> dict:
    """Header variables of a Party document (Hướng dẫn 36): the Đảng bộ above and the issuer,
    each as lines that never split a name, and the date line."""
    superior = party_superior(unit)
    return {
        "dang_cap_tren": name_lines(superior, PARTY_HEADER_EM, bold=False) if superior else [],
        "dang_ban_hanh": name_lines(issuer, PARTY_HEADER_EM),
        "dong_ngay": vi.date_line(place_of(unit, campaign), day),
    }


def party_abbr(unit: Unit) -> str:
    """The ký hiệu of a unit's cấp ủy or chi bộ in a Party document's number: 'HU', 'ĐU', 'CB'."""
    return _PARTY_ABBR[party_office(unit)]
