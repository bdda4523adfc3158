"""Every speed figure benchmarks/README.md shows, in one run and one table (Markdown).

    python -m benchmarks.bench_table            (the sizes of its table; about 5 minutes on 2 cores)
    python -m benchmarks.bench_table --small    (small sizes: proves the benchmark works)

Rows: plain docxtpl (load, render, save of the pledge template, in one process) against
`antq-docs generate pledge` with --jobs 1 and with every core, start-up included, documents/s
and the ratio; 10,000 pledges wall time with start-up; a dry run on 100,000 units; collection
forms written and 500 filled forms collected (benchmarks/bench_collect.py); PDF
documents/s with 1 and 2 jobs and the audit pack (LibreOffice); peak memory per process. The
command line runs in a child process, as an official runs it; the machine is named above the
table. Nothing here is a test: the figures are read, not asserted.
"""

from __future__ import annotations

import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from antq_docs import resources
from antq_docs.generate import plan_documents
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.workers import default_jobs
from benchmarks.make_roster import write as write_roster

ROOT = Path(__file__).resolve().parent.parent
# Runs the command line and leaves its peak memory (the process's and its workers') in a file.
MEASURED = r"""
import atexit, json, os, resource, sys
def peak():
    # VmHWM is this program's own peak; ru_maxrss would include the benchmark's process,
    # whose memory a child started by fork and exec inherits in its high-water mark.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def report():
    with open(os.environ["ANTQ_BENCH_RUSAGE"], "w") as fh:
        json.dump({"self": peak(),
                   "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, fh)
atexit.register(report)
from antq_docs.cli import main
sys.argv = ["antq-docs", *sys.argv[1:]]
main()
"""
SIZES = {
    # units of the pledge roster, plain docxtpl documents, 10,000-pledge roster, dry run, PDF,
    # reporting units whose forms are collected
    "full": (2_600, 100, 10_250, 100_000, 300, 500),
    "small": (300, 10, 600, 2_000, 12, 40),
}


def run_cli(args: list[str], cwd: Path) -> tuple[float, dict[str, float], str]:
    """Wall seconds, peak MB (this process, its workers) and stderr of one command line."""
    usage = cwd / "rusage.json"
    env = {**os.environ, "ANTQ_BENCH_RUSAGE": str(usage), "PYTHONPATH": str(ROOT)}
    # The files of the previous measurement go to disk first, so this one is not billed for
    # writing them back.
    os.sync()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"antq-docs {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    peaks = json.loads(usage.read_text())
    return seconds, {k: v / 1024 for k, v in peaks.items()}, done.stderr


def plain_docxtpl_ms(roster: Path, count: int) -> float:
    """Milliseconds per pledge for docxtpl's own load, render and save, in this process."""
    from docxtpl import DocxTemplate

    inputs = load_inputs(resources.sample(resources.SAMPLE_CAMPAIGN), roster, kinds=REGISTRY)
    documents, _ = plan_documents(inputs, ["pledge"])
    documents = documents[:count]
    started = time.perf_counter()
    for doc in documents:
        context = {**doc.context, "so_ky_hieu": "Số:      /CK"}
        template = DocxTemplate(str(resources.template_path(doc.template)))
        template.render(context, autoescape=True)
        template.save(io.BytesIO())
    return 1000 * (time.perf_counter() - started) / len(documents)


def _number(value: int) -> str:
    """A count as Vietnamese write it: 10.000."""
    return f"{value:,}".replace(",", ".")


def generated(stderr: str) -> int:
    """The number of documents a run wrote, from its last line ('Xong: N tệp mới, …')."""
    last = [line for line in stderr.splitlines() if line.startswith(("Xong:", "Chạy thử:"))][-1]
    words = last.split()
    return int(words[words.index("tệp") - 1])


def machine() -> str:
    """The machine the figures come from."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        office = (
            subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=60)
            .stdout.strip()
            .split(" ")[:2]
        )
    except (OSError, subprocess.SubprocessError):
        office = ["LibreOffice", "không có"]
    return (
        f"{model}, {default_jobs()} nhân dùng được, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {' '.join(office)}"
    )


Row = tuple[str, str, str, str]


@dataclass
class Peaks:
    """The highest memory of the runs so far (MB): the main process's and its workers'."""

    parent: float = 0.0
    worker: float = 0.0

    def add(self, peaks: dict[str, float]) -> None:
        """Take one run's peaks (run_cli) into account."""
        self.parent = max(self.parent, peaks["self"])
        self.worker = max(self.worker, peaks["children"])


def table(size: str) -> str:
    """Run every measurement of a size and return the Markdown table."""
    units, plain_count, ten_thousand, dry_units, pdf_units, forms = SIZES[size]
    jobs = default_jobs()
    rows: list[Row] = []
    peaks = Peaks()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        campaign = str(resources.sample(resources.SAMPLE_CAMPAIGN))
        roster, _ = write_roster(units, work / "data")
        plain = plain_docxtpl_ms(roster, plain_count)
        rows.append(
            (
                f"docxtpl thuần: nạp, điền, lưu mẫu cam kết ({plain_count} bản, 1 tiến trình)",
                f"{plain:.1f} ms/bản ({1000 / plain:.0f} bản/s)",
                "",
                "",
            )
        )
        for count in (1, jobs):
            rows.append(_against_docxtpl(campaign, roster, plain, count, work, peaks))
        big, _ = write_roster(ten_thousand, work / "big")
        seconds, done = _pledges(campaign, big, work / "big-out", jobs, work, peaks)
        rows.append(
            (
                f"{_number(done)} bản cam kết, --jobs {jobs}, tính cả khởi động",
                f"{seconds:.2f} s",
                "< 10 s (10.000 bản, 2 tiến trình)",
                "đạt" if seconds < 10 * done / 10_000 else "chưa đạt",
            )
        )
        dry_row, dry_peak = _dry_run(campaign, dry_units, work)
        rows.append(dry_row)
        rows += _collect_rows(forms, work / "collect", jobs)
    pdf_rows, pdf_ok = _pdf_rows(pdf_units)
    rows += pdf_rows
    rows.append(
        (
            "Bộ nhớ đỉnh mỗi tiến trình khi soạn (chính / tiến trình làm việc)",
            f"{peaks.parent:.0f} MB / {peaks.worker:.0f} MB",
            "< 300 MB",
            "đạt" if max(peaks.parent, peaks.worker) < 300 else "chưa đạt",
        )
    )
    return _markdown(rows, dry_units, dry_peak, pdf_ok)


def _pledges(
    campaign: str, roster: Path, out: Path, jobs: int, work: Path, peaks: Peaks
) -> tuple[float, int]:
    """Wall seconds and documents written of `generate pledge` on a roster with jobs."""
    seconds, measured, stderr = run_cli(
        [
            "generate",
            "pledge",
            "--campaign",
            campaign,
            "--units",
            str(roster),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
        ],
        work,
    )
    peaks.add(measured)
    return seconds, generated(stderr)


def _against_docxtpl(
    campaign: str, roster: Path, plain: float, jobs: int, work: Path, peaks: Peaks
) -> Row:
    """`generate pledge` with jobs against plain docxtpl's ms per pledge."""
    seconds, done = _pledges(campaign, roster, work / f"pledge-{jobs}", jobs, work, peaks)
    per_doc = 1000 * seconds / done
    ratio = plain / per_doc
    single = jobs == 1
    return (
        f"antq-docs generate pledge --jobs {jobs}: {done} bản, tính cả khởi động",
        f"{seconds:.2f} s, {done / seconds:.0f} bản/s, gấp {ratio:.0f} lần docxtpl",
        "≥ 30× docxtpl mỗi tiến trình" if single else "",
        ("đạt" if ratio >= 30 else "chưa đạt") if single else "",
    )


def _dry_run(campaign: str, units: int, work: Path) -> tuple[Row, float]:
    """A dry run of `generate all` on a roster of units, and its peak memory (MB)."""
    dry, _ = write_roster(units, work / "dry")
    seconds, peaks, stderr = run_cli(
        [
            "generate",
            "all",
            "--campaign",
            campaign,
            "--units",
            str(dry),
            "--out",
            str(work / "dry-out"),
            "--dry-run",
        ],
        work,
    )
    row = (
        f"--dry-run trên {_number(units)} đơn vị ({_number(generated(stderr))} văn bản)",
        f"{seconds:.1f} s, bộ nhớ đỉnh {peaks['self']:.0f} MB",
        "không soạn văn bản nào",
        "đạt",
    )
    return row, peaks["self"]


def _markdown(rows: list[Row], dry_units: int, dry_peak: float, pdf_ok: bool) -> str:
    """The table in Markdown, the machine above it and the notes below it."""
    lines = [f"Máy: {machine()}.", "", "| Phép đo | Kết quả | Mục tiêu | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines.append("")
    lines.append(
        f"Chạy thử trên {_number(dry_units)} đơn vị: bộ nhớ đỉnh {dry_peak:.0f} MB "
        "(danh sách đơn vị và kế hoạch soạn của cả tỉnh nằm trong bộ nhớ)."
    )
    if not pdf_ok:
        lines.append("Không có LibreOffice: bỏ qua các dòng PDF.")
    return "\n".join(lines)


def _collect_rows(forms: int, work: Path, jobs: int) -> list[Row]:
    """Forms written for, then collected from, `forms` reporting units (with every core)."""
    from benchmarks.bench_collect import TARGET_S, measure

    figures = measure(forms, work)
    count, units = int(figures["forms"]), int(figures["units"])
    seconds = figures[f"collect_s_{jobs}_jobs"]
    return [
        (
            f"antq-docs forms: {count} phiếu thu kết quả ({_number(units)} đơn vị), tính cả khởi "
            "động",
            f"{figures['forms_s']:.2f} s",
            "",
            "",
        ),
        (
            f"antq-docs collect --jobs {jobs}: {count} phiếu đã điền, tính cả khởi động",
            f"{seconds:.2f} s",
            f"< {TARGET_S:.0f} s (500 phiếu, 2 nhân)",
            "đạt" if seconds < TARGET_S * count / 500 else "chưa đạt",
        ),
    ]


def _pdf_rows(units: int) -> tuple[list[Row], bool]:
    """PDF documents/s with 1 and 2 jobs and the audit pack, when LibreOffice is here."""
    from antq_docs.errors import AntqError
    from antq_docs.pdf import find_soffice
    from benchmarks.bench_pdf import bench_pdf

    try:
        find_soffice()
    except AntqError:
        return [], False
    figures = bench_pdf(units)
    rows = []
    for count in (1, 2):
        rate = figures[f"pdf_per_s_{count}_jobs"]
        rows.append(
            (
                f"PDF ({figures['documents']:.0f} bản cam kết), --jobs {count}, tính cả "
                "khởi động LibreOffice",
                f"{rate:.1f} bản/s ({figures[f'cpu_ms_per_pdf_{count}_jobs']:.0f} ms CPU mỗi bản)",
                "≥ 12 bản/s" if count == 2 else "",
                ("đạt" if rate >= 12 else "chưa đạt") if count == 2 else "",
            )
        )
    rows.append(
        (
            f"Hồ sơ kiểm tra (ghép PDF, mục lục): {figures['packs']:.0f} tệp",
            f"{figures['pack_s']:.2f} s",
            "",
            "",
        )
    )
    return rows, True


if __name__ == "__main__":
    print(table("small" if "--small" in sys.argv[1:] else "full"), flush=True)
