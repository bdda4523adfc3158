"""intake: a pile of signed scans filed, document by document, as the folder's signed copies.

Each page of each scan (PDF or photo) is read (reading.py): its QR code, or by Tesseract its
Quốc hiệu, page number and heading block. Pages are grouped into documents (grouping.py); a
document is identified by its code, or by its heading matched against the folder's documents
(matching.py) with a confidence, and filed only when sure (filing.py): as a PDF beside its .docx,
journalled, recorded with its provenance, never over a signed copy already there. Every page
left is pictured in DIR/chua-xep/ and listed; `assign` files such pages by hand (run.py holds
the rules of a run).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from antq_docs.errors import InputError, UsageError
from antq_docs.intake.candidates import by_target
from antq_docs.intake.filing import Source, page_ranges
from antq_docs.intake.grouping import Group
from antq_docs.intake.reading import ocr_available, read_page
from antq_docs.intake.results import BY_HAND, OCR, QR, IntakeResult, Placed, Unplaced
from antq_docs.intake.run import Run
from antq_docs.intake.sources import PageRef, page_count, pages
from antq_docs.messages import intake as msg
from antq_docs.output import LOCK_TIMEOUT_S, OutputFolder, file_sha256

__all__ = [
    "BY_HAND",
    "OCR",
    "QR",
    "IntakeResult",
    "Placed",
    "Unplaced",
    "assign",
    "intake",
    "ocr_available",
]

Progress = Callable[[int, int], None]


def _source(path: Path) -> Source:
    """A scan as given, with its digest (so a re-run knows pages it filed)."""
    try:
        digest = file_sha256(Path(path))
    except OSError as e:
        raise InputError(msg.SCAN_UNREADABLE, path=Path(path).name) from e
    return Source(Path(path), Path(path).name, digest)


def intake(
    scans: list[Path],
    docs: Path,
    *,
    ocr: bool | None = None,
    progress: Progress | None = None,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    scope: Collection[str] | None = None,
) -> IntakeResult:
    """File the documents of the scans as the signed copies of the folder docs; with scope
    (unit codes), only documents of those units are filed, the others' pages left."""
    ocr = ocr_available() if ocr is None else ocr
    result = IntakeResult(ocr=ocr)
    sources, counts = [], []
    for path in scans:
        try:
            counts.append(page_count(Path(path)))
            sources.append(_source(Path(path)))
        except InputError as e:
            result.unreadable.append((Path(path).name, e.reason))
    total, done = sum(counts), 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    with OutputFolder(docs, wait=wait, on_wait=on_wait) as folder:
        run = Run(folder, result, tick, scope)
        for source in sources:
            try:
                run.scan(source)
            except InputError as e:
                # Read no further (changed or damaged since it was counted); the pages of its
                # document being read are neither filed nor left: the scan is listed instead.
                result.unreadable.append((source.name, e.reason))
        run.list_unsigned()
    return result


@dataclass(frozen=True)
class _Order:
    """One --assign order as written: the scan, its pages, and the document named."""

    scan: Path
    pages: str
    target: str


def assign(
    orders: list[str],
    docs: Path,
    *,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    scope: Collection[str] | None = None,
) -> IntakeResult:
    """File pages by hand: each order 'SCAN:PAGES=UNIT/KIND' ('scan0001.pdf:3-5=KT-01/pledge'),
    or 'SCAN:PAGES=PATH' naming a document by its place ('pledge-household/KDC/HO'); with
    scope (unit codes), only as a document of those units."""
    parsed = [_order(text) for text in orders]
    result = IntakeResult(ocr=ocr_available())
    with OutputFolder(docs, wait=wait, on_wait=on_wait) as folder:
        run = Run(folder, result, lambda: None, scope)
        for order in parsed:
            candidate = by_target(run.candidates, order.target)
            if candidate is None:
                raise UsageError(msg.ASSIGN_UNKNOWN.format(target=order.target))
            numbers = _checked_pages(order, page_count(order.scan))
            source = _source(order.scan)
            images = dict(pages(order.scan, numbers))
            readings = [
                read_page(PageRef(source.name, n), images[n], ocr=result.ocr) for n in numbers
            ]
            found = Group(readings[0], readings[1:], images)
            # The person gave the order: the pages are filed as listed.
            for reading in found.rest:
                reading.number = None
            run.file(source, found, candidate, BY_HAND, 1.0)
        run.list_unsigned()
    return result


def _order(text: str) -> _Order:
    """The scan, its pages and the document of one --assign order."""
    left, equals, target = text.rpartition("=")
    scan, colon, page_text = left.rpartition(":")
    if not (equals and colon and scan and "/" in target.strip("/")) or not page_ranges(page_text):
        raise UsageError(msg.ASSIGN_SHAPE.format(text=text))
    if not Path(scan).is_file():
        raise UsageError(msg.ASSIGN_SCAN.format(scan=scan))
    return _Order(Path(scan), page_text.strip(), target.strip())


def _checked_pages(order: _Order, count: int) -> list[int]:
    """The pages an order names, each checked against the scan before any range is expanded."""
    ranges = page_ranges(order.pages) or []
    for first, last in ranges:
        if first > last:
            fixed = f"{last}-{first}"
            why = msg.ASSIGN_REVERSED.format(scan=order.scan.name, pages=order.pages, fixed=fixed)
            raise UsageError(why)
        if first < 1 or last > count:
            why = msg.ASSIGN_PAGES.format(scan=order.scan.name, pages=order.pages, count=count)
            raise UsageError(why)
    return [n for first, last in ranges for n in range(first, last + 1)]
