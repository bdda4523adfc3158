"""The figures and the unit's own words of the year-end results: read from columns of the
results table or from sheets of their own (Số liệu, Nhận xét), one row per unit."""

from __future__ import annotations

from collections.abc import Iterator

from antq_docs.errors import Finding
from antq_docs.inputs.result_cells import parse_count
from antq_docs.inputs.tables import Row, Table
from antq_docs.model import NOTES, Campaign, Results, Roster
from antq_docs.vi import did_you_mean


def _code_row(
    table: Table, row: Row, roster: Roster, findings: list[Finding], sheet: bool
) -> str | None:
    """The unit code of a row whose figures or notes are read, when the roster has it.

    A bad code is reported here only on a sheet of its own: in the results table itself the
    row was reported already.
    """
    code = row.get("ma")
    if roster.get(code) is not None:
        return code
    if sheet:
        if not code:
            findings.append(table.finding(row, "ma", "thiếu giá trị bắt buộc"))
        else:
            findings.append(
                table.finding(
                    row,
                    "ma",
                    f'không có đơn vị nào mang mã "{code}" trong danh sách đơn vị'
                    + did_you_mean(code, roster.units),
                )
            )
    return None


def _unit_rows(
    table: Table, roster: Roster, findings: list[Finding], sheet: bool
) -> Iterator[tuple[Row, str]]:
    """Each row whose figures or notes are read, with its unit code: a code on the roster,
    and on a sheet of its own the first row of that unit (a second one is reported)."""
    seen: dict[str, int] = {}
    for row in table.rows:
        code = _code_row(table, row, roster, findings, sheet)
        if code is None:
            continue
        if sheet and code in seen:
            findings.append(table.finding(row, "ma", f'mã "{code}" đã có ở dòng {seen[code]}'))
            continue
        seen[code] = row.number
        yield row, code


def add_figures(
    table: Table,
    results: Results,
    roster: Roster,
    campaign: Campaign,
    findings: list[Finding],
    *,
    sheet: bool = False,
) -> None:
    """Read the figures of each row (whole numbers ≥ 0; empty means not given)."""
    present = [f for f in campaign.figures if f.id in table.letters]
    if not present:
        return
    for row, code in _unit_rows(table, roster, findings, sheet):
        unit = roster.units[code]
        mine = results.figures.setdefault(code, {})
        for figure in present:
            text = row.get(figure.id)
            if not text:
                continue
            value = parse_count(text)
            if value is None:
                findings.append(
                    table.finding(
                        row, figure.id, f'"{text}" phải là số nguyên không âm ({figure.measure})'
                    )
                )
            elif not figure.reported_by(unit.type):
                findings.append(
                    table.finding(
                        row, figure.id, f"{unit.type_name} không báo cáo số liệu này; để trống ô"
                    )
                )
            elif mine.get(figure.id, value) != value:
                findings.append(
                    table.finding(
                        row, figure.id, f"khác số đã ghi ở trang Kết quả ({mine[figure.id]})"
                    )
                )
            else:
                mine[figure.id] = value


def add_notes(
    table: Table, results: Results, roster: Roster, findings: list[Finding], *, sheet: bool = False
) -> None:
    """Read the unit's own words of each row (any text; empty means not written)."""
    present = [key for key in NOTES if key in table.letters]
    if not present:
        return
    for row, code in _unit_rows(table, roster, findings, sheet):
        notes = results.notes.setdefault(code, {})
        for key in present:
            if row.get(key):
                notes[key] = row.get(key)
