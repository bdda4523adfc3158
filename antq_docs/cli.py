"""The `antq-docs` command: parse options, call one library function, print the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from antq_docs import __version__, clivi
from antq_docs import tplcheck as tpl
from antq_docs.check import check as run_check
from antq_docs.collect.forms import write_forms
from antq_docs.collect.gather import collect as run_collect
from antq_docs.collect.gather import total_text
from antq_docs.errors import AntqError
from antq_docs.generate import generate as run_generate
from antq_docs.generate import select_kinds, wants_results
from antq_docs.indicators import table_text
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.lint import lint as run_lint
from antq_docs.output import LOCK_TIMEOUT_S
from antq_docs.pdf import bundle as run_bundle
from antq_docs.pdf import convert_folder, find_soffice
from antq_docs.resources import RESULTS_FILE
from antq_docs.starter import init as run_init
from antq_docs.yearreport import report as run_report

clivi.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# 0 ok, 1 handled error and 2 usage come from Click and AntqError.exit_code; 3 is ours.
EXIT_INCOMPLETE = 3


class _Group(click.Group):
    """The command group; maps every library error to its message and exit code, once."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AntqError as e:
            click.echo(f"Lỗi: {e}", err=True)
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


def _input_options(func):
    """Options shared by every command that reads the campaign and the roster."""
    func = click.option(
        "--encoding",
        metavar="BẢNG_MÃ",
        help="Bảng mã của các tệp CSV (mặc định tự nhận: UTF-8 có/không BOM, Windows-1258); "
        "tệp Excel không cần.",
    )(func)
    func = click.option(
        "--sheet", metavar="TÊN", help="Trang tính của tệp Excel (mặc định trang đầu)."
    )(func)
    func = click.option(
        "--units",
        type=click.Path(path_type=Path),
        metavar="TỆP",
        help="Danh sách đơn vị (CSV hoặc XLSX) dùng cho cả năm; khi có, bỏ qua danh_sach_don_vi "
        "(danh sách theo thời kỳ) của tệp kế hoạch. Mặc định: danh_sach_don_vi của kế hoạch, "
        "hoặc dữ liệu mẫu Kon Tum 2025.",
    )(func)
    func = click.option(
        "--campaign",
        type=click.Path(path_type=Path),
        metavar="TỆP",
        help="Tệp kế hoạch năm (YAML). Mặc định: ke-hoach.yaml của thư mục hiện tại (thư mục "
        "tạo bằng init), không có thì kế hoạch mẫu Kon Tum 2025.",
    )(func)
    return func


def _previous_option(func):
    """--nam-truoc: last year's collected results, for the year report's comparisons."""
    return click.option(
        "--nam-truoc",
        "previous",
        type=click.Path(path_type=Path),
        metavar="TỆP",
        help="Kết quả cuối năm trước (như tệp của collect): báo cáo tổng kết so sánh số liệu, "
        "số đơn vị đạt chuẩn, xếp loại với năm trước. Cần --results.",
    )(func)


def _results_options(func):
    """Options of the commands that read the year-end results."""
    func = click.option(
        "--scores",
        type=click.Path(path_type=Path),
        metavar="TỆP",
        help="Điểm từng mục của bảng chấm điểm (CSV hoặc XLSX: Mã đơn vị, Mã mục, Điểm). "
        "Mặc định: trang “Bảng điểm” của tệp kết quả, nếu có.",
    )(func)
    func = click.option(
        "--results",
        type=click.Path(path_type=Path),
        metavar="TỆP",
        help="Kết quả cuối năm (CSV hoặc XLSX: Mã đơn vị, Đăng ký, Đạt chuẩn, Điểm, Xếp loại, "
        "Ngày hội). Mặc định khi không ghi --campaign và --units: ket-qua.xlsx của thư mục "
        "hiện tại có ke-hoach.yaml, hoặc kết quả mẫu.",
    )(func)
    return func


def _load(campaign, units, encoding, sheet, results=None, scores=None, year_end=False,
          households=None, per_household=False, previous=None):
    return load_inputs(
        campaign,
        units,
        kinds=REGISTRY,
        encoding=encoding,
        sheet=sheet,
        notice=lambda m: click.echo(m, err=True),
        results=results,
        scores=scores,
        year_end=year_end,
        households=households,
        per_household=per_household,
        previous=previous,
    )


def _format_option(help_text: str):
    """--format table|json."""
    return click.option("--format", "output_format", type=click.Choice(["table", "json"]),
                        default="table", show_default=True, help=help_text)


def _out_option(help_text: str):
    """--out THƯ_MỤC, the output folder (default out)."""
    return click.option("--out", type=click.Path(path_type=Path), default=Path("out"),
                        show_default=True, metavar="THƯ_MỤC", help=help_text)


def _parse_numbering(ctx, param, values: tuple[str, ...]) -> dict[str, int]:
    """Turn repeated MÃ=SỐ into {code: first number}."""
    out = {}
    for value in values:
        code, _, start = value.partition("=")
        if not code or not start.isdigit() or int(start) < 1:
            raise click.BadParameter(f'"{value}" phải có dạng MÃ=SỐ, ví dụ KT-02=15')
        out[code.strip()] = int(start)
    return out


_jobs_option = click.option(
    "--jobs", type=click.IntRange(min=1), metavar="N",
    help="Số tiến trình làm song song (soạn, kiểm tra; mỗi việc chuyển PDF là một LibreOffice "
    "riêng); mặc định: số nhân của máy; 1: chạy trong một tiến trình.",
)


def _wait_option(func):
    """--wait GIÂY: how long to wait for another run holding the output folder."""
    return click.option(
        "--wait", type=click.FloatRange(min=0), default=LOCK_TIMEOUT_S, show_default=True,
        metavar="GIÂY", help="Khi một lần chạy khác đang ghi vào thư mục: chờ tối đa bấy "
        "nhiêu giây rồi báo lỗi.",
    )(func)


class _Bar:
    """A progress bar on stderr from 50 steps on: the library's progress callback."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total >= 50:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        """End the bar's line."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _waiting(out: Path):
    """The on_wait callback: say that another run holds the folder."""
    return lambda seconds: click.echo(
        f"Thư mục {out} đang được một lần chạy khác sử dụng; đang chờ lần chạy đó xong "
        f"(tối đa {seconds:g} giây, đổi bằng --wait)…", err=True)


# How many lacking documents the bundle names one by one before counting the rest.
_LISTED = 10


def _print_ready(inputs, out: Path, *, pack: bool, jobs: int | None, wait: float) -> None:
    """Make the PDFs (and the hồ sơ), show what happened; exit 1 when a document failed."""
    bar = _Bar("Đang chuyển PDF")
    try:
        bundled = None
        if pack:
            bundled = run_bundle(inputs, out, jobs=jobs, progress=bar, wait=wait,
                                 on_wait=_waiting(out))
            converted = bundled.pdf
        else:
            converted = convert_folder(out, jobs=jobs, progress=bar, wait=wait,
                                       on_wait=_waiting(out))
    finally:
        bar.close()
    for path in converted.paths("kept"):
        click.echo(f"Giữ nguyên {path}: tệp PDF đã bị sửa hoặc thay sau khi làm.", err=True)
    for path in converted.failed:
        click.echo(f"Không chuyển được {path} sang PDF (LibreOffice lỗi hoặc treo hai lần).",
                   err=True)
    click.echo(converted.summary(), err=True)
    if bundled is not None:
        for outcome in bundled.outcomes:
            if outcome.status == "kept":
                click.echo(f"Giữ nguyên {outcome.path}: hồ sơ đã bị sửa hoặc thay sau khi làm.",
                           err=True)
        for path in bundled.missing[:_LISTED]:
            click.echo(f"Hồ sơ thiếu {path}: chưa có văn bản hoặc bản PDF.", err=True)
        if len(bundled.missing) > _LISTED:
            click.echo(f"… và {len(bundled.missing) - _LISTED} văn bản khác (xem: antq-docs "
                       "check).", err=True)
        click.echo(bundled.summary(), err=True)
    if converted.failed:
        click.get_current_context().exit(1)


_templates_option = click.option(
    "--templates", type=click.Path(path_type=Path), metavar="THƯ_MỤC",
    help="Thư mục mẫu riêng (.docx cùng tên mẫu có sẵn), dùng trước mẫu có sẵn, từng tệp một; "
    "mặc định: khóa mau của tệp kế hoạch. Mẫu có lỗi bị từ chối (xem: templates check).",
)

_number_option = click.option(
    "--number-from", "number_from", multiple=True, metavar="MÃ=SỐ", callback=_parse_numbering,
    help="Đánh số văn bản của đơn vị MÃ từ sổ đăng ký, bắt đầu từ SỐ (dùng nhiều lần được).",
)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("kind", type=click.Choice([*REGISTRY, "all"]), metavar="LOẠI")
@_input_options
@_results_options
@_previous_option
@_out_option("Thư mục kết quả.")
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
    "--wait", type=click.FloatRange(min=0), default=LOCK_TIMEOUT_S, show_default=True,
    metavar="GIÂY", help="Khi một lần chạy khác đang ghi vào thư mục kết quả: chờ tối đa bấy "
    "nhiêu giây rồi báo lỗi.",
)
@_number_option
@_templates_option
@click.option(
    "--households", type=click.Path(path_type=Path), metavar="TỆP",
    help="Danh sách hộ gia đình (CSV hoặc XLSX: Mã hộ, Chủ hộ, Địa chỉ, Số nhân khẩu, Mã khu "
    "dân cư): bản cam kết của khu dân cư kèm phụ lục danh sách hộ ký cam kết.",
)
@click.option(
    "--per-household", "per_household", is_flag=True,
    help="Cùng --households: soạn thêm bản cam kết riêng của từng hộ, vào "
    "pledge-household/<mã khu dân cư>/<mã hộ>.docx.",
)
@click.option("--pdf", "make_pdf", is_flag=True,
              help="Làm thêm bản PDF bên cạnh mỗi văn bản .docx (cần LibreOffice).")
@click.option("--bundle", "make_bundle", is_flag=True,
              help="Làm thêm PDF và hồ sơ in của từng đơn vị trong ho-so/ (như lệnh bundle).")
@_jobs_option
def generate(
    kind, campaign, units, encoding, sheet, results, scores, previous, out, unit_codes, force,
    dry_run, wait, number_from, templates, households, per_household, make_pdf, make_bundle,
    jobs,
) -> None:
    """Soạn văn bản LOẠI cho mọi đơn vị cần có (các LOẠI: xem _kinds_help)."""
    year_end = wants_results(kind)
    if make_pdf or make_bundle:
        find_soffice()  # before writing anything: a missing LibreOffice is said at once
    inputs = _load(campaign, units, encoding, sheet, results, scores, year_end=year_end,
                   households=households, per_household=per_household, previous=previous)
    kinds, skipped = select_kinds(kind, inputs)
    if skipped:
        click.echo(
            "Không có --results: bỏ qua "
            f"{', '.join(f'{REGISTRY[k].label} ({k})' for k in skipped)} "
            "vì cần tệp kết quả cuối năm.",
            err=True,
        )
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= 50 and not dry_run:
            bar = click.progressbar(length=total, label="Đang soạn", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(1)

    try:
        result = run_generate(
            inputs,
            out,
            kinds,
            unit_codes=list(unit_codes),
            force=force,
            dry_run=dry_run,
            number_from=number_from,
            progress=progress,
            templates=templates,
            wait=wait,
            jobs=jobs,
            on_wait=lambda seconds: click.echo(
                f"Thư mục {out} đang được một lần chạy khác sử dụng; đang chờ lần chạy đó xong "
                f"(tối đa {seconds:g} giây, đổi bằng --wait)…", err=True),
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if dry_run:
        for outcome in result.outcomes:
            click.echo(f"{_STATUS[outcome.status]}\t{outcome.path}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    for path in result.signed:
        click.echo(
            f"Bỏ qua {path}: đã có bản ký .pdf cùng tên (dùng --force để soạn lại).", err=True
        )
    for path in result.kept:
        click.echo(
            f"Giữ nguyên {path}: tệp đã bị sửa sau khi soạn (dùng --force để ghi đè).", err=True
        )
    click.echo(result.summary(), err=True)
    if (make_pdf or make_bundle) and not dry_run:
        _print_ready(inputs, out, pack=make_bundle, jobs=jobs, wait=wait)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@_input_options
@_results_options
@_previous_option
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
@_format_option("In bảng chỉ tiêu dạng bảng chữ hoặc JSON.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục kết quả (ghi báo cáo tổng kết .docx vào report/). Mặc định: out với dạng "
    "bảng; với --format json chỉ in JSON, không ghi tệp nếu không có --out.",
)
@click.option("--force", is_flag=True, help="Ghi đè cả báo cáo đã bị sửa sau khi soạn.")
@_number_option
@_templates_option
def report(
    campaign, units, encoding, sheet, results, scores, previous, level, docs, output_format, out,
    force, number_from, templates,
) -> None:
    """Báo cáo tổng kết của một cấp: kết quả so với chỉ tiêu, in ra và ghi tệp .docx."""
    if out is None and output_format == "table":
        out = Path("out")
    inputs = _load(campaign, units, encoding, sheet, results, scores, year_end=True,
                   previous=previous)
    result = run_report(inputs, out, level, force=force, number_from=number_from, docs=docs,
                        templates=templates)
    if output_format == "json":
        rows = [i.as_json() for i in result.indicators]
        rows += [f.as_json() for f in result.figures]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(f"Kết quả thực hiện chỉ tiêu: {result.level.name} ({result.level.code})")
        click.echo(table_text(result.indicators))
        if result.figures:
            click.echo("\nSố liệu của năm (của đơn vị và mọi đơn vị cấp dưới):")
            for figure in result.figures:
                click.echo(f"  {figure.text()}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    if result.outcome is None:
        return
    path = out / result.outcome.path
    if result.outcome.status == "kept":
        click.echo(
            f"Giữ nguyên {path}: tệp đã bị sửa sau khi soạn (dùng --force để ghi đè).", err=True
        )
    else:
        click.echo(f"Báo cáo tổng kết: {path} ({_STATUS[result.outcome.status]}).", err=True)


def _kinds_help() -> str:
    """The list of kinds in generate's help, from the registry."""
    kinds = ", ".join(
        f"{name} ({kind.label}{', cần --results' if kind.needs_results else ''})"
        for name, kind in REGISTRY.items()
    )
    return f"Soạn văn bản LOẠI cho mọi đơn vị cần có.\n\nLOẠI: {kinds} hoặc all (tất cả)."


generate.help = _kinds_help()


_STATUS = {"new": "mới", "updated": "cập nhật", "unchanged": "không đổi", "kept": "giữ nguyên",
           "signed": "đã có bản ký .pdf, không soạn lại"}


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@_input_options
@click.option(
    "--docs",
    type=click.Path(path_type=Path),
    required=True,
    metavar="THƯ_MỤC",
    help="Thư mục văn bản cần kiểm tra (như thư mục kết quả của generate).",
)
@_results_options
@_format_option("Dạng kết quả: bảng để đọc, json cho máy.")
@click.option(
    "--xlsx",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP",
    help="Ghi thêm bảng Excel: mỗi đơn vị một dòng, mỗi loại văn bản một cột. Không ghi vào "
    "thư mục đang kiểm tra, không ghi đè tệp đầu vào, không ghi đè tệp đã có (trừ khi --force).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp --xlsx đã có (không phải tệp đầu vào).")
@_jobs_option
def check(
    campaign, units, encoding, sheet, results, scores, docs, output_format, xlsx, force, jobs
) -> None:
    """Kiểm tra đủ văn bản bắt buộc trước khi kiểm tra cuối năm (mã thoát 3 nếu chưa đủ).

    Với --results, kiểm tra cả quyết định công nhận của các Ủy ban nhân dân có đơn vị được
    công nhận.
    """
    report = run_check(_load(campaign, units, encoding, sheet, results, scores), docs,
                       workers=jobs)
    if xlsx is not None:
        report.write_xlsx(xlsx, force=force)
    click.echo(report.to_json() if output_format == "json" else report.table())
    if not report.complete:
        click.get_current_context().exit(EXIT_INCOMPLETE)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True),
                metavar="THƯ_MỤC")
@_jobs_option
@_wait_option
def pdf(folder, jobs, wait) -> None:
    """Làm bản PDF bên cạnh mỗi văn bản .docx của THƯ_MỤC (thư mục kết quả của generate).

    Cần LibreOffice (gói libreoffice-writer-nogui). PDF đã mới hơn văn bản thì không làm lại;
    bản ký .pdf không bao giờ bị ghi đè.
    """
    _print_ready(None, folder, pack=False, jobs=jobs, wait=wait)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True),
                metavar="THƯ_MỤC")
@_input_options
@_jobs_option
@_wait_option
def bundle(folder, campaign, units, encoding, sheet, jobs, wait) -> None:
    """Hồ sơ in: mỗi đơn vị một PDF (THƯ_MỤC/ho-so/MÃ.pdf) ghép các văn bản bắt buộc theo thứ
    tự, có mục lục; đơn vị có cấp dưới thêm MÃ-cap-duoi.pdf ghép hồ sơ các đơn vị cấp dưới.

    Làm PDF còn thiếu trước (cần LibreOffice); dùng bản ký .pdf khi đã có.
    """
    find_soffice()
    inputs = _load(campaign, units, encoding, sheet)
    _print_ready(inputs, folder, pack=True, jobs=jobs, wait=wait)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="ĐƯỜNG_DẪN..."
)
@_format_option("Dạng kết quả: dòng để đọc, json cho máy.")
def lint(paths, output_format) -> None:
    """Soát thể thức Nghị định 30 của các tệp .docx hoặc thư mục (mã thoát 3 nếu có lỗi)."""
    report = run_lint(paths)
    click.echo(report.to_json() if output_format == "json" else report.table())
    if not report.ok:
        click.get_current_context().exit(EXIT_INCOMPLETE)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), metavar="THƯ_MỤC")
def init(folder) -> None:
    """Tạo thư mục khởi đầu: kế hoạch năm, danh sách đơn vị, kết quả cuối năm mẫu và README.

    Không ghi đè tệp đã có (mã thoát 1 nếu mọi tệp đã có). Sau đó: cd THƯ_MỤC rồi
    antq-docs generate all.
    """
    result = run_init(folder)
    for path in result.kept:
        click.echo(f"Giữ nguyên {path}: tệp đã có, không ghi đè.", err=True)
    for path in result.written:
        click.echo(f"Đã tạo {path}")
    click.echo(f"Tiếp theo: cd {folder} && antq-docs generate all (xem {folder / 'README.md'}).",
               err=True)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), metavar="THƯ_MỤC")
@_input_options
@click.option("--level", metavar="MÃ",
              help="Chỉ làm phiếu cho đơn vị này và các đơn vị cấp dưới của nó (mặc định: cả "
              "danh sách).")
@_jobs_option
def forms(folder, campaign, units, encoding, sheet, level, jobs) -> None:
    """Làm phiếu thu kết quả cuối năm (Excel) vào THƯ_MỤC: mỗi đơn vị báo cáo một tệp.

    Xã điền một phiếu cho mình và các khu dân cư; cơ quan, doanh nghiệp, cơ sở giáo dục, cấp
    huyện mỗi đơn vị một phiếu. Trang Hướng dẫn, Kết quả, Bảng điểm, Số liệu, Nhận xét; thu lại
    bằng lệnh collect. Không ghi đè tệp đã có (mã thoát 1 nếu mọi phiếu đã có).
    """
    inputs = _load(campaign, units, encoding, sheet)
    bar = _Bar("Đang làm phiếu")
    try:
        result = write_forms(inputs, folder, level=level, jobs=jobs, progress=bar)
    finally:
        bar.close()
    for path in result.kept:
        click.echo(f"Giữ nguyên {path}: tệp đã có, không ghi đè.", err=True)
    for path in result.written:
        click.echo(f"Đã tạo {path}")
    click.echo(f"Xong: {len(result.written)} phiếu mới ({result.units} đơn vị), "
               f"{len(result.kept)} phiếu đã có được giữ nguyên trong {folder}.", err=True)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument("paths", nargs=-1, required=True, metavar="TỆP_HOẶC_THƯ_MỤC...",
                type=click.Path(path_type=Path, exists=True))
@_input_options
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              default=Path(RESULTS_FILE), show_default=True, metavar="TỆP",
              help="Tệp kết quả cuối năm (.xlsx) sẽ ghi, đọc được bằng --results.")
@click.option("--force", is_flag=True,
              help="Ghi đè tệp --out đã có (không bao giờ ghi đè tệp đầu vào).")
@_jobs_option
def collect(paths, campaign, units, encoding, sheet, out, force, jobs) -> None:
    """Thu các phiếu đã điền (tệp .xlsx, hoặc thư mục chứa chúng) vào một tệp kết quả cuối năm.

    Báo mọi lỗi một lượt (tệp, trang, ô), cả các đơn vị chưa nộp phiếu; có lỗi thì không ghi
    gì. Tệp kết quả có các trang Kết quả, Bảng điểm, Số liệu, Nhận xét, dùng cho generate và
    report bằng --results.
    """
    inputs = _load(campaign, units, encoding, sheet)
    bar = _Bar("Đang đọc phiếu")
    try:
        result = run_collect(inputs, paths, out, force=force, jobs=jobs, progress=bar)
    finally:
        bar.close()
    click.echo(f"Đã thu {result.forms} phiếu ({result.units} đơn vị) vào {result.out}.",
               err=True)
    if result.totals:
        click.echo(f"Số liệu của {result.root.name}, cộng cả các đơn vị cấp dưới:")
    for total in result.totals:
        click.echo(f"- {total_text(total)}")


@cli.group(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]",
           subcommand_metavar="LỆNH [ĐỐI_SỐ]...")
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
    click.echo(f"Đã ghi {len(written)} tệp vào {folder}. Sửa mẫu trong Word, kiểm tra bằng "
               f"`antq-docs templates check {folder}`, rồi dùng: generate … --templates "
               f"{folder}.", err=True)


@templates.command("check", context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP|THƯ_MỤC..."
)
def templates_check(paths) -> None:
    """Kiểm tra mẫu .docx: cú pháp thẻ, biến không có, thẻ bị tách, thể thức (mã thoát 3 nếu
    có lỗi)."""
    report = tpl.check_templates(list(paths))
    click.echo(report.table())
    if not report.ok:
        click.get_current_context().exit(EXIT_INCOMPLETE)


@cli.command(context_settings=CONTEXT, options_metavar="[TÙY_CHỌN]")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ĐỊA_CHỈ",
              help="Địa chỉ nghe; khác 127.0.0.1 (cho cả mạng) thì bắt buộc --password.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              metavar="CỔNG", help="Cổng.")
@click.option("--data", type=click.Path(path_type=Path, file_okay=False), metavar="THƯ_MỤC",
              help="Thư mục dữ liệu (tệp tải lên, văn bản đã soạn, sổ đăng ký số). Mặc định: "
              "thư mục dữ liệu của người dùng (~/.local/share/antq-docs).")
@click.option("--password", envvar="ANTQ_DOCS_PASSWORD", metavar="MẬT_KHẨU",
              help="Mật khẩu cho mọi yêu cầu (HTTP Basic, hoặc Authorization: Bearer); "
              "lấy cả từ biến môi trường ANTQ_DOCS_PASSWORD.")
def serve(host, port, data, password) -> None:
    """Mở trang soạn văn bản trên trình duyệt (dừng bằng Ctrl+C)."""
    from antq_docs.web import serve as run_serve

    run_serve(host, port, data, password, ready=click.echo)
    click.echo("Đã dừng.", err=True)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="antq-docs")
