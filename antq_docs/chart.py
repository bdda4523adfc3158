"""The bar chart of a year report: achieved against target percentage, one pair per indicator.

matplotlib draws it on the Agg canvas directly (no pyplot, so no global state and no display),
with a font bundled with matplotlib so every machine draws the same letters, and without the
PNG's software stamp so identical figures give identical bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

_FONT = "DejaVu Serif"
_ACTUAL, _TARGET = "#1f4e79", "#bfbfbf"


class Bar(Protocol):
    """One indicator as the chart reads it (indicators.Indicator is one)."""

    @property
    def short(self) -> str:
        """The indicator's short name, the bar's label."""

    @property
    def ratio(self) -> Fraction | None:
        """The achieved percentage, None when nothing was counted (no bar)."""

    @property
    def target_percent(self) -> float | None:
        """The target percentage, None when the target gives none."""

    @property
    def met(self) -> bool | None:
        """Whether the target was met."""

    @property
    def actual_text(self) -> str:
        """The achieved percentage as the report writes it."""


def bar_chart(indicators: Sequence[Bar], title: str) -> bytes:
    """PNG bytes of the chart: achieved % (dark) and target % (grey) for each indicator."""
    # Imported here: matplotlib takes 0.4 s to import, which every command would pay.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = [i for i in indicators if i.ratio is not None]
    figure = Figure(figsize=(7.5, 0.4 * len(rows) + 1.4), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(rows)))[::-1]
    labels = [textwrap.fill(i.short, 30) for i in rows]
    actual = [float(i.ratio or 0) for i in rows]
    target = [i.target_percent or 0 for i in rows]
    height = 0.38
    axes.barh([p + height / 2 for p in positions], actual, height, color=_ACTUAL, label="Thực hiện")
    axes.barh([p - height / 2 for p in positions], target, height, color=_TARGET, label="Chỉ tiêu")
    for p, value, row in zip(positions, actual, rows):
        mark = "" if row.met else " (không đạt)"
        axes.text(
            value + 1,
            p + height / 2,
            f"{row.actual_text}{mark}",
            va="center",
            fontsize=8,
            family=_FONT,
        )
    axes.set_yticks(positions, labels, fontsize=8, family=_FONT)
    axes.set_xlim(0, 125)
    axes.set_xlabel("Tỷ lệ (%)", fontsize=8, family=_FONT)
    axes.tick_params(axis="x", labelsize=7)
    axes.set_title(title, fontsize=9, family=_FONT)
    axes.legend(loc="lower right", fontsize=8, prop={"family": _FONT, "size": 8})
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
