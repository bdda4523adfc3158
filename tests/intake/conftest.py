"""The folder intake's tests file scans into."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import invoke_generate

UNITS = ["KT-01-01-01", "KT-01-01-02", "KT-02-01-01"]


@pytest.fixture
def docs(tmp_path, runner) -> Path:
    """The pledges of three units: two "Tổ dân phố 1" of two wards and a "Tổ dân phố 2"."""
    out = tmp_path / "docs"
    scope = [arg for unit in UNITS for arg in ("--unit", unit)]
    result = invoke_generate(runner, "pledge", out, *scope)
    assert result.exit_code == 0, result.stderr
    return out
