"""Context pieces shared by the kinds: header, place, legal bases, signatures, recipients."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from antq_docs import model, placenames, vi
from antq_docs.kinds.base import Needs, NumberSlot
from antq_docs.model import GOVERNMENT_TYPES, KIND_WORDS, Campaign, Results, Unit
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
# Advance widths in em of Times New Roman Bold capitals (the metrics Liberation Serif shares
# with it); marks above or below a letter do not widen it.
_WIDTHS = {
    **dict.fromkeys("ACDNRUVXYĐ", 0.722), **dict.fromkeys("BEHLKTZ", 0.667),
    **dict.fromkeys("FP", 0.611), **dict.fromkeys("GOQ", 0.778), "H": 0.778, "K": 0.778,
    "I": 0.389, "J": 0.5, "M": 0.944, "S": 0.556, "W": 1.0, " ": 0.25, "&": 0.833, "-": 0.333,
    ".": 0.25, ",": 0.25, '"': 0.555, "'": 0.278, "(": 0.333, ")": 0.333, "/": 0.278,
}


def text_width(text: str) -> float:
    """The width of upper-case header text in em, from the base letter of each character."""
    total = 0.0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        total += _WIDTHS.get(char, 0.5 if char.isdigit() else 0.722)
    return total


# Words before which a name may be broken: the administrative unit it belongs to.
_LOCALITY = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "THỊ XÃ", "QUẬN", "XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU")
# Schools a province's Sở Giáo dục và Đào tạo manages (upper secondary and the province's own
# boarding schools), and those the UBND of their place manages (lower secondary, primary,
# kindergarten, semi-boarding).
_PROVINCIAL_SCHOOL = re.compile(
    r"\b(THPT|trung học phổ thông|phổ thông dân tộc nội trú|PTDTNT|chuyên)\b", re.IGNORECASE)
_LOCAL_SCHOOL = re.compile(
    r"\b(THCS|trung học cơ sở|tiểu học|TH|mầm non|mẫu giáo|nhà trẻ|PTDTBT|bán trú)\b",
    re.IGNORECASE)
# Bodies that answer to their own system, not to the UBND of the place where they sit: vertical
# systems, the armed forces and the police, colleges and universities (domain brief §2). Their
# superior line is their system's body, which only the roster can give.
_OWN_SYSTEM = re.compile(
    r"\b(kho bạc|thuế|bảo hiểm xã hội|BHXH|ngân hàng|hải quan|tòa án|toà án|viện kiểm sát|"
    r"thi hành án|thống kê|quân sự|quân đội|quân đoàn|sư đoàn|trung đoàn|bộ đội|biên phòng|"
    r"công an|cảnh sát|cao đẳng|đại học|học viện)\b",
    re.IGNORECASE)
# Bodies of the Party, of the Front and the mass organisations, and steering committees: not
# under the UBND either.
_PARTY_OR_FRONT = re.compile(
    r"\b(tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|thị ủy|thị uỷ|quận ủy|quận uỷ|"
    r"đảng ủy|đảng uỷ|mặt trận)\b|^(hội|liên đoàn|đoàn|ban chỉ đạo)\b",
    re.IGNORECASE)
_OF_UBND = re.compile(r"\b(UBND|ủy ban nhân dân|uỷ ban nhân dân)\b", re.IGNORECASE)

# Schools whose learners are sinh viên as well as học sinh (a THPT, THCS or primary school
# has học sinh only).
_HIGHER_EDUCATION = re.compile(r"\b(cao đẳng|đại học|học viện|trung cấp)\b", re.IGNORECASE)


def unit_words(unit: Unit) -> dict:
    """Facts about a unit the templates choose their words by (the words stay in the templates).

    sinh_vien: a school that teaches sinh viên (cao đẳng, đại học, học viện, trung cấp);
    nha_nuoc: a state enterprise (roster "Doanh nghiệp nhà nước"), whose texts speak of state
    secrets; do_thi / nong_thon: a local government that is or has phường, thị trấn (urban) /
    xã (rural), so a ward never builds "nông thôn mới".
    """
    communes = ([u for u in (unit, *unit.descendants()) if u.type == "xa"]
                if unit.type in GOVERNMENT_TYPES else [])
    kinds = {model.kind_word(u) for u in communes}
    return {
        "sinh_vien": unit.type == "co_so_giao_duc" and bool(_HIGHER_EDUCATION.search(unit.name)),
        "nha_nuoc": unit.type == "doanh_nghiep" and unit.state_owned,
        "do_thi": bool(kinds & {"phường", "thị trấn"}),
        "nong_thon": "xã" in kinds,
    }


# What unit_words tells the templates, for each kind's variables.
UNIT_WORD_VARIABLES: dict[str, str] = {
    "sinh_vien": "đúng khi trường có sinh viên (cao đẳng, đại học, học viện, trung cấp); "
                 "trường THPT, THCS, tiểu học chỉ có học sinh",
    "nha_nuoc": "đúng khi đơn vị là doanh nghiệp nhà nước (cột Doanh nghiệp nhà nước): mẫu "
                "chỉ nêu bí mật nhà nước với doanh nghiệp nhà nước",
    "do_thi": "đúng khi đơn vị là, hoặc có, phường, thị trấn (mẫu nói “đô thị văn minh”)",
    "nong_thon": "đúng khi đơn vị là, hoặc có, xã (mẫu nói “nông thôn mới”; phường không có)",
}


def _break_allowed(words: list[str], index: int) -> int:
    """How good a line break before words[index] is: 2 best, 1 acceptable, 0 never.

    A proper name never splits ('Đăk' / 'Psi', 'Nguyễn Tất' / 'Thành'), nor does a common
    noun ('Tư' / 'pháp'); a break before the locality ('… / HUYỆN ĐĂK HÀ') reads best.
    """
    first = " ".join(words[:index])
    if first.count('"') % 2 or first.count("“") > first.count("”") or (
            first.count("(") > first.count(")") or first.count("<") > first.count(">")):
        return 0  # never inside quotes or brackets
    before, word = (w.strip("\"“”'(<[") for w in (words[index - 1], words[index]))
    if not word or not before:
        return 0
    rest = " ".join(words[index:]).upper()
    if any(rest.startswith(p + " ") for p in _LOCALITY):
        return 2
    if word[:1].islower() or word == "&" or before == "&":
        return 0
    abbreviation = before.isupper() and len(before) > 1
    if before[:1].isupper() and not abbreviation:
        return 0
    if abbreviation and word.isupper() and len(word) > 1:
        return 0  # a legal form or level stays whole: 'TNHH MTV', 'THPT'

    return 1


def name_lines(name: str, limit: float = HEADER_EM) -> list[str]:
    """An issuer's name in upper case, broken into header lines that never split a name."""
    return _lines(name.split(), limit)


def _lines(words: list[str], limit: float) -> list[str]:
    whole = vi.upper(" ".join(words))
    if text_width(whole) <= limit:
        return [whole]
    best: tuple | None = None
    for index in range(1, len(words)):
        quality = _break_allowed(words, index)
        if not quality:
            continue
        first, second = (text_width(vi.upper(" ".join(part)))
                         for part in (words[:index], words[index:]))
        # Lines that fit come first, then the better break, then the more even lines.
        key = (first > limit, second > limit, -quality, max(first, second))
        if best is None or key < best[0]:
            best = (key, index)
    if best is None:
        return [whole]
    index = best[1]
    return [vi.upper(" ".join(words[:index])), *_lines(words[index:], limit)]


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
    """The superior line the rule is certain of, '' for a body that has none, None when unknown.

    A khu dân cư writes its commune's UBND (Nghị định 59); a Phòng, or the office of a UBND,
    its UBND; a Sở or a Ban of the province the UBND of the province; a THPT the province's Sở
    Giáo dục và Đào tạo, a THCS, primary school or kindergarten the UBND of its place. Vertical
    systems, the armed forces and the police, colleges and universities, the Party and the mass
    organisations, and any other agency or school are unknown: nothing is guessed.
    """
    if unit.type in GOVERNMENT_TYPES or unit.type == "doanh_nghiep" or unit.parent is None:
        return ""
    parent = unit.parent
    if unit.type == "khu_dan_cu":
        return _ubnd(parent.government)
    if _OWN_SYSTEM.search(unit.name) or _PARTY_OR_FRONT.search(unit.name):
        return None
    if unit.type == "co_so_giao_duc":
        if _PROVINCIAL_SCHOOL.search(unit.name):
            province = next((u for u in _ancestors(unit) if u.type == "tinh"), None)
            place = province.bare_name if province else campaign.province
            return f"SỞ GD&ĐT {vi.upper(place)}"
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


def _ubnd(government: Unit | None) -> str | None:
    """'UBND XÃ HÀ MÒN': the People's Committee of a local government, as a superior line."""
    return f"UBND {vi.upper(government.name)}" if government is not None else None


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
    """Header variables: superior body, issuing body (list of lines), the date line."""
    return {
        "cq_cap_tren": superior_body(unit, campaign),
        "cq_ban_hanh": issuer_lines(unit),
        "dong_ngay": vi.date_line(place_of(unit, campaign), day),
    }


def office(unit: Unit, title: str) -> str:
    """A head's office in full: 'Chủ tịch Ủy ban nhân dân phường Quyết Thắng', 'Giám đốc Sở Y tế'.

    The kind of unit a title ends with is not written twice: a several-word kind takes the name
    in its place ('Tổ trưởng tổ dân phố' of 'Tổ dân phố 1' → 'Tổ trưởng Tổ dân phố 1'); after a
    one-word kind comes the rest of the name ('Trưởng thôn' of 'Thôn 1' → 'Trưởng thôn 1', of
    'Thôn Kon Klor' → 'Trưởng thôn Kon Klor'). Other titles are followed by the name ('Trưởng
    thôn làng Kon Klor'); a title that already holds the name is left as it is.
    """
    if unit.type in GOVERNMENT_TYPES:
        return f"{short_title(title)} {unit.body_name}"
    if unit.name.casefold() in title.casefold():
        return title
    name = unit.name.casefold()
    for words in KIND_WORDS.get(unit.type, ()):
        if not (title.casefold().endswith(" " + words) and name.startswith(words + " ")):
            continue
        if " " in words:
            return f"{title[: -len(words)]}{unit.sentence_name}"
        return f"{title} {unit.name[len(words) + 1:].strip()}"
    return f"{title} {unit.sentence_name}"


def party_office(unit: Unit) -> str:
    """A unit's cấp ủy without its place: 'Huyện ủy', 'Thành ủy', 'Đảng ủy', 'Chi bộ'."""
    lowered = unit.name.casefold()
    if unit.type == "tinh":
        return "Thành ủy" if lowered.startswith("thành phố") else "Tỉnh ủy"
    if unit.type == "huyen":
        return ("Thành ủy" if lowered.startswith("thành phố") else
                "Thị ủy" if lowered.startswith("thị xã") else
                "Quận ủy" if lowered.startswith("quận") else "Huyện ủy")
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
_PARTY_ABBR = {"Tỉnh ủy": "TU", "Thành ủy": "TU", "Thị ủy": "TU", "Huyện ủy": "HU",
               "Quận ủy": "QU", "Đảng ủy": "ĐU", "Chi bộ": "CB"}
# Width of a Party header's left column (7.5 cm, names in 14 pt) in em of HEADER_EM's measure.
PARTY_HEADER_EM = 12.8


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
        "dang_cap_tren": name_lines(superior, PARTY_HEADER_EM) if superior else [],
        "dang_ban_hanh": name_lines(issuer, PARTY_HEADER_EM),
        "dong_ngay": vi.date_line(place_of(unit, campaign), day),
    }


def party_number_slot(unit: Unit, year: int) -> NumberSlot:
    """The 'Số' of a resolution of the unit's cấp ủy or chi bộ, without a colon: '05-NQ/HU',
    in the committee's own series."""
    return NumberSlot(issuer=f"{unit.code}#dang",
                      suffix=f"-NQ/{_PARTY_ABBR[party_office(unit)]}", year=year)


def steering_committee(unit: Unit, campaign: Campaign) -> str:
    """The province's steering committee (Ban Chỉ đạo) in the tree the unit belongs to.

    The campaign names the committee of its own province; a unit of a province formed later
    (Kon Tum merged into Quảng Ngãi on 01/7/2025) reports to that province's committee.
    """
    root = unit
    while root.parent is not None:
        root = root.parent
    if root.type != "tinh" or fold(root.bare_name) == fold(campaign.province):
        return campaign.committee
    return f"Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc {root.sentence_name}"


def police_of(unit: Unit, campaign: Campaign, day: dt.date | None) -> Unit | None:
    """The local government whose Công an serves a unit on a day: its own level's, or, where
    that level's police had ended by then (thay_doi_to_chuc), the nearest level above with one.

    A district's area is served by the Công an tỉnh from 01/3/2025; a commune keeps its own.
    """
    government = unit.government
    while government is not None and campaign.police_gone(government.type, day):
        government = government.parent.government if government.parent is not None else None
    return government


def police(unit: Unit, campaign: Campaign, day: dt.date | None) -> str:
    """The Công an that serves a unit on a day: 'Công an xã Hà Mòn', 'Công an tỉnh Kon Tum'."""
    government = police_of(unit, campaign, day)
    if government is None:
        return "Công an"
    return f"Công an {government.sentence_name}"


def own_police(unit: Unit, campaign: Campaign, day: dt.date | None) -> bool:
    """Whether the Công an that serves a unit is of its own level (a plan may task it), not a
    level above (which a plan may only ask: 'Đề nghị Công an tỉnh …')."""
    return unit.government is not None and police_of(unit, campaign, day) is unit.government


def legal_bases(campaign: Campaign) -> list[str]:
    """The campaign's other legal bases (can_cu), as names of documents without 'Căn cứ'.

    The template writes 'Căn cứ …;' before each and cites the province's plan (plan_ref) last.
    """
    return bases(campaign.legal_bases)


def bases(texts: list[str]) -> list[str]:
    """Names of documents cited as căn cứ, without a leading 'Căn cứ' or closing punctuation."""
    return [_BASIS_WORD.sub("", text.rstrip(";. ")) for text in texts]


_BASIS_WORD = re.compile(r"^căn cứ\s+", re.IGNORECASE)


def plan_ref(campaign: Campaign) -> dict:
    """The province's plan as data: number, date, issuer, summary (the template cites it)."""
    plan = campaign.plan
    return {"so": plan.number, "ngay": vi.short_date(plan.date), "co_quan": plan.issuer,
            "trich_yeu": plan.summary.rstrip(";. ")}


def thresholds(used: model.Thresholds) -> dict:
    """The lowest score of each level as the documents print them: {'xuat_sac': '90', …}."""
    return {"xuat_sac": vi.number(used.xuat_sac), "kha": vi.number(used.kha),
            "trung_binh": vi.number(used.trung_binh)}


_BODY_IN_TITLE = re.compile(r"\s+(UBND|Ủy ban nhân dân|Ban Chỉ đạo)\b.*$", re.IGNORECASE)


def short_title(title: str) -> str:
    """A head's title without the body it heads: 'Chủ tịch UBND xã' → 'Chủ tịch'."""
    return _BODY_IN_TITLE.sub("", title).strip() or title


def signature(unit: Unit, campaign: Campaign, needs: Needs, purpose: str, *,
              head_power: bool = False) -> dict:
    """The signing block of a state document: authority lines, signer's title and name.

    'tm' signs for the collective body (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH), 'kt' is a deputy
    signing for the head (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), 'truc_tiep' is the head alone.
    head_power: the power is the head's own (a decision issued in the Chủ tịch's name), so
    nobody signs for the body: the head signs 'CHỦ TỊCH' without 'TM.' (a deputy still 'KT.').
    """
    form = campaign.signing_form(unit.type)
    head = needs.unit_value(unit, "head", purpose)
    title = needs.unit_value(unit, "title", purpose)
    if head_power and form != "kt":
        return {"tham_quyen": [], "chuc_vu": vi.upper(short_title(title)), "ho_ten": head}
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
    return NumberSlot(issuer=unit.code, suffix=f"/{type_abbr}-{abbr}", year=year)


def recipients(unit: Unit, campaign: Campaign, day: dt.date | None) -> list[dict]:
    """Nơi nhận of a unit's plan: the level above and the province's committee, the cấp ủy and
    the Công an of the same level, the Mặt trận, the kinds of units it really has.

    Each is {ten: the body, de: 'bao_cao' | 'thuc_hien' | 'phoi_hop' | ''}; the template words
    the purpose ('(để báo cáo)') and closes the list with '- Lưu: VT.'.
    """
    bodies: list[dict] = []
    if unit.parent is not None:
        bodies.append(recipient(unit.parent.body_name, "bao_cao"))
    bodies.append(recipient(steering_committee(unit, campaign), "bao_cao"))
    bodies.append(recipient(party_committee(unit), "bao_cao"))
    if unit.type in GOVERNMENT_TYPES:
        # A level whose own police ended only asks the one above to take part.
        tasked = "thuc_hien" if own_police(unit, campaign, day) else "phoi_hop"
        bodies.append(recipient(police(unit, campaign, day), tasked))
        bodies.append(recipient(f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit.sentence_name}",
                                "phoi_hop"))
        kinds = model.kinds_label(subordinates(unit))
        if kinds:
            bodies.append(recipient(f"Các {kinds}", "thuc_hien"))
    else:
        bodies.append(recipient(police(unit, campaign, day), "phoi_hop"))
        # A school's parts are its tổ chuyên môn, not phòng.
        parts = "tổ chuyên môn" if unit.type == "co_so_giao_duc" else "phòng"
        bodies.append(recipient(f"Các {parts}, bộ phận, tổ chức đoàn thể", "thuc_hien"))
    return bodies


def recipient(body: str, purpose: str = "") -> dict:
    """One line of Nơi nhận: the body and why it receives the document."""
    return {"ten": body, "de": purpose}


def subordinates(unit: Unit) -> list[Unit]:
    """Direct subordinates in the order a plan lists them: communes, then each other type."""
    order = ["xa", "khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc", "huyen"]
    return sorted(unit.children, key=lambda u: (order.index(u.type) if u.type in order else 9,
                                                vi.sort_key(u.name)))


def residential_results(unit: Unit, results: Results) -> dict:
    """A commune's khu dân cư with their results, and how many registered and were recognised.

    Thông tư 124 recognises a commune only when all its khu dân cư registered and at least 70%
    were recognised: its evaluation and minutes show the figures the rule was applied to.
    """
    areas = [u for u in subordinates(unit)
             if u.type == "khu_dan_cu" and results.get(u.code) is not None]
    rows = []
    for index, area in enumerate(areas, start=1):
        result = results.units[area.code]
        rows.append({"stt": index, "ten": area.name, "dang_ky": result.registered,
                     "dat_chuan": result.recognised, "diem": vi.number(result.score),
                     "xep_loai": result.level})
    return {
        "ds": rows,
        "tong": vi.count(len(rows)),
        "dang_ky": vi.count(sum(bool(r["dang_ky"]) for r in rows)),
        "dat_chuan": vi.count(sum(bool(r["dat_chuan"]) for r in rows)),
    }


def notes(results: Results, unit: Unit) -> dict[str, str]:
    """The unit's own words by NOTES key, '' where it wrote none (the template then prints
    a highlighted placeholder saying what belongs there)."""
    written = results.notes_of(unit.code)
    return {key: written.get(key, "") for key in model.NOTES}


def figure_sections(
    unit: Unit, results: Results, campaign: Campaign, previous: Results | None = None,
    previous_codes: set[str] | None = None,
) -> dict[str, list[dict]]:
    """The unit's figures (its own plus its subtree's, model.roll_up) by section of the text.

    Each figure: its name (ten), counting unit (dvt), whether any value was given (co_so), the
    total (so), the unit's own share and its subtree's when both exist (rieng, duoi), how many
    of the units that report it gave it when some did not (bao_cao: '03/04'), and with last
    year's results the change (tang / giam, in the figure's unit). A type that reports no
    figure gets no line; the template words zero and absent values.
    """
    sections: dict[str, list[dict]] = {key: [] for key in model.FIGURE_SECTIONS}
    present = {unit.type, *(u.type for u in unit.descendants())}
    mine = [f for f in campaign.figures if any(f.reported_by(t) for t in present)]
    totals = model.roll_up(unit, results, mine)
    own = results.figures.get(unit.code, {})
    before = {}
    if previous is not None:
        before = {t.figure.id: t.value for t in past_totals(previous, mine, previous_codes)}
    for total in totals:
        figure = total.figure
        value = total.value
        line = {
            "ma": figure.id,
            "ten": figure.name,
            "dvt": figure.measure,
            "co_so": value is not None,
            "so": vi.number(value) if value is not None else "",
            "rieng": "",
            "duoi": "",
            "bao_cao": "" if total.complete else
            f"{vi.count(total.reported)}/{vi.count(total.expected)}",
            "nam_truoc": "",
            "tang": "",
            "giam": "",
        }
        below = value - own[figure.id] if value is not None and figure.id in own else None
        if below and own.get(figure.id):
            line["rieng"] = vi.number(own[figure.id])
            line["duoi"] = vi.number(below)
        last = before.get(figure.id)
        if last is not None and value is not None:
            line["nam_truoc"] = vi.number(last)
            if value > last:
                line["tang"] = vi.number(value - last)
            elif value < last:
                line["giam"] = vi.number(last - value)
        sections[figure.section].append(line)
    return sections


def past_totals(previous: Results, figures: list[model.Figure],
                codes: set[str] | None) -> list[model.FigureTotal]:
    """Last year's figures summed over the given unit codes (every code when None).

    Last year's units are not this year's tree (units merge), so the sum runs over the codes
    of this level's subtree that last year's results hold.
    """
    totals = []
    for figure in figures:
        values = [v[figure.id] for code, v in previous.figures.items()
                  if figure.id in v and (codes is None or code in codes)]
        totals.append(model.FigureTotal(figure, sum(values) if values else None,
                                        len(values), len(values)))
    return totals


# What the year's figures and the unit's own words mean, for `templates list` and the guide
# (shared by the evaluation and the report, whose contexts both carry them).
_FIGURE_FIELDS = {
    "ma": "mã số liệu (so_lieu.ma của kế hoạch)",
    "ten": "tên số liệu (Số buổi tuyên truyền)",
    "dvt": "đơn vị tính (buổi, lượt người)",
    "co_so": "đúng khi có ít nhất một đơn vị đã báo cáo số liệu này",
    "so": "tổng của đơn vị và mọi đơn vị cấp dưới (1.234); “0” khi bằng không",
    "rieng": "phần của chính đơn vị, khi có cả phần của cấp dưới; rỗng nếu không",
    "duoi": "phần của các đơn vị cấp dưới, khi có cả phần của chính đơn vị; rỗng nếu không",
    "bao_cao": "số đơn vị đã báo cáo / số đơn vị phải báo cáo (03/04) khi còn thiếu; rỗng khi đủ",
    "nam_truoc": "số của năm trước (--nam-truoc); rỗng khi không có",
    "tang": "số tăng so với năm trước; rỗng khi không tăng",
    "giam": "số giảm so với năm trước; rỗng khi không giảm",
}
YEAR_VARIABLES: dict[str, str] = {
    "nam_truoc": "năm trước năm báo cáo",
    "ghi_chu": "lời văn của chính đơn vị (tệp kết quả, trang Nhận xét); mục nào rỗng thì mẫu in "
               "đoạn tô vàng “[Cần bổ sung: …]”",
    **{f"ghi_chu.{key}": f"{label} (rỗng khi đơn vị chưa viết)"
       for key, label in model.NOTES.items()},
    "so_lieu": "số liệu của năm (so_lieu của kế hoạch) theo phần của báo cáo, mỗi số liệu một "
               "dòng; số của đơn vị cộng mọi đơn vị cấp dưới",
    **{f"so_lieu.{key}": f"các số liệu của phần {label}"
       for key, label in model.FIGURE_SECTIONS.items()},
    **{f"so_lieu.{section}.{field}": meaning
       for section in model.FIGURE_SECTIONS for field, meaning in _FIGURE_FIELDS.items()},
}
