"""Shared fixtures: a CLI runner and the sample's documents generated once; the helpers they
use live in tests/helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import SAMPLE_DIR, invoke_generate


@pytest.fixture
def runner() -> CliRunner:
    """A Click runner that keeps stderr apart from stdout."""
    return CliRunner()


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """Every document of the bundled sample, generated once for the whole session."""
    out = tmp_path_factory.mktemp("sample-out")
    result = invoke_generate(CliRunner(), "all", out)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def year_end_sample(tmp_path_factory) -> Path:
    """Every document of the sample with its year-end results and scores, generated once a
    session (on each test worker); read it, or take a module's copy (year_end_copy) to change."""
    out = tmp_path_factory.mktemp("year-end-sample") / "out"
    given = ["--results", str(SAMPLE_DIR / "results-kon-tum-2025.csv")]
    given += ["--scores", str(SAMPLE_DIR / "scores-kon-tum-2025.csv")]
    result = invoke_generate(CliRunner(), "all", out, *given, units=None)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def year_end_copy(year_end_sample, tmp_path_factory) -> Path:
    """A module's own copy of the year-end sample, for tests that change the folder."""
    out = tmp_path_factory.mktemp("year-end") / "out"
    shutil.copytree(year_end_sample, out, symlinks=True)
    return out
