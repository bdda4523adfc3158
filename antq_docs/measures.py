"""What each target measured from the year-end results counts (MEASURES): which units are
counted and which of them achieved it (registered, recognised, Khá or above, model units built),
and which model units a model-unit target counts by its words.

Unit types the standard covers are STANDARD_TYPES; a district is classified, never registered
nor recognised. indicators.py turns these counts into the rows of a level's report.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from antq_docs.model import (
    KIND_WORDS,
    STANDARD_TYPES,
    TYPE_LABELS,
    UNIT_TYPES,
    Results,
    Target,
    Unit,
    UnitResult,
    kind_word,
)

# A district or a province is never counted as registered or recognised, only classified: the
# standard covers model.STANDARD_TYPES (Thông tư 124/2021/TT-BCA).

# For each measure: (units counted, units that count as achieved) over the units of one type.
Measure = Callable[[list[Unit], Results], tuple[list[Unit], list[Unit]]]


def _result(results: Results, unit: Unit) -> UnitResult | None:
    return results.get(unit.code)


def _registered(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    pool = [u for u in units if u.type in STANDARD_TYPES]
    done = [u for u in pool if (r := _result(results, u)) is not None and r.registered]
    return pool, done


def _recognised(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    pool = [
        u
        for u in units
        if u.type in STANDARD_TYPES and (r := _result(results, u)) is not None and r.registered
    ]
    done = [u for u in pool if results.units[u.code].recognised]
    return pool, done


def _good(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    pool = [u for u in units if _result(results, u) is not None]
    done = [u for u in pool if results.units[u.code].good_or_better]
    return pool, done


def model_built(unit: Unit, results: Results) -> bool:
    """A unit marked Điển hình counts as built at year end when it is classified Khá or above
    and, if the standard covers it, registered and recognised."""
    result = results.get(unit.code)
    return (
        unit.is_model
        and result is not None
        and result.good_or_better
        and (unit.type not in STANDARD_TYPES or (result.registered and result.recognised))
    )


def built_models(
    units: list[Unit], results: Results, counted: Callable[[Unit], bool] = lambda unit: True
) -> tuple[list[Unit], list[Unit]]:
    """The units, and those with a model unit built among the units counted: below them, or
    the unit itself (a commune marked Điển hình has built one: itself), as the roster's column
    is read everywhere else."""
    done = [
        u
        for u in units
        if any(counted(d) and model_built(d, results) for d in (u, *u.descendants()))
    ]
    return units, done


MEASURES: dict[str, Measure] = {
    "dang_ky": _registered,
    "dat_chuan": _recognised,
    "kha_tro_len": _good,
    "huyen_kha_tro_len": _good,
    "dien_hinh": built_models,
}


def counts_models(target: Target) -> bool:
    """Whether the results can measure a model-unit target set for named units.

    Its model units are counted by the unit type the target names, given by its loai
    ("02 phường điển hình", loai: [xa]). Without loai the kind it names is not a unit of the
    roster ("02 Công an phường điển hình": a ward's police), so wards marked Điển hình are no
    measure of it and the target is left unmeasured.
    """
    return target.id == "dien_hinh" and bool(target.units) and bool(target.unit_types)


def model_counts(target: Target) -> Callable[[Unit], bool]:
    """Which units marked Điển hình a model-unit target counts: those of the unit types and
    kinds its words name ("01 xã, phường, thị trấn hoặc 01 cơ quan, doanh nghiệp, cơ sở giáo
    dục điển hình" counts no model village; "02 phường điển hình" no model commune).

    A target for named units looks among its loai; a target for a type of unit (each huyện
    builds …) among the types below it. Words naming none of them count every model unit.
    """
    text = target.text.casefold()

    def said(word: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", text) is not None

    among = (
        target.unit_types if target.units else [t for t in UNIT_TYPES if t not in target.unit_types]
    )
    named: dict[str, set[str]] = {}
    for unit_type in among:
        kinds = {w for w in KIND_WORDS.get(unit_type, ()) if said(w)}
        generic = [
            w
            for w in (UNIT_TYPES[unit_type], *TYPE_LABELS.get(unit_type, ()))
            if w.casefold() not in KIND_WORDS.get(unit_type, ()) and said(w)
        ]
        if kinds or generic:
            # A kind named ('phường') narrows the type; the type's own name keeps every kind.
            named[unit_type] = set() if generic else kinds
    if not named:
        return lambda unit: not target.units or unit.type in target.unit_types
    return lambda unit: (
        unit.type in named and (not named[unit.type] or kind_word(unit) in named[unit.type])
    )
