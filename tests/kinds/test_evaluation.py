"""Year-end evaluations: one per unit below the district, reopened and checked part by part."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from antq_docs.cli import cli
from antq_docs.inputs.roster import load_roster
from tests import helpers as dh
from tests.helpers import (
    FIXTURES,
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    SAMPLE_UNITS_JULY,
    SMALL_PROVINCE_WARNING,
    campaign_text,
    invoke_generate,
)

RESULTS = SAMPLE_DIR / "results-kon-tum-2025.csv"
SCORES = SAMPLE_DIR / "scores-kon-tum-2025.csv"


@pytest.fixture(scope="module")
def sample_out(year_end_sample) -> Path:
    """Every document of the sample with its year-end ones, generated once a session."""
    return year_end_sample


def test_every_unit_below_the_district_has_an_evaluation_and_the_root_a_report(sample_out):
    # Evaluations are dated 15/11/2025: the roster in force then (danh_sach_don_vi).
    roster = load_roster(SAMPLE_UNITS_JULY)
    below = {"xa", "khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc"}
    expected = sorted(f"{u.code}.docx" for u in roster if u.type in below)
    assert sorted(p.name for p in (sample_out / "evaluation").iterdir()) == expected
    assert [p.name for p in (sample_out / "report").iterdir()] == ["QNG.docx"]


def test_residential_evaluation_parts_and_scoring_sheet(sample_out):
    doc = dh.open_docx(sample_out / "evaluation" / "KT-02-02-02.docx")  # Làng Kon Klor: 73
    dh.assert_a4_nd30(doc)
    assert dh.fonts_everywhere(doc) == {"Times New Roman"}
    assert dh.leftover_tags(doc) == []
    left, right = (c.text.split("\n") for c in doc.tables[0].rows[0].cells)
    # In November the village belongs to the merged Xã Đăk Hà (roster from 01/7/2025).
    assert left == ["UBND XÃ ĐĂK HÀ", "LÀNG KON KLOR", ""]
    assert right[2] == "Đăk Hà, ngày 15 tháng 11 năm 2025"
    assert dh.runs_style(dh.find(doc, "Đăk Hà, ngày")) == {(13, False, True)}
    title = dh.find(doc, "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert dh.runs_style(title) == {(14, True, False)}
    sheet = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in sheet.rows[0].cells] == [
        "STT",
        "Nội dung",
        "Điểm tối đa",
        "Điểm tự chấm",
    ]
    assert len(sheet.rows) == 12  # header, ten items, total
    assert [c.text for c in sheet.rows[3].cells] == [
        "3",
        "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8)",
        "5",
        "3",
    ]
    assert [c.text for c in sheet.rows[-1].cells] == ["", "Tổng cộng", "100", "73"]
    text = dh.full_text(doc)
    assert "1. Tiêu chuẩn “An toàn về an ninh, trật tự”: Đạt." in text
    assert (
        "2. Tổng điểm tự chấm 73/100 điểm; đề nghị xếp loại phong trào toàn dân bảo vệ an "
        "ninh Tổ quốc năm 2025: Khá."
    ) in text
    assert (
        "Xếp loại được tính từ tổng điểm tự chấm theo ngưỡng: Xuất sắc từ 90 điểm; Khá từ "
        "70 đến dưới 90 điểm; Trung bình từ 50 đến dưới 70 điểm; Yếu dưới 50 điểm."
    ) in text
    assert "kỳ đánh giá từ ngày 01/11/2024 đến ngày 31/10/2025" in text
    # The minutes of the review meeting are a document of their own (test_minutes.py).
    assert "BIÊN BẢN" not in text
    assert "Nơi nhận:\n- Ủy ban nhân dân xã Đăk Hà;\n- Lưu: VT." in text
    assert sum(p.text.endswith("./.") for p in dh.paragraphs(doc)) == 1


def test_agency_evaluation_has_a_number_and_no_minutes(sample_out):
    doc = dh.open_docx(sample_out / "evaluation" / "KT-CQ-01.docx")
    text = dh.full_text(doc)
    assert "Số:       /BC-STP" in text
    assert "BIÊN BẢN" not in text
    assert "Chưa đạt (không đăng ký xây dựng tiêu chuẩn)" in text or "Đạt." in text


def test_root_report_written_by_generate_all_carries_the_chart(sample_out):
    doc = dh.open_docx(sample_out / "report" / "QNG.docx")
    assert len(doc.inline_shapes) == 1
    assert dh.leftover_tags(doc) == []


def test_an_evaluation_without_every_item_score_is_left_out_and_the_others_made(tmp_path, runner):
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "evaluation",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(FIXTURES / "units-small.csv"),
            "--results",
            str(FIXTURES / "results-small.csv"),
            "--scores",
            str(FIXTURES / "scores-small.csv"),
            "--out",
            str(out),
            "--unit",
            "H1-X1",
            "--unit",
            "H1-X2",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == SMALL_PROVINCE_WARNING + (
        "Cảnh báo: chưa soạn báo cáo tự đánh giá của H1-X2 vì thiếu dữ liệu — scores-small.csv, "
        "đơn vị H1-X2: thiếu điểm từng mục của bảng chấm điểm, cần cho báo cáo tự đánh giá (tệp "
        "điểm từng mục: --scores, hoặc trang “Bảng điểm” của tệp kết quả). Các văn bản khác vẫn "
        "được soạn; điền giá trị này rồi chạy lại để có cả văn bản còn thiếu.\n"
        'Cảnh báo: chi_tieu[10].don_vi: không có đơn vị mang mã "KT-01" trong units-small.csv, '
        "chỉ tiêu riêng này không đưa vào văn bản nào.\n"
        f"Xong: 1 tệp mới, 0 cập nhật, 0 không đổi, 0 đã sửa tay được giữ nguyên trong {out}.\n"
        "Lỗi: 1 văn bản chưa soạn vì thiếu dữ liệu (xem các cảnh báo “chưa soạn” ở trên).\n"
    )
    assert (out / "evaluation" / "H1-X1.docx").exists()
    assert not (out / "evaluation" / "H1-X2.docx").exists()


def test_generate_all_without_results_skips_the_year_end_kinds(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "generate",
            "all",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(FIXTURES / "units-small.csv"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "Không có --results: bỏ qua báo cáo tự đánh giá (evaluation), biên bản họp bình xét "
        "(minutes), quyết định công nhận (recognition), báo cáo tổng kết (report) vì cần tệp kết "
        "quả cuối năm.\n" in result.stderr
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == [
        "event-plan",
        "plan",
        "pledge",
        "registration",
        "resolution",
    ]


def test_missing_scoring_sheet_or_targets_are_named_not_left_empty(tmp_path, runner):
    import re

    text = campaign_text()
    text = re.sub(r"\nbang_diem:\n(  .*\n|    .*\n)+", "\n", text)
    text = re.sub(r"\nchi_tieu:\n(  .*\n|    .*\n|      .*\n)+", "\n", text)
    campaign = tmp_path / "c.yaml"
    campaign.write_text(text, "utf-8")
    result = invoke_generate(
        runner,
        "all",
        tmp_path / "out",
        "--results",
        str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
        campaign=campaign,
        units=None,
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "  - c.yaml, trường chi_tieu: kế hoạch năm chưa có mục này, cần cho kế hoạch năm (phần "
        "II. Chỉ tiêu)",
        "  - c.yaml, trường bang_diem: kế hoạch năm chưa có mục này, cần cho báo cáo tự đánh giá "
        "cuối năm (bảng tự chấm điểm)",
    ]
    assert not (tmp_path / "out").exists()
