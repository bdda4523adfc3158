"""The campaign form's values: read from a campaign file, written back as the YAML the command
line reads, and checked by the command line's own loader with every finding named by label.

Form values are plain text, as a page posts them: `values[name]` is a string for a field, a
list of strings for a list of lines (LINES), a list of rows for a table (ROWS), each row a
mapping column → string (a list of the ticked unit types for a TYPES column). Writing starts
from the file the values were read from, so the keys the form does not show are kept as they
were: nothing an official's file held is lost by editing it on the page.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.campaign_form import (
    CHOICE,
    CODES,
    DATE,
    LINES,
    NUMBER,
    ROWS,
    TYPES,
    FormField,
    describe_key,
    form_fields,
    key_labels,
    key_names,
    name_key_paths,
)
from antq_docs.inputs.yaml_fields import parse_yaml
from antq_docs.model import Campaign, DeclaredKind
from antq_docs.resources import CAMPAIGN_FILE

FormValues = dict[str, Any]

# The first lines of a campaign written from the form: what it is, and how dates are written.
YAML_HEADER = (
    "# Kế hoạch năm của tỉnh cho phong trào toàn dân bảo vệ an ninh Tổ quốc, lập trên trang\n"
    "# Kế hoạch năm của antq-docs. Ngày viết 2025-03-07 hoặc 07/03/2025.\n\n"
)
# How a problem of the whole file (not of one field) is located.
FILE_LABEL = "Tệp kế hoạch"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+[.,]\d+")
_POSTED = re.compile(r"(?P<base>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<column>[a-z_]+))?")


@dataclass(frozen=True)
class FieldProblem:
    """A finding of the loader as the form shows it: the field it is about, its label, what."""

    name: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class FormCheck:
    """The YAML written from the form, and the Campaign it loads to or the problems it has."""

    text: str
    campaign: Campaign | None = None
    problems: list[FieldProblem] = field(default_factory=list)


# --- From a campaign file to the form -------------------------------------------------------


def parse_campaign_text(text: str) -> Any:
    """The campaign's YAML as data, read as the loader reads it; None when it is not YAML."""
    try:
        return parse_yaml(text, CAMPAIGN_FILE, [])
    except yaml.YAMLError:
        return None


def form_values(data: Any, kinds: Mapping[str, DeclaredKind]) -> FormValues:
    """The form's values for a campaign file's data (what parse_campaign_text gives)."""
    return {f.name: _shown(f, _lookup(data, f.name)) for f in form_fields(kinds)}


def _lookup(data: Any, name: str) -> Any:
    """The value under a dotted key path, None where the path is absent or not a mapping."""
    for key in name.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _shown(form_field: FormField, value: Any) -> Any:
    """A value of the file as the form shows it: text, lines, or rows of text."""
    if form_field.type == LINES:
        items = value if isinstance(value, list) else [] if value is None else [value]
        return [_text(item) for item in items]
    if form_field.type == ROWS:
        rows = value if isinstance(value, list) else []
        return [
            {c.name: _shown(c, row.get(c.name)) for c in form_field.columns}
            for row in rows
            if isinstance(row, dict)
        ]
    if form_field.type == TYPES:
        items = value if isinstance(value, list) else [] if value is None else [value]
        return [str(item) for item in items]
    if form_field.type == CODES and isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    return _text(value)


def _text(value: Any) -> str:
    """One value as the form shows it: dates day first, decimals with a comma."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        # As YAML writes it, the word a yes/no choice holds (ma_nhan_dien).
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value)


# --- From a posted page to the form ---------------------------------------------------------


def posted_values(
    pairs: Iterable[tuple[str, Any]], kinds: Mapping[str, DeclaredKind]
) -> FormValues:
    """The form's values from the (name, value) pairs a page posted; rows renumbered from 1.

    A row is named `chi_tieu[3].ma`, a line `can_cu[2]`; rows come back in the order of their
    numbers, whatever gaps a removed row left.
    """
    given: dict[str, list[str]] = {}
    indexed: dict[str, dict[int, dict[str, list[str]]]] = {}
    for name, value in pairs:
        if not isinstance(value, str):
            continue
        given.setdefault(name, []).append(value)
        match = _POSTED.fullmatch(name)
        if match:
            row = indexed.setdefault(match["base"], {}).setdefault(int(match["index"]), {})
            row.setdefault(match["column"] or "", []).append(value)
    values: FormValues = {}
    for form_field in form_fields(kinds):
        rows = [
            indexed.get(form_field.name, {})[i] for i in sorted(indexed.get(form_field.name, {}))
        ]
        if form_field.type == LINES:
            values[form_field.name] = [row.get("", [""])[0] for row in rows]
        elif form_field.type == ROWS:
            values[form_field.name] = [_posted_row(form_field, row) for row in rows]
        else:
            values[form_field.name] = given.get(form_field.name, [""])[0]
    return values


def _posted_row(table: FormField, row: dict[str, list[str]]) -> dict[str, Any]:
    """One posted row: a ticked list for a TYPES column, the text of the others."""
    return {
        c.name: list(row.get(c.name, [])) if c.type == TYPES else row.get(c.name, [""])[0]
        for c in table.columns
    }


def without_empty_rows(values: FormValues, kinds: Mapping[str, DeclaredKind]) -> FormValues:
    """The values without the rows and lines left empty (added but never filled)."""
    out = dict(values)
    for form_field in form_fields(kinds):
        items = values.get(form_field.name)
        if form_field.type == LINES and isinstance(items, list):
            out[form_field.name] = [line for line in items if str(line).strip()]
        elif form_field.type == ROWS and isinstance(items, list):
            out[form_field.name] = [row for row in items if _filled(form_field, row)]
    return out


def _filled(table: FormField, row: Any) -> bool:
    """Whether a row has anything typed or ticked (a choice left at its default is nothing)."""
    return isinstance(row, dict) and bool(_written_row(table, row))


# --- From the form to the YAML the command line reads ---------------------------------------


def campaign_yaml(values: FormValues, base: Any, kinds: Mapping[str, DeclaredKind]) -> str:
    """The campaign file for the form's values, keeping every key of base the form lacks.

    base is the data the form was filled from (parse_campaign_text); an empty field removes its
    key, so the loader's default or its "thiếu giá trị bắt buộc" applies.
    """
    data = _plain(copy.deepcopy(base)) if isinstance(base, dict) else {}
    required_groups = set()
    for form_field in form_fields(kinds):
        value = _written(form_field, values.get(form_field.name))
        group, _, key = form_field.name.rpartition(".")
        target = data
        if group:
            if not isinstance(data.get(group), dict):
                data[group] = {}
            target = data[group]
            if form_field.required:
                required_groups.add(group)
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    _name_roster_files(data, base)
    for group in {f.name.rpartition(".")[0] for f in form_fields(kinds)} - {""}:
        # An empty optional group says nothing; an empty required one lets each of its fields
        # be reported as missing rather than the whole group as malformed.
        if data.get(group) == {} and group not in required_groups:
            del data[group]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return YAML_HEADER + body


# The key of the rosters by period, whose file names the form does not ask for.
_PERIODS = "danh_sach_don_vi"


def _name_roster_files(data: dict[str, Any], base: Any) -> None:
    """Give each period of data a file name (tep), which the command line reads and the page
    never asks for: the name base gave the period of the same day, else one made of the day."""
    rows = data.get(_PERIODS)
    if not isinstance(rows, list):
        return
    before = base.get(_PERIODS) if isinstance(base, dict) else None
    known = {
        str(row.get("tu_ngay")): row["tep"]
        for row in (before if isinstance(before, list) else [])
        if isinstance(row, dict) and isinstance(row.get("tep"), str)
    }
    for row in rows:
        if isinstance(row, dict) and "tep" not in row:
            day = str(row.get("tu_ngay", ""))
            row["tep"] = known.get(day) or f"danh-sach-tu-{_file_word(day)}.xlsx"


def _file_word(text: str) -> str:
    """A day as part of a file name: 2026-07-01 stays, anything else keeps letters and digits."""
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-") or "thoi-ky"


def _plain(value: Any) -> Any:
    """Data the YAML writer accepts: the loader's marked strings (a date that does not exist)
    become plain strings, keys become text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _written(form_field: FormField, value: Any) -> Any:
    """A form value as the file holds it; None when the field is empty (its key is removed)."""
    if form_field.type == LINES:
        lines = [_clean(v) for v in value] if isinstance(value, list) else []
        return [line for line in lines if line] or None
    if form_field.type == ROWS:
        rows = value if isinstance(value, list) else []
        return [_written_row(form_field, row) for row in rows if _filled(form_field, row)] or None
    if form_field.type == TYPES:
        ticked = [str(v) for v in value] if isinstance(value, list) else []
        return ticked or None
    text = _clean(value)
    if not text:
        return None
    if form_field.type == DATE:
        return typed_date(text)
    if form_field.type == NUMBER:
        return _number(text)
    if form_field.type == CODES:
        return [code for code in re.split(r"[,;\s]+", text) if code]
    if form_field.type == CHOICE and not form_field.required and text == form_field.choices[0][0]:
        # The first choice is what the loader does without the key.
        return None
    if form_field.type == CHOICE and text in ("true", "false"):
        # A yes/no choice is written as YAML's own true or false.
        return text == "true"
    return text


def _written_row(table: FormField, row: dict[str, Any]) -> dict[str, Any]:
    """One row as the file holds it, without its empty columns."""
    out = {}
    for column in table.columns:
        value = _written(column, row.get(column.name))
        if value is not None:
            out[column.name] = value
    return out


def _clean(value: Any) -> str:
    """A typed value on one line: a paragraph's line breaks become spaces."""
    return " ".join(str(value or "").split())


def typed_date(text: str) -> dt.date | str:
    """A typed date as a date; text the loader reports as it is when it names no day."""
    iso = _ISO.fullmatch(text)
    dmy = _DMY.fullmatch(text)
    parts = iso.groups() if iso else dmy.groups()[::-1] if dmy else None
    if parts is None:
        return text
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return text


def _number(text: str) -> int | float | str:
    """A typed number (95,4 or 95.4 with a decimal); text the loader reports otherwise."""
    try:
        if _INTEGER.fullmatch(text):
            return int(text)
        if _DECIMAL.fullmatch(text):
            return float(text.replace(",", "."))
    except ValueError:
        # Past Python's 4,300 digits: the loader names the field.
        return text
    return text


# --- A plan carried over to another year ------------------------------------------------------


@dataclass
class YearMove:
    """The form's values and base after the year changed: whether any date moved, from which
    year to which."""

    values: FormValues
    base: Any
    moved: bool = False
    old: int = 0
    new: int = 0


def move_year(values: FormValues, base: Any, kinds: Mapping[str, DeclaredKind]) -> YearMove:
    """Carry a plan over when the form's year is not the year of the file it was filled from.

    Each date of the old year that the person left as the file has it moves to the new year,
    in the fields and in the keys the form does not show (a default, not a choice: a date
    typed anew is left alone, for the loader to judge). Anniversaries and the changes of the
    organisation keep their dates.
    """
    old = base.get("nam") if isinstance(base, dict) else None
    new_text = _clean(values.get("nam"))
    if not isinstance(old, int) or not _INTEGER.fullmatch(new_text) or int(new_text) == old:
        return YearMove(values, base)
    new = int(new_text)
    shown = form_values(base, kinds)
    moved = dict(values)
    count = 0
    for form_field in form_fields(kinds):
        if form_field.name in _KEPT:
            continue
        moved[form_field.name], done = _moved_value(
            form_field, values.get(form_field.name), shown.get(form_field.name), old, new
        )
        count += done
    moved_base, done_base = _moved_data({k: v for k, v in base.items() if k not in _KEPT}, old, new)
    moved_base |= {k: base[k] for k in _KEPT if k in base}
    return YearMove(moved, moved_base, count + done_base > 0, old, new)


# Never moved with the plan's year: anniversaries count their years from a day long past, and
# a body that ended (thay_doi_to_chuc: the districts on 30/6/2025) stays ended, its law cited.
_KEPT = ("ky_niem", "thay_doi_to_chuc")


def _moved_value(form_field: FormField, value: Any, before: Any, old: int, new: int) -> Any:
    """A field's value with its untouched dates of year old in year new; and how many moved."""
    if form_field.type == DATE:
        if value != before or not isinstance(value, str):
            return value, 0
        day = typed_date(_clean(value))
        if not isinstance(day, dt.date) or day.year != old:
            return value, 0
        return _text(_in_year(day, new)), 1
    if form_field.type != ROWS or not isinstance(value, list) or not isinstance(before, list):
        return value, 0
    rows, count = [], 0
    for index, row in enumerate(value):
        was = before[index] if index < len(before) and isinstance(row, dict) else None
        if was is None:
            rows.append(row)
            continue
        row = dict(row)
        for column in form_field.columns:
            row[column.name], done = _moved_value(
                column, row.get(column.name), was.get(column.name), old, new
            )
            count += done
        rows.append(row)
    return rows, count


def _moved_data(data: Any, old: int, new: int) -> tuple[Any, int]:
    """A copy of a campaign's data with every date of year old in year new; how many moved."""
    if isinstance(data, dt.date) and data.year == old:
        return _in_year(data, new), 1
    if isinstance(data, dict):
        out, count = {}, 0
        for key, item in data.items():
            out[key], done = _moved_data(item, old, new)
            count += done
        return out, count
    if isinstance(data, list):
        pairs = [_moved_data(item, old, new) for item in data]
        return [item for item, _ in pairs], sum(done for _, done in pairs)
    return data, 0


def _in_year(day: dt.date, year: int) -> dt.date:
    """The same day in another year; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


# --- Checking with the command line's own loader --------------------------------------------


def check_form(values: FormValues, base: Any, kinds: Mapping[str, DeclaredKind]) -> FormCheck:
    """Write the form's values as YAML and load it as the command line does."""
    text = campaign_yaml(values, base, kinds)
    campaign, problems = check_text(text, kinds)
    return FormCheck(text, campaign, problems)


def check_text(
    text: str, kinds: Mapping[str, DeclaredKind]
) -> tuple[Campaign | None, list[FieldProblem]]:
    """Load a campaign's YAML text with load_campaign: the Campaign, or every problem located."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / CAMPAIGN_FILE
        path.write_text(text, encoding="utf-8")
        try:
            return load_campaign(path, kinds=kinds), []
        except ValidationError as e:
            # A message naming a folder beside the file (mau) names it as written.
            prefix = f"{folder}/"
            found = [_replace(f, prefix) for f in e.findings]
            return None, locate(found, kinds)
        except InputError as e:
            return None, [FieldProblem("", FILE_LABEL, e.reason)]


def _replace(finding: Finding, prefix: str) -> Finding:
    """The finding without the temporary folder it was read in."""
    return Finding(finding.message.replace(prefix, ""), field=finding.field)


def locate(findings: Iterable[Finding], kinds: Mapping[str, DeclaredKind]) -> list[FieldProblem]:
    """The loader's findings as the form names them: field, Vietnamese label, message."""
    labels, names = key_labels(kinds), key_names(kinds)
    return [
        FieldProblem(
            f.field or "",
            describe_key(f.field, labels, names) if f.field else FILE_LABEL,
            name_key_paths(f.message, labels, names),
        )
        for f in findings
    ]
