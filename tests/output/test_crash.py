"""Crash safety: runs killed with SIGKILL at chosen moments, then run again.

A real `antq-docs generate` runs in a child process that kills itself (SIGKILL, nothing can
clean up) at the n-th rename of a chosen file: just before a document takes its place, or
while the manifest is saved. The re-run must find every document whole, the manifest equal to
the files, no temporary file, no duplicate number, and none of its own files called edited.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from antq_docs.output import JOURNAL, MANIFEST, SOURCES, OutputFolder
from benchmarks.make_roster import write as write_roster
from tests.helpers import (
    ROOT,
    SAMPLE_CAMPAIGN,
    SAMPLE_UNITS,
    SAMPLE_UNITS_JULY,
    full_text,
    open_docx,
)

# Runs the command line; KILL_AT="<file name pattern>:<n>" kills the process with SIGKILL at
# the n-th os.replace onto a file of that name, the moment a file would take its place.
DRIVER = r"""
import fnmatch, os, signal, sys
kill_at = os.environ.get("KILL_AT")
if kill_at:
    pattern, count = kill_at.rsplit(":", 1)
    seen = [0]
    real = os.replace
    def replace(src, dst, *args, **kwargs):
        if fnmatch.fnmatch(os.path.basename(os.fspath(dst)), pattern):
            seen[0] += 1
            if seen[0] == int(count):
                os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)
    os.replace = replace
from antq_docs.cli import main
sys.argv = ["antq-docs", *sys.argv[1:]]
main()
"""
NUMBERED = ["--number-from", "KT-01=1", "--number-from", "KT-02=5"]
OWN_FILES = {MANIFEST, SOURCES, ".antq-docs.lock", "register.sqlite"}


def run(args: list[str], cwd: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    """The command line in a child process (killed at kill_at when given)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KILL_AT", None)
    if kill_at:
        env["KILL_AT"] = kill_at
    return subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def generate(
    out: Path, *extra: str, kill_at: str | None = None, campaign: Path = SAMPLE_CAMPAIGN
) -> subprocess.CompletedProcess:
    """`generate all` of the sample (plans, pledges, Ngày hội plans) into out."""
    return run(
        ["generate", "all", "--campaign", str(campaign), "--out", str(out), *NUMBERED, *extra],
        out.parent,
        kill_at,
    )


def files(out: Path) -> dict[str, str]:
    """Every file of the folder but the tool's own, with its SHA-256."""
    found = {}
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in OWN_FILES:
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_whole(out: Path, reference: Path | None = None) -> None:
    """Every document whole, manifest = files, no temporaries, no journal, no duplicate number."""
    on_disk = files(out)
    assert not [p for p in on_disk if p.endswith((".tmp", ".antq-tmp")) or JOURNAL in p]
    manifest = {
        e["path"]: e["sha256"] for e in json.loads((out / MANIFEST).read_text("utf-8"))["documents"]
    }
    assert manifest == on_disk
    for rel in on_disk:
        with zipfile.ZipFile(out / rel) as archive:
            assert archive.testzip() is None, rel
    with sqlite3.connect(out / "register.sqlite") as db:
        assert (
            db.execute(
                "SELECT issuer, year, number FROM numbers GROUP BY issuer, year, "
                "number HAVING COUNT(*) > 1"
            ).fetchall()
            == []
        )
    if reference is not None:
        # Byte for byte what an uninterrupted run writes (numbers included).
        assert on_disk == files(reference)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The sample generated once without interruption."""
    out = tmp_path_factory.mktemp("reference") / "out"
    result = generate(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    "kill_at",
    [
        "*.docx:1",  # before the first document takes its place
        "*.docx:60",  # half-way
        MANIFEST + ":1",  # every document in place, the manifest being saved
        SOURCES + ":1",  # manifest saved, the journal not yet removed
    ],
)
def test_a_run_killed_at_any_moment_is_completed_by_the_next(tmp_path, reference, kill_at):
    out = tmp_path / "out"
    killed = generate(out, kill_at=kill_at)
    assert killed.returncode == -signal.SIGKILL
    rerun = generate(out)
    assert rerun.returncode == 0, rerun.stderr
    assert "Giữ nguyên" not in rerun.stderr
    assert "0 đã sửa tay được giữ nguyên" in rerun.stderr
    assert_whole(out, reference)


@pytest.mark.slow
def test_a_run_killed_with_other_inputs_is_undone_by_the_first_inputs(tmp_path, reference):
    out = tmp_path / "out"
    assert generate(out).returncode == 0
    # Other inputs: another number of the province's plan, which every document cites.
    other = tmp_path / "other" / SAMPLE_CAMPAIGN.name
    other.parent.mkdir()
    text = SAMPLE_CAMPAIGN.read_text("utf-8")
    assert "so: 38/KH-BCĐ" in text
    other.write_text(text.replace("so: 38/KH-BCĐ", "so: 39/KH-BCĐ"), "utf-8")
    for roster in (SAMPLE_UNITS, SAMPLE_UNITS_JULY):
        shutil.copy(roster, other.parent / roster.name)
    killed = generate(out, campaign=other, kill_at="*.docx:50")
    assert killed.returncode == -signal.SIGKILL
    changed = [
        rel
        for rel, digest in files(out).items()
        if rel.endswith(".docx") and files(reference).get(rel) != digest
    ]
    assert changed, "the killed run changed no document: the test proves nothing"
    rerun = generate(out)
    assert rerun.returncode == 0, rerun.stderr
    assert "Giữ nguyên" not in rerun.stderr
    assert f"{len(changed)} cập nhật" in rerun.stderr
    assert_whole(out, reference)


def _children(pid: int) -> list[int]:
    """The processes whose parent is pid."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_with_a_killed_run(tmp_path):
    roster, _ = write_roster(1200, tmp_path / "data")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "antq_docs",
            "generate",
            "pledge",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(roster),
            "--out",
            str(out),
            "--jobs",
            "2",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (
            (out / "pledge").is_dir() and len(list((out / "pledge").iterdir())) > 300
        ):
            time.sleep(0.05)
        workers = _children(child.pid)
        assert len(workers) >= 2, "no worker processes to watch"
    finally:
        child.kill()
        child.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    alive = []
    for worker in workers:
        try:
            state = (Path(f"/proc/{worker}") / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(worker)
    assert alive == []
    rerun = subprocess.run(
        [
            sys.executable,
            "-m",
            "antq_docs",
            "generate",
            "pledge",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(roster),
            "--out",
            str(out),
            "--jobs",
            "2",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "0 đã sửa tay được giữ nguyên" in rerun.stderr
    on_disk = files(out)
    manifest = {
        e["path"]: e["sha256"] for e in json.loads((out / MANIFEST).read_text("utf-8"))["documents"]
    }
    assert manifest == on_disk


@pytest.mark.slow
def test_journalled_files_are_adopted_and_temporaries_removed(tmp_path, sample_out):
    """What a killed run leaves (journal lines, renamed files, temporaries) is cleaned up."""
    out = tmp_path / "out"
    (out / "pledge").mkdir(parents=True)
    good = sorted((sample_out / "pledge").glob("*.docx"))[0]
    data = good.read_bytes()
    (out / "pledge" / good.name).write_bytes(data)
    (out / "pledge" / f".{good.name}.ab12cd34-7.antq-tmp").write_bytes(data[:100])
    (out / "pledge" / f".{good.name}.k2j_9x0q.tmp").write_bytes(b"")  # an older version's
    (out / "pledge" / "ghi-chu.tmp").write_bytes(b"a person's file")
    entry = {
        "unit": good.stem,
        "kind": "pledge",
        "path": f"pledge/{good.name}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "template": "pledge.docx",
        "generated_at": "2025-03-01T08:00:00+07:00",
        "source": "s1",
    }
    lost = {**entry, "path": "pledge/X.docx"}  # journalled, killed before its rename
    (out / JOURNAL).write_text(json.dumps(entry) + "\n" + json.dumps(lost) + '\n{"pa', "utf-8")
    with OutputFolder(out) as folder:
        assert (folder.recovered, folder.cleaned) == (1, 2)
        assert [e["path"] for e in folder.entries()] == [f"pledge/{good.name}"]
    assert not (out / JOURNAL).exists()
    assert sorted(p.name for p in (out / "pledge").iterdir()) == [good.name, "ghi-chu.tmp"]
    saved = json.loads((out / MANIFEST).read_text("utf-8"))["documents"]
    assert saved[0]["sha256"] == entry["sha256"]
    assert "CAM KẾT" in full_text(open_docx(out / "pledge" / good.name)).upper()
