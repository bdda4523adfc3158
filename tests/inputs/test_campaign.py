"""The campaign file: the sample loads; bad YAML, bad fields and unknown keys are named."""

from __future__ import annotations

import datetime as dt

import pytest

from antq_docs.errors import InputError, ValidationError
from antq_docs.inputs.campaign import MAX_CAMPAIGN_BYTES, load_campaign
from antq_docs.kinds import REGISTRY
from tests.helpers import SAMPLE_CAMPAIGN, campaign_text, invoke_generate


def write(tmp_path, text: str):
    path = tmp_path / "campaign.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(excinfo) -> list[str]:
    return [str(f) for f in excinfo.value.findings]


def test_sample_campaign_carries_the_source_plan():
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    assert campaign.year == 2025
    assert campaign.plan.number == "38/KH-BCĐ"
    assert campaign.plan.date == dt.date(2025, 3, 7)
    assert campaign.event_date == dt.date(2025, 8, 19)
    assert campaign.required["pledge"] == (
        "huyen",
        "xa",
        "khu_dan_cu",
        "co_quan",
        "doanh_nghiep",
        "co_so_giao_duc",
    )
    enterprises = [t for t in campaign.targets_for("doanh_nghiep") if t.id == "dang_ky"]
    assert [(t.percent, t.strict) for t in enterprises] == [(70.0, False)]
    recognised = [t for t in campaign.targets_for("xa") if t.id == "dat_chuan"]
    assert [(t.percent, t.strict) for t in recognised] == [(80.0, True)]


def test_bad_yaml_names_file_line_and_column(tmp_path):
    path = write(tmp_path, "nam: 2025\nke_hoach: [unclosed\n")
    with pytest.raises(InputError) as excinfo:
        load_campaign(path, kinds=REGISTRY)
    assert str(excinfo.value).startswith(f"{path}: YAML không hợp lệ, dòng 3, cột 1: ")


def test_duplicate_key_is_refused(tmp_path):
    path = write(tmp_path, campaign_text() + "nam: 2026\n")
    with pytest.raises(InputError, match='khóa "nam" viết hai lần'):
        load_campaign(path, kinds=REGISTRY)


def test_unknown_keys_and_bad_fields_are_all_reported(tmp_path):
    text = campaign_text(nam="nam: hai nghìn", ngay_hoi="ngay_hoi: 32/8/2025") + "chi_tieuu: []\n"
    text = text.replace("  so: 38/KH-BCĐ\n", "  so: 38/KH-BCĐ\n  nguoi_ky: A\n")
    text = text.replace("  pledge: [huyen, xa,", "  pledge: [huyen, lang, xa,")
    text = text.replace("tai_lieu_bat_buoc:\n", "tai_lieu_bat_buoc:\n  plann: [xa]\n")
    path = write(tmp_path, text)
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(path, kinds=REGISTRY)
    assert messages(excinfo) == [
        'campaign.yaml, trường nam: "hai nghìn" phải là số nguyên từ 2000 đến 2100',
        "campaign.yaml, trường ke_hoach.nguoi_ky: khóa không được biết tới (viết sai tên?)",
        'campaign.yaml, trường ngay_hoi: "32/8/2025" không phải ngày có thật',
        "campaign.yaml, trường tai_lieu_bat_buoc.pledge: loại đơn vị không hợp lệ: lang; chấp "
        "nhận: tinh, huyen, xa, khu_dan_cu, co_quan, doanh_nghiep, co_so_giao_duc",
        'campaign.yaml, trường tai_lieu_bat_buoc.plann: khóa không được biết tới; có phải "plan"?',
        'campaign.yaml, trường chi_tieuu: khóa không được biết tới; có phải "chi_tieu"?',
    ]


def test_a_misspelt_key_with_diacritics_is_matched_without_them(tmp_path):
    text = campaign_text().replace("nam: 2025", "nămm: 2025", 1)
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert 'campaign.yaml, trường nămm: khóa không được biết tới; có phải "nam"?' in (
        messages(excinfo)
    )


def test_missing_required_fields_and_bad_targets(tmp_path):
    text = (
        "nam: 2025\ntinh: Kon Tum\n"
        "ke_hoach: {so: 38/KH-BCĐ, ngay: 07/03/2025}\n"
        "chi_tieu:\n  - {ma: dang_ky, noi_dung: x, ty_le: 120, so_sanh: '=>'}\n"
    )
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert messages(excinfo) == [
        "campaign.yaml, trường ban_chi_dao: thiếu giá trị bắt buộc",
        "campaign.yaml, trường ke_hoach.co_quan: thiếu giá trị bắt buộc",
        "campaign.yaml, trường ke_hoach.trich_yeu: thiếu giá trị bắt buộc",
        'campaign.yaml, trường chi_tieu[1].ty_le: "120" phải là số phần trăm từ 0 đến 100',
        'campaign.yaml, trường chi_tieu[1].so_sanh: "=>" phải là ">" (trên) hoặc ">=" '
        "(đạt ít nhất)",
    ]


def test_dates_in_day_month_year_form_and_defaults(tmp_path):
    text = campaign_text().replace("  ngay: 2025-03-07", "  ngay: 07/03/2025")
    text = text.replace("ngay_hoi: 2025-08-19 ", "# ngay_hoi removed ")
    campaign = load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert campaign.plan.date == dt.date(2025, 3, 7)
    assert campaign.event_date == dt.date(2025, 8, 19)


def test_a_date_written_as_text_is_read_as_the_date_it_says(tmp_path):
    text = campaign_text(ngay_hoi="ngay_hoi: '2025-08-19'")
    text = text.replace("  event-plan: 2025-07-01", "  event-plan: '2025-07-01'")
    text = text.replace("  plan: 2025-03-20", "  plan: 20/3/2025")
    text = text.replace("  pledge: 2025-03-25", "  pledge: '25/03/2025'")
    campaign = load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert campaign.event_date == dt.date(2025, 8, 19)
    assert campaign.doc_dates["event-plan"] == dt.date(2025, 7, 1)
    assert campaign.doc_dates["plan"] == dt.date(2025, 3, 20)
    assert campaign.doc_dates["pledge"] == dt.date(2025, 3, 25)


def test_an_impossible_date_written_as_text_is_named_by_its_key_path(tmp_path):
    text = campaign_text().replace("  event-plan: 2025-07-01", "  event-plan: '2025-06-31'")
    text = text.replace("  plan: 2025-03-20", "  plan: '2025-3-x'")
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(write(tmp_path, text), kinds=REGISTRY)
    found = messages(excinfo)
    assert (
        'campaign.yaml, trường ngay_van_ban.event-plan: "2025-06-31" không phải ngày có thật'
        in (found)
    )
    assert (
        'campaign.yaml, trường ngay_van_ban.plan: "2025-3-x" không phải ngày hợp lệ (viết '
        "2025-03-07 hoặc 07/03/2025)"
    ) in found


def test_matrix_defaults_to_a_pledge_for_every_unit_below_the_province(tmp_path):
    text = campaign_text().split("# Văn bản bắt buộc")[0]
    campaign = load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert campaign.requires("pledge", "khu_dan_cu")
    assert not campaign.requires("pledge", "tinh")


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InputError, match="không tìm thấy tệp kế hoạch"):
        load_campaign(tmp_path / "none.yaml", kinds=REGISTRY)
    bad = tmp_path / "c.yaml"
    bad.write_bytes("tinh: Kon Tum\n".encode("utf-16"))
    with pytest.raises(InputError, match="tệp kế hoạch phải lưu dạng UTF-8"):
        load_campaign(bad, kinds=REGISTRY)


def test_a_date_that_does_not_exist_is_named_by_its_field(tmp_path, runner):
    text = campaign_text(ngay_hoi="ngay_hoi: 2025-02-30")
    text = text.replace("  ngay: ", "  ngay: 2025-13-01 #", 1)
    path = write(tmp_path, text)
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(path, kinds=REGISTRY)
    found = messages(excinfo)
    assert 'campaign.yaml, trường ngay_hoi: "2025-02-30" không phải ngày có thật' in found
    assert any(m.startswith("campaign.yaml, trường ke_hoach.ngay: ") for m in found), found
    result = invoke_generate(runner, "plan", tmp_path / "out", campaign=path)
    assert result.exit_code == 1
    assert 'trường ngay_hoi: "2025-02-30" không phải ngày có thật' in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("tinh: &ten Kon Tum\ndia_danh: *ten\n", 7),
        # A billion-element alias bomb: refused at the first anchor, before anything grows.
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            4,
        ),
    ],
)
def test_yaml_aliases_are_refused_where_they_are_written(tmp_path, runner, text, column):
    path = write(tmp_path, text)
    with pytest.raises(
        InputError, match=rf"dòng 1, cột {column}: không dùng bí danh YAML \(&/\*\)"
    ):
        load_campaign(path, kinds=REGISTRY)
    result = invoke_generate(runner, "plan", tmp_path / "out", campaign=path)
    assert result.exit_code == 1
    assert "không dùng bí danh YAML (&/*)" in result.stderr


def test_a_campaign_file_past_the_size_limit_is_refused_before_parsing(tmp_path, runner):
    path = write(tmp_path, campaign_text() + "#" + "x" * MAX_CAMPAIGN_BYTES + "\n")
    with pytest.raises(InputError, match=r"tệp kế hoạch quá lớn \([\d.]+ byte; tối đa 1\.000\.000"):
        load_campaign(path, kinds=REGISTRY)
    result = invoke_generate(runner, "plan", tmp_path / "out", campaign=path)
    assert result.exit_code == 1
    assert "tệp kế hoạch quá lớn" in result.stderr


def test_wrong_types_are_findings_naming_their_fields_all_at_once(tmp_path, runner):
    text = campaign_text(
        tinh="tinh: [Kon, Tum]",
        hop_binh_xet="hop_binh_xet: [xa, [khu_dan_cu]]",
        khoa_la="khoa_la:\n  ? [a, b]\n  : 1\n  ? {c: d}\n  : 2",
    )
    text = text.replace("  xuat_sac: 90", "  xuat_sac: .nan").replace(
        "  trung_binh: 50", "  trung_binh: .inf"
    )
    text = text.replace("    diem_toi_da: 3", "    diem_toi_da: .NaN", 1)
    text = text.replace("    ty_le: ", "    ty_le: .inf #", 1)
    path = write(tmp_path, text)
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(path, kinds=REGISTRY)
    found = messages(excinfo)
    for expected in (
        "campaign.yaml, trường tinh: phải là một đoạn chữ",
        "campaign.yaml, trường hop_binh_xet: loại đơn vị không hợp lệ: ['khu_dan_cu']",
        'campaign.yaml, trường xep_loai.xuat_sac: "nan" phải là một số điểm',
        'campaign.yaml, trường xep_loai.trung_binh: "inf" phải là một số điểm',
        'campaign.yaml, trường bang_diem[1].diem_toi_da: "nan" phải là một số điểm',
        'campaign.yaml, trường chi_tieu[1].ty_le: "inf" phải là số phần trăm từ 0 đến 100',
    ):
        assert any(m.startswith(expected) for m in found), (expected, found)
    bad_keys = [m for m in found if "khóa phải là một chữ, không phải danh sách hay bảng" in m]
    assert len(bad_keys) == 2 and all("trường khoa_la" in m for m in bad_keys), found
    result = invoke_generate(runner, "plan", tmp_path / "out", campaign=path)
    assert result.exit_code == 1
    assert "trường tinh: phải là một đoạn chữ" in result.stderr
    assert "Traceback" not in result.output


def test_naming_one_kind_in_the_matrix_keeps_the_defaults_of_the_others(tmp_path):
    text = campaign_text().split("# Văn bản bắt buộc")[0]
    text += "tai_lieu_bat_buoc:\n  pledge: [xa, khu_dan_cu]\n  event-plan: []\n"
    campaign = load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert campaign.required["pledge"] == ("xa", "khu_dan_cu")
    assert campaign.required["event-plan"] == ()
    assert campaign.required["plan"] == ("huyen", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc")
    assert campaign.requires("evaluation", "khu_dan_cu")


def test_a_document_dated_before_the_province_plan_is_refused(tmp_path):
    text = campaign_text().replace("  plan: 2025-03-20 ", "  plan: 2025-02-03 ")
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(write(tmp_path, text), kinds=REGISTRY)
    assert messages(excinfo) == [
        "campaign.yaml, trường ngay_van_ban.plan: ngày 03/02/2025 trước ngày của kế hoạch tỉnh "
        "(07/3/2025) mà văn bản lấy làm căn cứ"
    ]


def test_dated_changes_are_read_and_a_bad_entry_is_named_by_field(tmp_path):
    loaded = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    police, level = loaded.changes
    assert (police.body, police.level, police.last_day) == (
        "cong_an",
        "huyen",
        dt.date(2025, 2, 28),
    )
    assert (level.body, level.level, level.last_day) == (
        "chinh_quyen",
        "huyen",
        dt.date(2025, 6, 30),
    )
    assert level.basis == "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    # The day after the last day the body is gone; the police go with their level.
    assert not loaded.police_gone("huyen", dt.date(2025, 2, 28))
    assert loaded.police_gone("huyen", dt.date(2025, 3, 1))
    assert loaded.gone_levels(dt.date(2025, 6, 30)) == frozenset()
    assert loaded.gone_levels(dt.date(2025, 7, 1)) == {"huyen"}
    assert not loaded.police_gone("xa", dt.date(2025, 12, 31))
    bad = tmp_path / "bad.yaml"
    text = campaign_text()
    text = text.replace(
        "  - co_quan: cong_an\n    cap: huyen\n    den_ngay: 2025-02-28",
        "  - co_quan: cong_an_huyen\n    cap: xa\n    den_ngay: 2025-02-30",
    )
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_campaign(bad, kinds=REGISTRY)
    found = {(f.field, f.message) for f in caught.value.findings}
    assert (
        "thay_doi_to_chuc[1].co_quan",
        '"cong_an_huyen" không phải cơ quan có thể kết thúc; chấp nhận: cong_an, chinh_quyen',
    ) in found
    assert (
        "thay_doi_to_chuc[1].cap",
        '"xa" không phải cấp có thể kết thúc; chấp nhận: huyen',
    ) in found
    assert ("thay_doi_to_chuc[1].den_ngay", '"2025-02-30" không phải ngày có thật') in found
