"""`check --xlsx`: the matrix as a workbook for the audit team, and its legend.

One row per unit, one column per kind, each cell in the colour of the web page's matrix.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from antq_docs import vi
from antq_docs.check.entries import (
    CELLS,
    INVALID,
    LATER,
    MISSING,
    NOT_OWED,
    PRESENT,
    SIGNED,
    UNFINISHED,
    UNSIGNED,
    Entry,
    cell_status,
    short_label,
    unfinished_note,
)
from antq_docs.check.placing import Unplaced
from antq_docs.docxread import PLACEHOLDER
from antq_docs.messages import check as msg
from antq_docs.model import Unit

_CELL_MEANINGS = {
    PRESENT: msg.MEANS_PRESENT,
    SIGNED: msg.MEANS_SIGNED,
    UNSIGNED: msg.MEANS_UNSIGNED,
    UNFINISHED: msg.MEANS_UNFINISHED.format(marker=PLACEHOLDER),
    INVALID: msg.MEANS_INVALID,
    MISSING: msg.MEANS_MISSING,
    LATER: msg.MEANS_LATER,
    NOT_OWED: msg.MEANS_NOT_OWED,
}
# The first kind's column: after code, name, type and parent.
_FIRST_KIND_COLUMN = 5


def matrix_workbook(
    kinds: list[str],
    rows: Iterable[tuple[Unit, list[Entry | None]]],
    unplaced: list[Unplaced],
    indicators: list[list[Any]],
    as_of: dt.date | None,
) -> bytes:
    """The workbook's bytes: the sheet Kiểm tra (a unit per row, a kind per column, filters on
    its header), the files not placed, the indicators, and Chú giải."""
    import openpyxl
    from openpyxl.styles import PatternFill

    from antq_docs.xlsx import first_sheet

    fills = {
        status: PatternFill("solid", fgColor=colour)
        for status, (_, colour) in CELLS.items()
        if colour
    }
    book = openpyxl.Workbook()
    _matrix_sheet(first_sheet(book), kinds, rows, fills)
    _unplaced_sheet(book.create_sheet(msg.UNPLACED_SHEET), unplaced)
    _indicator_sheet(book.create_sheet(msg.INDICATORS_SHEET), indicators, fills)
    _legend_sheet(book.create_sheet(msg.LEGEND_SHEET), fills, as_of)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _matrix_sheet(
    sheet: Any,
    kinds: list[str],
    rows: Iterable[tuple[Unit, list[Entry | None]]],
    fills: dict[str, Any],
) -> None:
    """A unit per row, a kind per column, and the problems of the unit's files as a note."""
    from openpyxl.styles import Font

    sheet.title = msg.MATRIX_SHEET
    sheet.append([*msg.MATRIX_COLUMNS, *(short_label(k) for k in kinds), msg.NOTES_COLUMN])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, (unit, cells) in enumerate(rows, start=2):
        notes = [f"{path}: {reason}" for c in cells if c for path, reason in c.problems]
        notes += [
            f"{path}: {unfinished_note(left)}"
            for c in cells
            if c and c.status == UNFINISHED
            for path, left in c.drafts
        ]
        sheet.append(
            [unit.code, unit.name, unit.type_name, unit.parent.code if unit.parent else ""]
            + [CELLS[cell_status(c)][0] for c in cells]
            + ["; ".join(notes)]
        )
        for offset, c in enumerate(cells):
            fill = fills.get(cell_status(c))
            if fill is not None:
                sheet.cell(row, _FIRST_KIND_COLUMN + offset).fill = fill
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, width in zip("ABCD", (14, 36, 16, 14)):
        sheet.column_dimensions[column].width = width


def _header(sheet: Any, cells: list[str], widths: tuple[int, ...]) -> None:
    """A bold header row, frozen, with filters over the sheet, and the columns' widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _unplaced_sheet(sheet: Any, unplaced: list[Unplaced]) -> None:
    """The files check could not place: why, the kind and unit they read as, where they go."""
    _header(sheet, msg.UNPLACED_COLUMNS, (40, 16, 22, 14, 30, 80))
    for u in unplaced:
        kind = short_label(u.kind) if u.kind else ""
        sheet.append([u.path, msg.PROBLEMS[u.problem], kind, u.unit or "", u.place or "", u.reason])
    sheet.auto_filter.ref = sheet.dimensions


def _indicator_sheet(sheet: Any, rows: list[list[Any]], fills: dict[str, Any]) -> None:
    """Each target the documents are evidence for, by unit type, met in green, not in red."""
    _header(sheet, msg.INDICATOR_COLUMNS, (24, 14, 20, 10, 12, 10, 12, 10))
    for number, row in enumerate(rows, start=2):
        sheet.append(row)
        for column in (6, 7):
            sheet.cell(number, column).number_format = "0.0%"
        sheet.cell(number, 8).fill = fills[PRESENT if row[7] == msg.MET else MISSING]
    sheet.auto_filter.ref = sheet.dimensions


def _legend_sheet(legend: Any, fills: dict[str, Any], as_of: dt.date | None) -> None:
    """What each cell of the matrix means, in its colour, and the day checked for."""
    from openpyxl.styles import Font

    legend.append(msg.LEGEND_COLUMNS)
    for cell in legend[1]:
        cell.font = Font(bold=True)
    for row, (status, (label, _)) in enumerate(CELLS.items(), start=2):
        legend.append([label, _CELL_MEANINGS[status]])
        if status in fills:
            legend.cell(row, 1).fill = fills[status]
    if as_of is not None:
        legend.append([])
        legend.append([msg.AS_OF_CELL, vi.short_date(as_of)])
    legend.column_dimensions["A"].width = 18
    legend.column_dimensions["B"].width = 70
