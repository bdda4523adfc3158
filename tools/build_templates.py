"""Rebuild every template in templates/ from its builder in tools/templates/.

    python -m tools.build_templates [OUTDIR]

Each module in tools/templates/ (except the shared helpers, HELPERS) has build() → {file name:
Document}. The build is byte-stable: the same builders always write the same bytes (fixed zip
member times and order, fixed core properties), so a rebuild changes a template only where its
builder changed, and tests/rendering/test_templates_built.py can compare templates/*.docx with
what the builders make.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import pkgutil
import sys
import zipfile
from pathlib import Path

import tools.templates as package

ROOT = Path(__file__).resolve().parent.parent
# Every member of every template carries this time, and the core properties this date.
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
CORE_DATE = dt.datetime(2025, 1, 1, 0, 0, 0)
# The modules of tools/templates/ that the builders share, which build no template themselves.
HELPERS = frozenset({"docxbuild", "yearend"})


def templates() -> dict[str, object]:
    """Every built-in template by file name, freshly built (python-docx Documents)."""
    built: dict[str, object] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name in HELPERS:
            continue
        module = importlib.import_module(f"tools.templates.{info.name}")
        built.update(module.build())
    return built


def stable_bytes(document) -> bytes:
    """A document's .docx bytes that depend on its content only."""
    props = document.core_properties
    props.created = CORE_DATE
    props.modified = CORE_DATE
    props.revision = 1
    props.last_modified_by = ""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            member = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            zf.writestr(member, source.read(item.filename))
    return out.getvalue()


def build_all(out: Path) -> list[Path]:
    """Write every template into out and return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in templates().items():
        path = out / name
        path.write_bytes(stable_bytes(document))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"
    for path in build_all(target):
        print(path.relative_to(target.parent) if path.is_relative_to(target.parent) else path)
