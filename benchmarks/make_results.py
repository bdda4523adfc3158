"""Write year-end results and per-item scores for a roster (CSV pair and one XLSX workbook).

    python -m benchmarks.make_results ROSTER.csv OUTDIR [SEED]

Every unit below the root gets a row: mostly registered and recognised, the sample campaign's
figures of the year (so_lieu) for the types that report them, scores on the sample campaign's
ten-item sheet (each item an integer between half and all of its maximum, so the
items add up to the score; an item tied to the Ngày hội is 0 where none was held), the level
written for about half of the rows and left to be computed for the rest. The same roster and
seed give the same files.
"""

from __future__ import annotations

import csv
import math
import random
import sys
from pathlib import Path

from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.results import COMMUNE_RECOGNISED_MIN_PERCENT
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from antq_docs.model import NOTES, YEU
from antq_docs.resources import SAMPLE_CAMPAIGN, sample

RESULT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Đăng ký", "Đạt chuẩn", "Điểm", "Xếp loại", "Ngày hội"]
SCORE_HEADERS = ["Mã đơn vị", "Mã mục", "Điểm"]
# The results headings with the campaign's figures after them (filled by make_rows).
headers: list[str] = list(RESULT_HEADERS)


def make_rows(roster_path: Path, seed: int = 2025) -> tuple[list[list], list[list]]:
    """Rows of the results file and of the per-item scores file for every unit below the root."""
    rng = random.Random(seed)
    campaign = load_campaign(sample(SAMPLE_CAMPAIGN), kinds=REGISTRY)
    headers.clear()
    headers.extend(RESULT_HEADERS + [f.name for f in campaign.figures] + list(NOTES.values()))
    roster = load_roster(roster_path)
    results, scores = [], []
    for unit in roster:
        if unit.parent is None:
            # The root is scored by nobody here: its row carries only its own words.
            blank = [""] * (len(RESULT_HEADERS) - 2 + len(campaign.figures))
            results.append([unit.code, unit.name, *blank, *_notes(unit)])
            continue
        share = 0.75 if unit.type == "doanh_nghiep" else 0.93
        registered = rng.random() < share
        recognised = registered and rng.random() < 0.85
        low = rng.choice([0.3, 0.6, 0.7, 0.8])
        points = [
            rng.randint(math.ceil(int(i.max_points) * low), int(i.max_points))
            for i in campaign.score_items
        ]
        write_level = rng.random() < 0.5
        held = rng.random() < 0.9
        if not held:
            # An item tied to the Ngày hội scores nothing where none was held.
            points = [
                0 if i.requires == "ngay_hoi" else p for i, p in zip(campaign.score_items, points)
            ]
        score = sum(points)
        # A unit classified Yếu is never recognised (the results would contradict themselves).
        recognised = recognised and campaign.thresholds.level_for(score) != YEU
        level = campaign.thresholds.level_for(score) if write_level else ""
        results.append(
            [
                unit.code,
                unit.name,
                "có" if registered else "không",
                "đạt" if recognised else "chưa đạt",
                score,
                level,
                "có" if held else "không",
                *_figures(rng, campaign.figures, unit.type),
                *_notes(unit),
            ]
        )
        scores += [[unit.code, i.id, p] for i, p in zip(campaign.score_items, points)]
    _apply_commune_rule(roster, results)
    return results, scores


def _figures(rng: random.Random, figures: list, unit_type: str) -> list:
    """A unit's figures; a count "of which" (tin_co_gia_tri) never exceeds the one before it."""
    values: list = []
    for figure in figures:
        if not figure.reported_by(unit_type):
            values.append("")
            continue
        value = rng.randint(0, 40)
        if figure.id == "tin_co_gia_tri" and values and isinstance(values[-1], int):
            value = min(value, values[-1])
        values.append(value)
    return values


def _notes(unit) -> list[str]:
    """The unit's own words of the year, so every evaluation is a finished draft."""
    name = unit.sentence_name
    return [
        f"Tình hình an ninh, trật tự tại {name} cơ bản ổn định trong năm.",
        "",
        f"Việc duy trì sinh hoạt của mô hình tự quản tại {name} có lúc chưa thường xuyên.",
        "Lực lượng nòng cốt còn kiêm nhiệm nhiều việc.",
        "Duy trì tuyên truyền hằng tháng và các mô hình tự quản đã có trong năm tới.",
        "",
    ]


def _apply_commune_rule(roster, results: list[list]) -> None:
    """A commune is recognised only if all its units registered and 70% are recognised."""
    by_code = {row[0]: row for row in results}
    for unit in roster:
        row = by_code.get(unit.code)
        if unit.type != "xa" or row is None or not unit.children:
            continue
        below = [by_code[c.code] for c in unit.children]
        all_registered = all(r[2] == "có" for r in below)
        recognised = sum(r[3] == "đạt" for r in below)
        if not all_registered or recognised * 100 < COMMUNE_RECOGNISED_MIN_PERCENT * len(below):
            row[3] = "chưa đạt"


def write(roster_path: Path, out: Path, seed: int = 2025) -> tuple[Path, Path, Path]:
    """Write results.csv, scores.csv (UTF-8 with BOM) and results.xlsx (with a Bảng điểm sheet)."""
    import openpyxl

    out.mkdir(parents=True, exist_ok=True)
    results, scores = make_rows(roster_path, seed)
    stem = Path(roster_path).stem
    paths = (out / f"results-{stem}.csv", out / f"scores-{stem}.csv")
    for path, heads, rows in zip(paths, (headers, SCORE_HEADERS), (results, scores)):
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(heads)
            writer.writerows(rows)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    sheet.append(["KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ NĂM 2025"])
    sheet.append([])
    sheet.append(headers)
    for row in results:
        sheet.append(row)
    items = book.create_sheet("Bảng điểm")
    items.append(SCORE_HEADERS)
    for row in scores:
        items.append(row)
    xlsx = out / f"results-{stem}.xlsx"
    book.save(xlsx)
    return paths[0], paths[1], xlsx


if __name__ == "__main__":
    roster_file = Path(sys.argv[1])
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("benchmarks/data")
    for written in write(roster_file, folder, int(sys.argv[3]) if len(sys.argv) > 3 else 2025):
        print(written)
