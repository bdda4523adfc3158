"""The year report's counts of units (sections I and II): the units by kind, registration and
recognition, classification, model units and the Ngày hội, each beside last year's count of the
same units when last year's results are given (--nam-truoc)."""

from __future__ import annotations

from collections import Counter

from antq_docs import vi
from antq_docs.indicators import display_share
from antq_docs.kinds import common
from antq_docs.measures import model_built
from antq_docs.model import LEVELS, STANDARD_TYPES, UNIT_TYPES, Results, Unit

# Last year's count of the same units and the change (change()).
CHANGE: dict[str, str] = {
    "truoc": "số của năm trước, trên các mã đơn vị có cả hai năm; rỗng khi không có",
    "tang": "số tăng so với năm trước; rỗng khi không tăng",
    "giam": "số giảm so với năm trước; rỗng khi không giảm",
}

# Last year's counts by (what, unit type): registered and recognised per type, and the units
# that held the Ngày hội (type None).
LastYear = dict[tuple[str, str | None], int]


def capitalised(text: str) -> str:
    """The first letter in upper case: 'xã, phường' → 'Xã, phường'."""
    return vi.upper(text[:1]) + text[1:]


def share(part: int, whole: int) -> str:
    """A share as a percentage, or '' when there is no unit to count (the template says so)."""
    shown = display_share(part, whole)
    return "" if shown is None else vi.percent(shown)


def change(now: int, before: int | None) -> dict[str, str]:
    """Last year's figure and the change: truoc, tang, giam ('' where they do not apply)."""
    if before is None:
        return {"truoc": "", "tang": "", "giam": ""}
    return {
        "truoc": vi.number(before),
        "tang": vi.number(now - before) if now > before else "",
        "giam": vi.number(before - now) if now < before else "",
    }


def names(units: list[Unit]) -> str:
    """Units' names in Vietnamese order, joined by commas (short lists such as model units)."""
    return ", ".join(display_name(u) for u in sorted(units, key=lambda u: vi.sort_key(u.name)))


def display_name(unit: Unit) -> str:
    """A unit's name that stays unambiguous in a list: 'Thôn 1 (xã Hà Mòn)'."""
    if unit.type == "khu_dan_cu" and unit.parent is not None:
        return f"{unit.name} ({unit.parent.sentence_name})"
    return unit.sentence_name


def last_year(previous: Results | None, units: list[Unit]) -> LastYear:
    """Last year's counts over this year's units (by code): registered and recognised per
    unit type, and the units that held the Ngày hội; empty without last year's results."""
    if previous is None:
        return {}
    counts: Counter = Counter()
    for unit in units:
        result = previous.get(unit.code)
        if result is None:
            continue
        counts[("dang_ky", unit.type)] += result.registered
        counts[("cong_nhan", unit.type)] += result.recognised
        counts[("ngay_hoi", None)] += result.event_held
    return dict(counts)


def situation(units: list[Unit], kinds: dict[str, str]) -> dict:
    """Section I: how many units of each kind the level has (theo_loai) and in all."""
    return {
        "theo_loai": [
            f"{vi.number(sum(1 for u in units if u.type == t))} {kinds[t]}"
            for t in UNIT_TYPES
            if kinds[t]
        ],
        "tong_don_vi": vi.number(len(units)),
    }


def registration(
    units: list[Unit], results: Results, kinds: dict[str, str], last: LastYear
) -> list[dict]:
    """Registration and recognition per unit type the standard covers (never districts),
    with last year's counts of the same units when known."""
    rows = []
    for unit_type in UNIT_TYPES:
        if unit_type not in STANDARD_TYPES:
            continue
        of_type = [u for u in units if u.type == unit_type and u.code in results.units]
        if not of_type:
            continue
        registered = [u for u in of_type if results.units[u.code].registered]
        recognised = [u for u in registered if results.units[u.code].recognised]
        rows.append(
            {
                "loai": capitalised(kinds[unit_type]),
                "tong": vi.number(len(of_type)),
                "dang_ky": vi.number(len(registered)),
                "ty_le_dang_ky": share(len(registered), len(of_type)),
                "cong_nhan": vi.number(len(recognised)),
                "ty_le_cong_nhan": share(len(recognised), len(registered)),
                "dk": change(len(registered), last.get(("dang_ky", unit_type))),
                "cn": change(len(recognised), last.get(("cong_nhan", unit_type))),
            }
        )
    return rows


def classification(scored: list[Unit], results: Results, kinds: dict[str, str]) -> dict:
    """Levels per unit type (phan_loai) and their totals (phan_loai_tong)."""
    rows = []
    keys = ("xuat_sac", "kha", "trung_binh", "yeu")
    totals: Counter[str] = Counter()
    for unit_type in UNIT_TYPES:
        levels = Counter(results.units[u.code].level for u in scored if u.type == unit_type)
        if not levels:
            continue
        totals.update(levels)
        row = {"loai": capitalised(kinds[unit_type]), "tong": vi.number(sum(levels.values()))}
        row.update({k: vi.number(levels[lv]) for k, lv in zip(keys, LEVELS)})
        rows.append(row)
    total = {"tong": vi.number(sum(totals.values()))}
    total.update({k: vi.number(totals[lv]) for k, lv in zip(keys, LEVELS)})
    return {"phan_loai": rows, "phan_loai_tong": total}


def models(units: list[Unit], results: Results) -> dict:
    """The model units chosen (the level and those below it) and those built this year.

    A model unit counts as built when it met the standard (districts are outside it) and was
    classified Khá or above.
    """
    chosen = [u for u in units if u.is_model]
    built = [u for u in chosen if model_built(u, results)]
    return {
        "dien_hinh": names(chosen),
        "so_dien_hinh": vi.number(len(chosen)),
        "dien_hinh_dat": names(built),
        "so_dien_hinh_dat": vi.number(len(built)),
    }


def event(scored: list[Unit], results: Results, last: LastYear) -> dict[str, str]:
    """The units that held the Ngày hội among those with results, beside last year's."""
    held = [u for u in scored if results.units[u.code].event_held]
    return {
        "to_chuc": str(len(held)),
        "tong": str(len(scored)),
        "ty_le": share(len(held), len(scored)),
        **change(len(held), last.get(("ngay_hoi", None))),
    }


def results_section(
    level: Unit,
    units: list[Unit],
    scored: list[Unit],
    results: Results,
    kinds: dict[str, str],
    last: LastYear,
) -> dict:
    """Section II's counts: registration and recognition, classification with its thresholds,
    model units (the level's own among them: a commune chosen as one is one) and the Ngày hội;
    units are those below the level, scored those with results."""
    computed = sum(1 for u in scored if results.units[u.code].level_computed)
    return {
        "dang_ky": registration(units, results, kinds, last),
        "ngoai_chuan": kinds["huyen"],
        "so_cham_diem": vi.number(len(scored)),
        **classification(scored, results, kinds),
        "nguong": common.thresholds(results.thresholds),
        # Units whose level was computed from their score ('' when every level was given).
        "tinh_tu_diem": vi.number(computed) if computed else "",
        # Every level computed: no units are left whose given level was compared.
        "tinh_tu_diem_tat_ca": bool(scored) and computed == len(scored),
        **models([level, *units], results),
        "ngay_hoi": event(scored, results, last),
    }
