"""Shared fixtures: paths to the named scenarios, a CLI runner, workbook and docx helpers."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE_CAMPAIGN = FIXTURES / "campaign-kon-tum-2025.yaml"
SAMPLE_UNITS = FIXTURES / "units-kon-tum-2025.csv"
# The sample's second roster (danh_sach_don_vi), in force from 01/7/2025: no districts.
SAMPLE_UNITS_JULY = FIXTURES / "units-quang-ngai-2025-07.csv"
# What a run of the sample campaign with the small roster says first: another province.
SMALL_PROVINCE_WARNING = (
    "Cảnh báo: đơn vị gốc của units-small.csv là “Tỉnh Mẫu” (T), không phải tỉnh “Kon Tum” của "
    "kế hoạch campaign-kon-tum-2025.yaml; kiểm tra lại tệp danh sách (sau khi sáp nhập, ghi tỉnh "
    "của từng thời kỳ bằng khóa tinh trong danh_sach_don_vi).\n"
)


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


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Danh sách") -> Path:
    """Write rows to the first sheet of a new workbook."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write CSV text exactly as given (line endings included)."""
    path.write_bytes(text.encode(encoding))
    return path


def campaign_text(**changes: str) -> str:
    """The sample campaign text with some top-level lines replaced or appended."""
    text = SAMPLE_CAMPAIGN.read_text(encoding="utf-8")
    # The copy lives elsewhere: its rosters by period are named from the sample's folder.
    text = text.replace("  - tep: ", f"  - tep: {FIXTURES}/")
    for key, line in changes.items():
        lines = text.splitlines()
        lines = [line if ln.startswith(f"{key}:") else ln for ln in lines]
        if not any(ln.startswith(f"{key}:") for ln in text.splitlines()):
            lines.append(line)
        text = "\n".join(lines) + "\n"
    return text


def steady_text() -> str:
    """The sample campaign without its dated changes (thay_doi_to_chuc): a year in which no
    body ends, so a roster's districts issue every document of the year."""
    text = campaign_text()
    start = text.index("thay_doi_to_chuc:")
    end = text.index("\n\n", start)
    return text[:start] + text[end + 2:]


@functools.lru_cache(maxsize=1)
def steady_sample() -> Path:
    """steady_text() in a folder of its own, written once per test process (module-level
    arguments of tests that number a district's documents through the whole year)."""
    return steady_campaign(Path(tempfile.mkdtemp(prefix="steady-")))


def steady_campaign(folder: Path) -> Path:
    """steady_text() written as steady.yaml in folder."""
    path = folder / "steady.yaml"
    path.write_text(steady_text(), encoding="utf-8")
    return path


def invoke_generate(
    runner, kind: str, out: Path, *extra: str, units=SAMPLE_UNITS, campaign=SAMPLE_CAMPAIGN
):
    """Run `antq-docs generate KIND` on the given inputs into out (units=None: the campaign's)."""
    from antq_docs.cli import cli

    return runner.invoke(
        cli,
        [
            "generate",
            kind,
            "--campaign",
            str(campaign),
            *(["--units", str(units)] if units is not None else []),
            "--out",
            str(out),
            *extra,
        ],
    )
