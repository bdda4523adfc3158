"""Shared test helpers: paths to the sample and the test scenarios, the sample campaign's text,
a `generate` run, workbook and CSV writers, and reading generated .docx files back (text,
tables, formatting)."""

from __future__ import annotations

import copy
import functools
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
# The bundled sample (it ships in the wheel): the campaign, its two rosters, results, scores and
# households.
SAMPLE_DIR = ROOT / "fixtures"
# The test-only scenarios (bad rosters, small trees, wrong results…), beside the tests.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_CAMPAIGN = SAMPLE_DIR / "campaign-kon-tum-2025.yaml"
SAMPLE_UNITS = SAMPLE_DIR / "units-kon-tum-2025.csv"
# The sample's second roster (danh_sach_don_vi), in force from 01/7/2025: no districts.
SAMPLE_UNITS_JULY = SAMPLE_DIR / "units-quang-ngai-2025-07.csv"
# What a run of the sample campaign with the small roster says first: another province.
SMALL_PROVINCE_WARNING = (
    "Cảnh báo: units-small.csv, dòng 2, cột A (Mã đơn vị) “T”: đơn vị gốc của danh sách là “Tỉnh "
    "Mẫu”, không phải tỉnh “Kon Tum” của kế hoạch năm; kiểm tra lại danh sách đơn vị, hoặc, nếu "
    "đây là danh sách của tỉnh sau sáp nhập, ghi tỉnh của từng thời kỳ bằng khóa tinh trong "
    "danh_sach_don_vi.\n"
)


def open_docx(path: Path):
    """Open a document with python-docx."""
    return Document(str(path))


def paragraphs(doc) -> list:
    """Every paragraph of the body, including those inside tables, in document order."""
    out = []
    for block in doc.element.body.iter(qn("w:p")):
        out.append(block)
    return [Paragraph(p, doc) for p in out]


def texts(doc) -> list[str]:
    """The text of every non-empty paragraph, tables included."""
    return [p.text for p in paragraphs(doc) if p.text.strip()]


def full_text(doc) -> str:
    """All paragraph texts joined by newlines."""
    return "\n".join(texts(doc))


def find(doc, needle: str):
    """The first paragraph whose text contains needle."""
    for p in paragraphs(doc):
        if needle in p.text:
            return p
    raise AssertionError(f"no paragraph contains {needle!r}")


def runs_style(paragraph) -> set[tuple]:
    """(size pt, bold, italic) of each run with text."""
    return {
        (r.font.size.pt if r.font.size else None, bool(r.font.bold), bool(r.font.italic))
        for r in paragraph.runs
        if r.text.strip()
    }


def fonts_everywhere(doc) -> set[str]:
    """Every font name named in any rFonts of styles, defaults and runs (all script slots)."""
    names = set()
    for root in (doc.styles.element, doc.element):
        for fonts in root.iter(qn("w:rFonts")):
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                value = fonts.get(qn(slot))
                if value:
                    names.add(value)
    return names


def default_fonts(doc) -> dict[str, str]:
    """The font of each script slot in the document defaults."""
    fonts = (
        doc.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:rFonts"))
    )
    return {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}


def assert_a4_nd30(doc) -> None:
    """A4 portrait with margins inside the Nghị định 30 ranges."""
    for section in doc.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        # Word stores margins in twentieths of a point: allow the rounding of 0.1 mm.
        slack = Mm(0.1)
        assert Mm(20) - slack <= section.top_margin <= Mm(25) + slack
        assert Mm(20) - slack <= section.bottom_margin <= Mm(25) + slack
        assert Mm(30) - slack <= section.left_margin <= Mm(35) + slack
        assert Mm(15) - slack <= section.right_margin <= Mm(20) + slack


def leftover_tags(doc) -> list[str]:
    """Paragraphs that still hold template tags."""
    return [t for t in texts(doc) if "{{" in t or "{%" in t or "%}" in t or "}}" in t]


def add_placeholder(paragraph, text: str) -> None:
    """Give a paragraph one highlighted run holding text, as a draft prints a placeholder."""
    run = paragraph.add_run(text)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def insert_placeholder(path: Path, text: str, after: str) -> None:
    """Insert a placeholder paragraph after the first paragraph starting with `after`.

    The new paragraph is a copy of the body paragraph that follows, so it keeps the body's
    formatting and only the placeholder itself is new.
    """
    doc = Document(str(path))
    heading = next(p for p in doc.paragraphs if p.text.startswith(after))
    new = copy.deepcopy(heading._p.getnext())
    heading._p.addnext(new)
    para = Paragraph(new, heading._parent)
    for run in para.runs[1:]:
        run._r.getparent().remove(run._r)
    para.runs[0].text = text
    para.runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW
    doc.save(str(path))


def fill_placeholder(path: Path, marker: str, text: str) -> None:
    """Write text in place of every placeholder paragraph (starting with marker), unhighlighted."""
    doc = Document(str(path))
    filled = 0
    for para in paragraphs(doc):
        if para.text.startswith(marker):
            for run in para.runs[1:]:
                run._r.getparent().remove(run._r)
            para.runs[0].text = text
            para.runs[0].font.highlight_color = None
            filled += 1
    assert filled, f"no placeholder in {path}"
    doc.save(str(path))


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Danh sách") -> Path:
    """Write rows to the first sheet of a new workbook."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write CSV text exactly as given (line endings included)."""
    path.write_bytes(text.encode(encoding))
    return path


def campaign_text(**changes: str) -> str:
    """The sample campaign text with some top-level lines replaced or appended."""
    text = SAMPLE_CAMPAIGN.read_text(encoding="utf-8")
    # The copy lives elsewhere: its rosters by period are named from the sample's folder.
    text = text.replace("  - tep: ", f"  - tep: {SAMPLE_DIR}/")
    for key, line in changes.items():
        lines = text.splitlines()
        lines = [line if ln.startswith(f"{key}:") else ln for ln in lines]
        if not any(ln.startswith(f"{key}:") for ln in text.splitlines()):
            lines.append(line)
        text = "\n".join(lines) + "\n"
    return text


def steady_text() -> str:
    """The sample campaign without its dated changes (thay_doi_to_chuc): a year in which no
    body ends, so a roster's districts issue every document of the year."""
    text = campaign_text()
    start = text.index("thay_doi_to_chuc:")
    end = text.index("\n\n", start)
    return text[:start] + text[end + 2 :]


@functools.lru_cache(maxsize=1)
def steady_sample() -> Path:
    """steady_text() in a folder of its own, written once per test process (module-level
    arguments of tests that number a district's documents through the whole year)."""
    return steady_campaign(Path(tempfile.mkdtemp(prefix="steady-")))


def steady_campaign(folder: Path) -> Path:
    """steady_text() written as steady.yaml in folder."""
    path = folder / "steady.yaml"
    path.write_text(steady_text(), encoding="utf-8")
    return path


def invoke_generate(
    runner, kind: str, out: Path, *extra: str, units=SAMPLE_UNITS, campaign=SAMPLE_CAMPAIGN
):
    """Run `antq-docs generate KIND` on the given inputs into out (units=None: the campaign's)."""
    from antq_docs.cli import cli

    return runner.invoke(
        cli,
        [
            "generate",
            kind,
            "--campaign",
            str(campaign),
            *(["--units", str(units)] if units is not None else []),
            "--out",
            str(out),
            *extra,
        ],
    )
