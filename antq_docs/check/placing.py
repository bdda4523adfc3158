"""A document's kind read from its content, and the files `check` could not place.

The kind of a file is not trusted from its folder: its title ("BẢN CAM KẾT", "KẾ HOẠCH",
"BÁO CÁO"…) and the words its trích yếu starts with are compared with the bundled templates of
every kind, read once (only their main part, as any .docx is read here). An evaluation saved
as a pledge is then no pledge; a plan saved under another name, or in another kind's folder, is
named with the place it belongs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from antq_docs.check.entries import Entry
from antq_docs.docxread import Package, paragraph_text
from antq_docs.kinds import REGISTRY
from antq_docs.messages import check as msg
from antq_docs.resources import template_path
from antq_docs.vi import fold

_WORD = re.compile(r"\w+")
# The paragraph of a template that holds the document's date: the title follows it.
_DATE_TAG = re.compile(r"\{\{\s*dong_ngay\s*\}\}")
# Titles and trích yếu are looked for among the first paragraphs only (the header and the
# Quốc hiệu come before them).
HEAD_PARAGRAPHS = 60

# Why a file could not be placed.
OTHER_KIND, MISPLACED, RENAMED, UNKNOWN, UNREADABLE = (
    "other-kind",
    "misplaced",
    "renamed",
    "unknown",
    "unreadable",
)


@dataclass(frozen=True)
class Signature:
    """How a kind's document begins: its title, and the first words of its trích yếu (folded)."""

    title: str
    lead: str


@functools.lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[Signature, ...]]:
    """Every built kind's signatures, one per template form, read from the bundled templates."""
    out: dict[str, tuple[Signature, ...]] = {}
    for name, kind in REGISTRY.items():
        found = {s for t in kind.forms.values() if t and (s := _template_signature(t)) is not None}
        out[name] = tuple(sorted(found, key=lambda s: (s.title, s.lead)))
    return out


def _template_signature(template: str) -> Signature | None:
    """The title after the date line of a template, and its trích yếu up to its first tag."""
    texts = [paragraph_text(p) for p in Package(template_path(template)).document().iter(_W_P)]
    lines = [t for t in texts if t.strip()]
    for index, line in enumerate(lines[:-2]):
        if _DATE_TAG.search(line):
            lead = re.split(r"\{[{%]", lines[index + 2], maxsplit=1)[0]
            return Signature(fold(lines[index + 1]), fold(lead))
    return None


_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def titles() -> frozenset[str]:
    """Every title a kind's document bears, folded: what a worker looks for in a file."""
    return frozenset(s.title for sigs in signatures().values() for s in sigs)


def heading_of(lines: list[str], known: frozenset[str]) -> tuple[tuple[str, str], str] | None:
    """(title, trích yếu) of a document's text, folded, and the words of the header above the
    title (where the issuing body is named): the first known title among its first paragraphs
    and the paragraph after it; None when it bears no known title."""
    head = [fold(line) for line in lines[:HEAD_PARAGRAPHS] if line.strip()]
    for index, line in enumerate(head):
        if line in known:
            lead = head[index + 1] if index + 1 < len(head) else ""
            return (line, lead), words(" ".join(head[:index]))
    return None


def words(text: str) -> str:
    """A text's words, folded and joined by single spaces, without punctuation ('&', ':')."""
    return " ".join(_WORD.findall(fold(text)))


def names_in(header: str, name: str) -> bool:
    """Whether a header's words (words()) hold a unit's name as whole words."""
    return f" {words(name)} " in f" {header} "


def kinds_read(heading: tuple[str, str], kinds: Iterable[str]) -> list[str]:
    """The kinds (of those checked) whose documents begin as this one does.

    The title must be the kind's; when the trích yếu starts as one of those kinds' templates,
    only those kinds (a plan and a Ngày hội plan are both "KẾ HOẠCH"); a trích yếu an official
    rewrote leaves every kind of that title.
    """
    title, lead = heading
    by_title = [k for k in kinds if any(s.title == title for s in signatures().get(k, ()))]
    by_lead = [
        k
        for k in by_title
        if any(s.title == title and s.lead and lead.startswith(s.lead) for s in signatures()[k])
    ]
    return by_lead or by_title


def labels(kinds: Iterable[str]) -> str:
    """'bản cam kết' or 'nghị quyết của cấp ủy hoặc nghị quyết của chi bộ'."""
    return msg.OR.join(REGISTRY[k].label if k in REGISTRY else k for k in kinds)


@dataclass(frozen=True)
class Unplaced:
    """A file check could not count where it lies: why, the kind it reads as, and the unit
    and place it seems to belong to."""

    path: str
    problem: str
    reason: str
    kind: str | None = None
    unit: str | None = None
    place: str | None = None

    def as_json(self) -> dict[str, str | None]:
        """The file as `check --format json` lists it."""
        return {
            "path": self.path,
            "problem": self.problem,
            "kind": self.kind,
            "unit": self.unit,
            "place": self.place,
            "reason": self.reason,
        }


def other_kind(path: str, entry: Entry, read: list[str]) -> Unplaced:
    """An owed file whose content is another kind's: it counts for nothing where it lies."""
    reason = msg.OTHER_KIND.format(read=labels(read), expected=labels([entry.kind]))
    return Unplaced(path, OTHER_KIND, reason, kind=read[0], unit=entry.unit.code)
