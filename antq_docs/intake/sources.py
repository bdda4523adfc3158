"""The pages of the scans given to intake: PDFs through pdfium, photos through Pillow.

A scan is never changed: pages are rendered from it, read, and rendered again when filed, so a
batch of hundreds of pages never sits whole in memory.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps, UnidentifiedImageError

from antq_docs import vi
from antq_docs.errors import InputError
from antq_docs.limits import MAX_PAGE_SIDE, MAX_PHOTO_PIXELS, MAX_SCAN_PAGES
from antq_docs.messages import intake as msg

# Pages of a PDF are read and filed at this resolution: QR codes and 13 pt text read well, and a
# filed page stays legible in print.
RENDER_DPI = 150
# A photo larger than an A4 page at RENDER_DPI is scaled down to it before it is read and filed.
_MAX_SIDE = round(297 / 25.4 * RENDER_DPI)


@dataclass(frozen=True)
class PageRef:
    """One page of one scan: the scan as the person named it, and the page's number from 1."""

    scan: str
    page: int

    def label(self) -> str:
        """'scan0001.pdf:3', as --assign takes it."""
        return f"{self.scan}:{self.page}"


def is_pdf(path: Path) -> bool:
    """Whether a scan is read as a PDF (by its first bytes, whatever its name)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(1024).lstrip(b"\x00\t\r\n ").startswith(b"%PDF-")
    except OSError as e:
        raise InputError(msg.SCAN_UNREADABLE, path=path.name) from e


def _open(path: Path) -> pdfium.PdfDocument:
    """The PDF of a scan, opened by pdfium; InputError when it cannot be, or holds too many
    pages."""
    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError) as e:
        raise InputError(msg.SCAN_UNREADABLE, path=path.name) from e
    if len(document) > MAX_SCAN_PAGES:
        document.close()
        raise InputError(
            msg.SCAN_TOO_MANY_PAGES.format(limit=vi.number(MAX_SCAN_PAGES)), path=path.name
        )
    return document


def page_count(path: Path) -> int:
    """How many pages a scan holds (a photo: one); InputError when it cannot be read."""
    if not is_pdf(path):
        photo(path)
        return 1
    document = _open(path)
    try:
        return len(document)
    finally:
        document.close()


def pages(path: Path, wanted: list[int] | None = None) -> Iterator[tuple[int, Image.Image]]:
    """The pages of a scan (those wanted, numbered from 1, or all), each as an RGB image as
    it lies in the scan; the PDF is opened once."""
    if not is_pdf(path):
        if wanted is None or 1 in wanted:
            yield 1, photo(path)
        return
    document = _open(path)
    try:
        for number in wanted if wanted is not None else range(1, len(document) + 1):
            if 1 <= number <= len(document):
                yield number, _render(document, number, path)
    finally:
        document.close()


def _render(document: pdfium.PdfDocument, number: int, path: Path) -> Image.Image:
    """A page of a PDF at RENDER_DPI, or smaller when that would pass MAX_PAGE_SIDE."""
    try:
        page = document[number - 1]
        width, height = page.get_size()
        scale = RENDER_DPI / 72
        if max(width, height) * scale > MAX_PAGE_SIDE:
            scale = MAX_PAGE_SIDE / max(width, height)
        return page.render(scale=scale).to_pil().convert("RGB")
    except (pdfium.PdfiumError, OSError, ValueError) as e:
        raise InputError(msg.SCAN_UNREADABLE, path=path.name) from e


def photo(path: Path) -> Image.Image:
    """A photo of a page, turned as the camera said, no larger than an A4 page at RENDER_DPI;
    InputError when it cannot be read or holds more than MAX_PHOTO_PIXELS."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own bound; ours refuses by name just after.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(path)
        with opened:
            # The header gives the size: a photo too large is refused before it is decoded.
            if opened.width * opened.height > MAX_PHOTO_PIXELS:
                raise InputError(_too_large(opened.size), path=path.name)
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except Image.DecompressionBombError as e:
        raise InputError(_too_large(None), path=path.name) from e
    except UnidentifiedImageError as e:
        heic = path.suffix.lower() in (".heic", ".heif")
        why = msg.HEIC_UNSUPPORTED if heic else msg.SCAN_UNREADABLE
        raise InputError(why, path=path.name) from e
    except (OSError, ValueError) as e:
        raise InputError(msg.SCAN_UNREADABLE, path=path.name) from e
    if max(image.size) > _MAX_SIDE:
        image.thumbnail((_MAX_SIDE, _MAX_SIDE), Image.Resampling.LANCZOS)
    return image


def _too_large(size: tuple[int, int] | None) -> str:
    """Why a photo is refused for its size, with its size when known."""
    limit = vi.number(MAX_PHOTO_PIXELS // 1_000_000)
    if size is None:
        return msg.PHOTO_TOO_LARGE_UNKNOWN.format(limit=limit)
    return msg.PHOTO_TOO_LARGE.format(
        width=vi.number(size[0]), height=vi.number(size[1]), limit=limit
    )


def upright(image: Image.Image, turn: int) -> Image.Image:
    """The page turned `turn` degrees counter-clockwise, as it reads."""
    return image.rotate(turn, expand=True) if turn % 360 else image
