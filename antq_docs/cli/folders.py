"""The commands on folders and files: pdf, bundle, init, forms, collect and templates."""

from __future__ import annotations

from pathlib import Path

import click

from antq_docs import tplcheck as tpl
from antq_docs.cli import messages as msg
from antq_docs.cli.options import (
    CONTEXT,
    EXIT_INCOMPLETE,
    input_options,
    jobs_option,
    load,
    wait_option,
)
from antq_docs.cli.printing import Bar, print_ready
from antq_docs.collect.forms import write_forms
from antq_docs.collect.gather import collect as run_collect
from antq_docs.collect.gather import total_text
from antq_docs.pdf import find_soffice
from antq_docs.resources import RESULTS_FILE
from antq_docs.starter import init as run_init


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "folder", type=click.Path(path_type=Path, file_okay=False, exists=True), metavar="THƯ_MỤC"
)
@jobs_option
@wait_option
def pdf(folder, jobs, wait) -> None:
    """Làm bản PDF bên cạnh mỗi văn bản .docx của THƯ_MỤC (thư mục kết quả của generate).

    Cần LibreOffice (gói libreoffice-writer-nogui). PDF đã mới hơn văn bản thì không làm lại;
    bản ký .pdf không bao giờ bị ghi đè.
    """
    print_ready(None, folder, pack=False, jobs=jobs, wait=wait)


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "folder", type=click.Path(path_type=Path, file_okay=False, exists=True), metavar="THƯ_MỤC"
)
@input_options
@jobs_option
@wait_option
def bundle(folder, campaign, units, encoding, sheet, jobs, wait) -> None:
    """Hồ sơ in: mỗi đơn vị một PDF (THƯ_MỤC/ho-so/MÃ.pdf) ghép các văn bản bắt buộc theo thứ
    tự, có mục lục; đơn vị có cấp dưới thêm MÃ-cap-duoi.pdf ghép hồ sơ các đơn vị cấp dưới.

    Làm PDF còn thiếu trước (cần LibreOffice); dùng bản ký .pdf khi đã có.
    """
    find_soffice()
    inputs = load(campaign, units, encoding, sheet)
    print_ready(inputs, folder, pack=True, jobs=jobs, wait=wait)


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), metavar="THƯ_MỤC")
def init(folder) -> None:
    """Tạo thư mục khởi đầu: kế hoạch năm, danh sách đơn vị, kết quả cuối năm mẫu và README.

    Không ghi đè tệp đã có (mã thoát 1 nếu mọi tệp đã có). Sau đó: cd THƯ_MỤC rồi
    antq-docs generate all.
    """
    result = run_init(folder)
    for path in result.kept:
        click.echo(msg.KEPT_EXISTING.format(path=path), err=True)
    for path in result.written:
        click.echo(msg.CREATED.format(path=path))
    click.echo(msg.NEXT_STEP.format(folder=folder, readme=folder / "README.md"), err=True)


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), metavar="THƯ_MỤC")
@input_options
@click.option(
    "--level",
    metavar="MÃ",
    help="Chỉ làm phiếu cho đơn vị này và các đơn vị cấp dưới của nó (mặc định: cả danh sách).",
)
@jobs_option
def forms(folder, campaign, units, encoding, sheet, level, jobs) -> None:
    """Làm phiếu thu kết quả cuối năm (Excel) vào THƯ_MỤC: mỗi đơn vị báo cáo một tệp.

    Xã điền một phiếu cho mình và các khu dân cư; cơ quan, doanh nghiệp, cơ sở giáo dục, cấp
    huyện mỗi đơn vị một phiếu. Trang Hướng dẫn, Kết quả, Bảng điểm, Số liệu, Nhận xét; thu lại
    bằng lệnh collect. Không ghi đè tệp đã có (mã thoát 1 nếu mọi phiếu đã có).
    """
    inputs = load(campaign, units, encoding, sheet)
    bar = Bar(msg.BAR_FORMS)
    try:
        result = write_forms(inputs, folder, level=level, jobs=jobs, progress=bar)
    finally:
        bar.close()
    for path in result.kept:
        click.echo(msg.KEPT_EXISTING.format(path=path), err=True)
    for path in result.written:
        click.echo(msg.CREATED.format(path=path))
    click.echo(
        msg.FORMS_DONE.format(
            written=len(result.written), units=result.units, kept=len(result.kept), folder=folder
        ),
        err=True,
    )


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="TỆP_HOẶC_THƯ_MỤC...",
    type=click.Path(path_type=Path, exists=True),
)
@input_options
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(RESULTS_FILE),
    show_default=True,
    metavar="TỆP",
    help="Tệp kết quả cuối năm (.xlsx) sẽ ghi, đọc được bằng --results.",
)
@click.option(
    "--force", is_flag=True, help="Ghi đè tệp --out đã có (không bao giờ ghi đè tệp đầu vào)."
)
@jobs_option
def collect(paths, campaign, units, encoding, sheet, out, force, jobs) -> None:
    """Thu các phiếu đã điền (tệp .xlsx, hoặc thư mục chứa chúng) vào một tệp kết quả cuối năm.

    Báo mọi lỗi một lượt (tệp, trang, ô), cả các đơn vị chưa nộp phiếu; có lỗi thì không ghi
    gì. Tệp kết quả có các trang Kết quả, Bảng điểm, Số liệu, Nhận xét, dùng cho generate và
    report bằng --results.
    """
    inputs = load(campaign, units, encoding, sheet)
    bar = Bar(msg.BAR_COLLECTING)
    try:
        result = run_collect(inputs, paths, out, force=force, jobs=jobs, progress=bar)
    finally:
        bar.close()
    click.echo(
        msg.COLLECTED.format(forms=result.forms, units=result.units, out=result.out), err=True
    )
    if result.totals:
        click.echo(msg.FIGURES_OF.format(name=result.root.name))
    for total in result.totals:
        click.echo(f"- {total_text(total)}")


@click.group(
    context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]", subcommand_metavar="LỆNH [ĐỐI_SỐ]..."
)
def templates() -> None:
    """Mẫu văn bản: xem biến của từng loại, xuất mẫu để sửa trong Word, kiểm tra mẫu đã sửa."""


@templates.command("list", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
def templates_list() -> None:
    """Từng loại văn bản, tệp mẫu và các biến mẫu dùng được (kiểu, ý nghĩa, ví dụ)."""
    for entry in tpl.kind_templates():
        click.echo(f"{entry.kind.name} ({entry.kind.label}): {', '.join(entry.files)}")
        for variable in entry.variables:
            for line in variable.lines(1):
                click.echo(line)
        click.echo("")


@templates.command("export", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path), metavar="THƯ_MỤC")
def templates_export(folder) -> None:
    """Chép các mẫu có sẵn và BIEN.md (danh sách biến) vào THƯ_MỤC để sửa; không ghi đè."""
    written = tpl.export_templates(folder)
    click.echo(
        msg.TEMPLATES_COPIED.format(count=len(written), folder=folder),
        err=True,
    )


@templates.command("check", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP|THƯ_MỤC..."
)
@click.option(
    "--plain",
    is_flag=True,
    help="Chỉ kiểm tra cú pháp thẻ ở mọi phần của một mẫu docxtpl bất kỳ, tên tệp nào cũng "
    "được: không so biến với loại văn bản, không soát thể thức Nghị định 30.",
)
def templates_check(paths, plain) -> None:
    """Kiểm tra mẫu .docx: cú pháp thẻ, biến không có, thẻ bị tách, thể thức (mã thoát 3 nếu
    có lỗi)."""
    report = tpl.check_templates(list(paths), plain=plain)
    click.echo(report.table())
    if not report.ok:
        click.get_current_context().exit(EXIT_INCOMPLETE)
