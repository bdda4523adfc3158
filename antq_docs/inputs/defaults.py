"""Which files a run reads when it is not told: the folder made by `init`, else the sample."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from antq_docs import resources
from antq_docs.messages import inputs as msg
from antq_docs.resources import CAMPAIGN_FILE, RESULTS_FILE


def present(path: Path) -> bool:
    """Whether a name exists as anything (a dangling link or a FIFO too): its reader decides."""
    return path.exists() or path.is_symlink()


# Where default_inputs took a file the run did not name from.
HERE = "here"  # the folder made by `init` that the run is started in
SAMPLE = "sample"  # the bundled sample


@dataclass(frozen=True)
class DefaultInputs:
    """The campaign and year-end results of a run, and where those it did not name came from."""

    campaign: Path
    results: Path | None
    scores: Path | None
    # None when named by the run, else HERE or SAMPLE.
    campaign_from: str | None = None
    results_from: str | None = None


def default_inputs(
    campaign: Path | None,
    units: Path | None,
    results: Path | None,
    scores: Path | None,
    *,
    year_end: bool,
    here: bool = True,
) -> DefaultInputs:
    """The campaign and results a run uses when it names no campaign (the rule load_inputs uses).

    Naming neither campaign nor roster: the campaign of a folder made by `init` when the run is
    started in one (here; a server has no such folder), else the bundled sample. For a year_end
    run naming no results either, that folder's results, or the sample's results and scores.
    Naming only a roster: the sample campaign, no default results. A named file always wins.
    """
    if campaign is not None:
        return DefaultInputs(campaign, results, scores)
    default_results = year_end and units is None and results is None and scores is None
    if here and units is None and present(Path(CAMPAIGN_FILE)):
        if default_results and present(Path(RESULTS_FILE)):
            return DefaultInputs(Path(CAMPAIGN_FILE), Path(RESULTS_FILE), None, HERE, HERE)
        return DefaultInputs(Path(CAMPAIGN_FILE), results, scores, HERE)
    sample = resources.sample(resources.SAMPLE_CAMPAIGN)
    if default_results:
        return DefaultInputs(
            sample,
            resources.sample(resources.SAMPLE_RESULTS),
            resources.sample(resources.SAMPLE_SCORES),
            SAMPLE,
            SAMPLE,
        )
    return DefaultInputs(sample, results, scores, SAMPLE)


def say_defaults(filled: DefaultInputs, say: Callable[[str], None]) -> None:
    """Tell the user (on stderr) which files a run took without being told."""
    if filled.campaign_from == HERE:
        say(msg.DEFAULT_CAMPAIGN_HERE.format(name=CAMPAIGN_FILE))
    elif filled.campaign_from == SAMPLE:
        say(msg.DEFAULT_SAMPLE_CAMPAIGN.format(campaign=filled.campaign))
    if filled.results_from == HERE:
        say(msg.DEFAULT_RESULTS_HERE.format(name=RESULTS_FILE))
    elif filled.results_from == SAMPLE:
        say(msg.DEFAULT_SAMPLE_RESULTS.format(results=filled.results, scores=filled.scores))
