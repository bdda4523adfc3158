"""Pledge forms: one per unit below the root, reopened and checked part by part."""

from __future__ import annotations

import unicodedata

from docx.enum.text import WD_ALIGN_PARAGRAPH

from antq_docs.cli import cli
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from tests import helpers as dh
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_UNITS, invoke_generate


def test_every_unit_below_the_root_has_one_pledge(sample_out):
    roster = load_roster(SAMPLE_UNITS)
    expected = sorted(f"{u.code}.docx" for u in roster if u.parent is not None)
    assert sorted(p.name for p in (sample_out / "pledge").iterdir()) == expected
    assert not (sample_out / "pledge" / "KT.docx").exists()


def test_commune_pledge_parts_and_formatting(sample_out):
    doc = dh.open_docx(sample_out / "pledge" / "KT-02-02.docx")  # Xã Hà Mòn, huyện Đăk Hà
    dh.assert_a4_nd30(doc)
    assert dh.default_fonts(doc) == dict.fromkeys(
        ("ascii", "hAnsi", "eastAsia", "cs"), "Times New Roman"
    )
    assert dh.fonts_everywhere(doc) == {"Times New Roman"}
    assert dh.leftover_tags(doc) == []
    header = doc.tables[0]
    left, right = (c.text.split("\n") for c in header.rows[0].cells)
    assert left == ["ỦY BAN NHÂN DÂN", "XÃ HÀ MÒN", ""]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Mòn, ngày 25 tháng 3 năm 2025",
    ]
    assert dh.runs_style(dh.find(doc, "CỘNG HÒA")) == {(12, True, False)}
    assert dh.runs_style(dh.find(doc, "Độc lập - Tự do - Hạnh phúc")) == {(13, True, False)}
    assert dh.runs_style(dh.find(doc, "ỦY BAN NHÂN DÂN")) == {(12, True, False)}
    assert dh.runs_style(dh.find(doc, "XÃ HÀ MÒN")) == {(12, True, False)}
    assert dh.runs_style(dh.find(doc, "Hà Mòn, ngày")) == {(13, False, True)}
    title = dh.find(doc, "BẢN CAM KẾT")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert dh.runs_style(title) == {(14, True, False)}
    summary = dh.find(doc, "Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025")
    assert dh.runs_style(summary) == {(14, True, False)}


def test_legal_basis_lines_are_italic_and_end_with_semicolon_then_period(sample_out):
    doc = dh.open_docx(sample_out / "pledge" / "KT-02-02.docx")
    bases = [p for p in dh.paragraphs(doc) if p.text.startswith("Căn cứ")]
    assert len(bases) == 2
    assert bases[0].text.endswith(";") and bases[-1].text.endswith(".")
    assert bases[-1].text == (
        "Căn cứ Kế hoạch số 38/KH-BCĐ ngày 07/3/2025 của Ban Chỉ đạo Phong trào “Toàn dân đoàn "
        "kết xây dựng đời sống văn hoá” tỉnh Kon Tum về triển khai thực hiện Phong trào “Toàn dân "
        "đoàn kết xây dựng đời sống văn hoá” năm 2025 trên địa bàn tỉnh."
    )
    for p in bases:
        assert dh.runs_style(p) == {(14, False, True)}


def test_body_is_justified_indented_and_ends_with_the_closing_mark(sample_out):
    doc = dh.open_docx(sample_out / "pledge" / "KT-02-02.docx")
    commitments = [
        p
        for p in dh.paragraphs(doc)
        if p.text[:2] in {f"{i}." for i in range(1, 9)} and "Bên" not in p.text[:8]
    ]
    assert [p.text.split(".")[0] for p in commitments] == ["1", "2", "3", "4", "5", "6", "7"]
    assert "trên địa bàn xã Hà Mòn" in commitments[0].text
    for p in commitments:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert 1.0 <= p.paragraph_format.first_line_indent.cm <= 1.27
        assert p.paragraph_format.space_after.pt >= 6
        assert dh.runs_style(p) == {(14, False, False)}
    closing = dh.find(doc, "Bản cam kết có giá trị")
    assert closing.text.endswith("./.")


def test_both_parties_sign_with_names_from_the_roster(sample_out):
    roster = load_roster(SAMPLE_UNITS)
    commune, district = roster.get("KT-02-02"), roster.get("KT-02")
    doc = dh.open_docx(sample_out / "pledge" / "KT-02-02.docx")
    text = dh.full_text(doc)
    assert "1. Bên nhận cam kết: Ủy ban nhân dân huyện Đăk Hà" in text
    # The receiving side's office is named in full.
    assert f"Đại diện: {district.head}; chức vụ: Chủ tịch Ủy ban nhân dân huyện Đăk Hà." in text
    assert "2. Bên cam kết: Ủy ban nhân dân xã Hà Mòn" in text
    signature = doc.tables[-1]
    left, right = (c.text.split("\n") for c in signature.rows[0].cells)
    # Both People's Committees sign as collective bodies.
    assert [x for x in left if x] == [
        "ĐẠI DIỆN BÊN NHẬN CAM KẾT",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        district.head,
    ]
    assert [x for x in right if x] == [
        "ĐẠI DIỆN BÊN CAM KẾT",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        commune.head,
    ]
    name = next(p for p in signature.rows[0].cells[1].paragraphs if p.text == commune.head)
    assert dh.runs_style(name) == {(14, True, False)}


def test_residential_area_uses_its_own_form(sample_out):
    roster = load_roster(SAMPLE_UNITS)
    village = roster.get("KT-02-02-02")  # Làng Kon Klor, xã Hà Mòn
    doc = dh.open_docx(sample_out / "pledge" / f"{village.code}.docx")
    left = doc.tables[0].rows[0].cells[0].text.split("\n")
    assert left[:2] == ["UBND XÃ HÀ MÒN", "LÀNG KON KLOR"]
    text = dh.full_text(doc)
    assert f"Đại diện cho {village.households} hộ gia đình của làng Kon Klor." in text
    assert "Thay mặt các hộ gia đình, làng Kon Klor cam kết trong năm 2025" in text
    assert "quy ước, hương ước của làng Kon Klor" in text
    assert "Hà Mòn, ngày 25 tháng 3 năm 2025" in text
    assert dh.leftover_tags(doc) == []


def test_school_and_enterprise_commitments_suit_the_unit(sample_out):
    school = dh.full_text(dh.open_docx(sample_out / "pledge" / "KT-GD-01.docx"))
    assert "bạo lực học đường" in school
    company = dh.full_text(dh.open_docx(sample_out / "pledge" / "KT-DN-01.docx"))
    assert "đình công, ngừng việc trái pháp luật" in company
    assert "Bên cam kết: Công ty TNHH MTV Cà phê 734" in company


def test_special_characters_and_apostrophes_are_text(tmp_path, runner):
    out = tmp_path / "out"
    result = invoke_generate(
        runner, "pledge", out, units=FIXTURES / "roster-special-chars.csv", campaign=SAMPLE_CAMPAIGN
    )
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(out / "pledge" / "DN1.docx")
    text = dh.full_text(doc)
    assert 'Bên cam kết: Công ty TNHH Cà phê & Ca cao "Đăk Hà" <Chi nhánh 2>' in text
    assert (
        "Đại diện: Y Bình O'Neil; chức vụ: Giám đốc Công ty TNHH Cà phê & Ca cao "
        '"Đăk Hà" <Chi nhánh 2>.'
    ) in text
    # The name breaks between words, never inside the quoted name.
    assert [p for p in doc.tables[0].rows[0].cells[0].text.split("\n") if p] == [
        "CÔNG TY TNHH",
        "CÀ PHÊ & CA CAO",
        '"ĐĂK HÀ" <CHI NHÁNH 2>',
    ]
    assert "Địa chỉ: Số 5 & 7, đường A." in text
    assert "Chủ tịch Ủy ban nhân dân huyện Ia H'Drai" in text
    district = dh.full_text(dh.open_docx(out / "pledge" / "H1.docx"))
    assert "Ia H'Drai, ngày 25 tháng 3 năm 2025" in district


def test_nfd_roster_gives_nfc_documents(tmp_path, runner):
    out = tmp_path / "out"
    result = invoke_generate(
        runner, "pledge", out, units=FIXTURES / "roster-nfd.csv", campaign=SAMPLE_CAMPAIGN
    )
    assert result.exit_code == 0, result.stderr
    for path in (out / "pledge").iterdir():
        text = dh.full_text(dh.open_docx(path))
        assert unicodedata.is_normalized("NFC", text)
    assert "Bên cam kết: Thôn Kon Klor" in dh.full_text(dh.open_docx(out / "pledge" / "TH1.docx"))


def test_missing_head_names_the_unit_and_field_and_writes_nothing(tmp_path, runner):
    out = tmp_path / "out"
    result = invoke_generate(
        runner, "pledge", out, units=FIXTURES / "roster-missing-head.csv", campaign=SAMPLE_CAMPAIGN
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: Thiếu dữ liệu cho văn bản: 2 lỗi, chưa ghi tệp nào.\n"
        "  - roster-missing-head.csv, dòng 3, cột E (Người đứng đầu), đơn vị H1: thiếu giá trị, cần "
        "cho bản cam kết; bên nhận cam kết của X1\n"
        "  - roster-missing-head.csv, dòng 4, cột F (Chức vụ), đơn vị X1: thiếu giá trị, cần cho bản "
        "cam kết\n"
    )
    assert not out.exists()


def test_missing_document_date_in_campaign_is_named(tmp_path, runner):
    campaign = tmp_path / "c.yaml"
    text = SAMPLE_CAMPAIGN.read_text(encoding="utf-8")
    campaign.write_text(text.replace("  pledge: 2025-03-25 ", "  # pledge: 2025-03-25 "), "utf-8")
    result = runner.invoke(
        cli,
        [
            "generate",
            "pledge",
            "--campaign",
            str(campaign),
            "--units",
            str(SAMPLE_UNITS),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: Thiếu dữ liệu cho văn bản: 1 lỗi, chưa ghi tệp nào.\n"
        "  - c.yaml, trường ngay_van_ban.pledge: thiếu ngày của bản cam kết\n"
    )


def test_a_commitment_edited_in_the_template_shows_in_every_pledge_of_its_type(tmp_path):
    from antq_docs import resources
    from antq_docs.generate import plan_documents
    from antq_docs.inputs.loading import load_inputs
    from antq_docs.render import CompiledTemplate

    original = "không để xảy ra bạo lực học đường."
    edited = "không để xảy ra bạo lực học đường, kể cả trên mạng xã hội."
    doc = dh.open_docx(resources.template_path("pledge.docx"))
    paragraph = dh.find(doc, original)  # the commitment is text of the template, not a tag
    assert "{{" not in paragraph.text
    for run in paragraph.runs:
        run.text = run.text.replace(original, edited)
    path = tmp_path / "pledge.docx"
    doc.save(str(path))
    template = CompiledTemplate(path)
    documents, _ = plan_documents(
        load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, kinds=REGISTRY), ["pledge"]
    )
    seen = set()
    for document in documents:
        if document.template != "pledge.docx":
            continue
        document.context.setdefault("so_ky_hieu", "")
        out = tmp_path / f"{document.unit}.docx"
        out.write_bytes(template.render(document.context))
        text = dh.full_text(dh.open_docx(out))
        unit_type = document.context["loai"]
        seen.add(unit_type)
        assert (edited in text) == (unit_type == "co_so_giao_duc"), document.unit
    assert {"co_so_giao_duc", "co_quan", "xa"} <= seen
