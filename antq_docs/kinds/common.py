"""Context pieces shared by the kinds: unit words, offices, legal bases, signatures, recipients,
the police and the year's figures (the header is in heading.py, the Party side in party.py)."""

from __future__ import annotations

import datetime as dt
import re

from antq_docs import model, vi
from antq_docs.kinds import heading
from antq_docs.kinds.base import Needs
from antq_docs.kinds.party import cell_name, party_committee
from antq_docs.messages import documents as msg
from antq_docs.model import GOVERNMENT_TYPES, KIND_WORDS, Campaign, Results, Unit
from antq_docs.vi import fold

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
    communes = (
        [u for u in (unit, *unit.descendants()) if u.type == "xa"]
        if unit.type in GOVERNMENT_TYPES
        else []
    )
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


def office(unit: Unit, title: str) -> str:
    """A head's office in full: 'Chủ tịch Ủy ban nhân dân phường Quyết Thắng', 'Giám đốc Sở Y tế'.

    The kind of unit a title ends with is not written twice: a several-word kind takes the name
    in its place ('Tổ trưởng tổ dân phố' of 'Tổ dân phố 1' → 'Tổ trưởng Tổ dân phố 1'); after a
    one-word kind comes the rest of the name ('Trưởng thôn' of 'Thôn 1' → 'Trưởng thôn 1', of
    'Thôn Kon Klor' → 'Trưởng thôn Kon Klor'). Other titles are followed by the name ('Trưởng
    thôn làng Kon Klor'), except that a title ending with the name's first word does not repeat
    it ('Trưởng khu' of 'Khu Đồng Tiến' → 'Trưởng khu Đồng Tiến'); a title that already holds
    the name is left as it is.
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
        return f"{title} {unit.name[len(words) + 1 :].strip()}"
    # A kind not in KIND_WORDS (a khu dân cư named "Khu Đồng Tiến", whose kind word "khu" would
    # make lists say "thôn, khu") still must not be written twice: 'Trưởng khu Đồng Tiến'.
    first, *rest = unit.name.split(maxsplit=1)
    if rest and title.casefold().endswith(" " + first.casefold()):
        return f"{title} {rest[0]}"
    return f"{title} {unit.sentence_name}"


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
    return {
        "so": plan.number,
        "ngay": vi.short_date(plan.date),
        "co_quan": plan.issuer,
        "trich_yeu": plan.summary.rstrip(";. "),
    }


def after_first_quarter(campaign: Campaign, day: dt.date) -> bool:
    """Whether a document is dated after Quý I of the campaign's year, when what the year asks
    of Quý I (plans, resolutions, registration) can no longer be set 'trong Quý I'."""
    return day > dt.date(campaign.year, 3, 31)


def thresholds(used: model.Thresholds) -> dict:
    """The lowest score of each level as the documents print them: {'xuat_sac': '90', …}."""
    return {
        "xuat_sac": vi.number(used.xuat_sac),
        "kha": vi.number(used.kha),
        "trung_binh": vi.number(used.trung_binh),
    }


_BODY_IN_TITLE = re.compile(r"\s+(UBND|Ủy ban nhân dân|Ban Chỉ đạo)\b.*$", re.IGNORECASE)


def short_title(title: str) -> str:
    """A head's title without the body it heads: 'Chủ tịch UBND xã' → 'Chủ tịch'."""
    return _BODY_IN_TITLE.sub("", title).strip() or title


def signature(
    unit: Unit,
    campaign: Campaign,
    needs: Needs,
    purpose: str,
    *,
    head_power: bool = False,
    head_signs: bool = False,
) -> dict:
    """The signing block of a state document: authority lines, signer's title and name.

    'tm' signs for the collective body (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH), 'truc_tiep' is the
    head alone. A deputy signs for the head (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) where the form is
    'kt' or the roster names a Người ký other than the head; a People's Committee's deputy
    still signs for the body (TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).
    head_power: the power is the head's own (a decision issued in the Chủ tịch's name), so
    nobody signs for the body: 'CHỦ TỊCH' without 'TM.' (a deputy 'KT. CHỦ TỊCH').
    head_signs: the head signs whoever signs the unit's other documents (a pledge between units
    is signed by the heads of the parties, domain §7).
    """
    form = campaign.signing_form(unit.type)
    head = needs.unit_value(unit, "head", purpose)
    title = needs.unit_value(unit, "title", purpose)
    head_title = vi.upper(short_title(title))
    collective = not head_power and (
        form == "tm" or (form == "kt" and unit.type in GOVERNMENT_TYPES)
    )
    lines = [f"TM. {collective_body(unit)}"] if collective else []
    if deputy_signs(unit, campaign) and not head_signs:
        signer, signer_title = deputy(unit, needs, purpose)
        return {
            "tham_quyen": [*lines, f"KT. {head_title}"],
            "chuc_vu": vi.upper(short_title(signer_title)),
            "ho_ten": signer,
        }
    shown = head_title if collective or head_power else vi.upper(title)
    return {"tham_quyen": lines, "chuc_vu": shown, "ho_ten": head}


def collective_body(unit: Unit) -> str:
    """The collective body a 'TM.' line signs for: ỦY BAN NHÂN DÂN, or the unit's own name."""
    return "ỦY BAN NHÂN DÂN" if unit.type in GOVERNMENT_TYPES else vi.upper(unit.name)


def deputy_signs(unit: Unit, campaign: Campaign) -> bool:
    """Whether a deputy signs the unit's documents: the form is 'kt', or the roster names a
    signer (Người ký) other than the head."""
    if campaign.signing_form(unit.type) == "kt":
        return True
    return bool(unit.signer) and fold(unit.signer) != fold(unit.head)


def representative(unit: Unit, needs: Needs, purpose: str) -> dict:
    """Who stands for a unit as a party to a pledge ('Đại diện'): its head, with the office in
    full (a pledge between units is signed by the heads of the parties, domain §7)."""
    name = needs.unit_value(unit, "head", purpose)
    title = needs.unit_value(unit, "title", purpose)
    return {"ho_ten": name, "chuc_vu": office(unit, title) if title else ""}


def deputy(unit: Unit, needs: Needs, purpose: str) -> tuple[str, str]:
    """The deputy who signs for the head: name and title (Người ký, Chức vụ người ký)."""
    why = msg.SIGNER_PURPOSE.format(purpose=purpose)
    return needs.unit_value(unit, "signer", why), needs.unit_value(unit, "signer_title", why)


def recipients(unit: Unit, campaign: Campaign, day: dt.date | None) -> list[dict]:
    """Nơi nhận of a unit's plan: the level above and the province's committee, the cấp ủy and
    the Công an of the same level, the Mặt trận, the kinds of units it really has.

    Each is {ten: the body, de: 'bao_cao' | 'thuc_hien' | 'phoi_hop' | ''}; the template words
    the purpose ('(để báo cáo)') and closes the list with '- Lưu: VT.'.
    """
    bodies = above(unit, campaign)
    bodies.append(recipient(steering_committee(unit, campaign), "bao_cao"))
    # Only a government's cấp ủy is known by rule; another unit's chi bộ only by the roster.
    if unit.type in GOVERNMENT_TYPES:
        bodies.append(recipient(party_committee(unit), "bao_cao"))
    elif unit.party_cell:
        bodies.append(recipient(cell_name(unit), "bao_cao"))
    if unit.type in GOVERNMENT_TYPES:
        # A level whose own police ended only asks the one above to take part.
        tasked = "thuc_hien" if own_police(unit, campaign, day) else "phoi_hop"
        bodies.append(recipient(police(unit, campaign, day), tasked))
        bodies.append(
            recipient(f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit.sentence_name}", "phoi_hop")
        )
        kinds = model.kinds_label(subordinates(unit))
        if kinds:
            bodies.append(recipient(f"Các {kinds}", "thuc_hien"))
    else:
        bodies.append(recipient(police(unit, campaign, day), "phoi_hop"))
        # A school's parts are its tổ chuyên môn, not phòng.
        parts = "tổ chuyên môn" if unit.type == "co_so_giao_duc" else "phòng"
        bodies.append(recipient(f"Các {parts}, bộ phận, tổ chức đoàn thể", "thuc_hien"))
    return bodies


def above(unit: Unit, campaign: Campaign) -> list[dict]:
    """The bodies above a unit in its Nơi nhận: the level above, to which it reports; an agency
    or school answers to its managing body (a THPT to the Sở GD&ĐT, a BHXH cơ sở to the BHXH
    of its province: Cơ quan chủ quản) and only coordinates with the place's UBND, which it is
    not under. Where the managing body is unknown, none is guessed."""
    parent = unit.parent
    if parent is None:
        return []
    if unit.type not in ("co_quan", "co_so_giao_duc"):
        return [recipient(parent.body_name, "bao_cao")]
    managing = heading.managing_body(unit, campaign)
    if managing is None:
        return [recipient(parent.body_name, "phoi_hop")]
    if not managing or same_body(managing, parent.body_name):
        return [recipient(parent.body_name, "bao_cao")]
    return [recipient(managing, "bao_cao"), recipient(parent.body_name, "phoi_hop")]


def reports_to(unit: Unit, campaign: Campaign) -> str:
    """The body a unit sends its year-end report to: the body above() reports to (a THPT's Sở
    GD&ĐT, not the UBND xã of its place), else the level above, else (the root) the province's
    steering committee."""
    bodies = [b["ten"] for b in above(unit, campaign) if b["de"] == "bao_cao"]
    if bodies:
        return bodies[0]
    return unit.parent.body_name if unit.parent else steering_committee(unit, campaign)


def answers_to(child: Unit, unit: Unit, campaign: Campaign) -> bool:
    """Whether a unit of the roster below a level is under it (trực thuộc), not only on its
    territory: a commune, a khu dân cư, or an agency or school it manages. A THPT (the Sở
    GD&ĐT's), a line body or an enterprise is on the territory only."""
    if child.type in ("huyen", "xa", "khu_dan_cu"):
        return True
    if child.type not in ("co_quan", "co_so_giao_duc"):
        return False
    managing = heading.managing_body(child, campaign)
    return managing is not None and same_body(managing, unit.body_name)


def same_body(first: str, second: str) -> bool:
    """Whether two names are one body, 'UBND' written out or not."""
    return _spelt_out(first) == _spelt_out(second)


def _spelt_out(name: str) -> str:
    return re.sub(r"\bubnd\b", "ủy ban nhân dân", fold(name).replace("uỷ", "ủy"))


def recipient(body: str, purpose: str = "") -> dict:
    """One line of Nơi nhận: the body and why it receives the document."""
    return {"ten": body, "de": purpose}


def subordinates(unit: Unit) -> list[Unit]:
    """Direct subordinates in the order a plan lists them: communes, then each other type."""
    order = ["xa", "khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc", "huyen"]
    return sorted(
        unit.children,
        key=lambda u: (order.index(u.type) if u.type in order else 9, vi.sort_key(u.name)),
    )


def residential_results(unit: Unit, results: Results) -> dict:
    """A commune's khu dân cư with their results, and how many registered and were recognised.

    Thông tư 124 recognises a commune only when all its khu dân cư registered and at least 70%
    were recognised: its evaluation and minutes show the figures the rule was applied to.
    """
    areas = [
        u for u in subordinates(unit) if u.type == "khu_dan_cu" and results.get(u.code) is not None
    ]
    rows = []
    for index, area in enumerate(areas, start=1):
        result = results.units[area.code]
        rows.append(
            {
                "stt": index,
                "ten": area.name,
                "dang_ky": result.registered,
                "dat_chuan": result.recognised,
                "diem": vi.number(result.score),
                "xep_loai": result.level,
            }
        )
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
    unit: Unit,
    results: Results,
    campaign: Campaign,
    previous: Results | None = None,
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
            "bao_cao": ""
            if total.complete
            else f"{vi.count(total.reported)}/{vi.count(total.expected)}",
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


def past_totals(
    previous: Results, figures: list[model.Figure], codes: set[str] | None
) -> list[model.FigureTotal]:
    """Last year's figures summed over the given unit codes (every code when None).

    Last year's units are not this year's tree (units merge), so the sum runs over the codes
    of this level's subtree that last year's results hold.
    """
    totals = []
    for figure in figures:
        values = [
            v[figure.id]
            for code, v in previous.figures.items()
            if figure.id in v and (codes is None or code in codes)
        ]
        totals.append(
            model.FigureTotal(figure, sum(values) if values else None, len(values), len(values))
        )
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
    **{
        f"ghi_chu.{key}": f"{label} (rỗng khi đơn vị chưa viết)"
        for key, label in model.NOTES.items()
    },
    "so_lieu": "số liệu của năm (so_lieu của kế hoạch) theo phần của báo cáo, mỗi số liệu một "
    "dòng; số của đơn vị cộng mọi đơn vị cấp dưới",
    **{
        f"so_lieu.{key}": f"các số liệu của phần {label}"
        for key, label in model.FIGURE_SECTIONS.items()
    },
    **{
        f"so_lieu.{section}.{field}": meaning
        for section in model.FIGURE_SECTIONS
        for field, meaning in _FIGURE_FIELDS.items()
    },
}
