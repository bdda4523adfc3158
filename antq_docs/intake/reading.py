"""What a scanned page says: the document's QR code, or, read by Tesseract, whether it starts a
document (the Quốc hiệu block), its page number (Nghị định 30: centred in the top margin, none
on page 1) and the text of its heading block.

The QR code is read in any of the four turns (zxing-cpp tries them); a page without one is
read upright first if its text block sits where Nghị định 30 puts it (the wider margin on the
left), upside down otherwise, and in the other turn when that reads nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import zxingcpp
from PIL import Image

from antq_docs.identity import Identity, parse
from antq_docs.intake.sources import PageRef, upright
from antq_docs.vi import strip_marks

# Tesseract's Vietnamese data, installed with the Debian package tesseract-ocr-vie.
LANGUAGE = "vie"
# The band read for the page number and the Quốc hiệu: the top of the page.
_TOP_BAND = 0.10
# The page number's place: printed 10 mm from the top edge, it ends by 15 mm; the text (the
# Quốc hiệu of a first page) starts at 20 mm, still below 16.6 mm when the scan is skewed, so
# no letter of it is read as a number.
_NUMBER_BAND = 0.056
# The grey below which a pixel of the page number's place is ink.
_INK = 140
# The heading block read on a first page: number, date line, document type, trích yếu, unit.
_HEADING = 0.36
# Words of the Quốc hiệu and of a Party document's heading, folded: one is enough.
_HEADING_WORDS = ("cong hoa", "doc lap", "hanh phuc", "dang cong san", "chu nghia")
_PAGE_NUMBER = re.compile(r"^\W*(\d{1,3})\W*$")
_QR = zxingcpp.barcode_formats_from_str("QRCode")


@dataclass
class Reading:
    """What one page said."""

    ref: PageRef
    # Degrees counter-clockwise that turn the page upright.
    turn: int = 0
    identity: Identity | None = None
    # Whether the page starts a document (its QR code, or the Quốc hiệu read).
    first: bool = False
    # The page number printed in the top margin, when read.
    number: int | None = None
    # The OCR text of the heading block of a first page without a QR code.
    text: str = ""


@functools.cache
def ocr_available() -> bool:
    """Whether Tesseract and its Vietnamese data are installed."""
    try:
        import pytesseract

        return LANGUAGE in pytesseract.get_languages()
    except (ImportError, OSError, RuntimeError, ValueError):
        return False


def read_page(ref: PageRef, image: Image.Image, *, ocr: bool) -> Reading:
    """Read a page: its QR code, and with ocr its heading or page number."""
    grey = image.convert("L")
    reading = Reading(ref)
    code = read_code(grey)
    if code is not None:
        reading.identity, reading.turn = code
        reading.first = True
        return reading
    if ocr:
        read_text(grey, reading)
    else:
        reading.turn = likely_turns(grey)[0]
    return reading


def read_code(grey: Image.Image) -> tuple[Identity, int] | None:
    """The identity of the page's QR code and the turn that sets the page upright.

    When the whole page shows none, the bottom and top margins (the code's place, the page
    upright or upside down) are read again enlarged: a small code blurred by JPEG reads then.
    """
    found = _code(grey)
    for box in (
        (0, grey.height * 4 // 5, grey.width, grey.height),
        (0, 0, grey.width, grey.height // 5),
    ):
        if found is not None:
            return found
        strip = grey.crop(box)
        found = _code(strip.resize((strip.width * 2, strip.height * 2), Image.Resampling.LANCZOS))
    return found


def _code(grey: Image.Image) -> tuple[Identity, int] | None:
    """The identity of a QR code the image shows, and the turn of the code."""
    for result in zxingcpp.read_barcodes(grey, formats=_QR):
        identity = parse(result.text)
        if identity is not None:
            # zxing says how far the code is turned; the page is turned as far.
            return identity, (round(result.orientation / 90) * 90) % 360
    return None


def likely_turns(grey: Image.Image) -> list[int]:
    """The turns to try, likeliest first: Nghị định 30's left margin (30–35 mm) is wider than
    its right (15–20 mm), so an upright page's text sits right of centre."""
    if grey.width > grey.height:
        return [90, 270]
    # Ink per column of a page shrunk eightfold: speckles fade, lines of text do not.
    mask = grey.reduce(8).point(lambda v: 255 if v < 150 else 0)
    width = mask.width
    columns = mask.resize((width, 1), Image.Resampling.BOX).tobytes()
    inked = [x for x, ink in enumerate(columns) if ink > 255 // 40]
    if not inked:
        return [0, 180]
    return [0, 180] if inked[0] >= width - 1 - inked[-1] else [180, 0]


def read_text(grey: Image.Image, reading: Reading) -> None:
    """Find the turn in which the top band reads, and what it says; on a first page, the
    heading block's text."""
    for turn in likely_turns(grey):
        page = upright(grey, turn)
        band = page.crop((0, 0, page.width, round(page.height * _TOP_BAND)))
        lines = [line.strip() for line in _ocr(band, 6).splitlines() if line.strip()]
        heading = any(h in strip_marks(" ".join(lines)) for h in _HEADING_WORDS)
        number = _PAGE_NUMBER.match(lines[0]) if lines else None
        if not heading and number is None:
            number = _PAGE_NUMBER.match(_ocr(_number_box(page), 7).strip())
        # Only the Quốc hiệu or a page number says the turn is right: a page upside down
        # reads as words too, wrong ones.
        if heading or number:
            reading.turn, reading.first = turn, heading
            reading.number = int(number.group(1)) if number and not heading else None
            if heading:
                block = page.crop((0, 0, page.width, round(page.height * _HEADING)))
                reading.text = _ocr(block, 3)
            return
    reading.turn = likely_turns(grey)[0]


def _number_box(page: Image.Image) -> Image.Image:
    """Where Nghị định 30 prints a page number: the middle of the top margin, above the text.

    Read alone, a lone digit reads where a whole band misreads it ("z2"); the margin of a page
    upside down is blank there (its code is at the right), so no number is read from it. Read
    as any text, not as digits only: whatever else stands there ("?", "MẬT") is no number.
    """
    width, height = page.size
    box = page.crop((width * 3 // 10, 0, width * 7 // 10, round(height * _NUMBER_BAND)))
    # In black and white: the grey speckle of a scan around a lone digit makes Tesseract read
    # nothing at all.
    return box.point(lambda v: 0 if v < _INK else 255)


def _ocr(image: Image.Image, psm: int) -> str:
    """Tesseract's Vietnamese reading of an image, in the page segmentation mode given; empty
    when Tesseract fails on it (the page then reads nothing and is left for a person)."""
    import pytesseract

    try:
        return str(pytesseract.image_to_string(image, lang=LANGUAGE, config=f"--psm {psm}"))
    except (pytesseract.TesseractError, RuntimeError, OSError):
        return ""
