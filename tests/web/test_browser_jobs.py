"""A long job in a real browser: the progress bar moves, then the result replaces it (slow)."""

from __future__ import annotations

import pytest

from benchmarks.make_roster import write
from tests.helpers import SAMPLE_CAMPAIGN
from tools.screenshots import VIEWPORT, chromium_path, serving

pytestmark = pytest.mark.slow

# A roster whose pledges take a few seconds: long enough to watch the bar.
UNITS = 3000


def test_the_progress_bar_of_a_province_run_moves_then_gives_the_result(tmp_path):
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium binary (Debian package `chromium`; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    roster, _ = write(UNITS, tmp_path / "tinh")
    seen: list[tuple[int, int]] = []
    asked: list[str] = []
    with serving(tmp_path / "data", settle=0) as site, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        page = browser.new_page(viewport=VIEWPORT)
        page.on("request", lambda r: asked.append(f"{r.method} {r.resource_type} {r.url}"))
        page.goto(site + "/")
        for role, path in (("campaign", SAMPLE_CAMPAIGN), ("roster", roster)):
            page.set_input_files(f"#keep-{role}", path)
            page.evaluate("document.getElementById('said')?.remove()")
            page.click(f"#keep-{role}-submit")
            page.wait_for_selector("#said")
        page.check("#kind-pledge")
        page.click("#generate-submit")
        page.wait_for_selector("#job-progress", timeout=60_000)
        assert "/ket-qua/" in page.url
        bar = "document.getElementById('job-progress')"
        for _ in range(1200):
            try:
                if page.query_selector("#download-zip") is not None:
                    break
                done = page.evaluate(f"{bar} ? [{bar}.value, {bar}.max] : null")
            except sync_api.Error:  # the page is being replaced by the result
                done = None
            if done:
                seen.append((int(done[0]), int(done[1])))
            page.wait_for_timeout(250)
        page.wait_for_selector("#download-zip", timeout=60_000)
        summary = page.inner_text("#documents-count")
        browser.close()
    # The first bar is the documents of the run (then the ZIP's last files, if seen at all).
    total = next(t for _, t in seen if t > 1)
    values = sorted({value for value, t in seen if t == total})
    assert len(values) >= 2 and 0 < values[-1] <= total, seen  # it moved, within the run
    assert f"{total:,}".replace(",", ".") in summary or str(total) in summary
    # The files went up by XMLHttpRequest (busy.js shows their upload progress); one POST
    # made the job; the page then only asked where it was and read the result.
    given = [f"POST xhr {site}/du-lieu"] * 2
    assert [a for a in asked if a.startswith("POST ")] == [*given, f"POST document {site}/soan"]
    assert any(a.startswith("GET fetch ") and a.endswith("/tien-do") for a in asked)
