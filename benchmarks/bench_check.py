"""Time `check` on a complete, really generated set (default 10,000 units).

    python -m benchmarks.bench_check [N]

A roster from make_roster.py and results from make_results.py; `generate all` writes every
document the sample campaign requires (pledges, plans, Ngày hội plans, evaluations and the root's
year report: four kinds per unit or more). The check is then timed on all cores, then on one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from antq_docs import resources
from antq_docs.check import check
from antq_docs.generate import generate
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from benchmarks.make_results import write as write_results
from benchmarks.make_roster import write


def bench(n: int) -> str:
    """Build the set, time check twice (all cores, one core) and return a result line."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, _ = write(n, Path(tmp) / "data")
        results, scores, _ = write_results(csv_path, Path(tmp) / "data")
        campaign = resources.sample(resources.SAMPLE_CAMPAIGN)
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        inputs = load_inputs(campaign, csv_path, results=results, scores=scores, kinds=REGISTRY)
        written = len(generate(inputs, out, list(REGISTRY)).outcomes)
        generated = time.perf_counter() - t0
        timings = []
        for workers in (os.cpu_count() or 1, 1):
            t0 = time.perf_counter()
            report = check(load_inputs(campaign, csv_path, kinds=REGISTRY), out, workers=workers)
            timings.append(time.perf_counter() - t0)
            assert report.complete, report.table()[-2000:]
        files = report.present
        return (
            f"{n:>6} units: {files} documents checked in {timings[0]:.1f} s on "
            f"{os.cpu_count()} cores ({files / timings[0]:.0f} files/s), {timings[1]:.1f} s on "
            f"one (generating the {written} documents took {generated:.0f} s)"
        )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    for size in sizes:
        print(bench(size), flush=True)
