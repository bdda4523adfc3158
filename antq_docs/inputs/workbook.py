"""Read Excel workbooks (XLSX): one sheet as text cells, several sheets in one opening with
the cells their defined names point at, and the names of the sheets."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.inputs.tables import (
    MAX_TABLE_BYTES,
    MAX_TABLE_CELLS,
    MAX_XLSX_COLUMNS,
    MAX_XLSX_ROWS,
    TABLE_FILE,
    Column,
    Table,
    build_table,
    read_input,
    too_many_cells,
)
from antq_docs.messages import inputs as msg
from antq_docs.vi import clean_text, strip_marks

# What openpyxl raises on a damaged workbook (found by tests/test_fuzz.py): zip and deflate
# errors, XML syntax errors (ParseError is a SyntaxError), and the lookup and type errors of
# parts that are missing or hold the wrong elements. Caught only around openpyxl's own calls.
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
    NotImplementedError,
)


def _open_workbook(path: Path, data: bytes):
    """A workbook opened read-only, values as last computed; InputError when it cannot be."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, *_WORKBOOK_ERRORS) as e:
        raise InputError(msg.EXCEL_UNOPENABLE.format(error=e), path=path) from e


def read_xlsx(path: Path, data: bytes, sheet: str | None) -> list[tuple[int, list[str]]]:
    """Read the first sheet (or the named one) of a workbook as text cells."""
    book = _open_workbook(path, data)
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            names = ", ".join(f'"{n}"' for n in book.sheetnames)
            raise InputError(msg.SHEET_NOT_FOUND.format(sheet=sheet, names=names), path=path)
        return _sheet_rows(path, ws)
    except _WORKBOOK_ERRORS as e:
        raise InputError(msg.EXCEL_BROKEN.format(error=e), path=path) from e
    finally:
        book.close()


def _sheet_rows(path: Path, ws) -> list[tuple[int, list[str]]]:
    """The non-blank rows of one sheet, numbered as Excel shows them, as text cells."""
    # The stored size (A1:T120) says how wide to read; it may lie or be missing, so it is
    # held within Excel's row limit and MAX_XLSX_COLUMNS.
    height = min(ws.max_row or MAX_XLSX_ROWS, MAX_XLSX_ROWS)
    width = min(ws.max_column or MAX_XLSX_COLUMNS, MAX_XLSX_COLUMNS)
    rows = []
    cells = 0
    lines = ws.iter_rows(max_row=height, max_col=width, values_only=True)
    for number, values in enumerate(lines, start=1):
        empty = values.count(None)
        if empty == len(values):
            continue  # a blank row: the table drops it anyway
        cells += len(values) - empty
        if cells > MAX_TABLE_CELLS:
            raise InputError(too_many_cells(), path=path)
        rows.append((number, [_cell_text(v) for v in values]))
    return rows


def find_sheet(names: list[str], wanted: str) -> str | None:
    """The sheet of a workbook named like wanted (any case, marks or not), or None."""
    key = strip_marks(wanted)
    return next((n for n in names if strip_marks(n) == key), None)


@dataclass
class WorkbookTables:
    """Several sheets of one workbook read in one opening, and the cells its names point at.

    tables holds the sheets found, by the name asked for; missing the names not found; names
    maps each defined name that points at one cell of a sheet read to that cell's text;
    findings the sheets whose header row could not be used.
    """

    path: Path
    tables: dict[str, Table] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def read_workbook(path: Path, sheets: dict[str, list[Column]]) -> WorkbookTables:
    """Read the named sheets of a workbook, each by its header row, opening the file once.

    Sheets are matched by name without case or marks. A sheet whose header is not found is
    a finding, not an error: the other sheets and files are still read. InputError when the
    file is not a workbook that opens.
    """
    path = Path(path)
    data = read_input(path, MAX_TABLE_BYTES, TABLE_FILE)
    book = _open_workbook(path, data)
    result = WorkbookTables(path)
    try:
        raw: dict[str, list[tuple[int, list[str]]]] = {}
        for wanted, columns in sheets.items():
            actual = find_sheet(book.sheetnames, wanted)
            if actual is None:
                result.missing.append(wanted)
                continue
            raw[actual] = _sheet_rows(path, book[actual])
            try:
                table = build_table(path, raw[actual], columns)
            except InputError as e:
                result.findings.append(Finding(e.reason, file=f"{path.name}, trang {actual}"))
                continue
            except ValidationError as e:
                result.findings.extend(e.findings)
                continue
            table.sheet = actual
            result.tables[wanted] = table
        result.names = _named_cells(book, raw)
    except _WORKBOOK_ERRORS as e:
        raise InputError(msg.EXCEL_BROKEN.format(error=e), path=path) from e
    finally:
        book.close()
    return result


def _named_cells(book, raw: dict[str, list[tuple[int, list[str]]]]) -> dict[str, str]:
    """The text of the one cell each defined name points at, among the sheets read."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    named: dict[str, str] = {}
    for name, definition in book.defined_names.items():
        destinations = list(definition.destinations)
        if len(destinations) != 1 or destinations[0][0] not in raw:
            continue
        sheet, reference = destinations[0]
        if ":" in reference:
            continue
        letters, number = coordinate_from_string(reference.replace("$", ""))
        index = column_index_from_string(letters) - 1
        cells = next((c for n, c in raw[sheet] if n == number), [])
        named[name] = cells[index] if index < len(cells) else ""
    return named


def _cell_text(value: object) -> str:
    """Text of one cell: whole numbers without '.0', dates as ISO, everything cleaned."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(str(value))


def xlsx_sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook, in order."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    data = read_input(Path(path), MAX_TABLE_BYTES, TABLE_FILE)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except (InvalidFileException, *_WORKBOOK_ERRORS) as e:
        raise InputError(msg.EXCEL_UNOPENABLE.format(error=e), path=path) from e
    try:
        return list(book.sheetnames)
    finally:
        book.close()
