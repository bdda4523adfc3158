"""Year plans, district plans and Ngày hội plans, reopened and checked."""

from __future__ import annotations

import yaml

from antq_docs.cli import cli
from antq_docs.inputs.roster import load_roster
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_UNITS

HEADER = "ma,ten,loai,cap_tren,nguoi_dung_dau,chuc_vu,ky_hieu,dien_hinh,dia_diem,kinh_phi,bi_thu"


def generate(runner, tmp_path, kind: str, rows: list[str], campaign: str | None = None, *extra):
    units = tmp_path / "units.csv"
    units.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    campaign_path = tmp_path / "campaign.yaml"
    campaign_path.write_text(campaign or SAMPLE_CAMPAIGN.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            kind,
            "--campaign",
            str(campaign_path),
            "--units",
            str(units),
            "--out",
            str(out),
            *extra,
        ],
    )
    return result, out


def section_titles(doc) -> list[str]:
    return [t for t in dh.texts(doc) if t.split(".")[0] in {"I", "II", "III", "IV", "V", "VI"}]


def test_every_issuer_has_a_plan_and_an_event_plan(sample_out):
    roster = load_roster(SAMPLE_UNITS)
    issuers = sorted(
        u.code
        for u in roster
        if u.type in {"huyen", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc"}
    )
    assert sorted(p.stem for p in (sample_out / "plan").glob("*.docx")) == issuers
    # The Ngày hội plan (01/7/2025) comes after the district level ended: its People's
    # Committees and their offices (phòng) issue none.
    gone = {u.code for u in roster if u.type == "huyen" or u.name.startswith("Phòng ")}
    assert sorted(p.stem for p in (sample_out / "event-plan").glob("*.docx")) == sorted(
        set(issuers) - gone
    )


def test_district_plan_parts_formatting_and_signature(sample_out):
    roster = load_roster(SAMPLE_UNITS)
    district = roster.get("KT-02")
    doc = dh.open_docx(sample_out / "plan" / "KT-02.docx")
    dh.assert_a4_nd30(doc)
    assert dh.fonts_everywhere(doc) == {"Times New Roman"}
    assert dh.leftover_tags(doc) == []
    left = [x for x in doc.tables[0].rows[0].cells[0].text.split("\n") if x]
    # A People's Committee has no superior-body line (Nghị định 30, Phụ lục I).
    assert left == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐĂK HÀ", "Số:       /KH-UBND"]
    assert dh.runs_style(dh.find(doc, "Số:")) == {(13, False, False)}
    assert "Đăk Hà, ngày 20 tháng 3 năm 2025" in dh.full_text(doc)
    assert dh.runs_style(dh.find(doc, "KẾ HOẠCH")) == {(14, True, False)}
    assert "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025" in dh.texts(doc)
    assert section_titles(doc) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CHỈ TIÊU",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    bases = [t for t in dh.texts(doc) if t.startswith("Căn cứ")]
    assert (
        bases[-1].startswith("Căn cứ Kế hoạch số 38/KH-BCĐ ngày 07/3/2025") and bases[-1][-1] == "."
    )
    closing = dh.find(doc, "Trên đây là Kế hoạch")
    assert closing.text.endswith("./.")
    signature = [x for x in doc.tables[-1].rows[0].cells[1].text.split("\n") if x]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", district.head]
    recipients = [x for x in doc.tables[-1].rows[0].cells[0].text.split("\n") if x]
    assert recipients[0] == "Nơi nhận:"
    assert recipients[1] == "- Ủy ban nhân dân tỉnh Kon Tum (để\u00a0báo\u00a0cáo);"
    assert recipients[-1] == "- Lưu: VT."
    assert dh.runs_style(dh.find(doc, "Nơi nhận:")) == {(12, True, True)}
    assert dh.runs_style(dh.find(doc, "- Lưu: VT.")) == {(11, False, False)}


def test_targets_come_from_the_campaign(tmp_path, runner):
    campaign = (
        SAMPLE_CAMPAIGN.read_text("utf-8")
        .replace("noi_dung: 70% doanh nghiệp đăng ký", "noi_dung: 65% doanh nghiệp đăng ký")
        .replace(
            "    loai: [doanh_nghiep]\n    ty_le: 70\n",
            "    loai: [doanh_nghiep]\n    ty_le: 65\n",
            1,
        )
    )
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,",
        "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,,,,",
        "X,Xã Hà Mòn,Xã,H,C,Chủ tịch UBND xã,UBND,x,,,",
        "D,Công ty TNHH A,Doanh nghiệp,H,E,Giám đốc,CTA,,,,",
    ]
    result, out = generate(runner, tmp_path, "plan", rows, campaign)
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(out / "plan" / "H.docx"))
    # The district states its own counts, with the campaign's level.
    assert (
        "01/01 doanh nghiệp (100%) đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật "
        "tự” (chỉ tiêu: 65%)."
    ) in text
    assert "100% (01/01) xã đăng ký xây dựng đạt tiêu chuẩn" in text
    company = dh.open_docx(out / "plan" / "D.docx")
    texts = dh.texts(company)
    start, end = texts.index("II. CHỈ TIÊU"), texts.index("III. NHIỆM VỤ, GIẢI PHÁP")
    assert texts[start + 1 : end] == [
        "1. 100% người lao động của Công ty TNHH A được phổ biến, quán triệt nhiệm vụ năm 2025; "
        "tổ chức ký cam kết, giao ước thi đua thực hiện phong trào.",
        "2. Đăng ký xây dựng Công ty TNHH A đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.",
        "3. Phấn đấu Công ty TNHH A được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” "
        "năm 2025.",
        "4. Phấn đấu phong trào toàn dân bảo vệ an ninh Tổ quốc của Công ty TNHH A được đánh giá, "
        "phân loại đạt mức “Khá” trở lên.",
        "5. Ban hành kế hoạch và tổ chức các hoạt động kỷ niệm “Ngày hội toàn dân bảo vệ an ninh "
        "Tổ quốc” (19/8/2025).",
    ]
    assert len(company.tables) == 2  # header and signature: an enterprise lists no subordinates


def test_district_table_lists_its_units_with_their_own_targets_in_vietnamese_order(
    tmp_path, runner
):
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,",
        "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,,,,",
        "X1,Xã Đăk Mar,Xã,H,C,Chủ tịch UBND xã,UBND,x,,,",
        "X2,Xã Ea Na,Xã,H,C,Chủ tịch UBND xã,UBND,x,,,",
        "X3,Xã Duy Tân,Xã,H,C,Chủ tịch UBND xã,UBND,x,,,",
        "X4,Xã Dục Nông,Xã,H,C,Chủ tịch UBND xã,UBND,x,,,",
        "S,Trường THCS Lê Lợi,Trường,H,D,Hiệu trưởng,THCS,,,,",
        "K,Thôn 1,Thôn,X1,E,Trưởng thôn,,,,,",
        "H2,Huyện Đăk Tô,Huyện,T,F,Chủ tịch UBND huyện,UBND,,,,",
        "X9,Xã Tân Cảnh,Xã,H2,G,Chủ tịch UBND xã,UBND,,,,",
    ]
    result, out = generate(runner, tmp_path, "plan", rows)
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(out / "plan" / "H.docx")
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Tên đơn vị",
        "Loại",
        "Đăng ký “An toàn về an ninh, trật tự”",
        "Mục tiêu cuối năm",
        "Ghi chú",
    ]
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    # The model communes have their own target; the school shares the sentence's.
    assert [r[1] for r in body] == [
        "Xã Dục Nông",
        "Xã Duy Tân",
        "Xã Đăk Mar",
        "Xã Ea Na",
    ]
    assert [r[0] for r in body] == ["1", "2", "3", "4"]
    assert body[1][3:] == [
        "Đăng ký",
        "Đạt chuẩn “An toàn về an ninh, trật tự”; Xếp loại Khá trở lên",
        "Xây dựng điển hình",
    ]
    text = dh.full_text(doc)
    assert (
        "Đơn vị chọn xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
        "2025: Xã Dục Nông; Xã Duy Tân; Xã Đăk Mar; Xã Ea Na."
    ) in text
    assert "Lưu ý:" not in text
    commune = dh.open_docx(out / "plan" / "X1.docx")
    assert len(commune.tables) == 2  # its one village shares the sentence's target
    assert "Chỉ tiêu đối với mỗi đơn vị trực thuộc xã Đăk Mar: đăng ký xây dựng" in (
        dh.full_text(commune)
    )
    other = dh.full_text(dh.open_docx(out / "plan" / "H2.docx"))
    assert "Lưu ý: huyện Đăk Tô chưa chọn đơn vị xây dựng điển hình" in other
    # One warning for the district without a model unit (and one for the sample campaign's
    # target naming KT-01, which this roster does not have).
    assert result.stderr.count("chưa có đơn vị điển hình") == 1
    assert 'chi_tieu[10].don_vi: không có đơn vị mang mã "KT-01"' in result.stderr
    assert (
        "Cảnh báo: H2 (Huyện Đăk Tô): chưa có đơn vị điển hình (cột Điển hình); bản kế "
        "hoạch có ghi chú để bổ sung trước khi ban hành."
    ) in result.stderr


def test_agency_signs_directly_and_deputy_form_needs_the_signer(tmp_path, runner):
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,",
        "C,Sở Tư pháp,Cơ quan,T,Lê Văn Bình,Giám đốc,STP,,,,",
        "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,,,,",
    ]
    result, out = generate(runner, tmp_path, "plan", rows)
    assert result.exit_code == 0, result.stderr
    signature = [
        x
        for x in dh.open_docx(out / "plan" / "C.docx").tables[-1].rows[0].cells[1].text.split("\n")
        if x
    ]
    assert signature == ["GIÁM ĐỐC", "Lê Văn Bình"]
    campaign = SAMPLE_CAMPAIGN.read_text("utf-8").replace("  huyen: tm ", "  huyen: kt ")
    result, out = generate(runner, tmp_path, "plan", rows, campaign)
    assert result.exit_code == 1
    assert (
        "units.csv, dòng 4, cột Người ký, đơn vị H: thiếu giá trị, cần cho kế hoạch năm (ký thay)"
    ) in result.stderr
    header = HEADER + ",nguoi_ky,chuc_vu_nguoi_ky"
    units = tmp_path / "units.csv"
    units.write_text(
        "\n".join(
            [
                header,
                rows[0] + ",,",
                rows[1] + ",,",
                rows[2] + ",Phạm Thị Hoa,Phó Chủ tịch UBND huyện",
            ]
        )
        + "\n",
        "utf-8",
    )
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(tmp_path / "campaign.yaml"),
            "--units",
            str(units),
            "--out",
            str(tmp_path / "out2"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    signature = [
        x
        for x in dh.open_docx(tmp_path / "out2" / "plan" / "H.docx")
        .tables[-1]
        .rows[0]
        .cells[1]
        .text.split("\n")
        if x
    ]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Thị Hoa"]


def test_event_plan_parts_programme_and_budget(sample_out):
    doc = dh.open_docx(sample_out / "event-plan" / "KT-02-02.docx")
    dh.assert_a4_nd30(doc)
    assert dh.leftover_tags(doc) == []
    assert section_titles(doc) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CÁC HOẠT ĐỘNG HƯỞNG ỨNG",
        "III. NỘI DUNG, CHƯƠNG TRÌNH NGÀY HỘI",
        "IV. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN",
        "V. KINH PHÍ",
        "VI. PHÂN CÔNG NHIỆM VỤ",
    ]
    text = dh.full_text(doc)
    assert "Thời gian: Từ ngày 01/7/2025 đến ngày 19/8/2025." in text
    programme = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert programme[0] == ["STT", "Nội dung", "Thực hiện"]
    assert programme[1][1] == "A. PHẦN LỄ"
    assert any("Ký kết giao ước thi đua" in r[1] for r in programme)
    festival = next(i for i, r in enumerate(programme) if r[1] == "B. PHẦN HỘI")
    assert [r[0] for r in programme[2:festival]] == ["1", "2", "3", "4", "5", "6"]
    assert "1. Thời gian: 07 giờ 30 phút, ngày 19 tháng 8 năm 2025." in text
    assert "2. Địa điểm: Hội trường Ủy ban nhân dân xã Hà Mòn." in text
    assert (
        "Tổng kinh phí dự kiến: 15.500.000 đồng (Bằng chữ: Mười lăm triệu năm trăm nghìn đồng)"
    ) in text
    assert dh.find(doc, "Trên đây là Kế hoạch tổ chức Ngày hội").text.endswith("./.")


def test_roster_overrides_place_and_budget_and_bad_amounts_are_refused(tmp_path, runner):
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,",
        'X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,Nhà văn hóa thôn 1,"1.000.005",',
    ]
    result, out = generate(runner, tmp_path, "event-plan", rows)
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(out / "event-plan" / "X.docx"))
    assert "2. Địa điểm: Nhà văn hóa thôn 1." in text
    assert "1.000.005 đồng (Bằng chữ: Một triệu không trăm linh năm đồng)" in text
    rows[1] = "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,,mười triệu,"
    result, _ = generate(runner, tmp_path, "event-plan", rows)
    assert result.exit_code == 1
    assert (
        'units.csv, dòng 3, cột J (kinh_phi): kinh phí "mười triệu" không phải số tiền '
        "(viết 15.500.000)"
    ) in result.stderr


def test_missing_budget_without_defaults_is_named(tmp_path, runner):
    data = yaml.safe_load(SAMPLE_CAMPAIGN.read_text("utf-8"))
    data["ngay_hoi_to_chuc"]["theo_loai"]["co_quan"] = {"thanh_phan": "Toàn thể cơ quan"}
    campaign = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,",
        "C,Sở Tư pháp,Cơ quan,T,B,Giám đốc,STP,,,,",
    ]
    result, _ = generate(runner, tmp_path, "event-plan", rows, campaign)
    assert result.exit_code == 1
    # The place is never missing: without a campaign default the plan names the unit's own hall.
    assert result.stderr.splitlines()[1:] == [
        "  - units.csv, dòng 3, cột J (kinh_phi), đơn vị C: thiếu giá trị, cần cho kế hoạch Ngày hội "
        "(hoặc ngay_hoi_to_chuc.theo_loai.co_quan.kinh_phi hoặc du_toan trong kế hoạch năm)",
    ]


def test_a_unit_type_with_no_target_is_named(tmp_path, runner):
    campaign = tmp_path / "campaign.yaml"
    targets, matrix = SAMPLE_CAMPAIGN.read_text("utf-8").split("# Văn bản bắt buộc")
    targets = targets.replace("co_quan, ", "").replace(
        "[khu_dan_cu, xa, co_quan, co_so_giao_duc]", "[khu_dan_cu, xa, co_so_giao_duc]"
    )
    campaign.write_text(targets + "# Văn bản bắt buộc" + matrix, "utf-8")
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,",
        "C,Sở Tư pháp,Cơ quan,T,B,Giám đốc,STP,,,,",
        "D,Sở Y tế,Cơ quan,T,B,Giám đốc,SYT,,,,",
    ]
    result, _ = generate(runner, tmp_path, "plan", rows, campaign.read_text("utf-8"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  - campaign.yaml, trường chi_tieu: không có chỉ tiêu nào áp dụng cho cơ quan (co_quan), "
        "cần cho phần II. Chỉ tiêu của kế hoạch năm (ví dụ C Sở Tư pháp)"
    ]


def test_a_people_s_committee_without_ky_hieu_numbers_as_ubnd(tmp_path, runner):
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,,,,,",
        "H,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,,x,,,",
        "X,Xã Hà Mòn,Xã,H,C,Chủ tịch UBND xã,,,,,",
        "X-1,Thôn 1,Thôn,X,D,Trưởng thôn,,,,,",
    ]
    result, out = generate(runner, tmp_path, "plan", rows)
    assert result.exit_code == 0, result.stderr
    for code in ("H", "X"):
        assert "Số:       /KH-UBND" in dh.texts(dh.open_docx(out / "plan" / f"{code}.docx"))


def test_an_agency_without_ky_hieu_is_still_named(tmp_path, runner):
    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,,,,,",
        "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,,,,,",
        "S,Sở Tư pháp,Cơ quan,T,E,Giám đốc,,,,,",
    ]
    result, out = generate(runner, tmp_path, "plan", rows)
    assert result.exit_code == 1
    assert (
        "Cảnh báo: chưa soạn kế hoạch năm của S vì thiếu dữ liệu — units.csv, dòng 4, cột G "
        "(ky_hieu), đơn vị S: thiếu giá trị, cần cho kế hoạch năm. Ghi ký hiệu của đơn vị: chữ "
        "viết tắt tên đơn vị, đứng sau loại văn bản trong số (05/KH-THCSVL), ví dụ “THCSVL” cho "
        "Trường THCS Vĩnh Linh. Các văn bản khác"
    ) in result.stderr
    # The commune's plan has its ký hiệu (UBND by default): it is made.
    assert not (out / "plan" / "S.docx").exists()
    assert "Số:       /KH-UBND" in dh.texts(dh.open_docx(out / "plan" / "X.docx"))
