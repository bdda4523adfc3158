"""What a signer or a commune official still changed after the last trial, on rosters that are
not the sample: Xã Vĩnh Linh (tỉnh Quảng Trị) and Xã Gia Phú (tỉnh Lào Cai), both formed on
01/7/2025 (tests/fixtures/*-vinh-linh-2025.*, *-gia-phu-2025.*)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from antq_docs.cli import cli
from tests import helpers as dh
from tests.helpers import FIXTURES

# A commune of its own generated kind by kind: the slow set (CI runs it).
pytestmark = pytest.mark.slow

VINH_LINH = FIXTURES / "campaign-vinh-linh-2025.yaml"
VINH_LINH_UNITS = FIXTURES / "units-vinh-linh-2025.csv"


def test_a_blank_head_of_the_province_leaves_out_only_the_pledge_it_receives(tmp_path):
    units = tmp_path / "don-vi.csv"
    text = VINH_LINH_UNITS.read_text(encoding="utf-8")
    units.write_text(text.replace("Tỉnh,,Lê Quang Chiến,", "Tỉnh,,,"), encoding="utf-8")
    out = tmp_path / "out"
    made = CliRunner().invoke(
        cli,
        ["generate", "all", "--campaign", str(VINH_LINH), "--units", str(units), "--out", str(out)],
    )
    assert made.exit_code == 1
    assert (
        "Cảnh báo: chưa soạn bản cam kết của QT-VL vì thiếu dữ liệu — don-vi.csv, dòng 2, cột E "
        "(Người đứng đầu), đơn vị QT: thiếu giá trị, cần cho bên nhận cam kết của QT-VL. Các văn "
        "bản khác vẫn được soạn; điền giá trị này rồi chạy lại để có cả văn bản còn thiếu.\n"
    ) in made.stderr
    assert made.stderr.endswith(
        "Lỗi: 1 văn bản chưa soạn vì thiếu dữ liệu (xem các cảnh báo “chưa soạn” ở trên).\n"
    )
    assert not (out / "pledge" / "QT-VL.docx").exists()
    # The village's pledge to the commune and the commune's own plan do not need the province's
    # head: they are made, and read as the signer will read them.
    village = dh.full_text(dh.open_docx(out / "pledge" / "QT-VL-01.docx"))
    assert "Bên nhận cam kết: Ủy ban nhân dân xã Vĩnh Linh" in village
    assert "Ủy ban nhân dân xã Vĩnh Linh" in dh.full_text(dh.open_docx(out / "plan" / "QT-VL.docx"))


def test_a_value_every_document_of_a_kind_lacks_still_stops_the_run(tmp_path):
    campaign = tmp_path / "ke-hoach.yaml"
    text = VINH_LINH.read_text(encoding="utf-8")
    campaign.write_text(text.replace("  pledge: 2025-07-18\n", ""), encoding="utf-8")
    units = tmp_path / "don-vi.csv"
    text = VINH_LINH_UNITS.read_text(encoding="utf-8")
    units.write_text(text.replace("Tỉnh,,Lê Quang Chiến,", "Tỉnh,,,"), encoding="utf-8")
    out = tmp_path / "out"
    made = CliRunner().invoke(
        cli,
        [
            "generate",
            "pledge",
            "--campaign",
            str(campaign),
            "--units",
            str(units),
            "--out",
            str(out),
        ],
    )
    assert made.exit_code == 1
    assert "Lỗi: Thiếu dữ liệu cho văn bản: 2 lỗi, chưa ghi tệp nào." in made.stderr
    assert "don-vi.csv, dòng 2, cột E (Người đứng đầu), đơn vị QT" in made.stderr
    assert not out.exists()


def test_the_sample_plan_s_province_warning_names_the_workbook_s_own_cells(tmp_path):
    # An official tries their own roster with the sample plan (Kon Tum, two rosters by period).
    made = CliRunner().invoke(
        cli,
        [
            "generate",
            "pledge",
            "--units",
            str(VINH_LINH_UNITS),
            "--out",
            str(tmp_path),
            "--dry-run",
        ],
    )
    assert made.exit_code == 0, made.stderr
    warning = next(line for line in made.stderr.splitlines() if "đơn vị gốc" in line)
    assert warning == (
        "Cảnh báo: units-vinh-linh-2025.csv, dòng 2, cột A (Mã đơn vị) “QT”: đơn vị gốc của danh "
        "sách là “Tỉnh Quảng Trị”, không phải tỉnh “Kon Tum” của kế hoạch năm; kiểm tra lại danh "
        "sách đơn vị, hoặc, nếu đây là danh sách của tỉnh sau sáp nhập, ghi tỉnh của từng thời kỳ "
        "bằng khóa tinh trong danh_sach_don_vi."
    )
    assert ".yaml" not in warning


def test_the_commune_s_pledge_names_its_villages_by_their_own_kind_words(tmp_path):
    out = tmp_path / "out"
    made = CliRunner().invoke(
        cli,
        [
            "generate",
            "pledge",
            "--campaign",
            str(VINH_LINH),
            "--units",
            str(VINH_LINH_UNITS),
            "--out",
            str(out),
        ],
    )
    assert made.exit_code == 0, made.stderr
    text = dh.full_text(dh.open_docx(out / "pledge" / "QT-VL.docx"))
    assert "7. Chỉ đạo 100% thôn, khu phố, cơ quan, cơ sở giáo dục đăng ký tiêu chuẩn" in text
    assert "100% khu dân cư" not in text  # the Thông tư's own title keeps its words


def test_a_model_unit_target_without_a_percentage_is_met_by_a_commune_that_built_its_own(
    tmp_path,
):
    # "Mỗi xã … xây dựng ít nhất 01 mô hình, điển hình": the plan gives no ty_le; Xã Vĩnh Linh
    # is marked Điển hình, registered, recognised and Xuất sắc.
    campaign = tmp_path / "ke-hoach.yaml"
    text = VINH_LINH.read_text(encoding="utf-8")
    without = text.replace(
        "  loai:\n  - xa\n  ty_le: 100\n- ma: ngay_hoi", "  loai:\n  - xa\n- ma: ngay_hoi"
    )
    assert without != text
    campaign.write_text(without, encoding="utf-8")
    out = tmp_path / "out"
    made = CliRunner().invoke(
        cli,
        [
            "report",
            "--campaign",
            str(campaign),
            "--units",
            str(VINH_LINH_UNITS),
            "--results",
            str(FIXTURES / "results-vinh-linh-2025.csv"),
            "--scores",
            str(FIXTURES / "scores-vinh-linh-2025.csv"),
            "--level",
            "QT-VL",
            "--out",
            str(out),
        ],
    )
    assert made.exit_code == 0, made.stderr
    lines = dh.texts(dh.open_docx(out / "report" / "QT-VL.docx"))
    row = lines.index("Có ít nhất 01 đơn vị điển hình")
    assert lines[row : row + 6] == [
        "Có ít nhất 01 đơn vị điển hình",
        "cấp xã",
        "1/1",
        "100%",
        "100%",
        "Đạt",
    ]
    assert "Không đánh giá" not in lines


GIA_PHU = FIXTURES / "campaign-gia-phu-2025.yaml"
GIA_PHU_YEAR_END = [
    "--results",
    str(FIXTURES / "results-gia-phu-2025.csv"),
    "--scores",
    str(FIXTURES / "scores-gia-phu-2025.csv"),
]


def gia_phu(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """Xã Gia Phú's documents of a kind (its rosters by period: the commune from 01/7/2025)."""
    out = tmp_path / "out"
    args = ["generate", kind, "--campaign", str(GIA_PHU), *GIA_PHU_YEAR_END, "--out", str(out)]
    made = CliRunner().invoke(cli, args)
    assert made.exit_code == 0, made.stderr
    return out, made.stderr


def test_a_commune_formed_in_july_is_evaluated_from_that_day_and_dated_when_the_window_closes(
    tmp_path,
):
    out, said = gia_phu(tmp_path, "evaluation")
    commune = dh.texts(dh.open_docx(out / "evaluation" / "LC-GP.docx"))
    assert "Gia Phú, ngày 15 tháng 11 năm 2025" in commune
    assert (
        "Ủy ban nhân dân xã Gia Phú báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh "
        "Tổ quốc năm 2025 (kỳ đánh giá từ ngày 01/7/2025, ngày xã Gia Phú bắt đầu hoạt động, đến "
        "ngày 15/11/2025) như sau:"
    ) in commune
    # The village existed before the merger: its whole window, and the plan's day (10/11),
    # after its window closed on 31/10 and before its deadline of 20/11.
    village = dh.texts(dh.open_docx(out / "evaluation" / "LC-GP-01.docx"))
    assert "Gia Phú, ngày 10 tháng 11 năm 2025" in village
    assert any("(kỳ đánh giá từ ngày 01/11/2024 đến ngày 31/10/2025)" in t for t in village)
    assert (
        "Cảnh báo: ngay_van_ban.evaluation: ngày 10/11/2025 trước ngày cuối kỳ đánh giá của cấp "
        "xã (15/11/2025); báo cáo tự đánh giá của cấp xã ghi ngày 15/11/2025.\n"
    ) in said


def test_a_thpt_reports_to_its_managing_body_in_its_plan_and_in_the_commune_s(tmp_path):
    out, _ = gia_phu(tmp_path, "plan")
    commune = dh.texts(dh.open_docx(out / "plan" / "LC-GP.docx"))
    assert (
        "5. Trường THPT số 2 Bảo Thắng: xây dựng kế hoạch ngay sau khi Kế hoạch này được ban "
        "hành, tổ chức ký cam kết, đăng ký tiêu chuẩn “An toàn về an ninh, trật tự” theo chỉ tiêu "
        "được giao; tự đánh giá, chấm điểm và gửi báo cáo kết quả về Sở Giáo dục và Đào tạo tỉnh "
        "Lào Cai (đồng gửi Ủy ban nhân dân xã Gia Phú để tổng hợp) trước ngày 30/11/2025."
    ) in commune
    # The villages still report to the commune, through its police.
    assert any(
        t.startswith("4. Các thôn, bản:")
        and "về Ủy ban nhân dân xã Gia Phú (qua Công an xã Gia Phú)" in t
        for t in commune
    )
    school = dh.full_text(dh.open_docx(out / "plan" / "LC-GP-GD1.docx"))
    assert "gửi báo cáo về Sở Giáo dục và Đào tạo tỉnh Lào Cai trước ngày 30/11/2025." in school
    assert "gửi báo cáo về Ủy ban nhân dân xã" not in school


def test_the_official_who_signs_the_commune_s_evaluation_chairs_and_signs_its_minutes(tmp_path):
    # Xã Gia Phú's roster names its Phó Chủ tịch to sign (Người ký): she signs the evaluation
    # the meeting reviews, chairs the meeting and signs the minutes in person, with the secretary.
    out, _ = gia_phu(tmp_path, "all")
    minutes = dh.open_docx(out / "minutes" / "LC-GP.docx")
    lines = dh.texts(minutes)
    assert "1. Chủ trì: Hoàng Thị Mai, Phó Chủ tịch Ủy ban nhân dân xã Gia Phú." in lines
    signatures = minutes.tables[-1].rows[0]
    assert [t for t in signatures.cells[1].text.split("\n") if t.strip()] == [
        "CHỦ TRÌ",
        "(Ký, ghi rõ họ tên)",
        "Hoàng Thị Mai",
    ]
    assert "Nguyễn Thị Hoa" in signatures.cells[0].text
    assert "Nguyễn Văn Phúc" not in dh.full_text(minutes)
    evaluation = dh.full_text(dh.open_docx(out / "evaluation" / "LC-GP.docx"))
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Thị Mai" in evaluation
    # A village names no deputy: its head chairs.
    village = dh.texts(dh.open_docx(out / "minutes" / "LC-GP-01.docx"))
    assert any(t.startswith("1. Chủ trì: Vàng A Dình, Trưởng thôn Cóc") for t in village)
