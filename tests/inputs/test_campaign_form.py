"""The campaign as a form: the sample survives the round trip through the form, keys the form
does not show are kept, and every finding of the loader is named by its Vietnamese label."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.campaign_form import (
    OTHER_LABELS,
    ROWS,
    describe_key,
    form_fields,
    key_labels,
    key_names,
)
from antq_docs.inputs.campaign_form_values import (
    campaign_yaml,
    check_form,
    check_text,
    form_values,
    move_year,
    parse_campaign_text,
    posted_values,
    without_empty_rows,
)
from antq_docs.kinds import REGISTRY
from tests.helpers import SAMPLE_CAMPAIGN

CORPUS = Path(__file__).resolve().parents[1] / "fuzz_corpus" / "campaign"

SAMPLE_TEXT = SAMPLE_CAMPAIGN.read_text(encoding="utf-8")


def _sample():
    data = parse_campaign_text(SAMPLE_TEXT)
    return data, form_values(data, REGISTRY)


def _comparable(campaign):
    """A Campaign without what depends on where its file lies (its path, its rosters' folder)."""
    rosters = [(r.start, r.province, r.field, r.written) for r in campaign.roster_files]
    return dataclasses.replace(campaign, source="", roster_files=[]), rosters


def test_the_form_shows_the_sample_as_an_official_reads_it():
    _, values = _sample()
    assert values["nam"] == "2025"
    assert values["ke_hoach.so"] == "38/KH-BCĐ"
    assert values["ke_hoach.ngay"] == "07/03/2025"
    assert values["ngay_van_ban.plan"] == "20/03/2025"
    assert values["ngay_van_ban.minutes"] == ""
    named = values["chi_tieu"][9]
    assert named["don_vi"] == "KT-01"
    assert named["so_luong"] == "2"
    assert values["chi_tieu"][4]["so_sanh"] == ">"
    assert values["chi_tieu"][2]["loai"] == ["khu_dan_cu", "xa", "co_quan", "co_so_giao_duc"]
    assert [r["tu_ngay"] for r in values["danh_sach_don_vi"]] == ["01/01/2025", "01/07/2025"]
    assert values["thay_doi_to_chuc"][1]["den_ngay"] == "30/06/2025"


def test_the_sample_written_from_its_form_loads_to_the_same_campaign(tmp_path):
    data, values = _sample()
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(campaign_yaml(values, data, REGISTRY), encoding="utf-8")
    assert _comparable(load_campaign(path, kinds=REGISTRY)) == _comparable(
        load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    )


def test_keys_the_form_does_not_show_are_kept_as_they_were():
    data, values = _sample()
    written = yaml.safe_load(campaign_yaml(values, data, REGISTRY))
    shown = {f.name.split(".")[0] for f in form_fields(REGISTRY)}
    kept = [key for key in data if key not in shown]
    assert "so_lieu" in kept and "tai_lieu_bat_buoc" in kept
    assert {key: written[key] for key in kept} == {key: data[key] for key in kept}
    # A group the form shows in part keeps its other keys.
    assert written["ngay_hoi_to_chuc"]["theo_loai"] == data["ngay_hoi_to_chuc"]["theo_loai"]


def test_edited_values_reach_the_campaign():
    data, values = _sample()
    values["tinh"] = "Quảng Ngãi"
    values["ke_hoach.ngay"] = "2025-03-10"
    values["chi_tieu"][0]["ty_le"] = "95,5"
    values["chi_tieu"][0]["loai"] = ["xa"]
    values["can_cu"] = ["Thông tư A", "  ", "Thông tư B"]
    values["dia_danh"] = ""
    checked = check_form(values, data, REGISTRY)
    assert checked.problems == []
    campaign = checked.campaign
    assert campaign.province == "Quảng Ngãi"
    assert campaign.place == "Quảng Ngãi"  # an empty field takes the loader's default
    assert campaign.plan.date == dt.date(2025, 3, 10)
    assert (campaign.targets[0].percent, campaign.targets[0].unit_types) == (95.5, ("xa",))
    assert campaign.legal_bases == ["Thông tư A", "Thông tư B"]


def test_the_qr_code_is_turned_off_and_on_again_in_the_form():
    data, values = _sample()
    assert values["ma_nhan_dien"] == ""
    values["ma_nhan_dien"] = "false"
    text = campaign_yaml(values, data, REGISTRY)
    assert "ma_nhan_dien: false" in text
    assert check_form(values, data, REGISTRY).campaign.identity_codes is False
    again = form_values(parse_campaign_text(text), REGISTRY)
    assert again["ma_nhan_dien"] == "false"
    again["ma_nhan_dien"] = "true"
    assert "ma_nhan_dien" not in campaign_yaml(again, data, REGISTRY)
    assert check_form(again, data, REGISTRY).campaign.identity_codes is True


def test_findings_are_named_by_label_and_row_never_by_key():
    data, values = _sample()
    values["ke_hoach.ngay"] = "31/02/2025"
    values["nam"] = "hai nghìn"
    values["chi_tieu"][9]["so_luong"] = "0"
    values["chi_tieu"][2]["ty_le"] = "120"
    values["thay_doi_to_chuc"][0]["den_ngay"] = ""
    problems = check_form(values, data, REGISTRY).problems
    shown = {p.name: str(p) for p in problems}
    assert shown["ke_hoach.ngay"] == (
        'Kế hoạch của tỉnh, Ngày ban hành: "31/02/2025" không phải ngày có thật'
    )
    assert shown["nam"].startswith('Năm: "hai nghìn" phải là số nguyên')
    assert shown["chi_tieu[10].so_luong"] == (
        'Chỉ tiêu, dòng 10, Số đơn vị điển hình: "0" phải là số nguyên từ 1'
    )
    assert shown["chi_tieu[3].ty_le"].startswith("Chỉ tiêu, dòng 3, Tỷ lệ (%): ")
    assert shown["thay_doi_to_chuc[1].den_ngay"].startswith(
        "Thay đổi tổ chức, dòng 1, Hoạt động đến hết ngày: thiếu ngày"
    )
    for problem in problems:
        assert "_" not in problem.label and "[" not in problem.label


def test_a_key_path_inside_a_message_is_named_by_label_too():
    data, values = _sample()
    values["danh_sach_don_vi"][1]["tu_ngay"] = "01/01/2025"
    values["danh_sach_don_vi"].append({"tu_ngay": "01/03/2025", "tinh": ""})
    shown = [str(p) for p in check_form(values, data, REGISTRY).problems]
    assert shown == [
        "Danh sách theo thời kỳ, dòng 2, Từ ngày: ngày 01/01/2025 trùng với “Danh sách theo "
        "thời kỳ, dòng 1, Từ ngày”"
    ]


def test_every_key_of_the_sample_has_a_vietnamese_label():
    data, _ = _sample()
    labels, names = key_labels(REGISTRY), key_names(REGISTRY)
    for key in data:
        assert "“" not in describe_key(key, labels, names), key
    assert describe_key("ngay_hoi_to_chuc.theo_loai.xa.du_toan[2].so_tien", labels, names) == (
        "Cách tổ chức Ngày hội, Theo loại đơn vị, Cấp xã, Dự toán, dòng 2, Số tiền"
    )
    assert describe_key("ngay_van_ban.event-plan", labels, names) == (
        "Ngày văn bản, Kế hoạch Ngày hội"
    )
    assert describe_key("chi_tieu[10].don_vi", labels, names) == (
        "Chỉ tiêu, dòng 10, Mã đơn vị được giao riêng"
    )
    assert describe_key("tinh_thanh", labels, names) == "“tinh_thanh”"
    assert all(label == label.strip() for label in OTHER_LABELS.values())


def test_an_uploaded_file_with_a_misspelt_key_is_named_by_what_was_typed():
    text = SAMPLE_TEXT.replace("nam: 2025", "nam: 2025\nnamm: 1", 1)
    campaign, problems = check_text(text, REGISTRY)
    assert campaign is None
    assert [str(p) for p in problems] == ['“namm”: khóa không được biết tới; có phải "nam"?']


def test_a_file_that_is_not_yaml_is_one_problem_of_the_file():
    campaign, problems = check_text("nam: [2025\n", REGISTRY)
    assert campaign is None
    assert len(problems) == 1
    assert problems[0].label == "Tệp kế hoạch"
    assert problems[0].message.startswith("YAML không hợp lệ, dòng 2")
    assert "/" not in problems[0].message.split(":")[0]


def test_posted_pairs_become_values_rows_renumbered_and_empty_rows_dropped():
    pairs = [
        ("nam", "2026"),
        ("chi_tieu[7].ma", "dang_ky"),
        ("chi_tieu[7].noi_dung", "100% xã đăng ký"),
        ("chi_tieu[7].loai", "xa"),
        ("chi_tieu[7].loai", "khu_dan_cu"),
        ("chi_tieu[3].ma", "ke_hoach"),
        ("chi_tieu[9].ma", ""),
        ("can_cu[2]", "Thông tư B"),
        ("can_cu[1]", "Thông tư A"),
    ]
    values = posted_values(pairs, REGISTRY)
    assert values["nam"] == "2026"
    assert [r["ma"] for r in values["chi_tieu"]] == ["ke_hoach", "dang_ky", ""]
    assert values["chi_tieu"][1]["loai"] == ["xa", "khu_dan_cu"]
    assert values["can_cu"] == ["Thông tư A", "Thông tư B"]
    kept = without_empty_rows(values, REGISTRY)
    assert [r["ma"] for r in kept["chi_tieu"]] == ["ke_hoach", "dang_ky"]


@pytest.mark.parametrize("field", [f for f in form_fields(REGISTRY) if f.type == ROWS])
def test_every_table_column_has_a_label_and_a_hint_or_a_fixed_choice(field):
    for column in field.columns:
        assert column.label
        assert column.hint or column.choices, column.name


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_a_hostile_file_fills_the_form_and_is_checked_without_a_python_error(path):
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    data = parse_campaign_text(text)
    values = without_empty_rows(form_values(data, REGISTRY), REGISTRY)
    checked = check_form(values, data, REGISTRY)
    assert checked.campaign is not None or checked.problems
    assert all(p.label and "[" not in p.label for p in checked.problems)


def test_a_period_added_on_the_form_gets_a_file_name_and_the_old_ones_keep_theirs():
    data, values = _sample()
    values["danh_sach_don_vi"].append({"tu_ngay": "01/10/2025", "tinh": ""})
    checked = check_form(values, data, REGISTRY)
    assert checked.problems == []
    written = [r.written for r in checked.campaign.roster_files]
    assert written == [
        data["danh_sach_don_vi"][0]["tep"],
        data["danh_sach_don_vi"][1]["tep"],
        "danh-sach-tu-2025-10-01.xlsx",
    ]
    assert "tep" not in {c.name for f in form_fields(REGISTRY) for c in f.columns}


def test_a_plan_carried_to_next_year_moves_the_dates_left_as_they_were():
    data, values = _sample()
    values["nam"] = "2026"
    values["ngay_van_ban.report"] = "18/12/2025"  # typed anew: left for the loader to judge
    moved = move_year(values, data, REGISTRY)
    assert (moved.moved, moved.old, moved.new) == (True, 2025, 2026)
    assert moved.values["ke_hoach.ngay"] == "07/03/2026"
    assert moved.values["han_bao_cao.huyen"] == "15/12/2026"
    assert moved.values["danh_sach_don_vi"][1]["tu_ngay"] == "01/07/2026"
    assert moved.values["ky_niem"][0]["ngay"] == "19/08/1945"
    # The districts ended in 2025: a 2026 plan neither revives them nor forgets the law.
    assert [c["den_ngay"] for c in moved.values["thay_doi_to_chuc"]] == ["28/02/2025", "30/06/2025"]
    assert moved.values["ngay_van_ban.report"] == "18/12/2025"
    problems = check_form(moved.values, moved.base, REGISTRY).problems
    assert [p.name for p in problems] == ["ngay_van_ban.report"]
    moved.values["ngay_van_ban.report"] = "18/12/2026"
    campaign = check_form(moved.values, moved.base, REGISTRY).campaign
    assert campaign.year == 2026
    assert campaign.deadlines["xa"] == dt.date(2026, 11, 30)
    assert campaign.event.window_start == dt.date(2026, 7, 1)
    assert campaign.gone_levels(dt.date(2026, 3, 20)) == {"huyen"}
    assert move_year(values | {"nam": "2025"}, data, REGISTRY).moved is False
