"""The `antq-docs` command: parse options, call one library function, print the result.

The only place that speaks Click (with clivi.py, its Vietnamese words): options.py holds the
shared options, printing.py what the commands print, documents.py and folders.py the commands;
this module gathers them into one group that maps every library error to its message and exit
code, once.
"""

from __future__ import annotations

from pathlib import Path

import click

from antq_docs import __version__
from antq_docs.cli import messages as msg
from antq_docs.cli.documents import check, generate, lint, report
from antq_docs.cli.folders import bundle, collect, forms, init, pdf, templates
from antq_docs.cli.options import CONTEXT
from antq_docs.cli.scans import intake
from antq_docs.errors import AntqError

__all__ = ["cli", "main"]


class _Group(click.Group):
    """The command group; maps every library error to its message and exit code, once."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AntqError as e:
            click.echo(msg.ERROR.format(error=e), err=True)
            ctx.exit(e.exit_code)


@click.group(
    cls=_Group,
    context_settings=CONTEXT,
    options_metavar="[TÙY_CHỌN]",
    subcommand_metavar="LỆNH [ĐỐI_SỐ]...",
)
@click.version_option(__version__, "-V", "--version", prog_name="antq-docs")
def cli() -> None:
    """Soạn văn bản phong trào toàn dân bảo vệ an ninh Tổ quốc từ dữ liệu."""


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ĐỊA_CHỈ",
    help="Địa chỉ nghe; khác 127.0.0.1 (cho cả mạng) thì bắt buộc --password.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    metavar="CỔNG",
    help="Cổng.",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="THƯ_MỤC",
    help="Thư mục dữ liệu (tệp tải lên, văn bản đã soạn, sổ đăng ký số). Mặc định: "
    "thư mục dữ liệu của người dùng (~/.local/share/antq-docs).",
)
@click.option(
    "--password",
    envvar="ANTQ_DOCS_PASSWORD",
    metavar="MẬT_KHẨU",
    help="Mật khẩu cho mọi yêu cầu (HTTP Basic, hoặc Authorization: Bearer); "
    "lấy cả từ biến môi trường ANTQ_DOCS_PASSWORD.",
)
def serve(host, port, data, password) -> None:
    """Mở trang soạn văn bản trên trình duyệt (dừng bằng Ctrl+C)."""
    from antq_docs.web import serve as run_serve

    run_serve(host, port, data, password, ready=click.echo)
    click.echo(msg.STOPPED, err=True)


for command in (
    generate,
    report,
    check,
    pdf,
    bundle,
    intake,
    lint,
    init,
    forms,
    collect,
    templates,
    serve,
):
    cli.add_command(command)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="antq-docs")
