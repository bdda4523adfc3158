"""What one owed file holds, read without rendering anything.

Only the main XML part of a .docx and the bytes of a .pdf are read; the reading runs on worker
processes, so a job and its answer are plain, picklable values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from antq_docs.check.entries import PDF
from antq_docs.check.placing import HEAD_PARAGRAPHS, heading_of
from antq_docs.docxread import PLACEHOLDER, Package, check_pdf, document_text, placeholders
from antq_docs.errors import UnreadableDocument
from antq_docs.messages import check as msg
from antq_docs.vi import fold

_TAG = re.compile(r"\{\{|\{%")
_YEAR = re.compile(r"năm\s+(\d{4})")
# The marker as it reads in the folded text: a cheap test before the paragraphs are looked at.
_FOLDED_PLACEHOLDER = fold(PLACEHOLDER)


@dataclass(frozen=True)
class Job:
    """One file to inspect, with what it must say.

    titles are the kinds' titles to look for (the kind is read from the content). unit_name is
    '' for a file no document is owed for: it owes no unit's name.
    """

    path: Path
    unit_name: str
    year: int
    titles: frozenset[str] = frozenset()


class Inspection(NamedTuple):
    """What one file holds: why it is invalid (or None), its SHA-256, the placeholders left,
    its (title, trích yếu) when it bears a known title, and the words of the header above the
    title when the file is not (or may not be) its unit's, to find whose it is."""

    reason: str | None
    sha256: str | None = None
    placeholders: tuple[str, ...] = ()
    heading: tuple[str, str] | None = None
    header: str = ""


def inspect_docx(job: Job) -> Inspection:
    """Read a .docx: why it is invalid, its SHA-256 (None when unreadable), its placeholders."""
    try:
        package = Package(job.path)
        raw = document_text(package.document())
        text = fold(raw)
    except UnreadableDocument as e:
        return Inspection(e.reason)
    found = heading_of(raw.split("\n", HEAD_PARAGRAPHS), job.titles) if job.titles else None
    heading, header = found or (None, "")
    reasons = _reasons(job, text) if job.unit_name else []
    # Nearly every document holds no placeholder: its paragraphs are split only when the
    # folded text (already made) holds the marker somewhere.
    left = tuple(placeholders(raw)) if _FOLDED_PLACEHOLDER in text else ()
    # The header goes back only for a file that may be another unit's: little to send.
    if job.unit_name and not reasons:
        header = ""
    return Inspection("; ".join(reasons) or None, package.sha256, left, heading, header)


def _names(text: str, name: str) -> bool:
    """Whether a folded text names a unit as a whole name, not as the start of a longer one."""
    return re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", text) is not None


def _reasons(job: Job, text: str) -> list[str]:
    """Why an owed document is unusable: a template tag left, another unit, another year."""
    reasons = []
    tag = _TAG.search(text)
    if tag:
        snippet = text[tag.start() : tag.start() + 40].split("\n", 1)[0]
        reasons.append(msg.TAG_LEFT.format(snippet=snippet))
    if not _names(text, job.unit_name):
        reasons.append(msg.NO_UNIT_NAME.format(name=job.unit_name))
    years = set(_YEAR.findall(text))
    if str(job.year) not in years:
        others = ", ".join(sorted(years))
        reasons.append(
            msg.OTHER_YEAR.format(years=others, year=job.year)
            if others
            else msg.NO_YEAR.format(year=job.year)
        )
    return reasons


def inspect_pdf(job: Job) -> Inspection:
    """Read a PDF: why it is invalid (or None); a scan's text cannot be read, nor its hash kept."""
    try:
        check_pdf(job.path)
    except UnreadableDocument as e:
        return Inspection(e.reason)
    return Inspection(None)


def inspect(job: Job) -> Inspection:
    """Read one file, a .pdf or a .docx by its extension."""
    return inspect_pdf(job) if job.path.suffix.lower() == PDF else inspect_docx(job)
