"""The handlers of the web app's routes: each page and API call, and the work it runs.

A handler reads the posted form into a fresh request folder (uploads.read_form), runs the
action in a worker thread (the library is synchronous) and answers with a page or JSON.
Inputs the library refuses come back on the same page, their findings in a table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from antq_docs.check import CheckReport, short_label
from antq_docs.errors import AntqError, ValidationError
from antq_docs.generate import wants_results
from antq_docs.model import UNIT_TYPES
from antq_docs.web import actions
from antq_docs.web.uploads import Posted, read_form
from antq_docs.web.views import Refused, findings, page, settings
from antq_docs.web.workspace import BadZip, Limits, extract_zip


async def home(request: Request) -> Response:
    """The start page: the forms to make documents, forms and results."""
    return page(request, "generate.html", nav="soan", checked=[])


async def generate_page(request: Request) -> Response:
    """Make the ticked kinds' documents, then show them on their result page."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=True)
    asked = _asked(posted.form.getlist("kinds"))
    try:
        done = await run_in_threadpool(_generate, request, posted.uploads, job, asked)
    except ValidationError as e:
        return page(
            request,
            "generate.html",
            422,
            nav="soan",
            checked=asked,
            findings=findings(e),
            error=e.what + ": chưa ghi tệp nào.",
        )
    except AntqError as e:
        return page(request, "generate.html", 400, nav="soan", checked=asked, error=str(e))
    done_path = job / "page.json"
    done_path.write_text(
        json.dumps(
            {"summary": done.summary, "warnings": done.warnings, "documents": done.documents},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return RedirectResponse(f"/ket-qua/{job.name}", status_code=303)


def _asked(values: list[Any]) -> list[str]:
    """The kinds ticked on a form (field `kinds`, repeated)."""
    return [k for k in values if isinstance(k, str)]


def _generate(
    request: Request, uploads: actions.Uploads, job: Path, asked: list[str]
) -> actions.Generated:
    """Load the inputs for the kinds asked and write their documents into the job."""
    loaded = actions.load(uploads, job, year_end=wants_results(asked))
    kinds = actions.choose_kinds(asked, loaded.inputs)
    return actions.generate(loaded, job, kinds, settings(request).store.workspace)


async def forms_page(request: Request) -> Response:
    """Make the collection forms of a level's units, offered as one ZIP."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=True)
    level = _level(posted.form.get("level"))
    try:
        done = await run_in_threadpool(_forms, posted.uploads, job, level)
    except ValidationError as e:
        return page(
            request,
            "generate.html",
            422,
            nav="soan",
            checked=[],
            findings=findings(e),
            error=e.what + ": chưa làm phiếu nào.",
        )
    except AntqError as e:
        return page(request, "generate.html", 400, nav="soan", checked=[], error=str(e))
    return page(request, "generate.html", nav="soan", checked=[], forms_done=done, job=job.name)


def _level(value: Any) -> str:
    """The unit code typed in a form's `level` field, '' when none."""
    return value.strip() if isinstance(value, str) else ""


def _forms(uploads: actions.Uploads, job: Path, level: str) -> actions.Forms:
    """Load the inputs and write the forms into the job."""
    loaded = actions.load(uploads, job, year_end=False)
    return actions.forms(loaded, job, level)


async def collect_page(request: Request) -> Response:
    """Collect the returned forms into one results workbook."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=True, forms_field=True)
    limits = settings(request).limits
    try:
        done = await run_in_threadpool(_collect, posted.uploads, job, limits)
    except ValidationError as e:
        return page(
            request,
            "generate.html",
            422,
            nav="soan",
            checked=[],
            findings=findings(e),
            error=e.what + ": chưa ghi tệp kết quả.",
        )
    except AntqError as e:
        return page(request, "generate.html", 400, nav="soan", checked=[], error=str(e))
    return page(request, "generate.html", nav="soan", checked=[], collected=done, job=job.name)


def _collect(uploads: actions.Uploads, job: Path, limits: Limits) -> actions.Collected:
    """Unpack the ZIPs of forms beside the forms, load the inputs and collect them all."""
    forms = job / "in" / "forms"
    forms.mkdir(parents=True, exist_ok=True)
    zips = job / "in" / "zips"
    for archive in sorted(zips.iterdir()) if zips.is_dir() else []:
        try:
            extract_zip(archive, forms / archive.stem, limits)
        except BadZip as e:
            raise Refused(400, f"Tệp ZIP “{archive.name.split('-', 1)[1]}”: {e}") from e
    loaded = actions.load(uploads, job, year_end=False)
    return actions.collect(loaded, forms, job)


async def result_page(request: Request) -> Response:
    """The documents an earlier generate request wrote, each with its link."""
    job = settings(request).store.job(request.path_params["job"])
    if job is None or not (job / "page.json").is_file():
        raise Refused(404, "Không tìm thấy kết quả này (đã quá 24 giờ hoặc địa chỉ sai).")
    info = json.loads((job / "page.json").read_text(encoding="utf-8"))
    return page(request, "result.html", nav="soan", job=job.name, **info)


async def download(request: Request) -> Response:
    """A file of an earlier request: one of its ZIPs or workbooks, or a document under out/."""
    job = settings(request).store.job(request.path_params["job"])
    rel = request.path_params["path"]
    if job is None:
        raise Refused(404, "Không tìm thấy tệp này.")
    allowed = {
        actions.OUTPUT_ZIP,
        actions.CHECK_XLSX,
        actions.CHART_PNG,
        actions.FORMS_ZIP,
        actions.COLLECTED_XLSX,
    }
    if rel in allowed:
        path = job / rel
    else:
        out = (job / "out").resolve()
        path = (job / rel).resolve()
        if not path.is_relative_to(out) or path.name.startswith("."):
            raise Refused(404, "Không tìm thấy tệp này.")
    if not path.is_file():
        raise Refused(404, "Không tìm thấy tệp này.")
    return FileResponse(path, filename=path.name)


async def check_get(request: Request) -> Response:
    """The check form."""
    return page(request, "check.html", nav="kiem-tra")


async def check_post(request: Request) -> Response:
    """Check an uploaded ZIP of documents: the completeness matrix and the indicators."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=True, zip_field=True)
    try:
        _, data, grid = await run_in_threadpool(_check, request, posted, job)
    except ValidationError as e:
        return page(
            request,
            "check.html",
            422,
            nav="kiem-tra",
            findings=findings(e),
            error=e.what + ": chưa kiểm tra.",
        )
    except AntqError as e:
        return page(request, "check.html", 400, nav="kiem-tra", error=str(e))
    return page(
        request,
        "check.html",
        nav="kiem-tra",
        result=data,
        matrix=grid,
        job=job.name,
        indicators=_check_indicators(data),
    )


def _check(request: Request, posted: Posted, job: Path) -> tuple[CheckReport, dict, dict]:
    """Unpack the documents, load the inputs and check; the report, its JSON and matrix."""
    assert posted.archive is not None
    try:
        docs = extract_zip(posted.archive, job / "docs", settings(request).limits)
    except BadZip as e:
        raise Refused(400, f"Tệp ZIP “{posted.archive_name}”: {e}") from e
    loaded = actions.load(posted.uploads, job, year_end=False)
    report, data = actions.check(loaded, docs, job, posted.archive_name)
    return report, data, actions.matrix(report)


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
    """Measure a level against the targets and write its year report, with a chart."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=True)
    level = _level(posted.form.get("level"))
    try:
        done = await run_in_threadpool(_report, posted.uploads, job, level)
    except ValidationError as e:
        return page(
            request,
            "report.html",
            422,
            nav="bao-cao",
            findings=findings(e),
            error=e.what + ": chưa ghi tệp nào.",
        )
    except AntqError as e:
        return page(request, "report.html", 400, nav="bao-cao", error=str(e))
    return page(request, "report.html", nav="bao-cao", result=done, job=job.name)


def _report(uploads: actions.Uploads, job: Path, level: str) -> actions.Reported:
    """Load the inputs with the year-end results and write the level's report."""
    loaded = actions.load(uploads, job, year_end=True)
    return actions.report(loaded, job, level)


async def api_generate(request: Request) -> Response:
    """API: the documents of the kinds asked, answered as one ZIP (422 with findings)."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=False)
    asked = _asked(posted.form.getlist("kinds"))
    try:
        await run_in_threadpool(_generate, request, posted.uploads, job, asked)
    except ValidationError as e:
        return JSONResponse({"findings": findings(e)}, status_code=422)
    return FileResponse(
        job / actions.OUTPUT_ZIP, media_type="application/zip", filename=actions.OUTPUT_ZIP
    )


async def api_check(request: Request) -> Response:
    """API: check a ZIP of documents, answered as the JSON of `check --json`."""
    job = settings(request).store.new_job()
    posted = await read_form(request, job, page_form=False, zip_field=True)
    try:
        _, data, _ = await run_in_threadpool(_check, request, posted, job)
    except ValidationError as e:
        return JSONResponse({"findings": findings(e)}, status_code=422)
    return JSONResponse(data)
