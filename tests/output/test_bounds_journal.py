"""After a killed run, `generate --dry-run` reads the journal as the real re-run does: the killed
run's own files are the tool's, never "đã sửa tay", and the dry run writes nothing."""

from __future__ import annotations

import hashlib
import json
import signal

import pytest

from antq_docs.errors import OutputError
from antq_docs.limits import MANIFEST_BYTES_PER_FILE, MAX_MANIFEST_BYTES
from antq_docs.output import JOURNAL, MANIFEST, OutputFolder, read_manifest
from tests.output.test_crash import generate


@pytest.mark.slow
def test_a_dry_run_adopts_the_journal_in_memory_only(tmp_path, sample_out):
    out = tmp_path / "out"
    (out / "pledge").mkdir(parents=True)
    good = sorted((sample_out / "pledge").glob("*.docx"))[0]
    data = good.read_bytes()
    (out / "pledge" / good.name).write_bytes(data)
    entry = {
        "unit": good.stem,
        "kind": "pledge",
        "path": f"pledge/{good.name}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "template": "pledge.docx",
        "generated_at": "2025-03-01T08:00:00+07:00",
        "source": "s1",
    }
    journal = json.dumps(entry) + "\n" + '{"pa'
    (out / JOURNAL).write_text(journal, "utf-8")
    with OutputFolder(out, dry_run=True) as folder:
        assert folder.recovered == 1
        assert [e["path"] for e in folder.entries()] == [f"pledge/{good.name}"]
        state = folder.state(f"pledge/{good.name}")
        assert folder.predict(state).status != "kept"
        assert folder.made_from(state, "s1")
    # Nothing written: the journal stays for the real run, no manifest appears.
    assert (out / JOURNAL).read_text("utf-8") == journal
    assert not (out / MANIFEST).exists()


@pytest.mark.slow
def test_the_dry_run_after_a_killed_run_says_what_the_re_run_does(tmp_path):
    out = tmp_path / "out"
    killed = generate(out, kill_at="*.docx:60")
    assert killed.returncode == -signal.SIGKILL
    assert (out / JOURNAL).exists()
    dry = generate(out, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "0 đã sửa tay được giữ nguyên" in dry.stderr
    assert (out / JOURNAL).exists()
    rerun = generate(out)
    assert rerun.returncode == 0, rerun.stderr
    assert "0 đã sửa tay được giữ nguyên" in rerun.stderr
    # The dry run's forecast of new and unchanged files is what the re-run did.
    forecast = dry.stderr.strip().splitlines()[-1]
    done = rerun.stderr.strip().splitlines()[-1]
    unchanged = done.split(" không đổi")[0].rsplit(", ", 1)[-1]
    assert f"{unchanged} không đổi" in forecast


def test_a_run_reads_its_folders_manifest_within_the_bound_check_uses(tmp_path):
    """The one bounded reader: a manifest far larger than its folder's files is refused by
    generate as by check, before it is parsed (a run read it whole, whatever its size)."""
    out = tmp_path / "out"
    out.mkdir()
    with (out / MANIFEST).open("wb") as fh:
        fh.write(b'{"documents": [' + b" " * (MAX_MANIFEST_BYTES + 1) + b"]}")
    too_large = r"tệp manifest\.json quá lớn \(trên 16 MB\)"
    with pytest.raises(OutputError, match=too_large), OutputFolder(out, dry_run=True):
        pass


def test_a_large_folder_is_allowed_a_manifest_in_proportion(tmp_path):
    out = tmp_path / "out"
    (out / "pledge").mkdir(parents=True)
    files = (MAX_MANIFEST_BYTES // MANIFEST_BYTES_PER_FILE) + 1024
    for index in range(files):
        (out / "pledge" / f"{index}.docx").touch()
    padded = b'{"documents": [' + b" " * (MAX_MANIFEST_BYTES + 1) + b"]}"
    (out / MANIFEST).write_bytes(padded)
    assert read_manifest(out) == {}
