"""The documents found where no document is owed: read, and named with the place they belong.

A .docx under another name, in another kind's folder or outside the kind folders is read like
an owed one: its kind from its title and trích yếu, and which of the units still lacking that
kind it names. One unit: the file is renamed or misplaced, and the check says where it goes;
several or none: the check says so. A scanned .pdf cannot be read for its words.
"""

from __future__ import annotations

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
    names_in,
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


def stray_jobs(
    docs: Path,
    scan: Scan,
    used: set[tuple[str, str, str]],
    manifest: dict[str, dict],
    year: int,
) -> list[Stray]:
    """The .docx and .pdf files no owed document is, each to be read like an owed one."""
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
    return [(p, Job(docs / p, "", year, known)) for p in paths]


def place_strays(
    strays: list[Stray],
    found: list[Inspection],
    entries: list[Entry],
    due: list[str],
    *,
    owed: bool = False,
) -> list[Unplaced]:
    """What each file is and where it belongs, as far as its content tells.

    owed: the files are owed documents; only those that are another lacking unit's document
    are listed (the others are counted, or invalid, where they lie). A document of a kind not
    asked for now is left alone.
    """
    lacking = [e for e in entries if not e.found]
    out: list[Unplaced] = []
    for (path, _), inspection in zip(strays, found):
        if owed and not inspection.header:
            continue
        placed = _placed(path, inspection, lacking, due)
        if placed is not None and (not owed or (placed.unit and placed.place != path)):
            out.append(placed)
    return out


def _placed(
    path: str, inspection: Inspection, lacking: list[Entry], due: list[str]
) -> Unplaced | None:
    """One file: unreadable, unknown, or a kind's document and the place it belongs."""
    if inspection.reason is not None and inspection.sha256 is None:
        return Unplaced(path, UNREADABLE, msg.UNREADABLE.format(reason=inspection.reason))
    if inspection.heading is None:
        scanned = PurePosixPath(path).suffix.lower() == PDF
        return Unplaced(path, UNKNOWN, msg.SCANNED if scanned else msg.NO_TITLE)
    read = kinds_read(inspection.heading, due)
    if not read:
        return None
    owners = _owners(inspection.header, [e for e in lacking if e.kind in read])
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


def _owners(header: str, lacking: list[Entry]) -> list[Entry]:
    """The lacking documents whose unit the header names; of several, those whose unit above
    is named too (names such as "Thôn 1" repeat across communes)."""
    owners = _narrowest([e for e in lacking if names_in(header, e.unit.name)])
    if len(owners) > 1:
        placed = [e for e in owners if e.unit.parent and names_in(header, e.unit.parent.name)]
        owners = placed or owners
    return owners


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
