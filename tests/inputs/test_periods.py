"""Rosters by period: each document is issued within the roster in force on its date."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from antq_docs.cli import cli
from antq_docs.errors import UsageError, ValidationError
from antq_docs.generate import plan_documents
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from tests import helpers as dh
from tests.helpers import (
    FIXTURES,
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    SAMPLE_UNITS,
    SAMPLE_UNITS_JULY,
    campaign_text,
)

RESULTS = [
    "--results",
    str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
    "--scores",
    str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
]


def test_roster_on_picks_the_period_in_force():
    inputs = load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY)
    assert inputs.roster_on(dt.date(2025, 3, 20)).root.code == "KT"
    assert inputs.roster_on(dt.date(2025, 6, 30)).root.code == "KT"
    assert inputs.roster_on(dt.date(2025, 7, 1)).root.code == "QNG"
    assert inputs.roster_on(dt.date(2024, 12, 1)).root.code == "KT"  # before the first: first
    assert inputs.roster_for("event-plan").get("KT-02") is None


@pytest.mark.slow
def test_two_periods_district_plans_in_march_none_after_july_and_check_complete(tmp_path, runner):
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["generate", "all", "--campaign", str(SAMPLE_CAMPAIGN), *RESULTS, "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "cấp huyện không còn" not in result.stderr
    plan = dh.full_text(dh.open_docx(out / "plan" / "KT-02.docx"))
    assert "ngày 20 tháng 3 năm 2025" in plan
    for kind in ("event-plan", "evaluation", "report"):
        assert not (out / kind / "KT-02.docx").exists()
        assert not (out / kind / "KT-02-01.docx").exists()  # thị trấn gone too
    assert (out / "event-plan" / "QNG-03.docx").exists()
    assert (out / "report" / "QNG.docx").exists()
    # A village that persists keeps its folder: pledge in March, evaluation in November.
    assert (out / "pledge" / "KT-02-02-02.docx").exists()
    assert (out / "evaluation" / "KT-02-02-02.docx").exists()
    event = dh.full_text(dh.open_docx(out / "event-plan" / "QNG-03.docx"))
    assert "Xã Đăk Hà".upper() in event.upper()
    check = runner.invoke(
        cli, ["check", "--campaign", str(SAMPLE_CAMPAIGN), "--docs", str(out), "--format", "json"]
    )
    assert check.exit_code == 0, check.stdout
    assert '"missing": []' in check.stdout


def test_single_roster_leaves_out_the_bodies_ended_on_the_date_and_says_so_once(tmp_path, runner):
    out = tmp_path / "o"
    result = runner.invoke(
        cli,
        [
            "generate",
            "event-plan",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SAMPLE_UNITS),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    warnings = [ln for ln in result.stderr.splitlines() if "đã kết thúc hoạt động" in ln]
    assert len(warnings) == 1
    assert "chính quyền cấp huyện (không còn từ ngày 01/7/2025)" in warnings[0]
    assert "thay_doi_to_chuc" in warnings[0]
    assert "KT-02 (Huyện Đăk Hà)" in warnings[0] and "KT-10 (Huyện Ia H'Drai)" in warnings[0]
    assert "KT-CQ-05 (Phòng Tư pháp huyện Đăk Hà)" in warnings[0]
    assert "KT-02-02 " not in warnings[0]
    assert not (out / "event-plan" / "KT-02.docx").exists()
    assert not (out / "event-plan" / "KT-CQ-05.docx").exists()
    # What a commune sent to its district goes to the level above that still exists.
    commune = dh.full_text(dh.open_docx(out / "event-plan" / "KT-02-02.docx")).replace("\xa0", " ")
    assert "huyện Đăk Hà" not in commune and "HUYỆN" not in commune
    assert "Ủy ban nhân dân tỉnh Kon Tum (để báo cáo)" in commune
    # An enterprise of the district now answers to the province.
    firm = dh.full_text(dh.open_docx(out / "event-plan" / "KT-DN-02.docx"))
    assert "huyện Đăk Hà" not in firm
    # check does not ask for what was left out.
    check = runner.invoke(
        cli,
        [
            "check",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SAMPLE_UNITS),
            "--docs",
            str(out),
            "--format",
            "json",
        ],
    )
    found = json.loads(check.stdout)
    assert not [m for m in found["missing"] if m["kind"] == "event-plan"], found["missing"]


def test_police_of_a_district_is_the_province_s_after_february(tmp_path, runner):
    out = tmp_path / "o"
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SAMPLE_UNITS),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    district = dh.full_text(dh.open_docx(out / "plan" / "KT-02.docx")).replace("\xa0", " ")
    assert "ngày 20 tháng 3 năm 2025" in district
    assert "Công an huyện" not in district
    assert "1. Đề nghị Công an tỉnh Kon Tum chỉ đạo Công an các xã, thị trấn làm nòng cốt" in (
        district
    )
    assert "- Công an tỉnh Kon Tum (để phối hợp);" in district
    city = dh.full_text(dh.open_docx(out / "plan" / "KT-01.docx"))
    assert "Công an thành phố Kon Tum" not in city
    office = dh.full_text(dh.open_docx(out / "plan" / "KT-CQ-05.docx"))
    assert "Công an huyện" not in office and "Công an tỉnh Kon Tum" in office
    # A commune keeps its own police.
    commune = dh.full_text(dh.open_docx(out / "plan" / "KT-02-02.docx"))
    assert "Công an xã Hà Mòn là lực lượng nòng cốt" in commune


@pytest.mark.slow
def test_report_of_a_district_that_ended_is_refused_unless_dated_before(tmp_path, runner):
    results = ["--results", str(FIXTURES / "results-small.csv")]
    args = ["report", "--units", str(FIXTURES / "units-small.csv"), *results, "--level", "H1"]
    refused = runner.invoke(cli, [*args, "--campaign", str(SAMPLE_CAMPAIGN)])
    assert refused.exit_code == 2
    assert (
        "Lỗi: --level: H1 (Huyện Một) đã kết thúc hoạt động trước ngày của báo cáo tổng kết "
        "(20/12/2025; chính quyền cấp huyện (không còn từ ngày 01/7/2025)"
    ) in refused.stderr
    assert "Traceback" not in refused.stderr
    early = tmp_path / "early.yaml"
    early.write_text(
        campaign_text().replace("  report: 2025-12-20", "  report: 2025-06-25"), encoding="utf-8"
    )
    # Dated before the end, the district still reports.
    done = runner.invoke(cli, [*args, "--campaign", str(early), "--out", str(tmp_path / "r")])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "r" / "report" / "H1.docx").is_file()


def test_single_roster_before_july_does_not_warn(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SAMPLE_UNITS),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "cấp huyện không còn" not in result.stderr


def test_unit_option_knows_the_codes_of_every_period(tmp_path, runner):
    out = tmp_path / "o"
    result = runner.invoke(
        cli,
        [
            "generate",
            "all",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--unit",
            "QNG-03",
            "--unit",
            "KT-02",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "plan" / "KT-02.docx").exists()
    assert (out / "event-plan" / "QNG-03.docx").exists()
    assert not (out / "event-plan" / "KT-02.docx").exists()


def test_bad_and_duplicate_dates_are_named_together(tmp_path):
    text = campaign_text()
    text = text.replace(
        "units-kon-tum-2025.csv\n    tu_ngay: 2025-01-01",
        "units-kon-tum-2025.csv\n    tu_ngay: 32/01/2025",
    )
    text = text.replace(
        "    tinh: Quảng Ngãi\n",
        f"    tinh: Quảng Ngãi\n  - tep: {FIXTURES}/units-small.csv\n    tu_ngay: 2025-07-01\n",
    )
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as info:
        load_inputs(campaign, None, kinds=REGISTRY)
    message = str(info.value)
    assert 'danh_sach_don_vi[1].tu_ngay: "32/01/2025" không phải ngày có thật' in message
    assert (
        "danh_sach_don_vi[3].tu_ngay: ngày 01/7/2025 trùng với danh_sach_don_vi[2].tu_ngay"
        in message
    )


def test_decreasing_dates_are_named(tmp_path):
    text = campaign_text().replace(
        "units-quang-ngai-2025-07.csv\n    tu_ngay: 2025-07-01",
        "units-quang-ngai-2025-07.csv\n    tu_ngay: 2024-07-01",
    )
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    with pytest.raises(
        ValidationError,
        match=r"danh_sach_don_vi\[2\]\.tu_ngay: ngày 01/7/2024 "
        r"phải sau ngày 01/01/2025",
    ):
        load_inputs(campaign, None, kinds=REGISTRY)


def test_missing_roster_file_is_named_with_its_entry(tmp_path):
    text = campaign_text().replace(f"{SAMPLE_DIR}/units-kon-tum-2025.csv", "khong-co.csv")
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    with pytest.raises(
        ValidationError,
        match=r"c\.yaml, trường danh_sach_don_vi\[1\]\.tep: "
        r'không tìm thấy tệp "khong-co\.csv"',
    ):
        load_inputs(campaign, None, kinds=REGISTRY)


def test_every_roster_is_validated_before_anything_is_written(tmp_path, runner):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        SAMPLE_UNITS.read_text("utf-8-sig")
        .replace("Trương Xuân Tuấn", "")
        .replace("KT-02,Huyện Đăk Hà,Huyện,KT", "KT-02,Huyện Đăk Hà,Huyện,KX"),
        "utf-8",
    )
    bad2 = tmp_path / "bad2.csv"
    bad2.write_text(
        (SAMPLE_DIR / "units-quang-ngai-2025-07.csv")
        .read_text("utf-8-sig")
        .replace("QNG-03,Xã Đăk Hà,Xã,QNG", "QNG-03,Xã Đăk Hà,Xã,QNX"),
        "utf-8",
    )
    text = (
        campaign_text()
        .replace(f"{SAMPLE_DIR}/units-kon-tum-2025.csv", str(bad))
        .replace(f"{SAMPLE_DIR}/units-quang-ngai-2025-07.csv", str(bad2))
    )
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    result = runner.invoke(
        cli, ["generate", "all", "--campaign", str(campaign), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "bad.csv, dòng" in result.stderr and "bad2.csv, dòng" in result.stderr
    assert not (tmp_path / "out").exists()


def test_root_of_another_province_is_warned_with_both_names(tmp_path, runner):
    text = campaign_text().replace("    tinh: Quảng Ngãi\n", "")
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    result = runner.invoke(
        cli, ["generate", "plan", "--campaign", str(campaign), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.stderr
    warned = [ln for ln in result.stderr.splitlines() if "đơn vị gốc" in ln]
    assert len(warned) == 1
    assert "“Tỉnh Quảng Ngãi”" in warned[0] and "“Kon Tum”" in warned[0]


def test_a_unit_gone_in_july_gets_no_later_document_and_is_told(tmp_path, runner):
    out = tmp_path / "o"
    result = runner.invoke(
        cli,
        [
            "generate",
            "event-plan",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--unit",
            "KT-02-01",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "Cảnh báo: KT-02-01 (Thị trấn Đăk Hà): không có trong danh sách đơn vị có hiệu lực "
        "vào ngày của kế hoạch Ngày hội nên không soạn."
    ) in result.stderr
    assert not (out / "event-plan").exists()


def test_evaluations_and_report_in_two_periods_are_refused(tmp_path):
    text = campaign_text().replace("  evaluation: 2025-11-15", "  evaluation: 2025-06-15")
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    with pytest.raises(
        ValidationError,
        match=r"trường ngay_van_ban\.report: báo cáo tự đánh giá "
        r"\(15/6/2025\) và báo cáo tổng kết \(20/12/2025\) thuộc hai danh sách",
    ):
        load_inputs(campaign, None, results=SAMPLE_DIR / "results-kon-tum-2025.csv", kinds=REGISTRY)


def _copy(source, target):
    target.write_bytes(source.read_bytes())
    return target


def test_rosters_given_by_day_take_the_place_of_the_campaigns_files(tmp_path):
    march = _copy(SAMPLE_UNITS, tmp_path / "dau-nam.csv")
    july = _copy(SAMPLE_UNITS_JULY, tmp_path / "sau-sap-xep.csv")
    for first in (dt.date(2025, 1, 1), None):  # the first period's file given without its day
        inputs = load_inputs(
            SAMPLE_CAMPAIGN,
            None,
            kinds=REGISTRY,
            period_units={first: march, dt.date(2025, 7, 1): july},
        )
        assert [p.roster.source for p in inputs.periods] == [str(march), str(july)]
        assert inputs.roster_on(dt.date(2025, 7, 1)).root.code == "QNG"
        assert inputs.roster_for("event-plan").get("KT-02") is None


def test_a_period_without_a_roster_and_a_roster_of_no_period_are_named_by_their_day(tmp_path):
    july = _copy(SAMPLE_UNITS_JULY, tmp_path / "sau-sap-xep.csv")
    with pytest.raises(ValidationError) as caught:
        load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY, period_units={dt.date(2025, 8, 1): july})
    found = {(f.file, f.field, f.message) for f in caught.value.findings}
    assert (
        "sau-sap-xep.csv",
        "danh_sach_don_vi",
        "danh sách đơn vị từ ngày 01/8/2025 không ứng với thời kỳ nào của danh_sach_don_vi (các "
        "thời kỳ bắt đầu ngày 01/01/2025, 01/7/2025): sửa ngày của tệp, hoặc thêm thời kỳ từ "
        "ngày 01/8/2025 vào kế hoạch năm",
    ) in found
    missing = {
        (f.field, f.message) for f in caught.value.findings if f.file == SAMPLE_CAMPAIGN.name
    }
    assert missing == {
        (
            f"danh_sach_don_vi[{n}].tu_ngay",
            f"thời kỳ từ ngày {day} của danh_sach_don_vi chưa có tệp danh sách đơn vị: đưa lên "
            f"danh sách đơn vị có hiệu lực từ ngày {day}",
        )
        for n, day in ((1, "01/01/2025"), (2, "01/7/2025"))
    }


def test_a_dated_roster_for_a_campaign_without_periods_is_refused_by_its_day(tmp_path):
    campaign = tmp_path / "c.yaml"
    text = campaign_text()
    start = text.index("danh_sach_don_vi:")
    campaign.write_text(text[:start] + text[text.index("\n\n", start) :], "utf-8")
    with pytest.raises(ValidationError, match=r"từ ngày 01/7/2025: kế hoạch năm không chia"):
        load_inputs(
            campaign, None, kinds=REGISTRY, period_units={dt.date(2025, 7, 1): SAMPLE_UNITS}
        )
    alone = load_inputs(campaign, None, kinds=REGISTRY, period_units={None: SAMPLE_UNITS})
    assert alone.periods == [] and alone.roster.source == str(SAMPLE_UNITS)


def test_a_scope_plans_a_unit_and_its_subtree_and_warns_about_nothing_outside_it():
    inputs = load_inputs(SAMPLE_CAMPAIGN, FIXTURES / "units-small.csv", kinds=REGISTRY)
    _, named_warnings = plan_documents(inputs, ["plan"], inputs.subtree("H1-X1"))
    assert any(w.startswith("H1-X1-T1 (Thôn 1): không phải soạn") for w in named_warnings)
    assert any(w.startswith("chi_tieu[10].don_vi") for w in named_warnings)
    documents, warnings = plan_documents(inputs, ["plan", "pledge"], scope="H1-X1")
    assert sorted({d.unit for d in documents}) == ["H1-X1", "H1-X1-T1", "H1-X1-T2"]
    assert warnings == []
    with pytest.raises(UsageError, match="không có đơn vị mang mã H9"):
        plan_documents(inputs, ["plan"], scope="H9")
