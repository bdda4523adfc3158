"""Rebuild every template in templates/ from its builder in tools/templates/.

    python -m tools.build_templates [OUTDIR]

Each module in tools/templates/ (except docxbuild) has build() → {file name: Document}.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import tools.templates as package

ROOT = Path(__file__).resolve().parent.parent


def build_all(out: Path) -> list[Path]:
    """Write every template into out and return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name == "docxbuild":
            continue
        module = importlib.import_module(f"tools.templates.{info.name}")
        for name, document in module.build().items():
            document.save(out / name)
            written.append(out / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"
    for path in build_all(target):
        print(path.relative_to(target.parent) if path.is_relative_to(target.parent) else path)
