"""The Ngày hội of the campaign: how it is held (ngay_hoi_to_chuc: start time, activities
window, and per unit type its place, budget, participants and estimate du_toan) and the
anniversaries it marks (ky_niem)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from antq_docs import vi
from antq_docs.inputs.roster import parse_amount
from antq_docs.inputs.yaml_fields import Fields
from antq_docs.messages import inputs as msg
from antq_docs.model import UNIT_TYPES, Anniversary, BudgetItem, EventDefaults, EventSettings


def event(top: Fields, year: int) -> EventSettings:
    """Ngày hội settings: start time, start of the activities window, defaults per unit type."""
    fields = top.child(top.raw("ngay_hoi_to_chuc") or {}, "ngay_hoi_to_chuc")
    time = fields.text("gio", default="07 giờ 30 phút")
    window_start = fields.date("hoat_dong_tu", default=dt.date(year, 7, 1))
    by_type: dict[str, EventDefaults] = {}
    raw = fields.raw("theo_loai")
    if raw is not None:
        types = top.child(raw, "ngay_hoi_to_chuc.theo_loai")
        for unit_type in UNIT_TYPES:
            if unit_type in types.data:
                by_type[unit_type] = _event_defaults(types, unit_type)
        types.finish()
    fields.finish()
    return EventSettings(time=time, window_start=window_start, by_type=by_type)


# A venue that ends in the bare word of a kind ("Hội trường Ủy ban nhân dân xã") names no unit,
# so a default for a type that holds several kinds (xã, phường, thị trấn) is wrong for the rest.
_BARE_KIND = re.compile(
    r"\b(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)\s*$", re.IGNORECASE
)


def _event_defaults(types: Fields, unit_type: str) -> EventDefaults:
    """The Ngày hội defaults of one unit type: place, budget, participants, estimate."""
    item = types.child(types.raw(unit_type), types.path(unit_type))
    venue = item.text("dia_diem", default="")
    if unit_type in ("huyen", "xa") and _BARE_KIND.search(venue):
        item.error(
            "dia_diem",
            msg.VENUE_WITHOUT_UNIT.format(venue=venue),
        )
    budget = _amount(item, "kinh_phi", item.raw("kinh_phi"))
    estimate = _estimate(item)
    if estimate is not None:
        total = sum(i.amount for i in estimate)
        if budget is None and item.data.get("kinh_phi") is None:
            budget = total
        elif budget is not None and budget != total:
            item.error(
                "kinh_phi",
                msg.BUDGET_DIFFERS.format(budget=vi.money(budget), total=vi.money(total)),
            )
    participants = item.text("thanh_phan", default="")
    item.finish()
    return EventDefaults(
        venue=venue, budget=budget, participants=participants, items=tuple(estimate or ())
    )


def _amount(fields: Fields, key: str, value: Any) -> int | None:
    """An amount of whole đồng (15500000 or "15.500.000"), or None with a finding."""
    if value is None:
        return None
    if isinstance(value, (bool, float)):
        amount = None
    elif isinstance(value, int):
        amount = value
    else:
        amount = parse_amount(str(value))
    if amount is None or amount < 0:
        fields.error(key, msg.NOT_WHOLE_DONG.format(value=value))
        return None
    return amount


def _estimate(item: Fields) -> list[BudgetItem] | None:
    """du_toan: the budget estimate, a list of {noi_dung, so_tien}; None when absent or bad."""
    raw = item.raw("du_toan")
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        item.error("du_toan", msg.ESTIMATE_NOT_A_LIST)
        return None
    lines: list[BudgetItem] = []
    complete = True
    for index, entry in enumerate(raw, start=1):
        fields = item.child(entry, f"{item.path('du_toan')}[{index}]")
        text = fields.text("noi_dung")
        raw_amount = fields.raw("so_tien")
        if raw_amount is None:
            fields.error("so_tien", msg.REQUIRED)
        amount = _amount(fields, "so_tien", raw_amount)
        fields.finish()
        if amount is None or not text:
            complete = False
            continue
        lines.append(BudgetItem(text, amount))
    # A total of some lines only would be compared with kinh_phi and report a false mismatch.
    return lines if complete else None


# "80 năm Ngày truyền thống…": the count is computed from the date, so it must not be typed.
_TYPED_COUNT = re.compile(r"^\s*(kỷ niệm\s+)?\d+\s+năm\b", re.IGNORECASE)


def anniversaries(top: Fields, year: int | None) -> tuple[Anniversary, ...]:
    """ky_niem: the anniversaries the Ngày hội marks, each {noi_dung, ngay} (the first day)."""
    raw = top.raw("ky_niem")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        top.error("ky_niem", msg.ANNIVERSARIES_NOT_A_LIST)
        return ()
    out = []
    for index, entry in enumerate(raw, start=1):
        before = len(top.findings)
        fields = top.child(entry, f"ky_niem[{index}]")
        name = fields.text("noi_dung")
        since = fields.date("ngay")
        fields.finish()
        if name and _TYPED_COUNT.match(name):
            fields.error(
                "noi_dung",
                msg.ANNIVERSARY_WITH_YEARS.format(name=name),
            )
        if len(top.findings) > before or year is None:
            continue
        if since.year >= year:
            fields.error(
                "ngay", msg.ANNIVERSARY_NOT_BEFORE.format(since=vi.short_date(since), year=year)
            )
            continue
        if (since.month, since.day) == (2, 29) and not calendar.isleap(year):
            fields.error("ngay", msg.ANNIVERSARY_NO_29_FEBRUARY.format(year=year))
            continue
        out.append(Anniversary(name, since))
    return tuple(out)
