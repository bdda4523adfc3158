"""Read generated .docx files back for assertions: text, tables, formatting."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph


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
