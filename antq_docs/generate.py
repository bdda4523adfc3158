"""`generate`: build every context from the checked inputs (inputs/loading.py), then render
and write (writing.py).

Nothing is written until every value the documents need has been checked; all problems are
reported together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs import vi
from antq_docs.errors import Finding, ResultsNeeded, UsageError, ValidationError
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import REGISTRY, Document, Needs
from antq_docs.kinds.heading import superior_unknown
from antq_docs.messages import documents as msg
from antq_docs.model import Roster, Unit
from antq_docs.output import (
    KEPT,
    LOCK_TIMEOUT_S,
    NEW,
    SIGNED,
    UNCHANGED,
    UPDATED,
    Outcome,
)
from antq_docs.tplcheck import TemplateSet
from antq_docs.vi import did_you_mean
from antq_docs.writing import Progress, write_documents

# What a person should do about a roster that outlives its level, as each face words it: give
# the rosters by period instead of one roster for the year, or declare the periods at all.
SINGLE_ROSTER = "single_roster"
DECLARE_PERIODS = "declare_periods"


class Advised(str):
    """A warning (its text says what happened) with the advice each face words itself: which
    (SINGLE_ROSTER, DECLARE_PERIODS) and the first day of the new tree it names. The command
    line speaks of files and options, the web page of its fields."""

    advice: str
    day: str

    def __new__(cls, text: str, advice: str, day: str) -> Advised:
        made = super().__new__(cls, text)
        made.advice, made.day = advice, day
        return made

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        # Copied (dataclasses.asdict) and pickled with its advice, not as plain text.
        return str(self), self.advice, self.day


@dataclass
class GenerateResult:
    """What a generate run did, document by document."""

    outcomes: list[Outcome]
    out: Path
    dry_run: bool
    warnings: list[str]
    # The values some documents lack; those documents were left out (each said in warnings).
    stopped: list[Finding] = field(default_factory=list)
    # How many documents were left out for them.
    left_out: int = 0

    def count(self, status: str) -> int:
        """How many documents ended with a status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def kept(self) -> list[str]:
        """Documents left alone because a person changed them."""
        return [o.path for o in self.outcomes if o.status == KEPT]

    @property
    def signed(self) -> list[str]:
        """Documents not written because their signed PDF stands in their place."""
        return [o.path for o in self.outcomes if o.status == SIGNED]

    def _signed_part(self) -> str:
        return msg.SIGNED_PART.format(count=self.count(SIGNED)) if self.count(SIGNED) else ""

    def summary(self) -> str:
        """One Vietnamese line for the end of the run."""
        if self.dry_run:
            todo = self.count(NEW) + self.count(UPDATED)
            return msg.DRY_RUN_SUMMARY.format(todo=todo, **self._counts())
        return msg.RUN_SUMMARY.format(**self._counts())

    def _counts(self) -> dict[str, object]:
        return {
            "new": self.count(NEW),
            "updated": self.count(UPDATED),
            "unchanged": self.count(UNCHANGED),
            "kept": self.count(KEPT),
            "signed": self._signed_part(),
            "out": self.out,
        }


def wants_results(kind: str | list[str]) -> bool:
    """Whether a run of kind ('all', one kind, or the kinds ticked; none: all) uses results.

    Default year-end results are looked for only when the kinds asked for use them.
    """
    if isinstance(kind, str):
        return kind == "all" or REGISTRY[kind].needs_results
    return not kind or any(REGISTRY[k].needs_results for k in kind if k in REGISTRY)


def select_kinds(kind: str | list[str], inputs: Inputs) -> tuple[list[str], list[str]]:
    """The kinds a run writes, and those `all` skips for want of results.

    kind is 'all', one kind (`generate KIND`), or the kinds ticked on the web page, in order
    and without repeats (none ticked: all).
    """
    if kind == "all" or not kind:
        if inputs.results is not None:
            return list(REGISTRY), []
        skipped = [k for k in REGISTRY if REGISTRY[k].needs_results]
        return [k for k in REGISTRY if k not in skipped], skipped
    named = [kind] if isinstance(kind, str) else kind
    unknown = [k for k in named if k not in REGISTRY]
    if unknown:
        raise UsageError(msg.NO_SUCH_KINDS.format(kinds=", ".join(unknown)))
    asked = list(dict.fromkeys(named))
    for name in asked:
        if REGISTRY[name].needs_results and inputs.results is None:
            raise ResultsNeeded(name, REGISTRY[name].label)
    return asked, []


def plan_documents(
    inputs: Inputs,
    kinds: list[str],
    unit_codes: list[str] | None = None,
    scope: str | None = None,
    stopped: Stopped | None = None,
) -> tuple[list[Document], list[str]]:
    """Every document the run must produce with its context, and the warnings to show.

    Each kind is issued by, and addressed within, the roster in force on its date.
    scope (a unit's code) limits the run to that unit and its subtree, and its warnings to them.
    Raises ValidationError with every value the documents need but the data lacks; given
    stopped, a roster's empty cell only leaves out the documents that need it (recorded there,
    each named in a warning), unless no document is left.
    """
    unknown = [k for k in kinds if k not in REGISTRY]
    if unknown:
        raise UsageError(msg.NO_SUCH_KINDS.format(kinds=", ".join(unknown)))
    wanted = _wanted(inputs, unit_codes, scope)
    campaign_file = Path(inputs.campaign.source).name
    by_roster: dict[int, Needs] = {}
    documents: list[Document] = []
    # The kind each document was made by (a household's form: the pledge's).
    made_by: list[str] = []
    in_force: set[str] = set()
    no_superior: dict[str, Unit] = {}
    for name in kinds:
        roster = inputs.roster_for(name)
        needs = by_roster.get(id(roster))
        if needs is None:
            needs = Needs(Path(roster.source).name, campaign_file, roster.columns)
            by_roster[id(roster)] = needs
        selected = [u for u in roster if wanted is None or u.code in wanted]
        in_force.update(u.code for u in selected)
        made = REGISTRY[name].documents(
            inputs.campaign,
            roster,
            selected,
            needs,
            results=inputs.results,
            households=inputs.households,
        )
        documents += made
        made_by += [name] * len(made)
        for unit in _without_superior(inputs, name, roster, made):
            no_superior.setdefault(unit.code, unit)
    warnings: list[str] = []
    for needs in by_roster.values():
        warnings += [w for w in needs.warnings if w not in warnings]
    if unit_codes:
        warnings += _units_left_out(inputs, kinds, unit_codes, in_force, documents)
    warnings += ended_bodies(inputs, kinds, wanted)
    warnings += superior_warnings(list(no_superior.values()))
    all_needs = list(by_roster.values())
    if stopped is not None and _can_go_on(inputs, all_needs, made_by, documents):
        documents = stopped.leave_out(documents, made_by, all_needs)
        warnings += stopped.warnings
    _refuse_missing_values(inputs, all_needs, campaign_file)
    return documents, warnings + (named_target_warnings(inputs) if scope is None else [])


def _wanted(inputs: Inputs, unit_codes: list[str] | None, scope: str | None) -> set[str] | None:
    """The codes of the units a run is limited to (None: every unit), refusing unknown ones."""
    for codes in (unit_codes or [], [scope] if scope is not None else []):
        if codes:
            _refuse_unknown_units(inputs, codes)
    wanted = set(unit_codes) if unit_codes else None
    if scope is not None:
        # A village without a plan of its own is expected in a commune's subtree: only a unit
        # named in unit_codes is reported as not needing a kind.
        below = set(inputs.subtree(scope))
        wanted = below if wanted is None else wanted & below
    return wanted


@dataclass
class Stopped:
    """The documents a run leaves out for a value they lack, and the values."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    count: int = 0

    def leave_out(
        self, documents: list[Document], made_by: list[str], needs: list[Needs]
    ) -> list[Document]:
        """The documents that lack nothing (made_by: the kind of each); each missing value is
        recorded here and dropped from its Needs, as no document made still lacks it."""
        blocked = _blocked(needs)
        pairs = zip(documents, made_by, strict=True)
        kept = [d for d, kind in pairs if (kind, d.unit) not in blocked]
        self.count += len(documents) - len(kept)
        for of_roster in needs:
            for finding, names in of_roster.stopped() or []:
                self.findings.append(finding)
                self.warnings.append(
                    msg.DOCUMENTS_STOPPED.format(documents=", ".join(names), finding=finding)
                )
            of_roster.forget_missing()
        return kept


def _blocked(needs: list[Needs]) -> set[tuple[str, str]]:
    """(kind, unit code) of every document that lacks a value."""
    return {(kind, code) for n in needs for kind, codes in n.blocked.items() for code in codes}


def _can_go_on(
    inputs: Inputs, needs: list[Needs], made_by: list[str], documents: list[Document]
) -> bool:
    """Whether the run may leave out only the documents that lack a value: every missing value
    is a document's own (none is a campaign field every document of a kind needs, no danh_so
    issuer is unknown) and some document lacks nothing."""
    if any(of_roster.stopped() is None for of_roster in needs):
        return False
    if any(inputs.find(code) is None for code in inputs.campaign.numbering):
        return False
    blocked = _blocked(needs)
    return any((kind, d.unit) not in blocked for d, kind in zip(documents, made_by, strict=True))


def _refuse_unknown_units(inputs: Inputs, unit_codes: list[str]) -> None:
    """Refuse --unit codes that name no unit of the run's rosters."""
    missing = [c for c in unit_codes if inputs.find(c) is None]
    if missing:
        hint = (
            did_you_mean(missing[0], [u.code for u in inputs.units()]) if len(missing) == 1 else ""
        )
        raise UsageError(
            msg.UNIT_NOT_IN_ROSTER.format(
                codes=", ".join(missing), sources=inputs.sources(), hint=hint
            )
        )


def _without_superior(
    inputs: Inputs, kind: str, roster: Roster, made: list[Document]
) -> list[Unit]:
    """The units of a kind's documents whose header cannot name the superior body."""
    # A cấp ủy's document (Hướng dẫn 36) has a Party header, not a superior body.
    if REGISTRY[kind].party_document:
        return []
    units = [roster.get(doc.unit) for doc in made]
    return [u for u in units if u is not None and superior_unknown(u, inputs.campaign)]


def _units_left_out(
    inputs: Inputs,
    kinds: list[str],
    unit_codes: list[str],
    in_force: set[str],
    documents: list[Document],
) -> list[str]:
    """Why a unit asked for by --unit has no document: not in the roster in force on the
    documents' date, or not required to issue them."""
    warnings = []
    covered = {d.unit for d in documents}
    labels = ", ".join(REGISTRY[k].label for k in kinds)
    for code in unit_codes:
        unit = inputs.find(code)
        assert unit is not None
        if code not in in_force:
            warnings.append(msg.UNIT_NOT_IN_FORCE.format(code=code, name=unit.name, labels=labels))
        elif code not in covered:
            warnings.append(msg.UNIT_NOT_REQUIRED.format(code=code, name=unit.name, labels=labels))
    return warnings


def _refuse_missing_values(inputs: Inputs, needs: list[Needs], campaign_file: str) -> None:
    """Raise ValidationError with every value the documents lack and every issuer of danh_so
    that names no unit."""
    findings: list[Finding] = []
    for of_roster in needs:
        # A campaign field two rosters' documents both lack is one problem, reported once.
        findings += [
            f
            for f in of_roster.findings
            if f.field is None or not any((g.file, g.field) == (f.file, f.field) for g in findings)
        ]
    findings += [
        Finding(
            msg.NUMBERING_UNIT_UNKNOWN.format(code=code),
            file=campaign_file,
            field=f"danh_so.{code}",
        )
        for code in inputs.campaign.numbering
        if inputs.find(code) is None
    ]
    if findings:
        raise ValidationError(findings, what=msg.DOCUMENTS_LACK_VALUES)


def ended_bodies(inputs: Inputs, kinds: list[str], wanted: set[str] | None = None) -> list[str]:
    """One warning naming the documents left out because their issuer had ended by their date
    (thay_doi_to_chuc), and the roots of rosters that still issue after their level ended."""
    campaign = inputs.campaign
    parts: list[str] = []
    roots: list[str] = []
    for name in kinds:
        kind = REGISTRY[name]
        day = kind.day(campaign)
        units = [
            u
            for u in inputs.left_out(day)
            if (wanted is None or u.code in wanted) and kind.needs(campaign, u)
        ]
        if units:
            assert day is not None
            listed = ", ".join(f"{u.code} ({u.name})" for u in units)
            parts.append(
                msg.ENDED_DOCUMENTS.format(kind=kind.label, day=vi.short_date(day), units=listed)
            )
        root = inputs.roster_on(day).root
        if (
            day is not None
            and root.type in campaign.gone_levels(day)
            and (wanted is None or root.code in wanted)
        ):
            roots.append(
                msg.ENDED_ROOT.format(
                    kind=kind.label, day=vi.short_date(day), code=root.code, name=root.name
                )
            )
    found: list[str] = []
    ended = "; ".join(c.describe() for c in campaign.changes if c.body == "chinh_quyen")
    # The first day of the new tree: the day the later roster comes into force.
    day = min((c.last_day for c in campaign.changes if c.body == "chinh_quyen"), default=None)
    new_day = vi.short_date(day + dt.timedelta(days=1)) if day else ""
    if parts:
        text = msg.ENDED_LEFT_OUT.format(ended=ended, documents="; ".join(parts))
        if not inputs.periods and campaign.roster_files:
            found.append(Advised(text, SINGLE_ROSTER, new_day))
        else:
            found.append(text)
    if roots:
        text = msg.ENDED_ROOT_STILL_ISSUES.format(ended=ended, documents="; ".join(roots))
        found.append(Advised(text, DECLARE_PERIODS, new_day))
    return found


# How many units a warning names before it says how many more there are.
_NAMED = 20


def superior_warnings(units: list[Unit]) -> list[str]:
    """One warning naming the units whose header leaves the superior body empty for want of
    the roster's column "Cơ quan chủ quản" (kinds/heading.derived_superior does not guess)."""
    if not units:
        return []
    named = ", ".join(f"{u.code} ({u.name})" for u in units[:_NAMED])
    more = msg.AND_MORE_UNITS.format(count=len(units) - _NAMED) if len(units) > _NAMED else ""
    return [msg.NO_SUPERIOR_COLUMN.format(count=len(units), named=named, more=more)]


def named_target_warnings(inputs: Inputs) -> list[str]:
    """Targets that name a unit (chi_tieu[…].don_vi) that none of the run's rosters has.

    A province's campaign is shared by rosters of one district or commune, so such a target is
    not an error; on a whole province's roster it is named, with the nearest code, in case the
    code was mistyped.
    """
    found: list[str] = []
    if not any(r.root.type == "tinh" for r in inputs.rosters):
        return found  # a district's or commune's own roster: the named unit is elsewhere
    for index, target in enumerate(inputs.campaign.targets, start=1):
        for code in target.units:
            if inputs.find(code) is None:
                rosters = ", ".join(Path(r.source).name for r in inputs.rosters)
                hint = did_you_mean(code, [u.code for u in inputs.units()])
                found.append(
                    msg.TARGET_UNIT_UNKNOWN.format(
                        index=index, code=code, rosters=rosters, hint=hint
                    )
                )
    return found


def generate(
    inputs: Inputs,
    out: Path,
    kinds: list[str],
    *,
    unit_codes: list[str] | None = None,
    scope: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    number_from: dict[str, int] | None = None,
    progress: Progress | None = None,
    templates: Path | None = None,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    jobs: int | None = None,
) -> GenerateResult:
    """Render and write every required document of the given kinds into out.

    number_from (issuer code → first number) adds to the campaign's danh_so: those issuers'
    documents take numbers from the folder's register instead of leaving the number blank.
    templates (else the campaign's mau) is a folder searched before the built-in templates;
    its files are checked first and a template with errors is refused. When another run holds
    the folder, on_wait(wait) is called and the run waits up to wait seconds for it. jobs is
    the number of processes that render (default: one per core). unit_codes and scope limit
    the run as plan_documents says.
    """
    found = template_set(inputs, templates)
    check_number_from(inputs, number_from)
    stopped = Stopped()
    documents, warnings = plan_documents(inputs, kinds, unit_codes, scope, stopped)
    numbered = {d.number.issuer for d in documents if d.number is not None}
    for code in number_from or {}:
        if code not in numbered:
            warnings.append(msg.NUMBER_FROM_UNUSED.format(code=code))
    warnings += [msg.TEMPLATE_NAME_UNKNOWN.format(path=p) for p in found.strangers()]
    numbering = {**inputs.campaign.numbering, **(number_from or {})}
    outcomes = write_documents(
        documents,
        out,
        force,
        dry_run,
        progress,
        numbering=numbering,
        templates=found,
        wait=wait,
        on_wait=on_wait,
        jobs=jobs,
    )
    return GenerateResult(
        outcomes, Path(out), dry_run, warnings, stopped.findings, left_out=stopped.count
    )


def check_number_from(inputs: Inputs, number_from: dict[str, int] | None) -> None:
    """Refuse --number-from codes that name no unit of the roster."""
    unknown = [c for c in number_from or {} if inputs.find(c) is None]
    if unknown:
        codes = [u.code for u in inputs.units()]
        hint = did_you_mean(unknown[0], codes) if len(unknown) == 1 else ""
        raise UsageError(msg.NUMBER_FROM_NOT_IN_ROSTER.format(codes=", ".join(unknown), hint=hint))


def template_set(inputs: Inputs, folder: Path | None) -> TemplateSet:
    """The run's templates: --templates when given, else the campaign's mau, else built-in."""
    return TemplateSet(folder if folder is not None else inputs.campaign.template_dir)
