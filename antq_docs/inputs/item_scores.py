"""The per-item scores (bảng chấm điểm): one row per unit and item of the campaign's scoring
sheet (bang_diem), checked against each item's maximum, complete for every unit scored, and
adding up to the unit's score in the results."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from antq_docs.errors import Finding
from antq_docs.inputs.result_cells import parse_points
from antq_docs.inputs.tables import Row, Table
from antq_docs.messages import inputs as msg
from antq_docs.model import Campaign, Results, ScoreItem


@dataclass
class _ScoreSheet:
    """The per-item scores being read, what each row is checked against, and the findings."""

    scores: Table
    results_table: Table
    results: Results
    items: dict[str, ScoreItem]
    findings: list[Finding]
    # (unit code, item id) → the row that first scored it.
    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def problem(self, row: Row, key: str, message: str) -> bool:
        """Record a finding at a cell of the scores; False, for the row is not used."""
        self.findings.append(self.scores.finding(row, key, message))
        return False


def add_item_scores(
    scores: Table,
    results_table: Table,
    results: Results,
    campaign: Campaign,
    findings: list[Finding],
) -> None:
    """Attach per-item scores to the results; check maxima, completeness and the totals."""
    items = {item.id: item for item in campaign.score_items}
    if not items:
        findings.append(
            Finding(
                msg.SCORES_WITHOUT_SHEET,
                file=scores.name,
            )
        )
        return
    sheet = _ScoreSheet(scores, results_table, results, items, findings)
    listed = {r.get("ma") for r in results_table.rows}
    for row in scores.rows:
        _read_row(sheet, row, listed)
    _check_units(sheet)


def _read_row(sheet: _ScoreSheet, row: Row, listed: set[str]) -> None:
    """Check one row (unit, item, points) and attach its points to the unit's result."""
    code, item_id, text = row.get("ma"), row.get("muc"), row.get("diem")
    ok = True
    for key in ("ma", "muc", "diem"):
        if not row.get(key):
            ok = sheet.problem(row, key, msg.REQUIRED)
    if code and code not in sheet.results.units:
        # A unit whose results row is itself wrong was reported there already.
        if code not in listed:
            sheet.problem(
                row,
                "ma",
                msg.UNIT_HAS_NO_RESULT_ROW.format(code=code, name=sheet.results_table.name),
            )
        ok = False
    item = sheet.items.get(item_id) if item_id else None
    if item_id and item is None:
        ok = sheet.problem(
            row,
            "muc",
            msg.ITEM_NOT_IN_SHEET.format(item_id=item_id, items=", ".join(sheet.items)),
        )
    points = parse_points(text) if text else None
    if text and points is None:
        ok = sheet.problem(row, "diem", msg.NOT_POINTS.format(text=text))
    elif points is not None and item is not None and not 0 <= points <= item.max_points:
        ok = sheet.problem(
            row,
            "diem",
            msg.ITEM_POINTS_OUT_OF_RANGE.format(text=text, id=item.id, max_points=item.max_points),
        )
    if code and item_id:
        first = sheet.seen.get((code, item_id))
        if first is not None:
            ok = sheet.problem(
                row, "muc", msg.ITEM_POINTS_TWICE.format(item_id=item_id, code=code, first=first)
            )
        else:
            sheet.seen[(code, item_id)] = row.number
    if ok and code in sheet.results.units:
        assert points is not None and item is not None
        _attach(sheet, row, code, item, points)


def _attach(sheet: _ScoreSheet, row: Row, code: str, item: ScoreItem, points: Decimal) -> None:
    """Give a unit its points on an item; an item that needs the Ngày hội scores 0 without it."""
    result = sheet.results.units[code]
    result.item_scores[item.id] = points
    if item.requires == "ngay_hoi" and not result.event_held and points > 0:
        sheet.findings.append(
            replace(
                sheet.scores.finding(
                    row,
                    "diem",
                    msg.EVENT_ITEM_WITHOUT_EVENT.format(
                        id=item.id,
                        text=item.text,
                        points=row.get("diem"),
                        name=sheet.results_table.name,
                    ),
                ),
                unit=code,
            )
        )


def _check_units(sheet: _ScoreSheet) -> None:
    """Every unit scored has every item, and its items add up to its score in the results."""
    for code in sorted({code for code, _ in sheet.seen}):
        scored_unit = sheet.results.units.get(code)
        if scored_unit is None:
            continue
        missing = [i for i in sheet.items if (code, i) not in sheet.seen]
        if missing:
            sheet.findings.append(
                Finding(
                    msg.ITEMS_MISSING.format(missing=", ".join(missing)),
                    file=sheet.scores.name,
                    unit=code,
                )
            )
            continue
        total = sum(scored_unit.item_scores.values(), Decimal(0))
        if len(scored_unit.item_scores) == len(sheet.items) and total != scored_unit.score:
            sheet.findings.append(
                sheet.results_table.finding(
                    scored_unit.row,
                    "diem",
                    msg.SCORE_DIFFERS_FROM_ITEMS.format(
                        score=_plain(scored_unit.score), total=_plain(total), name=sheet.scores.name
                    ),
                )
            )


def _plain(value: Decimal) -> str:
    """A score as written in the files: '87', '87.5'."""
    return format(value.normalize(), "f")
