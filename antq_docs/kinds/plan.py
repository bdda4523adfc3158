"""The year plan (kế hoạch xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc) of one unit.

Target 1 of the source plan: every local government, agency, enterprise and school issues a
plan in Quý I. A district (huyện) or commune (xã) plan carries the province's targets down to
the units under it, in a table, and a district names the model unit(s) it builds (target 3).
It is always the chính quyền's document (Nghị định 30); the cấp ủy's resolution of the same
level is a kind of its own (kinds/resolution.py), and target 1 asks for both.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from antq_docs import model, vi
from antq_docs.indicators import display_share
from antq_docs.kinds import common, heading, party
from antq_docs.kinds.base import Kind, Needs, Request
from antq_docs.messages import documents as msg
from antq_docs.model import BELOW_PROVINCE, ISSUERS, Campaign, Target, Unit

PURPOSE = "kế hoạch năm"

# Kinds of unit whose plan paragraphs differ (III. Nhiệm vụ, IV. Tổ chức thực hiện).
_GROUP = {
    "tinh": "chinh_quyen",
    "huyen": "chinh_quyen",
    "xa": "chinh_quyen",
    "co_quan": "co_quan",
    "doanh_nghiep": "doanh_nghiep",
    "co_so_giao_duc": "co_so_giao_duc",
}
# A plan lists its subordinates' targets in this order of unit types.
# The unit's own part of these targets is the plan itself, so only its subordinates' is stated.
_NOT_OWN = frozenset({"ke_hoach"})


def _level(target: Target) -> str:
    """'100%', '80%': the target's level (the template writes 'Trên' for a strict one)."""
    return vi.percent(target.goal)


def unit_targets(campaign: Campaign, unit: Unit) -> list[dict]:
    """The targets a unit's plan states, in its own terms and counts (domain §3).

    The unit's own part of each target of its type; then, for each kind of unit in its subtree,
    the share and the count of those units ('100% (04/04) thôn, làng đăng ký …'); and the targets
    that name this unit. A target about a type the unit neither is nor has is left out, so a
    commune never carries the province's "cấp huyện" sentence.
    """
    rows: list[dict] = []
    for target in campaign.targets:
        if target.units:
            if unit.code in target.units:
                rows.append(
                    {"pham_vi": "rieng", "ma": target.id, "noi_dung": target.text.rstrip(" ;.")}
                )
            continue
        # A unit chosen as a model itself states that instead ('diem', below).
        chosen = target.id == "dien_hinh" and unit.is_model and unit.type != "huyen"
        if target.applies_to(unit.type) and target.id not in _NOT_OWN and not chosen:
            rows.append(
                {
                    "pham_vi": "don_vi",
                    "ma": target.id,
                    "noi_dung": target.text.rstrip(" ;."),
                    "so_luong": vi.count(target.count),
                    "loai": _local_below(unit),
                }
            )
        parts = _parts_below(campaign, unit, target)
        if parts:
            rows.append(
                {
                    "pham_vi": "cap_duoi",
                    "ma": target.id,
                    "noi_dung": target.text,
                    "muc": _level(target),
                    "tren": target.strict,
                    "phan": parts,
                    # Below 100% the count (01/01) is not the level (70%): the template
                    # writes the count with its own share, then the level as the target.
                    "tron": target.goal >= 100,
                    "so_luong": vi.count(target.count),
                }
            )
    if unit.is_model and unit.type != "huyen":
        # Chosen by the level above as its model unit (target 3): the plan says it will be one.
        rows.append({"pham_vi": "diem", "ma": "dien_hinh"})
    return rows


def _reporting(campaign: Campaign, unit: Unit, children: list[Unit]) -> list[dict]:
    """The units below grouped by the deadline of their year-end report and the body it goes
    to: their kinds, the deadline, whether they must issue a plan of their own, and the body
    they report to when it is not this unit (a THPT's Sở GD&ĐT: common.reports_to)."""
    groups: dict[tuple[str, str], list[Unit]] = {}
    for child in children:
        due = vi.short_date(campaign.report_deadline(child.type))
        body = common.reports_to(child, campaign)
        groups.setdefault((due, "" if body == unit.body_name else body), []).append(child)
    return [
        {
            "loai": model.kinds_label(units),
            "han": due,
            "ke_hoach": all(campaign.requires("plan", u.type) for u in units),
            "gui": body,
            # Named, since "Các cơ sở giáo dục" would also cover those reporting here.
            "don_vi": ", ".join(u.name for u in units) if body else "",
        }
        for (due, body), units in groups.items()
    ]


def _local_below(unit: Unit) -> str:
    """The local units right below a level, as its model-unit target names them: a district's
    communes ('xã, thị trấn'), a commune's khu dân cư ('thôn, khu phố')."""
    kind = "khu_dan_cu" if unit.type == "xa" else "xa"
    below = model.kinds_label([u for u in unit.children if u.type == kind])
    return below or ("khu dân cư" if kind == "khu_dan_cu" else "xã")


def _parts_below(campaign: Campaign, unit: Unit, target: Target) -> list[dict]:
    """For each kind of unit below the unit that a target applies to, how many must reach it
    of how many there are, and the share that makes."""
    below = unit.descendants()
    parts = []
    for unit_type in BELOW_PROVINCE:
        if unit_type == unit.type or not target.applies_to(unit_type):
            continue
        of_type = [u for u in below if u.type == unit_type]
        if not of_type:
            continue
        base = _base(campaign, target, unit_type, len(of_type))
        need = target.required(base)
        parts.append(
            {
                "loai": model.kinds_label(of_type),
                "so": f"{vi.count(need)}/{vi.count(base)}",
                "it_nhat": need != base,
                "ty_le": vi.percent(display_share(need, base) or 0),
            }
        )
    return parts


def _base(campaign: Campaign, target: Target, unit_type: str, units: int) -> int:
    """The units of a type a target is counted on: all of them, but recognition (dat_chuan)
    counts among the registered, as many as must register."""
    if target.id != "dat_chuan":
        return units
    register = next(
        (
            t
            for t in campaign.targets
            if t.id == "dang_ky" and not t.units and t.applies_to(unit_type)
        ),
        None,
    )
    return register.required(units) if register else units


def _requirement(campaign: Campaign, unit: Unit) -> dict:
    """What one subordinate must reach: registration (required or encouraged), year-end goals."""
    own = [t for t in campaign.targets_for(unit.type) if not t.units]
    register = next((t for t in own if t.id == "dang_ky"), None)
    if register is None:
        registration, level = "", ""
    elif register.goal >= 100:
        registration, level = "bat_buoc", ""
    else:
        registration, level = "van_dong", vi.percent(register.goal)
    return {
        "dang_ky": registration,
        "muc_dang_ky": level,
        "tren_dang_ky": register is not None and register.strict,
        "dat_chuan": any(t.id == "dat_chuan" for t in own),
        "kha": any(t.id in ("kha_tro_len", "huyen_kha_tro_len") for t in own),
    }


_GOAL = ("dang_ky", "muc_dang_ky", "tren_dang_ky", "dat_chuan", "kha")


def _subordinate_goals(campaign: Campaign, unit: Unit) -> tuple[dict, list[dict]]:
    """What most direct subordinates must reach (one sentence says it), and the table of those
    with their own: another requirement, or chosen as a model unit.

    A table that repeats one identical target on every row says nothing per unit; it lists
    only the units that differ from the shared goal. No subordinates: ({}, []).
    """
    rows = [
        {
            "ten": sub.name,
            "loai": vi.upper(model.kind_word(sub)[:1]) + model.kind_word(sub)[1:],
            "dien_hinh": sub.is_model,
            **_requirement(campaign, sub),
        }
        for sub in common.subordinates(unit)
    ]
    if not rows:
        return {}, []
    # The goal most units share; on a tie, the first in the plan's order.
    common_goal = Counter(tuple(r[k] for k in _GOAL) for r in rows).most_common(1)[0][0]
    own = [r for r in rows if r["dien_hinh"] or tuple(r[k] for k in _GOAL) != common_goal]
    for index, row in enumerate(own, start=1):
        row["stt"] = index
    return dict(zip(_GOAL, common_goal)), own


class Plan(Kind):
    """The year plan of one unit."""

    name = "plan"
    label = "kế hoạch năm"
    short = "Kế hoạch"
    required = ISSUERS
    target = "ke_hoach"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "plan.docx"}
    number = "KH"
    number_purpose = PURPOSE
    variables: ClassVar[dict[str, str]] = {
        "ten": "tên đơn vị",
        "ten_trong_cau": "tên đơn vị viết trong câu",
        "nhom": "nhóm đơn vị chọn đoạn văn: chinh_quyen, co_quan, doanh_nghiep, co_so_giao_duc",
        "cap": "loại đơn vị ban hành: huyen, xa, co_quan, doanh_nghiep, co_so_giao_duc (mẫu "
        "phân biệt xã với huyện trong nhóm chinh_quyen)",
        "chi_tieu": "các chỉ tiêu của đơn vị, tính theo số đơn vị của mình",
        "chi_tieu.pham_vi": "chỉ tiêu nói về ai: don_vi (chính đơn vị, theo loại của nó), "
        "cap_duoi (các đơn vị cấp dưới, có số lượng), rieng (chỉ tiêu nêu "
        "tên đơn vị này), diem (đơn vị được chọn xây dựng điển hình)",
        "chi_tieu.ma": "mã chỉ tiêu: ke_hoach, cam_ket, dang_ky, dat_chuan, kha_tro_len, "
        "huyen_kha_tro_len, ngay_hoi, dien_hinh (hoặc mã khác của kế hoạch năm); "
        "mẫu chọn câu theo mã",
        "chi_tieu.noi_dung": "câu chỉ tiêu như kế hoạch của tỉnh viết (dùng khi mẫu không có "
        "câu riêng cho mã)",
        "chi_tieu.so_luong": "số đơn vị điển hình chỉ tiêu yêu cầu, hai chữ số (chỉ tiêu "
        "dien_hinh)",
        "chi_tieu.loai": "các loại đơn vị địa phương ngay dưới đơn vị (dòng don_vi): xã, thị "
        "trấn của huyện (mặc định “xã”), thôn, khu phố của xã (mặc định “khu dân cư”)",
        "chi_tieu.muc": "mức chỉ tiêu (100%, 80%) (dòng cap_duoi)",
        "chi_tieu.tren": "đúng khi chỉ tiêu là “trên” mức (trên 80%) (dòng cap_duoi)",
        "chi_tieu.phan": "phần của từng loại đơn vị cấp dưới (dòng cap_duoi)",
        "chi_tieu.phan.loai": "các loại đơn vị cấp dưới (xã, thị trấn; thôn, làng)",
        "chi_tieu.phan.so": "số đơn vị phải đạt / tổng số đơn vị loại đó (04/04)",
        "chi_tieu.phan.it_nhat": "đúng khi số phải đạt ít hơn tổng số (mẫu viết “ít nhất”)",
        "chi_tieu.phan.ty_le": "tỷ lệ của số phải đạt trên tổng số (83,3%)",
        "chi_tieu.tron": "đúng khi mức chỉ tiêu là 100%: mẫu viết “100% (04/04) thôn, làng”; "
        "dưới 100% mẫu viết số đơn vị và tỷ lệ của nó (01/01 doanh nghiệp "
        "(100%)), rồi mức chỉ tiêu (chỉ tiêu: 70%)",
        "chung": "chỉ tiêu chung của các đơn vị trực thuộc (mẫu viết một câu): các trường như "
        "của bang; rỗng khi không có đơn vị trực thuộc",
        "chung.dang_ky": "đăng ký tiêu chuẩn: bat_buoc, van_dong hoặc rỗng (không áp dụng)",
        "chung.muc_dang_ky": "tỷ lệ chỉ tiêu vận động đăng ký (70%); rỗng khi không phải van_dong",
        "chung.tren_dang_ky": "đúng khi chỉ tiêu vận động đăng ký là “trên” tỷ lệ đó (so_sanh: "
        "'>'): mẫu ghi “chỉ tiêu trên 80%” như chính chỉ tiêu",
        "chung.dat_chuan": "đúng khi các đơn vị có chỉ tiêu được công nhận đạt tiêu chuẩn",
        "chung.kha": "đúng khi các đơn vị có chỉ tiêu xếp loại Khá trở lên",
        "bang": "bảng các đơn vị trực thuộc có chỉ tiêu riêng (khác chỉ tiêu chung, hoặc được "
        "chọn xây dựng điển hình), mỗi dòng một đơn vị; rỗng khi không có",
        "bang.stt": "số thứ tự",
        "bang.ten": "tên đơn vị trực thuộc",
        "bang.loai": "loại đơn vị, viết hoa chữ đầu (Thị trấn, Thôn, Trường)",
        "bang.dien_hinh": "đúng khi đơn vị được chọn xây dựng điển hình",
        "bang.dang_ky": "đăng ký tiêu chuẩn: bat_buoc (phải đăng ký), van_dong (vận động đăng "
        "ký theo tỷ lệ), rỗng (không áp dụng)",
        "bang.muc_dang_ky": "tỷ lệ chỉ tiêu vận động đăng ký (70%); rỗng khi không phải van_dong",
        "bang.tren_dang_ky": "đúng khi chỉ tiêu vận động đăng ký là “trên” tỷ lệ đó",
        "bang.dat_chuan": "đúng khi loại đơn vị có chỉ tiêu được công nhận đạt tiêu chuẩn",
        "bang.kha": "đúng khi loại đơn vị có chỉ tiêu xếp loại Khá trở lên",
        "dien_hinh": "tên các đơn vị được chọn xây dựng điển hình (chỉ kế hoạch cấp huyện)",
        "tren_dia_ban": "đúng khi có đơn vị cấp dưới trong danh sách không trực thuộc đơn vị "
        "này (trường THPT, cơ quan ngành dọc, doanh nghiệp): mẫu nói “các đơn vị trên địa bàn” "
        "thay cho “trực thuộc”",
        "thieu_dien_hinh": "đúng khi đơn vị cấp huyện chưa chọn đơn vị điển hình (mẫu in ghi "
        "chú cần bổ sung)",
        "cap_duoi_ten": "các loại đơn vị trực thuộc (xã, thị trấn, doanh nghiệp), “đơn vị” khi "
        "không có",
        "cap_duoi_xa": "các loại đơn vị cấp xã trực thuộc (xã, thị trấn), “xã” khi không có",
        "cap_duoi": "các nhóm đơn vị cấp dưới theo hạn báo cáo và nơi nhận báo cáo: loai, han, "
        "ke_hoach, gui",
        "cap_duoi.gui": "cơ quan nhận báo cáo của nhóm khi không phải đơn vị ban hành (trường "
        "THPT: Sở Giáo dục và Đào tạo); rỗng khi báo cáo về đơn vị ban hành",
        "cap_duoi.don_vi": "tên các đơn vị của nhóm khi nhóm báo cáo về cơ quan khác (gui); "
        "rỗng khi không",
        "cap_duoi.loai": "các loại đơn vị của nhóm (xã, thị trấn, doanh nghiệp)",
        "cap_duoi.han": "hạn gửi báo cáo kết quả cuối năm của nhóm (ngày/tháng/năm)",
        "cap_duoi.ke_hoach": "đúng khi mọi đơn vị của nhóm phải xây dựng kế hoạch năm",
        "ngay_hoi": "ngày tổ chức Ngày hội (ngày/tháng/năm)",
        "cong_an": "Công an phục vụ địa bàn vào ngày của kế hoạch: của chính cấp đó, hoặc cấp "
        "trên khi Công an cấp này đã kết thúc (Công an tỉnh từ 01/3/2025 đối với cấp "
        "huyện)",
        "cong_an_cung_cap": "đúng khi Công an đó là của chính cấp ban hành (giao nhiệm vụ "
        "được); sai khi là cấp trên (chỉ “đề nghị”)",
        "cap_uy": "cấp ủy của đơn vị",
        "cap_tren": "cơ quan nhận báo cáo cuối năm: cơ quan chủ quản của cơ quan, trường học "
        "(trường THPT: Sở Giáo dục và Đào tạo), không thì cấp trên trực tiếp",
        "han": "hạn báo cáo kết quả cuối năm",
    }

    def context(self, request: Request) -> dict:
        """Names, dates, the unit's targets with counts, its subordinates, signature, recipients."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        targets = unit_targets(campaign, unit)
        if not campaign.targets:
            needs.campaign_part("chi_tieu", f"{PURPOSE} (phần II. Chỉ tiêu)")
        elif not targets:
            needs.campaign_problem(
                "chi_tieu",
                f"không có chỉ tiêu nào áp dụng cho {unit.type_name} ({unit.type}), cần cho phần "
                f"II. Chỉ tiêu của {PURPOSE} (ví dụ {unit.code} {unit.name})",
                key=f"chi_tieu:{unit.type}",
            )
        shared, rows = _subordinate_goals(campaign, unit)
        models = self._models(campaign, unit, needs)
        children = common.subordinates(unit)
        context = {
            "nam": campaign.year,
            "ten": unit.body_name,
            "ten_trong_cau": unit.sentence_name,
            "nhom": _GROUP[unit.type],
            "cap": unit.type,
            "can_cu": common.legal_bases(campaign),
            "ke_hoach": common.plan_ref(campaign),
            "ngay_hoi": vi.short_date(campaign.event_date),
            "chi_tieu": targets,
            "chung": shared,
            "bang": rows,
            "dien_hinh": [m.name for m in models],
            "thieu_dien_hinh": unit.type == "huyen" and not models,
            "tren_dia_ban": not all(common.answers_to(c, unit, campaign) for c in children),
            "cap_duoi_ten": model.kinds_label(children) or "đơn vị",
            "cap_duoi_xa": model.kinds_label([u for u in children if u.type == "xa"]) or "xã",
            "cap_duoi": _reporting(campaign, unit, children),
            **common.unit_words(unit),
            "cong_an": common.police(unit, campaign, day),
            "cong_an_cung_cap": common.own_police(unit, campaign, day),
            "cap_uy": party.party_committee(unit),
            "cap_tren": common.reports_to(unit, campaign),
            "han": vi.short_date(campaign.report_deadline(unit.type)),
            "sau_quy_i": common.after_first_quarter(campaign, day),
        }
        context.update(heading.header(unit, campaign, day))
        context["ky"] = common.signature(unit, campaign, needs, PURPOSE)
        context["noi_nhan"] = common.recipients(unit, campaign, day)
        return context

    def _models(self, campaign: Campaign, unit: Unit, needs: Needs) -> list[Unit]:
        """The model units a district builds (target 3); a district without one is warned."""
        if unit.type != "huyen":
            return []
        models = sorted(
            (u for u in unit.descendants() if u.is_model), key=lambda u: vi.sort_key(u.name)
        )
        if not models:
            needs.warn(msg.NO_MODEL_UNITS.format(code=unit.code, name=unit.name))
        return models


KIND = Plan()
