"""The sample's totals, counted from the registry and the sample, never written as literals.

A kind added to the registry changes these counts, not the tests that use them: how many
documents `generate all` writes, how many `check` asks for, how many templates there are.
"""

from __future__ import annotations

from pathlib import Path

from antq_docs.inputs.loading import Inputs, load_inputs
from antq_docs.kinds import REGISTRY
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR

SAMPLE_RESULTS = SAMPLE_DIR / "results-kon-tum-2025.csv"
SAMPLE_SCORES = SAMPLE_DIR / "scores-kon-tum-2025.csv"


def sample_inputs(campaign: Path = SAMPLE_CAMPAIGN, *, year_end: bool) -> Inputs:
    """The sample campaign with its rosters by period; with its results when year_end."""
    if not year_end:
        return load_inputs(campaign, None, kinds=REGISTRY)
    return load_inputs(
        campaign, None, kinds=REGISTRY, results=SAMPLE_RESULTS, scores=SAMPLE_SCORES, year_end=True
    )


def owed(inputs: Inputs) -> list[tuple[str, str]]:
    """(kind, unit code) of every document the registry's kinds owe: each kind counted on the
    roster in force on its date, the year-end kinds only when the inputs hold the results."""
    return [
        (name, unit.code)
        for name, kind in REGISTRY.items()
        for unit in inputs.roster_for(name)
        if kind.owed(inputs.campaign, unit, inputs.results)
    ]


def documents_written(campaign: Path = SAMPLE_CAMPAIGN) -> int:
    """How many documents `generate all` writes for the sample with its year-end results."""
    return len(owed(sample_inputs(campaign, year_end=True)))


def documents_required(campaign: Path = SAMPLE_CAMPAIGN) -> int:
    """How many documents `check` without --results asks of the sample's units."""
    return len(owed(sample_inputs(campaign, year_end=False)))


def units_owing(campaign: Path = SAMPLE_CAMPAIGN) -> int:
    """How many units of the sample's rosters owe a document when `check` runs without results."""
    return len({code for _, code in owed(sample_inputs(campaign, year_end=False))})


def template_count() -> int:
    """How many templates the registry's kinds use, the per-household pledge form included."""
    return len({name for kind in REGISTRY.values() for name in kind.templates})
