"""The year-plan page in a real browser at a phone's width: rows added and removed in place by
its script, Enter saves, the YAML downloads (slow: Debian's Chromium driven by Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_docs.inputs.campaign import load_campaign
from antq_docs.kinds import REGISTRY
from tools.screenshots import chromium_path, serving

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(tmp_path):
    """A phone-sized page of Chromium on the app over a fresh data folder; yields (page, site)."""
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium binary (Debian package `chromium`; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with serving(tmp_path / "data") as site, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True)
        context = browser.new_context(viewport=PHONE, accept_downloads=True)
        yield context.new_page(), site
        browser.close()


def test_the_year_plan_is_filled_on_a_phone_and_downloaded(page, tmp_path):
    page, site = page
    page.goto(f"{site}/ke-hoach")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("#sample-banner").is_visible()
    rows = page.locator("#f-chi_tieu > fieldset.row")
    assert rows.count() == 11
    # The parts of the plan are folded but the first: the targets' part is opened.
    assert not rows.first.is_visible()
    page.click("details.section:has(#f-chi_tieu) > summary")
    page.click("#f-chi_tieu button.add-row")
    assert rows.count() == 12
    assert page.url.endswith("/ke-hoach")  # in place, nothing posted
    assert page.evaluate("document.activeElement.name") == "chi_tieu[12].ma"
    page.select_option("#f-chi_tieu-12-ma", "dang_ky")
    page.fill("#f-chi_tieu-12-noi_dung", "100% thôn, làng đăng ký")
    page.check("#f-chi_tieu-12-loai-khu_dan_cu")
    page.fill("#f-chi_tieu-12-ty_le", "100")
    page.click("#f-chi_tieu-1 button.remove-row")
    assert rows.count() == 11
    assert rows.last.locator(":scope > legend").inner_text() == "Chỉ tiêu, dòng 11"
    page.fill("#f-tinh", "Gia Lai")
    page.press("#f-tinh", "Enter")
    page.wait_for_selector("#saved")
    assert page.locator("#sample-banner").count() == 0
    with page.expect_download() as download:
        page.click("#download-yaml")
    assert download.value.suggested_filename == "ke-hoach.yaml"
    path = tmp_path / "ke-hoach.yaml"
    download.value.save_as(path)
    campaign = load_campaign(Path(path), kinds=REGISTRY)
    assert campaign.province == "Gia Lai"
    assert len(campaign.targets) == 11
    assert campaign.targets[0].text.startswith("100% cán bộ, công chức")
    assert (campaign.targets[-1].text, campaign.targets[-1].unit_types) == (
        "100% thôn, làng đăng ký",
        ("khu_dan_cu",),
    )
