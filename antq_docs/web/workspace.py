"""The web app's data folder: one folder per request, uploads streamed to disk, safe ZIPs.

Layout of DATA: jobs/<id>/ (the uploads of one request in in/, its documents in out/, the
ZIP and XLSX it offers for download) and workspace/register.sqlite, the number register shared
by every run so numbers stay consistent between runs, as in one --out folder on the command line.
"""

from __future__ import annotations

import os
import posixpath
import re
import secrets
import shutil
import stat
import sys
import time
import unicodedata
import zipfile
from collections.abc import AsyncIterator, Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from antq_docs.docxread import MAX_PDF_BYTES
from antq_docs.errors import DiskFull, is_disk_full
from antq_docs.limits import MAX_MANIFEST_BYTES
from antq_docs.output import JOURNAL, MANIFEST
from antq_docs.web import messages as msg

# Limits of one request, documented in the README. A docs ZIP holds a whole year's folder.
MAX_INPUT_BYTES = 20 << 20
MAX_ZIP_BYTES = 512 << 20
MAX_REQUEST_BYTES = MAX_ZIP_BYTES + 3 * MAX_INPUT_BYTES
MAX_ZIP_MEMBERS = 100_000
MAX_UNZIPPED_BYTES = 2 << 30
# One member may be as large as the largest file check reads (a signed PDF); the manifest as
# large as check reads one (its text is parsed whole, so it is bounded much lower).
MAX_MEMBER_BYTES = MAX_PDF_BYTES
# Results of a request stay downloadable this long, then the next request removes them.
JOB_TTL_S = 24 * 3600
# Free space a request needs before it starts: its uploads, documents and ZIP. Below it, the
# oldest requests older than JOB_MIN_AGE_S are removed first, then the request is refused.
MIN_FREE_BYTES = 1 << 30
JOB_MIN_AGE_S = 600
_CHUNK = 1 << 16
_JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Limits:
    """Upload limits of one app (the defaults above; tests use smaller ones)."""

    input_bytes: int = MAX_INPUT_BYTES
    zip_bytes: int = MAX_ZIP_BYTES
    request_bytes: int = MAX_REQUEST_BYTES
    zip_members: int = MAX_ZIP_MEMBERS
    unzipped_bytes: int = MAX_UNZIPPED_BYTES
    member_bytes: int = MAX_MEMBER_BYTES
    free_bytes: int = MIN_FREE_BYTES
    manifest_bytes: int = MAX_MANIFEST_BYTES


class TooLarge(Exception):
    """Raised when an upload or a request body goes over its limit."""

    def __init__(self, limit: int, name: str | None = None) -> None:
        super().__init__(name or "")
        self.limit = limit
        self.name = name


class BadZip(Exception):
    """Raised when an uploaded ZIP is unusable or unsafe; the message is Vietnamese."""


class NoSpace(Exception):
    """Raised when the data folder's disk is full, before a request starts or during it."""


def disk_full(error: BaseException | None) -> bool:
    """Whether an error comes of a full disk or quota: the library's DiskFull, NoSpace, or an
    OSError that says so (itself, or what it was raised from)."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, (NoSpace, DiskFull)):
            return True
        if isinstance(error, OSError) and is_disk_full(error):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def discard(job: Path) -> None:
    """Remove a request's folder and everything in it."""
    shutil.rmtree(job, ignore_errors=True)


def clear(job: Path, keep: Collection[str]) -> None:
    """Remove everything in a request's folder but the files named in keep (a job that failed
    in the background keeps only what its page says)."""
    for path in job.iterdir():
        if path.name in keep:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def default_data_dir() -> Path:
    """The per-user data folder: ANTQ_DOCS_DATA, else the platform's usual place."""
    if os.environ.get("ANTQ_DOCS_DATA"):
        return Path(os.environ["ANTQ_DOCS_DATA"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "antq-docs"


def safe_name(name: str, default: str) -> str:
    """A client's file name reduced to one harmless path component (NFC, no separators)."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    return base[:120] or default


class DataDir:
    """The app's data folder: creates request folders and finds them again by id."""

    def __init__(
        self,
        root: Path,
        free_bytes: int = MIN_FREE_BYTES,
        busy: Callable[[str], bool] = lambda job_id: False,
    ) -> None:
        self.root = Path(root)
        self.jobs = self.root / "jobs"
        self.workspace = self.root / "workspace"
        self.free_bytes = free_bytes
        # Whether a request is still running in the background: its folder is never pruned.
        self.busy = busy
        self.jobs.mkdir(parents=True, exist_ok=True)
        self.workspace.mkdir(parents=True, exist_ok=True)

    def new_job(self) -> Path:
        """A fresh folder for one request, once old ones are removed and space is free.

        NoSpace when the disk keeps less than free_bytes free after the oldest requests are
        removed: refused before anything is written, not half-way through.
        """
        self.prune()
        if self.free() < self.free_bytes:
            self.prune_oldest()
            if self.free() < self.free_bytes:
                raise NoSpace()
        job = self.jobs / secrets.token_urlsafe(18)
        try:
            (job / "in").mkdir(parents=True)
        except OSError as e:
            discard(job)
            if is_disk_full(e):
                raise NoSpace() from e
            raise
        return job

    def free(self) -> int:
        """Bytes free on the data folder's disk."""
        return shutil.disk_usage(self.jobs).free

    def prune_oldest(self) -> None:
        """Remove finished requests, oldest first, until free_bytes are free (the results
        of the last JOB_MIN_AGE_S stay: someone may be downloading them)."""
        limit = time.time() - JOB_MIN_AGE_S
        aged = []
        for path in self.jobs.iterdir():
            try:
                aged.append((path.stat().st_mtime, path))
            except OSError:
                continue
        for mtime, path in sorted(aged):
            if mtime >= limit or self.free() >= self.free_bytes:
                return
            if not self.busy(path.name):
                discard(path)

    def job(self, job_id: str) -> Path | None:
        """The folder of an earlier request, or None for an unknown or malformed id."""
        if not _JOB_ID.match(job_id):
            return None
        path = self.jobs / job_id
        return path if path.is_dir() else None

    def prune(self) -> None:
        """Remove request folders older than JOB_TTL_S."""
        limit = time.time() - JOB_TTL_S
        for path in self.jobs.iterdir():
            try:
                if path.stat().st_mtime < limit and not self.busy(path.name):
                    shutil.rmtree(path, ignore_errors=True)
            except OSError:
                continue


async def save_upload(chunks: AsyncIterator[bytes], target: Path, limit: int, name: str) -> None:
    """Copy an upload to target in blocks, refusing it past limit bytes."""
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                fh.close()
                target.unlink(missing_ok=True)
                raise TooLarge(limit, name)
            fh.write(chunk)


def extract_zip(
    archive: Path, dest: Path, limits: Limits, kinds: Collection[str] = frozenset()
) -> Path:
    """Unpack an uploaded ZIP of a document folder into dest, after checking every member.

    Refused: members whose path leaves dest (absolute, '..', drive letters), links, more members
    or more bytes than the limits (counted while reading, whatever the headers claim). A refused
    ZIP leaves nothing: what was unpacked is removed at once. Returns the document folder: dest,
    or the one folder the ZIP holds unless that folder is one of kinds (the documents of one
    kind, as the page's ZIP of one kind is laid out).
    """
    dest.mkdir(parents=True, exist_ok=True)
    try:
        _unpack(archive, dest, limits)
    except BaseException:
        # A bomb stopped at the limit has already written up to it: never left for the prune.
        shutil.rmtree(dest, ignore_errors=True)
        raise
    entries = [p for p in dest.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if (
        len(entries) == 1
        and entries[0].is_dir()
        and entries[0].name not in kinds
        and not (dest / MANIFEST).exists()
    ):
        return entries[0]
    return dest


def _unpack(archive: Path, dest: Path, limits: Limits) -> None:
    """Check every member's path, then copy each, counting the bytes inflated."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            if len(members) > limits.zip_members:
                raise BadZip(msg.ZIP_TOO_MANY.format(limit=limits.zip_members))
            plan = [(info, _member_path(info)) for info in members]
            total = 0
            for info, rel in plan:
                if rel is None:
                    continue
                target = dest.joinpath(*rel.split("/"))
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                total = _copy_member(zf, info, target, total, limits)
    except BadZip:
        raise
    except OSError as e:
        if is_disk_full(e):
            raise
        raise BadZip(msg.ZIP_UNREADABLE) from e
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as e:
        raise BadZip(msg.ZIP_UNREADABLE) from e


def _member_path(info: zipfile.ZipInfo) -> str | None:
    """The member's path inside the folder; BadZip for one leaving it or a link."""
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise BadZip(msg.ZIP_LINK.format(name=name))
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        raise BadZip(msg.ZIP_ABSOLUTE.format(name=name))
    norm = posixpath.normpath(name)
    if norm == ".." or norm.startswith("../") or "/../" in f"/{name}/":
        raise BadZip(msg.ZIP_OUTSIDE.format(name=name))
    if norm in (".", ""):
        return None
    return unicodedata.normalize("NFC", norm)


def _copy_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, total: int, limits: Limits
) -> int:
    """Copy one member, counting real bytes against the member and total limits."""
    size = 0
    # check parses a manifest whole: it may not inflate to more than check reads.
    manifest = target.name in (MANIFEST, JOURNAL)
    most = min(limits.member_bytes, limits.manifest_bytes) if manifest else limits.member_bytes
    with zf.open(info) as src, target.open("wb") as out:
        while True:
            chunk = src.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            total += len(chunk)
            if size > most:
                raise BadZip(
                    msg.ZIP_MEMBER_TOO_LARGE.format(name=info.filename, megabytes=most >> 20)
                )
            if total > limits.unzipped_bytes:
                raise BadZip(msg.ZIP_BOMB.format(megabytes=limits.unzipped_bytes >> 20))
            out.write(chunk)
    return total


def zip_folder(folder: Path, archive: Path, skip: tuple[str, ...] = ()) -> None:
    """Write every file under folder into archive with paths relative to folder."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name not in skip:
                zf.write(path, path.relative_to(folder).as_posix())
