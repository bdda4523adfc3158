"""Durable writes: a file whole or not at all, synced in batches, and the temporaries cleaned.

Every file the tool puts in an output folder is first written to a temporary beside it (named
'.NAME.<random>.antq-tmp'), made durable, then renamed into place; a killed run leaves only
temporaries, which the next run removes.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path

from antq_docs.errors import DiskFull, OutputError, is_disk_full
from antq_docs.messages import documents as msg

# Temporary files: ours end in .antq-tmp; older versions left '.X.docx.ab12cd_9.tmp'.
TEMP_SUFFIX = ".antq-tmp"
_TEMP = re.compile(r"^\..+(\.antq-tmp|\.[a-z0-9_]{8}\.tmp)$")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def why_not_written(error: OSError) -> str:
    """A failed write told in Vietnamese, the permission cases by name (a full disk is DiskFull)."""
    reasons = {
        errno.EFBIG: msg.FILE_TOO_LARGE,
        errno.EACCES: msg.NO_WRITE_PERMISSION,
        errno.EPERM: msg.NO_WRITE_PERMISSION,
        errno.EROFS: msg.READ_ONLY_DISK,
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


def write_failed(error: OSError, path: Path | str, what: str = msg.WRITING_DOCUMENT) -> OutputError:
    """The error a failed write ends in: DiskFull for a full disk or quota, else OutputError."""
    if is_disk_full(error):
        return DiskFull(what, path=path)
    return OutputError(msg.NOT_WRITTEN.format(reason=why_not_written(error)), path=path)


def folder_not_made(error: OSError, folder: Path | str) -> OutputError:
    """The error a folder that cannot be made ends in: DiskFull for a full disk or quota."""
    if is_disk_full(error):
        return DiskFull(msg.WRITING_FOLDER, path=folder)
    return OutputError(msg.OUT_NOT_CREATED.format(reason=why_not_written(error)), path=folder)


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write bytes to a temporary file beside path, make them durable, rename it over path.

    On any failure (a full disk) path keeps its old content and no temporary file is left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    write_temp(path.parent, temp, data, durable=True)
    try:
        os.replace(path.parent / temp, path)
    except BaseException:
        (path.parent / temp).unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> bool:
    """Write a file that must not exist yet, whole or not at all; False when it already exists.

    The bytes go to a durable temporary file beside path, then take the name by a hard link,
    which never replaces a file: one made meanwhile by someone else is kept. A file system
    without links (FAT on a USB stick) gets the file renamed into place unless the name exists.
    """
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    write_temp(path.parent, temp.name, data, durable=True)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:
            if path.exists() or path.is_symlink():
                return False
            os.rename(temp, path)
        return True
    finally:
        temp.unlink(missing_ok=True)


def write_temp(
    directory: Path, name: str, data: bytes | Iterable[bytes], *, durable: bool = False
) -> None:
    """Write a new temporary file in directory; durable: synced before it is closed.

    The file is created, never opened through an existing name or link, with the mode the
    umask gives (0644 under 022, so colleagues sharing the folder can read it); on any failure
    nothing is left behind. A batch of documents is made durable at once (sync_folder).
    """
    path = os.path.join(directory, name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o666)
    try:
        for piece in [data] if isinstance(data, (bytes, bytearray)) else data:
            view = memoryview(piece)
            while view:
                view = view[os.write(fd, view) :]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)


def sync_folder(root: Path, paths: list[Path]) -> None:
    """Make files written under root durable: one syncfs of its file system where Linux has it.

    Elsewhere each file is synced on its own. A sync that fails (the disk filled while the
    kernel wrote the data back) raises OSError like a failed write.
    """
    if paths and _SYNCFS is not None:
        fd = os.open(root, os.O_RDONLY)
        try:
            if _SYNCFS(fd) != 0:
                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(root))
        finally:
            os.close(fd)
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _syncfs() -> Callable[[int], int] | None:
    """libc's syncfs(2) when the system has it (Linux), else None."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int
    return call


_SYNCFS = _syncfs()


def remove_temporaries(root: Path) -> int:
    """Remove the temporary files a killed run left anywhere in root; return how many.

    Links are not followed: only the folder's own tree is cleaned.
    """
    removed = 0
    for directory, _, files in os.walk(root):  # os.walk does not descend into links
        for name in files:
            if _TEMP.match(name):
                try:
                    os.unlink(os.path.join(directory, name))
                    removed += 1
                except FileNotFoundError:
                    pass
    return removed
