"""`antq-docs collect`: the returned forms into one results workbook that `--results` reads.

Each form is opened once and its sheets are read by their headings (returned.py), so a form
re-saved by Excel or LibreOffice, with a title row added or its rows re-ordered, still reads. A
form says whose it is (layout.OWNER_NAME, layout.OWNER_LABEL), not its file name. Problems are
gathered over every form and reported together, each at its file, sheet and cell: a form that is
not one, of a unit not on the roster, two forms of one unit, a row of a unit the form does not
cover, the units whose forms did not come back. The values are then checked by the functions
`--results` uses (inputs/results.py), on the rows of all forms at once, so that a commune is
checked with its khu dân cư and whatever collect writes (results_book.py), generate accepts.
Nothing is written when anything is wrong; an existing file is replaced only when forced, and an
input never.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from antq_docs import vi
from antq_docs.collect.layout import RESULTS_SHEET, covered, data_sheets, owner_of
from antq_docs.collect.results_book import results_workbook
from antq_docs.collect.returned import ReturnedForm, form_files, form_labels, read_form
from antq_docs.errors import Finding, InputError, OutputError, UsageError, ValidationError
from antq_docs.inputs.figures_notes import add_figures, add_notes
from antq_docs.inputs.item_scores import add_item_scores
from antq_docs.inputs.loading import Inputs, results_roster
from antq_docs.inputs.results import FIGURES_SHEET, NOTES_SHEET, SCORES_SHEET, build_results
from antq_docs.inputs.tables import Column, Row, Table
from antq_docs.messages import documents as msg
from antq_docs.model import UNIT_TYPES, FigureTotal, Results, Roster, Unit, kinds_label, roll_up
from antq_docs.output import atomic_write, write_failed, write_new
from antq_docs.vi import did_you_mean
from antq_docs.workers import ordered_map, workers_for

Progress = Callable[[int, int], None]


@dataclass
class Collected:
    """What `collect` wrote: the workbook, how many forms and units, and the checked results.

    totals are the figures of the roster's root summed up the tree (model.roll_up).
    """

    out: Path
    forms: int
    units: int
    results: Results
    root: Unit
    totals: list[FigureTotal]


class _Gathered(Table):
    """The rows of one sheet of every form in one table, numbered in the order they came.

    The functions of inputs/results.py check it as they check a results file; each finding
    they make is placed back at the cell of the form the row came from.
    """

    def __init__(self, sheet: str) -> None:
        super().__init__(path=Path(sheet), letters={}, headers={}, sheet=sheet)
        self.origins: list[tuple[Table, Row]] = []

    @property
    def name(self) -> str:
        """How a message names the sheet of all forms: 'trang Kết quả'."""
        return f"trang {self.sheet}"

    def add(self, table: Table, row: Row) -> None:
        """Take one row of a form's sheet."""
        self.origins.append((table, row))
        self.rows.append(Row(len(self.origins), row.values))
        for key in row.values:
            self.letters.setdefault(key, table.letters[key])
            self.headers.setdefault(key, table.headers[key])

    def finding(self, row: Row | int, key: str | None, message: str) -> Finding:
        """A finding at the cell of the form the row came from."""
        table, original = self.origins[(row.number if isinstance(row, Row) else row) - 1]
        return table.cell_finding(original, key, message)


def collect(
    inputs: Inputs,
    paths: Iterable[Path],
    out: Path,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Collected:
    """Read the returned forms (files, or folders of them) into one results workbook at out.

    Folders are searched for .xlsx files. The forms are checked against the roster in force on
    the evaluations' date. Raises ValidationError with every problem of every form and every
    form missing; OutputError when out exists (unless force), is an input, or cannot be
    written; UsageError for an out that is not an .xlsx file.
    """
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(msg.RESULTS_OUT_NOT_XLSX.format(out=out))
    paths = [Path(p) for p in paths]
    sheets = data_sheets(inputs.campaign)
    files = _forms_to_read(inputs, paths, out, sheets, force=force)
    roster = results_roster(inputs)
    forms = _read_forms(files, form_labels(files, paths), sheets, jobs, progress)
    findings: list[Finding] = []
    accepted = _identify(forms, roster, findings)
    gathered = {name: _Gathered(name) for name in sheets}
    blank = {id(f) for f in accepted if not _filled(f)}
    for form in (f for f in accepted if id(f) in blank):
        # One line for a form nobody filled, not one per empty cell.
        findings.append(
            Finding(
                msg.FORM_EMPTY,
                file=form.label,
            )
        )
    for form in accepted:
        if id(form) not in blank:
            _take_rows(form, roster, gathered, findings)
    findings += _missing_forms(roster, accepted, forms)
    results = _check_values(gathered, roster, inputs, accepted, findings)
    if findings:
        raise ValidationError(_in_file_order(findings, forms), what=msg.COLLECTING)
    _write(out, results_workbook(inputs, roster, gathered, len(accepted)), force=force)
    units = sum(len(covered(roster.units[f.owner])) for f in accepted)
    return Collected(
        out,
        len(accepted),
        units,
        results,
        roster.root,
        roll_up(roster.root, results, inputs.campaign.figures),
    )


def _forms_to_read(
    inputs: Inputs, paths: list[Path], out: Path, sheets: dict[str, list[Column]], *, force: bool
) -> list[Path]:
    """The form files named or under the folders named, once out is known to be writable.

    The campaign and rosters of the run, and the results of an earlier one, may lie in a folder
    of forms (a folder made by init): found there, they are not forms.
    """
    own = _own_inputs(inputs)
    named = {p.resolve() for p in paths}
    files = [f for f in form_files(paths) if f.resolve() not in own or f.resolve() in named]
    if _earlier_output(out, files, named, sheets):
        files = [f for f in files if f.resolve() != out.resolve()]
    _refuse_out(out, [*files, *own], force=force)
    if not files:
        raise InputError(msg.NO_FORMS, path=", ".join(str(p) for p in paths))
    return files


def _read_forms(
    files: list[Path],
    labels: dict[Path, str],
    sheets: dict[str, list[Column]],
    jobs: int | None,
    progress: Progress | None,
) -> list[ReturnedForm]:
    """Every form read, on `jobs` processes, in the order of the files."""
    read = functools.partial(read_form, sheets)
    forms = []
    for done, form in enumerate(ordered_map(read, files, workers_for(jobs, len(files))), start=1):
        form.label = labels[form.path]
        forms.append(form)
        if progress is not None:
            progress(done, len(files))
    return forms


def _write(out: Path, data: bytes, *, force: bool) -> None:
    """Write the results workbook: replacing a file only when forced."""
    try:
        if force:
            atomic_write(out, data)
        elif not write_new(out, data):
            raise OutputError(msg.RESULTS_OUT_EXISTS, path=out)
    except OSError as e:
        raise write_failed(e, out, msg.WRITING_RESULTS) from e


def total_text(total: FigureTotal) -> str:
    """One figure summed up the tree: 'Số buổi tuyên truyền: 1.887 buổi (75/75 đơn vị báo cáo)'."""
    value = (
        msg.FIGURE_NOT_YET
        if total.value is None
        else f"{vi.number(total.value)} {total.figure.measure}"
    )
    return msg.FIGURE_TOTAL.format(
        name=total.figure.name, value=value, reported=total.reported, expected=total.expected
    )


def _own_inputs(inputs: Inputs) -> set[Path]:
    """The campaign and roster files of the run, resolved."""
    sources = [Path(r.source) for r in inputs.rosters if r.source]
    if inputs.campaign.source:
        sources.append(Path(inputs.campaign.source))
    return {p.resolve() for p in sources}


def _earlier_output(
    out: Path, files: list[Path], named: set[Path], sheets: dict[str, list[Column]]
) -> bool:
    """Whether out, found in a folder of forms, is the results of an earlier run, not a form."""
    target = out.resolve()
    if target not in {f.resolve() for f in files} or target in named:
        return False
    return not read_form(sheets, out).owner


def _refuse_out(out: Path, sources: list[Path], *, force: bool) -> None:
    """Refuse, before any form is read, an output that is an input or exists (unless force)."""
    target = out.resolve()
    if any(p.resolve() == target for p in sources):
        raise OutputError(
            msg.RESULTS_OUT_IS_AN_INPUT,
            path=out,
        )
    if out.is_dir():
        raise OutputError(msg.RESULTS_OUT_IS_A_FOLDER, path=out)
    if not force and (out.exists() or out.is_symlink()):
        raise OutputError(msg.RESULTS_OUT_EXISTS, path=out)


def _identify(
    forms: list[ReturnedForm], roster: Roster, findings: list[Finding]
) -> list[ReturnedForm]:
    """The forms whose rows are taken: of a unit that owns a form, the only one of it."""
    roster_file = Path(roster.source).name if roster.source else msg.ROSTER
    by_owner: dict[str, list[ReturnedForm]] = {}
    for form in forms:
        findings += [_relabel(f, form) for f in form.findings]
        if not form.owner:
            continue
        unit = roster.get(form.owner)
        owner = owner_of(unit) if unit is not None else None
        if unit is None:
            findings.append(
                Finding(
                    msg.FORM_OWNER_UNKNOWN.format(owner=form.owner, roster=roster_file)
                    + did_you_mean(form.owner, roster.units),
                    file=form.label,
                )
            )
        elif owner is None:
            findings.append(
                Finding(
                    msg.FORM_OF_THE_ROOT.format(name=unit.name, code=unit.code, roster=roster_file),
                    file=form.label,
                )
            )
        elif owner is not unit:
            findings.append(
                Finding(
                    msg.FORM_SHARED_ELSEWHERE.format(
                        name=unit.name,
                        code=unit.code,
                        roster=roster_file,
                        owner=owner.name,
                        owner_code=owner.code,
                    ),
                    file=form.label,
                )
            )
        else:
            by_owner.setdefault(unit.code, []).append(form)
    accepted = []
    for code, group in by_owner.items():
        if len(group) == 1:
            accepted.append(group[0])
            continue
        unit = roster.units[code]
        for form in group:
            others = ", ".join(f.label for f in group if f is not form)
            findings.append(
                Finding(
                    msg.FORM_TWICE.format(name=unit.name, code=code, others=others),
                    file=form.label,
                )
            )
    return accepted


# The columns a form comes with already filled in: a form with nothing else was not filled.
_GIVEN = frozenset({"ma", "ten_don_vi", "muc", "noi_dung", "toi_da"})


def _filled(form: ReturnedForm) -> bool:
    """Whether anybody wrote anything in a returned form (beyond its codes, names and items)."""
    return any(
        value
        for table in form.tables.values()
        for row in table.rows
        for key, value in row.values.items()
        if key not in _GIVEN
    )


def _relabel(finding: Finding, form: ReturnedForm) -> Finding:
    """A finding of a form named by the form's label (its path when two files share a name)."""
    name = form.path.name
    if form.label == name or not finding.file or not finding.file.startswith(name):
        return finding
    return replace(finding, file=form.label + finding.file[len(name) :])


def _take_rows(
    form: ReturnedForm, roster: Roster, gathered: dict[str, _Gathered], findings: list[Finding]
) -> None:
    """Add a form's rows to the gathered sheets, reporting the rows that cannot be taken.

    Reported: rows of units the form does not cover, repeated rows, and the units without a row
    on the Kết quả sheet (their rows on the other sheets are not taken without it).
    """
    owner = roster.units[form.owner]
    members = {u.code: u for u in covered(owner)}
    roster_file = Path(roster.source).name if roster.source else msg.ROSTER
    listed: set[str] = set()
    # Kết quả first: a unit's other rows are taken only once it has its row there.
    for sheet, table in sorted(form.tables.items(), key=lambda i: i[0] != RESULTS_SHEET):
        seen: dict[tuple[str, str], int] = {}
        for row in table.rows:
            code = row.get("ma")
            if code not in members:
                message = _foreign(code, roster, roster_file)
                findings.append(_relabel(table.cell_finding(row, "ma", message), form))
                continue
            key = (code, row.get("muc") if sheet == SCORES_SHEET else "")
            if key in seen:
                twice = msg.ITEM_ROW_TWICE if sheet == SCORES_SHEET else msg.ROW_TWICE
                findings.append(
                    _relabel(
                        table.cell_finding(
                            row, "ma", twice.format(item=key[1], code=code, row=seen[key])
                        ),
                        form,
                    )
                )
                continue
            seen[key] = row.number
            if sheet == RESULTS_SHEET or code in listed:
                gathered[sheet].add(table, row)
        if sheet == RESULTS_SHEET:
            listed = {code for code, _ in seen}
            findings += [
                _relabel(
                    Finding(msg.FORM_ROW_MISSING.format(name=u.name, code=u.code), file=table.name),
                    form,
                )
                for u in members.values()
                if u.code not in listed
            ]


def _foreign(code: str, roster: Roster, roster_file: str) -> str:
    """Why a row's code does not belong on this form."""
    if not code:
        return msg.FORM_CODE_MISSING
    unit = roster.get(code)
    if unit is None:
        return msg.FORM_CODE_UNKNOWN.format(code=code, roster=roster_file) + did_you_mean(
            code, roster.units
        )
    owner = owner_of(unit)
    if owner is None:
        where = msg.FORM_ROW_OF_ROOT
    elif owner is unit:
        where = msg.FORM_ROW_OWN_FORM
    else:
        where = msg.FORM_ROW_SHARED.format(name=owner.name, code=owner.code)
    return msg.FORM_ROW_NOT_HERE.format(code=code, name=unit.name, where=where)


def _missing_forms(
    roster: Roster, accepted: list[ReturnedForm], forms: list[ReturnedForm]
) -> list[Finding]:
    """One finding per unit type listing the units whose forms have not come back.

    A unit whose form came back but was refused (two forms, a broken file) is reported there.
    """
    came = {f.owner for f in forms}
    missing: dict[str, list[Unit]] = {}
    for unit in roster:
        if owner_of(unit) is unit and unit.code not in came:
            missing.setdefault(unit.type, []).append(unit)
    return [
        Finding(
            msg.FORMS_NOT_RECEIVED.format(
                count=len(units),
                units=kinds_label(units),
                names="; ".join(f"{u.code} ({u.name})" for u in units),
            )
        )
        for kind, units in sorted(missing.items(), key=lambda i: list(UNIT_TYPES).index(i[0]))
    ]


def _check_values(
    gathered: dict[str, _Gathered],
    roster: Roster,
    inputs: Inputs,
    accepted: list[ReturnedForm],
    findings: list[Finding],
) -> Results:
    """Check every value as `--results` does, each finding placed at its form's cell."""
    campaign = inputs.campaign
    found: list[Finding] = []
    results = build_results(gathered[RESULTS_SHEET], roster, campaign, found, every_unit=False)
    if SCORES_SHEET in gathered:
        add_item_scores(gathered[SCORES_SHEET], gathered[RESULTS_SHEET], results, campaign, found)
    if FIGURES_SHEET in gathered:
        add_figures(gathered[FIGURES_SHEET], results, roster, campaign, found, sheet=True)
    add_notes(gathered[NOTES_SHEET], results, roster, found, sheet=True)
    # A finding about a unit as a whole (items missing) names the gathered sheet: name the
    # form that unit is on instead.
    form_of = {
        code: form
        for form in accepted
        for code in (u.code for u in covered(roster.units[form.owner]))
    }
    sheets = {g.name: g.sheet for g in gathered.values()}
    for finding in found:
        form = form_of.get(finding.unit or "")
        if finding.file in sheets and form is not None:
            finding = replace(finding, file=f"{form.label}, trang {sheets[finding.file]}")
        findings.append(finding)
    return results


def _in_file_order(findings: list[Finding], forms: list[ReturnedForm]) -> list[Finding]:
    """The findings form by form in the order the forms were read; the missing forms last."""
    order = {form.label: index for index, form in enumerate(forms)}

    def key(finding: Finding) -> int:
        label = (finding.file or "").split(", trang ", 1)[0]
        return order.get(label, len(order))

    return sorted(findings, key=key)
