"""Write a realistic roster of about N units (CSV with BOM and as XLSX with title rows).

    python benchmarks/make_roster.py 500 OUTDIR

Codes are numbers (1, 101, 10101, …) so the XLSX stores them as numeric cells, as officials'
spreadsheets do; names, heads and titles are Vietnamese. The same N gives the same roster.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HEADERS = [
    "STT",
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại",
    "Mã cấp trên",
    "Người đứng đầu",
    "Chức vụ",
    "Số hộ",
    "Điển hình",
    "Ký hiệu",
    "Bí thư",
]
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh".split()
MIDDLE = "Văn Thị Đức Minh Ngọc Quang Thanh Hữu Xuân".split()
GIVEN = "An Bình Cường Dũng Hà Hải Hùng Lan Long Minh Nam Phúc Quân Sơn Tâm Thảo Trung".split()
PLACES = (
    "Đăk Hà Đăk Tô Ngọc Hồi Sa Thầy Kon Rẫy Măng Đen Ia Chim Hòa Bình Đoàn Kết Ya Ly "
    "Tân Cảnh Diên Bình Pô Kô Bờ Y Sa Loong Đăk Blà Chư Hreng Ngọk Bay Vinh Quang"
).split()


def person(rng: random.Random) -> str:
    """A plausible full name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def place(rng: random.Random) -> str:
    """A two-word place name."""
    return f"{rng.choice(PLACES)} {rng.choice(PLACES)}"


def make_rows(target: int, seed: int = 2025) -> list[list[object]]:
    """Rows of a roster of about `target` units: province, districts, communes, villages, others."""
    roster = _Rows(random.Random(seed))
    roster.add(1, "Tỉnh Kon Tum", "Tỉnh", "", "Chủ tịch UBND tỉnh", abbr="UBND")
    districts = max(1, target // 50)
    per_district = (target - 1) // districts
    for d in range(1, districts + 1):
        roster.district(d, per_district)
    return roster.rows


class _Rows:
    """The rows of a roster as they are added, numbered, with names drawn from one generator
    (the same seed, in the same order, gives the same roster)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[list[object]] = []

    def add(self, code, name, label, parent, title, households="", model="", abbr="") -> None:
        """One unit's row, with a head and, for a district or a commune, a Bí thư."""
        # The Bí thư of a district's or a commune's cấp ủy signs its resolution.
        secretary = person(self.rng) if label in ("Huyện", "Xã") else ""
        self.rows.append(
            [
                len(self.rows) + 1,
                code,
                name,
                label,
                parent,
                person(self.rng),
                title,
                households,
                model,
                abbr,
                secretary,
            ]
        )

    def district(self, d: int, size: int) -> None:
        """District d and about size units under it: communes with two villages each, a
        school every third commune, then agencies and enterprises for what is left."""
        rng = self.rng
        # Three-digit district codes run out at 900 districts; larger rosters continue at
        # seven digits, whose communes, schools and villages cannot meet the short codes.
        dcode = 100 + d if d < 900 else 1_000_000 + d
        self.add(dcode, f"Huyện {place(rng)} {d}", "Huyện", 1, "Chủ tịch UBND huyện", abbr="UBND")
        budget = size - 1
        c = 0
        while budget >= 4:
            c += 1
            self.commune(dcode, c)
            budget -= 3
            if budget >= 1 and c % 3 == 0:
                self.add(
                    dcode * 1000 + c,
                    f"Trường THCS {place(rng)}",
                    "Trường",
                    dcode,
                    "Hiệu trưởng",
                    abbr="THCS",
                )
                budget -= 1
        for extra in range(budget):
            code = dcode * 1000 + 500 + extra
            if extra % 2:
                self.add(
                    code, f"Công ty TNHH {place(rng)}", "Doanh nghiệp", dcode, "Giám đốc", abbr="CT"
                )
            else:
                self.add(
                    code,
                    f"Phòng Tư pháp huyện {d} - {extra}",
                    "Cơ quan",
                    dcode,
                    "Trưởng phòng",
                    abbr="PTP",
                )

    def commune(self, dcode: int, c: int) -> None:
        """Commune c of a district (the first one a model unit) and its two villages."""
        ccode = dcode * 100 + c
        self.add(
            ccode,
            f"Xã {place(self.rng)} {c}",
            "Xã",
            dcode,
            "Chủ tịch UBND xã",
            model="x" if c == 1 else "",
            abbr="UBND",
        )
        for v in range(1, 3):
            self.add(
                ccode * 100 + v,
                f"Thôn {v}",
                "Thôn",
                ccode,
                "Trưởng thôn",
                households=self.rng.randint(50, 400),
            )


def write(target: int, out: Path) -> tuple[Path, Path]:
    """Write roster-N.csv (UTF-8 with BOM) and roster-N.xlsx (title rows, numeric codes)."""
    import openpyxl

    out.mkdir(parents=True, exist_ok=True)
    rows = make_rows(target)
    csv_path = out / f"roster-{target}.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH ĐƠN VỊ THỰC HIỆN PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ NĂM 2025"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(["(Kèm theo Kế hoạch số 38/KH-BCĐ ngày 07/3/2025)"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([" " + v + "  " if isinstance(v, str) and v else v for v in row])
    xlsx_path = out / f"roster-{target}.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("benchmarks/data")
    for path in write(n, folder):
        print(path)
