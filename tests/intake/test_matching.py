"""Which document a heading read by OCR is: told apart by what only it holds, or not filed."""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_docs.docxread import Package, document_text
from antq_docs.intake.matching import Candidate, Matcher
from antq_docs.output import read_manifest
from tests.helpers import invoke_generate

# Three "Tổ dân phố 1" of three wards and towns, a "Tổ dân phố 2", and a ward's own pledge.
UNITS = ["KT-01-01-01", "KT-01-02-01", "KT-02-01-01", "KT-01-01-02", "KT-01-01"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The pledges of the units."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("pledges") / "docs"
    scope = [arg for unit in UNITS for arg in ("--unit", unit)]
    result = invoke_generate(CliRunner(), "pledge", out, *scope)
    assert result.exit_code == 0, result.stderr
    return out


def matcher(folder: Path) -> Matcher:
    """Every pledge of the folder a candidate."""
    entries = read_manifest(folder).values()
    return Matcher(folder, [Candidate(e["path"], e["unit"], e["kind"]) for e in entries])


def heading(folder: Path, unit: str) -> str:
    """The first lines of a unit's pledge as OCR reads them: marks lost here and there."""
    text = document_text(Package(folder / "pledge" / f"{unit}.docx").document())
    lines = text.splitlines()[:14]
    return "\n".join(lines).replace("ỐNG", "ÔNG").replace("ạ", "a")


@pytest.mark.parametrize("unit", UNITS)
def test_each_heading_is_its_own_unit_surely(folder, unit):
    match = matcher(folder).match(heading(folder, unit))
    assert match.candidate is not None and match.candidate.unit == unit
    assert match.sure, match


def test_a_heading_without_the_ward_is_never_filed(folder):
    # "Tổ dân phố 1" with the lines naming its ward lost (a fold, a stain): three wards fit.
    text = heading(folder, "KT-01-02-01")
    kept = [line for line in text.splitlines() if "Thắng" not in line and "THẮNG" not in line]
    match = matcher(folder).match("\n".join(kept))
    assert not match.sure, match


def test_nothing_read_is_never_filed(folder):
    assert not matcher(folder).match("~~ ¬¬ ,,").sure
