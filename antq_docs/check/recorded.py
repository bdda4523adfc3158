"""What the tool recorded of a checked folder: its manifest, read within a bound, and the
journal a killed run left, adopted as the next run adopts it.

A manifest's size is capped (MAX_MANIFEST_BYTES of limits.py, or more for a folder of more
files) and it is parsed one entry at a time, keeping only the entries of files the folder holds:
a small file of a million empty entries, or of a million strings, costs no memory.
A run killed after putting documents in place but before saving its manifest leaves their
lines in the journal; the next `generate` adopts each whose bytes are what the journal says
(output.journal), and check reads the folder the same way, writing nothing: the journal read
within the same bound, and only its lines as long as an entry (a folder sent to check may hold
anything), handed to output.journal.adopt_lines.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from antq_docs.errors import InputError
from antq_docs.limits import MANIFEST_BYTES_PER_FILE, MAX_ENTRY_CHARS, MAX_MANIFEST_BYTES
from antq_docs.messages import check as msg
from antq_docs.messages import documents as output_msg
from antq_docs.output import JOURNAL, MANIFEST
from antq_docs.output.journal import adopt_lines
from antq_docs.output.layout import Layout
from antq_docs.output.manifest import Manifest

# The manifest's shape, piece by piece: its start, one flat entry (strings, numbers, true,
# false, null: no object or list inside), what comes after an entry, its end.
_START = re.compile(r'\s*\{\s*"documents"\s*:\s*\[\s*')
_ENTRY = re.compile(r'\{(?:[^{}\[\]"\\]|"(?:[^"\\]|\\.)*")*\}')
_BETWEEN = re.compile(r"\s*([,\]])\s*")
_END = re.compile(r"\}\s*\Z")


def recorded(docs: Path, present: set[str]) -> dict[str, dict]:
    """The entries the tool recorded for the files present (paths in docs), journal adopted."""
    limit = max(MAX_MANIFEST_BYTES, MANIFEST_BYTES_PER_FILE * len(present))
    manifest = Manifest(docs)
    manifest.entries = _manifest_entries(docs, present, limit)
    # The journal lists the files of one run, one line each, entries like the manifest's.
    journal = _bounded(docs, JOURNAL, limit)
    if journal is not None:
        adopt_lines(_short_lines(journal), manifest, Layout(docs))
    return manifest.entries


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


def _manifest_entries(docs: Path, present: set[str], limit: int) -> dict[str, dict]:
    """The manifest's entries of the files present; empty without a manifest."""
    data = _bounded(docs, MANIFEST, limit)
    if data is None:
        return {}
    try:
        text = data.decode("utf-8")
        entries = {}
        for entry in _entries(text):
            path = entry.get("path")
            if isinstance(path, str) and path in present:
                entries[path] = entry
        return entries
    except ValueError as e:
        # Not the tool's text, or not UTF-8 or JSON (whose parser's words are English): said
        # the same way.
        broken = output_msg.MANIFEST_BROKEN.format(manifest=MANIFEST, error=msg.MANIFEST_SHAPE)
        raise InputError(broken, path=docs) from e


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


def _bounded(docs: Path, name: str, limit: int) -> bytes | None:
    """The bytes of one of the tool's files in docs (None: absent); refused past limit bytes
    or when it is not a regular file (a FIFO would block, a link may point anywhere)."""
    path = docs / name
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except FileNotFoundError:
        return None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(msg.OWN_FILE_NOT_REGULAR.format(name=name), path=docs) from e
        raise InputError(
            msg.OWN_FILE_UNREADABLE.format(name=name, why=e.strerror), path=docs
        ) from e
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(msg.OWN_FILE_NOT_REGULAR.format(name=name), path=docs)
        if info.st_size > limit:
            raise InputError(
                msg.OWN_FILE_TOO_LARGE.format(name=name, megabytes=limit >> 20), path=docs
            )
        # As large as it is (a buffer of the limit would cost it whole), one byte more to see
        # if it grew since; then up to one byte past the limit, so growing is no way past it.
        data = fh.read(min(limit, info.st_size) + 1)
        if len(data) > info.st_size:
            data += fh.read(limit + 1 - len(data))
    if len(data) > limit:
        raise InputError(msg.OWN_FILE_TOO_LARGE.format(name=name, megabytes=limit >> 20), path=docs)
    return data
