"""Read and validate the campaign file (YAML): the province's plan, dates, targets, matrix.

Keys are Vietnamese without marks, as officials read them: nam (year), tinh (province),
dia_danh (place in the date line), ke_hoach (governing plan), can_cu (legal bases), ngay_hoi
(Ngày hội date), ngay_van_ban (document date per kind), chi_tieu (targets), tai_lieu_bat_buoc
(required documents per unit type), xep_loai (lowest score of each classification level),
bang_diem (the scoring sheet: ma, noi_dung, diem_toi_da, and can: the results column an item
depends on), hop_binh_xet (unit types that hold a review meeting and so need its minutes),
ky_niem (anniversaries the Ngày hội marks: noi_dung, ngay), ngay_hoi_to_chuc (how the Ngày
hội is held; per unit type its place, budget, participants and budget estimate du_toan:
noi_dung, so_tien), han_bao_cao (year-end report deadline per unit type), noi_nhan_bao_cao (the
bodies above the province that receive its year report), danh_sach_don_vi (rosters by
period: tep, the file relative to the campaign file; tu_ngay, the day it comes into force; tinh,
the province of that period when it differs), tham_quyen_cong_nhan (per unit type, the local
government level that recognises it as meeting the standard: xa, huyen or tinh),
nhan_danh_cong_nhan (in whose name that decision is issued: chu_tich, the default, or uy_ban),
so_lieu (the figures units report for the year: ma, ten, don_vi_tinh, loai, muc),
can_cu_cham_diem (the basis of the scoring sheet and classification), can_cu_ngay_hoi (the
Ngày hội's decision), can_cu_dang (the Party documents a cấp ủy's or chi bộ's resolution rests
on), thay_doi_to_chuc (bodies that ended on a date: co_quan, cap, den_ngay, can_cu) and
ma_nhan_dien (false: documents print no QR code of their identity).

The YAML is read by inputs/yaml_fields.py; the sections by topic in inputs/campaign_year.py,
inputs/campaign_event.py and inputs/campaign_scoring.py, in the order SECTIONS gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from antq_docs import vi
from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.files import MISSING, TOO_LARGE, Refusal, read_regular
from antq_docs.inputs.campaign_event import anniversaries, event
from antq_docs.inputs.campaign_scoring import figures, score_items, thresholds
from antq_docs.inputs.campaign_year import (
    changes,
    deadlines,
    doc_dates,
    names_kind,
    numbering,
    recognition_levels,
    required,
    roster_files,
    targets,
    template_dir,
)
from antq_docs.inputs.yaml_fields import Fields, parse_yaml
from antq_docs.messages import inputs as msg
from antq_docs.model import (
    DEFAULT_EVENT_BASIS,
    DEFAULT_PARTY_BASES,
    DEFAULT_SCORING_BASIS,
    RECOGNITION_NAMES,
    SIGNING_FORMS,
    Anniversary,
    Campaign,
    DeclaredKind,
    PlanRef,
)
from antq_docs.vi import clean_text, size_text

# The largest campaign file read (bytes): a real one is a few kilobytes; past this the file is
# refused before it is parsed, so a huge file cannot hold the run for minutes.
MAX_CAMPAIGN_BYTES = 1_000_000


def load_campaign(path: Path, *, kinds: Mapping[str, DeclaredKind]) -> Campaign:
    """Read a campaign YAML file and return the validated Campaign.

    kinds is the registry of document kinds (kinds.REGISTRY): the keys of ngay_van_ban and
    tai_lieu_bat_buoc are their names, and the default matrix and dates are their own.
    """
    path = Path(path)
    try:
        raw = read_regular(path, MAX_CAMPAIGN_BYTES)
    except Refusal as e:
        if e.kind == MISSING:
            raise InputError(msg.CAMPAIGN_NOT_FOUND, path=path) from e
        if e.kind == TOO_LARGE:
            raise InputError(
                msg.CAMPAIGN_TOO_LARGE.format(
                    size=size_text(e.size or 0), limit=size_text(MAX_CAMPAIGN_BYTES)
                ),
                path=path,
            ) from e
        raise InputError(msg.CAMPAIGN_NOT_A_FILE.format(reason=e.reason), path=path) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(msg.CAMPAIGN_NOT_UTF8, path=path) from e
    findings: list[Finding] = []
    try:
        data = parse_yaml(text, path.name, findings)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = msg.YAML_WHERE.format(line=mark.line + 1, column=mark.column + 1) if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise InputError(msg.YAML_INVALID.format(where=where, problem=problem), path=path) from e
    campaign = parse_campaign(data, path.name, findings, kinds, base=path.parent)
    if findings:
        raise ValidationError(findings, what=msg.CAMPAIGN_FILE.format(name=path.name))
    campaign.source = str(path)
    return campaign


def parse_campaign(
    data: Any,
    file: str,
    findings: list[Finding],
    kinds: Mapping[str, DeclaredKind],
    base: Path | None = None,
) -> Campaign:
    """Build a Campaign from parsed YAML, appending a finding for every bad field.

    kinds is the registry of document kinds, as load_campaign takes it; base is the folder
    of the campaign file: danh_sach_don_vi names files relative to it.
    """
    reading = _Reading(Fields(data, "", findings, file), kinds, base)
    for name, read in SECTIONS:
        reading.values[name] = read(reading)
    reading.top.finish()
    return Campaign(**reading.values)


@dataclass
class _Reading:
    """A campaign file being read: its top-level fields, the registry of kinds, its folder, and
    the fields of Campaign read so far (a section may depend on one read before it)."""

    top: Fields
    kinds: Mapping[str, DeclaredKind]
    base: Path | None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int:
        """The year of the campaign (nam), as read."""
        return self.values["year"]


def _plan(reading: _Reading) -> PlanRef:
    """ke_hoach: the province's plan that every document cites."""
    fields = reading.top.child(reading.top.raw("ke_hoach"), "ke_hoach")
    plan = PlanRef(
        issuer=fields.text("co_quan"),
        number=fields.text("so"),
        date=fields.date("ngay"),
        summary=fields.text("trich_yeu"),
    )
    fields.finish()
    return plan


def _legal_bases(reading: _Reading) -> list[str]:
    """can_cu: the legal bases, one document a line."""
    top = reading.top
    bases = top.raw("can_cu") or []
    if not isinstance(bases, list) or not all(isinstance(b, str) and b.strip() for b in bases):
        top.error("can_cu", msg.LEGAL_BASES_NOT_A_LIST)
        bases = []
    return [clean_text(b) for b in bases]


def _doc_dates(reading: _Reading) -> dict[str, dt.date]:
    """ngay_van_ban: the date of each kind, none before the date of the province's plan."""
    top = reading.top
    dates = doc_dates(top, reading.kinds)
    plan: PlanRef = reading.values["plan"]
    written_plan = top.data.get("ke_hoach")
    plan_dated = isinstance(written_plan, dict) and written_plan.get("ngay") is not None
    for kind, day in dates.items():
        # Every document cites the province's plan, so none can be dated before it (a date
        # taken from another kind is reported under that kind).
        dates_written = top.data.get("ngay_van_ban")
        written = isinstance(dates_written, dict) and kind in dates_written
        if written and plan_dated and day < plan.date:
            top.findings.append(
                Finding(
                    msg.LEGAL_BASE_AFTER_PLAN.format(
                        day=vi.short_date(day), date=vi.short_date(plan.date)
                    ),
                    file=top.file,
                    field=f"ngay_van_ban.{kind}",
                )
            )
    return dates


def _anniversaries(reading: _Reading) -> tuple[Anniversary, ...]:
    """ky_niem: the anniversaries, not compared with the placeholder of a bad year."""
    # A bad year is reported once.
    year_ok = not any(f.field == "nam" for f in reading.top.findings)
    return anniversaries(reading.top, reading.year if year_ok else None)


def _party_bases(reading: _Reading) -> list[str]:
    """can_cu_dang: the Party documents a cấp ủy's or chi bộ's resolution rests on."""
    top = reading.top
    if top.raw("the_thuc") is not None:
        # Campaigns written before the cấp ủy's resolution became a kind of its own.
        top.error(
            "the_thuc",
            msg.KEY_NO_LONGER_USED,
        )
    bases = top.text_list("can_cu_dang", msg.LIST_OF_PARTY_DOCUMENTS)
    return bases or list(DEFAULT_PARTY_BASES)


def _review_meeting(reading: _Reading) -> dict[str, tuple[str, ...]]:
    """hop_binh_xet: the units that hold a review meeting need its minutes, unless the matrix
    (tai_lieu_bat_buoc) names the minutes itself."""
    top = reading.top
    matrix: dict[str, tuple[str, ...]] = reading.values["required"]
    review_raw = top.raw("hop_binh_xet")
    if review_raw is not None:
        review_types = top.unit_types("hop_binh_xet", review_raw)
        if not names_kind(top.data, "minutes"):
            matrix["minutes"] = review_types
    return matrix


# The sections of the file in the order they are read (the order of the findings follows it),
# each giving one field of Campaign; "required" is read, then amended by hop_binh_xet.
SECTIONS: tuple[tuple[str, Callable[[_Reading], Any]], ...] = (
    ("year", lambda r: r.top.integer("nam", 2000, 2100)),
    ("province", lambda r: r.top.text("tinh")),
    ("place", lambda r: r.top.text("dia_danh", default=r.values["province"])),
    ("committee", lambda r: r.top.text("ban_chi_dao")),
    ("plan", _plan),
    ("legal_bases", _legal_bases),
    (
        "report_recipients",
        lambda r: r.top.text_list("noi_nhan_bao_cao", msg.LIST_OF_RECIPIENTS),
    ),
    ("event_date", lambda r: r.top.date("ngay_hoi", default=dt.date(r.year, 8, 19))),
    ("doc_dates", _doc_dates),
    ("targets", lambda r: targets(r.top)),
    ("required", lambda r: required(r.top, r.kinds)),
    ("event", lambda r: event(r.top, r.year)),
    ("anniversaries", _anniversaries),
    ("signing", lambda r: r.top.per_type("hinh_thuc_ky", SIGNING_FORMS)),
    ("party_bases", _party_bases),
    ("numbering", lambda r: numbering(r.top)),
    ("thresholds", lambda r: thresholds(r.top)),
    ("score_items", lambda r: score_items(r.top)),
    ("deadlines", lambda r: deadlines(r.top, r.year)),
    ("required", _review_meeting),
    ("roster_files", lambda r: roster_files(r.top, r.base)),
    ("template_dir", lambda r: template_dir(r.top, r.base)),
    ("recognition_levels", lambda r: recognition_levels(r.top)),
    ("recognition_in_name", lambda r: r.top.choice("nhan_danh_cong_nhan", RECOGNITION_NAMES)),
    ("figures", lambda r: figures(r.top)),
    (
        "scoring_basis",
        lambda r: r.top.text("can_cu_cham_diem", default=DEFAULT_SCORING_BASIS).rstrip(";. "),
    ),
    (
        "event_basis",
        lambda r: r.top.text("can_cu_ngay_hoi", default=DEFAULT_EVENT_BASIS).rstrip(";. "),
    ),
    ("changes", lambda r: changes(r.top)),
    ("identity_codes", lambda r: r.top.flag("ma_nhan_dien", default=True)),
)
