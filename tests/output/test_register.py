"""Document numbers from the register: sequential per issuer and year, stable, never reused."""

from __future__ import annotations

import subprocess
import sys

import pytest

from antq_docs.cli import cli
from antq_docs.register import Register
from tests import helpers as dh
from tests.helpers import (
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    SAMPLE_UNITS,
    campaign_text,
    invoke_generate,
    steady_sample,
)

# A year without dated changes: the district KT-02 issues its Ngày hội plan too.
STEADY = steady_sample()
ARGS = ["--campaign", str(STEADY), "--units", str(SAMPLE_UNITS)]


def number_line(path) -> str:
    return next(t for t in dh.texts(dh.open_docx(path)) if t.startswith("Số"))


def test_register_numbers_are_sequential_padded_stable_and_never_reused(tmp_path):
    register = Register(tmp_path)
    assert register.number("KT-02", 2025, "plan/KT-02.docx") == 1
    assert register.number("KT-02", 2025, "event-plan/KT-02.docx") == 2
    assert register.number("KT-02", 2025, "plan/KT-02.docx") == 1
    assert register.number("KT-02", 2026, "plan/KT-02.docx") == 1
    assert register.number("KT-03", 2025, "plan/KT-03.docx", start=7) == 7
    # A lower start never brings back a number already given.
    assert register.number("KT-02", 2025, "other/KT-02.docx", start=1) == 3
    register.close()
    assert Register(tmp_path, read_only=True).lookup("KT-02", 2025, "event-plan/KT-02.docx") == 2


@pytest.mark.slow
def test_numbering_from_the_command_line(tmp_path, runner):
    out = tmp_path / "out"
    command = [
        "generate",
        "all",
        *ARGS,
        "--out",
        str(out),
        "--unit",
        "KT-02",
        "--unit",
        "KT-02-02",
        "--number-from",
        "KT-02=15",
    ]
    result = runner.invoke(cli, command)
    assert result.exit_code == 0, result.stderr
    assert number_line(out / "plan" / "KT-02.docx") == "Số: 15/KH-UBND"
    assert number_line(out / "event-plan" / "KT-02.docx") == "Số: 16/KH-UBND"
    assert number_line(out / "plan" / "KT-02-02.docx") == "Số:       /KH-UBND"
    result = runner.invoke(cli, command)
    assert "0 tệp mới, 0 cập nhật, 9 không đổi" in result.stderr
    (out / "plan" / "KT-02.docx").unlink()
    result = runner.invoke(cli, command)
    assert number_line(out / "plan" / "KT-02.docx") == "Số: 15/KH-UBND"


def test_numbering_below_ten_is_zero_padded_and_set_in_the_campaign(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(SAMPLE_CAMPAIGN.read_text("utf-8") + "danh_so:\n  KT-GD-01: 1\n", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(campaign),
            "--units",
            str(SAMPLE_UNITS),
            "--out",
            str(out),
            "--unit",
            "KT-GD-01",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert number_line(out / "plan" / "KT-GD-01.docx") == "Số: 01/KH-THPTKT"


def test_unknown_issuer_is_refused(tmp_path, runner):
    result = runner.invoke(
        cli, ["generate", "plan", *ARGS, "--out", str(tmp_path / "o"), "--number-from", "KHONG=3"]
    )
    assert result.exit_code == 2
    assert "Lỗi: --number-from: không có đơn vị mang mã KHONG" in result.stderr
    result = runner.invoke(
        cli, ["generate", "plan", *ARGS, "--out", str(tmp_path / "o"), "--number-from", "KT-02"]
    )
    assert result.exit_code == 2
    assert '"KT-02" phải có dạng MÃ=SỐ, ví dụ KT-02=15' in result.stderr
    campaign = tmp_path / "c.yaml"
    campaign.write_text(SAMPLE_CAMPAIGN.read_text("utf-8") + "danh_so:\n  KHONG: 1\n", "utf-8")
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(campaign),
            "--units",
            str(SAMPLE_UNITS),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 1
    assert '  - c.yaml, trường danh_so.KHONG: không có đơn vị mang mã "KHONG" trong danh sách' in (
        result.stderr
    )


_WORKER = """
import sys
from pathlib import Path
from antq_docs.register import Register
register = Register(Path(sys.argv[1]))
for i in range(40):
    register.number("KT-02", 2025, f"{sys.argv[2]}/{i}")
"""


def test_two_processes_share_the_register_without_duplicates(tmp_path):
    Register(tmp_path).number("KT-02", 2025, "first")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(tmp_path), name], stderr=subprocess.PIPE
        )
        for name in ("a", "b")
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
    import sqlite3

    db = sqlite3.connect(tmp_path / "register.sqlite")
    numbers = [n for (n,) in db.execute("SELECT number FROM numbers ORDER BY number")]
    db.close()
    assert numbers == list(range(1, 82))


def test_two_overlapping_runs_number_each_document_once(tmp_path):
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "antq_docs",
        "generate",
        "all",
        *ARGS,
        "--out",
        str(out),
        "--number-from",
        "KT-02=1",
    ]
    runs = [
        subprocess.Popen([*command, "--unit", "KT-02"], stderr=subprocess.PIPE) for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    lines = {number_line(out / k / "KT-02.docx") for k in ("plan", "event-plan")}
    assert lines == {"Số: 01/KH-UBND", "Số: 02/KH-UBND"}


def test_the_report_command_keeps_the_number_of_a_numbered_report(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(campaign_text() + "danh_so:\n  QNG: 3\n", "utf-8")
    results = [
        "--results",
        str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
        "--scores",
        str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
    ]
    out = tmp_path / "out"
    result = invoke_generate(runner, "report", out, *results, campaign=campaign, units=None)
    assert result.exit_code == 0, result.stderr
    assert number_line(out / "report" / "QNG.docx") == "Số: 03/BC-UBND"
    result = runner.invoke(
        cli, ["report", "--campaign", str(campaign), *results, "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "(không đổi)" in result.stderr
    assert number_line(out / "report" / "QNG.docx") == "Số: 03/BC-UBND"


def test_numbers_follow_the_year_of_the_document_date(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    text = campaign_text().replace("report: 2025-12-20", "report: 2026-01-15")
    campaign.write_text(text + "danh_so:\n  QNG: 5\n", "utf-8")
    out = tmp_path / "out"
    results = [
        "--results",
        str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
        "--scores",
        str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
    ]
    out.mkdir()
    Register(out).number("QNG", 2025, "an earlier document of 2025", start=5)
    result = invoke_generate(runner, "report", out, *results, campaign=campaign, units=None)
    assert result.exit_code == 0, result.stderr
    # Dated January 2026: the 2026 series, from the campaign's start number.
    assert number_line(out / "report" / "QNG.docx") == "Số: 05/BC-UBND"
    assert Register(out).lookup("QNG", 2026, "report/QNG.docx") == 5


def test_number_from_a_unit_without_numbered_documents_is_reported(tmp_path, runner):
    result = invoke_generate(runner, "pledge", tmp_path / "out", "--number-from", "KT-02=4")
    assert result.exit_code == 0
    assert (
        "Cảnh báo: --number-from KT-02: lần chạy này không có văn bản nào của đơn vị này cần "
        "đánh số."
    ) in result.stderr


def test_a_number_once_given_stays_when_a_later_run_does_not_number(tmp_path, runner):
    out = tmp_path / "out"
    args = ["--unit", "KT-02"]
    invoke_generate(runner, "plan", out, *args, "--number-from", "KT-02=15")
    result = invoke_generate(runner, "plan", out, *args)
    assert "0 tệp mới, 0 cập nhật, 1 không đổi" in result.stderr
    assert number_line(out / "plan" / "KT-02.docx") == "Số: 15/KH-UBND"


def test_a_dry_run_predicts_numbers_without_taking_them(tmp_path, runner):
    out = tmp_path / "out"
    invoke_generate(runner, "all", out, "--unit", "KT-02", campaign=STEADY)
    result = invoke_generate(
        runner,
        "all",
        out,
        "--unit",
        "KT-02",
        "--dry-run",
        "--number-from",
        "KT-02=5",
        campaign=STEADY,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "không đổi\tpledge/KT-02.docx",
        "cập nhật\tplan/KT-02.docx",
        # The Huyện ủy's resolution is numbered in the Party's series, not from --number-from.
        "không đổi\tresolution/KT-02.docx",
        "cập nhật\tevent-plan/KT-02.docx",
    ]
    assert not (out / "register.sqlite").exists()
    assert number_line(out / "plan" / "KT-02.docx") == "Số:       /KH-UBND"
