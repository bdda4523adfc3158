"""Prepare a Word template once, then fill it many times from a context.

docxtpl supplies the template language (Jinja tags typed in Word, its XML clean-up); rendering
happens here on the prepared XML so a batch of hundreds of documents parses the template once.
Values reach the template already cleaned (no tabs or line breaks), so docxtpl's listing pass
is not needed.
Jinja runs sandboxed, escapes every value (names with & < > are text) and refuses undefined
variables, so a missing value stops the run instead of leaving a blank in a signed document.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from antq_docs.errors import RenderError

# A fixed timestamp for zip members makes a document's bytes depend on its content only,
# so re-running with the same inputs rewrites nothing.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_TAG = re.compile(r"\{[{%#]")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


def _environment() -> SandboxedEnvironment:
    """The Jinja environment every template is compiled in."""
    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True
    )


@dataclass
class _Part:
    """One XML part of the package that holds template tags."""

    name: str
    template: Any


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
            raise RenderError(f"không đọc được tệp mẫu ({e}).", template=self.name) from e
        helper = DocxTemplate(io.BytesIO(data))
        env = _environment()
        self._parts: dict[str, _Part] = {}
        for info, blob in self._members:
            if not _PARTS.match(info.filename):
                continue
            text = blob.decode("utf-8")
            if not _TAG.search(text):
                continue
            xml = helper.patch_xml(text)
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
            try:
                self._parts[info.filename] = _Part(info.filename, env.from_string(xml))
            except TemplateError as e:
                raise RenderError(f"lỗi cú pháp thẻ mẫu ({e}).", template=self.name) from e
        # The parts that never change are compressed once into a base archive; each document
        # is that archive with its rendered parts appended, so a batch compresses only them.
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, blob in self._members:
                if info.filename not in self._parts:
                    archive.writestr(_member(info.filename), blob)
        self._base = base.getvalue()

    def render(self, context: dict[str, Any]) -> bytes:
        """Fill the template and return the bytes of the new .docx."""
        rendered: dict[str, bytes] = {}
        for name, part in self._parts.items():
            try:
                xml = part.template.render(context)
            except UndefinedError as e:
                raise RenderError(
                    f"thiếu giá trị cho thẻ ({e.message}).", template=self.name
                ) from e
            except TemplateError as e:
                raise RenderError(f"không điền được mẫu ({e}).", template=self.name) from e
            data = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml).encode("utf-8")
            try:
                etree.fromstring(data)
            except etree.XMLSyntaxError as e:
                raise RenderError(
                    f"kết quả không phải XML hợp lệ ({e}).", template=self.name
                ) from e
            rendered[name] = data
        out = io.BytesIO(self._base)
        out.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
            for name, data in rendered.items():
                archive.writestr(_member(name), data)
        return out.getvalue()


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed timestamp, deflated."""
    member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    member.compress_type = zipfile.ZIP_DEFLATED
    return member
