"""The map of the package: its layers, which only look down, and no import cycle.

Every import of every module (at the top, inside a function or for type checking only) is read
with ast and held against LAYERS, the one place where the order of the house is written. A new
module is placed on the map before it can be imported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "antq_docs"

# The layers, from the ground up. A module may import its own layer and those below it, never
# one above. A name is a module (antq_docs/NAME.py) or a sub-package (antq_docs/NAME/).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "ground: errors, messages, words, files, bundled data, processes, the chart, limits, office",
        frozenset(
            {
                "__init__",
                "errors",
                "messages",
                "vi",
                "files",
                "resources",
                "xlsx",
                "workers",
                "chart",
                "limits",
                "office",
            }
        ),
    ),
    (
        "the domain model and the low readers and registers",
        frozenset({"model", "docxread", "register", "identity"}),
    ),
    ("the output folder", frozenset({"output"})),
    (
        "reading the inputs (tables, roster, results, households, campaign, loading)",
        frozenset({"inputs"}),
    ),
    (
        "what is measured and named from the inputs",
        frozenset({"measures", "indicators", "placenames", "lint"}),
    ),
    ("the kinds of document and their registry", frozenset({"kinds"})),
    (
        "rendering, checking, filing scans and the folders of the commands",
        frozenset(
            {
                "render",
                "render_docxtpl",
                "qrmark",
                "qrmatrix",
                "sandbox",
                "check",
                "tplcheck",
                "starter",
                "starter_data",
                "collect",
                "intake",
            }
        ),
    ),
    ("generation, its writing and its PDF copies", frozenset({"generate", "writing", "pdf"})),
    ("the year report, measured with check and written by generate", frozenset({"yearreport"})),
    (
        "the faces: the command line and the web page",
        frozenset({"cli", "clivi", "web", "__main__"}),
    ),
)

# Libraries that `import antq_docs.check` must leave alone: the renderer's and the chart's.
HEAVY = ("docxtpl", "jinja2", "matplotlib")


def module_name(path: Path) -> str:
    """'antq_docs.kinds.base' for antq_docs/kinds/base.py; a package by its own name."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> set[str]:
    """The package's modules a file imports, wherever the import stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from antq_docs.kinds import common` imports the module kinds.common.
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports."""
    found = modules()
    known = set(found)
    return {name: imports(path, known) for name, path in found.items()}


def place(module: str) -> str:
    """The map's name for a module: its top-level module or sub-package under antq_docs."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(module: str) -> int:
    """The index of the module's layer in LAYERS."""
    name = place(module)
    for index, (_, members) in enumerate(LAYERS):
        if name in members:
            return index
    raise AssertionError(f"{module} is on no layer of LAYERS: place it on the map")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of a graph, each as the modules of one strongly connected group."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in edges.get(node, ()):
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read():
    """The reader sees the imports the package is known to make, of each form."""
    edges = graph()
    assert "antq_docs.render" in edges["antq_docs.writing"]
    assert "antq_docs.kinds.common" in edges["antq_docs.kinds.plan"]  # from package import mod
    assert "antq_docs.kinds" in edges["antq_docs.check"]  # from package import NAME
    assert "antq_docs.web" in edges["antq_docs.cli"]  # an import inside a function


def test_the_cycle_finder_finds_a_cycle():
    """A loop of three and a module importing itself are cycles; a chain is not."""
    loop = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert cycles(loop) == [["a", "b", "c"], ["d"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_every_module_is_on_the_map():
    """A module on no layer fails here, so the map stays whole."""
    for module in modules():
        layer(module)


def test_no_import_cycle():
    """No module imports, through others, one that imports it."""
    assert cycles(graph()) == []


def test_no_import_runs_up():
    """Every import goes to the module's own layer or one below it."""
    upward = [
        f"{module} ({LAYERS[layer(module)][0]}) → {target} ({LAYERS[layer(target)][0]})"
        for module, targets in sorted(graph().items())
        for target in sorted(targets)
        if layer(target) > layer(module)
    ]
    assert upward == []


def test_the_web_is_imported_by_nothing_in_the_library():
    """Only the command line (`serve`) reaches the web package."""
    users = {
        module
        for module, targets in graph().items()
        if place(module) != "web" and any(place(t) == "web" for t in targets)
    }
    assert users == {"antq_docs.cli"}


def test_model_inputs_and_indicators_know_no_kind():
    """The kinds are passed down to these layers, never imported by them."""
    edges = graph()
    below = [m for m in edges if place(m) in {"model", "inputs", "measures", "indicators"}]
    assert below
    for module in below:
        assert not any(place(t) == "kinds" for t in edges[module]), module


def test_checking_a_folder_imports_neither_the_renderer_nor_the_chart():
    """`import antq_docs.check` leaves docxtpl, jinja2 and matplotlib unloaded."""
    code = (
        "import sys, antq_docs.check; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    ).stdout.strip()
    assert out == "[]"
    # The same probe sees them once the renderer is imported, so it can fail.
    code = code.replace("antq_docs.check", "antq_docs.generate")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    ).stdout.strip()
    assert out == "['docxtpl', 'jinja2']"
