"""OutputFolder: one run's hold on an output folder, and what becomes of each document.

The folder is locked for the run, cleaned of what a killed run left (journal.recover), then each
document is placed unless it is unchanged, edited by a person (kept) or stands signed as a PDF;
the manifest is saved at the end. Documents are made durable a batch at a time (one sync of
the file system per batch, not one per file) before the manifest records them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from antq_docs.errors import DiskFull, OutputError, is_disk_full
from antq_docs.messages import documents as msg
from antq_docs.output import journal
from antq_docs.output.install import (
    TEMP_SUFFIX,
    file_sha256,
    remove_temporaries,
    sync_folder,
    why_not_written,
    write_failed,
)
from antq_docs.output.layout import LOCK, MANIFEST, FileState, Layout
from antq_docs.output.manifest import Manifest, entry, scan_entry
from antq_docs.register import FILE as REGISTER_FILE
from antq_docs.register import Register

# How long a run waits for another run on the same folder to finish (generate --wait).
LOCK_TIMEOUT_S = 60

NEW = "new"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"
SIGNED = "signed"


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
        self._layout = Layout(self.root)
        self._manifest = Manifest(self.root)
        self._journal = journal.Journal(self.root)
        self._lock: FileLock | None = None
        self._register: Register | None = None
        self._pdfs: dict[Path, dict[str, str]] = {}
        self._predicted: dict[tuple[str, int], int] = {}
        # Files put in place since the last commit (made durable a batch at a time).
        self._unsynced: list[Path] = []
        self._run = secrets.token_hex(4)
        self._temps = 0
        # What opening the folder found after a killed run: files adopted, temporaries removed.
        self.recovered = 0
        self.cleaned = 0

    def __enter__(self) -> OutputFolder:
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(msg.OUT_NOT_A_FOLDER, path=self.root)
        if not self.dry_run:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                self._lock = FileLock(str(self.root / LOCK))
                self._acquire(self._lock)
            except Timeout as e:
                raise OutputError(
                    msg.OUT_LOCKED.format(wait=self.wait),
                    path=self.root,
                ) from e
            except OSError as e:
                if is_disk_full(e):
                    raise DiskFull(msg.WRITING_OUT_FOLDER, path=self.root) from e
                raise OutputError(
                    msg.OUT_NOT_CREATED.format(reason=why_not_written(e)), path=self.root
                ) from e
        try:
            self._manifest.load()
            if self.dry_run:
                # Read as the real run would find it, the journal adopted, nothing written.
                self.recovered = journal.adopt(self.root, self._manifest, self._layout) or 0
            else:
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
            if not self.dry_run and (self._manifest.dirty or self._journal.opened):
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
            self._manifest.save()
        except OSError as e:
            if failing:
                return
            if is_disk_full(e):
                raise DiskFull(MANIFEST, path=self.root) from e
            raise OutputError(
                msg.MANIFEST_NOT_SAVED.format(manifest=MANIFEST, reason=why_not_written(e)),
                path=self.root,
            ) from e
        self._journal.drop()

    def _release(self) -> None:
        """Close the journal and the register, and let other runs in."""
        try:
            self._journal.close()
            if self._register is not None:
                self._register.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def _recover(self) -> None:
        """Clean up after a killed run: remove its temporaries, adopt its journalled files."""
        try:
            self.cleaned = remove_temporaries(self.root)
            self.recovered = journal.recover(self.root, self._manifest, self._layout)
        except OSError as e:
            if is_disk_full(e):
                raise DiskFull(MANIFEST, path=self.root) from e
            raise OutputError(
                msg.OUT_NOT_RECOVERED.format(reason=why_not_written(e)),
                path=self.root,
            ) from e

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
            predicted = max(
                start, self._register.last(issuer, year) + 1, self._predicted.get(key, 0) + 1
            )
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

    def entries(self) -> list[dict]:
        """The manifest's documents."""
        return list(self._manifest.entries.values())

    def state(self, rel: str) -> FileState:
        """Where rel goes and the digest of what is there now (checked, never followed)."""
        return self._layout.state(rel)

    def guard(self, rel: str) -> Path:
        """The path of rel in DIR, refused (OutputError) when a link or a special file is on
        the way: called before anything is written there."""
        return self._layout.guard(rel)

    def prepare(self, rel: str) -> FileState:
        """rel's state, with its folder made (so a renderer can write a temporary beside it)."""
        return self._layout.prepare(rel)

    def made_from(self, state: FileState, source: str) -> bool:
        """Tell whether the file was generated from this source and is still exactly as written."""
        return self._manifest.made_from(state, source)

    def predict(self, state: FileState, *, force: bool = False) -> Outcome:
        """What a run would do to a document whose source changed, without rendering it."""
        if state.current is None:
            signed = not force and self.signed_copy(state.rel) is not None
            return Outcome(state.rel, SIGNED if signed else NEW)
        if not force and self._manifest.edited(state):
            return Outcome(state.rel, KEPT)
        return Outcome(state.rel, UPDATED)

    def temp_name(self, rel: str) -> str:
        """A fresh temporary file name in rel's folder for rel's new bytes."""
        self._temps += 1
        return f".{Path(rel).name}.{self._run}-{self._temps}{TEMP_SUFFIX}"

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
        source, a digest of what the document was made from, is remembered for later runs.
        """
        outcome = self._decide(state, digest, force)
        if outcome.status in (NEW, UPDATED) and not self.dry_run:
            assert temp is not None
            made = entry(state.rel, digest, unit, kind, template)
            self._install(state.target.parent / temp, state.target, made, source)
        elif temp is not None:
            (state.target.parent / temp).unlink(missing_ok=True)
        if outcome.status == UNCHANGED and self._manifest.edited(state) and not self.dry_run:
            # The file already holds exactly these bytes: it is ours from now on.
            self._manifest.record(entry(state.rel, digest, unit, kind, template))
        remember = source is not None and outcome.status not in (KEPT, SIGNED)
        if remember and not self.dry_run:
            assert source is not None
            self._manifest.remember(state.rel, source)
        return outcome

    def _install(self, produced: Path, target: Path, made: dict, source: str | None) -> None:
        """Journal a finished file, rename it into its place and record it (synced later).

        On failure the produced file is removed and the old one left as it was.
        """
        try:
            self._journal.append(made, source)
            os.replace(produced, target)
        except OSError as e:
            produced.unlink(missing_ok=True)
            raise write_failed(e, target) from e
        self._unsynced.append(target)
        self._manifest.record(made)

    def _decide(self, state: FileState, digest: str, force: bool) -> Outcome:
        """What becomes of a document with these bytes, given what its place holds now."""
        if state.current == digest:
            return Outcome(state.rel, UNCHANGED)
        return self.predict(state, force=force)

    def signed_copy(self, rel: str) -> str | None:
        """The signed PDF standing in for a document ('pledge/X1.pdf'), if there is one.

        Names compare ignoring case, as check does: scans arrive as 'kt-03.PDF' too.
        """
        folder = Path(rel).parent
        if folder not in self._pdfs:
            directory = self.root / folder
            try:
                names = os.listdir(directory) if directory.is_dir() else []
            except OSError as e:
                raise OutputError(
                    msg.NOT_READABLE.format(strerror=e.strerror), path=directory
                ) from e
            self._pdfs[folder] = {
                unicodedata.normalize("NFC", n).casefold(): n
                for n in names
                if n.lower().endswith(".pdf")
            }
        wanted = f"{Path(rel).stem}.pdf".casefold()
        name = self._pdfs[folder].get(wanted)
        if name is None or self.generated_pdf((folder / name).as_posix()):
            return None  # a PDF this tool made from the draft is not a signed copy
        return (folder / name).as_posix()

    def generated_pdf(self, rel: str) -> bool:
        """Whether rel is a PDF this tool made (recorded with format pdf) and still as written."""
        return self._manifest.generated_pdf(rel)

    def put_pdf(self, rel: str, produced: Path, *, unit: str, kind: str, template: str) -> Outcome:
        """Move a PDF made in a temporary file inside DIR to rel and record it as generated.

        Its manifest entry is its own (the unit and kind given) with "format": "pdf", journalled
        like a document's. A PDF a person put at rel (a signed scan, an edited copy) is kept
        and produced is left alone.
        """
        target = self._layout.guard(rel)
        if target.is_dir():
            raise OutputError(msg.FOLDER_IN_THE_WAY, path=target)
        exists = target.exists()
        if exists and not self.generated_pdf(rel):
            return Outcome(rel, KEPT)
        digest = file_sha256(produced)
        if not self.dry_run:
            made = {**entry(rel, digest, unit, kind, template), "format": "pdf"}
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise write_failed(e, target) from e
            self._install(produced, target, made, None)
            self._pdfs.pop(Path(rel).parent, None)
        return Outcome(rel, UPDATED if exists else NEW)

    def put_scan(
        self, rel: str, produced: Path, *, unit: str, kind: str, provenance: dict
    ) -> Outcome:
        """Move a signed copy made from a scan (a temporary file inside DIR) to rel and record
        it with its provenance, journalled like a document.

        Only nothing, or a PDF this tool made from the draft, is replaced: a signed copy already
        at rel is KEPT (produced is removed) and the caller reports the second scan.
        """
        target = self._layout.guard(rel)
        if target.is_dir():
            raise OutputError(msg.FOLDER_IN_THE_WAY, path=target)
        exists = target.exists()
        if (exists and not self.generated_pdf(rel)) or self.dry_run:
            produced.unlink(missing_ok=True)
            return Outcome(rel, KEPT if exists else NEW)
        made = scan_entry(rel, file_sha256(produced), unit, kind, provenance)
        self._install(produced, target, made, None)
        self._pdfs.pop(Path(rel).parent, None)
        return Outcome(rel, UPDATED if exists else NEW)

    def recorded(self, rel: str) -> dict | None:
        """What the manifest holds of rel, None when it holds nothing."""
        return self._manifest.entries.get(rel)
