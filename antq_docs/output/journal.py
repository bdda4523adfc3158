"""The journal: files a run is about to put in place, so a killed run's work is not lost.

Before a document takes its place, a line naming it and its SHA-256 is appended to JOURNAL;
the manifest is saved (atomically) at the end of the run and the journal removed. A run that
finds a journal (the last one was killed, or the disk filled while the manifest was saved)
first adopts every journalled file whose bytes are what the journal says; so a re-run never
takes the tool's own output for a person's edit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator
from pathlib import Path

from antq_docs.errors import OutputError
from antq_docs.limits import MAX_ENTRY_CHARS
from antq_docs.output.install import file_sha256
from antq_docs.output.layout import JOURNAL, Layout, own_file
from antq_docs.output.manifest import Manifest, read_manifest


class Journal:
    """The journal of one run, opened at its first line and removed once the manifest is saved."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fd: int | None = None

    @property
    def opened(self) -> bool:
        """Whether this run has journalled a file the manifest does not hold yet."""
        return self._fd is not None

    def append(self, entry: dict, source: str | None) -> None:
        """Append a file about to be put in place to the journal (before it is renamed)."""
        if self._fd is None:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            self._fd = os.open(self.root / JOURNAL, flags, 0o666)
        line = json.dumps({**entry, "source": source}, ensure_ascii=False) + "\n"
        os.write(self._fd, line.encode("utf-8"))

    def drop(self) -> None:
        """Remove the journal once the manifest holds everything it named."""
        if self._fd is not None:
            self.close()
            (self.root / JOURNAL).unlink(missing_ok=True)

    def close(self) -> None:
        """Close the journal, leaving it for the next run to adopt."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def adopt(
    root: Path, manifest: Manifest, layout: Layout, present: Collection[str] | None = None
) -> int | None:
    """Record in the manifest, in memory only, the files a killed run journalled and put in
    place; how many (None when there is no journal).

    What a re-run does first, and what a dry run and `check` read the folder with, so that a
    killed run's own files are never taken for a person's edits. The journal is read within
    the manifest's bound (present as read_manifest), and only its lines as long as an entry.
    """
    journal = own_file(root, JOURNAL, present)
    if journal is None:
        return None
    return sum(_adopt(line, manifest, layout) for line in _short_lines(journal))


def _short_lines(data: bytes) -> Iterator[str]:
    """The journal's lines, each of at most MAX_ENTRY_CHARS bytes (one entry and its source):
    a longer one is no line the tool wrote, and is neither decoded nor parsed (a million
    strings on one line would cost a dozen times its size)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start <= MAX_ENTRY_CHARS:
            yield data[start:end].decode("utf-8", "replace")
        start = end + 1


def recorded(root: Path, present: Collection[str]) -> dict[str, dict]:
    """What the tool recorded of the files present in a folder it is not running on (`check`):
    the manifest's entries, a killed run's journal adopted as a re-run adopts it; nothing
    written."""
    manifest = Manifest(root)
    # The entries only: what documents were made from is a re-run's cache, never read here.
    manifest.entries = read_manifest(root, present)
    adopt(root, manifest, Layout(root), present)
    return manifest.entries


def recover(root: Path, manifest: Manifest, layout: Layout) -> int:
    """Adopt the files a killed run journalled, save the manifest, remove the journal.

    Returns how many files were adopted (0 when there is no journal).
    """
    adopted = adopt(root, manifest, layout)
    if adopted is None:
        return 0
    manifest.dirty = True
    manifest.save()
    (root / JOURNAL).unlink()
    return adopted


def _adopt(line: str, manifest: Manifest, layout: Layout) -> bool:
    """Record a journalled file in the manifest when its bytes are what the journal says."""
    try:
        entry = json.loads(line)
        rel, digest = entry["path"], entry["sha256"]
        fields = {k: entry[k] for k in ("unit", "kind", "template", "generated_at")}
    except (ValueError, KeyError, TypeError):
        return False  # the line a kill cut short: its file was never put in place
    try:
        target = layout.guard(rel)
    except OutputError:
        return False
    if not (target.is_file() and file_sha256(target) == digest):
        return False
    adopted = {**fields, "path": rel, "sha256": digest}
    # A generated PDF's format, and a filed scan's format and provenance: flat values only.
    adopted.update(
        (k, v)
        for k, v in entry.items()
        if k not in adopted and k != "source" and isinstance(v, str | int | float)
    )
    source = entry.get("source")
    manifest.record(adopted, source if isinstance(source, str) else None)
    return True
