"""Reading a posted form: the origin and CSRF checks, then every file saved into the request.

Page forms carry a per-session CSRF token (cookie + hidden field `csrf`); the API needs none,
but refuses a browser request from another site (Origin header).
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from antq_docs.web import messages as msg
from antq_docs.web.space import Space
from antq_docs.web.views import CSRF_COOKIE, CSRF_FIELD, Refused, settings
from antq_docs.web.workspace import Limits, safe_name, save_upload

# Each file field of the forms and the API, and the workspace role its file is kept as.
INPUT_FIELDS = {
    "campaign": "campaign",
    "units": "roster",
    "results": "results",
    "scores": "scores",
    "households": "households",
}
# Returned forms come as many .xlsx files (one per unit) or ZIPs of them, in one request.
MAX_FORM_FILES = 1000
# The fields of the action forms (kinds ticked, a unit, a day…): a few dozen at most.
MAX_FIELDS = 50
FORM_SUFFIXES = (".xlsx", ".xlsm")
# Signed scans: PDFs and photos, as intake reads them.
SCAN_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".heic", ".heif")
# Where a request's scans are saved, and the ZIPs of scans before they are unpacked.
SCANS, SCAN_ZIPS = "scans", "scan-zips"


@dataclass
class Posted:
    """A posted form with its files saved: the fields, the inputs, the docs ZIP and its name."""

    form: FormData
    uploads: dict[str, tuple[str, Path]]
    archive: Path | None = None
    archive_name: str = ""

    def keep(self, space: Space) -> None:
        """Keep the input files given with this request in the workspace, for this request
        and the next ones."""
        for field, (name, path) in self.uploads.items():
            space.keep(INPUT_FIELDS[field], name, path)


def same_origin(request: Request) -> bool:
    """Whether a request comes from this site's own pages (or from no browser page at all)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1] == request.headers.get("host", "")


@asynccontextmanager
async def posted_form(
    request: Request, *, page_form: bool, max_files: int, max_fields: int = MAX_FIELDS
) -> AsyncIterator[FormData]:
    """The posted form, refused when it comes from another site, or (page_form) without the
    session's CSRF token, or with more files or fields than the form has; its spooled files
    are freed on leaving."""
    if not same_origin(request):
        raise Refused(403, msg.OTHER_SITE)
    form = await request.form(max_files=max_files, max_fields=max_fields)
    try:
        if page_form:
            check_token(request, form)
        yield form
    finally:
        await form.close()


async def read_form(
    request: Request,
    job: Path,
    *,
    page_form: bool,
    zip_field: bool = False,
    forms_field: bool = False,
    scans_field: bool = False,
) -> Posted:
    """Parse the multipart form, check the CSRF token, save the files into the job.

    zip_field: the form must carry a ZIP of documents (field `docs`), saved as docs.zip.
    forms_field: the returned forms (field `forms`, repeated) go to the job's in/forms/,
    ZIPs of them to in/zips/, to be unpacked by the action.
    scans_field: the signed scans (field `scans`, repeated) go to in/scans/, ZIPs of them to
    in/scan-zips/.
    """
    limits = settings(request).limits
    many = forms_field or scans_field
    most = MAX_FORM_FILES + len(INPUT_FIELDS) + 1 if many else 10
    # The uploads are copied into the job (or refused) before the form's files are freed.
    async with posted_form(request, page_form=page_form, max_files=most) as form:
        posted = Posted(form, await _save_inputs(form, job, limits))
        if zip_field:
            posted.archive_name, posted.archive = await _save_docs(form, job, limits)
        if forms_field:
            await _save_forms(form, job, limits)
        if scans_field:
            await _save_scans(form, job, limits)
        return posted


def check_token(request: Request, form: FormData) -> None:
    """Refuse a page form whose CSRF field is not the session's cookie."""
    token = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not (
        isinstance(token, str) and cookie and hmac.compare_digest(token.encode(), cookie.encode())
    ):
        raise Refused(403, msg.SESSION_EXPIRED)


async def _save_inputs(form: FormData, job: Path, limits: Limits) -> dict[str, tuple[str, Path]]:
    """Save the input files given under the job's in/: field → (name given, saved path)."""
    uploads = {}
    for field in INPUT_FIELDS:
        upload = form.get(field)
        if isinstance(upload, UploadFile) and upload.filename:
            name = safe_name(upload.filename, field)
            target = job / "in" / field / name
            await _save(upload, target, limits.input_bytes, name)
            uploads[field] = (name, target)
    return uploads


async def _save_docs(form: FormData, job: Path, limits: Limits) -> tuple[str, Path]:
    """Save the ZIP of documents to check as the job's docs.zip; its name as the user gave it."""
    upload = form.get("docs")
    if not (isinstance(upload, UploadFile) and upload.filename):
        raise Refused(400, msg.NO_DOCS_ZIP)
    name = safe_name(upload.filename, "van-ban.zip")
    archive = job / "docs.zip"
    await _save(upload, archive, limits.zip_bytes, name)
    return name, archive


async def _save_forms(form: FormData, job: Path, limits: Limits) -> None:
    """Save the uploaded forms (.xlsx) and ZIPs of forms into the job, each under its name."""
    uploads = [u for u in form.getlist("forms") if isinstance(u, UploadFile) and u.filename]
    if not uploads:
        raise Refused(400, msg.NO_FORMS)
    for index, upload in enumerate(uploads, start=1):
        name = safe_name(upload.filename or "", f"phieu-{index}.xlsx")
        suffix = Path(name).suffix.lower()
        if suffix == ".zip":
            await _save(upload, job / "in" / "zips" / f"{index}-{name}", limits.zip_bytes, name)
        elif suffix in FORM_SUFFIXES:
            target = job / "in" / "forms" / name
            if target.exists():
                target = target.with_name(f"{index}-{name}")
            await _save(upload, target, limits.input_bytes, name)
        else:
            raise Refused(400, msg.NOT_A_FORM.format(name=name))


async def _save_scans(form: FormData, job: Path, limits: Limits) -> None:
    """Save the uploaded scans and ZIPs of scans into the job, each under a name of its own
    (intake names a scan by its file name: two files of one name would be one)."""
    uploads = [u for u in form.getlist("scans") if isinstance(u, UploadFile) and u.filename]
    if not uploads:
        raise Refused(400, msg.NO_SCANS)
    for index, upload in enumerate(uploads, start=1):
        name = safe_name(upload.filename or "", f"quet-{index}.pdf")
        suffix = Path(name).suffix.lower()
        if suffix == ".zip":
            target = job / "in" / SCAN_ZIPS / f"{index}-{name}"
            await _save(upload, target, limits.zip_bytes, name)
        elif suffix in SCAN_SUFFIXES:
            target = job / "in" / SCANS / name
            if target.exists():
                target = target.with_name(f"{index}-{name}")
            await _save(upload, target, limits.member_bytes, name)
        else:
            raise Refused(400, msg.NOT_A_SCAN.format(name=name))


async def _save(upload: UploadFile, target: Path, limit: int, name: str) -> None:
    """Copy one upload to target in blocks, refused past limit bytes."""

    async def chunks() -> AsyncIterator[bytes]:
        while True:
            chunk = await upload.read(1 << 16)
            if not chunk:
                return
            yield chunk

    await save_upload(chunks(), target, limit, name)
