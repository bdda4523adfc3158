"""The handlers of the web app's routes: each page and API call, and the work it runs.

A handler reads the posted form into a fresh request folder (uploads.read_form), keeps the
files given in the browser's workspace, runs the action in a worker thread (the library is
synchronous) on the workspace's files, saves what the result page shows and redirects to it:
reloading a result reads what was saved and runs nothing. Inputs the library refuses come back
on the same page, their findings in a table, the files given still kept.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from antq_docs.errors import AntqError, ValidationError
from antq_docs.generate import wants_results
from antq_docs.vi import number, strip_marks
from antq_docs.web import actions, printing
from antq_docs.web import messages as msg
from antq_docs.web.check_page import check_work
from antq_docs.web.jobs import DONE, FAILED, PROGRESS, RUNNING, Runner, Tracker, read_progress
from antq_docs.web.names import public_path
from antq_docs.web.space import Space
from antq_docs.web.uploads import Posted, read_form
from antq_docs.web.views import Refused, findings, new_job, page, public, settings, warning_text
from antq_docs.web.workspace import BadZip, Limits, clear, discard, disk_full, extract_zip

PAGE_DATA = "page.json"
# The folder of documents with the signed copies filed, as the page of signed scans hands it out.
SIGNED_ZIP = "ho-so-da-ky.zip"
# The page each kind of job is shown on, and its tab in the navigation.
PAGES = {
    "generate": ("result.html", "soan"),
    "forms": ("generate.html", "soan"),
    "collect": ("generate.html", "soan"),
    "check": ("check.html", "kiem-tra"),
    "report": ("report.html", "bao-cao"),
    "signed": ("signed.html", "ban-da-ky"),
}
PER_PAGE = 100
# The documents the page of signed scans offers to file a page as, at most: a province's
# thousands are searched by name or code, as the unit picker searches.
PICK_MOST = 100
# Pages left shown at once, each with its picture and its form.
LEFT_PER_PAGE = 25
# The long part of a request, run in the background with its progress (jobs.Tracker).
Later = Callable[[Tracker], dict[str, Any]]
Work = Callable[[Request, Posted, Space, Path], "dict[str, Any] | Later"]
log = logging.getLogger("antq_docs.web")


async def home(request: Request) -> Response:
    """The start page: the forms to make documents, forms and results."""
    return page(request, "generate.html", nav="soan", soffice=printing.has_soffice())


def form_page(target: str) -> Callable[[Request], Awaitable[Response]]:
    """The answer to a GET of an address that only takes a posted form (what the address bar
    shows after the form answered): a redirect to the page of that form."""

    async def redirect(request: Request) -> Response:
        return RedirectResponse(target, status_code=303)

    return redirect


async def run_form(request: Request, kind: str, work: Work, failed: str, **fields: Any) -> Response:
    """Read the form, keep its files, run work, save its page and redirect to it.

    fields: what read_form needs (zip_field, forms_field) and what the form page shows again
    on an error (checked). An error answers the form page with the message, nothing saved.
    Work that returns a function (Later) has checked its inputs only: the function does the
    long part in the background (jobs.Runner) while the result page shows its progress.
    """
    space = Space.of(request)
    job = new_job(request)
    posted = await read_form(
        request,
        job,
        page_form=True,
        zip_field=fields.pop("zip_field", False),
        forms_field=fields.pop("forms_field", False),
        scans_field=fields.pop("scans_field", False),
    )
    posted.keep(space)
    if kind in ("generate", "check"):
        fields["checked"] = _asked(posted.form.getlist("kinds"))
    if kind == "check":
        fields["day"] = posted.form.get("ngay") or dt.date.today().isoformat()
        fields["signed_asked"] = bool(posted.form.get("da_ky"))
    template, nav = PAGES[kind]
    shown = "generate.html" if kind == "generate" else template
    try:
        data = await run_in_threadpool(work, request, posted, space, job)
    except AntqError as e:
        if disk_full(e):
            raise  # the app's handler removes the request's folder and says so (507)
        status, shown_fields = _failure(e, failed, space, job)
        discard(job)
        return page(request, shown, status, nav=nav, **shown_fields, **fields)
    if callable(data):
        later: Later = data
        runner(request).start(
            job,
            lambda tracker: save_page(job, kind, later(tracker)),
            lambda error: _failed_later(error, kind, failed, space, job, fields),
        )
    else:
        save_page(job, kind, data)
    space.add_job(job.name, kind)
    return RedirectResponse(f"/ket-qua/{job.name}", status_code=303)


def save_page(job: Path, kind: str, data: dict[str, Any]) -> None:
    """Save what the job's result page shows (atomically: the page never reads half of it)."""
    tmp = job / f".{PAGE_DATA}.tmp"
    tmp.write_text(json.dumps({"kind": kind, **data}, ensure_ascii=False), encoding="utf-8")
    tmp.replace(job / PAGE_DATA)


def _failure(error: AntqError, failed: str, space: Space, job: Path) -> tuple[int, dict]:
    """The status and the fields of the form page that answers a library error."""
    if isinstance(error, ValidationError):
        return 422, {"findings": findings(error, space), "error": failed.format(what=error.what)}
    return 400, {"error": public(str(error), space, job)}


def _failed_later(
    error: BaseException, kind: str, failed: str, space: Space, job: Path, fields: dict[str, Any]
) -> None:
    """Save the page of a job that failed in the background, once everything it made is
    removed: nothing half-made stays to be downloaded, only its page and progress."""
    data = _failed_data(error, failed, space, job, fields)
    clear(job, keep=(PROGRESS,))
    save_page(job, kind, data)


def _failed_data(
    error: BaseException, failed: str, space: Space, job: Path, fields: dict[str, Any]
) -> dict[str, Any]:
    """What the result page of a job that failed in the background shows: its form page with
    the message (a full disk said as on any page, 507; a Python error is logged, and said
    without its details)."""
    if disk_full(error):
        log.error("ổ đĩa của thư mục dữ liệu đã đầy trong yêu cầu %s", job.name)
        return {"failed": 507, "error": msg.DISK_FULL, **fields}
    if isinstance(error, Refused):
        return {"failed": 400, "error": error.message, **fields}
    if isinstance(error, AntqError):
        status, shown = _failure(error, failed, space, job)
        return {"failed": status, **shown, **fields}
    log.error("lỗi không mong đợi trong yêu cầu %s", job.name, exc_info=error)
    return {"failed": 500, "error": msg.UNEXPECTED, **fields}


async def generate_page(request: Request) -> Response:
    """Make the ticked kinds' documents, then show them on their result page."""
    return await run_form(request, "generate", _generate, msg.NOTHING_WRITTEN)


def _asked(values: list[Any]) -> list[str]:
    """The kinds ticked on a form (field `kinds`, repeated)."""
    return [k for k in values if isinstance(k, str)]


def _generate(
    request: Request, posted: Posted, space: Space, job: Path, *, manifest: bool = False
) -> Later:
    """Check the inputs for the kinds asked (their findings answer the form at once); the
    documents, their PDFs and hồ sơ when ticked, and the ZIP (with the folder's manifest for
    the API) are made by the function returned."""
    form = posted.form
    asked = _asked(form.getlist("kinds"))
    pdf, packs = form.get("pdf") == "1", form.get("ho_so") == "1"
    if pdf or packs:
        printing.soffice_or_refuse()  # before anything is written, as the command line does
    loaded = actions.load(
        actions.Uploads.of(space),
        job,
        year_end=wants_results(asked),
        per_household=form.get("per_household") == "1",
    )
    kinds = actions.choose_kinds(asked, loaded.inputs)
    actions.subtree(loaded.inputs, space.unit)  # a unit the roster lacks answers the form now
    workspace = settings(request).store.workspace

    def later(tracker: Tracker) -> dict[str, Any]:
        with actions.packing(job, manifest=manifest) as live:
            tracker.begin("generate")
            done = actions.generate(loaded, job, kinds, workspace, space.unit, progress=tracker)
            data = asdict(done)
            data["warnings"] = [warning_text(w, space, job) for w in done.warnings]
            if pdf or packs:
                tracker.begin("pdf")
                printed = printing.ready(
                    loaded, job, pack=packs, scope=space.unit, progress=tracker
                )
                data["printed"], data["packs"] = printed.lines, printed.packs
                _with_pdfs(data["documents"], job / "out")
            tracker.begin("zip")
            actions.packed(job, live, progress=tracker)
        data["zip_name"] = f"van-ban-{space.unit}.zip" if space.unit else actions.OUTPUT_ZIP
        return data

    return later


def _with_pdfs(documents: list[dict[str, str]], out: Path) -> None:
    """Add to each listed document the PDF made beside it."""
    for d in documents:
        pdf = f"{d['path'].removesuffix('.docx')}.pdf"
        if (out / pdf).is_file():
            d["pdf"] = pdf


async def forms_page(request: Request) -> Response:
    """Make the collection forms of the chosen unit's subtree, offered as one ZIP."""
    return await run_form(request, "forms", _forms, msg.NO_FORMS_MADE)


def _forms(request: Request, posted: Posted, space: Space, job: Path) -> dict[str, Any]:
    """Load the inputs and write the forms into the job."""
    loaded = actions.load(actions.Uploads.of(space), job, year_end=False)
    return {"forms_done": asdict(actions.forms(loaded, job, space.unit))}


async def collect_page(request: Request) -> Response:
    """Collect the returned forms into one results workbook."""
    return await run_form(request, "collect", _collect, msg.NOT_COLLECTED, forms_field=True)


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
    """What an earlier request made, read from what it saved: nothing runs again. A job still
    running in the background shows its progress (the page reloads itself until it is done)."""
    job = settings(request).store.job(request.path_params["job"])
    if job is None:
        raise Refused(404, msg.NO_RESULT)
    info = await _settled(request, job)
    if info is None:
        state = _state(request, job)
        if state is None:
            raise Refused(404, msg.NO_RESULT)
        if state["state"] != RUNNING:
            raise Refused(500, msg.JOB_INTERRUPTED)
        return page(request, "progress.html", nav=None, job=job.name, progress=state)
    kind = info.pop("kind", "generate")
    template, nav = PAGES[kind]
    failed = info.pop("failed", None)
    if failed is not None:
        shown = "generate.html" if kind == "generate" else template
        return page(request, shown, int(failed), nav=nav, **info)
    if kind == "generate":
        info.update(_paged(info.pop("documents"), request))
    elif kind == "signed":
        info.update(_picked(info, request))
    return page(request, template, nav=nav, job=job.name, **info)


async def progress_json(request: Request) -> Response:
    """Where a job is, for the progress bar: state, step, label, done, total."""
    job = settings(request).store.job(request.path_params["job"])
    state = _state(request, job) if job is not None else None
    if state is None:
        raise Refused(404, msg.NO_RESULT)
    return JSONResponse(state, headers={"Cache-Control": "no-store"})


def _state(request: Request, job: Path) -> dict[str, Any] | None:
    """A job's progress as the pages show it; a job whose thread is gone without a result
    (the server restarted) is failed; one that never ran in the background, None."""
    state = read_progress(job)
    if state is None and (job / PAGE_DATA).is_file():
        state = {"state": DONE, "step": "", "done": 0, "total": 0}
    if state is None:
        return None
    if state["state"] == RUNNING and not runner(request).alive(job.name):
        # Ended between the two looks, or its thread died with the server that ran it.
        state["state"] = DONE if (job / PAGE_DATA).is_file() else FAILED
    state["label"] = msg.STEPS.get(str(state.get("step", "")), msg.STEPS[""])
    total, done = int(state.get("total") or 0), int(state.get("done") or 0)
    state["percent"] = min(100, done * 100 // total) if total else 0
    state["text"] = (
        msg.PROGRESS_COUNT.format(done=number(done), total=number(total), percent=state["percent"])
        if total
        else ""
    )
    return state


async def _settled(request: Request, job: Path) -> dict[str, Any] | None:
    """The job's saved page, waiting a moment (the app's settle_s) for a job still running:
    a short job then shows its result at once, without a progress page in between."""
    deadline = time.monotonic() + request.app.state.settle_s
    while not (job / PAGE_DATA).is_file():
        if not runner(request).alive(job.name) or time.monotonic() >= deadline:
            break
        await asyncio.sleep(0.05)
    if not (job / PAGE_DATA).is_file():
        return None
    found: dict[str, Any] = json.loads((job / PAGE_DATA).read_text(encoding="utf-8"))
    return found


def runner(request: Request) -> Runner:
    """The background jobs of the app answering this request."""
    found: Runner = request.app.state.jobs
    return found


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
    current = _page_number(request, pages)
    start = (current - 1) * PER_PAGE
    return {
        "documents": found[start : start + PER_PAGE],
        "total": len(documents),
        "matched": len(found),
        "query": query,
        "current": current,
        "pages": pages,
    }


def _picked(info: dict[str, Any], request: Request) -> dict[str, Any]:
    """What the page of signed scans shows of its pages left: one page of them (`trang`), and
    the documents they may be filed as, those matching the search (`tim`, folded as the unit
    picker folds it) when there are more than a list can offer."""
    choices, left = info.pop("choices"), info.pop("unplaced")
    query = request.query_params.get("tim", "").strip()
    wanted = strip_marks(query)
    found = [c for c in choices if not wanted or wanted in strip_marks(c["label"])]
    pages = max(1, -(-len(left) // LEFT_PER_PAGE))
    current = _page_number(request, pages)
    start = (current - 1) * LEFT_PER_PAGE
    return {
        "choices": found[:PICK_MOST],
        "choices_total": len(choices),
        "choices_more": max(0, len(found) - PICK_MOST),
        "searchable": len(choices) > PICK_MOST,
        "query": query,
        "unplaced": left[start : start + LEFT_PER_PAGE],
        "left_total": len(left),
        "current": current,
        "pages": pages,
    }


def _page_number(request: Request, pages: int) -> int:
    """The page of a list asked (`trang`), between 1 and pages."""
    number = request.query_params.get("trang", "1")
    return min(max(int(number) if number.isdigit() else 1, 1), pages)


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
        SIGNED_ZIP,
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
    """The check form, asking by default for what is due today."""
    return page(request, "check.html", nav="kiem-tra", day=dt.date.today().isoformat())


async def check_post(request: Request) -> Response:
    """Check an uploaded ZIP of documents: what is missing, the files not placed, the matrix."""
    return await run_form(request, "check", check_work, msg.NOT_CHECKED, zip_field=True)


async def report_get(request: Request) -> Response:
    """The year report form."""
    return page(request, "report.html", nav="bao-cao")


async def report_post(request: Request) -> Response:
    """Measure the chosen unit against the targets and write its year report, with a chart."""
    return await run_form(request, "report", _report, msg.NOTHING_WRITTEN)


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
        later = await run_in_threadpool(_generate, request, posted, space, job, manifest=True)
        await run_in_threadpool(later, Tracker(job))
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
        later = await run_in_threadpool(check_work, request, posted, space, job)
        shown = await run_in_threadpool(later, Tracker(job))
    except ValidationError as e:
        discard(job)
        return JSONResponse({"findings": findings(e, space)}, status_code=422)
    return JSONResponse(shown["result"])
