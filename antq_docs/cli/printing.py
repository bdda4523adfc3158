"""What the commands print: progress bars on stderr and the outcome of a run, in Vietnamese."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from antq_docs.cli import messages as msg
from antq_docs.generate import DECLARE_PERIODS, SINGLE_ROSTER, Advised
from antq_docs.indicators import table_text
from antq_docs.kinds import REGISTRY
from antq_docs.model import UNIT_TYPES
from antq_docs.pdf import bundle as run_bundle
from antq_docs.pdf import convert_folder
from antq_docs.vi import short_date

STATUS = {
    "new": msg.STATUS_NEW,
    "updated": msg.STATUS_UPDATED,
    "unchanged": msg.STATUS_UNCHANGED,
    "kept": msg.STATUS_KEPT,
    "signed": msg.STATUS_SIGNED,
}


class Bar:
    """A progress bar on stderr from 50 steps on: the library's progress callback."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total >= 50:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        """End the bar's line."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def waiting(out: Path):
    """The on_wait callback: say that another run holds the folder."""
    return lambda seconds: click.echo(
        msg.WAITING.format(out=out, seconds=seconds),
        err=True,
    )


# How many lacking documents the bundle names one by one before counting the rest.
_LISTED = 10


def print_ready(inputs, out: Path, *, pack: bool, jobs: int | None, wait: float) -> None:
    """Make the PDFs (and the hồ sơ), show what happened; exit 1 when a document failed."""
    bar = Bar(msg.BAR_PDF)
    try:
        bundled = None
        if pack:
            bundled = run_bundle(
                inputs, out, jobs=jobs, progress=bar, wait=wait, on_wait=waiting(out)
            )
            converted = bundled.pdf
        else:
            converted = convert_folder(
                out, jobs=jobs, progress=bar, wait=wait, on_wait=waiting(out)
            )
    finally:
        bar.close()
    for path in converted.paths("kept"):
        click.echo(msg.PDF_KEPT.format(path=path), err=True)
    for path in converted.failed:
        click.echo(msg.PDF_FAILED.format(path=path), err=True)
    click.echo(converted.summary(), err=True)
    if bundled is not None:
        for outcome in bundled.outcomes:
            if outcome.status == "kept":
                click.echo(msg.BUNDLE_KEPT.format(path=outcome.path), err=True)
        for path in bundled.missing[:_LISTED]:
            click.echo(msg.BUNDLE_LACKS.format(path=path), err=True)
        if len(bundled.missing) > _LISTED:
            click.echo(
                msg.BUNDLE_LACKS_MORE.format(count=len(bundled.missing) - _LISTED),
                err=True,
            )
        click.echo(bundled.summary(), err=True)
    if converted.failed:
        click.get_current_context().exit(1)


class StepBar(Bar):
    """generate's progress bar: one step per document, from 50 on, none on a dry run."""

    def __init__(self, label: str, *, shown: bool) -> None:
        super().__init__(label)
        self.enabled = shown

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total >= 50 and self.enabled:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(1)


def print_skipped(skipped: list[str]) -> None:
    """The year-end kinds `all` leaves out without --results."""
    if skipped:
        click.echo(
            msg.SKIPPED_WITHOUT_RESULTS.format(
                items=", ".join(f"{REGISTRY[k].label} ({k})" for k in skipped)
            ),
            err=True,
        )


# The command line's words for the advice a warning carries (generate.Advised).
_ADVICE = {SINGLE_ROSTER: msg.SINGLE_ROSTER_ADVICE, DECLARE_PERIODS: msg.PERIODS_ADVICE}


def worded(warning: str) -> str:
    """A warning with the command line's own advice after it, when it carries one."""
    if isinstance(warning, Advised):
        return f"{warning} {_ADVICE[warning.advice].format(day=warning.day)}"
    return warning


def print_generated(result: Any, *, dry_run: bool) -> None:
    """generate's outcome: the files of a dry run, warnings, files left alone, the summary."""
    if dry_run:
        for outcome in result.outcomes:
            click.echo(f"{STATUS[outcome.status]}\t{outcome.path}")
    for warning in result.warnings:
        click.echo(msg.WARNING.format(warning=worded(warning)), err=True)
    for path in result.signed:
        click.echo(msg.SKIPPED_SIGNED.format(path=path), err=True)
    for path in result.kept:
        click.echo(msg.KEPT_EDITED.format(path=path), err=True)
    click.echo(result.summary(), err=True)


def print_report(result: Any, out: Path, *, as_json: bool) -> None:
    """report's outcome: the targets (a table or JSON), the year's figures, the file written."""
    if as_json:
        rows = [i.as_json() for i in result.indicators]
        rows += [f.as_json() for f in result.figures]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(msg.REPORT_HEADING.format(name=result.level.name, code=result.level.code))
        click.echo(table_text(result.indicators))
        if result.figures:
            click.echo(msg.REPORT_FIGURES)
            for figure in result.figures:
                click.echo(f"  {figure.text()}")
    for warning in result.warnings:
        click.echo(msg.WARNING.format(warning=warning), err=True)
    if result.outcome is None:
        return
    if result.early is not None:
        click.echo(
            msg.REPORT_DATED_EARLY.format(
                day=short_date(result.early.day),
                planned=short_date(result.early.planned),
                deadline=short_date(result.early.deadline),
                type=UNIT_TYPES[result.level.type],
            ),
            err=True,
        )
    path = out / result.outcome.path
    if result.outcome.status == "kept":
        click.echo(msg.KEPT_EDITED.format(path=path), err=True)
    else:
        click.echo(
            msg.REPORT_WRITTEN.format(path=path, status=STATUS[result.outcome.status]), err=True
        )
