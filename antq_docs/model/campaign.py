"""The campaign: targets, dates, required documents, settings of the Ngày hội and the scoring,
the changes of organisation, and what the lower layers read of a document kind."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Protocol

from antq_docs import vi
from antq_docs.messages import documents as msg
from antq_docs.model.units import GOVERNMENT_TYPES, UNIT_TYPES

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
        return msg.CHANGE_ENDED.format(
            body=CHANGE_BODIES[self.body],
            level=level,
            day=vi.short_date(self.last_day + dt.timedelta(days=1)),
        )


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

    @property
    def goal(self) -> float:
        """The share of units the target asks for, in percent: ty_le, or every unit (100) when
        the campaign gives none ('Mỗi xã xây dựng ít nhất 01 mô hình, điển hình')."""
        return 100.0 if self.percent is None else self.percent

    def required(self, total: int) -> int:
        """The fewest of `total` units that meet the target: exact, never a rounded percentage."""
        goal = Fraction(str(self.goal))
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
        return msg.THRESHOLDS.format(
            excellent=XUAT_SAC,
            excellent_from=n(self.xuat_sac),
            good=KHA,
            good_from=n(self.kha),
            average=TRUNG_BINH,
            average_from=n(self.trung_binh),
            weak=YEU,
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


# Luật Tổ chức chính quyền địa phương ngày 16/6/2025 (72/2025/QH15) is in force from this day:
# two local levels in every province, whatever a campaign records of its own changes; a decision
# dated from then on is issued under that law, and a commune's office is the Văn phòng HĐND và
# UBND. The law's name is written in the templates that cite it.
TWO_LEVEL_LAW = dt.date(2025, 7, 1)

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
    "khu_dan_cu": (11, 20),
    "xa": (11, 30),
    "co_quan": (11, 30),
    "doanh_nghiep": (11, 30),
    "co_so_giao_duc": (11, 30),
    "huyen": (12, 15),
    "tinh": (12, 31),
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
    # Every document prints its identity as a QR code (ma_nhan_dien; false turns it off).
    identity_codes: bool = True

    def gone_levels(self, day: dt.date | None) -> frozenset[str]:
        """The levels of the tree whose government no longer existed on a day."""
        if day is None:
            return frozenset()
        return frozenset(
            c.level for c in self.changes if c.body == "chinh_quyen" and c.ended_by(day)
        )

    def police_gone(self, level: str, day: dt.date | None) -> bool:
        """Whether a level had no police of its own on a day (ended alone or with its level)."""
        return day is not None and any(c.level == level and c.ended_by(day) for c in self.changes)

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

    # What a person calls it ('kế hoạch năm'): the campaign form names its date by it.
    label: str
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
