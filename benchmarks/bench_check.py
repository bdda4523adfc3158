"""Time `check` on a complete set: N units × 4 kinds (default 10,000 units, about 40,000 files).

    python -m benchmarks.bench_check [N]

Pledges are generated for a roster from make_roster.py; the campaign's matrix then also requires
a plan, an event plan and an evaluation of every unit below the province, and those folders are
filled with hard links to the unit's own pledge (it names the unit and the year, so it passes).
The check is timed on all cores, then on one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from antq_docs import resources
from antq_docs.check import check
from antq_docs.generate import generate, load_inputs
from benchmarks.make_roster import write

EXTRA_KINDS = ("plan", "event-plan", "evaluation")
BELOW = "[huyen, xa, khu_dan_cu, co_quan, doanh_nghiep, co_so_giao_duc]"


def bench(n: int) -> str:
    """Build the set, time check twice (all cores, one core) and return a result line."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, _ = write(n, Path(tmp) / "data")
        sample = resources.sample(resources.SAMPLE_CAMPAIGN).read_text(encoding="utf-8")
        campaign = Path(tmp) / "campaign.yaml"
        campaign.write_text(
            sample + "".join(f"  {kind}: {BELOW}\n" for kind in EXTRA_KINDS), encoding="utf-8"
        )
        out = Path(tmp) / "out"
        inputs = load_inputs(campaign, csv_path)
        generate(inputs, out, ["pledge"])
        for kind in EXTRA_KINDS:
            (out / kind).mkdir()
            for pledge in (out / "pledge").iterdir():
                os.link(pledge, out / kind / pledge.name)
        timings = []
        for workers in (os.cpu_count() or 1, 1):
            t0 = time.perf_counter()
            report = check(load_inputs(campaign, csv_path), out, workers=workers)
            timings.append(time.perf_counter() - t0)
            assert report.complete, report.table()[-2000:]
        files = report.present
        return (
            f"{n:>6} units: {files} documents checked in {timings[0]:.1f} s on "
            f"{os.cpu_count()} cores ({files / timings[0]:.0f} files/s), {timings[1]:.1f} s on one"
        )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    for size in sizes:
        print(bench(size), flush=True)
