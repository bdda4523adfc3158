"""Prepare a Word template once, then fill it many times from a context.

docxtpl supplies the template language (Jinja tags typed in Word, its XML clean-up); rendering
happens here on the prepared XML so a batch of hundreds of documents parses the template once.
Values reach the template already cleaned (no tabs or line breaks), so docxtpl's listing pass
is not needed. The rest of docxtpl's render is kept for a template that relies on it (an
official's own): escaped tags ({_{ … }_}) are unescaped, tables whose cells a loop adds get
their grid fixed, picture ids are renumbered, footnotes and the document properties (title,
subject, author…) are filled too.
Jinja runs sandboxed, escapes every value (names with & < > are text) and refuses undefined
variables, so a missing value stops the run instead of leaving a blank in a signed document.
A context that carries an `Image` (a chart) needs new package parts (the picture, its
relationship), so it goes through docxtpl's full render with an InlineImage; documents without
pictures keep the fast path. Both give bytes that depend on the content only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.parsers import expat

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError, UndefinedError
from lxml import etree

from antq_docs.docxread import BODY_PART, TEMPLATE_PARTS
from antq_docs.errors import AntqError, RenderError
from antq_docs.kinds.base import Image
from antq_docs.messages import documents as msg
from antq_docs.messages import limits as limit_msg
from antq_docs.output import write_temp
from antq_docs.qrmark import MEDIA, Placement, holds_tag
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
_CORE = "docProps/core.xml"
# The document properties docxtpl fills (docx.opc.coreprops names → XML elements).
_PROPERTIES = (
    "{http://purl.org/dc/elements/1.1/}creator",
    "{http://purl.org/dc/elements/1.1/}description",
    "{http://purl.org/dc/elements/1.1/}identifier",
    "{http://purl.org/dc/elements/1.1/}language",
    "{http://purl.org/dc/elements/1.1/}subject",
    "{http://purl.org/dc/elements/1.1/}title",
)
_ESCAPED = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
# A loop over cells ({%tc for %}) or a computed colspan changes a row's cell count.
_CELL_LOOP = re.compile(r"</w:tc>\s*\{%|\{%[^%]*%\}\s*<w:tc[ >]|<w:gridSpan w:val=\"\{\{")


def environment() -> BoundedEnvironment:
    """The Jinja environment every template is compiled in (and checked in)."""
    return _bounded(autoescape=True, keep_trailing_newline=True)


@dataclass
class _Part:
    """One XML part of the package that holds template tags."""

    name: str
    template: Any
    # What docxtpl does after Jinja, done only where the template needs it.
    unescape: bool = False
    fix_tables: bool = False
    renumber_pictures: bool = False


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
        self._data = data
        self.digest = hashlib.sha256(data).hexdigest()
        helper = DocxTemplate(io.BytesIO(data))
        env = environment()
        self._parts: dict[str, _Part] = {}
        self._parts_marked: list[str] = []
        for info, blob in self._members:
            if not TEMPLATE_PARTS.match(info.filename):
                continue
            text = blob.decode("utf-8")
            if not _TAG.search(text):
                continue
            xml = helper.patch_xml(text)
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
            body = info.filename == BODY_PART
            if holds_tag(xml):
                self._parts_marked.append(info.filename)
            try:
                tree = env.parse(xml)
                if tag := loads_others(tree):
                    raise RenderError(loading_refused(tag), template=self.name)
                self._parts[info.filename] = _Part(
                    info.filename,
                    env.from_string(tree),
                    unescape=any(e in xml for e, _ in _ESCAPED),
                    fix_tables=body and bool(_CELL_LOOP.search(xml)),
                    renumber_pictures=body and "docPr" in xml,
                )
            except TemplateError as e:
                raise RenderError(msg.TEMPLATE_SYNTAX.format(error=e), template=self.name) from e
        # A part that prints the document's code gets the picture's relationship (qrmark).
        self._placement = Placement.of(
            {i.filename: b for i, b in self._members}, self._parts_marked
        )
        # A property is element text that lxml escapes: Jinja must not escape it too.
        self._properties = self._compile_properties(_bounded())
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
                if name not in self._parts and not (name == _CORE and self._properties):
                    archive.writestr(_member(name), blob)
            # Where the members end and the central directory will begin.
            body_end = base.tell()
        return base.getvalue()[:body_end], archive.infolist()

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
        if any(isinstance(v, Image) for v in context.values()):
            return self._render_with_images(context, picture)
        rendered: dict[str, bytes] = {}
        for name, part in self._parts.items():
            with self._filling():
                xml = part.template.render(context)
            xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
            if part.unescape:
                for escaped, tag in _ESCAPED:
                    xml = xml.replace(escaped, tag)
            data = xml.encode("utf-8")
            try:
                # A non-recovering parser that builds nothing: the part must be well-formed.
                expat.ParserCreate().Parse(data, True)
            except expat.ExpatError as e:
                raise RenderError(msg.TEMPLATE_BAD_XML.format(error=e), template=self.name) from e
            if part.fix_tables or part.renumber_pictures:
                data = self._docxtpl_fixes(xml, part)
            rendered[name] = data
        if self._properties:
            rendered[_CORE] = self._render_properties(context)
        return self._package(rendered, picture)

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

    def _docxtpl_fixes(self, xml: str, part: _Part) -> bytes:
        """docxtpl's table grid fix and picture id renumbering, on a rendered body."""
        helper = DocxTemplate(io.BytesIO(self._data))
        data = xml.encode("utf-8")
        tree = helper.fix_tables(data) if part.fix_tables else etree.fromstring(data)
        if part.renumber_pictures:
            helper.docx_ids_index = 1000
            helper.fix_docpr_ids(tree)
        return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)

    def _compile_properties(self, env: BoundedEnvironment) -> dict[str, Any]:
        """The document properties that hold tags, compiled (empty when none does)."""
        blob = dict((i.filename, b) for i, b in self._members).get(_CORE)
        if blob is None or not _TAG.search(blob.decode("utf-8", "replace")):
            return {}
        root = etree.fromstring(blob)
        out = {}
        for name in _PROPERTIES:
            element = root.find(name)
            if element is not None and element.text and _TAG.search(element.text):
                try:
                    out[name] = env.from_string(element.text)
                except TemplateError as e:
                    raise RenderError(
                        msg.TEMPLATE_PROPERTIES_SYNTAX.format(error=e), template=self.name
                    ) from e
        if out:
            self._core = blob
        return out

    def _render_properties(self, context: dict[str, Any]) -> bytes:
        """docProps/core.xml with the tagged properties filled."""
        root = etree.fromstring(self._core)
        for name, template in self._properties.items():
            node = root.find(name)
            if node is None:
                continue  # _properties holds only the names found in this core.xml
            with self._filling():
                node.text = template.render(context)
        return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)

    def _render_with_images(self, context: dict[str, Any], picture: bytes | None) -> bytes:
        """Render through docxtpl so each Image becomes a picture part of the package (and the
        QR code's picture, when given, with its relationship)."""
        template = DocxTemplate(io.BytesIO(self._data))
        values = {
            key: InlineImage(template, io.BytesIO(v.data), width=Mm(v.width_mm))
            if isinstance(v, Image)
            else v
            for key, v in context.items()
        }
        with self._filling():
            template.render(values, jinja_env=environment(), autoescape=True)
        saved = io.BytesIO()
        template.save(saved)
        # python-docx stamps zip members with the current time; restamp them.
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            members: Iterable[tuple[str, bytes]] = (
                (i.filename, source.read(i.filename)) for i in source.infolist()
            )
            if self._placement:
                members = self._placement.members(members, marked=picture is not None)
            for name, blob in members:
                archive.writestr(_member(name), blob)
            if picture is not None:
                archive.writestr(_member(MEDIA, zipfile.ZIP_STORED), picture)
        return out.getvalue()


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
