"""One run of intake over a folder: scans read page by page, grouped into documents only on
evidence, identified, and filed or left pictured for a person.

A page is filed under a document only when something says it is that document's: its own QR
code, or (read by Tesseract) the Quốc hiệu of a first page or the page number of the next.
A page that says nothing is left, with the document it follows, so the next document's pages
are never appended to the one before when its code does not read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PIL import Image

from antq_docs import vi
from antq_docs.identity import Identity
from antq_docs.intake import candidates as folder_documents
from antq_docs.intake.filing import (
    Filing,
    Source,
    drop_thumbnail,
    earlier,
    file_pages,
    filed_pages,
    thumbnail,
)
from antq_docs.intake.grouping import Group
from antq_docs.intake.matching import Candidate, Matcher
from antq_docs.intake.reading import Reading, read_page
from antq_docs.intake.results import OCR, QR, IntakeResult, Placed, Unplaced
from antq_docs.intake.sources import PageRef, pages
from antq_docs.messages import intake as msg
from antq_docs.output import OutputFolder

# What identified a document (its candidate, the method, the confidence), or why nothing did.
Identified = tuple[Candidate, str, float] | str


class Run:
    """The folder's documents, what this run did, and the pages it reads."""

    def __init__(
        self,
        folder: OutputFolder,
        result: IntakeResult,
        tick: Callable[[], None],
        scope: Collection[str] | None = None,
    ) -> None:
        self.folder = folder
        self.result = result
        self.tick = tick
        # With a scope (unit codes), the documents of other units are not this run's: a page
        # of one is left for review, as a document the folder lacks.
        self.candidates = folder_documents.candidates(folder, scope)
        self.coded = folder_documents.coded(self.candidates)
        result.earlier = filed_pages(folder)
        # Built at the first page a code does not name: reading every .docx of a large folder
        # is wasted on a batch of coded scans.
        self._matcher: Matcher | None = None
        self._printed: dict[str, Identity | None] = {}

    def scan(self, source: Source) -> None:
        """Read a scan page by page and file each document once its last page is read: only
        one document's pages are held, and a page left is pictured and let go."""
        current: Group | None = None
        for number, image in pages(source.path):
            reading = read_page(PageRef(source.name, number), image, ocr=self.result.ocr)
            self.tick()
            if current is not None and current.same_code(reading):
                # Every page prints its document's code: a later page is known by it alone.
                current.rest.append(reading)
                current.images[number] = image
            elif reading.first:
                self._close(source, current)
                current = Group(reading, images={number: image})
            elif current is not None and current.takes(reading):
                current.rest.append(reading)
                current.images[number] = image
            else:
                if current is not None:
                    first = current.first.ref.page
                    why = msg.WITH_UNSURE_PAGE.format(first=first, page=number)
                    self._leave_group(source, current, why)
                    current = None
                self.leave(source, reading, image, self._lone(reading))
        self._close(source, current)

    def _lone(self, reading: Reading) -> str:
        """Why a page that starts nothing, and joins no document, is left."""
        if reading.number is not None:
            return msg.NO_FIRST_PAGE
        return msg.NO_EVIDENCE_OCR if self.result.ocr else msg.NO_EVIDENCE

    def _close(self, source: Source, found: Group | None) -> None:
        """File a document whose pages are all read, or leave them all for a person."""
        if found is None:
            return
        identified = self.identify(found)
        if isinstance(identified, str):
            self._leave_group(source, found, identified)
        else:
            self.file(source, found, *identified)

    def identify(self, found: Group) -> Identified:
        """The document a group is, how it was known and how surely; or why it is not known."""
        first = found.first
        if first.identity is not None:
            return self._by_code(first.identity)
        if not self.result.ocr or not first.text:
            return msg.NOT_READ
        match = self._match().match(first.text)
        if match.sure and match.candidate is not None:
            return match.candidate, OCR, match.confidence
        if match.candidate is None:
            return msg.NOT_READ
        guess = match.candidate
        confidence = vi.number(round(match.confidence, 2))
        return msg.NOT_SURE.format(unit=guess.unit, kind=guess.kind, confidence=confidence)

    def _by_code(self, scanned: Identity) -> Identified:
        """The document a QR code names, when the folder's .docx prints that very code."""
        candidate = self.coded.get((scanned.unit, scanned.kind))
        if candidate is None:
            return msg.UNKNOWN_DOCUMENT.format(unit=scanned.unit, kind=scanned.kind)
        if candidate.rel not in self._printed:
            self._printed[candidate.rel] = folder_documents.printed_identity(
                self.folder.root, candidate
            )
        printed = self._printed[candidate.rel]
        if printed != scanned:
            # A signed copy of another version (another date or number) is not this one's.
            return msg.OTHER_VERSION.format(
                scanned=_version(scanned),
                folder=_version(printed),
                unit=candidate.unit,
                kind=candidate.kind,
            )
        return candidate, QR, 1.0

    def _match(self) -> Matcher:
        """The folder's documents by the words of their start, read once, when first needed."""
        if self._matcher is None:
            self._matcher = Matcher(self.folder.root, self.candidates)
        return self._matcher

    def file(
        self, source: Source, found: Group, candidate: Candidate, method: str, confidence: float
    ) -> None:
        """File a document's pages under its candidate, or report it as filed before or twice."""
        rel = candidate.signed
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
        result = self.result
        if all(result.earlier.get((source.sha256, n)) == rel for n, _ in filing.pages):
            result.already.append(placed)
        elif self.folder.signed_copy(candidate.rel) is not None:
            before = earlier(self.folder, rel)
            first = (
                msg.FIRST_FROM.format(scan=before.get("scan"), pages=before.get("pages"))
                if before
                else msg.FIRST_BY_HAND
            )
            result.seconds.append(Placed(**{**vars(placed), "first": first}))
        elif file_pages(self.folder, source, filing, found.images):
            result.filed.append(placed)
        found.images.clear()
        for number, _ in filing.pages:
            drop_thumbnail(self.folder, source, number)

    def list_unsigned(self) -> None:
        """Record the documents a code or UNIT/KIND names that are still without a signed
        copy: what a page left for review may yet be filed as."""
        self.result.unsigned = [
            (c.unit, c.kind) for c in self.coded.values() if self.folder.signed_copy(c.rel) is None
        ]

    def _leave_group(self, source: Source, found: Group, why: str) -> None:
        """Leave every page of a document for a person, pictured, and let their images go."""
        for reading in found.pages:
            self.leave(source, reading, found.images.pop(reading.ref.page), why)

    def leave(self, source: Source, reading: Reading, image: Image.Image, why: str) -> None:
        """Leave a page for review, with its picture; a page filed before (by hand) is left
        alone."""
        if (source.sha256, reading.ref.page) in self.result.earlier:
            return
        picture = thumbnail(self.folder, source, reading.ref.page, image, reading.turn)
        self.result.unplaced.append(Unplaced(source.name, reading.ref.page, why, picture))


def _version(identity: Identity | None) -> str:
    """A version of a document as a person tells it: its number and date."""
    if identity is None:
        return msg.VERSION_NO_CODE
    if identity.date is None:
        return msg.VERSION_UNDATED
    number = msg.VERSION_NUMBER.format(number=identity.number) if identity.number else ""
    return msg.VERSION.format(number=number, date=vi.short_date(identity.date))
