"""The number register of an output folder (DIR/register.sqlite): document numbers per series.

Nghị định 30 numbers an issuer's documents from 01 each year. The register gives each document
a number once and keeps it: the same document gets the same number on every re-run, a number is
never given to another document (even if its file is deleted), and overlapping runs are safe
because every assignment happens inside one SQLite write transaction. Only the output layer
(output.py) opens it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from antq_docs.errors import DiskFull, OutputError
from antq_docs.files import describe
from antq_docs.messages import documents as msg

FILE = "register.sqlite"
# The register and the files SQLite keeps beside it while writing.
_SQLITE_FILES = ("", "-journal", "-wal", "-shm")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS numbers (
    issuer TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    document TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (issuer, year, number),
    UNIQUE (issuer, year, document)
)
"""


class Register:
    """Numbers of one output folder, read and assigned through SQLite transactions."""

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        self.path = Path(folder) / FILE
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None

    def open(self) -> None:
        """Open (or create) the register now, so a register that cannot be used stops a run
        before any document is written."""
        self._connect()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            if not self._refuse_unless_regular() and self.read_only:
                return None
            try:
                uri = f"file:{self.path}?mode=ro" if self.read_only else f"file:{self.path}"
                self._db = sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None)
                if not self.read_only:
                    self._db.execute(_SCHEMA)
            except sqlite3.Error as e:
                if getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                    raise DiskFull(msg.WRITING_REGISTER, path=self.path) from e
                raise OutputError(
                    msg.REGISTER_UNOPENABLE.format(reason=_why(e)), path=self.path
                ) from e
        return self._db

    def _refuse_unless_regular(self) -> bool:
        """Whether the register exists; OutputError if it, or a journal of it, is not a file.

        SQLite would follow a link (writing numbers wherever it points, outside the output
        folder) and would block on a FIFO, so such a register is refused before it is opened.
        """
        exists = False
        for suffix in _SQLITE_FILES:
            path = self.path.with_name(self.path.name + suffix)
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            except OSError as e:
                raise OutputError(
                    msg.REGISTER_UNREADABLE.format(strerror=e.strerror), path=path
                ) from e
            reason = describe(mode)
            if reason:
                raise OutputError(
                    msg.REGISTER_NOT_A_FILE.format(reason=reason),
                    path=path,
                )
            exists = exists or not suffix
        return exists

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def lookup(self, issuer: str, year: int, document: str) -> int | None:
        """The number already given to a document, if any."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT number FROM numbers WHERE issuer = ? AND year = ? AND document = ?",
                (issuer, year, document),
            ).fetchone()
        except sqlite3.Error as e:
            raise OutputError(msg.REGISTER_BROKEN.format(error=e), path=self.path) from e
        return row[0] if row else None

    def last(self, issuer: str, year: int) -> int:
        """The highest number given in a series so far (0 for a new series)."""
        db = self._connect()
        if db is None:
            return 0
        try:
            (value,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) FROM numbers WHERE issuer = ? AND year = ?",
                (issuer, year),
            ).fetchone()
        except sqlite3.Error as e:
            raise OutputError(msg.REGISTER_BROKEN.format(error=e), path=self.path) from e
        return value

    def number(self, issuer: str, year: int, document: str, start: int = 1) -> int:
        """The document's number: its old one, else the next of the series (at least start)."""
        db = self._connect()
        assert db is not None and not self.read_only
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    "SELECT number FROM numbers WHERE issuer = ? AND year = ? AND document = ?",
                    (issuer, year, document),
                ).fetchone()
                if row:
                    db.execute("COMMIT")
                    return row[0]
                (last,) = db.execute(
                    "SELECT COALESCE(MAX(number), 0) FROM numbers WHERE issuer = ? AND year = ?",
                    (issuer, year),
                ).fetchone()
                value = max(start, last + 1)
                db.execute(
                    "INSERT INTO numbers VALUES (?, ?, ?, ?, ?)",
                    (
                        issuer,
                        year,
                        value,
                        document,
                        dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    ),
                )
                db.execute("COMMIT")
                return value
            except BaseException:
                # SQLite may have rolled back itself (a full disk): a second ROLLBACK would
                # fail with "no transaction is active" and hide why.
                if db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise self._write_failed(e) from e

    def _write_failed(self, error: sqlite3.Error) -> OutputError:
        """A failed write of the register: DiskFull for a full disk, else what SQLite said."""
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return DiskFull(msg.WRITING_REGISTER, path=self.path)
        return OutputError(msg.REGISTER_NOT_WRITTEN.format(reason=_why(error)), path=self.path)


def _why(error: sqlite3.Error) -> str:
    """SQLite's error, a failing disk told in Vietnamese (the register stays whole)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_IOERR:
        return msg.REGISTER_DISK_ERROR
    return str(error)
