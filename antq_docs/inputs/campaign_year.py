"""The campaign's year: the date of each document, the targets (chi_tieu), the required-document
matrix (tai_lieu_bat_buoc), report deadlines (han_bao_cao), rosters by period
(danh_sach_don_vi), bodies that ended (thay_doi_to_chuc), who recognises each unit type
(tham_quyen_cong_nhan), numbering (danh_so) and the official's own templates (mau)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from antq_docs import vi
from antq_docs.errors import Finding
from antq_docs.inputs.yaml_fields import Fields
from antq_docs.messages import inputs as msg
from antq_docs.model import (
    CHANGE_BODIES,
    CHANGE_LEVELS,
    GOVERNMENT_LEVELS,
    STANDARD_TYPES,
    UNIT_TYPES,
    Change,
    DeclaredKind,
    RosterFile,
    Target,
)
from antq_docs.vi import clean_text


def default_required(kinds: Mapping[str, DeclaredKind]) -> dict[str, tuple[str, ...]]:
    """The matrix when the file names no kind: each kind's own `required` (kinds/*.py).

    The minutes follow hop_binh_xet unless the file names them.
    """
    return {name: kind.required for name, kind in kinds.items() if kind.required}


def changes(top: Fields) -> tuple[Change, ...]:
    """thay_doi_to_chuc: bodies that ended, each {co_quan, cap, den_ngay, can_cu}."""
    raw = top.raw("thay_doi_to_chuc")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        top.error("thay_doi_to_chuc", msg.CHANGES_NOT_A_LIST)
        return ()
    out: list[Change] = []
    for index, entry in enumerate(raw, start=1):
        before = len(top.findings)
        fields = top.child(entry, f"thay_doi_to_chuc[{index}]")
        body = fields.text("co_quan")
        level = fields.text("cap")
        last_day = fields.date("den_ngay")
        basis = fields.text("can_cu", default="")
        fields.finish()
        if body and body not in CHANGE_BODIES:
            fields.error(
                "co_quan",
                msg.CHANGE_BODY_UNKNOWN.format(body=body, allowed=", ".join(CHANGE_BODIES)),
            )
        if level and level not in CHANGE_LEVELS:
            fields.error(
                "cap",
                msg.CHANGE_LEVEL_UNKNOWN.format(level=level, allowed=", ".join(CHANGE_LEVELS)),
            )
        if len(top.findings) == before:
            out.append(Change(level, body, last_day, basis.rstrip(";. ")))
    return tuple(out)


def recognition_levels(top: Fields) -> dict[str, str]:
    """tham_quyen_cong_nhan: unit type → the level (xa, huyen, tinh) that recognises it."""
    raw = top.raw("tham_quyen_cong_nhan")
    if raw is None:
        return {}
    fields = top.child(raw, "tham_quyen_cong_nhan")
    levels: dict[str, str] = {}
    for unit_type in STANDARD_TYPES:
        if unit_type not in fields.data:
            continue
        value = fields.raw(unit_type)
        if value not in GOVERNMENT_LEVELS:
            fields.error(
                unit_type,
                msg.RECOGNISING_LEVEL_UNKNOWN.format(
                    value=value, allowed=", ".join(GOVERNMENT_LEVELS)
                ),
            )
        elif unit_type == "xa" and value == "xa":
            fields.error(unit_type, msg.COMMUNE_RECOGNISES_ITSELF)
        else:
            levels[unit_type] = value
    fields.finish()
    return levels


def template_dir(top: Fields, base: Path | None) -> Path | None:
    """mau: the folder of the official's own templates, relative to the campaign file."""
    raw = top.raw("mau")
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        top.error("mau", msg.TEMPLATES_NOT_A_PATH)
        return None
    folder = (base / raw.strip()) if base is not None else Path(raw.strip())
    if not folder.is_dir():
        top.error("mau", msg.TEMPLATES_FOLDER_NOT_FOUND.format(written=raw.strip(), folder=folder))
        return None
    return folder


def deadlines(top: Fields, year: int) -> dict[str, dt.date]:
    """han_bao_cao: unit type → the date its year-end report is due at the level above."""
    raw = top.raw("han_bao_cao")
    if raw is None:
        return {}
    year_known = not any(f.field == "nam" for f in top.findings)
    fields = top.child(raw, "han_bao_cao")
    out = {t: fields.date(t) for t in UNIT_TYPES if t in fields.data}
    for unit_type, day in out.items():
        # Results of a year are reported in that year (districts by 15/12).
        if year_known and day.year != year:
            fields.error(unit_type, msg.DATE_OUTSIDE_YEAR.format(day=vi.short_date(day), year=year))
    fields.finish()
    return out


def roster_files(top: Fields, base: Path | None) -> list[RosterFile]:
    """danh_sach_don_vi: rosters by period, each {tep, tu_ngay, tinh}, dates increasing."""
    raw = top.raw("danh_sach_don_vi")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        top.error("danh_sach_don_vi", msg.PERIODS_NOT_A_LIST.format())
        return []
    out: list[RosterFile] = []
    seen: dict[dt.date, str] = {}
    previous: RosterFile | None = None
    for index, item in enumerate(raw, start=1):
        fields = top.child(item, f"danh_sach_don_vi[{index}]")
        before = len(top.findings)
        name = fields.text("tep")
        start = fields.date("tu_ngay")
        province = fields.text("tinh", default="")
        fields.finish()
        # Whether the file exists is checked when the list is used (--units overrides it).
        path = (base / name) if base is not None else Path(name)
        if len(top.findings) > before:
            continue
        if start in seen:
            fields.error(
                "tu_ngay", msg.PERIOD_SAME_DAY.format(start=vi.short_date(start), seen=seen[start])
            )
            continue
        seen[start] = fields.path("tu_ngay")
        if previous is not None and start < previous.start:
            fields.error(
                "tu_ngay",
                msg.PERIOD_NOT_IN_ORDER.format(
                    start=vi.short_date(start),
                    previous=vi.short_date(previous.start),
                    field=previous.field,
                ),
            )
        entry = RosterFile(str(path), start, province, fields.path(None), name)
        out.append(entry)
        previous = entry
    return out


def numbering(top: Fields) -> dict[str, int]:
    """danh_so: unit code → the number its series continues from in the register."""
    raw = top.raw("danh_so")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        top.error("danh_so", msg.CODE_NUMBERS_NOT_A_TABLE)
        return {}
    out = {}
    for code, start in raw.items():
        if isinstance(start, bool) or not isinstance(start, int) or start < 1:
            top.findings.append(
                Finding(
                    msg.NOT_A_COUNT_FROM_ONE.format(value=start),
                    file=top.file,
                    field=f"danh_so.{code}",
                )
            )
            continue
        out[str(code)] = start
    return out


def doc_dates(top: Fields, kinds: Mapping[str, DeclaredKind]) -> dict[str, dt.date]:
    """The date each kind of document carries (ngay_van_ban: {kind: date})."""
    raw = top.raw("ngay_van_ban")
    if raw is None:
        return {}
    fields = top.child(raw, "ngay_van_ban")
    dates = {}
    # Dates are kept by kind name, read under each kind's own key.
    for name in kinds:
        if name in fields.data:
            dates[name] = fields.date(name)
    fields.finish()
    # A kind without a date of its own takes the one of the kind it follows (date_key).
    for name, kind in kinds.items():
        if name not in dates and kind.date_key in dates:
            dates[name] = dates[kind.date_key]
    return dates


def targets(top: Fields) -> list[Target]:
    """The chỉ tiêu list: id, wording, unit types, level in percent."""
    raw = top.raw("chi_tieu")
    if raw is None:
        return []
    if not isinstance(raw, list):
        top.error("chi_tieu", msg.TARGETS_NOT_A_LIST)
        return []
    return [
        _target(top.child(item, f"chi_tieu[{index}]")) for index, item in enumerate(raw, start=1)
    ]


def _target(fields: Fields) -> Target:
    """One chỉ tiêu: ma, noi_dung, loai, ty_le, don_vi, so_luong, so_sanh."""
    target_id = fields.text("ma")
    text = fields.text("noi_dung")
    types_raw = fields.raw("loai")
    types = tuple(UNIT_TYPES) if types_raw is None else fields.unit_types("loai", types_raw)
    percent = _target_percent(fields)
    units = _target_units(fields)
    if units and types_raw is None:
        # A target that names units concerns them, not every type.
        types = ()
    count = fields.raw("so_luong")
    if count is None:
        count = 1
    elif isinstance(count, bool) or not isinstance(count, int) or count < 1:
        fields.error("so_luong", msg.NOT_A_COUNT_FROM_ONE.format(value=count))
        count = 1
    compare = fields.raw("so_sanh") or ">="
    if compare not in (">", ">="):
        fields.error("so_sanh", msg.COMPARE_UNKNOWN.format(compare=compare))
    fields.finish()
    return Target(
        id=target_id,
        text=text,
        unit_types=types,
        percent=percent,
        strict=compare == ">",
        units=units,
        count=count,
    )


def _target_percent(fields: Fields) -> float | None:
    """ty_le: the level in percent (0 to 100), or None when absent or bad."""
    percent = fields.raw("ty_le")
    if percent is None:
        return None
    if (
        isinstance(percent, bool)
        or not isinstance(percent, (int, float))
        or not math.isfinite(percent)
        or not 0 <= percent <= 100
    ):
        fields.error("ty_le", msg.NOT_A_PERCENT.format(percent=percent))
        return None
    return float(percent)


def _target_units(fields: Fields) -> tuple[str, ...]:
    """don_vi: the codes of the units a target names (one code or a list), else none."""
    units_raw = fields.raw("don_vi")
    if units_raw is None:
        return ()
    if isinstance(units_raw, (str, int)):
        units_raw = [units_raw]
    if (
        not isinstance(units_raw, list)
        or not units_raw
        or not all(isinstance(c, (str, int)) for c in units_raw)
    ):
        fields.error("don_vi", msg.CODES_NOT_A_LIST)
        return ()
    return tuple(clean_text(str(c)) for c in units_raw)


def names_kind(data: Any, kind: str) -> bool:
    """Tell whether the file's tai_lieu_bat_buoc names a kind itself."""
    required = data.get("tai_lieu_bat_buoc") if isinstance(data, dict) else None
    return isinstance(required, dict) and kind in required


def required(top: Fields, kinds: Mapping[str, DeclaredKind]) -> dict[str, tuple[str, ...]]:
    """The required-document matrix: kind → unit types that must have it.

    A kind the file names replaces its default; the others keep theirs (nothing is dropped by
    naming one kind). `plan: []` says no unit must have a plan.
    """
    raw = top.raw("tai_lieu_bat_buoc")
    required = default_required(kinds)
    if raw is None:
        return required
    fields = top.child(raw, "tai_lieu_bat_buoc")
    for kind in kinds:
        if kind in fields.data:
            value = fields.raw(kind)
            required[kind] = () if value == [] else fields.unit_types(kind, value)
    fields.finish()
    return required
