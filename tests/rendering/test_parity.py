"""Our render path gives docxtpl's document, part for part, or refuses it by name."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate, RichText, RichTextParagraph

from antq_docs import resources, sandbox
from antq_docs import tplcheck as tpl
from antq_docs.errors import RenderError
from antq_docs.identity import TEMPLATE_KEY
from antq_docs.render import CompiledTemplate, environment
from antq_docs.render_docxtpl import docxtpl_values, with_pictures
from antq_docs.sandbox import fresh_budget
from tests.rendering import parity_corpus as corpus
from tests.rendering.test_pdf import soffice_or_skip

# The fast path's own cases: none of them may need docxtpl's render.
FAST = ("text", "tables", "grid", "parts", "untagged")


class Reference(DocxTemplate):
    """docxtpl, with a & escaped once as docxtpl without autoescape escapes it.

    Under autoescape docxtpl escapes a tag's literal, XML text already, again, and a document
    property, text that lxml escapes, too: both print "A &amp; B". Our templates always
    autoescape, so the reference reads a tag's literal as its characters and fills the
    properties without autoescape.
    """

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """docxtpl's, in the sandbox without autoescape."""
        super().render_properties(context, sandbox.environment())

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's clean-up, then a tag's &amp; and &quot; read as the characters they are."""
        return re.sub(
            r"\{\{.*?\}\}|\{%.*?%\}",
            lambda m: m.group(0).replace("&amp;", "&").replace("&quot;", '"'),
            super().patch_xml(src_xml),
        )


def docxtpl_render(path: Path, make: Any, folder: Path) -> bytes:
    """The document plain docxtpl makes, in our sandboxed, autoescaping environment."""
    template = Reference(str(path))
    context = make(template, folder)
    fresh_budget()
    template.render(context, jinja_env=environment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def our_render(path: Path, make: Any, folder: Path) -> bytes:
    """The document CompiledTemplate makes from the same context."""
    compiled = CompiledTemplate(path)
    return compiled.render(make(compiled.docx_template(), folder))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """Every case of the corpus rendered both ways: name → (ours, docxtpl's)."""
    out = {}
    for case in corpus.CASES:
        folder = tmp_path_factory.mktemp(case.name)
        path = folder / f"{case.name}.docx"
        case.build(path)
        out[case.name] = (
            our_render(path, case.context, folder),
            docxtpl_render(path, case.context, folder),
        )
    return out


@pytest.mark.parametrize("name", [c.name for c in corpus.CASES])
def test_every_part_of_the_corpus_is_docxtpls(rendered, name):
    ours, theirs = rendered[name]
    assert corpus.differences(corpus.normalised(ours), corpus.normalised(theirs)) == []


def test_the_fast_path_fills_its_cases_without_docxtpls_render(tmp_path, monkeypatch):
    def refused(*args: Any) -> bytes:
        raise AssertionError("docxtpl's render was used")

    monkeypatch.setattr(CompiledTemplate, "_render_docxtpl", refused)
    for case in corpus.CASES:
        if case.name in FAST:
            case.build(tmp_path / f"{case.name}.docx")
            our_render(tmp_path / f"{case.name}.docx", case.context, tmp_path)
    with pytest.raises(AssertionError):
        corpus.sections_template(tmp_path / "sections.docx")
        our_render(tmp_path / "sections.docx", corpus.plain_context, tmp_path)


def test_breaks_tabs_and_literals_are_words_own(rendered):
    text = corpus.text_of(rendered["text"][0])
    assert 'Sở Tư pháp & Sở Nội vụ — Sở A & "B" <C> & cộng sự' in text
    assert "Một & hai\nBa <bốn>\nNăm\tsáu" in text  # join("\n"), a value's tab
    assert "Nhiều dòng: Dòng 1\nDòng 2\tcột\nDòng 3" in text
    assert "Ghi nguyên văn {{ nam }} và {% if %} trong văn bản." in text
    assert "Ký tên & đóng dấu" in text  # quotes stored as entities, as LibreOffice stores them
    with zipfile.ZipFile(io.BytesIO(rendered["text"][0])) as archive:
        body = archive.read("word/document.xml").decode()
    assert '<w:br w:type="page"/>' in body and "\f" not in body and "\a" not in body
    with zipfile.ZipFile(io.BytesIO(rendered["parts"][0])) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert 'Kế hoạch 2025 của Sở A &amp; "B" &lt;C&gt;</dc:title>' in core
    header = corpus.text_of(rendered["parts"][0], "word/header2.xml")
    assert "Trang đầu: Dòng 1\nDòng 2\tcột\nDòng 3" in header


def test_a_part_without_tags_is_cleaned_as_docxtpl_cleans_it(rendered):
    ours = rendered["untagged"][0]
    assert corpus.text_of(ours, "word/header1.xml") == "Đầu trang ghi {{ nam }} nguyên văn"
    assert corpus.text_of(ours, "word/footer1.xml") == "Chân trang \t giữa"
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert b"<w:tab/>" in archive.read("word/footer1.xml")


def test_a_table_grid_has_a_column_per_cell(rendered):
    doc = Document(io.BytesIO(rendered["grid"][0]))
    for table in doc.tables:
        columns = table._tbl.find(f"{corpus.W}tblGrid").findall(f"{corpus.W}gridCol")
        assert len(columns) == len(table.rows[0]._tr.findall(f"{corpus.W}tc"))
    assert [c.text for c in doc.tables[0].rows[1].cells] == ["1", "2025"]


def test_docxtpls_values_bring_their_parts(rendered):
    ours = rendered["values"][0]
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        names = archive.namelist()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        styles = archive.read("word/styles.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert "Ảnh &amp; &lt;chữ&gt;</dc:subject>" in core  # as the fast path writes it
    # Four pictures of the context (one in a list of two, one in a dict) and the sub-document's.
    assert len([n for n in names if n.startswith("word/media/")]) == 5
    assert 'Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"' in rels
    assert "KieuRieng" in styles
    text = corpus.text_of(ours)
    assert "Đỏ & đậm liên kết\ndòng mới\tcột" in text
    assert "Tài liệu con & phụ lục" in text


@dataclass
class Holder:
    """An object a context may carry, its fields reached by the template."""

    value: Any


def test_docxtpls_values_are_found_at_any_depth():
    rich = RichText("x")
    looped: list[Any] = []
    looped.append(looped)
    context = {"a": [1, {"b": (Holder(rich),)}], "c": looped, "d": frozenset({"s"}), "e": "x"}
    assert docxtpl_values(context) == [rich]
    assert docxtpl_values({"a": [{"b": ("c", 1, None)}], "c": looped}) == []


def test_a_literal_ampersand_prints_once_on_both_paths(tmp_path):
    """A tag's literal "&" prints the same whether the document is the fast path's or, with a
    RichText among its values, docxtpl's."""
    import docx

    path = tmp_path / "and.docx"
    document = docx.Document()
    document.add_paragraph('{{ "Công an & Mặt trận" }}')
    document.add_paragraph("{{r r }}")
    document.save(path)
    compiled = CompiledTemplate(path)
    plain = compiled.render({"r": "x"})
    rich = compiled.render({"r": RichText("x")})
    for data in (plain, rich):
        assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Công an & Mặt trận"


def test_a_value_made_for_another_template_is_refused_by_name(tmp_path):
    path = tmp_path / "values.docx"
    corpus.values_template(path)
    compiled = CompiledTemplate(path)
    context = {**corpus.values_context(DocxTemplate(str(path)), tmp_path), "rich": RichText("x")}
    with pytest.raises(RenderError, match=r"^Mẫu values\.docx: .*ảnh hoặc tài liệu con"):
        compiled.render(context)
    link = RichText("x", url_id=DocxTemplate(str(path)).build_url_id("https://example.org"))
    for value in (link, RichTextParagraph(link)):
        context = {**corpus.values_context(compiled.docx_template(), tmp_path), "para": value}
        with pytest.raises(RenderError, match=r"^Mẫu values\.docx: .*liên kết \(hyperlink\)"):
            compiled.render(context)
    used = compiled.docx_template()
    context = corpus.values_context(used, tmp_path)
    compiled.render(context)
    # Rendered twice, docxtpl would reopen the template and lose the pictures and the link.
    with pytest.raises(RenderError, match=r"^Mẫu values\.docx: .*(liên kết|ảnh hoặc tài liệu)"):
        compiled.render(context)


def test_a_document_the_fast_path_cannot_make_is_docxtpls_or_refused(tmp_path):
    """Never silent: footnotes filled once per section are docxtpl's, a broken part refused."""
    corpus.sections_template(tmp_path / "sections.docx")
    ours = our_render(tmp_path / "sections.docx", corpus.plain_context, tmp_path)
    footnote = corpus.text_of(ours, "word/footnotes.xml")
    assert 'Ghi 2025 nguyên văn, Sở A & "B" <C>.' in footnote  # filled again, as docxtpl does
    compiled = CompiledTemplate(tmp_path / "sections.docx")
    with pytest.raises(RenderError, match=r"^Mẫu sections\.docx: kết quả không phải XML"):
        compiled.render({**corpus.plain_context(None, tmp_path), "nam": "\x01"})


def _built_in_cases() -> list[tuple[str, dict[str, Any]]]:
    """Each built-in template and a sample context of its kind, its QR code turned off (the
    code is a picture of our own, not docxtpl's: tests/rendering/test_qrmark.py)."""
    inputs = tpl.sample_inputs()
    return [
        (name, {**contexts[0], "so_ky_hieu": contexts[0].get("so_ky_hieu", ""), TEMPLATE_KEY: ""})
        for entry in tpl.kind_templates(inputs)
        for name, contexts in tpl.sample_contexts(inputs, entry.kind).items()
        if name in entry.files
    ]


def _both(path: Path, context: dict[str, Any], folder: Path) -> tuple[dict, dict]:
    """Our document and docxtpl's from a template and a context, normalised."""
    ours = CompiledTemplate(path).render(context)
    theirs = docxtpl_render(path, lambda t, f: _pictures(context, t), folder)
    return corpus.normalised(ours), corpus.normalised(theirs)


@pytest.mark.slow
def test_every_built_in_template_is_docxtpls(tmp_path):
    """Each built-in template with a sample context of its kind: the same parts as docxtpl's."""
    for name, context in _built_in_cases():
        ours, theirs = _both(resources.template_path(name), context, tmp_path)
        assert corpus.differences(ours, theirs) == [], name


@pytest.mark.slow
# docxtpl's own document of such a template holds docProps/core.xml twice.
@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
def test_every_built_in_template_saved_by_libreoffice_is_docxtpls(tmp_path):
    """Saved unchanged by LibreOffice, each built-in template fills as docxtpl fills it.

    Every part of the document is docxtpl's. The package's own parts are not: python-docx
    does not know LibreOffice's name for the core-properties relationship, so docxtpl adds a
    second docProps/core.xml (titled "Word Document", stamped with the time) beside the
    template's; ours keeps the template's one.
    """
    soffice_or_skip()
    cases = _built_in_cases()
    source = tmp_path / "mau"
    source.mkdir()
    for name, _ in cases:
        (source / name).write_bytes(resources.template_path(name).read_bytes())
    saved = tmp_path / "libreoffice"
    subprocess.run(
        [
            shutil.which("soffice") or "libreoffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            str(saved),
            *(str(source / name) for name, _ in cases),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    package = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml")
    for name, context in cases:
        path = saved / name
        ours, theirs = _both(path, context, tmp_path)
        assert (
            corpus.differences(
                {k: v for k, v in ours.items() if k not in package},
                {k: v for k, v in theirs.items() if k not in package},
            )
            == []
        ), name
        with zipfile.ZipFile(io.BytesIO(CompiledTemplate(path).render(context))) as archive:
            names = archive.namelist()
        assert names.count("docProps/core.xml") == 1, name


def _pictures(context: dict[str, Any], template: DocxTemplate) -> dict[str, Any]:
    """The context with our chart pictures as docxtpl's InlineImage of the template."""
    return with_pictures(context, template)
