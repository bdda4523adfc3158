"""A document's pages filed as its signed copy, and the pages left for a person as pictures.

The copy is a PDF of the pages, upright, each a JPEG, beside the document's .docx under the
same name (where `check` reads a signed copy), put in place through the folder's journal with
its provenance in the manifest. A signed copy already there is never replaced.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from antq_docs.errors import AntqError
from antq_docs.intake.sources import RENDER_DPI, upright
from antq_docs.limits import MAX_SCAN_PAGES
from antq_docs.messages import intake as msg
from antq_docs.output import KEPT, REVIEW, SCAN, OutputFolder, atomic_write
from antq_docs.output.install import TEMP_SUFFIX, write_failed, write_temp
from antq_docs.vi import slug

# JPEG quality of a filed page: a signature and a seal stay sharp at a tenth of the raw size.
JPEG_QUALITY = 70
# The long side of a review picture, in pixels: enough to read the heading and the number.
THUMBNAIL = 900


@dataclass(frozen=True)
class Source:
    """A scan as given: its path, the name the person gave it, and its digest."""

    path: Path
    name: str
    sha256: str


@dataclass(frozen=True)
class Filing:
    """What to file: a document's place, its unit and kind, and the pages (number, turn)."""

    rel: str
    unit: str
    kind: str
    pages: list[tuple[int, int]]
    label: str
    method: str
    confidence: float


def earlier(folder: OutputFolder, rel: str) -> dict | None:
    """The manifest's record of a signed copy filed from a scan at rel, None when none is."""
    entry = folder.recorded(rel)
    return entry if entry is not None and entry.get("format") == SCAN else None


def filed_pages(folder: OutputFolder) -> dict[tuple[str, int], str]:
    """Where each page of each scan was filed before: (the scan's digest, page) → its path."""
    filed = {}
    for entry in folder.entries():
        if entry.get("format") == SCAN:
            for number in page_numbers(str(entry.get("pages", ""))):
                filed[(str(entry.get("scan_sha256")), number)] = entry["path"]
    return filed


def page_ranges(label: str) -> list[tuple[int, int]] | None:
    """The ranges of pages a label names, as written: '3-5,7' → [(3, 5), (7, 7)]; None when it
    is not a list of pages. Nothing is expanded: '1-100000000' is two numbers."""
    ranges = []
    for part in label.split(","):
        first, dash, last = part.strip().partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            return None
        ranges.append((int(first), int(last if dash else first)))
    return ranges


def page_numbers(label: str) -> list[int]:
    """The pages a label names: '3-5' → [3, 4, 5], '4,2' → [4, 2]; [] when it names none or
    a page past the pages a scan may hold."""
    ranges = page_ranges(label)
    if not ranges or any(not 1 <= a <= b <= MAX_SCAN_PAGES for a, b in ranges):
        return []
    return [n for a, b in ranges for n in range(a, b + 1)]


def file_pages(
    folder: OutputFolder, source: Source, filing: Filing, rendered: dict[int, Image.Image]
) -> bool:
    """Write the pages (rendered, by number) as one PDF at filing.rel; False when a signed
    copy is there already."""
    # Guarded before anything is written: a linked folder is refused, not written through.
    target = folder.guard(filing.rel)
    images = [upright(rendered[number], turn) for number, turn in filing.pages]
    pdf = io.BytesIO()
    images[0].save(
        pdf,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=RENDER_DPI,
        quality=JPEG_QUALITY,
    )
    name = f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Created new beside its place, never through a name already there; nothing is left
        # when the disk fills.
        write_temp(target.parent, name, pdf.getvalue(), durable=True)
    except OSError as e:
        raise write_failed(e, target, msg.WRITING_SIGNED_COPY) from e
    temp = target.parent / name
    provenance = {
        "scan": source.name,
        "scan_sha256": source.sha256,
        "pages": filing.label,
        "method": filing.method,
        "confidence": filing.confidence,
    }
    try:
        outcome = folder.put_scan(
            filing.rel, temp, unit=filing.unit, kind=filing.kind, provenance=provenance
        )
    except AntqError:
        # Refused (a folder in the way): the copy is not left behind. A run killed here keeps
        # it for the journal to finish.
        temp.unlink(missing_ok=True)
        raise
    return outcome.status != KEPT


def thumbnail(
    folder: OutputFolder, source: Source, number: int, page: Image.Image, turn: int
) -> str:
    """A picture of a page left for review in DIR/chua-xep/; its path in DIR."""
    image = upright(page, turn)
    image.thumbnail((THUMBNAIL, THUMBNAIL))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    rel = f"{REVIEW}/{review_name(source, number)}"
    target = folder.guard(rel)
    try:
        atomic_write(target, buffer.getvalue())
    except OSError as e:
        raise write_failed(e, target, msg.WRITING_PICTURE) from e
    return rel


def review_name(source: Source, number: int) -> str:
    """The picture's name of a page: the scan's name in ASCII, its digest, the page number."""
    return f"{slug(Path(source.name).stem) or 'scan'}-{source.sha256[:8]}-trang-{number:03d}.png"


def drop_thumbnail(folder: OutputFolder, source: Source, number: int) -> None:
    """Remove the picture of a page once it is filed."""
    target = folder.guard(f"{REVIEW}/{review_name(source, number)}")
    try:
        target.unlink(missing_ok=True)
    except OSError as e:
        raise write_failed(e, target, msg.WRITING_PICTURE) from e
