"""The shape of a table read from any input: its columns, rows and where each cell was found.

Officials keep rosters in Excel: title rows above the header, blank rows, numbers typed as
numbers, text typed NFD by some keyboards, CSV exports with a byte-order mark or in
Windows-1258. The readers (inputs/csvtext.py, inputs/workbook.py, inputs/tablefile.py) turn
that into the Table here: NFC text keyed by column, found below a header row searched for
among the first rows, remembering the row number a person sees in Excel or a text editor.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

from antq_docs import vi
from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.files import DIRECTORY, MISSING, SPECIAL, SYMLINK, TOO_LARGE, Refusal, read_regular
from antq_docs.limits import MAX_CELL_CHARS, MAX_TABLE_CELLS
from antq_docs.messages import tables as msg
from antq_docs.vi import closest, fold, size_text, strip_marks

HEADER_SEARCH_ROWS = 30
TABLE_FILE = msg.TABLE_FILE
# Headings officials add to every sheet that hold nothing to read (the row's number): never
# worth a warning.
IGNORED_HEADINGS = frozenset({"stt", "tt", "so tt", "so thu tu"})


@dataclass(frozen=True)
class Column:
    """A column the reader looks for: its key, its Vietnamese header, whether it is required."""

    key: str
    header: str
    required: bool = False

    def matches(self, cell: str) -> bool:
        """Tell whether a header cell names this column (key or header, any case, NFC or not)."""
        return self.names(fold(cell), strip_marks(cell))

    def names(self, folded: str, stripped: str) -> bool:
        """Tell whether a header cell, given folded and without marks, names this column."""
        keys, bare = _names(self.key, self.header)
        return folded in keys or stripped in bare

    def spelt(self, cell: str) -> bool:
        """Tell whether a header cell names this column with its own marks (any case, spaces),
        not only once the marks are taken away ('Mã cấp tren' names Mã cấp trên loosely)."""
        return fold(cell) in _names(self.key, self.header)[0]


@functools.lru_cache(maxsize=1024)
def _names(key: str, header: str) -> tuple[frozenset[str], frozenset[str]]:
    """A column's key and header folded, and without marks."""
    folded = frozenset({fold(key), fold(header)})
    return folded, frozenset(strip_marks(w) for w in folded)


@dataclass(frozen=True)
class Heading:
    """A header cell that names no column the reader looks for, and the column it is close to
    (one the table lacks), if any."""

    letter: str
    cell: str
    near: Column | None = None


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
    # The header cells that name no column: a typo of a column, or a column of the official's.
    unknown: list[Heading] = field(default_factory=list)
    # The header cells read as a column whose marks they lack or misplace ('Mã cấp tren').
    read_as: list[Heading] = field(default_factory=list)
    header_row: int = 0

    @property
    def name(self) -> str:
        """The file (and sheet) as messages name it: 'ket-qua.xlsx, trang Số liệu'."""
        return (
            msg.FILE_SHEET.format(file=self.path.name, sheet=self.sheet)
            if self.sheet
            else self.path.name
        )

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

    def near_finding(self, key: str) -> Finding | None:
        """The one finding for a column the table lacks whose heading was mistyped: the heading
        named with the column it is close to, instead of a finding on every row."""
        for heading in self.unknown:
            if heading.near is not None and heading.near.key == key:
                text = msg.NEAR_HEADING.format(cell=heading.cell, header=heading.near.header)
                return Finding(text, file=self.name, row=self.header_row, column=heading.letter)
        return None

    @property
    def warnings(self) -> list[str]:
        """A warning for every heading the reader does not read, naming the file and the cell,
        with the column it is close to; and for every heading read as a column it names with
        other marks, with that column."""
        loose = [
            msg.READ_AS_HEADING.format(
                file=self.name, letter=h.letter, cell=h.cell, header=h.near.header
            )
            for h in self.read_as
            if h.near is not None
        ]
        return loose + [
            msg.UNKNOWN_NEAR_HEADING.format(
                file=self.name, letter=h.letter, cell=h.cell, header=h.near.header
            )
            if h.near is not None
            else msg.UNKNOWN_HEADING.format(file=self.name, letter=h.letter, cell=h.cell)
            for h in self.unknown
        ]

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
            message = msg.FILE_MISSING
        elif e.kind == TOO_LARGE:
            message = msg.FILE_TOO_LARGE.format(size=size_text(e.size or 0), limit=limit)
        elif e.kind in (DIRECTORY, SYMLINK, SPECIAL):
            message = msg.NOT_A_FILE.format(reason=e.reason, what=what, limit=limit)
        else:
            message = msg.REFUSED.format(reason=e.reason)
        raise InputError(message, path=path) from e


def build_table(
    path: Path,
    raw: list[tuple[int, list[str]]],
    columns: list[Column],
    problems: list[CellProblem] | None = None,
) -> Table:
    """Find the header among the first rows, then key every later row by column."""
    required = [c for c in columns if c.required]
    best: tuple[int, dict[str, int]] | None = None
    for position, (_, cells) in enumerate(raw[:HEADER_SEARCH_ROWS]):
        found = match_header(cells, columns)
        if best is None or len(found) > len(best[1]):
            best = (position, found)
        if all(c.key in found for c in required):
            table = _keyed(path, raw, position, found, columns)
            table.findings.extend(_located(table, found, problems or []))
            return table
    missing = [c for c in required if best is None or c.key not in best[1]]
    if best is not None:
        _refuse_near_headings(path, raw[best[0]], best[1], columns, missing)
    names = ", ".join(msg.MISSING_COLUMN_NAME.format(header=c.header, key=c.key) for c in missing)
    raise InputError(msg.HEADER_NOT_FOUND.format(rows=HEADER_SEARCH_ROWS, names=names), path=path)


def unknown_headings(
    cells: list[str], found: dict[str, int], columns: list[Column]
) -> list[Heading]:
    """The header cells that name no column, each with the absent column it is close to."""
    absent = {c.header: c for c in columns if c.key not in found}
    known = set(found.values())
    out = []
    for index, cell in enumerate(cells):
        if not cell or index in known or strip_marks(cell) in IGNORED_HEADINGS:
            continue
        near = closest(cell, absent)
        out.append(Heading(column_letter(index), cell, absent[near] if near else None))
    return out


def _refuse_near_headings(
    path: Path,
    header: tuple[int, list[str]],
    found: dict[str, int],
    columns: list[Column],
    missing: list[Column],
) -> None:
    """Name once each heading close to a required column that is missing, instead of saying
    only that the header row was not found."""
    number, cells = header
    near = [
        Finding(
            msg.NEAR_HEADING.format(cell=h.cell, header=h.near.header),
            file=path.name,
            row=number,
            column=h.letter,
        )
        for h in unknown_headings(cells, found, columns)
        if h.near is not None and h.near in missing
    ]
    if near:
        raise ValidationError(near, what=msg.FILE_WHAT.format(file=path.name))


def match_header(cells: list[str], columns: list[Column]) -> dict[str, int]:
    """Map column keys to the index of the header cell that names them."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        # A cell longer than any cell may be is no heading (and folding it would cost the most).
        if not cell or len(cell) > MAX_CELL_CHARS:
            continue
        folded, stripped = fold(cell), strip_marks(cell)
        for col in columns:
            if col.key not in found and col.names(folded, stripped):
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
                        msg.REPEATED_COLUMN.format(cell=cell, letter=column_letter(found[col.key])),
                        file=path.name,
                        row=header_number,
                        column=column_letter(index),
                    )
                )
    if findings:
        raise ValidationError(findings, what=msg.FILE_WHAT.format(file=path.name))
    table = Table(
        path=path,
        letters={k: column_letter(i) for k, i in found.items()},
        headers={k: header_cells[i] for k, i in found.items()},
        unknown=unknown_headings(header_cells, found, columns),
        read_as=[
            Heading(column_letter(i), header_cells[i], col)
            for col in columns
            if (i := found.get(col.key)) is not None and not col.spelt(header_cells[i])
        ],
        header_row=header_number,
    )
    for number, cells in raw[position + 1 :]:
        values = {k: cells[i] for k, i in found.items() if i < len(cells) and cells[i]}
        if values:
            table.rows.append(Row(number, values))
    return table


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
        located.append(Finding(problem.message, file=table.name, row=problem.line, column=column))
    return located


def too_many_cells() -> str:
    """The message for a table past MAX_TABLE_CELLS."""
    return msg.TOO_MANY_CELLS.format(limit=vi.number(MAX_TABLE_CELLS))
