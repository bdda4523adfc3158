"""Adding a kind touches three files: its module, its template builder and its registry line.

In a scratch copy of the repository a throwaway kind (a commune's giấy mời) is added the way
docs/architecture.md tells a newcomer; the generators then rewrite what they own (the
templates, the template guide, the command reference), and the tests that carry the sample's
totals, the template checks and the import map still pass there, unedited.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

KIND_MODULE = '''"""Giấy mời họp triển khai phong trào of one commune (a throwaway kind)."""

from __future__ import annotations

from typing import ClassVar

from antq_docs.kinds import common, heading
from antq_docs.kinds.base import Kind, Request

PURPOSE = "giấy mời họp triển khai"


class Invitation(Kind):
    """A commune's invitation to the meeting that launches the year's movement."""

    name = "invitation"
    label = "giấy mời"
    short = "Giấy mời"
    required = ("xa",)
    date_key = "plan"
    purpose = PURPOSE
    forms: ClassVar[dict[str, str]] = {"": "invitation.docx"}
    number = "GM"
    variables: ClassVar[dict[str, str]] = {
        "co_quan": "tên cơ quan mời (Ủy ban nhân dân xã Hà Mòn)",
    }

    def context(self, request: Request) -> dict:
        """Header, the inviting body and its signature."""
        campaign, unit, needs = request.campaign, request.unit, request.needs
        day = needs.campaign_date(campaign, self.name, PURPOSE)
        return {
            **heading.header(unit, campaign, day),
            "nam": campaign.year,
            "co_quan": unit.body_name,
            "ky": common.signature(unit, campaign, needs, PURPOSE),
        }


KIND = Invitation()
'''

BUILDER = '''"""Build invitation.docx: a commune's giấy mời (Nghị định 30)."""

from __future__ import annotations

from tools.templates import docxbuild as d


def build() -> dict:
    doc = d.new_document()
    d.nd30_header(doc, superior=True, number=True)
    d.title_block(doc, "GIẤY MỜI", "Họp triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc "
                  "năm {{ nam }}")
    d.body(doc, "{{ co_quan }} trân trọng kính mời các thành viên Ban Chỉ đạo dự họp./.")
    left, right = d.signature_block(doc)
    d.para(left, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
    d.para(left, "- Như trên;", size=11)
    d.para(left, "- Lưu: VT.", size=11)
    d.signer(right)
    return {"invitation.docx": doc}
'''

# What the generators write from the declarations: never edited by hand.
GENERATED = {"templates/invitation.docx", "docs/templates.md", "docs/lenh.md"}
HAND_WRITTEN = {
    "antq_docs/kinds/invitation.py",
    "tools/templates/invitation.py",
    "antq_docs/kinds/__init__.py",
}
# The tests that count the sample, list the kinds or hold the generated files to the code.
TESTS = [
    "tests/rendering/test_templates_built.py",
    "tests/test_layers.py",
    "tests/kinds/test_kinds.py",
    "tests/test_cli.py::test_bundled_sample_is_the_default_and_said_so",
    "tests/check/test_lint.py::test_every_generated_document_passes",
    "tests/check/test_check.py::test_generated_set_is_complete",
    "tests/check/test_check.py::test_table_names_the_missing_unit_under_its_parent",
    "tests/check/test_check.py::test_xlsx_has_a_row_per_unit_and_a_column_per_kind",
    "tests/check/test_check.py::test_the_matrix_decides_what_is_required",
    "tests/rendering/test_templates.py::test_the_built_in_templates_pass_the_check",
    "tests/rendering/test_templates.py::test_the_guide_covers_every_kind_and_the_readme_links_it",
    "tests/rendering/test_templates.py::test_the_guide_lists_the_variables_the_kinds_provide",
    "tests/test_docs.py::test_the_command_reference_is_current",
]


def tracked_files() -> list[str]:
    """The repository's files as git knows them (the scratch copy holds these only)."""
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in out.stdout.decode().split("\0") if name]


def digests(root: Path) -> dict[str, str]:
    """SHA-256 of every file under root, by its path relative to root."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def add_to_registry(init: Path) -> None:
    """The registry line: the module imported and its KIND listed, in kinds/__init__.py."""
    text = init.read_text(encoding="utf-8")
    text = text.replace("    evaluation,\n", "    evaluation,\n    invitation,\n", 1)
    text = text.replace(
        "        report.KIND,\n", "        report.KIND,\n        invitation.KIND,\n", 1
    )
    init.write_text(text, encoding="utf-8")


def run(scratch: Path, *args: str) -> subprocess.CompletedProcess:
    """A command of the scratch copy, importing its own package and tests."""
    env = {**os.environ, "PYTHONPATH": str(scratch)}
    result = subprocess.run(
        [sys.executable, *args], cwd=scratch, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.mark.slow
def test_a_new_kind_touches_three_files_and_breaks_no_test(tmp_path):
    scratch = tmp_path / "repo"
    for name in tracked_files():
        target = scratch / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    before = digests(scratch)
    (scratch / "antq_docs" / "kinds" / "invitation.py").write_text(KIND_MODULE, "utf-8")
    (scratch / "tools" / "templates" / "invitation.py").write_text(BUILDER, "utf-8")
    add_to_registry(scratch / "antq_docs" / "kinds" / "__init__.py")
    for generator in ("tools.build_templates", "tools.template_guide", "tools.command_reference"):
        run(scratch, "-m", generator)
    after = digests(scratch)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed - GENERATED == HAND_WRITTEN
    assert "templates/invitation.docx" in changed
    # The sample with the new kind: every commune's invitation is written, and checked.
    run(scratch, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *TESTS)
    out = run(scratch, "-m", "antq_docs", "generate", "invitation", "--out", "out")
    assert "Xong:" in out.stderr
    written = sorted(p.name for p in (scratch / "out" / "invitation").glob("*.docx"))
    assert written and all(name.startswith("KT-") for name in written)
