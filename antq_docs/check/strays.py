"""The documents found where no document is owed: read, and named with the place they belong.

A .docx under another name, in another kind's folder or outside the kind folders is read like
an owed one: its kind from its title and trích yếu, and which of the units still lacking that
kind it names. One unit: the file is renamed or misplaced, and the check says where it goes;
several or none: the check says so. A scanned .pdf cannot be read for its words.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from antq_docs.check.entries import DOCX, PDF, Entry
from antq_docs.check.folder import Scan
from antq_docs.check.inspection import Inspection, Job
from antq_docs.check.placing import (
    MISPLACED,
    RENAMED,
    UNKNOWN,
    UNREADABLE,
    Unplaced,
    kinds_read,
    labels,
    titles,
)
from antq_docs.kinds.pledge import HOUSEHOLD_FOLDER
from antq_docs.messages import check as msg
from antq_docs.model import Unit
from antq_docs.output import is_generated_pdf

# A stray file to read: its path in the folder, and the job of reading it.
Stray = tuple[str, Job]
# How many units a file is said to perhaps belong to before the rest are left out.
_NAMED = 3


def lacking_units(
    scan: Scan, used: set[tuple[str, str, str]], entries: list[Entry]
) -> tuple[tuple[str, str], ...]:
    """(code, name) of the units owing a document of which no file was found at all: those a
    file found elsewhere may belong to."""
    found = {path for key, path in scan.index.items() if key in used}
    return tuple(
        dict.fromkeys(
            (e.unit.code, e.unit.name)
            for e in entries
            if e.expected not in found and _pdf(e.expected) not in found
        )
    )


def stray_jobs(
    docs: Path,
    scan: Scan,
    used: set[tuple[str, str, str]],
    manifest: dict[str, dict],
    lacking: tuple[tuple[str, str], ...],
    year: int,
) -> list[Stray]:
    """The .docx and .pdf files no owed document is, each with the units it may belong to."""
    unused = [path for key, path in scan.index.items() if key not in used]
    paths = sorted(
        p
        for p in unused + scan.others
        if PurePosixPath(p).suffix.lower() in (DOCX, PDF)
        and p not in scan.refused
        and not p.startswith(f"{HOUSEHOLD_FOLDER}/")
        and not is_generated_pdf(docs, p, manifest.get(p))
    )
    known = titles()
    return [(p, Job(docs / p, "", year, known, lacking)) for p in paths]


def misfiled_jobs(
    copies: list[tuple[Entry, str, Job]],
    found: list[Inspection],
    lacking: tuple[tuple[str, str], ...],
) -> list[Stray]:
    """The owed .docx files that open but are not their unit's (or year's), to read again for
    the lacking unit they name: another unit's document filed under this unit's name."""
    return [
        (rel, replace(job, unit_name="", names=lacking))
        for (_, rel, job), inspection in zip(copies, found)
        if inspection.reason is not None and inspection.sha256 is not None and lacking
    ]


def place_misfiled(
    misfiled: list[Stray], found: list[Inspection], entries: list[Entry], due: list[str]
) -> list[Unplaced]:
    """The owed files that are one lacking unit's document, with the place they belong."""
    out = []
    for (path, _), inspection in zip(misfiled, found):
        placed = _placed(path, inspection, entries, due)
        if placed is not None and placed.unit is not None and placed.place != path:
            out.append(placed)
    return out


def _pdf(expected: str) -> str:
    """The signed copy's path beside an expected .docx."""
    return str(PurePosixPath(expected).with_suffix(PDF))


def place_strays(
    strays: list[Stray], found: list[Inspection], entries: list[Entry], due: list[str]
) -> list[Unplaced]:
    """What each stray document is and where it belongs, as far as its content tells.

    A document of a kind not asked for now is left alone.
    """
    out: list[Unplaced] = []
    for (path, _), inspection in zip(strays, found):
        unplaced = _placed(path, inspection, entries, due)
        if unplaced is not None:
            out.append(unplaced)
    return out


def _placed(
    path: str, inspection: Inspection, entries: list[Entry], due: list[str]
) -> Unplaced | None:
    """One stray file: unreadable, unknown, or a kind's document and the place it belongs."""
    if inspection.reason is not None and inspection.sha256 is None:
        return Unplaced(path, UNREADABLE, msg.UNREADABLE.format(reason=inspection.reason))
    if inspection.heading is None:
        scanned = PurePosixPath(path).suffix.lower() == PDF
        return Unplaced(path, UNKNOWN, msg.SCANNED if scanned else msg.NO_TITLE)
    read = kinds_read(inspection.heading, due)
    if not read:
        return None
    named = set(inspection.named)
    owners = [e for e in entries if e.kind in read and e.unit.code in named and not e.found]
    owners = _narrowest(owners)
    if not owners:
        return Unplaced(path, UNKNOWN, msg.NO_UNIT.format(read=labels(read)), kind=read[0])
    if len(owners) > 1:
        units = ", ".join(
            msg.UNIT_NAMED.format(code=e.unit.code, name=e.unit.name) for e in owners[:_NAMED]
        )
        return Unplaced(
            path, MISPLACED, msg.SEVERAL_UNITS.format(read=labels(read), units=units), read[0]
        )
    owner = owners[0]
    renamed = PurePosixPath(path).parent.name == owner.kind
    text = (msg.RENAMED if renamed else msg.MISPLACED).format(
        read=labels([owner.kind]), code=owner.unit.code, name=owner.unit.name, place=owner.expected
    )
    problem = RENAMED if renamed else MISPLACED
    return Unplaced(path, problem, text, owner.kind, owner.unit.code, owner.expected)


def _narrowest(owners: list[Entry]) -> list[Entry]:
    """The units a document names, without those above another one it names: a village's
    pledge names its commune too, in its header."""
    codes = {e.unit.code for e in owners}
    above = {
        ancestor.code
        for e in owners
        for ancestor in _ancestors(e)
        if ancestor.code in codes and ancestor.code != e.unit.code
    }
    return [e for e in owners if e.unit.code not in above]


def _ancestors(entry: Entry) -> list[Unit]:
    """The units above an entry's unit, nearest first."""
    out: list[Unit] = []
    parent = entry.unit.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out
