"""What the pages and the API do, on files already saved in a request folder.

Each action calls the same library functions as the command line (load_inputs, generate,
check, report) and returns plain data for a page or a JSON answer; nothing here knows HTTP.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from antq_docs import resources
from antq_docs.chart import bar_chart
from antq_docs.check import CheckReport, Entry, cell_status, short_label, unfinished_note
from antq_docs.check import check as run_check
from antq_docs.collect.forms import write_forms
from antq_docs.collect.gather import collect as run_collect
from antq_docs.collect.gather import total_text
from antq_docs.errors import ResultsNeeded, UsageError
from antq_docs.generate import generate as run_generate
from antq_docs.generate import select_kinds
from antq_docs.indicators import Indicator, document_targets
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.loading import SAMPLE, Inputs, default_inputs, load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.output import LOCK
from antq_docs.register import FILE as REGISTER_FILE
from antq_docs.web.workspace import zip_folder
from antq_docs.yearreport import report as run_report

OUTPUT_ZIP = "van-ban.zip"
CHECK_XLSX = "kiem-tra.xlsx"
CHART_PNG = "bieu-do.png"
FORMS_ZIP = "phieu-thu.zip"
COLLECTED_XLSX = "ket-qua.xlsx"


@dataclass
class Uploads:
    """The input files of one request, saved in its folder (None when not given)."""

    campaign: Path | None = None
    units: Path | None = None
    results: Path | None = None
    scores: Path | None = None


@dataclass
class Loaded:
    """Validated inputs and the notices load_inputs gave (sample data used, warnings)."""

    inputs: Inputs
    notices: list[str] = field(default_factory=list)


def load(uploads: Uploads, job: Path, *, year_end: bool) -> Loaded:
    """Read and validate the uploads as the CLI does; the bundled sample fills what is absent.

    The current folder never counts (a server has none that belongs to the user). An uploaded
    campaign may name roster files or a template folder only inside the request folder.
    """
    notices: list[str] = []
    if uploads.campaign is not None:
        _check_uploaded_campaign(uploads.campaign, job, roster_uploaded=uploads.units is not None)
    filled = default_inputs(
        uploads.campaign,
        uploads.units,
        uploads.results,
        uploads.scores,
        year_end=year_end,
        here=False,
    )
    if filled.campaign_from == SAMPLE:
        notices.append("Không tải kế hoạch năm lên: dùng kế hoạch mẫu Kon Tum 2025.")
    if filled.results_from == SAMPLE:
        notices.append("Không tải tệp lên: dùng kết quả cuối năm và bảng điểm mẫu.")
    inputs = load_inputs(
        filled.campaign,
        uploads.units,
        kinds=REGISTRY,
        notice=lambda m: notices.append(_public(m, job)),
        results=filled.results,
        scores=filled.scores,
        year_end=year_end,
    )
    return Loaded(inputs, notices)


def _public(message: str, job: Path) -> str:
    """A notice without the server's folders in it."""
    return message.replace(str(resources.data_dir("fixtures")) + "/", "").replace(
        str(job / "in") + "/", ""
    )


def _check_uploaded_campaign(path: Path, job: Path, *, roster_uploaded: bool) -> None:
    """Refuse an uploaded campaign that points at files outside its request folder, or that
    lists rosters by period while no roster was uploaded (they would be looked for among the
    uploads). A campaign that does not load is left to load_inputs, which reports it."""
    try:
        campaign = load_campaign(path, kinds=REGISTRY)
    except Exception:
        return
    inside = job.resolve()
    named = [Path(f.path) for f in campaign.roster_files]
    if campaign.template_dir is not None:
        named.append(Path(campaign.template_dir))
    for p in named:
        if not p.resolve().is_relative_to(inside):
            raise UsageError(
                "kế hoạch năm tải lên chỉ được dùng tệp tải lên cùng nó; bỏ danh_sach_don_vi "
                "và mau khỏi tệp kế hoạch rồi tải danh sách đơn vị lên ô Danh sách đơn vị."
            )
    if campaign.roster_files and not roster_uploaded:
        raise UsageError(
            "kế hoạch năm tải lên khai báo danh_sach_don_vi (danh sách đơn vị theo thời kỳ) "
            "nhưng chưa tải lên danh sách đơn vị: hãy chọn tệp ở ô Danh sách đơn vị (một "
            "danh sách dùng cho cả năm)."
        )


def choose_kinds(asked: list[str], inputs: Inputs) -> list[str]:
    """The kinds to write: those ticked (all that the inputs allow when none is)."""
    try:
        return select_kinds(asked, inputs)[0]
    except ResultsNeeded as e:
        raise UsageError(f"{e.label} cần tệp kết quả cuối năm: tải lên ô Kết quả cuối năm.") from e


@dataclass
class Generated:
    """A finished generate request: its folder, summary and documents for the page."""

    job: Path
    summary: str
    warnings: list[str]
    documents: list[dict[str, str]]


def generate(loaded: Loaded, job: Path, kinds: list[str], workspace: Path) -> Generated:
    """Write the documents into the request's out/ folder and pack them into one ZIP.

    When the campaign numbers documents (danh_so), the shared register is copied in and back
    under the workspace lock, so numbers continue between runs and are never given twice.
    """
    out = job / "out"
    inputs = loaded.inputs
    numbered = bool(inputs.campaign.numbering)
    lock = FileLock(str(workspace / LOCK)) if numbered else None
    if lock is not None:
        lock.acquire()
    try:
        if lock is not None and (workspace / REGISTER_FILE).exists():
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy2(workspace / REGISTER_FILE, out / REGISTER_FILE)
        result = run_generate(inputs, out, kinds)
        if lock is not None and (out / REGISTER_FILE).exists():
            tmp = workspace / f".{REGISTER_FILE}.tmp"
            shutil.copy2(out / REGISTER_FILE, tmp)
            tmp.replace(workspace / REGISTER_FILE)
    finally:
        if lock is not None:
            lock.release()
    zip_folder(out, job / OUTPUT_ZIP, skip=(LOCK,))
    documents = []
    for outcome in result.outcomes:
        kind, _, name = outcome.path.partition("/")
        code = Path(name).stem
        unit = inputs.find(code)
        documents.append(
            {
                "path": outcome.path,
                "kind": kind,
                "kind_label": REGISTRY[kind].label if kind in REGISTRY else kind,
                "code": code,
                "name": unit.name if unit else code,
                "parent": unit.parent.name if unit and unit.parent else "",
            }
        )
    summary = result.summary().replace(str(out), "thư mục kết quả")
    return Generated(job, summary, result.warnings, documents)


STATUS_CLASS = {
    "present": "co",
    "signed": "co-pdf",
    "unfinished": "chua-hoan-thien",
    "invalid": "khong-hop-le",
    "missing": "thieu",
    "none": "khong-can",
}
STATUS_TEXT = {
    "present": "có",
    "signed": "có (PDF đã ký)",
    "unfinished": "chưa hoàn thiện",
    "invalid": "không hợp lệ",
    "missing": "thiếu",
    "none": "–",
}


def check(loaded: Loaded, docs: Path, job: Path, name: str) -> tuple[CheckReport, dict]:
    """Audit an unpacked folder; return the report and the CLI's JSON (docs: the ZIP's name)."""
    report = run_check(loaded.inputs, docs)
    report.write_xlsx(job / CHECK_XLSX)
    data = json.loads(report.to_json())
    data["docs"] = name
    return report, data


def matrix(report: CheckReport) -> dict:
    """The completeness matrix for the page: kinds, and units grouped by the unit above."""
    groups: list[dict] = []
    by_parent: dict[str, dict] = {}
    for unit, cells in report._rows():
        parent = unit.parent
        key = parent.code if parent else ""
        if key not in by_parent:
            by_parent[key] = {
                "code": key,
                "name": parent.name if parent else "Cấp cao nhất",
                "rows": [],
            }
            groups.append(by_parent[key])
        row = {
            "code": unit.code,
            "name": unit.name,
            "cells": [_cell(kind, entry) for kind, entry in zip(report.kinds, cells)],
        }
        by_parent[key]["rows"].append(row)
    return {"kinds": [(k, short_label(k)) for k in report.kinds], "groups": groups}


def _cell(kind: str, entry: Entry | None) -> dict[str, str]:
    """One cell of the matrix: the status of a unit's document of a kind, and why."""
    status = cell_status(entry)
    reasons = ""
    if entry is not None:
        reasons = "; ".join(f"{p}: {r}" for p, r in entry.problems)
        if status == "unfinished":
            reasons = "; ".join(f"{p}: {unfinished_note(left)}" for p, left in entry.drafts)
    return {
        "kind": kind,
        "status": status,
        "css": STATUS_CLASS[status],
        "text": STATUS_TEXT[status],
        "title": reasons,
    }


@dataclass
class Reported:
    """A finished report request: the level, its indicators, the .docx and chart paths."""

    level: str
    indicators: list[Indicator]
    docx: str | None
    chart: bool


def report(loaded: Loaded, job: Path, level: str | None) -> Reported:
    """Measure a level and write its year report into the request's out/ folder, with a chart."""
    out = job / "out"
    result = run_report(loaded.inputs, out, level or None)
    charted = [
        i for i in result.indicators if i.id not in document_targets(REGISTRY) and i.denominator
    ]
    if charted:
        (job / CHART_PNG).write_bytes(
            bar_chart(charted, f"Kết quả thực hiện chỉ tiêu: {result.level.name}")
        )
    docx = result.outcome.path if result.outcome is not None else None
    return Reported(
        f"{result.level.name} ({result.level.code})", result.indicators, docx, bool(charted)
    )


@dataclass
class Forms:
    """A finished forms request: how many forms, for how many units, and for which level."""

    count: int
    units: int
    level: str


def forms(loaded: Loaded, job: Path, level: str | None) -> Forms:
    """Write the collection forms (of level's subtree) into the request and pack them in a ZIP."""
    folder = job / "phieu"
    result = write_forms(loaded.inputs, folder, level=level or None)
    zip_folder(folder, job / FORMS_ZIP)
    return Forms(len(result.written), result.units, level or "")


@dataclass
class Collected:
    """A finished collect request: the summary line and the root's figures, for the page."""

    summary: str
    totals: list[str]


def collect(loaded: Loaded, forms_folder: Path, job: Path) -> Collected:
    """Collect the uploaded forms into the request's results workbook."""
    result = run_collect(loaded.inputs, [forms_folder], job / COLLECTED_XLSX)
    return Collected(
        f"Đã thu {result.forms} phiếu ({result.units} đơn vị). Số liệu của "
        f"{result.root.name}, cộng cả các đơn vị cấp dưới:",
        [total_text(t) for t in result.totals],
    )
