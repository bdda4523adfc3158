"""`check`: audit a folder of documents against the campaign's required-document matrix.

What a kind requires is computed on the roster in force on the kind's date, so a district
merged away in July owes no document dated after it.

For every unit and every kind the matrix requires, the document is present (the .docx as
generated, or a signed .pdf of the same name beside or instead of it), unfinished (a .docx that
still holds a placeholder where only the unit can write, and no signed copy), invalid, or
missing; the matrix shows a present document as drafted or signed, and `signed` (check
--signed) counts a draft without its signed copy as unsigned, not there. An unfinished document
exists but is a draft: the folder is not complete and the document counts toward no target.
Only the parts needed are read (the main XML part of a .docx, the bytes of a .pdf); nothing is
rendered and nothing is written into the folder.

The pieces: entries.py (a required document's status and how the matrix shows it), folder.py
(the folder indexed once), inspection.py (what one file holds, on worker processes), report.py
(the report as JSON, text table and targets) and workbook.py (`--xlsx`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from antq_docs.check.entries import (
    CELLS,
    DOCX,
    INVALID,
    LATER,
    MISSING,
    NOT_OWED,
    PDF,
    PRESENT,
    SIGNED,
    UNFINISHED,
    UNSIGNED,
    Entry,
    cell_status,
    short_label,
    unfinished_note,
)
from antq_docs.check.folder import Scan, scan_folder
from antq_docs.check.inspection import Inspection, Job, inspect, inspect_docx, inspect_pdf
from antq_docs.check.placing import Unplaced, kinds_read, other_kind, titles
from antq_docs.check.report import CheckReport
from antq_docs.check.strays import place_strays, stray_jobs
from antq_docs.errors import InputError, UsageError
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import REGISTRY
from antq_docs.kinds.pledge import HOUSEHOLD_FOLDER
from antq_docs.messages import check as msg
from antq_docs.model import Campaign, Results, Unit
from antq_docs.output import document_path, is_generated_pdf, recorded
from antq_docs.workers import ordered_map, workers_for

__all__ = [
    "CELLS",
    "INVALID",
    "LATER",
    "MISSING",
    "NOT_OWED",
    "PRESENT",
    "SIGNED",
    "UNFINISHED",
    "UNSIGNED",
    "CheckReport",
    "Entry",
    "Inspection",
    "Unplaced",
    "cell_status",
    "check",
    "inspect_docx",
    "inspect_pdf",
    "needs",
    "short_label",
    "unfinished_note",
]
# A file to read for an entry: (the entry, its path in the folder, the job of reading it).
_Copy = tuple[Entry, str, Job]
_Manifest = dict[str, dict]


def needs(campaign: Campaign, kind: str, unit: Unit, results: Results | None = None) -> bool:
    """Whether a unit must have a kind: the kind's own rule when it is built, else the matrix.

    A kind owed only on some results (a recognition decision) is asked for when the check
    reads the results that call for it.
    """
    if kind in REGISTRY:
        return REGISTRY[kind].owed(campaign, unit, results)
    return campaign.requires(kind, unit.type)


def check(
    inputs: Inputs,
    docs: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    as_of: dt.date | None = None,
    kinds: list[str] | None = None,
    signed: bool = False,
) -> CheckReport:
    """Audit DIR against the matrix: present, invalid, missing, changed, extra, unplaced.

    kinds limits the check to some kinds (default: every kind); as_of asks only for the
    documents due by that day (each kind's date in the campaign; a kind without a date is
    always due), the others are shown as not yet due. signed demands the signed copies: a
    document with only its draft is then unsigned, counted as not there. Files are inspected
    on `workers` processes (--jobs; default one per core).
    """
    docs = Path(docs)
    if not docs.exists():
        raise InputError(msg.NO_FOLDER, path=docs)
    if not docs.is_dir():
        raise InputError(msg.NOT_A_FOLDER, path=docs)
    # Built kinds decide for themselves (the root always reports); others follow the matrix.
    every = list(REGISTRY)
    every += sorted(k for k in inputs.campaign.required if k not in every)
    chosen = chosen_kinds(kinds, every)
    due = [k for k in chosen if is_due(inputs, k, as_of)]
    scan = scan_folder(docs, every)
    manifest = recorded(docs, {*scan.index.values(), *scan.others})
    # The files of kinds not asked for now are neither checked nor strays.
    used = _kept_for_results(inputs, due)
    used |= {key for key in scan.index if key[0] in every and key[0] not in due}
    entries = [
        Entry(unit, kind, document_path(kind, unit.code)) for kind, unit in _owed(inputs, due)
    ]
    later = [
        Entry(unit, kind, document_path(kind, unit.code), status=LATER)
        for kind, unit in _owed(inputs, [k for k in chosen if k not in due])
    ]
    copies = _copies(entries, docs, scan, manifest, inputs.campaign.year, used)
    strays = stray_jobs(docs, scan, used, manifest, inputs.campaign.year)
    found = _run([job for _, _, job in copies] + [job for _, job in strays], workers, progress)
    unplaced: list[Unplaced] = []
    changed = _record(copies, found[: len(copies)], manifest, every, unplaced)
    if signed:
        for entry in entries:
            if entry.status == PRESENT and not entry.signed:
                entry.status = UNSIGNED
    # An owed file that is another unit's document, then the files where nothing is owed.
    misfiled = [(rel, job) for _, rel, job in copies]
    unplaced += place_strays(misfiled, found[: len(copies)], entries, due, owed=True)
    unplaced += place_strays(strays, found[len(copies) :], entries, due)
    extra, refused = _strays(docs, scan, used, manifest, {rel for _, rel, _ in copies})
    report = CheckReport(docs, inputs, chosen, entries, changed, extra, refused)
    report.later, report.unplaced, report.as_of = later, unplaced, as_of
    report.signed_required = signed
    return report


def chosen_kinds(kinds: list[str] | None, every: list[str]) -> list[str]:
    """The kinds asked for, in the registry's order; every kind when none is named."""
    if not kinds:
        return every
    unknown = [k for k in kinds if k not in every]
    if unknown:
        raise UsageError(msg.UNKNOWN_KINDS.format(kinds=", ".join(unknown), known=", ".join(every)))
    return [k for k in every if k in kinds]


def is_due(inputs: Inputs, kind: str, as_of: dt.date | None) -> bool:
    """Whether a kind's documents are due by a day: its date (its own, or the kind it follows)
    is on or before it. Without a day, or a date, every kind is due."""
    declared = REGISTRY.get(kind)
    day = (
        declared.day(inputs.campaign)
        if declared is not None
        else inputs.campaign.doc_dates.get(kind)
    )
    return as_of is None or day is None or day <= as_of


def _owed(inputs: Inputs, kinds: list[str]) -> list[tuple[str, Unit]]:
    """(kind, unit) of every document owed, in the roster's order of units, then of kinds."""
    campaign = inputs.campaign
    # Each kind is owed by the units of the roster in force on its date (danh_sach_don_vi).
    owed = [
        (kind, unit)
        for kind in kinds
        for unit in inputs.roster_for(kind)
        if needs(campaign, kind, unit, inputs.results)
    ]
    order = {u.code: i for i, u in enumerate(inputs.units())}
    owed.sort(key=lambda ku: (order[ku[1].code], kinds.index(ku[0])))
    return owed


def _kept_for_results(inputs: Inputs, kinds: list[str]) -> set[tuple[str, str, str]]:
    """Keys of the files a kind owed only on the results may have, when there are no results.

    Without the results, such a kind (a recognition decision) is asked of no unit; the files of
    units that may owe it are the run's own, not strangers.
    """
    used: set[tuple[str, str, str]] = set()
    if inputs.results is not None:
        return used
    for kind in kinds:
        declared = REGISTRY.get(kind)
        if declared is None or not declared.needs_results:
            continue
        used.update(
            (kind, unit.code.casefold(), ext)
            for unit in inputs.roster_for(kind)
            if declared.needs(inputs.campaign, unit)
            for ext in (DOCX, PDF)
        )
    return used


def _copies(
    entries: list[Entry],
    docs: Path,
    scan: Scan,
    manifest: _Manifest,
    year: int,
    used: set[tuple[str, str, str]],
) -> list[_Copy]:
    """The files to read for each entry (its .docx, its signed .pdf); their keys join used."""
    copies: list[_Copy] = []
    known = titles()
    for entry in entries:
        for ext in (DOCX, PDF):
            key = (entry.kind, entry.unit.code.casefold(), ext)
            if key not in scan.index:
                continue
            rel = scan.index[key]
            used.add(key)
            if ext == PDF and is_generated_pdf(docs, rel, manifest.get(rel)):
                continue  # printed from the draft by `pdf`: not a signed copy
            copies.append((entry, rel, Job(docs / rel, entry.unit.name, year, known)))
    return copies


def _record(
    copies: list[_Copy],
    found: list[Inspection],
    manifest: _Manifest,
    every: list[str],
    unplaced: list[Unplaced],
) -> list[dict[str, str]]:
    """Set each entry's status from what its files hold; return the files changed since made.

    A file whose content is another kind's counts for nothing and joins unplaced.
    """
    changed: list[dict[str, str]] = []
    for (entry, rel, _), (reason, digest, left, heading, _header) in zip(copies, found):
        if heading is not None and entry.kind not in (read := kinds_read(heading, every)):
            unplaced.append(other_kind(rel, entry, read))
            continue
        if reason is not None:
            entry.problems.append((rel, reason))
            if entry.status == MISSING:
                entry.status = INVALID
            continue
        entry.found.append(rel)
        if left:
            entry.drafts.append((rel, left))
            # A signed copy (read before or after) is the document; the draft is only a draft.
            if entry.status != PRESENT:
                entry.status = UNFINISHED
        else:
            entry.status = PRESENT
        recorded = manifest.get(rel)
        if digest is not None and recorded is not None and recorded.get("sha256") != digest:
            changed.append({"unit": entry.unit.code, "kind": entry.kind, "path": rel})
    return changed


def _strays(
    docs: Path,
    scan: Scan,
    used: set[tuple[str, str, str]],
    manifest: _Manifest,
    owed_paths: set[str],
) -> tuple[list[str], list[dict[str, str]]]:
    """The files no document is owed for, and the entries refused that are no owed document."""
    unused = [path for key, path in scan.index.items() if key not in used]
    # Households' own pledge forms (generate --per-household) are owed by no unit; they are
    # the run's documents, not strangers in the folder.
    others = [p for p in scan.others if not p.startswith(f"{HOUSEHOLD_FOLDER}/")]
    extra = sorted(
        p
        for p in [p for p in unused if p not in scan.refused] + others
        # The hồ sơ and the PDFs the tool made are its own files, not strays.
        if not is_generated_pdf(docs, p, manifest.get(p))
    )
    # An owed document that is a link or a FIFO is already reported as invalid, on its entry.
    refused = [
        {"path": p, "reason": r} for p, r in sorted(scan.refused.items()) if p not in owed_paths
    ]
    return extra, refused


def _run(
    plain: list[Job],
    workers: int | None,
    progress: Callable[[int, int], None] | None,
) -> list[Inspection]:
    """Inspect every file, on `workers` processes (parsing is CPU-bound; default every core)."""
    results: list[Inspection] = []
    for result in ordered_map(inspect, plain, workers_for(workers, len(plain))):
        results.append(result)
        if progress:
            progress(len(results), len(plain))
    return results
