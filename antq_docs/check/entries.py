"""What `check` finds for each required document: its status, and how the matrix shows it.

A document is present (the .docx as generated, or a signed .pdf of the same name beside or
instead of it), unfinished (a .docx that still holds a placeholder where only the unit can
write, and no signed copy), invalid, or missing. The matrix tells a drafted document (the .docx
only) from a signed one (its scan filed beside it); when the check demands signed copies
(check --signed), a document with only its draft is unsigned and counts as not there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from antq_docs.kinds import REGISTRY
from antq_docs.messages import check as msg
from antq_docs.model import Unit

PRESENT, MISSING, INVALID, UNFINISHED = "present", "missing", "invalid", "unfinished"
# A finished draft without its signed copy, when the check demands signed copies.
UNSIGNED = "unsigned"
# A document the unit will owe, not yet due on the day the check is made for (check --ngay).
LATER = "later"
# What a cell of the matrix shows besides an entry's status: the signed copy is filed (with or
# without its draft; PRESENT then shows a draft only), or the unit does not owe the kind.
SIGNED, NOT_OWED = "signed", "none"
# Each cell's words in the table and the workbook, and its fill in the workbook (the colours of
# the web page's matrix), in the order of the workbook's legend.
CELLS: dict[str, tuple[str, str | None]] = {
    PRESENT: (msg.CELL_PRESENT, "C8E6C9"),
    SIGNED: (msg.CELL_SIGNED, "81C784"),
    UNSIGNED: (msg.CELL_UNSIGNED, "FFE0B2"),
    UNFINISHED: (msg.CELL_UNFINISHED, "FFF59D"),
    INVALID: (msg.CELL_INVALID, "FFCC80"),
    MISSING: (msg.CELL_MISSING, "EF9A9A"),
    LATER: (msg.CELL_LATER, "E0E0E0"),
    NOT_OWED: ("–", None),
}
DOCX, PDF = ".docx", ".pdf"


def short_label(kind: str) -> str:
    """The column heading of a kind in the table and the workbook, as the kind declares it."""
    declared = REGISTRY.get(kind)
    return declared.short if declared and declared.short else kind


@dataclass
class Entry:
    """One required document of one unit and what was found for it."""

    unit: Unit
    kind: str
    expected: str
    status: str = MISSING
    found: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    # (path, the placeholder paragraphs) of a readable .docx that is still a draft.
    drafts: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def signed(self) -> bool:
        """Whether a valid copy is a signed PDF."""
        return any(p.lower().endswith(PDF) for p in self.found)


def cell_status(entry: Entry | None) -> str:
    """What the matrix shows for a unit and a kind: a key of CELLS (None: not owed)."""
    if entry is None:
        return NOT_OWED
    if entry.status == LATER:
        return LATER
    if entry.problems:
        return INVALID
    if entry.status == PRESENT:
        return SIGNED if entry.signed else PRESENT
    return entry.status


def unfinished_note(left: tuple[str, ...]) -> str:
    """The first placeholder left in a draft, and how many more there are."""
    more = msg.MORE_PLACEHOLDERS.format(count=len(left) - 1) if len(left) > 1 else ""
    return msg.PLACEHOLDER_LEFT.format(first=left[0], more=more)
