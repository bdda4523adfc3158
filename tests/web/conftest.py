"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, and the app served on
a free loopback port over a fresh data folder."""

from __future__ import annotations

import pytest

from tools.screenshots import chromium_path, serving


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless; skipped only when no chromium binary is installed."""
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium binary (Debian package `chromium`; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def site(tmp_path):
    """The app over a fresh data folder (tmp_path / "data"), served on a free loopback port."""
    with serving(tmp_path / "data") as base:
        yield base
