"""The Jinja environment every template is compiled, checked and filled in: sandboxed, strict,
and bounded, so that a template (an official's, or one a visitor managed to name) can neither
escape nor run for hours nor fill memory.

Jinja's sandbox stops a template from reaching Python's insides; it does not stop one from
asking for work: nested `range` loops, `'x' * 400000000`, `'x'|center(10**9)`, text doubled
in a loop. Here each of these has a bound of limits.py, checked before the work is done, and
the text of a filled part is counted as it is joined. Nothing is evaluated while compiling
(the optimizer that folds constant expressions is off), so `templates check` costs nothing
whatever the template asks for.
"""

from __future__ import annotations

import contextvars
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.runtime import Context, Macro
from jinja2.sandbox import SandboxedEnvironment

from antq_docs.limits import MAX_LOOP_ITEMS, MAX_PART_CHARS, MAX_PRODUCT_ITEMS, MAX_STEPS
from antq_docs.messages import limits as msg
from antq_docs.vi import number

# What the part being filled may still spend: [items range() may make, loop turns and calls].
_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("budget")
# The filter every {% for %} goes through (a name no template uses).
_COUNTED = "antq_counted"
# A macro call spends as much as this many loop turns: it costs about a hundred times more.
_MACRO_STEPS = 50
# Methods of str that make a text as long as one of their numbers says.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
# A width or precision in a %-format ('%400000000s'), the spec of a {}-format ('{:>400000000}').
_PERCENT_NUMBERS = re.compile(r"%[#0 +-]*(\d+)?(?:\.(\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")
_DIGITS = re.compile(r"\d+")


class LimitExceeded(SecurityError):
    """Raised inside Jinja when a template passes a bound of limits.py (its message Vietnamese)."""


def fresh_budget() -> None:
    """Give the part about to be filled its own budget of range() items, loop turns and calls."""
    _BUDGET.set([MAX_LOOP_ITEMS, MAX_STEPS])


def _budget() -> list[int]:
    """The current part's budget (a template filled outside render() gets one of its own)."""
    budget = _BUDGET.get(None)
    if budget is None:
        fresh_budget()
        budget = _BUDGET.get()
    return budget


def _range(*args: int) -> range:
    """range() within what the part's range() calls may still make."""
    items = range(*args)
    budget = _budget()
    try:
        budget[0] -= len(items)
    except OverflowError:  # more items than a machine word counts
        budget[0] = -1
    if budget[0] < 0:
        raise LimitExceeded(msg.TEMPLATE_LOOP.format(limit=number(MAX_LOOP_ITEMS)))
    return items


def _step(count: int = 1) -> None:
    """Spend loop turns or calls; refused once the part has spent MAX_STEPS."""
    budget = _budget()
    budget[1] -= count
    if budget[1] < 0:
        raise LimitExceeded(msg.TEMPLATE_STEPS.format(limit=number(MAX_STEPS)))


def _counted(items: Any) -> Iterator[Any]:
    """What a {% for %} goes through, each turn spent from the part's budget."""
    for item in items:
        _step()
        yield item


def _too_long() -> LimitExceeded:
    return LimitExceeded(msg.TEMPLATE_PRODUCT.format(limit=number(MAX_PRODUCT_ITEMS)))


def _check_size(size: int) -> None:
    if size > MAX_PRODUCT_ITEMS:
        raise _too_long()


def _check_product(left: Any, right: Any) -> None:
    """A text or list repeated: refused before it is made when the result is too long."""
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
            _check_size(len(seq) * times)


def _check_power(left: Any, right: Any) -> None:
    """A whole number raised to a power: refused when its digits would pass the bound."""
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        _check_size(left.bit_length() * right // 3)


def _check_format(text: Any) -> None:
    """A format whose width or precision alone would pass the bound."""
    if not isinstance(text, str):
        return
    numbers = [d for m in _PERCENT_NUMBERS.finditer(text) for d in m.groups() if d]
    numbers += [d for m in _BRACE_SPEC.finditer(text) for d in _DIGITS.findall(m.group(1))]
    for digits in numbers:
        if len(digits) > 7 or int(digits) > MAX_PRODUCT_ITEMS:
            raise _too_long()


def _check_widths(*args: Any) -> None:
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool):
            _check_size(value)


def _check_join(separator: Any, items: Any) -> None:
    """A join measured before it is made: the separator repeated between the items."""
    if isinstance(separator, str) and isinstance(items, (str, list, tuple)):
        _check_size(len(separator) * max(len(items) - 1, 0))


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    """str.replace's result measured before it is made."""
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        found = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        _check_size(len(text) + found * (len(new) - len(old)))


def _guarded(name: str, check: Callable[..., None]) -> Callable[..., Any]:
    """Jinja's filter `name`, its arguments checked first."""
    inner = FILTERS[name]
    # A filter that takes the eval context or the environment gets it first: not checked.
    passed = getattr(inner, "jinja_pass_arg", None)

    def run(*args: Any, **kwargs: Any) -> Any:
        check(*(args[1:] if passed else args), **kwargs)
        return inner(*args, **kwargs)

    if passed is not None:
        run.jinja_pass_arg = passed  # type: ignore[attr-defined]
    return run


def _bounded_join(chunks: Iterable[str]) -> str:
    """Join what a part (or a block, a macro) renders, refusing it past MAX_PART_CHARS."""
    # Measured a batch at a time: the lengths are summed in C, so the fast path keeps its
    # speed. A batch holds references to texts already made, so it costs no memory of its own.
    out: list[str] = []
    size = 0
    pieces = iter(chunks)
    while batch := list(itertools.islice(pieces, 256)):
        size += sum(map(len, batch))
        if size > MAX_PART_CHARS:
            raise LimitExceeded(msg.TEMPLATE_PART.format(limit=number(MAX_PART_CHARS)))
        out += batch
    return "".join(out)


def _checked_text(text: str) -> str:
    """A text joined with ~, refused past MAX_PART_CHARS (doubled in a loop, it would be)."""
    if len(text) > MAX_PART_CHARS:
        raise LimitExceeded(msg.TEMPLATE_PART.format(limit=number(MAX_PART_CHARS)))
    return text


class _BoundedBuffer(list):
    """What a macro, a block or `{% set %}…{% endset %}` renders, measured as it is added."""

    __slots__ = ("size",)

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def _grow(self, items: Iterable[Any]) -> None:
        self.size += sum(len(item) for item in items if isinstance(item, str))
        if self.size > MAX_PART_CHARS:
            raise LimitExceeded(msg.TEMPLATE_PART.format(limit=number(MAX_PART_CHARS)))

    def append(self, item: Any) -> None:
        """Add one piece of text."""
        self._grow((item,))
        super().append(item)

    def extend(self, items: Iterable[Any]) -> None:
        """Add pieces of text."""
        items = tuple(items)
        self._grow(items)
        super().extend(items)


class _BoundedCode(CodeGenerator):
    """Jinja's code generator, with every loop turn counted, every `a ~ b` and buffer measured."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        """The template, each {% for %} going through its items counted by the part's budget.

        The loops are wrapped before the code is written (the generator collects the filters
        a template uses first) and unwrapped after, so a caller's tree is left as parsed
        (`templates check` reads it again to follow the names).
        """
        loops = [(loop, loop.iter) for loop in node.find_all(nodes.For)]
        for loop, items in loops:
            loop.iter = nodes.Filter(items, _COUNTED, [], [], None, None).set_lineno(loop.lineno)
        try:
            super().visit_Template(node, frame)
        finally:
            for loop, items in loops:
                loop.iter = items

    def buffer(self, frame: Frame) -> None:
        """A macro's or a block's buffer, bounded like the part itself."""
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.bounded_buffer()")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedEnvironment(SandboxedEnvironment):
    """A sandbox whose loops, products, padding, joins and output are bounded (limits.py)."""

    intercepted_binops = frozenset({"*", "**", "%"})
    code_generator_class = _BoundedCode
    concat = staticmethod(_bounded_join)  # type: ignore[assignment]
    checked_text = staticmethod(_checked_text)
    bounded_buffer = _BoundedBuffer

    def __init__(self, **options: Any) -> None:
        super().__init__(undefined=StrictUndefined, optimized=False, **options)
        self.globals["range"] = _range
        # Pages of lorem ipsum, as many as asked: nothing an official document needs.
        del self.globals["lipsum"]
        self.filters["center"] = _guarded("center", lambda value, width=80: _check_widths(width))
        self.filters["indent"] = _guarded("indent", _indent_check)
        self.filters["format"] = _guarded("format", lambda value, *a, **k: _check_format(value))
        self.filters["replace"] = _guarded("replace", _replace_filter_check)
        self.filters["join"] = _guarded("join", lambda value, d="", *a, **k: _check_join(d, value))
        self.filters[_COUNTED] = _counted

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """*, ** and % measured before they are done."""
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        else:
            _check_format(left)
            if isinstance(left, str) and "*" in left:  # '%*s': the width is an argument
                _check_widths(*(right if isinstance(right, tuple) else (right,)))
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format from a template, its widths measured before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        def run(*args: Any, **kwargs: Any) -> str:
            _check_format(text)
            return wrapped(*args, **kwargs)

        return run

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A call from a template; str's padding and replacing measured before they run."""
        _step(_MACRO_STEPS if isinstance(obj, Macro) else 1)
        target = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if isinstance(target, str):
            if name in _WIDTH_METHODS:
                _check_widths(*args, *kwargs.values())
            elif name == "replace":
                _check_replace(target, *args, **kwargs)
            elif name == "join" and args:
                _check_join(target, args[0])
        return super().call(context, obj, *args, **kwargs)


def _indent_check(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    """indent's width, a number or a text, repeated on every line."""
    kwargs.pop("first", None)
    kwargs.pop("blank", None)
    width = kwargs.pop("width", width)
    lines = value.count("\n") + 1 if isinstance(value, str) else 1
    if isinstance(width, int):
        _check_size(width * lines)
    elif isinstance(width, str):
        _check_size(len(width) * lines)


def _replace_filter_check(value: Any, old: Any, new: Any, count: Any = None) -> None:
    _check_replace(str(value), old, new, -1 if count is None else count)


# The tags that load another template: a Word template has nothing to load them from.
_LOADING = ((nodes.Extends, "extends"), (nodes.Include, "include"), (nodes.Import, "import"))
_LOADING_FROM = (nodes.FromImport, "from … import")


def loads_others(tree: nodes.Template) -> str | None:
    """The first tag of a parsed template that loads another template, by its name, or None."""
    for node_type, tag in (*_LOADING, _LOADING_FROM):
        if tree.find(node_type) is not None:
            return tag
    return None


def loading_refused(tag: str) -> str:
    """What is said of a template that loads another one."""
    return msg.TEMPLATE_LOADS_OTHERS.format(tag=tag)


def environment(**options: Any) -> BoundedEnvironment:
    """The environment every template is compiled (and checked) in: bounded, strict, escaping."""
    return BoundedEnvironment(**options)
