"""Templates written with python-docx that together use every feature docxtpl documents.

Each case is a template builder and a context maker; the context maker is given the
DocxTemplate the document will be rendered with and a folder for its files (pictures, sub-documents and hyperlinks are
bound to it, as docxtpl asks). `normalised` reduces a .docx to what a reader sees: every XML
part canonicalised, picture ids and relationship ids replaced by what they point to, zip order
and times ignored.
"""

from __future__ import annotations

import copy
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, RGBColor
from docxtpl import DocxTemplate, InlineImage, Listing, RichText, RichTextParagraph
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_BLANKS = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def png(red: int, green: int, blue: int) -> bytes:
    """A 2×2 picture of one colour (PNG)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((red, green, blue)) * 2
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * 2))
        + chunk(b"IEND", b"")
    )


def _paragraphs(doc: Any, *texts: str) -> None:
    for text in texts:
        doc.add_paragraph(text)


def _cells(row: Any, *texts: str) -> None:
    for cell, text in zip(row.cells, texts):
        cell.paragraphs[0].add_run(text)


# ------------------------------------------------------------------ templates


def text_template(path: Path) -> None:
    """Paragraph tags, runs, escaped tags, literals with &, joins with line breaks."""
    doc = Document()
    _paragraphs(
        doc,
        "Kính gửi: {{ ten }}.",
        '{{ "Sở Tư pháp & Sở Nội vụ" }} — {{ ten ~ " & cộng sự" }}',
        '{{ dong|join("\\n") }}',
        '{{ dong|join("\\t") }} và {{ "a\\ab" }}',
        "Nhiều dòng: {{ nhieu_dong }}",
        "Ghi nguyên văn {_{ nam }_} và {_% if %_} trong văn bản.",
        "{%p if co %}",
        "Có: {{ nam }}",
        "{%p else %}",
        "Không.",
        "{%p endif %}",
        "{%p for d in dong %}",
        "Dòng {{ loop.index }}: {{ d }}",
        "{%p endfor %}",
        "{#p chú thích của người soạn mẫu #}",
        "Đoạn đệm.",
        "Nối {%- if co -%} liền {%- endif -%}",
        "đoạn sau.",
    )
    runs = doc.add_paragraph("Trước ")
    runs.add_run("{{ ten }}").bold = True
    runs.add_run(" sau {%r if co %}có{%r endif %}.")
    split = doc.add_paragraph("Thẻ tách: {")
    split.add_run("{ n")
    split.add_run("am }}").italic = True
    doc.add_paragraph("Trang sau: {{ trang }}")
    doc.add_paragraph("{{ 'Ký tên' ~ \" & đóng dấu\" }}")
    doc.save(str(path))
    # As LibreOffice stores a tag's quotes: as entities.
    _rewrite(
        path,
        {
            "word/document.xml": lambda xml: xml.replace(
                "{{ 'Ký tên' ~ \" &amp; đóng dấu\" }}".encode(),
                "{{ &apos;Ký tên&apos; ~ &quot; &amp; đóng dấu&quot; }}".encode(),
            )
        },
    )


def table_template(path: Path) -> None:
    """Rows and cells in loops, comments, merges, colspan and cell colours."""
    doc = Document()
    rows = doc.add_table(rows=3, cols=3)
    _cells(rows.rows[0], "STT", "Đơn vị", "Điểm")
    _cells(rows.rows[1], "{%tr for u in units %}", "", "")
    _cells(rows.rows[2], "{%tr endfor %}", "", "")
    middle = doc.add_table(rows=1, cols=3)
    _cells(middle.rows[0], "{{ nam }}", "{{ u_ten }}", "{{ diem }}")
    looped = doc.add_table(rows=3, cols=3)
    _cells(looped.rows[0], "{%tr for u in units %}", "", "")
    _cells(looped.rows[1], "{{ u.stt }}", "{{ u.ten }}", "{% vm %}{{ nhom }}")
    _cells(looped.rows[2], "{%tr endfor %}", "", "")
    cells = doc.add_table(rows=1, cols=3)
    _cells(cells.rows[0], "{%tc for c in cot %}", "{{ c }}", "{%tc endfor %}")
    comment = doc.add_table(rows=2, cols=3)
    _cells(comment.rows[0], "A", "{#tc bỏ cột này #}", "C")
    _cells(comment.rows[1], "1", "{#tc bỏ #}", "3")
    hm = doc.add_table(rows=2, cols=4)
    _cells(hm.rows[0], "Tiêu đề", "{%tc for c in cot %}", "{% hm %}Gộp {{ c }}", "{%tc endfor %}")
    _cells(hm.rows[1], "1", "2", "3", "4")
    span = doc.add_table(rows=2, cols=3)
    _cells(span.rows[0], "{% colspan so_cot %}Gộp", "", "")
    _cells(span.rows[1], "{% cellbg mau %}x", "y", "z")
    rows_comment = doc.add_table(rows=2, cols=2)
    _cells(rows_comment.rows[0], "{#tr hàng ghi chú #}", "")
    _cells(rows_comment.rows[1], "Giữ", "{{ nam }}")
    doc.save(str(path))


def grid_template(path: Path) -> None:
    """Tables whose grid docxtpl fixes with no loop: a cell comment, a grid wider than its cells."""
    doc = Document()
    comment = doc.add_table(rows=2, cols=3)
    _cells(comment.rows[0], "A", "{#tc bỏ cột này #}", "C")
    _cells(comment.rows[1], "1", "{#tc bỏ #}", "{{ nam }}")
    wide = doc.add_table(rows=1, cols=2)
    grid = wide._tbl.find(f"{W}tblGrid")
    grid.append(copy.deepcopy(grid[0]))
    _cells(wide.rows[0], "{{ ten }}", "hết")
    doc.save(str(path))


def untagged_template(path: Path) -> None:
    """Parts without a tag that docxtpl still cleans: an escaped tag, a tab kept as a character."""
    doc = Document()
    doc.add_paragraph("Thân {{ nam }}")
    doc.sections[0].header.paragraphs[0].text = "Đầu trang ghi {_{ nam }_} nguyên văn"
    doc.sections[0].footer.paragraphs[0].text = "Chân trang TAB giữa"
    doc.save(str(path))
    # A tab as a character in the text, as some editors store it (python-docx writes <w:tab/>).
    _rewrite(path, {"word/footer1.xml": lambda xml: xml.replace(b"TAB", b"\t")})


def sections_template(path: Path) -> None:
    """Two sections and a footnote that still holds a tag after its first filling."""
    doc = Document()
    doc.add_paragraph("Phần một {{ nam }}")
    doc.add_section()
    doc.add_paragraph("Phần hai")
    doc.save(str(path))
    _add_footnote(path, "Ghi {_{ nam }_} nguyên văn, {{ ten }}.")


def parts_template(path: Path) -> None:
    """Headers, footers, footnotes and the document properties hold tags too."""
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "{{ ten }} — năm {{ nam }}"
    section.footer.paragraphs[0].text = "Trang cuối: {{ dong|join(', ') }}"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Trang đầu: {{ nhieu_dong }}"
    doc.add_paragraph("Thân: {{ ten }}")
    doc.add_section()
    doc.sections[1].header.is_linked_to_previous = False
    doc.sections[1].header.paragraphs[0].text = "Phần hai {{ nam }}"
    props = doc.core_properties
    props.title = "Kế hoạch {{ nam }} của {{ ten }}"
    props.subject = "{{ nam }} — chủ đề"
    props.author = "{{ tac_gia }}"
    props.comments = "Ghi chú {{ nam }}"
    doc.save(str(path))
    _add_footnote(path, "Chú thích {{ ten }} năm {{ nam }}.")


def values_template(path: Path) -> None:
    """Where docxtpl's own values go: RichText, RichTextParagraph, Listing, images, Subdoc."""
    doc = Document()
    _paragraphs(
        doc,
        "Tô màu: {{r rich }}",
        "{{p para }}",
        "Liệt kê: {{ listing }}",
        "Ảnh: {{ anh }}",
        "{%p for a in anh_list %}",
        "Ảnh {{ loop.index }}: {{ a }}",
        "{%p endfor %}",
        "Ảnh trong bảng: {{ anh_dict.logo }}",
        "{{p sub }}",
    )
    doc.core_properties.subject = "{{ tieu_de }}"
    doc.save(str(path))


def _add_footnote(path: Path, text: str) -> None:
    """A footnotes part (python-docx writes none) with one footnote, referenced from the body."""
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    _rewrite(
        path,
        {
            "word/footnotes.xml": footnotes.encode(),
            "[Content_Types].xml": lambda xml: xml.replace(
                b"</Types>",
                b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
            ),
            "word/_rels/document.xml.rels": lambda xml: xml.replace(
                b"</Relationships>",
                b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                b"</Relationships>",
            ),
            "word/document.xml": lambda xml: xml.replace(
                b"</w:t></w:r></w:p>",
                b'</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
                1,
            ),
        },
    )


def _rewrite(path: Path, changes: dict[str, Any]) -> None:
    """Rewrite members of a .docx: new bytes, or a function of the old bytes."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    for name, change in changes.items():
        members[name] = change(members[name]) if callable(change) else change
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)


def subdocument(path: Path) -> None:
    """A document to insert: its own style and a picture."""
    doc = Document()
    style = doc.styles.add_style("KieuRieng", WD_STYLE_TYPE.PARAGRAPH)
    style.font.color.rgb = RGBColor(0x20, 0x40, 0x80)
    doc.add_paragraph("Tài liệu con & phụ lục", style="KieuRieng")
    doc.add_picture(io.BytesIO(png(0, 128, 255)), width=Mm(10))
    doc.save(str(path))


# ------------------------------------------------------------------ contexts


def plain_context(_: DocxTemplate, folder: Path) -> dict[str, Any]:
    """Values with & < >, line breaks, tabs, a page break and a paragraph mark."""
    units = [{"stt": i, "ten": f"Thôn {i} & <{i}>"} for i in (1, 2, 3)]
    return {
        "ten": 'Sở A & "B" <C>',
        "nam": 2025,
        "co": True,
        "dong": ["Một & hai", "Ba <bốn>", "Năm\tsáu"],
        "nhieu_dong": "Dòng 1\nDòng 2\tcột\nDòng 3",
        "trang": "trước\fsau\ađoạn mới",
        "tac_gia": "Ban Chỉ đạo",
        "units": units,
        "u_ten": "Một",
        "diem": 95,
        "nhom": "Nhóm A",
        "cot": ["I", "II", "III", "IV"],
        "so_cot": 3,
        "mau": "FF0000",
    }


def values_context(template: DocxTemplate, folder: Path) -> dict[str, Any]:
    """docxtpl's own values: coloured, bold and linked RichText, paragraphs, pictures, Subdoc."""
    rich = RichText("Đỏ & đậm", color="#C00000", bold=True)
    rich.add(" liên kết", url_id=template.build_url_id("https://example.org/a?b=1&c=2"))
    rich.add("\ndòng mới\tcột", italic=True)
    para = RichTextParagraph()
    para.add("Đoạn một <a>", parastyle="Title")
    para.add(RichText("Đoạn hai", underline=True))
    sub_path = folder / "phu-luc.docx"
    subdocument(sub_path)

    def image(colour: tuple[int, int, int]) -> InlineImage:
        return InlineImage(template, io.BytesIO(png(*colour)), width=Mm(8))

    return {
        "rich": rich,
        "para": para,
        "tieu_de": "Ảnh & <chữ>",
        "listing": Listing("Một & hai\nBa\tbốn\aĐoạn mới"),
        "anh": image((255, 0, 0)),
        "anh_list": [image((0, 255, 0)), image((0, 0, 255))],
        "anh_dict": {"logo": image((9, 9, 9))},
        "sub": template.new_subdoc(str(sub_path)),
    }


@dataclass(frozen=True)
class Case:
    """A template of the corpus and the context it is filled with."""

    name: str
    build: Callable[[Path], None]
    context: Callable[[DocxTemplate, Path], dict[str, Any]]


CASES = (
    Case("text", text_template, plain_context),
    Case("tables", table_template, plain_context),
    Case("grid", grid_template, plain_context),
    Case("parts", parts_template, plain_context),
    Case("untagged", untagged_template, plain_context),
    Case("sections", sections_template, plain_context),
    Case("values", values_template, values_context),
)


# ------------------------------------------------------------------ comparison


def normalised(data: bytes) -> dict[str, bytes]:
    """Every part of a .docx as a reader sees it: canonical XML, ids replaced by targets."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    rels = {name: _relationships(blob) for name, blob in members.items() if name.endswith(".rels")}
    out = {}
    for name, blob in members.items():
        if name.endswith(".rels"):
            out[name] = repr(sorted(rels[name].values())).encode()
        elif name.endswith(".xml"):
            folder, _, base = name.rpartition("/")
            targets = rels.get(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
            out[name] = _canonical(name, blob, targets or {})
        else:
            out[name] = blob
    return out


def _relationships(blob: bytes) -> dict[str, tuple[str, str, str]]:
    root = etree.fromstring(blob)
    return {
        r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], r.get("Target"), r.get("TargetMode", ""))
        for r in root
    }


def _canonical(name: str, blob: bytes, targets: dict[str, tuple[str, str, str]]) -> bytes:
    root = etree.fromstring(blob, _BLANKS)
    if name == "[Content_Types].xml":
        root[:] = sorted(root, key=lambda e: (e.tag, e.get("Extension", ""), e.get("PartName", "")))
    for number, element in enumerate(root.iter(f"{WP}docPr"), 1):
        element.set("id", str(number))
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute.startswith(f"{{{R_NS}}}"):
                element.set(attribute, ":".join(targets.get(value, ("?", value, ""))))
    return etree.tostring(copy.deepcopy(root), method="c14n")


def differences(ours: dict[str, bytes], theirs: dict[str, bytes]) -> list[str]:
    """The parts that differ (or exist on one side only), each with where it first differs."""
    out = []
    for name in sorted(set(ours) | set(theirs)):
        a, b = ours.get(name), theirs.get(name)
        if a == b:
            continue
        if a is None or b is None:
            out.append(f"{name}: only in {'docxtpl' if a is None else 'ours'}")
            continue
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        out.append(
            f"{name} @{at}: ours …{a[at - 80 : at + 120]!r} docxtpl …{b[at - 80 : at + 120]!r}"
        )
    return out


def text_of(data: bytes, part: str = "word/document.xml") -> str:
    """The text of a part's paragraphs, one line each (tabs and breaks as \\t and \\n)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read(part))
    lines = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
            pieces.append(
                node.text or "" if node.tag == f"{W}t" else "\t" if node.tag == f"{W}tab" else "\n"
            )
        lines.append("".join(pieces))
    return "\n".join(lines)
