"""Year-end results: every bad case reported with file, row and column, nothing written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from antq_docs.cli import cli
from antq_docs.errors import ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.loading import load_inputs
from antq_docs.inputs.results import load_results
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SMALL_PROVINCE_WARNING, write_xlsx

SMALL = FIXTURES / "units-small.csv"
THRESHOLDS = (
    "Xuất sắc từ 90 điểm; Khá từ 70 đến dưới 90 điểm; Trung bình từ 50 đến dưới 70 điểm; "
    "Yếu dưới 50 điểm"
)


def load(results: str, scores: str | None = None):
    return load_results(
        FIXTURES / results,
        load_roster(SMALL),
        load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY),
        scores=FIXTURES / scores if scores else None,
    )


def messages(results: str, scores: str | None = None) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load(results, scores)
    return [str(f) for f in caught.value.findings]


def test_good_results_levels_computed_or_checked():
    results = load("results-small.csv", "scores-small.csv")
    assert len(results.units) == 12
    h2 = results.units["H2"]
    assert (h2.score, h2.level, h2.level_computed) == (Decimal("69.5"), "Trung bình", True)
    x1 = results.units["H1-X1"]
    assert (x1.level, x1.level_computed) == ("Khá", False)
    assert sum(x1.item_scores.values()) == 85
    assert results.units["H2-GD1"].recognised is True  # "có" is accepted for Đạt chuẩn


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "results-unknown-unit.csv",
            [
                "results-unknown-unit.csv, dòng 14, cột A (Mã đơn vị): không có đơn vị nào "
                'mang mã "H9" trong units-small.csv'
            ],
        ),
        (
            "results-duplicate-row.csv",
            ['results-duplicate-row.csv, dòng 14, cột A (Mã đơn vị): mã "H2-CQ1" đã có ở dòng 12'],
        ),
        (
            "results-recognised-unregistered.csv",
            [
                "results-recognised-unregistered.csv, dòng 8, cột C (Đạt chuẩn): đạt chuẩn "
                "nhưng không đăng ký; chỉ đơn vị đã đăng ký mới được công nhận"
            ],
        ),
        (
            "results-score-out-of-range.csv",
            ["results-score-out-of-range.csv, dòng 13, cột D (Điểm): điểm 105 phải từ 0 đến 100"],
        ),
        (
            "results-level-contradicts-score.csv",
            [
                "results-level-contradicts-score.csv, dòng 3, cột E (Xếp loại): xếp loại "
                f'"Xuất sắc" trái với điểm 85: theo ngưỡng ({THRESHOLDS}) 85 điểm là "Khá"'
            ],
        ),
        (
            # Recognised, but Yếu: once by the level written, once by the level its score earns.
            "results-recognised-but-weak.csv",
            [
                "results-recognised-but-weak.csv, dòng 7, cột C (Đạt chuẩn): đạt chuẩn nhưng "
                f'điểm 30 là xếp loại "Yếu" (theo ngưỡng: {THRESHOLDS}); đơn vị xếp loại Yếu '
                "không được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”: sửa cột "
                "Đạt chuẩn hoặc cột Điểm",
                "results-recognised-but-weak.csv, dòng 12, cột C (Đạt chuẩn): đạt chuẩn nhưng "
                'xếp loại "Yếu"; đơn vị xếp loại Yếu không được công nhận đạt tiêu chuẩn “An '
                "toàn về an ninh, trật tự”: sửa cột Đạt chuẩn hoặc cột Xếp loại",
            ],
        ),
        (
            "results-bad-values.csv",
            [
                'results-bad-values.csv, dòng 10, cột E (Xếp loại): "Giỏi" không phải mức '
                "xếp loại; chấp nhận: Xuất sắc, Khá, Trung bình, Yếu",
                'results-bad-values.csv, dòng 11, cột B (Đăng ký): "chắc chắn" không rõ; '
                "ghi có hoặc không",
                'results-bad-values.csv, dòng 12, cột D (Điểm): "tám mươi" không phải số điểm',
                'results-bad-values.csv: đơn vị "H2-X1-T1" (Thôn 1) trong units-small.csv '
                "không có dòng kết quả",
            ],
        ),
    ],
)
def test_every_bad_results_case_is_reported_exactly(fixture, expected):
    assert messages(fixture) == expected


def test_item_score_over_its_maximum():
    assert messages("results-small.csv", "scores-over-maximum.csv") == [
        'scores-over-maximum.csv, dòng 4, cột C (Điểm): điểm 6 của mục "3" phải từ 0 đến 5 '
        "(điểm tối đa)",
    ]


def test_item_scores_that_do_not_add_up_and_unknown_items():
    assert messages("results-small.csv", "scores-wrong-total.csv") == [
        'scores-wrong-total.csv, dòng 12, cột B (Mã mục): mục "11" không có trong bảng chấm '
        "điểm của kế hoạch (bang_diem); các mục: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10",
        "results-small.csv, dòng 11, cột D (Điểm): điểm 50 khác tổng điểm các mục (51) trong "
        "scores-wrong-total.csv",
    ]


def test_xlsx_results_read_item_scores_from_the_bang_diem_sheet(tmp_path):
    import csv

    import openpyxl

    path = tmp_path / "kq.xlsx"
    with (FIXTURES / "results-small.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    write_xlsx(path, [["KẾT QUẢ NĂM 2025"], [], *rows], title="Kết quả")
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("Bang diem")
    with (FIXTURES / "scores-small.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    book.save(path)
    results = load_results(path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY))
    assert results.units["H2-X1-T1"].item_scores["10"] == 4


def test_bad_results_exit_1_and_write_nothing(tmp_path, runner):
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "all",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SMALL),
            "--results",
            str(FIXTURES / "results-duplicate-row.csv"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == SMALL_PROVINCE_WARNING + (
        "Lỗi: Dữ liệu đầu vào: 1 lỗi, chưa ghi tệp nào.\n"
        "  - results-duplicate-row.csv, dòng 14, cột A (Mã đơn vị): "
        'mã "H2-CQ1" đã có ở dòng 12\n'
    )
    assert not out.exists()


def test_evaluation_without_results_is_a_usage_error(tmp_path, runner):
    result = runner.invoke(
        cli,
        [
            "generate",
            "evaluation",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SMALL),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr == SMALL_PROVINCE_WARNING + (
        "Lỗi: văn bản evaluation cần tệp kết quả cuối năm: thêm --results TỆP.\n"
    )


def test_campaign_thresholds_and_sheet_are_validated(tmp_path):
    path = tmp_path / "c.yaml"
    text = SAMPLE_CAMPAIGN.read_text(encoding="utf-8")
    text = text.replace("  xuat_sac: 90\n", "  xuat_sac: 70\n  gioi: 1\n").replace(
        "  kha: 70\n", "  kha: 80\n"
    )
    path.write_text(text.replace("    diem_toi_da: 14\n", "    diem_toi_da: 13\n"), "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_campaign(path, kinds=REGISTRY)
    assert [str(f) for f in caught.value.findings] == [
        "c.yaml, trường xep_loai.gioi: khóa không được biết tới (viết sai tên?)",
        "c.yaml, trường xep_loai: ngưỡng phải giảm dần: xuat_sac > kha > trung_binh",
        "c.yaml, trường bang_diem: tổng điểm tối đa các mục là 99, phải là 100",
    ]


def test_a_commune_recognised_against_the_rule_on_its_units_is_refused(tmp_path):
    text = (
        (FIXTURES / "results-small.csv")
        .read_text("utf-8")
        .replace("H2-X1,có,chưa đạt,90,,có", "H2-X1,có,đạt,90,,có")
    )
    path = tmp_path / "kq.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_results(path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY))
    assert [str(f) for f in caught.value.findings] == [
        "kq.csv, dòng 10, cột C (Đạt chuẩn): cấp xã chỉ được công nhận đạt chuẩn khi 100% đơn vị "
        "trực thuộc đăng ký và ít nhất 70% đạt chuẩn (Thông tư 124/2021/TT-BCA); Xã Ba có 0/1 "
        "đăng ký, 0/1 đạt chuẩn"
    ]


def test_encoding_applies_to_csv_inputs_and_workbooks_keep_their_own(tmp_path, runner):
    results = write_xlsx(
        tmp_path / "kq.xlsx",
        [
            ["Mã đơn vị", "Đăng ký", "Đạt chuẩn", "Điểm", "Xếp loại", "Ngày hội"],
            ["H1", "có", "đạt", 91, None, "có"],
            ["X1", "có", "đạt", 85, None, "có"],
            ["TH1", "có", "đạt", 80, None, "có"],
        ],
    )
    result = runner.invoke(
        cli,
        [
            "generate",
            "pledge",
            "--units",
            str(FIXTURES / "roster-windows-1258.csv"),
            "--encoding",
            "cp1258",
            "--results",
            str(results),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out" / "pledge").glob("*.docx"))) == 3


def _results_with(tmp_path, old: str, new: str):
    """results-small.csv with one row replaced."""
    text = (FIXTURES / "results-small.csv").read_text("utf-8")
    assert old in text
    text = text.replace(old, new)
    path = tmp_path / "kq.csv"
    path.write_text(text, "utf-8")
    return path


def test_sample_ngay_hoi_item_is_tied_to_the_ngay_hoi():
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    assert [i.id for i in campaign.score_items if i.requires == "ngay_hoi"] == ["3"]


def test_an_item_scored_without_a_ngay_hoi_is_reported_with_the_others(tmp_path):
    # Xã Một held no Ngày hội but scored 5 on item 3; its Thôn 2 has a bad level too.
    path = _results_with(tmp_path, "H1-X1,có,chưa đạt,85,Khá,có", "H1-X1,có,chưa đạt,85,Khá,không")
    path.write_text(
        path.read_text("utf-8").replace(
            "H1-X1-T2,có,chưa đạt,65,,có", "H1-X1-T2,có,chưa đạt,65,Khá,có"
        ),
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_results(
            path,
            load_roster(SMALL),
            load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY),
            scores=FIXTURES / "scores-small.csv",
        )
    assert [str(f) for f in caught.value.findings] == [
        f'kq.csv, dòng 5, cột E (Xếp loại): xếp loại "Khá" trái với điểm 65: theo ngưỡng '
        f'({THRESHOLDS}) 65 điểm là "Trung bình"',
        'scores-small.csv, dòng 4, cột C (Điểm), đơn vị H1-X1: mục "3" (Tổ chức Ngày hội toàn '
        "dân bảo vệ an ninh Tổ quốc (19/8)) được 5 điểm nhưng đơn vị không tổ chức Ngày hội "
        "(cột Ngày hội của kq.csv); mục này phải là 0 điểm",
    ]


def test_zero_on_the_ngay_hoi_item_agrees_with_no_ngay_hoi(tmp_path):
    text = (FIXTURES / "scores-small.csv").read_text("utf-8").replace("H1-X1,3,5", "H1-X1,3,0")
    text = text.replace("H1-X1,9,8", "H1-X1,9,10").replace("H1-X1,10,7", "H1-X1,10,10")
    scores = tmp_path / "diem.csv"
    scores.write_text(text, "utf-8")
    path = _results_with(tmp_path, "H1-X1,có,chưa đạt,85,Khá,có", "H1-X1,có,chưa đạt,85,Khá,không")
    loaded = load_results(
        path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY), scores=scores
    )
    assert loaded.units["H1-X1"].event_held is False
    assert loaded.units["H1-X1"].item_scores["3"] == 0


def test_an_unknown_item_dependency_is_a_campaign_finding(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        SAMPLE_CAMPAIGN.read_text("utf-8").replace("can: ngay_hoi", "can: ngay_le"), "utf-8"
    )
    with pytest.raises(ValidationError) as caught:
        load_campaign(path, kinds=REGISTRY)
    assert [str(f) for f in caught.value.findings] == [
        'c.yaml, trường bang_diem[3].can: "ngay_le" phải là một trong: ngay_hoi'
    ]


def test_a_district_may_leave_the_standard_cells_empty(tmp_path):
    path = _results_with(tmp_path, "H1,có,đạt,92,,có", "H1,,,92,,có")
    results = load_results(path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY))
    h1 = results.units["H1"]
    assert (h1.registered, h1.recognised, h1.score) == (False, False, 92)


def test_a_commune_may_not_leave_the_standard_cells_empty(tmp_path):
    path = _results_with(tmp_path, "H2-X1,có,chưa đạt,90,,có", "H2-X1,,,90,,có")
    with pytest.raises(ValidationError) as caught:
        load_results(path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY))
    assert [str(f) for f in caught.value.findings] == [
        "kq.csv, dòng 10, cột B (Đăng ký): thiếu giá trị bắt buộc",
        "kq.csv, dòng 10, cột C (Đạt chuẩn): thiếu giá trị bắt buộc",
    ]


MEETING_HEADER = (
    "Mã đơn vị,Đăng ký,Đạt chuẩn,Điểm,Xếp loại,Ngày hội,Thư ký,Số người dự họp,Số tán thành"
)


def test_review_meeting_columns_are_optional_and_stored(tmp_path):
    text = (FIXTURES / "results-small.csv").read_text("utf-8").splitlines()
    rows = [MEETING_HEADER] + [
        line + (",Trần Thị Hạnh,40,38" if line.startswith("H1-X1-T1,") else ",,,")
        for line in text[1:]
    ]
    path = tmp_path / "kq.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    results = load_results(path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY))
    t1 = results.units["H1-X1-T1"]
    assert (t1.secretary, t1.attendance, t1.votes_for) == ("Trần Thị Hạnh", 40, 38)
    t2 = results.units["H1-X1-T2"]
    assert (t2.secretary, t2.attendance, t2.votes_for) == ("", None, None)


def test_review_meeting_counts_are_whole_numbers_and_votes_within_attendance(tmp_path):
    text = (FIXTURES / "results-small.csv").read_text("utf-8").splitlines()
    extra = {
        "H1-X1-T1,": ",Trần Thị Hạnh,40,41",
        "H1-X1-T2,": ',,bốn mươi,"2,5"',
        "H2-X1-T1,": ",,30,",
    }
    rows = [MEETING_HEADER] + [
        line + next((v for k, v in extra.items() if line.startswith(k)), ",,,") for line in text[1:]
    ]
    path = tmp_path / "kq.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_results(path, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY))
    assert [str(f) for f in caught.value.findings] == [
        "kq.csv, dòng 4, cột I (Số tán thành): số tán thành 41 lớn hơn số người dự họp 40",
        'kq.csv, dòng 5, cột H (Số người dự họp): "bốn mươi" phải là số người (số nguyên)',
        'kq.csv, dòng 5, cột I (Số tán thành): "2,5" phải là số người (số nguyên)',
    ]


def _one_commune_results(tmp_path: Path) -> Path:
    """The Vĩnh Linh results with the rows of the commune's subtree kept for one village."""
    source = FIXTURES / "results-vinh-linh-2025.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "ket-qua-thon.csv"
    path.write_text("\n".join([lines[0], *(x for x in lines if x.startswith("QT-VL-04,"))]) + "\n")
    return path


def test_results_of_the_chosen_unit_owe_rows_of_its_subtree_only(tmp_path: Path) -> None:
    """The official of one village fills its row; the roster's other units owe none then."""
    args = (FIXTURES / "campaign-vinh-linh-2025.yaml", FIXTURES / "units-vinh-linh-2025.csv")
    results = _one_commune_results(tmp_path)
    with pytest.raises(ValidationError) as caught:
        load_inputs(*args, kinds=REGISTRY, results=results, year_end=True)
    assert any("QT-VL-05" in f.message for f in caught.value.findings)
    inputs = load_inputs(*args, kinds=REGISTRY, results=results, year_end=True, scope="QT-VL-04")
    assert inputs.results is not None
    assert set(inputs.results.units) == {"QT-VL-04"}
