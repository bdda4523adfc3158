"""Sizes a reader can hold: no module over 500 lines, no function over 60.

Every module of the package is held to it, and so are the template builders and other tools
(tools/) and the benchmarks (benchmarks/).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The folders whose every module is measured.
PARTS = ("antq_docs", "tools", "benchmarks")
MODULES = sorted(p for part in PARTS for p in (ROOT / part).rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def too_long(text: str) -> list[str]:
    """The functions (methods, nested ones) of a module's text over MAX_FUNCTION_LINES,
    counted from the def line to the last line of the body."""
    functions = [
        node
        for node in ast.walk(ast.parse(text))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    lengths = {f.name: (f.end_lineno or f.lineno) - f.lineno + 1 for f in functions}
    return [
        f"{name} ({lines} dòng)" for name, lines in lengths.items() if lines > MAX_FUNCTION_LINES
    ]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_and_its_functions_are_short(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = too_long(text)
    assert not long, f"{_name(path)}: {', '.join(long)}"


def test_every_part_is_measured():
    """Each folder has modules here, the package's sub-packages included."""
    for part in PARTS:
        assert any(p.is_relative_to(ROOT / part) for p in MODULES), part
    assert ROOT / "antq_docs" / "kinds" / "report.py" in MODULES
    assert ROOT / "tools" / "templates" / "docxbuild.py" in MODULES


def test_a_long_function_is_found():
    """The counter sees a function one line over the limit, nested or not, and not one at it."""
    at_limit = "def f():\n" + "    x = 1\n" * (MAX_FUNCTION_LINES - 1)
    over = "class C:\n    def g(self):\n" + "        x = 1\n" * MAX_FUNCTION_LINES
    assert too_long(at_limit) == []
    assert too_long(over) == [f"g ({MAX_FUNCTION_LINES + 1} dòng)"]
