"""Writing a run's documents into the output folder: number them from the folder's register,
render each template compiled once (on several processes), and put every file in place in
order; a dry run says what would happen. `generate` and the year report both write through
write_documents.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from antq_docs.identity import TEMPLATE_KEY, Identity
from antq_docs.kinds import Document
from antq_docs.output import (
    LOCK_TIMEOUT_S,
    UNCHANGED,
    FileState,
    Outcome,
    OutputFolder,
    write_failed,
)
from antq_docs.render import CompiledTemplate, FileJob, Rendered, render_files, source_digest
from antq_docs.tplcheck import TemplateFile, TemplateSet, refuse_bad_templates
from antq_docs.workers import BATCH, workers_for

# Called with (documents settled, documents in all) as the run goes.
Progress = Callable[[int, int], None]


def write_documents(
    documents: list[Document],
    out: Path,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    numbering: dict[str, int] | None = None,
    templates: TemplateSet | None = None,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    jobs: int | None = None,
) -> list[Outcome]:
    """Number, render (each template compiled once) and put every document in the folder.

    Each document's template is the user's file of that name when the folder has one (checked
    first; one with errors stops the run before anything is written), else the built-in one;
    the manifest records which. Documents whose template and context are those they were last
    made from, and whose file nobody changed, are recognised without rendering; the others
    render on `jobs` processes (default: one per core) into temporary files that are put in
    place in order, a batch made durable at a time. A dry run renders nothing: it says what
    would happen from the folder as it is.
    """
    source_of = templates or TemplateSet()
    files = {name: source_of.find(name) for name in dict.fromkeys(d.template for d in documents)}
    refuse_bad_templates(list(files.values()))
    with OutputFolder(out, dry_run=dry_run, wait=wait, on_wait=on_wait) as folder:
        issuers = {d.number.issuer for d in documents if d.number is not None}
        if issuers:
            # Numbers are taken as documents are rendered: a register that cannot be used
            # stops the run here, before anything is written.
            folder.open_register(create=any(code in (numbering or {}) for code in issuers))
        run = _Writing(documents, folder, files, numbering or {}, force, dry_run, progress)
        rendered = render_files(run.planned(), workers_for(jobs, len(documents)))
        with contextlib.closing(rendered):
            run.place(rendered, out)
    return run.settled()


class _Writing:
    """One write_documents run in an open folder: each document settled (unchanged, predicted)
    on the way or rendered and put in place, in order, with the run's progress."""

    def __init__(
        self,
        documents: list[Document],
        folder: OutputFolder,
        files: dict[str, TemplateFile],
        numbering: dict[str, int],
        force: bool,
        dry_run: bool,
        progress: Progress | None,
    ) -> None:
        self.documents = documents
        self.folder = folder
        self.files = files
        self.numbering = numbering
        self.force = force
        self.dry_run = dry_run
        self.progress = progress
        self.compiled: dict[str, CompiledTemplate] = {}
        self.outcomes: list[Outcome | None] = [None] * len(documents)
        # The documents sent to render, in the order their results come back.
        self.todo: deque[tuple[int, Document, FileState, str]] = deque()
        self.done = 0

    def advance(self) -> None:
        """Count one more document settled and report it."""
        self.done += 1
        if self.progress:
            self.progress(self.done, len(self.documents))

    def planned(self) -> Iterator[FileJob]:
        """Each document that must be rendered, as a job; the others settled on the way."""
        folder = self.folder
        for index, doc in enumerate(self.documents):
            state = folder.state(doc.path) if self.dry_run else folder.prepare(doc.path)
            if self.dry_run and state.current is None:
                # Nothing there yet: the document would be new; no need to build it.
                self.outcomes[index] = folder.predict(state, force=self.force)
                self.advance()
                continue
            self.number(doc)
            template = self.compiled.get(doc.template)
            if template is None:
                template = CompiledTemplate(self.files[doc.template].path)
                self.compiled[doc.template] = template
            source = source_digest(template, doc.context)
            if folder.made_from(state, source):
                self.outcomes[index] = Outcome(doc.path, UNCHANGED)
            elif self.dry_run:
                self.outcomes[index] = folder.predict(state, force=self.force)
            else:
                self.todo.append((index, doc, state, source))
                temp = folder.temp_name(doc.path)
                yield FileJob(template, doc.context, state.target.parent, temp, state.current)
                doc.release()
                continue
            doc.release()
            self.advance()

    def number(self, doc: Document) -> None:
        """Give the document its number and the numbers of the documents it cites, from the
        folder's register."""
        if doc.number is not None:
            number = self.folder.number(
                doc.number.issuer,
                doc.number.year,
                doc.path,
                self.numbering.get(doc.number.issuer),
            )
            doc.context["so_ky_hieu"] = doc.number.format(number)
            mark = doc.context.get(TEMPLATE_KEY)
            if isinstance(mark, Identity) and number is not None:
                doc.context[TEMPLATE_KEY] = replace(mark, number=doc.number.format(number))
        for cited in doc.cites:
            slot = cited.slot
            found = self.folder.number(slot.issuer, slot.year, cited.path, None)
            doc.context[cited.key] = slot.format(found)

    def place(self, rendered: Iterator[Rendered], out: Path) -> None:
        """Put each rendered file in place as it comes back, a batch made durable at a time."""
        try:
            for count, result in enumerate(rendered, start=1):
                index, doc, state, source = self.todo.popleft()
                self.outcomes[index] = self.folder.place(
                    state,
                    result.sha256,
                    result.temp,
                    unit=doc.unit,
                    kind=doc.kind,
                    template=self.files[doc.template].label,
                    force=self.force,
                    source=source,
                )
                if count % BATCH == 0:
                    self.folder.commit()
                self.advance()
        except OSError as e:
            # The document whose bytes could not be written (not its temporary name).
            where = self.todo[0][2].target if self.todo else out
            raise write_failed(e, where) from e

    def settled(self) -> list[Outcome]:
        """Every document's outcome, in the order of the documents."""
        assert None not in self.outcomes  # every document was settled, in order
        return self.outcomes  # type: ignore[return-value]
