"""What the pages and the API do, on files already saved in a request folder.

Each action calls the same library functions as the command line (load_inputs, generate,
check, report) and returns plain data for a page or a JSON answer; nothing here knows HTTP.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filelock import FileLock

from antq_docs.chart import bar_chart
from antq_docs.check import CheckReport, Entry, cell_status, short_label, unfinished_note
from antq_docs.check import check as run_check
from antq_docs.check.workbook import matrix_workbook
from antq_docs.collect.forms import write_forms
from antq_docs.collect.gather import collect as run_collect
from antq_docs.collect.gather import total_text
from antq_docs.errors import ResultsNeeded, UsageError
from antq_docs.generate import generate as run_generate
from antq_docs.generate import select_kinds
from antq_docs.indicators import Indicator
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.loading import Inputs, default_inputs, load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.kinds.pledge import HOUSEHOLD_FOLDER
from antq_docs.model import UNIT_TYPES
from antq_docs.output import LOCK, MANIFEST
from antq_docs.register import FILE as REGISTER_FILE
from antq_docs.vi import number, short_date
from antq_docs.web import messages as msg
from antq_docs.web.check_view import (
    CheckOptions,
    Names,
    in_scope,
    missing_groups,
    not_due,
    public_json,
    unplaced_rows,
)
from antq_docs.web.names import LiveZip, public_path
from antq_docs.web.space import Space
from antq_docs.web.workspace import zip_folder
from antq_docs.yearreport import report as run_report

Progress = Callable[[int, int], None]

OUTPUT_ZIP = "van-ban.zip"
CHECK_XLSX = "kiem-tra.xlsx"
CHART_PNG = "bieu-do.png"
FORMS_ZIP = "phieu-thu.zip"
COLLECTED_XLSX = "ket-qua.xlsx"
# The shared number register and SQLite's files beside it: every visitor's unit codes and
# document paths, never part of one request's download.
REGISTER_FILES = tuple(f"{REGISTER_FILE}{end}" for end in ("", "-journal", "-wal", "-shm"))


@dataclass
class Uploads:
    """The input files of one request, kept in its workspace (None when not given).

    rosters holds the rosters by the day each is in force from (None: given without a day,
    the whole year's, or the first period's when others are dated).
    """

    campaign: Path | None = None
    rosters: dict[dt.date | None, Path] = field(default_factory=dict)
    results: Path | None = None
    scores: Path | None = None
    households: Path | None = None
    sample: bool = False
    folder: Path | None = None
    # "Đơn vị của tôi": the results then owe rows of that unit and its subtree only.
    unit: str | None = None

    @classmethod
    def of(cls, space: Space) -> Uploads:
        """The files the workspace holds, and whether the sample fills what it lacks."""
        return cls(
            space.file("campaign"),
            space.rosters(),
            space.file("results"),
            space.file("scores"),
            space.file("households"),
            space.sample_in_use,
            space.folder,
            space.unit or None,
        )

    def plan_and_rosters(self) -> Uploads:
        """The same without the results, scores and households: what the units are read from
        (a bad results file does not stop choosing a unit or making its blank workbook)."""
        return replace(self, results=None, scores=None, households=None)


@dataclass
class Loaded:
    """Validated inputs and the notices load_inputs gave (warnings)."""

    inputs: Inputs
    notices: list[str] = field(default_factory=list)


def load(uploads: Uploads, job: Path, *, year_end: bool, per_household: bool = False) -> Loaded:
    """Read and validate the files given as the CLI does; the sample only when chosen.

    A file not given is never taken from the sample unless the user chose it: without a
    campaign or a roster the request is refused, naming what to give. The current folder never
    counts (a server has none that belongs to the user). An uploaded campaign may name roster
    files or a template folder only inside its workspace.
    """
    missing = []
    if uploads.campaign is None and not uploads.sample:
        missing.append(msg.MISSING_CAMPAIGN)
    if not uploads.rosters and not uploads.sample:
        missing.append(msg.MISSING_ROSTER)
    if missing:
        raise UsageError(msg.MISSING_INPUTS.format(what=msg.AND.join(missing)))
    notices: list[str] = []
    if uploads.campaign is not None:
        _check_uploaded_campaign(
            uploads.campaign, uploads.folder or job, roster_uploaded=bool(uploads.rosters)
        )
    # The rosters kept stand for the campaign's files: a campaign file never names a file the
    # server reads.
    filled = default_inputs(
        uploads.campaign,
        next(iter(uploads.rosters.values()), None),
        uploads.results,
        uploads.scores,
        year_end=year_end and uploads.sample,
        here=False,
    )
    inputs = load_inputs(
        filled.campaign,
        None,
        kinds=REGISTRY,
        notice=notices.append,
        results=filled.results,
        scores=filled.scores,
        year_end=year_end,
        households=uploads.households,
        per_household=per_household,
        period_units=uploads.rosters,
        scope=uploads.unit,
    )
    return Loaded(inputs, notices)


def _check_uploaded_campaign(path: Path, folder: Path, *, roster_uploaded: bool) -> None:
    """Refuse a kept campaign that names a template folder outside its workspace, or that
    lists rosters by period while no roster was given (its files are never read: the rosters
    kept are). A campaign that does not load is left to load_inputs, which reports it."""
    try:
        campaign = load_campaign(path, kinds=REGISTRY)
    except Exception:
        return
    templates = campaign.template_dir
    if templates is not None and not Path(templates).resolve().is_relative_to(folder.resolve()):
        raise UsageError(msg.CAMPAIGN_OUTSIDE)
    if campaign.roster_files and not roster_uploaded:
        raise UsageError(msg.CAMPAIGN_WANTS_ROSTER)


def subtree(inputs: Inputs, code: str | None) -> list[str] | None:
    """The codes of a unit and every unit below it in any roster (None: the whole roster)."""
    if not code:
        return None
    if inputs.find(code) is None:
        raise UsageError(msg.NO_SUCH_UNIT.format(code=code))
    return inputs.subtree(code)


def choose_kinds(asked: list[str], inputs: Inputs) -> list[str]:
    """The kinds to write: those ticked (all that the inputs allow when none is)."""
    try:
        return select_kinds(asked, inputs)[0]
    except ResultsNeeded as e:
        raise UsageError(msg.RESULTS_NEEDED.format(label=e.label)) from e


@dataclass
class Generated:
    """A finished generate request: its summary and documents, as its result page shows them."""

    summary: str
    warnings: list[str]
    documents: list[dict[str, str]]


def generate(
    loaded: Loaded,
    job: Path,
    kinds: list[str],
    workspace: Path,
    unit: str | None = None,
    progress: Progress | None = None,
) -> Generated:
    """Write the documents into the request's out/ folder (pack() puts them in the ZIP).

    unit ("Đơn vị của tôi") limits the run to it and its subtree; progress is the library's
    callback (documents done, total). When the campaign
    numbers documents (danh_so), the shared register is copied in and back under the workspace
    lock, so numbers continue between runs and are never given twice.
    """
    out = job / "out"
    inputs = loaded.inputs
    subtree(inputs, unit)  # a unit the roster no longer has is named as the page names it
    numbered = bool(inputs.campaign.numbering)
    lock = FileLock(str(workspace / LOCK)) if numbered else None
    if lock is not None:
        lock.acquire()
    try:
        if lock is not None and (workspace / REGISTER_FILE).exists():
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy2(workspace / REGISTER_FILE, out / REGISTER_FILE)
        result = run_generate(inputs, out, kinds, scope=unit or None, progress=progress)
        if lock is not None and (out / REGISTER_FILE).exists():
            tmp = workspace / f".{REGISTER_FILE}.tmp"
            shutil.copy2(out / REGISTER_FILE, tmp)
            tmp.replace(workspace / REGISTER_FILE)
    finally:
        if lock is not None:
            lock.release()
        # The register's copy is back in the workspace: none stays in the request's folder.
        for name in REGISTER_FILES:
            (out / name).unlink(missing_ok=True)
    documents = [_document(inputs, outcome.path) for outcome in result.outcomes]
    # A fresh folder each time: nothing updated or kept to speak of, only what was made.
    summary = msg.DOCUMENTS_MADE.format(count=number(len(documents)))
    return Generated(summary, result.warnings, documents)


def downloadable(name: str) -> bool:
    """Whether a file of a request's out/ folder may be downloaded: not hidden, not the
    register (a request that failed midway may have left its copy)."""
    return not name.startswith(".") and name not in REGISTER_FILES


def _document(inputs: Inputs, path: str) -> dict[str, str]:
    """One written document as its result page lists it (a household's pledge under its
    khu dân cư: pledge-household/<khu dân cư>/<hộ>.docx)."""
    kind, _, name = path.partition("/")
    code = Path(name).stem
    unit = inputs.find(code)
    parent = unit.parent if unit else None
    if kind == HOUSEHOLD_FOLDER:
        parent = inputs.find(Path(name).parent.name)
    label = REGISTRY[kind].label if kind in REGISTRY else msg.HOUSEHOLD_PLEDGE
    return {
        "path": path,
        "public": public_path(path),
        "kind": kind,
        "kind_label": label,
        "code": code,
        "name": unit.name if unit else code,
        "parent": parent.name if parent else "",
    }


def packing(job: Path, *, manifest: bool = False) -> LiveZip:
    """The job's ZIP of everything under out/, each file under its page name, written while
    the documents are made (use as a context manager around the run, then packed()).

    The manifest (the command line's record of the folder) is for a program (the API), not
    a document for a person: the page's ZIP leaves it out."""
    skip = (LOCK, *REGISTER_FILES) if manifest else (LOCK, *REGISTER_FILES, MANIFEST)
    return LiveZip(job / "out", job / f".{OUTPUT_ZIP}.tmp", skip=skip)


def packed(job: Path, live: LiveZip, progress: Progress | None = None) -> None:
    """Complete the job's ZIP once the run has ended; only then can it be downloaded."""
    live.finish(progress)
    live.archive.replace(job / OUTPUT_ZIP)


STATUS_CLASS = {
    "present": "co",
    "signed": "co-pdf",
    "unsigned": "chua-ky",
    "unfinished": "chua-hoan-thien",
    "invalid": "khong-hop-le",
    "missing": "thieu",
    "later": "chua-den-han",
    "none": "khong-can",
}


@dataclass
class Checked:
    """A finished check: the CLI's JSON (page names, scoped), the matrix and the page's lists."""

    data: dict[str, Any]
    grid: dict[str, Any]
    missing: list[dict[str, Any]]
    unplaced: list[dict[str, str]]
    not_due: list[str]


def check(
    loaded: Loaded,
    docs: Path,
    job: Path,
    name: str,
    scope: list[str] | None = None,
    progress: Progress | None = None,
    *,
    options: CheckOptions | None = None,
    names: Names | None = None,
) -> Checked:
    """Audit an unpacked folder (docs: the ZIP's name) for what is due by the day asked, of the
    kinds asked, and write its workbook.

    With scope (a unit and its subtree), the figures, lists and workbook hold only those units;
    files are named as uploaded (names), the places they belong by the page's names.
    """
    options = options or CheckOptions(dt.date.today())
    names = names or Names({})
    report = run_check(
        loaded.inputs,
        docs,
        as_of=options.as_of,
        kinds=options.kinds,
        progress=progress,
        signed=options.signed,
    )
    report.unplaced = [names.unplaced(u) for u in report.unplaced]
    wanted = set(scope) if scope is not None else None
    data = public_json(json.loads(report.to_json()), report, names, wanted)
    data["docs"] = name
    rows = [(u, cells) for u, cells in report._rows() if in_scope(u.code, wanted)]
    unplaced = [u for u in report.unplaced if in_scope(u.unit, wanted)]
    book = matrix_workbook(report.kinds, rows, unplaced, report._indicator_rows(), report.as_of)
    (job / CHECK_XLSX).write_bytes(book)
    grid = matrix(report, scope)
    if scope is not None:
        cells = [c for g in grid["groups"] for r in g["rows"] for c in r["cells"]]
        data["units"] = sum(len(g["rows"]) for g in grid["groups"])
        data["required"] = sum(c["status"] not in ("none", "later") for c in cells)
        data["present"] = sum(c["status"] in ("present", "signed") for c in cells)
        data["signed"] = sum(c["status"] == "signed" for c in cells)
        data["complete"] = not (
            data["missing"] or data["invalid"] or data["unfinished"] or data["unsigned"]
        )
    lacking = missing_groups(report, names, wanted)
    return Checked(data, grid, lacking, unplaced_rows(unplaced), not_due(report))


def matrix(report: CheckReport, scope: list[str] | None = None) -> dict:
    """The completeness matrix for the page: kinds, and units grouped by the unit above.

    A kind not yet due on the day checked has no column: the page says so once.
    """
    later = {e.kind for e in report.later}
    shown = [i for i, k in enumerate(report.kinds) if k not in later]
    groups: list[dict] = []
    by_parent: dict[str, dict] = {}
    for unit, cells in report._rows():
        if scope is not None and unit.code not in scope:
            continue
        parent = unit.parent
        key = parent.code if parent else ""
        if key not in by_parent:
            by_parent[key] = {
                "code": key,
                "name": parent.name if parent else msg.TOP_LEVEL,
                "rows": [],
            }
            groups.append(by_parent[key])
        row = {
            "code": unit.code,
            "name": unit.name,
            "cells": [_cell(report.kinds[i], cells[i]) for i in shown],
        }
        by_parent[key]["rows"].append(row)
    kinds = [(report.kinds[i], short_label(report.kinds[i])) for i in shown]
    return {"kinds": kinds, "groups": groups}


def _cell(kind: str, entry: Entry | None) -> dict[str, str]:
    """One cell of the matrix: the status of a unit's document of a kind, and why."""
    status = cell_status(entry)
    reasons = ""
    if entry is not None:
        reasons = "; ".join(f"{p}: {r}" for p, r in entry.problems)
        if status == "unfinished":
            reasons = "; ".join(f"{p}: {unfinished_note(left)}" for p, left in entry.drafts)
    return {
        "kind": kind,
        "status": status,
        "css": STATUS_CLASS[status],
        "text": msg.STATUS_TEXT[status],
        "title": reasons,
    }


@dataclass
class Reported:
    """A finished report request: the level, its indicators, the .docx and chart paths."""

    level: str
    indicators: list[dict[str, Any]]
    docx: str | None
    chart: bool
    notices: list[str] = field(default_factory=list)


def report(loaded: Loaded, job: Path, level: str | None) -> Reported:
    """Measure a level and write its year report into the request's out/ folder, with a chart."""
    out = job / "out"
    result = run_report(loaded.inputs, out, level or None)
    # Every indicator that counted something: the page has room for the rows the signed
    # report leaves to its table.
    charted = [i for i in result.indicators if i.denominator]
    if charted:
        (job / CHART_PNG).write_bytes(
            bar_chart(charted, msg.CHART_TITLE.format(name=result.level.name))
        )
    docx = result.outcome.path if result.outcome is not None else None
    rows = [_indicator(i) for i in result.indicators]
    notices = []
    if result.early is not None:
        notices.append(
            msg.REPORT_DATED_EARLY.format(
                day=short_date(result.early.day),
                planned=short_date(result.early.planned),
                deadline=short_date(result.early.deadline),
                type=UNIT_TYPES[result.level.type],
            )
        )
    level = f"{result.level.name} ({result.level.code})"
    return Reported(level, rows, docx, bool(charted), notices)


def _indicator(indicator: Indicator) -> dict[str, Any]:
    """One measured target as the report page shows it."""
    return {
        "label": indicator.label,
        "type_name": indicator.type_name,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "actual_text": indicator.actual_text,
        "target_text": indicator.target_text,
        "verdict": indicator.verdict,
    }


@dataclass
class Forms:
    """A finished forms request: how many forms, for how many units, and for which level."""

    count: int
    units: int
    level: str


def forms(loaded: Loaded, job: Path, level: str | None) -> Forms:
    """Write the collection forms (of level's subtree) into the request and pack them in a ZIP."""
    folder = job / "phieu"
    result = write_forms(loaded.inputs, folder, level=level or None)
    zip_folder(folder, job / FORMS_ZIP)
    unit = loaded.inputs.find(level) if level else None
    return Forms(len(result.written), result.units, unit.name if unit else "")


@dataclass
class Collected:
    """A finished collect request: the summary line and the root's figures, for the page."""

    summary: str
    totals: list[str]


def collect(loaded: Loaded, forms_folder: Path, job: Path) -> Collected:
    """Collect the uploaded forms into the request's results workbook."""
    result = run_collect(loaded.inputs, [forms_folder], job / COLLECTED_XLSX)
    return Collected(
        msg.COLLECTED.format(forms=result.forms, units=result.units, root=result.root.name),
        [total_text(t) for t in result.totals],
    )
