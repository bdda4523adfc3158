"""Year report (báo cáo tổng kết) of one level over its whole subtree, against the targets.

Structured as domain §7: I. situation (units taking part); II. results (registration and
recognition, classification with the thresholds used, model units, Ngày hội, every target's
numerator, denominator, percentages and verdict, with a bar chart); III. shortcomings, naming
the units that pulled an indicator below target; IV. directions; V. proposals. Written for the
root by `generate`, and for any level by `antq-docs report --level`.
"""

from __future__ import annotations

from collections import Counter

from antq_docs import vi
from antq_docs.chart import bar_chart
from antq_docs.indicators import Indicator, measure, subtree, unmeasured
from antq_docs.kinds import common
from antq_docs.kinds.base import Kind, Needs, NumberSlot
from antq_docs.model import LEVELS, UNIT_TYPES, XUAT_SAC, Campaign, Results, Roster, Unit
from antq_docs.render import Image

PURPOSE = "báo cáo tổng kết"
STANDARD = "“An toàn về an ninh, trật tự”"
CHART_WIDTH_MM = 160


def display_name(unit: Unit) -> str:
    """A unit's name that stays unambiguous in a list: 'Thôn 1 (xã Hà Mòn)'."""
    if unit.type == "khu_dan_cu" and unit.parent is not None:
        return f"{unit.name} ({unit.parent.sentence_name})"
    return unit.sentence_name


def names(units: list[Unit]) -> str:
    """Units' names in Vietnamese order, joined by commas."""
    return ", ".join(display_name(u) for u in sorted(units, key=lambda u: vi.sort_key(u.name)))


def _share(part: int, whole: int) -> str:
    return vi.percent(part * 100 / whole) if whole else "không có đơn vị"


class Report(Kind):
    """The year report of a level: the root's by default, any level on request."""

    name = "report"
    label = "báo cáo tổng kết"
    needs_results = True

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """The root always reports; other levels when the campaign's matrix names their type."""
        return unit.parent is None or super().needs(campaign, unit)

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """One template for every level."""
        return "report.docx"

    def number_slot(self, campaign: Campaign, unit: Unit, needs: Needs) -> NumberSlot:
        """'…/BC-UBND' from the roster's ký hiệu."""
        return common.number_slot(
            unit, needs, "BC", f"số của {PURPOSE}", self.document_year(campaign)
        )

    def context(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
    ) -> dict:
        """The year report of one level from the year-end results."""
        assert results is not None
        return self.report_context(campaign, unit, results, needs)

    def report_context(
        self, campaign: Campaign, level: Unit, results: Results, needs: Needs
    ) -> dict:
        """The template variables of a level's year report; missing values go to needs."""
        year = campaign.year
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        units = [u for u in subtree(level) if u is not level]
        scored = [u for u in units if u.code in results.units]
        indicators = measure(campaign, results, level)
        if not campaign.targets:
            needs.campaign_part("chi_tieu", f"{PURPOSE} (bảng chỉ tiêu và biểu đồ)")
        elif not indicators:
            needs.campaign_problem(
                "chi_tieu",
                "không có chỉ tiêu nào tính được từ kết quả cuối năm (mã dang_ky, dat_chuan, "
                f"kha_tro_len, huyen_kha_tro_len, dien_hinh), cần cho bảng chỉ tiêu của {PURPOSE}",
            )
        superior = level.parent.body_name if level.parent is not None else campaign.committee
        return {
            **common.header(level, campaign, day),
            "trich_yeu": f"Tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}",
            "mo_dau": (
                f"Thực hiện {campaign.plan.citation()}, {level.body_name} báo cáo tổng kết "
                f"phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} trên địa bàn "
                f"{level.sentence_name} như sau:"
            ),
            "tinh_hinh": self._situation(level, units),
            "dang_ky": self._registration(units, results),
            "phan_loai_dan": (
                f"Kết quả tự chấm điểm, bình xét, phân loại phong trào của {len(scored)} đơn vị "
                "trực thuộc:"
            ),
            "phan_loai": self._classification(scored, results),
            "nguong": self._thresholds(scored, results),
            "dien_hinh": self._models(units),
            "ngay_hoi": self._event(scored, results, year),
            "chi_so_dan": (
                "Đối chiếu với các chỉ tiêu của "
                f"{campaign.plan.citation()} (tỷ lệ tính trên số đơn vị của từng loại):"
            ),
            "chi_so": [self._row(n, i) for n, i in enumerate(indicators, start=1)],
            "bieu_do": Image(
                bar_chart(indicators, f"Kết quả thực hiện chỉ tiêu năm {year}"), CHART_WIDTH_MM
            ),
            "khong_do": self._unmeasured(campaign),
            "ton_tai": self._shortcomings(indicators),
            "nam_sau": year + 1,
            "phuong_huong": self._directions(indicators, year),
            "de_xuat": self._proposals(scored, results, superior),
            "ket_thuc": (
                f"Trên đây là báo cáo tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
                f"{year} của {level.body_name}"
            ),
            "ky": common.signature(level, campaign, needs, PURPOSE),
            "noi_nhan": [f"- {superior};", "- Lưu: VT."],
        }

    def _situation(self, level: Unit, units: list[Unit]) -> list[str]:
        counts = Counter(u.type for u in units)
        parts = [f"{vi.number(counts[t])} {UNIT_TYPES[t]}" for t in UNIT_TYPES if counts[t]]
        return [
            f"Trên địa bàn {level.sentence_name} có {', '.join(parts)} tham gia phong trào toàn "
            f"dân bảo vệ an ninh Tổ quốc (tổng số {vi.number(len(units))} đơn vị)."
        ]

    def _registration(self, units: list[Unit], results: Results) -> list[str]:
        lines = []
        for unit_type, label in UNIT_TYPES.items():
            of_type = [u for u in units if u.type == unit_type and u.code in results.units]
            if not of_type:
                continue
            registered = [u for u in of_type if results.units[u.code].registered]
            recognised = [u for u in registered if results.units[u.code].recognised]
            lines.append(
                f"{vi.upper(label[:1])}{label[1:]}: {len(registered)}/{len(of_type)} đơn vị "
                f"đăng ký ({_share(len(registered), len(of_type))}); {len(recognised)}/"
                f"{len(registered)} đơn vị đã đăng ký được công nhận đạt tiêu chuẩn {STANDARD} "
                f"({_share(len(recognised), len(registered))})."
            )
        return lines

    def _classification(self, scored: list[Unit], results: Results) -> list[dict]:
        rows = []
        keys = ("xuat_sac", "kha", "trung_binh", "yeu")
        totals = Counter()
        for unit_type, label in UNIT_TYPES.items():
            levels = Counter(results.units[u.code].level for u in scored if u.type == unit_type)
            if not levels:
                continue
            totals.update(levels)
            row = {"loai": label, "tong": vi.number(sum(levels.values()))}
            row.update({k: vi.number(levels[lv]) for k, lv in zip(keys, LEVELS)})
            rows.append(row)
        total = {"loai": "Tổng cộng", "tong": vi.number(sum(totals.values()))}
        total.update({k: vi.number(totals[lv]) for k, lv in zip(keys, LEVELS)})
        return [*rows, total]

    def _thresholds(self, scored: list[Unit], results: Results) -> str:
        computed = sum(1 for u in scored if results.units[u.code].level_computed)
        used = results.thresholds.describe()
        if computed:
            return (
                f"Xếp loại của {vi.number(computed)} đơn vị không ghi mức xếp loại được tính từ "
                f"tổng điểm tự chấm theo ngưỡng: {used}; xếp loại các đơn vị còn lại đã được "
                "đối chiếu với cùng ngưỡng."
            )
        return f"Mọi mức xếp loại đã được đối chiếu với điểm tự chấm theo ngưỡng: {used}."

    def _models(self, units: list[Unit]) -> list[str]:
        models = [u for u in units if u.is_model]
        if not models:
            return ["Chưa có đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc."]
        return [
            f"Xây dựng được {vi.number(len(models))} đơn vị điển hình về phong trào toàn dân "
            f"bảo vệ an ninh Tổ quốc: {names(models)}."
        ]

    def _event(self, scored: list[Unit], results: Results, year: int) -> str:
        held = [u for u in scored if results.units[u.code].event_held]
        return (
            f"{len(held)}/{len(scored)} đơn vị ({_share(len(held), len(scored))}) tổ chức Ngày "
            f"hội toàn dân bảo vệ an ninh Tổ quốc năm {year}."
        )

    def _row(self, number: int, indicator: Indicator) -> dict:
        return {
            "stt": str(number),
            "chi_tieu": indicator.label,
            "loai": indicator.type_name,
            "ti_so": f"{indicator.numerator}/{indicator.denominator}",
            "thuc_hien": indicator.actual_text,
            "muc_tieu": indicator.target_text,
            "danh_gia": indicator.verdict,
        }

    def _unmeasured(self, campaign: Campaign) -> str:
        others = unmeasured(campaign)
        if not others:
            return ""
        listed = "; ".join(t.text.rstrip(" ;.") for t in others)
        return (
            "Các chỉ tiêu sau được đánh giá qua hồ sơ văn bản của các đơn vị, không tính tỷ lệ "
            f"trong báo cáo này: {listed}."
        )

    def _shortcomings(self, indicators: list[Indicator]) -> list[str]:
        below = [i for i in indicators if i.met is False]
        if not below:
            return ["Các chỉ tiêu có số liệu đều đạt so với kế hoạch."]
        return [
            f"{i.label} ({i.type_name}): đạt {i.actual_text} ({i.numerator}/{i.denominator}), "
            f"chỉ tiêu {i.target_text}; đơn vị chưa đạt: {names(i.shortfall)}."
            for i in below
        ]

    def _directions(self, indicators: list[Indicator], year: int) -> list[str]:
        lines = [
            f"Tiếp tục xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year + 1}; giữ "
            "vững các chỉ tiêu đã đạt.",
        ]
        below = list(
            dict.fromkeys(f"{i.label} ({i.type_name})" for i in indicators if i.met is False)
        )
        if below:
            lines.append(f"Tập trung khắc phục các chỉ tiêu chưa đạt: {'; '.join(below)}.")
        lines.append(
            "Nhân rộng các mô hình, điển hình; tổ chức tốt Ngày hội toàn dân bảo vệ an ninh "
            f"Tổ quốc năm {year + 1}."
        )
        return lines

    def _proposals(self, scored: list[Unit], results: Results, superior: str) -> list[str]:
        best = [u for u in scored if results.units[u.code].level == XUAT_SAC]
        if not best:
            return [f"Đề nghị {superior} tiếp tục hướng dẫn, hỗ trợ các đơn vị chưa đạt."]
        return [
            f"Đề nghị {superior} xem xét, khen thưởng {vi.number(len(best))} đơn vị xếp loại "
            f"Xuất sắc: {names(best)}."
        ]


KIND = Report()
