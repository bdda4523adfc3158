"""Screenshot each page of the web app, filled with the sample, into docs/screenshots.

    python -m tools.screenshots [--out docs/screenshots]

Starts the app on a free loopback port over a temporary data folder, drives Debian's Chromium
headless with Playwright at 1366×768 (the office laptop the pages are made for): the panel
"Dữ liệu đang dùng" with the sample plan and roster given, the year-plan form, the generate
page with pledges ticked (and at a phone's 390 px), its result, a check of the generated folder
with one document removed, signed scans filed into that folder, the report of the sample
results and scores (against the bundled campaign and its rosters), and the progress of a
province's pledges. The PNGs are the pictures of docs/trang-web.md; run this again whenever a
page changes.
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE_CAMPAIGN = FIXTURES / "campaign-kon-tum-2025.yaml"
SAMPLE_UNITS = FIXTURES / "units-kon-tum-2025.csv"
SAMPLE_RESULTS = FIXTURES / "results-kon-tum-2025.csv"
SAMPLE_SCORES = FIXTURES / "scores-kon-tum-2025.csv"
VIEWPORT = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# The pledge taken out of the page's ZIP before the check: a commune of the sample.
REMOVED = "cam-ket/KT-02-02-cam-ket.docx"
# The units whose signed pledges come back scanned, on the page of signed scans.
SIGNED_UNITS = ("KT-01-01-01", "KT-02-01-01")
# The roster whose pledges the progress page is shown with: long enough to be seen running.
PROGRESS_UNITS = 3000


def chromium_path() -> str | None:
    """Debian's Chromium (the `chromium` package), or None when it is not installed."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(data: Path, settle: float | None = None) -> Iterator[str]:
    """The web app over `data`, served by uvicorn in a thread; yields its base address.
    settle: how long a result page waits for its job (None: the app's default)."""
    import uvicorn

    from antq_docs.web import create_app

    port = _free_port()
    app = create_app(data) if settle is None else create_app(data, settle=settle)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the web app did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def without(zip_bytes: bytes, removed: str, target: Path) -> Path:
    """Write a copy of a ZIP without one member to target."""
    with (
        zipfile.ZipFile(io.BytesIO(zip_bytes)) as src,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        if removed not in src.namelist():
            raise KeyError(f"{removed} is not in the ZIP")
        for info in src.infolist():
            if info.filename != removed:
                dst.writestr(info, src.read(info))
    return target


def _scroll(page, selector: str, block: str = "start") -> None:
    # The answer, not the form just sent, is what the picture is about.
    page.locator(selector).evaluate(f"e => e.scrollIntoView({{block: '{block}'}})")


def _shot(page, out: Path, name: str) -> None:
    # A palette PNG keeps the pictures small in the repository; the pages use few colours.
    from PIL import Image

    png = page.screenshot(full_page=False)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    image.save(out / f"{name}.png", optimize=True)
    print(out / f"{name}.png")


def take(out: Path) -> None:
    """Fill each page with the sample and save one screenshot per page into out."""
    from playwright.sync_api import sync_playwright

    browser_path = chromium_path()
    if browser_path is None:
        sys.exit("chromium is not installed (Debian: apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        serving(Path(tmp) / "data", settle=0) as base,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(
            executable_path=browser_path, headless=True, args=["--lang=vi-VN"]
        )
        page = browser.new_page(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True)

        _first_pages(page, base, out)
        page.click("#generate-submit")
        page.wait_for_selector("#download-zip")
        _shot(page, out, "ket-qua")
        with page.expect_download() as download:
            page.click("#download-zip")
        zip_path = Path(download.value.path())
        docs = without(zip_path.read_bytes(), REMOVED, Path(tmp) / "van-ban.zip")

        # The campaign and roster given on the first page stay in use.
        page.goto(base + "/kiem-tra")
        page.set_input_files("#docs", docs)
        page.click("#check-submit")
        page.wait_for_selector("#check-summary")
        _scroll(page, "#check-summary")
        _shot(page, out, "kiem-tra")
        _signed_shot(page, base, docs, Path(tmp), out)
        _progress_shot(page, base, Path(tmp), out)

        # The year's results are kept against the sample campaign's own rosters (the province
        # of March and the one after 01/7/2025): the files given are put aside for the sample.
        page.goto(base + "/bao-cao")
        page.click("#forget-roster-ca-nam")
        page.click("#forget-campaign")
        page.click("#sample-on")
        _give(page, "results", SAMPLE_RESULTS)
        _give(page, "scores", SAMPLE_SCORES)
        page.click("#report-submit")
        page.wait_for_selector("#report-indicators")
        # The chart whole: the table of the same figures is above it.
        page.wait_for_function("document.getElementById('report-chart').complete")
        _scroll(page, "#report-chart", "center")
        _shot(page, out, "bao-cao")
        browser.close()


def _first_pages(page, base: str, out: Path) -> None:
    """The panel with the sample plan and roster given, the year-plan form, the generate page
    with pledges ticked, at the laptop's size and at a phone's."""
    page.goto(base + "/")
    _give(page, "campaign", SAMPLE_CAMPAIGN)
    _give(page, "roster", SAMPLE_UNITS)
    _scroll(page, "#space")
    _shot(page, out, "du-lieu")
    page.goto(base + "/ke-hoach")
    _shot(page, out, "ke-hoach")
    page.goto(base + "/")
    page.check("#kind-pledge")
    _shot(page, out, "soan")
    # The same page on a phone: the line "Đang dùng" on top, each box beside its words.
    page.set_viewport_size(PHONE)
    _shot(page, out, "dien-thoai")
    page.set_viewport_size(VIEWPORT)


def _give(page, role: str, path: Path) -> None:
    """Give a file in the panel "Dữ liệu đang dùng"; refused, it stops the pictures."""
    page.set_input_files(f"#keep-{role}", path)
    # The answer's note replaces the page: the last one is taken away to see the new one come.
    page.evaluate("document.getElementById('said')?.remove()")
    page.click(f"#keep-{role}-submit")
    page.wait_for_selector("#said", timeout=120_000)
    if page.query_selector("#said-findings") is not None:
        raise RuntimeError(f"the panel refused {path.name}: {page.inner_text('#said')}")


def signed_scans(folder: Path) -> list[Path]:
    """A scanner's PDF of two signed pledges (their QR codes printed) and a phone's photo of a
    page without a code, as a commune brings them back."""
    import datetime as dt
    import random

    from antq_docs.identity import Identity
    from tests.intake.scans import degrade, drawn_page, scan_pdf

    rng = random.Random(5)  # noqa: S311 (a fixed seed: the same picture at every run)
    heading = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    pages = []
    for unit in SIGNED_UNITS:
        code = Identity(unit, "pledge", "", dt.date(2025, 3, 25))
        # One page each: a page after it would be filed only on its page number, read by OCR.
        pages.append(drawn_page([*heading, "BẢN CAM KẾT"], code, 150))
    scan = scan_pdf(
        [degrade(p, rng, upside_down=False) for p in pages], folder / "scan0001.pdf", 150
    )
    photo = folder / "anh-chup.jpg"
    drawn_page(["BIÊN BẢN", "(ảnh chụp)"], None, 150).save(photo, "JPEG", quality=70)
    return [scan, photo]


def _signed_shot(page, base: str, docs: Path, tmp: Path, out: Path) -> None:
    """The page of signed scans: the generated folder and a pile of scans filed, the page of
    the photo left with its picture and its form."""
    page.goto(base + "/ban-da-ky")
    page.set_input_files("#docs", docs)
    page.set_input_files("#scans", signed_scans(tmp))
    page.click("#signed-submit")
    page.wait_for_selector("#signed-summary", timeout=120_000)
    page.wait_for_function("document.querySelector('#unplaced img').complete")
    _scroll(page, "#signed-summary")
    _shot(page, out, "ban-da-ky")


def _progress_shot(page, base: str, tmp: Path, out: Path) -> None:
    """The progress page of a province-sized roster's pledges (the sample's are done too soon
    to be seen), its bar part way."""
    from benchmarks.make_roster import write

    roster, _ = write(PROGRESS_UNITS, tmp / "tinh")
    page.goto(base + "/")
    _give(page, "roster", roster)
    page.check("#kind-pledge")
    page.click("#generate-submit")
    page.wait_for_selector("#job-progress, #error", timeout=120_000)
    if page.query_selector("#error") is not None:
        raise RuntimeError(f"the generate page refused the roster: {page.inner_text('#error')}")
    # A function, not an expression: the page's Content-Security-Policy forbids eval.
    page.wait_for_function(
        "() => { const b = document.getElementById('job-progress');"
        " return b !== null && b.max > 1 && b.value > b.max / 4; }",
        timeout=120_000,
    )
    _shot(page, out, "tien-do")
    page.wait_for_selector("#download-zip", timeout=300_000)


def main() -> None:
    """Command line: where to write the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    take(parser.parse_args().out)


if __name__ == "__main__":
    main()
