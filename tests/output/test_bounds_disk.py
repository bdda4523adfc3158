"""Nothing left behind: LibreOffice killed with a killed run, its profile folders removed at the
next start, and a full disk anywhere in pdf, the register or the output folder told by one
Vietnamese message with nothing half-written."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from antq_docs import office
from antq_docs.cli import cli
from antq_docs.errors import DiskFull
from antq_docs.output import OutputFolder
from antq_docs.register import Register
from tests.check.test_check import minimal_pdf
from tests.helpers import ROOT, invoke_generate

FULL = "ổ đĩa đã đầy (hoặc hết hạn mức dung lượng) khi ghi"

# A LibreOffice that starts a helper in its process group (as soffice.bin is), notes both ids
# in $FAKE_SOFFICE_PIDS and then hangs; or, with $FAKE_SOFFICE_FAIL, fails at once; else it
# writes a PDF per document.
FAKE = """#!{python}
import os, subprocess, sys, time
from pathlib import Path
if os.environ.get("FAKE_SOFFICE_FAIL"):
    sys.exit(1)
pids = os.environ.get("FAKE_SOFFICE_PIDS")
if pids:
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    Path(pids).write_text(f"{{os.getpid()}} {{helper.pid}}\\n")
    time.sleep(120)
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
for arg in args:
    if arg.endswith(".docx"):
        (outdir / (Path(arg).stem + ".pdf")).write_bytes({pdf!r})
"""
# convert_folder in a child process, as `antq-docs pdf` runs it.
CONVERT = (
    "import sys; from antq_docs.pdf import convert_folder; convert_folder(sys.argv[1], jobs=1)"
)


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch) -> Path:
    """The fake LibreOffice first on PATH, and a temporary folder of the test's own."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE.format(python=sys.executable, pdf=minimal_pdf()), "utf-8")
    script.chmod(0o755)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


@pytest.fixture
def docs(tmp_path, runner) -> Path:
    """The pledge of one unit."""
    out = tmp_path / "out"
    result = invoke_generate(runner, "pledge", out, "--unit", "KT-01", units=None)
    assert result.exit_code == 0, result.stderr
    return out


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting for its reaper counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status


def test_a_killed_pdf_run_leaves_no_libreoffice_and_the_next_removes_its_profile(
    fake_soffice, docs, tmp_path, monkeypatch
):
    pids = tmp_path / "pids"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FAKE_SOFFICE_PIDS": str(pids)}
    run = subprocess.Popen([sys.executable, "-c", CONVERT, str(docs)], env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not (pids.exists() and len(pids.read_text().split()) == 2):
            assert time.monotonic() < deadline and run.poll() is None
            time.sleep(0.05)
        soffice, helper = map(int, pids.read_text().split())
        assert list(fake_soffice.glob(f"{office.PROFILE_PREFIX}{run.pid}-*"))
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 5
        while not (_gone(soffice) and _gone(helper)):
            assert time.monotonic() < deadline, "LibreOffice outlived the run"
            time.sleep(0.05)
    finally:
        run.kill()
        run.wait()
    assert list(fake_soffice.glob(f"{office.PROFILE_PREFIX}*"))  # left by the killed run
    result = CliRunnerLike.pdf(docs)
    assert result.returncode == 0, result.stderr
    assert not list(fake_soffice.glob(f"{office.PROFILE_PREFIX}{run.pid}-*"))
    assert (docs / "pledge" / "KT-01.pdf").is_file()


class CliRunnerLike:
    """`antq-docs pdf` in a child process of the test's environment."""

    @staticmethod
    def pdf(folder: Path) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("FAKE_SOFFICE_PIDS", None)
        return subprocess.run(
            [sys.executable, "-m", "antq_docs", "pdf", str(folder), "--jobs", "1"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


def test_profiles_of_ended_runs_are_removed_and_live_ones_kept(fake_soffice):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], stdout=-1)
    dead = fake_soffice / f"{office.PROFILE_PREFIX}{int(ended.stdout)}-ab12"
    live = fake_soffice / f"{office.PROFILE_PREFIX}{os.getppid()}-cd34"
    other = fake_soffice / "antq-docs-khac"
    for folder in (dead, live, other):
        (folder / "job0").mkdir(parents=True)
    made = office.new_profiles()
    assert not dead.exists() and live.exists() and other.exists()
    assert made.name.startswith(f"{office.PROFILE_PREFIX}{os.getpid()}-")


def test_a_full_disk_while_copying_for_pdf_is_one_message(fake_soffice, docs, runner, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("antq_docs.pdf.shutil.copyfile", full)
    result = runner.invoke(cli, ["pdf", str(docs), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{FULL} bản PDF" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(docs.glob(".antq-pdf-*")) and not list(docs.rglob("*.pdf"))
    assert not list(fake_soffice.iterdir())


def test_libreoffice_failing_on_a_full_disk_is_told_as_a_full_disk(
    fake_soffice, docs, runner, monkeypatch
):
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "1")
    monkeypatch.setattr(office, "MIN_FREE_BYTES", 1 << 62)  # every disk is short of that
    result = runner.invoke(cli, ["pdf", str(docs), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{FULL} bản PDF" in result.stderr
    assert "LibreOffice lỗi hoặc treo" not in result.stderr
    assert not list(docs.glob(".antq-pdf-*")) and not list(docs.rglob("*.pdf"))


def test_a_full_register_is_one_message_and_keeps_its_numbers(tmp_path):
    """SQLite's own "database or disk is full", not "cannot rollback", and nothing lost."""
    register = Register(tmp_path)
    assert register.number("UBND", 2025, "plan/A.docx") == 1
    db = register._connect()
    assert db is not None
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as excinfo:
        for index in range(10_000):
            register.number("UBND", 2025, f"plan/{'x' * 200}{index}.docx")
    assert excinfo.value.message.endswith(
        f"{FULL} sổ đăng ký số; không tệp nào bị ghi dở, những gì đã ghi xong được giữ và lần "
        "chạy sau tiếp tục từ đó. Hãy giải phóng dung lượng rồi chạy lại."
    )
    register.close()
    with sqlite3.connect(tmp_path / "register.sqlite") as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        numbers = [n for (n,) in check.execute("SELECT number FROM numbers ORDER BY number")]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_full_disk_at_the_rename_into_place_is_one_message(tmp_path, monkeypatch):
    """The produced file is removed, the place keeps what it had."""
    out = tmp_path / "out"
    out.mkdir()
    produced = out / ".made.antq-tmp"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with OutputFolder(out) as folder:
        produced.write_bytes(b"%PDF-1.4 new")
        monkeypatch.setattr("antq_docs.output.folder.os.replace", full)
        with pytest.raises(DiskFull, match="khi ghi văn bản"):
            folder.put_pdf("pledge/A.pdf", produced, unit="A", kind="pledge", template="")
        monkeypatch.undo()
    assert not produced.exists() and not (out / "pledge" / "A.pdf").exists()
