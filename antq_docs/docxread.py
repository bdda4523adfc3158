"""Read the parts of a Word (.docx) or PDF file that check and lint need, safely and quickly.

Files handed to an audit come from anywhere, so every read is bounded: the file itself, each
zip member (a zip bomb stops at the cap, whatever its header claims) and the XML parser (no
entity expansion, no DTD, no network). Any failure becomes an UnreadableDocument whose message
says, in Vietnamese, why the file is not a usable document.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import posixpath
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from antq_docs.errors import UnreadableDocument
from antq_docs.files import TOO_LARGE, Refusal, read_regular
from antq_docs.messages import files as msg

MAX_FILE_BYTES = 64 << 20
MAX_PART_BYTES = 16 << 20
MAX_PDF_BYTES = 256 << 20
# Every member is read once to verify its CRC; images are stored nearly as they are packed, so
# a genuine document unpacks to little more than its size on disk.
MAX_UNPACKED_BYTES = 4 * MAX_FILE_BYTES
# The parts of a .docx that a template's text may live in, in the order Word shows them: the
# body, each header and footer, the footnotes. The renderer fills exactly these and the template
# checker reads exactly these, so a tag the checker never saw is never filled (and the reverse).
TEMPLATE_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
BODY_PART = "word/document.xml"
# Parts Word shows whose tags neither renderer fills (docxtpl has no endnote pass): a tag there
# would reach the signed document as typed, so the template checker looks for them.
UNFILLED_PARTS = re.compile(r"^word/endnotes\.xml$")
# The document properties both renderers fill (docProps/core.xml), as docxtpl names them
# through python-docx: author, comments, identifier, language, subject, title.
CORE_PART = "docProps/core.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
TEMPLATE_PROPERTIES = (
    f"{_DC}creator",
    f"{_DC}description",
    f"{_DC}identifier",
    f"{_DC}language",
    f"{_DC}subject",
    f"{_DC}title",
)

# The compression methods Word reads; zipfile also reads bzip2 and LZMA, which Word refuses.
_WORD_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 1 << 20
# An OLE compound file: Word encrypts a password-protected .docx into one (and .doc is one).
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# How a draft marks what only its signer can write (a unit's shortcomings, causes, directions):
# a highlighted paragraph that starts with these words and says what belongs there. The
# templates print it where a note is missing; lint reports each one left ("còn chỗ cần bổ
# sung") and check counts such a document as present but not finished.
PLACEHOLDER = "[Cần bổ sung"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_W_P = f"{{{W}}}p"
_W_T = f"{{{W}}}t"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)
_PROLOG_BYTES = 64 << 10
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OSError,
)


def read_bytes(path: Path, cap: int) -> bytes:
    """Read a whole regular file of at most cap bytes; never follow a link or open a device.

    A FIFO would block the read forever and a link may point anywhere outside the folder
    audited, so both are refused (files.read_regular) before anything is read.
    """
    try:
        return read_regular(path, cap)
    except Refusal as e:
        reason = msg.TOO_LARGE.format(megabytes=cap >> 20) if e.kind == TOO_LARGE else e.reason
        raise UnreadableDocument(reason, path=path) from e


class Package:
    """A .docx read into memory: its bytes, hash and bounded access to its XML parts."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.data = read_bytes(self.path, MAX_FILE_BYTES)
        if not self.data:
            raise UnreadableDocument(msg.EMPTY, path=self.path)
        if self.data.startswith(OLE_SIGNATURE):
            raise UnreadableDocument(
                msg.ENCRYPTED_OR_DOC,
                path=self.path,
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(self.data))
            self._names = set(self._zip.namelist())
        except _ZIP_ERRORS as e:
            raise UnreadableDocument(msg.NOT_A_DOCX, path=self.path) from e
        self._verify()
        self.main = self._main_part()

    def _verify(self) -> None:
        """Refuse a package Word cannot open: a member packed another way, or a wrong CRC.

        zipfile checks a member's CRC only when it is read to its end, so every member is
        read once, in chunks, within MAX_UNPACKED_BYTES for the whole package.
        """
        left = MAX_UNPACKED_BYTES
        for info in self._zip.infolist():
            if info.compress_type not in _WORD_METHODS:
                raise UnreadableDocument(
                    msg.PART_COMPRESSION.format(part=info.filename),
                    path=self.path,
                )
            if info.is_dir():
                continue
            try:
                with self._zip.open(info) as fh:
                    while chunk := fh.read(min(_CHUNK, left + 1)):
                        left -= len(chunk)
                        if left < 0:
                            raise UnreadableDocument(
                                msg.TOO_LARGE_UNPACKED.format(megabytes=MAX_UNPACKED_BYTES >> 20),
                                path=self.path,
                            )
            except zipfile.BadZipFile as e:
                raise UnreadableDocument(
                    msg.PART_CRC.format(part=info.filename),
                    path=self.path,
                ) from e
            except _ZIP_ERRORS as e:
                raise UnreadableDocument(
                    msg.PART_BROKEN.format(part=info.filename, error=e), path=self.path
                ) from e

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the file's bytes."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def names(self) -> list[str]:
        """The names of the package's members, sorted."""
        return sorted(self._names)

    def has(self, name: str) -> bool:
        """Tell whether the package holds a part of this name."""
        return name in self._names

    def part(self, name: str) -> bytes:
        """The bytes of one part, reading at most MAX_PART_BYTES of it."""
        if name not in self._names:
            raise UnreadableDocument(msg.PART_MISSING.format(part=name), path=self.path)
        try:
            with self._zip.open(name) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except _ZIP_ERRORS as e:
            raise UnreadableDocument(
                msg.PART_BROKEN.format(part=name, error=e), path=self.path
            ) from e
        if len(data) > MAX_PART_BYTES:
            raise UnreadableDocument(
                msg.PART_TOO_LARGE.format(part=name, megabytes=MAX_PART_BYTES >> 20),
                path=self.path,
            )
        return data

    def xml(self, name: str) -> etree._Element:
        """One part parsed without entities, DTDs or network access."""
        data = self.part(name)
        # Word never writes a DTD; one is only there to smuggle entities in. The parser would
        # refuse to expand them anyway; saying so plainly is kinder than libxml2's message.
        if b"<!DOCTYPE" in data[:_PROLOG_BYTES]:
            raise UnreadableDocument(msg.PART_DTD.format(part=name), path=self.path)
        try:
            root = etree.fromstring(data, parser=_PARSER)
        except etree.XMLSyntaxError as e:
            raise UnreadableDocument(
                msg.PART_BAD_XML.format(part=name, error=e), path=self.path
            ) from e
        if root.getroottree().docinfo.internalDTD is not None:
            raise UnreadableDocument(msg.PART_DTD.format(part=name), path=self.path)
        return root

    def _main_part(self) -> str:
        """The main document part named by the package relationships (word/document.xml)."""
        if "_rels/.rels" in self._names:
            for rel in self.xml("_rels/.rels").iter(f"{{{_REL}}}Relationship"):
                if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                    name = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if name in self._names:
                        return name
        if "word/document.xml" in self._names:
            return "word/document.xml"
        raise UnreadableDocument(msg.NO_MAIN_PART, path=self.path)

    def document(self) -> etree._Element:
        """The parsed main document part."""
        return self.xml(self.main)


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")
_PACKAGE_RELS = "_rels/.rels"
_FOOTNOTES = "word/footnotes.xml"
# LibreOffice spells the core properties' relationship type with a small d ("officedocument");
# python-docx, so docxtpl, does not know it and adds a second docProps/core.xml to the package
# it saves: a file with two members of one name, which Word calls damaged.
_LIBREOFFICE_CORE = (
    b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)
_CORE = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def template_xml(data: bytes) -> str:
    """A template part's XML spelled as docxtpl's tag clean-up expects it, declaration kept.

    docxtpl reads the body, headers and footers through lxml and writes them back before it
    looks for tags; Word and python-docx already write that spelling, LibreOffice does not
    (an apostrophe in a tag is `&apos;`, a quote `&quot;`), so a part is read and written
    back the same way here. Raises etree.XMLSyntaxError when the part is not XML.
    """
    root = etree.fromstring(data, parser=_PARSER)
    declaration = _DECLARATION.match(data)
    head = declaration.group(0).decode("ascii", "replace") if declaration else ""
    return head + etree.tostring(root, encoding="unicode")


def docxtpl_package(data: bytes) -> bytes:
    """A template's bytes as docxtpl must read them whole, mended where LibreOffice wrote them.

    Two members are mended: the package relationships, where LibreOffice misspells the core
    properties' type, and the footnotes, which python-docx keeps as bytes so docxtpl reads them
    as saved (its body, headers and footers go through lxml: template_xml's spelling). The bytes
    are returned as they are when neither needs it. Raises zipfile.BadZipFile when data is not a
    zip.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        present = set(archive.namelist())
        mended = {
            name: fixed
            for name in (_PACKAGE_RELS, _FOOTNOTES)
            if name in present and (fixed := _mended(name, archive.read(name))) is not None
        }
        if not mended:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for info in archive.infolist():
                package.writestr(info, mended.get(info.filename) or archive.read(info.filename))
    return out.getvalue()


def _mended(name: str, blob: bytes) -> bytes | None:
    """One member as docxtpl must read it, or None when it is right as it is."""
    if name == _PACKAGE_RELS and _LIBREOFFICE_CORE in blob:
        return blob.replace(_LIBREOFFICE_CORE, _CORE)
    if name == _FOOTNOTES and b"{" in blob:
        try:
            fixed = template_xml(blob).encode("utf-8")
        except etree.XMLSyntaxError:
            return None  # the renderer's own read of the part says what is wrong
        return fixed if fixed != blob else None
    return None


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of one w:p, runs joined."""
    return "".join(t.text or "" for t in paragraph.iter(_W_T))


def document_text(root: etree._Element) -> str:
    """Every paragraph's text, one per line."""
    return "\n".join(paragraph_text(p) for p in root.iter(_W_P))


def is_placeholder(text: str) -> bool:
    """Tell whether a paragraph's text is a draft's placeholder (it starts with PLACEHOLDER)."""
    return unicodedata.normalize("NFC", text).lstrip().startswith(PLACEHOLDER)


def placeholders(text: str) -> list[str]:
    """The placeholder paragraphs of a document's text (one paragraph a line), spaces tidied."""
    # A file written elsewhere may hold decomposed letters: the marker is compared in NFC.
    text = unicodedata.normalize("NFC", text)
    if PLACEHOLDER not in text:
        return []
    return [" ".join(line.split()) for line in text.split("\n") if is_placeholder(line)]


_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
_PDF_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b.{0,2048}?stream\r?\n", re.DOTALL)
_MAX_OBJECT_STREAMS = 64


def check_pdf(path: Path) -> None:
    """Raise UnreadableDocument unless the file is a PDF with at least one page."""
    data = read_bytes(path, MAX_PDF_BYTES)
    if not data.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-":
        raise UnreadableDocument(msg.NOT_A_PDF, path=path)
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument(msg.PDF_TRUNCATED, path=path)
    if _PDF_PAGE.search(data) or _pages_in_object_streams(data):
        return
    raise UnreadableDocument(msg.PDF_NO_PAGES, path=path)


def _pages_in_object_streams(data: bytes) -> bool:
    """Look for a page object inside compressed object streams (PDF 1.5 and later)."""
    for match in itertools.islice(_PDF_OBJSTM.finditer(data), _MAX_OBJECT_STREAMS):
        inflater = zlib.decompressobj()
        try:
            # Object streams hold small dictionaries: a bounded window is enough to find a page.
            chunk = inflater.decompress(
                data[match.end() : match.end() + MAX_PART_BYTES], MAX_PART_BYTES
            )
        except zlib.error:
            continue
        if _PDF_PAGE.search(chunk):
            return True
    return False
