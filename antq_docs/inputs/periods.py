"""Rosters by period (danh_sach_don_vi): a period's roster, the day each unit appeared, and
rosters given by the day each comes into force (the web page's files) instead of the files the
campaign names, matched with the campaign's periods by day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from antq_docs import vi
from antq_docs.errors import Finding
from antq_docs.messages import inputs as msg
from antq_docs.model import Campaign, Roster, RosterFile


@dataclass(frozen=True)
class RosterPeriod:
    """A roster and the day it comes into force (danh_sach_don_vi), with its province."""

    start: dt.date
    roster: Roster
    province: str


def given_periods(
    campaign: Campaign, given: Mapping[dt.date | None, Path], findings: list[Finding]
) -> list[RosterFile]:
    """The campaign's periods with the files given for them by day; every period needs one
    and every file's day must be a period, else a finding naming the day (none returned)."""
    entries = campaign.roster_files
    by_day = {day: path for day, path in given.items() if day is not None}
    first = given.get(None)
    if first is not None and entries and entries[0].start not in by_day:
        by_day[entries[0].start] = first
    problems = len(findings)
    known = {e.start for e in entries}
    listed = ", ".join(vi.short_date(e.start) for e in entries)
    for day, path in sorted(by_day.items()):
        if day not in known:
            findings.append(
                Finding(
                    msg.ROSTER_DAY_NOT_A_PERIOD.format(day=vi.short_date(day), listed=listed)
                    if entries
                    else msg.ROSTER_DAY_WITHOUT_PERIODS.format(day=vi.short_date(day)),
                    file=path.name,
                    field="danh_sach_don_vi",
                )
            )
    for entry in entries:
        if entry.start not in by_day:
            findings.append(
                Finding(
                    msg.PERIOD_WITHOUT_ROSTER.format(day=vi.short_date(entry.start)),
                    file=Path(campaign.source).name,
                    field=f"{entry.field}.tu_ngay",
                )
            )
    if len(findings) > problems:
        return []
    return [
        RosterFile(str(by_day[e.start]), e.start, e.province, e.field, by_day[e.start].name)
        for e in entries
    ]


def date_new_units(periods: list[RosterPeriod]) -> None:
    """Mark each unit of a later roster that the first one lacks with the day it appeared."""
    first_seen: dict[str, dt.date] = {}
    for period in periods[1:]:
        for unit in period.roster:
            first_seen.setdefault(unit.code, period.start)
    for unit in periods[0].roster:
        first_seen.pop(unit.code, None)
    for period in periods:
        for unit in period.roster:
            unit.since = first_seen.get(unit.code)
