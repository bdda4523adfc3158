"""Hostile files: damaged zips, FIFOs, symlinks and devices are reported, never read or followed."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import zipfile
from pathlib import Path

import pytest

from antq_docs.cli import cli
from antq_docs.lint import lint_file
from tests.helpers import (
    ROOT,
    SAMPLE_CAMPAIGN,
    SAMPLE_DIR,
    SAMPLE_UNITS,
    campaign_text,
    invoke_generate,
)

TEMPLATE = sorted((ROOT / "templates").glob("*.docx"))[0]
DOC = "pledge/KT-01.docx"
MAX_TABLE_BYTES = 50 << 20  # the documented limit on a roster or results file
UNIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks need POSIX")


def break_crc(source: Path, target: Path, member: str = "docProps/app.xml") -> None:
    """Copy a .docx with member stored uncompressed, then flip one byte of its data."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            method = zipfile.ZIP_STORED if info.filename == member else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, zin.read(info.filename), compress_type=method)
    with zipfile.ZipFile(target) as z:
        info = z.getinfo(member)
    raw = bytearray(target.read_bytes())
    # Local header: 30 fixed bytes, then the name and the extra field (their lengths at 26, 28).
    at = info.header_offset
    name_len = int.from_bytes(raw[at + 26 : at + 28], "little")
    extra_len = int.from_bytes(raw[at + 28 : at + 30], "little")
    start = at + 30 + name_len + extra_len
    # The last byte of the XML ('>'): the part still holds the same bytes but one.
    raw[start + info.file_size - 1] ^= 0x01
    target.write_bytes(bytes(raw))


def lzma_copy(source: Path, target: Path) -> None:
    """Copy a .docx with every member compressed with LZMA (zipfile reads it, Word does not)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_LZMA) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))


def test_a_broken_crc_is_not_a_conforming_document(tmp_path):
    path = tmp_path / "x.docx"
    break_crc(TEMPLATE, path)
    (finding,) = lint_file(path)
    assert finding.rule == "tep"
    assert "docProps/app.xml" in finding.found and "CRC" in finding.found


def test_lzma_members_are_not_a_conforming_document(tmp_path):
    path = tmp_path / "x.docx"
    lzma_copy(TEMPLATE, path)
    (finding,) = lint_file(path)
    assert finding.rule == "tep"
    assert "Deflate" in finding.found


@UNIX
def test_lint_reports_a_fifo_and_a_symlink_without_opening_them(tmp_path, runner):
    folder = tmp_path / "docs"
    folder.mkdir()
    os.mkfifo(folder / "fifo.docx")
    os.symlink(TEMPLATE, folder / "link.docx")
    result = runner.invoke(cli, ["lint", "--format", "json", str(folder)])
    assert result.exit_code == 3, result.output
    found = {Path(f["file"]).name: f["found"] for f in json.loads(result.stdout)["findings"]}
    assert "FIFO" in found["fifo.docx"]
    assert "symlink" in found["link.docx"]


@pytest.fixture
def docs(sample_out, tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(sample_out, target)
    return target


def run_check(runner, docs: Path) -> dict:
    result = runner.invoke(
        cli,
        [
            "check",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(SAMPLE_UNITS),
            "--docs",
            str(docs),
            "--format",
            "json",
        ],
    )
    assert result.stdout.startswith("{"), result.output
    return json.loads(result.stdout)


def invalid(data: dict) -> dict[str, str]:
    return {e["path"]: e["reason"] for e in data["invalid"]}


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["crc", "lzma"])
def test_check_calls_a_damaged_zip_invalid(docs, runner, damage):
    path = docs / DOC
    original = path.rename(path.with_suffix(".orig"))
    (break_crc if damage == "crc" else lzma_copy)(original, path)
    original.unlink()
    reason = invalid(run_check(runner, docs))[DOC]
    assert ("CRC" if damage == "crc" else "Deflate") in reason


@UNIX
def test_check_reports_a_fifo_and_a_symlink_as_invalid(docs, runner, tmp_path):
    outside = tmp_path / "outside.docx"
    shutil.copy(docs / DOC, outside)
    (docs / DOC).unlink()
    os.symlink(outside, docs / DOC)
    fifo = "pledge/KT-02.docx"
    (docs / fifo).unlink()
    os.mkfifo(docs / fifo)
    reasons = invalid(run_check(runner, docs))
    assert "symlink" in reasons[DOC]
    assert "FIFO" in reasons[fifo]


@UNIX
def test_generate_refuses_a_kind_folder_linked_outside(tmp_path, runner):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "pledge")
    result = invoke_generate(runner, "pledge", out)
    assert result.exit_code == 1
    assert "symlink" in result.stderr and "Traceback" not in result.output
    assert list(elsewhere.iterdir()) == []


@UNIX
def test_generate_does_not_read_or_replace_a_linked_document(tmp_path, runner):
    out = tmp_path / "out"
    assert invoke_generate(runner, "pledge", out).exit_code == 0
    outside = tmp_path / "outside.docx"
    outside.write_bytes(b"not mine")
    (out / DOC).unlink()
    os.symlink(outside, out / DOC)
    result = invoke_generate(runner, "pledge", out)
    assert result.exit_code == 1
    assert "symlink" in result.stderr
    assert outside.read_bytes() == b"not mine" and (out / DOC).is_symlink()


@pytest.mark.parametrize("option", ["--units", "--results"])
def test_a_device_as_input_is_refused_at_once(tmp_path, runner, option):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    extra = [option, "/dev/zero"] if option == "--results" else []
    units = "/dev/zero" if option == "--units" else SAMPLE_UNITS
    result = invoke_generate(runner, "pledge", tmp_path / "out", *extra, units=units)
    assert result.exit_code == 1
    assert "/dev/zero" in result.stderr and f"{MAX_TABLE_BYTES >> 20} MB" in result.stderr


def test_an_input_over_the_limit_is_refused_before_reading(tmp_path, runner):
    big = tmp_path / "units.csv"
    with big.open("wb") as fh:
        fh.truncate(MAX_TABLE_BYTES + 1)  # sparse: no time or disk spent
    result = invoke_generate(runner, "pledge", tmp_path / "out", units=big)
    assert result.exit_code == 1
    assert "units.csv" in result.stderr and "giới hạn là 50 MB" in result.stderr


# --- Inputs named as a FIFO, a device or a symlink: refused at once, by name -----------------


@contextlib.contextmanager
def within(seconds: int):
    """Fail (instead of hanging the suite) when the block blocks longer than seconds."""

    def expired(signum, frame):
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


SAMPLES = {
    "--campaign": SAMPLE_CAMPAIGN,
    "--units": SAMPLE_UNITS,
    "--results": SAMPLE_DIR / "results-kon-tum-2025.csv",
    "--scores": SAMPLE_DIR / "scores-kon-tum-2025.csv",
}


def _hostile(tmp_path: Path, option: str, shape: str) -> Path:
    """A FIFO, or a symlink to the real sample file, named like the input of option."""
    path = tmp_path / f"input{SAMPLES[option].suffix}"
    if shape == "fifo":
        os.mkfifo(path)
    else:
        os.symlink(SAMPLES[option], path)
    return path


def _run(runner, command: str, inputs: dict[str, Path], out: Path):
    args = {
        "generate": ["generate", "all"],
        "report": ["report", "--format", "json"],
        "check": ["check", "--docs", str(out)],
    }[command]
    for option, path in inputs.items():
        args += [option, str(path)]
    if command != "check":
        args += ["--out", str(out)]
    with within(20):
        return runner.invoke(cli, args)


@UNIX
@pytest.mark.parametrize("shape", ["fifo", "symlink"])
@pytest.mark.parametrize("option", list(SAMPLES))
def test_an_input_named_as_a_fifo_or_a_symlink_is_refused_at_once(tmp_path, runner, option, shape):
    hostile = _hostile(tmp_path, option, shape)
    out = tmp_path / "out"
    result = _run(runner, "generate", {**SAMPLES, option: hostile}, out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    why = "FIFO" if shape == "fifo" else "liên kết tượng trưng (symlink), không được đọc theo"
    assert f"Lỗi: {hostile}: " in result.stderr and why in result.stderr, result.stderr
    assert not out.exists()


@UNIX
@pytest.mark.parametrize("command", ["check", "report"])
def test_check_and_report_refuse_a_fifo_campaign_at_once(tmp_path, runner, command):
    hostile = _hostile(tmp_path, "--campaign", "fifo")
    out = tmp_path / "docs"
    out.mkdir()
    inputs = {"--campaign": hostile, "--units": SAMPLE_UNITS}
    if command == "report":
        inputs |= {"--results": SAMPLES["--results"], "--scores": SAMPLES["--scores"]}
    result = _run(runner, command, inputs, out)
    assert result.exit_code == 1, result.output
    assert f"Lỗi: {hostile}: không phải tệp thường (ống dẫn FIFO" in result.stderr


def test_a_device_as_campaign_is_refused_by_what_it_is(tmp_path, runner):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    result = _run(
        runner,
        "generate",
        {"--campaign": Path("/dev/zero"), "--units": SAMPLE_UNITS},
        tmp_path / "out",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: /dev/zero: không phải tệp thường (ống dẫn FIFO, thiết bị hoặc socket), không được "
        "mở. Hãy chỉ ra chính tệp kế hoạch (YAML, tệp thường).\n"
    )


@UNIX
def test_a_period_roster_that_is_a_fifo_is_refused_by_name(tmp_path, runner):
    fifo = tmp_path / "units-july.csv"
    os.mkfifo(fifo)
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        campaign_text().replace(f"{SAMPLE_DIR}/units-quang-ngai-2025-07.csv", str(fifo)),
        encoding="utf-8",
    )
    result = _run(runner, "generate", {"--campaign": campaign}, tmp_path / "out")
    assert result.exit_code == 1
    assert f"Lỗi: {fifo}: không phải tệp thường (ống dẫn FIFO" in result.stderr


# --- check: linked kind folders and stray links or FIFOs are findings, never followed --------


@UNIX
def test_check_reports_a_linked_kind_folder_and_does_not_follow_it(docs, runner, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(docs / "pledge", elsewhere)
    # Were the link followed, this FIFO would block the check.
    (elsewhere / "KT-01.docx").unlink()
    os.mkfifo(elsewhere / "KT-01.docx")
    os.symlink(elsewhere, docs / "pledge")
    with within(60):
        data = run_check(runner, docs)
    assert data["complete"] is False
    (refused,) = data["refused"]
    assert refused["path"] == "pledge"
    assert refused["reason"].startswith(
        "thư mục loại văn bản là liên kết tượng trưng (symlink), không được đọc theo"
    )
    assert "pledge" not in data["extra"]
    missing = {m["expected"] for m in data["missing"] if m["kind"] == "pledge"}
    assert DOC in missing and not any(i["kind"] == "pledge" for i in data["invalid"])


@UNIX
def test_check_names_stray_links_and_fifos_instead_of_calling_them_extra(docs, runner, tmp_path):
    outside = tmp_path / "outside.docx"
    shutil.copy(docs / DOC, outside)
    os.symlink(outside, docs / "pledge" / "ZZ-99.docx")  # no unit ZZ-99: not owed
    os.symlink(tmp_path, docs / "ghi-chu")
    os.mkfifo(docs / "pledge" / "notes.txt")
    with within(60):
        result = runner.invoke(
            cli,
            [
                "check",
                "--campaign",
                str(SAMPLE_CAMPAIGN),
                "--units",
                str(SAMPLE_UNITS),
                "--docs",
                str(docs),
            ],
        )
    assert result.exit_code == 3
    assert "Không đọc, không đi theo (3):" in result.stdout
    link = "là liên kết tượng trưng (symlink), không được đọc theo"
    assert f"  - ghi-chu: {link}\n" in result.stdout
    assert f"  - pledge/ZZ-99.docx: {link}\n" in result.stdout
    assert "  - pledge/notes.txt: không phải tệp thường (ống dẫn FIFO" in result.stdout
    assert "Tệp không thuộc văn bản bắt buộc nào" not in result.stdout
    assert result.stdout.rstrip().endswith("không hợp lệ, 3 không đọc).")


@UNIX
def test_an_owed_document_that_is_a_link_is_invalid_once_not_also_refused(docs, runner, tmp_path):
    outside = tmp_path / "outside.docx"
    shutil.move(docs / DOC, outside)
    os.symlink(outside, docs / DOC)
    data = run_check(runner, docs)
    assert "symlink" in invalid(data)[DOC] and data["refused"] == []


@UNIX
def test_lint_reports_a_linked_folder_inside_a_folder(tmp_path, runner):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(TEMPLATE, folder / "a.docx")
    os.symlink(tmp_path, folder / "linked")
    result = runner.invoke(cli, ["lint", "--format", "json", str(folder)])
    found = {Path(f["file"]).name: f["found"] for f in json.loads(result.stdout)["findings"]}
    assert "symlink" in found["linked"]


# --- The number register: a link or a FIFO is refused, never opened --------------------------


@UNIX
@pytest.mark.parametrize("name", ["register.sqlite", "register.sqlite-journal"])
@pytest.mark.parametrize("shape", ["symlink", "fifo"])
def test_a_register_that_is_not_a_file_is_refused(tmp_path, runner, name, shape):
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.sqlite"
    elsewhere.write_bytes(b"")
    if shape == "symlink":
        os.symlink(elsewhere, out / name)
    else:
        os.mkfifo(out / name)
    with within(30):
        result = invoke_generate(runner, "plan", out, "--number-from", "KT-01=1")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    why = "liên kết tượng trưng" if shape == "symlink" else "ống dẫn FIFO"
    assert f"Lỗi: {out / name}: sổ đăng ký số " in result.stderr and why in result.stderr
    assert elsewhere.read_bytes() == b""
    assert not (out / "plan").exists() or not any((out / "plan").iterdir())
