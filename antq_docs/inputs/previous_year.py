"""Last year's collected results (--nam-truoc), read for the year report's comparisons."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from antq_docs.errors import Finding, ValidationError
from antq_docs.inputs.result_cells import (
    FAIL,
    LEVEL_NAMES,
    NO,
    PASS,
    YES,
    flag,
    parse_count,
    parse_points,
)
from antq_docs.inputs.results import COLUMNS, FIGURES_SHEET, NAME_COLUMN, figure_columns
from antq_docs.inputs.tablefile import read_table
from antq_docs.inputs.tables import Row, Table
from antq_docs.inputs.workbook import find_sheet, xlsx_sheet_names
from antq_docs.messages import inputs as msg
from antq_docs.model import Campaign, Figure, Results, Roster, UnitResult
from antq_docs.vi import strip_marks


def load_previous_year(
    path: Path,
    roster: Roster,
    campaign: Campaign,
    *,
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> Results:
    """Read last year's collected results (--nam-truoc) for the year report's comparisons.

    Units merge between years, so a code this year's roster lacks is kept (it counts in the
    province's totals) rather than refused; the values themselves are checked like this
    year's: yes/no cells, points, levels and figures, every problem reported at once.
    """
    path = Path(path)
    extra = figure_columns(campaign.figures)
    table = read_table(path, [*COLUMNS, NAME_COLUMN, *extra], encoding=encoding)
    findings: list[Finding] = list(table.findings)
    units: dict[str, UnitResult] = {}
    previous = Results(units=units, thresholds=campaign.thresholds, source=str(path))
    for row in table.rows:
        code = row.get("ma")
        unit = roster.get(code)
        if not code or (unit is not None and unit.parent is None):
            continue
        district = unit is not None and unit.type == "huyen"
        registered = flag(table, row, "dang_ky", YES, NO, msg.HINT_YES_NO, findings, optional=True)
        recognised = flag(
            table, row, "dat_chuan", PASS, FAIL, msg.HINT_PASSED, findings, optional=True
        )
        event = flag(table, row, "ngay_hoi", YES, NO, msg.HINT_YES_NO, findings, optional=True)
        score = parse_points(row.get("diem")) if row.get("diem") else None
        if row.get("diem") and score is None:
            findings.append(table.finding(row, "diem", msg.NOT_POINTS.format(text=row.get("diem"))))
        level = LEVEL_NAMES.get(strip_marks(row.get("xep_loai"))) if row.get("xep_loai") else None
        if level is None and score is not None:
            level = campaign.thresholds.level_for(score)
        units[code] = UnitResult(
            code=code,
            row=row.number,
            registered=bool(registered) and not district,
            recognised=bool(recognised) and not district,
            score=score or Decimal(0),
            level=level or "",
            level_computed=False,
            event_held=bool(event),
        )
        if values := _counts(table, row, campaign.figures, findings):
            previous.figures[code] = values
    _add_sheet_figures(path, previous, campaign, findings)
    if findings:
        raise ValidationError(findings, what=msg.PREVIOUS_YEAR_FILE.format(name=path.name))
    if warnings is not None:
        warnings += table.warnings
    return previous


def _add_sheet_figures(
    path: Path, previous: Results, campaign: Campaign, findings: list[Finding]
) -> None:
    """The figures of the workbook's sheet Số liệu (collect's), when it has one."""
    sheets = xlsx_sheet_names(path) if path.suffix.lower() in (".xlsx", ".xlsm") else []
    if (sheet := find_sheet(sheets, FIGURES_SHEET)) is not None and campaign.figures:
        columns = [COLUMNS[0], NAME_COLUMN, *figure_columns(campaign.figures)]
        sheet_table = read_table(path, columns, sheet=sheet)
        findings.extend(sheet_table.findings)
        for row in sheet_table.rows:
            if row.get("ma") and (values := _counts(sheet_table, row, campaign.figures, findings)):
                previous.figures.setdefault(row.get("ma"), {}).update(values)


def _counts(
    table: Table, row: Row, figures: list[Figure], findings: list[Finding]
) -> dict[str, int]:
    """The figures a row of last year's results gives, each a whole number ≥ 0."""
    values = {}
    for figure in figures:
        text = row.get(figure.id)
        if not text:
            continue
        value = parse_count(text)
        if value is None:
            findings.append(
                table.finding(row, figure.id, msg.NOT_A_NON_NEGATIVE_COUNT.format(text=text))
            )
        else:
            values[figure.id] = value
    return values
