"""The output folder's layout: where each document and each of the tool's own files lives.

DIR/<kind>/<unit code>.docx for the documents; DIR/manifest.json and the hidden files below
for the tool. Nothing is read or written through a link leaving DIR, nor through a FIFO.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from antq_docs.errors import OutputError
from antq_docs.limits import MANIFEST_BYTES_PER_FILE, MAX_MANIFEST_BYTES
from antq_docs.messages import documents as msg
from antq_docs.output.install import file_sha256, folder_not_made

MANIFEST = "manifest.json"
LOCK = ".antq-docs.lock"
# What each document was made from (template and context digest), so a re-run with the same
# inputs recognises an untouched document without rendering it again.
SOURCES = ".antq-docs-sources.json"
# Files the run is about to put in place, one JSON line each (see journal.py).
JOURNAL = ".antq-docs-journal"
# The pages of scans intake could not place, as pictures for a person to look at and assign.
REVIEW = "chua-xep"


def document_path(kind: str, code: str, suffix: str = ".docx") -> str:
    """Where a unit's document of a kind lives in DIR: '<kind>/<code>.docx' (a contract)."""
    return f"{kind}/{code}{suffix}"


def own_file(root: Path, name: str, present: Collection[str] | None = None) -> bytes | None:
    """The bytes of one of the tool's own files in root (manifest, journal), None when absent.

    Refused past MAX_MANIFEST_BYTES, or MANIFEST_BYTES_PER_FILE for each of the folder's
    files (those present, when the caller found them; else counted, only for a file that
    large): a small folder's own file of gigabytes is no file the tool wrote. Anything but a
    regular file is refused unread: a FIFO would block the read for ever, a link may point
    anywhere.
    """
    path = root / name
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise OutputError(msg.NOT_A_REGULAR_FILE_DELETE.format(name=name), path=root) from e
        raise OutputError(
            msg.OWN_FILE_UNREADABLE.format(name=name, why=e.strerror), path=root
        ) from e
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(msg.NOT_A_REGULAR_FILE_DELETE.format(name=name), path=root)
        limit = MAX_MANIFEST_BYTES
        if info.st_size > limit:
            files = len(present) if present is not None else _files_in(root)
            limit = max(limit, MANIFEST_BYTES_PER_FILE * files)
        too_large = OutputError(
            msg.OWN_FILE_TOO_LARGE.format(name=name, megabytes=limit >> 20), path=root
        )
        if info.st_size > limit:
            raise too_large
        # As large as it is (a buffer of the limit would cost it whole), one byte more to see
        # if it grew since; then up to one byte past the limit, so growing is no way past it.
        data = fh.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += fh.read(limit + 1 - len(data))
    if len(data) > limit:
        raise too_large
    return data


def _files_in(root: Path) -> int:
    """How many files a folder holds, at any depth (links not followed)."""
    return sum(len(names) for _, _, names in os.walk(root))


@dataclass(frozen=True)
class FileState:
    """A document's place in the folder before the run writes it: where, and what is there."""

    rel: str
    target: Path
    # SHA-256 of the file now at target, None when there is none.
    current: str | None


class Layout:
    """The places of documents in one folder, each folder on the way checked once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Folders already checked to lie inside root (a run checks each once).
        self._inside: set[Path] = set()

    def state(self, rel: str) -> FileState:
        """Where rel goes and the digest of what is there now (checked, never followed)."""
        target = self.guard(rel)
        try:
            current = file_sha256(target)
        except FileNotFoundError:
            current = None  # the usual case of a first run: one system call, not two
        except IsADirectoryError:
            raise OutputError(msg.FOLDER_IN_THE_WAY, path=target) from None
        except OSError as e:
            raise OutputError(msg.NOT_READABLE.format(strerror=e.strerror), path=target) from e
        return FileState(rel, target, current)

    def prepare(self, rel: str) -> FileState:
        """rel's state, with its folder made (so a renderer can write a temporary beside it)."""
        folder = (self.root / rel).parent
        if folder not in self._inside:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise folder_not_made(e, folder) from e
        return self.state(rel)

    def guard(self, rel: str) -> Path:
        """The path of rel in DIR, refusing a symlink on the way out of DIR or a special file.

        A kind folder linked elsewhere would have the run write (and read) outside --out; a
        link or a FIFO in a document's place would be read through, or block the run.
        """
        target = self.root / rel
        if target.parent not in self._inside:
            try:
                inside = self.root.resolve()
                parent = target.parent.resolve()
            except (OSError, RuntimeError) as e:
                raise OutputError(msg.PATH_UNRESOLVED.format(error=e), path=target) from e
            if parent != inside and inside not in parent.parents:
                raise OutputError(
                    msg.KIND_FOLDER_IS_A_LINK,
                    path=target.parent,
                )
            # Checked once per folder: one made later by this run is a real folder, not a link.
            self._inside.add(target.parent)
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            return target
        except OSError as e:
            raise OutputError(msg.NOT_READABLE.format(strerror=e.strerror), path=target) from e
        if stat.S_ISLNK(mode):
            raise OutputError(
                msg.FILE_IS_A_LINK,
                path=target,
            )
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise OutputError(msg.NOT_A_REGULAR_FILE, path=target)
        return target
