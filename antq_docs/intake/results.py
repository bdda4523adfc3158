"""What a run of intake (or of --assign) did: the documents filed, filed before, scanned twice,
and the pages left for a person."""

from __future__ import annotations

from dataclasses import dataclass, field

from antq_docs.output import REVIEW

# How each document was known: its QR code, its heading read by OCR, or a person's --assign.
QR, OCR, BY_HAND = "qr", "ocr", "tay"


@dataclass(frozen=True)
class Placed:
    """A document found in a scan: where it is filed, from which pages, how it was known."""

    path: str
    unit: str
    kind: str
    scan: str
    pages: str
    method: str
    confidence: float
    # For a second scan of a document already signed: where the first came from.
    first: str = ""


@dataclass(frozen=True)
class Unplaced:
    """A page not filed: which, why, and its picture in DIR/chua-xep/."""

    scan: str
    page: int
    reason: str
    picture: str


@dataclass
class IntakeResult:
    """What a run of intake did."""

    ocr: bool
    filed: list[Placed] = field(default_factory=list)
    already: list[Placed] = field(default_factory=list)
    seconds: list[Placed] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    # The folder's documents (unit, kind) still without a signed copy once the run is over:
    # what a page left for review may yet be filed as (UNIT/KIND in --assign).
    unsigned: list[tuple[str, str]] = field(default_factory=list)
    # Where each page of a scan was filed before this run: (scan digest, page) → path.
    earlier: dict[tuple[str, int], str] = field(default_factory=dict, repr=False)

    @property
    def exit_code(self) -> int:
        """0 when every page was filed, 3 when some are left for a person."""
        return 3 if self.unplaced or self.unreadable else 0

    def to_json(self) -> dict:
        """The result as plain data (intake --format json)."""
        return {
            "ocr": self.ocr,
            "filed": [vars(p) for p in self.filed],
            "already": [vars(p) for p in self.already],
            "second_scans": [vars(p) for p in self.seconds],
            "unplaced": [vars(u) for u in self.unplaced],
            "review_folder": REVIEW,
            "unreadable": [{"scan": s, "reason": r} for s, r in self.unreadable],
            "unsigned": [{"unit": u, "kind": k} for u, k in self.unsigned],
        }
