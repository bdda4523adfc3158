"""Tables bounded before they are searched: a row of thousands of cells costs no more than one
of MAX_TABLE_COLUMNS, in CSV as in XLSX."""

from __future__ import annotations

import time

import openpyxl
import pytest

from antq_docs.errors import InputError
from antq_docs.inputs.roster import load_roster
from antq_docs.limits import MAX_TABLE_COLUMNS
from tests.helpers import FIXTURES

SMALL = FIXTURES / "units-small.csv"


def test_thirty_rows_of_eight_thousand_cells_are_refused_at_once(tmp_path):
    wide = tmp_path / "rong.csv"
    rows = (",".join(f"Cột {r}-{c} ghi chú" for c in range(8000)) for r in range(30))
    wide.write_text("\n".join(rows), encoding="utf-8")
    started = time.process_time()
    with pytest.raises(InputError, match="không tìm thấy dòng tiêu đề trong 30 dòng đầu"):
        load_roster(wide)
    # 6.6 s (39.5 s on the server) when every cell was searched and compared with the columns.
    assert time.process_time() - started < 1.0


def test_cells_past_the_column_limit_are_not_read_in_csv_as_in_xlsx(tmp_path):
    """A stray value far to the right of a roster is ignored, in either format alike."""
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    padding = "," * (MAX_TABLE_COLUMNS + 50)
    lines[2] += padding + "giá trị lạc"
    csv_file = tmp_path / "don-vi.csv"
    csv_file.write_text("\n".join(lines), encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    for number, line in enumerate(lines, start=1):
        for index, cell in enumerate(line.split(",")[:10], start=1):
            sheet.cell(number, index, cell or None)
    sheet.cell(3, MAX_TABLE_COLUMNS + 40, "giá trị lạc")
    xlsx_file = tmp_path / "don-vi.xlsx"
    book.save(xlsx_file)
    from_csv, from_xlsx = load_roster(csv_file), load_roster(xlsx_file)
    assert [u.name for u in from_csv] == [u.name for u in from_xlsx]
    assert from_csv.units["H1"].name == "Huyện Một"


def test_a_heading_past_the_column_limit_is_not_found(tmp_path):
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    shifted = ["," * MAX_TABLE_COLUMNS + line for line in lines]
    path = tmp_path / "lech.csv"
    path.write_text("\n".join(shifted), encoding="utf-8")
    with pytest.raises(InputError, match=r"thiếu cột \"Mã đơn vị\""):
        load_roster(path)
