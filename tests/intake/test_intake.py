"""intake on pages drawn here: documents found by their QR code, filed once, never over a signed
copy, the pages left pictured and filed by hand; then `check` reads them as signed."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from antq_docs.check import check
from antq_docs.cli import cli
from antq_docs.errors import UsageError
from antq_docs.identity import Identity
from antq_docs.inputs.loading import load_inputs
from antq_docs.intake import assign, intake, ocr_available
from antq_docs.kinds import REGISTRY
from antq_docs.output import REVIEW, read_manifest
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_UNITS
from tests.intake.conftest import UNITS
from tests.intake.scans import FONT, degrade, print_code, scan_pdf

# Scans made and read page by page: the slow set (CI runs it).
pytestmark = pytest.mark.slow

DPI = 150
# Pages after a document's first are its own only when their page number reads (Tesseract).
needs_ocr = pytest.mark.skipif(not ocr_available(), reason="needs Tesseract (tesseract-ocr-vie)")


def page(label: str, *, code: Identity | None = None) -> Image.Image:
    """An A4 page with lines of text in Nghị định 30's text area, its label printed where a
    page number goes (centred in the top margin, 13 pt), and the QR code if given."""
    image = Image.new("RGB", (round(8.27 * DPI), round(11.69 * DPI)), "white")
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.rectangle((260, 250 + 60 * row, image.width - 140, 265 + 60 * row), fill="black")
    font = ImageFont.truetype(FONT, round(DPI * 13 / 72))
    draw.text((image.width // 2 + 60, 80), label, fill="black", font=font, anchor="mm")
    return print_code(image, code, DPI) if code else image


def pledge(unit: str) -> Identity:
    """The identity a unit's pledge prints."""
    return Identity(unit, "pledge", "", dt.date(2025, 3, 25))


def scan(path: Path, pages: list[Image.Image], upside_down: set[int] = frozenset()) -> Path:
    """The pages scanned into one PDF, those numbered in upside_down turned over."""
    rng = random.Random(7)
    return scan_pdf(
        [degrade(p, rng, upside_down=i in upside_down) for i, p in enumerate(pages)], path, DPI
    )


@needs_ocr
def test_documents_are_filed_by_their_code_upright_and_recorded(tmp_path, docs, runner):
    pile = scan(
        tmp_path / "scan0001.pdf",
        [
            page("1", code=pledge("KT-01-01-02")),
            page("2"),
            page("1", code=pledge("KT-01-01-01")),
            page("2"),
        ],
        upside_down={0, 3},
    )
    result = runner.invoke(cli, ["intake", str(pile), "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    assert "pledge/KT-01-01-02.pdf: scan0001.pdf trang 1-2 (mã QR" in result.stdout
    for unit in ("KT-01-01-01", "KT-01-01-02"):
        filed = PdfReader(docs / "pledge" / f"{unit}.pdf")
        assert len(filed.pages) == 2
        box = filed.pages[0].mediabox
        assert box.height > box.width  # upright, not on its side
    entry = read_manifest(docs)["pledge/KT-01-01-01.pdf"]
    assert entry["format"] == "scan" and entry["method"] == "qr"
    assert (entry["scan"], entry["pages"], entry["unit"]) == ("scan0001.pdf", "3-4", "KT-01-01-01")
    assert not (docs / "pledge" / "KT-02-01-01.pdf").exists()


def test_upside_down_first_page_is_turned_back(tmp_path, docs):
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-02-01-01"))], upside_down={0})
    done = intake([pile], docs, ocr=False)
    assert [p.path for p in done.filed] == ["pledge/KT-02-01-01.pdf"]
    reader = PdfReader(docs / "pledge" / "KT-02-01-01.pdf")
    image = reader.pages[0].images[0].image
    # The filed page is upright: its code reads turned by no more than the scan's skew.
    [code] = zxingcpp.read_barcodes(image.convert("L"))
    assert abs(code.orientation) <= 5
    assert code.position.top_left.y > image.height * 0.8


@needs_ocr
def test_a_rerun_files_nothing_twice_and_a_second_scan_names_both(tmp_path, docs, runner):
    first = scan(tmp_path / "a.pdf", [page("1", code=pledge("KT-01-01-01")), page("2")])
    scanned = first.read_bytes()
    assert intake([first], docs, ocr=True).exit_code == 0
    filed = (docs / "pledge" / "KT-01-01-01.pdf").read_bytes()
    again = intake([first], docs, ocr=True)
    assert (again.filed, [p.path for p in again.already]) == ([], ["pledge/KT-01-01-01.pdf"])
    second = scan(tmp_path / "b.pdf", [page("1", code=pledge("KT-01-01-01"))])
    result = runner.invoke(cli, ["intake", str(second), "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    assert (
        "pledge/KT-01-01-01.pdf: bản đã xếp từ a.pdf trang 1-2; bản này từ b.pdf trang 1"
        in result.stdout
    )
    assert (docs / "pledge" / "KT-01-01-01.pdf").read_bytes() == filed
    assert first.read_bytes() == scanned  # the scans are never changed


def test_pages_left_are_pictured_listed_and_assigned_by_hand(tmp_path, docs, runner):
    pile = scan(tmp_path / "scan.pdf", [page("?"), page("1", code=pledge("KT-02-01-01"))])
    result = runner.invoke(cli, ["intake", str(pile), "--docs", str(docs), "--format", "json"])
    assert result.exit_code == 3, result.output
    data = json.loads(result.stdout)
    [left] = data["unplaced"]
    assert (left["scan"], left["page"]) == ("scan.pdf", 1)
    assert left["picture"].startswith(f"{REVIEW}/") and (docs / left["picture"]).is_file()
    assert [f["path"] for f in data["filed"]] == ["pledge/KT-02-01-01.pdf"]
    order = f"{pile}:1=KT-01-01-02/pledge"
    result = runner.invoke(cli, ["intake", "--assign", order, "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    assert "pledge/KT-01-01-02.pdf: scan.pdf trang 1 (xếp tay" in result.stdout
    assert not (docs / left["picture"]).exists()
    assert read_manifest(docs)["pledge/KT-01-01-02.pdf"]["method"] == "tay"
    # Run again on the same scan: the page filed by hand is not left again.
    again = intake([pile], docs, ocr=False)
    assert (again.unplaced, again.filed, again.exit_code) == ([], [], 0)
    assert not (docs / REVIEW).exists() or not any((docs / REVIEW).iterdir())


def test_a_scope_files_only_its_units_and_the_unsigned_are_listed(tmp_path, docs):
    pile = scan(
        tmp_path / "scan.pdf",
        [page("1", code=pledge("KT-01-01-01")), page("1", code=pledge("KT-02-01-01"))],
    )
    done = intake([pile], docs, ocr=False, scope={"KT-01-01-01", "KT-01-01-02"})
    assert [p.path for p in done.filed] == ["pledge/KT-01-01-01.pdf"]
    assert [(u.page, u.reason) for u in done.unplaced] == [
        (2, "mã QR ghi KT-02-01-01 / pledge, nhưng thư mục không có văn bản này")
    ]
    assert done.unsigned == [("KT-01-01-02", "pledge")]
    assert done.to_json()["unsigned"] == [{"unit": "KT-01-01-02", "kind": "pledge"}]
    with pytest.raises(UsageError, match="không có văn bản KT-02-01-01/pledge"):
        assign([f"{pile}:2=KT-02-01-01/pledge"], docs, scope={"KT-01-01-01"})
    by_hand = assign([f"{pile}:2=KT-01-01-02/pledge"], docs, scope={"KT-01-01-02"})
    assert [p.path for p in by_hand.filed] == ["pledge/KT-01-01-02.pdf"]
    assert by_hand.unsigned == []


@pytest.mark.parametrize(
    ("order", "message", "code"),
    [
        ("scan.pdf=KT-01/pledge", "không đúng dạng TỆP:TRANG=MÃ_ĐƠN_VỊ/LOẠI", 2),
        ("{pile}:1=KT-99/pledge", "thư mục không có văn bản KT-99/pledge", 2),
        ("{pile}:4=KT-01-01-01/pledge", "scan.pdf: trang “4” không có trong tệp quét", 2),
        ("{pile}:0=KT-01-01-01/pledge", "scan.pdf: trang “0” không có trong tệp quét", 2),
        ("{pile}:1-100000000=KT-01-01-01/pledge", "trang “1-100000000” không có", 2),
        ("{pile}:3-1=KT-01-01-01/pledge", "trang “3-1” viết ngược; hãy viết trang nhỏ trước", 2),
    ],
)
def test_a_wrong_assignment_is_refused(tmp_path, docs, runner, order, message, code):
    pile = scan(tmp_path / "scan.pdf", [page("?")])
    result = runner.invoke(
        cli, ["intake", "--assign", order.format(pile=pile), "--docs", str(docs)]
    )
    assert result.exit_code == code
    assert message in result.stderr


def test_a_code_of_a_document_the_folder_lacks_is_never_filed(tmp_path, docs):
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-09-09"))])
    done = intake([pile], docs, ocr=False)
    assert done.filed == [] and done.exit_code == 3
    assert "KT-09-09" in done.unplaced[0].reason


def test_a_file_that_is_no_scan_is_listed(tmp_path, docs, runner):
    bad = tmp_path / "anh.heic"
    bad.write_bytes(b"\x00\x00\x00\x18ftypheic")
    result = runner.invoke(cli, ["intake", str(bad), "--docs", str(docs)])
    assert result.exit_code == 3
    assert "anh.heic: ảnh HEIC chưa đọc được trên máy này" in result.stdout


def test_check_counts_the_filed_scans_as_signed(tmp_path, docs):
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge(u)) for u in UNITS])
    assert intake([pile], docs, ocr=False).exit_code == 0
    inputs = load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, kinds=REGISTRY)
    report = check(inputs, docs, workers=1, kinds=["pledge"])
    signed = {e.unit.code for e in report.entries if e.signed}
    assert signed == set(UNITS)
    assert report.changed == [] and report.extra == []


def test_a_photo_turned_by_the_camera_is_read_and_filed(tmp_path, docs):
    photo = tmp_path / "IMG_0001.jpg"
    shot = page("1", code=pledge("KT-01-01-02")).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera says: turn 90° clockwise to view
    shot.save(photo, "JPEG", quality=80, exif=exif)
    done = intake([photo], docs, ocr=False)
    assert [(p.path, p.scan, p.pages) for p in done.filed] == [
        ("pledge/KT-01-01-02.pdf", "IMG_0001.jpg", "1")
    ]
    box = PdfReader(docs / "pledge" / "KT-01-01-02.pdf").pages[0].mediabox
    assert box.height > box.width


def test_without_tesseract_codes_are_filed_and_ocr_is_said_off(tmp_path, docs, runner, monkeypatch):
    monkeypatch.setattr("antq_docs.intake.ocr_available", lambda: False)
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-01-01-01"))])
    result = runner.invoke(cli, ["intake", str(pile), "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    assert "Chưa cài Tesseract" in result.stderr
    assert (docs / "pledge" / "KT-01-01-01.pdf").is_file()


@needs_ocr
def test_a_run_killed_before_its_manifest_is_saved_is_adopted(tmp_path, docs, monkeypatch):
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-01-01-01")), page("2")])

    def killed(self) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr("antq_docs.output.manifest.Manifest.save", killed)
        with pytest.raises(KeyboardInterrupt):
            intake([pile], docs, ocr=True)
    assert "pledge/KT-01-01-01.pdf" not in read_manifest(docs)
    again = intake([pile], docs, ocr=True)
    assert again.filed == [] and [p.path for p in again.already] == ["pledge/KT-01-01-01.pdf"]
    entry = read_manifest(docs)["pledge/KT-01-01-01.pdf"]
    assert (entry["format"], entry["method"], entry["pages"]) == ("scan", "qr", "1-2")


def test_a_document_put_in_place_by_hand_is_found_without_the_manifest(tmp_path, docs):
    (docs / "manifest.json").unlink()
    pile = scan(tmp_path / "s.pdf", [page("1", code=pledge("KT-01-01-02"))])
    done = intake([pile], docs, ocr=False)
    assert [p.path for p in done.filed] == ["pledge/KT-01-01-02.pdf"]


def test_every_page_coded_files_whole_documents_without_reading_words(tmp_path, docs):
    """The templates print the code on every page: a two-page document is filed whole with
    Tesseract off, a page upside down among them, and the next code starts the next one."""
    pile = scan(
        tmp_path / "scan0002.pdf",
        [
            page("1", code=pledge("KT-01-01-02")),
            page("2", code=pledge("KT-01-01-02")),
            page("1", code=pledge("KT-01-01-01")),
            page("2", code=pledge("KT-01-01-01")),
        ],
        upside_down={1},
    )
    done = intake([pile], docs, ocr=False)
    assert sorted((p.path, p.pages) for p in done.filed) == [
        ("pledge/KT-01-01-01.pdf", "3-4"),
        ("pledge/KT-01-01-02.pdf", "1-2"),
    ]
    assert done.unplaced == [] and done.exit_code == 0
    assert len(PdfReader(docs / "pledge" / "KT-01-01-02.pdf").pages) == 2
