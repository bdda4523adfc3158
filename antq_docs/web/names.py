"""The page's file names: Vietnamese words folded to ASCII, for Windows and USB sticks.

The command line's folder keeps its layout (pledge/KT-01.docx, read back by `check`); what the
page hands out is named for a person: cam-ket/KT-01-cam-ket.docx, so a unit's documents of
every kind no longer share one download name. A ZIP of such names sent back to be checked is
laid out again as the command line's folder (internal_path).
"""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from antq_docs.kinds import REGISTRY
from antq_docs.kinds.pledge import HOUSEHOLD_FOLDER
from antq_docs.vi import slug

# Kind name → its folder on the page ('pledge' → 'cam-ket'), from each kind's short label.
FOLDERS = {name: slug(kind.short) for name, kind in REGISTRY.items()}
_KINDS = {folder: name for name, folder in FOLDERS.items()}
# Every folder name of documents, the command line's and the page's: a ZIP holding only one
# of them holds one kind's documents, not a folder around the documents.
# How often a LiveZip looks for documents newly in place.
SCAN_EVERY_S = 0.5
# The households' own pledges, one folder per khu dân cư.
HOUSEHOLDS = "cam-ket-ho"
DOCUMENT_FOLDERS = frozenset({*FOLDERS, *FOLDERS.values(), HOUSEHOLDS, HOUSEHOLD_FOLDER})


def public_path(path: str) -> str:
    """'pledge/KT-01.docx' → 'cam-ket/KT-01-cam-ket.docx', a household's pledge
    'pledge-household/T1/H01.docx' → 'cam-ket-ho/T1/H01-cam-ket-ho.docx'; others unchanged."""
    parts = PurePosixPath(path).parts
    if len(parts) == 3 and parts[0] == HOUSEHOLD_FOLDER:
        name = PurePosixPath(parts[2])
        return f"{HOUSEHOLDS}/{parts[1]}/{name.stem}-{HOUSEHOLDS}{name.suffix}"
    if len(parts) != 2 or parts[0] not in FOLDERS:
        return path
    folder = FOLDERS[parts[0]]
    name = PurePosixPath(parts[1])
    return f"{folder}/{name.stem}-{folder}{name.suffix}"


def internal_path(path: str) -> str:
    """The inverse of public_path: 'cam-ket/KT-01-cam-ket.pdf' → 'pledge/KT-01.pdf'."""
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or parts[-2] not in _KINDS:
        return path
    folder = parts[-2]
    name = PurePosixPath(parts[-1])
    stem = name.stem.removesuffix(f"-{folder}")
    return "/".join((*parts[:-2], _KINDS[folder], f"{stem}{name.suffix}"))


def relayout(folder: Path) -> dict[str, str]:
    """Rename the page's names inside an unpacked folder back to the command line's layout.

    Returns each renamed file's new path → the name it was uploaded under, so what the check
    says of a file names it as the user knows it.
    """
    renamed: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        target = folder / internal_path(rel)
        if target != path and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
            renamed[target.relative_to(folder).as_posix()] = rel
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and path.name in _KINDS and not any(path.iterdir()):
            path.rmdir()
    return renamed


class LiveZip:
    """The ZIP of a folder's files under their page names, written while the files are made.

    A thread adds each document as soon as it is in place in its kind's folder (a file is put
    there whole, by a rename; names starting with a dot are temporary), so when the run ends
    only the last ones and the files of the folder itself (the manifest) are left to add.
    Documents are stored as they are: a .docx, .xlsx or .pdf is compressed already.
    Use as a context manager; finish() completes the archive, an exception removes it.
    """

    def __init__(self, folder: Path, archive: Path, skip: tuple[str, ...] = ()) -> None:
        self.folder = folder
        self.archive = archive
        self.skip = skip
        self._zip = zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED)
        self._added: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="antq-zip", daemon=True)

    def __enter__(self) -> LiveZip:
        self._thread.start()
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._stop.set()
        self._thread.join()
        if error is not None:
            self._zip.close()
            self.archive.unlink(missing_ok=True)

    def _watch(self) -> None:
        while not self._stop.wait(SCAN_EVERY_S):
            for path in self._files(placed_only=True):
                self._add(path)

    def _files(self, *, placed_only: bool) -> list[str]:
        """The files not yet added; placed_only: only those inside a kind's folder."""
        found = []
        top = str(self.folder)
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if placed_only and root == top:
                continue
            for name in sorted(files):
                path = os.path.join(root, name)
                if not (name.startswith(".") or name in self.skip or path in self._added):
                    found.append(path)
        return found

    def _add(self, path: str) -> None:
        rel = os.path.relpath(path, self.folder).replace(os.sep, "/")
        info = zipfile.ZipInfo.from_file(path, public_path(rel))
        stored = path.lower().endswith((".docx", ".xlsx", ".pdf"))
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        # Read whole and written in one call: a document is tens of kilobytes, and zipfile's
        # own 8 KB copy loop holds the interpreter lock the run placing documents needs.
        with open(path, "rb") as fh:
            self._zip.writestr(info, fh.read())
        self._added.add(path)

    def finish(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Add what is left (the run has ended) and close the archive; progress: files of
        the archive written, of all."""
        self._stop.set()
        self._thread.join()
        left = self._files(placed_only=False)
        total = len(self._added) + len(left)
        for path in left:
            self._add(path)
            if progress:
                progress(len(self._added), total)
        if progress and not left:
            progress(total, total)
        self._zip.close()
