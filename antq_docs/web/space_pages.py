"""The pages of the workspace: the data in use, the sample, "Đơn vị của tôi", the blank forms.

Each change is a small posted form that redirects back to the page it was sent from, so the
pages work without JavaScript and a reload never sends it twice.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from contextlib import AbstractAsyncContextManager
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from antq_docs import resources
from antq_docs.collect.layout import owner_of
from antq_docs.errors import AntqError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.campaign_form_values import typed_date
from antq_docs.inputs.guide import TABLES, blank_workbook, column_guide
from antq_docs.inputs.loading import results_roster
from antq_docs.kinds import REGISTRY, abbr_required_types
from antq_docs.model import UNIT_TYPES
from antq_docs.starter import results_workbook, roster_workbook
from antq_docs.vi import sort_key, strip_marks
from antq_docs.web import actions
from antq_docs.web import messages as msg
from antq_docs.web.intake import try_file
from antq_docs.web.space import ROLES, Space
from antq_docs.web.uploads import posted_form
from antq_docs.web.views import Refused, page, public, settings
from antq_docs.web.workspace import TooLarge, safe_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The blank workbooks offered: file name → table of the column guide.
BLANKS = {
    "danh-sach-don-vi.xlsx": "roster",
    "ket-qua-cuoi-nam.xlsx": "results",
    "ho-gia-dinh.xlsx": "households",
}
UNITS_SHOWN = 50
_BACK = re.compile(r"^/[A-Za-z0-9/_-]*$")


def _posted(request: Request) -> AbstractAsyncContextManager[FormData]:
    """A posted workspace form (a file, a role, a day, the page to go back to), once its origin
    and CSRF token are checked; its spooled file freed on leaving."""
    return posted_form(request, page_form=True, max_files=2, max_fields=10)


def _back(form: FormData) -> RedirectResponse:
    """Back to the page the form was on (only a path of this site)."""
    back = form.get("back")
    target = back if isinstance(back, str) and _BACK.match(back) else "/"
    return RedirectResponse(target, status_code=303)


def _role(form: FormData) -> str:
    """The role a workspace form names, refused when it is not one."""
    role = form.get("role")
    if not isinstance(role, str) or role not in ROLES:
        raise Refused(400, msg.NO_ROLE)
    return role


def _from_date(form: FormData, role: str) -> dt.date | None:
    """The day a roster is in force from ("Từ ngày", empty: the whole year), refused when it
    names no day."""
    typed = form.get("from")
    text = typed.strip() if isinstance(typed, str) else ""
    if role != "roster" or not text:
        return None
    day = typed_date(text)
    if not isinstance(day, dt.date):
        raise Refused(400, msg.BAD_FROM_DATE.format(text=text))
    return day


async def keep(request: Request) -> Response:
    """Keep (or replace) the file of one role in the workspace once the library has read it;
    a roster of one period when its day is sent (field from) or field period=1 says it
    replaces the one given without a day. The page it came from says at its top what was
    kept, or why not with the findings."""
    # A refused form frees its spooled upload too.
    async with _posted(request) as form:
        role = _role(form)
        day = _from_date(form, role)
        upload = form.get("file")
        if not (isinstance(upload, UploadFile) and upload.filename):
            Space.of(request).say({"kind": "error", "text": msg.NO_FILE_CHOSEN})
            return _back(form)
        limit = settings(request).limits.input_bytes
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(limit, upload.filename)
        one_period = form.get("period") == "1"
        name = safe_name(upload.filename, role)
    space = Space.of(request)
    scratch = settings(request).store.new_job()
    try:
        found = await run_in_threadpool(
            try_file, space, scratch, role, name, data, day, one_period=one_period
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    label = msg.ROLE_LABELS[role]
    if found.findings:
        text = msg.FILE_REFUSED.format(name=name, label=label, count=len(found.findings))
        # A results or scores file is most often refused for another roster's codes.
        hint = [msg.OWN_RESULTS_BLANK] if role in ("results", "scores") else []
        space.say({"kind": "error", "text": text, "notices": hint, "findings": found.findings})
        return _back(form)
    space.keep(role, name, data, day, one_period=one_period)
    notices = found.notices
    if space.sample_done():
        notices = [*notices, msg.SAMPLE_STOPPED]
    space.say(
        {"kind": "ok", "text": msg.FILE_KEPT.format(name=name, label=label), "notices": notices}
    )
    return _back(form)


async def forget(request: Request) -> Response:
    """Forget the files of one role, or the roster of one period (field period=1, its day in
    field from, empty for the roster given without a day)."""
    async with _posted(request) as form:
        role = _role(form)
        space = Space.of(request)
        if role == "roster" and form.get("period") == "1":
            space.forget_roster(_from_date(form, role))
        else:
            space.forget(role)
        space.say({"kind": "ok", "text": msg.FILE_FORGOTTEN.format(label=msg.ROLE_LABELS[role])})
        return _back(form)


async def sample(request: Request) -> Response:
    """Use the bundled sample for what was not given, or stop using it."""
    async with _posted(request) as form:
        on = form.get("on") == "1"
        back = _back(form)
    space = Space.of(request)
    space.use_sample(on)
    if on and not space.sample_roles():
        # Everything it would fill is the user's own: it would change nothing.
        space.use_sample(False)
        space.say({"kind": "ok", "text": msg.SAMPLE_NOT_NEEDED})
    else:
        space.say({"kind": "ok", "text": msg.SAMPLE_ON if on else msg.SAMPLE_OFF})
    return back


async def units_page(request: Request) -> Response:
    """The unit picker: the units of the roster in use whose name or code matches the search."""
    space = Space.of(request)
    query = request.query_params.get("tim", "").strip()
    try:
        units = await run_in_threadpool(_units, space, query)
    except AntqError as e:
        error = public(str(e), space)
        return page(
            request, "units.html", 400, nav="don-vi", query=query, units=[], more=0, error=error
        )
    shown = units[:UNITS_SHOWN]
    more = len(units) - len(shown)
    return page(request, "units.html", nav="don-vi", query=query, units=shown, more=more)


def _units(space: Space, query: str) -> list[dict[str, Any]]:
    """The units whose name or code holds the search, diacritics optional: the higher levels
    first (province, district, commune, then the units below), by name within a level."""
    job = space.folder
    loaded = actions.load(actions.Uploads.of(space).plan_and_rosters(), job, year_end=False)
    wanted = strip_marks(query)
    found = [
        u
        for u in loaded.inputs.units()
        if not wanted or wanted in strip_marks(u.name) or wanted in strip_marks(u.code)
    ]
    rank = {t: i for i, t in enumerate(UNIT_TYPES)}
    found.sort(key=lambda u: (rank.get(u.type, len(rank)), sort_key(u.name)))
    return [
        {
            "code": u.code,
            "name": u.name,
            "type": UNIT_TYPES.get(u.type, u.type),
            "parent": u.parent.name if u.parent else "",
            "below": len(u.descendants()),
        }
        for u in found
    ]


async def choose_unit(request: Request) -> Response:
    """Choose "Đơn vị của tôi" (empty: the whole roster)."""
    async with _posted(request) as form:
        code, name = form.get("unit"), form.get("name")
        back = _back(form)
    chosen = code.strip() if isinstance(code, str) and code.strip() else None
    space = Space.of(request)
    named = name if isinstance(name, str) else ""
    space.choose_unit(chosen, named)
    text = msg.UNIT_CHOSEN.format(name=named or chosen) if chosen else msg.UNIT_CLEARED
    space.say({"kind": "ok", "text": text})
    return back


async def blanks_page(request: Request) -> Response:
    """The workbooks an official fills, to download, with the guide of their columns."""
    # A column the reader lets be empty but some documents need (the ký hiệu in their number).
    abbr = {"ky_hieu": [UNIT_TYPES[t] for t in abbr_required_types()]}
    guides = [(key, title, column_guide(key, abbr)) for key, (title, _) in TABLES.items()]
    space = Space.of(request)
    own = space.sample_in_use or (space.file("campaign") is not None and bool(space.rosters()))
    return page(
        request, "blanks.html", nav="mau-bieu", blanks=BLANKS, guides=guides, own_inputs=own
    )


async def blank(request: Request) -> Response:
    """One blank workbook: the roster and households headed, the results of the workspace's
    own units (the sample's only while the sample stands in for the plan or the roster)."""
    name = request.path_params["name"]
    if name not in BLANKS:
        raise Refused(404, msg.NO_FILE)
    data = await run_in_threadpool(_blank, BLANKS[name], Space.of(request))
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type=XLSX, headers=headers)


def _blank(table: str, space: Space) -> bytes:
    """The bytes of a blank workbook."""
    if table == "roster":
        return roster_workbook([], msg.BLANK_ROSTER)
    if table == "results":
        return _results_blank(space)
    return blank_workbook(table)


def _results_blank(space: Space) -> bytes:
    """The results workbook of the workspace: a row per unit that reports results (of "Đơn vị
    của tôi" when chosen) and a row per unit and scoring item of its plan; the sample's filled
    one while the sample stands in for the plan or the roster; headings only before both are
    given."""
    own = space.file("campaign") is not None and bool(space.rosters())
    if space.sample_in_use and not own:
        sample = load_campaign(resources.sample(resources.SAMPLE_CAMPAIGN), kinds=REGISTRY)
        return results_workbook(sample)
    if not own:
        # Nothing to fill the rows from yet: the headings, as for the other tables.
        return blank_workbook("results")
    # Results already given (the workbook to replace) are not read.
    uploads = actions.Uploads.of(space).plan_and_rosters()
    loaded = actions.load(uploads, space.folder, year_end=False)
    scope = actions.subtree(loaded.inputs, space.unit)
    units = [
        u
        for u in results_roster(loaded.inputs)
        if owner_of(u) is not None and (scope is None or u.code in scope)
    ]
    return results_workbook(loaded.inputs.campaign, units)
