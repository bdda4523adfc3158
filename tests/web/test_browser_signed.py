"""The page of signed scans in Chromium, at the office laptop's size and at a phone's (slow:
Debian's Chromium driven by Playwright): the folder and a pile of scans sent, the filed ones
listed, a page left shown by its picture and filed by a click, the folder downloaded with its
signed copies; nothing scrolls sideways."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.web.conftest import pledges_zip
from tests.web.test_browser_official import PHONE, _fits
from tools.screenshots import SIGNED_UNITS, VIEWPORT, signed_scans

pytestmark = pytest.mark.slow

# The pledges of the ZIP: the two the scanner brings back signed, and one the photo is.
UNITS = [*SIGNED_UNITS, "KT-01-01-02"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The pledges of UNITS made by generate, zipped under the page's names."""
    return pledges_zip(tmp_path_factory.mktemp("docs"), UNITS)


@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["390px", "1366px"])
def test_scans_are_filed_a_page_assigned_by_a_click_and_the_folder_downloaded(
    browser, site, folder, tmp_path, viewport
):
    page = browser.new_page(viewport=viewport, locale="vi-VN", accept_downloads=True)
    page.goto(site + "/")
    page.click("#sample-on")
    page.click("#nav-ban-da-ky")
    _fits(page)
    page.set_input_files("#docs", folder)
    page.set_input_files("#scans", signed_scans(tmp_path))
    assert page.inner_text("#scans-chosen") == "scan0001.pdf, anh-chup.jpg"
    page.click("#signed-submit")
    page.wait_for_selector("#signed-summary", timeout=120_000)
    filed = page.inner_text("#filed")
    for unit in SIGNED_UNITS:
        assert f"({unit})" in filed
    assert "scan0001.pdf" in filed and "mã QR" in filed
    picture = page.locator("#unplaced img")
    assert picture.get_attribute("alt") == "Trang 1 của tệp anh-chup.jpg"
    page.wait_for_function("document.querySelector('#unplaced img').naturalWidth > 100")
    _fits(page)
    page.select_option("#van-ban-1", "KT-01-01-02/pledge")
    page.click("#assign-1")
    page.wait_for_selector("#nothing-left")
    assert "anh-chup.jpg" in page.inner_text("#filed") and "xếp tay" in page.inner_text("#filed")
    _fits(page)
    with page.expect_download() as download:
        page.click("#download-signed")
    assert download.value.suggested_filename == "ho-so-da-ky.zip"
    with zipfile.ZipFile(download.value.path()) as zf:
        signed = {n for n in zf.namelist() if n.endswith(".pdf")}
    assert signed == {f"cam-ket/{unit}-cam-ket.pdf" for unit in UNITS}
    page.close()
