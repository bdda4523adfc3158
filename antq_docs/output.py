"""The output folder: file layout, manifest.json, atomic writes and protection of edited files.

Layout: DIR/<kind>/<unit code>.docx, DIR/manifest.json. Only this module writes into DIR.
A file whose bytes differ from what the manifest recorded was edited or signed by a person;
it is kept unless the caller forces an overwrite. A lock file serialises runs on one folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import tempfile
import unicodedata
from collections.abc import Callable
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
# How long a run waits for another run on the same folder to finish (generate --wait).
LOCK_TIMEOUT_S = 60

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


def file_mode() -> int:
    """The mode open() gives a new file under the process's umask (0644 under 022)."""
    try:
        # Linux says the umask without changing it (no window for another thread).
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside path, then rename it over path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; colleagues sharing the folder must read what a run wrote.
        if hasattr(os, "fchmod"):
            os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(root: Path) -> dict[str, dict]:
    """The manifest's documents of a folder by path; empty when the folder has no manifest."""
    path = Path(root) / MANIFEST
    if not path.exists():
        return {}
    if not stat.S_ISREG(os.lstat(path).st_mode):
        # A FIFO would block the read for ever; a link may point anywhere.
        raise OutputError(f"{MANIFEST} không phải tệp thường (liên kết, ống dẫn…); hãy xóa "
                          "rồi chạy lại.", path=root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
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
                raise OutputError(f"không tạo được thư mục ({e.strerror}).", path=self.root) from e
        self._entries = self._load()
        self._sources = self._load_sources()
        return self

    def _acquire(self, lock: FileLock) -> None:
        """Take the lock at once, or say that another run holds it and wait for it."""
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if self.on_wait is not None:
                self.on_wait(self.wait)
            lock.acquire(timeout=self.wait)

    def __exit__(self, *exc: object) -> None:
        try:
            if self._dirty and not self.dry_run:
                self._save()
        finally:
            if self._register is not None:
                self._register.close()
            if self._lock is not None:
                self._lock.release()

    def number(self, issuer: str, year: int, document: str, start: int | None) -> int | None:
        """A document's number from the folder's register.

        A number once given stays with its document, whether or not this run numbers the
        issuer (start None). A dry run takes nothing from the register: it predicts.
        """
        if self._register is None:
            if start is None and not (self.root / REGISTER_FILE).exists():
                return None
            self._register = Register(self.root, read_only=self.dry_run)
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
        documents = [self._entries[p] for p in sorted(self._entries)]
        text = json.dumps({"documents": documents}, ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.root / MANIFEST, text.encode("utf-8"))
        sources = {p: s for p, s in sorted(self._sources.items()) if p in self._entries}
        atomic_write(self.root / SOURCES, json.dumps(sources, indent=0).encode("utf-8"))

    def entries(self) -> list[dict]:
        """The manifest's documents."""
        return list(self._entries.values())

    def made_from(self, rel: str, source: str) -> bool:
        """Tell whether rel was generated from this source and is still exactly as written."""
        entry = self._entries.get(rel)
        target = self._guard(rel)
        return (
            entry is not None
            and self._sources.get(rel) == source
            and target.is_file()
            and file_sha256(target) == entry.get("sha256")
        )

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
        outcome = self._put(rel, data, unit=unit, kind=kind, template=template, force=force)
        remember = source is not None and outcome.status not in (KEPT, SIGNED)
        remember = remember and not self.dry_run
        if remember and self._sources.get(rel) != source:
            self._sources[rel] = source
            self._dirty = True
        return outcome

    def _put(
        self, rel: str, data: bytes, *, unit: str, kind: str, template: str, force: bool
    ) -> Outcome:
        target = self._guard(rel)
        digest = sha256(data)
        entry = self._entries.get(rel)
        if target.exists():
            if target.is_dir():
                raise OutputError("đã có một thư mục trùng tên tệp cần ghi.", path=target)
            current = file_sha256(target)
            if current == digest:
                if entry is None or entry.get("sha256") != digest:
                    self._record(rel, digest, unit, kind, template)
                return Outcome(rel, UNCHANGED)
            edited = entry is None or entry.get("sha256") != current
            if edited and not force:
                return Outcome(rel, KEPT)
            status = UPDATED
        elif not force and self.signed_copy(rel) is not None:
            # The draft was replaced by its signed scan: never put a fresh draft beside it.
            return Outcome(rel, SIGNED)
        else:
            status = NEW
        if not self.dry_run:
            try:
                atomic_write(target, data)
            except OSError as e:
                raise OutputError(f"không ghi được ({e.strerror}).", path=target) from e
            self._record(rel, digest, unit, kind, template)
        return Outcome(rel, status)

    def _guard(self, rel: str) -> Path:
        """The path of rel in DIR, refusing a symlink on the way out of DIR or a special file.

        A kind folder linked elsewhere would have the run write (and read) outside --out; a
        link or a FIFO in a document's place would be read through, or block the run.
        """
        target = self.root / rel
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

    def _record(self, rel: str, digest: str, unit: str, kind: str, template: str) -> None:
        self._entries[rel] = {
            "unit": unit,
            "kind": kind,
            "path": rel,
            "sha256": digest,
            "template": template,
            "generated_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        self._dirty = True

    def generated_pdf(self, rel: str) -> bool:
        """Whether rel is a PDF this tool made (recorded with format pdf) and still as written."""
        return is_generated_pdf(self.root, rel, self._entries.get(rel))

    def put_pdf(self, rel: str, produced: Path, *, unit: str, kind: str, template: str) -> Outcome:
        """Move a PDF made in a temporary file inside DIR to rel and record it as generated.

        Its manifest entry is its own (the unit and kind given) with "format": "pdf". A PDF a
        person put at rel (a signed scan, an edited copy) is kept and produced is left alone.
        """
        target = self._guard(rel)
        if target.is_dir():
            raise OutputError("đã có một thư mục trùng tên tệp cần ghi.", path=target)
        exists = target.exists()
        if exists and not self.generated_pdf(rel):
            return Outcome(rel, KEPT)
        digest = file_sha256(produced)
        if not self.dry_run:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with produced.open("rb+") as fh:
                    os.fsync(fh.fileno())
                os.chmod(produced, file_mode())
                os.replace(produced, target)
            except OSError as e:
                raise OutputError(f"không ghi được ({e.strerror}).", path=target) from e
            self._record(rel, digest, unit, kind, template)
            self._entries[rel]["format"] = "pdf"
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
