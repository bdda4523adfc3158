"""intake: a pile of signed scans filed, document by document, as the folder's signed copies.

Each page of each scan (PDF or photo) is read (reading.py): its QR code, or by Tesseract its
Quốc hiệu, page number and heading block. Pages are grouped into documents (grouping.py); a
document is identified by its code, or by its heading matched against the folder's documents
(matching.py) with a confidence, and filed only when sure (filing.py): as a PDF beside its .docx,
journalled, recorded with its provenance, never over a signed copy already there. Every page
left is pictured in DIR/chua-xep/ and listed; `assign` files such pages by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from antq_docs.errors import InputError, UsageError
from antq_docs.intake.filing import (
    Filing,
    Source,
    drop_thumbnail,
    earlier,
    file_pages,
    filed_pages,
    page_numbers,
    thumbnail,
)
from antq_docs.intake.grouping import Group
from antq_docs.intake.matching import Candidate, Matcher
from antq_docs.intake.reading import Reading, ocr_available, read_page
from antq_docs.intake.sources import PageRef, page_count, pages
from antq_docs.kinds import REGISTRY
from antq_docs.messages import intake as msg
from antq_docs.output import LOCK_TIMEOUT_S, REVIEW, OutputFolder, document_path, file_sha256

__all__ = ["IntakeResult", "Placed", "Unplaced", "assign", "intake", "ocr_available"]

DOCX = ".docx"
# How each document was known: its QR code, its heading read by OCR, or a person's --assign.
QR, OCR, BY_HAND = "qr", "ocr", "tay"

Progress = Callable[[int, int], None]


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
    # what a page left for review may yet be filed as.
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


def _candidates(folder: OutputFolder, scope: Collection[str] | None) -> list[Candidate]:
    """The documents of the folder a scan may be: every .docx the manifest lists, and every
    one a person put in its place (KIND/CODE.docx) or a folder holds without its manifest;
    with scope, only those of the units it names."""
    found = {
        e["path"]: Candidate(e["path"], e["unit"], e["kind"])
        for e in folder.entries()
        if str(e.get("path", "")).endswith(DOCX) and e.get("unit") and e.get("kind")
    }
    for kind in REGISTRY:
        place = folder.root / kind
        if place.is_dir() and not place.is_symlink():
            for path in sorted(place.glob(f"*{DOCX}")):
                rel = f"{kind}/{path.name}"
                if not path.name.startswith(("~$", ".")) and path.is_file() and rel not in found:
                    found[rel] = Candidate(rel, path.stem, kind)
    return [c for c in found.values() if scope is None or c.unit in scope]


def _unsigned(folder: OutputFolder, candidates: list[Candidate]) -> list[tuple[str, str]]:
    """The candidates without a signed copy, as (unit, kind)."""
    return [
        (c.unit, c.kind)
        for c in candidates
        if folder.signed_copy(document_path(c.kind, c.unit)) is None
    ]


def _source(path: Path) -> Source:
    """A scan as given, with its digest (so a re-run knows pages it filed)."""
    return Source(Path(path), Path(path).name, file_sha256(Path(path)))


def _scan(
    folder: OutputFolder,
    source: Source,
    identify: Callable[[Group], tuple[Candidate, str, float] | str],
    ocr: bool,
    tick: Callable[[], None],
    result: IntakeResult,
) -> None:
    """Read a scan page by page and file each document once its last page is read, so only
    one document's pages are in memory. A page without a code after a coded first page is not
    read by OCR: it is that document's, which keeps a batch of coded scans fast."""
    current: Group | None = None
    for number, image in pages(source.path):
        coded = current is not None and current.first.identity is not None
        reading = read_page(PageRef(source.name, number), image, ocr=ocr and not coded)
        tick()
        if reading.first:
            if current is not None:
                _place(folder, source, current, identify(current), result)
            current = Group(reading)
        elif current is None:
            _leave(folder, source, reading, image, msg.NO_FIRST_PAGE, result)
            continue
        else:
            current.rest.append(reading)
        current.images[number] = image
    if current is not None:
        _place(folder, source, current, identify(current), result)


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
        candidates = _candidates(folder, scope)
        known = {(c.unit, c.kind): c for c in candidates}
        matcher = Matcher(folder.root, candidates) if ocr else None
        result.earlier = filed_pages(folder)
        for source in sources:
            _scan(folder, source, lambda g: _identify(g, known, matcher), ocr, tick, result)
        result.unsigned = _unsigned(folder, candidates)
    return result


def _identify(
    found: Group, known: dict[tuple[str, str], Candidate], matcher: Matcher | None
) -> tuple[Candidate, str, float] | str:
    """The document a group is, how it was known and how surely; or why it is not known."""
    first = found.first
    if first.identity is not None:
        candidate = known.get((first.identity.unit, first.identity.kind))
        if candidate is None:
            return msg.UNKNOWN_DOCUMENT.format(unit=first.identity.unit, kind=first.identity.kind)
        return candidate, QR, 1.0
    if matcher is None or not first.text:
        return msg.NOT_READ
    match = matcher.match(first.text)
    if match.sure and match.candidate is not None:
        return match.candidate, OCR, match.confidence
    if match.candidate is None:
        return msg.NOT_READ
    guess = match.candidate
    return msg.NOT_SURE.format(unit=guess.unit, kind=guess.kind, confidence=match.confidence)


def _place(
    folder: OutputFolder,
    source: Source,
    found: Group,
    identified: tuple[Candidate, str, float] | str,
    result: IntakeResult,
) -> None:
    """File one document's pages under what identified it, or leave them for review."""
    if isinstance(identified, str):
        for reading in found.pages:
            _leave(folder, source, reading, found.images[reading.ref.page], identified, result)
    else:
        _file(folder, source, found, *identified, result)


def _file(
    folder: OutputFolder,
    source: Source,
    found: Group,
    candidate: Candidate,
    method: str,
    confidence: float,
    result: IntakeResult,
) -> None:
    """File a document's pages under its candidate, or report it as filed before or twice."""
    rel = document_path(candidate.kind, candidate.unit, ".pdf")
    filing = Filing(
        rel,
        candidate.unit,
        candidate.kind,
        [(r.ref.page, r.turn) for r in found.pages],
        found.label(),
        method,
        confidence,
    )
    placed = Placed(
        rel, candidate.unit, candidate.kind, source.name, filing.label, method, confidence
    )
    before = earlier(folder, rel)
    if all(result.earlier.get((source.sha256, n)) == rel for n, _ in filing.pages):
        result.already.append(placed)
    elif folder.signed_copy(document_path(candidate.kind, candidate.unit)) is not None:
        first = (
            msg.FIRST_FROM.format(scan=before.get("scan"), pages=before.get("pages"))
            if before
            else msg.FIRST_BY_HAND
        )
        result.seconds.append(Placed(**{**vars(placed), "first": first}))
    elif file_pages(folder, source, filing, found.images):
        result.filed.append(placed)
    for number, _ in filing.pages:
        drop_thumbnail(folder.root, source, number)


def _leave(
    folder: OutputFolder,
    source: Source,
    reading: Reading,
    image: Image.Image,
    why: str,
    result: IntakeResult,
) -> None:
    """Leave a page for review, with its picture; a page filed before (by hand) is left alone."""
    if (source.sha256, reading.ref.page) in result.earlier:
        return
    picture = thumbnail(folder.root, source, reading.ref.page, image, reading.turn)
    result.unplaced.append(Unplaced(source.name, reading.ref.page, why, picture))


def assign(
    orders: list[str],
    docs: Path,
    *,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    scope: Collection[str] | None = None,
) -> IntakeResult:
    """File pages by hand: each order 'SCAN:PAGES=UNIT/KIND' ('scan0001.pdf:3-5=KT-01/pledge');
    with scope (unit codes), only as a document of those units."""
    parsed = [_order(text) for text in orders]
    result = IntakeResult(ocr=ocr_available())
    with OutputFolder(docs, wait=wait, on_wait=on_wait) as folder:
        candidates = _candidates(folder, scope)
        known = {(c.unit, c.kind): c for c in candidates}
        result.earlier = filed_pages(folder)
        for scan, numbers, unit, kind in parsed:
            candidate = known.get((unit, kind))
            if candidate is None:
                raise UsageError(msg.ASSIGN_UNKNOWN.format(unit=unit, kind=kind))
            source = _source(scan)
            count = page_count(scan)
            if not numbers or min(numbers) < 1 or max(numbers) > count:
                wrong = ",".join(str(n) for n in numbers)
                why = msg.ASSIGN_PAGES.format(scan=scan.name, pages=wrong, count=count)
                raise UsageError(why)
            images = dict(pages(scan, numbers))
            readings = [
                read_page(PageRef(source.name, n), images[n], ocr=result.ocr) for n in numbers
            ]
            found = Group(readings[0], readings[1:], images)
            # The person gave the order: the pages are filed as listed.
            found.rest.sort(key=lambda r: numbers.index(r.ref.page))
            for reading in found.rest:
                reading.number = None
            _file(folder, source, found, candidate, BY_HAND, 1.0, result)
        result.unsigned = _unsigned(folder, candidates)
    return result


def _order(text: str) -> tuple[Path, list[int], str, str]:
    """The scan, its pages, the unit and the kind of one --assign order."""
    wrong = UsageError(msg.ASSIGN_SHAPE.format(text=text))
    left, equals, target = text.rpartition("=")
    scan, colon, page_text = left.rpartition(":")
    unit, slash, kind = target.partition("/")
    if not (equals and colon and slash and scan and unit and kind):
        raise wrong
    numbers = page_numbers(page_text)
    if not numbers:
        raise wrong
    if not Path(scan).is_file():
        raise UsageError(msg.ASSIGN_SCAN.format(scan=scan))
    return Path(scan), numbers, unit.strip(), kind.strip()
