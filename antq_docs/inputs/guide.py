"""The column guide of each table an official fills, and the blank workbook of those without
a starter one.

Each column's heading and whether it is required come from the reader's own declaration
(roster.COLUMNS, results.COLUMNS, results.SCORE_COLUMNS, households.COLUMNS); only what the
column means and an example are said here, by column key, so a column added to a reader
without a word here fails its test instead of going unexplained.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from antq_docs.inputs import households, results, roster
from antq_docs.inputs.tables import Column
from antq_docs.xlsx import book_bytes, first_sheet, header, title_rows

# The tables: key → (title, the reader's columns).
TABLES: dict[str, tuple[str, list[Column]]] = {
    "roster": ("Danh sách đơn vị", roster.COLUMNS),
    "results": ("Kết quả cuối năm", results.COLUMNS),
    "scores": ("Bảng điểm từng mục (trang “Bảng điểm” của tệp kết quả)", results.SCORE_COLUMNS),
    "households": ("Danh sách hộ gia đình", households.COLUMNS),
}

# What each column holds and an example, per table and column key.
MEANINGS: dict[str, dict[str, tuple[str, str]]] = {
    "roster": {
        "ma": ("Mã riêng của đơn vị, không trùng: chữ không dấu, số, “-”, “.”, “_”.", "KT-02-02"),
        "ten": ("Tên đơn vị như viết trong văn bản.", "Xã Hà Mòn"),
        "loai": ("Loại đơn vị: chọn trong danh sách thả xuống.", "Xã"),
        "cap_tren": ("Mã của đơn vị cấp trên; để trống ở đơn vị gốc (tỉnh).", "KT-02"),
        "nguoi_dung_dau": ("Họ tên người đứng đầu, ký văn bản của đơn vị.", "Nguyễn Văn An"),
        "chuc_vu": ("Chức vụ người đứng đầu.", "Chủ tịch UBND xã"),
        "dia_chi": ("Địa chỉ trụ sở.", "Thôn 1, xã Hà Mòn"),
        "so_ho": ("Số hộ gia đình (khu dân cư): đưa vào bản cam kết.", "245"),
        "dien_hinh": ("“x” nếu đơn vị được chọn xây dựng điển hình.", "x"),
        "ky_hieu": (
            "Chữ viết tắt tên đơn vị, đứng sau loại văn bản trong số (05/KH-THCSVL). Ủy ban "
            f"nhân dân tỉnh, xã để trống: {roster.GOVERNMENT_ABBR}.",
            "THCSVL",
        ),
        "dia_danh": ("Địa danh ở dòng ngày tháng khi khác tên xã.", "Hà Mòn"),
        "dia_diem": ("Nơi tổ chức Ngày hội.", "Nhà văn hóa xã"),
        "kinh_phi": ("Kinh phí Ngày hội, bằng đồng.", "15.500.000"),
        "bi_thu": ("Họ tên bí thư cấp ủy hoặc chi bộ.", "Trần Thị Bình"),
        "chi_bo": ("Tên chi bộ của khu dân cư.", "Chi bộ thôn 1"),
        "nguoi_ky": ("Người ký thay người đứng đầu, khi có.", "Lê Văn Cường"),
        "chuc_vu_nguoi_ky": ("Chức vụ của người ký thay.", "Phó Chủ tịch UBND xã"),
        "co_quan_chu_quan": (
            "Cơ quan quản lý cấp trên ghi ở góc văn bản.",
            "Sở Giáo dục và Đào tạo",
        ),
        "doanh_nghiep_nha_nuoc": ("“x” nếu là doanh nghiệp nhà nước.", "x"),
    },
    "results": {
        "ma": ("Mã đơn vị như trong danh sách đơn vị.", "KT-02-02"),
        "dang_ky": ("Đơn vị có đăng ký “An toàn về an ninh, trật tự” không.", "có"),
        "dat_chuan": ("Kết quả công nhận: đạt hoặc chưa đạt.", "đạt"),
        "diem": ("Tổng điểm tự chấm (thang 100).", "84"),
        "xep_loai": ("Xếp loại phong trào; trống: tính từ điểm.", "Khá"),
        "ngay_hoi": ("Đơn vị có tổ chức Ngày hội không.", "có"),
        "thu_ky": ("Thư ký cuộc họp bình xét.", "Nguyễn Thị Hoa"),
        "so_du_hop": ("Số người dự họp bình xét.", "25"),
        "tan_thanh": ("Số người tán thành.", "24"),
    },
    "scores": {
        "ma": ("Mã đơn vị như trong danh sách đơn vị.", "KT-02-02"),
        "muc": ("Mã mục của bảng chấm điểm trong kế hoạch năm.", "1.1"),
        "diem": ("Điểm tự chấm của mục, không quá điểm tối đa.", "3"),
    },
    "households": {
        "ma_ho": ("Mã riêng của hộ, không trùng.", "HM-T1-001"),
        "chu_ho": ("Họ tên chủ hộ.", "Phạm Văn Dũng"),
        "dia_chi": ("Địa chỉ của hộ.", "Thôn 1, xã Hà Mòn"),
        "so_nhan_khau": ("Số nhân khẩu của hộ.", "4"),
        "ma_khu_dan_cu": (
            "Mã khu dân cư (thôn, tổ dân phố) trong danh sách đơn vị.",
            "KT-02-02-01",
        ),
    },
}


@dataclass(frozen=True)
class GuideColumn:
    """One column of the guide: heading, meaning, required or not, example, and the kinds of
    unit that must fill it though the reader lets it be empty (required_for)."""

    header: str
    meaning: str
    required: bool
    example: str
    required_for: tuple[str, ...] = ()


def column_guide(
    table: str, required_for: Mapping[str, Sequence[str]] | None = None
) -> list[GuideColumn]:
    """The guide of a table's columns, in the reader's order; required_for names, by column
    key, the kinds of unit a document needs the column of (the caller knows the documents)."""
    _, columns = TABLES[table]
    said = MEANINGS[table]
    wanted = required_for or {}
    return [
        GuideColumn(
            c.header, said[c.key][0], c.required, said[c.key][1], tuple(wanted.get(c.key, ()))
        )
        for c in columns
    ]


def blank_workbook(table: str) -> bytes:
    """A workbook with a title and the table's headings, for a table without a starter one."""
    from openpyxl import Workbook

    title, columns = TABLES[table]
    book = Workbook()
    sheet = first_sheet(book)
    sheet.title = title[:31]
    title_rows(sheet, title.upper(), "Mỗi dòng một mục, từ dòng 5", len(columns))
    header(sheet, 4, [c.header for c in columns])
    return book_bytes(book)
