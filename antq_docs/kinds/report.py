"""Year report (báo cáo tổng kết) of one level over its whole subtree, against the targets.

Structured as domain §7: I. situation (units taking part, by their real kinds); II. results
(registration and recognition of the units the standard covers, classification with the
thresholds used, model units, Ngày hội, every target's numerator, denominator, percentages and
verdict, with a bar chart); III. shortcomings; IV. directions; V. proposals. Lists of units
(below target, proposed for awards) go into appendix tables (Phụ lục) after the signature,
with the unit above each one. Written for the root by `generate`, and for any level by
`antq-docs report --level`, which may also measure the targets met by documents (--docs). The
wording is in the template (tools/templates/report.py); this module gives it counts, shares,
names and lists: the counts of units come from report_figures.py, the targets, the chart and
the appendices from report_targets.py.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from antq_docs import vi
from antq_docs.indicators import Evidence, Indicator, measure, subtree
from antq_docs.kinds import common, heading, party
from antq_docs.kinds.base import Document, Kind, Needs, Request
from antq_docs.kinds.report_figures import CHANGE, last_year, results_section, situation
from antq_docs.kinds.report_targets import FIGURES, LISTED, appendices, targets_section
from antq_docs.model import (
    GOVERNMENT_TYPES,
    UNIT_TYPES,
    Campaign,
    Results,
    Roster,
    Unit,
    kinds_label,
)

PURPOSE = "báo cáo tổng kết"


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
        "tinh_tu_diem_tat_ca": "đúng khi mọi đơn vị có mức xếp loại tính từ tổng điểm (tệp kết "
        "quả không ghi mức nào)",
        "dien_hinh": "tên các đơn vị điển hình, cách nhau bằng dấu phẩy; rỗng khi không có",
        "so_dien_hinh": "số đơn vị điển hình",
        "dien_hinh_dat": "tên các đơn vị điển hình đạt tiêu chuẩn và xếp loại Khá trở lên",
        "so_dien_hinh_dat": "số đơn vị điển hình đạt tiêu chuẩn và xếp loại Khá trở lên",
        "ngay_hoi": "kết quả tổ chức Ngày hội",
        "ngay_hoi.to_chuc": "số đơn vị đã tổ chức Ngày hội",
        "ngay_hoi.tong": "số đơn vị có kết quả",
        "ngay_hoi.ty_le": "tỷ lệ đơn vị tổ chức Ngày hội; rỗng khi không có đơn vị",
        **{f"ngay_hoi.{k}": v for k, v in CHANGE.items()},
        **common.YEAR_VARIABLES,
        "co_nam_truoc": "đúng khi có kết quả năm trước (--nam-truoc) để so sánh",
        "dang_ky.dk": "so sánh số đơn vị đăng ký với năm trước",
        **{f"dang_ky.dk.{k}": v for k, v in CHANGE.items()},
        "dang_ky.cn": "so sánh số đơn vị được công nhận với năm trước",
        **{f"dang_ky.cn.{k}": v for k, v in CHANGE.items()},
        "chi_so": "bảng kết quả từng chỉ tiêu, mỗi dòng một chỉ tiêu và loại đơn vị",
        "chi_so.stt": "số thứ tự",
        **{f"chi_so.{k}": v for k, v in FIGURES.items()},
        "chi_so.danh_gia": "đánh giá: Đạt, Không đạt hoặc Không đánh giá",
        "bieu_do": "biểu đồ kết quả so với chỉ tiêu (hình)",
        "khong_do": "các chỉ tiêu không tính được tỷ lệ trong báo cáo (đánh giá qua hồ sơ văn "
        "bản), mỗi phần tử một câu chỉ tiêu",
        "ton_tai": "các chỉ tiêu chưa đạt, mỗi dòng một chỉ tiêu và loại đơn vị",
        **{f"ton_tai.{k}": v for k, v in FIGURES.items()},
        "ton_tai.muc": "số mục (I, II…) của chỉ tiêu trong phụ lục đơn vị chưa đạt; rỗng khi "
        "không có danh sách",
        "nam_sau": "năm sau năm báo cáo",
        "cap_tren": "cơ quan cấp trên nhận báo cáo và đề nghị khen thưởng",
        "so_khen": "số đơn vị đề nghị khen thưởng",
        "pl_chua_dat": "số phụ lục đơn vị chưa đạt chỉ tiêu (I); rỗng khi không có phụ lục",
        "pl_khen": "số phụ lục đơn vị đề nghị khen thưởng (I, II); rỗng khi không có phụ lục",
        "phu_luc_chua_dat": "phụ lục: các chỉ tiêu chưa đạt, mỗi chỉ tiêu với danh sách đơn vị "
        "chưa đạt",
        **{f"phu_luc_chua_dat.{k}": v for k, v in FIGURES.items()},
        "phu_luc_chua_dat.muc": "số mục của chỉ tiêu trong phụ lục (I, II…)",
        "phu_luc_chua_dat.ma": "mã chỉ tiêu (dang_ky, dat_chuan, kha_tro_len, dien_hinh, "
        "ke_hoach…): mẫu chọn cột Kết quả theo mã",
        "phu_luc_chua_dat.van_ban": "đúng khi chỉ tiêu được đánh giá qua văn bản (kế hoạch, cam "
        "kết…): đơn vị chưa đạt là đơn vị chưa có văn bản",
        "phu_luc_chua_dat.don_vi": "các đơn vị chưa đạt chỉ tiêu, mỗi dòng một đơn vị",
        **{f"phu_luc_chua_dat.don_vi.{k}": v for k, v in LISTED.items()},
        "phu_luc_chua_dat.don_vi.dien_hinh": "chỉ tiêu dien_hinh: các đơn vị cấp dưới đã được "
        "chọn xây dựng điển hình nhưng chưa đạt (mẫu ghi "
        "“Đã chọn xây dựng điển hình: …”); rỗng khi "
        "chưa chọn đơn vị nào, và ở chỉ tiêu khác",
        "phu_luc_khen": "phụ lục: các đơn vị đề nghị khen thưởng",
        **{f"phu_luc_khen.{k}": v for k, v in LISTED.items()},
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
        day = self.report_day(campaign, level, needs)
        units = [u for u in subtree(level) if u is not level]
        scored = [u for u in units if u.code in results.units]
        indicators = measure(campaign, results, level, documents)
        self._ask_for_targets(campaign, indicators, needs)
        recipients = self._recipients(campaign, level, needs, day)
        kinds = {t: kinds_label([u for u in units if u.type == t]) for t in UNIT_TYPES}
        previous = results.previous
        codes = None if level.parent is None else {u.code for u in units}
        last = last_year(previous, units)
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
            **situation(units, kinds),
            **results_section(level, units, scored, results, kinds, last),
            **targets_section(campaign, level, units, indicators, documents, kinds),
            **appendices(units, scored, indicators, results, documents, kinds),
            "nam_sau": year + 1,
            "cap_tren": self._superior(campaign, level, recipients),
            "ky": common.signature(level, campaign, needs, PURPOSE),
            "noi_nhan": [common.recipient(r) for r in recipients],
        }

    def _ask_for_targets(
        self, campaign: Campaign, indicators: list[Indicator], needs: Needs
    ) -> None:
        """The campaign's targets are needed, and at least one the results can measure."""
        if not campaign.targets:
            needs.campaign_part("chi_tieu", f"{PURPOSE} (bảng chỉ tiêu và biểu đồ)")
        elif not indicators:
            needs.campaign_problem(
                "chi_tieu",
                "không có chỉ tiêu nào tính được từ kết quả cuối năm (mã dang_ky, dat_chuan, "
                f"kha_tro_len, huyen_kha_tro_len, dien_hinh), cần cho bảng chỉ tiêu của {PURPOSE}",
            )

    def _superior(self, campaign: Campaign, level: Unit, recipients: list[str]) -> str:
        """The body above that receives the report and the proposals for awards: the level's
        parent, else the root's first recipient, else the steering committee."""
        if level.parent is not None:
            return level.parent.body_name
        return recipients[0] if recipients else campaign.committee

    def report_day(self, campaign: Campaign, level: Unit, needs: Needs) -> dt.date:
        """The report's date: the campaign's (ngay_van_ban.report), but a level below the root
        reports before the deadline its own plan states (han_bao_cao: 'trước ngày 30/11')."""
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        if level.parent is None:
            return day
        return min(day, campaign.report_deadline(level.type) - dt.timedelta(days=1))

    def _recipients(self, campaign: Campaign, level: Unit, needs: Needs, day: dt.date) -> list[str]:
        """The bodies the report goes to: the campaign's for the root, else the level above
        and the province's steering committee; a local government's also to the standing
        bodies of its own level (cấp ủy, Hội đồng nhân dân) and its Công an."""
        if level.parent is None:
            if not campaign.report_recipients:
                needs.campaign_part(
                    "noi_nhan_bao_cao", f"{PURPOSE} của {level.name} (nơi nhận: cơ quan cấp trên)"
                )
            return list(campaign.report_recipients)
        bodies = [level.parent.body_name, common.steering_committee(level, campaign)]
        if level.type in GOVERNMENT_TYPES:
            bodies += [
                f"Thường trực {party.party_committee(level)}",
                f"Thường trực Hội đồng nhân dân {level.sentence_name}",
                common.police(level, campaign, day),
            ]
        return list(dict.fromkeys(bodies))


KIND = Report()
