"""A commune's documents after the 2025 reorganisation, as its văn thư signs them: Xã Vĩnh Linh
(tỉnh Quảng Trị) on a provincial plan of July, a deputy signing, units on its territory that
answer to their own line bodies (tests/fixtures/*-vinh-linh-2025.*)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from antq_docs.cli import cli
from tests import helpers as dh
from tests.helpers import FIXTURES

CAMPAIGN = FIXTURES / "campaign-vinh-linh-2025.yaml"
UNITS = FIXTURES / "units-vinh-linh-2025.csv"
RESULTS = FIXTURES / "results-vinh-linh-2025.csv"
SCORES = FIXTURES / "scores-vinh-linh-2025.csv"
INPUTS = ["--campaign", str(CAMPAIGN), "--units", str(UNITS)]
YEAR_END = ["--results", str(RESULTS), "--scores", str(SCORES)]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """Every document of the commune and its units, and the commune's year report."""
    folder = tmp_path_factory.mktemp("vinh-linh") / "out"
    runner = CliRunner()
    made = runner.invoke(cli, ["generate", "all", *INPUTS, *YEAR_END, "--out", str(folder)])
    assert made.exit_code == 0, made.stderr
    level = ["report", *INPUTS, *YEAR_END, "--level", "QT-VL", "--out", str(folder)]
    reported = runner.invoke(cli, level)
    assert reported.exit_code == 0, reported.stderr
    return folder


def text(path: Path) -> str:
    """The text of a generated document, tables included."""
    return dh.full_text(dh.open_docx(path))


def signature(path: Path, table: int = -1, cell: int = 1) -> list[str]:
    """The lines of a signature cell (the last table's right cell by default)."""
    doc = dh.open_docx(path)
    lines = doc.tables[table].rows[0].cells[cell].text.split("\n")
    return [line for line in lines if line.strip()]


@pytest.mark.parametrize("kind", ["plan", "event-plan", "registration", "evaluation"])
def test_the_roster_s_deputy_signs_for_the_people_s_committee(out, kind):
    assert signature(out / kind / "QT-VL.docx") == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Thị Thu Hà",
    ]
    assert "Hoàng Văn Thành" not in signature(out / kind / "QT-VL.docx")


def test_the_heads_sign_the_commune_s_pledge_and_the_deputy_the_chair_s_decision(out):
    # A pledge between units is signed by the heads of the parties (domain §7), though the
    # roster names a deputy for the commune's other documents.
    pledge = out / "pledge" / "QT-VL.docx"
    assert "Đại diện: Hoàng Văn Thành; chức vụ: Chủ tịch Ủy ban nhân dân xã Vĩnh Linh." in (
        text(pledge)
    )
    assert "Trần Thị Thu Hà" not in text(pledge)
    assert signature(pledge)[1:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Thành"]
    assert signature(pledge, cell=0)[1:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Quang Chiến"]
    # The commune's village pledges to its Chủ tịch too.
    village = out / "pledge" / "QT-VL-01.docx"
    assert "Hoàng Văn Thành" in text(village) and "Trần Thị Thu Hà" not in text(village)
    # A decision in the Chủ tịch's own name has no TM. line, a deputy signing it or not.
    decision = dh.texts(dh.open_docx(out / "recognition" / "QT-VL.docx"))
    at = decision.index("KT. CHỦ TỊCH")
    assert decision[at - 1] != "TM. ỦY BAN NHÂN DÂN"
    assert decision[at : at + 3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Thu Hà"]


@pytest.mark.parametrize(
    ("kind", "code", "promptly"),
    [
        ("plan", "QT-VL", "ngay sau khi Kế hoạch này được ban hành"),
        ("resolution", "QT-VL", "ngay sau khi Nghị quyết này được ban hành"),
        ("cell-resolution", "QT-VL-01", "ngay sau khi Nghị quyết này được thông qua"),
    ],
)
def test_documents_dated_after_the_first_quarter_set_no_task_in_it(out, kind, code, promptly):
    written = text(out / kind / f"{code}.docx")
    assert "Quý I" not in written
    assert promptly in written


def test_documents_of_the_first_quarter_still_set_their_tasks_in_it(sample_out):
    plan = text(sample_out / "plan" / "KT-02.docx")
    assert "xây dựng kế hoạch trong Quý I" in plan
    assert "ngay sau khi" not in plan


def test_the_ngay_hoi_activities_start_no_earlier_than_their_plan(out):
    # The campaign starts them on 01/7; the plans are dated 25/7.
    for code in ("QT-VL", "QT-VL-GD2", "QT-VL-DN1"):
        written = text(out / "event-plan" / f"{code}.docx")
        assert "Thời gian: Từ ngày 25/7/2025 đến ngày 19/8/2025." in written
        assert "01/7/2025" not in written


def header_left(path: Path) -> list[str]:
    """The lines of a header's left cell: superior body, issuer, number."""
    cell = dh.open_docx(path).tables[0].rows[0].cells[0]
    return [line for line in cell.text.split("\n") if line.strip()]


@pytest.mark.parametrize(
    ("kind", "code", "lines"),
    [
        ("plan", "QT-VL-CQ1", ["BẢO HIỂM XÃ HỘI", "CƠ SỞ VĨNH LINH"]),
        (
            "plan",
            "QT-VL-GD2",
            ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TỈNH QUẢNG TRỊ", "TRƯỜNG THPT VĨNH LINH"],
        ),
        ("resolution", "QT-VL", ["ĐẢNG BỘ TỈNH QUẢNG TRỊ", "ĐẢNG ỦY XÃ VĨNH LINH"]),
        ("cell-resolution", "QT-VL-01", ["ĐẢNG BỘ XÃ VĨNH LINH", "CHI BỘ", "KHU PHỐ HÒA BÌNH"]),
    ],
)
def test_header_lines_break_between_a_body_and_its_place(out, kind, code, lines):
    assert header_left(out / kind / f"{code}.docx")[: len(lines)] == lines


def recipients(path: Path) -> list[str]:
    """The lines of Nơi nhận, without the heading (the purposes' no-break spaces as spaces)."""
    lines = [line.replace("\xa0", " ") for line in dh.texts(dh.open_docx(path))]
    start = lines.index("Nơi nhận:") + 1
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("- Lưu"))
    return lines[start:end]


def roster_with(tmp_path: Path, code: str, column: str, value: str) -> Path:
    """The commune's roster with one cell changed, written into tmp_path."""
    with UNITS.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        if row["Mã đơn vị"] == code:
            row[column] = value
    units = tmp_path / "units.csv"
    with units.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return units


def test_a_school_reports_to_its_managing_body_and_coordinates_with_the_commune(out):
    assert recipients(out / "plan" / "QT-VL-GD2.docx")[:2] == [
        "- Sở Giáo dục và Đào tạo tỉnh Quảng Trị (để báo cáo);",
        "- Ủy ban nhân dân xã Vĩnh Linh (để phối hợp);",
    ]
    # A THCS is the commune's own: it reports there.
    assert recipients(out / "plan" / "QT-VL-GD1.docx")[0] == (
        "- Ủy ban nhân dân xã Vĩnh Linh (để báo cáo);"
    )


def test_a_line_body_reports_to_the_superior_the_roster_names_and_no_chi_bo_is_made_up(
    tmp_path,
):
    units = roster_with(tmp_path, "QT-VL-CQ1", "Cơ quan chủ quản", "Bảo hiểm xã hội tỉnh Quảng Trị")
    made = dh.invoke_generate(CliRunner(), "plan", tmp_path / "out", units=units, campaign=CAMPAIGN)
    assert made.exit_code == 0, made.stderr
    lines = recipients(tmp_path / "out" / "plan" / "QT-VL-CQ1.docx")
    assert lines[:2] == [
        "- Bảo hiểm xã hội tỉnh Quảng Trị (để báo cáo);",
        "- Ủy ban nhân dân xã Vĩnh Linh (để phối hợp);",
    ]
    # The roster names no chi bộ of the agency or the company: none is written.
    for code in ("QT-VL-CQ1", "QT-VL-DN1"):
        written = recipients(tmp_path / "out" / "plan" / f"{code}.docx")
        assert not [line for line in written if "Chi bộ" in line]


def test_the_commune_s_goals_cover_the_units_on_its_territory_with_the_target_s_comparison(
    out,
):
    written = text(out / "plan" / "QT-VL.docx")
    assert "Chỉ tiêu đối với các đơn vị trên địa bàn xã Vĩnh Linh (trừ các đơn vị" in written
    assert "trực thuộc xã Vĩnh Linh" not in written
    # The campaign asks "trên 80%" of enterprises: the table says so too.
    assert "Vận động đăng ký (chỉ tiêu trên 80%)" in written
    assert "(chỉ tiêu 80%)" not in written


def test_the_commune_s_year_report_keeps_the_deadline_of_its_plan_and_its_recipients(out):
    plan = text(out / "plan" / "QT-VL.docx")
    assert "về Ủy ban nhân dân tỉnh Quảng Trị trước ngày 30/11/2025" in plan
    report = out / "report" / "QT-VL.docx"
    written = text(report)
    # The campaign dates year reports 20/12; the commune's own plan promised it before 30/11.
    assert "Vĩnh Linh, ngày 29 tháng 11 năm 2025" in written
    assert "ngày 20 tháng 12" not in written
    # The THPT and the line body are on its territory, not under it.
    assert "phân loại phong trào của 12 đơn vị trên địa bàn:" in written
    assert recipients(report) == [
        "- Ủy ban nhân dân tỉnh Quảng Trị;",
        "- Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Quảng Trị;",
        "- Thường trực Đảng ủy xã Vĩnh Linh;",
        "- Thường trực Hội đồng nhân dân xã Vĩnh Linh;",
        "- Công an xã Vĩnh Linh;",
    ]


def test_a_khu_dan_cu_s_kind_word_is_lower_case_inside_a_sentence(out):
    assert "- Ban Công tác Mặt trận khu phố Hòa Bình (để phối hợp);" in recipients(
        out / "cell-resolution" / "QT-VL-01.docx"
    )


def test_a_commune_chosen_as_a_model_is_counted_as_one_everywhere(out):
    plan = text(out / "plan" / "QT-VL.docx")
    assert "01 xã hoặc" not in plan
    assert plan.count("điển hình về phong trào") == 1
    assert "Xây dựng xã Vĩnh Linh trở thành đơn vị điển hình" in plan
    report = text(out / "report" / "QT-VL.docx")
    assert "Chưa có đơn vị điển hình" not in report
    assert "Chưa chọn đơn vị điển hình" not in report
    assert (
        "Chọn xây dựng 1 đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc: xã "
        "Vĩnh Linh; trong đó 1 đơn vị đạt" in report
    )
    table = dh.texts(dh.open_docx(out / "report" / "QT-VL.docx"))
    at = table.index("Có ít nhất 01 đơn vị điển hình")
    assert table[at + 1 : at + 6] == ["cấp xã", "1/1", "100%", "100%", "Đạt"]


def test_a_commune_not_chosen_builds_a_model_among_its_own_units(tmp_path):
    units = roster_with(tmp_path, "QT-VL", "Điển hình", "")
    made = dh.invoke_generate(CliRunner(), "plan", tmp_path / "out", units=units, campaign=CAMPAIGN)
    assert made.exit_code == 0, made.stderr
    plan = text(tmp_path / "out" / "plan" / "QT-VL.docx")
    assert (
        "Xây dựng ít nhất 01 thôn, khu phố hoặc 01 cơ quan, doanh nghiệp, cơ sở giáo dục điển "
        "hình về phong trào toàn dân bảo vệ an ninh Tổ quốc." in plan
    )
    assert "trở thành đơn vị điển hình" not in plan
