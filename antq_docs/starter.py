"""`antq-docs init`: a starter folder a new user fills in and runs `generate all` in at once.

The folder holds the campaign (a copy of the bundled sample, Kon Tum 2025, with its comments),
the rosters it names by period as Excel workbooks (a small tree, one example unit of every
type), the year-end results workbook with its "Bảng điểm" sheet, and a README in Vietnamese.
The sample year has two rosters because the district level ended on 01/7/2025: a one-roster
starter would have either a plan of March 2025 issued by a body that did not yet exist or a
Ngày hội plan of July issued by a district that no longer did. Nothing is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from antq_docs import resources
from antq_docs import starter_data as data
from antq_docs.errors import OutputError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.results import COLUMNS as RESULT_COLUMNS
from antq_docs.inputs.results import (
    FIGURES_SHEET,
    NOTE_COLUMNS,
    NOTES_SHEET,
    SCORE_COLUMNS,
    SCORES_SHEET,
    figure_columns,
)
from antq_docs.inputs.roster import COLUMNS as ROSTER_COLUMNS
from antq_docs.kinds import REGISTRY
from antq_docs.messages import documents as msg
from antq_docs.model import LEVELS, TYPE_LABELS, Campaign, ScoreItem, Unit
from antq_docs.output import folder_not_made, write_failed, write_new
from antq_docs.resources import CAMPAIGN_FILE, RESULTS_FILE
from antq_docs.xlsx import book_bytes, choice, first_sheet, header, title_rows

README_FILE = "README.md"
# The rosters the starter campaign lists in danh_sach_don_vi, with the sample's file they
# replace: the Kon Tum tree from 01/01/2025, the Quảng Ngãi tree (no districts) from 01/7/2025.
ROSTER_FILES = {
    "units-kon-tum-2025.csv": "danh-sach-kon-tum.xlsx",
    "units-quang-ngai-2025-07.csv": "danh-sach-quang-ngai.xlsx",
}
# The sample's target naming KT-01 (Thành phố Kon Tum): the starter's small tree has no such
# unit, and a target naming an absent unit is warned about on every run.
_NAMED_TARGET = (
    "  - ma: dien_hinh                "
    "# chỉ tiêu riêng của đơn vị được nêu tên (don_vi: mã đơn vị)\n"
    "    noi_dung: >-\n"
    "      Thành phố Kon Tum chọn xây dựng 02 Công an phường điển hình, kiểu mẫu về an ninh, "
    "trật tự\n"
    "      và văn minh đô thị\n"
    "    don_vi: [KT-01]\n"
    "    so_luong: 2\n"
)
_NAMED_TARGET_NOTE = (
    "  # Chỉ tiêu giao riêng cho một đơn vị: thêm don_vi (mã đơn vị) và so_luong, ví dụ\n"
    "  # - ma: dien_hinh\n"
    "  #   noi_dung: Thành phố Kon Tum chọn xây dựng 02 Công an phường điển hình\n"
    "  #   don_vi: [KT-01]\n"
    "  #   so_luong: 2\n"
)
_HEADER = (
    "# Tệp kế hoạch năm do `antq-docs init` tạo: bản sao kế hoạch mẫu Kon Tum 2025, dùng với\n"
    "# các tệp danh sách và kết quả cùng thư mục. Sửa cho đúng tỉnh, năm và kế hoạch của mình.\n"
)


@dataclass
class InitResult:
    """What `init` did: the files it wrote and those it found and kept, in writing order."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def init(folder: Path) -> InitResult:
    """Write the starter files into folder (made if needed); never overwrite an existing file.

    Raises OutputError when the folder cannot be made or every file is already there.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise folder_not_made(e, folder) from e
    if not folder.is_dir():
        raise OutputError(msg.OUT_NOT_A_FOLDER, path=folder)
    result = InitResult(folder)
    campaign = load_campaign(resources.sample(resources.SAMPLE_CAMPAIGN), kinds=REGISTRY)
    for name, make in _files(campaign):
        path = folder / name
        if path.exists():
            result.kept.append(path)
            continue
        try:
            # Whole or not at all: a full disk leaves no half-written file for the next init
            # to keep.
            placed = write_new(path, make())
        except OSError as e:
            raise write_failed(e, path, msg.WRITING_STARTER) from e
        (result.written if placed else result.kept).append(path)
    if not result.written:
        names = ", ".join(p.name for p in result.kept)
        raise OutputError(msg.STARTER_ALL_THERE.format(names=names), path=folder)
    return result


def _files(campaign: Campaign) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """Each starter file's name and the function making its bytes."""
    yield CAMPAIGN_FILE, lambda: campaign_text().encode("utf-8")
    kon_tum, quang_ngai = ROSTER_FILES.values()
    yield kon_tum, lambda: roster_workbook(data.KON_TUM, "Tỉnh Kon Tum, từ ngày 01/01/2025")
    yield (
        quang_ngai,
        lambda: roster_workbook(
            data.QUANG_NGAI, "Tỉnh Quảng Ngãi, từ ngày 01/7/2025 (chính quyền địa phương hai cấp)"
        ),
    )
    yield RESULTS_FILE, lambda: results_workbook(campaign)
    yield README_FILE, lambda: resources.starter_readme().encode("utf-8")


def campaign_text() -> str:
    """The bundled sample campaign, its comments kept, naming the starter's rosters."""
    text = resources.sample(resources.SAMPLE_CAMPAIGN).read_text(encoding="utf-8")
    replacements = [(f"tep: {old}\n", f"tep: {new}\n") for old, new in ROSTER_FILES.items()]
    replacements.append((_NAMED_TARGET, _NAMED_TARGET_NOTE))
    for old, new in replacements:
        # The sample changing under us must fail loudly here, not yield a campaign that
        # points at the sample's own files.
        if text.count(old) != 1:
            raise AssertionError(f"the sample campaign no longer has {old!r} once")
        text = text.replace(old, new)
    return _HEADER + text


def roster_workbook(rows: list[tuple[str, ...]], period: str) -> bytes:
    """A roster with a title, every roster column, a Loại drop-down and the example rows."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = first_sheet(book)
    sheet.title = "Danh sách đơn vị"
    keys = [c.key for c in ROSTER_COLUMNS]
    title_rows(
        sheet,
        "DANH SÁCH ĐƠN VỊ THỰC HIỆN PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC",
        period,
        len(keys),
    )
    header_row = 4
    header(sheet, header_row, [c.header for c in ROSTER_COLUMNS])
    for values in rows:
        record = dict(zip(data.ROSTER_KEYS, values))
        record["dia_danh"] = data.PLACE.get(record["ma"], "")
        sheet.append([_cell(record.get(key, "")) for key in keys])
    # The Loại list lives on a sheet of its own: Excel caps a list typed in the rule itself
    # at 255 characters, and the accepted words of every type are close to that.
    lists = book.create_sheet("Danh mục")
    words = [label for labels in TYPE_LABELS.values() for label in labels]
    for index, word in enumerate(words, start=1):
        lists.cell(row=index, column=1, value=word)
    lists.sheet_state = "hidden"
    letter = get_column_letter(keys.index("loai") + 1)
    choice(
        sheet,
        letter,
        header_row + 1,
        f"'Danh mục'!$A$1:$A${len(words)}",
        "Chọn loại đơn vị trong danh sách (Tỉnh, Xã, Thôn, Cơ quan…).",
    )
    return book_bytes(book)


def _cell(value: str) -> object:
    """A number typed as one (Số hộ), any other value as text."""
    return int(value) if value.isdigit() else value


def item_scores(items: list[ScoreItem], total: int, event_held: bool) -> dict[str, int]:
    """Points per item adding up to total, each within its maximum.

    An item the unit cannot score (the Ngày hội item where none was held) gets nothing; the
    largest items give way first, half of each, then whatever is still needed.
    """
    ceiling = {
        i.id: 0 if i.requires == "ngay_hoi" and not event_held else int(i.max_points) for i in items
    }
    short = sum(ceiling.values()) - total
    if short < 0:
        raise ValueError(f"{total} points exceed what the items allow")
    points = dict(ceiling)
    for item in sorted(items, key=lambda i: -i.max_points):
        taken = min(short, points[item.id] // 2)
        points[item.id] -= taken
        short -= taken
    for item in sorted(items, key=lambda i: -i.max_points):
        taken = min(short, points[item.id])
        points[item.id] -= taken
        short -= taken
    return points


def results_workbook(campaign: Campaign, units: Sequence[Unit] | None = None) -> bytes:
    """The results sheet and its "Bảng điểm" sheet, agreeing with the campaign's scoring:
    the sample's units with their results (units None), or one row to fill per unit given and
    one per unit and scoring item, their codes and names filled."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = first_sheet(book)
    sheet.title = "Kết quả"
    rows = _sample_results(campaign) if units is None else [_empty_result(u) for u in units]
    where = _SAMPLE_WHERE if units is None else _where(units)
    _results_sheet(sheet, campaign, rows, where)
    if units is None:
        scores = [
            [code, item.id, points[item.id], item.text, int(item.max_points)]
            for code, points in _sample_points(campaign)
            for item in campaign.score_items
        ]
    else:
        scores = [
            [u.code, item.id, None, item.text, int(item.max_points)]
            for u in units
            for item in campaign.score_items
        ]
    if campaign.score_items:
        _scores_sheet(book.create_sheet(SCORES_SHEET), scores)
    if units is not None:
        _unit_sheets(book, campaign, units)
    return book_bytes(book)


def _unit_sheets(book, campaign: Campaign, units: Sequence[Unit]) -> None:
    """The figures of the year (so_lieu) and the unit's own words (nhận xét), a row per unit
    to fill: what the evaluations and the report say of each unit instead of "chưa có"."""
    sheets = [(NOTES_SHEET, NOTE_COLUMNS, f"NHẬN XÉT NĂM {campaign.year}", _NOTES_HINT)]
    if campaign.figures:
        columns = figure_columns(campaign.figures)
        sheets.insert(0, (FIGURES_SHEET, columns, f"SỐ LIỆU NĂM {campaign.year}", _FIGURES_HINT))
    for name, columns, title, hint in sheets:
        sheet = book.create_sheet(name)
        labels = [RESULT_COLUMNS[0].header, "Tên đơn vị", *(c.header for c in columns)]
        title_rows(sheet, title, hint, len(labels))
        header(sheet, _HEADER_ROW, labels)
        sheet.column_dimensions["B"].width = 36
        for unit in units:
            sheet.append([unit.code, unit.name])


_FIGURES_HINT = "Mỗi đơn vị một dòng, số liệu của riêng đơn vị; cấp trên được cộng từ cấp dưới"
_NOTES_HINT = "Mỗi đơn vị một dòng: lời của đơn vị, để trống thì văn bản ghi chỗ cần bổ sung"


# Both sheets have two title rows, a blank row, then the header.
_HEADER_ROW = 4
_SAMPLE_WHERE = "Tỉnh Quảng Ngãi: đơn vị dưới đơn vị gốc, mỗi đơn vị một dòng"


def _where(units: Sequence[Unit]) -> str:
    """The results sheet's second title line for the units given: the one unit above the rest
    (a commune chosen with its villages), else the unit above them all (the province)."""
    codes = {u.code for u in units}
    tops = [u for u in units if u.parent is None or u.parent.code not in codes]
    top = tops[0] if len(tops) == 1 else (tops[0].parent if tops else None)
    return f"{top.name if top else 'Danh sách đơn vị'}: mỗi đơn vị báo cáo kết quả một dòng"


def _sample_results(campaign: Campaign) -> list[list[object]]:
    """The sample's results rows (code, name, then the results columns), with the level from
    the campaign's thresholds."""
    names = {row[0]: row[1] for row in data.QUANG_NGAI}
    rows = []
    for code, registered, recognised, score, event, secretary, present, votes in data.RESULTS:
        record = {
            "dang_ky": registered,
            "dat_chuan": recognised,
            "diem": score,
            "xep_loai": campaign.thresholds.level_for(Decimal(score)),
            "ngay_hoi": event,
            "thu_ky": secretary,
            "so_du_hop": _cell(present),
            "tan_thanh": _cell(votes),
        }
        rows.append([code, names[code], *(record[c.key] for c in RESULT_COLUMNS[1:])])
    return rows


def _empty_result(unit: Unit) -> list[object]:
    """A unit's row to fill: its code and name, the results left empty."""
    return [unit.code, unit.name, *(None for _ in RESULT_COLUMNS[1:])]


def _results_sheet(sheet, campaign: Campaign, rows: list[list[object]], where: str) -> None:
    """The results rows under their title and header, with drop-down lists on the columns
    with fixed answers."""
    from openpyxl.utils import get_column_letter

    keys = [c.key for c in RESULT_COLUMNS]
    labels = [c.header for c in RESULT_COLUMNS]
    # Tên đơn vị is not read (the roster has it) but lets the official see whose row it is.
    labels.insert(1, "Tên đơn vị")
    title_rows(
        sheet,
        f"KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {campaign.year}",
        where,
        len(labels),
    )
    header(sheet, _HEADER_ROW, labels)
    sheet.column_dimensions["B"].width = 36
    for row in rows:
        sheet.append(row)
    column = {
        key: get_column_letter(labels.index(c.header) + 1) for key, c in zip(keys, RESULT_COLUMNS)
    }
    for key, words in (
        ("dang_ky", "có,không"),
        ("dat_chuan", "đạt,chưa đạt"),
        ("ngay_hoi", "có,không"),
        ("xep_loai", ",".join(LEVELS)),
    ):
        choice(sheet, column[key], _HEADER_ROW + 1, f'"{words}"', f"Chọn một giá trị: {words}.")


def _sample_points(campaign: Campaign) -> list[tuple[str, dict[str, int]]]:
    """Each sample unit's points per scoring item, adding up to its score."""
    items = campaign.score_items
    return [
        (code, item_scores(items, score, event == "có"))
        for code, _, _, score, event, *_ in data.RESULTS
    ]


def _scores_sheet(sheet, rows: list[list[object]]) -> None:
    """The points of each unit for each item of the campaign's scoring sheet, one row each."""
    title_rows(
        sheet,
        "BẢNG ĐIỂM TỪNG MỤC",
        "Mỗi đơn vị, mỗi mục của bảng chấm điểm trong kế hoạch năm một dòng; tổng bằng cột Điểm",
        len(SCORE_COLUMNS) + 2,
    )
    # Nội dung and Điểm tối đa are not read either: the campaign's scoring sheet holds them.
    header(sheet, _HEADER_ROW, [c.header for c in SCORE_COLUMNS] + ["Nội dung", "Điểm tối đa"])
    sheet.column_dimensions["D"].width = 60
    for row in rows:
        sheet.append(row)
