"""The documentation: the command reference is the live `--help`, the README stays a short map."""

from __future__ import annotations

import pytest

from antq_docs.cli import cli
from tools import command_reference

CONTEXTS = list(command_reference.contexts())


def test_the_command_reference_is_current():
    text = command_reference.PAGE.read_text(encoding="utf-8")
    assert text == command_reference.rewritten(text), (
        "docs/lenh.md is out of date: run `python -m tools.command_reference`"
    )


@pytest.mark.parametrize("ctx", CONTEXTS, ids=lambda c: c.command_path)
def test_the_reference_shows_what_help_prints(runner, ctx):
    args = ctx.command_path.split()[1:]
    result = runner.invoke(cli, [*args, "--help"], prog_name=command_reference.PROG,
                           terminal_width=command_reference.WIDTH)
    assert result.exit_code == 0
    page = command_reference.PAGE.read_text(encoding="utf-8")
    assert f"### `{ctx.command_path}`\n\n```text\n{result.stdout}```\n" in page


def test_the_reference_covers_every_command_and_subcommand():
    paths = {c.command_path for c in CONTEXTS}
    assert {f"antq-docs {name}" for name in cli.commands} <= paths
    assert {"antq-docs templates list", "antq-docs templates export",
            "antq-docs templates check"} <= paths
