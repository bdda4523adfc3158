"""The command line: Vietnamese help, exit codes, messages on stderr, the bundled sample."""

from __future__ import annotations

import subprocess
import sys

import pytest

from antq_docs.cli import cli
from tests import helpers as dh
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_DIR, SAMPLE_UNITS, invoke_generate
from tests.totals import documents_written

COMMANDS = [[], *([name] for name in cli.commands)]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "antq-docs")
def test_every_command_has_vietnamese_help(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Cách dùng: ")
    assert "Tùy chọn:" in result.stdout
    for english in ("Usage:", "Options:", "Show this message"):
        assert english not in result.stdout


def test_unknown_kind_is_a_usage_error_in_vietnamese(runner):
    result = runner.invoke(cli, ["generate", "plann"])
    assert result.exit_code == 2
    assert "Lỗi: Giá trị không hợp lệ cho 'LOẠI': 'plann' không thuộc" in result.stderr
    assert result.stdout == ""


def test_unknown_option_is_a_usage_error(runner):
    result = runner.invoke(cli, ["generate", "pledge", "--outt", "x"])
    assert result.exit_code == 2
    assert "Lỗi: Không có tùy chọn '--outt'. (Có phải ý bạn là: '--out'" in result.stderr


@pytest.mark.slow
def test_bundled_sample_is_the_default_and_said_so(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["generate", "all"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"Không chỉ định tệp: dùng dữ liệu mẫu {SAMPLE_CAMPAIGN}"
    # The README's first command names no file: the sample's results and scores come too, so
    # every kind is written, the year-end ones included.
    assert lines[1] == (
        f"Không chỉ định tệp: dùng kết quả cuối năm mẫu {SAMPLE_DIR / 'results-kon-tum-2025.csv'} "
        f"và điểm từng mục {SAMPLE_DIR / 'scores-kon-tum-2025.csv'}"
    )
    # The sample campaign lists two rosters (danh_sach_don_vi): Kon Tum, then from 01/7/2025
    # Quảng Ngãi without districts, so Ngày hội plans (01/7/2025) are the merged units'.
    assert lines[2] == (
        f"Không chỉ định tệp: dùng các danh sách đơn vị của kế hoạch mẫu: {SAMPLE_UNITS.name} từ "
        "01/01/2025; units-quang-ngai-2025-07.csv từ 01/7/2025"
    )
    assert "Không có --results" not in result.stderr
    assert lines[-1] == (
        f"Xong: {documents_written()} tệp mới, 0 cập nhật, 0 không đổi, 0 đã sửa tay được giữ "
        "nguyên trong out."
    )
    assert lines[-3] == (
        "Cảnh báo: KT-10 (Huyện Ia H'Drai): chưa có đơn vị điển hình (cột Điển hình); bản kế "
        "hoạch có ghi chú để bổ sung trước khi ban hành."
    )
    # The sample's college answers to no UBND the rule can be sure of: named, not guessed.
    assert lines[-2].startswith(
        "Cảnh báo: 1 đơn vị không ghi “Cơ quan chủ quản” trong danh "
        "sách đơn vị: KT-GD-03 (Trường Cao đẳng Kon Tum)."
    )
    counts = {
        k: len(list((tmp_path / "out" / k).glob("*.docx")))
        for k in ("pledge", "plan", "event-plan", "evaluation", "minutes", "report")
    }
    assert counts == {
        "pledge": 93,
        "plan": 49,
        "event-plan": 31,
        "evaluation": 75,
        "minutes": 60,
        "report": 1,
    }
    report = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "QNG.docx"))
    assert "BÁO CÁO" in report and "Tỉnh Quảng Ngãi" in report
    assert not (tmp_path / "out" / "event-plan" / "KT-02.docx").exists()


def test_bad_roster_exits_1_and_writes_nothing(tmp_path, runner):
    out = tmp_path / "out"
    result = invoke_generate(
        runner, "all", out, units=FIXTURES / "roster-duplicate-code.csv", campaign=SAMPLE_CAMPAIGN
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: Dữ liệu đầu vào: 1 lỗi, chưa ghi tệp nào.\n"
        '  - roster-duplicate-code.csv, dòng 5, cột A (Mã đơn vị): mã "H1" trùng mã ở dòng 3\n'
    )
    assert result.stdout == ""
    assert not out.exists()


def test_campaign_and_roster_problems_are_reported_together(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(SAMPLE_CAMPAIGN.read_text(encoding="utf-8") + "thua: 1\n", "utf-8")
    result = invoke_generate(
        runner, "pledge", tmp_path / "out", units=FIXTURES / "roster-cycle.csv", campaign=campaign
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Lỗi: Dữ liệu đầu vào: 2 lỗi, chưa ghi tệp nào.",
        "  - c.yaml, trường thua: khóa không được biết tới (viết sai tên?)",
        "  - roster-cycle.csv, dòng 3, cột D (Mã cấp trên): vòng lặp cấp trên: H1 → X1 → H1",
    ]


def test_unreadable_roster_exits_1(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "generate",
            "pledge",
            "--units",
            str(tmp_path / "none.csv"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Lỗi: {tmp_path / 'none.csv'}: không tìm thấy tệp.\n")


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "antq_docs", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("antq-docs, phiên bản ")


def test_the_2025_warning_ends_with_the_command_lines_own_advice(tmp_path, runner):
    result = invoke_generate(runner, "event-plan", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    (ended,) = [line for line in result.stderr.splitlines() if "đã kết thúc hoạt động" in line]
    assert ended.endswith(
        "Tệp kế hoạch có danh sách đơn vị theo thời kỳ (danh_sach_don_vi) nhưng --units dùng "
        "một danh sách cho cả năm: các đơn vị còn lại vẫn mang tên trong danh sách này; bỏ "
        "--units để dùng danh sách sau sắp xếp (từ ngày 01/7/2025)."
    )
    assert "“Dữ liệu đang dùng”" not in ended


def test_a_communes_report_says_why_it_is_dated_before_the_plans_day(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--results",
            str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
            "--level",
            "QNG-03",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "Báo cáo đề ngày 29/11/2025, sớm hơn ngày 20/12/2025 của ngay_van_ban.report: cấp xã gửi "
        "báo cáo trước hạn 30/11/2025 (han_bao_cao của tệp kế hoạch).\n"
    ) in result.stderr
