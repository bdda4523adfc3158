"""A full disk at every write: one Vietnamese message, exit 1, no partial file, nothing lost.

The disk fills (ENOSPC) at one chosen write: a document, the journal, the manifest, the
cache of sources, the Excel table of check, a signed copy or a page's picture of intake. A file-size limit (RLIMIT_FSIZE) makes real writes
fail in a child process too: the number register (SQLite) and the documents.
"""

from __future__ import annotations

import errno
import fnmatch
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from antq_docs import tplcheck as tpl
from antq_docs.cli import cli
from antq_docs.errors import DiskFull
from antq_docs.messages import documents as msg
from antq_docs.messages import intake as intake_msg
from antq_docs.messages.errors import DISK_FULL_WRITING
from antq_docs.output import JOURNAL, MANIFEST, REVIEW, SOURCES
from antq_docs.resources import CAMPAIGN_FILE, RESULTS_FILE
from antq_docs.starter import campaign_text
from tests.collect.test_collect import fill
from tests.helpers import ROOT, SAMPLE_CAMPAIGN, SAMPLE_UNITS, SAMPLE_UNITS_JULY, invoke_generate
from tests.intake.test_intake import page, pledge, scan
from tests.output.test_crash import files

NUMBERED = ["--number-from", "KT-01=1"]


@pytest.fixture
def full_disk(monkeypatch):
    """Make writes to files whose name matches a pattern fail as on a full disk."""

    def fill(pattern: str) -> None:
        real = os.write

        def write(fd: int, data) -> int:
            try:
                name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                name = ""
            if fnmatch.fnmatch(name, pattern):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(fd, data)

        monkeypatch.setattr(os, "write", write)

    return fill


def other_campaign(tmp_path: Path) -> Path:
    """The sample campaign with another plan number: every document changes."""
    folder = tmp_path / "other"
    folder.mkdir()
    for roster in (SAMPLE_UNITS, SAMPLE_UNITS_JULY):
        (folder / roster.name).write_bytes(roster.read_bytes())
    campaign = folder / SAMPLE_CAMPAIGN.name
    campaign.write_text(
        SAMPLE_CAMPAIGN.read_text("utf-8").replace("38/KH-BCĐ", "39/KH-BCĐ"), "utf-8"
    )
    return campaign


def generate(runner, out: Path, campaign: Path = SAMPLE_CAMPAIGN):
    return runner.invoke(
        cli,
        [
            "generate",
            "all",
            "--campaign",
            str(campaign),
            "--out",
            str(out),
            "--jobs",
            "1",
            *NUMBERED,
        ],
    )


def manifest_files(out: Path) -> dict[str, str]:
    return {
        e["path"]: e["sha256"] for e in json.loads((out / MANIFEST).read_text("utf-8"))["documents"]
    }


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="names files by /proc")
@pytest.mark.parametrize(
    "pattern, saved",
    [
        (".*.docx.*.antq-tmp", True),  # a document: the run stops, what it wrote is recorded
        (JOURNAL, True),  # the journal: the document is not put in place
        (f".{MANIFEST}.*", False),  # the manifest: the old one stays, the journal too
        (f".{SOURCES}.*", True),  # saved after the manifest: the manifest is new
    ],
)
def test_a_full_disk_stops_the_run_cleanly(tmp_path, runner, full_disk, pattern, saved):
    out = tmp_path / "out"
    assert generate(runner, out).exit_code == 0
    before = (out / MANIFEST).read_bytes()
    full_disk(pattern)
    result = generate(runner, out, other_campaign(tmp_path))
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Lỗi: ") and "ổ đĩa đã đầy" in lines[-1], result.stderr
    assert "Traceback" not in result.output + result.stderr
    on_disk = files(out)
    assert not [p for p in on_disk if p.endswith((".tmp", ".antq-tmp"))]
    if saved:
        assert manifest_files(out) == {p: d for p, d in on_disk.items() if p != JOURNAL}
    else:
        assert (out / MANIFEST).read_bytes() == before
        assert (out / JOURNAL).exists()


@pytest.mark.slow
def test_the_run_after_a_full_disk_completes(tmp_path, runner, full_disk, monkeypatch):
    out = tmp_path / "out"
    assert generate(runner, out).exit_code == 0
    campaign = other_campaign(tmp_path)
    with monkeypatch.context():
        full_disk(f".{MANIFEST}.*")
        assert generate(runner, out, campaign).exit_code == 1
    monkeypatch.undo()
    result = generate(runner, out, campaign)
    assert result.exit_code == 0, result.stderr
    assert "0 đã sửa tay được giữ nguyên" in result.stderr
    assert manifest_files(out) == files(out)


def test_a_full_disk_while_check_writes_its_table(tmp_path, runner, full_disk, sample_out):
    table = tmp_path / "kiem-tra.xlsx"
    full_disk(".kiem-tra.xlsx.*")
    result = runner.invoke(cli, ["check", "--docs", str(sample_out), "--xlsx", str(table)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Lỗi: {table}: {full(msg.WRITING_CHECK_XLSX)}"
    assert list(tmp_path.iterdir()) == []


def full(what: str) -> str:
    """The one disk-full message, naming what was being written."""
    return DISK_FULL_WRITING.format(what=what)


def test_a_full_disk_while_init_writes_leaves_no_half_file(
    tmp_path, runner, full_disk, monkeypatch
):
    folder = tmp_path / "nam-2025"
    full_disk(f".{RESULTS_FILE}.*")
    result = runner.invoke(cli, ["init", str(folder)])
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {folder / RESULTS_FILE}: {full(msg.WRITING_STARTER)}\n"
    # Before: the workbook opened by its own name and left half-written, kept by the next init.
    assert not (folder / RESULTS_FILE).exists() and not list(folder.glob(".*"))
    assert (folder / CAMPAIGN_FILE).read_text("utf-8") == campaign_text()
    monkeypatch.undo()
    again = runner.invoke(cli, ["init", str(folder)])
    assert again.exit_code == 0, again.stderr
    assert (folder / RESULTS_FILE).read_bytes()[:2] == b"PK"


def test_a_full_disk_while_forms_and_collect_write(tmp_path, runner, full_disk, monkeypatch):
    assert runner.invoke(cli, ["init", str(tmp_path / "nam-2025")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "nam-2025")
    commune = Path("phieu") / "QNG-03-xa-dak-ha.xlsx"
    full_disk(f".{commune.name}.*")
    made = runner.invoke(cli, ["forms", "phieu"])
    assert made.exit_code == 1
    assert made.stderr.splitlines()[-1] == f"Lỗi: {commune}: {full(msg.WRITING_FORMS)}"
    assert not commune.exists() and not list(Path("phieu").glob(".*"))
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path / "nam-2025")
    assert runner.invoke(cli, ["forms", "phieu"]).exit_code == 0
    for path in Path("phieu").glob("*.xlsx"):
        fill(path)
    sample = Path(RESULTS_FILE).read_bytes()
    full_disk(f".{RESULTS_FILE}.*")
    collected = runner.invoke(cli, ["collect", ".", "--force"])
    assert collected.exit_code == 1
    assert collected.stderr.splitlines()[-1] == f"Lỗi: {RESULTS_FILE}: {full(msg.WRITING_RESULTS)}"
    # The results replaced whole or not at all: the sample's workbook is still there.
    assert Path(RESULTS_FILE).read_bytes() == sample and not list(Path().glob(".*"))


def test_a_full_disk_while_templates_are_exported_leaves_nothing(tmp_path, full_disk):
    folder = tmp_path / "mau"
    full_disk(f".{tpl.VARIABLES_FILE}.*")
    with pytest.raises(DiskFull, match=re.escape(full(msg.WRITING_TEMPLATES))):
        tpl.export_templates(folder)
    # The templates copied before BIEN.md are removed: a second export would refuse them.
    assert list(folder.iterdir()) == []


# The command line in a child process whose files may not grow past FSIZE bytes: writes beyond
# fail as on a full disk (EFBIG), SIGXFSZ ignored as a real full disk sends none.
LIMITED = r"""
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(os.environ["FSIZE"])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from antq_docs.cli import main
sys.argv = ["antq-docs", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind, limit, what",
    [
        # KT-01's plan takes its number before it is rendered: the register is the first write.
        ("plan", 2048, "sổ đăng ký số (lỗi ghi ổ đĩa"),
        ("pledge", 24 << 10, "pledge/KT-01.docx: không ghi được (tệp vượt giới hạn kích thước"),
    ],
)
def test_real_failed_writes_leave_nothing_half_done(tmp_path, kind, limit, what):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FSIZE": str(limit)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            LIMITED,
            "generate",
            kind,
            "--unit",
            "KT-01",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--out",
            str(out),
            "--jobs",
            "1",
            *NUMBERED,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Lỗi: ") and what in last, result.stderr
    assert "Traceback" not in result.stderr
    on_disk = files(out)
    assert not [p for p in on_disk if p.endswith((".tmp", ".antq-tmp"))]
    if (out / MANIFEST).exists():
        assert manifest_files(out) == {p: d for p, d in on_disk.items() if p != JOURNAL}
    else:
        assert not [p for p in on_disk if p.endswith(".docx")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (".KT-01-01-01.pdf.*", intake_msg.WRITING_SIGNED_COPY),
        (".*-trang-002.png.*", intake_msg.WRITING_PICTURE),
    ],
)
def test_a_full_disk_while_intake_files_a_scan(tmp_path, runner, full_disk, pattern, what):
    out = tmp_path / "docs"
    made = invoke_generate(runner, "pledge", out, "--unit", "KT-01-01-01")
    assert made.exit_code == 0, made.stderr
    pile = scan(tmp_path / "scan.pdf", [page("1", code=pledge("KT-01-01-01")), page("")])
    before = files(out)
    full_disk(pattern)
    # A page that reads nothing after the code goes to review; by hand, the code is filed.
    orders = ["--assign", f"{pile}:1=KT-01-01-01/pledge"] if "pdf" in pattern else [str(pile)]
    result = runner.invoke(cli, ["intake", *orders, "--docs", str(out)])
    assert result.exit_code == 1, result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Lỗi: ") and last.endswith(full(what)), result.stderr
    assert "Traceback" not in result.output + result.stderr
    after = files(out)
    assert not [p for p in after if p.endswith((".tmp", ".antq-tmp"))]
    assert {p: d for p, d in after.items() if not p.startswith(REVIEW)} == before
