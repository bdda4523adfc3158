"""The names a template uses, held against the variables its kind provides (sample values).

The template's Jinja syntax tree is walked with the sample context of its kind: a loop binds
its variable to the list's first element, so `{{ dong.ten }}` inside `{% for dong in ds %}` is
checked against the fields of the table's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import nodes

from antq_docs.messages import templates as msg
from antq_docs.tplcheck.findings import strip_xml
from antq_docs.vi import closest

# Names Jinja itself provides inside a template.
_JINJA_NAMES = frozenset(
    {
        "loop",
        "range",
        "dict",
        "lipsum",
        "cycler",
        "joiner",
        "namespace",
        "true",
        "false",
        "none",
        "True",
        "False",
        "None",
    }
)


class NameWalker:
    """Walks a template's syntax tree: every name and attribute it uses must be provided.

    Names found are added to `used`; a missing one is reported once, with the text of its line,
    through `report(message, text)`.
    """

    def __init__(
        self,
        provided: dict[str, Any],
        used: set[str],
        what: str,
        report: Callable[[str, str], None],
        lines: list[str],
    ) -> None:
        self.provided = provided
        self.used = used
        self.what = what
        self.report = report
        self.lines = lines
        self.reported: set[str] = set()

    def line_text(self, node: nodes.Node) -> str:
        """The words of the template line a node stands on."""
        index = (getattr(node, "lineno", 1) or 1) - 1
        return strip_xml(self.lines[index]) if index < len(self.lines) else ""

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        """Check every name under a node; scope holds the names the template binds itself."""
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            element = self.resolve(node.iter, scope)
            inner = dict(scope)
            single = isinstance(node.target, nodes.Name)
            for target in _names(node.target):
                inner[target] = (
                    element[0] if single and isinstance(element, list) and element else _UNKNOWN
                )
            inner["loop"] = _UNKNOWN
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for target in _names(node.target):
                scope[target] = _UNKNOWN
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for arg in getattr(node, "args", []):
                inner[arg.name] = _UNKNOWN
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.resolve(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """The sample value an expression stands for, _UNKNOWN when it cannot be told."""
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return _UNKNOWN
            if node.name in scope:
                return scope[node.name]
            if node.name in self.provided:
                self.used.add(node.name)
                return self.provided[node.name]
            if node.name not in _JINJA_NAMES:
                self.missing(node.name, list(self.provided), node)
            return _UNKNOWN
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.visit(node.arg, scope)
            base = self.resolve(node.node, scope)
            key = (
                node.attr
                if isinstance(node, nodes.Getattr)
                else node.arg.value
                if isinstance(node.arg, nodes.Const)
                else None
            )
            if base is _UNKNOWN or key is None:
                return _UNKNOWN
            if isinstance(base, dict):
                if key in base:
                    return base[key]
                self.missing(
                    f"{_dotted(node.node)}.{key}", [f"{_dotted(node.node)}.{k}" for k in base], node
                )
                return _UNKNOWN
            if isinstance(key, int) and isinstance(base, list):
                return base[0] if base else _UNKNOWN
            if isinstance(key, str) and not hasattr(base, key):
                self.missing(f"{_dotted(node.node)}.{key}", [], node)
            return _UNKNOWN
        self.visit(node, scope)
        return _UNKNOWN

    def missing(self, name: str, known: list[str], node: nodes.Node) -> None:
        """Report a name the kind does not provide, once, with the closest it does."""
        if name in self.reported:
            return
        self.reported.add(name)
        close = closest(name, known)
        hint = msg.DID_YOU_MEAN.format(close=close) if close else ""
        self.report(
            msg.UNKNOWN_VARIABLE.format(name=name, what=self.what, hint=hint), self.line_text(node)
        )


class _Unknown:
    """A value the check cannot follow (a loop over pairs, a variable set in the template)."""


_UNKNOWN: Any = _Unknown()


def _names(target: nodes.Node) -> list[str]:
    """The names a for or set target binds (one name, or a tuple of them)."""
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"
