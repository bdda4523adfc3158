"""Read Excel workbooks (XLSX): one sheet as text cells, several sheets in one opening with
the cells their defined names point at, and the names of the sheets."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.inputs.csvtext import long_cell
from antq_docs.inputs.tables import (
    TABLE_FILE,
    CellProblem,
    Column,
    Table,
    build_table,
    read_input,
    too_many_cells,
)
from antq_docs.limits import (
    MAX_CELL_CHARS,
    MAX_TABLE_BYTES,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_PARTS,
    MAX_XLSX_ROWS,
    MAX_XLSX_STRING_BYTES,
    MAX_XLSX_UNPACKED_BYTES,
)
from antq_docs.messages import inputs as msg
from antq_docs.messages import limits as limit_msg
from antq_docs.vi import clean_text, number, size_text, strip_marks

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


# The sheets, which openpyxl streams; every other part it reads whole.
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_CHUNK = 1 << 16


def _open_workbook(path: Path, data: bytes, *, values: bool = True):
    """A workbook opened read-only, values as last computed; InputError when it cannot be."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        refuse_unbounded(path, data)
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=values)
    except (InvalidFileException, *_WORKBOOK_ERRORS) as e:
        raise InputError(msg.EXCEL_UNOPENABLE.format(error=e), path=path) from e


def refuse_unbounded(path: Path, data: bytes) -> None:
    """Unpack every part of a workbook once, counting, and refuse it past the XLSX limits.

    A 1 MB file can unpack to gigabytes (one unused shared string of 1 GiB): what each part
    unpacks to is counted while it is read, and nothing is kept, so the refusal costs neither
    memory nor much time. A file that is not a ZIP is left for openpyxl to refuse.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return
    with archive:
        parts = [info for info in archive.infolist() if not info.is_dir()]
        if len(parts) > MAX_XLSX_PARTS:
            raise InputError(limit_msg.XLSX_PARTS.format(limit=number(MAX_XLSX_PARTS)), path=path)
        total = 0
        for info in parts:
            total = _count_part(path, archive, info, total)


def _count_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int) -> int:
    """Unpack one part, refusing it past its cap; the workbook's total so far."""
    cap = MAX_XLSX_UNPACKED_BYTES if _SHEET_PART.match(info.filename) else MAX_XLSX_PART_BYTES
    size = run = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            total += len(chunk)
            if total > MAX_XLSX_UNPACKED_BYTES:
                limit = size_text(MAX_XLSX_UNPACKED_BYTES)
                raise InputError(limit_msg.XLSX_UNPACKED.format(limit=limit), path=path)
            if size > cap:
                limit = size_text(cap)
                raise InputError(
                    limit_msg.XLSX_PART.format(part=info.filename, limit=limit), path=path
                )
            # The text since the last '<': a chunk is far shorter than the bound, so only a
            # stretch running over chunks can pass it.
            first = chunk.find(b"<")
            run += len(chunk) if first < 0 else first
            if run > MAX_XLSX_STRING_BYTES:
                limit = size_text(MAX_XLSX_STRING_BYTES)
                raise InputError(
                    limit_msg.XLSX_STRING.format(part=info.filename, limit=limit), path=path
                )
            if first >= 0:
                run = len(chunk) - chunk.rfind(b"<") - 1
    return total


def read_xlsx(
    path: Path, data: bytes, sheet: str | None
) -> tuple[list[tuple[int, list[str]]], list[CellProblem]]:
    """Read the first sheet (or the named one) of a workbook as text cells, and its long cells."""
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


def _sheet_rows(path: Path, ws) -> tuple[list[tuple[int, list[str]]], list[CellProblem]]:
    """The non-blank rows of one sheet, numbered as Excel shows them, as text cells; and the
    cells longer than MAX_CELL_CHARS, which must be reported as CSV's are."""
    # The stored size (A1:T120) says how wide to read; it may lie or be missing, so it is
    # held within Excel's row limit and MAX_TABLE_COLUMNS.
    height = min(ws.max_row or MAX_XLSX_ROWS, MAX_XLSX_ROWS)
    width = min(ws.max_column or MAX_TABLE_COLUMNS, MAX_TABLE_COLUMNS)
    rows = []
    problems = []
    cells = 0
    lines = ws.iter_rows(max_row=height, max_col=width, values_only=True)
    for line, values in enumerate(lines, start=1):
        empty = values.count(None)
        if empty == len(values):
            continue  # a blank row: the table drops it anyway
        cells += len(values) - empty
        if cells > MAX_TABLE_CELLS:
            raise InputError(too_many_cells(), path=path)
        texts = [_cell_text(v) for v in values]
        problems += [
            CellProblem(line, index, long_cell(len(text)))
            for index, text in enumerate(texts)
            if len(text) > MAX_CELL_CHARS
        ]
        rows.append((line, texts))
    return rows, problems


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
            raw[actual], problems = _sheet_rows(path, book[actual])
            try:
                table = build_table(path, raw[actual], columns, problems)
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
        letters, line = coordinate_from_string(reference.replace("$", ""))
        index = column_index_from_string(letters) - 1
        cells = next((c for n, c in raw[sheet] if n == line), [])
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
    data = read_input(Path(path), MAX_TABLE_BYTES, TABLE_FILE)
    book = _open_workbook(Path(path), data, values=False)
    try:
        return list(book.sheetnames)
    finally:
        book.close()
