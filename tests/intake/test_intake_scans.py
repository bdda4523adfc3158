"""intake on real scans: documents of the sample printed by LibreOffice, rasterised at 150 and
200 dpi, skewed, one page upside down, speckled, sealed in red over the signature, compressed as
JPEG and joined in a shuffled order; with their QR codes and without them."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from antq_docs.check import check
from antq_docs.inputs.loading import load_inputs
from antq_docs.intake import intake, ocr_available
from antq_docs.kinds import REGISTRY
from antq_docs.pdf import convert_folder
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_UNITS, campaign_text, invoke_generate
from tests.intake.scans import Printed, rasterise, scan_batch, signed_pages

pytestmark = pytest.mark.slow

# Four "Tổ dân phố 1" of four wards and towns, two "Thôn 1" of two communes, a ward, a city:
# names that repeat are where a wrong unit would be filed.
PLEDGES = ["KT-01-01-01", "KT-01-02-01", "KT-02-01-01", "KT-03-01-01", "KT-02-02-01"]
PLEDGES += ["KT-02-03-01", "KT-01-01", "KT-01-01-02"]
PLANS = ["KT-01", "KT-02-02"]


def print_documents(folder: Path, **campaign: str) -> Path:
    """The documents generated (from the sample, changed by campaign's lines) and printed to
    PDF by LibreOffice."""
    out = folder / "docs"
    plan = folder / "ke-hoach.yaml"
    plan.write_text(campaign_text(**campaign), encoding="utf-8")
    runner = CliRunner()
    for kind, units in (("pledge", PLEDGES), ("plan", PLANS)):
        scope = [arg for unit in units for arg in ("--unit", unit)]
        result = invoke_generate(runner, kind, out, *scope, campaign=plan)
        assert result.exit_code == 0, result.stderr
    convert_folder(out, jobs=1)
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The documents with the QR codes their templates print, printed once."""
    return print_documents(tmp_path_factory.mktemp("printed"))


@pytest.fixture(scope="module")
def printed_plain(tmp_path_factory) -> Path:
    """The same documents printed without codes (ma_nhan_dien: false), once."""
    return print_documents(tmp_path_factory.mktemp("plain"), ma_nhan_dien="ma_nhan_dien: false")


def batch(printed: Path, folder: Path) -> list[Path]:
    """Two scans (150 and 200 dpi) of the printed documents, each page as LibreOffice printed it
    (with its code or without), signed, sealed and degraded."""
    rng = random.Random(11)
    documents = [("pledge", u) for u in PLEDGES] + [("plan", u) for u in PLANS]
    scans = []
    for dpi, part in ((150, documents[::2]), (200, documents[1::2])):
        pile = []
        for kind, unit in part:
            pages = rasterise(printed / kind / f"{unit}.pdf", dpi)
            pile.append(Printed(unit, kind, signed_pages(pages, dpi, rng)))
        scans.append(scan_batch(pile, folder / f"scan-{dpi}.pdf", dpi, seed=dpi))
    return scans


def fresh(printed: Path, target: Path) -> Path:
    """A copy of the documents with the PDFs the `pdf` command made (a signed copy takes the
    place of such a PDF)."""
    shutil.copytree(printed, target)
    return target


def expected() -> set[str]:
    """Where each scanned document belongs."""
    return {f"pledge/{u}.pdf" for u in PLEDGES} | {f"plan/{u}.pdf" for u in PLANS}


def test_with_codes_every_document_is_filed_where_it_belongs(printed, tmp_path):
    docs = fresh(printed, tmp_path / "docs")
    # Every page prints its document's code: no word is read, Tesseract or not.
    done = intake(batch(printed, tmp_path), docs, ocr=False)
    assert all(p.method == "qr" for p in done.filed)
    assert {p.path for p in done.filed} == expected()
    assert done.unplaced == [] and done.exit_code == 0
    inputs = load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, kinds=REGISTRY)
    report = check(inputs, docs, workers=1, kinds=["pledge", "plan"])
    signed = {(e.kind, e.unit.code) for e in report.entries if e.signed}
    assert signed >= {("pledge", u) for u in PLEDGES} | {("plan", u) for u in PLANS}


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with its Vietnamese data is needed")
def test_without_codes_ocr_files_nearly_all_and_none_under_a_wrong_unit(printed_plain, tmp_path):
    docs = fresh(printed_plain, tmp_path / "docs")
    done = intake(batch(printed_plain, tmp_path), docs)
    filed = {p.path for p in done.filed}
    assert filed <= expected()  # none under a wrong unit
    assert len(filed) >= 0.95 * len(expected())
    assert all(p.method == "ocr" for p in done.filed)
    # What was not filed is listed for a person, never dropped.
    assert bool(done.unplaced) == (filed != expected())


def test_without_codes_or_ocr_no_page_is_filed_on_no_evidence(printed_plain, tmp_path):
    docs = fresh(printed_plain, tmp_path / "docs")
    scans = batch(printed_plain, tmp_path)
    done = intake(scans, docs, ocr=False)
    # Nothing names a page: every one is listed for a person, none filed.
    assert done.filed == []
    pages = sum(len(PdfReader(scan).pages) for scan in scans)
    assert len(done.unplaced) == pages
