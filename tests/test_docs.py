"""The documentation: the command reference is the live `--help`, the README stays a short map."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest

from antq_docs.cli import cli
from tests.helpers import ROOT
from tools import command_reference

CONTEXTS = list(command_reference.contexts())
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, ROOT / "benchmarks" / "README.md", *sorted(DOCS.glob("*.md"))]


def test_the_command_reference_is_current():
    text = command_reference.PAGE.read_text(encoding="utf-8")
    assert text == command_reference.rewritten(text), (
        "docs/lenh.md is out of date: run `python -m tools.command_reference`"
    )


@pytest.mark.parametrize("ctx", CONTEXTS, ids=lambda c: c.command_path)
def test_the_reference_shows_what_help_prints(runner, ctx):
    args = ctx.command_path.split()[1:]
    result = runner.invoke(
        cli,
        [*args, "--help"],
        prog_name=command_reference.PROG,
        terminal_width=command_reference.WIDTH,
    )
    assert result.exit_code == 0
    page = command_reference.PAGE.read_text(encoding="utf-8")
    assert f"### `{ctx.command_path}`\n\n```text\n{result.stdout}```\n" in page


def test_the_reference_covers_every_command_and_subcommand():
    paths = {c.command_path for c in CONTEXTS}
    assert {f"antq-docs {name}" for name in cli.commands} <= paths
    assert {
        "antq-docs templates list",
        "antq-docs templates export",
        "antq-docs templates check",
    } <= paths


def _tour() -> list[list[str]]:
    """The README's tour of the commands: each line's words before its comment."""
    text = README.read_text(encoding="utf-8")
    block = text.split("## Các lệnh trong mười dòng", 1)[1].split("```sh\n", 1)[1]
    block = block.split("```", 1)[0]
    return [line.split("#", 1)[0].split() for line in block.splitlines()]


def test_the_readme_is_a_short_map_to_every_page():
    text = README.read_text(encoding="utf-8")
    # A map, plus the guarantees a province is owed at first sight: every limit with what its
    # refusal says, and the peaks measured on hostile inputs.
    assert len(text.splitlines()) <= 150
    for page in sorted(DOCS.glob("*.md")):
        assert f"](docs/{page.name})" in text, page.name
    assert "](benchmarks/README.md)" in text


def test_the_readme_tour_is_ten_real_commands():
    tour = _tour()
    assert len(tour) == 10
    for words in tour:
        assert words[0] == "antq-docs", words
        command, rest = cli, words[1:]
        while isinstance(command, click.Group):
            command, rest = command.commands[rest[0]], rest[1:]
        options = {o for p in command.params for o in p.opts}
        assert {w for w in rest if w.startswith("-")} <= options, words


def test_the_readme_has_the_test_command_ci_runs():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    command = script[script.index("# The README's test command:") + 1]
    assert command in README.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_names_a_file_that_exists(page):
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "#")):
            continue
        path = target.split("#", 1)[0]
        assert (page.parent / path).exists(), f"{page.name}: {target}"


def test_the_site_lists_every_page():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.findall(r"^\s+- [^:]+: (\S+\.md)$", config, flags=re.M)
    assert sorted(listed) == sorted(p.name for p in DOCS.glob("*.md"))


@pytest.mark.slow
def test_the_site_builds_without_a_warning(tmp_path):
    pytest.importorskip("material", reason="mkdocs-material is not installed (extra: docs)")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "antq-docs generate" in (site / "lenh" / "index.html").read_text("utf-8")
    # The speed page carries benchmarks/README.md's tables (a snippet), the check table too.
    assert "27.801" in (site / "toc-do" / "index.html").read_text("utf-8")
