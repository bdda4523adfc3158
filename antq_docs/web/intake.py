"""A file given in the panel "Dữ liệu đang dùng", read by the library before it is kept.

The file is tried in a copy of the workspace (the other files as they are, this one in its
place) with the same loading as a request: a finding in it refuses it, and the page it came
from says so at its top with the findings table; a file kept says so too. A file that can only be
read with a plan and a roster (results, scores, households) is read once both are there.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from antq_docs.errors import AntqError, Finding, InputError, ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from antq_docs.web import actions
from antq_docs.web import messages as msg
from antq_docs.web.space import MANIFEST, Space
from antq_docs.web.views import findings, public


@dataclass
class Intake:
    """What reading a given file found: its findings (refused when any) and its notices."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def try_file(
    space: Space,
    scratch: Path,
    role: str,
    name: str,
    data: bytes,
    day: dt.date | None,
    *,
    one_period: bool,
) -> Intake:
    """Read a file as the workspace would use it, in a copy of the workspace under scratch."""
    trial = _copy(space, scratch)
    given = trial.keep(role, name, data, day, one_period=one_period)
    try:
        notices = _read(trial, role, trial.folder / given.stored, scratch)
    except ValidationError as e:
        # Refused when something is wrong in this file; the findings of the other files are
        # then shown with its own (a roster of a period the plan lacks: both sides).
        if not any(_of_file(f, given.stored) for f in e.findings):
            return Intake(notices=[msg.OTHER_FILES_WRONG])
        return Intake(findings(e, trial))
    except InputError as e:
        # A file that cannot be read as this role at all (a workbook given as the plan…) is
        # refused like one with findings: the file kept before stays in use.
        reason = Finding(e.reason, file=given.stored)
        return Intake(findings(ValidationError([reason], what=name), trial))
    except AntqError as e:
        return Intake(notices=[public(str(e), trial, scratch)])
    return Intake(notices=[public(n, trial, scratch) for n in notices])


def _of_file(finding: Finding, stored: str) -> bool:
    """Whether a finding is about the stored file, or one of its sheets ('ket-qua.xlsx, trang
    Bảng điểm'): a fault there is this file's own, not another file's."""
    if finding.file is None:
        return True
    name = Path(finding.file).name
    return name == stored or name.startswith(f"{stored}, ")


def _copy(space: Space, scratch: Path) -> Space:
    """A workspace under scratch holding the same files and choices as space."""
    trial = Space(scratch, space.token)
    for path in space.folder.iterdir():
        if path.is_file() and (path.name == MANIFEST or not path.name.startswith(".")):
            shutil.copyfile(path, trial.folder / path.name)
    return trial


def _read(trial: Space, role: str, path: Path, scratch: Path) -> list[str]:
    """Load the trial workspace's inputs as a request would (the notices), or the file alone
    when the plan or the roster is still missing; ValidationError names what is wrong."""
    uploads = actions.Uploads.of(trial)
    complete = uploads.sample or (uploads.campaign is not None and bool(uploads.rosters))
    if complete:
        year_end = uploads.results is not None
        return actions.load(uploads, scratch, year_end=year_end).notices
    if role == "campaign":
        load_campaign(path, kinds=REGISTRY)
        return []
    if role == "roster":
        warnings: list[str] = []
        load_roster(path, warnings=warnings)
        return warnings
    return [msg.READ_LATER]
