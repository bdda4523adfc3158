"""The audit of one folder: every required document and what was found.

The report reads as JSON, a text table or a workbook, and measures the targets the documents
are evidence for.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from antq_docs import vi
from antq_docs.check.entries import (
    CELLS,
    INVALID,
    MISSING,
    PRESENT,
    UNFINISHED,
    UNSIGNED,
    Entry,
    cell_status,
    short_label,
    unfinished_note,
)
from antq_docs.check.placing import Unplaced
from antq_docs.check.workbook import matrix_workbook
from antq_docs.errors import DiskFull, OutputError, is_disk_full
from antq_docs.indicators import Evidence, Indicator, document_targets, measure_documents
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import REGISTRY
from antq_docs.messages import check as msg
from antq_docs.messages import documents as output_msg
from antq_docs.model import UNIT_TYPES, Unit
from antq_docs.output import atomic_write, why_not_written


@dataclass
class CheckReport:
    """The audit of one folder: every required document, changes, extra files, indicators."""

    docs: Path
    inputs: Inputs
    kinds: list[str]
    entries: list[Entry]
    changed: list[dict[str, str]]
    extra: list[str]
    # Links, FIFOs, devices found in DIR and neither read nor followed: {"path", "reason"}.
    refused: list[dict[str, str]] = field(default_factory=list)
    # The documents of the kinds asked for that are not yet due on as_of (status LATER).
    later: list[Entry] = field(default_factory=list)
    # The files that could not be counted where they lie, and why (check/placing.py).
    unplaced: list[Unplaced] = field(default_factory=list)
    # The day the check asks for what is due by (None: everything).
    as_of: dt.date | None = None
    # The check demands signed copies (check --signed): a draft alone is unsigned.
    signed_required: bool = False

    @property
    def missing(self) -> list[Entry]:
        """Required documents with no file at all."""
        return [e for e in self.entries if e.status == MISSING]

    @property
    def invalid(self) -> list[tuple[Entry, str, str]]:
        """(entry, path, reason) of every file that is there but not a usable document."""
        return [(e, path, reason) for e in self.entries for path, reason in e.problems]

    @property
    def unfinished(self) -> list[tuple[Entry, str, tuple[str, ...]]]:
        """(entry, path, placeholders) of every required document that is only a draft."""
        return [
            (e, path, left)
            for e in self.entries
            if e.status == UNFINISHED
            for path, left in e.drafts
        ]

    @property
    def signed(self) -> int:
        """How many required documents have their signed copy filed."""
        return sum(1 for e in self.entries if e.status == PRESENT and e.signed)

    @property
    def drafted(self) -> list[Entry]:
        """Required documents whose finished draft has no signed copy yet (unsigned ones when
        the check demands signed copies)."""
        return [
            e
            for e in self.entries
            if e.status == UNSIGNED or (e.status == PRESENT and not e.signed)
        ]

    @property
    def unsigned(self) -> list[Entry]:
        """Required documents that count as not there for want of their signed copy."""
        return [e for e in self.entries if e.status == UNSIGNED]

    @property
    def present(self) -> int:
        """How many required documents have a valid, finished copy."""
        return sum(1 for e in self.entries if e.status == PRESENT)

    @property
    def complete(self) -> bool:
        """Every required document is there and finished, every copy usable, nothing refused."""
        return not self.refused and all(
            e.status == PRESENT and not e.problems for e in self.entries
        )

    def documents_found(self) -> Evidence:
        """Every required document as (kind, unit, has a usable copy), with the targets the
        kinds are evidence for.

        An unfinished draft is not a document issued: it counts toward no target.
        """
        return Evidence(
            [(e.kind, e.unit, e.status == PRESENT) for e in self.entries],
            document_targets(REGISTRY),
        )

    def measured(self) -> list[Indicator]:
        """The targets met by documents, measured by the rule the year report uses too."""
        return measure_documents(self.inputs.campaign, self.documents_found())

    def indicators(self) -> dict[str, dict[str, Any]]:
        """Per kind, by unit type: the share of units that have it against the campaign target.

        'met' compares the counts exactly; 'share' is for reading (one decimal, and never
        100.0 while a unit lacks the document).
        """
        out: dict[str, dict[str, Any]] = {}
        for indicator in self.measured():
            # A target several kinds meet together is shown under the first one checked.
            kinds = [k for k in document_targets(REGISTRY)[indicator.id] if k in self.kinds]
            if not kinds:
                continue
            kind = kinds[0]
            info = out.setdefault(kind, {"target": indicator.id, "kinds": kinds, "by_type": {}})
            info["by_type"][indicator.unit_type] = {
                "units": indicator.denominator,
                "present": indicator.numerator,
                "share": indicator.share,
                "target": indicator.target_percent,
                "comparison": ">" if indicator.target.strict else ">=",
                "met": indicator.met,
            }
        return {k: out[k] for k in self.kinds if k in out}

    def missing_by_parent(self) -> list[tuple[Unit | None, list[tuple[Unit, list[Entry]]]]]:
        """What is missing, per unit, grouped by the unit above (None: the top of the tree), in
        the roster's order: what each level must chase."""
        groups: dict[str, tuple[Unit | None, dict[str, tuple[Unit, list[Entry]]]]] = {}
        for e in self.missing:
            parent = e.unit.parent
            group = groups.setdefault(parent.code if parent else "", (parent, {}))[1]
            group.setdefault(e.unit.code, (e.unit, []))[1].append(e)
        return [(parent, list(units.values())) for parent, units in groups.values()]

    def to_json(self) -> str:
        """The report as JSON (the contract of `check --format json`)."""
        data = {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "kinds": self.kinds,
            "not_due": sorted({e.kind for e in self.later}, key=self.kinds.index),
            "docs": str(self.docs),
            "year": self.inputs.campaign.year,
            "complete": self.complete,
            "units": len(self.inputs.units()),
            "required": len(self.entries),
            "present": self.present,
            "signed_required": self.signed_required,
            "signed": self.signed,
            "drafted": [
                {"unit": e.unit.code, "kind": e.kind, "path": e.found[0]} for e in self.drafted
            ],
            "unsigned": [{"unit": e.unit.code, "kind": e.kind} for e in self.unsigned],
            "missing": [
                {"unit": e.unit.code, "kind": e.kind, "expected": e.expected} for e in self.missing
            ],
            "invalid": [
                {"unit": e.unit.code, "kind": e.kind, "path": path, "reason": reason}
                for e, path, reason in self.invalid
            ],
            "unfinished": [
                {"unit": e.unit.code, "kind": e.kind, "path": path, "placeholders": list(left)}
                for e, path, left in self.unfinished
            ],
            "missing_by_parent": [
                {
                    "parent": parent.code if parent else None,
                    "units": [
                        {"unit": unit.code, "kinds": [e.kind for e in lacking]}
                        for unit, lacking in units
                    ],
                }
                for parent, units in self.missing_by_parent()
            ],
            "unplaced": [u.as_json() for u in self.unplaced],
            "changed": self.changed,
            "extra": self.extra,
            "refused": self.refused,
            "indicators": self.indicators(),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def _cell(self, entry: Entry | None) -> str:
        return CELLS[cell_status(entry)][0]

    def _rows(self) -> Iterator[tuple[Unit, list[Entry | None]]]:
        by_unit: dict[str, dict[str, Entry]] = {}
        for e in self.entries + self.later:
            by_unit.setdefault(e.unit.code, {})[e.kind] = e
        for unit in self.inputs.units():
            if unit.code in by_unit:
                yield unit, [by_unit[unit.code].get(k) for k in self.kinds]

    def table(self) -> str:
        """The report as a Vietnamese text table, units grouped under their parent."""
        summary = msg.SUMMARY.format(
            docs=self.docs,
            year=self.inputs.campaign.year,
            units=len(self.inputs.units()),
            required=len(self.entries),
            present=self.present,
            missing=len(self.missing),
            invalid=len(self.invalid),
        )
        end = (
            msg.SUMMARY_UNFINISHED.format(count=len(self.unfinished))
            if self.unfinished
            else msg.SUMMARY_END
        )
        lines = [summary + end]
        lines.append(msg.SIGNED_LINE.format(signed=self.signed, required=len(self.entries)))
        if self.signed_required:
            lines.append(msg.SIGNED_REQUIRED_LINE)
        lines += self._due_lines()
        lines += self._matrix_lines()
        lines += self._list_lines()
        lines += self._indicator_lines()
        lines.append("")
        lines.append(self._verdict())
        return "\n".join(lines)

    def _matrix_lines(self) -> list[str]:
        """The matrix as text: under each parent, a unit per row and a kind per column."""
        lines: list[str] = []
        rows = list(self._rows())
        groups: dict[str, list[tuple[Unit, list[Entry | None]]]] = {}
        for unit, cells in rows:
            groups.setdefault(unit.parent.code if unit.parent else "", []).append((unit, cells))
        code_w = max([len(msg.CODE_HEADING)] + [len(u.code) for u, _ in rows])
        name_w = min(40, max([len(msg.UNIT_HEADING)] + [len(u.name) for u, _ in rows]))
        # As wide as "không hợp lệ", wider only when a longer word is shown.
        cell_w = max(
            [len(CELLS[INVALID][0])] + [len(self._cell(c)) for _, cells in rows for c in cells]
        )
        widths = [max(len(short_label(k)), cell_w) for k in self.kinds]
        heading = "  ".join(
            [f"{msg.CODE_HEADING:<{code_w}}", f"{msg.UNIT_HEADING:<{name_w}}"]
            + [f"{short_label(k):<{w}}" for k, w in zip(self.kinds, widths)]
        )
        for parent_code, members in groups.items():
            parent = self.inputs.find(parent_code)
            group = msg.GROUP_LINE.format(name=parent.name, code=parent.code) if parent else ""
            lines += ["", group or msg.TOP_GROUP]
            lines.append("  " + heading.rstrip())
            for unit, cells in members:
                name = unit.name if len(unit.name) <= name_w else unit.name[: name_w - 1] + "…"
                row = [f"{unit.code:<{code_w}}", f"{name:<{name_w}}"] + [
                    f"{self._cell(c):<{w}}" for c, w in zip(cells, widths)
                ]
                lines.append("  " + "  ".join(row).rstrip())
        return lines

    def _list_lines(self) -> list[str]:
        """The documents missing, invalid, unfinished or changed, and the files not owed."""
        lines: list[str] = []
        lines += self._missing_lines()
        if self.unsigned:
            lines += ["", msg.UNSIGNED_HEADING.format(count=len(self.unsigned))]
            lines += [
                msg.UNSIGNED_LINE.format(
                    path=e.found[0], code=e.unit.code, kind=short_label(e.kind)
                )
                for e in self.unsigned
            ]
        if self.invalid:
            lines += ["", msg.INVALID_HEADING.format(count=len(self.invalid))]
            lines += [
                msg.FILE_OF_ENTRY.format(
                    path=path, code=e.unit.code, kind=short_label(e.kind), reason=reason
                )
                for e, path, reason in self.invalid
            ]
        if self.unfinished:
            lines += ["", msg.UNFINISHED_HEADING.format(count=len(self.unfinished))]
            lines += [
                msg.FILE_OF_ENTRY.format(
                    path=path,
                    code=e.unit.code,
                    kind=short_label(e.kind),
                    reason=unfinished_note(left),
                )
                for e, path, left in self.unfinished
            ]
        if self.changed:
            lines += ["", msg.CHANGED_HEADING.format(count=len(self.changed))]
            lines += [msg.PATH_LINE.format(path=c["path"]) for c in self.changed]
        if self.unplaced:
            lines += ["", msg.UNPLACED_HEADING.format(count=len(self.unplaced))]
            lines += [msg.UNPLACED_LINE.format(path=u.path, reason=u.reason) for u in self.unplaced]
        placed = {u.path for u in self.unplaced}
        if others := [p for p in self.extra if p not in placed]:
            lines += ["", msg.EXTRA_HEADING.format(count=len(others))]
            lines += [msg.PATH_LINE.format(path=path) for path in others]
        if self.refused:
            lines += ["", msg.REFUSED_HEADING.format(count=len(self.refused))]
            lines += [
                msg.UNPLACED_LINE.format(path=r["path"], reason=r["reason"]) for r in self.refused
            ]
        return lines

    def _due_lines(self) -> list[str]:
        """The day the check is made for, and the kinds not yet due on it."""
        if self.as_of is None:
            return []
        lines = [msg.AS_OF.format(day=vi.short_date(self.as_of))]
        later = sorted({e.kind for e in self.later}, key=self.kinds.index)
        if later:
            lines.append(msg.NOT_DUE.format(kinds=", ".join(short_label(k) for k in later)))
        return lines

    def _missing_lines(self) -> list[str]:
        """What is missing, under each unit above, a unit a line with every kind it lacks."""
        if not self.missing:
            return []
        lines = ["", msg.MISSING_HEADING.format(count=len(self.missing))]
        for parent, units in self.missing_by_parent():
            lines.append(
                msg.PARENT_LINE.format(name=parent.name, code=parent.code)
                if parent
                else msg.TOP_LINE
            )
            for unit, lacking in units:
                files = ", ".join(
                    msg.LACKING_FILE.format(kind=short_label(e.kind), path=e.expected)
                    for e in lacking
                )
                lines.append(msg.UNIT_LACKS.format(code=unit.code, name=unit.name, files=files))
        return lines

    def _indicator_lines(self) -> list[str]:
        """Each target the documents are evidence for, by unit type: the share against it."""
        indicators = self.indicators()
        if not indicators:
            return []
        lines = ["", msg.INDICATORS_HEADING]
        for info in indicators.values():
            shown = ", ".join(short_label(k) for k in info["kinds"])
            lines.append(msg.INDICATOR_KINDS.format(kinds=shown, target=info["target"]))
            for unit_type, v in info["by_type"].items():
                lines.append(
                    msg.INDICATOR_LINE.format(
                        unit_type=UNIT_TYPES[unit_type],
                        present=v["present"],
                        units=v["units"],
                        share=vi.percent(v["share"]),
                        sign=msg.ABOVE if v["comparison"] == ">" else msg.AT_LEAST,
                        target=vi.percent(v["target"]),
                        result=msg.MET if v["met"] else msg.NOT_MET,
                    )
                )
        return lines

    def _indicator_rows(self) -> list[list[Any]]:
        """The indicators as rows of the workbook's sheet: kinds, target, unit type, counts."""
        rows: list[list[Any]] = []
        for info in self.indicators().values():
            shown = ", ".join(short_label(k) for k in info["kinds"])
            for unit_type, v in info["by_type"].items():
                rows.append(
                    [
                        shown,
                        info["target"],
                        UNIT_TYPES[unit_type],
                        v["units"],
                        v["present"],
                        v["share"] / 100,
                        v["target"] / 100,
                        msg.MET if v["met"] else msg.NOT_MET,
                    ]
                )
        return rows

    def _verdict(self) -> str:
        """The last line: complete, or how much is lacking."""
        if self.complete:
            return msg.COMPLETE
        refused = msg.VERDICT_REFUSED.format(count=len(self.refused)) if self.refused else ""
        unfinished = (
            msg.VERDICT_UNFINISHED.format(count=len(self.unfinished)) if self.unfinished else ""
        )
        if self.unsigned:
            unfinished += msg.VERDICT_UNSIGNED.format(count=len(self.unsigned))
        return msg.INCOMPLETE.format(
            missing=len(self.missing),
            invalid=len(self.invalid),
            unfinished=unfinished,
            refused=refused,
        )

    def _inputs_read(self) -> list[Path]:
        """The files this check read: campaign, rosters, results; never to be overwritten."""
        inputs = self.inputs
        names = [
            inputs.campaign.source,
            inputs.roster.source,
            *(p.roster.source for p in inputs.periods),
        ]
        if inputs.results is not None:
            names += [inputs.results.source, inputs.results.scores_source]
        return [Path(n) for n in names if n]

    def refuse_xlsx_path(self, path: Path, *, force: bool = False) -> None:
        """Refuse an Excel path that is an input, inside the checked folder, or (unforced) taken."""
        target = Path(path).resolve()
        docs = self.docs.resolve()
        if target == docs or docs in target.parents:
            raise OutputError(msg.XLSX_IN_FOLDER.format(docs=self.docs), path=path)
        for source in self._inputs_read():
            if source.resolve() == target:
                raise OutputError(msg.XLSX_IS_INPUT, path=path)
        if not force and (target.exists() or Path(path).is_symlink()):
            raise OutputError(msg.XLSX_TAKEN, path=path)

    def write_xlsx(self, path: Path, *, force: bool = False) -> None:
        """One row per unit, one column per kind, for the audit team.

        Refused (nothing written) when path is an input file, inside the checked folder, or an
        existing file unless force.
        """
        data = matrix_workbook(
            self.kinds, self._rows(), self.unplaced, self._indicator_rows(), self.as_of
        )
        self.refuse_xlsx_path(path, force=force)
        try:
            atomic_write(Path(path), data)
        except OSError as e:
            if is_disk_full(e):
                raise DiskFull(output_msg.WRITING_CHECK_XLSX, path=path) from e
            raise OutputError(msg.XLSX_NOT_WRITTEN.format(why=why_not_written(e)), path=path) from e
