"""Time `generate all` with results on generated rosters: reading, checking, rendering, writing.

    python -m benchmarks.bench_generate [N ...]      (default: 500 5000)

Each size is run twice into a fresh folder and once more into the same folder (nothing to
rewrite); the best of the fresh runs is reported.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from antq_docs import resources
from antq_docs.generate import generate
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from benchmarks.make_results import write as write_results
from benchmarks.make_roster import write


def bench(n: int) -> str:
    """Run one size and return a result line."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = write(n, Path(tmp) / "data")
        results, scores, _ = write_results(csv_path, Path(tmp) / "data")
        campaign = resources.sample(resources.SAMPLE_CAMPAIGN)
        t0 = time.perf_counter()
        load_inputs(campaign, xlsx_path, kinds=REGISTRY)
        read_xlsx = time.perf_counter() - t0

        def run(out: Path):
            inputs = load_inputs(campaign, csv_path, results=results, scores=scores, kinds=REGISTRY)
            return generate(inputs, out, list(REGISTRY))

        fresh = []
        for attempt in range(2):
            out = Path(tmp) / f"out{attempt}"
            t0 = time.perf_counter()
            result = run(out)
            fresh.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        run(out)
        rerun = time.perf_counter() - t0
        docs = len(result.outcomes)
        best = min(fresh)
        return (
            f"{n:>6} units: {docs} documents ({', '.join(REGISTRY)}) in {best:.2f} s "
            f"({docs / best:.0f} docs/s); "
            f"re-run with nothing to rewrite {rerun:.2f} s; reading the XLSX {read_xlsx:.2f} s"
        )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [500, 5000]
    for size in sizes:
        print(bench(size), flush=True)
