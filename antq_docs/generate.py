"""`generate`: read and check every input, build every context, then render and write.

Nothing is written until the campaign, the roster and every value the documents need have
been checked; all problems are reported together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from antq_docs import resources
from antq_docs.errors import Finding, UsageError, ValidationError
from antq_docs.indicators import Indicator, level_unit, measure
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.results import load_results
from antq_docs.inputs.roster import did_you_mean, load_roster
from antq_docs.kinds import REGISTRY, Document, Needs
from antq_docs.kinds.report import KIND as REPORT
from antq_docs.model import Campaign, Results, Roster, Unit
from antq_docs.output import KEPT, NEW, SIGNED, UNCHANGED, UPDATED, Outcome, OutputFolder
from antq_docs.render import CompiledTemplate, render_many, source_digest

Progress = Callable[[int, int], None]


@dataclass
class Inputs:
    """The validated campaign and roster of a run, and the year-end results when given."""

    campaign: Campaign
    roster: Roster
    results: Results | None = None


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
) -> Inputs:
    """Read and validate the campaign, roster (bundled sample when not given) and results."""
    used_sample = []
    if campaign is None:
        campaign = resources.sample(resources.SAMPLE_CAMPAIGN)
        used_sample.append(str(campaign))
    if units is None:
        units = resources.sample(resources.SAMPLE_UNITS)
        used_sample.append(str(units))
    for path in used_sample:
        if notice:
            notice(f"Không chỉ định tệp: dùng dữ liệu mẫu {path}")
    findings: list[Finding] = []
    loaded_campaign = loaded_roster = None
    try:
        loaded_campaign = load_campaign(campaign)
    except ValidationError as e:
        findings += e.findings
    try:
        loaded_roster = load_roster(units, encoding=encoding, sheet=sheet)
    except ValidationError as e:
        findings += e.findings
    loaded_results = None
    if results is not None and loaded_campaign is not None and loaded_roster is not None:
        try:
            loaded_results = load_results(
                results, loaded_roster, loaded_campaign, scores=scores, encoding=encoding
            )
        except ValidationError as e:
            findings += e.findings
    elif scores is not None and results is None:
        raise UsageError("--scores chỉ dùng cùng --results (tệp kết quả cuối năm).")
    if findings:
        raise ValidationError(findings, what="Dữ liệu đầu vào")
    assert loaded_campaign is not None and loaded_roster is not None
    return Inputs(loaded_campaign, loaded_roster, loaded_results)


def select_kinds(kind: str, inputs: Inputs) -> tuple[list[str], list[str]]:
    """The kinds a `generate KIND` run writes, and those `all` skips for want of results."""
    if kind != "all":
        if REGISTRY[kind].needs_results and inputs.results is None:
            raise UsageError(f"văn bản {kind} cần tệp kết quả cuối năm: thêm --results TỆP.")
        return [kind], []
    if inputs.results is not None:
        return list(REGISTRY), []
    skipped = [k for k in REGISTRY if REGISTRY[k].needs_results]
    return [k for k in REGISTRY if k not in skipped], skipped


def plan_documents(
    inputs: Inputs, kinds: list[str], unit_codes: list[str] | None = None
) -> tuple[list[Document], list[str]]:
    """Every document the run must produce with its context, and the warnings to show.

    Raises ValidationError with every value the documents need but the data lacks.
    """
    roster = inputs.roster
    unknown = [k for k in kinds if k not in REGISTRY]
    if unknown:
        raise UsageError(f"loại văn bản không có: {', '.join(unknown)}")
    if unit_codes:
        missing = [c for c in unit_codes if roster.get(c) is None]
        if missing:
            hint = did_you_mean(missing[0], roster.units) if len(missing) == 1 else ""
            raise UsageError(
                f"--unit: không có đơn vị mang mã {', '.join(missing)} trong {roster.source}"
                + hint
            )
        wanted = set(unit_codes)
        selected = [u for u in roster if u.code in wanted]
    else:
        selected = list(roster)
    needs = Needs(Path(roster.source).name, Path(inputs.campaign.source).name, roster.columns)
    documents: list[Document] = []
    for name in kinds:
        documents += REGISTRY[name].documents(
            inputs.campaign, roster, selected, needs, results=inputs.results
        )
    if unit_codes:
        covered = {d.unit for d in documents}
        labels = ", ".join(REGISTRY[k].label for k in kinds)
        for unit in selected:
            if unit.code not in covered:
                needs.warn(f"{unit.code} ({unit.name}): không phải soạn {labels} theo "
                           "tai_lieu_bat_buoc của kế hoạch năm.")
    unknown_issuers = [c for c in inputs.campaign.numbering if roster.get(c) is None]
    findings = needs.findings + [
        Finding(
            f'không có đơn vị mang mã "{code}" trong danh sách',
            file=Path(inputs.campaign.source).name,
            field=f"danh_so.{code}",
        )
        for code in unknown_issuers
    ]
    if findings:
        raise ValidationError(findings, what="Thiếu dữ liệu cho văn bản")
    return documents, needs.warnings + named_target_warnings(inputs.campaign, roster)


def named_target_warnings(campaign: Campaign, roster: Roster) -> list[str]:
    """Targets that name a unit (chi_tieu[…].don_vi) this roster does not have.

    A province's campaign is shared by rosters of one district or commune, so such a target is
    not an error; on a whole province's roster it is named, with the nearest code, in case the
    code was mistyped.
    """
    found: list[str] = []
    if roster.root.type != "tinh":
        return found  # a district's or commune's own roster: the named unit is elsewhere
    for index, target in enumerate(campaign.targets, start=1):
        for code in target.units:
            if roster.get(code) is None:
                found.append(
                    f"chi_tieu[{index}].don_vi: không có đơn vị mang mã \"{code}\" trong "
                    f"{Path(roster.source).name}, chỉ tiêu riêng này không đưa vào văn bản nào"
                    + did_you_mean(code, roster.units) + "."
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
) -> GenerateResult:
    """Render and write every required document of the given kinds into out.

    number_from (issuer code → first number) adds to the campaign's danh_so: those issuers'
    documents take numbers from the folder's register instead of leaving the number blank.
    """
    _check_number_from(inputs, number_from)
    documents, warnings = plan_documents(inputs, kinds, unit_codes)
    numbered = {d.number.issuer for d in documents if d.number is not None}
    for code in number_from or {}:
        if code not in numbered:
            warnings.append(f"--number-from {code}: lần chạy này không có văn bản nào của đơn vị "
                            "này cần đánh số.")
    numbering = {**inputs.campaign.numbering, **(number_from or {})}
    outcomes = write_documents(
        documents, out, force, dry_run, progress, numbering=numbering
    )
    return GenerateResult(outcomes, Path(out), dry_run, warnings)


def _check_number_from(inputs: Inputs, number_from: dict[str, int] | None) -> None:
    """Refuse --number-from codes that name no unit of the roster."""
    unknown = [c for c in number_from or {} if inputs.roster.get(c) is None]
    if unknown:
        hint = did_you_mean(unknown[0], inputs.roster.units) if len(unknown) == 1 else ""
        raise UsageError(f"--number-from: không có đơn vị mang mã {', '.join(unknown)}" + hint)


def write_documents(
    documents: list[Document],
    out: Path,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    numbering: dict[str, int] | None = None,
) -> list[Outcome]:
    """Number, render (each template compiled once) and put every document in the folder.

    Documents whose template and context are those they were last made from, and whose file
    nobody changed, are recognised without rendering; the others render (on every core when
    there are many) and are written in order.
    """
    templates: dict[str, CompiledTemplate] = {}
    outcomes: dict[int, Outcome] = {}
    todo: list[tuple[int, Document, CompiledTemplate, str]] = []
    numbering = numbering or {}
    with OutputFolder(out, dry_run=dry_run) as folder:
        for index, doc in enumerate(documents):
            if doc.number is not None:
                number = folder.number(doc.number.issuer, doc.number.year, doc.path,
                                       numbering.get(doc.number.issuer))
                doc.context["so_ky_hieu"] = doc.number.format(number)
            template = templates.get(doc.template)
            if template is None:
                template = CompiledTemplate(resources.template_path(doc.template))
                templates[doc.template] = template
            source = source_digest(template, doc.context)
            if folder.made_from(doc.path, source):
                outcomes[index] = Outcome(doc.path, UNCHANGED)
            else:
                todo.append((index, doc, template, source))
        done = len(outcomes)
        rendered = render_many([(template, doc.context) for _, doc, template, _ in todo])
        for (index, doc, _, source), data in zip(todo, rendered):
            outcomes[index] = folder.put(
                doc.path, data, unit=doc.unit, kind=doc.kind, template=doc.template,
                force=force, source=source,
            )
            done += 1
            if progress:
                progress(done, len(documents))
        if progress and not todo:
            progress(len(documents), len(documents))
    return [outcomes[i] for i in range(len(documents))]


@dataclass
class ReportResult:
    """What `antq-docs report` computed for one level, and wrote when a folder was given."""

    level: Unit
    indicators: list[Indicator]
    outcome: Outcome | None


def report(
    inputs: Inputs,
    out: Path | None,
    level: str | None = None,
    *,
    force: bool = False,
    number_from: dict[str, int] | None = None,
    docs: Path | None = None,
) -> ReportResult:
    """Measure a level (the root by default) against the targets; write its year report to out.

    With docs, the targets met by documents (plans, pledges, Ngày hội plans) are measured from
    that folder by `check`'s own audit. Without out, nothing is written. The report is numbered
    like every other document: from the register when its issuer is in the campaign's danh_so
    or number_from, else left for the clerk.
    """
    if inputs.results is None:
        raise UsageError("báo cáo tổng kết cần tệp kết quả cuối năm: thêm --results TỆP.")
    unit = level_unit(inputs.roster, level)
    if unit is None:
        raise UsageError(
            f"--level: không có đơn vị mang mã {level} trong {inputs.roster.source}"
            + did_you_mean(level or "", inputs.roster.units)
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
    if out is None:
        return ReportResult(unit, indicators, None)
    roster = inputs.roster
    needs = Needs(Path(roster.source).name, Path(inputs.campaign.source).name, roster.columns)
    document = REPORT.report_document(
        inputs.campaign, roster, unit, needs, inputs.results, documents
    )
    if needs.findings:
        raise ValidationError(needs.findings, what="Thiếu dữ liệu cho văn bản")
    numbering = {**inputs.campaign.numbering, **(number_from or {})}
    (outcome,) = write_documents([document], out, force=force, numbering=numbering)
    return ReportResult(unit, indicators, outcome)
