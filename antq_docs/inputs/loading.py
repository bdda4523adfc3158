"""The inputs of a run, read and checked together: the campaign, the roster(s) by period, the
year-end results and the households, as one `Inputs` that every command works from.

The kinds of document are handed in (kinds.REGISTRY) by the commands above: the campaign's
keys are their names and each kind's roster is the one in force on its date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs import resources, vi
from antq_docs.errors import Finding, UsageError, ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.defaults import SAMPLE, DefaultInputs, default_inputs, present, say_defaults
from antq_docs.inputs.households import Households, load_households
from antq_docs.inputs.periods import RosterPeriod, date_new_units, given_periods
from antq_docs.inputs.previous_year import load_previous_year
from antq_docs.inputs.results import load_results
from antq_docs.inputs.roster import load_roster
from antq_docs.messages import inputs as msg
from antq_docs.model import Campaign, DeclaredKind, Results, Roster, RosterFile, Unit, tree_without
from antq_docs.vi import fold


@dataclass
class Inputs:
    """The validated campaign and roster(s) of a run, and the year-end results when given.

    roster is the single roster of the run or, when the campaign lists rosters by period, the
    one in force at the end of the year; periods holds them all, oldest first (empty for a
    single roster).
    """

    campaign: Campaign
    roster: Roster
    # The registry of document kinds (kinds.REGISTRY): each kind's date picks its roster.
    kinds: Mapping[str, DeclaredKind]
    results: Results | None = None
    periods: list[RosterPeriod] = field(default_factory=list)
    # Problems that do not stop a run, found while reading (a roster of another province).
    warnings: list[str] = field(default_factory=list)
    # The households of the khu dân cư (--households): their pledges carry the list.
    households: Households | None = None
    _trees: dict[tuple[int, frozenset[str]], tuple[Roster, list[Unit]]] = field(
        default_factory=dict, repr=False
    )

    def roster_on(self, day: dt.date | None) -> Roster:
        """The tree in force on a day: the roster of the period begun by then (the first before
        it), without the levels that had ended by then (thay_doi_to_chuc), whose units answer
        to the level above that remains.

        Without a day (a kind the campaign gives no date) the roster the year ends with.
        """
        return self._tree_on(day)[0]

    def left_out(self, day: dt.date | None) -> list[Unit]:
        """The units of the day's roster whose body had ended by then: they issue nothing."""
        return self._tree_on(day)[1]

    def period_roster(self, day: dt.date | None) -> Roster:
        """The roster file in force on a day, whole (the last period begun by then)."""
        if not self.periods or day is None:
            return self.roster
        current = self.periods[0].roster
        for period in self.periods:
            if period.start <= day:
                current = period.roster
        return current

    def _tree_on(self, day: dt.date | None) -> tuple[Roster, list[Unit]]:
        whole = self.period_roster(day)
        gone = self.campaign.gone_levels(day)
        if not gone:
            return whole, []
        # One tree per roster and set of ended levels, so the kinds of one date share it.
        key = (id(whole), gone)
        if key not in self._trees:
            self._trees[key] = tree_without(whole, gone)
        return self._trees[key]

    def roster_for(self, kind: str) -> Roster:
        """The roster that issues and receives a kind's documents, by the kind's date."""
        declared = self.kinds.get(kind)
        day = (
            declared.day(self.campaign)
            if declared is not None
            else self.campaign.doc_dates.get(kind)
        )
        return self.roster_on(day)

    @property
    def rosters(self) -> list[Roster]:
        """Every roster of the run, oldest first."""
        return [p.roster for p in self.periods] or [self.roster]

    def units(self) -> list[Unit]:
        """Every unit of every roster once by code: the latest tree first, then units gone."""
        seen: dict[str, Unit] = {}
        for roster in reversed(self.rosters):
            for unit in roster:
                seen.setdefault(unit.code, unit)
        return list(seen.values())

    def find(self, code: str) -> Unit | None:
        """The unit with this code in the latest roster that has it, or None."""
        for roster in reversed(self.rosters):
            unit = roster.get(code)
            if unit is not None:
                return unit
        return None

    def subtree(self, code: str) -> list[str]:
        """The codes of a unit and of every unit below it in any roster, the unit first."""
        codes = {code: None}
        for roster in self.rosters:
            top = roster.get(code)
            codes.update((u.code, None) for u in (top.descendants() if top else []))
        return list(codes)

    def sources(self) -> str:
        """The roster file(s), as messages name them."""
        return ", ".join(Path(r.source).name if self.periods else r.source for r in self.rosters)


def load_inputs(
    campaign: Path | None,
    units: Path | None,
    *,
    kinds: Mapping[str, DeclaredKind],
    encoding: str | None = None,
    sheet: str | None = None,
    notice: Callable[[str], None] | None = None,
    results: Path | None = None,
    scores: Path | None = None,
    year_end: bool = False,
    households: Path | None = None,
    per_household: bool = False,
    previous: Path | None = None,
    period_units: Mapping[dt.date | None, Path] | None = None,
    scope: str | None = None,
) -> Inputs:
    """Read and validate the campaign, the roster(s) and the year-end results.

    kinds is the registry of document kinds (kinds.REGISTRY), which the campaign is read with.

    When neither campaign nor units is named, the campaign is ke-hoach.yaml of the current
    folder (a folder made by `init`) or else the bundled sample; for a year_end run (generate,
    report) the results then default to that folder's ket-qua.xlsx, or the sample's results and
    scores. The rosters are units when given (one roster for the whole year), else the
    campaign's danh_sach_don_vi, else the bundled sample. Every roster is validated and all
    findings are reported together. The results are checked against the roster in force on the
    date of the evaluations (of the report when the campaign dates no evaluation).
    The household list is checked against the roster in force on the pledges' date;
    per_household asks for one pledge form per household as well. previous is last year's
    collected results, which the year report compares with. period_units: see _rosters.
    scope (a unit's code): the results owe rows of that unit and its subtree only.
    """
    if per_household and households is None:
        raise UsageError(msg.PER_HOUSEHOLD_WITHOUT_HOUSEHOLDS)
    say = notice or (lambda _message: None)
    filled = default_inputs(campaign, units, results, scores, year_end=year_end)
    say_defaults(filled, say)
    results, scores = filled.results, filled.scores
    findings: list[Finding] = []
    loaded_campaign = _campaign(filled.campaign, kinds, findings)
    headings: list[str] = []
    roster, periods = _rosters(
        filled, loaded_campaign, units, period_units, encoding, sheet, say, findings, headings
    )
    inputs = _checked_inputs(loaded_campaign, roster, kinds, periods, say)
    if results is not None and inputs is not None:
        within = set(inputs.subtree(scope)) if scope and inputs.find(scope) is not None else None
        _add_year_end(inputs, results, scores, previous, encoding, findings, headings, within)
    elif scores is not None and results is None:
        raise UsageError(msg.SCORES_WITHOUT_RESULTS)
    if previous is not None and results is None:
        raise UsageError(msg.PREVIOUS_YEAR_WITHOUT_RESULTS)
    if households is not None and inputs is not None:
        _add_households(inputs, households, encoding, per_household, say, findings)
    return _read(inputs, findings, headings, say)


def _campaign(
    path: Path, kinds: Mapping[str, DeclaredKind], findings: list[Finding]
) -> Campaign | None:
    """The campaign read, or None with its findings added."""
    try:
        return load_campaign(path, kinds=kinds)
    except ValidationError as e:
        findings += e.findings
        return None


def _read(
    inputs: Inputs | None, findings: list[Finding], headings: list[str], say: Callable[[str], None]
) -> Inputs:
    """The inputs once every file is read: every finding raised together, else the headings
    the readers did not read said as warnings."""
    if findings:
        raise ValidationError(findings, what=msg.INPUTS)
    assert inputs is not None
    inputs.warnings += headings
    for warning in headings:
        say(msg.WARNING.format(warning=warning))
    return inputs


def _checked_inputs(
    campaign: Campaign | None,
    roster: Roster | None,
    kinds: Mapping[str, DeclaredKind],
    periods: list[RosterPeriod],
    say: Callable[[str], None],
) -> Inputs | None:
    """The run's inputs once the campaign and the roster are read (None until both are), with
    a warning said for every roster whose root is not the province of its period."""
    if campaign is None or roster is None:
        return None
    inputs = Inputs(campaign, roster, kinds, periods=periods)
    inputs.warnings += _province_warnings(inputs)
    for warning in inputs.warnings:
        say(msg.WARNING.format(warning=warning))
    return inputs


def _rosters(
    filled: DefaultInputs,
    campaign: Campaign | None,
    units: Path | None,
    given: Mapping[dt.date | None, Path] | None,
    encoding: str | None,
    sheet: str | None,
    say: Callable[[str], None],
    findings: list[Finding],
    warnings: list[str],
) -> tuple[Roster | None, list[RosterPeriod]]:
    """The roster the year ends with, and the rosters by period when the campaign lists them
    (none when a roster is named); None for the roster when one could not be read.

    given (period_units) holds the rosters by period as files by the day each comes into force,
    in place of the files danh_sach_don_vi names (the key None: the first period's roster given
    without its day, or alone the whole year's); a period without a file and a file whose day is
    no period are findings."""
    files = campaign.roster_files if campaign is not None else []
    if given and units is None and set(given) == {None}:
        units = given[None]  # one roster without a day: the whole year's, as --units
    elif given:
        if campaign is None:
            return None, []
        files = given_periods(campaign, given, findings)
        if not files:
            return None, []
    if units is None and not files and (campaign is not None or not findings):
        units = resources.sample(resources.SAMPLE_UNITS)
        say(msg.DEFAULT_SAMPLE_ROSTER.format(units=units))
    if units is not None:
        try:
            return load_roster(units, encoding=encoding, sheet=sheet, warnings=warnings), []
        except ValidationError as e:
            findings += e.findings
            return None, []
    if not files:
        return None, []
    assert campaign is not None
    if filled.campaign_from == SAMPLE and not given:
        listed = "; ".join(
            msg.DEFAULT_ROSTER_PERIOD.format(name=Path(f.path).name, start=vi.short_date(f.start))
            for f in files
        )
        say(msg.DEFAULT_SAMPLE_ROSTERS.format(listed=listed))
    periods = _period_rosters(filled.campaign, files, campaign, encoding, sheet, findings, warnings)
    if len(periods) < len(files):
        return None, periods
    date_new_units(periods)
    return periods[-1].roster, periods


def _period_rosters(
    campaign_path: Path,
    entries: list[RosterFile],
    campaign: Campaign,
    encoding: str | None,
    sheet: str | None,
    findings: list[Finding],
    warnings: list[str],
) -> list[RosterPeriod]:
    """The rosters of the periods that could be read, each with its day and province."""
    periods: list[RosterPeriod] = []
    for entry in entries:
        # A FIFO or a link is there: load_roster refuses it by name, never blocking.
        if not present(Path(entry.path)):
            findings.append(
                Finding(
                    msg.LISTED_FILE_NOT_FOUND.format(written=entry.written, path=entry.path),
                    file=Path(campaign_path).name,
                    field=f"{entry.field}.tep",
                )
            )
            continue
        try:
            roster = load_roster(
                Path(entry.path), encoding=encoding, sheet=sheet, warnings=warnings
            )
        except ValidationError as e:
            findings += e.findings
            continue
        province = entry.province or campaign.province
        periods.append(RosterPeriod(entry.start, roster, province))
    return periods


def _add_year_end(
    inputs: Inputs,
    results: Path,
    scores: Path | None,
    previous: Path | None,
    encoding: str | None,
    findings: list[Finding],
    warnings: list[str],
    within: Collection[str] | None = None,
) -> None:
    """Read the year-end results (and last year's) against the roster of the evaluations;
    within: the units whose rows are owed (None: every unit)."""
    findings += _one_year_end_roster(inputs)
    try:
        inputs.results = load_results(
            results,
            results_roster(inputs),
            inputs.campaign,
            scores=scores,
            encoding=encoding,
            warnings=warnings,
            within=within,
        )
    except ValidationError as e:
        findings += e.findings
    if previous is not None and inputs.results is not None:
        try:
            inputs.results.previous = load_previous_year(
                previous,
                results_roster(inputs),
                inputs.campaign,
                encoding=encoding,
                warnings=warnings,
            )
        except ValidationError as e:
            findings += e.findings


def _add_households(
    inputs: Inputs,
    households: Path,
    encoding: str | None,
    per_household: bool,
    say: Callable[[str], None],
    findings: list[Finding],
) -> None:
    """Read the household list against the roster in force on the date of the kind whose
    documents carry the households."""
    carrier = next(name for name, kind in inputs.kinds.items() if kind.household_list)
    try:
        inputs.households = load_households(
            households,
            inputs.roster_for(carrier),
            encoding=encoding,
            forms=per_household,
        )
    except ValidationError as e:
        findings += e.findings
    else:
        inputs.warnings += inputs.households.warnings
        for warning in inputs.households.warnings:
            say(msg.WARNING.format(warning=warning))


def results_roster(inputs: Inputs) -> Roster:
    """The roster the year-end results are checked against: the file in force on the
    evaluations' date, whole (a row of a district that has ended is still a known unit)."""
    dates = inputs.campaign.doc_dates
    return inputs.period_roster(dates.get("evaluation") or dates.get("report"))


def _one_year_end_roster(inputs: Inputs) -> list[Finding]:
    """The evaluations and the report must fall in one period: the results fit one roster."""
    dates = inputs.campaign.doc_dates
    if "evaluation" not in dates or "report" not in dates:
        return []
    if inputs.period_roster(dates["evaluation"]) is inputs.period_roster(dates["report"]):
        return []
    return [
        Finding(
            msg.YEAR_END_TWO_ROSTERS.format(
                evaluation=vi.short_date(dates["evaluation"]), report=vi.short_date(dates["report"])
            ),
            file=Path(inputs.campaign.source).name,
            field="ngay_van_ban.report",
        )
    ]


def _province_name(name: str) -> str:
    """A province's name folded and without its generic word: 'Tỉnh Kon Tum' → 'kon tum'."""
    folded = fold(name)
    for word in ("tỉnh ", "thành phố "):
        if folded.startswith(word):
            return folded[len(word) :].strip()
    return folded


def _province_warnings(inputs: Inputs) -> list[str]:
    """A warning for every roster whose root is not the province of its period."""
    campaign = inputs.campaign
    pairs = [(p.roster, p.province) for p in inputs.periods] or [(inputs.roster, campaign.province)]
    out = []
    for roster, province in pairs:
        if _province_name(roster.root.name) != _province_name(province):
            out.append(
                msg.ROOT_NOT_THE_PROVINCE.format(
                    roster=Path(roster.source).name,
                    row=roster.root.row,
                    root=roster.root.name,
                    # The code under the workbook's own heading ('cột A (Mã đơn vị)').
                    column=roster.columns.get("ma", "Mã đơn vị"),
                    code=roster.root.code,
                    province=province,
                )
            )
    return out
