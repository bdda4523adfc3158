"""Scans as an office makes them: printed documents rasterised, skewed, stained and joined.

Documents are rendered to PDF by LibreOffice (the `pdf` command) and rasterised with pypdfium2;
each page is then turned a few degrees, sometimes upside down, speckled, stamped with a red seal
over the signature and compressed as JPEG, and the pages of several documents are joined in a
shuffled order into one PDF, as a scanner's feeder makes them.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont, ImageOps

from antq_docs import qrmark
from antq_docs.identity import Identity, encode

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"


@dataclass
class Printed:
    """One printed document: what it is and its pages as images."""

    unit: str
    kind: str
    pages: list[Image.Image]


def print_code(page: Image.Image, identity: Identity, dpi: int) -> Image.Image:
    """The page with the QR code the product prints for identity (qrmark's own picture, at its
    printed size), where the templates place it: the bottom margin, at the right.

    For pages the tests draw themselves, and for a benchmark that files many documents from a
    few printed ones; the realistic scans read the code LibreOffice printed.
    """
    size = round(dpi * qrmark.SIZE_MM / 25.4)
    code = Image.open(io.BytesIO(qrmark.png(encode(identity)))).convert("L")
    code = code.resize((size, size), Image.Resampling.NEAREST)
    stamped = page.copy()
    x = page.width - size - round(dpi * 20 / 25.4)
    y = page.height - size - round(dpi * 5 / 25.4)
    stamped.paste(code.convert(page.mode), (x, y))
    return stamped


def drawn_page(heading: list[str], identity: Identity | None, dpi: int) -> Image.Image:
    """An A4 page drawn in a moment: its heading lines at the top, grey bars for the body's
    text, and the QR code of identity when given (the web's tests and its screenshots)."""
    image = Image.new("RGB", (round(8.27 * dpi), round(11.69 * dpi)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(dpi * 4 / 25.4))
    left, top, step = round(dpi * 30 / 25.4), round(dpi * 20 / 25.4), round(dpi * 7 / 25.4)
    for row, line in enumerate(heading):
        draw.text((image.width // 2, top + step * row), line, fill="black", font=font, anchor="mt")
    for row in range(18):
        y = top + step * (len(heading) + 2 + row)
        draw.rectangle((left, y, image.width - left // 2, y + step // 3), fill=(90, 90, 90))
    return print_code(image, identity, dpi) if identity is not None else image


def rasterise(pdf: Path, dpi: int) -> list[Image.Image]:
    """The pages of a PDF as RGB images at dpi."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def seal(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A red round seal with its text, over the signature area of the last page's right half."""
    sealed = page.copy()
    draw = ImageDraw.Draw(sealed, "RGBA")
    radius = round(dpi * 20 / 25.4)
    cx = round(page.width * rng.uniform(0.62, 0.72))
    cy = round(page.height * rng.uniform(0.45, 0.75))
    red = (200, 30, 40, 150)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=6)
    inner = radius - round(dpi * 4 / 25.4)
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=red, width=3)
    font = ImageFont.truetype(FONT, round(dpi * 3 / 25.4))
    text = "ỦY BAN NHÂN DÂN * CON DẤU *"
    for i, letter in enumerate(text):
        angle = math.pi + 2 * math.pi * i / len(text)
        x = cx + (radius - round(dpi * 2.2 / 25.4)) * math.cos(angle)
        y = cy + (radius - round(dpi * 2.2 / 25.4)) * math.sin(angle)
        draw.text((x, y), letter, fill=red, font=font, anchor="mm")
    draw.line((cx - inner, cy, cx + inner, cy + 8), fill=(20, 20, 120, 220), width=4)
    return sealed


def degrade(page: Image.Image, rng: random.Random, *, upside_down: bool) -> bytes:
    """The page as a scanner sends it: turned a few degrees, speckled, as JPEG bytes."""
    angle = rng.uniform(-2.5, 2.5) + (180 if upside_down else 0)
    turned = page.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor="white")
    grey = ImageOps.autocontrast(turned, cutoff=1)
    noise = Image.effect_noise(grey.size, 18).convert("L")
    speckled = Image.blend(grey, Image.merge("RGB", (noise, noise, noise)), 0.12)
    buffer = io.BytesIO()
    speckled.save(buffer, "JPEG", quality=rng.randint(55, 75))
    return buffer.getvalue()


def scan_pdf(pages: list[bytes], target: Path, dpi: int) -> Path:
    """Join JPEG pages into one PDF, as a scanner writes a batch."""
    images = [Image.open(io.BytesIO(b)) for b in pages]
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return target


def scan_batch(
    printed: list[Printed], target: Path, dpi: int, seed: int, *, upside_down: int = 1
) -> Path:
    """The documents scanned in a shuffled order into one PDF; `upside_down` pages turned over."""
    rng = random.Random(seed)
    order = list(printed)
    rng.shuffle(order)
    pages: list[Image.Image] = [page for document in order for page in document.pages]
    turned = set(rng.sample(range(len(pages)), min(upside_down, len(pages))))
    scanned = []
    for number, page in enumerate(pages):
        scanned.append(degrade(page, rng, upside_down=number in turned))
    return scan_pdf(scanned, target, dpi)


def signed_pages(pages: list[Image.Image], dpi: int, rng: random.Random) -> list[Image.Image]:
    """A document's pages with the seal over the signature of its last page."""
    return [*pages[:-1], seal(pages[-1], dpi, rng)]
