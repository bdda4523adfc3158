"""A document found in a scan: it starts at a page with its QR code or its Quốc hiệu and takes
the pages after it, up to the next start, in the order of their page numbers.

A scanner's feeder keeps a document's pages together, so a page that reads nothing after a
first page is that document's; a page before any first page is left for a person.
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
        """Every page in the order it is filed: the others by their page numbers when each
        was read and none repeats, else as the scanner fed them."""
        numbers = [r.number for r in self.rest]
        if all(n is not None for n in numbers) and len(set(numbers)) == len(numbers):
            return [self.first, *sorted(self.rest, key=lambda r: r.number or 0)]
        return [self.first, *self.rest]

    def label(self) -> str:
        """The pages as --assign names them: '3-5', or '4,2,3' when not in a row."""
        numbers = [r.ref.page for r in self.pages]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
        return ",".join(str(n) for n in numbers)
