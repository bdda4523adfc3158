"""How the web app answers: its pages, its Vietnamese error messages, the app's settings.

A page is a Jinja template of templates/ with the CSRF token of the session; an error is the
same message as JSON for the API (paths under /api/) and as a page for a browser.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates
from starlette.types import Scope

from antq_docs.errors import ValidationError
from antq_docs.kinds import REGISTRY
from antq_docs.web.workspace import DataDir, Limits

HERE = Path(__file__).resolve().parent
CSRF_COOKIE = "antq_csrf"
CSRF_FIELD = "csrf"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
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


class Refused(Exception):
    """Raised by a handler to answer with a Vietnamese message and an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    """A page of templates/, given the session's CSRF token (a new cookie when it has none)."""
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    context.setdefault("findings", [])
    context.setdefault("notices", [])
    context.setdefault("error", None)
    response = _templates.TemplateResponse(
        request,
        name,
        {"csrf": token, "kinds": list(REGISTRY.values()), **context},
        status_code=status,
    )
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


def message(status: int, text: str, scope: Scope, **extra: Any) -> Response:
    """A Vietnamese error: JSON for the API, a page otherwise."""
    headers = (
        {"WWW-Authenticate": 'Basic realm="antq-docs", charset="UTF-8"'} if status == 401 else None
    )
    if scope.get("path", "").startswith("/api/"):
        return JSONResponse({"error": text, **extra}, status_code=status, headers=headers)
    shown = _env.get_template("error.html").render(
        title="Không thực hiện được", message=text, nav=None
    )
    return Response(
        shown, status_code=status, media_type="text/html; charset=utf-8", headers=headers
    )


def too_large_text(limit: int, name: str | None = None) -> str:
    """The message for an upload (name) or a whole request over its limit."""
    what = f"Tệp “{name}”" if name else "Dữ liệu gửi lên"
    return f"{what} quá lớn: giới hạn là {limit / (1 << 20):g} MB. Hãy chia nhỏ hoặc nén lại tệp."


def findings(error: ValidationError) -> list[dict[str, Any]]:
    """The findings of a ValidationError as the API and the findings table show them."""
    return [
        {
            "file": f.file,
            "row": f.row,
            "column": f.column or f.field,
            "message": f.message if not f.unit else f"đơn vị {f.unit}: {f.message}",
        }
        for f in error.findings
    ]
