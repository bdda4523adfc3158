"""The handlers of the web app's routes: each page and API call, and the work it runs.

A handler reads the posted form into a fresh request folder (uploads.read_form), keeps the
files given in the browser's workspace, runs the action in a worker thread (the library is
synchronous) on the workspace's files, saves what the result page shows and redirects to it:
reloading a result reads what was saved and runs nothing. Inputs the library refuses come back
on the same page, their findings in a table, the files given still kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from antq_docs.check import short_label
from antq_docs.errors import AntqError, ValidationError
from antq_docs.generate import wants_results
from antq_docs.model import UNIT_TYPES
from antq_docs.vi import strip_marks
from antq_docs.web import actions
from antq_docs.web import messages as msg
from antq_docs.web.names import public_path, relayout
from antq_docs.web.space import Space
from antq_docs.web.uploads import Posted, read_form
from antq_docs.web.views import Refused, findings, new_job, page, public, settings
from antq_docs.web.workspace import BadZip, Limits, discard, disk_full, extract_zip

PAGE_DATA = "page.json"
# The page each kind of job is shown on, and its tab in the navigation.
PAGES = {
    "generate": ("result.html", "soan"),
    "forms": ("generate.html", "soan"),
    "collect": ("generate.html", "soan"),
    "check": ("check.html", "kiem-tra"),
    "report": ("report.html", "bao-cao"),
}
PER_PAGE = 100
Work = Callable[[Request, Posted, Space, Path], dict[str, Any]]


async def home(request: Request) -> Response:
    """The start page: the forms to make documents, forms and results."""
    return page(request, "generate.html", nav="soan")


async def _run(request: Request, kind: str, work: Work, failed: str, **fields: Any) -> Response:
    """Read the form, keep its files, run work, save its page and redirect to it.

    fields: what read_form needs (zip_field, forms_field) and what the form page shows again
    on an error (checked). An error answers the form page with the message, nothing saved.
    """
    space = Space.of(request)
    job = new_job(request)
    posted = await read_form(
        request,
        job,
        page_form=True,
        zip_field=fields.pop("zip_field", False),
        forms_field=fields.pop("forms_field", False),
    )
    posted.keep(space)
    if kind == "generate":
        fields["checked"] = _asked(posted.form.getlist("kinds"))
    template, nav = PAGES[kind]
    shown = "generate.html" if kind == "generate" else template
    try:
        data = await run_in_threadpool(work, request, posted, space, job)
    except ValidationError as e:
        discard(job)
        found = findings(e, space)
        error = failed.format(what=e.what)
        return page(request, shown, 422, nav=nav, findings=found, error=error, **fields)
    except AntqError as e:
        if disk_full(e):
            raise
        discard(job)
        return page(request, shown, 400, nav=nav, error=public(str(e), space, job), **fields)
    (job / PAGE_DATA).write_text(
        json.dumps({"kind": kind, **data}, ensure_ascii=False), encoding="utf-8"
    )
    space.add_job(job.name, kind)
    return RedirectResponse(f"/ket-qua/{job.name}", status_code=303)


async def generate_page(request: Request) -> Response:
    """Make the ticked kinds' documents, then show them on their result page."""
    return await _run(request, "generate", _generate, msg.NOTHING_WRITTEN)


def _asked(values: list[Any]) -> list[str]:
    """The kinds ticked on a form (field `kinds`, repeated)."""
    return [k for k in values if isinstance(k, str)]


def _generate(request: Request, posted: Posted, space: Space, job: Path) -> dict[str, Any]:
    """Load the inputs for the kinds asked and write their documents into the job."""
    asked = _asked(posted.form.getlist("kinds"))
    loaded = actions.load(actions.Uploads.of(space), job, year_end=wants_results(asked))
    kinds = actions.choose_kinds(asked, loaded.inputs)
    done = actions.generate(loaded, job, kinds, settings(request).store.workspace, space.unit)
    data = asdict(done)
    data["warnings"] = [public(w, space, job) for w in done.warnings]
    data["zip_name"] = f"van-ban-{space.unit}.zip" if space.unit else actions.OUTPUT_ZIP
    return data


async def forms_page(request: Request) -> Response:
    """Make the collection forms of the chosen unit's subtree, offered as one ZIP."""
    return await _run(request, "forms", _forms, msg.NO_FORMS_MADE)


def _forms(request: Request, posted: Posted, space: Space, job: Path) -> dict[str, Any]:
    """Load the inputs and write the forms into the job."""
    loaded = actions.load(actions.Uploads.of(space), job, year_end=False)
    return {"forms_done": asdict(actions.forms(loaded, job, space.unit))}


async def collect_page(request: Request) -> Response:
    """Collect the returned forms into one results workbook."""
    return await _run(request, "collect", _collect, msg.NOT_COLLECTED, forms_field=True)


def _collect(request: Request, posted: Posted, space: Space, job: Path) -> dict[str, Any]:
    """Unpack the ZIPs of forms beside the forms, load the inputs and collect them all."""
    limits: Limits = settings(request).limits
    forms = job / "in" / "forms"
    forms.mkdir(parents=True, exist_ok=True)
    zips = job / "in" / "zips"
    for archive in sorted(zips.iterdir()) if zips.is_dir() else []:
        try:
            extract_zip(archive, forms / archive.stem, limits)
        except BadZip as e:
            name = archive.name.split("-", 1)[1]
            raise Refused(400, msg.BAD_ZIP_FILE.format(name=name, why=e)) from e
    loaded = actions.load(actions.Uploads.of(space), job, year_end=False)
    return {"collected": asdict(actions.collect(loaded, forms, job))}


async def result_page(request: Request) -> Response:
    """What an earlier request made, read from what it saved: nothing runs again."""
    job = settings(request).store.job(request.path_params["job"])
    if job is None or not (job / PAGE_DATA).is_file():
        raise Refused(404, msg.NO_RESULT)
    info = json.loads((job / PAGE_DATA).read_text(encoding="utf-8"))
    kind = info.pop("kind", "generate")
    template, nav = PAGES[kind]
    if kind == "generate":
        info.update(_paged(info.pop("documents"), request))
    return page(request, template, nav=nav, job=job.name, **info)


def _paged(documents: list[dict[str, str]], request: Request) -> dict[str, Any]:
    """One page of the documents matching the search (field `tim`, page `trang`)."""
    query = request.query_params.get("tim", "").strip()
    wanted = strip_marks(query)
    found = [
        d
        for d in documents
        if not wanted
        or any(
            wanted in strip_marks(d.get(k, "")) for k in ("code", "name", "parent", "kind_label")
        )
    ]
    for d in found:
        d.setdefault("public", public_path(d["path"]))
    pages = max(1, -(-len(found) // PER_PAGE))
    number = request.query_params.get("trang", "1")
    current = min(max(int(number) if number.isdigit() else 1, 1), pages)
    start = (current - 1) * PER_PAGE
    return {
        "documents": found[start : start + PER_PAGE],
        "total": len(documents),
        "matched": len(found),
        "query": query,
        "current": current,
        "pages": pages,
    }


async def download(request: Request) -> Response:
    """A file of an earlier request: one of its ZIPs or workbooks, or a document under out/."""
    job = settings(request).store.job(request.path_params["job"])
    rel = request.path_params["path"]
    if job is None:
        raise Refused(404, msg.NO_FILE)
    allowed = {
        actions.OUTPUT_ZIP,
        actions.CHECK_XLSX,
        actions.CHART_PNG,
        actions.FORMS_ZIP,
        actions.COLLECTED_XLSX,
    }
    name = request.query_params.get("ten", "")
    try:
        if rel in allowed:
            path = job / rel
        else:
            out = (job / "out").resolve()
            path = (job / rel).resolve()
            if not path.is_relative_to(out) or not actions.downloadable(path.name):
                raise Refused(404, msg.NO_FILE)
            name = public_path(path.relative_to(out).as_posix()).rsplit("/", 1)[-1]
        found = path.is_file()
    except (OSError, ValueError) as e:  # a name too long, or not a name at all
        raise Refused(404, msg.NO_FILE) from e
    if not found:
        raise Refused(404, msg.NO_FILE)
    safe = name if name.endswith(path.suffix) and "/" not in name else path.name
    return FileResponse(path, filename=safe)


async def check_get(request: Request) -> Response:
    """The check form."""
    return page(request, "check.html", nav="kiem-tra")


async def check_post(request: Request) -> Response:
    """Check an uploaded ZIP of documents: the completeness matrix and the indicators."""
    return await _run(request, "check", _check_page, msg.NOT_CHECKED, zip_field=True)


def _check_page(request: Request, posted: Posted, space: Space, job: Path) -> dict[str, Any]:
    """The check's figures, matrix and indicators, as its result page shows them."""
    data, grid = _check(request, posted, space, job)
    return {"result": data, "matrix": grid, "indicators": _check_indicators(data)}


def _check(request: Request, posted: Posted, space: Space, job: Path) -> tuple[dict, dict]:
    """Unpack the documents, load the inputs and check; the report's JSON and matrix."""
    assert posted.archive is not None
    loaded = actions.load(actions.Uploads.of(space), job, year_end=False)
    try:
        docs = extract_zip(posted.archive, job / "docs", settings(request).limits)
    except BadZip as e:
        raise Refused(400, msg.BAD_ZIP_FILE.format(name=posted.archive_name, why=e)) from e
    relayout(docs)
    scope = actions.subtree(loaded.inputs, space.unit)
    _, data, grid = actions.check(loaded, docs, job, posted.archive_name, scope)
    return data, grid


def _check_indicators(data: dict) -> list[dict[str, Any]]:
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


async def report_get(request: Request) -> Response:
    """The year report form."""
    return page(request, "report.html", nav="bao-cao")


async def report_post(request: Request) -> Response:
    """Measure the chosen unit against the targets and write its year report, with a chart."""
    return await _run(request, "report", _report, msg.NOTHING_WRITTEN)


def _report(request: Request, posted: Posted, space: Space, job: Path) -> dict[str, Any]:
    """Load the inputs with the year-end results and write the level's report."""
    loaded = actions.load(actions.Uploads.of(space), job, year_end=True)
    return {"result": asdict(actions.report(loaded, job, space.unit))}


async def api_generate(request: Request) -> Response:
    """API: the documents of the kinds asked, answered as one ZIP (422 with findings)."""
    space = Space.of(request)
    job = new_job(request)
    posted = await read_form(request, job, page_form=False)
    posted.keep(space)
    try:
        await run_in_threadpool(_generate, request, posted, space, job)
    except ValidationError as e:
        discard(job)
        return JSONResponse({"findings": findings(e, space)}, status_code=422)
    return FileResponse(
        job / actions.OUTPUT_ZIP, media_type="application/zip", filename=actions.OUTPUT_ZIP
    )


async def api_check(request: Request) -> Response:
    """API: check a ZIP of documents, answered as the JSON of `check --json`."""
    space = Space.of(request)
    job = new_job(request)
    posted = await read_form(request, job, page_form=False, zip_field=True)
    posted.keep(space)
    try:
        data, _ = await run_in_threadpool(_check, request, posted, space, job)
    except ValidationError as e:
        discard(job)
        return JSONResponse({"findings": findings(e, space)}, status_code=422)
    return JSONResponse(data)
