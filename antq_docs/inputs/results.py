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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from antq_docs.errors import Finding, ValidationError
from antq_docs.inputs.tablefile import read_table
from antq_docs.inputs.tables import Column, Row, Table
from antq_docs.inputs.workbook import find_sheet, xlsx_sheet_names
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
from antq_docs.vi import did_you_mean, fold, strip_marks

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
NOTE_COLUMNS = [Column(key, header) for key, header in NOTES.items()]
# A figure is a count of sessions, people, tip-offs…: a whole number below this bound.
MAX_FIGURE = 10**9
_WHOLE = re.compile(r"^(\d{1,3}(\.\d{3})+|\d{1,10})$")


def figure_columns(figures: list[Figure]) -> list[Column]:
    """The columns of the figures, headed by their names ('Số buổi tuyên truyền')."""
    return [Column(f.id, f.name) for f in figures]

_YES = {"có", "co", "x", "1", "true", "yes", "đã", "da"}
_NO = {"không", "khong", "0", "false", "no", "chưa", "chua"}
_PASS = _YES | {"đạt", "dat"}
_FAIL = _NO | {"chưa đạt", "chua dat", "không đạt", "khong dat"}
_LEVELS = {strip_marks(level): level for level in LEVELS}
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_COUNT = re.compile(r"^\d+$")
MAX_SCORE = Decimal(100)


def load_results(
    path: Path,
    roster: Roster,
    campaign: Campaign,
    *,
    scores: Path | None = None,
    encoding: str | None = None,
) -> Results:
    """Read a results file (and the per-item scores, if any) and return validated Results."""
    path = Path(path)
    extra = [*figure_columns(campaign.figures), *NOTE_COLUMNS]
    table = read_table(path, COLUMNS + extra, encoding=encoding)
    findings: list[Finding] = list(table.findings)
    results = build_results(table, roster, campaign, findings)
    add_figures(table, results, roster, campaign, findings)
    add_notes(table, results, roster, findings)
    sheets = xlsx_sheet_names(path) if path.suffix.lower() in (".xlsx", ".xlsm") else []
    score_table = None
    if scores is not None:
        score_table = read_table(Path(scores), SCORE_COLUMNS, encoding=encoding)
    elif (sheet := find_sheet(sheets, SCORES_SHEET)) is not None:
        score_table = read_table(path, SCORE_COLUMNS, sheet=sheet)
    if (sheet := find_sheet(sheets, FIGURES_SHEET)) is not None and campaign.figures:
        figure_table = read_table(path, [COLUMNS[0], NAME_COLUMN, *extra[: len(campaign.figures)]],
                                  sheet=sheet)
        findings.extend(figure_table.findings)
        add_figures(figure_table, results, roster, campaign, findings, sheet=True)
    if (sheet := find_sheet(sheets, NOTES_SHEET)) is not None:
        note_table = read_table(path, [COLUMNS[0], NAME_COLUMN, *NOTE_COLUMNS], sheet=sheet)
        findings.extend(note_table.findings)
        add_notes(note_table, results, roster, findings, sheet=True)
    if score_table is not None:
        findings.extend(score_table.findings)
        add_item_scores(score_table, table, results, campaign, findings)
        results.scores_source = str(score_table.path)
    if findings:
        raise ValidationError(findings, what=f"Tệp kết quả {path.name}")
    return results


def parse_count(text: str) -> int | None:
    """A whole number written '12', '1.234' or '1234', or None when it is not one."""
    if not _WHOLE.match(text):
        return None
    value = int(text.replace(".", ""))
    return value if value < MAX_FIGURE else None


def _code_row(table: Table, row: Row, roster: Roster, findings: list[Finding],
              sheet: bool) -> str | None:
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
            findings.append(table.finding(
                row, "ma", f'không có đơn vị nào mang mã "{code}" trong danh sách đơn vị'
                + did_you_mean(code, roster.units)))
    return None


def _unit_rows(table: Table, roster: Roster, findings: list[Finding],
               sheet: bool) -> Iterator[tuple[Row, str]]:
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
    table: Table, results: Results, roster: Roster, campaign: Campaign,
    findings: list[Finding], *, sheet: bool = False,
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
                findings.append(table.finding(
                    row, figure.id, f'"{text}" phải là số nguyên không âm ({figure.measure})'))
            elif not figure.reported_by(unit.type):
                findings.append(table.finding(
                    row, figure.id, f"{unit.type_name} không báo cáo số liệu này; để trống ô"))
            elif mine.get(figure.id, value) != value:
                findings.append(table.finding(
                    row, figure.id, f"khác số đã ghi ở trang Kết quả ({mine[figure.id]})"))
            else:
                mine[figure.id] = value


def add_notes(table: Table, results: Results, roster: Roster, findings: list[Finding], *,
              sheet: bool = False) -> None:
    """Read the unit's own words of each row (any text; empty means not written)."""
    present = [key for key in NOTES if key in table.letters]
    if not present:
        return
    for row, code in _unit_rows(table, roster, findings, sheet):
        notes = results.notes.setdefault(code, {})
        for key in present:
            if row.get(key):
                notes[key] = row.get(key)


def _flag(
    table: Table,
    row: Row,
    key: str,
    yes: set[str],
    no: set[str],
    hint: str,
    findings: list[Finding],
    optional: bool = False,
) -> bool | None:
    """A yes/no cell, or None after recording why it could not be read.

    An optional cell left empty reads as False (not applicable).
    """
    text = row.get(key)
    if not text and optional:
        return False
    if not text:
        findings.append(table.finding(row, key, "thiếu giá trị bắt buộc"))
        return None
    folded = fold(text)
    if folded in yes:
        return True
    if folded in no:
        return False
    findings.append(table.finding(row, key, f'"{text}" không rõ; ghi {hint}'))
    return None


def parse_points(text: str) -> Decimal | None:
    """A number of points written '87', '87,5' or '87.5', or None when it is not one."""
    if not _NUMBER.match(text):
        return None
    return Decimal(text.replace(",", "."))


def build_results(
    table: Table, roster: Roster, campaign: Campaign, findings: list[Finding], *,
    every_unit: bool = True,
) -> Results:
    """Validate the rows of a results table against the roster and the campaign's thresholds.

    every_unit: report each unit below the root that has no row (collect says it otherwise:
    the forms that did not come back).
    """
    thresholds = campaign.thresholds
    units: dict[str, UnitResult] = {}
    roster_file = Path(roster.source).name if roster.source else "danh sách đơn vị"
    for row in table.rows:
        code = row.get("ma")
        known = True
        if not code:
            findings.append(table.finding(row, "ma", "thiếu giá trị bắt buộc"))
            known = False
        elif roster.get(code) is None:
            findings.append(
                table.finding(
                    row,
                    "ma",
                    f'không có đơn vị nào mang mã "{code}" trong {roster_file}'
                    + did_you_mean(code, roster.units),
                )
            )
            known = False
        elif code in units:
            findings.append(table.finding(row, "ma", f'mã "{code}" đã có ở dòng {units[code].row}'))
            known = False
        unit = roster.get(code) if code else None
        if unit is not None and unit.parent is None:
            continue  # nobody here scores the root: its row carries its own figures and notes
        # Thông tư 124 does not cover districts: their standard cells are not applicable.
        district = unit is not None and unit.type == "huyen"
        registered = _flag(
            table, row, "dang_ky", _YES, _NO, "có hoặc không", findings, optional=district
        )
        recognised = _flag(
            table, row, "dat_chuan", _PASS, _FAIL, "đạt hoặc chưa đạt (có hoặc không)", findings,
            optional=district,
        )
        meeting = _meeting(table, row, findings)
        event = _flag(table, row, "ngay_hoi", _YES, _NO, "có hoặc không", findings)
        if recognised and registered is False:
            findings.append(
                table.finding(
                    row,
                    "dat_chuan",
                    "đạt chuẩn nhưng không đăng ký; chỉ đơn vị đã đăng ký mới được công nhận",
                )
            )
        score = None
        if not row.get("diem"):
            findings.append(table.finding(row, "diem", "thiếu giá trị bắt buộc"))
        else:
            score = parse_points(row.get("diem"))
            if score is None:
                findings.append(
                    table.finding(row, "diem", f'"{row.get("diem")}" không phải số điểm')
                )
            elif not 0 <= score <= MAX_SCORE:
                findings.append(
                    table.finding(row, "diem", f"điểm {row.get('diem')} phải từ 0 đến 100")
                )
                score = None
        level = None
        written = row.get("xep_loai")
        if written:
            level = _LEVELS.get(strip_marks(written))
            if level is None:
                findings.append(
                    table.finding(
                        row,
                        "xep_loai",
                        f'"{written}" không phải mức xếp loại; chấp nhận: {", ".join(LEVELS)}',
                    )
                )
            elif score is not None and thresholds.level_for(score) != level:
                findings.append(
                    table.finding(
                        row,
                        "xep_loai",
                        f'xếp loại "{level}" trái với điểm {row.get("diem")}: theo ngưỡng '
                        f"({thresholds.describe()}) {row.get('diem')} điểm là "
                        f'"{thresholds.level_for(score)}"',
                    )
                )
        if recognised and score is not None and (level or not written):
            findings += _recognised_but_weak(table, row, score, level, thresholds)
        if not known or None in (registered, recognised, event, score):
            continue
        if written and level is None:
            continue
        assert score is not None
        units[code] = UnitResult(
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
    findings += _commune_rule(table, roster, units)
    if every_unit:
        findings += _without_row(table, roster, roster_file)
    return Results(units=units, thresholds=thresholds, source=str(table.path))


def _recognised_but_weak(table: Table, row: Row, score: Decimal, level: str | None,
                         thresholds: Thresholds) -> list[Finding]:
    """A unit marked recognised (đạt chuẩn) whose level, written or earned by its score, is
    Yếu: the two cells contradict each other, so the row cannot be used as it is."""
    if level is not None:
        if level != YEU:
            return []
        return [table.finding(row, "dat_chuan", f'đạt chuẩn nhưng xếp loại "{YEU}"; đơn vị '
                              "xếp loại Yếu không được công nhận đạt tiêu chuẩn “An toàn về an "
                              "ninh, trật tự”: sửa cột Đạt chuẩn hoặc cột Xếp loại")]
    if thresholds.level_for(score) != YEU:
        return []
    return [table.finding(row, "dat_chuan", f"đạt chuẩn nhưng điểm {row.get('diem')} là xếp "
                          f'loại "{YEU}" (theo ngưỡng: {thresholds.describe()}); đơn vị xếp loại '
                          "Yếu không được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật "
                          "tự”: sửa cột Đạt chuẩn hoặc cột Điểm")]


def _without_row(table: Table, roster: Roster, roster_file: str) -> list[Finding]:
    """A finding for each unit below the root that has no row in the table."""
    seen = {row.get("ma") for row in table.rows}
    return [
        Finding(
            f'đơn vị "{unit.code}" ({unit.name}) trong {roster_file} không có dòng kết quả',
            file=table.name,
        )
        for unit in roster
        if unit.parent is not None and unit.code not in seen
    ]


def _count(table: Table, row: Row, key: str, findings: list[Finding]) -> int | None:
    """An optional whole number of people, or None (empty, or recorded as a finding)."""
    text = row.get(key)
    if not text:
        return None
    if not _COUNT.match(text):
        findings.append(table.finding(row, key, f'"{text}" phải là số người (số nguyên)'))
        return None
    return int(text)


def _meeting(table: Table, row: Row, findings: list[Finding]) -> tuple[int | None, int | None]:
    """Attendance and votes for of the review meeting; the votes cannot exceed attendance."""
    attendance = _count(table, row, "so_du_hop", findings)
    votes = _count(table, row, "tan_thanh", findings)
    if attendance is not None and votes is not None and votes > attendance:
        findings.append(
            table.finding(
                row, "tan_thanh", f"số tán thành {votes} lớn hơn số người dự họp {attendance}"
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
                    f"cấp xã chỉ được công nhận đạt chuẩn khi 100% đơn vị trực thuộc đăng ký và ít "
                    f"nhất {COMMUNE_RECOGNISED_MIN_PERCENT}% đạt chuẩn (Thông tư 124/2021/TT-BCA); "
                    f"{unit.name} có {registered}/{len(below)} đăng ký, {recognised}/{len(below)} "
                    "đạt chuẩn",
                )
            )
    return findings


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
                "kế hoạch chưa có bảng chấm điểm (bang_diem) nên không đọc được điểm từng mục",
                file=scores.name,
            )
        )
        return
    seen: dict[tuple[str, str], int] = {}
    listed = {r.get("ma") for r in results_table.rows}
    for row in scores.rows:
        code, item_id, text = row.get("ma"), row.get("muc"), row.get("diem")
        ok = True
        for key in ("ma", "muc", "diem"):
            if not row.get(key):
                findings.append(scores.finding(row, key, "thiếu giá trị bắt buộc"))
                ok = False
        if code and code not in results.units:
            # A unit whose results row is itself wrong was reported there already.
            if code not in listed:
                findings.append(
                    scores.finding(
                        row, "ma", f'đơn vị "{code}" không có dòng trong {results_table.name}'
                    )
                )
            ok = False
        item = items.get(item_id) if item_id else None
        if item_id and item is None:
            findings.append(
                scores.finding(
                    row,
                    "muc",
                    f'mục "{item_id}" không có trong bảng chấm điểm của kế hoạch (bang_diem); '
                    f"các mục: {', '.join(items)}",
                )
            )
            ok = False
        points = parse_points(text) if text else None
        if text and points is None:
            findings.append(scores.finding(row, "diem", f'"{text}" không phải số điểm'))
            ok = False
        elif points is not None and item is not None and not 0 <= points <= item.max_points:
            findings.append(
                scores.finding(
                    row,
                    "diem",
                    f'điểm {text} của mục "{item.id}" phải từ 0 đến {item.max_points} '
                    "(điểm tối đa)",
                )
            )
            ok = False
        if code and item_id:
            first = seen.get((code, item_id))
            if first is not None:
                findings.append(
                    scores.finding(
                        row, "muc", f'điểm mục "{item_id}" của "{code}" đã có ở dòng {first}'
                    )
                )
                ok = False
            else:
                seen[(code, item_id)] = row.number
        if ok and code in results.units:
            assert points is not None and item is not None
            result = results.units[code]
            result.item_scores[item_id] = points
            if item.requires == "ngay_hoi" and not result.event_held and points > 0:
                findings.append(
                    replace(
                        scores.finding(
                            row,
                            "diem",
                            f'mục "{item.id}" ({item.text}) được {text} điểm nhưng đơn vị không '
                            f"tổ chức Ngày hội (cột Ngày hội của {results_table.name}); mục "
                            "này phải là 0 điểm",
                        ),
                        unit=code,
                    )
                )
    scored = {code for code, _ in seen}
    for code in sorted(scored):
        scored_unit = results.units.get(code)
        if scored_unit is None:
            continue
        missing = [i for i in items if (code, i) not in seen]
        if missing:
            findings.append(
                Finding(
                    f"thiếu điểm các mục {', '.join(missing)} của bảng chấm điểm",
                    file=scores.name,
                    unit=code,
                )
            )
            continue
        total = sum(scored_unit.item_scores.values(), Decimal(0))
        if len(scored_unit.item_scores) == len(items) and total != scored_unit.score:
            findings.append(
                results_table.finding(
                    scored_unit.row,
                    "diem",
                    f"điểm {_plain(scored_unit.score)} khác tổng điểm các mục ({_plain(total)}) "
                    f"trong {scores.name}",
                )
            )


def _plain(value: Decimal) -> str:
    """A score as written in the files: '87', '87.5'."""
    return format(value.normalize(), "f")


def load_previous_year(path: Path, roster: Roster, campaign: Campaign, *,
                       encoding: str | None = None) -> Results:
    """Read last year's collected results (--nam-truoc) for the year report's comparisons.

    Units merge between years, so a code this year's roster lacks is kept (it counts in the
    province's totals) rather than refused; the values themselves are checked like this
    year's: yes/no cells, points, levels and figures, every problem reported at once.
    """
    path = Path(path)
    extra = figure_columns(campaign.figures)
    table = read_table(path, COLUMNS + extra, encoding=encoding)
    findings: list[Finding] = list(table.findings)
    units: dict[str, UnitResult] = {}
    previous = Results(units=units, thresholds=campaign.thresholds, source=str(path))
    for row in table.rows:
        code = row.get("ma")
        unit = roster.get(code)
        if not code or (unit is not None and unit.parent is None):
            continue
        district = unit is not None and unit.type == "huyen"
        registered = _flag(table, row, "dang_ky", _YES, _NO, "có hoặc không", findings,
                           optional=True)
        recognised = _flag(table, row, "dat_chuan", _PASS, _FAIL, "đạt hoặc chưa đạt",
                           findings, optional=True)
        event = _flag(table, row, "ngay_hoi", _YES, _NO, "có hoặc không", findings,
                      optional=True)
        score = parse_points(row.get("diem")) if row.get("diem") else None
        if row.get("diem") and score is None:
            findings.append(table.finding(row, "diem", f'"{row.get("diem")}" không phải số điểm'))
        level = _LEVELS.get(strip_marks(row.get("xep_loai"))) if row.get("xep_loai") else None
        if level is None and score is not None:
            level = campaign.thresholds.level_for(score)
        units[code] = UnitResult(
            code=code, row=row.number, registered=bool(registered) and not district,
            recognised=bool(recognised) and not district, score=score or Decimal(0),
            level=level or "", level_computed=False, event_held=bool(event),
        )
        if values := _counts(table, row, campaign.figures, findings):
            previous.figures[code] = values
    sheets = xlsx_sheet_names(path) if path.suffix.lower() in (".xlsx", ".xlsm") else []
    if (sheet := find_sheet(sheets, FIGURES_SHEET)) is not None and campaign.figures:
        sheet_table = read_table(path, [COLUMNS[0], NAME_COLUMN, *extra], sheet=sheet)
        findings.extend(sheet_table.findings)
        for row in sheet_table.rows:
            if row.get("ma") and (values := _counts(sheet_table, row, campaign.figures,
                                                     findings)):
                previous.figures.setdefault(row.get("ma"), {}).update(values)
    if findings:
        raise ValidationError(findings, what=f"Tệp kết quả năm trước {path.name}")
    return previous


def _counts(table: Table, row: Row, figures: list[Figure],
            findings: list[Finding]) -> dict[str, int]:
    """The figures a row of last year's results gives, each a whole number ≥ 0."""
    values = {}
    for figure in figures:
        text = row.get(figure.id)
        if not text:
            continue
        value = parse_count(text)
        if value is None:
            findings.append(table.finding(row, figure.id, f'"{text}" phải là số nguyên không âm'))
        else:
            values[figure.id] = value
    return values
