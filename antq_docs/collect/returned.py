"""The returned forms as read: which files are forms, each opened once and read by headings.

A form says whose it is (layout.OWNER_NAME, layout.OWNER_LABEL), not its file name; a form
re-saved by Excel or LibreOffice, with a title row added or its rows re-ordered, still reads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs.collect.layout import GUIDE_COLUMNS, GUIDE_SHEET, OWNER_LABEL, OWNER_NAME
from antq_docs.errors import Finding, InputError
from antq_docs.inputs.tables import Column, Table
from antq_docs.inputs.workbook import read_workbook
from antq_docs.messages import documents as msg
from antq_docs.vi import fold

# What a returned form may be: a workbook Excel or LibreOffice saved (.xlsm if macros crept in).
FORM_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class ReturnedForm:
    """One returned workbook as read: whose it says it is, its data sheets, what went wrong.

    label is how messages name the file: its name, or its path from the folder given when two
    files share a name.
    """

    path: Path
    label: str
    owner: str = ""
    tables: dict[str, Table] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def form_files(paths: list[Path]) -> list[Path]:
    """The forms named: files as given, and the .xlsx files under folders (not through links).

    Files Excel and LibreOffice keep while a workbook is open (~$…, .~lock…) and hidden files
    are passed over.
    """
    found: dict[Path, Path] = {}
    for path in paths:
        if not path.is_dir() or path.is_symlink():
            found.setdefault(path.resolve(), path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                candidate = Path(folder) / name
                if name.startswith(("~$", ".")) or candidate.suffix.lower() not in FORM_SUFFIXES:
                    continue
                found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def read_form(sheets: dict[str, list[Column]], path: Path) -> ReturnedForm:
    """Open one returned form once and read its guide and its data sheets by their headings."""
    form = ReturnedForm(path, path.name)
    if path.suffix.lower() not in FORM_SUFFIXES:
        form.findings.append(Finding(msg.FORM_NOT_XLSX, file=path.name))
        return form
    try:
        book = read_workbook(path, {GUIDE_SHEET: GUIDE_COLUMNS, **sheets})
    except InputError as e:
        form.findings.append(Finding(e.reason, file=path.name))
        return form
    guide = book.tables.pop(GUIDE_SHEET, None)
    # The labelled cell is found by its heading wherever rows moved; the defined name still
    # finds it when its label was lost.
    form.owner = _owner_in(guide) or book.names.get(OWNER_NAME, "")
    if not form.owner:
        form.findings.append(
            Finding(
                msg.FORM_NOT_A_FORM.format(label=OWNER_LABEL, sheet=GUIDE_SHEET),
                file=path.name,
            )
        )
        return form
    form.tables = book.tables
    form.findings += book.findings
    form.findings += [
        Finding(msg.FORM_SHEET_MISSING.format(name=name), file=path.name)
        for name in book.missing
        if name != GUIDE_SHEET
    ]
    return form


def _owner_in(guide: Table | None) -> str:
    """The owner's code in the guide's row OWNER_LABEL, or ''."""
    wanted = fold(OWNER_LABEL)
    rows = guide.rows if guide is not None else []
    return next((r.get("noi_dung") for r in rows if fold(r.get("muc")) == wanted), "")


def form_labels(files: list[Path], given: list[Path]) -> dict[Path, str]:
    """How messages name each file: its name, or its path from the folder given.

    The path is used when two files share a name (the same form sent twice, in two folders).
    """
    names = [f.name.casefold() for f in files]
    labels = {}
    for path in files:
        label = path.name
        if names.count(path.name.casefold()) > 1:
            base = next((g for g in given if g.is_dir() and path.is_relative_to(g)), None)
            label = str(path.relative_to(base.parent) if base is not None else path)
        labels[path] = label
    return labels
