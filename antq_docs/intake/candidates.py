"""The documents of the folder a scan may be, taken from check's one reading of the folder, and
the identity each one's QR code prints.

A document is its .docx: one the manifest lists (a household's own pledge form too, at
pledge-household/KDC/HO.docx), or one a person put in its place (KIND/CODE.docx). A link, a
FIFO or a folder linked elsewhere is never followed, as check refuses them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from pathlib import Path

from antq_docs.check.folder import scan_folder
from antq_docs.docxread import Package
from antq_docs.errors import AntqError
from antq_docs.identity import Identity, parse
from antq_docs.intake.matching import Candidate
from antq_docs.kinds import REGISTRY
from antq_docs.output import OutputFolder, document_path
from antq_docs.qrmark import DRAWING_ID

DOCX = ".docx"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
# Where qrmark writes a document's code: the description of its picture.
_DOC_PR = f"{{{_WP}}}docPr"
_MARK = str(DRAWING_ID).encode()


def candidates(folder: OutputFolder, scope: Collection[str] | None = None) -> list[Candidate]:
    """Every .docx of the folder a scan may be, each once, read from one scan of the folder;
    with scope (unit codes), only those of the units it names."""
    scan = scan_folder(folder.root, list(REGISTRY))
    present = {
        path
        for path in [*scan.index.values(), *scan.others]
        if path.endswith(DOCX) and path not in scan.refused
    }
    found: dict[str, Candidate] = {}
    for entry in folder.entries():
        rel = unicodedata.normalize("NFC", str(entry.get("path", "")))
        if rel in present and entry.get("unit") and entry.get("kind"):
            found[rel] = Candidate(rel, str(entry["unit"]), str(entry["kind"]))
    for (kind, _, ext), rel in scan.index.items():
        if ext == DOCX and kind in REGISTRY and rel in present and rel not in found:
            found[rel] = Candidate(rel, Path(rel).stem, kind)
    return [c for c in found.values() if scope is None or c.unit in scope]


def coded(found: list[Candidate]) -> dict[tuple[str, str], Candidate]:
    """The documents a QR code names (unit, kind): each unit's own, at KIND/CODE.docx."""
    return {(c.unit, c.kind): c for c in found if c.rel == document_path(c.kind, c.unit)}


def by_target(found: list[Candidate], target: str) -> Candidate | None:
    """The document an --assign order names: its path in the folder ('pledge-household/KDC/HO',
    with or without .docx), or UNIT/KIND ('KT-01/pledge')."""
    wanted = unicodedata.normalize("NFC", target.strip().strip("/"))
    paths = {c.rel: c for c in found}
    for rel in (wanted, f"{wanted}{DOCX}"):
        if rel in paths:
            return paths[rel]
    unit, _, kind = wanted.partition("/")
    return coded(found).get((unit.strip(), kind.strip()))


def printed_identity(root: Path, candidate: Candidate) -> Identity | None:
    """The identity the document's QR code holds, as its .docx prints it; None when it prints
    none (codes turned off, a template without the tag) or cannot be read."""
    try:
        package = Package(root / candidate.rel)
        for name in package.names:
            if name.startswith("word/") and name.endswith(".xml"):
                if _MARK not in package.part(name):
                    continue
                for picture in package.xml(name).iter(_DOC_PR):
                    if picture.get("id") == str(DRAWING_ID):
                        return parse(picture.get("descr", ""))
    except (AntqError, OSError):
        return None
    return None
