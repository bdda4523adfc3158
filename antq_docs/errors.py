"""The one exception hierarchy of antq-docs; every error builds its own Vietnamese message."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from antq_docs.messages import errors as msg


@dataclass(frozen=True)
class Finding:
    """One problem found in the inputs, located as precisely as the source allows."""

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    unit: str | None = None
    field: str | None = None
    # A spreadsheet cell as Excel names it, with its column's heading: 'D5 (Số buổi tuyên
    # truyền)'; a finding in a form is located by cell rather than by row and column.
    cell: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.cell:
            where.append(msg.WHERE_CELL.format(cell=self.cell))
        else:
            if self.row is not None:
                where.append(msg.WHERE_ROW.format(row=self.row))
            if self.column:
                where.append(msg.WHERE_COLUMN.format(column=self.column))
        if self.unit:
            where.append(msg.WHERE_UNIT.format(unit=self.unit))
        if self.field:
            where.append(msg.WHERE_FIELD.format(field=self.field))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class AntqError(Exception):
    """Base of every error antq-docs reports to its user (exit code 1, HTTP 422).

    exit_code is what the command line exits with; http_status what the web page and its API
    answer: 422 when the request was well formed but its data or documents could not be used,
    400 when the request itself is wrong (a file that cannot be read, options that contradict).
    """

    exit_code = 1
    http_status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AntqError):
    """Raised when an input file cannot be opened or decoded at all (HTTP 400)."""

    http_status = 400

    def __init__(self, message: str, *, path: Path | str) -> None:
        self.path = str(path)
        # What is wrong, without the path: a finding that names the file its own way uses it.
        self.reason = message
        super().__init__(f"{self.path}: {message}")


class ValidationError(AntqError):
    """Raised when inputs were read but hold problems; carries every finding at once."""

    def __init__(self, findings: list[Finding], *, what: str) -> None:
        self.findings = list(findings)
        self.what = what
        lines = [msg.FINDINGS_HEADER.format(what=what, count=len(self.findings))]
        lines += [f"  - {f}" for f in self.findings]
        super().__init__("\n".join(lines))


class DocumentsStopped(AntqError):
    """Raised after a run that wrote its documents but left out those lacking a value (each
    named in a warning), so a script sees the run as unfinished (exit code 1)."""

    def __init__(self, findings: list[Finding], *, documents: int) -> None:
        self.findings = list(findings)
        self.documents = documents
        super().__init__(msg.DOCUMENTS_STOPPED.format(count=documents))


class RenderError(AntqError):
    """Raised when a template cannot be prepared or filled (a defect in the template)."""

    def __init__(self, message: str, *, template: str) -> None:
        self.template = template
        super().__init__(msg.TEMPLATE_DEFECT.format(template=template, message=message))


class OutputError(AntqError):
    """Raised when the output folder cannot be used or written."""

    def __init__(self, message: str, *, path: Path | str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class DiskFull(OutputError):
    """Raised when the disk or the user's quota fills while writing; nothing is half-written.

    One message wherever it happens (a document, the register, a PDF, the hồ sơ), naming what
    was being written.
    """

    def __init__(self, what: str, *, path: Path | str) -> None:
        self.what = what
        super().__init__(msg.DISK_FULL_WRITING.format(what=what), path=path)


def is_disk_full(error: OSError) -> bool:
    """Whether a failed write failed because the disk or the user's quota is full."""
    return error.errno in (errno.ENOSPC, errno.EDQUOT)


class UsageError(AntqError):
    """Raised when options contradict each other or name things that do not exist (exit 2, 400)."""

    exit_code = 2
    http_status = 400


class ResultsNeeded(UsageError):
    """Raised when a kind made from the year-end results is asked for without them."""

    def __init__(self, kind: str, label: str) -> None:
        self.kind = kind
        self.label = label
        super().__init__(msg.RESULTS_NEEDED.format(kind=kind))


class UnreadableDocument(AntqError):
    """Raised when a file handed to check or lint is not a usable Word or PDF document."""

    def __init__(self, reason: str, *, path: Path | str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class PdfError(AntqError):
    """Raised when LibreOffice is missing or a PDF cannot be made or joined into a hồ sơ."""
