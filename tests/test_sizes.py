"""Sizes a reader can hold: no module over 500 lines, no function over 60, where the rule holds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "antq_docs"
# The parts of the package already cut to size (sub-packages, or modules by file name); the
# rest joins as it is split.
KEPT_SMALL = [
    "output",
    "web",
    "inputs",
    "vi.py",
    "tplcheck",
    "check",
    "lint",
    "cli",
    "collect",
    "yearreport.py",
    "model",
]


def _files(part: str) -> list[Path]:
    """The modules of a part: a sub-package's every module, or the one module named."""
    path = PACKAGE / part
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


MODULES = sorted(p for part in KEPT_SMALL for p in _files(part))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_and_its_functions_are_short(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    functions = [
        node
        for node in ast.walk(ast.parse(text))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    lengths = {f.name: (f.end_lineno or f.lineno) - f.lineno + 1 for f in functions}
    long = [
        f"{name} ({lines} dòng)" for name, lines in lengths.items() if lines > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_name(path)}: {', '.join(long)}"


def test_the_parts_kept_small_are_found():
    for part in KEPT_SMALL:
        assert _files(part), part
