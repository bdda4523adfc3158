"""Read and validate the campaign file (YAML): the province's plan, dates, targets, matrix.

Keys are Vietnamese without marks, as officials read them: nam (year), tinh (province),
dia_danh (place in the date line), ke_hoach (governing plan), can_cu (legal bases), ngay_hoi
(Ngày hội date), ngay_van_ban (document date per kind), chi_tieu (targets), tai_lieu_bat_buoc
(required documents per unit type), xep_loai (lowest score of each classification level),
bang_diem (the scoring sheet: ma, noi_dung, diem_toi_da, and can: the results column an item
depends on), hop_binh_xet (unit types that hold a review meeting and so need its minutes),
ky_niem (anniversaries the Ngày hội marks: noi_dung, ngay), ngay_hoi_to_chuc (how the Ngày
hội is held; per unit type its place, budget, participants and budget estimate du_toan:
noi_dung, so_tien), han_bao_cao (year-end report deadline per unit type), noi_nhan_bao_cao (the
bodies above the province that receive its year report), danh_sach_don_vi (rosters by
period: tep, the file relative to the campaign file; tu_ngay, the day it comes into force; tinh,
the province of that period when it differs), tham_quyen_cong_nhan (per unit type, the local
government level that recognises it as meeting the standard: xa, huyen or tinh),
nhan_danh_cong_nhan (in whose name that decision is issued: chu_tich, the default, or uy_ban),
so_lieu (the figures units report for the year: ma, ten, don_vi_tinh, loai, muc),
can_cu_cham_diem (the basis of the scoring sheet and classification), can_cu_ngay_hoi (the
Ngày hội's decision), can_cu_dang (the Party documents a cấp ủy's or chi bộ's resolution rests
on) and thay_doi_to_chuc (bodies that ended on a date: co_quan, cap, den_ngay, can_cu).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from antq_docs import vi
from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.files import MISSING, TOO_LARGE, Refusal, read_regular
from antq_docs.inputs.roster import parse_amount
from antq_docs.model import (
    CHANGE_BODIES,
    CHANGE_LEVELS,
    DEFAULT_EVENT_BASIS,
    DEFAULT_PARTY_BASES,
    DEFAULT_SCORING_BASIS,
    FIGURE_SECTIONS,
    RECOGNITION_NAMES,
    SIGNING_FORMS,
    UNIT_TYPES,
    Anniversary,
    BudgetItem,
    Campaign,
    Change,
    DeclaredKind,
    EventDefaults,
    EventSettings,
    Figure,
    PlanRef,
    RosterFile,
    ScoreItem,
    Target,
    Thresholds,
)
from antq_docs.vi import clean_text, closest, size_text, strip_marks


def default_required(kinds: Mapping[str, DeclaredKind]) -> dict[str, tuple[str, ...]]:
    """The matrix when the file names no kind: each kind's own `required` (kinds/*.py).

    The minutes follow hop_binh_xet unless the file names them.
    """
    return {name: kind.required for name, kind in kinds.items() if kind.required}


# What a scoring-sheet item may depend on (bang_diem[].can): a results column.
ITEM_REQUIRES = ("ngay_hoi",)
SHEET_TOTAL = Decimal(100)


# The largest campaign file read (bytes): a real one is a few kilobytes; past this the file is
# refused before it is parsed, so a huge file cannot hold the run for minutes.
MAX_CAMPAIGN_BYTES = 1_000_000
ALIAS_MESSAGE = "không dùng bí danh YAML (&/*); hãy viết lại giá trị ở từng chỗ"
# A real campaign nests four levels; composing is recursive, so a file of ten thousand '['
# would otherwise exhaust Python's stack.
MAX_DEPTH = 32


# A date typed as text: 2025-07-01 (ISO) or 01/7/2025 (day first, as officials write it).
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class _BadDate(str):
    """A date-looking value that names no real day (2025-02-30), reported by its field."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases and a key written twice in one mapping."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse an anchor or alias where it is written (one alias can expand exponentially),
        and nesting deeper than MAX_DEPTH."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(None, None, ALIAS_MESSAGE, event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"lồng nhau quá {MAX_DEPTH} tầng danh sách hay bảng",
                event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct a node; a value its explicit tag cannot read (!!float nam, !!timestamp x)
        is a YAML error at its line, not a Python exception."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as e:
            shown = f' "{node.value}"' if isinstance(node, yaml.ScalarNode) else ""
            raise yaml.constructor.ConstructorError(
                None, None, f"giá trị{shown} không đọc được theo thẻ {node.tag}",
                node.start_mark) from e


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f'khóa "{key}" viết hai lần '
                f"(dòng {seen[key] + 1} và {key_node.start_mark.line + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_date(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date, or a _BadDate for one that does not exist (2025-02-30), named later."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return _BadDate(node.value)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def _construct_int(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A YAML integer; one too long for Python to convert (over 4,300 digits) stays text,
    which the field that reads it reports."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return str(node.value)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _drop_bad_keys(node: yaml.Node, where: str, file: str, findings: list[Finding]) -> None:
    """Remove every key that is a list or a mapping, with a finding naming where it was."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            _drop_bad_keys(item, f"{where}[{index}]", file, findings)
    elif isinstance(node, yaml.MappingNode):
        kept = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                findings.append(Finding(
                    f"dòng {key_node.start_mark.line + 1}: khóa phải là một chữ, không phải "
                    "danh sách hay bảng", file=file, field=where or "(gốc)"))
                continue
            kept.append((key_node, value_node))
            child = f"{where}.{key_node.value}" if where else str(key_node.value)
            _drop_bad_keys(value_node, child, file, findings)
        node.value = kept


def _parse_yaml(text: str, file: str, findings: list[Finding]) -> Any:
    """Compose the YAML (aliases refused), drop non-text keys with findings, construct it."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _drop_bad_keys(node, "", file, findings)
        return loader.construct_document(node)
    finally:
        loader.dispose()


class _Fields:
    """Reads the keys of one mapping, recording findings and the keys it did not expect."""

    def __init__(self, data: Any, prefix: str, findings: list[Finding], file: str) -> None:
        self.prefix = prefix
        self.findings = findings
        self.file = file
        self.used: set[str] = set()
        if not isinstance(data, dict):
            self.error(None, "phải là một bảng khóa: giá trị")
            data = {}
        self.data = data

    def path(self, key: str | None) -> str:
        """The dotted name of a field for messages."""
        if key is None:
            return self.prefix or "(gốc)"
        return f"{self.prefix}.{key}" if self.prefix else key

    def error(self, key: str | None, message: str) -> None:
        """Record a finding on one field."""
        self.findings.append(Finding(message, file=self.file, field=self.path(key)))

    def raw(self, key: str) -> Any:
        """Return the raw value of a key, marking it as used."""
        self.used.add(key)
        return self.data.get(key)

    def text(self, key: str, default: str | None = None) -> str:
        """A required (or defaulted) non-empty text field."""
        value = self.raw(key)
        if value is None:
            if default is None:
                self.error(key, "thiếu giá trị bắt buộc")
                return ""
            return default
        if not isinstance(value, (str, int)):
            self.error(key, "phải là một đoạn chữ")
            return ""
        text = clean_text(str(value))
        if not text:
            self.error(key, "không được để trống")
        return text

    def integer(self, key: str, low: int, high: int) -> int:
        """A required integer within bounds."""
        value = self.raw(key)
        if value is None:
            self.error(key, "thiếu giá trị bắt buộc")
            return low
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, f'"{value}" phải là số nguyên từ {low} đến {high}')
            return low
        return value

    def date(self, key: str, default: dt.date | None = None) -> dt.date:
        """A date written 2025-03-07 or 07/03/2025."""
        value = self.raw(key)
        if value is None:
            if default is None:
                self.error(key, "thiếu ngày (viết 2025-03-07 hoặc 07/03/2025)")
                return dt.date(2000, 1, 1)
            return default
        return self.as_date(key, value)

    def as_date(self, key: str, value: Any) -> dt.date:
        """Parse a date value, recording a finding when it is not one."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, _BadDate):
            self.error(key, f'"{value}" không phải ngày có thật')
            return dt.date(2000, 1, 1)
        if isinstance(value, dt.date):
            return value
        # Written as text ('2025-07-01' in quotes, 01/7/2025): read as the date it says.
        text = str(value).strip()
        iso = _ISO_DATE.fullmatch(text)
        dmy = _DMY_DATE.fullmatch(text)
        if iso is not None or dmy is not None:
            year, month, day = (iso.groups() if iso is not None
                                else dmy.groups()[::-1] if dmy is not None else ("", "", ""))
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                self.error(key, f'"{value}" không phải ngày có thật')
                return dt.date(2000, 1, 1)
        self.error(key, f'"{value}" không phải ngày hợp lệ (viết 2025-03-07 hoặc 07/03/2025)')
        return dt.date(2000, 1, 1)

    def unit_types(self, key: str, value: Any) -> tuple[str, ...]:
        """A list of unit type keys."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.error(key, "phải là danh sách loại đơn vị")
            return ()
        good = [v for v in value if isinstance(v, str) and v in UNIT_TYPES]
        bad = [v for v in value if not (isinstance(v, str) and v in UNIT_TYPES)]
        if bad:
            self.error(
                key,
                f"loại đơn vị không hợp lệ: {', '.join(map(str, bad))}; "
                f"chấp nhận: {', '.join(UNIT_TYPES)}",
            )
        return tuple(good)

    def finish(self) -> None:
        """Report every key that was present but not expected."""
        for key in self.data:
            if key not in self.used:
                close = closest(str(key), self.used)
                self.error(str(key), f'khóa không được biết tới; có phải "{close}"?' if close
                           else "khóa không được biết tới (viết sai tên?)")


def load_campaign(path: Path, *, kinds: Mapping[str, DeclaredKind]) -> Campaign:
    """Read a campaign YAML file and return the validated Campaign.

    kinds is the registry of document kinds (kinds.REGISTRY): the keys of ngay_van_ban and
    tai_lieu_bat_buoc are their names, and the default matrix and dates are their own.
    """
    path = Path(path)
    try:
        raw = read_regular(path, MAX_CAMPAIGN_BYTES)
    except Refusal as e:
        if e.kind == MISSING:
            raise InputError("không tìm thấy tệp kế hoạch.", path=path) from e
        if e.kind == TOO_LARGE:
            raise InputError(
                f"tệp kế hoạch quá lớn ({size_text(e.size or 0)}; tối đa "
                f"{size_text(MAX_CAMPAIGN_BYTES)}); tệp kế hoạch thật chỉ vài nghìn byte.",
                path=path,
            ) from e
        raise InputError(f"{e.reason}. Hãy chỉ ra chính tệp kế hoạch (YAML, tệp thường).",
                         path=path) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("tệp kế hoạch phải lưu dạng UTF-8.", path=path) from e
    findings: list[Finding] = []
    try:
        data = _parse_yaml(text, path.name, findings)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise InputError(f"YAML không hợp lệ, {where}{problem}.", path=path) from e
    campaign = parse_campaign(data, path.name, findings, kinds, base=path.parent)
    if findings:
        raise ValidationError(findings, what=f"Tệp kế hoạch {path.name}")
    campaign.source = str(path)
    return campaign


def parse_campaign(
    data: Any,
    file: str,
    findings: list[Finding],
    kinds: Mapping[str, DeclaredKind],
    base: Path | None = None,
) -> Campaign:
    """Build a Campaign from parsed YAML, appending a finding for every bad field.

    kinds is the registry of document kinds, as load_campaign takes it; base is the folder
    of the campaign file: danh_sach_don_vi names files relative to it.
    """
    top = _Fields(data, "", findings, file)
    year = top.integer("nam", 2000, 2100)
    province = top.text("tinh")
    place = top.text("dia_danh", default=province)
    committee = top.text("ban_chi_dao")
    plan_fields = _Fields(top.raw("ke_hoach"), "ke_hoach", findings, file)
    plan = PlanRef(
        issuer=plan_fields.text("co_quan"),
        number=plan_fields.text("so"),
        date=plan_fields.date("ngay"),
        summary=plan_fields.text("trich_yeu"),
    )
    plan_fields.finish()
    bases = top.raw("can_cu") or []
    if not isinstance(bases, list) or not all(isinstance(b, str) and b.strip() for b in bases):
        top.error("can_cu", "phải là danh sách các căn cứ, mỗi dòng một văn bản")
        bases = []
    report_recipients = _text_list(top, "noi_nhan_bao_cao", "các nơi nhận, mỗi dòng một cơ quan")
    event_date = top.date("ngay_hoi", default=dt.date(year, 8, 19))
    doc_dates = _doc_dates(top, findings, file, kinds)
    for kind, day in doc_dates.items():
        # Every document cites the province's plan, so none can be dated before it (a date
        # taken from another kind is reported under that kind).
        dates_written = top.data.get("ngay_van_ban")
        written = isinstance(dates_written, dict) and kind in dates_written
        if written and plan_fields.data.get("ngay") is not None and day < plan.date:
            findings.append(
                Finding(
                    f"ngày {vi.short_date(day)} trước ngày của kế hoạch tỉnh "
                    f"({vi.short_date(plan.date)}) mà văn bản lấy làm căn cứ",
                    file=file,
                    field=f"ngay_van_ban.{kind}",
                )
            )
    targets = _targets(top, findings, file)
    required = _required(top, findings, file, kinds)
    event = _event(top, findings, file, year)
    # A bad year is reported once; anniversaries are not compared with its placeholder.
    year_ok = not any(f.field == "nam" for f in findings)
    anniversaries = _anniversaries(top, findings, file, year if year_ok else None)
    signing = _per_type(top, "hinh_thuc_ky", SIGNING_FORMS, findings, file)
    if top.raw("the_thuc") is not None:
        # Campaigns written before the cấp ủy's resolution became a kind of its own.
        top.error("the_thuc", "khóa này không còn dùng: kế hoạch năm luôn là của Ủy ban nhân "
                              "dân; nghị quyết của cấp ủy (resolution) được soạn riêng, cùng "
                              "với kế hoạch. Hãy xóa khóa này")
    party_bases = _text_list(top, "can_cu_dang", "các văn bản của Đảng, mỗi dòng một văn bản")
    numbering = _numbering(top, findings, file)
    thresholds = _thresholds(top, findings, file)
    score_items = _score_items(top, findings, file)
    deadlines = _deadlines(top, findings, file, year)
    review_raw = top.raw("hop_binh_xet")
    if review_raw is not None:
        review_types = top.unit_types("hop_binh_xet", review_raw)
        # The matrix names the minutes itself, or they follow the units that hold the meeting.
        if not _names_kind(data, "minutes"):
            required["minutes"] = review_types
    roster_files = _roster_files(top, findings, file, base)
    template_dir = _template_dir(top, base)
    recognition_levels = _recognition_levels(top, findings, file)
    recognition_in_name = _choice(top, "nhan_danh_cong_nhan", RECOGNITION_NAMES)
    figures = _figures(top, findings, file)
    scoring_basis = top.text("can_cu_cham_diem", default=DEFAULT_SCORING_BASIS)
    event_basis = top.text("can_cu_ngay_hoi", default=DEFAULT_EVENT_BASIS)
    changes = _changes(top, findings, file)
    top.finish()
    return Campaign(
        year=year,
        province=province,
        place=place,
        committee=committee,
        plan=plan,
        legal_bases=[clean_text(b) for b in bases],
        event_date=event_date,
        doc_dates=doc_dates,
        targets=targets,
        required=required,
        event=event,
        signing=signing,
        party_bases=party_bases or list(DEFAULT_PARTY_BASES),
        numbering=numbering,
        thresholds=thresholds,
        score_items=score_items,
        deadlines=deadlines,
        anniversaries=anniversaries,
        report_recipients=report_recipients,
        roster_files=roster_files,
        template_dir=template_dir,
        recognition_levels=recognition_levels,
        recognition_in_name=recognition_in_name,
        figures=figures,
        scoring_basis=scoring_basis.rstrip(";. "),
        event_basis=event_basis.rstrip(";. "),
        changes=changes,
    )


def _changes(top: _Fields, findings: list[Finding], file: str) -> tuple[Change, ...]:
    """thay_doi_to_chuc: bodies that ended, each {co_quan, cap, den_ngay, can_cu}."""
    raw = top.raw("thay_doi_to_chuc")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        top.error("thay_doi_to_chuc", "phải là danh sách các thay đổi: co_quan, cap, den_ngay")
        return ()
    out: list[Change] = []
    for index, entry in enumerate(raw, start=1):
        before = len(findings)
        fields = _Fields(entry, f"thay_doi_to_chuc[{index}]", findings, file)
        body = fields.text("co_quan")
        level = fields.text("cap")
        last_day = fields.date("den_ngay")
        basis = fields.text("can_cu", default="")
        fields.finish()
        if body and body not in CHANGE_BODIES:
            fields.error("co_quan", f'"{body}" không phải cơ quan có thể kết thúc; chấp nhận: '
                         f"{', '.join(CHANGE_BODIES)}")
        if level and level not in CHANGE_LEVELS:
            fields.error("cap", f'"{level}" không phải cấp có thể kết thúc; chấp nhận: '
                         f"{', '.join(CHANGE_LEVELS)}")
        if len(findings) == before:
            out.append(Change(level, body, last_day, basis.rstrip(";. ")))
    return tuple(out)


# Unit types the standard covers, and the local government levels that may recognise them,
# highest first (a level recognises only the types below it).
_RECOGNISED = ("khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc")
_LEVELS = ("tinh", "huyen", "xa")


def _recognition_levels(top: _Fields, findings: list[Finding], file: str) -> dict[str, str]:
    """tham_quyen_cong_nhan: unit type → the level (xa, huyen, tinh) that recognises it."""
    raw = top.raw("tham_quyen_cong_nhan")
    if raw is None:
        return {}
    fields = _Fields(raw, "tham_quyen_cong_nhan", findings, file)
    levels: dict[str, str] = {}
    for unit_type in _RECOGNISED:
        if unit_type not in fields.data:
            continue
        value = fields.raw(unit_type)
        if value not in _LEVELS:
            fields.error(unit_type, f'"{value}" phải là một trong: {", ".join(_LEVELS)} (cấp '
                                    "Ủy ban nhân dân công nhận)")
        elif unit_type == "xa" and value == "xa":
            fields.error(unit_type, "cấp xã không tự công nhận chính mình: ghi huyen hoặc tinh")
        else:
            levels[unit_type] = value
    fields.finish()
    return levels


def _choice(top: _Fields, key: str, allowed: tuple[str, ...]) -> str:
    """One of the allowed words; the first (the default) when the key is absent or wrong."""
    value = top.raw(key)
    if value is None:
        return allowed[0]
    if value not in allowed:
        top.error(key, f'"{value}" phải là một trong: {", ".join(allowed)}')
        return allowed[0]
    return value


def _template_dir(top: _Fields, base: Path | None) -> Path | None:
    """mau: the folder of the official's own templates, relative to the campaign file."""
    raw = top.raw("mau")
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        top.error("mau", "phải là đường dẫn thư mục mẫu")
        return None
    folder = (base / raw.strip()) if base is not None else Path(raw.strip())
    if not folder.is_dir():
        top.error("mau", f'không tìm thấy thư mục mẫu "{raw.strip()}" ({folder})')
        return None
    return folder


def _deadlines(
    top: _Fields, findings: list[Finding], file: str, year: int
) -> dict[str, dt.date]:
    """han_bao_cao: unit type → the date its year-end report is due at the level above."""
    raw = top.raw("han_bao_cao")
    if raw is None:
        return {}
    year_known = not any(f.field == "nam" for f in findings)
    fields = _Fields(raw, "han_bao_cao", findings, file)
    out = {t: fields.date(t) for t in UNIT_TYPES if t in fields.data}
    for unit_type, day in out.items():
        # Results of a year are reported in that year (districts by 15/12).
        if year_known and day.year != year:
            fields.error(unit_type, f"ngày {vi.short_date(day)} không thuộc năm {year} của "
                                    "phong trào")
    fields.finish()
    return out


def _text_list(top: _Fields, key: str, what: str) -> list[str]:
    """An optional list of non-empty lines of text (can_cu, noi_nhan_bao_cao)."""
    raw = top.raw(key)
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw or not all(
        isinstance(item, str) and item.strip() for item in raw
    ):
        top.error(key, f"phải là danh sách {what}")
        return []
    return [clean_text(item) for item in raw]


def _roster_files(
    top: _Fields, findings: list[Finding], file: str, base: Path | None
) -> list[RosterFile]:
    """danh_sach_don_vi: rosters by period, each {tep, tu_ngay, tinh}, dates increasing."""
    raw = top.raw("danh_sach_don_vi")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        top.error("danh_sach_don_vi", "phải là danh sách các mục {tep: TỆP, tu_ngay: NGÀY}")
        return []
    out: list[RosterFile] = []
    seen: dict[dt.date, str] = {}
    previous: RosterFile | None = None
    for index, item in enumerate(raw, start=1):
        fields = _Fields(item, f"danh_sach_don_vi[{index}]", findings, file)
        before = len(findings)
        name = fields.text("tep")
        start = fields.date("tu_ngay")
        province = fields.text("tinh", default="")
        fields.finish()
        # Whether the file exists is checked when the list is used (--units overrides it).
        path = (base / name) if base is not None else Path(name)
        if len(findings) > before:
            continue
        if start in seen:
            fields.error("tu_ngay", f"ngày {vi.short_date(start)} trùng với {seen[start]}")
            continue
        seen[start] = fields.path("tu_ngay")
        if previous is not None and start < previous.start:
            fields.error(
                "tu_ngay",
                f"ngày {vi.short_date(start)} phải sau ngày {vi.short_date(previous.start)} của "
                f"{previous.field}: các thời kỳ ghi theo thứ tự thời gian",
            )
        entry = RosterFile(str(path), start, province, fields.path(None), name)
        out.append(entry)
        previous = entry
    return out


def _per_type(
    parent: _Fields, key: str, allowed: tuple[str, ...], findings: list[Finding], file: str
) -> dict[str, str]:
    """A mapping unit type → one of the allowed words (hinh_thuc_ky)."""
    raw = parent.raw(key)
    if raw is None:
        return {}
    fields = _Fields(raw, parent.path(key), findings, file)
    out = {}
    for unit_type in UNIT_TYPES:
        if unit_type in fields.data:
            value = fields.raw(unit_type)
            if value in allowed:
                out[unit_type] = value
            else:
                fields.error(unit_type, f'"{value}" phải là một trong: {", ".join(allowed)}')
    fields.finish()
    return out


def _event(top: _Fields, findings: list[Finding], file: str, year: int) -> EventSettings:
    """Ngày hội settings: start time, start of the activities window, defaults per unit type."""
    fields = _Fields(top.raw("ngay_hoi_to_chuc") or {}, "ngay_hoi_to_chuc", findings, file)
    time = fields.text("gio", default="07 giờ 30 phút")
    window_start = fields.date("hoat_dong_tu", default=dt.date(year, 7, 1))
    by_type: dict[str, EventDefaults] = {}
    raw = fields.raw("theo_loai")
    if raw is not None:
        types = _Fields(raw, "ngay_hoi_to_chuc.theo_loai", findings, file)
        for unit_type in UNIT_TYPES:
            if unit_type in types.data:
                by_type[unit_type] = _event_defaults(types, unit_type, findings, file)
        types.finish()
    fields.finish()
    return EventSettings(time=time, window_start=window_start, by_type=by_type)


# A venue that ends in the bare word of a kind ("Hội trường Ủy ban nhân dân xã") names no unit,
# so a default for a type that holds several kinds (xã, phường, thị trấn) is wrong for the rest.
_BARE_KIND = re.compile(
    r"\b(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)\s*$", re.IGNORECASE
)


def _event_defaults(
    types: _Fields, unit_type: str, findings: list[Finding], file: str
) -> EventDefaults:
    """The Ngày hội defaults of one unit type: place, budget, participants, estimate."""
    item = _Fields(types.raw(unit_type), types.path(unit_type), findings, file)
    venue = item.text("dia_diem", default="")
    if unit_type in ("huyen", "xa") and _BARE_KIND.search(venue):
        item.error(
            "dia_diem",
            f'"{venue}" không ghi tên đơn vị nên sai với các đơn vị khác loại (xã, phường, thị '
            "trấn; huyện, thị xã, thành phố); bỏ khóa này thì mỗi kế hoạch ghi hội trường Ủy ban "
            "nhân dân của chính đơn vị đó, hoặc ghi riêng ở cột Địa điểm của danh sách",
        )
    budget = _amount(item, "kinh_phi", item.raw("kinh_phi"))
    estimate = _estimate(item, findings, file)
    if estimate is not None:
        total = sum(i.amount for i in estimate)
        if budget is None and item.data.get("kinh_phi") is None:
            budget = total
        elif budget is not None and budget != total:
            item.error(
                "kinh_phi",
                f"tổng kinh phí {vi.money(budget)} khác tổng dự toán (du_toan) "
                f"{vi.money(total)}; sửa cho bằng nhau hoặc bỏ kinh_phi",
            )
    participants = item.text("thanh_phan", default="")
    item.finish()
    return EventDefaults(
        venue=venue, budget=budget, participants=participants, items=tuple(estimate or ())
    )


def _amount(fields: _Fields, key: str, value: Any) -> int | None:
    """An amount of whole đồng (15500000 or "15.500.000"), or None with a finding."""
    if value is None:
        return None
    if isinstance(value, (bool, float)):
        amount = None
    elif isinstance(value, int):
        amount = value
    else:
        amount = parse_amount(str(value))
    if amount is None or amount < 0:
        fields.error(key, f'"{value}" không phải số tiền đồng nguyên (viết 15500000)')
        return None
    return amount


def _estimate(
    item: _Fields, findings: list[Finding], file: str
) -> list[BudgetItem] | None:
    """du_toan: the budget estimate, a list of {noi_dung, so_tien}; None when absent or bad."""
    raw = item.raw("du_toan")
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        item.error("du_toan", "phải là danh sách các khoản: noi_dung, so_tien")
        return None
    lines: list[BudgetItem] = []
    complete = True
    for index, entry in enumerate(raw, start=1):
        fields = _Fields(entry, f"{item.path('du_toan')}[{index}]", findings, file)
        text = fields.text("noi_dung")
        raw_amount = fields.raw("so_tien")
        if raw_amount is None:
            fields.error("so_tien", "thiếu giá trị bắt buộc")
        amount = _amount(fields, "so_tien", raw_amount)
        fields.finish()
        if amount is None or not text:
            complete = False
            continue
        lines.append(BudgetItem(text, amount))
    # A total of some lines only would be compared with kinh_phi and report a false mismatch.
    return lines if complete else None


# "80 năm Ngày truyền thống…": the count is computed from the date, so it must not be typed.
_TYPED_COUNT = re.compile(r"^\s*(kỷ niệm\s+)?\d+\s+năm\b", re.IGNORECASE)


def _anniversaries(
    top: _Fields, findings: list[Finding], file: str, year: int | None
) -> tuple[Anniversary, ...]:
    """ky_niem: the anniversaries the Ngày hội marks, each {noi_dung, ngay} (the first day)."""
    raw = top.raw("ky_niem")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        top.error("ky_niem", "phải là danh sách các ngày kỷ niệm: noi_dung, ngay")
        return ()
    out = []
    for index, entry in enumerate(raw, start=1):
        before = len(findings)
        fields = _Fields(entry, f"ky_niem[{index}]", findings, file)
        name = fields.text("noi_dung")
        since = fields.date("ngay")
        fields.finish()
        if name and _TYPED_COUNT.match(name):
            fields.error(
                "noi_dung",
                f'"{name}": ghi tên ngày kỷ niệm không kèm số năm; số năm tính từ ngay và nam',
            )
        if len(findings) > before or year is None:
            continue
        if since.year >= year:
            fields.error("ngay", f"ngày {vi.short_date(since)} phải trước năm {year}")
            continue
        if (since.month, since.day) == (2, 29) and not calendar.isleap(year):
            fields.error("ngay", f"năm {year} không có ngày 29/02 để kỷ niệm")
            continue
        out.append(Anniversary(name, since))
    return tuple(out)


def _numbering(top: _Fields, findings: list[Finding], file: str) -> dict[str, int]:
    """danh_so: unit code → the number its series continues from in the register."""
    raw = top.raw("danh_so")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        top.error("danh_so", "phải là bảng mã đơn vị: số bắt đầu")
        return {}
    out = {}
    for code, start in raw.items():
        if isinstance(start, bool) or not isinstance(start, int) or start < 1:
            top.findings.append(
                Finding(f'"{start}" phải là số nguyên từ 1', file=file, field=f"danh_so.{code}")
            )
            continue
        out[str(code)] = start
    return out


def _points(fields: _Fields, key: str, low: Decimal, high: Decimal) -> Decimal | None:
    """A required number of points within bounds, as a Decimal."""
    value = fields.raw(key)
    if value is None:
        fields.error(key, "thiếu giá trị bắt buộc")
        return None
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or not math.isfinite(value)):
        fields.error(key, f'"{value}" phải là một số điểm')
        return None
    points = Decimal(str(value))
    if not low <= points <= high:
        fields.error(key, f'"{value}" phải từ {low} đến {high}')
        return None
    return points


def _thresholds(top: _Fields, findings: list[Finding], file: str) -> Thresholds:
    """The xep_loai thresholds: lowest score of Xuất sắc, Khá, Trung bình (defaults 90/70/50)."""
    raw = top.raw("xep_loai")
    if raw is None:
        return Thresholds()
    fields = _Fields(raw, "xep_loai", findings, file)
    values = [
        _points(fields, key, Decimal(0), SHEET_TOTAL) for key in ("xuat_sac", "kha", "trung_binh")
    ]
    fields.finish()
    if any(v is None for v in values):
        return Thresholds()
    best, good, fair = values
    assert best is not None and good is not None and fair is not None
    if not best > good > fair:
        fields.error(None, "ngưỡng phải giảm dần: xuat_sac > kha > trung_binh")
        return Thresholds()
    return Thresholds(best, good, fair)


def _score_items(top: _Fields, findings: list[Finding], file: str) -> list[ScoreItem]:
    """The bang_diem list: item id, content, maximum points; the maxima add up to 100."""
    raw = top.raw("bang_diem")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        top.error("bang_diem", "phải là danh sách các mục chấm điểm")
        return []
    items: list[ScoreItem] = []
    seen: set[str] = set()
    complete = True
    for index, item in enumerate(raw, start=1):
        fields = _Fields(item, f"bang_diem[{index}]", findings, file)
        item_id = fields.text("ma")
        text = fields.text("noi_dung")
        points = _points(fields, "diem_toi_da", Decimal(0), SHEET_TOTAL)
        requires = fields.raw("can")
        if requires is not None and requires not in ITEM_REQUIRES:
            fields.error("can", f'"{requires}" phải là một trong: {", ".join(ITEM_REQUIRES)}')
            requires = None
        fields.finish()
        if item_id in seen:
            fields.error("ma", f'mã mục "{item_id}" viết hai lần')
        seen.add(item_id)
        if points is None or not item_id:
            complete = False
            continue
        items.append(ScoreItem(item_id, text, points, requires))
    total = sum((i.max_points for i in items), Decimal(0))
    if complete and total != SHEET_TOTAL:
        top.error("bang_diem", f"tổng điểm tối đa các mục là {total}, phải là {SHEET_TOTAL}")
    return items


_FIGURE_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _figures(top: _Fields, findings: list[Finding], file: str) -> list[Figure]:
    """The so_lieu list: id, name, counting unit and the unit types that report each figure.

    Names head the columns of the forms and the results workbook, so two figures may not share
    one (compared without marks, as headings are matched).
    """
    raw = top.raw("so_lieu")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        top.error("so_lieu", "phải là danh sách các số liệu (ma, ten, don_vi_tinh, loai)")
        return []
    figures: list[Figure] = []
    ids: set[str] = set()
    names: set[str] = set()
    for index, item in enumerate(raw, start=1):
        fields = _Fields(item, f"so_lieu[{index}]", findings, file)
        figure_id = fields.text("ma")
        name = fields.text("ten")
        measure = fields.text("don_vi_tinh")
        types_raw = fields.raw("loai")
        types = tuple(UNIT_TYPES) if types_raw is None else fields.unit_types("loai", types_raw)
        section = fields.text("muc", default="phong_trao")
        fields.finish()
        if section and section not in FIGURE_SECTIONS:
            fields.error("muc", f'"{section}" phải là một trong: {", ".join(FIGURE_SECTIONS)}')
            continue
        if figure_id and not _FIGURE_ID.match(figure_id):
            fields.error("ma", f'"{figure_id}" phải viết chữ thường không dấu, số và dấu gạch '
                               "dưới (ví dụ buoi_tuyen_truyen)")
            continue
        if figure_id in ids:
            fields.error("ma", f'mã số liệu "{figure_id}" viết hai lần')
            continue
        if name and strip_marks(name) in names:
            fields.error("ten", f'tên "{name}" trùng với một số liệu khác (tên là tiêu đề cột)')
            continue
        if not (figure_id and name and measure and types):
            continue
        ids.add(figure_id)
        names.add(strip_marks(name))
        figures.append(Figure(figure_id, name, measure, types, section))
    return figures


def _doc_dates(
    top: _Fields, findings: list[Finding], file: str, kinds: Mapping[str, DeclaredKind]
) -> dict[str, dt.date]:
    """The date each kind of document carries (ngay_van_ban: {kind: date})."""
    raw = top.raw("ngay_van_ban")
    if raw is None:
        return {}
    fields = _Fields(raw, "ngay_van_ban", findings, file)
    dates = {}
    # Dates are kept by kind name, read under each kind's own key.
    for name in kinds:
        if name in fields.data:
            dates[name] = fields.date(name)
    fields.finish()
    # A kind without a date of its own takes the one of the kind it follows (date_key).
    for name, kind in kinds.items():
        if name not in dates and kind.date_key in dates:
            dates[name] = dates[kind.date_key]
    return dates


def _targets(top: _Fields, findings: list[Finding], file: str) -> list[Target]:
    """The chỉ tiêu list: id, wording, unit types, level in percent."""
    raw = top.raw("chi_tieu")
    if raw is None:
        return []
    if not isinstance(raw, list):
        top.error("chi_tieu", "phải là danh sách chỉ tiêu")
        return []
    targets = []
    for index, item in enumerate(raw, start=1):
        fields = _Fields(item, f"chi_tieu[{index}]", findings, file)
        target_id = fields.text("ma")
        text = fields.text("noi_dung")
        types_raw = fields.raw("loai")
        types = tuple(UNIT_TYPES) if types_raw is None else fields.unit_types("loai", types_raw)
        percent = fields.raw("ty_le")
        if percent is not None and (
            isinstance(percent, bool)
            or not isinstance(percent, (int, float))
            or not math.isfinite(percent)
            or not 0 <= percent <= 100
        ):
            fields.error("ty_le", f'"{percent}" phải là số phần trăm từ 0 đến 100')
            percent = None
        units_raw = fields.raw("don_vi")
        units: tuple[str, ...] = ()
        if units_raw is not None:
            if isinstance(units_raw, (str, int)):
                units_raw = [units_raw]
            if (not isinstance(units_raw, list) or not units_raw
                    or not all(isinstance(c, (str, int)) for c in units_raw)):
                fields.error("don_vi", "phải là danh sách mã đơn vị")
            else:
                units = tuple(clean_text(str(c)) for c in units_raw)
                if types_raw is None:
                    # A target that names units concerns them, not every type.
                    types = ()
        count = fields.raw("so_luong")
        if count is None:
            count = 1
        elif isinstance(count, bool) or not isinstance(count, int) or count < 1:
            fields.error("so_luong", f'"{count}" phải là số nguyên từ 1')
            count = 1
        compare = fields.raw("so_sanh") or ">="
        if compare not in (">", ">="):
            fields.error("so_sanh", f'"{compare}" phải là ">" (trên) hoặc ">=" (đạt ít nhất)')
        fields.finish()
        targets.append(
            Target(
                id=target_id,
                text=text,
                unit_types=types,
                percent=float(percent) if percent is not None else None,
                strict=compare == ">",
                units=units,
                count=count,
            )
        )
    return targets


def _names_kind(data: Any, kind: str) -> bool:
    """Tell whether the file's tai_lieu_bat_buoc names a kind itself."""
    required = data.get("tai_lieu_bat_buoc") if isinstance(data, dict) else None
    return isinstance(required, dict) and kind in required


def _required(
    top: _Fields, findings: list[Finding], file: str, kinds: Mapping[str, DeclaredKind]
) -> dict[str, tuple[str, ...]]:
    """The required-document matrix: kind → unit types that must have it.

    A kind the file names replaces its default; the others keep theirs (nothing is dropped by
    naming one kind). `plan: []` says no unit must have a plan.
    """
    raw = top.raw("tai_lieu_bat_buoc")
    required = default_required(kinds)
    if raw is None:
        return required
    fields = _Fields(raw, "tai_lieu_bat_buoc", findings, file)
    for kind in kinds:
        if kind in fields.data:
            value = fields.raw(kind)
            required[kind] = () if value == [] else fields.unit_types(kind, value)
    fields.finish()
    return required
