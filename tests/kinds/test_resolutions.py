"""The cấp ủy's resolution and the chi bộ's resolution of Quý I, reopened and checked."""

from __future__ import annotations

import json
import shutil

import pytest

from antq_docs.cli import cli
from antq_docs.errors import ValidationError
from antq_docs.indicators import Evidence, document_targets, measure_documents
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY, Needs
from antq_docs.model import DEFAULT_PARTY_BASES
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_UNITS, campaign_text, invoke_generate

HEADER = "ma,ten,loai,cap_tren,nguoi_dung_dau,chuc_vu,ky_hieu,so_ho,bi_thu,chi_bo"
ROWS = [
    "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,",
    "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,,Bí thư H,",
    "X,Xã Hà Mòn,Xã,H,C,Chủ tịch UBND xã,UBND,,Bí thư X,",
    "X-1,Thôn 1,Thôn,X,D,Trưởng thôn,,120,Bí thư Thôn,Thôn 1",
    "X-2,Thôn 2,Thôn,X,E,Trưởng thôn,,80,,",
]


def header_lines(doc) -> tuple[list[str], list[str]]:
    """The left and right cells of a document's header, a line each."""
    return tuple([x for x in c.text.split("\n") if x] for c in doc.tables[0].rows[0].cells)


def signature(doc) -> list[str]:
    return [x for x in doc.tables[-1].rows[0].cells[1].text.split("\n") if x]


def recipients(doc) -> list[str]:
    return [x.replace("\xa0", " ") for x in doc.tables[-1].rows[0].cells[0].text.split("\n") if x]


def run(runner, tmp_path, kind: str, rows: list[str], campaign: str | None = None):
    units = tmp_path / "units.csv"
    units.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    path = tmp_path / "campaign.yaml"
    path.write_text(campaign or campaign_text(), encoding="utf-8")
    out = tmp_path / "out"
    return invoke_generate(runner, kind, out, units=units, campaign=path), out


def test_district_resolution_is_a_party_document_of_its_standing_committee(sample_out):
    doc = dh.open_docx(sample_out / "resolution" / "KT-02.docx")
    secretary = load_roster(SAMPLE_UNITS).get("KT-02").secretary
    assert dh.leftover_tags(doc) == []
    assert header_lines(doc) == (
        ["ĐẢNG BỘ TỈNH KON TUM", "HUYỆN ỦY ĐĂK HÀ", "*", "Số       -NQ/HU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đăk Hà, ngày 14 tháng 3 năm 2025"],
    )
    assert dh.runs_style(dh.find(doc, "ĐẢNG CỘNG SẢN VIỆT NAM")) == {(15, True, False)}
    texts = dh.texts(doc)
    assert "NGHỊ QUYẾT" in texts and "QUYẾT NGHỊ:" in texts
    bases = [t for t in texts if t.startswith("Căn cứ")]
    assert bases == [f"Căn cứ {b};" for b in DEFAULT_PARTY_BASES]
    assert signature(doc) == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", secretary]
    assert recipients(doc) == [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy Kon Tum (để báo cáo);",
        "- Ủy ban nhân dân huyện Đăk Hà (để thực hiện);",
        "- Ủy ban Mặt trận Tổ quốc Việt Nam huyện Đăk Hà (để phối hợp);",
        # Dated 14/3/2025: the district's police ended on 28/02/2025.
        "- Công an tỉnh Kon Tum (để phối hợp);",
        "- Các đảng bộ, chi bộ trực thuộc (để thực hiện);",
        "- Lưu Văn phòng Huyện ủy.",
    ]
    full = dh.full_text(doc)
    assert "Ủy ban nhân dân huyện Đăk Hà xây dựng kế hoạch thực hiện phong trào năm 2025" in full
    assert "báo cáo Ban Thường vụ Tỉnh ủy Kon Tum trước ngày 15/12/2025" in full


def test_the_resolution_states_the_direction_not_the_plans_tasks(sample_out):
    plan = dh.texts(dh.open_docx(sample_out / "plan" / "KT-02.docx"))
    tasks = plan[plan.index("III. NHIỆM VỤ, GIẢI PHÁP") + 1 : plan.index("IV. TỔ CHỨC THỰC HIỆN")]
    assert len(tasks) >= 5
    resolution = dh.texts(dh.open_docx(sample_out / "resolution" / "KT-02.docx"))
    assert "III. NHIỆM VỤ, GIẢI PHÁP" not in resolution
    # No task paragraph of the plan, numbered or not, is repeated in the resolution.
    bare = {t.split(". ", 1)[-1] for t in tasks}
    assert not bare & {t.lstrip("- ").split(". ", 1)[-1] for t in resolution}
    # Its targets are the district's own, in its own counts, as the plan's are.
    assert any(t.startswith("- 100% xã, thị trấn (03/03)") for t in resolution)


def test_commune_and_city_resolutions_are_named_as_the_party_names_them(sample_out):
    commune = dh.open_docx(sample_out / "resolution" / "KT-02-02.docx")
    assert header_lines(commune)[0] == [
        "ĐẢNG BỘ HUYỆN ĐĂK HÀ",
        "ĐẢNG ỦY XÃ HÀ MÒN",
        "*",
        "Số       -NQ/ĐU",
    ]
    assert signature(commune)[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    assert "- Ban Thường vụ Huyện ủy Đăk Hà (để báo cáo);" in recipients(commune)
    assert "- Các chi bộ trực thuộc (để thực hiện);" in recipients(commune)
    assert recipients(commune)[-1] == "- Lưu Văn phòng Đảng ủy."
    city = dh.open_docx(sample_out / "resolution" / "KT-01.docx")
    assert header_lines(city)[0][1:] == ["THÀNH ỦY KON TUM", "*", "Số       -NQ/TU"]
    # Only districts and communes: the province's documents are the campaign's own.
    assert not (sample_out / "resolution" / "KT.docx").exists()
    assert not (sample_out / "resolution" / "KT-CQ-01.docx").exists()


def test_a_numbered_resolution_reads_05_nq_without_a_colon():
    roster = load_roster(SAMPLE_UNITS)
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    needs = Needs(str(SAMPLE_UNITS), str(SAMPLE_CAMPAIGN))
    resolution = REGISTRY["resolution"]
    for code, number, line in (("KT-02", 5, "05-NQ/HU"), ("KT-02-02", 12, "12-NQ/ĐU")):
        slot = resolution.number_slot(campaign, roster.get(code), needs)
        assert slot is not None and slot.format(number) == line
    assert needs.findings == []


def test_a_resolution_without_its_secretary_is_refused_naming_the_cell(tmp_path, runner):
    rows = [*ROWS]
    rows[2] = rows[2].replace("Bí thư X", "")
    result, out = run(runner, tmp_path, "resolution", rows)
    assert result.exit_code == 1
    assert (
        "units.csv, dòng 4, cột I (bi_thu), đơn vị X: thiếu giá trị, cần cho nghị quyết của cấp ủy"
    ) in result.stderr
    assert not (out / "resolution" / "X.docx").exists()
    assert (out / "resolution" / "H.docx").exists()


def test_chi_bo_resolution_only_for_the_khu_dan_cu_that_names_its_chi_bo(tmp_path, runner):
    result, out = run(runner, tmp_path, "cell-resolution", ROWS)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in (out / "cell-resolution").glob("*.docx")) == ["X-1"]
    doc = dh.open_docx(out / "cell-resolution" / "X-1.docx")
    assert dh.leftover_tags(doc) == []
    assert header_lines(doc) == (
        ["ĐẢNG BỘ XÃ HÀ MÒN", "CHI BỘ THÔN 1", "*", "Số       -NQ/CB"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Mòn, ngày 20 tháng 3 năm 2025"],
    )
    texts = dh.texts(doc)
    assert "QUYẾT NGHỊ:" in texts
    assert (
        "1. Lãnh đạo Thôn 1 đăng ký xây dựng khu dân cư đạt tiêu chuẩn “An toàn về an ninh, "
        "trật tự” năm 2025 ngay trong Quý I."
    ) in texts
    assert any(
        t.startswith("2. Vận động 100% hộ gia đình (120 hộ) trong Thôn 1 ký cam kết") for t in texts
    )
    assert signature(doc) == ["T/M CHI BỘ", "BÍ THƯ", "Bí thư Thôn"]
    assert recipients(doc)[:3] == [
        "Nơi nhận:",
        "- Đảng ủy xã Hà Mòn (để báo cáo);",
        "- Trưởng thôn 1 (để thực hiện);",
    ]
    assert recipients(doc)[-1] == "- Lưu Chi bộ."


def test_chi_bo_resolution_without_its_secretary_is_refused(tmp_path, runner):
    rows = [*ROWS]
    rows[3] = rows[3].replace("Bí thư Thôn", "")
    result, _ = run(runner, tmp_path, "cell-resolution", rows)
    assert result.exit_code == 1
    assert (
        "units.csv, dòng 5, cột I (bi_thu), đơn vị X-1: thiếu giá trị, cần cho nghị quyết "
        "của chi bộ"
    ) in result.stderr


def test_check_asks_for_both_resolutions_where_they_apply(sample_out, tmp_path, runner):
    docs = tmp_path / "docs"
    shutil.copytree(sample_out, docs)
    (docs / "resolution" / "KT-02.docx").unlink()
    (docs / "cell-resolution" / "KT-02-02-01.docx").unlink()
    result = runner.invoke(
        cli,
        [
            "check",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SAMPLE_UNITS),
            "--docs",
            str(docs),
            "--format",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    # (The folder holds no year-end documents: only the Quý I kinds are looked at.)
    missing = {
        (m["unit"], m["kind"])
        for m in data["missing"]
        if m["kind"] in ("plan", "resolution", "cell-resolution")
    }
    assert missing == {("KT-02", "resolution"), ("KT-02-02-01", "cell-resolution")}
    # A khu dân cư without a chi bộ in the roster owes no chi bộ resolution.
    roster = load_roster(SAMPLE_UNITS)
    cells = sorted(u.code for u in roster if u.party_cell)
    assert cells == ["KT-02-02-01", "KT-02-02-02"]
    assert sorted(p.stem for p in (sample_out / "cell-resolution").glob("*.docx")) == cells
    target_1 = data["indicators"]["plan"]
    assert target_1["kinds"] == ["plan", "resolution"]
    assert target_1["by_type"]["huyen"]["present"] == target_1["by_type"]["huyen"]["units"] - 1
    assert "cell-resolution" not in data["indicators"]


def test_target_1_counts_a_district_only_with_its_resolution_and_its_plan():
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    roster = load_roster(SAMPLE_UNITS)
    district, commune, agency = (roster.get(c) for c in ("KT-02", "KT-02-02", "KT-CQ-01"))
    targets = document_targets(REGISTRY)
    found = [
        ("plan", district, True),
        ("resolution", district, False),
        ("plan", commune, True),
        ("resolution", commune, True),
        ("plan", agency, True),
    ]
    measured = {
        (i.id, i.unit_type): i for i in measure_documents(campaign, Evidence(found, targets))
    }
    assert (measured["ke_hoach", "huyen"].numerator, measured["ke_hoach", "huyen"].denominator) == (
        0,
        1,
    )
    assert measured["ke_hoach", "huyen"].shortfall == [district]
    assert (measured["ke_hoach", "xa"].numerator, measured["ke_hoach", "xa"].denominator) == (1, 1)
    # An agency owes no resolution: its plan alone meets the target.
    assert measured["ke_hoach", "co_quan"].met is True
    missing_plan = [("plan", commune, False), ("resolution", commune, True)]
    assert measure_documents(campaign, Evidence(missing_plan, targets))[0].numerator == 0


def test_party_bases_default_and_the_date_follows_the_plan(tmp_path):
    text = SAMPLE_CAMPAIGN.read_text("utf-8")
    start = text.index("can_cu_dang:")
    end = text.index("\n\n", start)
    text = text[:start] + text[end + 2 :]
    text = text.replace("  resolution: 2025-03-14", "")
    path = tmp_path / "c.yaml"
    path.write_text(text, "utf-8")
    campaign = load_campaign(path, kinds=REGISTRY)
    assert campaign.party_bases == list(DEFAULT_PARTY_BASES)
    assert campaign.doc_dates["resolution"] == campaign.doc_dates["plan"]
    assert campaign.doc_dates["cell-resolution"] == campaign.doc_dates["plan"]
    own = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    assert str(own.doc_dates["resolution"]) == "2025-03-14"


def test_the_old_party_form_of_the_plan_is_refused_with_a_pointer(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(SAMPLE_CAMPAIGN.read_text("utf-8") + "the_thuc:\n  plan: {xa: dang}\n", "utf-8")
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(path, kinds=REGISTRY)
    assert [str(f) for f in excinfo.value.findings] == [
        "c.yaml, trường the_thuc: khóa này không còn dùng: kế hoạch năm luôn là của Ủy ban nhân "
        "dân; nghị quyết của cấp ủy (resolution) được soạn riêng, cùng với kế hoạch. Hãy xóa "
        "khóa này"
    ]
