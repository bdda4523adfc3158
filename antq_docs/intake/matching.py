"""Which document of the folder a scanned first page is, read without a QR code.

Each document the manifest lists (its .docx) is a candidate; its heading block, as the tool
wrote it, is compared with what Tesseract read, word by word and pair of words by pair. Words
every candidate shares (CỘNG HÒA, Căn cứ…) weigh almost nothing; what tells units apart (the
unit's and the commune's names, the number, the date) weighs most. The confidence is how much
better the best candidate fits than the next: two "Tổ dân phố 1" of two wards are told apart by
their ward's name, and when nothing tells them apart the page is never filed.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from antq_docs.docxread import Package, document_text
from antq_docs.errors import AntqError
from antq_docs.vi import strip_marks

# The words of a document's start compared with a page's heading block, at most.
_WORDS = 70
# The first words of a body, after the heading block.
_BODY = ("can cu", "kinh gui")
# A page is filed only when the best candidate holds this share of its weighted words…
MIN_SCORE = 0.5
# …and the page shows this much more of the words only it holds than of those only a close
# rival holds (the confidence), against every rival within _RIVALS of its score.
MIN_CONFIDENCE = 0.4
_RIVALS = 0.3
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Candidate:
    """A document of the folder a scan may be: where its .docx is, its unit and kind."""

    rel: str
    unit: str
    kind: str

    @property
    def signed(self) -> str:
        """Where its signed copy is filed: beside the .docx, under its name, as a PDF."""
        return Path(self.rel).with_suffix(".pdf").as_posix()


@dataclass(frozen=True)
class Match:
    """The candidate a page fits best, how well, and by how much more than the next."""

    candidate: Candidate | None
    score: float
    confidence: float

    @property
    def sure(self) -> bool:
        """Whether the match is good enough to file the page under it."""
        return self.candidate is not None and (
            self.score >= MIN_SCORE and self.confidence >= MIN_CONFIDENCE
        )


def features(text: str) -> set[str]:
    """The words and the pairs of neighbouring words of each line, folded to plain letters.

    Pairs never span two lines: the heading's two columns are read side by side by OCR and
    one after the other from the .docx, and neither order is the document's.
    """
    found: set[str] = set()
    for line in text.splitlines():
        words = _TOKEN.findall(strip_marks(line))
        found.update(words)
        found.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return found


class Matcher:
    """The folder's documents, each by the words of its start, weighted by how rare they are."""

    def __init__(self, docs: Path, candidates: list[Candidate]) -> None:
        self.candidates: list[Candidate] = []
        self._features: list[set[str]] = []
        for candidate in candidates:
            start = _start(docs / candidate.rel)
            if start:
                self.candidates.append(candidate)
                self._features.append(features(start))
        counts = Counter(f for found in self._features for f in found)
        total = len(self._features) + 1
        self._weight = {f: math.log(total / n) for f, n in counts.items()}

    def match(self, text: str) -> Match:
        """The candidate whose start the OCR text fits best, and how surely."""
        read = features(heading_block(text))
        scores = sorted(
            ((self._score(found, read), i) for i, found in enumerate(self._features)),
            reverse=True,
        )
        if not scores:
            return Match(None, 0.0, 0.0)
        best, index = scores[0]
        # Sure only against every close rival: the words that tell the two apart must be the
        # best's, not the rival's ("Tổ dân phố 1", not "2"; this ward's name, not that one's).
        rivals = [i for score, i in scores[1:] if score >= best - _RIVALS]
        confidence = min((self._apart(index, i, read) for i in rivals), default=1.0)
        return Match(self.candidates[index], round(best, 3), round(confidence, 3))

    def _score(self, found: set[str], read: set[str]) -> float:
        """The weighted share of a candidate's words that the page shows."""
        whole = sum(self._weight[f] for f in found)
        return sum(self._weight[f] for f in found & read) / whole if whole else 0.0

    def _apart(self, best: int, rival: int, read: set[str]) -> float:
        """How much more of what only the best holds the page shows than of what only the
        rival holds (1: all the best's own words, none of the rival's; 0 or less: no better)."""
        # Pairs of words when the two differ by some: a lone "1" is read from a list's
        # numbering too, "phố 1" only from the unit's name.
        own, theirs = _pairs_first(self._features[best], self._features[rival])
        if not own:
            return 0.0  # the same words: nothing tells them apart
        return self._share(own, read) - (self._share(theirs, read) if theirs else 0.0)

    def _share(self, words: set[str], read: set[str]) -> float:
        """The weighted share of words that the page shows."""
        return sum(self._weight[f] for f in words & read) / sum(self._weight[f] for f in words)


def _pairs_first(best: set[str], rival: set[str]) -> tuple[set[str], set[str]]:
    """What only the best holds and what only the rival holds, as pairs of words when any."""
    own, theirs = best - rival, rival - best
    own_pairs = {f for f in own if " " in f}
    theirs_pairs = {f for f in theirs if " " in f}
    return (own_pairs, theirs_pairs) if own_pairs else (own, theirs)


def _start(path: Path) -> str:
    """The heading block of a .docx, line by line; empty when it cannot be read."""
    try:
        return heading_block(document_text(Package(path).document()))
    except (AntqError, OSError):
        return ""


def heading_block(text: str) -> str:
    """The lines of a text before its body, at most _WORDS words.

    The body begins with its legal bases ("Căn cứ…"), at the same place in every candidate and
    on the page: none is told apart by the first words of its body, and a commune's name
    further down a village's page ("Bên nhận cam kết: Ủy ban nhân dân phường…") never makes
    the page the commune's.
    """
    lines, count = [], 0
    for line in text.splitlines():
        if count >= _WORDS or strip_marks(line.strip()).startswith(_BODY):
            break
        lines.append(line)
        count += len(line.split())
    return "\n".join(lines)
