"""Year-end evaluation of one unit (báo cáo tự đánh giá).

The report gives the unit's results (registration, Ngày hội, self-score), the scoring sheet
(bảng chấm điểm: item, maximum, self-score, total), the standard result (đạt / chưa đạt) and the
proposed classification with the thresholds it was judged by. The minutes of the review meeting
(họp bình xét) are a document of their own (kinds/minutes.py). The wording is in the templates
(tools/templates/evaluation.py); this module gives them names, dates, scores and flags.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from antq_docs import vi
from antq_docs.errors import Finding
from antq_docs.kinds import authority, common, heading
from antq_docs.kinds.base import Citation, Kind, Needs, Request
from antq_docs.kinds.plan import KIND as PLAN
from antq_docs.kinds.pledge import KIND as PLEDGE
from antq_docs.measures import model_built
from antq_docs.messages import documents as msg
from antq_docs.model import (
    BELOW_DISTRICT,
    STANDARD_TYPES,
    Campaign,
    Results,
    Unit,
    UnitResult,
    kinds_label,
)

PURPOSE = "báo cáo tự đánh giá cuối năm"


def points(value) -> str:
    """Points the Vietnamese way: '87', '87,5'."""
    return vi.number(value)


def evaluation_window(unit: Unit, year: int) -> tuple[dt.date, dt.date]:
    """The period evaluated (domain §1): khu dân cư 01/11–31/10, the others 16/11–15/11; a
    unit formed during it (a commune of 01/7/2025: its roster period) from the day it began."""
    if unit.type == "khu_dan_cu":
        start, end = dt.date(year - 1, 11, 1), dt.date(year, 10, 31)
    else:
        start, end = dt.date(year - 1, 11, 16), dt.date(year, 11, 15)
    if unit.since is not None and unit.since > start:
        start = unit.since
    return start, end


def evaluation_day(
    campaign: Campaign, unit: Unit, day: dt.date, end: dt.date, needs: Needs
) -> dt.date:
    """The day a unit's evaluation bears: the campaign's, but never before its window closes
    unless its report deadline (han_bao_cao) comes first; a day moved is said once per type."""
    earliest = min(end, campaign.report_deadline(unit.type))
    if day >= earliest:
        return day
    needs.warn(
        msg.EVALUATION_BEFORE_WINDOW_END.format(
            day=vi.short_date(day),
            type=unit.type_name,
            end=vi.short_date(end),
            moved=vi.short_date(earliest),
        )
    )
    return earliest


def other_recogniser(campaign: Campaign, unit: Unit) -> Unit | None:
    """Who recognises the unit as meeting the standard when not the level above it (the
    province recognises the agencies, enterprises and schools of a commune's area); else None."""
    recogniser = authority.recogniser(campaign, unit)
    if unit.type in STANDARD_TYPES and recogniser is not None and recogniser is not unit.parent:
        return recogniser
    return None


def area(unit: Unit) -> dict[str, str]:
    """The khu dân cư of the unit's area, their kinds and households, and its own households."""
    areas = [u for u in unit.descendants() if u.type == "khu_dan_cu"]
    return {
        "khu_dan_cu": vi.count(len(areas)),
        "loai_kdc": kinds_label(areas),
        "so_ho": vi.number(sum(a.households or 0 for a in areas))
        if areas and all(a.households for a in areas)
        else "",
        "so_ho_rieng": vi.number(unit.households) if unit.households else "",
    }


def models(unit: Unit, results: Results) -> dict:
    """Whether the unit was chosen as a model unit and built it, and the model units below it."""
    below = [u for u in unit.descendants() if u.is_model]
    return {
        "chon": unit.is_model,
        "dat": model_built(unit, results),
        "duoi": [{"ten": m.name, "dat": model_built(m, results)} for m in below],
    }


def _doc_date(campaign: Campaign, kind: str) -> str:
    """The date of a kind of document of the campaign, or '' when it has none."""
    return vi.short_date(campaign.doc_dates[kind]) if kind in campaign.doc_dates else ""


class Evaluation(Kind):
    """The year-end self-evaluation report of one unit."""

    name = "evaluation"
    label = "báo cáo tự đánh giá"
    short = "Đánh giá"
    required = BELOW_DISTRICT
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {
        "": "evaluation.docx",
        "khu_dan_cu": "evaluation-khu-dan-cu.docx",
    }
    number = "BC"
    unnumbered = ("khu_dan_cu",)
    variables: ClassVar[dict[str, str]] = {
        "loai": "loại đơn vị: xa, khu_dan_cu, co_quan, doanh_nghiep, co_so_giao_duc",
        "don_vi": "đơn vị báo cáo: tên viết trong câu với khu dân cư (Thôn 1), tên cơ quan với "
        "đơn vị khác (Ủy ban nhân dân xã Hà Mòn)",
        "don_vi_dau_cau": "như don_vi, viết hoa chữ đầu để mở đầu câu",
        "ten": "tên đơn vị viết trong câu (xã Hà Mòn, Thôn 1)",
        "cap_tren": "cơ quan cấp trên trực tiếp nhận báo cáo và đề nghị xếp loại",
        "cong_nhan": "người có thẩm quyền công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” "
        "khi không phải cấp trên trực tiếp (Chủ tịch Ủy ban nhân dân tỉnh …); rỗng "
        "nếu là cấp trên trực tiếp",
        "ban_chi_dao": "Ban Chỉ đạo phong trào của tỉnh ban hành bảng chấm điểm",
        "ky_tu": "ngày đầu kỳ đánh giá (khu dân cư 01/11, đơn vị khác 16/11 năm trước; đơn vị "
        "bắt đầu hoạt động trong kỳ: ngày đó)",
        "ky_den": "ngày cuối kỳ đánh giá (khu dân cư 31/10, đơn vị khác 15/11)",
        "thanh_lap": "đúng khi đơn vị bắt đầu hoạt động trong kỳ đánh giá (theo danh sách đơn vị "
        "theo thời kỳ): kỳ đánh giá tính từ ngày đó",
        "ngay_hoi": "ngày tổ chức Ngày hội (ngày/tháng/năm)",
        "dang_ky": "đúng khi đơn vị đã đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”",
        "dat_chuan": "đúng khi đơn vị được công nhận đạt tiêu chuẩn",
        "to_chuc_ngay_hoi": "đúng khi đơn vị đã tổ chức Ngày hội",
        "bang_diem": "bảng tự chấm điểm, mỗi dòng một mục",
        "bang_diem.stt": "số thứ tự mục",
        "bang_diem.noi_dung": "nội dung mục chấm điểm",
        "bang_diem.toi_da": "điểm tối đa của mục",
        "bang_diem.tu_cham": "điểm đơn vị tự chấm cho mục",
        "tong_toi_da": "tổng điểm tối đa của bảng (100)",
        "tong_diem": "tổng điểm tự chấm",
        "xep_loai": "mức xếp loại đề nghị",
        "xep_loai_tinh": "đúng khi mức xếp loại được tính từ tổng điểm theo ngưỡng (tệp kết quả "
        "không ghi mức)",
        **common.YEAR_VARIABLES,
        "can_cu_cham_diem": "văn bản quy định bảng chấm điểm và phân loại (can_cu_cham_diem của "
        "kế hoạch; mặc định Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022)",
        "nam_sau": "năm sau năm báo cáo",
        "ke_hoach_rieng": "kế hoạch năm của chính đơn vị",
        "ke_hoach_rieng.co": "đúng khi đơn vị phải có và đã có kế hoạch năm (đơn vị thành lập sau "
        "ngày của kế hoạch thì không)",
        "ke_hoach_rieng.ngay": "ngày của kế hoạch năm (ngày/tháng/năm)",
        "so_ke_hoach": "số và ký hiệu của kế hoạch năm của đơn vị theo sổ đăng ký số của thư mục; "
        "để trống phần số khi kế hoạch chưa được đánh số",
        "cam_ket": "việc ký cam kết của đơn vị",
        "cam_ket.co": "đúng khi đơn vị phải tổ chức ký cam kết và đã có vào ngày ký",
        "cam_ket.ngay": "ngày ký cam kết (ngày/tháng/năm)",
        "dia_ban": "địa bàn của đơn vị",
        "dia_ban.khu_dan_cu": "số khu dân cư trên địa bàn (04)",
        "dia_ban.loai_kdc": "các loại khu dân cư có trên địa bàn (thôn, tổ dân phố); rỗng khi "
        "không có khu dân cư",
        "dia_ban.so_ho": "tổng số hộ của các khu dân cư; rỗng khi danh sách thiếu số hộ",
        "dia_ban.so_ho_rieng": "số hộ của chính khu dân cư; rỗng khi danh sách không ghi",
        "dien_hinh": "xây dựng đơn vị điển hình",
        "dien_hinh.chon": "đúng khi chính đơn vị được chọn xây dựng điển hình (cột Điển hình)",
        "dien_hinh.dat": "đúng khi đơn vị điển hình đạt tiêu chuẩn và xếp loại Khá trở lên",
        "dien_hinh.duoi": "các đơn vị điển hình cấp dưới, mỗi phần tử một đơn vị",
        "dien_hinh.duoi.ten": "tên đơn vị điển hình",
        "dien_hinh.duoi.dat": "đúng khi đơn vị đó đạt tiêu chí điển hình",
    }
    needs_results = True

    def cites(self, campaign: Campaign, unit: Unit, needs: Needs) -> tuple[Citation, ...]:
        """The unit's own plan of the year, by the number the folder's register gave it."""
        slot = PLAN.number_slot(campaign, unit, needs) if self._has_plan(campaign, unit) else None
        if slot is None:
            return ()
        return (Citation("so_ke_hoach", slot, PLAN.path(unit)),)

    def _has_plan(self, campaign: Campaign, unit: Unit) -> bool:
        """Whether the unit issued a plan of the year: the matrix asks it of its type and the
        unit existed on the plan's date (a commune formed in July issued none)."""
        day = campaign.doc_dates.get(PLAN.name)
        return campaign.requires(PLAN.name, unit.type) and day is not None and unit.existed_on(day)

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Every unit the matrix names that has a level above it to report to."""
        return unit.parent is not None and super().needs(campaign, unit)

    def context(self, request: Request) -> dict:
        """The evaluation of one unit from its year-end results."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        results = request.results
        assert results is not None
        return self.evaluation_context(campaign, unit, results, needs)

    def evaluation_context(
        self, campaign: Campaign, unit: Unit, results: Results, needs: Needs
    ) -> dict:
        """The template variables of one unit's evaluation; missing values go to needs."""
        parent = unit.parent
        assert parent is not None
        result = results.units[unit.code]
        start, end = evaluation_window(unit, campaign.year)
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        day = evaluation_day(campaign, unit, day, end, needs)
        if not campaign.score_items:
            needs.campaign_part("bang_diem", f"{PURPOSE} (bảng tự chấm điểm)")
        year = campaign.year
        name = unit.sentence_name if unit.type == "khu_dan_cu" else unit.body_name
        rows = self._sheet(campaign, unit, result, results, needs)
        recogniser = other_recogniser(campaign, unit)
        chair = "Chủ tịch " if authority.chair_decides(campaign) else ""
        return {
            **heading.header(unit, campaign, day),
            "loai": unit.type,
            "nam": year,
            "nam_truoc": year - 1,
            "nam_sau": year + 1,
            "don_vi": name,
            "ten": unit.sentence_name,
            "kdc": common.residential_results(unit, results),
            "don_vi_dau_cau": vi.upper(name[:1]) + name[1:],
            "cap_tren": parent.body_name,
            "cong_nhan": f"{chair}{recogniser.body_name}" if recogniser is not None else "",
            "ban_chi_dao": common.steering_committee(unit, campaign),
            "can_cu": common.legal_bases(campaign)
            + (
                [campaign.scoring_basis]
                if campaign.scoring_basis not in campaign.legal_bases
                else []
            ),
            "can_cu_cham_diem": campaign.scoring_basis,
            "ke_hoach": common.plan_ref(campaign),
            "ky_tu": vi.short_date(start),
            "ky_den": vi.short_date(end),
            "thanh_lap": unit.since is not None and start == unit.since,
            "ngay_hoi": vi.short_date(campaign.event_date),
            "dang_ky": result.registered,
            "dat_chuan": result.recognised,
            "to_chuc_ngay_hoi": result.event_held,
            "bang_diem": rows,
            "tong_toi_da": "100",
            "tong_diem": points(result.score),
            "xep_loai": result.level,
            "xep_loai_tinh": result.level_computed,
            "nguong": common.thresholds(results.thresholds),
            "ky": common.signature(unit, campaign, needs, PURPOSE),
            "noi_nhan": [common.recipient(parent.body_name)]
            + ([common.recipient(recogniser.body_name)] if recogniser is not None else []),
            "ghi_chu": common.notes(results, unit),
            "so_lieu": common.figure_sections(unit, results, campaign),
            **self._own_documents(campaign, unit),
            "dia_ban": area(unit),
            "dien_hinh": models(unit, results),
        }

    def _own_documents(self, campaign: Campaign, unit: Unit) -> dict:
        """The unit's own plan and pledge of the year the report cites, with their dates."""
        return {
            "ke_hoach_rieng": {
                "co": self._has_plan(campaign, unit),
                "ngay": _doc_date(campaign, PLAN.name),
            },
            # Filled from the register when the document is written (cites()).
            "so_ke_hoach": "",
            "cam_ket": {
                "co": campaign.requires(PLEDGE.name, unit.type)
                and (
                    PLEDGE.name not in campaign.doc_dates
                    or unit.existed_on(campaign.doc_dates[PLEDGE.name])
                ),
                "ngay": _doc_date(campaign, PLEDGE.name),
            },
        }

    def _sheet(
        self, campaign: Campaign, unit: Unit, result: UnitResult, results: Results, needs: Needs
    ) -> list[dict]:
        """The scoring-sheet rows; a campaign with a sheet needs every item's self-score."""
        if not campaign.score_items:
            return []
        if len(result.item_scores) != len(campaign.score_items):
            needs.missing(
                Finding(
                    msg.ITEM_SCORES_MISSING,
                    file=Path(results.scores_source or results.source).name,
                    unit=unit.code,
                )
            )
        return [
            {
                "stt": str(index),
                "noi_dung": item.text,
                "toi_da": points(item.max_points),
                "tu_cham": points(result.item_scores.get(item.id, 0)),
            }
            for index, item in enumerate(campaign.score_items, start=1)
        ]


KIND = Evaluation()
