"""intake files a page only on evidence: a pile whose codes do not all read, another version of a
document, households' own forms, scans too large or unreadable, and a folder's links."""

from __future__ import annotations

import datetime as dt
import gc
import struct
import weakref
import zlib

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from antq_docs.cli import cli
from antq_docs.identity import Identity
from antq_docs.intake import assign, intake, ocr_available
from antq_docs.intake.grouping import Group
from antq_docs.intake.reading import Reading
from antq_docs.intake.sources import PageRef, pages
from antq_docs.limits import MAX_PAGE_SIDE
from antq_docs.output import REVIEW, read_manifest
from tests.helpers import SAMPLE_DIR, invoke_generate
from tests.intake.scans import FONT
from tests.intake.test_intake import DPI, page, pledge, scan

HOUSEHOLDS = SAMPLE_DIR / "households-kon-tum-2025.csv"


def titled(label: str) -> Image.Image:
    """A first page without a code (covered by a seal, or a template without the tag): the
    Quốc hiệu at the top right, as Nghị định 30 places it."""
    image = page(label)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(DPI * 13 / 72))
    draw.rectangle((0, 40, image.width, 130), fill="white")
    draw.text((700, 70), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fill="black", font=font)
    draw.text((800, 110), "Độc lập - Tự do - Hạnh phúc", fill="black", font=font)
    return image


@pytest.mark.slow
@pytest.mark.parametrize("ocr", [True, False])
def test_a_document_whose_code_does_not_read_is_never_added_to_the_one_before(tmp_path, docs, ocr):
    if ocr and not ocr_available():
        pytest.skip("needs Tesseract (tesseract-ocr-vie)")
    pile = scan(
        tmp_path / "scan.pdf",
        [
            page("1", code=pledge("KT-01-01-01")),
            page("2"),
            titled(""),  # KT-01-01-02's pledge, its code covered
            page("2"),
            page("1", code=pledge("KT-02-01-01")),
        ],
    )
    done = intake([pile], docs, ocr=ocr)
    assert {p.path: p.pages for p in done.filed} == (
        {"pledge/KT-01-01-01.pdf": "1-2", "pledge/KT-02-01-01.pdf": "5"}
        if ocr
        # Without OCR nothing says page 2 is the first document's: both are left.
        else {"pledge/KT-02-01-01.pdf": "5"}
    )
    left = [u.page for u in done.unplaced]
    assert left == ([3, 4] if ocr else [1, 2, 3, 4])
    assert all((docs / u.picture).is_file() for u in done.unplaced)
    if ocr:
        assert len(PdfReader(docs / "pledge" / "KT-01-01-01.pdf").pages) == 2
    else:
        assert not (docs / "pledge" / "KT-01-01-01.pdf").exists()
        assert "chưa cài Tesseract" in done.unplaced[1].reason
    assert not (docs / "pledge" / "KT-01-01-02.pdf").exists()
    assert done.exit_code == 3


@pytest.mark.slow
def test_pages_left_are_not_held_in_memory(tmp_path, docs, monkeypatch):
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-01-01-01"))] + [page("")] * 5)
    read: list[weakref.ref] = []
    alive: list[int] = []

    def watched(path, wanted=None):
        for number, image in pages(path, wanted):
            gc.collect()
            alive.append(sum(ref() is not None for ref in read))
            read.append(weakref.ref(image))
            yield number, image

    monkeypatch.setattr("antq_docs.intake.run.pages", watched)
    done = intake([pile], docs, ocr=False)
    assert [u.page for u in done.unplaced] == [1, 2, 3, 4, 5, 6]
    # Each page left is pictured and let go: at most the page just read is still held.
    assert max(alive) <= 1, alive


def test_a_signed_copy_of_another_version_is_left_naming_both(tmp_path, docs):
    older = Identity("KT-01-01-01", "pledge", "", dt.date(2025, 3, 20))
    pile = scan(tmp_path / "s.pdf", [page("1", code=older)])
    done = intake([pile], docs, ocr=False)
    assert done.filed == [] and not (docs / "pledge" / "KT-01-01-01.pdf").exists()
    [left] = done.unplaced
    assert "mã QR là của bản ngày 20/3/2025" in left.reason
    assert "văn bản trong thư mục là bản ngày 25/3/2025" in left.reason


@pytest.mark.slow
def test_household_forms_are_filed_each_beside_its_own(tmp_path, runner):
    out = tmp_path / "docs"
    made = invoke_generate(
        runner,
        "pledge",
        out,
        "--unit",
        "KT-01-03-01",
        "--households",
        str(HOUSEHOLDS),
        "--per-household",
    )
    assert made.exit_code == 0, made.stderr
    pile = scan(tmp_path / "ho.pdf", [page("A"), page("B")])
    done = assign(
        [
            f"{pile}:1=pledge-household/KT-01-03-01/KJD-001",
            f"{pile}:2=pledge-household/KT-01-03-01/KJD-002.docx",
        ],
        out,
    )
    assert [p.path for p in done.filed] == [
        "pledge-household/KT-01-03-01/KJD-001.pdf",
        "pledge-household/KT-01-03-01/KJD-002.pdf",
    ]
    assert done.seconds == []
    entry = read_manifest(out)["pledge-household/KT-01-03-01/KJD-002.pdf"]
    assert (entry["unit"], entry["kind"], entry["pages"]) == (
        "KT-01-03-01",
        "pledge-household",
        "2",
    )
    assert len(PdfReader(out / "pledge-household" / "KT-01-03-01" / "KJD-001.pdf").pages) == 1


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("size", "said"),
    [
        ((14_000, 14_000), "ảnh quá giới hạn 64 triệu điểm ảnh"),
        ((10_000, 7_000), "ảnh 10.000 × 7.000 điểm ảnh, quá giới hạn 64 triệu"),
    ],
)
def test_a_photo_too_large_is_refused_by_name(tmp_path, docs, runner, size, said):
    bomb = tmp_path / "anh.png"
    bomb.write_bytes(png_claiming(*size))
    result = runner.invoke(cli, ["intake", str(bomb), "--docs", str(docs)])
    assert result.exit_code == 3, result.output
    assert f"anh.png: {said}" in result.stdout
    assert "Traceback" not in result.output


def test_a_huge_pdf_page_is_rendered_no_larger_than_the_bound(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=14_400, height=10_000)
    poster = tmp_path / "poster.pdf"
    with poster.open("wb") as fh:
        writer.write(fh)
    [(number, image)] = list(pages(poster))
    assert number == 1 and MAX_PAGE_SIDE - 2 <= max(image.size) <= MAX_PAGE_SIDE


def test_an_unreadable_scan_is_listed_not_a_traceback(tmp_path, docs, monkeypatch):
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-01-01-01"))])
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()

    def broken(self, *args, **kwargs):
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdfium.PdfPage, "render", broken)
    done = intake([pile, folder], docs, ocr=False)
    assert sorted(name for name, _ in done.unreadable) == ["a-folder.pdf", "s.pdf"]
    assert all("không đọc được tệp quét này" in why for _, why in done.unreadable)
    assert done.exit_code == 3


def test_the_folder_is_read_only_when_a_page_needs_it(tmp_path, docs, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("every .docx read before the first page")

    monkeypatch.setattr("antq_docs.intake.run.Matcher", never)
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-01-01-02"))])
    done = intake([pile], docs, ocr=True)
    assert [p.path for p in done.filed] == ["pledge/KT-01-01-02.pdf"]


def test_links_in_the_folder_are_neither_followed_nor_written_through(tmp_path, docs, runner):
    outside = tmp_path / "outside"
    outside.mkdir()
    (docs / REVIEW).symlink_to(outside)
    (docs / "pledge" / "KT-09.docx").symlink_to(docs / "pledge" / "KT-01-01-01.docx")
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-09"))])
    result = runner.invoke(cli, ["intake", str(pile), "--docs", str(docs)])
    assert result.exit_code == 1
    assert "liên kết tượng trưng" in result.stderr and "Traceback" not in result.output
    assert list(outside.iterdir()) == []
    (docs / REVIEW).unlink()
    done = intake([pile], docs, ocr=False)
    assert "thư mục không có văn bản này" in done.unplaced[0].reason
    assert not (docs / "pledge" / "KT-09.pdf").exists()


@pytest.mark.parametrize(
    ("numbers", "order"),
    [
        ([3, 2], [1, 3, 2]),  # fed out of order, numbered 2, 3: put in order
        ([22, 3], [1, 2, 3]),  # "2" misread as "22": kept as the scanner fed them
        ([2, 2], [1, 2, 3]),
    ],
)
def test_pages_are_ordered_by_their_numbers_only_when_these_read_in_a_row(numbers, order):
    first = Reading(PageRef("s.pdf", 1), first=True)
    rest = [Reading(PageRef("s.pdf", n + 2), number=read) for n, read in enumerate(numbers)]
    group = Group(first, rest)
    assert all(group.takes(r) for r in rest)
    assert [r.ref.page for r in group.pages] == order
