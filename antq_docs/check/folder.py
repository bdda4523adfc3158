"""The checked folder indexed once: candidate documents, other files, entries never read.

Documents are indexed by kind, code and extension; links, FIFOs and devices are noted, never
opened or followed.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs.check.entries import DOCX, PDF
from antq_docs.errors import InputError
from antq_docs.files import describe
from antq_docs.messages import check as msg
from antq_docs.output import MANIFEST, REVIEW
from antq_docs.register import FILE as REGISTER_FILE

# The tool's own files at the top of the folder are not documents, nor are the pictures of the
# scanned pages intake left for a person to place.
_OWN_FILES = frozenset({MANIFEST, REGISTER_FILE, REVIEW})
# Files people's tools leave in a folder that are not documents: Word's lock files (~$…),
# hidden files (our lock, temporaries, .DS_Store) and Windows' thumbnails.
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})


def _key(kind: str, name: str) -> tuple[str, str, str] | None:
    """(kind, code, extension) of a file name, compared in NFC and without case."""
    stem, dot, ext = unicodedata.normalize("NFC", name).rpartition(".")
    if not dot or f".{ext.lower()}" not in (DOCX, PDF):
        return None
    return unicodedata.normalize("NFC", kind), stem.casefold(), f".{ext.lower()}"


def _ignored(name: str) -> bool:
    """Whether a name is a lock file, a hidden file or a system file, not a document."""
    return name.startswith(("~$", ".")) or name.lower() in _IGNORED_NAMES


@dataclass
class Scan:
    """DIR indexed once: candidate documents by key, other files, and what is never read.

    refused maps a path to why it is neither read nor followed: a symbolic link (a kind
    folder linked elsewhere would make check audit files outside DIR) or a FIFO, device or
    socket (opening one blocks or never ends).
    """

    index: dict[tuple[str, str, str], str] = field(default_factory=dict)
    others: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def _refusal(mode: int, *, kind_folder: bool) -> str | None:
    """Why check neither reads nor follows an entry of this mode (lstat), or None."""
    if kind_folder and stat.S_ISLNK(mode):
        return msg.LINKED_KIND_FOLDER
    return describe(mode) if not stat.S_ISDIR(mode) else None


def scan_folder(root: Path, kinds: list[str]) -> Scan:
    """Index DIR once without following a link or opening anything that is not a file."""
    scan = Scan()

    def walk(folder: Path, rel: str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            raise InputError(msg.UNREADABLE_FOLDER.format(why=e.strerror), path=folder) from e
        for entry in entries:
            if _ignored(entry.name) or (depth == 0 and entry.name in _OWN_FILES):
                continue
            path = f"{rel}{unicodedata.normalize('NFC', entry.name)}"
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                # Gone since the listing: nothing to audit.
                continue
            refusal = _refusal(mode, kind_folder=depth == 0 and path in kinds)
            key = _key(rel.rstrip("/"), entry.name) if depth == 1 else None
            if key is not None:
                # Anything named like a document is indexed: when it is owed, the document
                # reader reports it as invalid (a folder, a link, a FIFO) without opening it.
                scan.index[key] = path
                if refusal:
                    scan.refused[path] = refusal
            elif refusal:
                scan.refused[path] = refusal
            elif stat.S_ISDIR(mode):
                walk(Path(entry.path), f"{path}/", depth + 1)
            else:
                scan.others.append(path)

    walk(root, "", 0)
    return scan
