"""The check page's options and lists: the day and the kinds asked for, what is missing under
each unit above, the files not placed, each file under the name the user gave it.

The library names a file by its place in the command line's folder (pledge/KT-01.docx); the
page names a file it was sent as it was uploaded, and the place a document belongs by the
page's own names (cam-ket/KT-01-cam-ket.docx), those of the ZIPs it hands out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from antq_docs.check import CheckReport, Unplaced, short_label, unfinished_note
from antq_docs.errors import UsageError
from antq_docs.kinds import REGISTRY
from antq_docs.messages import check as check_msg
from antq_docs.web import messages as msg
from antq_docs.web.names import public_path

# The date input sends 2025-03-31; a person or a program typing sends 31/3/2025.
DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True)
class CheckOptions:
    """What a check asks for: the documents due by as_of, of these kinds (None: every kind),
    signed copies or not (a draft alone then counts as not there)."""

    as_of: dt.date
    kinds: list[str] | None = None
    signed: bool = False


def check_options(form: FormData, today: dt.date) -> CheckOptions:
    """The day (field `ngay`; empty: today) and the kinds (field `kinds`, repeated or comma
    separated; none: every kind) and the box `da_ky` (signed copies) of a posted form. The
    button `den_han` asks for every kind due today, whatever the day and the kinds say."""
    signed = bool(form.get("da_ky"))
    if form.get("den_han"):
        return CheckOptions(today, signed=signed)
    names = [
        name.strip()
        for value in form.getlist("kinds")
        if isinstance(value, str)
        for name in value.split(",")
        if name.strip()
    ]
    return CheckOptions(parse_day(form.get("ngay"), today), names or None, signed)


def parse_day(value: object, today: dt.date) -> dt.date:
    """A day given as 31/3/2025 or 2025-03-31; nothing given: today."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return today
    for form in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise UsageError(msg.NOT_A_DAY.format(value=text))


@dataclass(frozen=True)
class Names:
    """How the page names the files of an unpacked ZIP: as uploaded, and where they belong.

    renamed: each file relayout renamed → its uploaded path; prefix: the one folder the ZIP
    held around the documents ("ho-so/"), or "".
    """

    renamed: dict[str, str]
    prefix: str = ""

    def uploaded(self, path: str) -> str:
        """A file of the folder checked, by the name it was uploaded under."""
        return self.prefix + self.renamed.get(path, path)

    def place(self, path: str) -> str:
        """Where a document belongs in the ZIP, by the page's names."""
        return self.prefix + public_path(path)

    def unplaced(self, found: Unplaced) -> Unplaced:
        """A file check could not place, named for the user, the place in its advice too."""
        if found.place is None:
            return dataclasses.replace(found, path=self.uploaded(found.path))
        place = self.place(found.place)
        return dataclasses.replace(
            found,
            path=self.uploaded(found.path),
            place=place,
            reason=found.reason.replace(found.place, place),
        )


def in_scope(code: str | None, scope: set[str] | None) -> bool:
    """Whether a unit is one the page works for (a file of no known unit always is)."""
    return scope is None or code is None or code in scope


def public_json(
    data: dict[str, Any], report: CheckReport, names: Names, scope: set[str] | None
) -> dict[str, Any]:
    """The check's JSON with the page's file names, its lists limited to the units in scope."""
    out = dict(data)
    out["missing"] = [
        {**m, "expected": names.place(m["expected"])}
        for m in data["missing"]
        if in_scope(m["unit"], scope)
    ]
    for key in ("invalid", "unfinished", "drafted"):
        out[key] = [
            {**m, "path": names.uploaded(m["path"])}
            for m in data[key]
            if in_scope(m["unit"], scope)
        ]
    # Why each draft is unfinished, said as the command line says it (not only in a cell's title).
    out["unfinished"] = [
        {**m, "note": unfinished_note(tuple(m["placeholders"]))} for m in out["unfinished"]
    ]
    out["unsigned"] = [m for m in data["unsigned"] if in_scope(m["unit"], scope)]
    out["missing_by_parent"] = [
        {**group, "units": units}
        for group in data["missing_by_parent"]
        if (units := [u for u in group["units"] if in_scope(u["unit"], scope)])
    ]
    out["unplaced"] = [u.as_json() for u in report.unplaced if in_scope(u.unit, scope)]
    out["extra"] = [names.uploaded(p) for p in data["extra"]]
    for key in ("changed", "refused"):
        out[key] = [{**c, "path": names.uploaded(c["path"])} for c in data[key]]
    return out


def missing_groups(report: CheckReport, names: Names, scope: set[str] | None) -> list[dict]:
    """What is missing, a unit a line with the documents it lacks, under each unit above, with
    the counts the page shows in each group's summary."""
    groups = []
    for parent, units in report.missing_by_parent():
        rows = [
            {
                "code": unit.code,
                "name": unit.name,
                "files": [
                    {"kind": short_label(e.kind), "name": names.place(e.expected)} for e in lacking
                ],
            }
            for unit, lacking in units
            if in_scope(unit.code, scope)
        ]
        if rows:
            groups.append(
                {
                    "code": parent.code if parent else "",
                    "name": parent.name if parent else msg.TOP_LEVEL,
                    "units": len(rows),
                    "documents": sum(len(r["files"]) for r in rows),
                    "rows": rows,
                }
            )
    return groups


def unplaced_rows(unplaced: Iterable[Unplaced]) -> list[dict[str, str]]:
    """The files not placed as the page lists them: name, problem, kind read, what to do."""
    return [
        {
            "name": u.path,
            "problem": check_msg.PROBLEMS[u.problem],
            "kind": short_label(u.kind) if u.kind else "",
            "reason": u.reason,
        }
        for u in unplaced
    ]


def not_due(report: CheckReport) -> list[str]:
    """The kinds asked for that are not yet due on the day checked, by their names."""
    kinds = sorted({e.kind for e in report.later}, key=report.kinds.index)
    return [REGISTRY[k].label if k in REGISTRY else k for k in kinds]
