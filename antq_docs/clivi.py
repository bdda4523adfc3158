"""Vietnamese for Click's own words (Usage, Options, its usage errors), so every line is Vietnamese.

Click marks its strings with gettext but ships no catalogues; instead of changing the process's
global gettext domain, this gives Click's modules a translating `_` and `ngettext` of their own.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để biết cách dùng.",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "file": "Tệp",
    "directory": "Thư mục",
    "path": "Đường dẫn",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "Aborted!": "Đã dừng!",
    "default: {default}": "mặc định: {default}",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Thừa đối số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các đối số ({args})",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
}


def _(message: str) -> str:
    return MESSAGES.get(message, message)


def _n(singular: str, plural: str, count: int) -> str:
    return _(singular if count == 1 else plural)


def install() -> None:
    """Give Click's modules the Vietnamese lookups."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        # Click looks its words up through module-level gettext names; replace those it has.
        if hasattr(module, "_"):
            setattr(module, "_", _)  # noqa: B010 (the name is not an attribute mypy knows)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", _n)  # noqa: B010
