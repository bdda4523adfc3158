"""Time `intake` on scanned pages: 500 pages with QR codes, then pages read by OCR.

    python -m benchmarks.bench_intake [PAGES]

Two pledges of the sample are printed by LibreOffice and rasterised at 150 dpi; 250 documents of
two pages are made of them, each first page carrying the QR code of one of the sample's
documents (those `generate all` writes without results), skewed, speckled, sealed and
compressed as the tests make them, and joined into scans of 50 pages in a shuffled order.
intake then files them all (one process, Tesseract on when installed, as the command runs).
The OCR figure is intake on 10 pages of the same documents without their codes.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from antq_docs import resources
from antq_docs.generate import generate
from antq_docs.inputs.loading import load_inputs
from antq_docs.intake import intake, ocr_available
from antq_docs.intake.candidates import printed_identity
from antq_docs.intake.matching import Candidate
from antq_docs.kinds import REGISTRY
from antq_docs.output import read_manifest
from antq_docs.pdf import convert_folder
from tests.intake.scans import Printed, print_code, rasterise, scan_batch, signed_pages

DPI = 150
PER_SCAN = 50


def pages_of_pledges(tmp: Path) -> list[list]:
    """The pages of two printed pledges of the sample, as images, printed without their codes:
    each scanned document gets its own (print_code)."""
    campaign = resources.sample(resources.SAMPLE_CAMPAIGN)
    inputs = load_inputs(campaign, None, kinds=REGISTRY)
    inputs.campaign.identity_codes = False
    printed = tmp / "printed"
    generate(inputs, printed, ["pledge"])
    docs = sorted((printed / "pledge").glob("*.docx"))[:2]
    for extra in sorted((printed / "pledge").glob("*.docx"))[2:]:
        extra.unlink()
    convert_folder(printed, jobs=1)
    return [rasterise(d.with_suffix(".pdf"), DPI) for d in docs]


def folder_of_documents(tmp: Path) -> Path:
    """Every document of the sample but the year-end ones, the folder the scans are filed into."""
    campaign = resources.sample(resources.SAMPLE_CAMPAIGN)
    out = tmp / "docs"
    kinds = [name for name, kind in REGISTRY.items() if not kind.needs_results]
    generate(load_inputs(campaign, None, kinds=REGISTRY), out, kinds)
    return out


def coded_scans(tmp: Path, docs: Path, art: list[list], pages: int) -> list[Path]:
    """Scans of pages // 2 documents of two pages, each page coded, as the templates print
    it, with one document of docs (the code its .docx prints)."""
    rng = random.Random(5)
    entries = [e for e in read_manifest(docs).values() if e["path"].endswith(".docx")]
    documents = []
    for number, entry in enumerate(entries[: pages // 2]):
        printed = printed_identity(docs, Candidate(entry["path"], entry["unit"], entry["kind"]))
        assert printed is not None, entry["path"]
        images = [print_code(i, printed, DPI) for i in list(art[number % len(art)])[:2]]
        documents.append(Printed(entry["unit"], entry["kind"], signed_pages(images, DPI, rng)))
    per = PER_SCAN // 2
    return [
        scan_batch(documents[i : i + per], tmp / f"scan{i:04d}.pdf", DPI, seed=i)
        for i in range(0, len(documents), per)
    ]


def bench(pages: int) -> list[str]:
    """Build the scans, time intake on them, then OCR on ten pages; the result lines."""
    lines = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        art = pages_of_pledges(tmp)
        docs = folder_of_documents(tmp)
        scans = coded_scans(tmp, docs, art, pages)
        fresh = tmp / "fresh"
        shutil.copytree(docs, fresh)
        t0 = time.perf_counter()
        done = intake(scans, docs)
        elapsed = time.perf_counter() - t0
        lines.append(
            f"intake, {pages} trang có mã QR ({len(scans)} tệp quét; {len(done.filed)} văn bản "
            f"đã xếp, {len(done.unplaced)} trang chưa xếp): "
            f"{elapsed:.1f} s ({pages / elapsed:.1f} trang/s)"
        )
        if ocr_available():
            rng = random.Random(9)
            plain = [Printed("", "", signed_pages(list(p), DPI, rng)) for p in art * 3][:5]
            ocr_scan = scan_batch(plain, tmp / "ocr.pdf", DPI, seed=1)
            count = sum(len(p.pages) for p in plain)
            t0 = time.perf_counter()
            intake([ocr_scan], fresh)
            elapsed = time.perf_counter() - t0
            lines.append(
                f"intake, {count} trang không mã, đọc chữ: {elapsed:.1f} s "
                f"({count / elapsed * 60:.0f} trang/phút)"
            )
    return lines


if __name__ == "__main__":
    for line in bench(int(sys.argv[1]) if len(sys.argv) > 1 else 500):
        print(line)
