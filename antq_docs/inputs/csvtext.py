"""Read a CSV file: its bytes decoded (any common encoding), split with the delimiter that
reveals the header, and the cells that cannot be trusted (a quote left open, a cell too long)."""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from antq_docs.errors import InputError
from antq_docs.inputs.tables import (
    HEADER_SEARCH_ROWS,
    CellProblem,
    Column,
    match_header,
    too_many_cells,
)
from antq_docs.limits import MAX_CELL_CHARS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS
from antq_docs.messages import inputs as msg
from antq_docs.messages import limits as limit_msg
from antq_docs.vi import clean_text, number

# The letters of Vietnamese (every vowel with every tone, and đ) and the punctuation its text
# uses: a Windows-1258 decoding that yields anything else above ASCII is mojibake.
_VI_BASES = "aăâeêioôơuưy"
_VI_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
_VI_LETTERS = {unicodedata.normalize("NFC", b + t) for b in _VI_BASES for t in _VI_TONES} | {"đ"}
_VI_LETTERS |= {c.upper() for c in _VI_LETTERS}
_OK_PUNCT = set("–—“”‘’…•°ºª×·«»€")


def read_csv(
    path: Path, data: bytes, encoding: str | None, columns: list[Column]
) -> tuple[list[tuple[int, list[str]]], str, list[CellProblem]]:
    """Decode a CSV file and split it with whichever delimiter reveals the header."""
    text, used = decode(data, path, encoding)
    best_delimiter = ","
    best_score = -1
    # The delimiter is chosen on the rows a header may be in; only that one splits the whole
    # file (a list of 150,000 households is split once, not three times).
    for delimiter in (",", ";", "\t"):
        try:
            rows, _ = _split_csv(text, delimiter, path, limit=HEADER_SEARCH_ROWS)
        except InputError:
            continue  # not this delimiter: a whole line read as one cell past csv's limit
        score = max((len(match_header(cells, columns)) for _, cells in rows), default=0)
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
    With limit, only the first limit records are read; of each, the first MAX_TABLE_COLUMNS.
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
                raise InputError(too_many_cells(), path=path)
            # The columns past the limit are not read, as in a workbook.
            del record[MAX_TABLE_COLUMNS:]
            for index, cell in enumerate(record):
                message = _cell_problem(
                    cell, delimiter, start, reader.line_num, last=index == len(record) - 1
                )
                if message:
                    problems.append(CellProblem(start, index, message))
            rows.append((start, [clean_text(c) for c in record]))
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(msg.CSV_BROKEN.format(line=reader.line_num, error=e), path=path) from e
    return rows, problems


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line as io.StringIO(newline="") gives it: up to and including \r\n, \r or \n.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of a text, one at a time (a StringIO would copy a large file's text whole)."""
    for match in _LINE.finditer(text):
        yield match.group()


def _cell_problem(cell: str, delimiter: str, first: int, end: int, *, last: bool) -> str | None:
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
        return msg.CSV_OPEN_QUOTE.format(first=first, end=end)
    if len(cell) > MAX_CELL_CHARS:
        return long_cell(len(cell))
    return None


def long_cell(length: int) -> str:
    """What is said of a cell longer than MAX_CELL_CHARS (CSV or Excel)."""
    return limit_msg.CELL_TOO_LONG.format(size=number(length), limit=number(MAX_CELL_CHARS))


def decode(data: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """Decode file bytes: the given encoding, else a BOM, else UTF-8, else Windows-1258."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as e:
            raise InputError(msg.ENCODING_UNKNOWN.format(encoding=encoding), path=path) from e
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise InputError(
                msg.ENCODING_UNREADABLE.format(encoding=encoding, where=_where(data, e)), path=path
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
                    msg.BOM_BROKEN.format(name=name, where=_where(data, e)), path=path
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
            msg.NOT_UTF8_NOR_1258.format(where=_where(data, utf8_error)),
            path=path,
        ) from utf8_error


def _where(data: bytes, error: UnicodeDecodeError) -> str:
    """Describe where decoding failed: the byte and its line."""
    line = data.count(b"\n", 0, error.start) + 1
    return msg.BYTE_AT_LINE.format(byte=data[error.start], line=line)


def _looks_vietnamese(text: str) -> bool:
    """Tell whether text decoded as Windows-1258 reads as Vietnamese rather than mojibake."""
    composed = unicodedata.normalize("NFC", text)
    foreign = [c for c in composed if ord(c) > 127 and c not in _VI_LETTERS | _OK_PUNCT]
    return not foreign
