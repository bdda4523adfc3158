"""A whole 2025 of a 500-unit province, read document by document: one roster for the year and
the same province in two periods. Nothing dated after a body ended names it (slow)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from antq_docs.cli import cli
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from benchmarks import make_results, make_roster
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, campaign_text

pytestmark = pytest.mark.slow

POLICE_END = dt.date(2025, 3, 1)
DISTRICT_END = dt.date(2025, 7, 1)
# A district's police, whatever the district is called.
DISTRICT_POLICE = re.compile(r"Công an (huyện|quận|thị xã)\b|CÔNG AN (HUYỆN|QUẬN|THỊ XÃ)\b")


def _after_july(rows: list[list[str]]) -> list[list[str]]:
    """The roster from 01/7/2025: no district and no district office; communes, schools and
    enterprises of a district answer to the province."""
    header, body = rows[0], rows[1:]
    code, name, kind, parent = (
        header.index(h) for h in ("Mã đơn vị", "Tên đơn vị", "Loại", "Mã cấp trên")
    )
    gone = {r[code] for r in body if r[kind] == "Huyện" or r[name].startswith("Phòng ")}
    districts = {r[code] for r in body if r[kind] == "Huyện"}
    out = [header]
    for row in body:
        if row[code] in gone:
            continue
        row = list(row)
        if row[parent] in districts:
            row[parent] = "1"
        out.append(row)
    return out


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> dict:
    """Both runs of the year, generated once: the folders, the rosters, what was said."""
    base = tmp_path_factory.mktemp("year")
    whole, _ = make_roster.write(500, base / "roster")
    with whole.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    july = base / "roster" / "after-july.csv"
    with july.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(_after_july(rows))
    from click.testing import CliRunner

    runner = CliRunner()
    runs = {}
    for name, roster in (("single", whole), ("periods", july)):
        results = make_results.write(roster, base / f"results-{name}")
        campaign = base / f"{name}.yaml"
        text = campaign_text()
        if name == "periods":
            start = text.index("danh_sach_don_vi:")
            end = text.index("\n\n", start)
            text = (
                text[:start] + f"danh_sach_don_vi:\n  - tep: {whole}\n    tu_ngay: 2025-01-01"
                f"\n  - tep: {july}\n    tu_ngay: 2025-07-01" + text[end:]
            )
        campaign.write_text(text, encoding="utf-8")
        out = base / f"out-{name}"
        units = ["--units", str(whole)] if name == "single" else []
        inputs = [
            "--campaign",
            str(campaign),
            *units,
            "--results",
            str(results[0]),
            "--scores",
            str(results[1]),
        ]
        made = runner.invoke(cli, ["generate", "all", *inputs, "--out", str(out)])
        assert made.exit_code == 0, made.stderr
        checked = runner.invoke(cli, ["check", *inputs, "--docs", str(out), "--format", "json"])
        runs[name] = {"out": out, "stderr": made.stderr, "check": json.loads(checked.stdout)}
    roster = load_roster(whole)
    runs["districts"] = [u for u in roster if u.type == "huyen"]
    runs["units"] = roster.units
    return runs


def _documents(out: Path):
    """Each generated document with its kind's date and its whole text (tables included)."""
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    for kind in REGISTRY.values():
        day = kind.day(campaign)
        for path in sorted((out / kind.name).glob("*.docx")):
            yield path, day, dh.full_text(dh.open_docx(path))


@pytest.mark.parametrize("run", ["single", "periods"])
def test_no_document_names_a_body_after_it_ended(year, run):
    districts = year["districts"]
    # The district by its word and name ("huyện Đăk Hà", "HUYỆN ĐĂK HÀ", "Huyện ủy Đăk Hà"): its
    # bare name alone may be a commune's too.
    named = re.compile(
        r"\bhuyện(?: ủy)?\s+(?:" + "|".join(re.escape(d.bare_name) for d in districts) + r")(?!\d)",
        re.IGNORECASE,
    )
    read = 0
    for path, day, text in _documents(year[run]["out"]):
        read += 1
        if day >= POLICE_END:
            assert not DISTRICT_POLICE.search(text), (path, DISTRICT_POLICE.search(text))
        if day >= DISTRICT_END:
            found = named.search(text)
            assert found is None, (path, text[max(found.start() - 80, 0) : found.end() + 40])
    assert read > 500


# Words that never fit a unit type (item by item of the paperwork's review): (which units,
# what they must never say).
WRONG_WORDS = [
    (
        lambda u: u.type == "doanh_nghiep" and not u.state_owned,
        re.compile(r"cán bộ, công chức, viên chức|bí mật nhà nước"),
    ),
    (
        lambda u: u.type == "co_so_giao_duc" and re.search(r"THCS|tiểu học|THPT", u.name),
        re.compile(r"sinh viên"),
    ),
    (
        lambda u: u.type == "xa" and u.name.startswith(("Phường", "Thị trấn")),
        re.compile(r"nông thôn mới"),
    ),
    (lambda u: True, re.compile(r"Trưởng thôn Thôn|Trưởng làng Làng|Tổ trưởng tổ dân phố Tổ")),
]


@pytest.mark.parametrize("run", ["single", "periods"])
def test_no_document_says_what_does_not_fit_its_unit(year, run):
    units = year["units"]
    checked = 0
    for path, _, text in _documents(year[run]["out"]):
        unit = units.get(path.stem)
        if unit is None:
            continue  # a household's form
        for fits, wrong in WRONG_WORDS:
            if fits(unit):
                found = wrong.search(text)
                assert found is None, (path, unit.name, found.group(0))
                checked += 1
    assert checked > 500


def test_single_roster_leaves_out_the_ended_bodies_once_and_check_asks_none(year):
    said = [ln for ln in year["single"]["stderr"].splitlines() if "đã kết thúc hoạt động" in ln]
    assert len(said) == 1
    for district in year["districts"]:
        assert f"{district.code} ({district.name})" in said[0]
        for kind in ("event-plan", "evaluation", "recognition", "report"):
            assert not (year["single"]["out"] / kind / f"{district.code}.docx").exists()
    checked = year["single"]["check"]
    assert checked["missing"] == [], checked["missing"][:5]
    assert checked["complete"] is True
    assert year["periods"]["check"]["missing"] == []
