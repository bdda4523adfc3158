"""A document found in a scan: it starts at a page with its QR code or its Quốc hiệu and takes
the pages after it, up to the next start, in the order of their page numbers.

A page joins the document before it only on evidence: the same QR code (the templates print it
on every page), or a page number read by OCR in its top margin (Nghị định 30 numbers every
page but the first). A page that reads nothing (no code, no
Quốc hiệu, no page number, or no OCR at all) might be the start of a document whose code did
not read, so it is never filed under the document before it: it is left for a person, with
that document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from antq_docs.intake.reading import Reading


@dataclass
class Group:
    """The pages of one document found in a scan: its first page, then the others in order."""

    first: Reading
    rest: list[Reading] = field(default_factory=list)
    # The pages as rendered, by number, held only while the document is read and filed.
    images: dict[int, Image.Image] = field(default_factory=dict)

    @property
    def pages(self) -> list[Reading]:
        """Every page in the order it is filed: the others by their page numbers when these
        read 2, 3… with none missing, else as the scanner fed them (a number misread, "22"
        for "2", never reorders the pages)."""
        if self.in_row():
            return [self.first, *sorted(self.rest, key=lambda r: r.number or 0)]
        return [self.first, *self.rest]

    def takes(self, reading: Reading) -> bool:
        """Whether a page that starts nothing is this document's: a page number stands in its
        top margin, as on every page but the first (its value may be misread)."""
        return reading.number is not None

    def same_code(self, reading: Reading) -> bool:
        """Whether a page prints this document's code: the templates print it on every page,
        so a later page of a coded document needs no words read to join it."""
        return reading.identity is not None and reading.identity == self.first.identity

    def numbers(self) -> list[int]:
        """The page numbers read on the pages after the first, as they came."""
        return [r.number for r in self.rest if r.number is not None]

    def in_row(self) -> bool:
        """Whether the pages after the first are numbered 2, 3… with none missing."""
        return sorted(self.numbers()) == list(range(2, len(self.rest) + 2))

    def label(self) -> str:
        """The pages as --assign names them: '3-5', or '4,2,3' when not in a row."""
        numbers = [r.ref.page for r in self.pages]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
        return ",".join(str(n) for n in numbers)
