"""The Starlette app: pages, the API, password, CSRF token, upload limits, error messages.

Password (when set): every request carries it as HTTP Basic (any user name) or as the header
`Authorization: Bearer PW`. Page forms carry a per-session CSRF token (cookie + hidden field
`csrf`); the API needs none, but refuses a browser request from another site (Origin header).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from antq_docs.errors import AntqError, ValidationError
from antq_docs.kinds import REGISTRY
from antq_docs.web import actions
from antq_docs.web.workspace import (
    BadZip,
    DataDir,
    Limits,
    TooLarge,
    extract_zip,
    safe_name,
    save_upload,
)

log = logging.getLogger("antq_docs.web")
_HERE = Path(__file__).resolve().parent
CSRF_COOKIE = "antq_csrf"
CSRF_FIELD = "csrf"
INPUT_FIELDS = ("campaign", "units", "results", "scores")
# Returned forms come as many .xlsx files (one per unit) or ZIPs of them, in one request.
MAX_FORM_FILES = 1000
FORM_SUFFIXES = (".xlsx", ".xlsm")


class Refused(Exception):
    """Raised by a handler to answer with a Vietnamese message and an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _mb(n: int) -> str:
    return f"{n / (1 << 20):g} MB"


class _Guard:
    """ASGI layer: the password on every request, and the request-body limit."""

    def __init__(self, app: ASGIApp, password: str | None, limit: int) -> None:
        self.app = app
        self.password = password
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope["headers"]}
        if self.password is not None and not _authorised(headers.get("authorization", ""),
                                                         self.password):
            await _message(401, "Cần mật khẩu để dùng trang này.", scope)(scope, receive, send)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            await _message(413, _too_large_text(self.limit), scope)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


def _authorised(header: str, password: str) -> bool:
    scheme, _, value = header.partition(" ")
    given = ""
    if scheme.lower() == "bearer":
        given = value.strip()
    elif scheme.lower() == "basic":
        try:
            given = base64.b64decode(value.strip()).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    return hmac.compare_digest(given.encode(), password.encode())


def _too_large_text(limit: int, name: str | None = None) -> str:
    what = f"Tệp “{name}”" if name else "Dữ liệu gửi lên"
    return f"{what} quá lớn: giới hạn là {_mb(limit)}. Hãy chia nhỏ hoặc nén lại tệp."


def _is_api(scope: Scope) -> bool:
    return scope.get("path", "").startswith("/api/")


def _message(status: int, message: str, scope: Scope, **extra: Any) -> Response:
    """A Vietnamese error: JSON for the API, a page otherwise."""
    headers = {"WWW-Authenticate": 'Basic realm="antq-docs", charset="UTF-8"'} \
        if status == 401 else None
    if _is_api(scope):
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
    page = _env.get_template("error.html").render(title="Không thực hiện được",
                                                  message=message, nav=None)
    return Response(page, status_code=status, media_type="text/html; charset=utf-8",
                    headers=headers)


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE / "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined,
)


def create_app(data: Path, *, password: str | None = None, limits: Limits | None = None,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The web app over a data folder; password None means no password (loopback only)."""
    limits = limits or Limits()
    store = DataDir(data)
    templates = Jinja2Templates(env=_env)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        context.setdefault("findings", [])
        context.setdefault("notices", [])
        context.setdefault("error", None)
        response = templates.TemplateResponse(
            request, name, {"csrf": token, "kinds": list(REGISTRY.values()), **context},
            status_code=status)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    def same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None:
            return True
        return origin.split("://", 1)[-1] == request.headers.get("host", "")

    async def read_form(request: Request, job: Path, *, page_form: bool,
                        zip_field: bool = False, forms_field: bool = False,
                        ) -> tuple[FormData, actions.Uploads, Path | None, str]:
        """Parse the multipart form, check the CSRF token, save the files into the job.

        forms_field: the returned forms (field `forms`, repeated) go to the job's in/forms/,
        ZIPs of them to in/zips/, to be unpacked by the action.
        """
        if not same_origin(request):
            raise Refused(403, "Yêu cầu đến từ một trang khác, bị từ chối.")
        most = MAX_FORM_FILES + len(INPUT_FIELDS) if forms_field else 10
        form = await request.form(max_files=most, max_fields=50)
        try:
            used = await _use_form(request, form, job, page_form, zip_field)
            if forms_field:
                await _save_forms(form, job)
            return used
        finally:
            # The uploads are copied into the job (or refused): free their spooled files now.
            await form.close()

    async def _use_form(request: Request, form: FormData, job: Path, page_form: bool,
                        zip_field: bool) -> tuple[FormData, actions.Uploads, Path | None, str]:
        if page_form:
            token = form.get(CSRF_FIELD)
            cookie = request.cookies.get(CSRF_COOKIE)
            if not (isinstance(token, str) and cookie
                    and hmac.compare_digest(token.encode(), cookie.encode())):
                raise Refused(403, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ: tải "
                                   "lại trang rồi gửi lại.")
        uploads = actions.Uploads()
        for field in INPUT_FIELDS:
            upload = form.get(field)
            if isinstance(upload, UploadFile) and upload.filename:
                name = safe_name(upload.filename, field)
                target = job / "in" / field / name
                await _save(upload, target, limits.input_bytes, name)
                setattr(uploads, field, target)
        archive = None
        archive_name = ""
        if zip_field:
            upload = form.get("docs")
            if not (isinstance(upload, UploadFile) and upload.filename):
                raise Refused(400, "Chưa chọn tệp ZIP văn bản (ô Hồ sơ văn bản).")
            archive_name = safe_name(upload.filename, "van-ban.zip")
            archive = job / "docs.zip"
            await _save(upload, archive, limits.zip_bytes, archive_name)
        return form, uploads, archive, archive_name

    async def _save_forms(form: FormData, job: Path) -> None:
        """Save the uploaded forms (.xlsx) and ZIPs of forms into the job, each under its name."""
        uploads = [u for u in form.getlist("forms") if isinstance(u, UploadFile) and u.filename]
        if not uploads:
            raise Refused(400, "Chưa chọn phiếu đã điền (ô Phiếu đã điền: các tệp .xlsx hoặc "
                               "một tệp ZIP).")
        for index, upload in enumerate(uploads, start=1):
            name = safe_name(upload.filename or "", f"phieu-{index}.xlsx")
            suffix = Path(name).suffix.lower()
            if suffix == ".zip":
                await _save(upload, job / "in" / "zips" / f"{index}-{name}", limits.zip_bytes,
                            name)
            elif suffix in FORM_SUFFIXES:
                target = job / "in" / "forms" / name
                if target.exists():
                    target = target.with_name(f"{index}-{name}")
                await _save(upload, target, limits.input_bytes, name)
            else:
                raise Refused(400, f"Tệp “{name}” không phải phiếu .xlsx hay tệp ZIP các phiếu.")

    async def _save(upload: UploadFile, target: Path, limit: int, name: str) -> None:
        async def chunks():
            while True:
                chunk = await upload.read(1 << 16)
                if not chunk:
                    return
                yield chunk
        await save_upload(chunks(), target, limit, name)

    async def home(request: Request) -> Response:
        return page(request, "generate.html", nav="soan", checked=[])

    async def generate_page(request: Request) -> Response:
        job = store.new_job()
        form, uploads, _, _ = await read_form(request, job, page_form=True)
        asked = [k for k in form.getlist("kinds") if isinstance(k, str)]
        try:
            done = await run_in_threadpool(_generate, uploads, job, asked)
        except ValidationError as e:
            return page(request, "generate.html", 422, nav="soan", checked=asked,
                        findings=_findings(e), error=e.what + ": chưa ghi tệp nào.")
        except AntqError as e:
            return page(request, "generate.html", 400, nav="soan", checked=asked, error=str(e))
        done_path = job / "page.json"
        done_path.write_text(json.dumps({"summary": done.summary, "warnings": done.warnings,
                                         "documents": done.documents}, ensure_ascii=False),
                             encoding="utf-8")
        return RedirectResponse(f"/ket-qua/{job.name}", status_code=303)

    def _generate(uploads: actions.Uploads, job: Path, asked: list[str]) -> actions.Generated:
        year_end = any(REGISTRY[k].needs_results for k in asked if k in REGISTRY) or not asked
        loaded = actions.load(uploads, job, year_end=year_end)
        kinds = actions.choose_kinds(asked, loaded.inputs)
        return actions.generate(loaded, job, kinds, store.workspace)

    async def forms_page(request: Request) -> Response:
        job = store.new_job()
        form, uploads, _, _ = await read_form(request, job, page_form=True)
        level = form.get("level")
        level = level.strip() if isinstance(level, str) else ""
        try:
            done = await run_in_threadpool(_forms, uploads, job, level)
        except ValidationError as e:
            return page(request, "generate.html", 422, nav="soan", checked=[],
                        findings=_findings(e), error=e.what + ": chưa làm phiếu nào.")
        except AntqError as e:
            return page(request, "generate.html", 400, nav="soan", checked=[], error=str(e))
        return page(request, "generate.html", nav="soan", checked=[], forms_done=done,
                    job=job.name)

    def _forms(uploads: actions.Uploads, job: Path, level: str) -> actions.Forms:
        loaded = actions.load(uploads, job, year_end=False)
        return actions.forms(loaded, job, level)

    async def collect_page(request: Request) -> Response:
        job = store.new_job()
        _, uploads, _, _ = await read_form(request, job, page_form=True, forms_field=True)
        try:
            done = await run_in_threadpool(_collect, uploads, job)
        except ValidationError as e:
            return page(request, "generate.html", 422, nav="soan", checked=[],
                        findings=_findings(e), error=e.what + ": chưa ghi tệp kết quả.")
        except AntqError as e:
            return page(request, "generate.html", 400, nav="soan", checked=[], error=str(e))
        return page(request, "generate.html", nav="soan", checked=[], collected=done,
                    job=job.name)

    def _collect(uploads: actions.Uploads, job: Path) -> actions.Collected:
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
        job = store.job(request.path_params["job"])
        if job is None or not (job / "page.json").is_file():
            raise Refused(404, "Không tìm thấy kết quả này (đã quá 24 giờ hoặc địa chỉ sai).")
        info = json.loads((job / "page.json").read_text(encoding="utf-8"))
        return page(request, "result.html", nav="soan", job=job.name, **info)

    async def download(request: Request) -> Response:
        job = store.job(request.path_params["job"])
        rel = request.path_params["path"]
        if job is None:
            raise Refused(404, "Không tìm thấy tệp này.")
        allowed = {actions.OUTPUT_ZIP, actions.CHECK_XLSX, actions.CHART_PNG, actions.FORMS_ZIP,
                   actions.COLLECTED_XLSX}
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
        return page(request, "check.html", nav="kiem-tra")

    async def check_post(request: Request) -> Response:
        job = store.new_job()
        _, uploads, archive, name = await read_form(request, job, page_form=True, zip_field=True)
        try:
            _, data, grid = await run_in_threadpool(_check, uploads, job, archive, name)
        except ValidationError as e:
            return page(request, "check.html", 422, nav="kiem-tra", findings=_findings(e),
                        error=e.what + ": chưa kiểm tra.")
        except AntqError as e:
            return page(request, "check.html", 400, nav="kiem-tra", error=str(e))
        return page(request, "check.html", nav="kiem-tra", result=data, matrix=grid,
                    job=job.name, indicators=_check_indicators(data))

    def _check(uploads: actions.Uploads, job: Path, archive: Path, name: str):
        try:
            docs = extract_zip(archive, job / "docs", limits)
        except BadZip as e:
            raise Refused(400, f"Tệp ZIP “{name}”: {e}") from e
        loaded = actions.load(uploads, job, year_end=False)
        report, data = actions.check(loaded, docs, job, name)
        return report, data, actions.matrix(report)

    async def report_get(request: Request) -> Response:
        return page(request, "report.html", nav="bao-cao")

    async def report_post(request: Request) -> Response:
        job = store.new_job()
        form, uploads, _, _ = await read_form(request, job, page_form=True)
        level = form.get("level")
        level = level.strip() if isinstance(level, str) else ""
        try:
            done = await run_in_threadpool(_report, uploads, job, level)
        except ValidationError as e:
            return page(request, "report.html", 422, nav="bao-cao", findings=_findings(e),
                        error=e.what + ": chưa ghi tệp nào.")
        except AntqError as e:
            return page(request, "report.html", 400, nav="bao-cao", error=str(e))
        return page(request, "report.html", nav="bao-cao", result=done, job=job.name)

    def _report(uploads: actions.Uploads, job: Path, level: str) -> actions.Reported:
        loaded = actions.load(uploads, job, year_end=True)
        return actions.report(loaded, job, level)

    async def api_generate(request: Request) -> Response:
        job = store.new_job()
        form, uploads, _, _ = await read_form(request, job, page_form=False)
        asked = [k for k in form.getlist("kinds") if isinstance(k, str)]
        try:
            await run_in_threadpool(_generate, uploads, job, asked)
        except ValidationError as e:
            return JSONResponse({"findings": _findings(e)}, status_code=422)
        return FileResponse(job / actions.OUTPUT_ZIP, media_type="application/zip",
                            filename=actions.OUTPUT_ZIP)

    async def api_check(request: Request) -> Response:
        job = store.new_job()
        _, uploads, archive, name = await read_form(request, job, page_form=False,
                                                    zip_field=True)
        try:
            _, data, _ = await run_in_threadpool(_check, uploads, job, archive, name)
        except ValidationError as e:
            return JSONResponse({"findings": _findings(e)}, status_code=422)
        return JSONResponse(data)

    async def on_refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return _message(exc.status, exc.message, request.scope)

    async def on_antq(request: Request, exc: Exception) -> Response:
        # Library errors become messages here, once (as the CLI's _Group does).
        if isinstance(exc, ValidationError):
            return _message(422, str(exc), request.scope, findings=_findings(exc))
        status = 400 if exc.__class__.__name__ in ("UsageError", "InputError") else 422
        return _message(status, str(exc), request.scope)

    async def on_too_large(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TooLarge)
        return _message(413, _too_large_text(exc.limit, exc.name), request.scope)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        text = {404: "Không có trang này.", 405: "Trang này không nhận kiểu yêu cầu đó."}
        return _message(exc.status_code, text.get(exc.status_code, "Yêu cầu không hợp lệ."),
                        request.scope)

    async def on_error(request: Request, exc: Exception) -> Response:
        log.exception("lỗi không mong đợi khi xử lý %s", request.url.path)
        return _message(500, "Có lỗi không mong đợi; chưa ghi tệp nào cho yêu cầu này. Hãy thử "
                             "lại, và báo người quản trị nếu lỗi còn.", request.scope)

    routes = [
        Route("/", home),
        Route("/soan", generate_page, methods=["POST"]),
        Route("/phieu", forms_page, methods=["POST"]),
        Route("/thu-phieu", collect_page, methods=["POST"]),
        Route("/ket-qua/{job}", result_page),
        Route("/tai/{job}/{path:path}", download),
        Route("/kiem-tra", check_get),
        Route("/kiem-tra", check_post, methods=["POST"]),
        Route("/bao-cao", report_get),
        Route("/bao-cao", report_post, methods=["POST"]),
        Route("/api/generate", api_generate, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
    ]
    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        Refused: on_refused, AntqError: on_antq, TooLarge: on_too_large,
        HTTPException: on_http, Exception: on_error,
    }
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.add_middleware(_Guard, password=password, limit=limits.request_bytes)
    return app


def _findings(error: ValidationError) -> list[dict[str, Any]]:
    """The findings of a ValidationError as the API and the findings table show them."""
    return [{"file": f.file, "row": f.row, "column": f.column or f.field,
             "message": f.message if not f.unit else f"đơn vị {f.unit}: {f.message}"}
            for f in error.findings]


def _check_indicators(data: dict) -> list[dict[str, Any]]:
    """The check JSON's indicators as table rows."""
    from antq_docs.check import short_label
    from antq_docs.model import UNIT_TYPES

    rows = []
    for info in data["indicators"].values():
        for unit_type, v in info["by_type"].items():
            shown = ", ".join(short_label(k) for k in info["kinds"])
            rows.append({"kind": shown, "type": UNIT_TYPES.get(unit_type, unit_type),
                         "present": v["present"], "units": v["units"], "share": v["share"],
                         "target": v["target"], "strict": v["comparison"] == ">",
                         "met": v["met"]})
    return rows
