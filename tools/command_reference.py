"""Rewrite the command section of docs/lenh.md from the `--help` of every command.

    python -m tools.command_reference

Each command and subcommand of `antq-docs` gets a heading and its help, exactly as
`antq-docs … --help` prints it in a terminal 100 columns wide (the widest the CLI formats); a
test fails when the committed page differs from what this writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from antq_docs.cli import cli

PAGE = Path(__file__).resolve().parent.parent / "docs" / "lenh.md"
SECTION = "## Trợ giúp của từng lệnh"
PROG = "antq-docs"
WIDTH = 100


def contexts(
    command: click.Command = cli, parent: click.Context | None = None, name: str = PROG
) -> Iterator[click.Context]:
    """A help context for the command, then for each of its subcommands, depth first."""
    settings = {"terminal_width": WIDTH, **command.context_settings}
    ctx = command.context_class(command, info_name=name, parent=parent, **settings)
    yield ctx
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            subcommand = command.get_command(ctx, sub)
            if subcommand is not None and not subcommand.hidden:
                yield from contexts(subcommand, ctx, sub)


def section() -> str:
    """The command section: a heading and the `--help` text of every command."""
    parts = [SECTION, ""]
    for ctx in contexts():
        parts += [f"### `{ctx.command_path}`", "", "```text", ctx.command.get_help(ctx), "```", ""]
    return "\n".join(parts).rstrip() + "\n"


def rewritten(text: str) -> str:
    """The page's text with its command section replaced by the current one."""
    return text[: text.index(SECTION)] + section()


if __name__ == "__main__":
    PAGE.write_text(rewritten(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    print(PAGE)
