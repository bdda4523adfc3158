"""The QR code of a document's identity: in the first page's footer, reading back to the
document's unit, kind, number and date; none when the campaign turns it off."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import segno
import zxingcpp
from click.testing import CliRunner
from PIL import Image

from antq_docs import identity, qrmark, qrmatrix, resources, vi
from antq_docs.cli import cli
from antq_docs.identity import Identity
from tests.helpers import (
    SAMPLE_DIR,
    campaign_text,
    full_text,
    invoke_generate,
    open_docx,
)

YEAR_END = [
    "--results",
    str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
    "--scores",
    str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
]

# A commune whose series starts at 4: its plan is 04/KH-UBND.
NUMBERED = "danh_so: {KT-01-01: 4}"
SCOPE = ["--unit", "KT-01-01", "--unit", "KT-01-01-01"]


def _campaign(folder: Path, **changes: str) -> Path:
    path = folder / "ke-hoach.yaml"
    path.write_text(campaign_text(**changes), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> Path:
    """The plan and pledges of a commune and a village, numbered, with their codes."""
    folder = tmp_path_factory.mktemp("qr")
    campaign = _campaign(folder, danh_so=NUMBERED)
    out = folder / "out"
    result = invoke_generate(CliRunner(), "plan", out, *SCOPE, campaign=campaign)
    assert result.exit_code == 0, result.stderr
    result = invoke_generate(CliRunner(), "pledge", out, *SCOPE, campaign=campaign)
    assert result.exit_code == 0, result.stderr
    return out


def _first_page_footer(path: Path) -> tuple[str, str, bytes | None]:
    """The first-page footer's part XML, its relationships and the code's picture."""
    doc = open_docx(path)
    footer = doc.sections[0].first_page_footer
    assert doc.sections[0].different_first_page_header_footer
    part = footer.part
    name = str(part.partname).lstrip("/")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        rels_name = qrmark.rels_name(name)
        rels = archive.read(rels_name).decode() if rels_name in names else ""
        media = archive.read(qrmark.MEDIA) if qrmark.MEDIA in names else None
    return part.blob.decode(), rels, media


def test_the_plan_prints_its_identity_in_the_first_page_footer(marked):
    xml, rels, media = _first_page_footer(marked / "plan" / "KT-01-01.docx")
    expected = Identity("KT-01-01", "plan", "04/KH-UBND", dt.date(2025, 3, 20))
    assert f'r:embed="{qrmark.RELATIONSHIP_ID}"' in xml
    assert f'descr="{identity.encode(expected)}"' in xml
    assert f'Id="{qrmark.RELATIONSHIP_ID}"' in rels and 'Target="media/ma-nhan-dien.png"' in rels
    assert media is not None and media.startswith(b"\x89PNG")
    # The body is untouched: no picture, no tag left.
    doc = open_docx(marked / "plan" / "KT-01-01.docx")
    assert "ma_nhan_dien" not in doc.element.xml


def test_the_picture_reads_back_to_the_identity(marked):

    with zipfile.ZipFile(marked / "pledge" / "KT-01-01-01.docx") as archive:
        picture = Image.open(io.BytesIO(archive.read(qrmark.MEDIA)))
    (code,) = zxingcpp.read_barcodes(picture)
    assert identity.parse(code.text) == Identity("KT-01-01-01", "pledge", "", dt.date(2025, 3, 25))


def test_the_picture_is_small_and_square(marked):
    xml, _, _ = _first_page_footer(marked / "pledge" / "KT-01-01.docx")
    size = qrmark.SIZE_MM * 36_000
    assert re.search(f'<wp:extent cx="{size}" cy="{size}"/>', xml)
    assert 12 <= qrmark.SIZE_MM <= 15


def test_a_code_with_a_d_stroke_reads_back():

    given = Identity("KT-BCĐ", "plan", "38/KH-BCĐ", dt.date(2025, 3, 7))
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(qrmark.png(identity.encode(given)))))
    assert identity.parse(code.text) == given


@pytest.mark.parametrize("non_ascii", [False, True])
def test_the_fast_code_is_segnos_code_at_every_length(non_ascii):
    """Versions 1 to 6 are made by qrmatrix, longer codes by segno: the same modules."""
    letters = "ANTQ1|KT-01-02-03|plan|05/KH-UBND|2025-03-20|abcdef" + ("Đ" if non_ascii else "")
    for length in range(1, 140):
        text = (letters * 3)[-length:] if non_ascii else (letters * 3)[:length]
        data = text.encode("utf-8")
        expected = segno.make(
            text if non_ascii else data,
            mode="byte",
            error="m",
            micro=False,
            mask=qrmatrix.MASK,
            boost_error=False,
            encoding="utf-8" if non_ascii else None,
            eci=non_ascii,
        )
        assert [bytes(r) for r in qrmatrix.modules(text)] == [bytes(r) for r in expected.matrix]


def test_codes_turned_off_leave_the_footer_empty(tmp_path, runner):
    campaign = _campaign(tmp_path, ma_nhan_dien="ma_nhan_dien: false")
    out = tmp_path / "out"
    result = invoke_generate(runner, "plan", out, *SCOPE, campaign=campaign)
    assert result.exit_code == 0, result.stderr
    path = out / "plan" / "KT-01-01.docx"
    xml, _, media = _first_page_footer(path)
    assert "<w:drawing" not in xml and "ma_nhan_dien" not in xml
    assert media is None
    with zipfile.ZipFile(path) as archive:
        assert not any("footer" in n and n.endswith(".rels") for n in archive.namelist())


def test_a_wrong_switch_is_refused_by_its_key(tmp_path, runner):
    campaign = _campaign(tmp_path, ma_nhan_dien="ma_nhan_dien: có")
    result = invoke_generate(runner, "plan", tmp_path / "out", *SCOPE, campaign=campaign)
    assert result.exit_code == 1
    assert "ma_nhan_dien" in result.stderr
    assert '"có" phải là true (có) hoặc false (không)' in result.stderr


def test_a_template_without_the_tag_has_no_code(tmp_path, runner):
    """A province's own template that does not place the tag prints no code."""
    templates = tmp_path / "mau"
    templates.mkdir()
    source = resources.template_path("plan.docx")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(templates / "plan.docx", "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if re.fullmatch(r"word/footer\d+\.xml", info.filename):
                data = data.replace(b"{{ ma_nhan_dien }}", b"")
            new.writestr(info, data)
    out = tmp_path / "out"
    result = invoke_generate(runner, "plan", out, *SCOPE, "--templates", str(templates))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out / "plan" / "KT-01-01.docx") as archive:
        assert qrmark.MEDIA not in archive.namelist()


@pytest.mark.slow
def test_templates_check_accepts_the_tag(runner, tmp_path):
    result = runner.invoke(cli, ["templates", "list"])
    assert result.exit_code == 0, result.output
    assert "ma_nhan_dien" in result.output
    # The tag in a footer of a template copied to be edited: a known variable, no finding.
    own = tmp_path / "plan.docx"
    own.write_bytes(resources.template_path("plan.docx").read_bytes())
    result = runner.invoke(cli, ["templates", "check", str(own)])
    assert result.exit_code == 0, result.output
    assert "ma_nhan_dien" not in result.output


def test_lint_accepts_the_picture(marked, runner):
    result = runner.invoke(cli, ["lint", str(marked)])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_the_printed_page_reads_back_to_the_identity(marked, tmp_path, runner):
    """The plan printed by LibreOffice and rasterised at 150 dpi: its code reads back."""

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    folder = tmp_path / "out"
    shutil.copytree(marked, folder)
    result = runner.invoke(cli, ["pdf", "--jobs", "1", str(folder)])
    assert result.exit_code == 0, result.output
    pdf = folder / "plan" / "KT-01-01.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, tmp_path / "p"])
    (page,) = tmp_path.glob("p*.png")
    with Image.open(page) as picture:
        (code,) = zxingcpp.read_barcodes(picture)
        height = picture.height
    assert identity.parse(code.text) == Identity(
        "KT-01-01", "plan", "04/KH-UBND", dt.date(2025, 3, 20)
    )
    # In the bottom margin (20 mm of 297): below the text area, whole.
    assert code.position.top_left.y > height * (277 / 297)


def test_a_code_beside_a_chart_in_one_part_keeps_every_picture_linked(tmp_path):
    """On docxtpl's path (a chart), the code's relationship joins those docxtpl wrote: every
    picture the body shows has its relationship, none replaced by the template's."""
    import docx

    from antq_docs.kinds.base import Image as Chart
    from antq_docs.render import CompiledTemplate

    path = tmp_path / "mau.docx"
    document = docx.Document()
    document.add_paragraph("{{ bieu_do }}")
    document.add_paragraph("{{ ma_nhan_dien }}")
    document.save(path)
    code = Identity("KT-01", "report", "", dt.date(2025, 12, 20))
    png = qrmark.png(identity.encode(code))
    data = CompiledTemplate(path).render({"bieu_do": Chart(png, 40), "ma_nhan_dien": code})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        types = archive.read("[Content_Types].xml").decode("utf-8")
        names = set(archive.namelist())
    embedded = re.findall(r'r:embed="([^"]+)"', body)
    assert len(embedded) == 2
    for rid in embedded:
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{rid}"', rels
        )
        assert target, f"{rid} has no relationship"
        assert "word/" + target.group(1).lstrip("/").removeprefix("word/") in names
    assert 'Extension="png"' in types


def test_the_code_carries_the_day_the_document_prints(tmp_path, runner):
    """A commune's report, dated before its deadline (29/11, not the plan's 20/12 for
    reports), says that day in its code too."""
    out = tmp_path / "out"
    args = ["report", "--level", "QNG-03", *YEAR_END, "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    (path,) = out.rglob("*.docx")
    with zipfile.ZipFile(path) as archive:
        picture = archive.read(qrmark.MEDIA)
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture)))
    printed = identity.parse(code.text)
    assert printed is not None and printed.date == dt.date(2025, 11, 29)
    printed_day = vi.date_line("", printed.date).split(", ", 1)[-1]  # "ngày 15 tháng 11 năm 2025"
    assert printed_day in full_text(open_docx(path))


def test_every_page_after_the_first_prints_the_code_too(marked):
    """The later pages' footer carries the same code: a page scanned apart from its first is
    still known by it."""
    path = marked / "plan" / "KT-01-01.docx"
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        default = re.search(r'w:footerReference w:type="default" r:id="(\w+)"', document)
        assert default
        target = re.search(rf'Id="{default.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{default.group(1)}"', rels
        )
        assert target
        footer = archive.read("word/" + target.group(1)).decode("utf-8")
    assert 'name="Mã nhận diện"' in footer and "ANTQ1|KT-01-01|plan|" in footer
