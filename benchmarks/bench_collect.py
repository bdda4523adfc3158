"""Time `antq-docs forms` and `antq-docs collect` for N reporting units (default 500).

    python -m benchmarks.bench_collect [N]

A roster from make_roster.py sized so that N units fill a form of their own (districts,
communes with their khu dân cư, schools, agencies, enterprises); `forms` writes their forms,
the benchmark fills every open cell with openpyxl (as the units would, in worker processes; not
timed as part of the tool), then `collect` reads them back with one job and with every core.
Each command runs in a process of its own, start-up included, as an official runs it. The
target: 500 forms collected in under 10 s on 2 cores.
"""

from __future__ import annotations

import functools
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

from antq_docs import resources
from antq_docs.inputs.campaign import load_campaign
from antq_docs.kinds import REGISTRY
from antq_docs.model import ScoreItem
from antq_docs.workers import default_jobs
from benchmarks.make_roster import make_rows
from benchmarks.make_roster import write as write_roster

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = resources.sample(resources.SAMPLE_CAMPAIGN)
# Rows of the forms' tables start below the header (row 4) that `forms` writes.
FIRST_ROW = 5
TARGET_S = 10.0


def roster_size(forms: int) -> int:
    """The make_roster size whose roster has at least `forms` units filling a form."""
    size = max(forms * 2, 10)

    def owners(rows: list[list[object]]) -> int:
        # Every unit but the root and the villages (Thôn, all under a commune) owns a form.
        return sum(1 for r in rows if r[3] not in ("Tỉnh", "Thôn"))

    while owners(make_rows(size)) < forms:
        size += max(1, size // 20)
    while size > 10 and owners(make_rows(size - 1)) >= forms:
        size -= 1
    return size


@functools.cache
def _items() -> dict[str, ScoreItem]:
    """The sample campaign's scoring items by id, read once per process."""
    return {i.id: i for i in load_campaign(CAMPAIGN, kinds=REGISTRY).score_items}


def fill(path: Path) -> None:
    """Fill every open cell of a form with consistent values: items add up to the score."""
    import openpyxl

    items = _items()
    rng = random.Random(path.name)
    book = openpyxl.load_workbook(path)
    points: dict[str, Decimal] = {}
    scores = book["Bảng điểm"]
    for row in scores.iter_rows(min_row=FIRST_ROW):
        code, item = row[0].value, items[row[2].value]
        value = Decimal(rng.randint(int(item.max_points) // 2, int(item.max_points)))
        row[5].value = int(value)
        points[code] = points.get(code, Decimal(0)) + value
    results = book["Kết quả"]
    for row in results.iter_rows(min_row=FIRST_ROW):
        answers = ("Có", "Chưa đạt", int(points[row[0].value]), None, "Có", None, 25, 20)
        for cell, value in zip(row[2:], answers):
            if not cell.protection.locked and value is not None:
                cell.value = value
    figures = book["Số liệu"]
    for row in figures.iter_rows(min_row=FIRST_ROW):
        for cell in row[2:]:
            if not cell.protection.locked:
                cell.value = rng.randint(0, 300)
    notes = book["Nhận xét"]
    for row in notes.iter_rows(min_row=FIRST_ROW):
        row[2].value = f"Tình hình an ninh, trật tự của {row[1].value} ổn định."
    book.save(path)


def run(args: list[str], cwd: Path) -> tuple[float, str]:
    """Wall seconds and stderr of one `antq-docs` command in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    os.sync()  # the files of the previous step go to disk first
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "antq_docs", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"antq-docs {' '.join(args)}: exit {done.returncode}\n{done.stderr[-3000:]}"
        )
    return seconds, done.stderr


def measure(forms: int, work: Path) -> dict[str, float]:
    """Write, fill and collect the forms of a roster of `forms` reporting units; the timings."""
    roster, _ = write_roster(roster_size(forms), work / "data")
    common = ["--campaign", str(CAMPAIGN), "--units", str(roster)]
    folder = work / "phieu"
    figures: dict[str, float] = {}
    figures["forms_s"], _ = run(["forms", str(folder), *common], work)
    paths = sorted(folder.glob("*.xlsx"))
    figures["forms"] = len(paths)
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        list(pool.map(fill, paths, chunksize=8))
    figures["fill_s"] = time.perf_counter() - started
    for jobs in (1, default_jobs()):
        out = work / f"ket-qua-{jobs}.xlsx"
        seconds, stderr = run(
            ["collect", str(folder), "--out", str(out), "--jobs", str(jobs), *common], work
        )
        figures[f"collect_s_{jobs}_jobs"] = seconds
        figures["units"] = float(re.search(r"\((\d+) đơn vị\)", stderr).group(1))
    return figures


def table(forms: int) -> str:
    """Run the measurement and return a Markdown table of it."""
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(forms, Path(tmp))
    jobs = default_jobs()
    count, units = int(figures["forms"]), int(figures["units"])
    rows = [
        (
            f"antq-docs forms: {count} phiếu ({units} đơn vị), tính cả khởi động",
            f"{figures['forms_s']:.2f} s ({count / figures['forms_s']:.0f} phiếu/s)",
            "",
        ),
        (
            f"điền {count} phiếu bằng openpyxl (bộ đo tự điền, không phải việc của antq-docs)",
            f"{figures['fill_s']:.2f} s",
            "",
        ),
    ]
    for used in sorted({1, jobs}):
        seconds = figures[f"collect_s_{used}_jobs"]
        target = f"< {TARGET_S:.0f} s cho 500 phiếu" if used == jobs else ""
        rows.append(
            (
                f"antq-docs collect --jobs {used}: {count} phiếu, tính cả khởi động",
                f"{seconds:.2f} s ({count / seconds:.0f} phiếu/s)",
                target,
            )
        )
    lines = ["| Phép đo | Kết quả | Mục tiêu |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(int(sys.argv[1]) if len(sys.argv) > 1 else 500), flush=True)
