"""Excel workbooks as officials head their tables: title rows, a bold frozen header, drop-downs.

Shared by the starter folder (`init`) and the collection forms (`forms`, `collect`); a workbook
is saved in memory so that its file is created only once it is whole.
"""

from __future__ import annotations

import io
from typing import Any

from antq_docs.messages import files as msg


def first_sheet(book: Any) -> Any:
    """The sheet a new workbook opens on (openpyxl types it as possibly absent: it never is)."""
    sheet = book.active
    if sheet is None:
        raise ValueError("a new workbook has a sheet")
    return sheet


def book_bytes(book) -> bytes:
    """A workbook saved in memory."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def title_rows(sheet, title: str, subtitle: str, width: int) -> None:
    """Two merged title rows above the header, as officials head their tables."""
    from openpyxl.styles import Alignment, Font

    for row, (text, bold) in enumerate(((title, True), (subtitle, False)), start=1):
        sheet.cell(row=row, column=1, value=text).font = Font(bold=bold, size=13 if bold else 11)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def header(sheet, row: int, labels: list[str]) -> None:
    """The header row in bold, frozen so it stays in view."""
    from openpyxl.styles import Font

    for index, label in enumerate(labels, start=1):
        cell = sheet.cell(row=row, column=index, value=label)
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(label) + 4)
    # By name: asking the sheet for the cell below would create it, and rows are appended
    # after the last cell that exists.
    sheet.freeze_panes = f"A{row + 1}"


def choice(sheet, column: str, first: int, formula: str, prompt: str, last: int = 2000) -> None:
    """A drop-down list on a column from the first data row to the last."""
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=formula, allow_blank=True)
    check.error = prompt
    check.errorTitle = msg.INVALID_VALUE
    check.showErrorMessage = True
    sheet.add_data_validation(check)
    check.add(f"{column}{first}:{column}{last}")
