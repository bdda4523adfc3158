"""Minutes of the review meeting: their own document, reopened and read line by line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from antq_docs.cli import cli
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR, campaign_text, invoke_generate

RESULTS = [
    "--results",
    str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
    "--scores",
    str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
]
BASE = ["--campaign", str(SAMPLE_CAMPAIGN)]
JULY_UNITS = SAMPLE_DIR / "units-quang-ngai-2025-07.csv"


@pytest.fixture(scope="module")
def year_end(year_end_copy) -> Path:
    """Every document of the sample with its year-end results, generated once a session."""
    return year_end_copy


def minutes_text(out: Path, code: str) -> str:
    return dh.full_text(dh.open_docx(out / "minutes" / f"{code}.docx"))


def test_generate_all_writes_minutes_for_residential_areas_and_communes(year_end):
    # Year-end documents are issued within the roster in force from 01/7/2025.
    roster = load_roster(JULY_UNITS)
    expected = sorted(f"{u.code}.docx" for u in roster if u.type in ("khu_dan_cu", "xa"))
    assert sorted(p.name for p in (year_end / "minutes").iterdir()) == expected


def test_commune_minutes_number_chair_and_the_given_secretary_and_vote(year_end):
    doc = dh.open_docx(year_end / "minutes" / "QNG-03.docx")  # Xã Đăk Hà: all given
    dh.assert_a4_nd30(doc)
    assert dh.fonts_everywhere(doc) == {"Times New Roman"}
    assert dh.leftover_tags(doc) == []
    left, right = (c.text.split("\n") for c in doc.tables[0].rows[0].cells)
    assert "Số:       /BB-UBND" in left
    assert right[-1] == "Đăk Hà, ngày 15 tháng 11 năm 2025"
    text = dh.full_text(doc)
    assert (
        "BIÊN BẢN\nHọp bình xét, đề nghị xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc "
        "năm 2025" in text
    )
    assert "1. Chủ trì: Hồ Xuân Vinh, Chủ tịch Ủy ban nhân dân xã Đăk Hà." in text
    assert "2. Thư ký: Nguyễn Thị Hoa." in text
    assert "- Trưởng các khu dân cư: Làng Kon Klor, Thôn 1, Tổ dân phố 1, Tổ dân phố 3." in text
    assert "tổng điểm tự chấm: 82/100 điểm." in text
    assert "(Thông tư số 124/2021/TT-BCA): đạt." in text
    assert "Số người dự họp: 25 người; tán thành: 24/25." in text
    assert "đề nghị Ủy ban nhân dân tỉnh Quảng Ngãi xem xét" in text
    signatures = [c.text.split("\n") for c in doc.tables[-1].rows[0].cells]
    assert [s[0] for s in signatures] == ["THƯ KÝ", "CHỦ TRÌ"]
    assert [s[-1] for s in signatures] == ["Nguyễn Thị Hoa", "Hồ Xuân Vinh"]
    assert sum(p.text.endswith("./.") for p in dh.paragraphs(doc)) == 1


def test_commune_minutes_propose_each_qualifying_unit_by_name_with_the_vote(year_end):
    text = minutes_text(year_end, "QNG-03")  # Xã Đăk Hà, 24 of 25 for
    assert (
        "Hội nghị biểu quyết, thống nhất đề nghị Chủ tịch Ủy ban nhân dân xã Đăk Hà công "
        "nhận 01 thôn, 01 làng, 01 tổ dân phố đạt tiêu chuẩn “An toàn về an ninh, trật tự” "
        "năm 2025: Thôn 1, Làng Kon Klor, Tổ dân phố 1; số tán thành: 24/25."
    ) in text
    # Its enterprise is recognised by the province (the sample's tham_quyen_cong_nhan) on the
    # proposal of its own meeting, not of the commune's.
    assert "Công ty Cổ phần Thủy điện Đăk Psi" not in text
    # A commune none of whose khu dân cư qualified says so.
    assert (
        "Không có khu dân cư nào đủ điều kiện để đề nghị công nhận đạt tiêu chuẩn “An toàn "
        "về an ninh, trật tự” năm 2025."
    ) in minutes_text(year_end, "KT-07-02")


def test_the_commune_decision_recognises_what_its_minutes_proposed(year_end):
    decisions = {p.stem for p in (year_end / "recognition").iterdir()}
    communes = [u for u in load_roster(JULY_UNITS) if u.type == "xa"]
    assert {u.code for u in communes} & decisions
    for commune in communes:
        lines = [
            t
            for t in dh.texts(dh.open_docx(year_end / "minutes" / f"{commune.code}.docx"))
            if t.startswith(
                f"Hội nghị biểu quyết, thống nhất đề nghị Chủ tịch {commune.body_name} "
            )
        ]
        if commune.code not in decisions:
            assert lines == [], commune.code
            continue
        proposed = lines[0][
            lines[0].index("năm 2025: ") + len("năm 2025: ") : lines[0].index("; số tán thành")
        ].split(", ")
        decision = dh.open_docx(year_end / "recognition" / f"{commune.code}.docx")
        listed = [r.cells[1].text for r in decision.tables[-1].rows[1:]]
        assert sorted(proposed) == sorted(listed), commune.code


BASIS_510 = (
    "Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ trưởng Bộ Công an ban hành "
    "“Quy định Tiêu chí đánh giá, phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc”"
)
BASIS_521 = (
    "Căn cứ Quyết định số 521/2005/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ lấy ngày "
    "19 tháng 8 hằng năm là “Ngày hội toàn dân bảo vệ an ninh Tổ quốc”;"
)
# The province's plan as the source states it (issuer, number, date, title).
PLAN_38 = (
    "Kế hoạch số 38/KH-BCĐ ngày 07/3/2025 của Ban Chỉ đạo Phong trào “Toàn dân đoàn kết "
    "xây dựng đời sống văn hoá” tỉnh Kon Tum về triển khai thực hiện Phong trào “Toàn dân "
    "đoàn kết xây dựng đời sống văn hoá” năm 2025 trên địa bàn tỉnh"
)


def bases_of(out: Path, code: str) -> dict[str, str]:
    """The text of a commune's evaluation, minutes and Ngày hội plan."""
    return {
        kind: dh.full_text(dh.open_docx(out / kind / f"{code}.docx"))
        for kind in ("evaluation", "minutes", "event-plan")
    }


def test_the_sample_cites_510_521_and_the_plan_as_its_source_states_them(year_end):
    texts = bases_of(year_end, "QNG-03")
    assert f"Kết quả tự chấm điểm (thang 100 điểm) theo {BASIS_510}:" in texts["evaluation"]
    assert (
        f"3. Hội nghị thảo luận, bình xét mức xếp loại phong trào năm 2025 theo {BASIS_510} "
        "(ngưỡng: Xuất sắc từ 90 điểm; Khá từ 70 đến dưới 90 điểm; Trung bình từ 50 đến "
        "dưới 70 điểm; Yếu dưới 50 điểm): Khá."
    ) in texts["minutes"]
    assert BASIS_521 in texts["event-plan"].split("\n")
    for kind in ("evaluation", "event-plan"):
        assert f"Căn cứ {PLAN_38}." in texts[kind].split("\n"), kind


def test_a_province_scoring_table_and_its_own_event_basis_replace_the_defaults(tmp_path):
    data = yaml.safe_load(SAMPLE_CAMPAIGN.read_text("utf-8"))
    for entry in data["danh_sach_don_vi"]:
        entry["tep"] = str(SAMPLE_DIR / entry["tep"])
    data["can_cu_cham_diem"] = (
        "Quyết định số 12/2023/QĐ-UBND ngày 05/4/2023 của Ủy ban nhân "
        "dân tỉnh Kon Tum ban hành Bảng chấm điểm phong trào"
    )
    data["can_cu_ngay_hoi"] = "Chỉ thị số 09/CT-UBND ngày 20/6/2025 của Ủy ban nhân dân tỉnh"
    campaign = tmp_path / "c.yaml"
    campaign.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "out"
    for kind in ("evaluation", "minutes", "event-plan"):
        result = invoke_generate(
            CliRunner(), kind, out, *RESULTS, "--unit", "QNG-03", units=None, campaign=campaign
        )
        assert result.exit_code == 0, result.stderr
    texts = bases_of(out, "QNG-03")
    for kind in ("evaluation", "minutes"):
        assert (
            "theo Quyết định số 12/2023/QĐ-UBND ngày 05/4/2023 của Ủy ban nhân dân tỉnh Kon "
            "Tum ban hành Bảng chấm điểm phong trào" in texts[kind]
        ), kind
        assert "510/QĐ-BCA-V05" not in texts[kind], kind
    assert "Căn cứ Chỉ thị số 09/CT-UBND ngày 20/6/2025 của Ủy ban nhân dân tỉnh;" in texts[
        "event-plan"
    ].split("\n")
    assert "521/2005/QĐ-TTg" not in texts["event-plan"]


def test_village_minutes_without_meeting_data_leave_dotted_lines(year_end):
    doc = dh.open_docx(year_end / "minutes" / "KT-02-02-01.docx")  # Thôn 1: nothing given
    assert dh.leftover_tags(doc) == []
    left = doc.tables[0].rows[0].cells[0].text.split("\n")
    assert left == ["UBND XÃ ĐĂK HÀ", "THÔN 1", ""]  # Nghị định 59 form: no number
    text = dh.full_text(doc)
    assert "Số:" not in text
    assert "1. Chủ trì: Lê Văn Phong, Trưởng thôn 1." in text
    assert "2. Thư ký: ……………………………………\n" in text
    assert "Số người dự họp: ……… người; tán thành: ……/……." in text
    assert (
        "Vào hồi …… giờ …… phút, ngày 15 tháng 11 năm 2025, tại ……………………………………, Thôn 1 "
        "tổ chức họp bình xét" in text
    )
    assert "đại diện các hộ gia đình (trên tổng số 274 hộ)." in text
    signatures = [c.text.split("\n") for c in doc.tables[-1].rows[0].cells]
    assert [s[-1] for s in signatures] == ["……………………………………", "Lê Văn Phong"]


def test_village_minutes_with_meeting_data_print_it(year_end):
    text = minutes_text(year_end, "KT-02-02-02")  # Làng Kon Klor
    assert "2. Thư ký: Y Blơng." in text
    assert "Số người dự họp: 68 người; tán thành: 68/68." in text
    assert "……/……" not in text


@pytest.mark.slow
def test_no_minutes_invent_a_secretary_and_no_evaluation_holds_minutes(year_end):
    for path in (year_end / "minutes").glob("*.docx"):
        assert "người được hội nghị cử" not in dh.full_text(dh.open_docx(path)), path.name
    for code in ("QNG-03", "KT-02-02-01"):
        assert "BIÊN BẢN" not in dh.full_text(
            dh.open_docx(year_end / "evaluation" / f"{code}.docx")
        )


def test_a_unit_that_did_not_register_fails_the_standard_in_its_minutes(year_end):
    text = minutes_text(year_end, "QNG-08")  # Xã Đăk Rve: registered "không"
    assert "(Thông tư số 124/2021/TT-BCA): chưa đạt (không đăng ký xây dựng tiêu chuẩn)." in text


def test_the_minutes_take_their_own_date_when_the_campaign_gives_one(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(
        campaign_text().replace(
            "  evaluation: 2025-11-15", "  minutes: 2025-11-10\n  evaluation: 2025-11-15"
        ),
        "utf-8",
    )
    result = invoke_generate(
        runner, "minutes", tmp_path / "out", *RESULTS, campaign=campaign, units=None
    )
    assert result.exit_code == 0, result.stderr
    text = minutes_text(tmp_path / "out", "QNG-03")
    assert "Đăk Hà, ngày 10 tháng 11 năm 2025" in text
    assert "Vào hồi …… giờ …… phút, ngày 10 tháng 11 năm 2025" in text


def test_hop_binh_xet_decides_which_units_have_minutes(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    campaign.write_text(campaign_text(hop_binh_xet="hop_binh_xet: [xa]"), "utf-8")
    result = invoke_generate(
        runner, "minutes", tmp_path / "out", *RESULTS, campaign=campaign, units=None
    )
    assert result.exit_code == 0, result.stderr
    roster = load_roster(JULY_UNITS)
    assert sorted(p.stem for p in (tmp_path / "out" / "minutes").iterdir()) == sorted(
        u.code for u in roster if u.type == "xa"
    )


def test_minutes_without_results_is_a_usage_error(tmp_path, runner):
    result = invoke_generate(runner, "minutes", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == "Lỗi: văn bản minutes cần tệp kết quả cuối năm: thêm --results TỆP.\n"


@pytest.mark.slow
def test_check_counts_minutes_and_reports_a_missing_one(tmp_path, runner, year_end):
    docs = tmp_path / "docs"
    shutil.copytree(year_end, docs)
    args = ["check", *BASE, "--docs", str(docs), "--format", "json"]
    complete = json.loads(runner.invoke(cli, args).stdout)
    assert complete["complete"] is True
    (docs / "minutes" / "KT-02-02-01.docx").unlink()
    result = runner.invoke(cli, args)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["missing"] == [
        {"unit": "KT-02-02-01", "kind": "minutes", "expected": "minutes/KT-02-02-01.docx"}
    ]
    assert data["present"] == complete["present"] - 1
    table = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)]).stdout
    lines = table.splitlines()
    assert "    - KT-02-02-01 Thôn 1: Biên bản (minutes/KT-02-02-01.docx)" in lines
    # Listed under the commune above it in the roster in force on the minutes' date.
    above = lines[lines.index("    - KT-02-02-01 Thôn 1: Biên bản (minutes/KT-02-02-01.docx)") - 1]
    assert above == "  Xã Đăk Hà (QNG-03):"


MATRIX_END = "  evaluation: [xa, khu_dan_cu, co_quan, doanh_nghiep, co_so_giao_duc]\n"


@pytest.mark.parametrize(
    ("review", "matrix", "expected"),
    [
        (None, None, ("khu_dan_cu", "xa")),
        ("[xa]", None, ("xa",)),
        ("[xa]", "[co_quan]", ("co_quan",)),
        (None, "[]", ()),
    ],
)
def test_the_matrix_requires_minutes_of_the_review_meeting_types(
    tmp_path, review, matrix, expected
):
    from antq_docs.inputs.campaign import load_campaign

    text = campaign_text(**({"hop_binh_xet": f"hop_binh_xet: {review}"} if review else {}))
    assert MATRIX_END in text
    if matrix is not None:
        text = text.replace(MATRIX_END, f"{MATRIX_END}  minutes: {matrix}\n")
    path = tmp_path / "c.yaml"
    path.write_text(text, "utf-8")
    assert load_campaign(path, kinds=REGISTRY).required["minutes"] == expected
