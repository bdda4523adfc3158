"""`check` that says what to do: recognition decisions owed on the results, only what is due by
a day, what is missing under each unit above, the files it could not place (a document's kind
read from its content), and a workbook with colours, filters and the indicators."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from antq_docs.check import check
from antq_docs.cli import cli
from antq_docs.errors import UsageError
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR

BASE = ["--campaign", str(SAMPLE_CAMPAIGN)]
RESULTS = [
    "--results",
    str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
    "--scores",
    str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
]
# Seven documents of seven kinds, one of them a recognition decision (owed on the results).
REMOVED = [
    "pledge/KT-01-01.docx",
    "registration/KT-CQ-01.docx",
    "plan/KT-02-03.docx",
    "resolution/KT-01-02.docx",
    "event-plan/KT-DN-03.docx",
    "evaluation/KT-GD-02.docx",
    "recognition/QNG-04.docx",
]


@pytest.fixture(scope="module")
def generated(year_end_copy) -> Path:
    """The sample set with its year-end documents (generated once a session); tests work on
    copies."""
    return year_end_copy


@pytest.fixture
def docs(generated, tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(generated, target)
    return target


def run_json(runner, docs: Path, *extra: str) -> tuple[int, dict]:
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--format", "json", *extra])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.slow
def test_with_the_results_every_removed_file_is_missing_recognition_too(runner, docs):
    for name in REMOVED:
        (docs / name).unlink()
    code, data = run_json(runner, docs, *RESULTS)
    assert code == 3
    assert sorted(m["expected"] for m in data["missing"]) == sorted(REMOVED)
    # Without the results no recognition decision is owed: the seventh file goes unnoticed.
    code, data = run_json(runner, docs)
    assert sorted(m["expected"] for m in data["missing"]) == sorted(REMOVED[:-1])


@pytest.mark.slow
def test_before_the_evaluation_date_no_evaluation_is_asked_for(runner, docs):
    (docs / "evaluation" / "KT-GD-02.docx").unlink()
    (docs / "pledge" / "KT-01-01.docx").unlink()
    # The evaluations are dated 15/11/2025, the minutes follow them, the report 20/12/2025.
    code, data = run_json(runner, docs, "--ngay", "01/11/2025")
    assert code == 3
    assert data["as_of"] == "2025-11-01"
    assert data["not_due"] == ["evaluation", "minutes", "report"]
    assert [m["expected"] for m in data["missing"]] == ["pledge/KT-01-01.docx"]
    assert data["extra"] == [] and data["unplaced"] == []
    code, data = run_json(runner, docs, "--ngay", "15/11/2025")
    assert data["not_due"] == ["report"]
    assert {m["expected"] for m in data["missing"]} == {
        "pledge/KT-01-01.docx",
        "evaluation/KT-GD-02.docx",
    }


def test_a_pledge_season_check_asks_only_for_the_kinds_chosen(runner, docs):
    (docs / "plan" / "KT-02-03.docx").unlink()
    code, data = run_json(runner, docs, "--kinds", "pledge,registration", "--ngay", "31/3/2025")
    assert code == 0, data
    assert data["kinds"] == ["pledge", "registration"]
    assert data["complete"] is True
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--kinds", "cam-ket"])
    assert result.exit_code == 2
    assert "không có loại cam-ket; các loại: pledge, registration" in result.stderr


def test_a_day_that_is_no_date_is_a_usage_error(runner, docs):
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--ngay", "31/02/2025"])
    assert result.exit_code == 2
    assert '"31/02/2025" phải là một ngày NGÀY/THÁNG/NĂM, ví dụ 31/3/2025' in result.stderr


def test_the_library_refuses_an_unknown_kind(docs):
    inputs = load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY)
    with pytest.raises(UsageError, match="không có loại văn bản cam-ket; các loại: pledge"):
        check(inputs, docs, kinds=["cam-ket"], workers=1)


@pytest.mark.slow
def test_an_evaluation_saved_as_a_pledge_is_listed_and_the_pledge_missing(runner, docs):
    shutil.copyfile(docs / "evaluation" / "KT-01-01-01.docx", docs / "pledge" / "KT-01-01-01.docx")
    code, data = run_json(runner, docs)
    assert code == 3
    assert data["missing"] == [
        {"unit": "KT-01-01-01", "kind": "pledge", "expected": "pledge/KT-01-01-01.docx"}
    ]
    assert data["unplaced"] == [
        {
            "path": "pledge/KT-01-01-01.docx",
            "problem": "other-kind",
            "kind": "evaluation",
            "unit": "KT-01-01-01",
            "place": None,
            "reason": "nội dung là báo cáo tự đánh giá (theo tiêu đề và trích yếu), không phải "
            "bản cam kết; không được tính",
        }
    ]
    assert data["indicators"]["pledge"]["by_type"]["khu_dan_cu"]["present"] == 43


@pytest.mark.slow
def test_renamed_misplaced_and_unreadable_files_are_named_with_their_place(runner, docs):
    (docs / "plan" / "KT-02-03.docx").rename(docs / "plan" / "ke hoach xa Dak Mar.docx")
    (docs / "registration" / "KT-CQ-01.docx").rename(docs / "so tu phap.docx")
    # A village's pledge names its commune too: it is the village's.
    (docs / "pledge" / "KT-01-01-02.docx").rename(docs / "pledge" / "to 2.docx")
    (docs / "pledge" / "hong.docx").write_bytes(b"not a zip")
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    start = lines.index("Tệp không xếp được (4):")
    assert lines[start + 1 : start + 5] == [
        "  - plan/ke hoach xa Dak Mar.docx: là kế hoạch năm của KT-02-03 (Xã Đăk Mar), đặt sai "
        "tên: hãy đổi tên thành plan/KT-02-03.docx",
        "  - pledge/hong.docx: không mở được: không phải tệp Word (.docx) hoặc tệp đã hỏng, bị "
        "cắt cụt",
        "  - pledge/to 2.docx: là bản cam kết của KT-01-01-02 (Tổ dân phố 2), đặt sai tên: hãy "
        "đổi tên thành pledge/KT-01-01-02.docx",
        "  - so tu phap.docx: là bản đăng ký của KT-CQ-01 (Sở Tư pháp), để sai chỗ: hãy chuyển "
        "thành registration/KT-CQ-01.docx",
    ]


@pytest.mark.slow
def test_the_table_lists_what_is_missing_under_each_unit_above(runner, docs):
    for name in ("pledge/KT-01-01.docx", "registration/KT-01-01.docx", "pledge/KT-CQ-01.docx"):
        (docs / name).unlink()
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--ngay", "31/12/2025"])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert "Tính đến ngày 31/12/2025: chỉ hỏi văn bản đã đến hạn." in lines[1:3]
    start = lines.index(
        "Thiếu (3), theo đơn vị cấp trên (mỗi văn bản: tệp .docx hoặc bản ký .pdf):"
    )
    assert lines[start + 1 : start + 5] == [
        "  Tỉnh Kon Tum (KT):",
        "    - KT-CQ-01 Sở Tư pháp: Cam kết (pledge/KT-CQ-01.docx)",
        "  Thành phố Kon Tum (KT-01):",
        "    - KT-01-01 Phường Quyết Thắng: Cam kết (pledge/KT-01-01.docx), Đăng ký "
        "(registration/KT-01-01.docx)",
    ]
    assert lines[-1] == "Kết quả: chưa đủ (3 thiếu, 0 không hợp lệ)."


def test_the_workbook_has_colours_filters_the_unplaced_files_and_the_indicators(
    tmp_path, runner, docs
):
    (docs / "pledge" / "KT-01-01.docx").unlink()
    (docs / "plan" / "KT-02-03.docx").rename(docs / "plan" / "dak mar.docx")
    book_path = tmp_path / "kiem-tra.xlsx"
    result = runner.invoke(
        cli,
        ["check", *BASE, "--docs", str(docs), "--xlsx", str(book_path), "--ngay", "01/11/2025"],
    )
    assert result.exit_code == 3
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Kiểm tra", "Tệp không xếp được", "Chỉ tiêu", "Chú giải"]
    sheet = book["Kiểm tra"]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
        sheet.max_row
    )
    assert sheet.freeze_panes == "C2"
    heads = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "KT-02-03")
    cells = {heads[i]: c for i, c in enumerate(row)}
    assert (cells["Cam kết"].value, cells["Cam kết"].fill.fgColor.rgb) == ("đã soạn", "00C8E6C9")
    assert (cells["Kế hoạch"].value, cells["Kế hoạch"].fill.fgColor.rgb) == ("thiếu", "00EF9A9A")
    assert (cells["Đánh giá"].value, cells["Đánh giá"].fill.fgColor.rgb) == (
        "chưa đến hạn",
        "00E0E0E0",
    )
    unplaced = list(book["Tệp không xếp được"].iter_rows(values_only=True))
    assert unplaced == [
        ("Tệp", "Vấn đề", "Loại văn bản đọc được", "Mã đơn vị", "Nên đặt vào", "Lý do"),
        (
            "plan/dak mar.docx",
            "sai tên",
            "Kế hoạch",
            "KT-02-03",
            "plan/KT-02-03.docx",
            "là kế hoạch năm của KT-02-03 (Xã Đăk Mar), đặt sai tên: hãy đổi tên thành "
            "plan/KT-02-03.docx",
        ),
    ]
    assert book["Tệp không xếp được"].auto_filter.ref == "A1:F2"
    indicators = book["Chỉ tiêu"]
    rows = list(indicators.iter_rows(min_row=2))
    pledge_xa = next(r for r in rows if r[0].value == "Cam kết" and r[2].value == "cấp xã")
    assert [c.value for c in pledge_xa[:5]] == ["Cam kết", "cam_ket", "cấp xã", 22, 21]
    assert pledge_xa[5].number_format == "0.0%"
    assert (pledge_xa[7].value, pledge_xa[7].fill.fgColor.rgb) == ("chưa đạt", "00EF9A9A")
    legend = book["Chú giải"]
    later = next(r for r in legend.iter_rows() if r[0].value == "chưa đến hạn")
    assert later[0].fill.fgColor.rgb == "00E0E0E0"
    assert [c.value for c in list(legend.iter_rows())[-1]] == ["Tính đến ngày", "01/11/2025"]


@pytest.mark.slow
def test_a_units_document_under_another_units_name_is_named_with_its_place(runner, docs):
    (docs / "pledge" / "KT-01-01.docx").replace(docs / "pledge" / "KT-01-02.docx")
    code, data = run_json(runner, docs)
    assert code == 3
    assert [m["expected"] for m in data["missing"]] == ["pledge/KT-01-01.docx"]
    assert [(i["path"], i["unit"]) for i in data["invalid"]] == [
        ("pledge/KT-01-02.docx", "KT-01-02")
    ]
    assert data["unplaced"] == [
        {
            "path": "pledge/KT-01-02.docx",
            "problem": "renamed",
            "kind": "pledge",
            "unit": "KT-01-01",
            "place": "pledge/KT-01-01.docx",
            "reason": "là bản cam kết của KT-01-01 (Phường Quyết Thắng), đặt sai tên: hãy đổi "
            "tên thành pledge/KT-01-01.docx",
        }
    ]


def test_every_pledge_under_a_folder_of_other_names_is_placed_with_its_own_unit(runner, docs):
    """Names such as "Tổ dân phố 1" repeat across communes: the commune named in the header
    tells them apart, and a folder the program does not know is read even with --kinds."""
    moved = docs / "cam-ket"
    moved.mkdir()
    codes = sorted(p.stem for p in (docs / "pledge").glob("*.docx"))
    for code in codes:
        (docs / "pledge" / f"{code}.docx").rename(moved / f"TP-{code}-cam-ket.docx")
    code, data = run_json(runner, docs, "--kinds", "pledge")
    assert code == 3
    assert len(data["missing"]) == len(codes) > 80
    placed = {u["path"]: (u["problem"], u["unit"], u["place"]) for u in data["unplaced"]}
    assert placed == {
        f"cam-ket/TP-{c}-cam-ket.docx": ("misplaced", c, f"pledge/{c}.docx") for c in codes
    }
