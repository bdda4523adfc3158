"""Headings as a person types them: a typo named once with the column it was meant to be, and
every column the program does not read said as a warning, in every input."""

from __future__ import annotations

import csv

import pytest

from antq_docs.errors import ValidationError
from antq_docs.inputs.households import load_households
from antq_docs.inputs.loading import load_inputs
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR, SAMPLE_UNITS, write_csv

SAMPLE_HOUSEHOLDS = SAMPLE_DIR / "households-kon-tum-2025.csv"


def sample_with_header(tmp_path, name: str, change) -> object:
    """The sample roster with its header row changed by change(list of cells)."""
    lines = SAMPLE_UNITS.read_text(encoding="utf-8-sig").splitlines()
    header = change(lines[0].split(","))
    return write_csv(tmp_path / name, "\n".join([",".join(header), *lines[1:]]) + "\n")


def test_a_mistyped_parent_heading_is_one_finding_naming_both_headings(tmp_path):
    path = sample_with_header(
        tmp_path, "ds.csv", lambda h: ["Mã cấp trê" if c == "Mã cấp trên" else c for c in h]
    )
    with pytest.raises(ValidationError) as excinfo:
        load_roster(path)
    # 94 units: without the column, 93 would each be "a second root".
    assert [str(f) for f in excinfo.value.findings] == [
        "ds.csv, dòng 1, cột D: Cột 'Mã cấp trê': có phải 'Mã cấp trên'? Hãy sửa tiêu đề cột "
        "cho đúng rồi chạy lại."
    ]


def test_a_roster_without_any_parent_column_says_so_once(tmp_path):
    path = sample_with_header(
        tmp_path, "ds.csv", lambda h: ["Ghi chú" if c == "Mã cấp trên" else c for c in h]
    )
    with pytest.raises(ValidationError) as excinfo:
        load_roster(path)
    assert [str(f) for f in excinfo.value.findings] == [
        "ds.csv, dòng 1: thiếu cột 'Mã cấp trên': chỉ đơn vị gốc được không có cấp trên; hãy "
        "thêm cột này."
    ]


def test_a_mistyped_required_heading_is_named_instead_of_the_header_not_found(tmp_path):
    path = sample_with_header(
        tmp_path, "ds.csv", lambda h: ["Tên đơn" if c == "Tên đơn vị" else c for c in h]
    )
    with pytest.raises(ValidationError) as excinfo:
        load_roster(path)
    assert [str(f) for f in excinfo.value.findings] == [
        "ds.csv, dòng 1, cột B: Cột 'Tên đơn': có phải 'Tên đơn vị'? Hãy sửa tiêu đề cột cho "
        "đúng rồi chạy lại."
    ]


def test_unknown_roster_columns_are_warnings_and_the_documents_are_made(tmp_path, runner):
    path = sample_with_header(
        tmp_path,
        "ds.csv",
        lambda h: ["STT", *["Số hộ dân" if c == "Số hộ" else c for c in h], "Ghi chú"],
    )
    # The body rows shift by one cell for the STT column: give each row its number.
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [f"{n},{line}," for n, line in enumerate(lines[1:], start=1)]
    path.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = dh.invoke_generate(runner, "pledge", out, units=path, campaign=SAMPLE_CAMPAIGN)
    assert result.exit_code == 0, result.stderr
    assert (
        "Cảnh báo: tệp ds.csv, cột I 'Số hộ dân': có phải 'Số hộ'? Chương trình không đọc cột "
        "này, bỏ qua; sửa tiêu đề cột nếu đây là cột 'Số hộ'.\n" in result.stderr
    )
    assert (
        "Cảnh báo: tệp ds.csv, cột N 'Ghi chú': chương trình không đọc cột này, bỏ qua.\n"
        in result.stderr
    )
    assert "'STT'" not in result.stderr  # the row numbers are no column to warn about
    pledge = dh.full_text(dh.open_docx(out / "pledge" / "KT-01-01.docx"))
    assert "BẢN CAM KẾT" in pledge and "PHƯỜNG QUYẾT THẮNG" in pledge


def test_unknown_columns_of_the_results_and_households_are_warnings(tmp_path):
    results = SAMPLE_DIR / "results-kon-tum-2025.csv"
    lines = results.read_text(encoding="utf-8-sig").splitlines()
    edited = write_csv(
        tmp_path / "ket-qua.csv",
        "\n".join([lines[0] + ",Người lập", *(line + "," for line in lines[1:])]) + "\n",
    )
    inputs = load_inputs(
        SAMPLE_CAMPAIGN,
        None,
        kinds=REGISTRY,
        results=edited,
        scores=SAMPLE_DIR / "scores-kon-tum-2025.csv",
    )
    assert inputs.warnings[-1:] == [
        "tệp ket-qua.csv, cột Z 'Người lập': chương trình không đọc cột này, bỏ qua."
    ]
    rows = SAMPLE_HOUSEHOLDS.read_text(encoding="utf-8-sig").splitlines()
    households = write_csv(
        tmp_path / "ho.csv",
        "\n".join([rows[0] + ",Số điện thoại", *(r + "," for r in rows[1:])]) + "\n",
    )
    listed = load_households(households, inputs.roster_for("pledge"))
    assert "tệp ho.csv, cột F 'Số điện thoại': chương trình không đọc cột này, bỏ qua." in (
        listed.warnings
    )


def test_the_sample_inputs_read_without_a_warning_about_their_columns():
    inputs = load_inputs(
        SAMPLE_CAMPAIGN,
        None,
        kinds=REGISTRY,
        results=SAMPLE_DIR / "results-kon-tum-2025.csv",
        scores=SAMPLE_DIR / "scores-kon-tum-2025.csv",
    )
    assert not [w for w in inputs.warnings if "không đọc cột" in w]


def test_a_results_workbook_laid_out_as_collect_writes_it_reads_without_a_warning(tmp_path):
    import csv

    import openpyxl

    from antq_docs.collect.layout import data_sheets
    from antq_docs.inputs.campaign import load_campaign

    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    sources = {
        "Kết quả": SAMPLE_DIR / "results-kon-tum-2025.csv",
        "Bảng điểm": SAMPLE_DIR / "scores-kon-tum-2025.csv",
    }
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, columns in data_sheets(campaign).items():
        sheet = book.create_sheet(name)
        sheet.append([c.header for c in columns])
        if name in sources:
            with sources[name].open(encoding="utf-8-sig", newline="") as f:
                for row in csv.DictReader(f):
                    sheet.append([row.get(c.header, "") for c in columns])
    book.save(tmp_path / "ket-qua.xlsx")
    inputs = load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY, results=tmp_path / "ket-qua.xlsx")
    assert inputs.results is not None
    assert any(u.item_scores for u in inputs.results.units.values())
    assert not [w for w in inputs.warnings if "không đọc cột" in w]


VINH_LINH_UNITS = dh.FIXTURES / "units-vinh-linh-2025.csv"
VINH_LINH = dh.FIXTURES / "campaign-vinh-linh-2025.yaml"


def test_a_heading_with_other_marks_is_read_and_said_once(tmp_path, runner):
    text = VINH_LINH_UNITS.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    # Case and spaces are how a person types a heading; a mark changes the word.
    header = header.replace("Mã cấp trên", "Mã cấp tren").replace("Mã đơn vị", "MÃ  ĐƠN VỊ")
    units = write_csv(tmp_path / "don-vi.csv", f"{header}\n{rest}")
    out = tmp_path / "out"
    result = dh.invoke_generate(runner, "pledge", out, units=units, campaign=VINH_LINH)
    assert result.exit_code == 0, result.stderr
    said = (
        "Cảnh báo: tệp don-vi.csv, cột D 'Mã cấp tren': đọc là cột 'Mã cấp trên' (tiêu đề viết "
        "khác dấu); sửa tiêu đề cho đúng, hoặc đổi tên nếu đây không phải cột 'Mã cấp trên'.\n"
    )
    assert result.stderr.count(said) == 1
    assert "MÃ  ĐƠN VỊ" not in result.stderr
    pledge = dh.full_text(dh.open_docx(out / "pledge" / "QT-VL-01.docx"))
    assert "Bên nhận cam kết: Ủy ban nhân dân xã Vĩnh Linh" in pledge


def test_a_workbook_heading_with_other_marks_is_a_warning_of_the_inputs(tmp_path):
    with VINH_LINH_UNITS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0] = ["Ten don vi" if c == "Tên đơn vị" else c for c in rows[0]]
    book = dh.write_xlsx(tmp_path / "don-vi.xlsx", [["Danh sách đơn vị"], [], *rows[:3]])
    inputs = load_inputs(VINH_LINH, book, kinds=REGISTRY)
    assert [w for w in inputs.warnings if "đọc là cột" in w] == [
        "tệp don-vi.xlsx, cột B 'Ten don vi': đọc là cột 'Tên đơn vị' (tiêu đề viết khác dấu); "
        "sửa tiêu đề cho đúng, hoặc đổi tên nếu đây không phải cột 'Tên đơn vị'."
    ]
    assert inputs.roster.get("QT-VL").name == "Xã Vĩnh Linh"
