"""Minutes of the review meeting (biên bản họp bình xét) of one unit, a document of its own.

Units of the campaign's hop_binh_xet types (khu dân cư and communes by default) meet at year end
to review their results and vote on the level they propose. The minutes carry their own number
('…/BB-UBND'; a khu dân cư numbers nothing), time and place, the chair (chair_of: the deputy
the roster names to sign the unit's documents, else its head), the secretary, attendance and
vote from the results file, and the discussion: self-score, the standard result (đạt / chưa
đạt) and the proposed level, by the scoring basis (can_cu_cham_diem) and the thresholds used.
A commune's minutes also record the proposal to recognise, by name, each unit below it that met
the standard (its khu dân cư, and the agencies, enterprises and schools it manages), addressed
to whoever recognises them (kinds/authority.py): the recognition decision cites these minutes as
its basis. The minutes are usually printed before the meeting, so what the results do not give
is left as dotted lines in the template.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from antq_docs import vi
from antq_docs.kinds import common, heading
from antq_docs.kinds.authority import chair_decides, recogniser
from antq_docs.kinds.base import Kind, Needs, Request
from antq_docs.model import STANDARD_TYPES, Campaign, Results, Unit, kind_counts, kind_word

PURPOSE = "biên bản họp bình xét"


class Minutes(Kind):
    """The minutes of one unit's year-end review meeting."""

    name = "minutes"
    label = PURPOSE
    short = "Biên bản"
    # The units that hold the review meeting (hop_binh_xet overrides it).
    required = ("khu_dan_cu", "xa")
    # The meeting reviews the evaluations: without a date of its own it takes theirs.
    date_key = "evaluation"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "minutes.docx", "khu_dan_cu": "minutes-khu-dan-cu.docx"}
    number = "BB"
    unnumbered = ("khu_dan_cu",)
    variables: ClassVar[dict[str, str]] = {
        "loai": "loại đơn vị họp: xa, khu_dan_cu (hoặc loại khác theo hop_binh_xet); mẫu chọn "
        "thành phần tham dự theo loại",
        "don_vi": "đơn vị họp: tên viết trong câu với khu dân cư (Thôn 1), tên cơ quan với đơn "
        "vị khác (Ủy ban nhân dân xã Hà Mòn)",
        "ten": "tên đơn vị viết trong câu (xã Hà Mòn, Thôn 1)",
        "cap_tren": "cơ quan cấp trên trực tiếp được đề nghị công nhận kết quả",
        "cap_tren_ten": "địa bàn cấp trên viết trong câu (xã Hà Mòn): Công an phụ trách khu dân cư",
        "so_ho": "số hộ của khu dân cư; rỗng khi danh sách không ghi",
        "so_du_hop": "số người dự họp (tệp kết quả); không có thì mẫu để dòng chấm",
        "tan_thanh": "số người tán thành (tệp kết quả); không có thì mẫu để dòng chấm",
        "chu_tri.ho_ten": "họ và tên người chủ trì: cấp phó ký các văn bản của đơn vị (cột Người "
        "ký) khi danh sách có, không thì người đứng đầu; người chủ trì ký biên bản cùng thư ký",
        "chu_tri.chuc_vu": "chức vụ đầy đủ của người chủ trì",
        "ngay": "ngày họp, bằng chữ",
        "dia_diem": "địa điểm họp",
        "chu_tri": "người chủ trì cuộc họp",
        "thu_ky": "thư ký cuộc họp",
        "khu_dan_cu": "các khu dân cư của xã",
        "diem": "tổng điểm tự chấm",
        "dang_ky": "đúng khi đơn vị đã đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”",
        "dat_chuan": "đúng khi đơn vị đạt tiêu chuẩn",
        "xep_loai": "mức xếp loại",
        "can_cu_cham_diem": "văn bản quy định bảng chấm điểm và phân loại mà hội nghị bình xét "
        "theo (can_cu_cham_diem của kế hoạch; mặc định Quyết định số "
        "510/QĐ-BCA-V05 ngày 20/01/2022)",
        "de_nghi": "đề nghị công nhận các đơn vị trực thuộc đạt tiêu chuẩn (khu dân cư của xã, "
        "cơ quan, doanh nghiệp, cơ sở giáo dục xã quản lý), theo người công nhận; "
        "rỗng khi không có đơn vị trực thuộc nào đạt",
        "de_nghi.co_quan": "người có thẩm quyền công nhận (Chủ tịch Ủy ban nhân dân xã Hà Mòn)",
        "de_nghi.nhom": "số đơn vị được đề nghị theo từng tên gọi (02 thôn, 01 tổ dân phố)",
        "de_nghi.nhom.so": "số đơn vị có tên gọi đó (hai chữ số)",
        "de_nghi.nhom.loai": "tên gọi (thôn, tổ dân phố, cơ sở giáo dục…)",
        "de_nghi.ten": "tên các đơn vị được đề nghị công nhận",
    }
    needs_results = True

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Units of the matrix's types (hop_binh_xet by default) with a level above them."""
        return unit.parent is not None and super().needs(campaign, unit)

    def meeting_date(self, campaign: Campaign, needs: Needs) -> dt.date:
        """The minutes' own date when the campaign gives one, else the evaluation's date."""
        if self.name in campaign.doc_dates:
            return campaign.doc_dates[self.name]
        return needs.campaign_date(campaign, self.date_key, PURPOSE)

    def context(self, request: Request) -> dict:
        """The template variables of one unit's minutes; missing values go to needs."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        results = request.results
        assert results is not None
        parent = unit.parent
        assert parent is not None
        result = results.units[unit.code]
        day = self.meeting_date(campaign, needs)
        chair, title = chair_of(unit, campaign, needs)
        residential = unit.type == "khu_dan_cu"
        count = vi.number
        return {
            **heading.header(unit, campaign, day),
            "loai": unit.type,
            "nam": campaign.year,
            "ngay": vi.date_words(day),
            "dia_diem": unit.venue,
            "don_vi": unit.sentence_name if residential else unit.body_name,
            "ten": unit.sentence_name,
            "cap_tren": parent.body_name,
            "cap_tren_ten": parent.sentence_name,
            "khu_dan_cu": [c.name for c in common.subordinates(unit) if c.type == "khu_dan_cu"],
            "kdc": common.residential_results(unit, results),
            "so_ho": count(unit.households) if unit.households else "",
            "chu_tri": {"ho_ten": chair, "chuc_vu": title},
            "thu_ky": result.secretary,
            "so_du_hop": count(result.attendance) if result.attendance is not None else None,
            "tan_thanh": count(result.votes_for) if result.votes_for is not None else None,
            "diem": vi.number(result.score),
            "dang_ky": result.registered,
            "dat_chuan": result.recognised,
            "xep_loai": result.level,
            "can_cu_cham_diem": campaign.scoring_basis,
            "nguong": common.thresholds(results.thresholds),
            "de_nghi": proposals(campaign, unit, results),
        }


def chair_of(unit: Unit, campaign: Campaign, needs: Needs) -> tuple[str, str]:
    """Who chairs the review meeting, with the office in full: the official the roster names
    for the unit's documents of the movement (Người ký: the deputy in charge, who signs the
    evaluation the meeting reviews), else its head. The chair signs the minutes in person
    (CHỦ TRÌ), with the secretary: minutes are not signed for the body (no TM., no KT.)."""
    if common.deputy_signs(unit, campaign):
        name, title = common.deputy(unit, needs, PURPOSE)
    else:
        name = needs.unit_value(unit, "head", PURPOSE)
        title = needs.unit_value(unit, "title", PURPOSE)
    # 'Phó Chủ tịch UBND xã' in the roster; the minutes name the office in full.
    return name, common.office(unit, title) if title else title


def proposals(campaign: Campaign, unit: Unit, results: Results) -> list[dict]:
    """What the meeting proposes for recognition, grouped by who recognises it: the khu dân
    cư below the unit that met the standard, and the other units below it that it recognises
    itself (an agency recognised higher up is proposed by its own meeting). Names follow
    their kinds' order ('03 thôn, 01 tổ dân phố: Thôn 1, …, Tổ dân phố 2')."""
    chair = "Chủ tịch " if chair_decides(campaign) else ""
    by_issuer: dict[str, tuple[Unit, list[Unit]]] = {}
    for below in common.subordinates(unit):
        result = results.get(below.code)
        issuer = recogniser(campaign, below)
        if (
            below.type in STANDARD_TYPES
            and result is not None
            and result.recognised
            and issuer is not None
            and (below.type == "khu_dan_cu" or issuer is unit)
        ):
            by_issuer.setdefault(issuer.code, (issuer, []))[1].append(below)
    found = []
    for issuer, units in by_issuer.values():
        counts = kind_counts(units)
        order = [word for word, _ in counts]
        units.sort(key=lambda u: (order.index(kind_word(u)), vi.sort_key(u.name)))
        found.append(
            {
                "co_quan": f"{chair}{issuer.body_name}",
                "nhom": [{"so": vi.count(n), "loai": word} for word, n in counts],
                "ten": [u.name for u in units],
            }
        )
    return found


KIND = Minutes()
