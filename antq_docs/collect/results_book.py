"""The results workbook `collect` writes: the gathered sheets as `--results` reads them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from antq_docs.collect.layout import data_sheets
from antq_docs.inputs.loading import Inputs
from antq_docs.inputs.result_cells import parse_count, parse_points
from antq_docs.inputs.results import SCORES_SHEET
from antq_docs.inputs.tables import Table
from antq_docs.model import Roster
from antq_docs.xlsx import book_bytes, first_sheet, header, title_rows

# Columns read as numbers, written back as numbers.
_POINTS = {"diem"}
_COUNTS = {"so_du_hop", "tan_thanh"}


def results_workbook(
    inputs: Inputs, roster: Roster, gathered: Mapping[str, Table], forms: int
) -> bytes:
    """The results workbook: the gathered sheets, the units in roster order, numbers as numbers.

    Its first sheet is Kết quả and the others are named and headed as `--results` reads them.
    """
    from openpyxl import Workbook

    campaign = inputs.campaign
    sheets = data_sheets(campaign)
    order = {unit.code: index for index, unit in enumerate(roster)}
    items = {item.id: item for item in campaign.score_items}
    book = Workbook()
    book.remove(first_sheet(book))
    for name, columns in sheets.items():
        sheet = book.create_sheet(name)
        title_rows(
            sheet,
            f"{name.upper()} NĂM {campaign.year}",
            f"Thu từ {forms} phiếu; danh sách đơn vị {Path(roster.source).name}",
            len(columns),
        )
        header(sheet, 4, [c.header for c in columns])
        sheet.column_dimensions["B"].width = 36
        rows = sorted(
            gathered[name].rows, key=lambda r: (order[r.get("ma")], _item_rank(items, r.get("muc")))
        )
        for row in rows:
            values: dict[str, object] = dict(row.values)
            values["ten_don_vi"] = roster.units[row.get("ma")].name
            item = items.get(row.get("muc"))
            if name == SCORES_SHEET and item is not None:
                values["noi_dung"], values["toi_da"] = item.text, item.max_points
            sheet.append([_cell(c.key, values.get(c.key, ""), campaign) for c in columns])
    return book_bytes(book)


def _item_rank(items: dict, item_id: str) -> int:
    """An item's place in the campaign's scoring sheet (rows without an item first)."""
    return list(items).index(item_id) if item_id in items else -1


def _cell(key: str, value: object, campaign) -> object:
    """A checked value as the results workbook holds it: counts and points as numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if not isinstance(value, str) or not value:
        return value
    figures = {f.id for f in campaign.figures}
    if key in figures or key in _COUNTS:
        count = parse_count(value)
        return count if count is not None else value
    if key in _POINTS:
        points = parse_points(value)
        return _cell(key, points, campaign) if points is not None else value
    return value
