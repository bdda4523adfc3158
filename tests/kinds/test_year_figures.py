"""The year's figures and the units' own words in evaluations and year reports (part 11).

The expected numbers are read from the sample's results file here, with the csv module, and
summed by hand over the roster: never taken from the code under test.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from docx.enum.text import WD_COLOR_INDEX

from antq_docs.cli import cli
from antq_docs.docxread import PLACEHOLDER
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.model import roll_up
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR

RESULTS = SAMPLE_DIR / "results-kon-tum-2025.csv"
JULY = SAMPLE_DIR / "units-quang-ngai-2025-07.csv"
# The figures of the sample campaign: column heading → (id, counting unit).
FIGURES = {
    "Số buổi tuyên truyền": ("buoi_tuyen_truyen", "buổi"),
    "Số lượt người dự tuyên truyền": ("luot_nguoi_du", "lượt người"),
    "Số hộ gia đình ký cam kết": ("ho_ky_cam_ket", "hộ"),
    "Số tin về an ninh, trật tự cung cấp cho Công an": ("tin_cung_cap", "tin"),
    "Số tin có giá trị": ("tin_co_gia_tri", "tin"),
    "Số mô hình tự quản về an ninh, trật tự": ("mo_hinh_tu_quan", "mô hình"),
    "Số tổ bảo vệ an ninh, trật tự ở cơ sở": ("to_bao_ve", "tổ"),
    "Số vụ việc hòa giải thành": ("hoa_giai_thanh", "vụ việc"),
    "Số lượt người dự Ngày hội": ("luot_nguoi_ngay_hoi", "lượt người"),
}


def _rows(path: Path = RESULTS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _parents() -> dict[str, str]:
    with JULY.open(encoding="utf-8-sig", newline="") as f:
        return {r["Mã đơn vị"]: r["Mã cấp trên"] for r in csv.DictReader(f)}


def _by_hand(code: str, heading: str) -> int:
    """A figure of a unit and everything below it, summed from the file by hand."""
    parents = _parents()

    def inside(c: str) -> bool:
        while c:
            if c == code:
                return True
            c = parents.get(c, "")
        return False

    return sum(int(r[heading]) for r in _rows() if r[heading] and inside(r["Mã đơn vị"]))


def _vi(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@pytest.fixture(scope="module")
def year_end(tmp_path_factory) -> Path:
    """Evaluations and the province's report of the sample (two rosters, its results)."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("year-end")
    for kind in ("evaluation", "report"):
        result = CliRunner().invoke(cli, ["generate", kind, "--out", str(out)])
        assert result.exit_code == 0, result.stderr
    return out


def test_roll_up_is_own_plus_subtree_at_every_level() -> None:
    inputs = load_inputs(None, None, year_end=True, kinds=REGISTRY)
    results, figures = inputs.results, inputs.campaign.figures
    assert results is not None and len(figures) == 9
    root = inputs.roster.root
    for unit in [root, *root.descendants()]:
        totals = {t.figure.id: t.value for t in roll_up(unit, results, figures)}
        own = results.figures.get(unit.code, {})
        for figure in figures:
            below = [roll_up(c, results, [figure])[0].value for c in unit.children]
            parts = [v for v in [own.get(figure.id), *below] if v is not None]
            assert totals[figure.id] == (sum(parts) if parts else None), (unit.code, figure.id)
    for heading, (figure_id, _) in FIGURES.items():
        total = next(t for t in roll_up(root, results, figures) if t.figure.id == figure_id)
        assert total.value == _by_hand("QNG", heading)


def test_a_commune_evaluation_carries_its_figures_and_its_villages(year_end: Path) -> None:
    doc = dh.open_docx(year_end / "evaluation" / "KT-02-03.docx")  # Xã Đăk Mar, two thôn
    text = dh.full_text(doc)
    own = next(r for r in _rows() if r["Mã đơn vị"] == "KT-02-03")
    for heading, (_, measure) in FIGURES.items():
        if heading == "Số hộ gia đình ký cam kết":
            expected = f"- {heading}: {_vi(_by_hand('KT-02-03', heading))} {measure}."
        else:
            total = _by_hand("KT-02-03", heading)
            mine = int(own[heading]) if own[heading] else 0
            expected = f"- {heading}: {_vi(total)} {measure}"
            if mine and total - mine:
                expected += (
                    f" (của đơn vị {_vi(mine)}, của các đơn vị trên địa bàn {_vi(total - mine)})"
                )
        assert expected in text, expected
    for section in (
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Công tác lãnh đạo, chỉ đạo",
        "2. Công tác tuyên truyền",
        "4. Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "VI. TỰ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI",
    ):
        assert dh.find(doc, section).runs[0].bold, section
    assert own["Tồn tại, hạn chế"] in text and "Nguyên nhân: " + own["Nguyên nhân"] in text
    assert own["Phương hướng"] in text
    # The commune existed in March: its own plan is cited with the plan's date.
    assert "Ủy ban nhân dân xã Đăk Mar đã ban hành Kế hoạch số" in text
    assert "/KH-UBND ngày 20/3/2025" in text
    assert PLACEHOLDER not in text
    assert dh.leftover_tags(doc) == []


def test_a_commune_formed_in_july_claims_no_plan_of_march(year_end: Path) -> None:
    text = dh.full_text(dh.open_docx(year_end / "evaluation" / "QNG-03.docx"))
    assert "đã ban hành Kế hoạch số" not in text
    assert "(ngày 25/3/2025)" not in text  # nor the pledges signed before it existed
    assert "Ủy ban nhân dân xã Đăk Hà triển khai Kế hoạch số 38/KH-BCĐ" in text


def _write(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_missing_note_leaves_a_highlighted_placeholder(tmp_path: Path, runner) -> None:
    rows = _rows()
    for row in rows:
        if row["Mã đơn vị"] == "KT-02-03-01":
            for key in (
                "Đặc điểm tình hình",
                "Tồn tại, hạn chế",
                "Nguyên nhân",
                "Phương hướng",
                "Kết quả nổi bật",
                "Kiến nghị, đề xuất",
            ):
                row[key] = ""
    path = _write(rows, tmp_path / "ket-qua.csv")
    result = runner.invoke(
        cli,
        [
            "generate",
            "evaluation",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--results",
            str(path),
            "--scores",
            str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
            "--unit",
            "KT-02-03-01",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(tmp_path / "out" / "evaluation" / "KT-02-03-01.docx")
    holes = [p for p in dh.paragraphs(doc) if p.text.startswith(PLACEHOLDER)]
    assert [p.text for p in holes] == [
        "[Cần bổ sung: đặc điểm tình hình an ninh, trật tự trên địa bàn, thuận lợi và khó khăn "
        "của đơn vị trong năm]",
        "[Cần bổ sung: những tồn tại, hạn chế của đơn vị trong năm]",
        "[Cần bổ sung: nguyên nhân của các tồn tại, hạn chế (khách quan, chủ quan)]",
        "[Cần bổ sung: phương hướng, nhiệm vụ của đơn vị trong năm tới]",
    ]
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in holes for r in p.runs)


def test_every_sample_evaluation_is_a_finished_draft(year_end: Path) -> None:
    for path in sorted((year_end / "evaluation").glob("*.docx")):
        assert PLACEHOLDER not in dh.full_text(dh.open_docx(path)), path.name


def test_zero_and_absent_figures_are_said_as_such(tmp_path: Path, runner) -> None:
    rows = _rows()
    for row in rows:
        if row["Mã đơn vị"] == "KT-02-03-01":
            row["Số tin có giá trị"] = "0"
            row["Số vụ việc hòa giải thành"] = ""
        if row["Mã đơn vị"] == "KT-02-03-02":
            row["Số vụ việc hòa giải thành"] = ""
    path = _write(rows, tmp_path / "ket-qua.csv")
    result = runner.invoke(
        cli,
        [
            "generate",
            "evaluation",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--results",
            str(path),
            "--scores",
            str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
            "--unit",
            "KT-02-03-01",
            "--unit",
            "KT-02-03",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    village = dh.full_text(dh.open_docx(tmp_path / "out" / "evaluation" / "KT-02-03-01.docx"))
    assert "- Số tin có giá trị: không có." in village
    assert "- Số vụ việc hòa giải thành: chưa có số liệu." in village
    commune = dh.full_text(dh.open_docx(tmp_path / "out" / "evaluation" / "KT-02-03.docx"))
    own = next(r for r in rows if r["Mã đơn vị"] == "KT-02-03")["Số vụ việc hòa giải thành"]
    assert (
        f"- Số vụ việc hòa giải thành: {own} vụ việc (số liệu của 01/03 đơn vị đã báo cáo)."
    ) in commune


def test_the_province_report_sums_everything_and_keeps_the_levels_words(year_end: Path) -> None:
    doc = dh.open_docx(year_end / "report" / "QNG.docx")
    text = dh.full_text(doc)
    for heading, (_, measure) in FIGURES.items():
        assert f"- {heading}: {_vi(_by_hand('QNG', heading))} {measure}." in text, heading
    root = next(r for r in _rows() if r["Mã đơn vị"] == "QNG")
    for key in ("Đặc điểm tình hình", "Kết quả nổi bật", "Tồn tại, hạn chế", "Phương hướng"):
        assert root[key] in text, key
    assert "Nguyên nhân: " + root["Nguyên nhân"] in text
    assert "- " + root["Kiến nghị, đề xuất"] in text
    assert "…" not in text  # no dotted lines standing in for the causes
    assert "Tập trung khắc phục các chỉ tiêu chưa đạt" not in text
    assert PLACEHOLDER not in text


def test_report_compares_with_last_year(tmp_path: Path, runner) -> None:
    rows = _rows()
    recognised_now = sum(
        1 for r in rows if r["Đạt chuẩn"] == "đạt" and r["Mã đơn vị"].count("-") == 3
    )
    last = []
    for row in rows:
        old = dict(row)
        if old["Mã đơn vị"].count("-") == 3 and old["Đạt chuẩn"] == "đạt" and len(last) % 3 == 0:
            old["Đạt chuẩn"], old["Điểm"], old["Xếp loại"] = "chưa đạt", "60", ""
        if old["Số buổi tuyên truyền"]:
            old["Số buổi tuyên truyền"] = str(int(old["Số buổi tuyên truyền"]) - 1)
        last.append(old)
    path = tmp_path / "ket-qua-2024.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(last)
    recognised_then = sum(
        1 for r in last if r["Đạt chuẩn"] == "đạt" and r["Mã đơn vị"].count("-") == 3
    )
    assert recognised_then < recognised_now
    result = runner.invoke(
        cli, ["report", "--nam-truoc", str(path), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "QNG.docx"))
    line = next(p for p in text.split("\n") if p.startswith("- Thôn, làng, tổ dân phố:"))
    assert f"(năm 2024: {recognised_then}, tăng {recognised_now - recognised_then})" in line
    total = _by_hand("QNG", "Số buổi tuyên truyền")
    reporting = sum(1 for r in rows if r["Số buổi tuyên truyền"])
    assert (
        f"- Số buổi tuyên truyền: {_vi(total)} buổi, tăng {reporting} buổi so với năm 2024."
    ) in text


def test_nam_truoc_needs_this_years_results(tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli,
        [
            "generate",
            "pledge",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--nam-truoc",
            str(RESULTS),
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    assert "--nam-truoc chỉ dùng cùng kết quả cuối năm của năm nay (--results)." in result.stderr


def test_report_json_lists_the_rolled_up_figures(runner) -> None:
    result = runner.invoke(cli, ["report", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    figures = {r["id"]: r for r in rows if r.get("figure")}
    assert {r["id"] for r in rows if not r.get("figure")} >= {"dang_ky", "dat_chuan"}
    for heading, (figure_id, measure) in FIGURES.items():
        assert figures[figure_id]["value"] == _by_hand("QNG", heading)
        assert figures[figure_id]["measure"] == measure


def test_drafts_never_change_a_fact_of_the_results(tmp_path: Path, runner) -> None:
    """A registration drafted for a unit the results say did not register is a warning, and
    the registration target is counted from the results, with or without --docs."""
    out = tmp_path / "out"
    result = runner.invoke(cli, ["generate", "registration", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    plain = json.loads(runner.invoke(cli, ["report", "--format", "json"]).stdout)
    with_docs = runner.invoke(cli, ["report", "--format", "json", "--docs", str(out)])
    assert with_docs.exit_code == 0, with_docs.stderr
    registered = [r for r in json.loads(with_docs.stdout) if r["id"] == "dang_ky"]
    assert registered == [r for r in plain if r["id"] == "dang_ky"]
    unregistered = sorted(
        r["Mã đơn vị"]
        for r in _rows()
        if r["Đăng ký"] == "không" and (out / "registration" / f"{r['Mã đơn vị']}.docx").exists()
    )
    assert unregistered
    warning = next(
        line
        for line in with_docs.stderr.splitlines()
        if "có văn bản nhưng kết quả cuối năm ghi chưa đạt" in line
    )
    assert re.search(rf"ở {len(unregistered)} đơn vị", warning)
    assert all(code in warning for code in unregistered[:10])
