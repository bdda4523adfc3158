"""Slow checks kept in CI: the wheel, LibreOffice opening our documents, a 500-unit roster."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from antq_docs.cli import cli
from antq_docs.inputs.roster import load_roster
from benchmarks.make_roster import write as write_roster
from tests import helpers as dh
from tests.helpers import (
    FIXTURES,
    ROOT,
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    invoke_generate,
    steady_campaign,
)

pytestmark = pytest.mark.slow


def soffice() -> str:
    """The LibreOffice binary; CI installs it, so there its absence is a failure."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
        pytest.skip("LibreOffice is not installed on this machine")
    return binary


def test_wheel_carries_templates_and_sample_into_another_environment(tmp_path):
    # Built from a clean copy of the sources: a build/ folder left in the checkout would ship
    # whatever an older build put there.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("antq_docs", "templates", "fixtures"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("antq_docs-*.whl"))
    # It carries the templates and the sample, and no test-only scenario.
    names = zipfile.ZipFile(wheel).namelist()

    def shipped(folder: str) -> set[str]:
        return {n.removeprefix(folder) for n in names if n.startswith(folder)}

    assert shipped("antq_docs/templates/") == {p.name for p in (ROOT / "templates").glob("*.docx")}
    assert shipped("antq_docs/fixtures/") == {p.name for p in SAMPLE_DIR.iterdir()}
    scenarios = {p.name for p in FIXTURES.iterdir()}
    assert not [n for n in names if n.rsplit("/", 1)[-1] in scenarios or n.startswith("tests/")]
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "antq-docs"), "generate", "all", "--out", "docs"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "site-packages/antq_docs/fixtures/campaign-kon-tum-2025.yaml" in result.stderr
    # Both rosters of the sample ship: pledges (March) of the Kon Tum tree, Ngày hội plans
    # (01/7/2025) of the Quảng Ngãi one.
    assert "units-quang-ngai-2025-07.csv từ 01/7/2025" in result.stderr
    assert len(list((elsewhere / "docs" / "pledge").glob("*.docx"))) == 93
    assert (elsewhere / "docs" / "event-plan" / "QNG-03.docx").exists()
    # The sample's results and scores ship too: the year-end kinds are written.
    assert "site-packages/antq_docs/fixtures/results-kon-tum-2025.csv" in result.stderr
    for kind, count in (("evaluation", 75), ("minutes", 60), ("report", 1)):
        assert len(list((elsewhere / "docs" / kind).glob("*.docx"))) == count
    # init works from the wheel (its README ships), and generate all runs in the new folder.
    antq = str(env_dir / "bin" / "antq-docs")
    subprocess.run([antq, "init", "start"], cwd=elsewhere, check=True, capture_output=True)
    result = subprocess.run(
        [antq, "generate", "all"],
        cwd=elsewhere / "start",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "dùng kế hoạch ke-hoach.yaml của thư mục hiện tại" in result.stderr
    assert (elsewhere / "start" / "out" / "report" / "QNG.docx").exists()
    assert "antq-docs init" in (elsewhere / "start" / "README.md").read_text("utf-8")


def test_libreoffice_opens_every_template_family(tmp_path, runner):
    binary = soffice()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["generate", "all", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    chosen = [
        out / "pledge" / "KT-02-02.docx",
        out / "pledge" / "KT-02-02-02.docx",
        out / "plan" / "KT-02.docx",
        out / "event-plan" / "KT-GD-01.docx",
        out / "resolution" / "KT-02.docx",
        out / "cell-resolution" / "KT-02-02-01.docx",
    ]
    for doc in chosen:
        pages = _pdf_pages(binary, doc, tmp_path / "pdf" / doc.parent.parent.name / doc.parent.name)
        assert pages >= 2


def _pdf_pages(binary: str, doc: Path, pdf_dir: Path) -> int:
    """Convert one document with LibreOffice and count the pages of the PDF."""
    profile = pdf_dir / "profile"
    subprocess.run(
        [
            binary,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            str(doc),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    data = (pdf_dir / (doc.stem + ".pdf")).read_bytes()
    assert data.startswith(b"%PDF")
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + data.count(b"/Type/Page")


def test_a_household_s_pledge_fits_one_page(tmp_path, runner):
    from pypdf import PdfReader

    binary = soffice()
    out = tmp_path / "out"
    result = invoke_generate(
        runner,
        "pledge",
        out,
        "--households",
        str(SAMPLE_DIR / "households-kon-tum-2025.csv"),
        "--per-household",
    )
    assert result.exit_code == 0, result.stderr
    forms = sorted((out / "pledge-household").rglob("*.docx"))
    # The first form, and the one with the longest address and name.
    longest = max(forms, key=lambda p: len(dh.full_text(dh.open_docx(p))))
    for form in (forms[0], longest):
        pdf_dir = tmp_path / "pdf" / form.stem
        _pdf_pages(binary, form, pdf_dir)
        assert len(PdfReader(pdf_dir / f"{form.stem}.pdf").pages) == 1, form


def test_plans_for_500_units_open_in_python_docx_and_libreoffice(tmp_path, runner):
    binary = soffice()
    csv_path, _ = write_roster(500, tmp_path / "data")
    roster = load_roster(csv_path)
    out = tmp_path / "out"
    for kind in ("plan", "event-plan"):
        result = runner.invoke(
            cli,
            [
                "generate",
                kind,
                "--campaign",
                str(SAMPLE_CAMPAIGN),
                "--units",
                str(csv_path),
                "--out",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.stderr
        issuers = sorted(u.code for u in roster if u.type != "tinh" and u.type != "khu_dan_cu")
        if kind == "event-plan":
            # 01/7/2025: the districts and their offices (phòng) have ended.
            issuers = [
                c
                for c in issuers
                if roster.get(c).type != "huyen" and not roster.get(c).name.startswith("Phòng ")
            ]
        written = sorted(p.stem for p in (out / kind).glob("*.docx"))
        assert written == issuers
        for code in written:
            doc = dh.open_docx(out / kind / f"{code}.docx")
            assert dh.leftover_tags(doc) == []
        for code in written[::60]:
            assert _pdf_pages(binary, out / kind / f"{code}.docx", tmp_path / "pdf" / kind) >= 2
    # Read as the official who signs them: a People's Committee has no superior line, a
    # commune states its own counts, no agency, school or enterprise carries another's targets.
    for unit in roster:
        if unit.type in ("tinh", "khu_dan_cu"):
            continue
        doc = dh.open_docx(out / "plan" / f"{unit.code}.docx")
        left = [p for p in doc.tables[0].rows[0].cells[0].text.split("\n") if p]
        texts = dh.texts(doc)
        targets = "\n".join(
            texts[texts.index("II. CHỈ TIÊU") + 1 : texts.index("III. NHIỆM VỤ, GIẢI PHÁP")]
        )
        if unit.type in ("huyen", "xa"):
            assert left[0] == "ỦY BAN NHÂN DÂN", (unit.code, left)
        if unit.type == "xa":
            villages = [c for c in unit.children if c.type == "khu_dan_cu"]
            count = f"{len(villages):02d}/{len(villages):02d}"
            assert f"100% ({count}) " in targets or f"({count})" in targets, unit.code
            assert "cấp huyện" not in targets and "huyện" not in targets, unit.code
        if unit.type in ("co_quan", "doanh_nghiep", "co_so_giao_duc"):
            for foreign in ("khu dân cư", "thôn", "cấp huyện", "xã, phường"):
                assert foreign not in targets, (unit.code, foreign)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_roster_of_500_units(tmp_path, runner, suffix):
    csv_path, xlsx_path = write_roster(500, tmp_path / "data")
    roster_path = csv_path if suffix == "csv" else xlsx_path
    roster = load_roster(roster_path)
    assert len(roster) >= 480
    assert "101" in roster.units and "101.0" not in roster.units
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "pledge",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(roster_path),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    written = sorted(p.stem for p in (out / "pledge").glob("*.docx"))
    assert written == sorted(u.code for u in roster if u.parent is not None)
    for unit in list(roster)[1::97]:
        doc = dh.open_docx(out / "pledge" / f"{unit.code}.docx")
        assert unit.head in dh.full_text(doc)
        assert dh.leftover_tags(doc) == []


def test_report_of_500_units_matches_a_hand_count(tmp_path, runner):
    import csv
    import json

    from benchmarks.make_results import write as write_results

    roster_csv, _ = write_roster(500, tmp_path / "data")
    results_csv, scores_csv, results_xlsx = write_results(roster_csv, tmp_path / "data")
    with roster_csv.open(encoding="utf-8-sig") as fh:
        units = {r["Mã đơn vị"]: r for r in csv.DictReader(fh)}
    with results_csv.open(encoding="utf-8-sig") as fh:
        rows = {r["Mã đơn vị"]: r for r in csv.DictReader(fh)}
    kind = {
        "Huyện": "huyen",
        "Xã": "xa",
        "Thôn": "khu_dan_cu",
        "Trường": "co_so_giao_duc",
        "Doanh nghiệp": "doanh_nghiep",
        "Cơ quan": "co_quan",
    }

    def of(unit_type):
        return [rows[c] for c, u in units.items() if kind.get(u["Loại"]) == unit_type]

    def good(row):
        return int(row["Điểm"]) >= 70  # Khá from 70 in the sample campaign

    hand = {}
    for t in ("khu_dan_cu", "xa", "co_quan", "co_so_giao_duc", "doanh_nghiep"):
        registered = [r for r in of(t) if r["Đăng ký"] == "có"]
        hand[("dang_ky", t)] = (len(registered), len(of(t)))
        hand[("dat_chuan", t)] = (sum(r["Đạt chuẩn"] == "đạt" for r in registered), len(registered))
        hand[("kha_tro_len", t)] = (sum(good(r) for r in of(t)), len(of(t)))
    districts = [c for c, u in units.items() if u["Loại"] == "Huyện"]
    hand[("huyen_kha_tro_len", "huyen")] = (sum(good(rows[c]) for c in districts), len(districts))
    # Model communes are the first commune of each district (make_roster); a district has
    # built one when its model registered, was recognised and is classified Khá or above.
    with_model = {
        units[c]["Mã cấp trên"]
        for c, u in units.items()
        if u["Điển hình"] == "x"
        and rows[c]["Đăng ký"] == "có"
        and rows[c]["Đạt chuẩn"] == "đạt"
        and good(rows[c])
    }
    hand[("dien_hinh", "huyen")] = (len(with_model & set(districts)), len(districts))

    for results_file in (results_csv, results_xlsx):
        extra = ["--scores", str(scores_csv)] if results_file == results_csv else []
        # A year without dated changes: the districts and their offices are still counted.
        result = runner.invoke(
            cli,
            [
                "report",
                "--campaign",
                str(steady_campaign(tmp_path)),
                "--units",
                str(roster_csv),
                "--results",
                str(results_file),
                *extra,
                "--format",
                "json",
                "--out",
                str(tmp_path / "r"),
            ],
        )
        assert result.exit_code == 0, result.stderr
        figures = {
            (i["id"], i["unit_type"]): (i["numerator"], i["denominator"])
            for i in json.loads(result.stdout)
            if not i.get("figure")
        }
        assert figures == hand

    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "all",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(roster_csv),
            "--results",
            str(results_xlsx),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    below = {"xa", "khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc"}
    # 15/11/2025: the districts' offices (phòng) ended with them and write no evaluation.
    expected = sorted(
        c
        for c, u in units.items()
        if kind.get(u["Loại"]) in below and not u["Tên đơn vị"].startswith("Phòng ")
    )
    assert sorted(p.stem for p in (out / "evaluation").glob("*.docx")) == expected
    assert len(dh.open_docx(out / "report" / "1.docx").inline_shapes) == 1  # the chart


def test_render_pictures_writes_page_one_of_every_kind(tmp_path):
    soffice()
    from PIL import Image

    from antq_docs.kinds import REGISTRY
    from tools.render_pictures import render

    written = render(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{k}.png" for k in REGISTRY)
    for path in written:
        with Image.open(path) as page:
            # A4 at 60 dpi: 496 x 702 pixels, one page only, in grey levels.
            assert abs(page.width - 496) <= 2 and abs(page.height - 702) <= 2
            assert page.mode == "L"
