"""Registrations, recognition decisions and household lists: the documents themselves, reopened."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil

import pytest
from click.testing import CliRunner

from antq_docs.cli import cli
from antq_docs.errors import ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.loading import load_inputs
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from antq_docs.kinds.authority import recogniser
from antq_docs.model import STANDARD_TYPES, tree_without
from tests import helpers as dh
from tests.helpers import (
    FIXTURES,
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    SAMPLE_UNITS,
    SAMPLE_UNITS_JULY,
    campaign_text,
    invoke_generate,
    write_xlsx,
)

RESULTS = SAMPLE_DIR / "results-kon-tum-2025.csv"
SCORES = SAMPLE_DIR / "scores-kon-tum-2025.csv"
HOUSEHOLDS = SAMPLE_DIR / "households-kon-tum-2025.csv"
YEAR_END = ["--results", str(RESULTS), "--scores", str(SCORES)]


@pytest.fixture(scope="module")
def year_out(tmp_path_factory):
    """`generate all` of the sample's two rosters with results and the household list."""
    out = tmp_path_factory.mktemp("year") / "out"
    result = invoke_generate(
        CliRunner(),
        "all",
        out,
        *YEAR_END,
        "--households",
        str(HOUSEHOLDS),
        "--per-household",
        units=None,
    )
    assert result.exit_code == 0, result.stderr
    return out, result.stderr


def household_rows(area: str) -> list[dict[str, str]]:
    with HOUSEHOLDS.open(encoding="utf-8-sig", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["Mã khu dân cư"] == area]


# ------------------------------------------------------------------ registrations


@pytest.mark.slow
def test_every_unit_that_registers_has_one_registration(year_out):
    out, _ = year_out
    # Dated 25/3/2025: the units of the roster in force then (before the merger).
    expected = sorted(
        f"{u.code}.docx"
        for u in load_roster(SAMPLE_UNITS)
        if u.type in STANDARD_TYPES and u.parent is not None
    )
    assert sorted(p.name for p in (out / "registration").iterdir()) == expected


def test_commune_registration_is_addressed_above_and_lists_the_commune_criteria(year_out):
    out, _ = year_out
    doc = dh.open_docx(out / "registration" / "KT-02-02.docx")  # Xã Hà Mòn, huyện Đăk Hà
    dh.assert_a4_nd30(doc)
    assert dh.leftover_tags(doc) == []
    text = dh.full_text(doc)
    assert "Số:       /ĐK-UBND" in text
    assert "Hà Mòn, ngày 25 tháng 3 năm 2025" in text
    assert "BẢN ĐĂNG KÝ" in text
    assert "Xây dựng xã đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025" in text
    assert "Kính gửi: Ủy ban nhân dân huyện Đăk Hà." in dh.texts(doc)
    assert (
        "5. 100% khu dân cư (02 khu dân cư) đăng ký xây dựng và từ 70% trở lên được công "
        "nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”."
    ) in dh.texts(doc)
    assert "100% hộ gia đình ký cam kết" not in text  # a khu dân cư's criterion
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Hồ Xuân Vinh" in text
    assert dh.texts(doc)[-1] != "- Lưu: VT."  # the list of units is not there: signature last
    assert "- Công an xã Hà Mòn (để\u00a0phối\u00a0hợp);" in dh.texts(doc)


def test_residential_registration_has_no_number_and_the_residential_criteria(year_out):
    out, _ = year_out
    doc = dh.open_docx(out / "registration" / "KT-02-02-01.docx")  # Thôn 1, xã Hà Mòn
    text = dh.full_text(doc)
    assert "Số:" not in text
    assert "Xây dựng khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025" in text
    assert "Kính gửi: Ủy ban nhân dân xã Hà Mòn." in dh.texts(doc)
    assert any(t.startswith("5. 100% hộ gia đình ký cam kết") for t in dh.texts(doc))
    assert "TRƯỞNG THÔN" in text and "Lê Văn Phong" in text


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind_of_unit, own, other",
    [
        ("doanh_nghiep", "đình công", "bạo lực học đường"),
        ("co_so_giao_duc", "bạo lực học đường", "đình công"),
        ("co_quan", "khiếu nại, tố cáo thuộc thẩm quyền", "đình công"),
    ],
)
def test_each_type_registers_its_own_criteria(year_out, kind_of_unit, own, other):
    out, _ = year_out
    unit = next(u for u in load_roster(SAMPLE_UNITS) if u.type == kind_of_unit)
    text = dh.full_text(dh.open_docx(out / "registration" / f"{unit.code}.docx"))
    assert own in text and other not in text
    assert unit.name in text and unit.head in text


# ------------------------------------------------------------------ recognition decisions


def recognised_by_issuer() -> dict[str, list[tuple[str, str]]]:
    """From the results file itself: each recognised unit under the UBND the sample's
    tham_quyen_cong_nhan names (khu dân cư: the commune; the others: the province)."""
    roster = load_roster(SAMPLE_UNITS_JULY)  # in force on 10/12/2025
    # A list, not a set: merged communes can hold two "Thôn 1" (names repeat, codes do not).
    expected: dict[str, list[tuple[str, str]]] = {}
    with RESULTS.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            unit = roster.get(row["Mã đơn vị"])
            if unit is None or unit.type not in STANDARD_TYPES or row["Đạt chuẩn"] != "đạt":
                continue
            issuer = unit.parent if unit.type == "khu_dan_cu" else roster.root
            expected.setdefault(issuer.code, []).append((unit.name, unit.parent.name))
    return expected


def test_recognition_lists_equal_the_recognised_units_of_the_results(year_out):
    out, _ = year_out
    expected = recognised_by_issuer()
    assert sorted(p.stem for p in (out / "recognition").iterdir()) == sorted(expected)
    for code, units in expected.items():
        doc = dh.open_docx(out / "recognition" / f"{code}.docx")
        listed = doc.tables[-1]
        rows = [[c.text for c in r.cells] for r in listed.rows[1:]]
        assert [r[0] for r in rows] == [str(i) for i in range(1, len(units) + 1)]
        assert sorted((r[1], r[2]) for r in rows) == sorted(units)
        article = next(t for t in dh.texts(doc) if t.startswith("Điều 1. Công nhận "))
        # "Công nhận 06 xã, 01 phường, …": the counts by kind add up to the list.
        kinds = article[len("Điều 1. Công nhận ") : article.index(" đạt tiêu chuẩn")].split(", ")
        assert all(re.fullmatch(r"\d\d [^\d]+", k) for k in kinds), article
        assert sum(int(k[:2]) for k in kinds) == len(units), article
        assert article.endswith(
            " đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025 (có danh sách kèm theo)."
        )


def test_province_decision_has_the_nd30_parts(year_out):
    out, _ = year_out
    doc = dh.open_docx(out / "recognition" / "QNG.docx")
    dh.assert_a4_nd30(doc)
    assert dh.leftover_tags(doc) == []
    texts = dh.texts(doc)
    assert "Số:       /QĐ-UBND" in dh.full_text(doc)
    assert "Quảng Ngãi, ngày 10 tháng 12 năm 2025" in texts
    assert "QUYẾT ĐỊNH" in texts and "QUYẾT ĐỊNH:" in texts
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in texts
    assert "Theo đề nghị của Giám đốc Công an tỉnh Quảng Ngãi." in texts
    assert "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in texts
    assert any(
        t.startswith("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi") for t in texts
    )
    assert dh.runs_style(dh.find(doc, "Điều 1."))  # bold label then the text
    assert (
        "Điều 1. Công nhận 06 xã, 01 phường, 04 cơ quan, 04 doanh nghiệp, 04 cơ sở giáo "
        "dục đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025 (có danh sách kèm "
        "theo)."
    ) in texts
    # In the Chủ tịch's name: titled and signed by the Chủ tịch, nobody signs "TM." the body.
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in texts
    assert texts[texts.index("- Lưu: VT.") + 1 :][:2] == ["CHỦ TỊCH", "Nguyễn Văn Thành"]
    assert not any(t.startswith("TM.") for t in texts)
    # The province reports to the ministry, not to its own steering committee beside it.
    assert texts[texts.index("Nơi nhận:") : texts.index("- Lưu: VT.") + 1] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Bộ Công an (Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc) (để báo cáo);",
        "- Lưu: VT.",
    ]
    assert not any(t.startswith("Căn cứ Biên bản") for t in texts)  # a province holds none
    assert (
        "(Kèm theo Quyết định số       /QĐ-UBND ngày 10/12/2025 của Chủ tịch Ủy ban nhân "
        "dân tỉnh Quảng Ngãi)" in texts
    )
    header = [c.text for c in doc.tables[-1].rows[0].cells]
    assert header == ["STT", "Tên đơn vị", "Đơn vị cấp trên", "Loại đơn vị"]


def test_commune_decision_names_its_villages_cites_its_minutes_and_reports_above(year_out):
    out, _ = year_out
    doc = dh.open_docx(out / "recognition" / "KT-02-03.docx")  # Xã Đăk Mar, after the merger
    dh.assert_a4_nd30(doc)
    assert dh.leftover_tags(doc) == []
    texts = dh.texts(doc)
    assert "Về việc công nhận thôn đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025" in texts
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐĂK MAR" in texts
    assert (
        "Điều 1. Công nhận 02 thôn đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025 "
        "(có danh sách kèm theo)."
    ) in texts
    assert (
        "Căn cứ Biên bản số       /BB-UBND ngày 15/11/2025 họp bình xét kết quả thực hiện "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025 của Ủy ban nhân dân xã Đăk "
        "Mar;"
    ) in texts
    assert (
        texts.index("Theo đề nghị của Trưởng Công an xã Đăk Mar.") == texts.index("QUYẾT ĐỊNH:") - 1
    )
    assert [
        t.replace("\xa0", " ")
        for t in texts[texts.index("Nơi nhận:") : texts.index("- Lưu: VT.") + 1]
    ] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Ủy ban nhân dân tỉnh Quảng Ngãi (để báo cáo);",
        "- Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Quảng Ngãi (để báo cáo);",
        "- Lưu: VT.",
    ]
    assert texts[texts.index("- Lưu: VT.") + 1 :][:2] == ["CHỦ TỊCH", "Trương Quang Bình"]
    assert not any(t.startswith("TM.") for t in texts)


def test_the_decision_cites_the_number_its_minutes_were_given(tmp_path):
    out = tmp_path / "out"
    year = [*YEAR_END, "--unit", "KT-02-03", "--number-from", "KT-02-03=7"]
    for kind in ("minutes", "recognition"):
        result = invoke_generate(CliRunner(), kind, out, *year, units=None)
        assert result.exit_code == 0, result.stderr
    texts = dh.texts(dh.open_docx(out / "recognition" / "KT-02-03.docx"))
    assert any(
        t.startswith("Căn cứ Biên bản số 07/BB-UBND ngày 15/11/2025 họp bình xét") for t in texts
    )
    assert "Số: 08/QĐ-UBND" in texts


def test_a_body_that_decides_signs_tm_and_a_wrong_name_is_refused(tmp_path):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(campaign_text(nhan_danh_cong_nhan="nhan_danh_cong_nhan: uy_ban"), "utf-8")
    out = tmp_path / "out"
    result = invoke_generate(
        CliRunner(),
        "recognition",
        out,
        *YEAR_END,
        "--unit",
        "KT-02-03",
        units=None,
        campaign=campaign,
    )
    assert result.exit_code == 0, result.stderr
    texts = dh.texts(dh.open_docx(out / "recognition" / "KT-02-03.docx"))
    assert (
        "ỦY BAN NHÂN DÂN XÃ ĐĂK MAR" in texts and "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐĂK MAR" not in texts
    )
    assert texts[texts.index("- Lưu: VT.") + 1 :][:3] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trương Quang Bình",
    ]
    assert (
        "(Kèm theo Quyết định số       /QĐ-UBND ngày 10/12/2025 của Ủy ban nhân dân xã Đăk "
        "Mar)" in texts
    )
    campaign.write_text(campaign_text(nhan_danh_cong_nhan="nhan_danh_cong_nhan: tap_the"), "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_campaign(campaign, kinds=REGISTRY)
    assert [(f.field, f.message) for f in caught.value.findings] == [
        ("nhan_danh_cong_nhan", '"tap_the" phải là một trong: chu_tich, uy_ban')
    ]


def test_a_ubnd_with_no_recognised_unit_below_has_no_decision(year_out):
    out, _ = year_out
    roster = load_roster(SAMPLE_UNITS_JULY)
    communes = [u.code for u in roster if u.type == "xa"]
    with_decision = {p.stem for p in (out / "recognition").iterdir()}
    assert set(communes) - with_decision  # some commune recognised none of its khu dân cư
    for code in set(communes) - with_decision:
        assert code not in recognised_by_issuer()


def test_competence_passes_to_the_province_after_the_reform(tmp_path):
    campaign = tmp_path / "c.yaml"
    # The default competence (no tham_quyen_cong_nhan), a roster with districts.
    text = campaign_text()
    campaign.write_text(text[: text.index("tham_quyen_cong_nhan:")], "utf-8")
    loaded = load_campaign(campaign, kinds=REGISTRY)
    roster = load_roster(SAMPLE_UNITS)
    commune, village = roster.get("KT-02-02"), roster.get("KT-02-02-01")
    school = next(u for u in roster if u.type == "co_so_giao_duc" and u.parent.type == "huyen")
    before, after = dt.date(2025, 6, 30), dt.date(2025, 12, 10)
    assert loaded.gone_levels(before) == frozenset()
    assert loaded.gone_levels(after) == {"huyen"}
    assert recogniser(loaded, village).code == "KT-02-02"
    assert recogniser(loaded, commune).code == "KT-02"
    assert recogniser(loaded, school) is school.parent
    # On the decision's date the district level is gone: its units answer to the province.
    tree, left = tree_without(roster, loaded.gone_levels(after))
    assert roster.get("KT-02") in left and tree.get("KT-02") is None
    assert recogniser(loaded, tree.get("KT-02-02")).code == "KT"
    assert recogniser(loaded, tree.get("KT-02-02-01")).code == "KT-02-02"
    assert tree.get(school.code).parent.code == "KT"


def test_by_default_the_managing_commune_recognises_its_school(tmp_path):
    # Thông tư 124, Điều 10: the commune recognises the schools it manages, not the district.
    campaign = tmp_path / "c.yaml"
    text = campaign_text()
    campaign.write_text(text[: text.index("tham_quyen_cong_nhan:")], "utf-8")
    loaded = load_campaign(campaign, kinds=REGISTRY)
    roster = load_roster(SAMPLE_UNITS_JULY)
    school = roster.get("KT-GD-05")  # Trường THCS Lê Hồng Phong, under a commune
    assert school.parent.type == "xa"
    assert recogniser(loaded, school) is school.parent
    # The sample's own rule (co_so_giao_duc: tinh) raises it to the province.
    assert (
        recogniser(load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY), school).code == roster.root.code
    )


def test_bad_competence_is_named_by_field(tmp_path):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(
        campaign_text()
        .replace("  xa: tinh\n", "  xa: xa\n")
        .replace("  co_quan: tinh\n", "  co_quan: bo\n  huyen: tinh\n"),
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_campaign(campaign, kinds=REGISTRY)
    found = {(f.field, f.message) for f in caught.value.findings}
    assert (
        "tham_quyen_cong_nhan.xa",
        "cấp xã không tự công nhận chính mình: ghi huyen hoặc tinh",
    ) in found
    assert (
        "tham_quyen_cong_nhan.co_quan",
        '"bo" phải là một trong: tinh, huyen, xa (cấp Ủy ban nhân dân công nhận)',
    ) in found
    assert ("tham_quyen_cong_nhan.huyen", "khóa không được biết tới (viết sai tên?)") in found


# ------------------------------------------------------------------ households


def test_residential_pledge_carries_every_household(year_out):
    out, stderr = year_out
    doc = dh.open_docx(out / "pledge" / "KT-02-02-01.docx")
    assert dh.leftover_tags(doc) == []
    households = household_rows("KT-02-02-01")
    texts = dh.texts(doc)
    assert f"Đại diện cho {len(households)} hộ gia đình của Thôn 1." in texts
    assert "DANH SÁCH HỘ GIA ĐÌNH KÝ CAM KẾT" in texts
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chủ hộ",
        "Địa chỉ",
        "Số nhân khẩu",
        "Ký tên",
    ]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows == [
        [str(i), h["Chủ hộ"], h["Địa chỉ"], h["Số nhân khẩu"], ""]
        for i, h in enumerate(households, start=1)
    ]
    members = sum(int(h["Số nhân khẩu"]) for h in households)
    assert f"Tổng số: {len(households)} hộ gia đình, {members} nhân khẩu./." in texts
    # The roster says 274 households: a warning names both counts.
    assert (
        "KT-02-02-01 (Thôn 1): danh sách đơn vị units-kon-tum-2025.csv ghi 274 hộ, danh sách "
        "hộ gia đình households-kon-tum-2025.csv có 12 hộ"
    ) in stderr


def test_pledge_of_a_khu_dan_cu_not_in_the_list_has_no_appendix(year_out):
    out, stderr = year_out
    text = dh.full_text(dh.open_docx(out / "pledge" / "KT-02-02-02.docx"))
    assert "DANH SÁCH HỘ GIA ĐÌNH" not in text
    assert "Đại diện cho 235 hộ gia đình" in text  # the roster's count
    assert "không có hộ nào của 42 khu dân cư" in stderr


def test_one_form_per_household(year_out):
    out, _ = year_out
    folder = out / "pledge-household"
    expected = {
        f"{h['Mã khu dân cư']}/{h['Mã hộ']}.docx"
        for area in ("KT-01-03-01", "KT-02-02-01")
        for h in household_rows(area)
    }
    assert {str(p.relative_to(folder)) for p in folder.rglob("*.docx")} == expected
    first = household_rows("KT-02-02-01")[0]
    doc = dh.open_docx(folder / "KT-02-02-01" / f"{first['Mã hộ']}.docx")
    dh.assert_a4_nd30(doc)
    assert dh.leftover_tags(doc) == []
    texts = dh.texts(doc)
    assert "BẢN CAM KẾT CỦA HỘ GIA ĐÌNH" in texts
    assert "Kính gửi: Thôn 1." in texts
    assert (
        f"Họ và tên chủ hộ: {first['Chủ hộ']}; số nhân khẩu: {first['Số nhân khẩu']} người; "
        f"địa chỉ: {first['Địa chỉ']}."
    ) in texts
    assert "Lê Văn Phong" in texts and first["Chủ hộ"] in texts  # both sign
    # The head of household reads no code: neither the household's nor the unit's.
    text = dh.full_text(doc)
    assert first["Mã hộ"] not in text and "KT-02-02-01" not in text and "mã hộ" not in text
    # One page: 13 pt single-spaced body, the least Nghị định 30 allows.
    assert dh.runs_style(dh.find(doc, "Kính gửi")) == {(13, True, False)}
    assert dh.find(doc, "1. Chấp hành").paragraph_format.line_spacing == 1.0


def test_household_list_with_bad_rows_is_refused_with_every_row_named(tmp_path, runner):
    result = invoke_generate(
        runner,
        "pledge",
        tmp_path / "out",
        "--households",
        str(FIXTURES / "households-bad-rows.csv"),
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Lỗi: Dữ liệu đầu vào: 6 lỗi, chưa ghi tệp nào.",
        "  - households-bad-rows.csv, dòng 3, cột B (Chủ hộ): thiếu giá trị bắt buộc",
        '  - households-bad-rows.csv, dòng 4, cột D (Số nhân khẩu): số nhân khẩu "ba" phải là số '
        "nguyên từ 1 đến 99",
        "  - households-bad-rows.csv, dòng 5, cột E (Mã khu dân cư): không có khu dân cư nào mang "
        'mã "KT-02-02-09" trong units-kon-tum-2025.csv; có phải mã "KT-02-02-02"?',
        '  - households-bad-rows.csv, dòng 6, cột E (Mã khu dân cư): "KT-02-02" (Xã Hà Mòn) là '
        "cấp xã, không phải khu dân cư",
        '  - households-bad-rows.csv, dòng 7, cột A (Mã hộ): mã hộ "H-001" trùng với dòng 2 của '
        "cùng khu dân cư KT-02-02-01",
        '  - households-bad-rows.csv, dòng 8, cột A (Mã hộ): mã hộ "H/7" chứa "/", "\\" hoặc '
        '".." nên không dùng làm tên tệp được',
    ]
    assert not (tmp_path / "out").exists()


def test_household_list_from_excel_with_a_title_row(tmp_path):
    book = write_xlsx(
        tmp_path / "ho.xlsx",
        [
            ["DANH SÁCH HỘ GIA ĐÌNH THÔN 1"],
            ["Mã hộ", "Chủ hộ", "Địa chỉ", "Số nhân khẩu", "Mã khu dân cư"],
            [101, "Nguyễn Văn An", "Nhà số 1, thôn 1", 4, "KT-02-02-01"],
        ],
    )
    inputs = load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, households=book, kinds=REGISTRY)
    (household,) = inputs.households.of("KT-02-02-01")
    assert (household.code, household.members, household.row) == ("101", 4, 3)


def test_per_household_without_a_list_is_a_usage_error(tmp_path, runner):
    result = invoke_generate(runner, "pledge", tmp_path / "out", "--per-household")
    assert result.exit_code == 2
    assert "--per-household chỉ dùng cùng --households" in result.stderr


# ------------------------------------------------------------------ check and report


@pytest.mark.slow
def test_check_with_results_asks_for_the_decisions_and_counts_registrations(
    year_out, tmp_path, runner
):
    out, _ = year_out
    docs = tmp_path / "docs"
    shutil.copytree(out, docs)
    args = [
        "check",
        "--campaign",
        str(SAMPLE_CAMPAIGN),
        *YEAR_END,
        "--docs",
        str(docs),
        "--format",
        "json",
    ]
    data = json.loads(runner.invoke(cli, args).stdout)
    assert data["complete"] is True and data["extra"] == []
    decisions = sorted(m.stem for m in (docs / "recognition").iterdir())
    without = [a for a in args if a not in YEAR_END]
    assert data["required"] - json.loads(runner.invoke(cli, without).stdout)["required"] == len(
        decisions
    )
    assert data["indicators"]["registration"]["target"] == "dang_ky"
    village = data["indicators"]["registration"]["by_type"]["khu_dan_cu"]
    assert (village["units"], village["present"], village["met"]) == (44, 44, True)
    (docs / "registration" / "KT-02-02-01.docx").unlink()
    (docs / "recognition" / decisions[0]).with_suffix(".docx").unlink()
    result = runner.invoke(cli, args)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert sorted((m["kind"], m["unit"]) for m in data["missing"]) == [
        ("recognition", decisions[0]),
        ("registration", "KT-02-02-01"),
    ]
    village = data["indicators"]["registration"]["by_type"]["khu_dan_cu"]
    assert (village["present"], village["met"]) == (43, False)
    # The report counts registrations from the results (a fact, not a draft) and says where
    # the folder disagrees: KT-02-02-01 registered but its registration is gone.
    report = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            *YEAR_END,
            "--docs",
            str(docs),
            "--format",
            "json",
        ],
    )
    assert report.exit_code == 0, report.stderr
    rows = [
        i
        for i in json.loads(report.stdout)
        if i["id"] == "dang_ky" and i["unit_type"] == "khu_dan_cu"
    ]
    with RESULTS.open(encoding="utf-8-sig", newline="") as f:
        registered = sum(
            1 for r in csv.DictReader(f) if r["Đăng ký"] == "có" and r["Mã đơn vị"].count("-") == 3
        )
    assert [(r["numerator"], r["denominator"]) for r in rows] == [(registered, 44)]
    assert "KT-02-02-01" in next(
        line
        for line in report.stderr.splitlines()
        if "kết quả cuối năm ghi đạt nhưng thư mục không có" in line
    )


def test_a_decision_after_july_2025_cites_the_2025_law_without_recorded_changes(tmp_path):
    """A campaign that records no change of the organisation still dates the law: a decision
    signed after 01/7/2025 is issued under the 2025 law, by a commune's Văn phòng HĐND và UBND."""
    out = tmp_path / "out"
    steady = dh.steady_campaign(tmp_path)
    args = ("recognition", out, *YEAR_END)
    result = invoke_generate(CliRunner(), *args, campaign=steady, units=SAMPLE_UNITS_JULY)
    assert result.exit_code == 0, result.stderr
    found = sorted((out / "recognition").glob("*.docx"))
    texts = [dh.full_text(dh.open_docx(p)) for p in found]
    assert texts
    assert all("Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" in t for t in texts)
    assert not any("năm 2015" in t for t in texts)
    communes = [t for t in texts if "ỦY BAN NHÂN DÂN XÃ" in t.upper() and "Thống kê" not in t]
    assert communes, "no commune's decision, or one names the old office"
    assert all("Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân" in t for t in communes)
