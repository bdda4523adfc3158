"""The year's figures against the campaign's targets (chỉ tiêu), for one level and its subtree.

Each target of the campaign whose id names a measure (measures.MEASURES) becomes one row per
unit type it lists (a target for every type gives one row with no type): numerator,
denominator, actual percentage, target percentage, met or not, and the units that pulled it
down. Comparisons are made on exact fractions so "trên 80%" (strict) and "80%" are decided
without rounding.

Targets met by documents (ke_hoach: plans, cam_ket: pledges, ngay_hoi: Ngày hội plans) are
measured from what `check` found in a folder, by measure_documents: `check` and the report
both call it, so a target is met by one rule everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from antq_docs import vi
from antq_docs.measures import MEASURES, built_models, counts_models, model_built, model_counts
from antq_docs.model import (
    UNIT_TYPES,
    Campaign,
    DeclaredKind,
    Results,
    Roster,
    Target,
    Unit,
)

# Short Vietnamese names of the measured indicators, for tables and the chart.
LABELS: dict[str, str] = {
    "dang_ky": "Đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”",
    "dat_chuan": "Được công nhận đạt tiêu chuẩn, tính trên số đã đăng ký",
    "kha_tro_len": "Xếp loại phong trào Khá trở lên",
    "huyen_kha_tro_len": "Cấp huyện xếp loại phong trào Khá trở lên",
    "dien_hinh": "Có ít nhất 01 đơn vị điển hình",
    "ke_hoach": "Ban hành nghị quyết, chương trình hoặc kế hoạch năm",
    "cam_ket": "Tổ chức ký cam kết, giao ước thi đua",
    "ngay_hoi": "Ban hành kế hoạch tổ chức Ngày hội",
}

# Shorter names for the chart and the terminal table.
SHORT: dict[str, str] = {
    "dang_ky": "Đăng ký",
    "dat_chuan": "Đạt chuẩn",
    "kha_tro_len": "Khá trở lên",
    "huyen_kha_tro_len": "Khá trở lên",
    "dien_hinh": "Có điển hình",
    "ke_hoach": "Kế hoạch",
    "cam_ket": "Cam kết",
    "ngay_hoi": "KH Ngày hội",
}


def document_targets(kinds: Mapping[str, DeclaredKind]) -> dict[str, tuple[str, ...]]:
    """Targets met by issuing documents → the kinds of document that are the evidence.

    Each kind of the registry given declares its target (Kind.target); a target several kinds
    declare is met by a unit only with every one of them it must have (target 1: the cấp ủy's
    resolution and the UBND's plan of a district or commune).
    """
    out: dict[str, tuple[str, ...]] = {}
    for name, kind in kinds.items():
        if kind.target:
            out[kind.target] = (*out.get(kind.target, ()), name)
    return out


@dataclass(frozen=True)
class Indicator:
    """One target measured over a level: counts, percentages, and the units below target."""

    target: Target
    unit_type: str | None
    numerator: int
    denominator: int
    shortfall: list[Unit] = field(default_factory=list)
    # The unit a target names (chi_tieu[…].don_vi), for a target set for one unit.
    unit: Unit | None = None

    @property
    def id(self) -> str:
        """The target's indicator id (dang_ky, dat_chuan…)."""
        return self.target.id

    @property
    def label(self) -> str:
        """The indicator's short Vietnamese name; a target set for one unit is quoted."""
        if self.unit is not None:
            return self.target.text.rstrip(" ;.")
        return LABELS[self.id]

    @property
    def short(self) -> str:
        """'Đăng ký – khu dân cư': short name and unit type (or the unit a target names)."""
        return f"{SHORT.get(self.id, self.id)} – {self.type_name}"

    @property
    def type_name(self) -> str:
        """The unit type in Vietnamese, the unit a target names, or 'mọi loại đơn vị'."""
        if self.unit is not None:
            return self.unit.name
        return UNIT_TYPES[self.unit_type] if self.unit_type else "mọi loại đơn vị"

    @property
    def ratio(self) -> Fraction | None:
        """numerator / denominator as a percentage, exactly; None without units to count."""
        if self.denominator == 0:
            return None
        return Fraction(self.numerator * 100, self.denominator)

    @property
    def actual_percent(self) -> float | None:
        """The achieved percentage, rounded to two decimals."""
        ratio = self.ratio
        return None if ratio is None else round(float(ratio), 2)

    @property
    def target_percent(self) -> float:
        """The target percentage of the campaign (every unit, 100, when it gives none)."""
        return self.target.goal

    @property
    def met(self) -> bool | None:
        """Whether the target is reached ('trên' is strict); None when it cannot be judged."""
        return reaches(self.numerator, self.denominator, self.target)

    @property
    def share(self) -> float | None:
        """The achieved percentage for display, one decimal, never 100 unless every unit."""
        return display_share(self.numerator, self.denominator)

    @property
    def target_text(self) -> str:
        """'trên 80%' or '100%'."""
        value = vi.percent(self.target.goal)
        return f"trên {value}" if self.target.strict else value

    @property
    def actual_text(self) -> str:
        """'83,3%' or 'không có đơn vị'."""
        share = self.share
        return "không có đơn vị" if share is None else vi.percent(share)

    @property
    def verdict(self) -> str:
        """'Đạt', 'Không đạt' or 'Không đánh giá'."""
        return {True: "Đạt", False: "Không đạt", None: "Không đánh giá"}[self.met]

    def as_json(self) -> dict:
        """The contract shape of `report --format json`."""
        return {
            "id": self.id,
            "unit_type": self.unit_type,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "actual_percent": self.actual_percent,
            "target_percent": self.target_percent,
            "met": self.met,
            **({"unit": self.unit.code} if self.unit is not None else {}),
        }


def display_share(part: int, whole: int) -> float | None:
    """part/whole in percent with one decimal for reading; None when there is no unit.

    2,474 of 2,475 rounds to 100.0 and would read as complete, so it shows 99.9.
    """
    if whole == 0:
        return None
    shown = round(part * 100 / whole, 1)
    return 99.9 if shown >= 100 and part < whole else shown


def reaches(numerator: int, denominator: int, target: Target) -> bool | None:
    """The one rule of a met target: numerator/denominator against the target, exactly.

    Compared as fractions, never as a rounded percentage ('trên' is strict), with the target's
    goal (a target without ty_le asks for every unit, as 'Mỗi xã … ít nhất 01' does); None when
    there is nothing to count.
    """
    if denominator == 0:
        return None
    ratio = Fraction(numerator * 100, denominator)
    goal = Fraction(str(target.goal))
    return ratio > goal if target.strict else ratio >= goal


def subtree(level: Unit) -> list[Unit]:
    """The level and every unit below it."""
    return [level, *level.descendants()]


# A required document of one unit and whether a usable copy was found: (kind, unit, present).
DocumentFound = tuple[str, Unit, bool]


@dataclass(frozen=True)
class Evidence:
    """The required documents `check` found in a folder, and the targets they are evidence for
    (target id → the kinds that meet it together: document_targets of the registry)."""

    found: list[DocumentFound]
    targets: dict[str, tuple[str, ...]]


def measure_documents(campaign: Campaign, evidence: Evidence) -> list[Indicator]:
    """The targets met by documents, per unit type, from the required documents found.

    The denominator is the units that must have one of the target's kinds, the numerator those
    with a usable copy of every one of them they must have, against the target's goal.
    Types with no unit required are left out; a type named by two targets
    of one id is measured against the first.
    """
    by_kind: dict[str, list[tuple[Unit, bool]]] = {}
    for kind, unit, present in evidence.found:
        by_kind.setdefault(kind, []).append((unit, present))
    indicators = []
    seen: set[tuple[str, str]] = set()
    for target in campaign.targets:
        kinds = evidence.targets.get(target.id)
        if kinds is None:
            continue
        for unit_type in UNIT_TYPES:
            if not target.applies_to(unit_type) or (target.id, unit_type) in seen:
                continue
            # A unit counts once, present only when it has every kind it owes.
            units: dict[str, tuple[Unit, bool]] = {}
            for kind in kinds:
                for u, p in by_kind.get(kind, []):
                    if u.type == unit_type:
                        had = units.get(u.code, (u, True))[1]
                        units[u.code] = (u, had and p)
            rows = list(units.values())
            if not rows:
                continue
            seen.add((target.id, unit_type))
            lacking = [u for u, p in rows if not p]
            indicators.append(
                Indicator(target, unit_type, len(rows) - len(lacking), len(rows), lacking)
            )
    return indicators


def measure(
    campaign: Campaign,
    results: Results,
    level: Unit,
    documents: Evidence | None = None,
) -> list[Indicator]:
    """Every measurable target of the campaign over a level's subtree, in campaign order.

    With documents (what `check` found), the targets met by documents are measured too.
    """
    units = subtree(level)
    inside = {u.code for u in units}
    by_document: dict[str, list[Indicator]] = {}
    if documents is not None:
        mine = [(k, u, p) for k, u, p in documents.found if u.code in inside]
        for indicator in measure_documents(campaign, Evidence(mine, documents.targets)):
            by_document.setdefault(indicator.id, []).append(indicator)
    indicators = []
    done_documents: set[str] = set()
    for target in campaign.targets:
        # A fact of the results (a unit registered) is counted from the results, never from
        # its drafts: disagreements are reported by draft_disagreements.
        if target.id in by_document and target.id not in MEASURES:
            if target.id not in done_documents:
                done_documents.add(target.id)
                indicators += by_document[target.id]
            continue
        if target.units:
            indicators += _named(target, units, results)
            continue
        how = MEASURES.get(target.id)
        if how is None:
            continue
        for_all = set(target.unit_types) == set(UNIT_TYPES)
        groups = [None] if for_all else list(target.unit_types)
        for unit_type in groups:
            of_type = [u for u in units if unit_type is None or u.type == unit_type]
            if how is built_models:
                pool, done = built_models(of_type, results, model_counts(target))
            else:
                pool, done = how(of_type, results)
            achieved = {u.code for u in done}
            shortfall = sorted(
                (u for u in pool if u.code not in achieved), key=lambda u: vi.sort_key(u.name)
            )
            indicators.append(Indicator(target, unit_type, len(done), len(pool), shortfall))
    return indicators


def draft_disagreements(
    campaign: Campaign, results: Results, level: Unit, documents: Evidence
) -> list[str]:
    """Where the drafts and the results disagree on a fact the results decide (a registration
    drafted for a unit the results say did not register), one sentence per direction.

    The report counts the results; these sentences tell the user which side to correct.
    """
    inside = {u.code for u in subtree(level)}
    found: dict[str, list[tuple[Unit, bool]]] = {}
    for kind, unit, present in documents.found:
        if unit.code in inside:
            found.setdefault(kind, []).append((unit, present))
    out = []
    for target_id, evidence in documents.targets.items():
        how = MEASURES.get(target_id)
        rows = [row for kind in evidence for row in found.get(kind, [])]
        if how is None or not rows:
            continue
        label = LABELS.get(target_id, target_id)
        _, done = how([u for u, _ in rows], results)
        achieved = {u.code for u in done}
        drafted_only = [
            u for u, p in rows if p and u.code not in achieved and results.get(u.code) is not None
        ]
        result_only = [u for u, p in rows if not p and u.code in achieved]
        if drafted_only:
            out.append(
                f"{label}: có văn bản nhưng kết quả cuối năm ghi chưa đạt ở "
                f"{len(drafted_only)} đơn vị ({_codes(drafted_only)}); báo cáo tính theo "
                "kết quả cuối năm"
            )
        if result_only:
            out.append(
                f"{label}: kết quả cuối năm ghi đạt nhưng thư mục không có văn bản của "
                f"{len(result_only)} đơn vị ({_codes(result_only)})"
            )
    return out


def _codes(units: list[Unit], limit: int = 10) -> str:
    """'KT-01, KT-02 và 3 đơn vị khác' for a message."""
    shown = ", ".join(u.code for u in units[:limit])
    rest = len(units) - limit
    return f"{shown} và {rest} đơn vị khác" if rest > 0 else shown


def _named(target: Target, units: list[Unit], results: Results) -> list[Indicator]:
    """A model-unit target set for named units: how many models each has of those it must build.

    "Thành phố Kon Tum chọn xây dựng 02 phường điển hình" (loai: [xa]): the model units of the
    type and kind the target names built below the named unit (model_built), against so_luong.
    Other named targets have no figures in the results and are left to the documents.
    """
    if not counts_models(target):
        return []
    counted = model_counts(target)
    goal = replace(target, percent=100.0, strict=False)
    found = []
    for unit in units:
        if unit.code in target.units:
            models = [u for u in unit.descendants() if counted(u) and model_built(u, results)]
            found.append(Indicator(goal, None, len(models), target.count, [], unit=unit))
    return found


def unmeasured(campaign: Campaign, documents: Evidence | None = None) -> list[Target]:
    """Targets with no figures: not in the results, nor (when documents were read) documents."""
    measured = set(MEASURES) | (set(documents.targets) if documents is not None else set())
    return [
        t for t in campaign.targets if t.id not in measured or (t.units and not counts_models(t))
    ]


def level_unit(roster: Roster, code: str | None) -> Unit | None:
    """The unit a report is about: the one with this code, or the root when no code is given."""
    return roster.root if code is None else roster.get(code)


def table_text(indicators: list[Indicator]) -> str:
    """The indicator table as aligned Vietnamese text for a terminal."""
    header = ["Mã", "Chỉ số", "Loại đơn vị", "Đạt/Tổng", "Tỷ lệ", "Chỉ tiêu", "Kết quả"]
    rows = [
        [
            i.id,
            SHORT[i.id],
            i.type_name,
            f"{i.numerator}/{i.denominator}",
            i.actual_text,
            i.target_text,
            i.verdict,
        ]
        for i in indicators
    ]
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    lines = []
    for index, row in enumerate([header, *rows]):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
