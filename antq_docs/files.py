"""Read a file a user named (campaign, roster, results, a document to audit), safely.

A name may point at anything: a FIFO blocks the first read forever, /dev/zero never ends, a
symbolic link may lead out of the folder the user meant. So every input is read through
read_regular: a regular file only, never through a link, never a device, within a size cap
checked before reading, and checked again on what was actually opened (the name may be
swapped between the two).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from antq_docs.messages import files as msg

MISSING, DIRECTORY, SYMLINK, SPECIAL, TOO_LARGE, UNREADABLE = (
    "missing",
    "directory",
    "symlink",
    "special",
    "too_large",
    "unreadable",
)

_REASONS = {
    DIRECTORY: msg.IS_A_FOLDER,
    SYMLINK: msg.IS_A_LINK,
    SPECIAL: msg.NOT_A_REGULAR_FILE,
}


class Refusal(Exception):
    """Raised when a named file is not read: its kind, a Vietnamese reason, and its size.

    Callers turn it into their own error (InputError, UnreadableDocument) with wording that
    fits what the file was meant to be.
    """

    def __init__(self, kind: str, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.size = size


def kind_of(mode: int) -> str | None:
    """The refusal kind of a file mode (lstat), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return SYMLINK
    if stat.S_ISDIR(mode):
        return DIRECTORY
    return SPECIAL


def describe(mode: int) -> str | None:
    """Why a file of this mode (lstat) is not read, or None for a regular file."""
    kind = kind_of(mode)
    return _REASONS[kind] if kind else None


def _refuse_mode(mode: int) -> None:
    kind = kind_of(mode)
    if kind:
        raise Refusal(kind, _REASONS[kind])


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of a regular file of at most cap bytes; Refusal for anything else."""
    try:
        info = os.lstat(path)
    except FileNotFoundError as e:
        raise Refusal(MISSING, msg.UNREADABLE.format(strerror=e.strerror)) from e
    except OSError as e:
        raise Refusal(UNREADABLE, msg.UNREADABLE.format(strerror=e.strerror)) from e
    _refuse_mode(info.st_mode)
    if info.st_size > cap:
        raise Refusal(TOO_LARGE, msg.FILE_TOO_LARGE, info.st_size)
    # O_NONBLOCK: if a FIFO is swapped in after lstat, opening it must not wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise Refusal(UNREADABLE, msg.UNREADABLE.format(strerror=e.strerror)) from e
    try:
        opened = os.fstat(fd)
        _refuse_mode(opened.st_mode)
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            # Read as much as the file holds (a read of cap bytes would take cap bytes of
            # memory for a file of one line); one more byte tells whether it grew since.
            expected = min(opened.st_size, cap) + 1
            data = fh.read(expected)
            if len(data) == expected:
                data += fh.read(cap + 1 - len(data))
    except OSError as e:
        raise Refusal(UNREADABLE, msg.UNREADABLE.format(strerror=e.strerror)) from e
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > cap:
        # The file grew after lstat: its size is at least what was read.
        raise Refusal(TOO_LARGE, msg.FILE_TOO_LARGE, len(data))
    return data
