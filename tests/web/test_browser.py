"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright (slow)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_UNITS, full_text
from tools.screenshots import VIEWPORT, without

pytestmark = pytest.mark.slow

# A commune of the sample roster whose pledge the check scenario takes out of the folder.
REMOVED_UNIT = "KT-02-02"


@pytest.fixture
def page(browser):
    """A page at the size of the office laptop the pages are made for."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield context.new_page()
    context.close()


def _give(page, role: str, path: Path) -> None:
    """Give a file in the panel "Dữ liệu đang dùng" and wait for the page to say it."""
    page.set_input_files(f"#keep-{role}", path)
    # The answer's note replaces the page: the last one is taken away to see the new one come.
    page.evaluate("document.getElementById('said')?.remove()")
    page.click(f"#keep-{role}-submit")
    page.wait_for_selector("#said")


def _generate_pledges(page, site: str) -> bytes:
    """Give the sample roster and campaign, tick pledges only, generate, download the ZIP."""
    page.goto(site + "/")
    _give(page, "campaign", SAMPLE_CAMPAIGN)
    _give(page, "roster", SAMPLE_UNITS)
    page.check("#kind-pledge")
    # Keyboard only from here: focus the form's last box (the PDF boxes when the server can
    # make PDFs, else the pledge per household), Tab to the submit button, Enter.
    page.focus("#extras input:not([disabled]) >> nth=-1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "generate-submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("#download-zip")
    with page.expect_download() as download:
        page.click("#download-zip")
    return Path(download.value.path()).read_bytes()


def test_sample_roster_gives_pledges_as_a_zip_that_opens(page, site):
    data = _generate_pledges(page, site)
    assert page.url.startswith(site + "/ket-qua/")
    assert page.inner_text("#summary") == "Đã soạn 93 văn bản."
    assert page.is_visible(f"#doc-pledge-{REMOVED_UNIT}")
    assert not page.query_selector("#doc-plan-" + REMOVED_UNIT)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert all(n.startswith("cam-ket/") for n in names if n.endswith(".docx"))
        text = full_text(Document(io.BytesIO(zf.read(f"cam-ket/{REMOVED_UNIT}-cam-ket.docx"))))
    assert "HÀ MÒN" in text.upper()


def test_bad_roster_shows_its_row_and_generates_nothing(page, site, tmp_path):
    page.goto(site + "/")
    _give(page, "campaign", SAMPLE_CAMPAIGN)
    _give(page, "roster", FIXTURES / "roster-duplicate-code.csv")
    rows = [
        [c.inner_text().strip() for c in r.query_selector_all("td")]
        for r in page.query_selector_all("#said-findings tr.finding")
    ]
    assert ["roster-duplicate-code.csv", "5"] in [r[:2] for r in rows]
    assert "Chưa nhận tệp “roster-duplicate-code.csv”" in page.inner_text("#said")
    # Answered in place, at the top of the page it was given on (busy.js sent the file).
    assert page.url == site + "/"
    assert page.evaluate("document.getElementById('said').getBoundingClientRect().top") < 300
    assert "chưa có" in page.inner_text("#given-roster")
    page.check("#kind-pledge")
    page.click("#generate-submit")
    page.wait_for_selector("#error")
    assert not page.query_selector("#download-zip")
    assert not list((tmp_path / "data" / "jobs").glob("*/out/**/*.docx"))


def test_check_of_a_zip_without_one_pledge_marks_it_missing(page, site, tmp_path):
    data = _generate_pledges(page, site)
    docs = without(data, f"cam-ket/{REMOVED_UNIT}-cam-ket.docx", tmp_path / "van-ban.zip")
    page.click("#nav-kiem-tra")
    # The campaign and roster given for the documents are still in use: only the ZIP is chosen.
    page.set_input_files("#docs", docs)
    page.click("#check-submit")
    page.wait_for_selector("#matrix")
    assert page.get_attribute(f"#cell-{REMOVED_UNIT}-pledge", "data-status") == "missing"
    assert page.get_attribute("#cell-KT-02-01-pledge", "data-status") == "present"
    assert page.inner_text("#check-summary").startswith("Chưa đủ")


PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    """The page never scrolls sideways: wide tables scroll inside their own box."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)


# Inner boxes that scroll on their own (a form or a list cut to a window of the page).
_SCROLL_BOXES = """sel => [...document.querySelectorAll(sel)].filter(e => {
    const s = getComputedStyle(e);
    return ['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
}).length"""
# Whether the element itself is what a tap at its centre reaches (not covered, not cut).
_REACHED = """e => { const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === e || e.contains(hit); }"""


@pytest.mark.parametrize("size", [VIEWPORT, PHONE], ids=["laptop", "phone"])
def test_the_panel_and_the_units_flow_in_the_page_with_every_button_in_reach(browser, site, size):
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(site + "/")
    _give(page, "campaign", SAMPLE_CAMPAIGN)
    _give(page, "roster", FIXTURES / "units-small.csv")
    assert page.evaluate(_SCROLL_BOXES, "#space, #space *") == 0
    for role in ("campaign", "roster", "results", "scores", "households"):
        button = page.locator(f"#keep-{role}-submit")
        button.scroll_into_view_if_needed()
        assert button.evaluate(_REACHED), role
    _fits(page)
    page.goto(site + "/don-vi")
    assert page.evaluate(_SCROLL_BOXES, "main, main *") == 0
    names = page.locator("#units th[scope=row]").all_inner_texts()
    assert names[0] == "Tỉnh Mẫu" and names.index("Xã Một") < names.index("Thôn 1")
    # One line each: no heading or button broken in the middle of a word.
    for button in page.locator("#units button").all()[:5]:
        assert button.evaluate("e => e.getBoundingClientRect().height") < 48
    _fits(page)
    context.close()
