"""What the program says to a person lives in the message modules, whole and well formed.

(a) No module outside the message modules hands a Vietnamese string literal (or f-string) to a
Finding, to a table's `finding`, to an error of `errors.py`, to a warning or notice on its way up
(`warn`, `say`, `notice`, `warnings.append`), or, in the command line, to `click.echo`/`click.secho`
or a click error: the sentence belongs in `antq_docs/messages/` (or
`antq_docs/cli/messages.py`), where a reviewer reads every one in one place. Docstrings, the
kinds' VARIABLES documentation and click's help texts are not messages and are not looked at.
(b) Every constant of the message modules is NFC, is used somewhere in the package, and names
its fields as str.format reads them.
"""

from __future__ import annotations

import ast
import functools
import string
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "antq_docs"

# The web page keeps its own words in web/messages.py, under its own tests.
WEB = "web"

# Where the words live: every module of messages/, and the command line's own.
MESSAGE_MODULES = [
    *sorted(p for p in (PACKAGE / "messages").glob("*.py") if p.name != "__init__.py"),
    PACKAGE / "cli" / "messages.py",
]

VIETNAMESE = set("đĐ")


def vietnamese(text: str) -> bool:
    """True when the text holds a letter only Vietnamese writes (a mark or đ)."""
    return any(
        c in VIETNAMESE or (c.isalpha() and ord(c) > 127 and unicodedata.decomposition(c))
        for c in text
    )


def error_names() -> set[str]:
    """The names of AntqError and of every class of errors.py that descends from it."""
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    names = {"AntqError"}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(
            isinstance(b, ast.Name) and b.id in names for b in node.bases
        ):
            names.add(node.name)
    return names


ERRORS = error_names()
FINDINGS = {"finding", "cell_finding"}
# The callbacks and lists through which the library hands its warnings and notices up.
CALLBACKS = {"say", "warn", "notice"}
CLICK = {"echo", "secho", "UsageError", "BadParameter", "ClickException", "fail"}


def relative(path: Path) -> str:
    """antq_docs/inputs/roster.py → 'inputs/roster.py'."""
    return path.relative_to(PACKAGE).as_posix()


def held(path: Path) -> bool:
    """True when the module must keep its words in a message module."""
    name = relative(path)
    return not (path in MESSAGE_MODULES or name.split("/")[0] == WEB)


def callee(node: ast.Call) -> str:
    """The last name of what is called: 'Finding', 'finding', 'echo'…"""
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def texts(node: ast.Call, in_cli: bool) -> list[ast.expr]:
    """The arguments of a call that carry a message to a person, when the call is one."""
    name = callee(node)
    keywords = {"message", "what", "reason"}
    if name == "Finding":
        return [*node.args[:1], *(k.value for k in node.keywords if k.arg == "message")]
    if name in FINDINGS and isinstance(node.func, ast.Attribute):
        return [*node.args, *(k.value for k in node.keywords if k.arg == "message")]
    if name in ERRORS or name in CALLBACKS or (in_cli and name in CLICK):
        return [*node.args, *(k.value for k in node.keywords if k.arg in keywords)]
    func = node.func
    if name == "append" and isinstance(func, ast.Attribute) and "warning" in ast.unparse(func):
        return list(node.args)
    return []


def literals(tree: ast.AST, in_cli: bool) -> Iterator[tuple[int, str]]:
    """(line, text) of each Vietnamese literal (or f-string) handed as a message in a module."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for argument in texts(node, in_cli):
            inside_fstrings = {
                id(p) for f in ast.walk(argument) if isinstance(f, ast.JoinedStr) for p in f.values
            }
            for part in ast.walk(argument):
                if id(part) in inside_fstrings:
                    continue
                text = ast.unparse(part) if isinstance(part, ast.JoinedStr) else None
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    text = part.value
                if text is not None and vietnamese(text):
                    yield part.lineno, text


def wording_in_code(path: Path) -> list[str]:
    """Where a module writes a message in place instead of taking it from a message module."""
    in_cli = relative(path).startswith("cli/")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{relative(path)}:{line}: {text!r}" for line, text in literals(tree, in_cli)]


def test_the_finder_sees_a_message_written_in_place():
    """A Finding, an error and an echo with Vietnamese text are seen; a data string is not."""
    code = (
        "Finding(f'mã {code} trùng')\n"
        "table.finding(row, 'ma', 'thiếu giá trị')\n"
        "raise UsageError('không có ' + name)\n"
        "click.echo(msg.DONE.format(n=1))\n"
        "click.secho('Cảnh báo', fg='red')\n"
        "words = ['thôn', 'xã']\n"
        "needs.warn(f'{code}: chưa có')\n"
        "self.warnings.append('thiếu')\n"
        "rows.append('thôn')\n"
    )
    found = sorted({line for line, _ in literals(ast.parse(code), in_cli=True)})
    assert found == [1, 2, 3, 5, 7, 8]


def test_no_message_is_written_in_place():
    """Every message of the package comes from a message module."""
    modules = [p for p in sorted(PACKAGE.rglob("*.py")) if held(p)]
    assert len(modules) > 50
    found = [line for path in modules for line in wording_in_code(path)]
    assert found == [], "\n".join(found)


def constants(path: Path) -> dict[str, str]:
    """The module-level string constants of a message module, by name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


@functools.cache
def used_names() -> dict[str, set[str]]:
    """Each name the package's modules read (as NAME or module.NAME) → the modules reading it."""
    users: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if isinstance(name, str) and isinstance(getattr(node, "ctx", None), ast.Load):
                users.setdefault(name, set()).add(relative(path))
    return users


@pytest.mark.parametrize("path", MESSAGE_MODULES, ids=relative)
def test_every_message_is_whole_used_and_well_formed(path: Path):
    """NFC, read by a module of the package, and fields that str.format names."""
    assert path.exists()
    messages = constants(path)
    assert messages, relative(path)
    users = used_names()
    for name, text in messages.items():
        assert unicodedata.normalize("NFC", text) == text, name
        assert users.get(name, set()) - {relative(path)}, f"{name} is used nowhere"
        for _, field, spec, conversion in string.Formatter().parse(text):
            if field is not None:
                assert field.isidentifier(), f"{name}: field {{{field}}} has no name"
                assert conversion in (None, "r", "s"), name
                assert "{" not in (spec or ""), f"{name}: a field inside a field"
