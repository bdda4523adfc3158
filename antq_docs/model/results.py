"""The year-end results: each unit's result, the figures rolled up a subtree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from antq_docs import vi
from antq_docs.messages import documents as msg
from antq_docs.model.campaign import KHA, XUAT_SAC, Figure, Thresholds
from antq_docs.model.units import Unit


@dataclass
class UnitResult:
    """A unit's year-end results: registration, recognition, score, level, Ngày hội, items."""

    code: str
    row: int
    registered: bool
    recognised: bool
    score: Decimal
    level: str
    level_computed: bool
    event_held: bool
    item_scores: dict[str, Decimal] = field(default_factory=dict)
    # The review meeting (họp bình xét), when the results file gives it; else left to fill in.
    secretary: str = ""
    attendance: int | None = None
    votes_for: int | None = None

    @property
    def good_or_better(self) -> bool:
        """Classified Khá or above."""
        return self.level in (XUAT_SAC, KHA)


@dataclass
class Results:
    """The year-end results of every unit, by unit code, with the thresholds used."""

    units: dict[str, UnitResult]
    thresholds: Thresholds
    source: str = ""
    scores_source: str = ""
    # Each unit's own figures of the year by figure id (so_lieu), and its own words by NOTES
    # key, by unit code; the root, which nobody scores, may have both. Absent: not given.
    figures: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    # Last year's collected results (--nam-truoc), which the year report compares with.
    previous: Results | None = None

    def get(self, code: str) -> UnitResult | None:
        """Return the results of a unit, or None."""
        return self.units.get(code)

    def notes_of(self, code: str) -> dict[str, str]:
        """A unit's own words about its year (empty when it wrote none)."""
        return self.notes.get(code, {})


@dataclass(frozen=True)
class FigureTotal:
    """A figure summed over a unit and its subtree, with how many units gave it.

    value is None when no unit that reports the figure gave it (never a made-up 0);
    reported of expected units gave a value.
    """

    figure: Figure
    value: int | None
    reported: int
    expected: int

    @property
    def complete(self) -> bool:
        """Every unit that reports the figure gave it."""
        return self.reported == self.expected

    def as_json(self) -> dict:
        """A figure's entry in `report --format json`, after the indicators ("figure": true)."""
        return {
            "id": self.figure.id,
            "figure": True,
            "name": self.figure.name,
            "measure": self.figure.measure,
            "value": self.value,
            "reported": self.reported,
            "expected": self.expected,
        }

    def text(self) -> str:
        """'Số buổi tuyên truyền: 579 buổi (75/75 đơn vị báo cáo)' for a terminal."""
        value = (
            msg.FIGURES_NONE
            if self.value is None
            else f"{vi.number(self.value)} {self.figure.measure}"
        )
        return msg.FIGURE_TOTAL.format(
            name=self.figure.name, value=value, reported=self.reported, expected=self.expected
        )


def roll_up(unit: Unit, results: Results, figures: list[Figure]) -> list[FigureTotal]:
    """A unit's figures: its own plus the sum over its subtree, per figure, in campaign order.

    The one roll-up of the program: evaluations, reports, `report --format json`, `collect`
    and the web page all call it, so a district's total is the sum of its communes' totals.
    """
    units = [unit, *unit.descendants()]
    totals = []
    for figure in figures:
        value: int | None = None
        reported = expected = 0
        for member in units:
            if not figure.reported_by(member.type):
                continue
            expected += 1
            given = results.figures.get(member.code, {}).get(figure.id)
            if given is not None:
                reported += 1
                value = given if value is None else value + given
        totals.append(FigureTotal(figure, value, reported, expected))
    return totals
