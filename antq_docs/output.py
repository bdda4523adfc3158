"""The output folder: file layout, manifest.json, atomic writes and protection of edited files.

Layout: DIR/<kind>/<unit code>.docx, DIR/manifest.json. Only this module writes into DIR.
A file whose bytes differ from what the manifest recorded was edited or signed by a person;
it is kept unless the caller forces an overwrite. A lock file serialises runs on one folder.

Crash safety: before a document takes its place, a line naming it and its SHA-256 is appended
to a journal; the manifest is saved (atomically) at the end of the run and the journal removed.
A run that finds a journal (the last one was killed, or the disk filled while the manifest was
saved) first adopts every journalled file whose bytes are what the journal says, and removes
the temporary files a killed run left; so a re-run never takes the tool's own output for a
person's edit. Documents are made durable a batch at a time (one sync of the file system per
batch, not one per file) before the manifest records them.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import hashlib
import itertools
import json
import os
import re
import secrets
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from antq_docs.errors import OutputError
from antq_docs.register import FILE as REGISTER_FILE
from antq_docs.register import Register

MANIFEST = "manifest.json"
LOCK = ".antq-docs.lock"
# What each document was made from (template and context digest), so a re-run with the same
# inputs recognises an untouched document without rendering it again.
SOURCES = ".antq-docs-sources.json"
# Files the run is about to put in place, one JSON line each (see the module docstring).
JOURNAL = ".antq-docs-journal"
# How long a run waits for another run on the same folder to finish (generate --wait).
LOCK_TIMEOUT_S = 60
# Temporary files: ours end in .antq-tmp; older versions left '.X.docx.ab12cd_9.tmp'.
TEMP_SUFFIX = ".antq-tmp"
_TEMP = re.compile(r"^\..+(\.antq-tmp|\.[a-z0-9_]{8}\.tmp)$")

NEW = "new"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"
SIGNED = "signed"


def document_path(kind: str, code: str, suffix: str = ".docx") -> str:
    """Where a unit's document of a kind lives in DIR: '<kind>/<code>.docx' (a contract)."""
    return f"{kind}/{code}{suffix}"


def sha256(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def why_not_written(error: OSError) -> str:
    """A failed write told in Vietnamese, the disk-full and permission cases by name."""
    reasons = {
        errno.ENOSPC: "ổ đĩa đã đầy, hãy giải phóng dung lượng",
        errno.EDQUOT: "đã hết hạn mức dung lượng của người dùng trên ổ đĩa",
        errno.EFBIG: "tệp vượt giới hạn kích thước mà hệ thống cho phép",
        errno.EACCES: "không có quyền ghi vào thư mục này",
        errno.EPERM: "không có quyền ghi vào thư mục này",
        errno.EROFS: "ổ đĩa chỉ cho đọc, không cho ghi",
    }
    return reasons.get(error.errno, error.strerror or str(error))


def _joined(separator: str, items: Iterable[str], prefix: str) -> Iterator[str]:
    """Items each after prefix, separated: what json.dumps(indent=…) writes between them."""
    first = True
    for item in items:
        yield (prefix if first else separator + prefix) + item
        first = False


def _encoded(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """UTF-8 bytes of text chunks, in pieces of about `size` characters."""
    buffer: list[str] = []
    length = 0
    for chunk in chunks:
        buffer.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    yield "".join(buffer).encode("utf-8")


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
                view = view[os.write(fd, view):]
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


def _own_file(root: Path, name: str) -> bytes | None:
    """The bytes of one of the tool's own files in root, None when it is not there.

    Anything but a regular file is refused: a FIFO would block the read for ever, a link may
    point anywhere.
    """
    path = root / name
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        raise OutputError(f"{name} không phải tệp thường (liên kết, ống dẫn…); hãy xóa rồi "
                          "chạy lại.", path=root)
    return path.read_bytes()


def read_manifest(root: Path) -> dict[str, dict]:
    """The manifest's documents of a folder by path; empty when the folder has no manifest."""
    text = _own_file(Path(root), MANIFEST)
    if text is None:
        return {}
    try:
        data = json.loads(text.decode("utf-8"))
        return {entry["path"]: entry for entry in data["documents"]}
    except (ValueError, KeyError, TypeError) as e:
        raise OutputError(
            f"{MANIFEST} hỏng ({e}); hãy sửa hoặc xóa tệp này rồi chạy lại.", path=root
        ) from e


@dataclass(frozen=True)
class Outcome:
    """What happened (or would happen) to one document."""

    path: str
    status: str


@dataclass(frozen=True)
class FileState:
    """A document's place in the folder before the run writes it: where, and what is there."""

    rel: str
    target: Path
    # SHA-256 of the file now at target, None when there is none.
    current: str | None


class OutputFolder:
    """An output folder opened for one run: locked, with its manifest loaded."""

    def __init__(
        self,
        root: Path,
        *,
        dry_run: bool = False,
        wait: float = LOCK_TIMEOUT_S,
        on_wait: Callable[[float], None] | None = None,
    ) -> None:
        """Open root for one run; when another run holds it, call on_wait and wait `wait` s."""
        self.root = Path(root)
        self.dry_run = dry_run
        self.wait = wait
        self.on_wait = on_wait
        self._entries: dict[str, dict] = {}
        self._lock: FileLock | None = None
        self._dirty = False
        self._register: Register | None = None
        self._sources: dict[str, str] = {}
        self._pdfs: dict[Path, dict[str, str]] = {}
        self._predicted: dict[tuple[str, int], int] = {}
        self._journal: int | None = None
        # Files put in place since the last commit (made durable a batch at a time).
        self._unsynced: list[Path] = []
        # Folders already checked to lie inside root (a run checks each once).
        self._inside: set[Path] = set()
        self._run = secrets.token_hex(4)
        self._temps = 0
        # What opening the folder found after a killed run: files adopted, temporaries removed.
        self.recovered = 0
        self.cleaned = 0

    def __enter__(self) -> OutputFolder:
        if self.root.exists() and not self.root.is_dir():
            raise OutputError("không phải thư mục.", path=self.root)
        if not self.dry_run:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                self._lock = FileLock(str(self.root / LOCK))
                self._acquire(self._lock)
            except Timeout as e:
                raise OutputError(
                    f"thư mục đang được một lần chạy khác sử dụng; đã chờ {self.wait:g} giây mà "
                    "lần chạy đó chưa xong. Chờ nó xong rồi chạy lại (hoặc dùng --wait để chờ "
                    "lâu hơn).",
                    path=self.root,
                ) from e
            except OSError as e:
                raise OutputError(f"không tạo được thư mục ({why_not_written(e)}).",
                                  path=self.root) from e
        try:
            self._entries = self._load()
            self._sources = self._load_sources()
            if not self.dry_run:
                self._recover()
        except BaseException:
            self._release()
            raise
        return self

    def _acquire(self, lock: FileLock) -> None:
        """Take the lock at once, or say that another run holds it and wait for it."""
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if self.on_wait is not None:
                self.on_wait(self.wait)
            lock.acquire(timeout=self.wait)

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        try:
            if not self.dry_run and exc is not None and self._temps:
                # A run stopped half-way leaves no half-made file behind.
                with contextlib.suppress(OSError):
                    remove_temporaries(self.root)
            if not self.dry_run and (self._dirty or self._journal is not None):
                self._finish(failing=exc is not None)
        finally:
            self._release()

    def _finish(self, *, failing: bool) -> None:
        """Make the run's files durable, save the manifest, then drop the journal.

        When the save fails the old manifest is intact and the journal stays, so the next run
        adopts what this one wrote. An error already on its way is the one reported.
        """
        try:
            self.commit()
            self._save()
        except OSError as e:
            if failing:
                return
            raise OutputError(
                f"không lưu được {MANIFEST} ({why_not_written(e)}). Tệp {MANIFEST} cũ còn "
                "nguyên; các văn bản đã ghi được ghi nhận lại ở lần chạy sau.",
                path=self.root,
            ) from e
        self._drop_journal()

    def _release(self) -> None:
        """Close the journal and the register, and let other runs in."""
        try:
            if self._journal is not None:
                os.close(self._journal)
                self._journal = None
            if self._register is not None:
                self._register.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def _recover(self) -> None:
        """Clean up after a killed run: remove its temporaries, adopt its journalled files."""
        try:
            self.cleaned = remove_temporaries(self.root)
            journal = _own_file(self.root, JOURNAL)
            if journal is None:
                return
            for line in journal.decode("utf-8", "replace").splitlines():
                self._adopt(line)
            self._dirty = True
            self._save()
            (self.root / JOURNAL).unlink()
        except OSError as e:
            raise OutputError(f"không dọn được phần dở dang của lần chạy trước "
                              f"({why_not_written(e)}).", path=self.root) from e

    def _adopt(self, line: str) -> None:
        """Record a journalled file in the manifest when its bytes are what the journal says."""
        try:
            entry = json.loads(line)
            rel, digest = entry["path"], entry["sha256"]
            fields = {k: entry[k] for k in ("unit", "kind", "template", "generated_at")}
        except (ValueError, KeyError, TypeError):
            return  # the line a kill cut short: its file was never put in place
        try:
            target = self._guard(rel)
        except OutputError:
            return
        if target.is_file() and file_sha256(target) == digest:
            self._entries[rel] = {**fields, "path": rel, "sha256": digest}
            if entry.get("format") == "pdf":
                self._entries[rel]["format"] = "pdf"
            if isinstance(entry.get("source"), str):
                self._sources[rel] = entry["source"]
            self.recovered += 1

    def _write_journal(self, entry: dict, source: str | None) -> None:
        """Append a file about to be put in place to the journal (before it is renamed)."""
        if self._journal is None:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            self._journal = os.open(self.root / JOURNAL, flags, 0o666)
        line = json.dumps({**entry, "source": source}, ensure_ascii=False) + "\n"
        os.write(self._journal, line.encode("utf-8"))

    def _drop_journal(self) -> None:
        """Remove the journal once the manifest holds everything it named."""
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
            (self.root / JOURNAL).unlink(missing_ok=True)

    def commit(self) -> None:
        """Make the files put in place since the last commit durable (one sync per batch)."""
        if self._unsynced:
            sync_folder(self.root, self._unsynced)
            self._unsynced.clear()

    def number(self, issuer: str, year: int, document: str, start: int | None) -> int | None:
        """A document's number from the folder's register.

        A number once given stays with its document, whether or not this run numbers the
        issuer (start None). A dry run takes nothing from the register: it predicts.
        """
        if self._register is None:
            if not self.open_register(create=start is not None):
                return None
            assert self._register is not None
        existing = self._register.lookup(issuer, year, document)
        if existing is not None or start is None:
            return existing
        if self.dry_run:
            key = (issuer, year)
            predicted = max(start, self._register.last(issuer, year) + 1,
                            self._predicted.get(key, 0) + 1)
            self._predicted[key] = predicted
            return predicted
        return self._register.number(issuer, year, document, start)

    def open_register(self, *, create: bool) -> bool:
        """Open the folder's number register (made when create); False when there is none."""
        if self._register is None:
            if not create and not os.path.lexists(self.root / REGISTER_FILE):
                return False
            self._register = Register(self.root, read_only=self.dry_run)
            self._register.open()
        return True

    def _load(self) -> dict[str, dict]:
        return read_manifest(self.root)

    def _load_sources(self) -> dict[str, str]:
        path = self.root / SOURCES
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # a cache only: without it every document is rendered and compared
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        # Written as it is encoded: the text of 150,000 entries is never whole in memory.
        documents = (self._entries[p] for p in sorted(self._entries))
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
        chunks = itertools.chain(
            ['{\n  "documents": ['],
            _joined(",", (encoder.encode(d).replace("\n", "\n    ") for d in documents),
                    "\n    "),
            ["\n  ]\n}\n"],
        )
        atomic_write(self.root / MANIFEST, _encoded(chunks))
        sources = ((p, s) for p, s in sorted(self._sources.items()) if p in self._entries)
        chunks = itertools.chain(
            ["{"], _joined(",", (f"{json.dumps(p)}: {json.dumps(s)}" for p, s in sources), "\n"),
            ["\n}"],
        )
        atomic_write(self.root / SOURCES, _encoded(chunks))
        self._dirty = False

    def entries(self) -> list[dict]:
        """The manifest's documents."""
        return list(self._entries.values())

    def state(self, rel: str) -> FileState:
        """Where rel goes and the digest of what is there now (checked, never followed)."""
        target = self._guard(rel)
        try:
            current = file_sha256(target)
        except FileNotFoundError:
            current = None  # the usual case of a first run: one system call, not two
        except IsADirectoryError:
            raise OutputError("đã có một thư mục trùng tên tệp cần ghi.", path=target) from None
        except OSError as e:
            raise OutputError(f"không đọc được ({e.strerror}).", path=target) from e
        return FileState(rel, target, current)

    def made_from(self, state: FileState, source: str) -> bool:
        """Tell whether the file was generated from this source and is still exactly as written."""
        entry = self._entries.get(state.rel)
        return (
            entry is not None
            and self._sources.get(state.rel) == source
            and state.current is not None
            and state.current == entry.get("sha256")
        )

    def predict(self, state: FileState, *, force: bool = False) -> Outcome:
        """What a run would do to a document whose source changed, without rendering it."""
        if state.current is None:
            signed = not force and self.signed_copy(state.rel) is not None
            return Outcome(state.rel, SIGNED if signed else NEW)
        if not force and self._edited(state):
            return Outcome(state.rel, KEPT)
        return Outcome(state.rel, UPDATED)

    def _edited(self, state: FileState) -> bool:
        """A file the manifest does not know, or whose bytes are not what was recorded."""
        entry = self._entries.get(state.rel)
        return entry is None or entry.get("sha256") != state.current

    def temp_name(self, rel: str) -> str:
        """A fresh temporary file name in rel's folder for rel's new bytes."""
        self._temps += 1
        return f".{Path(rel).name}.{self._run}-{self._temps}{TEMP_SUFFIX}"

    def prepare(self, rel: str) -> FileState:
        """rel's state, with its folder made (so a renderer can write a temporary beside it)."""
        folder = (self.root / rel).parent
        if folder not in self._inside:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise OutputError(f"không tạo được thư mục ({why_not_written(e)}).",
                                  path=folder) from e
        return self.state(rel)

    def put(
        self,
        rel: str,
        data: bytes,
        *,
        unit: str,
        kind: str,
        template: str,
        force: bool = False,
        source: str | None = None,
    ) -> Outcome:
        """Write one document unless it is unchanged or was edited by a person (without force).

        source, a digest of what the document was made from, is remembered for later runs.
        """
        state = self.prepare(rel)
        digest = sha256(data)
        temp = None
        if not self.dry_run and digest != state.current:
            temp = self.temp_name(rel)
            try:
                write_temp(state.target.parent, temp, data)
            except OSError as e:
                raise OutputError(f"không ghi được ({why_not_written(e)}).",
                                  path=state.target) from e
        return self.place(state, digest, temp, unit=unit, kind=kind, template=template,
                          force=force, source=source)

    def place(
        self,
        state: FileState,
        digest: str,
        temp: str | None,
        *,
        unit: str,
        kind: str,
        template: str,
        force: bool = False,
        source: str | None = None,
    ) -> Outcome:
        """Put a rendered document (its bytes already in temp, beside it) in its place.

        Unless it equals what is there, or a person edited the file (without force), or its
        signed PDF stands in its place: then temp is removed and the file left alone.
        """
        outcome = self._decide(state, digest, force)
        if outcome.status in (NEW, UPDATED) and not self.dry_run:
            assert temp is not None
            entry = self._entry(state.rel, digest, unit, kind, template)
            self._install(state.target.parent / temp, state.target, entry, source)
        elif temp is not None:
            (state.target.parent / temp).unlink(missing_ok=True)
        if outcome.status == UNCHANGED and self._edited(state) and not self.dry_run:
            # The file already holds exactly these bytes: it is ours from now on.
            self._entries[state.rel] = self._entry(state.rel, digest, unit, kind, template)
            self._dirty = True
        remember = source is not None and outcome.status not in (KEPT, SIGNED)
        if remember and not self.dry_run and self._sources.get(state.rel) != source:
            self._sources[state.rel] = source
            self._dirty = True
        return outcome

    def _install(self, produced: Path, target: Path, entry: dict, source: str | None) -> None:
        """Journal a finished file, rename it into its place and record it (synced later).

        On failure the produced file is removed and the old one left as it was.
        """
        try:
            self._write_journal(entry, source)
            os.replace(produced, target)
        except OSError as e:
            produced.unlink(missing_ok=True)
            raise OutputError(f"không ghi được ({why_not_written(e)}).", path=target) from e
        self._unsynced.append(target)
        self._entries[entry["path"]] = entry
        self._dirty = True

    def _decide(self, state: FileState, digest: str, force: bool) -> Outcome:
        """What becomes of a document with these bytes, given what its place holds now."""
        if state.current == digest:
            return Outcome(state.rel, UNCHANGED)
        return self.predict(state, force=force)

    def _guard(self, rel: str) -> Path:
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
                raise OutputError(f"không xác định được đường dẫn ({e}).", path=target) from e
            if parent != inside and inside not in parent.parents:
                raise OutputError(
                    "thư mục chứa văn bản là liên kết tượng trưng (symlink) ra ngoài thư mục "
                    "đầu ra; không ghi qua đó. Hãy xóa liên kết rồi chạy lại.",
                    path=target.parent,
                )
            # Checked once per folder: one made later by this run is a real folder, not a link.
            self._inside.add(target.parent)
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            return target
        except OSError as e:
            raise OutputError(f"không đọc được ({e.strerror}).", path=target) from e
        if stat.S_ISLNK(mode):
            raise OutputError(
                "là liên kết tượng trưng (symlink); không ghi qua đó. Hãy xóa liên kết rồi "
                "chạy lại.",
                path=target,
            )
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise OutputError("không phải tệp thường (ống dẫn, thiết bị…); không ghi đè.",
                              path=target)
        return target

    def signed_copy(self, rel: str) -> str | None:
        """The signed PDF standing in for a document ('pledge/X1.pdf'), if there is one.

        Names compare ignoring case, as check does: scans arrive as 'kt-03.PDF' too.
        """
        folder = Path(rel).parent
        if folder not in self._pdfs:
            directory = self.root / folder
            names = os.listdir(directory) if directory.is_dir() else []
            self._pdfs[folder] = {
                unicodedata.normalize("NFC", n).casefold(): n
                for n in names if n.lower().endswith(".pdf")
            }
        wanted = f"{Path(rel).stem}.pdf".casefold()
        name = self._pdfs[folder].get(wanted)
        if name is None or self.generated_pdf((folder / name).as_posix()):
            return None  # a PDF this tool made from the draft is not a signed copy
        return (folder / name).as_posix()

    def _entry(self, rel: str, digest: str, unit: str, kind: str, template: str) -> dict:
        """The manifest entry of a document written now."""
        return {
            "unit": unit,
            "kind": kind,
            "path": rel,
            "sha256": digest,
            "template": template,
            "generated_at": _now(),
        }

    def generated_pdf(self, rel: str) -> bool:
        """Whether rel is a PDF this tool made (recorded with format pdf) and still as written."""
        return is_generated_pdf(self.root, rel, self._entries.get(rel))

    def put_pdf(self, rel: str, produced: Path, *, unit: str, kind: str, template: str) -> Outcome:
        """Move a PDF made in a temporary file inside DIR to rel and record it as generated.

        Its manifest entry is its own (the unit and kind given) with "format": "pdf", journalled
        like a document's. A PDF a person put at rel (a signed scan, an edited copy) is kept
        and produced is left alone.
        """
        target = self._guard(rel)
        if target.is_dir():
            raise OutputError("đã có một thư mục trùng tên tệp cần ghi.", path=target)
        exists = target.exists()
        if exists and not self.generated_pdf(rel):
            return Outcome(rel, KEPT)
        digest = file_sha256(produced)
        if not self.dry_run:
            entry = {**self._entry(rel, digest, unit, kind, template), "format": "pdf"}
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise OutputError(f"không ghi được ({why_not_written(e)}).", path=target) from e
            self._install(produced, target, entry, None)
            self._pdfs.pop(Path(rel).parent, None)
        return Outcome(rel, UPDATED if exists else NEW)


def is_generated_pdf(root: Path, rel: str, entry: dict | None) -> bool:
    """Whether the manifest entry records rel as a generated PDF whose bytes are unchanged."""
    if entry is None or entry.get("format") != "pdf":
        return False
    path = Path(root) / rel
    try:
        return path.is_file() and file_sha256(path) == entry.get("sha256")
    except OSError:
        return False


_NOW: tuple[int, str] = (0, "")


def _now() -> str:
    """The time a document is written, to the second; one string per second, shared."""
    global _NOW
    second = int(time.time())
    if _NOW[0] != second:
        _NOW = (second, dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    return _NOW[1]
