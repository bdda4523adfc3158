"""The output folder: layout, manifest, no rewrites, protection of edited files, locking."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from antq_docs.cli import cli
from antq_docs.errors import OutputError
from antq_docs.output import LOCK, OutputFolder, file_sha256
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_UNITS, invoke_generate

ARGS = ["--campaign", str(SAMPLE_CAMPAIGN), "--units", str(SAMPLE_UNITS)]


def run(runner, out: Path, *extra: str):
    return runner.invoke(cli, ["generate", "pledge", *ARGS, "--out", str(out), *extra])


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_lists_every_document_with_its_hash(tmp_path, runner):
    out = tmp_path / "out"
    assert run(runner, out).exit_code == 0
    data = manifest(out)
    docs = data["documents"]
    assert len(docs) == 93
    entry = next(d for d in docs if d["unit"] == "KT-02-02")
    assert set(entry) == {"unit", "kind", "path", "sha256", "template", "generated_at"}
    assert entry["kind"] == "pledge"
    assert entry["path"] == "pledge/KT-02-02.docx"
    assert entry["template"] == "builtin:pledge.docx"
    assert entry["sha256"] == file_sha256(out / entry["path"])
    village = next(d for d in docs if d["unit"] == "KT-02-02-01")
    assert village["template"] == "builtin:pledge-khu-dan-cu.docx"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "manifest.json",
        "pledge",
    ]
    assert not list(out.rglob("*.tmp"))


def test_rerun_with_the_same_inputs_rewrites_nothing(tmp_path, runner):
    out = tmp_path / "out"
    run(runner, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    first_manifest = (out / "manifest.json").read_bytes()
    result = run(runner, out)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        f"Xong: 0 tệp mới, 0 cập nhật, 93 không đổi, 0 đã sửa tay được giữ nguyên trong {out}."
    )
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == before
    assert (out / "manifest.json").read_bytes() == first_manifest


def test_edited_file_is_kept_unless_forced(tmp_path, runner):
    out = tmp_path / "out"
    run(runner, out)
    signed = out / "pledge" / "KT-02-02.docx"
    signed.write_bytes(signed.read_bytes() + b"signed")
    result = run(runner, out)
    assert result.exit_code == 0
    assert (
        "Giữ nguyên pledge/KT-02-02.docx: tệp đã bị sửa sau khi soạn (dùng --force để ghi đè).\n"
        in result.stderr
    )
    assert signed.read_bytes().endswith(b"signed")
    result = run(runner, out, "--force")
    assert result.exit_code == 0
    assert not signed.read_bytes().endswith(b"signed")
    entry = next(d for d in manifest(out)["documents"] if d["unit"] == "KT-02-02")
    assert entry["sha256"] == file_sha256(signed)


def test_a_file_not_in_the_manifest_is_never_overwritten(tmp_path, runner):
    out = tmp_path / "out"
    (out / "pledge").mkdir(parents=True)
    own = out / "pledge" / "KT-01.docx"
    own.write_bytes(b"made by hand")
    result = run(runner, out)
    assert "Giữ nguyên pledge/KT-01.docx" in result.stderr
    assert own.read_bytes() == b"made by hand"


def test_changed_inputs_update_untouched_files_and_replace_entries(tmp_path, runner):
    out = tmp_path / "out"
    run(runner, out)
    units = tmp_path / "units.csv"
    units.write_text(
        SAMPLE_UNITS.read_text(encoding="utf-8-sig").replace("Hồ Xuân Vinh", "Hồ Xuân Vĩnh"),
        encoding="utf-8",
    )
    result = invoke_generate(runner, "pledge", out, units=units, campaign=SAMPLE_CAMPAIGN)
    assert result.exit_code == 0, result.stderr
    assert "Xong: 0 tệp mới, 3 cập nhật, 90 không đổi" in result.stderr
    docs = manifest(out)["documents"]
    assert len(docs) == 93
    assert len({d["path"] for d in docs}) == 93


def test_unit_option_limits_the_run_and_later_runs_add_to_the_manifest(tmp_path, runner):
    out = tmp_path / "out"
    result = run(runner, out, "--unit", "KT-02-02", "--unit", "KT-GD-01")
    assert result.exit_code == 0
    assert sorted(p.name for p in (out / "pledge").iterdir()) == ["KT-02-02.docx", "KT-GD-01.docx"]
    assert len(manifest(out)["documents"]) == 2
    run(runner, out)
    assert len(manifest(out)["documents"]) == 93


def test_unknown_unit_is_a_usage_error(tmp_path, runner):
    result = run(runner, tmp_path / "out", "--unit", "KHONG-CO")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Lỗi: --unit: không có đơn vị mang mã KHONG-CO trong {SAMPLE_UNITS}\n"
    )
    assert not (tmp_path / "out").exists()


def test_dry_run_lists_and_writes_nothing(tmp_path, runner):
    out = tmp_path / "out"
    result = run(runner, out, "--dry-run", "--unit", "KT-02-02")
    assert result.exit_code == 0
    assert result.stdout == "mới\tpledge/KT-02-02.docx\n"
    assert "Chạy thử: sẽ ghi 1 tệp (1 mới, 0 cập nhật)" in result.stderr
    assert not out.exists()


def test_corrupt_manifest_is_reported_not_overwritten(tmp_path, runner):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("{not json", encoding="utf-8")
    result = run(runner, out)
    assert result.exit_code == 1
    assert "manifest.json hỏng" in result.stderr
    assert (out / "manifest.json").read_text(encoding="utf-8") == "{not json"


def test_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="không phải thư mục"), OutputFolder(target):
        pass


def test_two_overlapping_runs_leave_a_complete_manifest(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "antq_docs", "generate", "pledge", *ARGS, "--out", str(out)]
    first = subprocess.Popen([*command, "--unit", "KT-01"], stderr=subprocess.PIPE)
    second = subprocess.Popen([*command, "--unit", "KT-02"], stderr=subprocess.PIPE)
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    assert sorted(d["unit"] for d in manifest(out)["documents"]) == ["KT-01", "KT-02"]


def test_a_unit_that_needs_no_document_of_the_kind_is_reported(tmp_path, runner):
    result = invoke_generate(runner, "plan", tmp_path / "out", "--unit", "KT-02-02-01")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-2] == (
        "Cảnh báo: KT-02-02-01 (Thôn 1): không phải soạn kế hoạch năm theo tai_lieu_bat_buoc "
        "của kế hoạch năm."
    )


def test_a_rerun_recognises_untouched_documents_without_rendering(tmp_path, runner, monkeypatch):
    from antq_docs.render import CompiledTemplate

    out = tmp_path / "out"
    assert invoke_generate(runner, "pledge", out).exit_code == 0
    assert (out / ".antq-docs-sources.json").is_file()

    def refuse(self, context):
        raise AssertionError("an untouched document was rendered again")

    with monkeypatch.context() as patch:
        patch.setattr(CompiledTemplate, "render", refuse)
        result = invoke_generate(runner, "pledge", out)
    assert result.exit_code == 0, result.stderr
    assert "0 tệp mới, 0 cập nhật, 93 không đổi" in result.stderr


def test_changed_inputs_or_a_lost_cache_render_again(tmp_path, runner):
    out = tmp_path / "out"
    invoke_generate(runner, "pledge", out)
    (out / ".antq-docs-sources.json").write_text("{broken", encoding="utf-8")
    result = invoke_generate(runner, "pledge", out)
    assert "0 tệp mới, 0 cập nhật, 93 không đổi" in result.stderr
    campaign = tmp_path / "c.yaml"
    campaign.write_text(
        SAMPLE_CAMPAIGN.read_text("utf-8").replace("pledge: 2025-03-25", "pledge: 2025-03-26"),
        "utf-8",
    )
    result = invoke_generate(runner, "pledge", out, campaign=campaign)
    assert "0 tệp mới, 93 cập nhật, 0 không đổi" in result.stderr
    result = invoke_generate(runner, "pledge", out, campaign=campaign)
    assert "0 tệp mới, 0 cập nhật, 93 không đổi" in result.stderr


def test_a_mistyped_unit_option_gets_a_suggestion(tmp_path, runner):
    result = invoke_generate(runner, "pledge", tmp_path / "out", "--unit", "KT-O2")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f'Lỗi: --unit: không có đơn vị mang mã KT-O2 trong {SAMPLE_UNITS}; có phải mã "KT-02"?\n'
    )


def test_a_signed_pdf_in_place_of_the_draft_is_respected(tmp_path, runner):
    out = tmp_path / "out"
    invoke_generate(runner, "pledge", out)
    (out / "pledge" / "KT-02-02.docx").unlink()
    (out / "pledge" / "KT-02-02.pdf").write_bytes(b"%PDF-1.4 signed scan")
    result = invoke_generate(runner, "pledge", out)
    assert result.exit_code == 0
    assert not (out / "pledge" / "KT-02-02.docx").exists()
    assert (
        "Bỏ qua pledge/KT-02-02.docx: đã có bản ký .pdf cùng tên (dùng --force để soạn lại)."
    ) in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"Xong: 0 tệp mới, 0 cập nhật, 92 không đổi, 0 đã sửa tay được giữ nguyên, 1 đã có bản "
        f"ký .pdf trong {out}."
    )
    invoke_generate(runner, "pledge", out, "--force")
    assert (out / "pledge" / "KT-02-02.docx").exists()
    (out / "pledge" / "KT-02-01.docx").unlink()
    (out / "pledge" / "kt-02-01.PDF").write_bytes(b"%PDF-1.4 a scan named by hand")
    result = invoke_generate(runner, "pledge", out)
    assert not (out / "pledge" / "KT-02-01.docx").exists()
    assert "Bỏ qua pledge/KT-02-01.docx: đã có bản ký .pdf" in result.stderr


def test_written_files_honour_the_umask(tmp_path, runner):
    old = os.umask(0o022)
    try:
        result = invoke_generate(runner, "pledge", tmp_path / "out", "--unit", "KT-01")
        assert result.exit_code == 0, result.output
        written = [
            p
            for p in (tmp_path / "out").rglob("*")
            if p.is_file() and p.name not in (".antq-docs.lock", "register.sqlite")
        ]
        assert written
        assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}
        os.umask(0o027)
        shutil.rmtree(tmp_path / "out")
        result = invoke_generate(runner, "pledge", tmp_path / "out", "--unit", "KT-01")
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE((tmp_path / "out" / "manifest.json").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_folder_held_by_another_run_says_so_and_waits(tmp_path, runner):
    out = tmp_path / "out"
    out.mkdir()
    lock = FileLock(str(out / LOCK))
    with lock:
        started = time.monotonic()
        result = invoke_generate(runner, "pledge", out, "--unit", "KT-01", "--wait", "1")
        elapsed = time.monotonic() - started
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"Thư mục {out} đang được một lần chạy khác sử dụng; đang chờ lần chạy "
        "đó xong (tối đa 1 giây, đổi bằng --wait)…"
    )
    assert "đã chờ 1 giây mà lần chạy đó chưa xong" in lines[-1]
    assert 1 <= elapsed < 30
    assert not (out / "manifest.json").exists()
    result = invoke_generate(runner, "pledge", out, "--unit", "KT-01", "--wait", "1")
    assert result.exit_code == 0, result.output
    assert "đang chờ" not in result.stderr
