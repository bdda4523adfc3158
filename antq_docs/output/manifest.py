"""manifest.json: every document the tool wrote in a folder, with its SHA-256; and its sources.

A file whose bytes differ from what the manifest recorded was edited or signed by a person.
Beside it, SOURCES remembers what each document was made from, so a re-run with the same
inputs recognises an untouched document without rendering it again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import time
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from antq_docs.errors import OutputError
from antq_docs.limits import MAX_ENTRY_CHARS
from antq_docs.messages import documents as msg
from antq_docs.output.install import atomic_write, file_sha256
from antq_docs.output.layout import MANIFEST, SOURCES, FileState, own_file

# The format of a signed copy filed from a scan by intake (a PDF the `pdf` command made is "pdf").
SCAN = "scan"


def read_manifest(root: Path, present: Collection[str] | None = None) -> dict[str, dict]:
    """The manifest's documents of a folder by path; empty when the folder has no manifest.

    Read within own_file's bound and parsed one entry at a time: a small file of a million
    empty entries, or of a million strings, costs no memory. present (what `check` found in
    a folder sent to it) keeps only the entries of those files, and sets the bound by their
    number; without it (a run on its folder) every entry is kept.
    """
    root = Path(root)
    data = own_file(root, MANIFEST, present)
    if data is None:
        return {}
    try:
        entries = {}
        for entry in _entries(data.decode("utf-8")):
            path = entry.get("path")
            if isinstance(path, str) and (present is None or path in present):
                entries[path] = entry
        return entries
    except ValueError as e:
        # Not the tool's text, or not UTF-8 or JSON (whose parser's words are English): said
        # the same way.
        broken = msg.MANIFEST_BROKEN.format(manifest=MANIFEST, error=msg.MANIFEST_SHAPE)
        raise OutputError(broken, path=root) from e


# The manifest's shape, piece by piece: its start, one flat entry (strings, numbers, true,
# false, null: no object or list inside), what comes after an entry, its end.
_START = re.compile(r'\s*\{\s*"documents"\s*:\s*\[\s*')
_ENTRY = re.compile(r'\{(?:[^{}\[\]"\\]|"(?:[^"\\]|\\.)*")*\}')
_BETWEEN = re.compile(r"\s*([,\]])\s*")
_END = re.compile(r"\}\s*\Z")


def _entries(text: str) -> Iterator[dict[str, Any]]:
    """Each entry of a manifest's text, parsed one at a time.

    The manifest is what the tool writes: {"documents": [entries]}, each entry a flat object
    of at most MAX_ENTRY_CHARS. Anything else is refused (ValueError) before it is parsed, so
    no part of it (a list of millions of strings, an entry of millions of keys) is ever built.
    """
    start = _START.match(text)
    if start is None:
        raise ValueError(MANIFEST)
    position, closed = start.end(), text.startswith("]", start.end())
    position += closed
    while not closed:
        found = _ENTRY.match(text, position, position + MAX_ENTRY_CHARS)
        after = _BETWEEN.match(text, found.end()) if found else None
        if found is None or after is None:
            raise ValueError(MANIFEST)
        yield json.loads(found.group())
        position, closed = after.end(), after.group(1) == "]"
    if _END.match(text, position) is None:
        raise ValueError(MANIFEST)


def is_generated_pdf(root: Path, rel: str, entry: dict | None) -> bool:
    """Whether the manifest entry records rel as a generated PDF whose bytes are unchanged."""
    if entry is None or entry.get("format") != "pdf":
        return False
    path = Path(root) / rel
    try:
        return path.is_file() and file_sha256(path) == entry.get("sha256")
    except OSError:
        return False


class Manifest:
    """The manifest and sources of one folder, as a run reads, changes and saves them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: dict[str, dict] = {}
        self.sources: dict[str, str] = {}
        # Whether entries or sources changed since they were last saved.
        self.dirty = False

    def load(self, present: Collection[str] | None = None) -> None:
        """Read the folder's manifest and sources (none yet: empty); present as read_manifest."""
        self.entries = read_manifest(self.root, present)
        self.sources = self._load_sources()

    def _load_sources(self) -> dict[str, str]:
        """The sources remembered in the folder (unreadable: none, every document is rendered)."""
        try:
            # Read as the manifest is: bounded, a regular file only (a FIFO never blocks).
            text = own_file(self.root, SOURCES, self.entries)
            data = json.loads(text.decode("utf-8")) if text is not None else {}
        except (OutputError, ValueError):
            return {}  # a cache only: without it every document is rendered and compared
        return data if isinstance(data, dict) else {}

    def record(self, entry: dict, source: str | None = None) -> None:
        """Record a document's entry, and what it was made from when source is given."""
        self.entries[entry["path"]] = entry
        if source is not None:
            self.sources[entry["path"]] = source
        self.dirty = True

    def remember(self, rel: str, source: str) -> None:
        """Remember what a document in place was made from."""
        if self.sources.get(rel) != source:
            self.sources[rel] = source
            self.dirty = True

    def made_from(self, state: FileState, source: str) -> bool:
        """Tell whether the file was generated from this source and is still exactly as written."""
        entry = self.entries.get(state.rel)
        return (
            entry is not None
            and self.sources.get(state.rel) == source
            and state.current is not None
            and state.current == entry.get("sha256")
        )

    def edited(self, state: FileState) -> bool:
        """A file the manifest does not know, or whose bytes are not what was recorded."""
        entry = self.entries.get(state.rel)
        return entry is None or entry.get("sha256") != state.current

    def generated_pdf(self, rel: str) -> bool:
        """Whether rel is a PDF this tool made (recorded with format pdf) and still as written."""
        return is_generated_pdf(self.root, rel, self.entries.get(rel))

    def save(self) -> None:
        """Write the manifest and the sources, each atomically (sorted, as json.dumps would)."""
        # Written as it is encoded: the text of 150,000 entries is never whole in memory.
        documents = (self.entries[p] for p in sorted(self.entries))
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
        chunks = itertools.chain(
            ['{\n  "documents": ['],
            _joined(",", (encoder.encode(d).replace("\n", "\n    ") for d in documents), "\n    "),
            ["\n  ]\n}\n"],
        )
        atomic_write(self.root / MANIFEST, _encoded(chunks))
        sources = ((p, s) for p, s in sorted(self.sources.items()) if p in self.entries)
        chunks = itertools.chain(
            ["{"],
            _joined(",", (f"{json.dumps(p)}: {json.dumps(s)}" for p, s in sources), "\n"),
            ["\n}"],
        )
        atomic_write(self.root / SOURCES, _encoded(chunks))
        self.dirty = False


def entry(rel: str, digest: str, unit: str, kind: str, template: str) -> dict:
    """The manifest entry of a document written now."""
    return {
        "unit": unit,
        "kind": kind,
        "path": rel,
        "sha256": digest,
        "template": template,
        "generated_at": _now(),
    }


def scan_entry(rel: str, digest: str, unit: str, kind: str, provenance: dict) -> dict:
    """The manifest entry of a signed copy filed now from a scan, with where it came from.

    provenance holds flat values only (the scan's name and digest, its pages as "3-5", the
    method and the confidence): check reads entries as flat objects.
    """
    return {**entry(rel, digest, unit, kind, ""), **provenance, "format": SCAN}


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


_NOW: tuple[int, str] = (0, "")


def _now() -> str:
    """The time a document is written, to the second; one string per second, shared."""
    global _NOW
    second = int(time.time())
    if _NOW[0] != second:
        _NOW = (second, dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    return _NOW[1]
