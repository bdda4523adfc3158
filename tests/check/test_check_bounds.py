"""`check` reads the tool's own files within bounds, and a killed run's journal as a re-run does."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from antq_docs.cli import cli
from antq_docs.errors import OutputError
from antq_docs.limits import MAX_MANIFEST_BYTES
from antq_docs.output import JOURNAL, MANIFEST, recorded
from antq_docs.output.journal import Journal
from tests.helpers import SAMPLE_CAMPAIGN

BASE = ["--campaign", str(SAMPLE_CAMPAIGN)]


@pytest.fixture(scope="module")
def pledges(tmp_path_factory) -> Path:
    """The sample's pledges generated once by the command line; tests work on copies."""
    out = tmp_path_factory.mktemp("gen") / "out"
    result = CliRunner().invoke(cli, ["generate", "pledge", *BASE, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture
def docs(pledges, tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(pledges, target)
    return target


def changed(docs: Path) -> list[str]:
    """The paths check calls changed since they were made ("đã sửa tay")."""
    result = CliRunner().invoke(cli, ["check", *BASE, "--docs", str(docs), "--format", "json"])
    assert result.stdout.startswith("{"), result.output
    return [c["path"] for c in json.loads(result.stdout)["changed"]]


def rewritten(path: Path) -> str:
    """Write a new version of a document in its place, as a re-run does; its SHA-256."""
    doc = Document(str(path))
    doc.add_paragraph("Phiên bản mới của lần chạy lại.")
    doc.save(str(path))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_runs_own_files_are_not_called_edited(docs):
    """A re-run killed after putting two new versions in place, before saving its manifest:
    its journal names them, so check (like the next generate) counts them as the tool's."""
    entries = {e["path"]: e for e in json.loads((docs / MANIFEST).read_text("utf-8"))["documents"]}
    first, second, edited = sorted(entries)[:3]
    journal = Journal(docs)
    for rel in (first, second, edited):
        journal.append({**entries[rel], "sha256": rewritten(docs / rel)}, "s2")
    journal.close()  # the kill: the journal stays, the manifest holds the old digests
    # Edited by a person after the run put it in place: its bytes are not what was journalled.
    rewritten(docs / edited)
    assert changed(docs) == [edited]
    (docs / JOURNAL).unlink()
    assert changed(docs) == sorted([first, second, edited])


def test_a_journal_line_cut_by_the_kill_is_skipped(docs):
    entry = json.loads((docs / MANIFEST).read_text("utf-8"))["documents"][0]
    line = json.dumps({**entry, "sha256": rewritten(docs / entry["path"]), "source": None})
    (docs / JOURNAL).write_text(line + '\n{"path": "pledge/', encoding="utf-8")
    assert changed(docs) == []


def test_an_oversized_manifest_is_refused_before_it_is_parsed(docs):
    with (docs / MANIFEST).open("ab") as fh:
        fh.write(b" " * MAX_MANIFEST_BYTES)
    result = CliRunner().invoke(cli, ["check", *BASE, "--docs", str(docs)])
    assert result.exit_code == 1
    assert "manifest.json quá lớn (trên 16 MB)" in result.stderr
    assert "Traceback" not in result.output


def test_only_the_entries_of_files_present_are_kept(tmp_path):
    """A manifest of many entries naming no file of the folder costs nothing kept."""
    (tmp_path / "pledge").mkdir()
    (tmp_path / "pledge" / "A.docx").write_bytes(b"x")
    ghosts = [{"path": f"pledge/G{i}.docx", "sha256": "0"} for i in range(1000)]
    present = {"path": "pledge/A.docx", "sha256": "1", "format": "docx"}
    text = json.dumps({"documents": [*ghosts, present, {}, {}]})
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    assert recorded(tmp_path, {"pledge/A.docx"}) == {"pledge/A.docx": present}


def test_a_manifest_of_nested_lists_is_broken_not_a_crash(tmp_path):
    (tmp_path / MANIFEST).write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(OutputError, match=r"manifest\.json hỏng"):
        recorded(tmp_path, set())


def test_a_folder_of_many_files_is_allowed_a_larger_manifest(tmp_path):
    """A province's households' own pledges: a manifest over 16 MB for 20,000 files is read."""
    padded = '{"documents": [' + " " * (MAX_MANIFEST_BYTES + (1 << 20)) + "]}"
    (tmp_path / MANIFEST).write_text(padded, encoding="utf-8")
    with pytest.raises(OutputError, match="quá lớn"):
        recorded(tmp_path, {"pledge/A.docx"})
    many = {f"pledge-household/X/{i}.docx" for i in range(20_000)}
    assert recorded(tmp_path, many) == {}


@pytest.mark.parametrize(
    "documents",
    [
        '"ab",' * 800_000 + '"ab"',
        "1.5," * 1_000_000 + "1",
        '{"path": "a", ' + '"k": 1, ' * 500_000 + '"z": 1}',
    ],
    ids=["strings", "numbers", "one-huge-entry"],
)
def test_a_manifest_not_as_the_tool_writes_it_is_refused_without_being_built(tmp_path, documents):
    (tmp_path / MANIFEST).write_text('{"documents": [' + documents + "]}", encoding="utf-8")
    size = (tmp_path / MANIFEST).stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(OutputError, match=r"không phải danh sách văn bản như chương trình ghi"):
            recorded(tmp_path, {"a"})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Parsed whole, the strings took 13 times the file's size; now its bytes and text only.
    assert peak < 3 * size


def test_a_large_manifest_as_the_tool_writes_it_is_read_quickly(tmp_path):
    entry = {"unit": "KT-01", "kind": "pledge", "sha256": "0" * 64, "template": "pledge.docx"}
    documents = [{**entry, "path": f"pledge/KT-{i}.docx"} for i in range(50_000)]
    (tmp_path / MANIFEST).write_text(json.dumps({"documents": documents}, indent=2), "utf-8")
    started = time.process_time()
    found = recorded(tmp_path, {"pledge/KT-7.docx", "pledge/KT-49999.docx"})
    assert time.process_time() - started < 2.0
    assert sorted(found) == ["pledge/KT-49999.docx", "pledge/KT-7.docx"]
    assert found["pledge/KT-7.docx"] == {**entry, "path": "pledge/KT-7.docx"}


def test_a_journal_line_longer_than_any_entry_is_not_parsed(tmp_path):
    (tmp_path / "pledge").mkdir()
    (tmp_path / "pledge" / "A.docx").write_bytes(b"x")
    digest = hashlib.sha256(b"x").hexdigest()
    fields = {"unit": "A", "kind": "pledge", "template": "t", "generated_at": "2025"}
    good = json.dumps({**fields, "path": "pledge/A.docx", "sha256": digest, "source": None})
    huge = '{"junk": [' + '"ab",' * 1_000_000 + '"ab"]}'
    (tmp_path / JOURNAL).write_text(huge + "\n" + good + "\n", encoding="utf-8")
    tracemalloc.start()
    try:
        found = recorded(tmp_path, {"pledge/A.docx"})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found["pledge/A.docx"]["sha256"] == digest
    assert peak < 3 * len(huge)


def test_check_never_reads_the_sources_cache(docs):
    """What documents were made from is a re-run's cache: check reads no byte of it, so a FIFO
    of its name never blocks and a huge one costs nothing."""
    import os

    from antq_docs.output.layout import SOURCES

    (docs / SOURCES).unlink(missing_ok=True)
    os.mkfifo(docs / SOURCES)
    import threading

    present = [str(p.relative_to(docs)) for p in docs.rglob("*.docx")]
    found: list[dict] = []
    # In a thread: a read of the FIFO would block for ever; the test fails instead of hanging.
    reader = threading.Thread(target=lambda: found.append(recorded(docs, present)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert found, "check blocked on the sources cache"
    assert found[0] and all(e["path"] in present for e in found[0].values())
