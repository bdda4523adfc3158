"""The guide sheet of a collection form (Hướng dẫn): whose form it is, which units fill it and
by when, what each sheet asks for, the thresholds, and how to fill it. Its first row names the
owner by code, which collect reads back (layout.OWNER_LABEL)."""

from __future__ import annotations

from antq_docs import vi
from antq_docs.collect.form_data import FIRST_ROW, HEADER_ROW, FormSpec, Shared
from antq_docs.collect.layout import GUIDE_COLUMNS, OWNER_LABEL, RESULTS_SHEET
from antq_docs.inputs.results import FIGURES_SHEET, NOTES_SHEET, SCORES_SHEET
from antq_docs.model import NOTES, UNIT_TYPES
from antq_docs.xlsx import header, title_rows


def guide_rows(campaign: Shared, spec: FormSpec) -> list[tuple[str, str]]:
    """The guide sheet's rows (what, content); the first names the form's owner by code."""
    return [
        *_who_and_when(campaign, spec),
        *_what_to_fill(campaign, spec),
        ("Ngưỡng xếp loại", campaign.thresholds + "."),
        (
            "Lưu ý",
            "Điền vào ô màu vàng. Không sửa mã, tên đơn vị, mã mục, tên trang, "
            "tiêu đề cột; không thêm, xóa dòng. Lưu lại được bằng Excel hoặc LibreOffice "
            "(dạng .xlsx), đổi tên tệp được.",
        ),
    ]


def _who_and_when(campaign: Shared, spec: FormSpec) -> list[tuple[str, str]]:
    """The owner, the khu dân cư its form covers, and when each sends its part to whom."""
    owner = spec.owner
    others = spec.members[1:]
    rows = [(OWNER_LABEL, owner.code), ("Đơn vị", f"{owner.name} ({UNIT_TYPES[owner.type]})")]
    if others:
        listed = "; ".join(f"{m.name} ({m.code})" for m in others)
        rows.append(
            (
                "Phiếu gồm",
                f"{owner.name} và {vi.count(len(others))} khu dân cư: "
                f"{listed}. Mỗi đơn vị điền dòng mang mã của mình ở mỗi trang.",
            )
        )
    deadline = vi.short_date(campaign.deadlines[owner.type])
    to = f" cho {spec.receiver}" if spec.receiver else ""
    rows.append(("Hạn gửi", f"{owner.name} gửi lại chính tệp này{to} trước ngày {deadline}."))
    for kind in sorted({m.type for m in others}):
        rows.append(
            (
                f"Hạn của {UNIT_TYPES[kind]}",
                f"Các {UNIT_TYPES[kind]} điền phần của mình và gửi {spec.body} trước ngày "
                f"{vi.short_date(campaign.deadlines[kind])}.",
            )
        )
    return rows


def _what_to_fill(campaign: Shared, spec: FormSpec) -> list[tuple[str, str]]:
    """What each sheet of the form asks for; the review meeting's columns and the districts'
    blanks only when the form has such units."""
    rows = [
        (
            RESULTS_SHEET,
            "Mỗi đơn vị một dòng: Đăng ký tiêu chuẩn “An toàn về an ninh, "
            "trật tự” (Có/Không), Đạt chuẩn (Đạt/Chưa đạt), Điểm tự chấm (0–100, bằng tổng "
            "điểm các mục ở trang Bảng điểm), Xếp loại (để trống thì tính từ điểm), Ngày hội "
            "(đã tổ chức: Có/Không).",
        )
    ]
    if any(m.type in campaign.meeting_types for m in spec.members):
        rows.append(
            (
                "Họp bình xét",
                "Thư ký, Số người dự họp, Số tán thành của cuộc họp bình "
                "xét; để trống thì biên bản để dòng chấm chấm.",
            )
        )
    if any(m.type == "huyen" for m in spec.members):
        rows.append(
            (
                "Cấp huyện",
                "Không thuộc đối tượng tiêu chuẩn “An toàn về an ninh, trật "
                "tự” (Thông tư 124/2021/TT-BCA): để trống Đăng ký và Đạt chuẩn.",
            )
        )
    if SCORES_SHEET in campaign.sheets:
        rows.append(
            (
                SCORES_SHEET,
                "Điểm tự chấm từng mục, từ 0 đến điểm tối đa của mục; mục "
                "gắn với Ngày hội là 0 điểm khi đơn vị không tổ chức Ngày hội.",
            )
        )
    if FIGURES_SHEET in campaign.sheets:
        rows.append(
            (
                FIGURES_SHEET,
                "Số liệu cả năm của riêng từng đơn vị (không cộng đơn vị "
                "cấp dưới: chương trình tự cộng), số nguyên không âm; chưa có thì để trống; "
                "ô xám là số liệu loại đơn vị đó không báo cáo.",
            )
        )
    notes = ", ".join(h.lower() if i else h for i, h in enumerate(NOTES.values()))
    rows.append((NOTES_SHEET, "Lời của đơn vị về năm: " + notes + "."))
    return rows


def write_guide(sheet, campaign: Shared, spec: FormSpec) -> None:
    """Fill the guide sheet: title rows, then what and content, one row each."""
    from openpyxl.styles import Alignment

    title_rows(
        sheet,
        f"PHIẾU BÁO CÁO KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {campaign.year}",
        spec.owner.name,
        len(GUIDE_COLUMNS),
    )
    header(sheet, HEADER_ROW, [c.header for c in GUIDE_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, (what, text) in enumerate(guide_rows(campaign, spec), start=FIRST_ROW):
        sheet.cell(number, 1, what).alignment = wrap
        sheet.cell(number, 2, text).alignment = wrap
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100
