"""The PDF step of the page: a PDF beside every document a job made and, when asked, the hồ sơ
of each unit, as `antq-docs pdf` and `antq-docs bundle` make them (LibreOffice on the server).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from antq_docs.errors import PdfError, UsageError
from antq_docs.pdf import bundle as run_bundle
from antq_docs.pdf import convert_folder, find_soffice
from antq_docs.web import messages as msg
from antq_docs.web.actions import Loaded, Progress
from antq_docs.web.names import public_path

# How many documents lacking from the hồ sơ are named one by one, as the command line does.
LISTED = 10


def soffice_or_refuse() -> None:
    """Refuse PDFs and hồ sơ in words an official reads when the server has no LibreOffice."""
    try:
        find_soffice()
    except PdfError as e:
        raise UsageError(msg.NO_LIBREOFFICE) from e


def has_soffice() -> bool:
    """Whether this server can make PDFs (the page offers them only then)."""
    try:
        find_soffice()
    except PdfError:
        return False
    return True


@dataclass
class Printed:
    """What the PDF step made: its summary lines and the hồ sơ files, as the page lists them."""

    lines: list[str]
    packs: list[dict[str, str]]


def ready(
    loaded: Loaded,
    job: Path,
    *,
    pack: bool,
    scope: str | None = None,
    progress: Progress | None = None,
) -> Printed:
    """A PDF beside every document of the job (LibreOffice), and with pack the hồ sơ of each
    unit (of scope's subtree when a unit is chosen), as `antq-docs pdf` and `antq-docs bundle`
    make them."""
    out = job / "out"
    lines: list[str] = []
    packs: list[dict[str, str]] = []
    if pack:
        bundled = run_bundle(loaded.inputs, out, progress=progress, scope=scope)
        converted = bundled.pdf
        for outcome in bundled.outcomes:
            unit = loaded.inputs.find(Path(outcome.path).stem.removesuffix("-cap-duoi"))
            below = outcome.path.endswith("-cap-duoi.pdf")
            name = unit.name if unit else Path(outcome.path).stem
            packs.append(
                {
                    "path": outcome.path,
                    "name": msg.PACK_BELOW.format(name=name) if below else name,
                }
            )
    else:
        converted = convert_folder(out, progress=progress)
        bundled = None
    lines.append(converted.summary(shown_as=msg.OUTPUT_FOLDER))
    lines += [msg.PDF_FAILED.format(path=public_path(p)) for p in converted.failed]
    if bundled is not None:
        lines.append(bundled.summary(shown_as=msg.OUTPUT_FOLDER))
        lacking = bundled.missing
        lines += [msg.PACK_LACKS.format(path=public_path(p)) for p in lacking[:LISTED]]
        if len(lacking) > LISTED:
            lines.append(msg.PACK_LACKS_MORE.format(count=len(lacking) - LISTED))
    return Printed(lines, packs)
