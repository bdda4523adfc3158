"""The Starlette app: its routes, how each error is answered, and the layers in front of it.

The handlers are in pages.py (the check's work in check_page.py, the PDF step in printing.py,
background jobs in jobs.py), reading a form in uploads.py, the pages and messages in views.py,
the password and the body limit in guard.py. An app's data folder and limits live in
app.state.settings, so one process may serve several apps (the tests do).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from antq_docs.errors import AntqError, ValidationError
from antq_docs.web import campaign_page, pages, signed_page, space_pages
from antq_docs.web import messages as msg
from antq_docs.web.guard import Guard
from antq_docs.web.jobs import Runner
from antq_docs.web.space import Space, SpaceCookie
from antq_docs.web.views import HERE, Refused, Settings, findings, message, public, too_large_text
from antq_docs.web.workspace import DataDir, Limits, NoSpace, TooLarge, discard, disk_full

log = logging.getLogger("antq_docs.web")
# A job this short shows its result page at once; a longer one shows its progress.
SETTLE_S = 1.5

ROUTES = [
    Route("/", pages.home),
    Route("/soan", pages.generate_page, methods=["POST"]),
    Route("/phieu", pages.forms_page, methods=["POST"]),
    Route("/thu-phieu", pages.collect_page, methods=["POST"]),
    # The address bar after a posted form answered: back to the page of that form.
    Route("/soan", pages.form_page("/")),
    Route("/phieu", pages.form_page("/#phieu")),
    Route("/thu-phieu", pages.form_page("/#thu-phieu")),
    Route("/du-lieu", pages.form_page("/#space")),
    Route("/du-lieu/bo", pages.form_page("/#space")),
    Route("/du-lieu/mau", pages.form_page("/#space")),
    Route("/ket-qua/{job}", pages.result_page),
    Route("/ket-qua/{job}/tien-do", pages.progress_json),
    Route("/tai/{job}/{path:path}", pages.download),
    Route("/kiem-tra", pages.check_get),
    Route("/kiem-tra", pages.check_post, methods=["POST"]),
    Route("/ban-da-ky", signed_page.signed_get),
    Route("/ban-da-ky", signed_page.signed_post, methods=["POST"]),
    Route("/ban-da-ky/{job}/anh/{name}", signed_page.picture),
    Route("/ban-da-ky/{job}/xep", signed_page.assign_post, methods=["POST"]),
    Route("/bao-cao", pages.report_get),
    Route("/bao-cao", pages.report_post, methods=["POST"]),
    Route("/du-lieu", space_pages.keep, methods=["POST"]),
    Route("/du-lieu/bo", space_pages.forget, methods=["POST"]),
    Route("/du-lieu/mau", space_pages.sample, methods=["POST"]),
    Route("/don-vi", space_pages.units_page),
    Route("/don-vi", space_pages.choose_unit, methods=["POST"]),
    Route("/mau-bieu", space_pages.blanks_page),
    Route("/mau-bieu/{name}", space_pages.blank),
    Route("/ke-hoach", campaign_page.campaign_get),
    Route("/ke-hoach", campaign_page.campaign_post, methods=["POST"]),
    Route("/ke-hoach/tai", campaign_page.campaign_download),
    Route("/api/generate", pages.api_generate, methods=["POST"]),
    Route("/api/check", pages.api_check, methods=["POST"]),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


async def on_refused(request: Request, exc: Exception) -> Response:
    """A refusal of a handler: its message and status."""
    assert isinstance(exc, Refused)
    return message(exc.status, exc.message, request.scope)


async def on_antq(request: Request, exc: Exception) -> Response:
    """A library error no handler caught: its message, with the status its class declares."""
    assert isinstance(exc, AntqError)
    space = Space.peek(request.scope)
    # The API answers a program, which reads the command line's words; a page, a person.
    text = str(exc) if request.url.path.startswith("/api/") else public(str(exc), space)
    if isinstance(exc, ValidationError):
        return message(exc.http_status, text, request.scope, findings=findings(exc, space))
    return message(exc.http_status, text, request.scope)


async def on_too_large(request: Request, exc: Exception) -> Response:
    """An upload or a request body over its limit (413)."""
    assert isinstance(exc, TooLarge)
    return message(413, too_large_text(exc.limit, exc.name), request.scope)


async def on_no_space(request: Request, exc: Exception) -> Response:
    """The data folder's disk is full: the request was refused or undone, nothing kept (507)."""
    log.error("ổ đĩa của thư mục dữ liệu đã đầy khi xử lý %s", request.url.path)
    return message(507, msg.DISK_FULL, request.scope)


async def on_http(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such page, wrong method) in Vietnamese."""
    assert isinstance(exc, HTTPException)
    text = {404: msg.NO_PAGE, 405: msg.WRONG_METHOD}
    return message(exc.status_code, text.get(exc.status_code, msg.BAD_REQUEST), request.scope)


async def on_error(request: Request, exc: Exception) -> Response:
    """Anything unexpected: logged with its traceback, answered 500 without it."""
    log.exception("lỗi không mong đợi khi xử lý %s", request.url.path)
    return message(500, msg.UNEXPECTED, request.scope)


Handler = Callable[[Request, Exception], Awaitable[Response]]


def undoing(handler: Handler) -> Handler:
    """handler, after the request's folder is removed: a refused or failed request leaves
    nothing behind. A full disk, wherever it is met, is answered as such (507)."""

    async def handle(request: Request, exc: Exception) -> Response:
        job = getattr(request.state, "job", None)
        if job is not None:
            discard(job)
        if disk_full(exc):
            return await on_no_space(request, exc)
        return await handler(request, exc)

    return handle


HANDLERS: dict[Any, Handler] = {
    error: undoing(handler)
    for error, handler in (
        (Refused, on_refused),
        (AntqError, on_antq),
        (TooLarge, on_too_large),
        (NoSpace, on_no_space),
        (HTTPException, on_http),
        (Exception, on_error),
    )
}


def create_app(
    data: Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    allowed_hosts: list[str] | None = None,
    settle: float = SETTLE_S,
) -> Starlette:
    """The web app over a data folder; password None means no password (loopback only);
    settle: how long a result page waits for a job before showing its progress instead."""
    limits = limits or Limits()
    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=ROUTES, middleware=middleware, exception_handlers=HANDLERS)
    app.state.jobs = Runner()
    # A job still running in the background is never pruned to free space, however old.
    store = DataDir(data, limits.free_bytes, busy=app.state.jobs.alive)
    app.state.settings = Settings(store, limits)
    app.state.settle_s = settle
    app.add_middleware(SpaceCookie)
    app.add_middleware(Guard, password=password, limit=limits.request_bytes)
    return app
