"""How the web app answers: its pages, its Vietnamese error messages, the app's settings.

A page is a Jinja template of templates/ with the CSRF token of the session; an error is the
same message as JSON for the API (paths under /api/) and as a page for a browser.
"""

from __future__ import annotations

import functools
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates
from starlette.types import Scope

from antq_docs import resources
from antq_docs.errors import AntqError, ValidationError
from antq_docs.generate import DECLARE_PERIODS, SINGLE_ROSTER, Advised
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.campaign_form import describe_key, key_labels, key_names, name_key_paths
from antq_docs.kinds import REGISTRY
from antq_docs.vi import percent
from antq_docs.web import messages as msg
from antq_docs.web.space import ROLES, Space
from antq_docs.web.workspace import JOB_TTL_S, DataDir, Limits

HERE = Path(__file__).resolve().parent
CSRF_COOKIE = "antq_csrf"
CSRF_FIELD = "csrf"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["phan_tram"] = lambda value: "–" if value is None else percent(value)
_env.filters["luc"] = lambda when: when.strftime(msg.WHEN)
_templates = Jinja2Templates(env=_env)


@dataclass(frozen=True)
class Settings:
    """What one app works over: its data folder and its upload limits (in app.state)."""

    store: DataDir
    limits: Limits


def settings(request: Request) -> Settings:
    """The settings of the app answering this request."""
    found: Settings = request.app.state.settings
    return found


def new_job(request: Request) -> Path:
    """A fresh folder for this request's files, removed by the app's error handlers if the
    request is refused or fails (app.undo): a refused request leaves nothing behind."""
    job = settings(request).store.new_job()
    request.state.job = job
    return job


class Refused(Exception):
    """Raised by a handler to answer with a Vietnamese message and an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    """A page of templates/ with the workspace panel and the session's CSRF token (a new
    cookie when it has none)."""
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    for key, empty in (("findings", []), ("notices", []), ("error", None), ("checked", [])):
        context.setdefault(key, empty)
    space = Space.of(request)
    response = _templates.TemplateResponse(
        request,
        name,
        {
            "csrf": token,
            "kinds": list(REGISTRY.values()),
            "here": request.url.path,
            **panel(space),
            **context,
        },
        status_code=status,
    )
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


def panel(space: Space | None) -> dict[str, Any]:
    """What the panel "Dữ liệu đang dùng", the sample banner and the note at the top of the
    page (said: what the last form posted did) show of a workspace."""
    if space is None:
        return {
            "given": None,
            "sample": False,
            "sample_labels": [],
            "jobs": [],
            "my_unit": None,
            "my_unit_name": "",
            "said": None,
            "score_items": 0,
        }
    return {
        "given": [(role, msg.ROLE_LABELS[role], space.entries(role)) for role in ROLES],
        "sample": space.sample_in_use,
        "sample_labels": sample_labels(space),
        "jobs": [(j, msg.JOB_KINDS.get(j.kind, j.kind)) for j in space.jobs(JOB_TTL_S)],
        "my_unit": space.unit,
        "my_unit_name": space.unit_name,
        "said": space.said(),
        "score_items": score_items(space),
    }


def sample_labels(space: Space) -> list[str]:
    """The data the sample stands in for, as the banner names it."""
    return [msg.ROLE_LABELS[r].lower() for r in space.sample_roles()]


def score_items(space: Space) -> int:
    """How many items the scoring sheet of the plan in use has (0: none, or no plan that
    reads): the evaluation then needs every unit's points for each."""
    own = space.file("campaign")
    path = own or (resources.sample(resources.SAMPLE_CAMPAIGN) if space.sample_in_use else None)
    if path is None:
        return 0
    try:
        return _score_items(str(path), path.stat().st_mtime_ns)
    except (AntqError, OSError):
        return 0


@functools.lru_cache(maxsize=64)
def _score_items(path: str, _changed: int) -> int:
    """The number of scoring items of a campaign file (cached until the file changes)."""
    return len(load_campaign(Path(path), kinds=REGISTRY).score_items)


def message(status: int, text: str, scope: Scope, **extra: Any) -> Response:
    """A Vietnamese error: JSON for the API, a page otherwise."""
    headers = (
        {"WWW-Authenticate": 'Basic realm="antq-docs", charset="UTF-8"'} if status == 401 else None
    )
    if scope.get("path", "").startswith("/api/"):
        return JSONResponse({"error": text, **extra}, status_code=status, headers=headers)
    space = Space.peek(scope)
    # No panel on an error page (its forms need the session's token); the banner stays.
    shown = _env.get_template("error.html").render(
        title=msg.ERROR_TITLE,
        message=text,
        nav=None,
        **{
            **panel(None),
            "sample": space is not None and space.sample_in_use,
            "sample_labels": sample_labels(space) if space is not None else [],
        },
    )
    return Response(
        shown, status_code=status, media_type="text/html; charset=utf-8", headers=headers
    )


def too_large_text(limit: int, name: str | None = None) -> str:
    """The message for an upload (name) or a whole request over its limit."""
    what = msg.TOO_LARGE_FILE.format(name=name) if name else msg.TOO_LARGE_REQUEST
    return msg.TOO_LARGE.format(what=what, megabytes=limit / (1 << 20))


def public(text: str, space: Space | None = None, *folders: Path) -> str:
    """A library message as the page shows it: no server folder, the user's own file names,
    the page's field labels instead of the command line's options and the campaign's keys.

    Only whole tokens are replaced, never part of a file name: the user's file names (and any
    word ending in a file suffix) are set aside first and put back last."""
    hidden = [*folders, resources.data_dir("fixtures")]
    if space is not None:
        hidden.append(space.folder)
    for folder in hidden:
        text = text.replace(f"{folder}/", "").replace(str(folder), "")
    names: list[str] = []
    if space is not None:
        for stored, name in space.public_names().items():
            text = text.replace(stored, name)
        names = sorted(set(space.public_names().values()), key=len, reverse=True)
    text, kept = _set_aside(text, names)
    text = _PUBLIC_WORD.sub(lambda m: msg.PUBLIC_WORDS[m.group(0)], text)
    text = name_key_paths(text, _LABELS, _NAMES)
    for index, name in enumerate(kept):
        text = text.replace(_mark(index), name)
    return text


# A word that names a file (its suffix one the page takes or hands out): never reworded.
_FILE_WORD = re.compile(
    r"[^\s“”\"'()<>,;:]+\.(?:xlsx|xlsm|xls|csv|yaml|yml|docx|pdf|zip|png|json)\b", re.IGNORECASE
)


# The command line's words, as whole tokens only (the longest first: "--level" before "--l…").
_PUBLIC_WORD = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(w) for w in sorted(msg.PUBLIC_WORDS, key=len, reverse=True))
    + r")(?![\w-])"
)


def _mark(index: int) -> str:
    """The stand-in of a name set aside: no word, key or option can match it."""
    return f"\x00{index}\x00"


def _set_aside(text: str, names: list[str]) -> tuple[str, list[str]]:
    """text with each of names and each file word replaced by a stand-in, and the list of
    what was set aside (in stand-in order)."""
    kept: list[str] = []

    def aside(name: str) -> str:
        kept.append(name)
        return _mark(len(kept) - 1)

    for name in names:
        if name and name in text:
            text = text.replace(name, aside(name))
    return _FILE_WORD.sub(lambda m: aside(m.group(0)), text), kept


# The campaign's keys by their labels on the year-plan page (Kế hoạch năm).
_LABELS, _NAMES = key_labels(REGISTRY), key_names(REGISTRY)
# The page's words for the advice a warning carries (generate.Advised): done on the page.
_ADVICE = {SINGLE_ROSTER: msg.PAGE_SINGLE_ROSTER_ADVICE, DECLARE_PERIODS: msg.PAGE_PERIODS_ADVICE}


def warning_text(warning: str, space: Space | None = None, *folders: Path) -> str:
    """A library warning as the page shows it (public), with the page's own advice after it
    when it carries one."""
    text = public(warning, space, *folders)
    if isinstance(warning, Advised):
        text = f"{text} {_ADVICE[warning.advice].format(day=warning.day)}"
    return text


def _field_label(column: str | None, field: str | None, space: Space | None) -> str | None:
    """A finding's column (a heading, as the user wrote it) or campaign key, by its label."""
    if column:
        return public(column, space)
    return describe_key(field, _LABELS, _NAMES) if field else None


def findings(error: ValidationError, space: Space | None = None) -> list[dict[str, Any]]:
    """The findings of a ValidationError as the API and the findings table show them."""
    return [
        {
            "file": public(f.file, space) if f.file else f.file,
            "row": f.row,
            "column": _field_label(f.column, f.field, space),
            "message": public(
                msg.FINDING_OF_UNIT.format(unit=f.unit, message=f.message) if f.unit else f.message,
                space,
            ),
        }
        for f in error.findings
    ]
