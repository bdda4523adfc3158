"""The year's figures against the campaign's targets (chỉ tiêu), for one level and its subtree.

Each target of the campaign whose id names a measure below becomes one row per unit type it
lists (a target for every type gives one row with no type): numerator, denominator, actual
percentage, target percentage, met or not, and the units that pulled it down. Comparisons are
made on exact fractions so "trên 80%" (strict) and "80%" are decided without rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from antq_docs import vi
from antq_docs.model import UNIT_TYPES, Campaign, Results, Roster, Target, Unit, UnitResult

# Short Vietnamese names of the measured indicators, for tables and the chart.
LABELS: dict[str, str] = {
    "dang_ky": "Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”",
    "dat_chuan": "Được công nhận đạt tiêu chuẩn (trên số đã đăng ký)",
    "kha_tro_len": "Xếp loại phong trào Khá trở lên",
    "huyen_kha_tro_len": "Cấp huyện xếp loại phong trào Khá trở lên",
    "dien_hinh": "Có ít nhất 01 đơn vị điển hình",
}

# Shorter names for the chart and the terminal table.
SHORT: dict[str, str] = {
    "dang_ky": "Đăng ký",
    "dat_chuan": "Đạt chuẩn",
    "kha_tro_len": "Khá trở lên",
    "huyen_kha_tro_len": "Khá trở lên",
    "dien_hinh": "Có điển hình",
}

# For each measure: (units counted, units that count as achieved) over the units of one type.
Measure = Callable[[list[Unit], Results], tuple[list[Unit], list[Unit]]]


def _result(results: Results, unit: Unit) -> UnitResult | None:
    return results.get(unit.code)


def _registered(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    done = [u for u in units if (r := _result(results, u)) is not None and r.registered]
    return units, done


def _recognised(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    pool = [u for u in units if (r := _result(results, u)) is not None and r.registered]
    done = [u for u in pool if results.units[u.code].recognised]
    return pool, done


def _good(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    pool = [u for u in units if _result(results, u) is not None]
    done = [u for u in pool if results.units[u.code].good_or_better]
    return pool, done


def _model(units: list[Unit], results: Results) -> tuple[list[Unit], list[Unit]]:
    done = [u for u in units if any(d.is_model for d in u.descendants())]
    return units, done


MEASURES: dict[str, Measure] = {
    "dang_ky": _registered,
    "dat_chuan": _recognised,
    "kha_tro_len": _good,
    "huyen_kha_tro_len": _good,
    "dien_hinh": _model,
}


@dataclass(frozen=True)
class Indicator:
    """One target measured over a level: counts, percentages, and the units below target."""

    target: Target
    unit_type: str | None
    numerator: int
    denominator: int
    shortfall: list[Unit] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The target's indicator id (dang_ky, dat_chuan…)."""
        return self.target.id

    @property
    def label(self) -> str:
        """The indicator's short Vietnamese name."""
        return LABELS[self.id]

    @property
    def short(self) -> str:
        """'Đăng ký – khu dân cư': short name and unit type."""
        return f"{SHORT[self.id]} – {self.type_name}"

    @property
    def type_name(self) -> str:
        """The unit type in Vietnamese, or 'mọi loại đơn vị'."""
        return UNIT_TYPES[self.unit_type] if self.unit_type else "mọi loại đơn vị"

    @property
    def ratio(self) -> Fraction | None:
        """numerator / denominator as a percentage, exactly; None without units to count."""
        if self.denominator == 0:
            return None
        return Fraction(self.numerator * 100, self.denominator)

    @property
    def actual_percent(self) -> float | None:
        """The achieved percentage, rounded to two decimals."""
        ratio = self.ratio
        return None if ratio is None else round(float(ratio), 2)

    @property
    def target_percent(self) -> float | None:
        """The target percentage of the campaign."""
        return self.target.percent

    @property
    def met(self) -> bool | None:
        """Whether the target is reached ('trên' is strict); None when it cannot be judged."""
        ratio = self.ratio
        if ratio is None or self.target.percent is None:
            return None
        goal = Fraction(str(self.target.percent))
        return ratio > goal if self.target.strict else ratio >= goal

    @property
    def target_text(self) -> str:
        """'trên 80%' or '100%'."""
        if self.target.percent is None:
            return "không ghi tỷ lệ"
        value = vi.percent(self.target.percent)
        return f"trên {value}" if self.target.strict else value

    @property
    def actual_text(self) -> str:
        """'83,3%' or 'không có đơn vị'."""
        ratio = self.ratio
        return "không có đơn vị" if ratio is None else vi.percent(float(ratio))

    @property
    def verdict(self) -> str:
        """'Đạt', 'Không đạt' or 'Không đánh giá'."""
        return {True: "Đạt", False: "Không đạt", None: "Không đánh giá"}[self.met]

    def as_json(self) -> dict:
        """The contract shape of `report --format json`."""
        return {
            "id": self.id,
            "unit_type": self.unit_type,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "actual_percent": self.actual_percent,
            "target_percent": self.target_percent,
            "met": self.met,
        }


def subtree(level: Unit) -> list[Unit]:
    """The level and every unit below it."""
    return [level, *level.descendants()]


def measure(campaign: Campaign, results: Results, level: Unit) -> list[Indicator]:
    """Every measurable target of the campaign over a level's subtree, in campaign order."""
    units = subtree(level)
    indicators = []
    for target in campaign.targets:
        how = MEASURES.get(target.id)
        if how is None:
            continue
        for_all = set(target.unit_types) == set(UNIT_TYPES)
        groups = [None] if for_all else list(target.unit_types)
        for unit_type in groups:
            of_type = [u for u in units if unit_type is None or u.type == unit_type]
            pool, done = how(of_type, results)
            achieved = {u.code for u in done}
            shortfall = sorted(
                (u for u in pool if u.code not in achieved), key=lambda u: vi.sort_key(u.name)
            )
            indicators.append(Indicator(target, unit_type, len(done), len(pool), shortfall))
    return indicators


def unmeasured(campaign: Campaign) -> list[Target]:
    """Targets the results file carries no figures for (plans, briefings, Ngày hội plans)."""
    return [t for t in campaign.targets if t.id not in MEASURES]


def level_unit(roster: Roster, code: str | None) -> Unit | None:
    """The unit a report is about: the one with this code, or the root when no code is given."""
    return roster.root if code is None else roster.get(code)


def table_text(indicators: list[Indicator]) -> str:
    """The indicator table as aligned Vietnamese text for a terminal."""
    header = ["Mã", "Chỉ số", "Loại đơn vị", "Đạt/Tổng", "Tỷ lệ", "Chỉ tiêu", "Kết quả"]
    rows = [
        [
            i.id,
            SHORT[i.id],
            i.type_name,
            f"{i.numerator}/{i.denominator}",
            i.actual_text,
            i.target_text,
            i.verdict,
        ]
        for i in indicators
    ]
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    lines = []
    for index, row in enumerate([header, *rows]):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
