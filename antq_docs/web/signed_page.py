"""The page of signed scans ("Bản đã ký"): a folder of documents and a pile of scans.

The official gives the folder as a ZIP (unpacked as the check page unpacks it) and the scans
(PDFs, photos, or ZIPs of them). intake files them in the background, its progress the pages
read; the page then lists what was filed, the second scans of documents signed already, and
every page left with its picture and a small form that files it by hand (intake.assign), after
which the folder with its signed copies is handed out again as a ZIP of the page's names.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from antq_docs.errors import AntqError
from antq_docs.intake import IntakeResult, Placed, assign, intake, ocr_available
from antq_docs.intake.filing import page_numbers
from antq_docs.kinds import REGISTRY
from antq_docs.output import REVIEW
from antq_docs.web import actions
from antq_docs.web import messages as msg
from antq_docs.web.check_page import unpack_docs
from antq_docs.web.jobs import Tracker
from antq_docs.web.names import LiveZip, public_path
from antq_docs.web.pages import PAGE_DATA, SIGNED_ZIP, Later, run_form, save_page
from antq_docs.web.space import Space
from antq_docs.web.uploads import SCAN_SUFFIXES, SCAN_ZIPS, SCANS, Posted, posted_form
from antq_docs.web.views import Refused, page, public, settings
from antq_docs.web.workspace import JOB_TTL_S, BadZip, Limits, extract_zip

KIND = "signed"
# Assignments change a job's page: one at a time, each reading what the last one saved.
_ASSIGNING = threading.Lock()
# A review picture's name as intake makes it (filing.review_name): nothing else is served.
PICTURE = re.compile(r"^[a-z0-9-]+-[0-9a-f]{8}-trang-[0-9]{3,}\.png$")
# Pages as a person writes them (3, 3-5, 3,5), numbers of a scan's size: "1-99999999" would
# list a hundred million pages before the scan's own count refuses them.
PAGES = re.compile(r"^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?){0,49}$")


async def signed_get(request: Request) -> Response:
    """The form: the folder's ZIP and the scans; whether OCR is on."""
    return page(request, "signed.html", nav="ban-da-ky", ocr=ocr_available(), ocr_off=msg.OCR_OFF)


async def signed_post(request: Request) -> Response:
    """File the uploaded scans into the uploaded folder, then show what was filed and left."""
    return await run_form(request, KIND, _signed, msg.NOT_FILED, zip_field=True, scans_field=True)


def _signed(request: Request, posted: Posted, space: Space, job: Path) -> Later:
    """Load the inputs (the units' names, the chosen unit's subtree) and gather the scans now,
    so a file that is no scan answers the form at once; the function returned unpacks the
    folder, files the scans and packs the folder again."""
    assert posted.archive is not None
    archive, name = posted.archive, posted.archive_name
    loaded = actions.load(actions.Uploads.of(space), job, year_end=False)
    scope = actions.subtree(loaded.inputs, space.unit)
    limits = settings(request).limits
    scans = _gather_scans(job, limits)
    units = {u.code: u.name for u in loaded.inputs.units()}

    def later(tracker: Tracker) -> dict[str, Any]:
        tracker.begin("unzip")
        docs, _ = unpack_docs(archive, name, job, limits)
        tracker.begin("intake")
        done = intake(scans, docs, progress=tracker, scope=scope)
        tracker.begin("zip")
        _pack(docs, job, tracker)
        return {
            **_shown(done, units),
            "ocr": done.ocr,
            "ocr_off": msg.OCR_OFF,
            "docs": name,
            "folder": docs.relative_to(job).as_posix(),
            "scope": scope,
            "units": {c: units[c] for c in _codes(done) if c in units},
            "zip_name": f"ho-so-da-ky-{space.unit}.zip" if space.unit else SIGNED_ZIP,
        }

    return later


def _gather_scans(job: Path, limits: Limits) -> list[Path]:
    """The scans of the request: those uploaded, and every PDF or photo of each ZIP of scans
    (moved beside them under a name no other scan has); a member that is neither is refused."""
    scans = job / "in" / SCANS
    scans.mkdir(parents=True, exist_ok=True)
    zips = job / "in" / SCAN_ZIPS
    for archive in sorted(zips.iterdir()) if zips.is_dir() else []:
        given = archive.name.split("-", 1)[1]
        unpacked = zips / f".{archive.stem}"
        try:
            extract_zip(archive, unpacked, limits)
        except BadZip as e:
            raise Refused(400, msg.BAD_ZIP_FILE.format(name=given, why=e)) from e
        members = sorted(p for p in unpacked.rglob("*") if p.is_file())
        for index, path in enumerate(members, start=1):
            rel = path.relative_to(unpacked).as_posix()
            if path.name.startswith(".") or rel.startswith("__MACOSX/"):
                continue
            if path.suffix.lower() not in SCAN_SUFFIXES:
                raise Refused(400, msg.NOT_A_SCAN_IN_ZIP.format(name=rel, zip=given))
            path.rename(_free_name(scans, path.name, index))
        shutil.rmtree(unpacked, ignore_errors=True)
    found = sorted(scans.iterdir())
    if not found:
        raise Refused(400, msg.NO_SCANS)
    return found


def _free_name(folder: Path, name: str, index: int) -> Path:
    """folder/name, or with the member's index before it while that is taken (a ZIP of a
    thousand "scan.pdf" in as many folders looks once or twice for each, not a thousand times)."""
    target = folder / name
    while target.exists():
        target = folder / f"{index}-{target.name}"
    return target


def _pack(docs: Path, job: Path, tracker: Tracker | None = None) -> None:
    """The folder as the ZIP the page hands out (the page's names), replaced whole."""
    temp = job / f".{SIGNED_ZIP}.tmp"
    with LiveZip(docs, temp, skip=actions.REGISTER_FILES) as live:
        live.finish(tracker)
    temp.replace(job / SIGNED_ZIP)


def _codes(done: IntakeResult) -> set[str]:
    """The units a result names."""
    return {p.unit for p in (*done.filed, *done.seconds)} | {u for u, _ in done.unsigned}


def _shown(done: IntakeResult, units: dict[str, str]) -> dict[str, Any]:
    """What the page lists of a run of intake: filed, filed twice, left, unreadable, and what
    a page left may be filed as."""
    return {
        "filed": [_placed(p, units) for p in done.filed],
        "already": len(done.already),
        "seconds": [_placed(p, units) for p in done.seconds],
        "unplaced": [
            {"scan": u.scan, "page": u.page, "reason": u.reason, "picture": Path(u.picture).name}
            for u in done.unplaced
        ],
        "unreadable": [{"scan": s, "reason": r} for s, r in done.unreadable],
        "choices": _choices(done.unsigned, units),
    }


def _placed(placed: Placed, units: dict[str, str]) -> dict[str, str]:
    """One filed document as the page lists it."""
    return {
        "unit": placed.unit,
        "name": units.get(placed.unit, placed.unit),
        "kind": REGISTRY[placed.kind].label,
        "file": public_path(placed.path),
        "scan": placed.scan,
        "pages": placed.pages,
        "method": msg.METHODS[placed.method],
        "confidence": f"{placed.confidence:.2f}".replace(".", ","),
        "first": placed.first,
    }


def _choices(unsigned: list[tuple[str, str]], units: dict[str, str]) -> list[dict[str, str]]:
    """The documents a page left may be filed as: unit and kind, named for a person."""
    return [
        {
            "value": f"{unit}/{kind}",
            "label": f"{units.get(unit, unit)} ({unit}) – {REGISTRY[kind].label}",
        }
        for unit, kind in unsigned
    ]


def _data(request: Request) -> tuple[Path, dict[str, Any]]:
    """The job of the address and what its page shows; 404 unless it is a finished filing."""
    job = settings(request).store.job(request.path_params["job"])
    data: dict[str, Any] = {}
    if job is not None and (job / PAGE_DATA).is_file():
        data = json.loads((job / PAGE_DATA).read_text(encoding="utf-8"))
    if job is None or data.get("kind") != KIND or "failed" in data:
        raise Refused(404, msg.NO_RESULT)
    return job, data


async def picture(request: Request) -> Response:
    """The picture of a page the job left, as the page lists it; nothing else of the job."""
    job, data = _data(request)
    name = request.path_params["name"]
    listed = {u["picture"] for u in data["unplaced"]}
    path = job / data["folder"] / REVIEW / name
    if not PICTURE.match(name) or name not in listed or not path.is_file():
        raise Refused(404, msg.NO_FILE)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "no-store"})


async def assign_post(request: Request) -> Response:
    """File one page left (or several pages of its scan) as the document chosen, by hand."""
    space = Space.of(request)
    job, _ = _data(request)
    if job.name not in {j.id for j in space.jobs(JOB_TTL_S)}:
        raise Refused(404, msg.NO_RESULT)  # a job of another browser is not changed from here
    async with posted_form(request, page_form=True, max_files=0) as form:
        scan, pages, target, query, shown = (
            str(form.get(k, "")).strip() for k in ("scan", "trang", "van_ban", "tim", "xem")
        )
    if not any(scan == p.name for p in (job / "in" / SCANS).iterdir()):
        raise Refused(404, msg.NO_FILE)
    await run_in_threadpool(_assign, request, job, (scan, pages.replace(" ", ""), target), space)
    # Back to the same search and list page: the next page left is likely another of theirs.
    back = {k: v for k, v in (("tim", query), ("trang", shown)) if v}
    search = f"?{urlencode(back)}" if back else ""
    return RedirectResponse(f"/ket-qua/{job.name}{search}#chua-xep", status_code=303)


def _assign(request: Request, job: Path, asked: tuple[str, str, str], space: Space) -> None:
    """File the pages asked (scan, pages, unit/kind), then save what the page shows and the
    ZIP it hands out; one assignment at a time, so none is lost from the page."""
    scan, pages, target = asked
    with _ASSIGNING:
        _, data = _data(request)
        data.pop("kind")
        data.pop("assign_error", None)
        docs = job / data["folder"]
        if target not in {c["value"] for c in data["choices"]}:
            data["assign_error"] = msg.ASSIGN_CHOOSE
        elif not PAGES.match(pages) or not page_numbers(pages):
            data["assign_error"] = msg.ASSIGN_PAGES.format(pages=pages)
        else:
            order = f"{job / 'in' / SCANS / scan}:{pages}={target}"
            try:
                _filed(data, assign([order], docs, scope=data["scope"]))
                _pack(docs, job)
            except AntqError as e:
                data["assign_error"] = public(str(e), space, job / "in" / SCANS, docs)
        save_page(job, KIND, data)


def _filed(data: dict[str, Any], done: IntakeResult) -> None:
    """What the page shows once pages are filed by hand: those pages no longer left."""
    shown = _shown(done, data["units"])
    filed = {(p["scan"], n) for p in shown["filed"] for n in page_numbers(p["pages"])}
    data["unplaced"] = [u for u in data["unplaced"] if (u["scan"], u["page"]) not in filed]
    data["filed"] += shown["filed"]
    data["seconds"] += shown["seconds"]
    data["choices"] = shown["choices"]
    data["assigned"] = [p["file"] for p in shown["filed"]]
