"""The year report: figures counted by hand over the small roster, the chart in the document."""

from __future__ import annotations

import json
import zipfile

import pytest

from antq_docs.cli import cli
from tests import docx_helpers as dh
from tests.conftest import FIXTURES, SAMPLE_CAMPAIGN, SMALL_PROVINCE_WARNING

SMALL = FIXTURES / "units-small.csv"
RESULTS = FIXTURES / "results-small.csv"

# Counted by hand from units-small.csv and results-small.csv with the sample targets:
# (id, unit_type, numerator, denominator, actual %, target %, met).
ROOT = [
    ("dang_ky", "khu_dan_cu", 3, 4, 75.0, 100.0, False),  # H2-X1-T1 did not register
    ("dang_ky", "xa", 2, 3, 66.67, 100.0, False),  # H1-X2 did not register
    ("dang_ky", "co_quan", 1, 1, 100.0, 100.0, True),
    ("dang_ky", "co_so_giao_duc", 1, 1, 100.0, 100.0, True),
    ("dang_ky", "doanh_nghiep", 0, 1, 0.0, 70.0, False),
    ("dat_chuan", "khu_dan_cu", 2, 3, 66.67, 80.0, False),  # H1-X1-T2 chưa đạt
    # H1-X1 and H2-X1 registered but are not recognised: a thôn under each failed (TT 124).
    ("dat_chuan", "xa", 0, 2, 0.0, 80.0, False),
    ("dat_chuan", "co_quan", 1, 1, 100.0, 80.0, True),
    ("dat_chuan", "co_so_giao_duc", 1, 1, 100.0, 80.0, True),
    ("dat_chuan", "doanh_nghiep", 0, 0, None, 70.0, None),  # none registered
    ("kha_tro_len", "khu_dan_cu", 2, 4, 50.0, 95.0, False),  # 95 XS, 65 TB, 70 Khá, 50 TB
    ("kha_tro_len", "xa", 3, 3, 100.0, 95.0, True),
    ("kha_tro_len", "co_quan", 1, 1, 100.0, 95.0, True),
    ("kha_tro_len", "doanh_nghiep", 0, 1, 0.0, 95.0, False),
    ("kha_tro_len", "co_so_giao_duc", 1, 1, 100.0, 95.0, True),
    ("huyen_kha_tro_len", "huyen", 1, 2, 50.0, 90.0, False),  # H2 scored 69,5: Trung bình
    ("dien_hinh", "huyen", 1, 2, 50.0, 100.0, False),  # only H1 has a model unit (H1-X1)
]
# The same by hand for the middle level H1 (itself, two communes, three thôn, one company).
MIDDLE = [
    ("dang_ky", "khu_dan_cu", 3, 3, 100.0, 100.0, True),
    ("dang_ky", "xa", 1, 2, 50.0, 100.0, False),
    ("dang_ky", "co_quan", 0, 0, None, 100.0, None),
    ("dang_ky", "co_so_giao_duc", 0, 0, None, 100.0, None),
    ("dang_ky", "doanh_nghiep", 0, 1, 0.0, 70.0, False),
    ("dat_chuan", "khu_dan_cu", 2, 3, 66.67, 80.0, False),
    ("dat_chuan", "xa", 0, 1, 0.0, 80.0, False),
    ("dat_chuan", "co_quan", 0, 0, None, 80.0, None),
    ("dat_chuan", "co_so_giao_duc", 0, 0, None, 80.0, None),
    ("dat_chuan", "doanh_nghiep", 0, 0, None, 70.0, None),
    ("kha_tro_len", "khu_dan_cu", 2, 3, 66.67, 95.0, False),
    ("kha_tro_len", "xa", 2, 2, 100.0, 95.0, True),
    ("kha_tro_len", "co_quan", 0, 0, None, 95.0, None),
    ("kha_tro_len", "doanh_nghiep", 0, 1, 0.0, 95.0, False),
    ("kha_tro_len", "co_so_giao_duc", 0, 0, None, 95.0, None),
    ("huyen_kha_tro_len", "huyen", 1, 1, 100.0, 90.0, True),  # H1 itself, 92 points
    ("dien_hinh", "huyen", 1, 1, 100.0, 100.0, True),
]
KEYS = ("id", "unit_type", "numerator", "denominator", "actual_percent", "target_percent", "met")


def run_report(runner, tmp_path, *extra):
    return runner.invoke(
        cli,
        ["report", "--campaign", str(SAMPLE_CAMPAIGN), "--units", str(SMALL), "--results",
         str(RESULTS), "--out", str(tmp_path / "out"), *extra],
    )


@pytest.mark.parametrize(("level", "expected"), [((), ROOT), (("--level", "H1"), MIDDLE)])
def test_json_figures_match_the_hand_count(runner, tmp_path, level, expected):
    result = run_report(runner, tmp_path, "--format", "json", *level)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [dict(zip(KEYS, row)) for row in expected]


def test_terminal_table_is_vietnamese(runner, tmp_path):
    result = run_report(runner, tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Kết quả thực hiện chỉ tiêu: Tỉnh Mẫu (T)"
    assert lines[1].split() == ["Mã", "Chỉ", "số", "Loại", "đơn", "vị", "Đạt/Tổng", "Tỷ", "lệ",
                                "Chỉ", "tiêu", "Kết", "quả"]
    assert lines[3].split() == ["dang_ky", "Đăng", "ký", "khu", "dân", "cư", "3/4", "75%",
                                "100%", "Không", "đạt"]
    assert ("dat_chuan Đạt chuẩn doanh nghiệp 0/0 không có đơn vị trên 70% Không đánh giá"
            in [" ".join(line.split()) for line in lines])
    assert result.stderr.endswith(f"Báo cáo tổng kết: {tmp_path / 'out' / 'report' / 'T.docx'} (mới).\n")


def test_report_document_has_its_parts_and_the_chart(runner, tmp_path):
    result = run_report(runner, tmp_path, "--level", "H1")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "out" / "report" / "H1.docx"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert [(d["unit"], d["kind"], d["path"], d["template"]) for d in manifest["documents"]] == [
        ("H1", "report", "report/H1.docx", "report.docx")
    ]
    with zipfile.ZipFile(path) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(pictures) == 1
        assert archive.read(pictures[0]).startswith(b"\x89PNG")
    doc = dh.open_docx(path)
    assert len(doc.inline_shapes) == 1
    dh.assert_a4_nd30(doc)
    assert dh.fonts_everywhere(doc) == {"Times New Roman"}
    assert dh.leftover_tags(doc) == []
    text = dh.full_text(doc)
    for heading in ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN",
                    "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
                    "V. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in text
    assert "Số:       /BC-UBND" in text
    assert "Một, ngày 20 tháng 12 năm 2025" in text
    # The units that pulled an indicator below target are named.
    assert (
        "Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự” (cấp xã): đạt 50% (1/2), chỉ tiêu "
        "100%; đơn vị chưa đạt: xã Hai." in text
    )
    assert "đơn vị chưa đạt: Thôn 2 (xã Một)." in text
    # The thresholds used for computed levels are stated.
    assert "theo ngưỡng: Xuất sắc từ 90 điểm; Khá từ 70 đến dưới 90 điểm" in text
    indicator_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    first = [c.text for c in indicator_table.rows[1].cells]
    assert first == ["1", "Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”", "khu dân cư",
                     "3/3", "100%", "100%", "Đạt"]
    assert "\nNơi nhận:\n- Ủy ban nhân dân tỉnh Mẫu;\n- Lưu: VT.\n" in text
    assert any(p.text.endswith("./.") for p in dh.paragraphs(doc))


def test_same_inputs_give_the_same_report_bytes(runner, tmp_path):
    assert run_report(runner, tmp_path).exit_code == 0
    first = (tmp_path / "out" / "report" / "T.docx").read_bytes()
    again = run_report(runner, tmp_path)
    assert again.exit_code == 0
    assert "(không đổi)" in again.stderr
    assert (tmp_path / "out" / "report" / "T.docx").read_bytes() == first


def test_unknown_level_is_a_usage_error(runner, tmp_path):
    result = run_report(runner, tmp_path, "--level", "H7")
    assert result.exit_code == 2
    assert result.stderr == (
        SMALL_PROVINCE_WARNING + f"Lỗi: --level: không có đơn vị mang mã H7 trong {SMALL}\n"
    )


def test_a_level_without_units_under_it_is_refused(tmp_path, runner):
    result = runner.invoke(cli, ["report", "--units", str(SMALL), "--results", str(RESULTS),
                                 "--level", "H1-X1-T1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Lỗi: --level: H1-X1-T1 (Thôn 1) không có đơn vị cấp dưới để báo cáo tổng kết\n"
    )
