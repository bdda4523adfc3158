"""Read the campaign's YAML safely, and its fields one mapping at a time.

The loader refuses what a hand-written campaign never needs and a hostile one abuses: aliases,
a key written twice, nesting past MAX_DEPTH, keys that are lists. Fields reads the keys of one
mapping as text, numbers, dates or unit types, records a located finding for every bad value,
and reports the keys it did not expect (with the closest known one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from antq_docs.errors import Finding
from antq_docs.messages import inputs as msg
from antq_docs.model import UNIT_TYPES
from antq_docs.vi import clean_text, closest

ALIAS_MESSAGE = msg.YAML_NO_ALIASES
# A real campaign nests four levels; composing is recursive, so a file of ten thousand '['
# would otherwise exhaust Python's stack.
MAX_DEPTH = 32


# A date typed as text: 2025-07-01 (ISO) or 01/7/2025 (day first, as officials write it).
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class _BadDate(str):
    """A date-looking value that names no real day (2025-02-30), reported by its field."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases and a key written twice in one mapping."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse an anchor or alias where it is written (one alias can expand exponentially),
        and nesting deeper than MAX_DEPTH."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(None, None, ALIAS_MESSAGE, event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, msg.YAML_TOO_DEEP.format(limit=MAX_DEPTH), event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct a node; a value its explicit tag cannot read (!!float nam, !!timestamp x)
        is a YAML error at its line, not a Python exception."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as e:
            shown = f' "{node.value}"' if isinstance(node, yaml.ScalarNode) else ""
            raise yaml.constructor.ConstructorError(
                None,
                None,
                msg.YAML_TAG_UNREADABLE.format(shown=shown, tag=node.tag),
                node.start_mark,
            ) from e


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                msg.KEY_TWICE.format(
                    key=key, first=seen[key] + 1, second=key_node.start_mark.line + 1
                ),
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_date(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date, or a _BadDate for one that does not exist (2025-02-30), named later."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return _BadDate(node.value)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def _construct_int(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A YAML integer; one too long for Python to convert (over 4,300 digits) stays text,
    which the field that reads it reports."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return str(node.value)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _drop_bad_keys(node: yaml.Node, where: str, file: str, findings: list[Finding]) -> None:
    """Remove every key that is a list or a mapping, with a finding naming where it was."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            _drop_bad_keys(item, f"{where}[{index}]", file, findings)
    elif isinstance(node, yaml.MappingNode):
        kept = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                findings.append(
                    Finding(
                        msg.KEY_NOT_A_WORD.format(line=key_node.start_mark.line + 1),
                        file=file,
                        field=where or msg.ROOT_FIELD,
                    )
                )
                continue
            kept.append((key_node, value_node))
            child = f"{where}.{key_node.value}" if where else str(key_node.value)
            _drop_bad_keys(value_node, child, file, findings)
        node.value = kept


def parse_yaml(text: str, file: str, findings: list[Finding]) -> Any:
    """Compose the YAML (aliases refused), drop non-text keys with findings, construct it."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _drop_bad_keys(node, "", file, findings)
        return loader.construct_document(node)
    finally:
        loader.dispose()


class Fields:
    """Reads the keys of one mapping, recording findings and the keys it did not expect."""

    def __init__(self, data: Any, prefix: str, findings: list[Finding], file: str) -> None:
        self.prefix = prefix
        self.findings = findings
        self.file = file
        self.used: set[str] = set()
        if not isinstance(data, dict):
            self.error(None, msg.NOT_A_TABLE)
            data = {}
        self.data = data

    def path(self, key: str | None) -> str:
        """The dotted name of a field for messages."""
        if key is None:
            return self.prefix or msg.ROOT_FIELD
        return f"{self.prefix}.{key}" if self.prefix else key

    def error(self, key: str | None, message: str) -> None:
        """Record a finding on one field."""
        self.findings.append(Finding(message, file=self.file, field=self.path(key)))

    def raw(self, key: str) -> Any:
        """Return the raw value of a key, marking it as used."""
        self.used.add(key)
        return self.data.get(key)

    def text(self, key: str, default: str | None = None) -> str:
        """A required (or defaulted) non-empty text field."""
        value = self.raw(key)
        if value is None:
            if default is None:
                self.error(key, msg.REQUIRED)
                return ""
            return default
        if not isinstance(value, (str, int)):
            self.error(key, msg.NOT_TEXT)
            return ""
        text = clean_text(str(value))
        if not text:
            self.error(key, msg.NOT_EMPTY)
        return text

    def integer(self, key: str, low: int, high: int) -> int:
        """A required integer within bounds."""
        value = self.raw(key)
        if value is None:
            self.error(key, msg.REQUIRED)
            return low
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, msg.NOT_AN_INTEGER_IN_RANGE.format(value=value, low=low, high=high))
            return low
        return value

    def date(self, key: str, default: dt.date | None = None) -> dt.date:
        """A date written 2025-03-07 or 07/03/2025."""
        value = self.raw(key)
        if value is None:
            if default is None:
                self.error(key, msg.DATE_MISSING)
                return dt.date(2000, 1, 1)
            return default
        return self.as_date(key, value)

    def as_date(self, key: str, value: Any) -> dt.date:
        """Parse a date value, recording a finding when it is not one."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, _BadDate):
            self.error(key, msg.NOT_A_REAL_DAY.format(value=value))
            return dt.date(2000, 1, 1)
        if isinstance(value, dt.date):
            return value
        # Written as text ('2025-07-01' in quotes, 01/7/2025): read as the date it says.
        text = str(value).strip()
        iso = _ISO_DATE.fullmatch(text)
        dmy = _DMY_DATE.fullmatch(text)
        if iso is not None or dmy is not None:
            year, month, day = (
                iso.groups()
                if iso is not None
                else dmy.groups()[::-1]
                if dmy is not None
                else ("", "", "")
            )
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                self.error(key, msg.NOT_A_REAL_DAY.format(value=value))
                return dt.date(2000, 1, 1)
        self.error(key, msg.NOT_A_DATE.format(value=value))
        return dt.date(2000, 1, 1)

    def unit_types(self, key: str, value: Any) -> tuple[str, ...]:
        """A list of unit type keys."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.error(key, msg.TYPES_NOT_A_LIST)
            return ()
        good = [v for v in value if isinstance(v, str) and v in UNIT_TYPES]
        bad = [v for v in value if not (isinstance(v, str) and v in UNIT_TYPES)]
        if bad:
            self.error(
                key,
                msg.TYPES_UNKNOWN.format(
                    bad=", ".join(map(str, bad)), allowed=", ".join(UNIT_TYPES)
                ),
            )
        return tuple(good)

    def flag(self, key: str, default: bool) -> bool:
        """A yes/no key written true or false; the default when absent or wrong."""
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, msg.NOT_YES_NO.format(value=value))
            return default
        return value

    def child(self, data: Any, prefix: str) -> Fields:
        """The fields of a mapping inside this one, reported in the same file and list."""
        return Fields(data, prefix, self.findings, self.file)

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        """One of the allowed words; the first (the default) when the key is absent or wrong."""
        value = self.raw(key)
        if value is None:
            return allowed[0]
        if value not in allowed:
            self.error(key, msg.NOT_ONE_OF.format(value=value, allowed=", ".join(allowed)))
            return allowed[0]
        return value

    def text_list(self, key: str, what: str) -> list[str]:
        """An optional list of non-empty lines of text (can_cu, noi_nhan_bao_cao)."""
        raw = self.raw(key)
        if raw is None:
            return []
        if (
            not isinstance(raw, list)
            or not raw
            or not all(isinstance(item, str) and item.strip() for item in raw)
        ):
            self.error(key, msg.NOT_A_LIST_OF.format(what=what))
            return []
        return [clean_text(item) for item in raw]

    def per_type(self, key: str, allowed: tuple[str, ...]) -> dict[str, str]:
        """A mapping unit type → one of the allowed words (hinh_thuc_ky)."""
        raw = self.raw(key)
        if raw is None:
            return {}
        fields = self.child(raw, self.path(key))
        out = {}
        for unit_type in UNIT_TYPES:
            if unit_type in fields.data:
                value = fields.raw(unit_type)
                if value in allowed:
                    out[unit_type] = value
                else:
                    fields.error(
                        unit_type, msg.NOT_ONE_OF.format(value=value, allowed=", ".join(allowed))
                    )
        fields.finish()
        return out

    def finish(self) -> None:
        """Report every key that was present but not expected."""
        for key in self.data:
            if key not in self.used:
                close = closest(str(key), self.used)
                self.error(
                    str(key),
                    msg.KEY_UNKNOWN_CLOSE.format(close=close) if close else msg.KEY_UNKNOWN,
                )
