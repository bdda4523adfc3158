"""Templates as Word, LibreOffice and WPS save them: read, checked (plain or by kind) and filled.

The fast tests build templates with python-docx, in the shapes those programs write (tags split
across runs, proofing marks and bookmarks inside a tag, LibreOffice's `&apos;` and its spelling of
the core properties' relationship); the slow one saves every built-in template in LibreOffice.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate
from lxml import etree

from antq_docs import resources
from antq_docs import tplcheck as tpl
from antq_docs.cli import cli
from antq_docs.errors import RenderError
from antq_docs.kinds import REGISTRY
from antq_docs.kinds.base import Image
from antq_docs.render import CompiledTemplate
from tests.helpers import invoke_generate
from tests.rendering.test_pdf import soffice_or_skip
from tests.totals import template_count

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = W[1:-1]
TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as a reader sees it, without the cached results of fields (PAGE)."""
    out: list[str] = []
    fields: list[bool] = []  # one per open field: True once its result has begun
    for el in p.iter(f"{W}t", f"{W}fldChar"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif not any(fields) and not any(a.tag == f"{W}fldSimple" for a in el.iterancestors()):
            out.append(el.text or "")
    return "".join(out)


def _texts(data: bytes) -> dict[str, list[str]]:
    """Every paragraph of the body, headers, footers and footnotes; the document's title."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", name):
                root = etree.fromstring(archive.read(name))
                out[name] = [_paragraph_text(p) for p in root.iter(f"{W}p")]
        core = etree.fromstring(archive.read("docProps/core.xml"))
        out["title"] = [core.findtext(TITLE) or ""]
    return out


def _docxtpl(path: Path, context: dict) -> bytes:
    template = DocxTemplate(str(path))
    template.render(context, autoescape=True)
    saved = io.BytesIO()
    template.save(saved)
    return saved.getvalue()


def _both(path: Path, context: dict) -> dict[str, list[str]]:
    """The text both renderers give, asserted equal."""
    ours = _texts(CompiledTemplate(path).render(context))
    assert ours == _texts(_docxtpl(path, context)), path.name
    return ours


def _build(path: Path, *paragraphs: str | list[str], header: str = "", title: str = "") -> Path:
    """A docxtpl template: each paragraph a text or its runs (every other run bold)."""
    doc = Document()
    doc.sections[0].left_margin = Mm(10)  # far from Nghị định 30: a plain check never says so
    for item in paragraphs:
        p = doc.add_paragraph()
        for i, text in enumerate([item] if isinstance(item, str) else item):
            p.add_run(text).bold = bool(i % 2)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    doc.core_properties.title = title
    doc.save(str(path))
    return path


def _add_part(path: Path, name: str, xml: str) -> None:
    """Put a part into the package as it stands (notes, or a part replaced)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            if item.filename != name:
                new.writestr(item, old.read(item.filename))
        new.writestr(name, xml)


def _add_footnotes(path: Path, text: str) -> None:
    """A footnotes part as Word links it (content type, relationship), its one note `text`."""
    _add_part(path, "word/footnotes.xml", _notes("footnotes", "footnote", text))
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    _add_part(
        path,
        "[Content_Types].xml",
        types.replace(
            "</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{kind}"/></Types>'
        ),
    )
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    _add_part(
        path,
        "word/_rels/document.xml.rels",
        rels.replace(
            "</Relationships>",
            f'<Relationship Id="rId99" Type="{relation}" Target="footnotes.xml"/></Relationships>',
        ),
    )


def _notes(root: str, note: str, text: str) -> str:
    return (
        f'<w:{root} xmlns:w="{W_NS}"><w:{note} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r>'
        f"</w:p></w:{note}></w:{root}>"
    )


@pytest.fixture(scope="module")
def kinds() -> list[tpl.KindTemplates]:
    """Every kind's templates and variables, built once from the sample."""
    return tpl.kind_templates()


def _check(runner, *paths: Path, plain: bool = True):
    return runner.invoke(
        cli, ["templates", "check", *(["--plain"] if plain else []), *map(str, paths)]
    )


# ------------------------------------------------------------------ the plain check


def test_a_plain_check_passes_what_docxtpl_fills_and_both_renderers_fill_it(tmp_path, runner):
    path = _build(
        tmp_path / "giay-moi.docx",
        ["Kính gửi: ", "{", "{ nguoi", "_nhan }", "}", "."],  # a tag over five runs
        "{%p if co_hop %}",
        "Họp lúc {{ gio }}, mang theo {{ giay_to|join(', ') }}.",
        "{%p endif %}",
        "Tập hợp { {1, 2} } và {a} là chữ thường.",
        "Năm {{ nam",  # a tag over two paragraphs: docxtpl joins them
        "}} nữa.",
        header="Số {{ so }}",
        title="Giấy mời {{ nguoi_nhan }}",
    )
    result = _check(runner, path)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "Đã kiểm tra 1 mẫu: không có lỗi.\n"

    context = {
        "nguoi_nhan": "Ông Nguyễn Văn A",
        "co_hop": True,
        "gio": "8 giờ",
        "giay_to": ["CCCD", "giấy mời"],
        "nam": 2025,
        "so": "12/GM",
    }
    texts = _both(path, context)
    assert texts["word/document.xml"] == [
        "Kính gửi: Ông Nguyễn Văn A.",
        "Họp lúc 8 giờ, mang theo CCCD, giấy mời.",
        "Tập hợp { {1, 2} } và {a} là chữ thường.",
        "Năm 2025 nữa.",
    ]
    assert texts["title"] == ["Giấy mời Ông Nguyễn Văn A"]
    assert texts["word/header1.xml"] == ["Số 12/GM"]


def test_a_plain_check_reads_footnotes_endnotes_and_the_title(tmp_path, runner):
    path = _build(tmp_path / "bien-ban.docx", "Năm {{ nam }}", title="Biên bản {{ nam ")
    _add_part(path, "word/footnotes.xml", _notes("footnotes", "footnote", "Theo {{ so "))
    _add_part(path, "word/endnotes.xml", _notes("endnotes", "endnote", "Xem {{ nam }}"))
    result = _check(runner, path)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert any(
        "chú thích cuối trang" in line and "[lỗi] lỗi cú pháp thẻ" in line for line in lines
    ), lines
    assert any(
        f"{path}, thuộc tính “Tiêu đề” của tệp, đoạn «Biên bản {{{{ nam»: [lỗi] lỗi cú pháp" in line
        for line in lines
    ), lines
    assert any(
        "chú thích cuối văn bản, đoạn 1 «Xem {{ nam }}»: [lỗi] thẻ ở chú thích cuối văn bản "
        "không được điền" in line
        for line in lines
    ), lines
    assert lines[-1] == "Đã kiểm tra 1 mẫu: 1 mẫu có 3 lỗi."


@pytest.mark.parametrize("tag", ["{{p ghi_chu }}", "{%p if co %}"])
def test_a_paragraph_tag_with_other_words_is_an_error_naming_template_and_paragraph(
    tmp_path, runner, tag
):
    inner = ["Nội dung", "{%p endif %}"] if tag.startswith("{%") else []
    path = _build(tmp_path / "mau.docx", "Mở đầu", f"Ghi chú: {tag}", *inner)
    result = _check(runner, path)
    assert result.exit_code == 3
    assert (
        f"{path}, thân văn bản, đoạn 2 «Ghi chú: {tag}»: [lỗi] đoạn có thẻ đoạn {tag} cũng có "
        "chữ «Ghi chú:»"
    ) in result.stdout
    # What the check warns of: both renderers drop the words.
    texts = _both(path, {"ghi_chu": "Không có", "co": True})
    assert not any("Ghi chú" in t for t in texts["word/document.xml"])


def test_a_tag_split_from_a_table_cell_into_the_body_is_an_error(tmp_path, runner):
    path = tmp_path / "mau.docx"
    doc = Document()
    doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].text = "Năm {{ nam"
    doc.add_paragraph("}} nữa.")
    doc.save(str(path))
    result = _check(runner, path)
    assert result.exit_code == 3
    assert "đoạn 1 «Năm {{ nam»: [lỗi] thẻ mở và đóng không cùng một đoạn" in result.stdout


def test_a_tag_leaving_a_smart_tag_breaks_the_part_and_is_an_error(tmp_path, runner):
    # docxtpl joins the runs of a tag but leaves the element around one half open.
    path = _build(tmp_path / "mau.docx", "Đầu")
    doc = Document(str(path))
    doc.paragraphs[0]._p.append(
        etree.fromstring(
            f'<w:smartTag xmlns:w="{W_NS}" w:uri="urn:x" w:element="place">'
            "<w:r><w:t>{{ na</w:t></w:r></w:smartTag>"
        )
    )
    doc.paragraphs[0]._p.append(etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:t>m }}}}</w:t></w:r>'))
    doc.save(str(path))
    result = _check(runner, path)
    assert result.exit_code == 3
    assert f"{path}, thân văn bản: [lỗi] sau khi gom các thẻ, phần này không còn là XML" in (
        result.stdout
    )


def test_every_section_s_header_is_checked(tmp_path, runner):
    path = _build(tmp_path / "mau.docx", "Năm {{ nam }}", header="Số {{ so }}")
    doc = Document(str(path))
    second = doc.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Phụ lục {{ so "
    doc.save(str(path))
    result = _check(runner, path)
    assert result.exit_code == 3
    assert "đầu trang 2" in result.stdout and "lỗi cú pháp thẻ" in result.stdout
    assert "đầu trang 1" not in result.stdout


def test_a_plain_check_of_a_missing_path_or_an_empty_folder_exits_1(tmp_path, runner):
    assert _check(runner, tmp_path / "khong-co.docx").exit_code == 1
    empty = _check(runner, tmp_path)
    assert empty.exit_code == 1
    assert "không có tệp mẫu .docx nào để kiểm tra." in empty.stderr
    assert runner.invoke(cli, ["templates", "check", "--plain"]).exit_code == 2


# ------------------------------------------------------------------ Word, WPS, LibreOffice shapes


def test_a_word_shaped_template_with_proofing_marks_inside_tags_is_read_and_filled(
    tmp_path, runner
):
    # Word and WPS write revision ids, paragraph ids, spelling marks and bookmarks, in a tag too.
    path = _build(tmp_path / "mau.docx", "Đầu")
    doc = Document(str(path))
    p = doc.paragraphs[0]._p
    p.set("{http://schemas.microsoft.com/office/word/2010/wordml}paraId", "1A2B3C4D")
    p.set(f"{W}rsidR", "00A1B2C3")
    for xml in (
        '<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> Kính gửi {</w:t></w:r>',
        '<w:proofErr w:type="spellStart"/>',
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/>',
        "<w:r><w:rPr><w:b/></w:rPr><w:t>{ nguoi_nhan</w:t></w:r>",
        '<w:bookmarkEnd w:id="0"/>',
        '<w:proofErr w:type="spellEnd"/>',
        "<w:r><w:t>}}</w:t></w:r>",
    ):
        p.append(etree.fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0])
    doc.save(str(path))
    assert _check(runner, path).exit_code == 0
    texts = _both(path, {"nguoi_nhan": "Ông A"})
    assert texts["word/document.xml"] == ["Đầu Kính gửi Ông A"]


def _libreoffice_shaped(source: Path, target: Path) -> Path:
    """The template as LibreOffice writes it: `&apos;`/`&quot;` in text, its relationship type."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            blob = old.read(item.filename)
            if item.filename == "word/document.xml":
                text = re.sub(
                    r">([^<]*)<",
                    lambda m: ">" + m.group(1).replace("'", "&apos;").replace('"', "&quot;") + "<",
                    blob.decode("utf-8"),
                )
                blob = text.encode("utf-8")
            if item.filename == "_rels/.rels":
                blob = blob.replace(
                    b"/package/2006/relationships/metadata/core-properties",
                    b"/officedocument/2006/relationships/metadata/core-properties",
                )
            new.writestr(item, blob)
    return target


def _png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_libreoffice_shaped_template_is_checked_and_filled_as_the_original(tmp_path, kinds):
    original = resources.template_path("registration.docx")
    (tmp_path / "mau").mkdir()
    saved = _libreoffice_shaped(original, tmp_path / "mau" / "registration.docx")
    with zipfile.ZipFile(saved) as archive:
        assert b"&apos;" in archive.read("word/document.xml")
    found = [(f.level, f.part, f.message) for f in tpl.check_template(saved, kinds)]
    assert found == [(f.level, f.part, f.message) for f in tpl.check_template(original, kinds)]
    assert not [f for f in found if f[0] == "lỗi"], found
    entry = next(e for e in kinds if "registration.docx" in e.files)
    contexts = tpl.sample_contexts(tpl.sample_inputs(), entry.kind)["registration.docx"]
    for context in contexts[:2]:
        assert _texts(CompiledTemplate(saved).render(context)) == _texts(
            CompiledTemplate(original).render(context)
        )
    # A picture sends the document through docxtpl, which must not add a second core.xml and
    # reads the footnotes as saved.
    picture = _build(tmp_path / "hinh.docx", "Biểu đồ {{ hinh }}")
    _add_footnotes(picture, "Theo {{ &apos;Kế hoạch&apos; }} số {{ so }}")
    shaped = _libreoffice_shaped(picture, tmp_path / "hinh-lo.docx")
    for value in ("", Image(_png(), 20)):
        data = CompiledTemplate(shaped).render({"hinh": value, "so": "05"})
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.namelist().count("docProps/core.xml") == 1
        assert _texts(data)["word/footnotes.xml"] == ["Theo Kế hoạch số 05"]
    assert Document(io.BytesIO(data)).inline_shapes[0].width == Mm(20)


# ------------------------------------------------------------------ saved in LibreOffice


@pytest.fixture(scope="session")
def libreoffice_saved(tmp_path_factory) -> Path:
    """Every built-in template opened and saved unchanged by LibreOffice, once per session."""
    soffice_or_skip()
    work = tmp_path_factory.mktemp("libreoffice")
    out = work / "mau"
    program = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [
            str(program),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            *map(str, sorted(resources.template_path("plan.docx").parent.glob("*.docx"))),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert len(list(out.glob("*.docx"))) == template_count()
    return out


@pytest.mark.slow
def test_the_templates_saved_by_libreoffice_pass_the_check_and_give_the_same_text(
    libreoffice_saved, tmp_path, runner
):
    checked = runner.invoke(cli, ["templates", "check", str(libreoffice_saved)])
    assert checked.exit_code == 0, checked.stdout
    assert f"Đã kiểm tra {template_count()} mẫu: không có lỗi." in checked.stdout
    inputs = tpl.sample_inputs()
    for kind in REGISTRY.values():
        for name, contexts in tpl.sample_contexts(inputs, kind).items():
            original = CompiledTemplate(resources.template_path(name))
            saved = CompiledTemplate(libreoffice_saved / name)
            for context in contexts[:2]:
                context = {**context, "so_ky_hieu": context.get("so_ky_hieu", "")}
                assert _texts(saved.render(context)) == _texts(original.render(context)), name
    # The Ngày hội plan, which LibreOffice's spelling once made impossible to render.
    out = tmp_path / "out"
    made = invoke_generate(runner, "event-plan", out, "--templates", str(libreoffice_saved))
    assert made.exit_code == 0, made.stderr
    assert any(out.rglob("*.docx"))


def test_footnotes_of_a_body_without_a_section_are_refused_by_both(tmp_path, runner):
    """docxtpl leaves such footnotes as typed: the check says so and the renderer refuses."""
    path = _build(tmp_path / "chu-thich.docx", "Văn bản {{ ten }}.")
    _add_footnotes(path, "Chú thích {{ ten }}.")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    _add_part(path, "word/document.xml", re.sub(r"<w:sectPr.*?</w:sectPr>", "", body, flags=re.S))
    result = _check(runner, path)
    assert result.exit_code == 3
    assert "thân văn bản không có thiết lập trang" in result.output
    with pytest.raises(RenderError, match=r"^Mẫu chu-thich\.docx: chú thích cuối trang"):
        CompiledTemplate(path)


def test_a_table_without_its_column_grid_is_refused_by_name(tmp_path, runner):
    """docxtpl's grid fix fails on a table with no w:tblGrid: a finding, and a refusal by name,
    never a traceback."""
    doc = Document()
    doc.add_table(rows=1, cols=2).cell(0, 0).text = "{{ ten }}"
    path = tmp_path / "bang.docx"
    doc.save(str(path))
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    _add_part(path, "word/document.xml", re.sub(r"<w:tblGrid>.*?</w:tblGrid>", "", body))
    result = _check(runner, path)
    assert result.exit_code == 3 and "lưới cột" in result.output
    with pytest.raises(RenderError, match=r"^Mẫu bang\.docx: một bảng .* lưới cột"):
        CompiledTemplate(path)
