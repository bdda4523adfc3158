"""Time PDF conversion (LibreOffice) of pledges with 1 and 2 jobs, and the audit pack (hồ sơ).

    python -m benchmarks.bench_pdf [N]      (default: 300 units)

Pledges are generated for a roster of about N units (benchmarks/make_roster.py), then converted
into two fresh copies of the folder, with --jobs 1 and --jobs 2; each time is the whole
convert_folder call, LibreOffice start-up included. The audit pack is then made on the folder
whose PDFs exist (joining only). bench_pdf(N) returns the figures for a table.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from antq_docs import resources
from antq_docs.generate import generate
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.pdf import bundle, convert_folder
from benchmarks.make_roster import write


def bench_pdf(n: int, jobs: tuple[int, ...] = (1, 2)) -> dict[str, float]:
    """Figures of one size: documents, PDF documents/s per job count, audit pack seconds."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, _ = write(n, Path(tmp) / "data")
        inputs = load_inputs(resources.sample(resources.SAMPLE_CAMPAIGN), csv_path, kinds=REGISTRY)
        source = Path(tmp) / "source"
        generate(inputs, source, ["pledge"])
        folder = source
        for count in jobs:
            folder = Path(tmp) / f"jobs{count}"
            shutil.copytree(source, folder)
            cpu0 = _children_cpu()
            t0 = time.perf_counter()
            result = convert_folder(folder, jobs=count)
            seconds = time.perf_counter() - t0
            if result.failed:
                raise RuntimeError(f"{len(result.failed)} documents not converted")
            figures["documents"] = len(result.outcomes)
            figures[f"pdf_per_s_{count}_jobs"] = len(result.outcomes) / seconds
            # CPU time of the soffice processes: what a document costs whatever else runs.
            figures[f"cpu_ms_per_pdf_{count}_jobs"] = (
                1000 * (_children_cpu() - cpu0) / len(result.outcomes)
            )
        t0 = time.perf_counter()
        packs = bundle(inputs, folder)
        figures["pack_s"] = time.perf_counter() - t0
        figures["packs"] = len(packs.outcomes)
    return figures


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes (the soffice runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def line(n: int, figures: dict[str, float]) -> str:
    """One result line."""
    rates = ", ".join(
        f"{value:.1f} PDF/s with {key.split('_')[3]} job(s)"
        for key, value in figures.items()
        if key.startswith("pdf_per_s_")
    )
    cpu = ", ".join(
        f"{value:.0f} ms with {key.split('_')[4]}"
        for key, value in figures.items()
        if key.startswith("cpu_ms_per_pdf_")
    )
    return (
        f"{n:>6} units: {figures['documents']:.0f} pledges: {rates} (CPU per PDF: {cpu}); "
        f"audit pack "
        f"({figures['packs']:.0f} files) {figures['pack_s']:.2f} s"
    )


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print(line(size, bench_pdf(size)), flush=True)
