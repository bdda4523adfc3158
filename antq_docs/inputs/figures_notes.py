"""The figures and the unit's own words of the year-end results: read from columns of the
results table or from sheets of their own (Số liệu, Nhận xét), one row per unit."""

from __future__ import annotations

from collections.abc import Iterator

from antq_docs.errors import Finding
from antq_docs.inputs.result_cells import parse_count
from antq_docs.inputs.tables import Row, Table
from antq_docs.messages import inputs as msg
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
            findings.append(table.finding(row, "ma", msg.REQUIRED))
        else:
            findings.append(
                table.finding(
                    row,
                    "ma",
                    msg.CODE_NOT_IN_ROSTER.format(code=code) + did_you_mean(code, roster.units),
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
            findings.append(
                table.finding(row, "ma", msg.CODE_ALREADY_AT_ROW.format(code=code, row=seen[code]))
            )
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
                        row,
                        figure.id,
                        msg.FIGURE_NOT_A_COUNT.format(text=text, measure=figure.measure),
                    )
                )
            elif not figure.reported_by(unit.type):
                findings.append(
                    table.finding(
                        row,
                        figure.id,
                        msg.FIGURE_NOT_REPORTED_BY_TYPE.format(type_name=unit.type_name),
                    )
                )
            elif mine.get(figure.id, value) != value:
                findings.append(
                    table.finding(
                        row, figure.id, msg.FIGURE_DIFFERS_FROM_RESULTS.format(mine=mine[figure.id])
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
