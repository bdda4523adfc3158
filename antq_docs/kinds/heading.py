"""The head of a state document (Nghị định 30): the superior body, the issuer's name broken
into lines that never split a name, and the date line with its place."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from antq_docs import placenames, vi
from antq_docs.identity import TEMPLATE_KEY
from antq_docs.model import GOVERNMENT_TYPES, Campaign, Unit
from antq_docs.vi import fold


def place_of(unit: Unit, campaign: Campaign) -> str:
    """The địa danh of a unit's date line: its own column, else its nearest local government.

    Nghị định 30 writes the name of the administrative unit where the issuer sits, without the
    word 'xã'/'huyện' unless the name is a number ('Phường 5') or a person's name ('Phường
    Quang Trung'). The campaign's dia_danh stands for its own province only: a body of the
    province a merger formed (Quảng Ngãi after 01/7/2025) writes that province's name.
    """
    current: Unit | None = unit
    while current is not None:
        if current.place:
            return current.place
        if current.type in GOVERNMENT_TYPES:
            if current.type == "tinh" and fold(current.bare_name) == fold(campaign.province):
                return campaign.place
            return _place_name(current)
        current = current.parent
    return campaign.place


def _place_name(government: Unit) -> str:
    """A local government's name in a date line: 'Đăk Hà', 'Phường 5', 'Phường Quang Trung'."""
    bare = government.bare_name
    return government.name if placenames.keeps_word(bare) else bare


# Width of the header's left column (7 cm less the cell margins, with some slack for Word's
# spacing) in em of 12 pt bold capitals: a longer line would wrap in Word, so the issuer's name
# is broken into lines before it does.
HEADER_EM = 14.0
# The same column for the superior body's line, in regular capitals measured as such (the column
# is 15.6 em of 12 pt): less slack, so "UBND PHƯỜNG QUANG TRUNG" stays whole.
SUPERIOR_EM = 15.0
# Advance widths in em of Times New Roman Bold capitals (the metrics Liberation Serif shares
# with it); marks above or below a letter do not widen it.
_WIDTHS = {
    **dict.fromkeys("ACDNRUVXYĐ", 0.722),
    **dict.fromkeys("BEHLKTZ", 0.667),
    **dict.fromkeys("FP", 0.611),
    **dict.fromkeys("GOQ", 0.778),
    "H": 0.778,
    "K": 0.778,
    "I": 0.389,
    "J": 0.5,
    "M": 0.944,
    "S": 0.556,
    "W": 1.0,
    " ": 0.25,
    "&": 0.833,
    "-": 0.333,
    ".": 0.25,
    ",": 0.25,
    '"': 0.555,
    "'": 0.278,
    "(": 0.333,
    ")": 0.333,
    "/": 0.278,
}
# The same of the regular capitals, in which the superior body's line is written: narrower, so
# a line that would wrap in bold ("ĐẢNG BỘ TỈNH QUẢNG TRỊ") may fit.
_REGULAR_WIDTHS = {
    **_WIDTHS,
    **dict.fromkeys("BCR", 0.667),
    **dict.fromkeys("ELTZ", 0.611),
    **dict.fromkeys("FPS", 0.556),
    **dict.fromkeys("GHKOQ", 0.722),
    "I": 0.333,
    "J": 0.389,
    "M": 0.889,
    "W": 0.944,
    "&": 0.778,
    '"': 0.408,
    "'": 0.18,
}


def text_width(text: str, *, bold: bool = True) -> float:
    """The width of upper-case header text in em, from the base letter of each character."""
    widths = _WIDTHS if bold else _REGULAR_WIDTHS
    total = 0.0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        total += widths.get(char, 0.5 if char.isdigit() else 0.722)
    return total


# Words before which a name may be broken: the administrative unit it belongs to, or the
# residential area ("CHI BỘ / KHU PHỐ HÒA BÌNH").
_LOCALITY = (
    *("TỈNH", "THÀNH PHỐ", "HUYỆN", "THỊ XÃ", "QUẬN", "XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU"),
    *("THÔN", "LÀNG", "BẢN", "BUÔN", "ẤP", "TỔ DÂN PHỐ", "KHU PHỐ", "KHU DÂN CƯ", "TIỂU KHU"),
)
# Nouns that begin with a locality's word but are not one: "BẢO HIỂM XÃ HỘI" stays whole.
_NOT_LOCALITY = ("XÃ HỘI",)
# Levels of a vertical system's body before its place: "BẢO HIỂM XÃ HỘI / CƠ SỞ VĨNH LINH",
# "KHO BẠC NHÀ NƯỚC / KHU VỰC XII" (not after "học": "TRUNG HỌC CƠ SỞ" is one noun).
_SYSTEM_LEVEL = ("CƠ SỞ", "KHU VỰC")
# Schools a province's Sở Giáo dục và Đào tạo manages (upper secondary and the province's own
# boarding schools), and those the UBND of their place manages (lower secondary, primary,
# kindergarten, semi-boarding).
_PROVINCIAL_SCHOOL = re.compile(
    r"\b(THPT|trung học phổ thông|phổ thông dân tộc nội trú|PTDTNT|chuyên)\b", re.IGNORECASE
)
_LOCAL_SCHOOL = re.compile(
    r"\b(THCS|trung học cơ sở|tiểu học|TH|mầm non|mẫu giáo|nhà trẻ|PTDTBT|bán trú)\b", re.IGNORECASE
)
# Bodies that answer to their own system, not to the UBND of the place where they sit: vertical
# systems, the armed forces and the police, colleges and universities (domain brief §2). Their
# superior line is their system's body, which only the roster can give.
_OWN_SYSTEM = re.compile(
    r"\b(kho bạc|thuế|bảo hiểm xã hội|BHXH|ngân hàng|hải quan|tòa án|toà án|viện kiểm sát|"
    r"thi hành án|thống kê|quân sự|quân đội|quân đoàn|sư đoàn|trung đoàn|bộ đội|biên phòng|"
    r"công an|cảnh sát|cao đẳng|đại học|học viện)\b",
    re.IGNORECASE,
)
# Bodies of the Party, of the Front and the mass organisations, and steering committees: not
# under the UBND either.
_PARTY_OR_FRONT = re.compile(
    r"\b(tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|thị ủy|thị uỷ|quận ủy|quận uỷ|"
    r"đảng ủy|đảng uỷ|mặt trận)\b|^(hội|liên đoàn|đoàn|ban chỉ đạo)\b",
    re.IGNORECASE,
)
_OF_UBND = re.compile(r"\b(UBND|ủy ban nhân dân|uỷ ban nhân dân)\b", re.IGNORECASE)


def _break_allowed(words: list[str], index: int) -> int:
    """How good a line break before words[index] is: 2 best, 1 acceptable, 0 never.

    A proper name never splits ('Đăk' / 'Psi', 'Nguyễn Tất' / 'Thành'), nor does a common
    noun ('Tư' / 'pháp'); a break before the locality ('… / HUYỆN ĐĂK HÀ') reads best.
    """
    first = " ".join(words[:index])
    if (
        first.count('"') % 2
        or first.count("“") > first.count("”")
        or (first.count("(") > first.count(")") or first.count("<") > first.count(">"))
    ):
        return 0  # never inside quotes or brackets
    before, word = (w.strip("\"“”'(<[") for w in (words[index - 1], words[index]))
    if not word or not before:
        return 0
    if word[:1].isdigit():
        return 0  # a number stays with what it numbers: 'THÔN 1', 'SỐ 2'
    if word.casefold() == "số" and index + 1 < len(words) and words[index + 1][:1].isdigit():
        return 2  # a numbered school's name: 'TRƯỜNG THPT' / 'SỐ 2 BẢO THẮNG'
    rest = vi.upper(" ".join(words[index:]))
    if any(rest.startswith(p + " ") for p in _NOT_LOCALITY):
        return 0
    if any(rest.startswith(p + " ") for p in _LOCALITY):
        return 2
    if any(rest.startswith(p + " ") for p in _SYSTEM_LEVEL) and before.casefold() != "học":
        return 2
    if word[:1].islower() or word == "&" or before == "&":
        return 0
    abbreviation = before.isupper() and len(before) > 1
    if before[:1].isupper() and not abbreviation:
        return 0
    if abbreviation and word.isupper() and len(word) > 1:
        return 0  # a legal form or level stays whole: 'TNHH MTV', 'THPT'

    return 1


def name_lines(name: str, limit: float = HEADER_EM, *, bold: bool = True) -> list[str]:
    """A body's name in upper case, broken into header lines that never split a name (bold:
    measured as the issuer's line; regular: as the superior body's)."""
    return _lines(name.split(), limit, bold)


def _lines(words: list[str], limit: float, bold: bool) -> list[str]:
    whole = vi.upper(" ".join(words))
    if text_width(whole, bold=bold) <= limit:
        return [whole]
    best: tuple | None = None
    for index in range(1, len(words)):
        quality = _break_allowed(words, index)
        if not quality:
            continue
        first, second = (
            text_width(vi.upper(" ".join(part)), bold=bold)
            for part in (words[:index], words[index:])
        )
        # Lines that fit come first, then the better break, then the more even lines.
        key = (first > limit, second > limit, -quality, max(first, second))
        if best is None or key < best[0]:
            best = (key, index)
    if best is None:
        return [whole]
    index = best[1]
    return [vi.upper(" ".join(words[:index])), *_lines(words[index:], limit, bold)]


def superior_lines(unit: Unit, campaign: Campaign) -> list[str]:
    """The superior body's line broken like the issuer's, never inside a name ("SỞ GIÁO DỤC VÀ
    ĐÀO TẠO / TỈNH QUẢNG TRỊ"); [] when it has none."""
    name = unit.owner_body or derived_superior(unit, campaign)
    return name_lines(name, SUPERIOR_EM, bold=False) if name else []


def superior_body(unit: Unit, campaign: Campaign) -> str:
    """The line above the issuer (Nghị định 30, Phụ lục I), or '' when it has none or the rule
    cannot know it.

    The roster's "Cơ quan chủ quản" comes first. Otherwise the line is derived only where the
    rule is certain (derived_superior); a People's Committee and an enterprise have none.
    """
    if unit.owner_body:
        return vi.upper(unit.owner_body)
    return derived_superior(unit, campaign) or ""


def derived_superior(unit: Unit, campaign: Campaign) -> str | None:
    """The superior line the rule is certain of, '' for a body that has none, None when unknown
    (see _derived)."""
    found = _derived(unit, campaign)
    return None if found is None else found[0]


def managing_body(unit: Unit, campaign: Campaign) -> str | None:
    """The body a unit answers to, as a sentence names it ('Sở Giáo dục và Đào tạo tỉnh Kon
    Tum'): the roster's Cơ quan chủ quản, else the one the rule is certain of; '' for a unit
    that has none, None when unknown."""
    if unit.owner_body:
        return unit.owner_body
    found = _derived(unit, campaign)
    return None if found is None else found[1]


def _derived(unit: Unit, campaign: Campaign) -> tuple[str, str] | None:
    """The superior the rule is certain of, as (header line, name in a sentence); ('', '') for
    a body that has none, None when unknown.

    A khu dân cư writes its commune's UBND (Nghị định 59); a Phòng, or the office of a UBND,
    its UBND; a Sở or a Ban of the province the UBND of the province; a THPT the province's Sở
    Giáo dục và Đào tạo, a THCS, primary school or kindergarten the UBND of its place. Vertical
    systems, the armed forces and the police, colleges and universities, the Party and the mass
    organisations, and any other agency or school are unknown: nothing is guessed.
    """
    if unit.type in GOVERNMENT_TYPES or unit.type == "doanh_nghiep" or unit.parent is None:
        return ("", "")
    parent = unit.parent
    if unit.type == "khu_dan_cu":
        return _ubnd(parent.government)
    if _OWN_SYSTEM.search(unit.name) or _PARTY_OR_FRONT.search(unit.name):
        return None
    if unit.type == "co_so_giao_duc":
        if _PROVINCIAL_SCHOOL.search(unit.name):
            province = next((u for u in _ancestors(unit) if u.type == "tinh"), None)
            place = province.bare_name if province else campaign.province
            where = province.sentence_name if province else f"tỉnh {campaign.province}"
            return (f"SỞ GD&ĐT {vi.upper(place)}", f"Sở Giáo dục và Đào tạo {where}")
        if _LOCAL_SCHOOL.search(unit.name):
            return _ubnd(unit.government)
        return None
    if unit.type != "co_quan" or parent.type not in GOVERNMENT_TYPES:
        return None
    first = unit.name.split(" ", 1)[0].casefold()
    office = unit.name.casefold().startswith("văn phòng") and _OF_UBND.search(unit.name)
    if (first == "phòng" and parent.type != "tinh") or office:
        return _ubnd(parent)
    if first in ("sở", "ban") and parent.type == "tinh":
        return _ubnd(parent)
    return None


def _ubnd(government: Unit | None) -> tuple[str, str] | None:
    """The People's Committee of a local government as a superior: ('UBND XÃ HÀ MÒN', 'Ủy ban
    nhân dân xã Hà Mòn')."""
    if government is None:
        return None
    return (f"UBND {vi.upper(government.name)}", government.body_name)


def _ancestors(unit: Unit) -> list[Unit]:
    out = []
    current = unit.parent
    while current is not None:
        out.append(current)
        current = current.parent
    return out


def superior_unknown(unit: Unit, campaign: Campaign) -> bool:
    """Whether a unit's header wants a superior line that only the roster's column can give."""
    return not unit.owner_body and derived_superior(unit, campaign) is None


def issuer_lines(unit: Unit) -> list[str]:
    """The issuing body's lines: 'ỦY BAN NHÂN DÂN' / 'HUYỆN ĐĂK HÀ', or the name broken."""
    if unit.type in GOVERNMENT_TYPES:
        return ["ỦY BAN NHÂN DÂN", *name_lines(unit.name)]
    return name_lines(unit.name)


def header(unit: Unit, campaign: Campaign, day: dt.date) -> dict:
    """Header variables: superior body, issuing body (list of lines), the date line; and the
    day itself under the QR code's key, which Kind.marked turns into the document's identity
    (so the code carries the day the document prints)."""
    return {
        "cq_cap_tren": superior_body(unit, campaign),
        "cq_cap_tren_dong": superior_lines(unit, campaign),
        "cq_ban_hanh": issuer_lines(unit),
        "dong_ngay": vi.date_line(place_of(unit, campaign), day),
        TEMPLATE_KEY: day,
    }
