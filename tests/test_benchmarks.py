"""The benchmark table runs end to end at a small size (its figures are read, not asserted)."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.bench_table import table


@pytest.mark.slow
def test_the_benchmark_table_runs_at_a_small_size():
    text = table("small")
    lines = text.splitlines()
    assert lines[0].startswith("Máy: ")
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| Phép")]
    names = " ".join(row.split(" | ")[0] for row in rows)
    for expected in (
        "docxtpl thuần",
        "--jobs 1",
        "bản cam kết, --jobs",
        "--dry-run trên 2.000",
        "Bộ nhớ đỉnh mỗi tiến trình",
        "antq-docs forms: ",
        "antq-docs collect --jobs",
    ):
        assert expected in names
    if shutil.which("soffice"):
        assert "PDF (" in names and "Hồ sơ kiểm tra" in names
    # Every figure is a measurement: no row is left empty.
    assert all(row.split(" | ")[1].strip() for row in rows)
