"""docxtpl's own render, for the documents the fast path of render.py does not fill itself.

Values that bring XML or package parts of their own (docxtpl's RichText with its hyperlinks,
RichTextParagraph, Listing, InlineImage, Subdoc with its styles and pictures, our chart
`Image`), wherever they sit in the context (in a list, in a dict), make the whole document go
through DocxTemplate.render: it is the one renderer that adds their relationships and media.
A picture, a sub-document or a hyperlink id is made against one DocxTemplate; `BoundTemplate`
is that template, made by CompiledTemplate.docx_template() from the bytes read once, and the
document is rendered by the very template its values were made against.
docxtpl's text passes live here too: the clean-up of a part before Jinja (`prepared_xml`, which
`templates check` parses as well) and the test of a table grid its fix would change.
"""

from __future__ import annotations

import dataclasses
import io
import re
import weakref
import zipfile
from collections.abc import Callable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import nsmap
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing, RichText, RichTextParagraph
from lxml import etree

from antq_docs.kinds.base import Image
from antq_docs.sandbox import environment as bounded_environment

# What only docxtpl places: each brings XML, a relationship or a package part of its own.
_DOCXTPL_VALUES = (RichText, RichTextParagraph, Listing, InlineImage, Image)
# docxtpl's Subdoc, known by its module: importing it needs docxcompose, which docxtpl
# installs only on demand, and without it no sub-document can be made.
_SUBDOC_MODULE = "docxtpl.subdoc"
_SCALARS = frozenset({str, int, float, bool, type(None), bytes})
# A hyperlink id in a RichText, as docxtpl writes it.
_URL_ID = 'r:id="'
_HYPERLINK = RELATIONSHIP_TYPE.HYPERLINK

# docxtpl imports docxcompose where it is installed, and docxcompose rebinds python-docx's
# "cp" prefix to the custom properties: every core.xml python-docx writes afterwards (on
# docxtpl's path, in the template builders) puts its revision in the wrong namespace, a file
# Word calls damaged. The prefix is put back; this module is where the package imports docxtpl.
nsmap["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


class BoundTemplate(DocxTemplate):
    """A DocxTemplate of one compiled template, that remembers the hyperlink ids it made.

    Its ids (rIdLink1, rIdLink2…) are none a plain DocxTemplate makes (rId8…), so a hyperlink
    made for another template is never taken for one of these.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.url_ids: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's clean-up as the fast path compiles it (a tag's literal & and quotes read
        as the characters typed), so both paths print the same document."""
        return prepared_xml(src_xml)

    def build_url_id(self, url: str) -> str:
        """A hyperlink relationship in this document, its id remembered."""
        self.init_docx()
        assert self.docx is not None  # init_docx has just opened it
        url_id = f"rIdLink{len(self.url_ids) + 1}"
        self.docx.part.rels.add_relationship(_HYPERLINK, url, url_id, is_external=True)
        self.url_ids[url_id] = url
        return url_id

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """docxtpl's, without autoescape: a property is text that lxml escapes, so once only.

        Under autoescape docxtpl would title a document "A &amp; B"; the fast path and this
        one title it "A & B".
        """
        super().render_properties(context, bounded_environment())


def docxtpl_values(context: dict[str, Any]) -> list[Any]:
    """Every value of the context, at any depth, that only docxtpl's render places."""
    # A stack, not recursion, and the common types looked up by type: every document's
    # context is walked, and this walk is a few percent of a fast render.
    found = []
    seen: set[int] = set()
    stack: list[Any] = [context]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in _SCALARS:
            continue
        if kind is dict:
            items: Any = value.values()
        elif kind is list or kind is tuple:
            items = value
        elif isinstance(value, _DOCXTPL_VALUES) or kind.__module__ == _SUBDOC_MODULE:
            found.append(value)
            continue
        elif isinstance(value, (dict, list, tuple, set, frozenset)):
            items = value.values() if isinstance(value, dict) else value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            items = vars(value).values()
        else:
            continue
        if id(value) not in seen:
            seen.add(id(value))
            stack.extend(items)
    return found


def bound_template(
    values: list[Any], made: weakref.WeakSet[BoundTemplate]
) -> BoundTemplate | str | None:
    """The template the values were made against: None when none is, a str naming a conflict.

    A picture or sub-document names its template; a RichText (or a paragraph of them) only
    carries a hyperlink id, found among those a template of `made` remembers. A template
    already rendered is no longer in `made`: docxtpl reopens it for a second render and
    loses what its values had added.
    """
    owners = {id(v.tpl): v.tpl for v in values if isinstance(getattr(v, "tpl", None), DocxTemplate)}
    url_ids = {
        part.split('"', 1)[0]
        for v in values
        if isinstance(v, (RichText, RichTextParagraph))
        for part in v.xml.split(_URL_ID)[1:]
    }
    if url_ids:
        holders = [t for t in made if url_ids <= t.url_ids.keys()]
        if not holders:
            return "hyperlink"
        # Templates that gave these ids to the same addresses make the same document.
        if len({tuple(t.url_ids[i] for i in sorted(url_ids)) for t in holders}) > 1:
            return "several"
        if not any(id(t) in owners for t in holders):
            owners[id(holders[0])] = holders[0]
    if len(owners) > 1:
        return "several"
    if not owners:
        return None
    (owner,) = owners.values()
    if owner not in made:
        return "foreign"
    return owner


def with_pictures(value: Any, template: DocxTemplate) -> Any:
    """The value with every chart `Image` in it, at any depth, made an InlineImage."""
    if isinstance(value, Image):
        return InlineImage(template, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: with_pictures(v, template) for k, v in value.items()}
    if type(value) in (list, tuple):  # a named tuple is rebuilt from its fields, not here
        return type(value)(with_pictures(v, template) for v in value)
    return value


def saved(template: DocxTemplate, member: Callable[[str], zipfile.ZipInfo]) -> bytes:
    """The rendered template's .docx, its zip members restamped so bytes depend on content."""
    out = io.BytesIO()
    template.save(out)
    restamped = io.BytesIO()
    # python-docx stamps zip members with the current time.
    with (
        zipfile.ZipFile(io.BytesIO(out.getvalue())) as source,
        zipfile.ZipFile(restamped, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            archive.writestr(member(info.filename), source.read(info.filename))
    return restamped.getvalue()


# docxtpl's text passes (patch_xml, resolve_listing) use nothing of their template.
DOCXTPL = DocxTemplate(io.BytesIO())
# The inside of a tag, as docxtpl's patch_xml finds it to clean it.
_IN_TAG = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})")
# Word stores a tag's & and quotes as XML text; docxtpl's clean-up restores < and > only, so
# under autoescape a literal's & would be escaped twice and print as "&amp;".
_TAG_ENTITIES = (("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def prepared_xml(text: str) -> str:
    """A part's XML as the renderer compiles it: docxtpl's clean-up, tag literals as typed.

    What `templates check` parses too, so that a template it passes is one the renderer reads.
    """
    if "{" not in text and "%}" not in text:  # nothing docxtpl's clean-up looks for
        return text
    return _IN_TAG.sub(_literal_text, DOCXTPL.patch_xml(text))


def _literal_text(match: re.Match[str]) -> str:
    """A tag's inside with the XML escapes of its literals undone, so each is escaped once."""
    inside = match.group(0)
    for entity, character in _TAG_ENTITIES:
        inside = inside.replace(entity, character)
    return inside


def after_declaration(text: str) -> int:
    """Where a part's XML begins after its declaration and the line break that follows it."""
    if not text.startswith("<?xml"):
        return 0
    end = text.find("?>") + 2
    while text[end : end + 1] in ("\r", "\n"):
        end += 1
    return end


def table_without_grid(text: str) -> bool:
    """Whether a table of a part has no column grid (w:tblGrid): docxtpl's grid fix fails on
    it, so no renderer can fill the part."""
    if "<w:tbl>" not in text and "<w:tbl " not in text:
        return False
    try:
        root = etree.fromstring(text.encode("utf-8"))
    except etree.XMLSyntaxError:
        return False  # reported as a broken part where it is read
    return any(t.find(f"{_W}tblGrid") is None for t in root.iter(f"{_W}tbl"))


def grid_unmatched(helper: DocxTemplate, text: str) -> bool:
    """Whether docxtpl's grid fix changes a table of the body as it stands (its grid is off)."""
    if "<w:tbl>" not in text and "<w:tbl " not in text:
        return False
    data = text.encode("utf-8")
    try:
        before = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return True  # the rendered body is parsed again: let the grid fix see it
    after = helper.fix_tables(data)
    grids = [etree.tostring(g) for g in before.iter(f"{_W}tblGrid")]
    return grids != [etree.tostring(g) for g in after.iter(f"{_W}tblGrid")]
