"""`generate`: read and check every input, build every context, then render and write.

Nothing is written until the campaign, the roster and every value the documents need have
been checked; all problems are reported together.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from antq_docs import resources, vi
from antq_docs.errors import (
    Finding,
    OutputError,
    ResultsNeeded,
    UsageError,
    ValidationError,
)
from antq_docs.indicators import Indicator, draft_disagreements, level_unit, measure
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.households import Households, load_households
from antq_docs.inputs.results import load_previous_year, load_results
from antq_docs.inputs.roster import did_you_mean, load_roster
from antq_docs.inputs.tables import fold
from antq_docs.kinds import REGISTRY, Document, Needs
from antq_docs.kinds.common import superior_unknown
from antq_docs.kinds.pledge import KIND as PLEDGE
from antq_docs.kinds.report import KIND as REPORT
from antq_docs.model import (
    Campaign,
    FigureTotal,
    Results,
    Roster,
    Unit,
    roll_up,
    tree_without,
)
from antq_docs.output import (
    KEPT,
    LOCK_TIMEOUT_S,
    NEW,
    SIGNED,
    UNCHANGED,
    UPDATED,
    FileState,
    Outcome,
    OutputFolder,
    why_not_written,
)
from antq_docs.render import CompiledTemplate, FileJob, render_files, source_digest
from antq_docs.starter import CAMPAIGN_FILE, RESULTS_FILE
from antq_docs.tplcheck import TemplateSet, refuse_bad_templates
from antq_docs.workers import BATCH, workers_for

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RosterPeriod:
    """A roster and the day it comes into force (danh_sach_don_vi), with its province."""

    start: dt.date
    roster: Roster
    province: str


@dataclass
class Inputs:
    """The validated campaign and roster(s) of a run, and the year-end results when given.

    roster is the single roster of the run or, when the campaign lists rosters by period, the
    one in force at the end of the year; periods holds them all, oldest first (empty for a
    single roster).
    """

    campaign: Campaign
    roster: Roster
    results: Results | None = None
    periods: list[RosterPeriod] = field(default_factory=list)
    # Problems that do not stop a run, found while reading (a roster of another province).
    warnings: list[str] = field(default_factory=list)
    # The households of the khu dân cư (--households): their pledges carry the list.
    households: Households | None = None
    _trees: dict[tuple[int, frozenset[str]], tuple[Roster, list[Unit]]] = field(
        default_factory=dict, repr=False)

    def roster_on(self, day: dt.date | None) -> Roster:
        """The tree in force on a day: the roster of the period begun by then (the first before
        it), without the levels that had ended by then (thay_doi_to_chuc), whose units answer
        to the level above that remains.

        Without a day (a kind the campaign gives no date) the roster the year ends with.
        """
        return self._tree_on(day)[0]

    def left_out(self, day: dt.date | None) -> list[Unit]:
        """The units of the day's roster whose body had ended by then: they issue nothing."""
        return self._tree_on(day)[1]

    def period_roster(self, day: dt.date | None) -> Roster:
        """The roster file in force on a day, whole (the last period begun by then)."""
        if not self.periods or day is None:
            return self.roster
        current = self.periods[0].roster
        for period in self.periods:
            if period.start <= day:
                current = period.roster
        return current

    def _tree_on(self, day: dt.date | None) -> tuple[Roster, list[Unit]]:
        whole = self.period_roster(day)
        gone = self.campaign.gone_levels(day)
        if not gone:
            return whole, []
        # One tree per roster and set of ended levels, so the kinds of one date share it.
        key = (id(whole), gone)
        if key not in self._trees:
            self._trees[key] = tree_without(whole, gone)
        return self._trees[key]

    def roster_for(self, kind: str) -> Roster:
        """The roster that issues and receives a kind's documents, by the kind's date."""
        declared = REGISTRY.get(kind)
        day = (declared.day(self.campaign) if declared is not None
               else self.campaign.doc_dates.get(kind))
        return self.roster_on(day)

    @property
    def rosters(self) -> list[Roster]:
        """Every roster of the run, oldest first."""
        return [p.roster for p in self.periods] or [self.roster]

    def units(self) -> list[Unit]:
        """Every unit of every roster once by code: the latest tree first, then units gone."""
        seen: dict[str, Unit] = {}
        for roster in reversed(self.rosters):
            for unit in roster:
                seen.setdefault(unit.code, unit)
        return list(seen.values())

    def find(self, code: str) -> Unit | None:
        """The unit with this code in the latest roster that has it, or None."""
        for roster in reversed(self.rosters):
            unit = roster.get(code)
            if unit is not None:
                return unit
        return None

    def sources(self) -> str:
        """The roster file(s), as messages name them."""
        return ", ".join(Path(r.source).name if self.periods else r.source for r in self.rosters)


@dataclass
class GenerateResult:
    """What a generate run did, document by document."""

    outcomes: list[Outcome]
    out: Path
    dry_run: bool
    warnings: list[str]

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
        return f", {self.count(SIGNED)} đã có bản ký .pdf" if self.count(SIGNED) else ""

    def summary(self) -> str:
        """One Vietnamese line for the end of the run."""
        if self.dry_run:
            todo = self.count(NEW) + self.count(UPDATED)
            return (
                f"Chạy thử: sẽ ghi {todo} tệp ({self.count(NEW)} mới, {self.count(UPDATED)} cập "
                f"nhật), {self.count(UNCHANGED)} không đổi, {self.count(KEPT)} đã sửa tay được "
                f"giữ nguyên{self._signed_part()}; chưa ghi gì vào {self.out}."
            )
        return (
            f"Xong: {self.count(NEW)} tệp mới, {self.count(UPDATED)} cập nhật, "
            f"{self.count(UNCHANGED)} không đổi, {self.count(KEPT)} đã sửa tay được giữ nguyên"
            f"{self._signed_part()} trong {self.out}."
        )


def load_inputs(
    campaign: Path | None,
    units: Path | None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    notice: Callable[[str], None] | None = None,
    results: Path | None = None,
    scores: Path | None = None,
    year_end: bool = False,
    households: Path | None = None,
    per_household: bool = False,
    previous: Path | None = None,
) -> Inputs:
    """Read and validate the campaign, the roster(s) and the year-end results.

    When neither campaign nor units is named, the campaign is ke-hoach.yaml of the current
    folder (a folder made by `init`) or else the bundled sample; for a year_end run (generate,
    report) the results then default to that folder's ket-qua.xlsx, or the sample's results and
    scores. The rosters are units when given (one roster for the whole year), else the
    campaign's danh_sach_don_vi, else the bundled sample. Every roster is validated and all
    findings are reported together. The results are checked against the roster in force on the
    date of the evaluations (of the report when the campaign dates no evaluation).
    The household list is checked against the roster in force on the pledges' date;
    per_household asks for one pledge form per household as well. previous is last year's
    collected results, which the year report compares with.
    """
    if per_household and households is None:
        raise UsageError("--per-household chỉ dùng cùng --households (danh sách hộ gia đình).")
    say = notice or (lambda _message: None)
    filled = default_inputs(campaign, units, results, scores, year_end=year_end)
    _say_defaults(filled, say)
    campaign, results, scores = filled.campaign, filled.results, filled.scores
    used_sample = filled.campaign_from == SAMPLE
    findings: list[Finding] = []
    loaded_campaign = None
    try:
        loaded_campaign = load_campaign(campaign)
    except ValidationError as e:
        findings += e.findings
    files = loaded_campaign.roster_files if loaded_campaign is not None else []
    if units is None and not files and (loaded_campaign is not None or not findings):
        units = resources.sample(resources.SAMPLE_UNITS)
        say(f"Không chỉ định tệp: dùng dữ liệu mẫu {units}")
    periods: list[RosterPeriod] = []
    loaded_roster = None
    if units is not None:
        try:
            loaded_roster = load_roster(units, encoding=encoding, sheet=sheet)
        except ValidationError as e:
            findings += e.findings
    elif files:
        assert loaded_campaign is not None
        if used_sample:
            listed = "; ".join(f"{Path(f.path).name} từ {vi.short_date(f.start)}" for f in files)
            say(f"Không chỉ định tệp: dùng các danh sách đơn vị của kế hoạch mẫu: {listed}")
        for entry in files:
            # A FIFO or a link is there: load_roster refuses it by name, never blocking.
            if not _present(Path(entry.path)):
                findings.append(Finding(
                    f'không tìm thấy tệp "{entry.written}" (đường dẫn tính từ thư mục của tệp kế '
                    f"hoạch: {entry.path})",
                    file=Path(campaign).name, field=f"{entry.field}.tep",
                ))
                continue
            try:
                roster = load_roster(Path(entry.path), encoding=encoding, sheet=sheet)
            except ValidationError as e:
                findings += e.findings
                continue
            province = entry.province or loaded_campaign.province
            periods.append(RosterPeriod(entry.start, roster, province))
        if len(periods) == len(files):
            loaded_roster = periods[-1].roster
            _date_new_units(periods)
    inputs = None
    if loaded_campaign is not None and loaded_roster is not None:
        inputs = Inputs(loaded_campaign, loaded_roster, periods=periods)
        inputs.warnings += _province_warnings(inputs)
        for warning in inputs.warnings:
            say(f"Cảnh báo: {warning}")
    if results is not None and inputs is not None:
        findings += _one_year_end_roster(inputs)
        try:
            inputs.results = load_results(
                results, results_roster(inputs), inputs.campaign, scores=scores,
                encoding=encoding,
            )
        except ValidationError as e:
            findings += e.findings
        if previous is not None and inputs.results is not None:
            try:
                inputs.results.previous = load_previous_year(
                    previous, results_roster(inputs), inputs.campaign, encoding=encoding)
            except ValidationError as e:
                findings += e.findings
    elif scores is not None and results is None:
        raise UsageError("--scores chỉ dùng cùng --results (tệp kết quả cuối năm).")
    if previous is not None and results is None:
        raise UsageError("--nam-truoc chỉ dùng cùng kết quả cuối năm của năm nay (--results).")
    if households is not None and inputs is not None:
        try:
            inputs.households = load_households(
                households, inputs.roster_for(PLEDGE.name), encoding=encoding,
                forms=per_household,
            )
        except ValidationError as e:
            findings += e.findings
        else:
            inputs.warnings += inputs.households.warnings
            for warning in inputs.households.warnings:
                say(f"Cảnh báo: {warning}")
    if findings:
        raise ValidationError(findings, what="Dữ liệu đầu vào")
    assert inputs is not None
    return inputs


def _date_new_units(periods: list[RosterPeriod]) -> None:
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


def _present(path: Path) -> bool:
    """Whether a name exists as anything (a dangling link or a FIFO too): its reader decides."""
    return path.exists() or path.is_symlink()


# Where default_inputs took a file the run did not name from.
HERE = "here"  # the folder made by `init` that the run is started in
SAMPLE = "sample"  # the bundled sample


@dataclass(frozen=True)
class DefaultInputs:
    """The campaign and year-end results of a run, and where those it did not name came from."""

    campaign: Path
    results: Path | None
    scores: Path | None
    # None when named by the run, else HERE or SAMPLE.
    campaign_from: str | None = None
    results_from: str | None = None


def default_inputs(
    campaign: Path | None,
    units: Path | None,
    results: Path | None,
    scores: Path | None,
    *,
    year_end: bool,
    here: bool = True,
) -> DefaultInputs:
    """The campaign and results a run uses when it names no campaign (the rule load_inputs uses).

    Naming neither campaign nor roster: the campaign of a folder made by `init` when the run is
    started in one (here; a server has no such folder), else the bundled sample. For a year_end
    run naming no results either, that folder's results, or the sample's results and scores.
    Naming only a roster: the sample campaign, no default results. A named file always wins.
    """
    if campaign is not None:
        return DefaultInputs(campaign, results, scores)
    default_results = year_end and units is None and results is None and scores is None
    if here and units is None and _present(Path(CAMPAIGN_FILE)):
        if default_results and _present(Path(RESULTS_FILE)):
            return DefaultInputs(Path(CAMPAIGN_FILE), Path(RESULTS_FILE), None, HERE, HERE)
        return DefaultInputs(Path(CAMPAIGN_FILE), results, scores, HERE)
    sample = resources.sample(resources.SAMPLE_CAMPAIGN)
    if default_results:
        return DefaultInputs(sample, resources.sample(resources.SAMPLE_RESULTS),
                             resources.sample(resources.SAMPLE_SCORES), SAMPLE, SAMPLE)
    return DefaultInputs(sample, results, scores, SAMPLE)


def _say_defaults(filled: DefaultInputs, say: Callable[[str], None]) -> None:
    """Tell the user (on stderr) which files a run took without being told."""
    if filled.campaign_from == HERE:
        say(f"Không chỉ định tệp: dùng kế hoạch {CAMPAIGN_FILE} của thư mục hiện tại")
    elif filled.campaign_from == SAMPLE:
        say(f"Không chỉ định tệp: dùng dữ liệu mẫu {filled.campaign}")
    if filled.results_from == HERE:
        say(f"Không chỉ định tệp: dùng kết quả cuối năm {RESULTS_FILE} của thư mục hiện tại "
            "(chưa có kết quả thì đổi tên tệp này)")
    elif filled.results_from == SAMPLE:
        say(f"Không chỉ định tệp: dùng kết quả cuối năm mẫu {filled.results} và điểm từng mục "
            f"{filled.scores}")


def results_roster(inputs: Inputs) -> Roster:
    """The roster the year-end results are checked against: the file in force on the
    evaluations' date, whole (a row of a district that has ended is still a known unit)."""
    dates = inputs.campaign.doc_dates
    return inputs.period_roster(dates.get("evaluation") or dates.get("report"))


def _one_year_end_roster(inputs: Inputs) -> list[Finding]:
    """The evaluations and the report must fall in one period: the results fit one roster."""
    dates = inputs.campaign.doc_dates
    if "evaluation" not in dates or "report" not in dates:
        return []
    if inputs.period_roster(dates["evaluation"]) is inputs.period_roster(dates["report"]):
        return []
    return [Finding(
        f"báo cáo tự đánh giá ({vi.short_date(dates['evaluation'])}) và báo cáo tổng kết "
        f"({vi.short_date(dates['report'])}) thuộc hai danh sách đơn vị khác nhau; kết quả cuối "
        "năm chỉ đối chiếu với một danh sách: đặt hai ngày trong cùng một thời kỳ của "
        "danh_sach_don_vi",
        file=Path(inputs.campaign.source).name, field="ngay_van_ban.report",
    )]


def _province_name(name: str) -> str:
    """A province's name folded and without its generic word: 'Tỉnh Kon Tum' → 'kon tum'."""
    folded = fold(name)
    for word in ("tỉnh ", "thành phố "):
        if folded.startswith(word):
            return folded[len(word):].strip()
    return folded


def _province_warnings(inputs: Inputs) -> list[str]:
    """A warning for every roster whose root is not the province of its period."""
    campaign = inputs.campaign
    pairs = [(p.roster, p.province) for p in inputs.periods] or [
        (inputs.roster, campaign.province)
    ]
    out = []
    for roster, province in pairs:
        if _province_name(roster.root.name) != _province_name(province):
            out.append(
                f"đơn vị gốc của {Path(roster.source).name} là “{roster.root.name}” "
                f"({roster.root.code}), không phải tỉnh “{province}” của kế hoạch "
                f"{Path(campaign.source).name}; kiểm tra lại tệp danh sách (sau khi sáp nhập, "
                "ghi tỉnh của từng thời kỳ bằng khóa tinh trong danh_sach_don_vi)."
            )
    return out


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
        raise UsageError(f"loại văn bản không có: {', '.join(unknown)}")
    asked = list(dict.fromkeys(named))
    for name in asked:
        if REGISTRY[name].needs_results and inputs.results is None:
            raise ResultsNeeded(name, REGISTRY[name].label)
    return asked, []


def plan_documents(
    inputs: Inputs, kinds: list[str], unit_codes: list[str] | None = None
) -> tuple[list[Document], list[str]]:
    """Every document the run must produce with its context, and the warnings to show.

    Each kind is issued by, and addressed within, the roster in force on its date.
    Raises ValidationError with every value the documents need but the data lacks.
    """
    unknown = [k for k in kinds if k not in REGISTRY]
    if unknown:
        raise UsageError(f"loại văn bản không có: {', '.join(unknown)}")
    wanted = set(unit_codes or ())
    if unit_codes:
        missing = [c for c in unit_codes if inputs.find(c) is None]
        if missing:
            hint = (
                did_you_mean(missing[0], [u.code for u in inputs.units()])
                if len(missing) == 1 else ""
            )
            raise UsageError(
                f"--unit: không có đơn vị mang mã {', '.join(missing)} trong {inputs.sources()}"
                + hint
            )
    campaign_file = Path(inputs.campaign.source).name
    by_roster: dict[int, Needs] = {}
    documents: list[Document] = []
    in_force: set[str] = set()
    no_superior: dict[str, Unit] = {}
    for name in kinds:
        roster = inputs.roster_for(name)
        needs = by_roster.get(id(roster))
        if needs is None:
            needs = Needs(Path(roster.source).name, campaign_file, roster.columns)
            by_roster[id(roster)] = needs
        selected = [u for u in roster if not wanted or u.code in wanted]
        in_force.update(u.code for u in selected)
        made = REGISTRY[name].documents(
            inputs.campaign, roster, selected, needs, results=inputs.results,
            households=inputs.households,
        )
        documents += made
        for doc in made:
            unit = roster.get(doc.unit)
            # A cấp ủy's document (Hướng dẫn 36) has a Party header, not a superior body.
            if (unit is not None and not REGISTRY[name].party_document
                    and superior_unknown(unit, inputs.campaign)):
                no_superior.setdefault(unit.code, unit)
    warnings: list[str] = []
    for needs in by_roster.values():
        warnings += [w for w in needs.warnings if w not in warnings]
    if unit_codes:
        covered = {d.unit for d in documents}
        labels = ", ".join(REGISTRY[k].label for k in kinds)
        for code in unit_codes:
            unit = inputs.find(code)
            assert unit is not None
            if code not in in_force:
                warnings.append(f"{code} ({unit.name}): không có trong danh sách đơn vị có hiệu "
                                f"lực vào ngày của {labels} nên không soạn.")
            elif code not in covered:
                warnings.append(f"{code} ({unit.name}): không phải soạn {labels} theo "
                                "tai_lieu_bat_buoc của kế hoạch năm.")
    warnings += ended_bodies(inputs, kinds, wanted)
    warnings += superior_warnings(list(no_superior.values()))
    unknown_issuers = [c for c in inputs.campaign.numbering if inputs.find(c) is None]
    findings: list[Finding] = []
    for needs in by_roster.values():
        # A campaign field two rosters' documents both lack is one problem, reported once.
        findings += [f for f in needs.findings if f.field is None or not any(
            (g.file, g.field) == (f.file, f.field) for g in findings)]
    findings += [
        Finding(
            f'không có đơn vị mang mã "{code}" trong danh sách',
            file=campaign_file,
            field=f"danh_so.{code}",
        )
        for code in unknown_issuers
    ]
    if findings:
        raise ValidationError(findings, what="Thiếu dữ liệu cho văn bản")
    return documents, warnings + named_target_warnings(inputs)


def ended_bodies(inputs: Inputs, kinds: list[str], wanted: set[str] | None = None) -> list[str]:
    """One warning naming the documents left out because their issuer had ended by their date
    (thay_doi_to_chuc), and the roots of rosters that still issue after their level ended."""
    campaign = inputs.campaign
    parts: list[str] = []
    roots: list[str] = []
    for name in kinds:
        kind = REGISTRY[name]
        day = kind.day(campaign)
        units = [u for u in inputs.left_out(day)
                 if (not wanted or u.code in wanted) and kind.needs(campaign, u)]
        if units:
            assert day is not None
            parts.append(f"{kind.label} ngày {vi.short_date(day)} của "
                         + ", ".join(f"{u.code} ({u.name})" for u in units))
        root = inputs.roster_on(day).root
        if root.type in campaign.gone_levels(day) and (not wanted or root.code in wanted):
            roots.append(f"{kind.label} ngày {vi.short_date(day)} của {root.code} ({root.name})")
    found = []
    ended = "; ".join(c.describe() for c in campaign.changes if c.body == "chinh_quyen")
    if parts:
        found.append(
            f"không soạn văn bản của cơ quan đã kết thúc hoạt động vào ngày của văn bản ({ended}; "
            f"thay_doi_to_chuc của kế hoạch): {'; '.join(parts)}. Văn bản của các đơn vị cấp "
            "dưới của các cơ quan này gửi cơ quan cấp trên còn hoạt động."
        )
    if roots:
        found.append(
            f"đơn vị gốc của danh sách đã kết thúc hoạt động vào ngày của văn bản ({ended}) "
            f"nhưng không có cấp trên trong danh sách để thay: {'; '.join(roots)} vẫn do đơn vị "
            "này ban hành. Khai báo danh sách đơn vị sau sắp xếp bằng khóa danh_sach_don_vi của "
            "tệp kế hoạch (mỗi mục {tep: TỆP, tu_ngay: NGÀY}) và chạy lại không có --units."
        )
    return found


# How many units a warning names before it says how many more there are.
_NAMED = 20


def superior_warnings(units: list[Unit]) -> list[str]:
    """One warning naming the units whose header leaves the superior body empty for want of
    the roster's column "Cơ quan chủ quản" (kinds/common.derived_superior does not guess)."""
    if not units:
        return []
    named = ", ".join(f"{u.code} ({u.name})" for u in units[:_NAMED])
    more = f" và {len(units) - _NAMED} đơn vị khác" if len(units) > _NAMED else ""
    return [
        f"{len(units)} đơn vị không ghi “Cơ quan chủ quản” trong danh sách đơn vị: "
        f"{named}{more}. Dòng cơ quan cấp trên ở đầu văn bản của các đơn vị này để trống vì "
        "không suy ra chắc chắn được (cơ quan ngành dọc, lực lượng vũ trang, trường "
        "cao đẳng, đại học…); điền cột này rồi chạy lại, hoặc ghi tay trước khi ban hành."
    ]


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
                found.append(
                    f"chi_tieu[{index}].don_vi: không có đơn vị mang mã \"{code}\" trong "
                    f"{', '.join(Path(r.source).name for r in inputs.rosters)}, chỉ tiêu riêng này "
                    "không đưa vào văn bản nào"
                    + did_you_mean(code, [u.code for u in inputs.units()]) + "."
                )
    return found


def generate(
    inputs: Inputs,
    out: Path,
    kinds: list[str],
    *,
    unit_codes: list[str] | None = None,
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
    the number of processes that render (default: one per core).
    """
    found = _templates(inputs, templates)
    _check_number_from(inputs, number_from)
    documents, warnings = plan_documents(inputs, kinds, unit_codes)
    numbered = {d.number.issuer for d in documents if d.number is not None}
    for code in number_from or {}:
        if code not in numbered:
            warnings.append(f"--number-from {code}: lần chạy này không có văn bản nào của đơn vị "
                            "này cần đánh số.")
    warnings += [f"{p}: tên tệp không phải tên mẫu nào nên không được dùng (tên mẫu: xem "
                 "antq-docs templates list)." for p in found.strangers()]
    numbering = {**inputs.campaign.numbering, **(number_from or {})}
    outcomes = write_documents(
        documents, out, force, dry_run, progress, numbering=numbering, templates=found,
        wait=wait, on_wait=on_wait, jobs=jobs,
    )
    return GenerateResult(outcomes, Path(out), dry_run, warnings)


def _check_number_from(inputs: Inputs, number_from: dict[str, int] | None) -> None:
    """Refuse --number-from codes that name no unit of the roster."""
    unknown = [c for c in number_from or {} if inputs.find(c) is None]
    if unknown:
        codes = [u.code for u in inputs.units()]
        hint = did_you_mean(unknown[0], codes) if len(unknown) == 1 else ""
        raise UsageError(f"--number-from: không có đơn vị mang mã {', '.join(unknown)}" + hint)


def _templates(inputs: Inputs, folder: Path | None) -> TemplateSet:
    """The run's templates: --templates when given, else the campaign's mau, else built-in."""
    return TemplateSet(folder if folder is not None else inputs.campaign.template_dir)


def write_documents(
    documents: list[Document],
    out: Path,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    numbering: dict[str, int] | None = None,
    templates: TemplateSet | None = None,
    wait: float = LOCK_TIMEOUT_S,
    on_wait: Callable[[float], None] | None = None,
    jobs: int | None = None,
) -> list[Outcome]:
    """Number, render (each template compiled once) and put every document in the folder.

    Each document's template is the user's file of that name when the folder has one (checked
    first; one with errors stops the run before anything is written), else the built-in one;
    the manifest records which. Documents whose template and context are those they were last
    made from, and whose file nobody changed, are recognised without rendering; the others
    render on `jobs` processes (default: one per core) into temporary files that are put in
    place in order, a batch made durable at a time. A dry run renders nothing: it says what
    would happen from the folder as it is.
    """
    source_of = templates or TemplateSet()
    files = {name: source_of.find(name) for name in dict.fromkeys(d.template for d in documents)}
    refuse_bad_templates(list(files.values()))
    compiled: dict[str, CompiledTemplate] = {}
    outcomes: list[Outcome | None] = [None] * len(documents)
    numbering = numbering or {}
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(documents))

    with OutputFolder(out, dry_run=dry_run, wait=wait, on_wait=on_wait) as folder:
        issuers = {d.number.issuer for d in documents if d.number is not None}
        if issuers:
            # Numbers are taken as documents are rendered: a register that cannot be used
            # stops the run here, before anything is written.
            folder.open_register(create=any(code in numbering for code in issuers))
        todo: deque[tuple[int, Document, FileState, str]] = deque()

        def planned() -> Iterator[FileJob]:
            """Each document that must be rendered, as a job; the others settled on the way."""
            for index, doc in enumerate(documents):
                state = folder.state(doc.path) if dry_run else folder.prepare(doc.path)
                if dry_run and state.current is None:
                    # Nothing there yet: the document would be new; no need to build it.
                    outcomes[index] = folder.predict(state, force=force)
                    advance()
                    continue
                if doc.number is not None:
                    number = folder.number(doc.number.issuer, doc.number.year, doc.path,
                                           numbering.get(doc.number.issuer))
                    doc.context["so_ky_hieu"] = doc.number.format(number)
                for cited in doc.cites:
                    slot = cited.slot
                    found = folder.number(slot.issuer, slot.year, cited.path, None)
                    doc.context[cited.key] = slot.format(found)
                template = compiled.get(doc.template)
                if template is None:
                    template = compiled[doc.template] = CompiledTemplate(files[doc.template].path)
                source = source_digest(template, doc.context)
                if folder.made_from(state, source):
                    outcomes[index] = Outcome(doc.path, UNCHANGED)
                elif dry_run:
                    outcomes[index] = folder.predict(state, force=force)
                else:
                    todo.append((index, doc, state, source))
                    yield FileJob(template, doc.context, state.target.parent,
                                  folder.temp_name(doc.path), state.current)
                    doc.release()
                    continue
                doc.release()
                advance()

        rendered = render_files(planned(), workers_for(jobs, len(documents)))
        with contextlib.closing(rendered):
            try:
                for count, result in enumerate(rendered, start=1):
                    index, doc, state, source = todo.popleft()
                    outcomes[index] = folder.place(
                        state, result.sha256, result.temp, unit=doc.unit, kind=doc.kind,
                        template=files[doc.template].label, force=force, source=source,
                    )
                    if count % BATCH == 0:
                        folder.commit()
                    advance()
            except OSError as e:
                # The document whose bytes could not be written (not its temporary name).
                where = todo[0][2].target if todo else out
                raise OutputError(f"không ghi được ({why_not_written(e)}).", path=where) from e
    assert None not in outcomes  # every document was settled, in order
    return outcomes  # type: ignore[return-value]


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


def report(
    inputs: Inputs,
    out: Path | None,
    level: str | None = None,
    *,
    force: bool = False,
    number_from: dict[str, int] | None = None,
    docs: Path | None = None,
    templates: Path | None = None,
) -> ReportResult:
    """Measure a level (the root by default) against the targets; write its year report to out.

    With docs, the targets met by documents (plans, pledges, Ngày hội plans) are measured from
    that folder by `check`'s own audit. Without out, nothing is written. The report is numbered
    like every other document: from the register when its issuer is in the campaign's danh_so
    or number_from, else left for the clerk.
    """
    if inputs.results is None:
        raise UsageError("báo cáo tổng kết cần tệp kết quả cuối năm: thêm --results TỆP.")
    found = _templates(inputs, templates)
    roster = inputs.roster_for(REPORT.name)
    unit = level_unit(roster, level)
    day = REPORT.day(inputs.campaign)
    ended = next((u for u in inputs.left_out(day) if u.code == level), None)
    if ended is not None:
        assert day is not None
        changes = "; ".join(c.describe() for c in inputs.campaign.changes
                            if c.body == "chinh_quyen" and c.ended_by(day))
        raise UsageError(
            f"--level: {ended.code} ({ended.name}) đã kết thúc hoạt động trước ngày của báo cáo "
            f"tổng kết ({vi.short_date(day)}; {changes}, thay_doi_to_chuc của kế hoạch), nên "
            "không ban hành báo cáo; báo cáo của cấp trên còn hoạt động tổng hợp các đơn vị "
            "của nó. Báo cáo cho thời gian trước đó: ghi ngày vào ngay_van_ban.report."
        )
    if unit is None:
        raise UsageError(
            f"--level: không có đơn vị mang mã {level} trong {roster.source}"
            + did_you_mean(level or "", roster.units)
        )
    _check_number_from(inputs, number_from)
    if not unit.children:
        raise UsageError(
            f"--level: {unit.code} ({unit.name}) không có đơn vị cấp dưới để báo cáo tổng kết"
        )
    documents = None
    if docs is not None:
        # Imported here: check builds on this module (Inputs), so a top-level import would loop.
        from antq_docs.check import check

        documents = check(inputs, docs).documents_found()
    indicators = measure(inputs.campaign, inputs.results, unit, documents)
    warnings = [] if documents is None else draft_disagreements(
        inputs.campaign, inputs.results, unit, documents)
    figures = roll_up(unit, inputs.results, inputs.campaign.figures)
    if out is None:
        return ReportResult(unit, indicators, None, warnings, figures)
    needs = Needs(Path(roster.source).name, Path(inputs.campaign.source).name, roster.columns)
    document = REPORT.report_document(
        inputs.campaign, roster, unit, needs, inputs.results, documents
    )
    if needs.findings:
        raise ValidationError(needs.findings, what="Thiếu dữ liệu cho văn bản")
    numbering = {**inputs.campaign.numbering, **(number_from or {})}
    (outcome,) = write_documents(
        [document], out, force=force, numbering=numbering, templates=found
    )
    return ReportResult(unit, indicators, outcome, warnings, figures)
