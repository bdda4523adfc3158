"""The year report: figures counted by hand over the small roster, the chart in the document."""

from __future__ import annotations

import csv
import json
import zipfile

import pytest

from antq_docs.cli import cli
from antq_docs.errors import ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.kinds import REGISTRY
from antq_docs.model import Unit, kinds_label
from tests import helpers as dh
from tests.helpers import (
    FIXTURES,
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    SMALL_PROVINCE_WARNING,
    invoke_generate,
    steady_campaign,
    steady_text,
)

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
    # H1-X1 is H1's model unit but was not recognised: no district has built one.
    ("dien_hinh", "huyen", 0, 2, 0.0, 100.0, False),
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
    ("dien_hinh", "huyen", 0, 1, 0.0, 100.0, False),  # its model H1-X1 was not recognised
]
KEYS = ("id", "unit_type", "numerator", "denominator", "actual_percent", "target_percent", "met")


def appendix_rows(doc, last_header: str) -> list[list[str]]:
    """The data rows of the appendix table whose header ends with last_header."""
    table = next(
        t
        for t in doc.tables
        if [c.text for c in t.rows[0].cells][:3] == ["STT", "Tên đơn vị", "Đơn vị cấp trên"]
        and t.rows[0].cells[-1].text == last_header
    )
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def run_report(runner, tmp_path, *extra):
    return runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(steady_campaign(tmp_path)),
            "--units",
            str(SMALL),
            "--results",
            str(RESULTS),
            "--out",
            str(tmp_path / "out"),
            *extra,
        ],
    )


@pytest.mark.parametrize(("level", "expected"), [((), ROOT), (("--level", "H1"), MIDDLE)])
def test_json_figures_match_the_hand_count(runner, tmp_path, level, expected):
    result = run_report(runner, tmp_path, "--format", "json", *level)
    assert result.exit_code == 0, result.stderr
    rows = [r for r in json.loads(result.stdout) if not r.get("figure")]
    assert rows == [dict(zip(KEYS, row)) for row in expected]


def test_terminal_table_is_vietnamese(runner, tmp_path):
    result = run_report(runner, tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Kết quả thực hiện chỉ tiêu: Tỉnh Mẫu (T)"
    assert lines[1].split() == [
        "Mã",
        "Chỉ",
        "số",
        "Loại",
        "đơn",
        "vị",
        "Đạt/Tổng",
        "Tỷ",
        "lệ",
        "Chỉ",
        "tiêu",
        "Kết",
        "quả",
    ]
    assert lines[3].split() == [
        "dang_ky",
        "Đăng",
        "ký",
        "khu",
        "dân",
        "cư",
        "3/4",
        "75%",
        "100%",
        "Không",
        "đạt",
    ]
    assert "dat_chuan Đạt chuẩn doanh nghiệp 0/0 không có đơn vị trên 70% Không đánh giá" in [
        " ".join(line.split()) for line in lines
    ]
    assert result.stderr.endswith(
        f"Báo cáo tổng kết: {tmp_path / 'out' / 'report' / 'T.docx'} (mới).\n"
    )


def test_report_document_has_its_parts_and_the_chart(runner, tmp_path):
    result = run_report(runner, tmp_path, "--level", "H1")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "out" / "report" / "H1.docx"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert [(d["unit"], d["kind"], d["path"], d["template"]) for d in manifest["documents"]] == [
        ("H1", "report", "report/H1.docx", "builtin:report.docx")
    ]
    with zipfile.ZipFile(path) as archive:
        # The chart, and the report's QR code (in the first page's footer, not in the body).
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert sorted(pictures) == ["word/media/image1.png", "word/media/ma-nhan-dien.png"]
        assert all(archive.read(p).startswith(b"\x89PNG") for p in pictures)
    doc = dh.open_docx(path)
    assert len(doc.inline_shapes) == 1
    dh.assert_a4_nd30(doc)
    assert dh.fonts_everywhere(doc) == {"Times New Roman"}
    assert dh.leftover_tags(doc) == []
    text = dh.full_text(doc)
    for heading in (
        "I. ĐẶC ĐIỂM, TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in text
    assert "Số:       /BC-UBND" in text
    # The campaign dates reports 20/12; a district's plan has it report before 15/12.
    assert "Một, ngày 14 tháng 12 năm 2025" in text
    # The body cites the appendix that lists the units below target.
    assert (
        "- Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự” (xã): mới đạt 50% (1/2), chỉ tiêu "
        "100%; danh sách đơn vị chưa đạt tại mục I Phụ lục I kèm theo." in text
    )
    assert "đơn vị chưa đạt: " not in text
    below = appendix_rows(doc, "Kết quả")
    assert ["1", "Xã Hai", "Huyện Một", "Chưa đăng ký"] in below
    assert ["1", "Thôn 2", "Xã Một", "Chưa được công nhận"] in below
    # The thresholds used for computed levels are stated.
    assert "theo ngưỡng: Xuất sắc từ 90 điểm; Khá từ 70 đến dưới 90 điểm" in text
    indicator_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    first = [c.text for c in indicator_table.rows[1].cells]
    assert first == [
        "1",
        "Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”",
        "thôn",
        "3/3",
        "100%",
        "100%",
        "Đạt",
    ]
    # A lower level reports to the unit above and the steering committee of its own province
    # (this roster's province is not the campaign's); a local government also to the standing
    # bodies of its level and its police.
    assert (
        "\nNơi nhận:\n- Ủy ban nhân dân tỉnh Mẫu;\n- Ban Chỉ đạo phong trào toàn dân bảo vệ an "
        "ninh Tổ quốc tỉnh Mẫu;\n- Thường trực Huyện ủy Một;\n- Thường trực Hội đồng nhân dân "
        "huyện Một;\n- Công an huyện Một;\n- Lưu: VT.\n" in text
    )
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
        SMALL_PROVINCE_WARNING.replace("campaign-kon-tum-2025.yaml", "steady.yaml")
        + f"Lỗi: --level: không có đơn vị mang mã H7 trong {SMALL}\n"
    )


def test_a_level_without_units_under_it_is_refused(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "report",
            "--units",
            str(SMALL),
            "--results",
            str(RESULTS),
            "--level",
            "H1-X1-T1",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Lỗi: --level: H1-X1-T1 (Thôn 1) không có đơn vị cấp dưới để báo cáo tổng kết\n"
    )


def campaign_without(key_line: str, until: str, replacement: str = "") -> str:
    """The sample campaign of a year without dated changes (steady_text), with the block from
    key_line up to the line starting `until` cut."""
    text = steady_text()
    start = text.index(f"\n{key_line}") + 1
    end = text.index(f"\n{until}", start) + 1
    return text[:start] + replacement + text[end:]


def test_awards_only_registered_recognised_xuat_sac_in_an_appendix(runner, tmp_path):
    # Xuất sắc by score: H1 (a district, 92), H1-X1-T1 (95, đạt), H2-X1 (90, registered but
    # not recognised); H2-CQ1 is made Xuất sắc without registering. Only H1-X1-T1 is eligible.
    results = tmp_path / "results.csv"
    results.write_text(
        RESULTS.read_text("utf-8").replace("H2-CQ1,có,đạt,88,,có", "H2-CQ1,không,không,96,,có"),
        "utf-8",
    )
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SMALL),
            "--results",
            str(results),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(tmp_path / "out" / "report" / "T.docx")
    assert appendix_rows(doc, "Xếp loại") == [["1", "Thôn 1", "Xã Một", "95", "Xuất sắc"]]
    text = dh.full_text(doc)
    assert (
        "- Đề nghị Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc Bộ Công an (Cục Xây "
        "dựng phong trào bảo vệ an ninh Tổ quốc) xem xét, khen thưởng 1 đơn vị đã đăng ký, được "
        "công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” và xếp loại phong trào Xuất sắc "
        "năm 2025 (có danh sách tại Phụ lục II kèm theo)." in text
    )
    titles = [p for p in dh.paragraphs(doc) if p.text.startswith("Phụ lục ")]
    assert [p.text for p in titles] == ["Phụ lục I", "Phụ lục II"]
    assert all(p.paragraph_format.page_break_before for p in titles)
    assert "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025" in text
    assert (
        "(Kèm theo Báo cáo số       /BC-UBND ngày 20/12/2025 của Ủy ban nhân dân tỉnh Mẫu)" in text
    )
    # The appendices follow the signature, not the body.
    assert text.index("\nNơi nhận:\n") < text.index("\nPhụ lục I\n")


def test_same_names_are_told_apart_by_the_unit_above(runner, tmp_path):
    assert run_report(runner, tmp_path).exit_code == 0
    doc = dh.open_docx(tmp_path / "out" / "report" / "T.docx")
    rows = appendix_rows(doc, "Kết quả")
    # Each group of the appendix opens with the indicator, its figures and its number.
    # (its name spans the two name columns)
    label = "Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự” (thôn)"
    assert rows[0] == ["I", label, label, "Đạt 75% (3/4), chỉ tiêu 100%"]
    assert rows[1] == ["1", "Thôn 1", "Xã Ba", "Chưa đăng ký"]
    label = "Xếp loại phong trào Khá trở lên (thôn)"
    kha = rows.index(["VI", label, label, "Đạt 50% (2/4), chỉ tiêu trên 95%"])
    # Units follow the tree (Huyện Hai before Huyện Một), each beside the unit above it.
    assert rows[kha + 1 : kha + 3] == [
        ["1", "Thôn 1", "Xã Ba", "Trung bình (50 điểm)"],
        ["2", "Thôn 2", "Xã Một", "Trung bình (65 điểm)"],
    ]


def test_figures_are_worded_by_the_kinds_of_units_present(runner, tmp_path):
    assert run_report(runner, tmp_path).exit_code == 0
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "T.docx"))
    assert (
        "Trên địa bàn tỉnh Mẫu có 2 huyện; 3 xã; 4 thôn; 1 cơ quan; 1 doanh nghiệp; 1 cơ sở "
        "giáo dục tham gia phong trào toàn dân bảo vệ an ninh Tổ quốc (tổng số 12 đơn vị)." in text
    )
    assert "- Xã: 2/3 đơn vị đăng ký (66,7%); 0/2 đơn vị đã đăng ký được công nhận" in text
    assert "- Thôn: 3/4 đơn vị đăng ký (75%)" in text


def test_the_sample_report_names_its_real_kinds_and_its_recipients(runner, tmp_path):
    result = runner.invoke(
        cli,
        [
            "report",
            "--results",
            str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
            "--scores",
            str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    # The report of 20/12/2025 is issued within the roster in force from 01/7/2025.
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "QNG.docx"))
    assert (
        "Trên địa bàn tỉnh Quảng Ngãi có 16 xã, phường; 44 thôn, làng, tổ dân phố; 4 cơ quan; 5 "
        "doanh nghiệp; 6 cơ sở giáo dục tham gia" in text
    )
    assert (
        "\nNơi nhận:\n- Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc Bộ Công an (Cục "
        "Xây dựng phong trào bảo vệ an ninh Tổ quốc);\n- Thường trực Tỉnh ủy Quảng Ngãi;\n- "
        "Thường trực Hội đồng nhân dân tỉnh Quảng Ngãi;\n- Công an tỉnh Quảng Ngãi;\n- Lưu: VT.\n"
        in text
    )


def test_the_root_report_needs_its_recipients(runner, tmp_path):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(campaign_without("noi_nhan_bao_cao:", "ngay_hoi:"), "utf-8")
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(campaign),
            "--units",
            str(SMALL),
            "--results",
            str(RESULTS),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert (
        "campaign.yaml, trường noi_nhan_bao_cao: kế hoạch năm chưa có mục này, cần cho báo cáo tổng "
        "kết của Tỉnh Mẫu (nơi nhận: cơ quan cấp trên)" in result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_districts_are_never_counted_as_registered_or_recognised(runner, tmp_path):
    # One registration target for every unit type: the districts H1 and H2 registered "có" in
    # the results, yet only the 10 units the standard covers are counted (7 registered).
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        campaign_without(
            "chi_tieu:",
            "# Ngưỡng",
            "chi_tieu:\n  - ma: dang_ky\n    noi_dung: 100% đơn vị đăng ký\n    ty_le: 100\n"
            "  - ma: dat_chuan\n    noi_dung: Trên 80% đơn vị được công nhận\n    ty_le: 80\n"
            '    so_sanh: ">"\n\n',
        ),
        "utf-8",
    )
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(campaign),
            "--units",
            str(SMALL),
            "--results",
            str(RESULTS),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    rows = [r for r in json.loads(result.stdout) if not r.get("figure")]
    assert [(r["id"], r["unit_type"], r["numerator"], r["denominator"]) for r in rows] == [
        ("dang_ky", None, 7, 10),
        ("dat_chuan", None, 4, 7),
    ]
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "T.docx"))
    section = text[text.index("4. Đăng ký, công nhận") : text.index("5. Đánh giá, phân loại")]
    assert "- Huyện" not in section and "cấp huyện" not in section
    assert (
        "- Các huyện không thuộc đối tượng đăng ký, công nhận đạt tiêu chuẩn “An toàn về an "
        "ninh, trật tự” (Thông tư số 124/2021/TT-BCA), chỉ được đánh giá, phân loại phong trào."
        in section
    )


def test_json_without_out_writes_no_file(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SMALL),
            "--results",
            str(RESULTS),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "dang_ky"
    assert list(tmp_path.iterdir()) == []
    assert "Báo cáo tổng kết:" not in result.stderr
    # The table keeps writing the document into out/ by default.
    assert (
        runner.invoke(
            cli,
            [
                "report",
                "--campaign",
                str(SAMPLE_CAMPAIGN),
                "--units",
                str(SMALL),
                "--results",
                str(RESULTS),
            ],
        ).exit_code
        == 0
    )
    assert (tmp_path / "out" / "report" / "T.docx").is_file()


@pytest.mark.slow
def test_docs_folder_measures_the_targets_met_by_documents(runner, tmp_path):
    docs = tmp_path / "docs"
    made = invoke_generate(runner, "all", docs, units=SMALL, campaign=steady_campaign(tmp_path))
    assert made.exit_code == 0, made.stderr
    (docs / "plan" / "H1-X2.docx").unlink()
    result = run_report(runner, tmp_path, "--docs", str(docs), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {(r["id"], r["unit_type"]): r for r in json.loads(result.stdout) if not r.get("figure")}
    assert rows["ke_hoach", "xa"] == {
        "id": "ke_hoach",
        "unit_type": "xa",
        "numerator": 2,
        "denominator": 3,
        "actual_percent": 66.67,
        "target_percent": 100.0,
        "met": False,
    }
    assert rows["cam_ket", "khu_dan_cu"]["met"] is True
    assert ("ngay_hoi", "huyen") in rows
    # The report and check count by the same rule.
    checked = json.loads(
        runner.invoke(
            cli,
            [
                "check",
                "--campaign",
                str(steady_campaign(tmp_path)),
                "--units",
                str(SMALL),
                "--docs",
                str(docs),
                "--format",
                "json",
            ],
        ).stdout
    )
    by_type = checked["indicators"]["plan"]["by_type"]["xa"]
    assert (by_type["present"], by_type["units"], by_type["met"]) == (2, 3, False)
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "T.docx"))
    assert "được đánh giá qua hồ sơ văn bản" not in text
    assert ["1", "Xã Hai", "Huyện Một", "Chưa có văn bản"] in appendix_rows(
        dh.open_docx(tmp_path / "out" / "report" / "T.docx"), "Kết quả"
    )
    # Without the folder, the same targets are named as not measured.
    assert run_report(runner, tmp_path, "--force").exit_code == 0
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "T.docx"))
    assert "được đánh giá qua hồ sơ văn bản của các đơn vị, không tính tỷ lệ" in text


def _units(unit_type: str, *names: str) -> list[Unit]:
    return [Unit(f"U{i}", name, unit_type, None, i) for i, name in enumerate(names)]


@pytest.mark.parametrize(
    ("units", "label"),
    [
        (_units("huyen", "Thành phố Kon Tum", "Huyện Đăk Hà", "Huyện Sa Thầy"), "huyện, thành phố"),
        (_units("xa", "Phường Quyết Thắng", "Xã Hà Mòn"), "xã, phường"),  # no thị trấn here
        (_units("xa", "Thị trấn Đăk Hà", "Xã Hà Mòn", "Đặc khu Lý Sơn"), "xã, thị trấn, đặc khu"),
        (
            _units("khu_dan_cu", "Tổ dân phố 1", "Làng Kon Klor", "Thôn 1", "Thôn Thống Nhất"),
            "thôn, làng, tổ dân phố",
        ),
        (_units("khu_dan_cu", "Khu dân cư số 3"), "khu dân cư"),
        (
            _units("co_quan", "Sở Tư pháp") + _units("co_so_giao_duc", "Trường THPT Kon Tum"),
            "cơ quan, cơ sở giáo dục",
        ),
        ([], ""),
    ],
)
def test_kinds_label_lists_the_kinds_really_present(units, label):
    assert kinds_label(units) == label


def test_noi_nhan_bao_cao_is_a_list_of_bodies(tmp_path):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        campaign_without("noi_nhan_bao_cao:", "ngay_hoi:", "noi_nhan_bao_cao: Công an tỉnh\n"),
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_campaign(campaign, kinds=REGISTRY)
    assert [(f.field, f.message) for f in caught.value.findings] == [
        ("noi_nhan_bao_cao", "phải là danh sách các nơi nhận, mỗi dòng một cơ quan")
    ]
    assert (
        load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY).report_recipients[-1]
        == "Công an tỉnh Quảng Ngãi"
    )


def test_levels_all_computed_from_scores_are_said_without_units_left_over(runner, tmp_path):
    """When the results give no level at all, no "remaining units" are said to be compared."""
    assert run_report(runner, tmp_path).exit_code == 0
    mixed = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "T.docx"))
    assert "xếp loại các đơn vị còn lại đã được đối chiếu với cùng ngưỡng" in mixed
    with RESULTS.open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    level = rows[0].index("Xếp loại")
    results = tmp_path / "results-no-level.csv"
    with results.open("w", encoding="utf-8", newline="") as target:
        blanked = ([*r[:level], "", *r[level + 1 :]] for r in rows[1:])
        csv.writer(target).writerows([rows[0], *blanked])
    out = tmp_path / "again"
    args = ["report", "--campaign", str(steady_campaign(tmp_path)), "--units", str(SMALL)]
    made = runner.invoke(cli, [*args, "--results", str(results), "--out", str(out)])
    assert made.exit_code == 0, made.output
    text = dh.full_text(dh.open_docx(out / "report" / "T.docx"))
    assert "Mức xếp loại của các đơn vị được tính từ tổng điểm tự chấm theo ngưỡng:" in text
    assert "còn lại" not in text
