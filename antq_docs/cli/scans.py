"""The intake command: a pile of signed scans filed as the folder's signed copies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from antq_docs import vi
from antq_docs.cli import messages as msg
from antq_docs.cli.options import CONTEXT, format_option, wait_option
from antq_docs.cli.printing import Bar, waiting
from antq_docs.errors import UsageError
from antq_docs.output import REVIEW

if TYPE_CHECKING:
    from antq_docs.intake import IntakeResult, Placed


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "scans",
    nargs=-1,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    metavar="TỆP_QUÉT...",
)
@click.option(
    "--docs",
    required=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    metavar="THƯ_MỤC",
    help="Thư mục văn bản đã soạn (thư mục kết quả của generate).",
)
@click.option(
    "--assign",
    "orders",
    multiple=True,
    metavar="TỆP:TRANG=MÃ/LOẠI",
    help="Xếp tay các trang của một tệp quét làm bản ký của một văn bản, ví dụ "
    "scan0001.pdf:3-5=KT-01/pledge, hoặc theo chỗ của văn bản: "
    "scan0001.pdf:7=pledge-household/MÃ_KDC/MÃ_HỘ; dùng nhiều lần được.",
)
@format_option("Dạng kết quả: dòng để đọc, json cho máy.")
@wait_option
def intake(scans, docs, orders, output_format, wait) -> None:
    """Xếp các bản ký đã quét (PDF nhiều trang, ảnh JPEG/PNG) vào đúng văn bản của từng đơn vị.

    Nhận văn bản bằng mã QR ở trang đầu, hoặc đọc chữ (Tesseract) số, ký hiệu, ngày và tên đơn
    vị; chỉ xếp khi chắc chắn. Bản ký được lưu thành MÃ.pdf cạnh MÃ.docx, không bao giờ ghi đè
    bản ký đã có và không sửa tệp quét. Trang chưa xếp được có ảnh trong THƯ_MỤC/chua-xep/ để
    xếp tay bằng --assign. Mã thoát 3 khi còn trang chưa xếp.
    """
    if bool(scans) == bool(orders):
        raise UsageError(msg.INTAKE_SCANS_OR_ASSIGN)
    # The scans' readers (pdfium, zxing, Pillow, Tesseract) load for intake alone: every other
    # command starts without them.
    from antq_docs.intake import assign
    from antq_docs.intake import intake as run_intake

    bar = Bar(msg.INTAKE_BAR)
    try:
        if orders:
            result = assign(list(orders), docs, wait=wait, on_wait=waiting(docs))
        else:
            result = run_intake(list(scans), docs, progress=bar, wait=wait, on_wait=waiting(docs))
    finally:
        bar.close()
    if output_format == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(result)
    click.get_current_context().exit(result.exit_code)


def _print(result: IntakeResult) -> None:
    """The summary a person reads: what was filed, filed before, scanned twice, and left."""
    if not result.ocr:
        click.echo(msg.INTAKE_OCR_OFF, err=True)
    if result.filed:
        click.echo(msg.INTAKE_FILED_HEADING.format(count=len(result.filed)))
        for placed in result.filed:
            click.echo(_line(placed))
    if result.already:
        click.echo(msg.INTAKE_ALREADY.format(count=len(result.already)))
    if result.seconds:
        click.echo(msg.INTAKE_SECOND_HEADING.format(count=len(result.seconds)))
        for placed in result.seconds:
            click.echo(
                msg.INTAKE_SECOND_LINE.format(
                    path=placed.path, first=placed.first, scan=placed.scan, pages=placed.pages
                )
            )
    if result.unreadable:
        click.echo(msg.INTAKE_UNREADABLE_HEADING.format(count=len(result.unreadable)))
        for scan, reason in result.unreadable:
            click.echo(msg.INTAKE_UNREADABLE_LINE.format(scan=scan, reason=reason))
    if result.unplaced:
        click.echo(msg.INTAKE_UNPLACED_HEADING.format(count=len(result.unplaced), folder=REVIEW))
        for page in result.unplaced:
            label = f"{page.scan}:{page.page}"
            click.echo(msg.INTAKE_UNPLACED_LINE.format(page=label, reason=page.reason))
        click.echo(msg.INTAKE_ASSIGN_HINT)
    elif not result.unreadable:
        click.echo(msg.INTAKE_NOTHING_LEFT)


def _line(placed: Placed) -> str:
    """One filed document's line."""
    return msg.INTAKE_FILED_LINE.format(
        path=placed.path,
        scan=placed.scan,
        pages=placed.pages,
        method=msg.INTAKE_METHODS[placed.method],
        confidence=vi.number(round(placed.confidence, 2)),
    )
