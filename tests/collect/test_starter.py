"""`antq-docs init`: the starter folder, `generate all` run inside it, and no overwriting."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from antq_docs import resources
from antq_docs.cli import cli
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.results import COLUMNS as RESULT_COLUMNS
from antq_docs.inputs.results import SCORE_COLUMNS, SCORES_SHEET
from antq_docs.inputs.roster import COLUMNS as ROSTER_COLUMNS
from antq_docs.kinds import REGISTRY
from antq_docs.model import TYPE_LABELS, ScoreItem
from antq_docs.starter import item_scores
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN

FILES = [
    "ke-hoach.yaml",
    "danh-sach-kon-tum.xlsx",
    "danh-sach-quang-ngai.xlsx",
    "ket-qua.xlsx",
    "README.md",
]


@pytest.mark.slow
def test_init_then_generate_all_inside_the_folder_writes_every_kind(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", "khoi-dau"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"Đã tạo khoi-dau/{name}" for name in FILES]
    assert sorted(p.name for p in (tmp_path / "khoi-dau").iterdir()) == sorted(FILES)

    monkeypatch.chdir(tmp_path / "khoi-dau")
    result = runner.invoke(cli, ["generate", "all"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "Không chỉ định tệp: dùng kế hoạch ke-hoach.yaml của thư mục hiện tại",
        "Không chỉ định tệp: dùng kết quả cuối năm ket-qua.xlsx của thư mục hiện tại (chưa có "
        "kết quả thì đổi tên tệp này)",
        "Xong: 33 tệp mới, 0 cập nhật, 0 không đổi, 0 đã sửa tay được giữ nguyên trong out.",
    ]
    out = tmp_path / "khoi-dau" / "out"
    written = {
        k: sorted(p.stem for p in (out / k).glob("*.docx"))
        for k in (
            "pledge",
            "plan",
            "resolution",
            "cell-resolution",
            "event-plan",
            "evaluation",
            "minutes",
            "report",
        )
    }
    # Plans (20/3) come from the Kon Tum tree with its district; Ngày hội plans (01/7) and
    # the year-end documents from the Quảng Ngãi tree, which has none.
    assert written["plan"] == ["KT-02", "KT-02-02", "KT-CQ-01", "KT-DN-05", "KT-GD-06"]
    # The cấp ủy's resolutions beside the district's and commune's plans; the chi bộ's of the
    # khu dân cư whose row names its chi bộ.
    assert written["resolution"] == ["KT-02", "KT-02-02"]
    assert written["cell-resolution"] == ["KT-02-02-01"]
    assert written["event-plan"] == ["KT-CQ-01", "KT-DN-05", "KT-GD-06", "QNG-03"]
    assert written["minutes"] == ["KT-02-02-01", "QNG-03"]
    assert written["report"] == ["QNG"]
    assert len(written["evaluation"]) == 5

    # The enterprise did not hold the Ngày hội: its item scores nothing, the total agrees.
    text = dh.full_text(dh.open_docx(out / "evaluation" / "KT-DN-05.docx"))
    assert "Công ty Cổ phần Cao su Kon Tum" in text
    assert "Không tổ chức Ngày hội" in text
    assert "68/100" in text
    plan = dh.full_text(dh.open_docx(out / "plan" / "KT-02-02.docx"))
    assert "Ủy ban nhân dân huyện Đăk Hà" in plan

    # The same folder serves the other commands: every required document is there, the
    # evaluations still wait for the units' own words (ket-qua.xlsx of init has none), and the
    # year report reads ket-qua.xlsx without being told.
    result = runner.invoke(cli, ["check", "--docs", "out"])
    assert result.exit_code == 3, result.stdout
    assert "thiếu 0, không hợp lệ 0, chưa hoàn thiện 6." in result.stdout
    result = runner.invoke(cli, ["report", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "ket-qua.xlsx của thư mục hiện tại" in result.stderr


def test_starter_roster_has_a_title_the_headers_and_a_type_list(tmp_path, runner):
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "danh-sach-kon-tum.xlsx")
    sheet = book.worksheets[0]
    assert sheet["A1"].value.startswith("DANH SÁCH ĐƠN VỊ")
    assert [c.value for c in sheet[4]] == [c.header for c in ROSTER_COLUMNS]
    types = [row[2] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert types == ["Tỉnh", "Huyện", "Xã", "Thôn", "Cơ quan", "Doanh nghiệp", "Trường"]
    (rule,) = sheet.data_validations.dataValidation
    assert rule.type == "list" and str(rule.sqref) == "C5:C2000"
    lists = book["Danh mục"]
    assert [r[0] for r in lists.iter_rows(values_only=True)] == [
        label for labels in TYPE_LABELS.values() for label in labels
    ]
    # After 01/7/2025: no district, the commune hangs from the province.
    july = openpyxl.load_workbook(tmp_path / "danh-sach-quang-ngai.xlsx").worksheets[0]
    rows = list(july.iter_rows(min_row=5, values_only=True))
    assert "Huyện" not in [r[2] for r in rows]
    assert rows[1][:4] == ("QNG-03", "Xã Đăk Hà", "Xã", "QNG")


def test_starter_results_agree_with_the_campaign_scoring_sheet(tmp_path, runner):
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "ket-qua.xlsx")
    results, scores = book.worksheets[0], book[SCORES_SHEET]
    headers = [c.value for c in results[4]]
    assert [h for h in headers if h != "Tên đơn vị"] == [c.header for c in RESULT_COLUMNS]
    assert [c.value for c in scores[4]][:3] == [c.header for c in SCORE_COLUMNS]
    campaign = load_campaign(tmp_path / "ke-hoach.yaml", kinds=REGISTRY)
    items = {i.id: i for i in campaign.score_items}
    totals: dict[str, int] = {}
    for code, item, points, *_ in scores.iter_rows(min_row=5, values_only=True):
        assert 0 <= points <= items[item].max_points
        totals[code] = totals.get(code, 0) + points
    held = {}
    for row in results.iter_rows(min_row=5, values_only=True):
        record = dict(zip(headers, row))
        assert totals[record["Mã đơn vị"]] == record["Điểm"]
        held[record["Mã đơn vị"]] = record["Ngày hội"] == "có"
    event_item = next(i for i in items.values() if i.requires == "ngay_hoi")
    for code, item, points, *_ in scores.iter_rows(min_row=5, values_only=True):
        if item == event_item.id and not held[code]:
            assert points == 0


def test_starter_campaign_is_the_sample_naming_the_starter_rosters(tmp_path, runner):
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    text = (tmp_path / "ke-hoach.yaml").read_text("utf-8")
    assert "  - tep: danh-sach-kon-tum.xlsx\n" in text
    assert "  - tep: danh-sach-quang-ngai.xlsx\n" in text
    assert "units-kon-tum-2025.csv" not in text
    # The target naming KT-01 stays only as a commented example: the small tree lacks KT-01.
    assert "\n    don_vi: [KT-01]" not in text
    assert "  #   don_vi: [KT-01]\n" in text
    # Everything else of the sample, comments included, is there.
    assert "# Bảng chấm điểm 100 điểm" in text
    assert SAMPLE_CAMPAIGN.read_text("utf-8").splitlines()[0] in text
    readme = (tmp_path / "README.md").read_text("utf-8")
    for name in FILES[:-1]:
        assert f"`{name}`" in readme
    assert readme == resources.starter_readme()


def test_init_never_overwrites_and_refuses_when_everything_exists(tmp_path, runner):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "ke-hoach.yaml").write_text("nam: 2026\n", "utf-8")
    result = runner.invoke(cli, ["init", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert f"Giữ nguyên {folder / 'ke-hoach.yaml'}: tệp đã có, không ghi đè.\n" in result.stderr
    assert (folder / "ke-hoach.yaml").read_text("utf-8") == "nam: 2026\n"
    assert f"Đã tạo {folder / 'ket-qua.xlsx'}" in result.stdout
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    result = runner.invoke(cli, ["init", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Lỗi: {folder}: đã có đủ các tệp khởi đầu ({', '.join(FILES)}); không ghi đè tệp nào\n"
    )
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_init_on_a_file_is_an_error(tmp_path, runner):
    path = tmp_path / "f"
    path.write_text("", "utf-8")
    result = runner.invoke(cli, ["init", str(path)])
    assert result.exit_code == 2
    assert f"'{path}' là một tệp." in result.stderr
    assert path.read_text("utf-8") == ""


def test_item_scores_add_up_within_maxima_and_skip_the_event_item():
    items = [
        ScoreItem("1", "a", Decimal(5)),
        ScoreItem("2", "b", Decimal(20)),
        ScoreItem("3", "c", Decimal(5), requires="ngay_hoi"),
        ScoreItem("4", "d", Decimal(70)),
    ]
    points = item_scores(items, 68, event_held=False)
    assert points["3"] == 0
    assert sum(points.values()) == 68
    assert all(0 <= points[i.id] <= i.max_points for i in items)
    assert sum(item_scores(items, 100, event_held=True).values()) == 100
