"""Documents an official signs: headers, the unit's own targets, tasks, deadlines, recipients."""

from __future__ import annotations

import re

import pytest

from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY, heading
from antq_docs.kinds.plan import unit_targets
from tests import helpers as dh
from tests.helpers import (
    SAMPLE_CAMPAIGN,
    SAMPLE_UNITS,
    campaign_text,
    invoke_generate,
    steady_campaign,
)

HEADER = "ma,ten,loai,cap_tren,nguoi_dung_dau,chuc_vu,ky_hieu,dien_hinh,bi_thu,co_quan_chu_quan"
ROWS = [
    "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,",
    "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,,Bí thư H,",
    "X,Xã Hà Mòn,Xã,H,C,Chủ tịch UBND xã,UBND,x,Bí thư X,",
    "X-1,Thôn 1,Thôn,X,D1,Trưởng thôn,,,,",
    "X-2,Thôn 2,Thôn,X,D2,Trưởng thôn,,,,",
    "X-3,Làng Kon Klor,Làng,X,D3,Trưởng thôn,,,,",
    "X-4,Làng Kon Jơ Ri,Làng,X,D4,Trưởng thôn,,,,",
    "S,Sở Tư pháp,Cơ quan,T,E,Giám đốc,STP,,,",
    "P,Phòng Văn hóa và Thông tin huyện Đăk Hà,Cơ quan,H,F,Trưởng phòng,PVHTT,,,",
    "G1,Trường THPT chuyên Nguyễn Tất Thành,Trường,H,G,Hiệu trưởng,THPTC,,,",
    "G2,Trường THCS Lê Lợi,Trường,X,G,Hiệu trưởng,THCSLL,,,",
    "D,Công ty Cổ phần Thủy điện Đăk Psi,Doanh nghiệp,H,K,Giám đốc,TĐĐP,,,",
    "D2,Công ty TNHH Cà phê Đăk Hà,Doanh nghiệp,H,K,Giám đốc,CPĐH,,,Tổng công ty Cà phê Việt Nam",
]


@pytest.fixture
def made(tmp_path, runner):
    """Plans and pledges of a small district, on the sample campaign."""
    units = tmp_path / "units.csv"
    units.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    for kind in ("plan", "pledge"):
        result = invoke_generate(runner, kind, out, units=units)
        assert result.exit_code == 0, result.stderr
    return out


def header_left(path) -> list[str]:
    doc = dh.open_docx(path)
    return [line for line in doc.tables[0].rows[0].cells[0].text.split("\n") if line]


def section(path, start: str, end: str) -> list[str]:
    texts = dh.texts(dh.open_docx(path))
    return texts[texts.index(start) + 1 : texts.index(end)]


def test_people_committees_have_no_superior_line(made):
    assert header_left(made / "plan" / "H.docx") == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN ĐĂK HÀ",
        "Số:       /KH-UBND",
    ]
    assert header_left(made / "plan" / "X.docx") == [
        "ỦY BAN NHÂN DÂN",
        "XÃ HÀ MÒN",
        "Số:       /KH-UBND",
    ]


def test_agencies_schools_enterprises_and_villages_carry_their_managing_body(made):
    assert header_left(made / "plan" / "S.docx")[:2] == ["UBND TỈNH KON TUM", "SỞ TƯ PHÁP"]
    # A long name is broken before its locality, never inside a name.
    assert header_left(made / "plan" / "P.docx")[:3] == [
        "UBND HUYỆN ĐĂK HÀ",
        "PHÒNG VĂN HÓA VÀ",
        "THÔNG TIN HUYỆN ĐĂK HÀ",
    ]
    # An upper-secondary school belongs to the province's Sở GD&ĐT, a lower one to its UBND.
    assert header_left(made / "plan" / "G1.docx")[:3] == [
        "SỞ GD&ĐT KON TUM",
        "TRƯỜNG THPT CHUYÊN",
        "NGUYỄN TẤT THÀNH",
    ]
    assert header_left(made / "plan" / "G2.docx")[:2] == ["UBND XÃ HÀ MÒN", "TRƯỜNG THCS LÊ LỢI"]
    # An enterprise has none, unless the roster names its owner (Cơ quan chủ quản).
    assert header_left(made / "plan" / "D.docx")[:2] == ["CÔNG TY CỔ PHẦN", "THỦY ĐIỆN ĐĂK PSI"]
    # Its line is wider than the column (Word would wrap "… VIỆT / NAM"): broken at a name.
    assert header_left(made / "plan" / "D2.docx")[:4] == [
        "TỔNG CÔNG TY",
        "CÀ PHÊ VIỆT NAM",
        "CÔNG TY TNHH",
        "CÀ PHÊ ĐĂK HÀ",
    ]
    assert header_left(made / "pledge" / "X-3.docx") == ["UBND XÃ HÀ MÒN", "LÀNG KON KLOR"]


def test_superior_line_is_regular_and_issuer_bold(made):
    doc = dh.open_docx(made / "plan" / "S.docx")
    assert dh.runs_style(dh.find(doc, "UBND TỈNH KON TUM")) == {(12, False, False)}
    assert dh.runs_style(dh.find(doc, "SỞ TƯ PHÁP")) == {(12, True, False)}


# Bodies whose superior line the rule is certain of, and bodies it must not guess.
OTHER_ROWS = [
    "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,",
    "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,x,,",
    "Q,Phường Quang Trung,Phường,H,C,Chủ tịch UBND phường,UBND,,,",
    "Q-1,Tổ dân phố 1,Tổ dân phố,Q,D,Tổ trưởng tổ dân phố,,,,",
    "PK,Phòng Kinh tế,Cơ quan,Q,E,Trưởng phòng,PKT,,,",
    "MN,Trường Mầm non Hoa Sen,Trường,Q,F,Hiệu trưởng,MNHS,,,",
    "BD,Ban Dân tộc,Cơ quan,T,G,Trưởng ban,BDT,,,",
    "VP,Văn phòng HĐND và UBND huyện Đăk Hà,Cơ quan,H,J,Chánh Văn phòng,VP,,,",
    "KB,Kho bạc Nhà nước Đăk Hà,Cơ quan,H,K,Giám đốc,KBĐH,,,",
    "QS,Ban Chỉ huy Quân sự huyện Đăk Hà,Cơ quan,H,L,Chỉ huy trưởng,BCHQS,,,",
    "BH,Bảo hiểm xã hội huyện Đăk Hà,Cơ quan,H,M,Giám đốc,BHXH,,,Bảo hiểm xã hội tỉnh Kon Tum",
    "HN,Hội Nông dân huyện Đăk Hà,Cơ quan,H,N,Chủ tịch,HND,,,",
    "CD,Trường Cao đẳng Kon Tum,Trường,T,O,Hiệu trưởng,CĐKT,,,",
    "DN,Công ty TNHH Cà phê Đăk Hà,Doanh nghiệp,H,P,Giám đốc,CPĐH,,,",
]


@pytest.fixture
def others(tmp_path, runner):
    """Plans of bodies inside and outside the UBND tree, and the run's warnings."""
    units = tmp_path / "units.csv"
    units.write_text("\n".join([HEADER, *OTHER_ROWS]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke_generate(runner, "plan", out, units=units)
    assert result.exit_code == 0, result.stderr
    return out, result.stderr


def test_superior_line_is_derived_only_where_the_rule_is_certain(others):
    out, _ = others
    assert header_left(out / "plan" / "PK.docx")[:2] == ["UBND PHƯỜNG QUANG TRUNG", "PHÒNG KINH TẾ"]
    assert header_left(out / "plan" / "MN.docx")[:3] == [
        "UBND PHƯỜNG QUANG TRUNG",
        "TRƯỜNG MẦM NON",
        "HOA SEN",
    ]
    assert header_left(out / "plan" / "BD.docx")[:2] == ["UBND TỈNH KON TUM", "BAN DÂN TỘC"]
    assert header_left(out / "plan" / "VP.docx")[0] == "UBND HUYỆN ĐĂK HÀ"
    # The roster's column names a vertical body's superior: its system, not the UBND.
    # Wider than the column in one line: broken before the place, never inside "XÃ HỘI".
    assert header_left(out / "plan" / "BH.docx")[:3] == [
        "BẢO HIỂM XÃ HỘI",
        "TỈNH KON TUM",
        "BẢO HIỂM XÃ HỘI",
    ]
    # Without it, nothing is guessed from the movement's tree.
    assert header_left(out / "plan" / "KB.docx")[0] == "KHO BẠC"
    assert header_left(out / "plan" / "QS.docx")[0] == "BAN CHỈ HUY QUÂN SỰ"
    assert header_left(out / "plan" / "HN.docx")[0] == "HỘI NÔNG DÂN"
    assert header_left(out / "plan" / "CD.docx")[0] == "TRƯỜNG CAO ĐẲNG"
    for code in ("KB", "QS", "HN", "CD"):
        assert not any(
            "UBND" in line or "SỞ" in line for line in header_left(out / "plan" / f"{code}.docx")
        ), code


def test_one_warning_names_the_units_whose_superior_line_is_unknown(others):
    _, stderr = others
    lines = [line for line in stderr.splitlines() if "Cơ quan chủ quản" in line]
    assert len(lines) == 1
    named = re.findall(r"(\w+) \(", lines[0].split(": ", 2)[2].split(". ")[0])
    assert sorted(named) == ["CD", "HN", "KB", "QS"]
    assert lines[0].startswith("Cảnh báo: 4 đơn vị không ghi “Cơ quan chủ quản”")


def test_a_place_named_after_a_person_keeps_its_word_in_the_date_line(others):
    out, _ = others
    for code in ("Q", "PK", "MN"):
        text = dh.full_text(dh.open_docx(out / "plan" / f"{code}.docx"))
        assert "Phường Quang Trung, ngày 20 tháng 3 năm 2025" in text, code
    text = dh.full_text(dh.open_docx(out / "plan" / "KB.docx"))
    assert "\nĐăk Hà, ngày 20 tháng 3 năm 2025" in text


def test_the_roster_s_place_overrides_the_list(tmp_path, runner):
    units = tmp_path / "units.csv"
    rows = [r + "," for r in OTHER_ROWS[:3]]
    rows[2] += "Quang Trung"
    units.write_text("\n".join([HEADER + ",dia_danh", *rows]) + "\n", encoding="utf-8")
    result = invoke_generate(runner, "plan", tmp_path / "out", units=units)
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "plan" / "Q.docx"))
    assert "\nQuang Trung, ngày 20 tháng 3 năm 2025" in text


def test_a_body_of_the_merged_province_writes_its_own_province(tmp_path, runner):
    units = tmp_path / "units.csv"
    units.write_text(
        "\n".join(
            [
                HEADER,
                "QNG,Tỉnh Quảng Ngãi,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,",
                "S,Sở Tư pháp,Cơ quan,QNG,E,Giám đốc,STP,,,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = invoke_generate(runner, "event-plan", out, units=units)
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(out / "event-plan" / "S.docx"))
    assert "UBND TỈNH QUẢNG NGÃI" in text
    assert "Quảng Ngãi, ngày 01 tháng 7 năm 2025" in text and "Kon Tum, ngày" not in text


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Thành phố Kon Tum", ["THÀNH PHỐ KON TUM"]),
        ("Công ty TNHH MTV Lâm nghiệp Kon Rẫy", ["CÔNG TY TNHH MTV", "LÂM NGHIỆP KON RẪY"]),
        ("Công ty TNHH MTV Cà phê 734", ["CÔNG TY TNHH MTV", "CÀ PHÊ 734"]),
        ("Trường THCS Lê Hồng Phong", ["TRƯỜNG THCS", "LÊ HỒNG PHONG"]),
        # A number stays with what it numbers, and a numbered school's name starts at "số".
        ("Trường THPT số 2 Bảo Thắng", ["TRƯỜNG THPT", "SỐ 2 BẢO THẮNG"]),
        ("Tổ dân phố 3 phường Quang Trung", ["TỔ DÂN PHỐ 3", "PHƯỜNG QUANG TRUNG"]),
        ("Phòng Tư pháp huyện Đăk Hà", ["PHÒNG TƯ PHÁP", "HUYỆN ĐĂK HÀ"]),
        ("Trường Phổ thông Dân tộc nội trú tỉnh", ["TRƯỜNG PHỔ THÔNG", "DÂN TỘC NỘI TRÚ TỈNH"]),
        (
            "Công ty TNHH Thương mại & Dịch vụ Ngọc Linh",
            ["CÔNG TY TNHH", "THƯƠNG MẠI & DỊCH VỤ", "NGỌC LINH"],
        ),
    ],
)
def test_names_break_between_words_of_different_names(name, lines):
    assert heading.name_lines(name) == lines
    assert all(heading.text_width(line) <= heading.HEADER_EM for line in lines)


def test_commune_plan_states_its_own_counts(made):
    targets = section(made / "plan" / "X.docx", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP")
    text = "\n".join(targets)
    assert (
        "100% thôn, làng (04/04) và cơ sở giáo dục (01/01) đăng ký xây dựng đạt tiêu chuẩn"
    ) in text
    assert "100% thôn, làng (04/04) và cơ sở giáo dục (01/01) tổ chức phổ biến, quán triệt" in (
        text
    )
    # "trên 80%" of four villages is all four: exactly 80% would not be above it.
    assert (
        "04/04 thôn, làng (100%) và 01/01 cơ sở giáo dục (100%) đã đăng ký được công nhận "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự” (chỉ tiêu: trên 80%)."
    ) in text
    assert "Đăng ký xây dựng xã Hà Mòn đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025." in (
        text
    )
    assert "cấp huyện" not in text and "huyện" not in text
    assert "khu dân cư, xã, phường, thị trấn" not in text
    assert [t[: t.index(".")] for t in targets if re.match(r"\d+\. ", t)] == [
        str(i) for i in range(1, len([t for t in targets if re.match(r"\d+\. ", t)]) + 1)
    ]


def test_agency_school_and_enterprise_plans_carry_only_their_own_targets(made):
    for code in ("S", "P", "G1", "D"):
        text = "\n".join(
            section(made / "plan" / f"{code}.docx", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP")
        )
        for foreign in ("khu dân cư", "thôn", "cấp huyện", "xã, phường", "(0"):
            assert foreign not in text, (code, foreign)
        assert "Đăng ký xây dựng" in text and "“Khá” trở lên" in text


def test_district_plan_counts_each_kind_of_unit_below_it(made):
    text = "\n".join(section(made / "plan" / "H.docx", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP"))
    assert (
        "100% (01/01) xã, thôn, làng (04/04), cơ quan (01/01) và cơ sở giáo dục (02/02)" not in text
    )
    assert (
        "100% xã (01/01), thôn, làng (04/04), cơ quan (01/01) và cơ sở giáo dục (02/02) đăng ký"
        in (text)
    )
    # 70% of two enterprises is two (rounded up: 1 of 2 is only 50%).
    assert "02/02 doanh nghiệp (100%) đăng ký" in text
    assert "Phấn đấu phong trào toàn dân bảo vệ an ninh Tổ quốc của huyện Đăk Hà" in text
    assert "Xây dựng ít nhất 01 xã hoặc 01 cơ quan, doanh nghiệp, cơ sở giáo dục điển hình" in text


def test_a_target_naming_a_unit_appears_in_that_unit_s_plan_only(tmp_path, runner, sample_out):
    city = dh.full_text(dh.open_docx(sample_out / "plan" / "KT-01.docx"))
    assert (
        "Thành phố Kon Tum chọn xây dựng 02 Công an phường điển hình, kiểu mẫu về an ninh, "
        "trật tự và văn minh đô thị."
    ) in city
    for other in ("KT-02", "KT-01-01", "KT-CQ-01"):
        assert "Công an phường điển hình" not in dh.full_text(
            dh.open_docx(sample_out / "plan" / f"{other}.docx")
        )


def test_a_named_target_with_a_mistyped_code_is_named_on_a_province_roster(tmp_path, runner):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        SAMPLE_CAMPAIGN.read_text("utf-8").replace("don_vi: [KT-01]", "don_vi: [KT-O1]"),
        encoding="utf-8",
    )
    result = invoke_generate(runner, "plan", tmp_path / "out", campaign=campaign)
    assert result.exit_code == 0, result.stderr
    assert (
        'Cảnh báo: chi_tieu[10].don_vi: không có đơn vị mang mã "KT-O1" trong '
        "units-kon-tum-2025.csv, chỉ tiêu riêng này không đưa vào văn bản nào; có phải mã "
        '"KT-01"?.'
    ) in result.stderr


def test_tasks_name_the_bodies_of_the_unit_s_level_and_the_campaign_s_deadlines(tmp_path, runner):
    units = tmp_path / "units.csv"
    units.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        SAMPLE_CAMPAIGN.read_text("utf-8").replace(
            "  khu_dan_cu: 2025-11-20", "  khu_dan_cu: 2025-11-18"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = invoke_generate(runner, "plan", out, units=units, campaign=campaign)
    assert result.exit_code == 0, result.stderr
    tasks = "\n".join(
        section(
            out / "plan" / "X.docx",
            "IV. TỔ CHỨC THỰC HIỆN",
            "Trên đây là Kế hoạch xây dựng phong trào toàn dân bảo vệ an ninh Tổ "
            "quốc năm 2025 của Ủy ban nhân dân xã Hà Mòn; đề nghị các cơ quan, "
            "đơn vị, cá nhân liên quan nghiêm túc triển khai thực hiện./.",
        )
    )
    assert "1. Công an xã Hà Mòn là lực lượng nòng cốt" in tasks
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã Hà Mòn" in tasks
    assert "Các thôn, làng: tổ chức ký cam kết" in tasks and "trước ngày 18/11/2025" in tasks
    assert "Các cơ sở giáo dục: xây dựng kế hoạch" in tasks and "trước ngày 30/11/2025" in tasks
    assert (
        "Ủy ban nhân dân xã Hà Mòn báo cáo kết quả thực hiện phong trào năm 2025 về Ủy ban "
        "nhân dân huyện Đăk Hà trước ngày 30/11/2025; đề nghị Đảng ủy xã Hà Mòn"
    ) in tasks
    district = "\n".join(section(out / "plan" / "H.docx", "IV. TỔ CHỨC THỰC HIỆN", "Nơi nhận:"))
    assert "về Ủy ban nhân dân tỉnh Kon Tum trước ngày 15/12/2025; đề nghị Huyện ủy Đăk Hà" in (
        district
    )


def test_recipients_are_the_level_s_bodies_and_the_kinds_of_units_it_has(made):
    doc = dh.open_docx(made / "plan" / "X.docx")
    recipients = [p.text for p in doc.tables[-1].rows[0].cells[0].paragraphs if p.text]
    assert recipients == [
        "Nơi nhận:",
        "- Ủy ban nhân dân huyện Đăk Hà (để\u00a0báo\u00a0cáo);",
        "- Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Kon Tum "
        "(để\u00a0báo\u00a0cáo);",
        "- Đảng ủy xã Hà Mòn (để\u00a0báo\u00a0cáo);",
        "- Công an xã Hà Mòn (để\u00a0thực\u00a0hiện);",
        "- Ủy ban Mặt trận Tổ quốc Việt Nam xã Hà Mòn (để\u00a0phối\u00a0hợp);",
        "- Các thôn, làng, cơ sở giáo dục (để\u00a0thực\u00a0hiện);",
        "- Lưu: VT.",
    ]
    district = dh.open_docx(made / "plan" / "H.docx")
    recipients = [p.text for p in district.tables[-1].rows[0].cells[0].paragraphs]
    assert "- Các xã, cơ quan, doanh nghiệp, cơ sở giáo dục (để\u00a0thực\u00a0hiện);" in recipients
    assert not any("thị trấn" in line for line in recipients)


def test_pledge_names_the_receiving_office_in_full(made):
    text = dh.full_text(dh.open_docx(made / "pledge" / "X-1.docx"))
    assert "Đại diện: C; chức vụ: Chủ tịch Ủy ban nhân dân xã Hà Mòn." in text
    assert "Đại diện: D1; chức vụ: Trưởng thôn 1." in text
    signature = [
        line
        for line in dh.open_docx(made / "pledge" / "X-1.docx")
        .tables[-1]
        .rows[0]
        .cells[0]
        .text.split("\n")
        if line
    ]
    assert signature == ["ĐẠI DIỆN BÊN NHẬN CAM KẾT", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "C"]


def test_unit_targets_leave_out_what_concerns_neither_the_unit_nor_its_subtree():
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    roster = load_roster(SAMPLE_UNITS)
    village = unit_targets(campaign, roster.get("KT-02-02-01"))
    assert {t["ma"] for t in village} == {"cam_ket", "dang_ky", "dat_chuan", "kha_tro_len"}
    assert all(t["pham_vi"] == "don_vi" for t in village)
    province = unit_targets(campaign, roster.root)
    district_rows = [t for t in province if t["ma"] == "huyen_kha_tro_len"]
    assert district_rows[0]["phan"] == [
        {"loai": "huyện, thành phố", "so": "10/10", "it_nhat": False, "ty_le": "100%"}
    ]


def test_a_commune_with_only_villages_writes_the_domain_s_sentence(sample_out):
    text = dh.full_text(dh.open_docx(sample_out / "plan" / "KT-02-02.docx"))
    assert (
        "100% (02/02) thôn, làng đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”."
        in (text)
    )


def test_a_target_naming_a_unit_s_police_is_not_counted_from_its_wards(tmp_path, runner):
    from antq_docs.cli import cli

    units = tmp_path / "units.csv"
    units.write_text(
        "\n".join(
            [
                HEADER,
                "KT,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,",
                "KT-01,Thành phố Kon Tum,Thành phố,KT,B,Chủ tịch UBND thành phố,UBND,,,",
                "P1,Phường Thắng Lợi,Phường,KT-01,C,Chủ tịch UBND phường,UBND,x,,",
                "P2,Phường Quyết Thắng,Phường,KT-01,D,Chủ tịch UBND phường,UBND,,,",
                "P1-1,Tổ dân phố 1,Tổ dân phố,P1,E,Tổ trưởng tổ dân phố,,,,",
                "P2-1,Tổ dân phố 1,Tổ dân phố,P2,F,Tổ trưởng tổ dân phố,,,,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    results = tmp_path / "results.csv"
    results.write_text(
        "\n".join(
            [
                "Mã đơn vị,Đăng ký,Đạt chuẩn,Điểm,Xếp loại,Ngày hội",
                "KT-01,,,85,,có",
                "P1,có,đạt,92,,có",
                "P2,có,đạt,80,,có",
                "P1-1,có,đạt,91,,có",
                "P2-1,có,đạt,75,,có",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(steady_campaign(tmp_path)),
            "--units",
            str(units),
            "--results",
            str(results),
            "--level",
            "KT-01",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    # The city marks one model phường (Thắng Lợi), but the target asks for model ward police,
    # which the roster does not hold: the ward is no measure of it (see test_figures_read).
    assert not re.search(r"dien_hinh\s+Có điển hình\s+Thành phố Kon Tum", result.stdout)
    text = dh.full_text(dh.open_docx(tmp_path / "out" / "report" / "KT-01.docx"))
    assert re.search(
        r"không tính tỷ lệ trong báo cáo này: [^\n]*Thành phố Kon Tum chọn xây "
        r"dựng 02 Công an phường điển hình",
        text,
    )
    assert "Thành phố Kon Tum chọn xây dựng 02 Công an phường điển hình" in text


def test_a_model_commune_says_it_will_be_one_and_villages_are_not_asked_for_a_plan(made):
    text = dh.full_text(dh.open_docx(made / "plan" / "X.docx"))
    assert (
        "Xây dựng xã Hà Mòn trở thành đơn vị điển hình về phong trào toàn dân bảo vệ an ninh "
        "Tổ quốc năm 2025."
    ) in text
    assert "Các thôn, làng: tổ chức ký cam kết, đăng ký tiêu chuẩn" in text
    assert "Các cơ sở giáo dục: xây dựng kế hoạch trong Quý I, tổ chức ký cam kết" in text
    # The căn cứ cites the province's plan; the opening does not repeat it.
    assert "Ủy ban nhân dân xã Hà Mòn ban hành Kế hoạch xây dựng phong trào" in text
    assert "Thực hiện Kế hoạch số 38/KH-BCĐ" not in text


def test_a_lower_secondary_school_has_no_students_of_higher_education(made):
    school = dh.full_text(dh.open_docx(made / "plan" / "G2.docx"))
    assert "sinh viên" not in school and "quản lý học sinh ở trọ" in school


def test_after_the_merger_units_report_to_the_new_province_s_committee(tmp_path, runner):
    out = tmp_path / "out"
    result = invoke_generate(runner, "event-plan", out, units=None)
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(out / "event-plan" / "QNG-03.docx"))
    assert (
        "- Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Quảng Ngãi "
        "(để\u00a0báo\u00a0cáo);"
    ) in text
    assert "tỉnh Kon Tum (để\u00a0báo\u00a0cáo)" not in text


@pytest.mark.slow
def test_a_commune_s_evaluation_and_minutes_show_its_khu_dan_cu(tmp_path, runner):
    out = tmp_path / "out"
    result = invoke_generate(
        runner,
        "all",
        out,
        "--results",
        str(SAMPLE_UNITS.parent / "results-kon-tum-2025.csv"),
        "--scores",
        str(SAMPLE_UNITS.parent / "scores-kon-tum-2025.csv"),
        units=None,
    )
    assert result.exit_code == 0, result.stderr
    evaluation = dh.open_docx(out / "evaluation" / "QNG-03.docx")
    text = dh.full_text(evaluation)
    assert "Ủy ban nhân dân xã Đăk Hà đã đăng ký xây dựng đạt tiêu chuẩn" in text
    assert (
        "Khu dân cư trên địa bàn: 04/04 khu dân cư đăng ký, 03/04 khu dân cư được đề nghị "
        "công nhận đạt tiêu chuẩn"
    ) in text
    table = next(t for t in evaluation.tables if t.rows[0].cells[1].text == "Khu dân cư")
    assert [c.text for c in table.rows[4].cells] == [
        "4",
        "Tổ dân phố 3",
        "Có",
        "Chưa đạt",
        "72",
        "Khá",
    ]
    minutes = dh.full_text(dh.open_docx(out / "minutes" / "QNG-03.docx"))
    assert "4. Hội nghị bình xét kết quả của từng khu dân cư (04/04 đăng ký, 03/04 được công " in (
        minutes
    )
    assert "5. Ý kiến phát biểu:" in minutes
    village = dh.full_text(dh.open_docx(out / "minutes" / "KT-02-02-01.docx"))
    assert "4. Ý kiến phát biểu:" in village and "từng khu dân cư" not in village


def test_the_report_tells_twins_apart_counts_built_models_and_drops_empty_rows(tmp_path, runner):
    from antq_docs.cli import cli

    result = runner.invoke(cli, ["report", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(tmp_path / "out" / "report" / "QNG.docx")
    text = dh.full_text(doc)
    # Two "Tổ dân phố 2" of the merged wards now under Phường Kon Tum.
    assert "Tổ dân phố 2 (mã KT-01-01-02)" in text and "Tổ dân phố 2 (mã KT-01-02-02)" in text
    assert "Chọn xây dựng 10 đơn vị điển hình" in text
    assert "trong đó 4 đơn vị đạt tiêu chuẩn “An toàn về an ninh, trật tự” và xếp loại" in text
    # No district is left after 01/7/2025: its target has no row in the signed table.
    assert "không có đơn vị" not in text


def test_a_report_deadline_outside_the_campaign_year_is_refused(tmp_path, runner):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        campaign_text().replace("  khu_dan_cu: 2025-11-20", "  khu_dan_cu: 2024-11-20"), "utf-8"
    )
    result = invoke_generate(runner, "plan", tmp_path / "out", campaign=campaign)
    assert result.exit_code == 1
    assert (
        "campaign.yaml, trường han_bao_cao.khu_dan_cu: ngày 20/11/2024 không thuộc năm 2025 "
        "của phong trào"
    ) in result.stderr


def test_templates_check_on_an_empty_folder_and_misnamed_templates(tmp_path, runner):
    from antq_docs.cli import cli

    empty = tmp_path / "mau"
    empty.mkdir()
    result = runner.invoke(cli, ["templates", "check", str(empty)])
    assert result.exit_code == 1
    assert "không có tệp mẫu .docx nào để kiểm tra" in result.stderr
    (empty / "ghi-chu.docx").write_bytes(b"")
    out = tmp_path / "out"
    result = invoke_generate(runner, "pledge", out, "--templates", str(empty))
    assert result.exit_code == 0, result.stderr
    assert "ghi-chu.docx: tên tệp không phải tên mẫu nào nên không được dùng" in result.stderr


@pytest.mark.parametrize(
    ("name", "bold", "lines"),
    [
        ("Bảo hiểm xã hội cơ sở Vĩnh Linh", True, ["BẢO HIỂM XÃ HỘI", "CƠ SỞ VĨNH LINH"]),
        ("Kho bạc Nhà nước khu vực XII", True, ["KHO BẠC NHÀ NƯỚC", "KHU VỰC XII"]),
        ("Trường Trung học cơ sở Lê Hồng Phong", True, ["TRƯỜNG TRUNG HỌC CƠ SỞ", "LÊ HỒNG PHONG"]),
        (
            "Sở Giáo dục và Đào tạo tỉnh Quảng Trị",
            False,
            ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TỈNH QUẢNG TRỊ"],
        ),
    ],
)
def test_names_break_between_a_body_and_its_place_never_inside_a_noun(name, bold, lines):
    limit = heading.HEADER_EM if bold else heading.SUPERIOR_EM
    assert heading.name_lines(name, limit, bold=bold) == lines
