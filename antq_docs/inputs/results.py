"""Read and validate the year-end results (kết quả cuối năm) and the per-item scores.

One row per unit: registration (đăng ký) for the standard "An toàn về an ninh, trật tự",
recognition (đạt chuẩn), the self-score (điểm) on the 100-point sheet, the movement level
(xếp loại; computed from the score with the campaign's thresholds when empty) and whether the
unit held the Ngày hội; optionally the review meeting's secretary (thư ký), attendance (số
người dự họp) and votes for (số tán thành), which the minutes print or leave dotted. A district
(huyện) is outside the standard of Thông tư 124: its Đăng ký and Đạt chuẩn may stay empty.
Per-item scores (bảng chấm điểm) come from a sheet named "Bảng điểm" of
the results workbook or from a file of their own, one row per unit and item. Every problem is
collected with file, row and column before anything is reported, among them the
contradictions of a row: a written level its score does not earn (30 points but Khá), and a
unit recognised (đạt chuẩn) but classified Yếu.

The cells are read by inputs/result_cells.py, the figures and notes by inputs/figures_notes.py,
the per-item scores by inputs/item_scores.py, last year's results by inputs/previous_year.py.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal
from pathlib import Path

from antq_docs.errors import Finding, ValidationError
from antq_docs.inputs.figures_notes import add_figures, add_notes
from antq_docs.inputs.item_scores import add_item_scores
from antq_docs.inputs.result_cells import (
    FAIL,
    LEVEL_NAMES,
    MAX_SCORE,
    NO,
    PASS,
    YES,
    count_problem,
    flag,
    parse_points,
)
from antq_docs.inputs.tablefile import read_table
from antq_docs.inputs.tables import Column, Row, Table
from antq_docs.inputs.workbook import find_sheet, xlsx_sheet_names
from antq_docs.messages import inputs as msg
from antq_docs.model import (
    LEVELS,
    NOTES,
    YEU,
    Campaign,
    Figure,
    Results,
    Roster,
    Thresholds,
    UnitResult,
)
from antq_docs.vi import did_you_mean, strip_marks

COLUMNS = [
    Column("ma", "Mã đơn vị", required=True),
    Column("dang_ky", "Đăng ký", required=True),
    Column("dat_chuan", "Đạt chuẩn", required=True),
    Column("diem", "Điểm", required=True),
    Column("xep_loai", "Xếp loại"),
    Column("ngay_hoi", "Ngày hội", required=True),
    Column("thu_ky", "Thư ký"),
    Column("so_du_hop", "Số người dự họp"),
    Column("tan_thanh", "Số tán thành"),
]

SCORE_COLUMNS = [
    Column("ma", "Mã đơn vị", required=True),
    Column("muc", "Mã mục", required=True),
    Column("diem", "Điểm", required=True),
]

# The sheet of a results workbook that holds the per-item scores, compared without marks.
SCORES_SHEET = "Bảng điểm"
# The sheets of the figures (one column per figure of the campaign, headed by its name) and of
# the unit's own words (one column per NOTES key); their columns may also stand in the results
# table itself (one CSV holding everything).
FIGURES_SHEET = "Số liệu"
NOTES_SHEET = "Nhận xét"
NAME_COLUMN = Column("ten_don_vi", "Tên đơn vị")
# The scores sheet of a collected workbook (collect) also shows each item's text and maximum,
# and the unit's name: read as known columns, never used.
ITEM_TEXT = Column("noi_dung", "Nội dung")
ITEM_MAX = Column("toi_da", "Điểm tối đa")
SCORE_SHEET_COLUMNS = [
    SCORE_COLUMNS[0],
    NAME_COLUMN,
    SCORE_COLUMNS[1],
    ITEM_TEXT,
    ITEM_MAX,
    SCORE_COLUMNS[2],
]
NOTE_COLUMNS = [Column(key, header) for key, header in NOTES.items()]


def figure_columns(figures: list[Figure]) -> list[Column]:
    """The columns of the figures, headed by their names ('Số buổi tuyên truyền')."""
    return [Column(f.id, f.name) for f in figures]


# A number of people at the review meeting: digits only.
_COUNT = re.compile(r"^\d+$")


def load_results(
    path: Path,
    roster: Roster,
    campaign: Campaign,
    *,
    scores: Path | None = None,
    encoding: str | None = None,
    warnings: list[str] | None = None,
    within: Collection[str] | None = None,
) -> Results:
    """Read a results file (and the per-item scores, if any) and return validated Results;
    the headings of its tables that are not read are added to warnings. within (unit codes:
    one unit's subtree) asks for a row of those units only, not of every unit of the roster."""
    path = Path(path)
    extra = [*figure_columns(campaign.figures), *NOTE_COLUMNS]
    table = read_table(path, [*COLUMNS, NAME_COLUMN, *extra], encoding=encoding)
    tables = [table]
    findings: list[Finding] = list(table.findings)
    results = build_results(table, roster, campaign, findings, within=within)
    add_figures(table, results, roster, campaign, findings)
    add_notes(table, results, roster, findings)
    sheets = xlsx_sheet_names(path) if path.suffix.lower() in (".xlsx", ".xlsm") else []
    score_table = None
    if scores is not None:
        score_table = read_table(Path(scores), SCORE_SHEET_COLUMNS, encoding=encoding)
    elif (sheet := find_sheet(sheets, SCORES_SHEET)) is not None:
        score_table = read_table(path, SCORE_SHEET_COLUMNS, sheet=sheet)
    if (sheet := find_sheet(sheets, FIGURES_SHEET)) is not None and campaign.figures:
        figure_table = read_table(
            path, [COLUMNS[0], NAME_COLUMN, *extra[: len(campaign.figures)]], sheet=sheet
        )
        tables.append(figure_table)
        findings.extend(figure_table.findings)
        add_figures(figure_table, results, roster, campaign, findings, sheet=True)
    if (sheet := find_sheet(sheets, NOTES_SHEET)) is not None:
        note_table = read_table(path, [COLUMNS[0], NAME_COLUMN, *NOTE_COLUMNS], sheet=sheet)
        tables.append(note_table)
        findings.extend(note_table.findings)
        add_notes(note_table, results, roster, findings, sheet=True)
    if score_table is not None:
        tables.append(score_table)
        findings.extend(score_table.findings)
        add_item_scores(score_table, table, results, campaign, findings)
        results.scores_source = str(score_table.path)
    if findings:
        raise ValidationError(findings, what=msg.RESULTS_FILE.format(name=path.name))
    if warnings is not None:
        warnings += [w for t in tables for w in t.warnings]
    return results


def build_results(
    table: Table,
    roster: Roster,
    campaign: Campaign,
    findings: list[Finding],
    *,
    every_unit: bool = True,
    within: Collection[str] | None = None,
) -> Results:
    """Validate the rows of a results table against the roster and the campaign's thresholds.

    every_unit: report each unit below the root that has no row (collect says it otherwise:
    the forms that did not come back); within limits that to the units named.
    """
    units: dict[str, UnitResult] = {}
    roster_file = Path(roster.source).name if roster.source else msg.ROSTER
    for row in table.rows:
        result = _unit_result(table, row, roster, campaign.thresholds, units, roster_file, findings)
        if result is not None:
            units[result.code] = result
    findings += _commune_rule(table, roster, units)
    if every_unit:
        findings += _without_row(table, roster, roster_file, within)
    return Results(units=units, thresholds=campaign.thresholds, source=str(table.path))


def _unit_result(
    table: Table,
    row: Row,
    roster: Roster,
    thresholds: Thresholds,
    units: dict[str, UnitResult],
    roster_file: str,
    findings: list[Finding],
) -> UnitResult | None:
    """The result of one row, or None: the root's row, or a row with a finding."""
    code = row.get("ma")
    known = _known_code(table, row, roster, units, roster_file, findings)
    unit = roster.get(code) if code else None
    if unit is not None and unit.parent is None:
        return None  # nobody here scores the root: its row carries its own figures and notes
    # Thông tư 124 does not cover districts: their standard cells are not applicable.
    district = unit is not None and unit.type == "huyen"
    registered = flag(table, row, "dang_ky", YES, NO, msg.HINT_YES_NO, findings, optional=district)
    recognised = flag(
        table,
        row,
        "dat_chuan",
        PASS,
        FAIL,
        msg.HINT_PASSED_YES_NO,
        findings,
        optional=district,
    )
    meeting = _meeting(table, row, findings)
    event = flag(table, row, "ngay_hoi", YES, NO, msg.HINT_YES_NO, findings)
    if recognised and registered is False:
        findings.append(
            table.finding(
                row,
                "dat_chuan",
                msg.RECOGNISED_NOT_REGISTERED,
            )
        )
    score = _score(table, row, findings)
    written = row.get("xep_loai")
    level = _written_level(table, row, score, thresholds, findings)
    if recognised and score is not None and (level or not written):
        findings += _recognised_but_weak(table, row, score, level, thresholds)
    if not known or None in (registered, recognised, event, score) or (written and level is None):
        return None
    assert score is not None
    return UnitResult(
        code=code,
        row=row.number,
        registered=bool(registered),
        recognised=bool(recognised),
        score=score,
        level=level or thresholds.level_for(score),
        level_computed=level is None,
        event_held=bool(event),
        secretary=row.get("thu_ky"),
        attendance=meeting[0],
        votes_for=meeting[1],
    )


def _known_code(
    table: Table,
    row: Row,
    roster: Roster,
    units: dict[str, UnitResult],
    roster_file: str,
    findings: list[Finding],
) -> bool:
    """Whether the row's code is given, on the roster, and not already read in another row."""
    code = row.get("ma")
    if not code:
        findings.append(table.finding(row, "ma", msg.REQUIRED))
        return False
    if roster.get(code) is None:
        findings.append(
            table.finding(
                row,
                "ma",
                msg.CODE_NOT_IN_FILE.format(code=code, roster=roster_file)
                + did_you_mean(code, roster.units),
            )
        )
        return False
    if code in units:
        findings.append(
            table.finding(row, "ma", msg.CODE_ALREADY_AT_ROW.format(code=code, row=units[code].row))
        )
        return False
    return True


def _score(table: Table, row: Row, findings: list[Finding]) -> Decimal | None:
    """The self-score (Điểm), 0 to 100, or None with a finding."""
    written = row.get("diem")
    if not written:
        findings.append(table.finding(row, "diem", msg.REQUIRED))
        return None
    score = parse_points(written)
    if score is None:
        findings.append(table.finding(row, "diem", msg.NOT_POINTS.format(text=written)))
        return None
    if not 0 <= score <= MAX_SCORE:
        findings.append(table.finding(row, "diem", msg.SCORE_OUT_OF_RANGE.format(written=written)))
        return None
    return score


def _written_level(
    table: Table, row: Row, score: Decimal | None, thresholds: Thresholds, findings: list[Finding]
) -> str | None:
    """The level written in Xếp loại, or None (empty, or not a level: a finding); a level the
    score does not earn is reported and kept."""
    written = row.get("xep_loai")
    if not written:
        return None
    level = LEVEL_NAMES.get(strip_marks(written))
    if level is None:
        findings.append(
            table.finding(
                row,
                "xep_loai",
                msg.LEVEL_UNKNOWN.format(written=written, allowed=", ".join(LEVELS)),
            )
        )
    elif score is not None and thresholds.level_for(score) != level:
        findings.append(
            table.finding(
                row,
                "xep_loai",
                msg.LEVEL_CONTRADICTS_SCORE.format(
                    level=level,
                    points=row.get("diem"),
                    thresholds=thresholds.describe(),
                    expected=thresholds.level_for(score),
                ),
            )
        )
    return level


def _recognised_but_weak(
    table: Table, row: Row, score: Decimal, level: str | None, thresholds: Thresholds
) -> list[Finding]:
    """A unit marked recognised (đạt chuẩn) whose level, written or earned by its score, is
    Yếu: the two cells contradict each other, so the row cannot be used as it is."""
    if level is not None:
        if level != YEU:
            return []
        return [
            table.finding(
                row,
                "dat_chuan",
                msg.RECOGNISED_BUT_WEAK.format(weak=YEU),
            )
        ]
    if thresholds.level_for(score) != YEU:
        return []
    return [
        table.finding(
            row,
            "dat_chuan",
            msg.RECOGNISED_BUT_WEAK_SCORE.format(
                points=row.get("diem"), weak=YEU, thresholds=thresholds.describe()
            ),
        )
    ]


def _without_row(
    table: Table, roster: Roster, roster_file: str, within: Collection[str] | None
) -> list[Finding]:
    """A finding for each unit below the root (of those within, when given) with no row."""
    seen = {row.get("ma") for row in table.rows}
    return [
        Finding(
            msg.UNIT_WITHOUT_RESULT.format(code=unit.code, name=unit.name, roster=roster_file),
            file=table.name,
        )
        for unit in roster
        if unit.parent is not None
        and unit.code not in seen
        and (within is None or unit.code in within)
    ]


def _count(table: Table, row: Row, key: str, findings: list[Finding]) -> int | None:
    """An optional whole number of people, or None (empty, or recorded as a finding)."""
    text = row.get(key)
    if not text:
        return None
    if not _COUNT.match(text):
        findings.append(table.finding(row, key, msg.NOT_A_PERSON_COUNT.format(text=text)))
        return None
    problem = count_problem(text, msg.PEOPLE_COUNT)
    if problem:
        findings.append(table.finding(row, key, problem))
        return None
    return int(text)


def _meeting(table: Table, row: Row, findings: list[Finding]) -> tuple[int | None, int | None]:
    """Attendance and votes for of the review meeting; the votes cannot exceed attendance."""
    attendance = _count(table, row, "so_du_hop", findings)
    votes = _count(table, row, "tan_thanh", findings)
    if attendance is not None and votes is not None and votes > attendance:
        findings.append(
            table.finding(
                row,
                "tan_thanh",
                msg.VOTES_OVER_ATTENDANCE.format(votes=votes, attendance=attendance),
            )
        )
        votes = None
    return attendance, votes


# Thông tư 124/2021/TT-BCA: a commune is recognised only if every unit under it registered and
# at least this share of them are recognised.
COMMUNE_RECOGNISED_MIN_PERCENT = 70


def _commune_rule(table: Table, roster: Roster, units: dict[str, UnitResult]) -> list[Finding]:
    """A commune marked recognised must meet the rule on the units under it."""
    findings = []
    for unit in roster:
        result = units.get(unit.code)
        if unit.type != "xa" or result is None or not result.recognised or not unit.children:
            continue
        below = [units[c.code] for c in unit.children if c.code in units]
        if len(below) < len(unit.children):
            continue  # a missing or bad row is reported on its own
        registered = sum(r.registered for r in below)
        recognised = sum(r.recognised for r in below)
        enough = recognised * 100 >= COMMUNE_RECOGNISED_MIN_PERCENT * len(below)
        if registered < len(below) or not enough:
            findings.append(
                table.finding(
                    result.row,
                    "dat_chuan",
                    msg.COMMUNE_NOT_RECOGNISABLE.format(
                        minimum=COMMUNE_RECOGNISED_MIN_PERCENT,
                        name=unit.name,
                        registered=registered,
                        count=len(below),
                        recognised=recognised,
                    ),
                )
            )
    return findings
