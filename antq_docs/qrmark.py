"""The QR code of a document's identity, placed where a template writes {{ ma_nhan_dien }}.

The tag stands in a part (the built-in templates put it in the first-page footer, in the bottom
margin); a value of `identity.Identity` becomes a small picture of its code there, an empty
value leaves nothing. The picture needs a relationship from that part and a media member, so a
template is prepared once (`Placement`: each tagged part's relationships with one more, fixed
id; a png content type) and each document only appends its PNG: rendering stays on the fast
path, with no docxtpl render per document.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from markupsafe import Markup, escape

from antq_docs.identity import TEMPLATE_KEY, Identity, encode
from antq_docs.qrmatrix import modules

# The printed size: 14 mm square, within the bottom margin under the footer's 5 mm distance.
SIZE_MM = 14
_EMU_PER_MM = 36_000
# Modules of white around the code inside the picture: the page's margin around it is white
# too, so two modules are enough and leave the modules larger.
_BORDER = 2
# Pixels per module (eight: one byte of a 1-bit row): a picture Word or LibreOffice scales down
# from this many pixels stays sharp.
_SCALE = 8
_LIGHT = b"\xff"
_BYTE_OF_MODULE = bytes([0xFF, 0x00]) + bytes(254)
# Level 1: the picture is some 600 bytes, and packing it smaller costs more than the code.
_ZLIB_LEVEL = 1
MEDIA = "word/media/ma-nhan-dien.png"
RELATIONSHIP_ID = "rIdMaNhanDien"
# A drawing id far from those Word, python-docx and docxtpl give pictures (docxtpl numbers the
# body's from 1000 up), so the code's never clashes with a chart's.
DRAWING_ID = 917_001
CONTENT_TYPES = "[Content_Types].xml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_EMPTY_RELS = f'<Relationships xmlns="{_RELS_NS}"/>'.encode()

# docxtpl's way to put a picture where a tag stood inside a run's text: close the text and the
# run, write a run of the drawing, open a run again; the runs' 1 pt type keeps the line no
# taller than the picture.
_DRAWING = (
    '</w:t></w:r><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:drawing>'
    '<wp:inline distT="0" distB="0" distL="0" distR="0" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="{size}" cy="{size}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name="Mã nhận diện" descr="{text}"/>'
    "<wp:cNvGraphicFramePr>"
    '<a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="{id}" name="ma-nhan-dien.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    "<pic:blipFill>"
    '<a:blip r:embed="{rid}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
    "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{size}" cy="{size}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
    "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    '<w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t xml:space="preserve">'
)
_TAG = re.compile(r"\{\{[^}]*\b" + TEMPLATE_KEY + r"\b")


def png(text: str) -> bytes:
    """The QR code of a text as a black and white PNG (error correction M)."""
    rows = modules(text)
    width = len(rows) + 2 * _BORDER
    # Eight pixels a module in 1-bit greyscale: a module is one byte, 0x00 dark, 0xFF light.
    light = _LIGHT * _BORDER
    blank = b"\x00" + _LIGHT * width
    lines = [blank] * (_BORDER * _SCALE)
    for row in rows:
        lines += [b"\x00" + light + bytes(row).translate(_BYTE_OF_MODULE) + light] * _SCALE
    lines += [blank] * (_BORDER * _SCALE)
    side = width * _SCALE
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(lines), _ZLIB_LEVEL))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, checksum."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class Drawing(Markup):
    """The run of the picture that replaces the tag: XML that Jinja writes as it is (the
    description inside is escaped already)."""

    __slots__ = ()


# The drawing before and after the code's text (its description), filled once.
_BEFORE, _AFTER = _DRAWING.format(
    size=SIZE_MM * _EMU_PER_MM, id=DRAWING_ID, rid=RELATIONSHIP_ID, text="\0"
).split("\0")


def drawing(identity: Identity) -> Drawing:
    """The run of the picture that replaces the tag (its text in the picture's description)."""
    # Joined as text: a str added to Markup would be escaped whole.
    return Drawing(_BEFORE + str(escape(encode(identity))) + _AFTER)


def rels_name(part: str) -> str:
    """The relationships part of a part: word/_rels/footer1.xml.rels for word/footer1.xml."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def with_relationship(rels: bytes | None, part: str) -> bytes:
    """A part's relationships with the code's picture added (the part's folder relative)."""
    root = etree.fromstring(rels or _EMPTY_RELS)
    for old in root.findall(f"{{{_RELS_NS}}}Relationship"):
        if old.get("Id") == RELATIONSHIP_ID:
            root.remove(old)
    folder = part.rpartition("/")[0]
    target = MEDIA[len(folder) + 1 :] if MEDIA.startswith(folder + "/") else "/" + MEDIA
    etree.SubElement(
        root,
        f"{{{_RELS_NS}}}Relationship",
        Id=RELATIONSHIP_ID,
        Type=_IMAGE,
        Target=target,
    )
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def with_png_type(types: bytes) -> bytes:
    """The package's content types with PNG declared (unchanged when it already is)."""
    root = etree.fromstring(types)
    defaults = root.findall(f"{{{_TYPES_NS}}}Default")
    if any((d.get("Extension") or "").lower() == "png" for d in defaults):
        return types
    root.insert(
        0, etree.Element(f"{{{_TYPES_NS}}}Default", Extension="png", ContentType="image/png")
    )
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


# The tag alone, as the built-in templates type it.
_ONLY_TAG = re.compile(r"\{\{\s*" + TEMPLATE_KEY + r"\s*\}\}")
_ANY_TAG = re.compile(r"\{[{%#]")


def code_only(xml: str) -> tuple[str, str] | None:
    """A part whose one tag prints the code (a footer), as the text before and after it; None
    for any other part. Such a part is filled by joining the three, with no template run."""
    pieces = _ONLY_TAG.split(xml)
    if len(pieces) != 2 or any(_ANY_TAG.search(p) for p in pieces):
        return None
    return pieces[0], pieces[1]


def holds_tag(xml: str) -> bool:
    """Whether a part's XML (after docxtpl's clean-up) prints the identity tag."""
    return bool(_TAG.search(xml))


@dataclass(frozen=True)
class Placement:
    """What a template needs to carry a code: for each tagged part, its relationships without
    and with the picture, and the content types with PNG declared."""

    rels: dict[str, tuple[bytes | None, bytes]]
    content_types: bytes
    # The tagged part of each relationships part.
    parts: dict[str, str]

    @classmethod
    def of(cls, members: dict[str, bytes], tagged: list[str]) -> Placement | None:
        """The placement for a template's members and the parts that hold the tag (None when
        no part does)."""
        if not tagged:
            return None
        rels = {}
        for part in tagged:
            name = rels_name(part)
            old = members.get(name)
            rels[name] = (old, with_relationship(old, part))
        parts = {rels_name(part): part for part in tagged}
        return cls(rels, with_png_type(members[CONTENT_TYPES]), parts)

    def members(
        self, members: Iterable[tuple[str, bytes]], marked: bool
    ) -> Iterator[tuple[str, bytes]]:
        """A template's members as a document with a code (marked) or without one has them,
        the picture aside: each tagged part's relationships with the picture's or as they
        were, PNG declared with the picture."""
        for name, blob in members:
            if name == MEDIA:
                continue
            if name in self.rels:
                yield name, self.rels[name][1] if marked else blob
            else:
                yield name, self.content_types if marked and name == CONTENT_TYPES else blob
        if marked:
            yield from ((name, new) for name, (old, new) in self.rels.items() if old is None)

    def saved_members(
        self, members: Iterable[tuple[str, bytes]], marked: bool
    ) -> Iterator[tuple[str, bytes]]:
        """A package docxtpl saved, as a document with a code (marked) or without one has it:
        the code's relationship added to the relationships docxtpl wrote (a chart's among
        them), PNG declared in its content types; the picture aside."""
        seen = set()
        for name, blob in members:
            if name == MEDIA:
                continue
            if name in self.parts:
                seen.add(name)
                yield name, with_relationship(blob, self.parts[name]) if marked else blob
            else:
                yield name, with_png_type(blob) if marked and name == CONTENT_TYPES else blob
        if marked:
            yield from (
                (name, with_relationship(None, part))
                for name, part in self.parts.items()
                if name not in seen
            )

    def repacked(
        self, data: bytes, picture: bytes | None, member: Callable[..., zipfile.ZipInfo]
    ) -> bytes:
        """A document docxtpl saved, with the code's relationship and picture (or without,
        when the campaign turns codes off), its members made by member as the fast path's."""
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(data)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            members = ((i.filename, source.read(i.filename)) for i in source.infolist())
            for name, blob in self.saved_members(members, marked=picture is not None):
                archive.writestr(member(name), blob)
            if picture is not None:
                archive.writestr(member(MEDIA, zipfile.ZIP_STORED), picture)
        return out.getvalue()

    def fill(self, context: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
        """The context with the tag's value as a drawing, and the picture (None: no code)."""
        value = context.get(TEMPLATE_KEY)
        if not isinstance(value, Identity):
            return context, None
        return {**context, TEMPLATE_KEY: drawing(value)}, png(encode(value))
