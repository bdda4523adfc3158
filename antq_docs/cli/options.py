"""The command line's shared options, and the inputs they load.

Importing this module first gives Click its Vietnamese words (clivi) before any option or
command is declared.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from antq_docs import clivi
from antq_docs.cli import messages as msg
from antq_docs.inputs.loading import Inputs, load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.output import LOCK_TIMEOUT_S

clivi.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# 0 ok, 1 handled error and 2 usage come from Click and AntqError.exit_code; 3 is ours.
EXIT_INCOMPLETE = 3


def input_options(func):
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


def previous_option(func):
    """--nam-truoc: last year's collected results, for the year report's comparisons."""
    return click.option(
        "--nam-truoc",
        "previous",
        type=click.Path(path_type=Path),
        metavar="TỆP",
        help="Kết quả cuối năm trước (như tệp của collect): báo cáo tổng kết so sánh số liệu, "
        "số đơn vị đạt chuẩn, xếp loại với năm trước. Cần --results.",
    )(func)


def results_options(func):
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


def load(
    campaign,
    units,
    encoding,
    sheet,
    results=None,
    scores=None,
    year_end=False,
    households=None,
    per_household=False,
    previous=None,
) -> Inputs:
    """The run's inputs from the options, notices (the default files used) on stderr."""
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


def format_option(help_text: str):
    """--format table|json."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help=help_text,
    )


def out_option(help_text: str):
    """--out THƯ_MỤC, the output folder (default out)."""
    return click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=Path("out"),
        show_default=True,
        metavar="THƯ_MỤC",
        help=help_text,
    )


def parse_numbering(ctx, param, values: tuple[str, ...]) -> dict[str, int]:
    """Turn repeated MÃ=SỐ into {code: first number}."""
    out = {}
    for value in values:
        code, _, start = value.partition("=")
        if not code or not start.isdigit() or int(start) < 1:
            raise click.BadParameter(msg.NOT_CODE_EQUALS_NUMBER.format(value=value))
        out[code.strip()] = int(start)
    return out


def parse_day(ctx, param, value: str | None) -> dt.date:
    """Turn NGÀY/THÁNG/NĂM (or YYYY-MM-DD) into a date; none given: today."""
    if value is None:
        return dt.date.today()
    for form in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise click.BadParameter(msg.NOT_A_DAY.format(value=value))


def parse_kinds(ctx, param, values: tuple[str, ...]) -> list[str]:
    """Turn repeated or comma-separated LOẠI into registry names (none: every kind)."""
    names = [v.strip() for value in values for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise click.BadParameter(
            msg.UNKNOWN_KINDS.format(unknown=", ".join(unknown), known=", ".join(REGISTRY))
        )
    return names


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Số tiến trình làm song song (soạn, kiểm tra; mỗi việc chuyển PDF là một LibreOffice "
    "riêng); mặc định: số nhân của máy; 1: chạy trong một tiến trình.",
)


def wait_option(func):
    """--wait GIÂY: how long to wait for another run holding the output folder."""
    return click.option(
        "--wait",
        type=click.FloatRange(min=0),
        default=LOCK_TIMEOUT_S,
        show_default=True,
        metavar="GIÂY",
        help="Khi một lần chạy khác đang ghi vào thư mục: chờ tối đa bấy nhiêu giây rồi báo lỗi.",
    )(func)


templates_option = click.option(
    "--templates",
    type=click.Path(path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục mẫu riêng (.docx cùng tên mẫu có sẵn), dùng trước mẫu có sẵn, từng tệp một; "
    "mặc định: khóa mau của tệp kế hoạch. Mẫu có lỗi bị từ chối (xem: templates check).",
)

number_option = click.option(
    "--number-from",
    "number_from",
    multiple=True,
    metavar="MÃ=SỐ",
    callback=parse_numbering,
    help="Đánh số văn bản của đơn vị MÃ từ sổ đăng ký, bắt đầu từ SỐ (dùng nhiều lần được).",
)
