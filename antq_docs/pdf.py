"""PDF copies of the generated documents (LibreOffice) and the audit pack, hồ sơ (pypdf).

Conversion runs `soffice --headless --convert-to pdf` on lists of files: one process per job at
a time, each with its own profile folder (two soffice sharing a profile hand their files to
one another), kept warm from batch to batch so only the first batch pays for creating it. A
batch that fails or hangs is killed (its whole process group) and its unconverted files are
tried once more. Documents are copied under numbered names into a temporary folder inside DIR
first, so one batch can mix kinds whose files share a name (plan/KT-01, pledge/KT-01), and every
PDF lands in place by a rename on the same disk.

The hồ sơ of a unit (DIR/ho-so/<code>.pdf) joins its documents in the order of the
required-document matrix, one bookmark per document; a unit with subordinates also gets
DIR/ho-so/<code>-cap-duoi.pdf joining its direct subordinates' hồ sơ in roster order.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs.check import needs
from antq_docs.errors import DiskFull, PdfError
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import REGISTRY
from antq_docs.messages import documents as msg
from antq_docs.model import Unit
from antq_docs.office import Watchdog, new_profiles, short_of_space
from antq_docs.output import (
    KEPT,
    LOCK_TIMEOUT_S,
    NEW,
    SIGNED,
    UNCHANGED,
    UPDATED,
    Outcome,
    OutputFolder,
    document_path,
    write_failed,
)

Progress = Callable[[int, int], None]

# The Debian package that gives `soffice` without a desktop (named in the error message).
DEBIAN_PACKAGE = "libreoffice-writer-nogui"
PACKS = "ho-so"
# The temporary folders inside DIR where PDFs are made before they are renamed into place.
WORK_PREFIX = ".antq-pdf-"
# Files per soffice process: large enough that start-up (about 1.3 s) is a small share of a
# batch, small enough that a hung batch costs little to redo and jobs share the work evenly.
BATCH_MAX = 200
# A batch may take START_S plus PER_DOCUMENT_S for each of its files before it counts as hung.
START_S = 60.0
PER_DOCUMENT_S = 10.0


def find_soffice() -> str:
    """The LibreOffice program on PATH; PdfError naming the package to install when absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(msg.NO_LIBREOFFICE.format(package=DEBIAN_PACKAGE))


@dataclass
class PdfResult:
    """What a PDF run did: outcomes of the PDFs, and documents that could not be converted."""

    out: Path
    outcomes: list[Outcome] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many PDFs ended with a status."""
        return sum(1 for o in self.outcomes if o.status == status)

    def paths(self, status: str) -> list[str]:
        """The PDFs (or documents, for SIGNED) that ended with a status."""
        return [o.path for o in self.outcomes if o.status == status]

    def summary(self, shown_as: str | None = None) -> str:
        """One Vietnamese line for the end of the run; shown_as names the folder for a reader
        who must not see its path (the web page), else the path is written."""
        signed = msg.PDF_SIGNED.format(count=self.count(SIGNED)) if self.count(SIGNED) else ""
        kept = msg.PDF_KEPT.format(count=self.count(KEPT)) if self.count(KEPT) else ""
        failed = msg.PDF_FAILED.format(count=len(self.failed)) if self.failed else ""
        return msg.PDF_SUMMARY.format(
            made=self.count(NEW) + self.count(UPDATED),
            unchanged=self.count(UNCHANGED),
            signed=signed,
            kept=kept,
            failed=failed,
            out=self.out if shown_as is None else shown_as,
        )


@dataclass
class BundleResult:
    """The hồ sơ written, and the required documents their units lack (no PDF to join)."""

    pdf: PdfResult
    outcomes: list[Outcome] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def summary(self, shown_as: str | None = None) -> str:
        """One Vietnamese line for the end of the run; shown_as names the hồ sơ's folder for a
        reader who must not see its path (the web page), else the path is written."""
        lacking = msg.BUNDLE_LACKING.format(count=len(self.missing)) if self.missing else ""
        folder = self.pdf.out / PACKS if shown_as is None else shown_as
        return msg.BUNDLE_SUMMARY.format(count=len(self.outcomes), folder=folder, lacking=lacking)


@dataclass
class _Todo:
    """One document to convert: where it is, where its PDF goes, and its manifest data."""

    docx: str
    pdf: str
    unit: str
    kind: str
    template: str
    name: str = ""  # its numbered name in the temporary folder


def _pdf_path(docx: str) -> str:
    return f"{docx[: -len('.docx')]}.pdf"


def convert_folder(
    root: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    soffice: str | None = None,
    timeout: tuple[float, float] = (START_S, PER_DOCUMENT_S),
    batch_max: int = BATCH_MAX,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
) -> PdfResult:
    """Make a PDF beside every .docx the manifest of root lists, on `jobs` soffice at a time.

    A PDF newer than its .docx is not made again; a signed PDF (one the manifest does not
    record as generated) is never replaced. timeout is (start, per document) seconds of a batch.
    """
    program = soffice or find_soffice()
    root = Path(root)
    result = PdfResult(root)
    jobs = max(1, jobs or os.cpu_count() or 1)
    with OutputFolder(root, wait=wait, on_wait=on_wait) as folder:
        _sweep(root)
        todo = _plan(folder, result)
        if progress:
            progress(0, len(todo))
        if not todo:
            return result
        work = _work_folder(root)
        profiles = new_profiles()
        try:
            _copy_in(root, todo, work)
            with Watchdog() as watchdog:
                made = _Converter(program, work, profiles, jobs, timeout, watchdog).run(
                    [t.name for t in todo], batch_max, progress
                )
            if len(made) < len(todo) and short_of_space(work, profiles):
                # LibreOffice says nothing of why it failed: a full disk is told by the disk.
                raise DiskFull(msg.WRITING_PDF, path=root)
            for item in todo:
                produced = made.get(item.name)
                if produced is None:
                    result.failed.append(item.docx)
                    continue
                result.outcomes.append(
                    folder.put_pdf(
                        item.pdf, produced, unit=item.unit, kind=item.kind, template=item.template
                    )
                )
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(profiles, ignore_errors=True)
    return result


def _work_folder(root: Path) -> Path:
    """A new temporary folder inside root where PDFs are made and the hồ sơ joined."""
    try:
        return Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=root))
    except OSError as e:
        raise write_failed(e, root, msg.WRITING_PDF) from e


def _copy_in(root: Path, todo: list[_Todo], work: Path) -> None:
    """Copy the documents to convert under numbered names into the work folder."""
    try:
        for number, item in enumerate(todo):
            item.name = f"{number:06d}"
            shutil.copyfile(root / item.docx, work / f"{item.name}.docx")
    except OSError as e:
        raise write_failed(e, root, msg.WRITING_PDF) from e


def _sweep(root: Path) -> None:
    """Remove the temporary folders a killed run left (the folder's lock is ours: none is live)."""
    for stale in root.glob(f"{WORK_PREFIX}*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _plan(folder: OutputFolder, result: PdfResult) -> list[_Todo]:
    """The documents whose PDF is missing or older, noting those up to date or signed."""
    todo: list[_Todo] = []
    for entry in sorted(folder.entries(), key=lambda e: e["path"]):
        rel = entry["path"]
        if entry.get("format") == "pdf" or not rel.endswith(".docx"):
            continue
        docx = folder.root / rel
        if not docx.is_file():
            continue
        pdf = _pdf_path(rel)
        signed = folder.signed_copy(rel)
        if signed is not None:
            result.outcomes.append(Outcome(signed, SIGNED))
            continue
        target = folder.root / pdf
        if target.is_file() and target.stat().st_mtime_ns > docx.stat().st_mtime_ns:
            result.outcomes.append(Outcome(pdf, UNCHANGED))
            continue
        todo.append(_Todo(rel, pdf, entry["unit"], entry["kind"], entry.get("template", "")))
    return todo


class _Converter:
    """Batches of documents converted by `jobs` threads, each driving its own soffice."""

    def __init__(
        self,
        program: str,
        work: Path,
        profiles: Path,
        jobs: int,
        timeout: tuple[float, float],
        watchdog: Watchdog,
    ) -> None:
        self.watchdog = watchdog
        self.program = program
        self.work = work
        self.profiles = profiles
        self.jobs = jobs
        self.timeout = timeout
        self._live: set[subprocess.Popen] = set()
        self._guard = threading.Lock()
        self._stopped = False

    def run(self, names: list[str], batch_max: int, progress: Progress | None) -> dict[str, Path]:
        """Convert every numbered document; the PDFs made, by name."""
        count = max(self.jobs, -(-len(names) // batch_max))
        size = -(-len(names) // count)
        pending: queue.Queue = queue.Queue()
        batches = [names[i : i + size] for i in range(0, len(names), size)]
        for index, batch in enumerate(batches):
            pending.put((f"b{index}", batch, False))
        finished: queue.Queue = queue.Queue()
        open_batches = len(batches)
        threads = [
            threading.Thread(target=self._worker, args=(job, pending, finished), daemon=True)
            for job in range(min(self.jobs, len(batches)))
        ]
        made: dict[str, Path] = {}
        try:
            for thread in threads:
                thread.start()
            while open_batches:
                label, batch, retried, produced = finished.get()
                open_batches -= 1
                made.update(produced)
                left = [n for n in batch if n not in produced]
                if left and not retried:
                    pending.put((f"{label}r", left, True))
                    open_batches += 1
                if progress:
                    progress(len(made), len(names))
        finally:
            for _ in threads:
                pending.put(None)
            self._kill_all()
            for thread in threads:
                thread.join()
        return made

    def _worker(self, job: int, pending: queue.Queue, finished: queue.Queue) -> None:
        profile = (self.profiles / f"job{job}").as_uri()
        while True:
            task = pending.get()
            if task is None:
                return
            label, batch, retried = task
            finished.put((label, batch, retried, self._convert(profile, label, batch)))

    def _convert(self, profile: str, label: str, batch: list[str]) -> dict[str, Path]:
        """Run one soffice on a batch; the PDFs it finished (a hung one is killed first)."""
        outdir = self.work / label
        outdir.mkdir()
        command = [
            self.program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *(str(self.work / f"{name}.docx") for name in batch),
        ]
        limit = self.timeout[0] + self.timeout[1] * len(batch)
        with self._guard:
            if self._stopped:
                return {}  # the run is ending (an error, Ctrl+C): start nothing more
            try:
                # Its own process group: a hung soffice and its helpers die together.
                process = self.watchdog.start(command)
            except OSError:
                return {}
            self._live.add(process)
        try:
            process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            self.watchdog.kill(process)
        finally:
            self.watchdog.reaped(process)
            with self._guard:
                self._live.discard(process)
        return {name: outdir / f"{name}.pdf" for name in batch if _complete(outdir / f"{name}.pdf")}

    def _kill_all(self) -> None:
        with self._guard:
            self._stopped = True
            live = list(self._live)
        for process in live:
            self.watchdog.kill(process)


def _complete(path: Path) -> bool:
    """Whether a PDF was written to its end (a killed soffice can leave half a file)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            if fh.read(5) != b"%PDF-":
                return False
            fh.seek(max(0, size - 1024))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


def bundle(
    inputs: Inputs,
    root: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    soffice: str | None = None,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    scope: str | None = None,
) -> BundleResult:
    """Make the missing PDFs, then every unit's hồ sơ and its subordinates' hồ sơ in root/ho-so.

    A unit's hồ sơ joins, in the matrix's kind order, the signed PDF of each required document
    when there is one, else its generated PDF; documents without either are listed as missing.
    scope (a unit's code): the hồ sơ of that unit and its subtree only, as generate's scope.
    """
    converted = convert_folder(
        root, jobs=jobs, progress=progress, soffice=soffice, wait=wait, on_wait=on_wait
    )
    result = BundleResult(converted)
    root = Path(root)
    # The matrix's order (tai_lieu_bat_buoc as written), then built kinds it does not name.
    kinds = list(dict.fromkeys([*inputs.campaign.required, *REGISTRY]))
    with OutputFolder(root, wait=wait, on_wait=on_wait) as folder:
        work = _work_folder(root)
        try:
            own: dict[str, list[tuple[str, Path]]] = {}
            for unit in (units := _units_in(inputs, scope)):
                parts, lacking = _unit_parts(inputs, folder, kinds, unit)
                if not parts:
                    continue  # nothing of this unit in the folder: no hồ sơ (check says why)
                result.missing += lacking
                own[unit.code] = parts
                made = work / f"{unit.code}.pdf"
                _join([(None, parts)], made)
                result.outcomes.append(
                    folder.put_pdf(
                        f"{PACKS}/{unit.code}.pdf", made, unit=unit.code, kind=PACKS, template=""
                    )
                )
            for unit in units:
                below = [c for c in unit.children if c.code in own]
                if not below:
                    continue
                made = work / f"{unit.code}-cap-duoi.pdf"
                _join([(f"{c.name} ({c.code})", own[c.code]) for c in below], made)
                result.outcomes.append(
                    folder.put_pdf(
                        f"{PACKS}/{unit.code}-cap-duoi.pdf",
                        made,
                        unit=unit.code,
                        kind=PACKS,
                        template="",
                    )
                )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return result


def _units_in(inputs: Inputs, scope: str | None) -> list[Unit]:
    """Every unit of the run's rosters, or of scope's subtree when a unit is chosen."""
    if scope is None:
        return inputs.units()
    wanted = set(inputs.subtree(scope))
    return [u for u in inputs.units() if u.code in wanted]


def _unit_parts(
    inputs: Inputs, folder: OutputFolder, kinds: list[str], unit: Unit
) -> tuple[list[tuple[str, Path]], list[str]]:
    """A unit's documents to join, (bookmark, PDF) in the matrix's order, and those lacking."""
    parts: list[tuple[str, Path]] = []
    missing: list[str] = []
    for kind in kinds:
        roster_unit = inputs.roster_for(kind).get(unit.code)
        if roster_unit is None or not needs(inputs.campaign, kind, roster_unit):
            continue
        docx = document_path(kind, unit.code)
        signed = folder.signed_copy(docx)
        pdf = signed or _pdf_path(docx)
        if signed or ((folder.root / pdf).is_file() and not _stale(folder.root, docx)):
            label = REGISTRY[kind].label if kind in REGISTRY else kind
            label = label[:1].upper() + label[1:]
            parts.append((label, folder.root / pdf))
        else:
            missing.append(docx)
    return parts, missing


def _stale(root: Path, docx: str) -> bool:
    """Whether a generated PDF was made from an older draft (that did not convert since)."""
    if not (root / docx).is_file():
        return False  # a PDF whose draft is gone stands on its own
    return (root / _pdf_path(docx)).stat().st_mtime_ns <= (root / docx).stat().st_mtime_ns


def _join(groups: list[tuple[str | None, list[tuple[str, Path]]]], target: Path) -> None:
    """Write one PDF of groups of (bookmark, file); a titled group nests its bookmarks."""
    # Imported here: only the audit pack needs pypdf.
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter()
    for title, parts in groups:
        starts = []
        for _label, path in parts:
            starts.append(len(writer.pages))
            try:
                for page in PdfReader(path).pages:
                    writer.add_page(page)
            except (PdfReadError, OSError, ValueError) as e:
                raise PdfError(msg.PDF_UNREADABLE.format(path=path, error=e)) from e
        # Pages first: a bookmark points at a page the writer already has.
        parent = writer.add_outline_item(title=title, page_number=starts[0]) if title else None
        for (label, _path), start in zip(parts, starts):
            writer.add_outline_item(title=label, page_number=start, parent=parent)
    try:
        with target.open("wb") as fh:
            writer.write(fh)
    except OSError as e:
        target.unlink(missing_ok=True)
        raise write_failed(e, target.parent.parent, msg.WRITING_BUNDLE) from e
