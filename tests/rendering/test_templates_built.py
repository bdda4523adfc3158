"""The committed templates are exactly what their builders in tools/templates/ make."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tools.build_templates import build_all

COMMITTED = ROOT / "templates"
REBUILD = "run `python -m tools.build_templates` and commit templates/"


def members(path: Path) -> list[tuple[str, tuple, bytes]]:
    """Each zip member's name, time and uncompressed bytes, in order.

    Compared member by member rather than as compressed files: another zlib may compress the
    same bytes differently, while the content and its order are what a rebuild must keep.
    """
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, i.date_time, zf.read(i)) for i in zf.infolist()]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every template as the builders make it now, by file name."""
    return {p.name: p for p in build_all(tmp_path_factory.mktemp("built"))}


def test_every_template_is_what_its_builder_makes(built):
    committed = {p.name: p for p in COMMITTED.glob("*.docx")}
    assert sorted(committed) == sorted(built), f"templates/ and the builders differ: {REBUILD}"
    stale = [name for name in sorted(built) if members(built[name]) != members(committed[name])]
    assert not stale, (
        f"templates/{', templates/'.join(stale)} differ from their builders: {REBUILD}"
    )


def test_the_build_is_byte_stable(built, tmp_path):
    again = {p.name: p.read_bytes() for p in build_all(tmp_path)}
    assert again == {name: path.read_bytes() for name, path in built.items()}
    with zipfile.ZipFile(built["pledge.docx"]) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "<cp:revision>1</cp:revision>" in core
    assert "2025-01-01T00:00:00Z</dcterms:modified>" in core
