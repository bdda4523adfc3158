"""Names of administrative units that are a person's name (Nghị định 30, Phụ lục I).

The date line writes the name of the unit where the body sits without its word ('Đăk Hà,
ngày …'), except when that name is a number, a person's name or an event: then the word stays
('Phường Quang Trung, ngày …'). A number is seen from the name itself (Unit.bare_name keeps
'Phường 5'); persons and events cannot be, so they are listed here.

Where the list comes from: the names of wards and communes named after historical persons
that the sample province had before 2025 (Kon Tum city: Quang Trung, Trường Chinh, Lê Lợi,
Nguyễn Trãi, Trần Hưng Đạo, Ngô Mây), and the national heroes whose names other provinces give
to wards and communes (Trần Phú, Hoàng Hoa Thám, Lý Thường Kiệt, Lê Hồng Phong…). No name of
an event could be confirmed as a unit's name, so none is listed. The list is short on purpose:
a name that only sounds like one ('Quyết Thắng', 'Thắng Lợi', 'Thống Nhất' are wishes, not
persons) is not here. A unit whose name is missing writes its place in the roster's column
"Địa danh", which always wins.
"""

from __future__ import annotations

from antq_docs.vi import fold

PERSONS: frozenset[str] = frozenset(
    fold(name)
    for name in (
        "Quang Trung",
        "Nguyễn Huệ",
        "Trường Chinh",
        "Lê Lợi",
        "Nguyễn Trãi",
        "Trần Hưng Đạo",
        "Ngô Mây",
        "Trần Phú",
        "Hoàng Hoa Thám",
        "Lý Thường Kiệt",
        "Lê Hồng Phong",
        "Hai Bà Trưng",
        "Bà Triệu",
        "Ngô Quyền",
        "Lê Đại Hành",
        "Đinh Tiên Hoàng",
        "Lý Thái Tổ",
        "Lê Thánh Tông",
        "Trần Quốc Toản",
        "Nguyễn Du",
        "Phan Bội Châu",
        "Phan Chu Trinh",
        "Phan Đình Phùng",
        "Nguyễn Văn Cừ",
        "Hà Huy Tập",
        "Lê Duẩn",
        "Nguyễn Thái Học",
        "Võ Thị Sáu",
        "Nguyễn Văn Trỗi",
        "Lý Tự Trọng",
        "Cù Chính Lan",
        "Tô Hiệu",
        "Hùng Vương",
        "Nguyễn Nghiêm",
        "Trần Quang Diệu",
        "Hồ Chí Minh",
    )
)


def keeps_word(name: str) -> bool:
    """Whether a place name without its word is a person's name ('Quang Trung')."""
    return fold(name) in PERSONS
