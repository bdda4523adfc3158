"""`report`: the year report of a level, its targets measured from the year-end results and,
with --docs, from the documents `check` finds in a folder; written like any other document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs import vi
from antq_docs.check import check
from antq_docs.errors import UsageError, ValidationError
from antq_docs.generate import check_number_from, template_set, write_documents
from antq_docs.indicators import Indicator, draft_disagreements, level_unit, measure
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import Needs
from antq_docs.kinds.report import KIND as REPORT
from antq_docs.messages import documents as msg
from antq_docs.model import FigureTotal, Roster, Unit, roll_up
from antq_docs.output import Outcome
from antq_docs.vi import did_you_mean


@dataclass(frozen=True)
class EarlyDate:
    """A report dated before the plan's day for reports, because its level must send it before
    the deadline the plan sets for its type (han_bao_cao): the day it bears, the plan's day,
    the deadline."""

    day: dt.date
    planned: dt.date
    deadline: dt.date


@dataclass
class ReportResult:
    """What `antq-docs report` computed for one level, and wrote when a folder was given."""

    level: Unit
    indicators: list[Indicator]
    outcome: Outcome | None
    # Where the drafts (--docs) and the results disagree; the report counts the results.
    warnings: list[str] = field(default_factory=list)
    # The level's figures of the year, its own plus its subtree's (model.roll_up).
    figures: list[FigureTotal] = field(default_factory=list)
    # Set when the report written is dated before the plan's day for reports.
    early: EarlyDate | None = None


def report(
    inputs: Inputs,
    out: Path | None,
    level: str | None = None,
    *,
    force: bool = False,
    number_from: dict[str, int] | None = None,
    docs: Path | None = None,
    templates: Path | None = None,
    signed: bool = False,
) -> ReportResult:
    """Measure a level (the root by default) against the targets; write its year report to out.

    With docs, the targets met by documents (plans, pledges, Ngày hội plans) are measured from
    that folder by `check`'s own audit; with signed too, only documents whose signed copy is
    filed count. Without out, nothing is written. The report is numbered
    like every other document: from the register when its issuer is in the campaign's danh_so
    or number_from, else left for the clerk.
    """
    if inputs.results is None:
        raise UsageError(msg.REPORT_NEEDS_RESULTS)
    found = template_set(inputs, templates)
    roster = inputs.roster_for(REPORT.name)
    unit = _reported_level(inputs, roster, level)
    check_number_from(inputs, number_from)
    if not unit.children:
        raise UsageError(msg.REPORT_LEVEL_WITHOUT_UNITS.format(code=unit.code, name=unit.name))
    if signed and docs is None:
        raise UsageError(msg.REPORT_SIGNED_NEEDS_DOCS)
    documents = None
    if docs is not None:
        documents = check(inputs, docs, signed=signed).documents_found()
    indicators = measure(inputs.campaign, inputs.results, unit, documents)
    warnings = (
        []
        if documents is None
        else draft_disagreements(inputs.campaign, inputs.results, unit, documents)
    )
    figures = roll_up(unit, inputs.results, inputs.campaign.figures)
    if out is None:
        return ReportResult(unit, indicators, None, warnings, figures)
    needs = Needs(Path(roster.source).name, Path(inputs.campaign.source).name, roster.columns)
    document = REPORT.report_document(
        inputs.campaign, roster, unit, needs, inputs.results, documents
    )
    if needs.findings:
        raise ValidationError(needs.findings, what=msg.DOCUMENT_DATA_MISSING)
    numbering = {**inputs.campaign.numbering, **(number_from or {})}
    (outcome,) = write_documents([document], out, force=force, numbering=numbering, templates=found)
    early = _early_date(inputs, unit, needs)
    return ReportResult(unit, indicators, outcome, warnings, figures, early)


def _early_date(inputs: Inputs, unit: Unit, needs: Needs) -> EarlyDate | None:
    """How the report's date differs from the plan's day for reports, when it is earlier."""
    planned = REPORT.day(inputs.campaign)
    day = REPORT.report_day(inputs.campaign, unit, needs)
    if planned is None or day >= planned:
        return None
    return EarlyDate(day, planned, inputs.campaign.report_deadline(unit.type))


def _reported_level(inputs: Inputs, roster: Roster, level: str | None) -> Unit:
    """The unit --level names (the root by default), refused when unknown or ended by then."""
    unit = level_unit(roster, level)
    day = REPORT.day(inputs.campaign)
    ended = next((u for u in inputs.left_out(day) if u.code == level), None)
    if ended is not None:
        assert day is not None
        changes = "; ".join(
            c.describe()
            for c in inputs.campaign.changes
            if c.body == "chinh_quyen" and c.ended_by(day)
        )
        raise UsageError(
            msg.REPORT_LEVEL_ENDED.format(
                code=ended.code, name=ended.name, day=vi.short_date(day), changes=changes
            )
        )
    if unit is None:
        raise UsageError(
            msg.LEVEL_NOT_IN_ROSTER.format(level=level, roster=roster.source)
            + did_you_mean(level or "", roster.units)
        )
    return unit
