"""The year-plan page (/ke-hoach): the campaign as a form, prefilled, checked field by field,
kept for this browser and offered as the YAML file the command line reads.

The page posts everything it shows, including the file it was filled from (field `base`), so
keys the form does not show survive every round trip; tables gain and lose rows by posted
buttons (`action` = add:TABLE, remove:TABLE:ROW), which campaign.js does in place when it can.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from antq_docs import indicators
from antq_docs.inputs.campaign import MAX_CAMPAIGN_BYTES, load_campaign
from antq_docs.inputs.campaign_form import (
    LINES,
    ROWS,
    TYPES,
    FormField,
    form_fields,
    form_sections,
)
from antq_docs.inputs.campaign_form_values import (
    FieldProblem,
    FormValues,
    check_form,
    check_text,
    form_values,
    move_year,
    parse_campaign_text,
    posted_values,
    without_empty_rows,
)
from antq_docs.kinds import REGISTRY
from antq_docs.model import Campaign
from antq_docs.resources import SAMPLE_CAMPAIGN, sample
from antq_docs.starter import ROSTER_FILES
from antq_docs.web import campaign_messages as msg
from antq_docs.web import messages as web_msg
from antq_docs.web.space import Space
from antq_docs.web.uploads import posted_form
from antq_docs.web.views import Refused, page

# A campaign's form posts a few hundred fields (eleven targets of seven columns, ten dates…).
MAX_FIELDS = 5000
DOWNLOAD_NAME = "ke-hoach.yaml"
# Where the page shows what: the sample, the browser's kept plan, or an uploaded file.
SAMPLE, KEPT, UPLOADED = "mau", "da-luu", "tep"


@dataclass(frozen=True)
class _Shown:
    """What a posted form was filled from: the campaign file's text, and which one it was."""

    base: str
    origin: str


def _kept_campaign(request: Request) -> Path | None:
    """The campaign kept for this browser, if any."""
    return Space.of(request).file("campaign")


def _keep_campaign(request: Request, data: bytes) -> None:
    """Keep a campaign for this browser, replacing the one kept before."""
    Space.of(request).keep("campaign", DOWNLOAD_NAME, data)


def _sample_text() -> str:
    """The sample plan as the form shows it: its rosters named as `init`'s workbooks are
    (danh-sach-kon-tum.xlsx), not by the bundled sample's English file names."""
    text = sample(SAMPLE_CAMPAIGN).read_text(encoding="utf-8")
    for old, new in ROSTER_FILES.items():
        text = text.replace(f"tep: {old}\n", f"tep: {new}\n")
    return text


async def campaign_get(request: Request) -> Response:
    """The form, prefilled from the plan kept for this browser, else from the sample."""
    return _start(request)


def _start(request: Request, status: int = 200, error: str | None = None) -> Response:
    """The form as a visit finds it: the kept plan, else the sample (said so)."""
    kept = _kept_campaign(request)
    if kept is not None:
        # Kept by another page as uploaded, it may not be text: the form then shows what it can.
        text = kept.read_bytes().decode("utf-8-sig", errors="replace")
        origin, notices = KEPT, [msg.KEPT_SHOWN]
    else:
        text, origin, notices = _sample_text(), SAMPLE, []
    values = form_values(parse_campaign_text(text), REGISTRY)
    return _page(
        request, status, base=text, values=values, origin=origin, notices=notices, error=error
    )


async def campaign_post(request: Request) -> Response:
    """Open an uploaded file, add or remove a row, or check and keep the plan."""
    async with posted_form(request, page_form=True, max_files=1, max_fields=MAX_FIELDS) as form:
        action = form.get("action")
        if action == "upload":
            return await _opened(request, form.get("tep"))
        base = form.get("base")
        base_text = base if isinstance(base, str) else ""
        origin = form.get("origin")
        shown = _Shown(base_text, origin if origin in (SAMPLE, KEPT, UPLOADED) else SAMPLE)
        values = posted_values(form.multi_items(), REGISTRY)
    if isinstance(action, str) and action.startswith(("add:", "remove:")):
        return _changed_rows(request, action, values, shown)
    return await _saved(request, values, shown)


async def _opened(request: Request, upload: Any) -> Response:
    """The form prefilled from an uploaded campaign file, with the file's own problems."""
    if not (isinstance(upload, UploadFile) and upload.filename):
        return _start(request, 400, msg.NO_FILE)
    name = Path(upload.filename.replace("\\", "/")).name
    raw = await upload.read(MAX_CAMPAIGN_BYTES + 1)
    if len(raw) > MAX_CAMPAIGN_BYTES:
        return _start(request, 400, msg.TOO_LARGE.format(name=name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _start(request, 400, msg.NOT_UTF8.format(name=name))
    data = parse_campaign_text(text)
    _, problems = await run_in_threadpool(check_text, text, REGISTRY)
    if not isinstance(data, dict):
        reason = problems[0].message if problems else ""
        return _start(request, 400, msg.NOT_YAML.format(name=name, reason=reason))
    return _page(
        request,
        200,
        base=text,
        values=form_values(data, REGISTRY),
        origin=UPLOADED,
        notices=[msg.UPLOAD_SHOWN.format(name=name)],
        problems=problems,
        problems_title=msg.UPLOAD_PROBLEMS.format(name=name, count=len(problems)),
    )


def _changed_rows(request: Request, action: str, values: FormValues, shown: _Shown) -> Response:
    """The form with a row added to or removed from one of its tables, nothing checked."""
    verb, _, rest = action.partition(":")
    table, _, row = rest.partition(":")
    field = next((f for f in form_fields(REGISTRY) if f.name == table), None)
    if field is None or field.type not in (LINES, ROWS):
        raise Refused(400, msg.BAD_ACTION)
    rows = values[table]
    focus = None
    if verb == "add":
        rows.append(_empty_row(field))
        first = f".{field.columns[0].name}" if field.type == ROWS else ""
        focus = f"{table}[{len(rows)}]{first}"
    elif row.isdigit() and len(row) <= len(str(len(rows))) and 1 <= int(row) <= len(rows):
        del rows[int(row) - 1]
    return _page(request, 200, base=shown.base, values=values, origin=shown.origin, focus=focus)


def _empty_row(table: FormField) -> Any:
    """A row just added to a table: every column empty, nothing ticked."""
    if table.type == LINES:
        return ""
    return {c.name: [] if c.type == TYPES else "" for c in table.columns}


async def _saved(request: Request, values: FormValues, shown: _Shown) -> Response:
    """Check the plan with the command line's loader; keep it when it loads, else show why."""
    moved = move_year(
        without_empty_rows(values, REGISTRY), parse_campaign_text(shown.base), REGISTRY
    )
    values = moved.values
    year_notice = msg.YEAR_MOVED.format(old=moved.old, new=moved.new) if moved.moved else None
    checked = await run_in_threadpool(check_form, values, moved.base, REGISTRY)
    if checked.campaign is None:
        count = len(checked.problems)
        return _page(
            request,
            422,
            values=values,
            problems=checked.problems,
            problems_title=msg.FORM_PROBLEMS.format(count=count),
            # The file as written from the form: the moved dates of the keys it does not show
            # go back with the page.
            base=checked.text,
            origin=shown.origin,
            notices=[year_notice] if year_notice else [],
        )
    _keep_campaign(request, checked.text.encode("utf-8"))
    saved = msg.SAVED.format(year=checked.campaign.year, province=checked.campaign.province)
    notices = [year_notice] if year_notice else []
    notices += _still_the_sample(checked.campaign, moved.old if moved.moved else None)
    if Space.of(request).sample_done():
        notices.append(web_msg.SAMPLE_STOPPED)
    return _page(
        request,
        200,
        base=checked.text,
        values=form_values(parse_campaign_text(checked.text), REGISTRY),
        origin=KEPT,
        saved=saved,
        notices=notices,
    )


def _still_the_sample(campaign: Campaign, old_year: int | None) -> list[str]:
    """What of the saved plan is still the sample's, or of the year it was moved from: the
    province and its plan, and targets whose words still name the old year."""
    notices = []
    sample_plan = _sample_campaign()
    if (campaign.province, campaign.plan.number) == (
        sample_plan.province,
        sample_plan.plan.number,
    ):
        notices.append(msg.STILL_SAMPLE.format(province=campaign.province))
    if old_year is not None:
        dated = [str(i) for i, t in enumerate(campaign.targets, 1) if str(old_year) in t.text]
        if dated:
            notices.append(msg.TARGETS_OLD_YEAR.format(year=old_year, targets=", ".join(dated)))
    return notices


@functools.lru_cache(maxsize=1)
def _sample_campaign() -> Campaign:
    """The bundled sample plan, read once: what a saved plan is compared with."""
    return load_campaign(sample(SAMPLE_CAMPAIGN), kinds=REGISTRY)


async def campaign_download(request: Request) -> Response:
    """The plan kept for this browser, as the YAML file the command line reads."""
    kept = _kept_campaign(request)
    if kept is None:
        raise Refused(404, msg.NOTHING_KEPT)
    return Response(
        kept.read_bytes(),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{DOWNLOAD_NAME}"'},
    )


def field_id(name: str) -> str:
    """The HTML id of a field by its name: chi_tieu[3].ma → f-chi_tieu-3-ma."""
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", name).strip("-")


def _page(
    request: Request,
    status: int,
    *,
    base: str,
    values: FormValues,
    origin: str,
    notices: list[str] | None = None,
    problems: list[FieldProblem] | None = None,
    **context: Any,
) -> Response:
    """The campaign page: the form with its values, each problem beside its field."""
    problems = problems or []
    beside: dict[str, list[str]] = {}
    for problem in problems:
        beside.setdefault(problem.name, []).append(problem.message)
    on_page = _names_on_page(values)
    context.setdefault("problems_title", "")
    context.setdefault("saved", None)
    context.setdefault("focus", None)
    return page(
        request,
        "campaign.html",
        status,
        nav="ke-hoach",
        sections=form_sections(REGISTRY, indicators.LABELS),
        values=values,
        base=base,
        origin=origin,
        sample_shown=origin == SAMPLE,
        notices=notices or [],
        problems=[
            {"label": p.label, "message": p.message, "anchor": _anchor(p.name, on_page)}
            for p in problems
        ],
        opened=_opened_sections(problems, context["focus"]),
        beside=beside,
        empty={f.name: _empty_row(f) for f in form_fields(REGISTRY) if f.type in (LINES, ROWS)},
        fid=field_id,
        msg=msg,
        **context,
    )


# Where a problem of a key the form does not show points: the field that opens a whole file.
UPLOAD_FIELD = "upload"


def _anchor(name: str, on_page: set[str]) -> str:
    """The id a problem links to: its field, else the nearest field or table above it that the
    page shows, else the field that opens a corrected file (every refusal points somewhere)."""
    path = name
    while path:
        if path in on_page:
            return field_id(path)
        path = re.sub(r"(\.[^.\[\]]*|\[\d+\])$", "", path) if re.search(r"[.\[]", path) else ""
    return UPLOAD_FIELD


def _opened_sections(problems: list[FieldProblem], focus: str | None) -> set[int]:
    """The sections shown open: the first, and each with a problem or the field to focus."""
    opened = {1}
    tops = {re.split(r"[\[]", p.name)[0] for p in problems} | {re.split(r"[\[]", focus or "")[0]}
    for index, section in enumerate(form_sections(REGISTRY), start=1):
        if any(f.name in tops for f in section.fields):
            opened.add(index)
    return opened


def _names_on_page(values: FormValues) -> set[str]:
    """The names of the fields, tables and rows the page shows (what a problem can link to)."""
    names = set()
    for field in form_fields(REGISTRY):
        names.add(field.name)
        if field.type in (LINES, ROWS):
            for index in range(1, len(values.get(field.name) or []) + 1):
                names.add(f"{field.name}[{index}]")
                names.update(f"{field.name}[{index}].{c.name}" for c in field.columns)
    return names
