"""The check page's work: the inputs and the day asked are checked at once, the documents
unpacked and checked in the background (jobs.Runner) with their progress.

The page and /api/check share it: both get the check's figures, lists and matrix as the result
page shows them (the API answers with its "result", the JSON of `check --json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request

from antq_docs.check import short_label
from antq_docs.model import UNIT_TYPES
from antq_docs.web import actions
from antq_docs.web import messages as msg
from antq_docs.web.check_view import Names, check_options
from antq_docs.web.jobs import Tracker
from antq_docs.web.names import DOCUMENT_FOLDERS, relayout
from antq_docs.web.space import Space
from antq_docs.web.uploads import Posted
from antq_docs.web.views import Refused, public, settings
from antq_docs.web.workspace import BadZip, Limits, extract_zip


def check_work(
    request: Request, posted: Posted, space: Space, job: Path
) -> Callable[[Tracker], dict[str, Any]]:
    """Read the day and the kinds asked and load the inputs now (the results when given: the
    recognition decisions are then owed), so a bad day or bad inputs answer the form at once;
    the function returned unpacks the documents and checks them."""
    assert posted.archive is not None
    archive, name = posted.archive, posted.archive_name
    options = check_options(posted.form, dt.date.today())
    loaded = actions.load(actions.Uploads.of(space), job, year_end=False)
    scope = actions.subtree(loaded.inputs, space.unit)
    limits = settings(request).limits

    def later(tracker: Tracker) -> dict[str, Any]:
        tracker.begin("unzip")
        docs, names = unpack_docs(archive, name, job, limits)
        tracker.begin("check")
        done = actions.check(
            loaded, docs, job, name, scope, progress=tracker, options=options, names=names
        )
        return {
            "result": done.data,
            "matrix": done.grid,
            "missing": done.missing,
            "unplaced": done.unplaced,
            "not_due": done.not_due,
            "indicators": _indicators(done.data),
            "warnings": [public(w, space, job) for w in loaded.notices],
            "xlsx_name": f"kiem-tra-{space.unit}.xlsx" if space.unit else actions.CHECK_XLSX,
            "day": done.data["as_of"],
            "checked": options.kinds or [],
            "signed_asked": options.signed,
        }

    return later


def unpack_docs(archive: Path, name: str, job: Path, limits: Limits) -> tuple[Path, Names]:
    """Unpack an uploaded ZIP of a document folder (name: as uploaded) into the job's docs/,
    laid out again as the command line's folder; the folder, and how the page names its files."""
    unpacked = job / "docs"
    try:
        docs = extract_zip(archive, unpacked, limits, DOCUMENT_FOLDERS)
    except BadZip as e:
        raise Refused(400, msg.BAD_ZIP_FILE.format(name=name, why=e)) from e
    prefix = docs.relative_to(unpacked).as_posix()
    return docs, Names(relayout(docs), f"{prefix}/" if prefix != "." else "")


def _indicators(data: dict) -> list[dict[str, Any]]:
    """The check JSON's indicators as table rows."""
    rows = []
    for info in data["indicators"].values():
        for unit_type, v in info["by_type"].items():
            shown = ", ".join(short_label(k) for k in info["kinds"])
            rows.append(
                {
                    "kind": shown,
                    "type": UNIT_TYPES.get(unit_type, unit_type),
                    "present": v["present"],
                    "units": v["units"],
                    "share": v["share"],
                    "target": v["target"],
                    "strict": v["comparison"] == ">",
                    "met": v["met"],
                }
            )
    return rows
