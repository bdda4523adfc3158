"""Inputs bounded before they are expanded: a small workbook that unpacks to hundreds of
megabytes, cells past the one cell limit in Excel as in CSV, counts that are not counts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from antq_docs.errors import InputError, ValidationError
from antq_docs.inputs.roster import load_roster
from antq_docs.limits import MAX_CELL_CHARS, MAX_XLSX_STRING_BYTES, MAX_XLSX_UNPACKED_BYTES
from tests.helpers import ROOT, SAMPLE_CAMPAIGN, write_csv, write_xlsx

HEADER = ["Mã", "Tên đơn vị", "Loại", "Mã cấp trên", "Số hộ"]
ROWS = [["T", "Tỉnh Kon Tum", "tinh", "", ""], ["X", "Xã Hà Mòn", "xa", "T", "1.250"]]
# `antq-docs` in a child process that prints its peak memory (MB) when it exits.
MEASURE = r"""
import atexit, sys
def peak():
    with open("/proc/self/status") as fh:
        print(next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) // 1024)
atexit.register(peak)
from antq_docs.cli import main
sys.argv = ["antq-docs", *sys.argv[1:]]
main()
"""


def roster_xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    """A small valid roster workbook."""
    return write_xlsx(path, [HEADER, *(rows if rows is not None else ROWS)])


SST = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def with_extra_string(source: Path, target: Path, megabytes: int) -> Path:
    """Copy a workbook adding a shared-string table holding one unused string of `megabytes`
    MB (and a short one), written streaming: the file stays small."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", SST_TYPE)
            zout.writestr(info.filename, data)
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(SST + b"<si><t>short</t></si><si><t>")
            block = b"x" * (1 << 20)
            for _ in range(megabytes):
                part.write(block)
            part.write(b"</t></si></sst>")
    return target


@pytest.mark.slow
def test_a_huge_unused_shared_string_is_refused_quickly_in_little_memory(tmp_path):
    """200 MB of one string in a file of a few hundred KB: `generate --dry-run` refuses it by
    name, quickly, its memory flat."""
    path = with_extra_string(roster_xlsx(tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx", 200)
    assert path.stat().st_size < 1 << 20
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            MEASURE,
            *("generate", "plan", "--campaign", str(SAMPLE_CAMPAIGN), "--units", str(path)),
            *("--out", str(tmp_path / "out"), "--dry-run"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 1, done.stderr
    assert "bomb.xlsx: phần xl/sharedStrings.xml của tệp Excel có một chuỗi chữ dài hơn 1 MB" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
    assert int(done.stdout.split()[-1]) < 300
    assert seconds < 10


def test_a_long_unused_shared_string_is_refused_before_it_is_held(tmp_path):
    """The same refusal in-process, measured: what is unpacked is never kept."""
    path = with_extra_string(roster_xlsx(tmp_path / "ok.xlsx"), tmp_path / "long.xlsx", 20)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="chuỗi chữ dài hơn 1 MB"):
            load_roster(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20


def test_a_small_extra_string_still_reads(tmp_path):
    """A long but possible string (under the bound) does not stop an unused workbook part."""
    path = with_extra_string(roster_xlsx(tmp_path / "ok.xlsx"), tmp_path / "long.xlsx", 0)
    assert sorted(load_roster(path).units) == ["T", "X"]


def test_a_workbook_past_the_unpacked_total_is_refused(tmp_path, monkeypatch):
    """Parts counted together: the total bound is checked while unpacking, named in Vietnamese."""
    monkeypatch.setattr("antq_docs.inputs.workbook.MAX_XLSX_UNPACKED_BYTES", 4096)
    with pytest.raises(InputError, match=r"tệp Excel giải nén ra hơn 4\.096 byte"):
        load_roster(roster_xlsx(tmp_path / "ds.xlsx"))
    assert MAX_XLSX_UNPACKED_BYTES > 100 << 20  # the real bound leaves room for a province


def test_a_string_just_under_the_bound_passes_the_unpacking(tmp_path):
    """The stretch between tags is counted over chunks, not only within one."""
    from antq_docs.inputs.workbook import refuse_unbounded

    data = b"<a>" + b"y" * (MAX_XLSX_STRING_BYTES - 10) + b"</a>"
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", data)
    refuse_unbounded(path, path.read_bytes())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", data.replace(b"</a>", b"yyyyyyyyyyyy</a>"))
    with pytest.raises(InputError, match="chuỗi chữ dài hơn 1 MB"):
        refuse_unbounded(path, path.read_bytes())


def test_an_excel_cell_is_capped_like_a_csv_cell(tmp_path):
    """The same 1,000 characters and the same words, in Excel as in CSV."""
    long = "Ấp " + "a" * MAX_CELL_CHARS
    rows = [ROWS[0], ["X", long, "xa", "T", ""]]
    with pytest.raises(ValidationError) as excel:
        load_roster(roster_xlsx(tmp_path / "ds.xlsx", rows))
    text = "\n".join(f"{r[0]},{r[1]},{r[2]},{r[3]},{r[4]}" for r in [HEADER, *rows])
    with pytest.raises(ValidationError) as csv:
        load_roster(write_csv(tmp_path / "ds.csv", text + "\n"))
    expected = "dòng 3, cột B (Tên đơn vị): ô dài 1.003 ký tự, quá giới hạn 1.000 ký tự của một ô"
    assert [str(f) for f in excel.value.findings] == [f"ds.xlsx, {expected}"]
    assert [str(f) for f in csv.value.findings] == [f"ds.csv, {expected}"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("12.5", 'số hộ "12.5" không phải số nguyên'),
        (12.5, 'số hộ "12.5" không phải số nguyên'),
        ("1" * 23, f'số hộ "{"1" * 23}" quá lớn (tối đa 999.999.999)'),
        ("1.000.000.000", 'số hộ "1.000.000.000" quá lớn (tối đa 999.999.999)'),
    ],
)
def test_a_household_count_must_be_a_whole_number_within_bounds(tmp_path, written, message):
    """'12.5' was read as 125 and 23 digits as a count; both are refused by the cell."""
    rows = [ROWS[0], ["X", "Xã Hà Mòn", "xa", "T", written]]
    with pytest.raises(ValidationError) as excinfo:
        load_roster(roster_xlsx(tmp_path / "ds.xlsx", rows))
    assert [str(f) for f in excinfo.value.findings] == [
        f"ds.xlsx, dòng 3, cột E (Số hộ): {message}"
    ]


def test_grouped_household_counts_still_read(tmp_path):
    """'1.250' and 1250 are the same count."""
    roster = load_roster(roster_xlsx(tmp_path / "ds.xlsx"))
    assert roster.get("X").households == 1250


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("1.250", 1250, None),
        ("999999999", 999_999_999, None),
        ("007", 7, None),
        ("12.5", None, 'số người "12.5" không phải số nguyên'),
        ("1" * 23, None, f'số người "{"1" * 23}" quá lớn (tối đa 999.999.999)'),
        ("0" * 30 + "5", 5, None),
        ("9" * 5000, None, f'số người "{"9" * 5000}" quá lớn (tối đa 999.999.999)'),
    ],
)
def test_every_count_column_reads_counts_by_one_rule(text, value, problem):
    """The rule the roster, the results and the figures share (a 5,000-digit count included,
    which int() alone would refuse with a Python error)."""
    from antq_docs.inputs.result_cells import count_problem, parse_count

    assert parse_count(text) == value
    assert count_problem(text, "số người") == problem
