"""`check`: audit a folder of documents against the campaign's required-document matrix.

What a kind requires is computed on the roster in force on the kind's date, so a district
merged away in July owes no document dated after it.

For every unit and every kind the matrix requires, the document is present (the .docx as
generated, or a signed .pdf of the same name beside or instead of it), unfinished (a .docx that
still holds a placeholder where only the unit can write, and no signed copy), invalid, or
missing. An unfinished document exists but is a draft: the folder is not complete and the
document counts toward no target.
Only the parts needed are read (the main XML part of a .docx, the bytes of a .pdf); nothing is
rendered and nothing is written into the folder.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from antq_docs import vi
from antq_docs.docxread import PLACEHOLDER, Package, check_pdf, document_text, placeholders
from antq_docs.errors import InputError, OutputError, UnreadableDocument
from antq_docs.files import describe
from antq_docs.indicators import Evidence, Indicator, document_targets, measure_documents
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import REGISTRY
from antq_docs.kinds.pledge import HOUSEHOLD_FOLDER
from antq_docs.model import UNIT_TYPES, Campaign, Results, Unit
from antq_docs.output import (
    MANIFEST,
    atomic_write,
    document_path,
    is_generated_pdf,
    read_manifest,
    why_not_written,
)
from antq_docs.register import FILE as REGISTER_FILE
from antq_docs.vi import fold
from antq_docs.workers import ordered_map, workers_for

PRESENT, MISSING, INVALID, UNFINISHED = "present", "missing", "invalid", "unfinished"
# What a cell of the matrix shows besides an entry's status: the only copy is a signed PDF, or
# the unit does not owe the kind.
SIGNED, NOT_OWED = "signed", "none"
# Each cell's words in the table and the workbook, and its fill in the workbook (the colours of
# the web page's matrix), in the order of the workbook's legend.
CELLS: dict[str, tuple[str, str | None]] = {
    PRESENT: ("có", "C8E6C9"),
    SIGNED: ("có (PDF)", "81C784"),
    UNFINISHED: ("chưa hoàn thiện", "FFF59D"),
    INVALID: ("không hợp lệ", "FFCC80"),
    MISSING: ("thiếu", "EF9A9A"),
    NOT_OWED: ("–", None),
}
_CELL_MEANINGS = {
    PRESENT: "có tệp .docx hoàn chỉnh, hoặc tệp .docx kèm bản ký .pdf",
    SIGNED: "chỉ có bản ký quét .pdf",
    UNFINISHED: f"có tệp .docx nhưng còn chỗ “{PLACEHOLDER}: …]” đơn vị chưa viết, chưa có "
                "bản ký",
    INVALID: "có tệp nhưng không mở được hoặc sai đơn vị, sai năm, còn thẻ mẫu",
    MISSING: "không có tệp nào",
    NOT_OWED: "đơn vị không phải có loại văn bản này",
}
# The tool's own files at the top of the folder are not documents.
_OWN_FILES = frozenset({MANIFEST, REGISTER_FILE})



def short_label(kind: str) -> str:
    """The column heading of a kind in the table and the workbook, as the kind declares it."""
    declared = REGISTRY.get(kind)
    return declared.short if declared and declared.short else kind


DOCX, PDF = ".docx", ".pdf"
# Files people's tools leave in a folder that are not documents: Word's lock files (~$…),
# hidden files (our lock, temporaries, .DS_Store) and Windows' thumbnails.
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_TAG = re.compile(r"\{\{|\{%")
_YEAR = re.compile(r"năm\s+(\d{4})")
# The marker as it reads in the folded text: a cheap test before the paragraphs are looked at.
_FOLDED_PLACEHOLDER = fold(PLACEHOLDER)




def needs(
    campaign: Campaign, kind: str, unit: Unit, results: Results | None = None
) -> bool:
    """Whether a unit must have a kind: the kind's own rule when it is built, else the matrix.

    A kind owed only on some results (a recognition decision) is asked for when the check
    reads the results that call for it.
    """
    if kind in REGISTRY:
        return REGISTRY[kind].owed(campaign, unit, results)
    return campaign.requires(kind, unit.type)


@dataclass(frozen=True)
class _Job:
    """One file to inspect, with what it must say."""

    path: Path
    unit_name: str
    year: int


class Inspection(NamedTuple):
    """What one file holds: why it is invalid (or None), its SHA-256, the placeholders left."""

    reason: str | None
    sha256: str | None = None
    placeholders: tuple[str, ...] = ()


def inspect_docx(job: _Job) -> Inspection:
    """Read a .docx: why it is invalid, its SHA-256 (None when unreadable), its placeholders."""
    try:
        package = Package(job.path)
        raw = document_text(package.document())
        text = fold(raw)
    except UnreadableDocument as e:
        return Inspection(e.reason)
    reasons = []
    tag = _TAG.search(text)
    if tag:
        snippet = text[tag.start():tag.start() + 40].split("\n", 1)[0]
        reasons.append(f"còn thẻ mẫu chưa điền ({snippet})")
    name = fold(job.unit_name)
    if not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        reasons.append(f"không ghi tên đơn vị “{job.unit_name}”")
    years = set(_YEAR.findall(text))
    if str(job.year) not in years:
        others = ", ".join(sorted(years))
        reasons.append(
            f"ghi năm {others}, không phải năm {job.year}" if others
            else f"không ghi năm {job.year}"
        )
    # Nearly every document holds no placeholder: its paragraphs are split only when the
    # folded text (already made) holds the marker somewhere.
    left = tuple(placeholders(raw)) if _FOLDED_PLACEHOLDER in text else ()
    return Inspection("; ".join(reasons) or None, package.sha256, left)


def inspect_pdf(job: _Job) -> Inspection:
    """Read a PDF: why it is invalid (or None); a scan's text cannot be read, nor its hash kept."""
    try:
        check_pdf(job.path)
    except UnreadableDocument as e:
        return Inspection(e.reason)
    return Inspection(None)


@dataclass
class Entry:
    """One required document of one unit and what was found for it."""

    unit: Unit
    kind: str
    expected: str
    status: str = MISSING
    found: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    # (path, the placeholder paragraphs) of a readable .docx that is still a draft.
    drafts: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def signed(self) -> bool:
        """Whether a valid copy is a signed PDF."""
        return any(p.lower().endswith(PDF) for p in self.found)


def cell_status(entry: Entry | None) -> str:
    """What the matrix shows for a unit and a kind: a key of CELLS (None: not owed)."""
    if entry is None:
        return NOT_OWED
    if entry.problems:
        return INVALID
    if entry.status == PRESENT:
        return SIGNED if entry.signed and len(entry.found) == 1 else PRESENT
    return entry.status


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
        return [(e, path, left) for e in self.entries if e.status == UNFINISHED
                for path, left in e.drafts]

    @property
    def present(self) -> int:
        """How many required documents have a valid, finished copy."""
        return sum(1 for e in self.entries if e.status == PRESENT)

    @property
    def complete(self) -> bool:
        """Every required document is there and finished, every copy usable, nothing refused."""
        return not self.refused and all(
            e.status == PRESENT and not e.problems for e in self.entries)

    def documents_found(self) -> Evidence:
        """Every required document as (kind, unit, has a usable copy), with the targets the
        kinds are evidence for.

        An unfinished draft is not a document issued: it counts toward no target.
        """
        return Evidence([(e.kind, e.unit, e.status == PRESENT) for e in self.entries],
                        document_targets(REGISTRY))

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

    def to_json(self) -> str:
        """The report as JSON (the contract of `check --format json`)."""
        data = {
            "docs": str(self.docs),
            "year": self.inputs.campaign.year,
            "complete": self.complete,
            "units": len(self.inputs.units()),
            "required": len(self.entries),
            "present": self.present,
            "missing": [
                {"unit": e.unit.code, "kind": e.kind, "expected": e.expected}
                for e in self.missing
            ],
            "invalid": [
                {"unit": e.unit.code, "kind": e.kind, "path": path, "reason": reason}
                for e, path, reason in self.invalid
            ],
            "unfinished": [
                {"unit": e.unit.code, "kind": e.kind, "path": path, "placeholders": list(left)}
                for e, path, left in self.unfinished
            ],
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
        for e in self.entries:
            by_unit.setdefault(e.unit.code, {})[e.kind] = e
        for unit in self.inputs.units():
            if unit.code in by_unit:
                yield unit, [by_unit[unit.code].get(k) for k in self.kinds]

    def table(self) -> str:
        """The report as a Vietnamese text table, units grouped under their parent."""
        lines = [
            f"Kiểm tra thư mục {self.docs} (năm {self.inputs.campaign.year}): "
            f"{len(self.inputs.units())} đơn vị, {len(self.entries)} văn bản bắt buộc; "
            f"có {self.present}, thiếu {len(self.missing)}, không hợp lệ {len(self.invalid)}"
            + (f", chưa hoàn thiện {len(self.unfinished)}." if self.unfinished else ".")
        ]
        rows = list(self._rows())
        groups: dict[str, list[tuple[Unit, list[Entry | None]]]] = {}
        for unit, cells in rows:
            groups.setdefault(unit.parent.code if unit.parent else "", []).append((unit, cells))
        code_w = max([len("Mã")] + [len(u.code) for u, _ in rows])
        name_w = min(40, max([len("Đơn vị")] + [len(u.name) for u, _ in rows]))
        # As wide as "không hợp lệ", wider only when a longer word is shown.
        cell_w = max([len(CELLS[INVALID][0])]
                     + [len(self._cell(c)) for _, cells in rows for c in cells])
        widths = [max(len(short_label(k)), cell_w) for k in self.kinds]
        heading = "  ".join(
            [f"{'Mã':<{code_w}}", f"{'Đơn vị':<{name_w}}"]
            + [f"{short_label(k):<{w}}" for k, w in zip(self.kinds, widths)]
        )
        for parent_code, members in groups.items():
            parent = self.inputs.find(parent_code)
            lines += ["", f"{parent.name} ({parent.code})" if parent else "Cấp cao nhất"]
            lines.append("  " + heading.rstrip())
            for unit, cells in members:
                name = unit.name if len(unit.name) <= name_w else unit.name[: name_w - 1] + "…"
                row = [f"{unit.code:<{code_w}}", f"{name:<{name_w}}"] + [
                    f"{self._cell(c):<{w}}" for c, w in zip(cells, widths)
                ]
                lines.append("  " + "  ".join(row).rstrip())
        if self.missing:
            lines += ["", f"Thiếu ({len(self.missing)}):"]
            lines += [
                f"  - {e.unit.code} {e.unit.name}, {short_label(e.kind)}: "
                f"chưa có {e.expected} (hoặc bản ký .pdf)"
                for e in self.missing
            ]
        if self.invalid:
            lines += ["", f"Không hợp lệ ({len(self.invalid)}):"]
            lines += [
                f"  - {path} ({e.unit.code}, {short_label(e.kind)}): {reason}"
                for e, path, reason in self.invalid
            ]
        if self.unfinished:
            lines += ["", f"Chưa hoàn thiện ({len(self.unfinished)}):"]
            lines += [
                f"  - {path} ({e.unit.code}, {short_label(e.kind)}): {unfinished_note(left)}"
                for e, path, left in self.unfinished
            ]
        if self.changed:
            lines += ["", f"Đã đổi sau khi soạn, có thể đã ký ({len(self.changed)}):"]
            lines += [f"  - {c['path']}" for c in self.changed]
        if self.extra:
            lines += ["", f"Tệp không thuộc văn bản bắt buộc nào ({len(self.extra)}):"]
            lines += [f"  - {path}" for path in self.extra]
        if self.refused:
            lines += ["", f"Không đọc, không đi theo ({len(self.refused)}):"]
            lines += [f"  - {r['path']}: {r['reason']}" for r in self.refused]
        indicators = self.indicators()
        if indicators:
            lines += ["", "Chỉ tiêu:"]
            for info in indicators.values():
                shown = ", ".join(short_label(k) for k in info["kinds"])
                lines.append(f"  {shown} (chỉ tiêu {info['target']}):")
                for unit_type, v in info["by_type"].items():
                    sign = "trên" if v["comparison"] == ">" else "đạt ít nhất"
                    lines.append(
                        f"    {UNIT_TYPES[unit_type]}: {v['present']}/{v['units']} = "
                        f"{vi.percent(v['share'])} (chỉ tiêu {sign} {vi.percent(v['target'])}) "
                        f"– {'đạt' if v['met'] else 'chưa đạt'}"
                    )
        lines.append("")
        if self.complete:
            lines.append("Kết quả: đủ văn bản bắt buộc.")
        else:
            refused = f", {len(self.refused)} không đọc" if self.refused else ""
            unfinished = f", {len(self.unfinished)} chưa hoàn thiện" if self.unfinished else ""
            lines.append(
                f"Kết quả: chưa đủ ({len(self.missing)} thiếu, "
                f"{len(self.invalid)} không hợp lệ{unfinished}{refused})."
            )
        return "\n".join(lines)

    def _inputs_read(self) -> list[Path]:
        """The files this check read: campaign, rosters, results; never to be overwritten."""
        inputs = self.inputs
        names = [inputs.campaign.source, inputs.roster.source,
                 *(p.roster.source for p in inputs.periods)]
        if inputs.results is not None:
            names += [inputs.results.source, inputs.results.scores_source]
        return [Path(n) for n in names if n]

    def refuse_xlsx_path(self, path: Path, *, force: bool = False) -> None:
        """Refuse an Excel path that is an input, inside the checked folder, or (unforced) taken."""
        target = Path(path).resolve()
        docs = self.docs.resolve()
        if target == docs or docs in target.parents:
            raise OutputError(
                f"không ghi bảng Excel vào trong thư mục đang kiểm tra ({self.docs}); hãy chọn "
                "một đường dẫn ở ngoài thư mục đó.", path=path)
        for source in self._inputs_read():
            if source.resolve() == target:
                raise OutputError(
                    "đây là tệp đầu vào của lần kiểm tra này, không ghi đè; hãy chọn tên khác "
                    "cho bảng Excel.", path=path)
        if not force and (target.exists() or Path(path).is_symlink()):
            raise OutputError(
                "tệp đã có; dùng --force để ghi đè hoặc chọn tên khác.", path=path)

    def write_xlsx(self, path: Path, *, force: bool = False) -> None:
        """One row per unit, one column per kind, for the audit team.

        Refused (nothing written) when path is an input file, inside the checked folder, or an
        existing file unless force.
        """
        import io

        import openpyxl
        from openpyxl.styles import Font, PatternFill

        from antq_docs.xlsx import first_sheet

        fills = {status: PatternFill("solid", fgColor=colour)
                 for status, (_, colour) in CELLS.items() if colour}
        book = openpyxl.Workbook()
        sheet = first_sheet(book)
        sheet.title = "Kiểm tra"
        sheet.append(["Mã đơn vị", "Tên đơn vị", "Loại", "Mã cấp trên"]
                     + [short_label(k) for k in self.kinds] + ["Ghi chú"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        first = 5  # the first kind's column: after code, name, type and parent
        for row, (unit, cells) in enumerate(self._rows(), start=2):
            notes = [f"{path}: {reason}" for c in cells if c for path, reason in c.problems]
            notes += [f"{path}: {unfinished_note(left)}"
                      for c in cells if c and c.status == UNFINISHED for path, left in c.drafts]
            sheet.append(
                [unit.code, unit.name, unit.type_name, unit.parent.code if unit.parent else ""]
                + [self._cell(c) for c in cells] + ["; ".join(notes)]
            )
            for offset, c in enumerate(cells):
                fill = fills.get(cell_status(c))
                if fill is not None:
                    sheet.cell(row, first + offset).fill = fill
        sheet.freeze_panes = "C2"
        for column, width in zip("ABCD", (14, 36, 16, 14)):
            sheet.column_dimensions[column].width = width
        legend = book.create_sheet("Chú giải")
        legend.append(["Ô", "Nghĩa"])
        for cell in legend[1]:
            cell.font = Font(bold=True)
        for row, (status, (label, _)) in enumerate(CELLS.items(), start=2):
            legend.append([label, _CELL_MEANINGS[status]])
            if status in fills:
                legend.cell(row, 1).fill = fills[status]
        legend.column_dimensions["A"].width = 18
        legend.column_dimensions["B"].width = 70
        self.refuse_xlsx_path(path, force=force)
        buffer = io.BytesIO()
        book.save(buffer)
        try:
            atomic_write(Path(path), buffer.getvalue())
        except OSError as e:
            raise OutputError(f"không ghi được tệp Excel ({why_not_written(e)}).", path=path) from e


def unfinished_note(left: tuple[str, ...]) -> str:
    """The first placeholder left in a draft, and how many more there are."""
    more = f" (và {len(left) - 1} chỗ khác)" if len(left) > 1 else ""
    return f"còn chỗ cần bổ sung: {left[0]}{more}"


def _key(kind: str, name: str) -> tuple[str, str, str] | None:
    """(kind, code, extension) of a file name, compared in NFC and without case."""
    stem, dot, ext = unicodedata.normalize("NFC", name).rpartition(".")
    if not dot or f".{ext.lower()}" not in (DOCX, PDF):
        return None
    return unicodedata.normalize("NFC", kind), stem.casefold(), f".{ext.lower()}"


def _ignored(name: str) -> bool:
    return name.startswith(("~$", ".")) or name.lower() in _IGNORED_NAMES


@dataclass
class _Scan:
    """DIR indexed once: candidate documents by key, other files, and what is never read.

    refused maps a path to why it is neither read nor followed: a symbolic link (a kind
    folder linked elsewhere would make check audit files outside DIR) or a FIFO, device or
    socket (opening one blocks or never ends).
    """

    index: dict[tuple[str, str, str], str] = field(default_factory=dict)
    others: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def _refusal(mode: int, *, kind_folder: bool) -> str | None:
    """Why check neither reads nor follows an entry of this mode (lstat), or None."""
    if kind_folder and stat.S_ISLNK(mode):
        return ("thư mục loại văn bản là liên kết tượng trưng (symlink), không được đọc theo; "
                "văn bản trong đó không được tính, hãy chép chúng vào đúng thư mục này")
    return describe(mode) if not stat.S_ISDIR(mode) else None


def _scan(root: Path, kinds: list[str]) -> _Scan:
    """Index DIR once without following a link or opening anything that is not a file."""
    scan = _Scan()

    def walk(folder: Path, rel: str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            raise InputError(f"không đọc được thư mục ({e.strerror}).", path=folder) from e
        for entry in entries:
            if _ignored(entry.name) or (depth == 0 and entry.name in _OWN_FILES):
                continue
            path = f"{rel}{unicodedata.normalize('NFC', entry.name)}"
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                # Gone since the listing: nothing to audit.
                continue
            refusal = _refusal(mode, kind_folder=depth == 0 and path in kinds)
            key = _key(rel.rstrip("/"), entry.name) if depth == 1 else None
            if key is not None:
                # Anything named like a document is indexed: when it is owed, the document
                # reader reports it as invalid (a folder, a link, a FIFO) without opening it.
                scan.index[key] = path
                if refusal:
                    scan.refused[path] = refusal
            elif refusal:
                scan.refused[path] = refusal
            elif stat.S_ISDIR(mode):
                walk(Path(entry.path), f"{path}/", depth + 1)
            else:
                scan.others.append(path)

    walk(root, "", 0)
    return scan


def check(
    inputs: Inputs,
    docs: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Audit DIR against the matrix: present, invalid, missing, changed, extra.

    Files are inspected on `workers` processes (--jobs; default one per core).
    """
    docs = Path(docs)
    if not docs.exists():
        raise InputError("không tìm thấy thư mục văn bản.", path=docs)
    if not docs.is_dir():
        raise InputError("không phải thư mục.", path=docs)
    campaign = inputs.campaign
    # Built kinds decide for themselves (the root always reports); others follow the matrix.
    kinds = list(REGISTRY)
    kinds += sorted(k for k in campaign.required if k not in kinds)
    manifest = read_manifest(docs)
    scan = _scan(docs, kinds)
    index = scan.index
    used: set[tuple[str, str, str]] = set()
    entries: list[Entry] = []
    jobs: list[tuple[Entry, str, _Job]] = []
    # Each kind is owed by the units of the roster in force on its date (danh_sach_don_vi).
    owed = [(kind, unit) for kind in kinds for unit in inputs.roster_for(kind)
            if needs(campaign, kind, unit, inputs.results)]
    if inputs.results is None:
        # Without the results, a kind owed only on them (a recognition decision) is asked of
        # no unit; the files of units that may owe it are the run's own, not strangers.
        for kind in kinds:
            declared = REGISTRY.get(kind)
            if declared is None or not declared.needs_results:
                continue
            used.update((kind, unit.code.casefold(), ext)
                        for unit in inputs.roster_for(kind) if declared.needs(campaign, unit)
                        for ext in (DOCX, PDF))
    order = {u.code: i for i, u in enumerate(inputs.units())}
    owed.sort(key=lambda ku: (order[ku[1].code], kinds.index(ku[0])))
    for kind, unit in owed:
        entry = Entry(unit, kind, document_path(kind, unit.code))
        entries.append(entry)
        for ext in (DOCX, PDF):
            key = (kind, unit.code.casefold(), ext)
            if key in index:
                used.add(key)
                if ext == PDF and is_generated_pdf(docs, index[key], manifest.get(index[key])):
                    continue  # printed from the draft by `pdf`: not a signed copy
                jobs.append((entry, index[key], _Job(docs / index[key], unit.name,
                                                      campaign.year)))
    results = _run(jobs, workers, progress)
    changed: list[dict[str, str]] = []
    for (entry, rel, _), (reason, digest, left) in zip(jobs, results):
        if reason is not None:
            entry.problems.append((rel, reason))
            if entry.status == MISSING:
                entry.status = INVALID
            continue
        entry.found.append(rel)
        if left:
            entry.drafts.append((rel, left))
            # A signed copy (read before or after) is the document; the draft is only a draft.
            if entry.status != PRESENT:
                entry.status = UNFINISHED
        else:
            entry.status = PRESENT
        recorded = manifest.get(rel)
        if digest is not None and recorded is not None and recorded.get("sha256") != digest:
            changed.append({"unit": entry.unit.code, "kind": entry.kind, "path": rel})
    unused = [path for key, path in index.items() if key not in used]
    # Households' own pledge forms (generate --per-household) are owed by no unit; they are
    # the run's documents, not strangers in the folder.
    others = [p for p in scan.others if not p.startswith(f"{HOUSEHOLD_FOLDER}/")]
    extra = sorted(
        p for p in [p for p in unused if p not in scan.refused] + others
        # The hồ sơ and the PDFs the tool made are its own files, not strays.
        if not is_generated_pdf(docs, p, manifest.get(p))
    )
    # An owed document that is a link or a FIFO is already reported as invalid, on its entry.
    owed_paths = {rel for _, rel, _ in jobs}
    refused = [{"path": p, "reason": r} for p, r in sorted(scan.refused.items())
               if p not in owed_paths]
    return CheckReport(docs, inputs, kinds, entries, changed, extra, refused)


def _inspect(job: _Job) -> Inspection:
    return inspect_pdf(job) if job.path.suffix.lower() == PDF else inspect_docx(job)


def _run(
    jobs: list[tuple[Entry, str, _Job]],
    workers: int | None,
    progress: Callable[[int, int], None] | None,
) -> list[Inspection]:
    """Inspect every file, on `workers` processes (parsing is CPU-bound; default every core)."""
    plain = [job for _, _, job in jobs]
    results: list[Inspection] = []
    for result in ordered_map(_inspect, plain, workers_for(workers, len(plain))):
        results.append(result)
        if progress:
            progress(len(results), len(plain))
    return results
