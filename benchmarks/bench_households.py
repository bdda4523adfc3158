"""Time `generate pledge --households` for a province's households, with peak memory.

    python -m benchmarks.bench_households [HOUSEHOLDS] [UNITS]     (default: 150000 2500)

Writes a roster of about UNITS units (benchmarks/make_roster.py) and a household list of
HOUSEHOLDS rows spread over its khu dân cư, then runs, each in a process of its own:

- annexes: the pledges of every unit, a khu dân cư's with its household appendix;
- forms: the same, plus one pledge form per household (--per-household).

Each prints its wall time and the peak resident memory (ru_maxrss) of the run's own process
and of the largest of its worker processes. The target for the forms is under 60 s and under
300 MB per process on 2 cores.
"""

from __future__ import annotations

import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.make_roster import SURNAMES, person
from benchmarks.make_roster import write as write_roster

HEADERS = ["Mã hộ", "Chủ hộ", "Địa chỉ", "Số nhân khẩu", "Mã khu dân cư"]


def write_households(roster_csv: Path, total: int, out: Path, seed: int = 2025) -> Path:
    """A household list of `total` rows spread evenly over the roster's khu dân cư (Thôn)."""
    with roster_csv.open(encoding="utf-8-sig", newline="") as fh:
        areas = [row["Mã đơn vị"] for row in csv.DictReader(fh) if row["Loại"] == "Thôn"]
    rng = random.Random(seed)
    path = out / f"households-{total}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        for index in range(total):
            area = areas[index % len(areas)]
            number = index // len(areas) + 1
            writer.writerow(
                [
                    f"H{number:05d}",
                    person(rng),
                    f"Nhà số {number}, thôn {rng.choice(SURNAMES)}",
                    rng.randint(1, 8),
                    area,
                ]
            )
    return path


def run_one(mode: str, roster: Path, households: Path, out: Path) -> None:
    """Run one scenario in this process and print its figures."""
    from antq_docs import resources
    from antq_docs.generate import generate
    from antq_docs.inputs.loading import load_inputs
    from antq_docs.kinds import REGISTRY

    t0 = time.perf_counter()
    inputs = load_inputs(
        resources.sample(resources.SAMPLE_CAMPAIGN),
        roster,
        households=households,
        per_household=mode == "forms",
        kinds=REGISTRY,
    )
    read = time.perf_counter() - t0
    result = generate(inputs, out, ["pledge"])
    took = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{mode:>8}: {len(inputs.households):,} households, {len(result.outcomes):,} documents "
        f"in {took:.1f} s (reading {read:.1f} s; {len(result.outcomes) / took:.0f} docs/s); "
        f"peak memory {own:.0f} MB, largest worker {workers:.0f} MB",
        flush=True,
    )


def bench(total: int, units: int) -> None:
    """Write the inputs once, then run each scenario in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        roster, _ = write_roster(units, data)
        households = write_households(roster, total, data)
        for mode in ("annexes", "forms"):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bench_households",
                    "--one",
                    mode,
                    str(roster),
                    str(households),
                    str(Path(tmp) / f"out-{mode}"),
                ],
                check=True,
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]))
    else:
        numbers = [int(a) for a in sys.argv[1:]]
        bench(numbers[0] if numbers else 150_000, numbers[1] if len(numbers) > 1 else 2500)
