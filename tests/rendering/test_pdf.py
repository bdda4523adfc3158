"""PDF copies and the audit pack: batches, retries, the manifest, signed scans, LibreOffice."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from antq_docs.cli import cli
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.output import OutputFolder, read_manifest
from antq_docs.pdf import bundle, convert_folder
from benchmarks.bench_pdf import bench_pdf
from tests.check.test_check import minimal_pdf
from tests.helpers import SAMPLE_CAMPAIGN, invoke_generate
from tests.totals import documents_written

# A stand-in for soffice: writes a one-page A4 PDF per input into --outdir and counts its calls
# in $FAKE_SOFFICE_STATE/calls; the calls listed in $FAKE_SOFFICE_HANG sleep instead (a hung
# LibreOffice), and with $FAKE_SOFFICE_FAIL set every call exits 1 without output.
FAKE = """#!{python}
import os, sys, time
from pathlib import Path
state = Path(os.environ["FAKE_SOFFICE_STATE"])
calls = state / "calls"
number = len(calls.read_text().splitlines()) + 1 if calls.exists() else 1
with calls.open("a") as fh:
    fh.write(" ".join(a for a in sys.argv[1:] if a.endswith(".docx")) + "\\n")
if str(number) in os.environ.get("FAKE_SOFFICE_HANG", "").split(","):
    time.sleep(60)
if os.environ.get("FAKE_SOFFICE_FAIL"):
    sys.exit(1)
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
for arg in args:
    if arg.endswith(".docx"):
        (outdir / (Path(arg).stem + ".pdf")).write_bytes({pdf!r})
"""

# Two units of the sample and their subordinates: pledges and plans (kế hoạch), quickly.
SCOPE = ["--unit", "KT-01", "--unit", "KT-01-01", "--unit", "KT-01-01-01", "--unit", "KT-01-01-02"]


# Documents printed and packed into hồ sơ: the slow set (CI runs it).
pytestmark = pytest.mark.slow


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch) -> Path:
    """A fake soffice first on PATH; returns the folder holding its call log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE.format(python=sys.executable, pdf=minimal_pdf()), "utf-8")
    script.chmod(0o755)
    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_STATE", str(state))
    return state


def calls(state: Path) -> list[list[str]]:
    """The documents each call of the fake soffice was given, call by call."""
    log = state / "calls"
    return [line.split() for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture
def docs(tmp_path, runner) -> Path:
    """Pledges and plans of four units of the sample."""
    out = tmp_path / "out"
    for kind in ("pledge", "plan"):
        result = invoke_generate(runner, kind, out, *SCOPE, units=None)
        assert result.exit_code == 0, result.stderr
    return out


def docx_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.docx"))


def test_missing_libreoffice_names_the_debian_package(tmp_path, runner, monkeypatch, docs):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = runner.invoke(cli, ["pdf", str(docs)])
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: không tìm thấy LibreOffice (lệnh soffice) để chuyển văn bản sang PDF. Cài gói "
        "libreoffice-writer-nogui (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui) "
        "rồi chạy lại.\n"
    )
    # generate --pdf says so before writing anything.
    fresh = tmp_path / "fresh"
    result = invoke_generate(runner, "pledge", fresh, "--pdf", units=None)
    assert result.exit_code == 1
    assert "libreoffice-writer-nogui" in result.stderr
    assert not fresh.exists()


def test_pdf_beside_each_document_recorded_and_not_made_again(runner, fake_soffice, docs):
    (docs / ".antq-pdf-killedrun").mkdir()  # left by a run that was killed
    result = runner.invoke(cli, ["pdf", str(docs), "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    documents = docx_files(docs)
    assert len(documents) == 6
    assert result.stderr.endswith(f"PDF: 6 tệp mới làm, 0 đã mới hơn văn bản trong {docs}.\n")
    # Two jobs, each one soffice fed a list; never one process per document.
    assert sorted(len(c) for c in calls(fake_soffice)) == [3, 3]
    manifest = read_manifest(docs)
    for rel in documents:
        pdf = rel.replace(".docx", ".pdf")
        assert (docs / pdf).read_bytes() == minimal_pdf()
        entry = manifest[pdf]
        assert (entry["unit"], entry["kind"], entry["format"]) == (
            manifest[rel]["unit"],
            manifest[rel]["kind"],
            "pdf",
        )
    assert not [p for p in docs.iterdir() if p.name.startswith(".antq-pdf-")]
    again = runner.invoke(cli, ["pdf", str(docs)])
    assert again.stderr.endswith(f"PDF: 0 tệp mới làm, 6 đã mới hơn văn bản trong {docs}.\n")
    assert len(calls(fake_soffice)) == 2
    # A document written again is converted again, alone.
    later = time.time() + 5
    os.utime(docs / "plan" / "KT-01.docx", (later, later))
    third = runner.invoke(cli, ["pdf", str(docs)])
    assert third.stderr.endswith(f"PDF: 1 tệp mới làm, 5 đã mới hơn văn bản trong {docs}.\n")
    assert len(calls(fake_soffice)[-1]) == 1


def test_hung_batch_is_killed_and_its_files_retried_once(fake_soffice, docs, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_HANG", "1")
    started = time.monotonic()
    result = convert_folder(docs, jobs=1, timeout=(1.0, 0.1))
    assert time.monotonic() - started < 20
    log = calls(fake_soffice)
    assert len(log) == 2 and len(log[0]) == 6 and len(log[1]) == 6
    assert result.failed == []
    assert sorted(o.path for o in result.outcomes) == [
        p.replace(".docx", ".pdf") for p in docx_files(docs)
    ]


def test_documents_failing_twice_are_named_and_exit_1(runner, fake_soffice, docs, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "1")
    result = runner.invoke(cli, ["pdf", str(docs), "--jobs", "1"])
    assert result.exit_code == 1
    assert len(calls(fake_soffice)) == 2  # the batch, then its files once more
    assert (
        "Không chuyển được plan/KT-01.docx sang PDF (LibreOffice lỗi hoặc treo hai lần).\n"
        in result.stderr
    )
    assert not list(docs.glob("*/*.pdf"))


def test_generated_pdf_is_not_a_signed_copy(runner, fake_soffice, docs):
    assert runner.invoke(cli, ["pdf", str(docs)]).exit_code == 0
    (docs / "pledge" / "KT-01-01.docx").unlink()
    with OutputFolder(docs, dry_run=True) as folder:
        assert folder.signed_copy("pledge/KT-01-01.docx") is None
        assert folder.signed_copy("pledge/KT-01.docx") is None
    check = runner.invoke(
        cli, ["check", "--campaign", str(SAMPLE_CAMPAIGN), "--docs", str(docs), "--format", "json"]
    )
    data = json.loads(check.stdout)
    assert {"unit": "KT-01-01", "kind": "pledge", "expected": "pledge/KT-01-01.docx"} in (
        data["missing"]
    )
    assert data["extra"] == []
    # The draft is made again: the generated PDF does not stand in for it.
    result = invoke_generate(runner, "pledge", docs, *SCOPE, units=None)
    assert "1 tệp mới" in result.stderr
    assert (docs / "pledge" / "KT-01-01.docx").exists()


def test_signed_scan_is_never_replaced(runner, fake_soffice, docs):
    scan = minimal_pdf(2)
    (docs / "pledge" / "KT-01.PDF").write_bytes(scan)
    result = runner.invoke(cli, ["pdf", str(docs)])
    assert result.exit_code == 0, result.stderr
    assert "1 đã có bản ký" in result.stderr
    assert (docs / "pledge" / "KT-01.PDF").read_bytes() == scan
    assert not (docs / "pledge" / "KT-01.pdf").exists()
    assert all("KT-01.docx" not in " ".join(c) for c in calls(fake_soffice))


def outline(reader: PdfReader) -> list:
    """Bookmarks as (title, page) with nested lists for children."""

    def walk(items):
        out = []
        for item in items:
            if isinstance(item, list):
                out.append(walk(item))
            else:
                out.append((item.title, reader.get_destination_page_number(item)))
        return out

    return walk(reader.outline)


def test_bundle_joins_documents_in_matrix_order_with_bookmarks(runner, fake_soffice, docs):
    # The commune's pledge came back signed: its two-page scan goes into the pack.
    (docs / "pledge" / "KT-01-01.PDF").write_bytes(minimal_pdf(2))
    result = runner.invoke(cli, ["bundle", str(docs), "--campaign", str(SAMPLE_CAMPAIGN)])
    assert result.exit_code == 0, result.stderr
    packs = docs / "ho-so"
    own = PdfReader(packs / "KT-01-01.pdf")
    assert outline(own) == [("Bản cam kết", 0), ("Kế hoạch năm", 2)]
    assert len(own.pages) == 3
    below = PdfReader(packs / "KT-01-cap-duoi.pdf")
    assert outline(below) == [
        ("Phường Quyết Thắng (KT-01-01)", 0),
        [("Bản cam kết", 0), ("Kế hoạch năm", 2)],
    ]
    # A village owes no plan: its pack is its pledge.
    assert outline(PdfReader(packs / "KT-01-01-01.pdf")) == [("Bản cam kết", 0)]
    two = PdfReader(packs / "KT-01-01-cap-duoi.pdf")
    assert [t for t in outline(two) if isinstance(t, tuple)] == [
        ("Tổ dân phố 1 (KT-01-01-01)", 0),
        ("Tổ dân phố 2 (KT-01-01-02)", 1),
    ]
    manifest = read_manifest(docs)
    assert manifest["ho-so/KT-01-cap-duoi.pdf"]["format"] == "pdf"
    assert manifest["ho-so/KT-01-01.pdf"]["unit"] == "KT-01-01"
    check = runner.invoke(
        cli, ["check", "--campaign", str(SAMPLE_CAMPAIGN), "--docs", str(docs), "--format", "json"]
    )
    assert json.loads(check.stdout)["extra"] == []


def test_a_scoped_bundle_makes_the_hồ_sơ_of_the_unit_and_its_subtree_only(fake_soffice, docs):
    inputs = load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY)
    result = bundle(inputs, docs, scope="KT-01-01")
    made = sorted(Path(o.path).name for o in result.outcomes)
    # The district above the chosen commune has its documents here too, but no hồ sơ.
    assert made == [
        "KT-01-01-01.pdf",
        "KT-01-01-02.pdf",
        "KT-01-01-cap-duoi.pdf",
        "KT-01-01.pdf",
    ]
    assert not (docs / "ho-so" / "KT-01-cap-duoi.pdf").exists()
    shown = result.summary(shown_as="thư mục kết quả")
    assert shown.startswith("Hồ sơ: 4 tệp trong thư mục kết quả;") and "/" not in shown
    assert f"{docs}/ho-so" in result.summary()


# --- with LibreOffice ------------------------------------------------------------------------


def soffice_or_skip() -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
        pytest.skip("LibreOffice is not installed on this machine")


def test_generate_all_pdf_bundle_on_the_sample(tmp_path, runner, monkeypatch):
    soffice_or_skip()
    monkeypatch.chdir(tmp_path)  # the sample with its year-end results, as a user runs it
    result = runner.invoke(cli, ["generate", "all", "--pdf", "--bundle", "--out", "out"])
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    documents = docx_files(out)
    # Every kind of the sample's year (registrations and recognition decisions included).
    assert len(documents) == documents_written()
    manifest = read_manifest(out)
    for rel in documents:
        pdf = rel.replace(".docx", ".pdf")
        assert (out / pdf).is_file(), pdf
        assert manifest[pdf]["format"] == "pdf"
    units = {manifest[rel]["unit"] for rel in documents}
    assert {
        p.stem for p in (out / "ho-so").glob("*.pdf") if not p.stem.endswith("-cap-duoi")
    } == units
    # Every page of every PDF and hồ sơ is A4.
    for path in out.glob("*/*.pdf"):
        for page in PdfReader(path).pages:
            assert abs(float(page.mediabox.width) - 595) <= 1, path
            assert abs(float(page.mediabox.height) - 842) <= 1, path
    # The unit's name comes through with its diacritics (a font lacking Ủ, Ư, Ế… would have
    # LibreOffice set them apart, and the text would not read back).
    for rel, name in (
        ("pledge/KT-01-01.pdf", "Phường Quyết Thắng"),
        ("evaluation/KT-01-03-01.pdf", "Làng Kon Jơ Dri"),
    ):
        text = unicodedata.normalize("NFC", PdfReader(out / rel).pages[0].extract_text())
        assert name.upper() in text.upper()
        assert "Độc lập - Tự do - Hạnh phúc" in text
    again = runner.invoke(cli, ["pdf", "out"])
    assert again.exit_code == 0
    assert again.stderr.endswith(
        f"PDF: 0 tệp mới làm, {len(documents)} đã mới hơn văn bản trong out.\n"
    )


def test_pdf_benchmark_runs_at_a_small_size():
    soffice_or_skip()
    figures = bench_pdf(6)
    assert figures["documents"] >= 5
    assert figures["pdf_per_s_1_jobs"] > 0 and figures["pdf_per_s_2_jobs"] > 0
    assert figures["packs"] > figures["documents"]  # one per unit, one per parent unit


def test_pack_leaves_out_a_pdf_older_than_its_draft(runner, fake_soffice, docs, monkeypatch):
    assert runner.invoke(cli, ["pdf", str(docs)]).exit_code == 0
    later = time.time() + 5
    os.utime(docs / "plan" / "KT-01-01.docx", (later, later))
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "1")
    result = runner.invoke(cli, ["bundle", str(docs), "--campaign", str(SAMPLE_CAMPAIGN)])
    assert result.exit_code == 1
    assert "Hồ sơ thiếu plan/KT-01-01.docx: chưa có văn bản hoặc bản PDF.\n" in result.stderr
    assert outline(PdfReader(docs / "ho-so" / "KT-01-01.pdf")) == [("Bản cam kết", 0)]
