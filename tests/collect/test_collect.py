"""Collection forms: written per reporting unit, filled, returned, collected into results."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from antq_docs.cli import cli
from antq_docs.collect.layout import file_name, owner_of, owners
from antq_docs.errors import UsageError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.results import load_results
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from antq_docs.model import NOTES, roll_up
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_UNITS_JULY, write_csv

CAMPAIGN = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
# The sample campaign's rosters by period: the year ends with Quảng Ngãi's (no districts).
ROSTER = load_roster(SAMPLE_UNITS_JULY)
COMMUNE = "QNG-03-xa-dak-ha.xlsx"
HEADER_ROW = 4


def _forms(runner: CliRunner, folder: Path, *extra: str):
    return runner.invoke(cli, ["forms", str(folder), "--campaign", str(SAMPLE_CAMPAIGN), *extra])


def _collect(runner: CliRunner, *args: str):
    return runner.invoke(cli, ["collect", *args, "--campaign", str(SAMPLE_CAMPAIGN)])


def _columns(sheet) -> dict[str, int]:
    """Heading → column number of a form's sheet, as the form wrote it."""
    return {c.value: c.column for c in sheet[HEADER_ROW] if c.value}


def figure_value(code: str, index: int) -> int:
    """The number the tests write for a unit's figure: different for every unit and figure."""
    return (sum(map(ord, code)) * (index + 3)) % 97


def item_points(item) -> Decimal:
    """Points the tests give an item: its maximum, half a point less on item 5."""
    return item.max_points - (Decimal("0.5") if item.id == "5" else 0)


TOTAL = sum(item_points(i) for i in CAMPAIGN.score_items)


def fill(path: Path) -> None:
    """Fill every open cell of a form as a unit would, with the tests' known values."""
    book = openpyxl.load_workbook(path)
    results = book["Kết quả"]
    cols = _columns(results)
    for row in range(HEADER_ROW + 1, results.max_row + 1):
        values = {
            "Đăng ký": "Có",
            "Đạt chuẩn": "Đạt",
            "Điểm": float(TOTAL),
            "Ngày hội": "Có",
            "Thư ký": "Nguyễn Thị Hoa",
            "Số người dự họp": 30,
            "Số tán thành": 28,
        }
        for heading, value in values.items():
            cell = results.cell(row, cols[heading])
            if not cell.protection.locked:
                cell.value = value
    scores = book["Bảng điểm"]
    cols = _columns(scores)
    items = {i.id: i for i in CAMPAIGN.score_items}
    for row in range(HEADER_ROW + 1, scores.max_row + 1):
        item = items[scores.cell(row, cols["Mã mục"]).value]
        scores.cell(row, cols["Điểm"]).value = float(item_points(item))
    figures = book["Số liệu"]
    cols = _columns(figures)
    for row in range(HEADER_ROW + 1, figures.max_row + 1):
        code = figures.cell(row, 1).value
        for index, figure in enumerate(CAMPAIGN.figures):
            cell = figures.cell(row, cols[figure.name])
            if not cell.protection.locked:
                cell.value = figure_value(code, index)
    notes = book["Nhận xét"]
    for row in range(HEADER_ROW + 1, notes.max_row + 1):
        code = notes.cell(row, 1).value
        notes.cell(row, _columns(notes)["Đặc điểm tình hình"]).value = f"Tình hình {code} ổn định."
    book.save(path)


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """The sample's forms, written once by `forms` and filled with the tests' values."""
    folder = tmp_path_factory.mktemp("forms") / "phieu"
    result = _forms(CliRunner(), folder)
    assert result.exit_code == 0, result.stderr
    for path in sorted(folder.glob("*.xlsx")):
        fill(path)
    return folder


@pytest.fixture
def returned(filled, tmp_path) -> Path:
    """A copy of the filled forms that a test may change."""
    return Path(shutil.copytree(filled, tmp_path / "phieu"))


# --- forms ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_forms_writes_one_workbook_per_reporting_unit(tmp_path, runner):
    result = _forms(runner, tmp_path / "phieu")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "phieu").iterdir())
    # 16 communes and wards (each with its khu dân cư), 4 agencies, 5 enterprises, 6 schools.
    assert len(names) == 31
    assert result.stderr.splitlines()[-1] == (
        f"Xong: 31 phiếu mới (75 đơn vị), 0 phiếu đã có được giữ nguyên trong {tmp_path / 'phieu'}."
    )
    assert COMMUNE in names and "KT-CQ-01-so-tu-phap.xlsx" in names
    assert "KT-DN-03-cong-ty-tnhh-thuong-mai-dich-vu-ngoc.xlsx" in names
    assert all(n.isascii() and " " not in n for n in names)
    assert not any(n.startswith("KT-02-02-01") for n in names)  # Thôn 1 is on its commune's form
    assert not list((tmp_path / "phieu").glob(".*"))  # no temporary file left


def test_commune_form_covers_its_khu_dan_cu_and_says_whose_it_is(tmp_path, runner):
    assert _forms(runner, tmp_path, "--level", "QNG-03").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / COMMUNE)
    assert book.sheetnames == ["Hướng dẫn", "Kết quả", "Bảng điểm", "Số liệu", "Nhận xét"]
    assert book.security.lockStructure
    guide = book["Hướng dẫn"]
    rows = {r[0]: r[1] for r in guide.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert rows["Mã đơn vị của phiếu"] == "QNG-03"
    assert book.defined_names["ANTQ_MA_DON_VI_PHIEU"].attr_text == "'Hướng dẫn'!$B$5"
    assert guide["B5"].value == "QNG-03" and guide["B5"].protection.locked
    assert rows["Hạn gửi"] == (
        "Xã Đăk Hà gửi lại chính tệp này cho Ủy ban nhân dân tỉnh Quảng Ngãi trước ngày 30/11/2025."
    )
    assert rows["Hạn của khu dân cư"] == (
        "Các khu dân cư điền phần của mình và gửi Ủy ban nhân dân xã Đăk Hà trước ngày 20/11/2025."
    )
    assert rows["Ngưỡng xếp loại"] == CAMPAIGN.thresholds.describe() + "."
    assert "Không sửa mã" in rows["Lưu ý"]
    results = book["Kết quả"]
    assert [c.value for c in results[HEADER_ROW]] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Đăng ký",
        "Đạt chuẩn",
        "Điểm",
        "Xếp loại",
        "Ngày hội",
        "Thư ký",
        "Số người dự họp",
        "Số tán thành",
    ]
    codes = [results.cell(r, 1).value for r in range(HEADER_ROW + 1, results.max_row + 1)]
    commune = ROSTER.units["QNG-03"]
    assert codes == ["QNG-03", *(c.code for c in commune.children if c.type == "khu_dan_cu")]
    assert len(codes) == 5
    for sheet in book.worksheets:
        assert sheet.protection.sheet and not sheet.protection.password
    assert results["A5"].protection.locked and results["B5"].protection.locked
    assert not results["C5"].protection.locked and not results["E6"].protection.locked


def test_form_cells_are_checked_by_excel(tmp_path, runner):
    assert _forms(runner, tmp_path, "--level", "QNG-03").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / COMMUNE)
    rules = {str(dv.sqref): dv for dv in book["Kết quả"].data_validations.dataValidation}
    assert rules["C5:C9"].type == "list" and rules["C5:C9"].formula1 == '"Có,Không"'
    assert rules["D5:D9"].formula1 == '"Đạt,Chưa đạt"'
    assert rules["F5:F9"].formula1 == '"Xuất sắc,Khá,Trung bình,Yếu"'
    assert rules["G5:G9"].formula1 == '"Có,Không"'
    assert (rules["E5:E9"].type, rules["E5:E9"].formula1, rules["E5:E9"].formula2) == (
        "decimal",
        "0",
        "100",
    )
    assert (rules["I5:I9"].type, rules["I5:I9"].formula1) == ("whole", "0")
    scores = book["Bảng điểm"]
    assert [c.value for c in scores[HEADER_ROW]] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Mã mục",
        "Nội dung",
        "Điểm tối đa",
        "Điểm",
    ]
    assert scores.max_row == HEADER_ROW + 5 * len(CAMPAIGN.score_items)
    maxima = {dv.formula2: str(dv.sqref).split() for dv in scores.data_validations.dataValidation}
    assert "F7" in maxima["5"] and "F11" in maxima["20"] and scores["E11"].value == 20
    assert all(
        dv.type == "decimal" and dv.formula1 == "0" for dv in scores.data_validations.dataValidation
    )
    figures = book["Số liệu"]
    cols = _columns(figures)
    assert list(cols) == ["Mã đơn vị", "Tên đơn vị", *(f.name for f in CAMPAIGN.figures)]
    households = figures.cell(5, cols["Số hộ gia đình ký cam kết"])  # the commune's row
    assert households.protection.locked and households.fill.fgColor.rgb.endswith("D9D9D9")
    village = figures.cell(6, cols["Số hộ gia đình ký cam kết"])
    assert not village.protection.locked and village.fill.fgColor.rgb.endswith("FFF2CC")
    (rule,) = figures.data_validations.dataValidation
    assert (rule.type, rule.formula1) == ("whole", "0")
    assert households.coordinate not in str(rule.sqref).split()
    assert village.coordinate in str(rule.sqref).split()
    notes = book["Nhận xét"]
    assert [c.value for c in notes[HEADER_ROW]] == ["Mã đơn vị", "Tên đơn vị", *NOTES.values()]
    assert not notes["C6"].protection.locked


def test_a_district_leaves_the_standard_empty(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "forms",
            str(tmp_path),
            "--units",
            str(FIXTURES / "units-small.csv"),
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--level",
            "H1",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "H1-DN1-cong-ty-tnhh-an-phu.xlsx",
        "H1-X1-xa-mot.xlsx",
        "H1-X2-xa-hai.xlsx",
        "H1-huyen-mot.xlsx",
    ]
    sheet = openpyxl.load_workbook(tmp_path / "H1-huyen-mot.xlsx")["Kết quả"]
    assert [sheet.cell(5, c).protection.locked for c in (3, 4, 5, 7)] == [True, True, False, False]
    rows = [
        r[1]
        for r in openpyxl.load_workbook(tmp_path / "H1-huyen-mot.xlsx")["Hướng dẫn"].iter_rows(
            min_row=HEADER_ROW + 1, values_only=True
        )
    ]
    assert any(r.startswith("Không thuộc đối tượng") for r in rows)


def test_a_khu_dan_cu_without_a_commune_has_its_own_form(tmp_path):
    roster = write_csv(
        tmp_path / "ds.csv",
        (
            "Mã đơn vị,Tên đơn vị,Loại,Mã cấp trên,Người đứng đầu,Chức vụ\n"
            "T,Tỉnh Mẫu,Tỉnh,,Nguyễn Văn An,Chủ tịch UBND tỉnh\n"
            "X,Xã Một,Xã,T,Lê Thị Cúc,Chủ tịch UBND xã\n"
            "X-T1,Thôn 1,Thôn,X,Phạm Văn Dũng,Trưởng thôn\n"
            "K,Khu phố Riêng,Khu phố,T,Hoàng Văn Em,Trưởng khu phố\n"
        ),
    )
    tree = load_roster(roster)
    assert [u.code for u in owners(tree)] == ["K", "X"]
    assert owner_of(tree.units["X-T1"]).code == "X" and owner_of(tree.units["K"]).code == "K"
    assert owner_of(tree.root) is None
    assert file_name(tree.units["K"]) == "K-khu-pho-rieng.xlsx"


def test_level_of_a_khu_dan_cu_names_its_commune(tmp_path, runner):
    result = _forms(runner, tmp_path, "--level", "KT-02-02-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "Lỗi: --level: KT-02-02-01 (Thôn 1) điền chung phiếu với Xã Đăk Hà; "
        "hãy dùng --level QNG-03.\n"
    )
    with pytest.raises(UsageError, match='có phải mã "QNG-03"'):
        owners(ROSTER, "QNG-3")
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_forms_never_overwrite(tmp_path, runner):
    folder = tmp_path / "phieu"
    # The commune's subtree: its own form (with its khu dân cư) and its enterprise's.
    assert _forms(runner, folder, "--level", "QNG-03").exit_code == 0
    form = folder / COMMUNE
    form.write_bytes(b"da dien")
    again = _forms(runner, folder, "--level", "QNG-03")
    assert again.exit_code == 1
    assert again.stderr == (
        f"Lỗi: {folder}: đã có đủ 2 phiếu ({COMMUNE}, "
        "KT-DN-02-cong-ty-co-phan-thuy-dien-dak-psi.xlsx); không ghi đè tệp "
        "nào\n"
    )
    assert form.read_bytes() == b"da dien"
    whole = _forms(runner, folder)
    assert whole.exit_code == 0
    assert f"Giữ nguyên {form}: tệp đã có, không ghi đè." in whole.stderr
    assert whole.stderr.splitlines()[-1] == (
        f"Xong: 29 phiếu mới (69 đơn vị), 2 phiếu đã có được giữ nguyên trong {folder}."
    )
    assert form.read_bytes() == b"da dien"


# --- collect -------------------------------------------------------------------------------


@pytest.mark.slow
def test_collected_results_hold_every_figure_filled(returned, tmp_path, runner):
    out = tmp_path / "ket-qua.xlsx"
    result = _collect(runner, str(returned), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == f"Đã thu 31 phiếu (75 đơn vị) vào {out}."
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Kết quả", "Bảng điểm", "Số liệu", "Nhận xét"]
    sheet = book["Kết quả"]
    assert [c.value for c in sheet[HEADER_ROW]] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Đăng ký",
        "Đạt chuẩn",
        "Điểm",
        "Xếp loại",
        "Ngày hội",
        "Thư ký",
        "Số người dự họp",
        "Số tán thành",
    ]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert rows["KT-02-02-01"] == (
        "KT-02-02-01",
        "Thôn 1",
        "Có",
        "Đạt",
        float(TOTAL),
        None,
        "Có",
        "Nguyễn Thị Hoa",
        30,
        28,
    )
    assert len(rows) == 75
    results = load_results(out, ROSTER, CAMPAIGN)
    units = [u for u in ROSTER if u.parent is not None]
    assert set(results.units) == {u.code for u in units}
    for unit in units:
        expected = {
            f.id: figure_value(unit.code, i)
            for i, f in enumerate(CAMPAIGN.figures)
            if f.reported_by(unit.type)
        }
        assert results.figures[unit.code] == expected, unit.code
        assert results.notes[unit.code] == {"dac_diem": f"Tình hình {unit.code} ổn định."}
        outcome = results.units[unit.code]
        assert outcome.score == TOTAL and outcome.level == "Xuất sắc"
        assert outcome.item_scores == {i.id: item_points(i) for i in CAMPAIGN.score_items}
    assert results.units["KT-02-02-01"].attendance == 30  # a khu dân cư holds the meeting
    assert results.units["KT-CQ-01"].attendance is None  # an agency does not
    # What the command prints is the root's roll-up: every unit's own figures added up.
    first = CAMPAIGN.figures[0]
    total = sum(figure_value(u.code, 0) for u in units)
    assert (
        f"- {first.name}: {total:,} {first.measure} (75/75 đơn vị báo cáo)".replace(",", ".")
        in result.stdout
    )


def test_roll_up_of_a_commune_is_its_own_plus_its_villages(returned, tmp_path, runner):
    out = tmp_path / "ket-qua.xlsx"
    assert _collect(runner, str(returned), "--out", str(out)).exit_code == 0
    results = load_results(out, ROSTER, CAMPAIGN)
    commune = ROSTER.units["QNG-02"]
    villages = [c for c in commune.children if c.type == "khu_dan_cu"]
    assert commune.descendants() == villages and len(villages) == 2
    for index, total in enumerate(roll_up(commune, results, CAMPAIGN.figures)):
        members = [u for u in (commune, *villages) if total.figure.reported_by(u.type)]
        assert total.value == sum(figure_value(u.code, index) for u in members)
        assert total.complete and total.expected == len(members)


def _edit(path: Path, sheet: str, **cells: object) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def test_every_problem_is_reported_at_its_file_sheet_and_cell(returned, tmp_path, runner):
    form = returned / COMMUNE
    _edit(form, "Số liệu", C5=-3, D6="nhiều")
    _edit(form, "Kết quả", A7="KT-CQ-01")
    _edit(form, "Bảng điểm", F5=7)
    shutil.copy(returned / "QNG-02-phuong-dak-bla.xlsx", returned / "ban-sao.xlsx")
    out = tmp_path / "ket-qua.xlsx"
    result = _collect(runner, str(returned), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Lỗi: Thu phiếu: 7 lỗi, chưa ghi tệp nào.",
        "  - QNG-02-phuong-dak-bla.xlsx: cùng là phiếu của Phường Đăk Bla (QNG-02) với "
        "ban-sao.xlsx; mỗi đơn vị chỉ nộp một phiếu: bỏ các phiếu thừa rồi thu lại",
        f'  - {COMMUNE}, trang Kết quả, ô A7 (Mã đơn vị): mã "KT-CQ-01" (Sở Tư pháp) không '
        "thuộc phiếu này; đơn vị này có phiếu riêng",
        f"  - {COMMUNE}, trang Kết quả: thiếu dòng của Thôn 1 (KT-02-02-01)",
        f'  - {COMMUNE}, trang Bảng điểm, ô F5 (Điểm): điểm 7 của mục "1" phải từ 0 đến 3 '
        "(điểm tối đa)",
        f'  - {COMMUNE}, trang Số liệu, ô C5 (Số buổi tuyên truyền): "-3" phải là số nguyên '
        "không âm (buổi)",
        f'  - {COMMUNE}, trang Số liệu, ô D6 (Số lượt người dự tuyên truyền): "nhiều" phải là '
        "số nguyên không âm (lượt người)",
        "  - ban-sao.xlsx: cùng là phiếu của Phường Đăk Bla (QNG-02) với "
        "QNG-02-phuong-dak-bla.xlsx; mỗi đơn vị chỉ nộp một phiếu: bỏ các phiếu thừa rồi thu lại",
    ]
    assert not out.exists()


def test_missing_forms_are_listed_by_kind_with_code_and_name(returned, tmp_path, runner):
    for name in ("KT-CQ-01-so-tu-phap.xlsx", "KT-CQ-03-so-y-te.xlsx", "QNG-01-phuong-kon-tum.xlsx"):
        (returned / name).unlink()
    out = tmp_path / "ket-qua.xlsx"
    result = _collect(runner, str(returned), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Lỗi: Thu phiếu: 2 lỗi, chưa ghi tệp nào.",
        "  - chưa nhận phiếu của 1 phường: QNG-01 (Phường Kon Tum)",
        "  - chưa nhận phiếu của 2 cơ quan: KT-CQ-01 (Sở Tư pháp); KT-CQ-03 (Sở Y tế)",
    ]
    assert not out.exists()


def _reverse_rows(sheet, header_row: int) -> None:
    """Put the data rows below the header in the opposite order, as a sort would."""
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header_row + 1)]
    for offset, values in enumerate(reversed(rows), start=header_row + 1):
        for column, value in enumerate(values, start=1):
            sheet.cell(offset, column).value = value


@pytest.mark.slow
def test_a_form_resaved_with_a_title_row_and_rows_reordered_still_collects(
    returned, tmp_path, runner
):
    for index, path in enumerate(sorted(returned.glob("*.xlsx"))):
        book = openpyxl.load_workbook(path)
        for name in ("Kết quả", "Bảng điểm", "Số liệu", "Nhận xét"):
            sheet = book[name]
            sheet.insert_rows(1)
            sheet["A1"] = "BÁO CÁO CỦA ĐƠN VỊ (đã chép lại)"
            _reverse_rows(sheet, HEADER_ROW + 1)
        if index % 2:
            # As if saved by a program that drops defined names: the labelled cell remains.
            del book.defined_names["ANTQ_MA_DON_VI_PHIEU"]
        else:
            # Rows added above the guide: the label still finds the unit's code.
            book["Hướng dẫn"].insert_rows(1)
        book.save(path)
        path.rename(path.with_name(f"phieu-da-dien-{index}.xlsx"))
    out = tmp_path / "ket-qua.xlsx"
    result = _collect(runner, str(returned), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    results = load_results(out, ROSTER, CAMPAIGN)
    for unit in ROSTER:
        if unit.parent is not None:
            expected = {
                f.id: figure_value(unit.code, i)
                for i, f in enumerate(CAMPAIGN.figures)
                if f.reported_by(unit.type)
            }
            assert results.figures[unit.code] == expected


def test_the_defined_name_alone_tells_whose_form_it_is(returned, tmp_path, runner):
    form = returned / COMMUNE
    book = openpyxl.load_workbook(form)
    book["Hướng dẫn"]["A5"] = "Mã"  # the label overwritten
    book.save(form)
    result = _collect(runner, str(returned), "--out", str(tmp_path / "kq.xlsx"))
    assert result.exit_code == 0, result.stderr


def test_a_workbook_that_is_not_a_form_is_refused_by_name(returned, tmp_path, runner):
    stray = returned / "danh-sach.xlsx"
    openpyxl.Workbook().save(stray)
    (returned / "ghi-chu.txt").write_text(
        "không phải phiếu"
    )  # other files in a folder: passed over
    (returned / "~$QNG-03-xa-dak-ha.xlsx").write_bytes(b"lock")  # Excel's lock file
    named = tmp_path / "scan.pdf"
    named.write_bytes(b"%PDF-1.4")
    result = _collect(runner, str(returned), str(named), "--out", str(tmp_path / "kq.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  - danh-sach.xlsx: không phải phiếu thu kết quả (không thấy ô “Mã đơn vị của phiếu” ở "
        "trang Hướng dẫn); hãy gửi lại đúng tệp phiếu đã phát.",
        "  - scan.pdf: không phải tệp Excel .xlsx của phiếu thu kết quả.",
    ]


def test_the_same_form_in_two_folders_is_named_by_folder(returned, tmp_path, runner):
    second = tmp_path / "dot-2"
    second.mkdir()
    shutil.copy(returned / COMMUNE, second / COMMUNE)
    result = _collect(runner, str(returned), str(second), "--out", str(tmp_path / "kq.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"  - phieu/{COMMUNE}: cùng là phiếu của Xã Đăk Hà (QNG-03) với dot-2/{COMMUNE}; mỗi đơn "
        "vị chỉ nộp một phiếu: bỏ các phiếu thừa rồi thu lại",
        f"  - dot-2/{COMMUNE}: cùng là phiếu của Xã Đăk Hà (QNG-03) với phieu/{COMMUNE}; mỗi đơn "
        "vị chỉ nộp một phiếu: bỏ các phiếu thừa rồi thu lại",
    ]


@pytest.mark.slow
def test_a_form_of_a_khu_dan_cu_or_of_an_unknown_unit_is_refused(returned, tmp_path, runner):
    form = returned / "KT-CQ-04-so-tai-chinh.xlsx"
    _edit(form, "Hướng dẫn", B5="KT-02-02-01")
    other = returned / "KT-CQ-03-so-y-te.xlsx"
    _edit(other, "Hướng dẫn", B5="KT-CQ-99")
    result = _collect(runner, str(returned), "--out", str(tmp_path / "kq.xlsx"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        '  - KT-CQ-03-so-y-te.xlsx: phiếu của đơn vị mã "KT-CQ-99", không có trong '
        'units-quang-ngai-2025-07.csv; có phải mã "KT-CQ-04"?'
    ) in lines
    assert (
        "  - KT-CQ-04-so-tai-chinh.xlsx: phiếu của Thôn 1 (KT-02-02-01), nhưng theo "
        "units-quang-ngai-2025-07.csv đơn vị này điền chung phiếu của Xã Đăk Hà (QNG-03); "
        "hãy làm lại phiếu bằng lệnh forms"
    ) in lines
    # Neither form came back as its unit's own; the roster lists units in Vietnamese order.
    assert lines[-1] == (
        "  - chưa nhận phiếu của 2 cơ quan: KT-CQ-04 (Sở Tài chính); KT-CQ-03 (Sở Y tế)"
    )


@pytest.mark.slow
def test_collect_never_overwrites_without_force_and_an_input_never(returned, tmp_path, runner):
    out = tmp_path / "ket-qua.xlsx"
    out.write_bytes(b"cu")
    kept = _collect(runner, str(returned), "--out", str(out))
    assert kept.exit_code == 1
    assert kept.stderr == f"Lỗi: {out}: tệp đã có; dùng --force để ghi đè hoặc chọn tên khác.\n"
    assert out.read_bytes() == b"cu"
    form = returned / COMMUNE
    before = form.read_bytes()
    refused = _collect(runner, str(returned), "--out", str(form), "--force")
    assert refused.exit_code == 1
    assert "đây là tệp đầu vào của lần thu này, không ghi đè" in refused.stderr
    assert form.read_bytes() == before
    forced = _collect(runner, str(returned), "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == "Kết quả"
    # The results written beside the forms are not taken for a form when collected again.
    inside = returned / "ket-qua.xlsx"
    assert _collect(runner, str(returned), "--out", str(inside)).exit_code == 0
    again = _collect(runner, str(returned), "--out", str(inside), "--force")
    assert again.exit_code == 0, again.stderr
    assert not list(tmp_path.glob("**/.*antq-tmp"))


def test_collect_out_must_be_a_workbook(returned, tmp_path, runner):
    result = _collect(runner, str(returned), "--out", str(tmp_path / "kq.csv"))
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: --out {tmp_path / 'kq.csv'}: tệp kết quả phải có đuôi .xlsx.\n"


def test_an_empty_folder_has_nothing_to_collect(tmp_path, runner):
    (tmp_path / "rong").mkdir()
    result = _collect(runner, str(tmp_path / "rong"), "--out", str(tmp_path / "kq.xlsx"))
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {tmp_path / 'rong'}: không có tệp phiếu .xlsx nào.\n"


@pytest.mark.slow
def test_a_form_missing_a_sheet_is_reported_and_its_other_sheets_read(returned, tmp_path, runner):
    form = returned / COMMUNE
    book = openpyxl.load_workbook(form)
    del book["Số liệu"]
    book["Kết quả"]["E5"] = "tám mươi"
    book.save(form)
    result = _collect(runner, str(returned), "--out", str(tmp_path / "kq.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"  - {COMMUNE}: thiếu trang “Số liệu”; hãy dùng lại tệp phiếu đã phát.",
        f'  - {COMMUNE}, trang Kết quả, ô E5 (Điểm): "tám mươi" không phải số điểm',
    ]


def test_in_a_starter_folder_forms_then_collect_replace_the_sample_results(
    tmp_path, runner, monkeypatch
):
    assert runner.invoke(cli, ["init", str(tmp_path / "nam-2025")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "nam-2025")
    made = runner.invoke(cli, ["forms", "phieu"])
    assert made.exit_code == 0, made.stderr
    assert sorted(p.name for p in Path("phieu").iterdir()) == [
        "KT-CQ-01-so-tu-phap.xlsx",
        "KT-DN-05-cong-ty-co-phan-cao-su-kon-tum.xlsx",
        "KT-GD-06-truong-pho-thong-dan-toc-noi-tru-tinh.xlsx",
        "QNG-03-xa-dak-ha.xlsx",
    ]
    for path in Path("phieu").glob("*.xlsx"):
        fill(path)
    # The folder itself: its rosters and its sample results are not taken for forms.
    kept = runner.invoke(cli, ["collect", "."])
    assert kept.exit_code == 1
    assert kept.stderr.splitlines() == [
        "Không chỉ định tệp: dùng kế hoạch ke-hoach.yaml của thư mục hiện tại",
        "Lỗi: ket-qua.xlsx: tệp đã có; dùng --force để ghi đè hoặc chọn tên khác.",
    ]
    done = runner.invoke(cli, ["collect", ".", "--force"])
    assert done.exit_code == 0, done.stderr
    assert "Đã thu 4 phiếu (5 đơn vị) vào ket-qua.xlsx." in done.stderr
    generated = runner.invoke(cli, ["generate", "evaluation", "--out", "out"])
    assert generated.exit_code == 0, generated.stderr
    assert len(list(Path("out/evaluation").glob("*.docx"))) == 5


def test_a_form_sent_back_blank_is_one_line_not_a_line_per_cell(returned, tmp_path, runner):
    blank = tmp_path / "blank"
    assert _forms(runner, blank, "--level", "KT-CQ-01").exit_code == 0
    shutil.copy(next(blank.glob("*.xlsx")), returned / "KT-CQ-01-so-tu-phap.xlsx")
    out = tmp_path / "ket-qua.xlsx"
    result = _collect(runner, str(returned), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Lỗi: Thu phiếu: 1 lỗi, chưa ghi tệp nào.",
        "  - KT-CQ-01-so-tu-phap.xlsx: phiếu chưa điền: không có ô kết quả, điểm, số liệu hay "
        "nhận xét nào được ghi",
    ]
    assert not out.exists()
