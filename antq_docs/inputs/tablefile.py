"""Read one table file, CSV or Excel by its suffix, into a Table: the entry of the roster,
results and households readers."""

from __future__ import annotations

from pathlib import Path

from antq_docs.errors import InputError
from antq_docs.inputs.csvtext import read_csv
from antq_docs.inputs.tables import (
    TABLE_FILE,
    Column,
    Table,
    build_table,
    read_input,
)
from antq_docs.inputs.workbook import read_xlsx
from antq_docs.limits import MAX_TABLE_BYTES
from antq_docs.messages import inputs as msg


def read_table(
    path: Path,
    columns: list[Column],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Table:
    """Read a CSV or XLSX file, find its header row, and return its non-blank rows."""
    path = Path(path)
    data = read_input(path, MAX_TABLE_BYTES, TABLE_FILE)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        # An encoding names how CSV text is stored; a workbook carries its own (a run may mix
        # a Windows-1258 CSV roster with an XLSX results file).
        (raw, problems), used = read_xlsx(path, data, sheet), None
    elif suffix == ".xls":
        raise InputError(
            msg.XLS_NOT_SUPPORTED,
            path=path,
        )
    else:
        if sheet:
            raise InputError(msg.SHEET_ONLY_FOR_EXCEL, path=path)
        raw, used, problems = read_csv(path, data, encoding, columns)
    table = build_table(path, raw, columns, problems)
    table.encoding = used
    table.sheet = sheet
    return table
