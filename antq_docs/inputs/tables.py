"""Read any tabular input (CSV in any common encoding, XLSX) into clean rows with their locations.

Officials keep rosters in Excel: title rows above the header, blank rows, numbers typed as
numbers, text typed NFD by some keyboards, CSV exports with a byte-order mark or in
Windows-1258. Everything here turns that into NFC text keyed by column, remembering the row
number a person sees in Excel or a text editor.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.files import DIRECTORY, MISSING, SPECIAL, SYMLINK, TOO_LARGE, Refusal, read_regular
from antq_docs.vi import clean_text, fold, size_text, strip_marks

HEADER_SEARCH_ROWS = 30
# The longest cell a CSV may hold: names, titles and addresses are far shorter, and a longer
# cell is almost always rows swallowed by a stray quote.
MAX_CELL_CHARS = 1000
# Largest roster or results file read (CSV or XLSX): 100,000 units take about 10 MB.
MAX_TABLE_BYTES = 50 << 20
TABLE_FILE = "tệp dữ liệu (CSV hoặc Excel)"
# The most cells a table may hold (100,000 units use about 2 million): a 50 MB file of
# delimiters, or a workbook that unpacks to gigabytes, stops here instead of filling memory.
MAX_TABLE_CELLS = 5_000_000
# Excel's own limit on rows; and the columns read (a roster uses about twenty). A row numbered
# past the first, or a sheet whose stored size says XFD1048576, must not become millions of
# empty rows or columns.
MAX_XLSX_ROWS = 1_048_576
MAX_XLSX_COLUMNS = 256

_VI_BASES = "aăâeêioôơuưy"
_VI_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
_VI_LETTERS = {unicodedata.normalize("NFC", b + t) for b in _VI_BASES for t in _VI_TONES} | {"đ"}
_VI_LETTERS |= {c.upper() for c in _VI_LETTERS}
_OK_PUNCT = set("–—“”‘’…•°ºª×·«»€")


@dataclass(frozen=True)
class Column:
    """A column the reader looks for: its key, its Vietnamese header, whether it is required."""

    key: str
    header: str
    required: bool = False

    def matches(self, cell: str) -> bool:
        """Tell whether a header cell names this column (key or header, any case, NFC or not)."""
        folded, stripped = _names(self.key, self.header)
        return fold(cell) in folded or strip_marks(cell) in stripped


@functools.lru_cache(maxsize=1024)
def _names(key: str, header: str) -> tuple[frozenset[str], frozenset[str]]:
    """A column's key and header folded, and without marks."""
    folded = frozenset({fold(key), fold(header)})
    return folded, frozenset(strip_marks(w) for w in folded)


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as a person sees it, and its cleaned values by column key."""

    number: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        """Return the cleaned value of a column, '' when absent or blank."""
        return self.values.get(key, "")


@dataclass
class Table:
    """The rows of one input file, with where each known column was found."""

    path: Path
    letters: dict[str, str]
    headers: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    # Cells the reader could not trust (a quote left open, a cell past MAX_CELL_CHARS); the
    # loader reports them with its own findings.
    findings: list[Finding] = field(default_factory=list)
    # The sheet read, for a workbook read by sheet name ('Số liệu').
    sheet: str | None = None

    @property
    def name(self) -> str:
        """The file (and sheet) as messages name it: 'ket-qua.xlsx, trang Số liệu'."""
        return f"{self.path.name}, trang {self.sheet}" if self.sheet else self.path.name

    def column(self, key: str) -> str:
        """Describe a column for a message: 'C (Loại)'."""
        if key not in self.letters:
            return key
        return f"{self.letters[key]} ({self.headers[key]})"

    def finding(self, row: Row | int, key: str | None, message: str) -> Finding:
        """Build a finding located at a row and column of this table."""
        number = row.number if isinstance(row, Row) else row
        column = self.column(key) if key else None
        return Finding(message, file=self.name, row=number, column=column)

    def cell_finding(self, row: Row | int, key: str | None, message: str) -> Finding:
        """A finding located at one cell, as a spreadsheet names it: 'ô D5 (Số buổi …)'."""
        found = self.finding(row, key, message)
        if key not in self.letters:
            return found
        return replace(found, cell=f"{self.letters[key]}{found.row} ({self.headers[key]})")


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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
        raw, used = _read_xlsx(path, data, sheet), None
        problems: list[CellProblem] = []
    elif suffix == ".xls":
        raise InputError(
            "định dạng Excel 97-2003 (.xls) không được hỗ trợ; hãy mở bằng Excel và "
            "lưu lại dạng .xlsx hoặc CSV UTF-8.",
            path=path,
        )
    else:
        if sheet:
            raise InputError("--sheet chỉ dùng cho tệp Excel (.xlsx).", path=path)
        raw, used, problems = _read_csv(path, data, encoding, columns)
    table = _build(path, raw, columns, problems)
    table.encoding = used
    table.sheet = sheet
    return table


def read_input(path: Path, cap: int, what: str) -> bytes:
    """The bytes of an input file (what: "tệp dữ liệu (CSV hoặc Excel)", "tệp kế hoạch").

    Refused at once, before anything is read, with a message naming the file: a missing
    file, a folder, a symbolic link, a FIFO or a device (/dev/zero never ends and a FIFO
    blocks), or a file over cap bytes.
    """
    try:
        return read_regular(path, cap)
    except Refusal as e:
        limit = size_text(cap)
        if e.kind == MISSING:
            message = "không tìm thấy tệp."
        elif e.kind == TOO_LARGE:
            message = f"tệp quá lớn ({size_text(e.size or 0)}); giới hạn là {limit}."
        elif e.kind in (DIRECTORY, SYMLINK, SPECIAL):
            message = f"{e.reason}. Hãy chỉ ra chính {what} (tệp thường, tối đa {limit})."
        else:
            message = f"{e.reason}."
        raise InputError(message, path=path) from e


def _build(
    path: Path,
    raw: list[tuple[int, list[str]]],
    columns: list[Column],
    problems: list[CellProblem] | None = None,
) -> Table:
    """Find the header among the first rows, then key every later row by column."""
    required = [c for c in columns if c.required]
    best: tuple[int, dict[str, int]] | None = None
    for position, (_, cells) in enumerate(raw[:HEADER_SEARCH_ROWS]):
        found = _match_header(cells, columns)
        if best is None or len(found) > len(best[1]):
            best = (position, found)
        if all(c.key in found for c in required):
            table = _keyed(path, raw, position, found, columns)
            table.findings.extend(_located(table, found, problems or []))
            return table
    missing = [c for c in required if best is None or c.key not in best[1]]
    names = ", ".join(f'"{c.header}" ({c.key})' for c in missing)
    raise InputError(
        f"không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu; thiếu cột {names}.",
        path=path,
    )


def _match_header(cells: list[str], columns: list[Column]) -> dict[str, int]:
    """Map column keys to the index of the header cell that names them."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not cell:
            continue
        for col in columns:
            if col.key not in found and col.matches(cell):
                found[col.key] = index
                break
    return found


def _keyed(
    path: Path,
    raw: list[tuple[int, list[str]]],
    position: int,
    found: dict[str, int],
    columns: list[Column],
) -> Table:
    """Turn raw rows below the header into keyed rows, reporting repeated header columns."""
    header_number, header_cells = raw[position]
    findings = []
    for index, cell in enumerate(header_cells):
        for col in columns:
            if cell and col.matches(cell) and found.get(col.key) != index:
                findings.append(
                    Finding(
                        f'cột "{cell}" lặp lại cột {column_letter(found[col.key])}; '
                        "hãy xóa hoặc đổi tên một trong hai.",
                        file=path.name,
                        row=header_number,
                        column=column_letter(index),
                    )
                )
    if findings:
        raise ValidationError(findings, what=f"Tệp {path.name}")
    table = Table(
        path=path,
        letters={k: column_letter(i) for k, i in found.items()},
        headers={k: header_cells[i] for k, i in found.items()},
    )
    for number, cells in raw[position + 1 :]:
        values = {k: cells[i] for k, i in found.items() if i < len(cells) and cells[i]}
        if values:
            table.rows.append(Row(number, values))
    return table


# --- CSV -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellProblem:
    """A CSV cell that cannot be trusted: the line its record starts on, its column, why."""

    line: int
    index: int
    message: str


def _located(table: Table, found: dict[str, int], problems: list[CellProblem]) -> list[Finding]:
    """Findings for the cell problems, named by the table's column where the header names it."""
    names = {i: k for k, i in found.items()}
    located = []
    for problem in problems:
        key = names.get(problem.index)
        column = table.column(key) if key else column_letter(problem.index)
        located.append(
            Finding(problem.message, file=table.name, row=problem.line, column=column)
        )
    return located


def _read_csv(
    path: Path, data: bytes, encoding: str | None, columns: list[Column]
) -> tuple[list[tuple[int, list[str]]], str, list[CellProblem]]:
    """Decode a CSV file and split it with whichever delimiter reveals the header."""
    text, used = decode(data, path, encoding)
    best_delimiter = ","
    best_score = -1
    # The delimiter is chosen on the rows a header may be in; only that one splits the whole
    # file (a list of 150,000 households is split once, not three times).
    for delimiter in (",", ";", "\t"):
        rows, _ = _split_csv(text, delimiter, path, limit=HEADER_SEARCH_ROWS)
        score = max((len(_match_header(cells, columns)) for _, cells in rows), default=0)
        if score > best_score:
            best_delimiter, best_score = delimiter, score
    best, best_problems = _split_csv(text, best_delimiter, path)
    return best, used, best_problems


def _split_csv(
    text: str, delimiter: str, path: Path, limit: int | None = None
) -> tuple[list[tuple[int, list[str]]], list[CellProblem]]:
    """Split CSV text into rows numbered by the line on which each record starts.

    Also returns the cells that swallowed later rows through a quote left open, or that are
    longer than MAX_CELL_CHARS: such a cell must be reported, never read as one value.
    With limit, only the first limit records are read.
    """
    reader = csv.reader(_lines(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    problems = []
    start = 1
    cells = 0
    try:
        for record in reader:
            if limit is not None and len(rows) >= limit:
                break
            cells += len(record)
            if cells > MAX_TABLE_CELLS:
                raise InputError(_too_many_cells(), path=path)
            for index, cell in enumerate(record):
                message = _cell_problem(cell, delimiter, start, reader.line_num,
                                        last=index == len(record) - 1)
                if message:
                    problems.append(CellProblem(start, index, message))
            rows.append((start, [clean_text(c) for c in record]))
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(f"dòng {reader.line_num}: CSV hỏng ({e}).", path=path) from e
    return rows, problems


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line as io.StringIO(newline="") gives it: up to and including \r\n, \r or \n.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of a text, one at a time (a StringIO would copy a large file's text whole)."""
    for match in _LINE.finditer(text):
        yield match.group()



def _cell_problem(
    cell: str, delimiter: str, first: int, end: int, *, last: bool
) -> str | None:
    """Why a raw CSV cell cannot be trusted, or None.

    A cell may hold a line break (Alt+Enter in Excel); one whose later lines hold the
    delimiter is rows swallowed by a quote that was never closed, and so is a record's last
    cell ending in a line break (an open quote runs to the end of the file, so the cell it
    swallows is always the last of its record).
    """
    # Only CSV line breaks count: str.splitlines also splits on control characters such as
    # U+001E, which a cell may hold as plain (if odd) text.
    parts = _LINE_BREAK.split(cell, maxsplit=1)
    ends_open = last and cell.endswith(("\n", "\r"))
    if len(parts) > 1 and (delimiter in parts[1] or ends_open):
        return (
            f'ô mở dấu ngoặc kép (") mà không đóng, nên các dòng {first}–{end} bị gộp '
            'vào một ô; hãy đóng dấu " hoặc xóa dấu " thừa'
        )
    if len(cell) > MAX_CELL_CHARS:
        # Vietnamese groups thousands with dots: 1.000.
        size, limit = (f"{n:,}".replace(",", ".") for n in (len(cell), MAX_CELL_CHARS))
        return f"ô dài {size} ký tự, quá giới hạn {limit} ký tự của một ô"
    return None


def decode(data: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """Decode file bytes: the given encoding, else a BOM, else UTF-8, else Windows-1258."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as e:
            raise InputError(f'không biết bảng mã "{encoding}".', path=path) from e
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise InputError(
                f"không đọc được theo bảng mã {encoding}: {_where(data, e)}.", path=path
            ) from e
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(
                    f"có dấu BOM {name} nhưng nội dung hỏng: {_where(data, e)}.", path=path
                ) from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_vietnamese(text):
            return text, "cp1258"
        raise InputError(
            f"không phải UTF-8 ({_where(data, utf8_error)}) và cũng không phải Windows-1258. "
            'Hãy lưu lại bằng Excel dạng "CSV UTF-8", hoặc cho biết bảng mã bằng --encoding.',
            path=path,
        ) from utf8_error


def _where(data: bytes, error: UnicodeDecodeError) -> str:
    """Describe where decoding failed: the byte and its line."""
    line = data.count(b"\n", 0, error.start) + 1
    return f"byte 0x{data[error.start]:02X} ở dòng {line}"


def _looks_vietnamese(text: str) -> bool:
    """Tell whether text decoded as Windows-1258 reads as Vietnamese rather than mojibake."""
    composed = unicodedata.normalize("NFC", text)
    foreign = [c for c in composed if ord(c) > 127 and c not in _VI_LETTERS | _OK_PUNCT]
    return not foreign


# --- XLSX ------------------------------------------------------------------------------------

# What openpyxl raises on a damaged workbook (found by tests/test_fuzz.py): zip and deflate
# errors, XML syntax errors (ParseError is a SyntaxError), and the lookup and type errors of
# parts that are missing or hold the wrong elements. Caught only around openpyxl's own calls.
_WORKBOOK_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, IndexError,
                    ValueError, TypeError, AttributeError, SyntaxError, NotImplementedError)


def _open_workbook(path: Path, data: bytes):
    """A workbook opened read-only, values as last computed; InputError when it cannot be."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, *_WORKBOOK_ERRORS) as e:
        raise InputError(f"không mở được tệp Excel ({e}).", path=path) from e


def _read_xlsx(path: Path, data: bytes, sheet: str | None) -> list[tuple[int, list[str]]]:
    """Read the first sheet (or the named one) of a workbook as text cells."""
    book = _open_workbook(path, data)
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            names = ", ".join(f'"{n}"' for n in book.sheetnames)
            raise InputError(f'không có trang tính "{sheet}"; các trang: {names}.', path=path)
        return _sheet_rows(path, ws)
    except _WORKBOOK_ERRORS as e:
        raise InputError(f"tệp Excel hỏng ({e}).", path=path) from e
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
            raise InputError(_too_many_cells(), path=path)
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
                table = _build(path, raw[actual], columns)
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
        raise InputError(f"tệp Excel hỏng ({e}).", path=path) from e
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


def _too_many_cells() -> str:
    """The message for a table past MAX_TABLE_CELLS."""
    limit = f"{MAX_TABLE_CELLS:,}".replace(",", ".")
    return (f"bảng có quá nhiều ô (trên {limit} ô); danh sách 100.000 đơn vị chỉ chừng 2 triệu "
            "ô. Hãy xóa các dòng, cột thừa.")


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
        raise InputError(f"không mở được tệp Excel ({e}).", path=path) from e
    try:
        return list(book.sheetnames)
    finally:
        book.close()
