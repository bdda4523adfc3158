"""`lint`: every template and generated document passes; each broken rule is named."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from antq_docs.cli import cli
from antq_docs.docxread import PLACEHOLDER
from antq_docs.lint import lint_file
from tests import helpers as dh
from tests.helpers import ROOT, SAMPLE_CAMPAIGN, invoke_generate
from tests.totals import documents_written

TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))


@pytest.fixture(scope="module")
def generated(year_end_copy) -> Path:
    """Every document of the sample with its year-end ones (evaluations and the year report
    are linted too), generated once a session."""
    return year_end_copy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_template_passes(template):
    assert lint_file(template) == []


@pytest.mark.slow
def test_every_generated_document_passes(runner, generated):
    result = runner.invoke(cli, ["lint", str(generated)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == f"Đã soát {documents_written()} tệp: đúng thể thức.\n"


def edited(generated: Path, tmp_path: Path, change, name: str = "KT-01.docx") -> Path:
    """A copy of a generated pledge with one change made through python-docx."""
    target = tmp_path / name
    shutil.copy(generated / "pledge" / name, target)
    doc = Document(str(target))
    change(doc)
    doc.save(str(target))
    return target


def set_text(paragraph, text: str) -> None:
    """Put text in the first run of a paragraph and empty the others (formatting kept)."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def rules(path: Path) -> list[tuple[str, str, str]]:
    return [(f.rule, f.expected, f.found) for f in lint_file(path)]


def _add_recipients(doc, last: str) -> None:
    left = doc.tables[-1].rows[0].cells[0]
    head = left.add_paragraph()
    run = head.add_run("Nơi nhận:")
    run.font.size, run.font.bold, run.font.italic, run.font.name = (
        Pt(12),
        True,
        True,
        "Times New Roman",
    )
    for line in ("- UBND tỉnh;", last):
        r = left.add_paragraph().add_run(line)
        r.font.size, r.font.name = Pt(11), "Times New Roman"


BREAKS = {
    "kho-giay": (
        lambda d: setattr(d.sections[0], "page_width", Mm(216)),
        ("kho-giay", "A4 dọc 210 × 297 mm", "216 × 297 mm"),
    ),
    "le": (
        lambda d: setattr(d.sections[0], "left_margin", Mm(25)),
        ("le", "lề trái 30–35 mm", "lề trái 25,0 mm"),
    ),
    "phong-chu": (
        lambda d: setattr(dh.find(d, "Bên cam kết").runs[0].font, "name", "Arial"),
        ("phong-chu", "Times New Roman", "Arial (ascii), Arial (hAnsi)"),
    ),
    "quoc-hieu": (
        lambda d: set_text(dh.find(d, "CỘNG HÒA"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("quoc-hieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ),
    "quoc-hieu-dam": (
        lambda d: setattr(dh.find(d, "CỘNG HÒA").runs[0].font, "bold", False),
        ("quoc-hieu", "chữ đậm", "có chữ không đậm"),
    ),
    "tieu-ngu": (
        lambda d: setattr(dh.find(d, "Độc lập").runs[0].font, "size", Pt(12)),
        ("tieu-ngu", "cỡ 13–14 pt", "12 pt"),
    ),
    "ngay-thang": (
        lambda d: set_text(dh.find(d, "ngày 25 tháng 3"), "Kon Tum, ngày 25 tháng 03 năm 2025"),
        ("ngay-thang", "Kon Tum, ngày 25 tháng 3 năm 2025", "Kon Tum, ngày 25 tháng 03 năm 2025"),
    ),
    "ngay-thang-ngay": (
        lambda d: set_text(dh.find(d, "ngày 25 tháng 3"), "Kon Tum, ngày 5 tháng 01 năm 2025"),
        ("ngay-thang", "Kon Tum, ngày 05 tháng 01 năm 2025", "Kon Tum, ngày 5 tháng 01 năm 2025"),
    ),
    "ngay-thang-nghieng": (
        lambda d: setattr(dh.find(d, "ngày 25 tháng 3").runs[0].font, "italic", False),
        ("ngay-thang", "chữ nghiêng", "có chữ không nghiêng"),
    ),
    "ngay-thang-khong-co-that": (
        lambda d: set_text(dh.find(d, "ngày 25 tháng 3"), "Kon Tum, ngày 31 tháng 02 năm 2025"),
        ("ngay-thang", "một ngày có thật", "Kon Tum, ngày 31 tháng 02 năm 2025"),
    ),
    "ten-loai": (
        lambda d: set_text(dh.find(d, "BẢN CAM KẾT"), "Bản cam kết"),
        ("ten-loai", "chữ in hoa: BẢN CAM KẾT", "Bản cam kết"),
    ),
    "co-chu": (
        lambda d: setattr(dh.find(d, "Bên cam kết").runs[0].font, "size", Pt(12)),
        ("co-chu", "cỡ 13–14 pt", "12 pt"),
    ),
    "ket-thuc": (
        lambda d: set_text(dh.find(d, "./."), dh.find(d, "./.").text.replace("./.", ".")),
        ("ket-thuc", "đoạn cuối kết thúc bằng “./.”", "…o vệ an ninh Tổ quốc năm 2025."),
    ),
    "noi-nhan": (
        lambda d: _add_recipients(d, "- Lưu: VP."),
        ("noi-nhan", "dòng cuối “- Lưu: VT, …”", "- Lưu: VP."),
    ),
}


@pytest.mark.parametrize("rule", list(BREAKS))
def test_each_broken_rule_is_named(generated, tmp_path, rule):
    change, expected = BREAKS[rule]
    path = edited(generated, tmp_path, change)
    assert rules(path) == [expected]


def test_recipients_ending_in_luu_vt_pass(generated, tmp_path):
    path = edited(generated, tmp_path, lambda d: _add_recipients(d, "- Lưu: VT, CA."))
    assert rules(path) == []


def _number_line(doc, text: str, title: str = "BẢN CAM KẾT") -> None:
    left = doc.tables[0].rows[0].cells[0]
    run = left.add_paragraph().add_run(text)
    run.font.size, run.font.name = Pt(13), "Times New Roman"
    set_text(dh.find(doc, "BẢN CAM KẾT"), title)


def test_number_below_ten_needs_a_leading_zero(generated, tmp_path):
    path = edited(generated, tmp_path, lambda d: _number_line(d, "Số: 5/KH-UBND"))
    assert rules(path) == [("so-ky-hieu", "số có số 0 ở trước: 05", "Số: 5/KH-UBND")]


def test_a_plan_needs_a_number_and_recipients(generated, tmp_path):
    path = edited(generated, tmp_path, lambda d: set_text(dh.find(d, "BẢN CAM KẾT"), "KẾ HOẠCH"))
    assert rules(path) == [
        ("so-ky-hieu", "Số: 05/KH-UBND", "KẾ HOẠCH không có số, ký hiệu"),
        ("noi-nhan", "khối “Nơi nhận:”", "KẾ HOẠCH không có nơi nhận"),
    ]


def test_a_plan_with_number_and_recipients_passes(generated, tmp_path):
    def change(doc):
        _number_line(doc, "Số: 05/KH-UBND", title="KẾ HOẠCH")
        _add_recipients(doc, "- Lưu: VT.")

    assert rules(edited(generated, tmp_path, change)) == []


def _party(doc, number: str) -> None:
    heading = dh.find(doc, "CỘNG HÒA")
    set_text(heading, "ĐẢNG CỘNG SẢN VIỆT NAM")
    heading.runs[0].font.size = Pt(15)
    motto = dh.find(doc, "Độc lập")
    motto._p.getparent().remove(motto._p)
    _number_line(doc, number, title="NGHỊ QUYẾT")
    for p in dh.paragraphs(doc):
        for run in p.runs:
            if run.font.size == Pt(14) and not p._p.xpath("ancestor::w:tbl"):
                run.font.size = Pt(15)


def test_party_document_is_held_to_its_own_rules(generated, tmp_path):
    good = edited(generated, tmp_path, lambda d: _party(d, "Số 127-NQ/ĐU"), name="KT-02.docx")
    assert rules(good) == []
    bad = edited(generated, tmp_path, lambda d: _party(d, "Số: 127-NQ/ĐU"), name="KT-03.docx")
    assert rules(bad) == [("dang-so", "Số 127-NQ/ĐU", "Số: 127-NQ/ĐU")]


def test_cli_reports_findings_with_location_and_exits_3(generated, tmp_path, runner):
    path = edited(generated, tmp_path, BREAKS["ten-loai"][0])
    result = runner.invoke(cli, ["lint", str(path)])
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{path}: [ten-loai] đoạn 2: cần chữ in hoa: BẢN CAM KẾT; thấy Bản cam kết",
        "Đã soát 1 tệp: 1 tệp có 1 lỗi thể thức.",
    ]


def test_cli_json(generated, tmp_path, runner):
    path = edited(generated, tmp_path, BREAKS["le"][0])
    result = runner.invoke(cli, ["lint", "--format", "json", str(path)])
    assert result.exit_code == 3
    assert json.loads(result.stdout) == {
        "files": [str(path)],
        "ok": False,
        "findings": [
            {
                "file": str(path),
                "rule": "le",
                "location": "phần (section) 1",
                "expected": "lề trái 30–35 mm",
                "found": "lề trái 25,0 mm",
                "rule_title": "lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm",
            }
        ],
    }


@pytest.mark.slow
def test_a_cell_location_names_table_row_and_cell(generated, tmp_path):
    path = edited(generated, tmp_path, BREAKS["tieu-ngu"][0])
    (finding,) = lint_file(path)
    assert finding.location == "bảng 1, hàng 1, ô 2, đoạn 2"


@pytest.mark.parametrize("damage", ["truncated", "directory", "encrypted"])
def test_unreadable_file_is_a_finding_not_a_crash(generated, tmp_path, runner, damage):
    path = tmp_path / "x.docx"
    if damage == "truncated":
        path.write_bytes((generated / "pledge" / "KT-01.docx").read_bytes()[:3000])
    elif damage == "directory":
        path.mkdir()
    else:
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    folder_result = runner.invoke(cli, ["lint", "--format", "json", str(tmp_path)])
    assert folder_result.exit_code == 3
    (finding,) = json.loads(folder_result.stdout)["findings"]
    assert (finding["file"], finding["rule"]) == (str(path), "tep")


def test_missing_path_is_a_handled_error(tmp_path, runner):
    result = runner.invoke(cli, ["lint", str(tmp_path / "none.docx")])
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {tmp_path / 'none.docx'}: không tìm thấy tệp hoặc thư mục.\n"


def test_styles_count_like_direct_formatting(generated, tmp_path):
    # Size removed from the runs and set on the Normal style: still 14 pt, still conforming.
    def change(doc):
        doc.styles["Normal"].font.size = Pt(14)
        paragraph = dh.find(doc, "Bên cam kết")
        for run in paragraph.runs:
            sz = run._r.rPr.find(qn("w:sz"))
            run._r.rPr.remove(sz)

    assert rules(edited(generated, tmp_path, change)) == []

    def smaller(doc):
        change(doc)
        doc.styles["Normal"].font.size = Pt(12)

    assert rules(edited(generated, tmp_path, smaller, name="KT-02.docx")) == [
        ("co-chu", "cỡ 13–14 pt", "12 pt")
    ]


def test_a_generated_party_resolution_passes(tmp_path, runner):
    units = tmp_path / "units.csv"
    units.write_text(
        "ma,ten,loai,cap_tren,nguoi_dung_dau,chuc_vu,ky_hieu,bi_thu\n"
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,\n"
        "X,Xã Hà Mòn,Xã,T,B,Chủ tịch UBND xã,UBND,Nguyễn Văn C\n",
        "utf-8",
    )
    out = tmp_path / "out"
    assert (
        invoke_generate(runner, "resolution", out, units=units, campaign=SAMPLE_CAMPAIGN).exit_code
        == 0
    )
    result = runner.invoke(cli, ["lint", str(out / "resolution" / "X.docx")])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "Đã soát 1 tệp: đúng thể thức.\n"


SHORTCOMINGS = f"{PLACEHOLDER}: những tồn tại, hạn chế của đơn vị trong năm]"
PROPOSALS = f"{PLACEHOLDER}: kiến nghị, đề xuất của đơn vị]"


def placeholder_findings(path: Path) -> list[tuple[str, str, str, str]]:
    return [
        (f.rule, f.location, f.expected, f.found) for f in lint_file(path) if f.rule == "bo-sung"
    ]


def test_each_placeholder_left_is_named_in_the_body_and_in_a_cell(tmp_path):
    path = tmp_path / "ban-nhap.docx"
    doc = Document()
    doc.add_paragraph("Tổ dân phố 1 báo cáo kết quả năm 2025.")
    dh.add_placeholder(doc.add_paragraph(), SHORTCOMINGS)
    # The marker inside a sentence is a quotation, not a placeholder: only a paragraph's start.
    doc.add_paragraph(f"Mẫu ghi “{PLACEHOLDER}: …]” ở chỗ đơn vị phải tự viết.")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Kiến nghị"
    dh.add_placeholder(table.cell(0, 1).paragraphs[0], PROPOSALS)
    doc.save(str(path))
    assert placeholder_findings(path) == [
        ("bo-sung", "đoạn 2", "nội dung do đơn vị viết", f"còn chỗ cần bổ sung: {SHORTCOMINGS}"),
        (
            "bo-sung",
            "bảng 1, hàng 1, ô 2, đoạn 1",
            "nội dung do đơn vị viết",
            f"còn chỗ cần bổ sung: {PROPOSALS}",
        ),
    ]


def test_a_template_prints_its_placeholders_on_purpose(tmp_path):
    path = tmp_path / "mau.docx"
    doc = Document()
    doc.add_paragraph("{%p if ton_tai %}")
    doc.add_paragraph("{{ ton_tai }}")
    doc.add_paragraph("{%p else %}")
    dh.add_placeholder(doc.add_paragraph(), SHORTCOMINGS)
    doc.add_paragraph("{%p endif %}")
    doc.save(str(path))
    assert placeholder_findings(path) == []


def test_a_placeholder_in_decomposed_letters_is_still_found(tmp_path):
    path = tmp_path / "nfd.docx"
    doc = Document()
    dh.add_placeholder(doc.add_paragraph(), "  " + unicodedata.normalize("NFD", SHORTCOMINGS))
    doc.save(str(path))
    assert placeholder_findings(path) == [
        ("bo-sung", "đoạn 1", "nội dung do đơn vị viết", f"còn chỗ cần bổ sung: {SHORTCOMINGS}"),
    ]


@pytest.mark.slow
def test_lint_names_a_placeholder_left_in_a_generated_evaluation(generated, tmp_path, runner):
    path = tmp_path / "KT-01-01-01.docx"
    shutil.copy(generated / "evaluation" / path.name, path)
    dh.insert_placeholder(path, SHORTCOMINGS, after="III. ")
    result = runner.invoke(cli, ["lint", str(path)])
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{path}: [bo-sung] đoạn 32: cần nội dung do đơn vị viết; "
        f"thấy còn chỗ cần bổ sung: {SHORTCOMINGS}",
        "Đã soát 1 tệp: 1 tệp có 1 lỗi thể thức.",
    ]
    data = json.loads(runner.invoke(cli, ["lint", "--format", "json", str(path)]).stdout)
    assert data["findings"] == [
        {
            "file": str(path),
            "rule": "bo-sung",
            "location": "đoạn 32",
            "expected": "nội dung do đơn vị viết",
            "found": f"còn chỗ cần bổ sung: {SHORTCOMINGS}",
            "rule_title": "không còn chỗ “[Cần bổ sung: …]” mà đơn vị chưa viết",
        }
    ]
    # Once the unit writes its own words there, the evaluation passes again.
    dh.fill_placeholder(path, PLACEHOLDER, "Công tác tuyên truyền chưa đều ở các hộ.")
    result = runner.invoke(cli, ["lint", str(path)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "Đã soát 1 tệp: đúng thể thức.\n"
    assert "Công tác tuyên truyền chưa đều ở các hộ." in dh.full_text(dh.open_docx(path))
