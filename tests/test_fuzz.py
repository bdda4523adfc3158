"""Fuzz target: the roster reader, the campaign loader and `check` take ANY input.

For any bytes, text or folder they return a result or raise an AntqError (located findings,
a refusal naming the file), never another exception, never hang; through the CLI the exit code
is 0, 1, 2 or 3 and no traceback is printed. The corpus in tests/fuzz_corpus holds real-world
shapes and every crash found so far: each file is replayed by the fast suite. The hypothesis
search (marked slow) mutates the corpus within a time budget: ANTQ_FUZZ_EXAMPLES examples per
target (default 800: about 50 s in all on two cores).
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import shutil
import signal
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antq_docs.check import check
from antq_docs.cli import cli
from antq_docs.errors import AntqError, ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.loading import load_inputs
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from antq_docs.limits import MAX_TABLE_CELLS
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
ROSTERS = sorted((CORPUS / "roster").iterdir())
CAMPAIGNS = sorted((CORPUS / "campaign").iterdir())
FOLDERS = sorted(p for p in (CORPUS / "check").iterdir() if p.is_dir())
SMALL_UNITS = FIXTURES / "units-small.csv"
# Per call: anything slower is a hang. Memory: the peak of the whole process may grow by this.
SECONDS = 20
MAX_GROWTH_MB = 400
EXAMPLES = int(os.environ.get("ANTQ_FUZZ_EXAMPLES", "800"))


@contextlib.contextmanager
def bounded():
    """Fail when the block runs longer than SECONDS or raises anything but an AntqError."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(SECONDS)
    try:
        yield
    except AntqError as e:
        if isinstance(e, ValidationError):
            assert e.findings and all(f.file for f in e.findings), e
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_cli(args: list[str]):
    """Run the CLI: an exit code in 0–3, no traceback, nothing raised past click."""
    from click.testing import CliRunner

    with bounded():
        result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output, result.output[-2000:]
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result


# --- The targets ----------------------------------------------------------------------------


def roster_target(path: Path, *, through_cli: bool) -> None:
    """Read a roster file with the library, then through `check` on an empty folder."""
    with bounded():
        load_roster(path)
    if through_cli:
        empty = Path(tempfile.mkdtemp())
        try:
            run_cli(
                [
                    "check",
                    "--campaign",
                    str(SAMPLE_CAMPAIGN),
                    "--units",
                    str(path),
                    "--docs",
                    str(empty),
                ]
            )
        finally:
            shutil.rmtree(empty)


def campaign_target(path: Path, *, through_cli: bool) -> None:
    """Load a campaign file with the library, then through `check` with the small roster."""
    with bounded():
        load_campaign(path, kinds=REGISTRY)
    if through_cli:
        empty = Path(tempfile.mkdtemp())
        try:
            run_cli(
                [
                    "check",
                    "--campaign",
                    str(path),
                    "--units",
                    str(SMALL_UNITS),
                    "--docs",
                    str(empty),
                ]
            )
        finally:
            shutil.rmtree(empty)


_INPUTS = {}


def small_inputs():
    """The sample campaign with the small roster, loaded once."""
    if "small" not in _INPUTS:
        _INPUTS["small"] = load_inputs(SAMPLE_CAMPAIGN, SMALL_UNITS, kinds=REGISTRY)
    return _INPUTS["small"]


def check_target(folder: Path, *, through_cli: bool) -> None:
    """Audit a folder with the library (one process), then through the CLI."""
    with bounded():
        report = check(small_inputs(), folder, workers=1)
        report.to_json()
        report.table()
    if through_cli:
        run_cli(
            [
                "check",
                "--campaign",
                str(SAMPLE_CAMPAIGN),
                "--units",
                str(SMALL_UNITS),
                "--docs",
                str(folder),
                "--format",
                "json",
            ]
        )


# --- Replay of the corpus (fast) -------------------------------------------------------------


@pytest.mark.parametrize("path", ROSTERS, ids=lambda p: p.name)
def test_roster_corpus(path):
    roster_target(path, through_cli=True)


@pytest.mark.parametrize("path", CAMPAIGNS, ids=lambda p: p.name)
def test_campaign_corpus(path):
    campaign_target(path, through_cli=True)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_check_corpus(folder, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(folder, docs)
    check_target(docs, through_cli=True)


def test_the_corpus_holds_every_kind_of_input():
    assert len(ROSTERS) >= 20 and len(CAMPAIGNS) >= 15 and len(FOLDERS) >= 2
    assert {p.suffix for p in ROSTERS} == {".csv", ".xlsx"}


def test_corpus_crashes_found_by_the_fuzzer_are_now_findings():
    # Each was a RecursionError, a ValueError or a hang before the fix.
    with pytest.raises(AntqError, match="lồng nhau quá 32 tầng"):
        load_campaign(CORPUS / "campaign" / "deep-nesting.yaml", kinds=REGISTRY)
    with pytest.raises(ValidationError, match=r"trường nam: \"1000"):
        load_campaign(CORPUS / "campaign" / "huge-integer.yaml", kinds=REGISTRY)
    # A row of 200,000 empty cells is cut at the column limit: an empty roster, said so.
    with pytest.raises(AntqError, match="danh sách không có đơn vị nào"):
        load_roster(CORPUS / "roster" / "many-delimiters.csv")


def test_a_table_of_millions_of_empty_cells_is_refused_before_it_fills_memory(tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(b"ma,ten,loai\n" + b"," * MAX_TABLE_CELLS)
    with pytest.raises(AntqError, match="bảng có quá nhiều ô"):
        load_roster(path)


# --- The search (slow, bounded) --------------------------------------------------------------

_TOKENS = [
    b'"',
    b",",
    b";",
    b"\t",
    b"\r\n",
    b"\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\xd0\xe0\xec",
    "e\u0302\u0301".encode(),
    b"{{x}}",
    b"{%",
    b"x" * 1200,
    b"=1+1",
    b"\xe2\x80\xae",
    b"2025-02-30",
    b"ma,ten,loai,cap_tren\n",
    b"'",
    b"\\",
]
_YAML_TOKENS = [
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "<<: ",
    "[",
    "{",
    "]",
    "}",
    ": ",
    "\n- ",
    "\t",
    "2025-02-30",
    ".nan",
    "1e999",
    "~",
    "'",
    '"',
    "? ",
    "!!binary ",
    "!!set ",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "e\u0302\u0301",
    "1" * 5000,
    "\n  ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!!str ",
    "null",
    "-1",
    "0x1F",
    "#",
]


@st.composite
def mutated(draw, seeds: list[bytes], tokens: list[bytes]) -> bytes:
    """A seed with a few byte-level mutations: flips, insertions, cuts, splices."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice", "dup"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(tokens))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[at:]
        elif op == "splice":
            other = draw(st.sampled_from(seeds))
            data[at:] = other[draw(st.integers(0, max(len(other) - 1, 0))) :]
        elif op == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 50))
    return bytes(data)


def _zip_mutated(draw, seed: bytes) -> bytes:
    """A zip (xlsx, docx) with one member's bytes mutated, or packed another way."""
    zin = zipfile.ZipFile(io.BytesIO(seed))
    names = zin.namelist()
    target = draw(st.sampled_from(names))
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_LZMA]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zout:
        for name in names:
            data = zin.read(name)
            if name == target:
                data = draw(mutated([data], [*_TOKENS, b"<", b">", b"&", b"]]>", b"<!DOCTYPE"]))
            zout.writestr(name, data)
    return out.getvalue()


_ROSTER_SEEDS = {p.suffix: [] for p in ROSTERS}
for _p in ROSTERS:
    _ROSTER_SEEDS[_p.suffix].append(_p.read_bytes())
_GOOD_XLSX = (CORPUS / "roster" / "title-rows.xlsx").read_bytes()


@st.composite
def roster_files(draw) -> tuple[str, bytes]:
    """A roster file: a mutated CSV, a workbook with a mutated member, or mutated xlsx bytes."""
    shape = draw(st.sampled_from(["csv", "csv", "xlsx-member", "xlsx-bytes"]))
    if shape == "csv":
        return ".csv", draw(mutated(_ROSTER_SEEDS[".csv"], _TOKENS))
    if shape == "xlsx-member":
        return ".xlsx", _zip_mutated(draw, _GOOD_XLSX)
    return ".xlsx", draw(mutated(_ROSTER_SEEDS[".xlsx"], _TOKENS))


_SEARCH = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow
@_SEARCH
@given(roster_files())
def test_any_roster_bytes(case):
    suffix, data = case
    start = peak_mb()
    work = Path(tempfile.mkdtemp())
    try:
        path = work / f"units{suffix}"
        path.write_bytes(data)
        roster_target(path, through_cli=False)
    finally:
        shutil.rmtree(work)
    assert peak_mb() - start < MAX_GROWTH_MB


_CAMPAIGN_SEEDS = [p.read_bytes() for p in CAMPAIGNS] + [SAMPLE_CAMPAIGN.read_bytes()]


@pytest.mark.slow
@_SEARCH
@given(mutated(_CAMPAIGN_SEEDS, [t.encode() for t in _YAML_TOKENS]))
def test_any_campaign_text(data):
    start = peak_mb()
    work = Path(tempfile.mkdtemp())
    try:
        path = work / "campaign.yaml"
        path.write_bytes(data)
        campaign_target(path, through_cli=False)
    finally:
        shutil.rmtree(work)
    assert peak_mb() - start < MAX_GROWTH_MB


_DOC_SEEDS = [p.read_bytes() for p in (CORPUS / "check").rglob("*") if p.is_file()]
_GOOD_DOCX = (CORPUS / "check" / "kind-is-a-file" / "plan" / "H1.docx").read_bytes()
_KINDS = ["pledge", "plan", "event-plan", "evaluation", "report", "minutes", "khac", "PLEDGE"]
_STEMS = [
    "H1",
    "H1-X1",
    "H2-CQ1",
    "h1",
    "H1-X1-T1",
    "~$H1",
    ".H1",
    "H1 ",
    "Ｈ1",
    "x" * 200,
    "H1\u0301",
    "..",
    "H1.docx",
    "",
]
_EXTS = [".docx", ".DOCX", ".pdf", ".PDF", ".doc", "", ".docx.tmp"]


@st.composite
def folders(draw) -> list[tuple[str, bytes | None]]:
    """A few entries (relative path, bytes, or None for a folder) of a folder to audit."""
    entries = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(_KINDS))
        name = draw(st.sampled_from(_STEMS)) + draw(st.sampled_from(_EXTS))
        if name in ("", ".", ".."):
            name = "x"
        shape = draw(st.sampled_from(["docx", "zip", "bytes", "folder"]))
        if shape == "docx":
            data = _GOOD_DOCX
        elif shape == "zip":
            data = _zip_mutated(draw, _GOOD_DOCX)
        elif shape == "bytes":
            data = draw(mutated(_DOC_SEEDS, [*_TOKENS, b"%PDF-1.7\n", b"%%EOF", b"PK\x03\x04"]))
        else:
            data = None
        entries.append((f"{kind}/{name}", data))
    return entries


@pytest.mark.slow
@_SEARCH
@given(folders())
def test_any_folder_to_check(entries):
    start = peak_mb()
    work = Path(tempfile.mkdtemp())
    try:
        for rel, data in entries:
            path = work / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                continue
            if data is None:
                path.mkdir()
            else:
                path.write_bytes(data)
        check_target(work, through_cli=False)
    finally:
        shutil.rmtree(work)
    assert peak_mb() - start < MAX_GROWTH_MB
