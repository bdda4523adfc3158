"""Prepare a Word template once, then fill it many times from a context.

docxtpl supplies the template language (Jinja tags typed in Word, its XML clean-up); rendering
happens here on the prepared XML so a batch of hundreds of documents parses the template once.
The result is the document DocxTemplate.render makes, part for part; each of docxtpl's passes
after Jinja is done only when a rendered part needs it, so the common document costs nothing
more: line breaks, tabs, paragraph marks and page breaks in text (from a value or from the
template, `{{ list|join("\\n") }}`) become Word's (docxtpl's listing pass); escaped tags
({_{ … }_}) are unescaped; tables whose cells a loop, a comment or a merge changes, or whose
grid does not match its cells, get their grid fixed; picture ids are renumbered; footnotes and
the document properties (title, subject, author…) are filled too.
Jinja runs sandboxed, escapes every value (names with & < > are text) and refuses undefined
variables, so a missing value stops the run instead of leaving a blank in a signed document.
A context that carries values only docxtpl places (RichText, Listing, pictures, sub-documents,
anywhere in it) goes through docxtpl's own render (render_docxtpl.py), as does a document the
fast path cannot match (footnotes rendered once per section, as docxtpl does); the rest keep
the fast path. Both give bytes that depend on the content only.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import io
import json
import re
import weakref
import zipfile
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.parsers import expat

from jinja2 import TemplateError, UndefinedError
from lxml import etree

from antq_docs.docxread import (
    BODY_PART,
    CORE_PART,
    TEMPLATE_PARTS,
    TEMPLATE_PROPERTIES,
    docxtpl_package,
    template_xml,
)
from antq_docs.errors import AntqError, RenderError
from antq_docs.identity import TEMPLATE_KEY
from antq_docs.kinds.base import Image
from antq_docs.messages import documents as msg
from antq_docs.messages import limits as limit_msg
from antq_docs.output import write_temp
from antq_docs.qrmark import MEDIA, Placement, code_only, holds_tag
from antq_docs.render_docxtpl import (
    DOCXTPL,
    BoundTemplate,
    DocxTemplate,
    after_declaration,
    bound_template,
    docxtpl_values,
    grid_unmatched,
    prepared_xml,
    saved,
    table_without_grid,
)
from antq_docs.render_docxtpl import with_pictures as _with_pictures
from antq_docs.sandbox import (
    BoundedEnvironment,
    LimitExceeded,
    fresh_budget,
    loading_refused,
    loads_others,
)
from antq_docs.sandbox import environment as _bounded
from antq_docs.workers import ordered_map

# A fixed timestamp for zip members makes a document's bytes depend on its content only,
# so re-running with the same inputs rewrites nothing.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
# The rendered parts are compressed fast: level 1 takes half the time of the default for a
# part 15% larger, and Word reads every level.
_LEVEL = 1
_TAG = re.compile(r"\{[{%#]")
_CORE = CORE_PART
_FOOTNOTES = "word/footnotes.xml"
# The document properties docxtpl fills, in its order, one list with the template checker's:
# a missing one is added, empty, as python-docx does when docxtpl sets it.
_PROPERTIES = TEMPLATE_PROPERTIES
_ESCAPED = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
# A loop or a condition over cells ({%tc for %}, {%tc if %}), a cell comment ({#tc #}), a
# horizontal merge ({% hm %}) or a computed colspan changes a row's cell count.
_CELL_LOOP = re.compile(r"</w:tc>\s*\{[%#]|[%#]\}\s*<w:tc[ >]|<w:gridSpan w:val=\"\{\{")
# The characters docxtpl's listing pass turns into Word's tab, paragraph and page break.
_LISTING_CHARACTERS = ("\t", "\a", "\f")


def environment() -> BoundedEnvironment:
    """The Jinja environment every template is compiled in (and checked in)."""
    return _bounded(autoescape=True, keep_trailing_newline=True)


class _DocxtplOnly(Exception):
    """Raised when a rendered document is one the fast path does not make as docxtpl does."""


@dataclass
class _Part:
    """One XML part of the package that holds template tags."""

    name: str
    template: Any
    # Where the part's text may begin to hold a line break (after the XML declaration's).
    text_from: int = 0
    # What docxtpl does after Jinja, done only where the template needs it.
    fix_tables: bool = False
    renumber_pictures: bool = False
    # A part whose one tag is the QR code's (a footer): its text before and after the tag,
    # joined around each document's picture with no template run.
    around: tuple[str, str] | None = None


class CompiledTemplate:
    """A .docx template read and compiled once, able to render many documents."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        try:
            data = self.path.read_bytes()
            archive = zipfile.ZipFile(io.BytesIO(data))
            self._members = [(i, archive.read(i.filename)) for i in archive.infolist()]
        except (OSError, zipfile.BadZipFile) as e:
            raise RenderError(msg.TEMPLATE_UNREADABLE.format(error=e), template=self.name) from e
        # docxtpl's own passes read the package whole: give them LibreOffice's mended.
        self._data = docxtpl_package(data)
        self.digest = hashlib.sha256(data).hexdigest()
        # The DocxTemplates made for documents whose values only docxtpl places.
        self._made: weakref.WeakSet[BoundTemplate] = weakref.WeakSet()
        helper = DocxTemplate(io.BytesIO(data))
        env = environment()
        self._parts: dict[str, _Part] = {}
        # The parts docxtpl fills that hold no tag: its clean-up (escaped tags, tabs, grids,
        # picture ids) changes them the same way for every document, so it is done here once.
        self._static: dict[str, bytes] = {}
        marked: list[str] = []
        for info, blob in self._members:
            if not TEMPLATE_PARTS.match(info.filename):
                continue
            try:
                # As docxtpl reads it: LibreOffice's `&apos;` in a tag becomes a quote again.
                text = template_xml(blob) if b"{" in blob else blob.decode("utf-8")
            except (etree.XMLSyntaxError, UnicodeDecodeError) as e:
                raise RenderError(
                    msg.TEMPLATE_UNREADABLE.format(error=e), template=self.name
                ) from e
            # Prepared first: docxtpl makes a tag of braces that Word split across runs.
            patched = prepared_xml(text)
            part = self._compile(env, helper, info.filename, text, patched)
            if part.template is not None:
                self._parts[info.filename] = part
                if holds_tag(patched):
                    marked.append(info.filename)
            else:
                self._static[info.filename] = self._finish(patched, part)
        body = next((b for i, b in self._members if i.filename == BODY_PART), b"")
        if _FOOTNOTES in self._parts and b"<w:sectPr" not in body:
            # docxtpl fills the footnotes once per section: none, and they print as typed.
            raise RenderError(msg.TEMPLATE_FOOTNOTES_UNFILLED, template=self.name)
        # A part that prints the document's code gets the picture's relationship (qrmark).
        self._placement = Placement.of({i.filename: b for i, b in self._members}, marked)
        # A property is element text that lxml escapes: Jinja must not escape it too.
        self._properties, self._core_xml = self._compile_properties(_bounded())
        self._base = self._base_archive(marked=False)
        # Documents that print their code share another: the picture's relationship added.
        self._marked_base = self._base_archive(marked=True) if self._placement else None

    def _base_archive(self, marked: bool) -> tuple[bytes, list[zipfile.ZipInfo]]:
        """The members every document shares (with its code or without), compressed once,
        and their entries.

        Each document is this archive with its rendered parts appended, so a batch compresses
        only them.
        """
        members: Iterable[tuple[str, bytes]] = ((i.filename, b) for i, b in self._members)
        if self._placement:
            members = self._placement.members(members, marked)
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in members:
                if name in self._parts or (name == _CORE and self._properties):
                    continue
                if name == _CORE:
                    blob = self._core_xml
                archive.writestr(_member(name), self._static.get(name, blob))
            # Where the members end and the central directory will begin.
            body_end = base.tell()
        return base.getvalue()[:body_end], archive.infolist()

    def _compile(
        self, env: BoundedEnvironment, helper: DocxTemplate, name: str, text: str, patched: str
    ) -> _Part:
        """One part as docxtpl prepares it (patched), compiled when it holds a tag."""
        body = name == BODY_PART
        if body and table_without_grid(text):
            raise RenderError(msg.TEMPLATE_TABLE_WITHOUT_GRID, template=self.name)
        part = _Part(
            name,
            None,
            text_from=after_declaration(text),
            fix_tables=body and (bool(_CELL_LOOP.search(patched)) or grid_unmatched(helper, text)),
            renumber_pictures=body and "docPr" in patched,
        )
        if not _TAG.search(patched):
            return part
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        try:
            tree = env.parse(xml)
            if tag := loads_others(tree):
                raise RenderError(loading_refused(tag), template=self.name)
            part.template = env.from_string(tree)
        except TemplateError as e:
            raise RenderError(msg.TEMPLATE_SYNTAX.format(error=e), template=self.name) from e
        around = code_only(patched)
        # Only where docxtpl's passes would leave the joined text as it is.
        if around is not None and self._finish("".join(around), part) == "".join(around).encode():
            part.around = around
        return part

    def docx_template(self) -> DocxTemplate:
        """A DocxTemplate of this template, to make pictures, sub-documents and hyperlink ids.

        A context holding values made with it is rendered by it (docxtpl's own render).
        """
        template = BoundTemplate(self._data)
        self._made.add(template)
        return template

    @contextlib.contextmanager
    def _filling(self) -> Iterator[None]:
        """Turn Jinja's errors while filling this template into RenderError."""
        fresh_budget()
        try:
            yield
        except LimitExceeded as e:
            raise RenderError(e.message or "", template=self.name) from e
        except RecursionError as e:
            raise RenderError(limit_msg.TEMPLATE_RECURSION, template=self.name) from e
        except UndefinedError as e:
            raise RenderError(
                msg.TEMPLATE_VALUE_MISSING.format(message=e.message), template=self.name
            ) from e
        except TemplateError as e:
            raise RenderError(msg.TEMPLATE_NOT_FILLED.format(error=e), template=self.name) from e

    def render(self, context: dict[str, Any]) -> bytes:
        """Fill the template and return the bytes of the new .docx."""
        picture = None
        if self._placement:
            context, picture = self._placement.fill(context)
        values = docxtpl_values(context)
        if values:
            return self._render_docxtpl(context, values, picture)
        try:
            return self._render_fast(context, picture)
        except _DocxtplOnly:
            return self._render_docxtpl(context, [], picture)

    def _render_fast(self, context: dict[str, Any], picture: bytes | None) -> bytes:
        """The document, each tagged part rendered from its compiled template."""
        rendered: dict[str, bytes] = {}
        for name, part in self._parts.items():
            if part.around is not None:
                head, tail = part.around
                rendered[name] = f"{head}{context.get(TEMPLATE_KEY, '')}{tail}".encode()
                continue
            with self._filling():
                xml = part.template.render(context)
            rendered[name] = self._finish(xml, part)
        footnotes = rendered.get(_FOOTNOTES)
        if footnotes is not None:
            # docxtpl fills the footnotes once per section: a second pass changes them when
            # the first one left a brace (an unescaped tag, a value with one), and a body
            # without a section leaves them unfilled.
            body = rendered.get(BODY_PART) or self._static.get(BODY_PART, b"")
            sections = body.count(b"<w:sectPr>") + body.count(b"<w:sectPr ")
            if sections == 0 or (sections > 1 and b"{" in footnotes):
                raise _DocxtplOnly
        if self._properties:
            rendered[_CORE] = self._render_properties(context)
        return self._package(rendered, picture)

    def _finish(self, xml: str, part: _Part) -> bytes:
        """docxtpl's passes after Jinja on a rendered part, each only where it changes it."""
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        # One character is searched first: a two-character search of a long part costs 50×.
        if "_" in xml and ("{_" in xml or "_}" in xml):
            for escaped, tag in _ESCAPED:
                xml = xml.replace(escaped, tag)
        if any(c in xml for c in _LISTING_CHARACTERS) or xml.find("\n", part.text_from) >= 0:
            xml = DOCXTPL.resolve_listing(xml)
        data = xml.encode("utf-8")
        try:
            # A non-recovering parser that builds nothing: the part must be well-formed.
            expat.ParserCreate().Parse(data, True)
        except expat.ExpatError as e:
            raise RenderError(msg.TEMPLATE_BAD_XML.format(error=e), template=self.name) from e
        if part.fix_tables or part.renumber_pictures:
            data = self._docxtpl_fixes(data, part)
        return data

    def _package(self, rendered: dict[str, bytes], picture: bytes | None) -> bytes:
        """The .docx: the unchanging members, compressed once, then the rendered parts and the
        QR code's picture (stored: a PNG is compressed already).

        The archive is opened for writing after the members already in the buffer and told of
        them (their entries, offsets and checksums), so they go to its central directory
        without the archive being read back for every document.
        """
        base, members = self._base if picture is None else self._marked_base or self._base
        out = io.BytesIO()
        out.write(base)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as archive:
            archive.filelist.extend(members)
            for name, data in rendered.items():
                archive.writestr(_member(name), data)
            if picture is not None:
                archive.writestr(_member(MEDIA, zipfile.ZIP_STORED), picture)
        return out.getvalue()

    def _docxtpl_fixes(self, data: bytes, part: _Part) -> bytes:
        """docxtpl's table grid fix and picture id renumbering, on a rendered body."""
        helper = DocxTemplate(io.BytesIO(self._data))
        tree = helper.fix_tables(data) if part.fix_tables else etree.fromstring(data)
        if part.renumber_pictures:
            helper.docx_ids_index = 1000
            helper.fix_docpr_ids(tree)
        return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)

    def _compile_properties(self, env: BoundedEnvironment) -> tuple[dict[str, Any], bytes]:
        """The document properties that hold tags, compiled; core.xml as docxtpl writes it."""
        blob = dict((i.filename, b) for i, b in self._members).get(_CORE)
        if blob is None:
            return {}, b""
        root = etree.fromstring(blob)
        out = {}
        for name in _PROPERTIES:
            element = root.find(name)
            if element is None:
                element = etree.SubElement(root, name)
            element.text = element.text or ""
            if _TAG.search(element.text):
                try:
                    out[name] = env.from_string(element.text)
                except TemplateError as e:
                    raise RenderError(
                        msg.TEMPLATE_PROPERTIES_SYNTAX.format(error=e), template=self.name
                    ) from e
        self._core = root
        return out, etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)

    def _render_properties(self, context: dict[str, Any]) -> bytes:
        """docProps/core.xml with the tagged properties filled."""
        root = copy.deepcopy(self._core)
        for node in root:
            template = self._properties.get(node.tag)
            if template is not None:
                with self._filling():
                    node.text = template.render(context)
        return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)

    def _render_docxtpl(
        self, context: dict[str, Any], values: list[Any], picture: bytes | None
    ) -> bytes:
        """The document made by docxtpl's own render, by the template its values were made for
        (and the QR code's picture, when given, with its relationship)."""
        owner = bound_template(values, self._made)
        if isinstance(owner, str):
            raise RenderError(_OTHER_TEMPLATE[owner], template=self.name)
        template = owner or BoundTemplate(self._data)
        self._made.discard(template)
        try:
            with self._filling():
                template.render(
                    _with_pictures(context, template), jinja_env=environment(), autoescape=True
                )
            data = saved(template, _member)
        except (ValueError, etree.LxmlError) as e:
            raise RenderError(msg.TEMPLATE_NOT_FILLED.format(error=e), template=self.name) from e
        return self._placement.repacked(data, picture, _member) if self._placement else data


_OTHER_TEMPLATE = {
    "hyperlink": msg.TEMPLATE_LINK_OTHER_TEMPLATE,
    "foreign": msg.TEMPLATE_VALUE_OTHER_TEMPLATE,
    "several": msg.TEMPLATE_VALUES_SEVERAL_TEMPLATES,
}


@dataclass(frozen=True)
class FileJob:
    """One document to render into a new temporary file in its folder."""

    template: CompiledTemplate
    context: dict[str, Any]
    directory: Path
    temp: str
    # The digest of the file now in the document's place: the same bytes are not written.
    current: str | None


@dataclass(frozen=True)
class Rendered:
    """A rendered document: its digest, and its temporary file (None when nothing changed)."""

    sha256: str
    temp: str | None


_WORKER_TEMPLATES: dict[Path, CompiledTemplate] = {}


def _render_file(job: tuple) -> tuple[str | None, str | None, tuple | None]:
    """Render one document and write its temporary file (in a worker process or not).

    Our errors carry keyword-only fields and do not pickle: a failure comes back as data.
    """
    template, context, directory, temp, current = job
    try:
        if isinstance(template, Path):
            compiled = _WORKER_TEMPLATES.get(template)
            if compiled is None:
                compiled = _WORKER_TEMPLATES[template] = CompiledTemplate(template)
            template = compiled
        data = template.render(context)
    except AntqError as e:
        return None, None, ("render", e.message)
    digest = hashlib.sha256(data).hexdigest()
    if digest == current:
        return digest, None, None
    try:
        write_temp(directory, temp, data)
    except OSError as e:
        return None, None, ("os", e.errno, e.strerror, str(Path(directory) / temp))
    return digest, temp, None


def render_files(jobs: Iterable[FileJob], workers: int = 1) -> Generator[Rendered, None, None]:
    """Render every job into its temporary file, in order, on `workers` processes.

    A worker compiles each template once; jobs are taken a batch at a time, so memory stays
    flat. The first failure stops the run: a template error as RenderError's message, a write
    that failed (disk full) as OSError.
    """
    if workers > 1:
        plain: Iterable[tuple] = (
            (j.template.path, j.context, j.directory, j.temp, j.current) for j in jobs
        )
    else:
        plain = ((j.template, j.context, j.directory, j.temp, j.current) for j in jobs)
    for digest, temp, error in ordered_map(_render_file, plain, workers):
        if error is not None:
            if error[0] == "os":
                raise OSError(error[1], error[2], error[3])
            raise AntqError(error[1])
        assert digest is not None
        yield Rendered(digest, temp)


def source_digest(template: CompiledTemplate, context: dict[str, Any]) -> str:
    """A digest of everything a document is made from: program version, template, context."""
    from antq_docs import __version__

    def encode(value: Any) -> Any:
        if isinstance(value, Image):
            return {"image": hashlib.sha256(value.data).hexdigest(), "width": value.width_mm}
        if isinstance(value, (dt.date, Decimal)):
            return str(value)
        # Anything else unforeseen: its repr, which at worst makes the document render again.
        return repr(value)

    text = json.dumps(
        [__version__, template.digest, context], sort_keys=True, default=encode, ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _member(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A zip entry with a fixed timestamp, deflated (or stored)."""
    member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    member.compress_type = compression
    return member
