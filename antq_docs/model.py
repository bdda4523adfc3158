"""The domain model: the campaign (targets, dates, required documents) and the tree of units.

Vietnamese terms kept as names: chỉ tiêu (target), khu dân cư (residential area: thôn, tổ dân
phố…), điển hình (model unit), ký hiệu (issuer abbreviation in a document number).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Protocol

from antq_docs import vi

# Unit type keys, top to bottom, with the Vietnamese name used in documents and messages.
UNIT_TYPES: dict[str, str] = {
    "tinh": "tỉnh",
    "huyen": "cấp huyện",
    "xa": "cấp xã",
    "khu_dan_cu": "khu dân cư",
    "co_quan": "cơ quan",
    "doanh_nghiep": "doanh nghiệp",
    "co_so_giao_duc": "cơ sở giáo dục",
}

# Labels officials type in the "Loại" column, mapped to type keys.
TYPE_LABELS: dict[str, tuple[str, ...]] = {
    "tinh": ("Tỉnh", "Thành phố trực thuộc trung ương"),
    "huyen": ("Huyện", "Thị xã", "Thành phố", "Quận"),
    "xa": ("Xã", "Phường", "Thị trấn", "Đặc khu"),
    "khu_dan_cu": ("Khu dân cư", "Thôn", "Làng", "Bản", "Buôn", "Ấp", "Tổ dân phố", "Khu phố"),
    "co_quan": ("Cơ quan",),
    "doanh_nghiep": ("Doanh nghiệp",),
    "co_so_giao_duc": ("Cơ sở giáo dục", "Trường"),
}

# Leading words that are common nouns, written in lower case inside a sentence.
_GENERIC_WORDS = frozenset(
    {"tỉnh", "huyện", "quận", "xã", "phường", "thôn", "làng", "bản", "buôn", "ấp", "khu"}
)
_GENERIC_PHRASES = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tổ dân phố", "khu phố")

# Types that are local governments: their documents are issued by the Ủy ban nhân dân.
GOVERNMENT_TYPES = frozenset({"tinh", "huyen", "xa"})

# The kinds of unit within each type, as officials list them ("huyện, thành phố"), in the
# order they are listed, each recognised by the leading words of a unit's name.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "tinh": ("tỉnh", "thành phố"),
    "huyen": ("huyện", "quận", "thị xã", "thành phố"),
    "xa": ("xã", "phường", "thị trấn", "đặc khu"),
    "khu_dan_cu": ("thôn", "làng", "bản", "buôn", "ấp", "tổ dân phố", "khu phố"),
}
# What a unit whose name starts with none of those words is called in such a list.
_KIND_FALLBACK = {
    "huyen": "đơn vị hành chính cấp huyện",
    "xa": "đơn vị hành chính cấp xã",
}


def kind_word(unit: Unit) -> str:
    """The kind of one unit from its name: 'Thị trấn Đăk Hà' → 'thị trấn'."""
    name = unit.name.casefold()
    for word in sorted(KIND_WORDS.get(unit.type, ()), key=len, reverse=True):
        if name == word or name.startswith(f"{word} "):
            return word
    return _KIND_FALLBACK.get(unit.type, UNIT_TYPES[unit.type])


def kind_counts(units: list[Unit]) -> list[tuple[str, int]]:
    """How many units of each kind: [('thôn', 3), ('tổ dân phố', 1)], in kinds_label order."""
    order = {t: i for i, t in enumerate(UNIT_TYPES)}
    found: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = {}
    for unit in units:
        word = kind_word(unit)
        words = KIND_WORDS.get(unit.type, ())
        rank = words.index(word) if word in words else len(words)
        found.setdefault(word, (order[unit.type], rank))
        counts[word] = counts.get(word, 0) + 1
    return [(word, counts[word]) for word in sorted(found, key=found.__getitem__)]


def kinds_label(units: list[Unit]) -> str:
    """The kinds of units really present, as officials list them: 'xã, phường, thị trấn'.

    Derived from the names, so a level without thị trấn does not list them; kinds follow
    the type order, then the customary order within a type.
    """
    return ", ".join(word for word, _ in kind_counts(units))

# The bodies a dated change of organisation (thay_doi_to_chuc) can end, at one level of the
# tree: its police alone ("Công an cấp huyện", from 01/3/2025), or the level itself, its
# People's Committees and their offices (the district level, from 01/7/2025), police included.
CHANGE_BODIES: dict[str, str] = {"cong_an": "Công an", "chinh_quyen": "chính quyền"}
# The levels whose bodies can end: a province is the tree's root and a commune its base.
CHANGE_LEVELS = ("huyen",)


@dataclass(frozen=True)
class Change:
    """A body that ceased after a day (thay_doi_to_chuc): 'Công an cấp huyện after 28/02/2025'.

    From the day after last_day no document names, tasks, addresses or is issued by it; basis
    is the text that ended it, which documents dated after the change may cite.
    """

    level: str
    body: str
    last_day: dt.date
    basis: str = ""

    def ended_by(self, day: dt.date) -> bool:
        """Whether the body no longer existed on a day."""
        return day > self.last_day

    def describe(self) -> str:
        """'Công an cấp huyện (kết thúc sau ngày 28/02/2025)' for messages."""
        level = UNIT_TYPES[self.level]
        return f"{CHANGE_BODIES[self.body]} {level} (không còn từ ngày " \
            f"{vi.short_date(self.last_day + dt.timedelta(days=1))})"


@dataclass(frozen=True)
class PlanRef:
    """The province's governing plan, cited as the legal basis of every document.

    The citation's wording ('Kế hoạch số … ngày … của … về …') is in the templates
    (tools/templates/docxbuild.PLAN); kinds/common.plan_ref gives them these parts.
    """

    issuer: str
    number: str
    date: dt.date
    summary: str


@dataclass(frozen=True)
class Target:
    """One chỉ tiêu: an indicator id, its wording, the unit types it applies to, its level."""

    id: str
    text: str
    unit_types: tuple[str, ...]
    percent: float | None = None
    strict: bool = False
    # Codes of the units a target names ("thành phố Kon Tum chọn xây dựng 02 …"): it then
    # concerns those units only, not a type.
    units: tuple[str, ...] = ()
    # How many units a model-unit target asks for (so_luong: "ít nhất 01 xã … điển hình").
    count: int = 1

    def applies_to(self, unit_type: str) -> bool:
        """Tell whether this target concerns units of the given type."""
        return unit_type in self.unit_types

    def required(self, total: int) -> int:
        """The fewest of `total` units that meet the target: exact, never a rounded percentage."""
        if self.percent is None:
            return total
        goal = Fraction(str(self.percent))
        need = math.floor(goal * total / 100) if self.strict else math.ceil(goal * total / 100)
        # 'trên 80%' is strict: exactly 80% is not enough.
        if self.strict and Fraction(need * 100, max(total, 1)) <= goal:
            need += 1
        return min(need, total)


SIGNING_FORMS = ("tm", "kt", "truc_tiep")
# In whose name a recognition decision is issued (nhan_danh_cong_nhan): the Chủ tịch of the
# Ủy ban nhân dân ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …", signed "CHỦ TỊCH" without "TM.") or the
# Ủy ban nhân dân as a body ("TM. ỦY BAN NHÂN DÂN").
RECOGNITION_NAMES = ("chu_tich", "uy_ban")


@dataclass(frozen=True)
class BudgetItem:
    """One line of a Ngày hội budget estimate (dự toán): what it pays for, whole đồng."""

    text: str
    amount: int


@dataclass(frozen=True)
class EventDefaults:
    """Ngày hội defaults for one unit type: place, budget in đồng, participants, estimate.

    When items are given, budget is their sum (the campaign loader makes sure of it).
    """

    venue: str = ""
    budget: int | None = None
    participants: str = ""
    items: tuple[BudgetItem, ...] = ()


@dataclass(frozen=True)
class Anniversary:
    """An anniversary the Ngày hội marks (kỷ niệm): its name and the day it started.

    The number of years is counted from the date, never typed: 19/8/1945 in 2025 is 80 years.
    """

    name: str
    since: dt.date

    def years(self, year: int) -> int:
        """How many years the anniversary counts in a given year."""
        return year - self.since.year

    def on(self, year: int) -> dt.date:
        """The day of the anniversary in a given year (19/8/1945 → 19/8/2025)."""
        return self.since.replace(year=year)


@dataclass(frozen=True)
class EventSettings:
    """How the Ngày hội is organised: start time, the window of activities, per-type defaults."""

    time: str
    window_start: dt.date
    by_type: dict[str, EventDefaults]
# Movement classification levels, best first (Quyết định 510/QĐ-BCA-V05).
XUAT_SAC, KHA, TRUNG_BINH, YEU = "Xuất sắc", "Khá", "Trung bình", "Yếu"
LEVELS: tuple[str, ...] = (XUAT_SAC, KHA, TRUNG_BINH, YEU)


@dataclass(frozen=True)
class Thresholds:
    """Lowest score of each classification level (unconfirmed nationally, so configurable)."""

    xuat_sac: Decimal = Decimal(90)
    kha: Decimal = Decimal(70)
    trung_binh: Decimal = Decimal(50)

    def level_for(self, score: Decimal) -> str:
        """The level a score earns under these thresholds."""
        if score >= self.xuat_sac:
            return XUAT_SAC
        if score >= self.kha:
            return KHA
        if score >= self.trung_binh:
            return TRUNG_BINH
        return YEU

    def describe(self) -> str:
        """'Xuất sắc từ 90 điểm; Khá từ 70 đến dưới 90 điểm; …; Yếu dưới 50 điểm'."""
        n = vi.number
        return (
            f"{XUAT_SAC} từ {n(self.xuat_sac)} điểm; {KHA} từ {n(self.kha)} đến dưới "
            f"{n(self.xuat_sac)} điểm; {TRUNG_BINH} từ {n(self.trung_binh)} đến dưới "
            f"{n(self.kha)} điểm; {YEU} dưới {n(self.trung_binh)} điểm"
        )


@dataclass(frozen=True)
class ScoreItem:
    """One line of the 100-point scoring sheet (bảng chấm điểm): id, content, maximum points.

    requires names the results column an item depends on ('ngay_hoi': the item scores nothing
    where the unit did not hold the Ngày hội), or None.
    """

    id: str
    text: str
    max_points: Decimal
    requires: str | None = None


@dataclass(frozen=True)
class Figure:
    """One figure (số liệu) every unit of some types reports for the year: 'buổi tuyên truyền'.

    Declared by the campaign (so_lieu), summed up the tree by roll_up; measure is the unit it is
    counted in ('buổi', 'lượt người'), unit_types the types that report it.
    """

    id: str
    name: str
    measure: str
    unit_types: tuple[str, ...]
    # The part of an evaluation or a report the figure belongs to (FIGURE_SECTIONS).
    section: str = "phong_trao"

    def reported_by(self, unit_type: str) -> bool:
        """Tell whether units of a type report this figure."""
        return unit_type in self.unit_types


# Where a figure is told in an evaluation or a year report (so_lieu[].muc): leadership
# (lãnh đạo, chỉ đạo), propaganda (tuyên truyền), the movement and its models (phong trào),
# the Ngày hội.
FIGURE_SECTIONS: dict[str, str] = {
    "lanh_dao": "lãnh đạo, chỉ đạo",
    "tuyen_truyen": "tuyên truyền",
    "phong_trao": "phong trào, mô hình",
    "ngay_hoi": "Ngày hội",
}


# The short texts only a unit can write about its year (nhận xét), by key, with the heading of
# their column in the results workbook and the collection forms.
NOTES: dict[str, str] = {
    "dac_diem": "Đặc điểm tình hình",
    "ket_qua_noi_bat": "Kết quả nổi bật",
    "ton_tai": "Tồn tại, hạn chế",
    "nguyen_nhan": "Nguyên nhân",
    "phuong_huong": "Phương hướng",
    "kien_nghi": "Kiến nghị, đề xuất",
}


# The basis of the scoring sheet and the classification, unless the province names its own
# table (can_cu_cham_diem), and the decision that made 19 August the Ngày hội (can_cu_ngay_hoi).
# Checked: Quyết định 510/QĐ-BCA-V05 against its text on thuvienphapluat.vn (signed 20/01/2022 by
# the Minister of Public Security; Điều 1 issues the “Quy định Tiêu chí đánh giá, phân loại phong
# trào toàn dân bảo vệ an ninh Tổ quốc”); Quyết định 521/2005/QĐ-TTg of 13/6/2005 against the
# Sơn La province portal, ANTV and a Ho Chi Minh City report (the primary text was not seen).
DEFAULT_SCORING_BASIS = (
    "Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ trưởng Bộ Công an ban hành “Quy định "
    "Tiêu chí đánh giá, phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc”"
)
# The Party's documents on the movement, the căn cứ of a cấp ủy's resolution unless the campaign
# names its own (can_cu_dang). Checked against the published texts: Kết luận 44-KL/TW of
# 22/01/2019 (thuvienphapluat.vn) names Chỉ thị 09-CT/TW of the Ban Bí thư khóa XI; its date,
# 01/12/2011, as reported by Quân đội nhân dân on the conference that launched it (12/4/2012).
DEFAULT_PARTY_BASES = (
    "Điều lệ Đảng Cộng sản Việt Nam",
    "Chỉ thị số 09-CT/TW ngày 01/12/2011 của Ban Bí thư (khóa XI) về tăng cường sự lãnh đạo "
    "của Đảng đối với phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới",
    "Kết luận số 44-KL/TW ngày 22/01/2019 của Ban Bí thư về tiếp tục đẩy mạnh thực hiện Chỉ "
    "thị số 09-CT/TW của Ban Bí thư khóa XI về tăng cường sự lãnh đạo của Đảng đối với phong "
    "trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới",
)
DEFAULT_EVENT_BASIS = (
    "Quyết định số 521/2005/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ lấy ngày 19 tháng 8 "
    "hằng năm là “Ngày hội toàn dân bảo vệ an ninh Tổ quốc”"
)


# Year-end report deadlines (domain §1): khu dân cư before 20/11, districts before 15/12, the
# others before 30/11; a campaign's han_bao_cao replaces them.
DEFAULT_DEADLINES: dict[str, tuple[int, int]] = {
    "khu_dan_cu": (11, 20), "xa": (11, 30), "co_quan": (11, 30), "doanh_nghiep": (11, 30),
    "co_so_giao_duc": (11, 30), "huyen": (12, 15), "tinh": (12, 31),
}


@dataclass(frozen=True)
class RosterFile:
    """One entry of danh_sach_don_vi: a roster file, the day it comes into force, its province."""

    path: str
    start: dt.date
    # The province of that period when it differs from the campaign's tinh (after a merger).
    province: str = ""
    # How messages name the entry ('danh_sach_don_vi[2]') and its file as the campaign writes it.
    field: str = ""
    written: str = ""


@dataclass
class Campaign:
    """The province's plan for the year: dates, bases, targets and the required documents."""

    year: int
    province: str
    place: str
    committee: str
    plan: PlanRef
    legal_bases: list[str]
    event_date: dt.date
    doc_dates: dict[str, dt.date]
    targets: list[Target]
    required: dict[str, tuple[str, ...]]
    event: EventSettings
    signing: dict[str, str] = field(default_factory=dict)
    # The Party documents the cấp ủy's and the chi bộ's resolutions rest on (can_cu_dang).
    party_bases: list[str] = field(default_factory=lambda: list(DEFAULT_PARTY_BASES))
    numbering: dict[str, int] = field(default_factory=dict)
    source: str = ""
    thresholds: Thresholds = field(default_factory=Thresholds)
    score_items: list[ScoreItem] = field(default_factory=list)
    # Nơi nhận of the root's year report: the bodies above the province (noi_nhan_bao_cao).
    report_recipients: list[str] = field(default_factory=list)
    # Deadline of each unit type's year-end report to the level above (han_bao_cao).
    deadlines: dict[str, dt.date] = field(default_factory=dict)
    anniversaries: tuple[Anniversary, ...] = ()
    # Rosters by period (danh_sach_don_vi), oldest first; empty when the campaign names none.
    roster_files: list[RosterFile] = field(default_factory=list)
    # The official's own templates (mau), searched before the built-in ones, file by file.
    template_dir: Path | None = None
    # Which local government level recognises each unit type as meeting the standard
    # (tham_quyen_cong_nhan: type → xa, huyen or tinh); a type absent takes the default.
    recognition_levels: dict[str, str] = field(default_factory=dict)
    # In whose name recognition decisions are issued (nhan_danh_cong_nhan, RECOGNITION_NAMES).
    recognition_in_name: str = "chu_tich"
    # The figures every unit reports for the year (so_lieu), in campaign order.
    figures: list[Figure] = field(default_factory=list)
    # What the scoring and the classification rest on, and the Ngày hội's decision.
    scoring_basis: str = DEFAULT_SCORING_BASIS
    event_basis: str = DEFAULT_EVENT_BASIS
    # Bodies that ended on a date (thay_doi_to_chuc), in campaign order.
    changes: tuple[Change, ...] = ()

    def gone_levels(self, day: dt.date | None) -> frozenset[str]:
        """The levels of the tree whose government no longer existed on a day."""
        if day is None:
            return frozenset()
        return frozenset(c.level for c in self.changes
                         if c.body == "chinh_quyen" and c.ended_by(day))

    def police_gone(self, level: str, day: dt.date | None) -> bool:
        """Whether a level had no police of its own on a day (ended alone or with its level)."""
        return day is not None and any(c.level == level and c.ended_by(day)
                                       for c in self.changes)

    def ended_by(self, day: dt.date | None) -> list[Change]:
        """The changes in force on a day, in campaign order (their bases may be cited)."""
        return [c for c in self.changes if day is not None and c.ended_by(day)]

    def report_deadline(self, unit_type: str) -> dt.date:
        """When a unit type reports its year-end results: the campaign's date, else domain §1."""
        if unit_type in self.deadlines:
            return self.deadlines[unit_type]
        month, day = DEFAULT_DEADLINES.get(unit_type, (11, 30))
        return dt.date(self.year, month, day)

    def signing_form(self, unit_type: str) -> str:
        """How a unit type signs: 'tm' for local governments, the head directly otherwise."""
        return self.signing.get(unit_type, "tm" if unit_type in GOVERNMENT_TYPES else "truc_tiep")

    def targets_for(self, unit_type: str) -> list[Target]:
        """The targets that apply to a unit type, in campaign order."""
        return [t for t in self.targets if t.applies_to(unit_type)]

    def requires(self, kind: str, unit_type: str) -> bool:
        """Tell whether units of a type must have a document of a kind."""
        return unit_type in self.required.get(kind, ())


class DeclaredKind(Protocol):
    """What the layers below the kinds read of a document kind, declared once by the kind
    (kinds/base.Kind): the campaign loader, the inputs and the indicators are handed the
    registry by their callers, so they know no kind themselves."""

    # The unit types that must have it when the campaign's matrix does not name the kind.
    required: tuple[str, ...]
    # The kind whose date it takes when ngay_van_ban gives none under its own name ('' = none).
    date_key: str
    # The campaign target (chỉ tiêu `ma`) its documents are the evidence for, if any.
    target: str | None
    # Its documents carry the household list (--households), read on its date's roster.
    household_list: bool

    def day(self, campaign: Campaign) -> dt.date | None:
        """The date its documents bear, or None when the campaign gives none."""


@dataclass
class Unit:
    """One unit of the roster, linked to its parent and children once the tree is built."""

    code: str
    name: str
    type: str
    parent_code: str | None
    row: int
    head: str = ""
    title: str = ""
    address: str = ""
    households: int | None = None
    is_model: bool = False
    abbr: str = ""
    place: str = ""
    venue: str = ""
    budget: int | None = None
    secretary: str = ""
    # The Party cell (chi bộ) of a khu dân cư, as the roster names it ("Chi bộ thôn 1"): its
    # Bí thư (secretary) signs the chi bộ's resolution of Quý I (Thông tư 124, Điều 4).
    party_cell: str = ""
    signer: str = ""
    signer_title: str = ""
    # The managing body written above the issuer in a header (roster "Cơ quan chủ quản").
    owner_body: str = ""
    # A state enterprise (roster "Doanh nghiệp nhà nước"): its documents speak of state secrets.
    state_owned: bool = False
    # The day a unit first appears in the campaign's rosters by period, when it was not on the
    # first (a commune formed by a merger on 01/7/2025); None for a unit there all year.
    since: dt.date | None = None
    parent: Unit | None = field(default=None, repr=False)
    children: list[Unit] = field(default_factory=list, repr=False)

    @property
    def type_name(self) -> str:
        """The Vietnamese name of the unit's type."""
        return UNIT_TYPES[self.type]

    @property
    def body_name(self) -> str:
        """The issuing body as written in a header: 'Ủy ban nhân dân huyện Đăk Hà', 'Thôn 1'."""
        if self.type in GOVERNMENT_TYPES:
            return f"Ủy ban nhân dân {self.sentence_name}"
        return self.name

    @property
    def sentence_name(self) -> str:
        """The name as written inside a sentence: 'xã Hà Mòn', but 'Sở Tư pháp', 'Thôn 1'.

        A unit named by a number keeps its capital ('Phường 5', 'Thôn 1': Nghị định 30,
        Phụ lục II); the word before a proper name is a common noun ('xã Hà Mòn').
        """
        return _sentence_name(self.name)

    @property
    def bare_name(self) -> str:
        """The name without its administrative word: 'Đăk Hà' for 'Huyện Đăk Hà', 'Phường 5'."""
        return _bare_name(self.name)

    @property
    def government(self) -> Unit | None:
        """The nearest local government at or above this unit (its UBND), or None."""
        current: Unit | None = self
        while current is not None and current.type not in GOVERNMENT_TYPES:
            current = current.parent
        return current

    def existed_on(self, day: dt.date) -> bool:
        """Whether the unit existed on a day (it issued nothing dated before it was formed)."""
        return self.since is None or self.since <= day

    def descendants(self) -> list[Unit]:
        """Every unit below this one, depth first, children in Vietnamese order."""
        out: list[Unit] = []
        stack = list(reversed(self.children))
        while stack:
            unit = stack.pop()
            out.append(unit)
            stack.extend(reversed(unit.children))
        return out


@dataclass
class Roster:
    """The tree of units read from a roster file."""

    units: dict[str, Unit]
    root: Unit
    source: str = ""
    # Column key → how messages name it in the file ('E (Người đứng đầu)').
    columns: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Unit]:
        """Iterate over every unit, root first, in tree order."""
        yield self.root
        yield from self.root.descendants()

    def __len__(self) -> int:
        return len(self.units)

    def get(self, code: str) -> Unit | None:
        """Return the unit with this code, or None."""
        return self.units.get(code)


@dataclass
class UnitResult:
    """A unit's year-end results: registration, recognition, score, level, Ngày hội, items."""

    code: str
    row: int
    registered: bool
    recognised: bool
    score: Decimal
    level: str
    level_computed: bool
    event_held: bool
    item_scores: dict[str, Decimal] = field(default_factory=dict)
    # The review meeting (họp bình xét), when the results file gives it; else left to fill in.
    secretary: str = ""
    attendance: int | None = None
    votes_for: int | None = None

    @property
    def good_or_better(self) -> bool:
        """Classified Khá or above."""
        return self.level in (XUAT_SAC, KHA)


@dataclass
class Results:
    """The year-end results of every unit, by unit code, with the thresholds used."""

    units: dict[str, UnitResult]
    thresholds: Thresholds
    source: str = ""
    scores_source: str = ""
    # Each unit's own figures of the year by figure id (so_lieu), and its own words by NOTES
    # key, by unit code; the root, which nobody scores, may have both. Absent: not given.
    figures: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    # Last year's collected results (--nam-truoc), which the year report compares with.
    previous: Results | None = None

    def get(self, code: str) -> UnitResult | None:
        """Return the results of a unit, or None."""
        return self.units.get(code)

    def notes_of(self, code: str) -> dict[str, str]:
        """A unit's own words about its year (empty when it wrote none)."""
        return self.notes.get(code, {})


@dataclass(frozen=True)
class FigureTotal:
    """A figure summed over a unit and its subtree, with how many units gave it.

    value is None when no unit that reports the figure gave it (never a made-up 0);
    reported of expected units gave a value.
    """

    figure: Figure
    value: int | None
    reported: int
    expected: int

    @property
    def complete(self) -> bool:
        """Every unit that reports the figure gave it."""
        return self.reported == self.expected

    def as_json(self) -> dict:
        """A figure's entry in `report --format json`, after the indicators ("figure": true)."""
        return {"id": self.figure.id, "figure": True, "name": self.figure.name,
                "measure": self.figure.measure, "value": self.value,
                "reported": self.reported, "expected": self.expected}

    def text(self) -> str:
        """'Số buổi tuyên truyền: 579 buổi (75/75 đơn vị báo cáo)' for a terminal."""
        value = "chưa có số liệu" if self.value is None else f"{vi.number(self.value)} " \
            f"{self.figure.measure}"
        return f"{self.figure.name}: {value} ({self.reported}/{self.expected} đơn vị báo cáo)"


def roll_up(unit: Unit, results: Results, figures: list[Figure]) -> list[FigureTotal]:
    """A unit's figures: its own plus the sum over its subtree, per figure, in campaign order.

    The one roll-up of the program: evaluations, reports, `report --format json`, `collect`
    and the web page all call it, so a district's total is the sum of its communes' totals.
    """
    units = [unit, *unit.descendants()]
    totals = []
    for figure in figures:
        value: int | None = None
        reported = expected = 0
        for member in units:
            if not figure.reported_by(member.type):
                continue
            expected += 1
            given = results.figures.get(member.code, {}).get(figure.id)
            if given is not None:
                reported += 1
                value = given if value is None else value + given
        totals.append(FigureTotal(figure, value, reported, expected))
    return totals


# The offices of a People's Committee (Phòng Tư pháp huyện …, Văn phòng HĐND và UBND …): they
# end with their level; other agencies, enterprises and schools under it go on.
_OFFICE_WORDS = ("phòng ", "văn phòng ")


def ends_with_level(unit: Unit, gone: frozenset[str]) -> bool:
    """Whether a unit ceased with a level that no longer exists: the level's People's
    Committees themselves, and the offices (phòng) directly under them."""
    if unit.type in gone:
        return True
    parent = unit.parent
    return (unit.type == "co_quan" and parent is not None and parent.type in gone
            and unit.name.casefold().startswith(_OFFICE_WORDS))


def tree_without(roster: Roster, gone: frozenset[str]) -> tuple[Roster, list[Unit]]:
    """The roster as it stands once some levels are gone, and the units that went with them.

    The units left are copies whose parent is their nearest ancestor that remains (a commune
    of a district that ended answers to the province), so every document built on the tree
    addresses bodies that exist; the roster given is not changed.
    """
    # The root stays: a roster of one district has nothing above it to hand its units to.
    removed = [u for u in roster.root.descendants() if ends_with_level(u, gone)]
    if not removed:
        return roster, []
    dropped = {u.code for u in removed}
    copies: dict[str, Unit] = {}
    for unit in roster:
        if unit.code in dropped:
            continue
        copy = dataclasses.replace(unit, parent=None, children=[])
        copies[unit.code] = copy
        above = unit.parent
        while above is not None and above.code in dropped:
            above = above.parent
        if above is not None:
            copy.parent = copies[above.code]
            copy.parent_code = above.code
            copy.parent.children.append(copy)
    root = copies[roster.root.code]
    # Children keep the order of the tree they came from (a tree walk visits parents first).
    return Roster(copies, root, roster.source, roster.columns), removed


# Names are read many times per document: computed once per name (not stored on each unit,
# whose attribute dictionary would grow for a roster of 100,000).
@functools.lru_cache(maxsize=1 << 18)
def _bare_name(name: str) -> str:
    """The name without its administrative word (Unit.bare_name)."""
    lowered = name.casefold()
    for prefix in (*_GENERIC_PHRASES, *_GENERIC_WORDS):
        if lowered.startswith(prefix + " "):
            rest = name[len(prefix) + 1 :].strip()
            # A number is not a name on its own: 'Phường 5' stays whole (Nghị định 30).
            return name if not rest or rest.isdigit() else rest
    return name


@functools.lru_cache(maxsize=1 << 18)
def _sentence_name(name: str) -> str:
    """The name as written inside a sentence (Unit.sentence_name)."""
    first = name.split(" ", 1)[0].casefold()
    generic = first in _GENERIC_WORDS or name.casefold().startswith(_GENERIC_PHRASES)
    if generic and _bare_name(name) != name:
        return vi.lower_first(name)
    return name
