"""`check` tells drafted from signed documents; `check --signed` and `report --signed` count a
document only when its signed copy is filed."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from antq_docs.cli import cli
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.yearreport import report
from tests.check.test_check import BASE, RESULTS, cell_in_column, minimal_pdf
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR

PLEDGE = ["--kinds", "pledge"]
# The pledges of a commune and its two villages, signed and filed beside their drafts.
SIGNED = ("KT-01-01", "KT-01-01-01", "KT-01-01-02")


@pytest.fixture(scope="module")
def docs(year_end_copy) -> Path:
    """The year-end sample with three pledges signed."""
    for code in SIGNED:
        (year_end_copy / "pledge" / f"{code}.pdf").write_bytes(minimal_pdf())
    return year_end_copy


def _check(runner, docs: Path, *extra: str):
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), *PLEDGE, *extra])
    return result


def test_the_matrix_shows_drafted_and_signed_documents(runner, docs):
    result = _check(runner, docs)
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert cell_in_column(lines, "KT-01-01-01", "Cam kết") == "đã ký"
    assert cell_in_column(lines, "KT-01-02", "Cam kết") == "đã soạn"
    required = len(json.loads(_check(runner, docs, "--format", "json").stdout)["drafted"]) + 3
    assert f"Bản đã ký: 3/{required} văn bản có bản ký quét .pdf." in lines
    assert lines[-1] == "Kết quả: đủ văn bản bắt buộc."


def test_the_json_counts_signed_copies_and_lists_the_drafts(runner, docs):
    data = json.loads(_check(runner, docs, "--format", "json").stdout)
    assert data["complete"] is True and data["signed_required"] is False
    assert data["signed"] == 3 and data["unsigned"] == []
    drafted = {d["unit"] for d in data["drafted"]}
    assert drafted.isdisjoint(SIGNED) and "KT-01-02" in drafted
    assert {"unit": "KT-01-02", "kind": "pledge", "path": "pledge/KT-01-02.docx"} in (
        data["drafted"]
    )
    assert len(drafted) + 3 == data["required"] == data["present"]


def test_signed_copies_demanded_a_draft_alone_is_not_enough(runner, docs, tmp_path):
    book = tmp_path / "kiem-tra.xlsx"
    result = _check(runner, docs, "--signed", "--xlsx", str(book))
    assert result.exit_code == 3, result.stdout
    lines = result.stdout.splitlines()
    data = json.loads(_check(runner, docs, "--signed", "--format", "json").stdout)
    unsigned = len(data["unsigned"])
    assert unsigned == data["required"] - 3 and data["present"] == 3
    assert data["complete"] is False and data["signed_required"] is True
    assert (
        "Kiểm tra đòi bản đã ký (--signed): văn bản chỉ có bản soạn .docx tính là chưa có." in lines
    )
    assert cell_in_column(lines, "KT-01-01-02", "Cam kết") == "đã ký"
    assert cell_in_column(lines, "KT-01-02", "Cam kết") == "chưa ký"
    heading = lines.index(f"Chưa có bản ký ({unsigned}):")
    assert "  - pledge/KT-01.docx (KT-01, Cam kết)" in lines[heading + 1 : heading + unsigned + 1]
    assert lines[-1] == f"Kết quả: chưa đủ (0 thiếu, 0 không hợp lệ, {unsigned} chưa ký)."
    sheet = openpyxl.load_workbook(book)["Kiểm tra"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "KT-01-02")
    cell = row[header.index("Cam kết")]
    assert (cell.value, cell.fill.fgColor.rgb) == ("chưa ký", "00FFE0B2")


def test_every_copy_signed_completes_the_signed_check(runner, year_end_sample, tmp_path):
    import shutil

    folder = tmp_path / "docs"
    shutil.copytree(year_end_sample / "pledge", folder / "pledge")
    for draft in (folder / "pledge").glob("*.docx"):
        draft.with_suffix(".pdf").write_bytes(minimal_pdf())
        draft.unlink()
    result = _check(runner, folder, "--signed")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "Kết quả: đủ văn bản bắt buộc."


@pytest.mark.slow
def test_the_report_measures_pledges_on_signed_copies_only(docs):
    inputs = load_inputs(
        SAMPLE_CAMPAIGN,
        None,
        results=SAMPLE_DIR / "results-kon-tum-2025.csv",
        scores=SAMPLE_DIR / "scores-kon-tum-2025.csv",
        kinds=REGISTRY,
    )

    def pledged(signed: bool) -> int:
        measured = report(inputs, None, docs=docs, signed=signed).indicators
        return sum(i.numerator for i in measured if i.id == "cam_ket")

    drafted = pledged(signed=False)
    assert drafted > 3
    # The three signed pledges, those of the units the report's level counts.
    assert 0 < pledged(signed=True) <= 3


def test_report_signed_needs_the_folder(runner, tmp_path):
    result = runner.invoke(
        cli, ["report", *BASE, *RESULTS, "--signed", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "chỉ đếm bản đã ký (--signed) cần thư mục văn bản: thêm --docs THƯ_MỤC." in (
        result.stderr
    )
