"""Year report (báo cáo tổng kết) of one level over its whole subtree, against the targets.

Structured as domain §7: I. situation (units taking part, by their real kinds); II. results
(registration and recognition of the units the standard covers, classification with the
thresholds used, model units, Ngày hội, every target's numerator, denominator, percentages and
verdict, with a bar chart); III. shortcomings; IV. directions; V. proposals. Lists of units
(below target, proposed for awards) go into appendix tables (Phụ lục) after the signature,
with the unit above each one. Written for the root by `generate`, and for any level by
`antq-docs report --level`, which may also measure the targets met by documents (--docs). The
wording is in the template (tools/templates/report.py); this module gives it counts, shares,
names and lists.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from antq_docs import vi
from antq_docs.chart import bar_chart
from antq_docs.indicators import (
    STANDARD_TYPES,
    Evidence,
    Indicator,
    display_share,
    measure,
    model_built,
    subtree,
    unmeasured,
)
from antq_docs.kinds import common, heading
from antq_docs.kinds.base import Document, Image, Kind, Needs, Request
from antq_docs.model import (
    LEVELS,
    UNIT_TYPES,
    XUAT_SAC,
    Campaign,
    Results,
    Roster,
    Unit,
    kinds_label,
)

PURPOSE = "báo cáo tổng kết"
CHART_WIDTH_MM = 160
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """An appendix number in Roman numerals: 1 → 'I', 4 → 'IV'."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def capitalised(text: str) -> str:
    """The first letter in upper case: 'xã, phường' → 'Xã, phường'."""
    return vi.upper(text[:1]) + text[1:]


def awarded(units: list[Unit], results: Results) -> list[Unit]:
    """Units that may be proposed for awards: registered, recognised and classified Xuất sắc.

    A district is outside the standard (never registered nor recognised), so it is never on
    this list; neither is a unit that failed the standard, however it was classified.
    """
    eligible = []
    for unit in units:
        result = results.get(unit.code)
        if (
            unit.type in STANDARD_TYPES
            and result is not None
            and result.registered
            and result.recognised
            and result.level == XUAT_SAC
        ):
            eligible.append(unit)
    return eligible


# What the figures of one indicator mean, in each table that shows them (_figures).
_FIGURES: dict[str, str] = {
    "chi_tieu": "tên chỉ tiêu (chỉ tiêu nêu tên một đơn vị: câu chỉ tiêu)",
    "loai": "các loại đơn vị chỉ tiêu tính trên (thôn, làng, tổ dân phố) hoặc tên đơn vị",
    "ti_so": "số đơn vị đạt / tổng số đơn vị (39/44)",
    "thuc_hien": "tỷ lệ thực hiện (88,6%), “không có đơn vị” khi không có đơn vị để tính",
    "muc_tieu": "mức chỉ tiêu (100%, trên 80%), “không ghi tỷ lệ” khi kế hoạch không ghi",
}
# Last year's count of the same units and the change (change()).
_CHANGE: dict[str, str] = {
    "truoc": "số của năm trước, trên các mã đơn vị có cả hai năm; rỗng khi không có",
    "tang": "số tăng so với năm trước; rỗng khi không tăng",
    "giam": "số giảm so với năm trước; rỗng khi không giảm",
}
# What a row of an appendix list of units means (_listed).
_LISTED: dict[str, str] = {
    "stt": "số thứ tự",
    "ten": "tên đơn vị (kèm mã khi hai đơn vị cùng tên dưới một cấp trên)",
    "cap_tren": "tên đơn vị cấp trên trực tiếp",
    "diem": "tổng điểm tự chấm",
    "xep_loai": "mức xếp loại",
}


class Report(Kind):
    """The year report of a level: the root's by default, any level on request."""

    name = "report"
    label = "báo cáo tổng kết"
    short = "Báo cáo"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "report.docx"}
    number = "BC"
    variables: ClassVar[dict[str, str]] = {
        "ngay": "ngày báo cáo (ngày/tháng/năm), dùng ở dòng “Kèm theo Báo cáo số …” của phụ lục",
        "co_quan": "tên cơ quan báo cáo (Ủy ban nhân dân tỉnh Quảng Ngãi)",
        "dia_ban": "địa bàn báo cáo viết trong câu (tỉnh Quảng Ngãi)",
        "theo_loai": "số đơn vị trực thuộc theo từng loại (16 xã, phường), mỗi loại một phần tử",
        "tong_don_vi": "tổng số đơn vị trong địa bàn (không kể cơ quan báo cáo)",
        "dang_ky": "đăng ký, công nhận tiêu chuẩn theo loại đơn vị, mỗi dòng một loại (không có "
        "cấp huyện)",
        "dang_ky.loai": "loại đơn vị, viết hoa chữ đầu (Xã, phường)",
        "dang_ky.tong": "số đơn vị loại đó có kết quả",
        "dang_ky.dang_ky": "số đơn vị đã đăng ký",
        "dang_ky.ty_le_dang_ky": "tỷ lệ đăng ký trên tổng số; rỗng khi không có đơn vị",
        "dang_ky.cong_nhan": "số đơn vị đã đăng ký được công nhận đạt tiêu chuẩn",
        "dang_ky.ty_le_cong_nhan": "tỷ lệ được công nhận trên số đã đăng ký; rỗng khi không có "
        "đơn vị đăng ký",
        "ngoai_chuan": "các loại đơn vị cấp huyện trong địa bàn (huyện, thành phố), không thuộc "
        "đối tượng của tiêu chuẩn; rỗng khi không có",
        "so_cham_diem": "số đơn vị có kết quả chấm điểm, phân loại",
        "phan_loai": "số đơn vị theo mức xếp loại, mỗi dòng một loại đơn vị",
        "phan_loai.loai": "loại đơn vị, viết hoa chữ đầu",
        "phan_loai.tong": "số đơn vị được phân loại",
        "phan_loai.xuat_sac": "số đơn vị xếp loại Xuất sắc",
        "phan_loai.kha": "số đơn vị xếp loại Khá",
        "phan_loai.trung_binh": "số đơn vị xếp loại Trung bình",
        "phan_loai.yeu": "số đơn vị xếp loại Yếu",
        "phan_loai_tong": "dòng Tổng cộng của bảng phân loại",
        "phan_loai_tong.tong": "tổng số đơn vị được phân loại",
        "phan_loai_tong.xuat_sac": "tổng số đơn vị Xuất sắc",
        "phan_loai_tong.kha": "tổng số đơn vị Khá",
        "phan_loai_tong.trung_binh": "tổng số đơn vị Trung bình",
        "phan_loai_tong.yeu": "tổng số đơn vị Yếu",
        "tinh_tu_diem": "số đơn vị có mức xếp loại tính từ tổng điểm (tệp kết quả không ghi mức); "
        "rỗng khi mọi đơn vị đã ghi mức",
        "dien_hinh": "tên các đơn vị điển hình, cách nhau bằng dấu phẩy; rỗng khi không có",
        "so_dien_hinh": "số đơn vị điển hình",
        "dien_hinh_dat": "tên các đơn vị điển hình đạt tiêu chuẩn và xếp loại Khá trở lên",
        "so_dien_hinh_dat": "số đơn vị điển hình đạt tiêu chuẩn và xếp loại Khá trở lên",
        "ngay_hoi": "kết quả tổ chức Ngày hội",
        "ngay_hoi.to_chuc": "số đơn vị đã tổ chức Ngày hội",
        "ngay_hoi.tong": "số đơn vị có kết quả",
        "ngay_hoi.ty_le": "tỷ lệ đơn vị tổ chức Ngày hội; rỗng khi không có đơn vị",
        **{f"ngay_hoi.{k}": v for k, v in _CHANGE.items()},
        **common.YEAR_VARIABLES,
        "co_nam_truoc": "đúng khi có kết quả năm trước (--nam-truoc) để so sánh",
        "dang_ky.dk": "so sánh số đơn vị đăng ký với năm trước",
        **{f"dang_ky.dk.{k}": v for k, v in _CHANGE.items()},
        "dang_ky.cn": "so sánh số đơn vị được công nhận với năm trước",
        **{f"dang_ky.cn.{k}": v for k, v in _CHANGE.items()},
        "chi_so": "bảng kết quả từng chỉ tiêu, mỗi dòng một chỉ tiêu và loại đơn vị",
        "chi_so.stt": "số thứ tự",
        **{f"chi_so.{k}": v for k, v in _FIGURES.items()},
        "chi_so.danh_gia": "đánh giá: Đạt, Không đạt hoặc Không đánh giá",
        "bieu_do": "biểu đồ kết quả so với chỉ tiêu (hình)",
        "khong_do": "các chỉ tiêu không tính được tỷ lệ trong báo cáo (đánh giá qua hồ sơ văn "
        "bản), mỗi phần tử một câu chỉ tiêu",
        "ton_tai": "các chỉ tiêu chưa đạt, mỗi dòng một chỉ tiêu và loại đơn vị",
        **{f"ton_tai.{k}": v for k, v in _FIGURES.items()},
        "ton_tai.muc": "số mục (I, II…) của chỉ tiêu trong phụ lục đơn vị chưa đạt; rỗng khi "
        "không có danh sách",
        "nam_sau": "năm sau năm báo cáo",
        "cap_tren": "cơ quan cấp trên nhận báo cáo và đề nghị khen thưởng",
        "so_khen": "số đơn vị đề nghị khen thưởng",
        "pl_chua_dat": "số phụ lục đơn vị chưa đạt chỉ tiêu (I); rỗng khi không có phụ lục",
        "pl_khen": "số phụ lục đơn vị đề nghị khen thưởng (I, II); rỗng khi không có phụ lục",
        "phu_luc_chua_dat": "phụ lục: các chỉ tiêu chưa đạt, mỗi chỉ tiêu với danh sách đơn vị "
        "chưa đạt",
        **{f"phu_luc_chua_dat.{k}": v for k, v in _FIGURES.items()},
        "phu_luc_chua_dat.muc": "số mục của chỉ tiêu trong phụ lục (I, II…)",
        "phu_luc_chua_dat.ma": "mã chỉ tiêu (dang_ky, dat_chuan, kha_tro_len, dien_hinh, "
        "ke_hoach…): mẫu chọn cột Kết quả theo mã",
        "phu_luc_chua_dat.van_ban": "đúng khi chỉ tiêu được đánh giá qua văn bản (kế hoạch, cam "
        "kết…): đơn vị chưa đạt là đơn vị chưa có văn bản",
        "phu_luc_chua_dat.don_vi": "các đơn vị chưa đạt chỉ tiêu, mỗi dòng một đơn vị",
        **{f"phu_luc_chua_dat.don_vi.{k}": v for k, v in _LISTED.items()},
        "phu_luc_chua_dat.don_vi.dien_hinh": "chỉ tiêu dien_hinh: các đơn vị cấp dưới đã được "
        "chọn xây dựng điển hình nhưng chưa đạt (mẫu ghi "
        "“Đã chọn xây dựng điển hình: …”); rỗng khi "
        "chưa chọn đơn vị nào, và ở chỉ tiêu khác",
        "phu_luc_khen": "phụ lục: các đơn vị đề nghị khen thưởng",
        **{f"phu_luc_khen.{k}": v for k, v in _LISTED.items()},
    }
    needs_results = True

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """The root always reports; other levels when the campaign's matrix names their type."""
        return unit.parent is None or super().needs(campaign, unit)

    def context(self, request: Request) -> dict:
        """The year report of one level from the year-end results."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        results = request.results
        assert results is not None
        return self.report_context(campaign, unit, results, needs)

    def report_document(
        self,
        campaign: Campaign,
        roster: Roster,
        level: Unit,
        needs: Needs,
        results: Results,
        documents: Evidence | None = None,
    ) -> Document:
        """A level's report; with documents (what `check` found) it measures their targets too."""
        context = self.report_context(campaign, level, results, needs, documents)
        return self.document(campaign, roster, level, needs, results, context=context)

    def report_context(
        self,
        campaign: Campaign,
        level: Unit,
        results: Results,
        needs: Needs,
        documents: Evidence | None = None,
    ) -> dict:
        """The template variables of a level's year report; missing values go to needs."""
        year = campaign.year
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        units = [u for u in subtree(level) if u is not level]
        scored = [u for u in units if u.code in results.units]
        indicators = measure(campaign, results, level, documents)
        if not campaign.targets:
            needs.campaign_part("chi_tieu", f"{PURPOSE} (bảng chỉ tiêu và biểu đồ)")
        elif not indicators:
            needs.campaign_problem(
                "chi_tieu",
                "không có chỉ tiêu nào tính được từ kết quả cuối năm (mã dang_ky, dat_chuan, "
                f"kha_tro_len, huyen_kha_tro_len, dien_hinh), cần cho bảng chỉ tiêu của {PURPOSE}",
            )
        recipients = self._recipients(campaign, level, needs)
        superior = (
            level.parent.body_name
            if level.parent is not None
            else (recipients[0] if recipients else campaign.committee)
        )
        kinds = {t: kinds_label([u for u in units if u.type == t]) for t in UNIT_TYPES}
        order = {u.code: i for i, u in enumerate(units)}
        below = [i for i in indicators if i.met is False]
        groups = [i for i in below if i.shortfall]
        # Section of the appendix listing each indicator's units (by identity: indicators
        # holding units do not compare cheaply).
        section = {id(i): roman(n) for n, i in enumerate(groups, start=1)}
        best = awarded(scored, results)
        appendices = iter(range(1, 3))
        shortfall_no = roman(next(appendices)) if groups else ""
        award_no = roman(next(appendices)) if best else ""
        computed = sum(1 for u in scored if results.units[u.code].level_computed)
        models = [u for u in units if u.is_model]
        built = [u for u in models if model_built(u, results)]
        held = [u for u in scored if results.units[u.code].event_held]
        previous = results.previous
        codes = None if level.parent is None else {u.code for u in units}
        last = self._last_year(previous, units)
        return {
            **heading.header(level, campaign, day),
            "nam": year,
            "nam_truoc": year - 1,
            "co_nam_truoc": previous is not None,
            "ghi_chu": common.notes(results, level),
            "so_lieu": common.figure_sections(level, results, campaign, previous, codes),
            "ngay": vi.short_date(day),
            "co_quan": level.body_name,
            "ke_hoach": common.plan_ref(campaign),
            "dia_ban": level.sentence_name,
            "theo_loai": [
                f"{vi.number(sum(1 for u in units if u.type == t))} {kinds[t]}"
                for t in UNIT_TYPES
                if kinds[t]
            ],
            "tong_don_vi": vi.number(len(units)),
            "dang_ky": self._registration(units, results, kinds, last),
            "ngoai_chuan": kinds["huyen"],
            "so_cham_diem": vi.number(len(scored)),
            **self._classification(scored, results, kinds),
            "nguong": common.thresholds(results.thresholds),
            # Units whose level was computed from their score ('' when every level was given).
            "tinh_tu_diem": vi.number(computed) if computed else "",
            "dien_hinh": names(models),
            "so_dien_hinh": vi.number(len(models)),
            # A model unit counts as built when it met the standard (districts are outside it)
            # and was classified Khá or above.
            "dien_hinh_dat": names(built),
            "so_dien_hinh_dat": vi.number(len(built)),
            "ngay_hoi": {
                "to_chuc": str(len(held)),
                "tong": str(len(scored)),
                "ty_le": _share(len(held), len(scored)),
                **change(len(held), last.get(("ngay_hoi", None))),
            },
            # A target about a kind of unit the level no longer has (districts after 2025)
            # has nothing to count: it stays in the JSON, not in the signed table.
            "chi_so": [
                self._row(n, i, kinds)
                for n, i in enumerate((i for i in indicators if i.denominator), start=1)
            ],
            # The chart shows the targets measured from results; those met by documents are
            # many rows at or near 100% and stay in the table, so the chart fits its page.
            "bieu_do": Image(
                bar_chart(
                    [
                        i
                        for i in indicators
                        if i.denominator
                        and not (documents is not None and i.id in documents.targets)
                    ],
                    f"Kết quả thực hiện chỉ tiêu năm {year}",
                ),
                CHART_WIDTH_MM,
            ),
            # A target set for named units outside this level says nothing here.
            "khong_do": [
                t.text.rstrip(" ;.")
                for t in unmeasured(campaign, documents)
                if not t.units or any(u.code in t.units for u in (level, *units))
            ],
            "ton_tai": [{**self._figures(i, kinds), "muc": section.get(id(i), "")} for i in below],
            "nam_sau": year + 1,
            "cap_tren": superior,
            "so_khen": vi.number(len(best)),
            "pl_chua_dat": shortfall_no,
            "pl_khen": award_no,
            "phu_luc_chua_dat": [
                {
                    **self._figures(i, kinds),
                    "muc": roman(n),
                    "ma": i.id,
                    "van_ban": documents is not None and i.id in documents.targets,
                    "don_vi": [
                        {
                            **row,
                            "dien_hinh": names(chosen_models(unit)) if i.id == "dien_hinh" else "",
                        }
                        for unit, row in self._listed_units(
                            sorted(i.shortfall, key=lambda u: order.get(u.code, 0)), results
                        )
                    ],
                }
                for n, i in enumerate(groups, start=1)
            ],
            "phu_luc_khen": self._listed(best, results),
            "ky": common.signature(level, campaign, needs, PURPOSE),
            "noi_nhan": [common.recipient(r) for r in recipients],
        }

    def _recipients(self, campaign: Campaign, level: Unit, needs: Needs) -> list[str]:
        """The bodies the report goes to: the campaign's for the root, else the level above
        and the province's steering committee."""
        if level.parent is None:
            if not campaign.report_recipients:
                needs.campaign_part(
                    "noi_nhan_bao_cao", f"{PURPOSE} của {level.name} (nơi nhận: cơ quan cấp trên)"
                )
            return list(campaign.report_recipients)
        return list(
            dict.fromkeys([level.parent.body_name, common.steering_committee(level, campaign)])
        )

    def _last_year(
        self, previous: Results | None, units: list[Unit]
    ) -> dict[tuple[str, str | None], int]:
        """Last year's counts over this year's units (by code): registered and recognised per
        unit type, and the units that held the Ngày hội; empty without last year's results."""
        if previous is None:
            return {}
        counts: Counter = Counter()
        for unit in units:
            result = previous.get(unit.code)
            if result is None:
                continue
            counts[("dang_ky", unit.type)] += result.registered
            counts[("cong_nhan", unit.type)] += result.recognised
            counts[("ngay_hoi", None)] += result.event_held
        return dict(counts)

    def _registration(
        self,
        units: list[Unit],
        results: Results,
        kinds: dict[str, str],
        last: dict[tuple[str, str | None], int],
    ) -> list[dict]:
        """Registration and recognition per unit type the standard covers (never districts),
        with last year's counts of the same units when known."""
        rows = []
        for unit_type in UNIT_TYPES:
            if unit_type not in STANDARD_TYPES:
                continue
            of_type = [u for u in units if u.type == unit_type and u.code in results.units]
            if not of_type:
                continue
            registered = [u for u in of_type if results.units[u.code].registered]
            recognised = [u for u in registered if results.units[u.code].recognised]
            rows.append(
                {
                    "loai": capitalised(kinds[unit_type]),
                    "tong": vi.number(len(of_type)),
                    "dang_ky": vi.number(len(registered)),
                    "ty_le_dang_ky": _share(len(registered), len(of_type)),
                    "cong_nhan": vi.number(len(recognised)),
                    "ty_le_cong_nhan": _share(len(recognised), len(registered)),
                    "dk": change(len(registered), last.get(("dang_ky", unit_type))),
                    "cn": change(len(recognised), last.get(("cong_nhan", unit_type))),
                }
            )
        return rows

    def _classification(self, scored: list[Unit], results: Results, kinds: dict[str, str]) -> dict:
        """Levels per unit type (phan_loai) and their totals (phan_loai_tong)."""
        rows = []
        keys = ("xuat_sac", "kha", "trung_binh", "yeu")
        totals: Counter[str] = Counter()
        for unit_type in UNIT_TYPES:
            levels = Counter(results.units[u.code].level for u in scored if u.type == unit_type)
            if not levels:
                continue
            totals.update(levels)
            row = {"loai": capitalised(kinds[unit_type]), "tong": vi.number(sum(levels.values()))}
            row.update({k: vi.number(levels[lv]) for k, lv in zip(keys, LEVELS)})
            rows.append(row)
        total = {"tong": vi.number(sum(totals.values()))}
        total.update({k: vi.number(totals[lv]) for k, lv in zip(keys, LEVELS)})
        return {"phan_loai": rows, "phan_loai_tong": total}

    def _type_words(self, indicator: Indicator, kinds: dict[str, str]) -> str:
        """The unit types of an indicator as officials word them: 'xã, phường, thị trấn'."""
        if indicator.unit_type is None:
            return indicator.type_name
        return kinds[indicator.unit_type] or indicator.type_name

    def _figures(self, indicator: Indicator, kinds: dict[str, str]) -> dict:
        """An indicator's name, unit types, counts, achieved and target percentages."""
        return {
            "chi_tieu": indicator.label,
            "loai": self._type_words(indicator, kinds),
            "ti_so": f"{indicator.numerator}/{indicator.denominator}",
            "thuc_hien": indicator.actual_text,
            "muc_tieu": indicator.target_text,
        }

    def _row(self, number: int, indicator: Indicator, kinds: dict[str, str]) -> dict:
        return {
            "stt": str(number),
            **self._figures(indicator, kinds),
            "danh_gia": indicator.verdict,
        }

    def _listed_units(self, units: list[Unit], results: Results) -> list[tuple[Unit, dict]]:
        """Each unit with its row of an appendix table."""
        return list(zip(units, self._listed(units, results)))

    def _listed(self, units: list[Unit], results: Results) -> list[dict]:
        """Rows of an appendix table: the unit, the unit above it, its score and level."""
        rows = []
        # Two units of one name under one parent ("Tổ dân phố 2" of two merged wards) are told
        # apart by their codes.
        for number, unit in enumerate(units, start=1):
            result = results.get(unit.code)
            siblings = unit.parent.children if unit.parent is not None else []
            twin = sum(1 for u in siblings if u.name == unit.name) > 1
            rows.append(
                {
                    "stt": str(number),
                    "ten": f"{unit.name} (mã {unit.code})" if twin else unit.name,
                    "cap_tren": unit.parent.name if unit.parent is not None else "",
                    "diem": vi.number(result.score) if result is not None else "",
                    "xep_loai": result.level if result is not None else "",
                }
            )
        return rows


def change(now: int, before: int | None) -> dict[str, str]:
    """Last year's figure and the change: truoc, tang, giam ('' where they do not apply)."""
    if before is None:
        return {"truoc": "", "tang": "", "giam": ""}
    return {
        "truoc": vi.number(before),
        "tang": vi.number(now - before) if now > before else "",
        "giam": vi.number(before - now) if now < before else "",
    }


def chosen_models(level: Unit) -> list[Unit]:
    """The units below a level marked Điển hình (built or not): a level that chose one is
    never listed as having none."""
    return [u for u in level.descendants() if u.is_model]


def names(units: list[Unit]) -> str:
    """Units' names in Vietnamese order, joined by commas (short lists such as model units)."""
    return ", ".join(display_name(u) for u in sorted(units, key=lambda u: vi.sort_key(u.name)))


def display_name(unit: Unit) -> str:
    """A unit's name that stays unambiguous in a list: 'Thôn 1 (xã Hà Mòn)'."""
    if unit.type == "khu_dan_cu" and unit.parent is not None:
        return f"{unit.name} ({unit.parent.sentence_name})"
    return unit.sentence_name


def _share(part: int, whole: int) -> str:
    """A share as a percentage, or '' when there is no unit to count (the template says so)."""
    shown = display_share(part, whole)
    return "" if shown is None else vi.percent(shown)


KIND = Report()
