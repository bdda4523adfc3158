"""Year-end evaluation of one unit (báo cáo tự đánh giá), with the review-meeting minutes.

The report gives the unit's results (registration, Ngày hội, self-score), the scoring sheet
(bảng chấm điểm: item, maximum, self-score, total), the standard result (đạt / chưa đạt) and the
proposed classification with the thresholds it was judged by. Units of the campaign's
hop_binh_xet types also get the minutes (biên bản) of their review meeting (họp bình xét), the
participants named by role, on a new page of the same document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from antq_docs import vi
from antq_docs.errors import Finding
from antq_docs.kinds import common
from antq_docs.kinds.base import Kind, Needs, NumberSlot
from antq_docs.model import GOVERNMENT_TYPES, Campaign, Results, Roster, Unit, UnitResult

PURPOSE = "báo cáo tự đánh giá cuối năm"
STANDARD = "“An toàn về an ninh, trật tự”"


def points(value) -> str:
    """Points the Vietnamese way: '87', '87,5'."""
    return vi.number(value)


def evaluation_window(unit: Unit, year: int) -> str:
    """The period evaluated (domain §1): khu dân cư 01/11–31/10, the others 16/11–15/11."""
    if unit.type == "khu_dan_cu":
        start, end = dt.date(year - 1, 11, 1), dt.date(year, 10, 31)
    else:
        start, end = dt.date(year - 1, 11, 16), dt.date(year, 11, 15)
    return f"từ ngày {vi.short_date(start)} đến ngày {vi.short_date(end)}"


def standard_result(result: UnitResult) -> str:
    """'Đạt', 'Chưa đạt' or 'Chưa đạt (không đăng ký xây dựng tiêu chuẩn)'."""
    if not result.registered:
        return "Chưa đạt (không đăng ký xây dựng tiêu chuẩn)"
    return "Đạt" if result.recognised else "Chưa đạt"


def threshold_note(result: UnitResult, results: Results) -> str:
    """Say how the level was reached and which thresholds were used."""
    used = results.thresholds.describe()
    if result.level_computed:
        return f"Xếp loại được tính từ tổng điểm tự chấm theo ngưỡng: {used}."
    return f"Xếp loại do đơn vị đề nghị, phù hợp với tổng điểm theo ngưỡng: {used}."


class Evaluation(Kind):
    """The year-end self-evaluation report of one unit, and its review-meeting minutes."""

    name = "evaluation"
    label = "báo cáo tự đánh giá"
    needs_results = True

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """The residential-area form for khu dân cư, Nghị định 30 for the rest."""
        return "evaluation-khu-dan-cu.docx" if unit.type == "khu_dan_cu" else "evaluation.docx"

    def number_slot(self, campaign: Campaign, unit: Unit, needs: Needs) -> NumberSlot | None:
        """'…/BC-UBND' for units that number their documents; a khu dân cư has no number."""
        if unit.type == "khu_dan_cu":
            return None
        return common.number_slot(
            unit, needs, "BC", f"số của {PURPOSE}", self.document_year(campaign)
        )

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Every unit the matrix names that has a level above it to report to."""
        return unit.parent is not None and super().needs(campaign, unit)

    def context(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
    ) -> dict:
        """The evaluation of one unit from its year-end results."""
        assert results is not None
        return self.evaluation_context(campaign, unit, results, needs)

    def evaluation_context(
        self, campaign: Campaign, unit: Unit, results: Results, needs: Needs
    ) -> dict:
        """The template variables of one unit's evaluation; missing values go to needs."""
        parent = unit.parent
        assert parent is not None
        result = results.units[unit.code]
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        if not campaign.score_items:
            needs.campaign_part("bang_diem", f"{PURPOSE} (bảng tự chấm điểm)")
        head = needs.unit_value(unit, "head", PURPOSE)
        title = needs.unit_value(unit, "title", PURPOSE)
        residential = unit.type == "khu_dan_cu"
        year = campaign.year
        name = unit.sentence_name if residential else unit.body_name
        rows = self._sheet(campaign, unit, result, results, needs)
        registered = "đã" if result.registered else "không"
        event = "Đã" if result.event_held else "Không"
        ket_qua = [
            f"Về đăng ký: {name} {registered} đăng ký xây dựng đạt tiêu chuẩn {STANDARD} "
            f"năm {year}.",
            f"Về Ngày hội toàn dân bảo vệ an ninh Tổ quốc: {event.lower()} tổ chức Ngày hội "
            f"năm {year} ({vi.short_date(campaign.event_date)}).",
            f"Về tự chấm điểm: tổng điểm tự chấm đạt {points(result.score)}/100 điểm "
            "(chi tiết tại bảng tự chấm điểm dưới đây).",
        ]
        context = {
            **common.header(unit, campaign, day),
            "trich_yeu": (
                f"Kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} "
                "và đề nghị xếp loại"
            ),
            "can_cu": common.legal_bases(campaign),
            "mo_dau": (
                f"{vi.upper(name[:1])}{name[1:]} báo cáo kết quả thực hiện phong trào toàn dân "
                f"bảo vệ an ninh Tổ quốc năm {year} (kỳ đánh giá "
                f"{evaluation_window(unit, year)}) như sau:"
            ),
            "ket_qua": ket_qua,
            "bang_diem_dan": (
                f"Kết quả tự chấm điểm theo bảng chấm điểm 100 điểm của {campaign.committee}:"
            ),
            "bang_diem": rows,
            "tong_toi_da": "100",
            "tong_diem": points(result.score),
            "tieu_chuan": standard_result(result),
            "nam": year,
            "xep_loai": result.level,
            "nguong": threshold_note(result, results),
            "ket_luan": (
                f"{vi.upper(name[:1])}{name[1:]} kính đề nghị {parent.body_name} xem xét, "
                f"công nhận kết quả đánh giá, xếp loại phong trào năm {year}"
            ),
            "ky": common.signature(unit, campaign, needs, PURPOSE),
            "noi_nhan": [f"- {parent.body_name};", "- Lưu: VT."],
            "bien_ban": None,
        }
        if unit.type in campaign.review_meeting_types:
            context["bien_ban"] = self._minutes(campaign, unit, result, day, head, title)
        return context

    def _sheet(
        self, campaign: Campaign, unit: Unit, result: UnitResult, results: Results, needs: Needs
    ) -> list[dict]:
        """The scoring-sheet rows; a campaign with a sheet needs every item's self-score."""
        if not campaign.score_items:
            return []
        if len(result.item_scores) != len(campaign.score_items):
            needs.missing(
                Finding(
                    "thiếu điểm từng mục của bảng chấm điểm, cần cho báo cáo tự đánh giá "
                    "(tệp điểm từng mục: --scores, hoặc trang “Bảng điểm” của tệp kết quả)",
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

    def _minutes(
        self,
        campaign: Campaign,
        unit: Unit,
        result: UnitResult,
        day: dt.date,
        head: str,
        title: str,
    ) -> dict:
        """The review-meeting minutes: who took part (by role), what was found, the vote."""
        parent = unit.parent
        assert parent is not None
        year = campaign.year
        area = unit.sentence_name
        if unit.type in GOVERNMENT_TYPES:
            police = f"Trưởng Công an {area}"
            roles = [
                f"Chủ trì: {head}, {title}, Trưởng Ban Chỉ đạo phong trào toàn dân bảo vệ an "
                f"ninh Tổ quốc {area}",
                f"Đại diện {parent.body_name}",
                f"{police}; các thành viên Ban Chỉ đạo phong trào {area}",
                f"Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {area} và các tổ chức chính trị - "
                "xã hội",
            ]
            residential = [c.name for c in unit.children if c.type == "khu_dan_cu"]
            if residential:
                roles.append(f"Trưởng các khu dân cư: {', '.join(residential)}")
        elif unit.type == "khu_dan_cu":
            roles = [
                f"Chủ trì: {head}, {title}",
                f"Bí thư Chi bộ, Trưởng Ban công tác Mặt trận {area}",
                f"Đại diện Công an {parent.sentence_name} phụ trách địa bàn",
                "Tổ trưởng các tổ tự quản, tổ bảo vệ an ninh, trật tự ở cơ sở",
                "Đại diện các hộ gia đình"
                + (f" ({vi.number(unit.households)} hộ)" if unit.households else ""),
            ]
        else:
            roles = [
                f"Chủ trì: {head}, {title}",
                f"Đại diện cấp ủy, công đoàn, đoàn thanh niên của {unit.name}",
                "Tổ trưởng tổ bảo vệ, lực lượng tự quản về an ninh, trật tự của đơn vị",
                f"Đại diện Công an nơi {unit.name} đóng trụ sở",
            ]
        roles.append("Thư ký: người được hội nghị cử")
        body = unit.sentence_name if unit.type == "khu_dan_cu" else unit.body_name
        standard = standard_result(result)
        return {
            "trich_yeu": (
                f"Họp bình xét, đề nghị xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc "
                f"năm {year}"
            ),
            "mo_dau": (
                f"Hôm nay, {vi.date_words(day)}, tại {body}, hội nghị bình xét kết quả thực "
                f"hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} được tổ chức."
            ),
            "thanh_phan": roles,
            "noi_dung": [
                f"Hội nghị nghe báo cáo kết quả thực hiện phong trào năm {year} và kết quả tự "
                f"chấm điểm của {body}: {points(result.score)}/100 điểm.",
                f"Hội nghị đối chiếu kết quả với tiêu chuẩn {STANDARD}: "
                f"{standard[:1].lower()}{standard[1:]}.",
                f"Hội nghị thảo luận, bình xét mức xếp loại phong trào: {result.level}.",
            ],
            "ket_luan": (
                f"Hội nghị thống nhất đề nghị {parent.body_name} xem xét, công nhận kết quả "
                f"tiêu chuẩn {STANDARD} năm {year} ({standard[:1].lower()}{standard[1:]}) và "
                f"xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} của {body}: "
                f"{result.level}."
            ),
            "ket_thuc": (
                "Biên bản được lập xong cùng ngày, đã đọc lại cho hội nghị nghe và được các "
                "thành viên dự họp nhất trí thông qua"
            ),
            "chu_tri": head,
        }


KIND = Evaluation()
