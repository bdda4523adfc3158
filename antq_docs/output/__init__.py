"""The output folder: file layout, manifest.json, atomic writes and protection of edited files.

Layout: DIR/<kind>/<unit code>.docx, DIR/manifest.json. Only this package writes into DIR.
A file whose bytes differ from what the manifest recorded was edited or signed by a person;
it is kept unless the caller forces an overwrite. A lock file serialises runs on one folder.

One module per concern: layout.py (where files go, links refused), install.py (durable
writes, temporaries), manifest.py (what the tool wrote, and from what), journal.py (crash
safety: files about to take their place, adopted by the next run), folder.py (OutputFolder,
one run's hold on the folder). Callers import from here.
"""

from antq_docs.output.folder import (
    KEPT,
    LOCK_TIMEOUT_S,
    NEW,
    SIGNED,
    UNCHANGED,
    UPDATED,
    Outcome,
    OutputFolder,
)
from antq_docs.output.install import (
    atomic_write,
    file_sha256,
    folder_not_made,
    why_not_written,
    write_failed,
    write_new,
    write_temp,
)
from antq_docs.output.journal import recorded
from antq_docs.output.layout import (
    JOURNAL,
    LOCK,
    MANIFEST,
    REVIEW,
    SOURCES,
    FileState,
    document_path,
)
from antq_docs.output.manifest import SCAN, is_generated_pdf, read_manifest

__all__ = [
    "JOURNAL",
    "KEPT",
    "LOCK",
    "LOCK_TIMEOUT_S",
    "MANIFEST",
    "NEW",
    "REVIEW",
    "SCAN",
    "SIGNED",
    "SOURCES",
    "UNCHANGED",
    "UPDATED",
    "FileState",
    "Outcome",
    "OutputFolder",
    "atomic_write",
    "document_path",
    "file_sha256",
    "folder_not_made",
    "is_generated_pdf",
    "read_manifest",
    "recorded",
    "why_not_written",
    "write_failed",
    "write_new",
    "write_temp",
]
