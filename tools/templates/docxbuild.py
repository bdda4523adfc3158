"""Helpers that lay out a Nghị định 30 document with python-docx, tags typed as plain text.

Each template is built from code so its formatting (A4, margins, Times New Roman in every
script slot, sizes per part) is exact and reviewable; officials may still edit the .docx in Word.
Every sentence that does not depend on data is literal text written here or in the builders;
a kind's context brings data only (names, counts, dates, lists, yes/no flags).
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_SIZE = 14
PAGE_WIDTH_MM = 210
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FOOTER_MM = 5
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _set_fonts(rpr) -> None:
    """Name Times New Roman for Latin, East-Asian and complex scripts alike."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def new_document(identity_code: bool = True):
    """An empty A4 portrait document with Nghị định 30 margins, fonts and page numbers, and the
    document's QR code in the bottom margin of its first page (unless identity_code is False)."""
    doc = Document()
    props = doc.core_properties
    props.author = "antq-docs"
    props.title = ""
    props.comments = ""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    # The footers hold the 14 mm QR code: 5 mm from the edge it ends above the
    # 20 mm bottom margin, so the text area stays as Nghị định 30 sets it.
    section.footer_distance = Mm(FOOTER_MM)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    for style in doc.styles:
        if style.type != 4:  # every paragraph, character and table style; numbering has no font
            _set_fonts(style.element.get_or_add_rPr())
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    # Page numbers centred in the top margin, none on the first page (Nghị định 30).
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    _field(header, "PAGE", size=13)
    if identity_code:
        _identity_code(section)
    return doc


def _identity_code(section) -> None:
    """Every page's footer: the document's QR code (ma_nhan_dien), right-aligned, in a
    paragraph of tiny type so the line is no taller than the picture. On the later pages too,
    so a page of a signed copy scanned out of its pile is known without reading its words."""
    for part in (section.first_page_footer, section.footer):
        footer = part.paragraphs[0]
        footer.alignment = RIGHT
        footer.paragraph_format.space_before = Pt(0)
        footer.paragraph_format.space_after = Pt(0)
        _mark_size(footer, 1)
        run(footer, "{{ ma_nhan_dien }}", size=1)


def _field(paragraph, instruction: str, size: int) -> None:
    """Append a simple field (PAGE) to a paragraph."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(size * 2))
    rpr.append(sz)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def para(
    container,
    text: str = "",
    *,
    size: float = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
    align=None,
    first_line_cm: float | None = None,
    after: float = 0,
    before: float = 0,
    line: float | None = None,
    keep_next: bool = False,
):
    """Add a paragraph of one run with the given formatting, and return it."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if line is not None:
        fmt.line_spacing = line
    if keep_next:
        fmt.keep_with_next = True
    if text:
        run(paragraph, text, size=size, bold=bold, italic=italic)
    else:
        paragraph.paragraph_format.space_after = Pt(after)
        _mark_size(paragraph, size)
    return paragraph


def _mark_size(paragraph, size: float) -> None:
    """Give an empty paragraph's mark a size so its height is predictable."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    ppr.append(rpr)


def run(paragraph, text: str, *, size: float = BODY_SIZE, bold=False, italic=False):
    """Append a run with explicit font, size and style."""
    r = paragraph.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    r.font.name = FONT
    _set_fonts(r._r.get_or_add_rPr())
    return r


def body(container, text: str, **kw):
    """A body paragraph: justified, first-line indent 1.27 cm, 6 pt after, 14 pt."""
    kw.setdefault("align", JUSTIFY)
    kw.setdefault("first_line_cm", 1.27)
    kw.setdefault("after", 6)
    kw.setdefault("line", 1.15)
    return para(container, text, **kw)


def heading(container, text: str):
    """A section heading inside the body (I. Mục đích, yêu cầu): bold, indented, 14 pt."""
    return body(container, text, bold=True, keep_next=True)


def bottom_rule(paragraph, indent_cm: float) -> None:
    """Draw a single rule under a paragraph, narrowed by equal left and right indents."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(indent_cm)
    fmt.right_indent = Cm(indent_cm)
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)
    # pBdr must precede spacing/ind/jc in CT_PPr order; python-docx keeps that order on insert.
    ppr.insert_element_before(
        border,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def borderless_table(doc, widths_cm: list[float], rows: int = 1):
    """A table without borders, fixed column widths, used for the header and signature blocks."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths_cm):
        col.width = Cm(width)
    for row in table.rows:
        # A header or signature block never breaks across pages (the signer's name stays with
        # the title); Word moves the whole row instead.
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            # Drop the empty paragraph python-docx puts in each new cell; callers add their own.
            cell._tc.remove(cell.paragraphs[0]._p)
    return table


def grid_table(doc, widths_cm: list[float], header: list[str], size: float = 13):
    """A bordered table with a bold header row, for lists of units and programmes."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width, text in zip(table.rows[0].cells, widths_cm, header):
        cell.width = Cm(width)
        p = cell.paragraphs[0]
        p.alignment = CENTER
        run(p, text, size=size, bold=True)
    for col, width in zip(table.columns, widths_cm):
        col.width = Cm(width)
    keep_row(table.rows[0])
    mark_header_row(table.rows[0])
    return table


def keep_row(row) -> None:
    """Never break a row across pages: Word moves the whole row to the next page."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def mark_header_row(row) -> None:
    """Repeat a table's header row on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def cell_para(cell, text: str = "", **kw):
    """Add a paragraph to a table cell (centred unless told otherwise)."""
    kw.setdefault("align", CENTER)
    return para(cell, text, **kw)


def nd30_header(doc, *, superior: bool, number: bool):
    """The Nghị định 30 header: bodies and number on the left, Quốc hiệu, Tiêu ngữ, date right."""
    left_w, right_w = 7.0, TEXT_WIDTH_CM - 7.0
    table = borderless_table(doc, [left_w, right_w], rows=1)
    left, right = table.rows[0].cells
    if superior:
        # The superior body, one paragraph per line, broken like the issuer's name.
        cell_para(left, "{%p for dong_ct in cq_cap_tren_dong %}", size=12)
        cell_para(left, "{{ dong_ct }}", size=12)
        cell_para(left, "{%p endfor %}", size=12)
    # The issuing body, one paragraph per line so a name never wraps in the middle.
    cell_para(left, "{%p for dong_cq in cq_ban_hanh %}", size=12, bold=True)
    issuer = cell_para(left, "{{ dong_cq }}", size=12, bold=True)
    issuer.paragraph_format.keep_with_next = True
    cell_para(left, "{%p endfor %}", size=12, bold=True)
    short_rule(left, left_w)
    if number:
        cell_para(left, "Số: {{ so_ky_hieu }}", size=13, before=6)
    cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    motto = cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    bottom_rule(motto, indent_cm=(right_w - 6.6) / 2)
    cell_para(right, "{{ dong_ngay }}", size=13, italic=True, before=6)
    return table


def short_rule(cell, width_cm: float, rule_cm: float = 2.2) -> None:
    """A short centred rule under the issuing body (one third to half of its line)."""
    p = cell_para(cell, size=2)
    bottom_rule(p, indent_cm=(width_cm - rule_cm) / 2)


def title_block(doc, kind_title: str, summary: str, title_size: float = 14):
    """Document type (upper case, bold) and trích yếu (bold) centred, with a rule under them."""
    para(doc, "", size=10)
    para(doc, kind_title, size=title_size, bold=True, align=CENTER, before=6)
    para(doc, summary, size=14, bold=True, align=CENTER)
    rule = para(doc, size=4, after=12)
    rule.alignment = CENTER
    bottom_rule(rule, indent_cm=(TEXT_WIDTH_CM - 3.0) / 2)


# The province's plan, cited by every document (its parts are data: common.plan_ref).
PLAN = (
    "Kế hoạch số {{ ke_hoach.so }} ngày {{ ke_hoach.ngay }} của {{ ke_hoach.co_quan }} về "
    "{{ ke_hoach.trich_yeu }}"
)


def can_cu(doc, tag: str = "can_cu"):
    """The căn cứ lines (italic): 'Căn cứ …;' for each basis, the province's plan last."""
    body(doc, f"{{%p for dong in {tag} %}}", italic=True)
    body(doc, "Căn cứ {{ dong }};", italic=True)
    body(doc, "{%p endfor %}", italic=True)
    body(doc, f"Căn cứ {PLAN}.", italic=True)


def signature_block(doc, left_width_cm: float = 7.5):
    """Two-column block: Nơi nhận on the left; signing form, title, name on the right."""
    # The closing paragraph travels with the signatures: a page never holds signatures alone.
    for paragraph in doc.paragraphs[-2:]:
        paragraph.paragraph_format.keep_with_next = True
    table = borderless_table(doc, [left_width_cm, TEXT_WIDTH_CM - left_width_cm], rows=1)
    return table.rows[0].cells


# The classification thresholds used (data: common.thresholds), as every document states them.
THRESHOLDS = (
    "Xuất sắc từ {{ nguong.xuat_sac }} điểm; Khá từ {{ nguong.kha }} đến dưới "
    "{{ nguong.xuat_sac }} điểm; Trung bình từ {{ nguong.trung_binh }} đến dưới "
    "{{ nguong.kha }} điểm; Yếu dưới {{ nguong.trung_binh }} điểm"
)
STANDARD = "“An toàn về an ninh, trật tự”"
# Learners of a school: sinh viên only where it teaches them (cao đẳng, đại học, trung cấp).
STUDENTS = "{% if sinh_vien %}, sinh viên{% endif %}"

# Words joined by no-break spaces (U+00A0), so Word never breaks a line inside them.
NBSP = "\u00a0"


def unbroken(text: str) -> str:
    """The text with no-break spaces between its words: '(để báo cáo)' stays on one line."""
    return text.replace(" ", NBSP)


# One recipient: the body, then why it receives the document; the purpose never wraps
# ('(để báo' / 'cáo)'), a line breaks before it instead.
RECIPIENT = (
    "- {{ dong.ten }}{% if dong.de == 'bao_cao' %} "
    + unbroken("(để báo cáo)")
    + "{% elif dong.de == 'thuc_hien' %} "
    + unbroken("(để thực hiện)")
    + "{% elif dong.de == 'phoi_hop' %} "
    + unbroken("(để phối hợp)")
    + "{% endif %};"
)


def noi_nhan(cell, closing: tuple[str, ...] = ("- Lưu: VT.",)):
    """'Nơi nhận:' (12 pt bold italic), the recipients (11 pt), then the closing lines."""
    para(cell, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
    para(cell, "{%p for dong in noi_nhan %}", size=11)
    para(cell, RECIPIENT, size=11)
    para(cell, "{%p endfor %}", size=11)
    for line in closing:
        para(cell, line, size=11)


def signer(cell, prefix: str = "ky"):
    """Signing authority lines, room for signature and seal, and the signer's name."""
    cell_para(cell, f"{{%p for dong in {prefix}.tham_quyen %}}", size=14, bold=True)
    cell_para(cell, "{{ dong }}", size=14, bold=True, before=0)
    cell_para(cell, "{%p endfor %}", size=14, bold=True)
    cell_para(cell, f"{{{{ {prefix}.chuc_vu }}}}", size=14, bold=True)
    for _ in range(4):
        cell_para(cell, "", size=14)
    cell_para(cell, f"{{{{ {prefix}.ho_ten }}}}", size=14, bold=True)


def loop_rows(table, loop: str, cells: list[str], *, size: float = 13, aligns=None) -> None:
    """Append a row loop to a grid table: '{%tr for … %}', one data row, '{%tr endfor %}'."""
    aligns = aligns or [CENTER] + [LEFT] * (len(cells) - 1)
    opening = table.add_row()
    run(opening.cells[0].paragraphs[0], f"{{%tr {loop} %}}", size=size)
    data = table.add_row()
    keep_row(data)
    for cell, text, align in zip(data.cells, cells, aligns):
        p = cell.paragraphs[0]
        p.alignment = align
        run(p, text, size=size)
    closing = table.add_row()
    run(closing.cells[0].paragraphs[0], "{%tr endfor %}", size=size)


def label_row(table, label: str, *, size: float = 13) -> None:
    """A row whose second cell carries a bold label (PHẦN LỄ, PHẦN HỘI)."""
    row = table.add_row()
    keep_row(row)
    run(row.cells[1].paragraphs[0], label, size=size, bold=True)


def numbered(container, items: str, *, prefix: str = "{{ loop.index }}. ", **kw) -> None:
    """A numbered (or dashed) list of paragraphs from a context list."""
    body(container, f"{{%p for muc in {items} %}}", **kw)
    body(container, f"{prefix}{{{{ muc }}}}", **kw)
    body(container, "{%p endfor %}", **kw)


def optional(container, condition: str, text: str, **kw) -> None:
    """A paragraph shown only when the condition holds."""
    body(container, f"{{%p if {condition} %}}", **kw)
    body(container, text, **kw)
    body(container, "{%p endif %}", **kw)


def party_header(doc):
    """The Hướng dẫn 36 header: Party bodies, '*' and number left; ĐẢNG CỘNG SẢN VIỆT NAM right."""
    left_w, right_w = 7.5, TEXT_WIDTH_CM - 7.5
    table = borderless_table(doc, [left_w, right_w], rows=1)
    left, right = table.rows[0].cells
    # Both bodies one paragraph per line, so a name never wraps in the middle.
    cell_para(left, "{%p for dong in dang_cap_tren %}", size=14)
    cell_para(left, "{{ dong }}", size=14)
    cell_para(left, "{%p endfor %}", size=14)
    cell_para(left, "{%p for dong in dang_ban_hanh %}", size=14, bold=True)
    cell_para(left, "{{ dong }}", size=14, bold=True)
    cell_para(left, "{%p endfor %}", size=14, bold=True)
    cell_para(left, "*", size=14)
    cell_para(left, "Số {{ so_ky_hieu }}", size=14)
    heading_line = cell_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    bottom_rule(heading_line, indent_cm=(right_w - 8.2) / 2)
    cell_para(right, "{{ dong_ngay }}", size=14, italic=True, before=6)
    return table
