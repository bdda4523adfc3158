"""`antq-docs forms`: one collection form (phiếu thu kết quả) per reporting unit, as Excel.

A form has a guide sheet (whose form it is, what to fill, the deadlines, the thresholds) and the
sheets `--results` reads: Kết quả, Bảng điểm, Số liệu, Nhận xét, one row per unit it covers (and
per scoring item). Codes, names and what a unit's type does not report are filled in, greyed
where empty, and locked (sheet protection without a password); the cells to fill are unlocked,
yellow, and checked by Excel itself (numbers in range, drop-down lists). A form is built from
plain data (form_data.py), so worker processes can build many at once; its guide sheet is in
form_guide.py. No file is overwritten.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from antq_docs import vi
from antq_docs.collect.form_data import FIRST_ROW, HEADER_ROW, FormSpec, Member, Shared
from antq_docs.collect.form_guide import write_guide
from antq_docs.collect.layout import (
    GUIDE_SHEET,
    OWNER_NAME,
    RESULTS_SHEET,
    covered,
    data_sheets,
    file_name,
    owners,
)
from antq_docs.errors import OutputError, UsageError
from antq_docs.inputs.loading import Inputs, results_roster
from antq_docs.inputs.result_cells import MAX_FIGURE, MAX_SCORE
from antq_docs.inputs.results import FIGURES_SHEET, NOTES_SHEET, SCORES_SHEET
from antq_docs.inputs.tables import column_letter
from antq_docs.messages import documents as msg
from antq_docs.model import LEVELS, UNIT_TYPES, Unit
from antq_docs.output import folder_not_made, write_failed, write_new
from antq_docs.workers import ordered_map, workers_for
from antq_docs.xlsx import book_bytes, choice, first_sheet, header, title_rows

Progress = Callable[[int, int], None]

# The answers the drop-down lists offer; the results reader also takes có/không for Đạt chuẩn.
YES_NO = ("Có", "Không")
PASS_FAIL = ("Đạt", "Chưa đạt")
# How many kept forms a refusal names before counting the rest.
_LISTED = 10
# Named cell styles, added to each workbook: assigning a name is far cheaper for openpyxl than
# assigning a fill and a protection to each cell.
FILL_IN = "Ô cần điền"
NOT_APPLICABLE = "Ô không điền"


@dataclass
class FormsResult:
    """What `forms` did: the files it wrote and those it found and kept, in roster order."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    units: int = 0


def write_forms(
    inputs: Inputs,
    folder: Path,
    *,
    level: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> FormsResult:
    """Write the form of every reporting unit (of level's subtree) into folder, keeping files.

    A file already there is kept, never overwritten. The units are those of the roster in
    force on the evaluations' date. Raises UsageError for a bad level and OutputError when the
    folder cannot be used or every form is already there.
    """
    roster = results_roster(inputs)
    chosen = owners(roster, level)
    if not chosen:
        raise UsageError(
            msg.NO_FORM_OWNERS.format(
                level=level or roster.root.code, roster=roster.source or msg.THE_ROSTER
            )
        )
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise folder_not_made(e, folder) from e
    if not folder.is_dir():
        raise OutputError(msg.OUT_NOT_A_FOLDER, path=folder)
    result = FormsResult(folder)
    todo: list[tuple[Path, FormSpec]] = []
    for owner in chosen:
        path = folder / file_name(owner)
        if path.exists() or path.is_symlink():
            result.kept.append(path)
        else:
            todo.append((path, spec_of(owner)))
    shared = shared_of(inputs)
    build = functools.partial(form_bytes, shared)
    workers = workers_for(jobs, len(todo))
    for done, ((path, spec), data) in enumerate(
        zip(todo, ordered_map(build, (s for _, s in todo), workers)), start=1
    ):
        try:
            placed = write_new(path, data)
        except OSError as e:
            raise write_failed(e, path, msg.WRITING_FORMS) from e
        (result.written if placed else result.kept).append(path)
        result.units += len(spec.members) if placed else 0
        if progress is not None:
            progress(done, len(todo))
    if not result.written:
        names = ", ".join(p.name for p in result.kept[:_LISTED])
        more = len(result.kept) - _LISTED
        listed = msg.FORMS_AND_MORE.format(names=names, more=more) if more > 0 else names
        raise OutputError(
            msg.FORMS_ALL_THERE.format(count=len(result.kept), listed=listed), path=folder
        )
    return result


def spec_of(owner: Unit) -> FormSpec:
    """The plain data of one unit's form."""
    receiver = owner.parent.body_name if owner.parent is not None else ""
    members = tuple(Member(u.code, u.name, u.type) for u in covered(owner))
    return FormSpec(members[0], owner.body_name, receiver, members)


def shared_of(inputs: Inputs) -> Shared:
    """What every form of the run shows alike."""
    campaign = inputs.campaign
    return Shared(
        year=campaign.year,
        sheets=data_sheets(campaign),
        deadlines={t: campaign.report_deadline(t) for t in UNIT_TYPES},
        thresholds=campaign.thresholds.describe(),
        items=tuple(campaign.score_items),
        figures=tuple(campaign.figures),
        meeting_types=frozenset(t for t in UNIT_TYPES if campaign.requires("minutes", t)),
    )


def form_bytes(campaign: Shared, spec: FormSpec) -> bytes:
    """One form as the bytes of an .xlsx workbook."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    _add_styles(book)
    guide = first_sheet(book)
    guide.title = GUIDE_SHEET
    write_guide(guide, campaign, spec)
    # The owner's code is the guide's first row (guide_rows), in its second column.
    book.defined_names[OWNER_NAME] = DefinedName(
        OWNER_NAME, attr_text=f"'{GUIDE_SHEET}'!$B${FIRST_ROW}"
    )
    writers = {
        RESULTS_SHEET: _results,
        SCORES_SHEET: _scores,
        FIGURES_SHEET: _figures,
        NOTES_SHEET: _notes,
    }
    for name, columns in campaign.sheets.items():
        writers[name](book.create_sheet(name), campaign, spec, [c.header for c in columns])
    for sheet in book.worksheets:
        _protect(sheet)
    # Sheets cannot be renamed, moved, added or removed: collect finds them by name.
    book.security = WorkbookProtection(lockStructure=True)
    return book_bytes(book)


def _table(sheet, title: str, spec: FormSpec, labels: list[str]) -> None:
    """Title rows and header of a data sheet."""
    title_rows(
        sheet,
        f"{title.upper()}: {vi.upper(spec.owner.name)}",
        "Điền vào ô màu vàng; ô xám không điền.",
        len(labels),
    )
    header(sheet, HEADER_ROW, labels)
    sheet.column_dimensions["B"].width = 36


def _unit_cells(sheet, number: int, member: Member) -> None:
    """The code and name of a row (locked, as every cell is unless opened for input)."""
    sheet.cell(number, 1, member.code)
    sheet.cell(number, 2, member.name)


def _add_styles(book) -> None:
    """The workbook's two cell styles: open for input and yellow; locked and grey."""
    from openpyxl.styles import NamedStyle, PatternFill, Protection

    book.add_named_style(
        NamedStyle(
            FILL_IN,
            fill=PatternFill("solid", fgColor="FFF2CC"),
            protection=Protection(locked=False),
        )
    )
    book.add_named_style(
        NamedStyle(
            NOT_APPLICABLE,
            fill=PatternFill("solid", fgColor="D9D9D9"),
            protection=Protection(locked=True),
        )
    )


def _fill_in(cell) -> None:
    """Open a cell for input and colour it."""
    cell.style = FILL_IN


def _not_applicable(cell) -> None:
    """Grey a cell the unit does not fill (it stays locked)."""
    cell.style = NOT_APPLICABLE


def _results(sheet, campaign: Shared, spec: FormSpec, labels: list[str]) -> None:
    """The Kết quả sheet: one row per unit, headed as `--results` reads it."""
    keys = [c.key for c in campaign.sheets[RESULTS_SHEET]]
    _table(sheet, f"Kết quả năm {campaign.year}", spec, labels)
    last = FIRST_ROW + len(spec.members) - 1
    for number, member in enumerate(spec.members, start=FIRST_ROW):
        _unit_cells(sheet, number, member)
        for index, key in enumerate(keys[2:], start=3):
            cell = sheet.cell(number, index)
            district = member.type == "huyen" and key in ("dang_ky", "dat_chuan")
            meeting = key in ("thu_ky", "so_du_hop", "tan_thanh")
            if district or (meeting and member.type not in campaign.meeting_types):
                _not_applicable(cell)
            else:
                _fill_in(cell)
    letter = {key: column_letter(keys.index(key)) for key in keys}
    for key, words in (
        ("dang_ky", YES_NO),
        ("dat_chuan", PASS_FAIL),
        ("ngay_hoi", YES_NO),
        ("xep_loai", LEVELS),
    ):
        listed = ",".join(words)
        choice(
            sheet, letter[key], FIRST_ROW, f'"{listed}"', f"Chọn một giá trị: {listed}.", last=last
        )
    _number_rule(
        sheet,
        f"{letter['diem']}{FIRST_ROW}:{letter['diem']}{last}",
        "decimal",
        0,
        MAX_SCORE,
        "Điểm tự chấm từ 0 đến 100.",
    )
    for key in ("so_du_hop", "tan_thanh"):
        _number_rule(
            sheet,
            f"{letter[key]}{FIRST_ROW}:{letter[key]}{last}",
            "whole",
            0,
            MAX_FIGURE - 1,
            "Số người: số nguyên không âm.",
        )


def _scores(sheet, campaign: Shared, spec: FormSpec, labels: list[str]) -> None:
    """The Bảng điểm sheet: one row per unit and scoring item, the points to fill."""
    _table(sheet, "Bảng điểm từng mục", spec, labels)
    sheet.column_dimensions["D"].width = 70
    by_max: dict[Decimal, list[str]] = {}
    number = FIRST_ROW
    for member in spec.members:
        for item in campaign.items:
            _unit_cells(sheet, number, member)
            sheet.cell(number, 3, item.id)
            sheet.cell(number, 4, item.text)
            sheet.cell(number, 5, _number(item.max_points))
            _fill_in(sheet.cell(number, 6))
            by_max.setdefault(item.max_points, []).append(f"F{number}")
            number += 1
    for most, cells in by_max.items():
        _number_rule(
            sheet,
            " ".join(cells),
            "decimal",
            0,
            most,
            f"Điểm của mục từ 0 đến {vi.number(most)} (điểm tối đa).",
        )


def _figures(sheet, campaign: Shared, spec: FormSpec, labels: list[str]) -> None:
    """The Số liệu sheet: one column per figure headed by its name, one row per unit."""
    _table(sheet, f"Số liệu năm {campaign.year}", spec, labels)
    sheet.cell(HEADER_ROW - 1, 2, "Đơn vị tính:")
    for index, figure in enumerate(campaign.figures, start=3):
        sheet.cell(HEADER_ROW - 1, index, figure.measure)
        sheet.column_dimensions[column_letter(index - 1)].width = 18
    open_cells = []
    for number, member in enumerate(spec.members, start=FIRST_ROW):
        _unit_cells(sheet, number, member)
        for index, figure in enumerate(campaign.figures, start=3):
            cell = sheet.cell(number, index)
            if figure.reported_by(member.type):
                _fill_in(cell)
                open_cells.append(cell.coordinate)
            else:
                _not_applicable(cell)
    if open_cells:
        _number_rule(
            sheet, " ".join(open_cells), "whole", 0, MAX_FIGURE - 1, "Số liệu: số nguyên không âm."
        )


def _notes(sheet, campaign: Shared, spec: FormSpec, labels: list[str]) -> None:
    """The Nhận xét sheet: the unit's own words, one column per NOTES key."""
    from openpyxl.styles import Alignment

    _table(sheet, "Nhận xét của đơn vị", spec, labels)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index in range(3, len(labels) + 1):
        sheet.column_dimensions[column_letter(index - 1)].width = 40
    for number, member in enumerate(spec.members, start=FIRST_ROW):
        _unit_cells(sheet, number, member)
        for index in range(3, len(labels) + 1):
            cell = sheet.cell(number, index)
            _fill_in(cell)
            cell.alignment = wrap


def _number_rule(
    sheet,
    cells: str,
    kind: Literal["whole", "decimal"],
    low: Decimal | int,
    high: Decimal | int,
    message: str,
) -> None:
    """Excel's own check of the cells (ranges apart by spaces): a number from low to high."""
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(
        type=kind, operator="between", formula1=str(low), formula2=str(high), allow_blank=True
    )
    rule.error = message
    rule.errorTitle = "Giá trị không hợp lệ"
    rule.showErrorMessage = True
    rule.prompt = message
    rule.showInputMessage = True
    sheet.add_data_validation(rule)
    rule.sqref = MultiCellRange(cells)


def _protect(sheet) -> None:
    """Lock every cell not opened for input; no password, columns and rows may be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _number(value: Decimal) -> int | float:
    """A number of points as a cell holds it: 3, 2.5."""
    return int(value) if value == value.to_integral_value() else float(value)
