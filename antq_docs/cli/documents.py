"""The commands on documents: generate, report, check and lint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from antq_docs.check import check as run_check
from antq_docs.cli import messages as msg
from antq_docs.cli.options import (
    CONTEXT,
    EXIT_INCOMPLETE,
    format_option,
    input_options,
    jobs_option,
    load,
    number_option,
    out_option,
    parse_day,
    parse_kinds,
    previous_option,
    results_options,
    templates_option,
)
from antq_docs.cli.printing import (
    StepBar,
    print_generated,
    print_ready,
    print_report,
    print_skipped,
    waiting,
)
from antq_docs.errors import DocumentsStopped
from antq_docs.generate import GenerateResult, select_kinds, wants_results
from antq_docs.generate import generate as run_generate
from antq_docs.inputs.loading import Inputs
from antq_docs.kinds import REGISTRY
from antq_docs.lint import lint as run_lint
from antq_docs.output import LOCK_TIMEOUT_S
from antq_docs.pdf import find_soffice
from antq_docs.yearreport import report as run_report


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("kind", type=click.Choice([*REGISTRY, "all"]), metavar="LOẠI")
@input_options
@results_options
@previous_option
@out_option("Thư mục kết quả.")
@click.option(
    "--unit",
    "unit_codes",
    multiple=True,
    metavar="MÃ",
    help="Chỉ soạn cho đơn vị này (dùng nhiều lần được).",
)
@click.option(
    "--force", is_flag=True, help="Ghi đè cả tệp đã bị sửa sau khi soạn (đã ký, đã chỉnh)."
)
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê các tệp sẽ ghi, không ghi gì.")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=LOCK_TIMEOUT_S,
    show_default=True,
    metavar="GIÂY",
    help="Khi một lần chạy khác đang ghi vào thư mục kết quả: chờ tối đa bấy "
    "nhiêu giây rồi báo lỗi.",
)
@number_option
@templates_option
@click.option(
    "--households",
    type=click.Path(path_type=Path),
    metavar="TỆP",
    help="Danh sách hộ gia đình (CSV hoặc XLSX: Mã hộ, Chủ hộ, Địa chỉ, Số nhân khẩu, Mã khu "
    "dân cư): bản cam kết của khu dân cư kèm phụ lục danh sách hộ ký cam kết.",
)
@click.option(
    "--per-household",
    "per_household",
    is_flag=True,
    help="Cùng --households: soạn thêm bản cam kết riêng của từng hộ, vào "
    "pledge-household/<mã khu dân cư>/<mã hộ>.docx.",
)
@click.option(
    "--pdf",
    "make_pdf",
    is_flag=True,
    help="Làm thêm bản PDF bên cạnh mỗi văn bản .docx (cần LibreOffice).",
)
@click.option(
    "--bundle",
    "make_bundle",
    is_flag=True,
    help="Làm thêm PDF và hồ sơ in của từng đơn vị trong ho-so/ (như lệnh bundle).",
)
@jobs_option
def generate(
    kind,
    campaign,
    units,
    encoding,
    sheet,
    results,
    scores,
    previous,
    out,
    unit_codes,
    force,
    dry_run,
    wait,
    number_from,
    templates,
    households,
    per_household,
    make_pdf,
    make_bundle,
    jobs,
) -> None:
    """Soạn văn bản LOẠI cho mọi đơn vị cần có (các LOẠI: xem _kinds_help)."""
    year_end = wants_results(kind)
    if make_pdf or make_bundle:
        find_soffice()  # before writing anything: a missing LibreOffice is said at once
    inputs = load(
        campaign,
        units,
        encoding,
        sheet,
        results,
        scores,
        year_end=year_end,
        households=households,
        per_household=per_household,
        previous=previous,
    )
    kinds, skipped = select_kinds(kind, inputs)
    print_skipped(skipped)
    result = _generate_with_bar(
        inputs,
        out,
        kinds,
        dry_run=dry_run,
        unit_codes=list(unit_codes),
        force=force,
        number_from=number_from,
        templates=templates,
        wait=wait,
        jobs=jobs,
    )
    print_generated(result, dry_run=dry_run)
    if (make_pdf or make_bundle) and not dry_run:
        print_ready(inputs, out, pack=make_bundle, jobs=jobs, wait=wait)
    if result.stopped:
        raise DocumentsStopped(result.stopped, documents=result.left_out)


def _generate_with_bar(
    inputs: Inputs, out: Path, kinds: list[str], *, dry_run: bool, **options: Any
) -> GenerateResult:
    """Run generate with its progress bar, saying when another run holds the folder."""
    bar = StepBar(msg.BAR_GENERATING, shown=not dry_run)
    try:
        return run_generate(
            inputs, out, kinds, dry_run=dry_run, progress=bar, on_wait=waiting(out), **options
        )
    finally:
        bar.close()


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@input_options
@results_options
@previous_option
@click.option(
    "--level", metavar="MÃ", help="Mã đơn vị cần báo cáo (mặc định: đơn vị gốc của danh sách)."
)
@click.option(
    "--docs",
    type=click.Path(path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục văn bản đã soạn (như của generate): tính cả các chỉ tiêu ban hành kế hoạch, "
    "ký cam kết, kế hoạch Ngày hội, theo cùng cách đếm của lệnh check.",
)
@click.option(
    "--signed",
    is_flag=True,
    help="Với --docs: chỉ đếm văn bản đã có bản ký quét .pdf; văn bản chỉ có bản soạn .docx "
    "tính là chưa ban hành.",
)
@format_option("In bảng chỉ tiêu dạng bảng chữ hoặc JSON.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục kết quả (ghi báo cáo tổng kết .docx vào report/). Mặc định: out với dạng "
    "bảng; với --format json chỉ in JSON, không ghi tệp nếu không có --out.",
)
@click.option("--force", is_flag=True, help="Ghi đè cả báo cáo đã bị sửa sau khi soạn.")
@number_option
@templates_option
def report(
    campaign,
    units,
    encoding,
    sheet,
    results,
    scores,
    previous,
    level,
    docs,
    signed,
    output_format,
    out,
    force,
    number_from,
    templates,
) -> None:
    """Báo cáo tổng kết của một cấp: kết quả so với chỉ tiêu, in ra và ghi tệp .docx."""
    if out is None and output_format == "table":
        out = Path("out")
    inputs = load(
        campaign, units, encoding, sheet, results, scores, year_end=True, previous=previous
    )
    result = run_report(
        inputs,
        out,
        level,
        force=force,
        number_from=number_from,
        docs=docs,
        templates=templates,
        signed=signed,
    )
    print_report(result, out, as_json=output_format == "json")


def _kinds_help() -> str:
    """The list of kinds in generate's help, from the registry."""
    kinds = ", ".join(
        f"{name} ({kind.label}{', cần --results' if kind.needs_results else ''})"
        for name, kind in REGISTRY.items()
    )
    return f"Soạn văn bản LOẠI cho mọi đơn vị cần có.\n\nLOẠI: {kinds} hoặc all (tất cả)."


generate.help = _kinds_help()


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@input_options
@click.option(
    "--docs",
    type=click.Path(path_type=Path),
    required=True,
    metavar="THƯ_MỤC",
    help="Thư mục văn bản cần kiểm tra (như thư mục kết quả của generate).",
)
@results_options
@format_option("Dạng kết quả: bảng để đọc, json cho máy.")
@click.option(
    "--xlsx",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP",
    help="Ghi thêm bảng Excel: mỗi đơn vị một dòng, mỗi loại văn bản một cột. Không ghi vào "
    "thư mục đang kiểm tra, không ghi đè tệp đầu vào, không ghi đè tệp đã có (trừ khi --force).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp --xlsx đã có (không phải tệp đầu vào).")
@click.option(
    "--ngay",
    "as_of",
    metavar="NGÀY/THÁNG/NĂM",
    callback=parse_day,
    help="Chỉ hỏi văn bản đã đến hạn vào ngày này (ngày của từng loại trong ngay_van_ban của "
    "kế hoạch); loại chưa đến hạn hiện “chưa đến hạn”. Mặc định: hôm nay.",
)
@click.option(
    "--kinds",
    multiple=True,
    metavar="LOẠI",
    callback=parse_kinds,
    help="Chỉ kiểm tra các loại này (dùng nhiều lần, hoặc cách nhau bằng dấu phẩy: "
    "pledge,registration). Mặc định: mọi loại.",
)
@click.option(
    "--signed",
    is_flag=True,
    help="Đòi bản đã ký: văn bản chỉ có bản soạn .docx, chưa có bản ký quét .pdf cùng tên, "
    "tính là chưa có (mã thoát 3).",
)
@jobs_option
def check(
    campaign,
    units,
    encoding,
    sheet,
    results,
    scores,
    docs,
    output_format,
    xlsx,
    force,
    as_of,
    kinds,
    signed,
    jobs,
) -> None:
    """Kiểm tra đủ văn bản bắt buộc trước khi kiểm tra cuối năm (mã thoát 3 nếu chưa đủ).

    Với --results, kiểm tra cả quyết định công nhận của các Ủy ban nhân dân có đơn vị được
    công nhận. Loại văn bản được đọc từ nội dung (tiêu đề, trích yếu), không tin theo thư mục:
    tệp khác loại, sai tên, để sai chỗ được liệt kê kèm việc cần làm.
    """
    inputs = load(campaign, units, encoding, sheet, results, scores)
    report = run_check(inputs, docs, workers=jobs, as_of=as_of, kinds=kinds, signed=signed)
    if xlsx is not None:
        report.write_xlsx(xlsx, force=force)
    click.echo(report.to_json() if output_format == "json" else report.table())
    if not report.complete:
        click.get_current_context().exit(EXIT_INCOMPLETE)


@click.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="ĐƯỜNG_DẪN..."
)
@format_option("Dạng kết quả: dòng để đọc, json cho máy.")
def lint(paths, output_format) -> None:
    """Soát thể thức Nghị định 30 của các tệp .docx hoặc thư mục (mã thoát 3 nếu có lỗi)."""
    report = run_lint(paths)
    click.echo(report.to_json() if output_format == "json" else report.table())
    if not report.ok:
        click.get_current_context().exit(EXIT_INCOMPLETE)
