"""The year report's targets: the table of every target measured, its chart, the targets not
met (section III) and the appendices (Phụ lục) listing the units below target and those
proposed for awards, each with the unit above it."""

from __future__ import annotations

from antq_docs import vi
from antq_docs.chart import bar_chart
from antq_docs.indicators import Evidence, Indicator, unmeasured
from antq_docs.kinds.base import Image
from antq_docs.kinds.report_figures import names
from antq_docs.model import STANDARD_TYPES, XUAT_SAC, Campaign, Results, Unit

CHART_WIDTH_MM = 160
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

# What the figures of one indicator mean, in each table that shows them (figures()).
FIGURES: dict[str, str] = {
    "chi_tieu": "tên chỉ tiêu (chỉ tiêu nêu tên một đơn vị: câu chỉ tiêu)",
    "loai": "các loại đơn vị chỉ tiêu tính trên (thôn, làng, tổ dân phố) hoặc tên đơn vị",
    "ti_so": "số đơn vị đạt / tổng số đơn vị (39/44)",
    "thuc_hien": "tỷ lệ thực hiện (88,6%), “không có đơn vị” khi không có đơn vị để tính",
    "muc_tieu": "mức chỉ tiêu (100%, trên 80%); 100% (mọi đơn vị) khi kế hoạch không ghi tỷ lệ",
}
# What a row of an appendix list of units means (listed()).
LISTED: dict[str, str] = {
    "stt": "số thứ tự",
    "ten": "tên đơn vị (kèm mã khi hai đơn vị cùng tên dưới một cấp trên)",
    "cap_tren": "tên đơn vị cấp trên trực tiếp",
    "diem": "tổng điểm tự chấm",
    "xep_loai": "mức xếp loại",
}


def roman(number: int) -> str:
    """An appendix number in Roman numerals: 1 → 'I', 4 → 'IV'."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def awarded(units: list[Unit], results: Results) -> list[Unit]:
    """Units that may be proposed for awards: registered, recognised and classified Xuất sắc.

    A district is outside the standard (never registered nor recognised), so it is never on
    this list; neither is a unit that failed the standard, however it was classified.
    """
    eligible = []
    for unit in units:
        result = results.get(unit.code)
        if (
            unit.type in STANDARD_TYPES
            and result is not None
            and result.registered
            and result.recognised
            and result.level == XUAT_SAC
        ):
            eligible.append(unit)
    return eligible


def chosen_models(level: Unit) -> list[Unit]:
    """The units marked Điển hình (built or not) of a level: itself and those below it, so a
    level that chose one, or was chosen, is never listed as having none."""
    return [u for u in (level, *level.descendants()) if u.is_model]


def type_words(indicator: Indicator, kinds: dict[str, str]) -> str:
    """The unit types of an indicator as officials word them: 'xã, phường, thị trấn'."""
    if indicator.unit_type is None:
        return indicator.type_name
    return kinds[indicator.unit_type] or indicator.type_name


def figures(indicator: Indicator, kinds: dict[str, str]) -> dict:
    """An indicator's name, unit types, counts, achieved and target percentages."""
    return {
        "chi_tieu": indicator.label,
        "loai": type_words(indicator, kinds),
        "ti_so": f"{indicator.numerator}/{indicator.denominator}",
        "thuc_hien": indicator.actual_text,
        "muc_tieu": indicator.target_text,
    }


def listed(units: list[Unit], results: Results) -> list[dict]:
    """Rows of an appendix table: the unit, the unit above it, its score and level."""
    rows = []
    # Two units of one name under one parent ("Tổ dân phố 2" of two merged wards) are told
    # apart by their codes.
    for number, unit in enumerate(units, start=1):
        result = results.get(unit.code)
        siblings = unit.parent.children if unit.parent is not None else []
        twin = sum(1 for u in siblings if u.name == unit.name) > 1
        rows.append(
            {
                "stt": str(number),
                "ten": f"{unit.name} (mã {unit.code})" if twin else unit.name,
                "cap_tren": unit.parent.name if unit.parent is not None else "",
                "diem": vi.number(result.score) if result is not None else "",
                "xep_loai": result.level if result is not None else "",
            }
        )
    return rows


def targets_section(
    campaign: Campaign,
    level: Unit,
    units: list[Unit],
    indicators: list[Indicator],
    documents: Evidence | None,
    kinds: dict[str, str],
) -> dict:
    """The table of the targets measured (chi_so), its chart and the targets not measured."""
    by_documents = documents.targets if documents is not None else {}
    return {
        # A target about a kind of unit the level no longer has (districts after 2025) has
        # nothing to count: it stays in the JSON, not in the signed table.
        "chi_so": [
            {"stt": str(n), **figures(i, kinds), "danh_gia": i.verdict}
            for n, i in enumerate((i for i in indicators if i.denominator), start=1)
        ],
        # The chart shows the targets measured from results; those met by documents are many
        # rows at or near 100% and stay in the table, so the chart fits its page.
        "bieu_do": Image(
            bar_chart(
                [i for i in indicators if i.denominator and i.id not in by_documents],
                f"Kết quả thực hiện chỉ tiêu năm {campaign.year}",
            ),
            CHART_WIDTH_MM,
        ),
        # A target set for named units outside this level says nothing here.
        "khong_do": [
            t.text.rstrip(" ;.")
            for t in unmeasured(campaign, documents)
            if not t.units or any(u.code in t.units for u in (level, *units))
        ],
    }


def appendices(
    units: list[Unit],
    scored: list[Unit],
    indicators: list[Indicator],
    results: Results,
    documents: Evidence | None,
    kinds: dict[str, str],
) -> dict:
    """The targets not met (ton_tai) and the appendices: the units below each target, in tree
    order, then the units proposed for awards; an appendix is numbered only when it has rows."""
    below = [i for i in indicators if i.met is False]
    groups = [i for i in below if i.shortfall]
    # Section of the appendix listing each indicator's units (by identity: indicators holding
    # units do not compare cheaply).
    section = {id(i): roman(n) for n, i in enumerate(groups, start=1)}
    best = awarded(scored, results)
    numbers = iter(range(1, 3))
    order = {u.code: i for i, u in enumerate(units)}
    return {
        "ton_tai": [{**figures(i, kinds), "muc": section.get(id(i), "")} for i in below],
        "so_khen": vi.number(len(best)),
        "pl_chua_dat": roman(next(numbers)) if groups else "",
        "pl_khen": roman(next(numbers)) if best else "",
        "phu_luc_chua_dat": [
            {
                **figures(i, kinds),
                "muc": roman(n),
                "ma": i.id,
                "van_ban": documents is not None and i.id in documents.targets,
                "don_vi": _shortfall_rows(
                    i, sorted(i.shortfall, key=lambda u: order.get(u.code, 0)), results
                ),
            }
            for n, i in enumerate(groups, start=1)
        ],
        "phu_luc_khen": listed(best, results),
    }


def _shortfall_rows(indicator: Indicator, units: list[Unit], results: Results) -> list[dict]:
    """The appendix rows of the units below one target; for model units (dien_hinh) each with
    the units it chose, built or not."""
    return [
        {**row, "dien_hinh": names(chosen_models(unit)) if indicator.id == "dien_hinh" else ""}
        for unit, row in zip(units, listed(units, results))
    ]
