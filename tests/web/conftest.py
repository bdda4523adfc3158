"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, and the app served on
a free loopback port over a fresh data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from antq_docs.web.names import LiveZip
from tests.helpers import invoke_generate
from tools.screenshots import chromium_path, serving


def pledges_zip(folder: Path, units: list[str]) -> Path:
    """The pledges of units made by generate in folder, zipped under the page's names."""
    out = folder / "out"
    scope = [arg for unit in units for arg in ("--unit", unit)]
    result = invoke_generate(CliRunner(), "pledge", out, *scope)
    assert result.exit_code == 0, result.stderr
    archive = folder / "ho-so.zip"
    with LiveZip(out, archive, skip=("register.sqlite",)) as live:
        live.finish()
    return archive


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
