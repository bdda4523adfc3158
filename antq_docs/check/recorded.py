"""What the tool recorded of a checked folder: its manifest, read within a bound, and the
journal a killed run left, adopted as the next run adopts it.

A manifest is parsed whole, so its size is capped (MAX_MANIFEST_BYTES, or more for a folder of
more files) and only the entries of files the folder holds are kept: a small file of a million
empty entries costs no memory.
A run killed after putting documents in place but before saving its manifest leaves their
lines in the journal; the next `generate` adopts each whose bytes are what the journal says
(output.journal), and check reads the folder the same way, writing nothing.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from antq_docs.errors import InputError
from antq_docs.messages import check as msg
from antq_docs.messages import documents as output_msg
from antq_docs.output import JOURNAL, MANIFEST
from antq_docs.output.journal import _adopt as adopt_journalled
from antq_docs.output.layout import Layout
from antq_docs.output.manifest import Manifest

# About 60,000 documents as the tool writes them (~270 bytes an entry, parsed within ~50 MB):
# the most a folder sent to the web page can hold, and the least any folder is allowed.
MAX_MANIFEST_BYTES = 16 << 20
# A larger folder (a province's households' own pledges) is allowed this much per file it
# holds, four times what an entry takes: a manifest cannot name more files than it has.
MANIFEST_BYTES_PER_FILE = 1 << 10


def recorded(docs: Path, present: set[str]) -> dict[str, dict]:
    """The entries the tool recorded for the files present (paths in docs), journal adopted."""
    limit = max(MAX_MANIFEST_BYTES, MANIFEST_BYTES_PER_FILE * len(present))
    manifest = Manifest(docs)
    manifest.entries = _manifest_entries(docs, present, limit)
    # The journal lists the files of one run, one line each, entries like the manifest's.
    journal = _bounded(docs, JOURNAL, limit)
    if journal is not None:
        layout = Layout(docs)
        for line in journal.decode("utf-8", "replace").splitlines():
            adopt_journalled(line, manifest, layout)
    return manifest.entries


def _manifest_entries(docs: Path, present: set[str], limit: int) -> dict[str, dict]:
    """The manifest's entries of the files present; empty without a manifest."""
    text = _bounded(docs, MANIFEST, limit)
    if text is None:
        return {}

    def kept(pairs: list[tuple[str, Any]]) -> dict[str, Any] | None:
        # Each object as it is parsed: an entry of no file present is dropped at once.
        found = dict(pairs)
        if "documents" in found or found.get("path") in present:
            return found
        return None

    try:
        data = json.loads(text.decode("utf-8"), object_pairs_hook=kept)
        return {e["path"]: e for e in data["documents"] if e is not None}
    except (ValueError, KeyError, TypeError, RecursionError) as e:
        raise InputError(
            output_msg.MANIFEST_BROKEN.format(manifest=MANIFEST, error=type(e).__name__),
            path=docs,
        ) from e


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
        # Read one byte past the limit: a file that grew since fstat is still refused.
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(msg.OWN_FILE_TOO_LARGE.format(name=name, megabytes=limit >> 20), path=docs)
    return data
