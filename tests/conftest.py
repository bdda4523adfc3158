"""Shared fixtures: a CLI runner and the sample's documents generated once; the helpers they
use live in tests/helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import invoke_generate


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
