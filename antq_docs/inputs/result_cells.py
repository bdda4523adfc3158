"""The cells of the year-end results: yes/no words, points, whole counts and levels, each read
the way officials type them, with a located finding when a cell cannot be read."""

from __future__ import annotations

import re
from decimal import Decimal

from antq_docs.errors import Finding
from antq_docs.inputs.tables import Row, Table
from antq_docs.limits import MAX_FIGURE
from antq_docs.messages import inputs as msg
from antq_docs.messages import limits as limit_msg
from antq_docs.model import LEVELS
from antq_docs.vi import fold, number, strip_marks

# A figure is a count of sessions, people, tip-offs…: a whole number below MAX_FIGURE, its
# thousands grouped by dots or not ('1.250' is 1250; '12.5' is no count at all).
_WHOLE = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")

# The words of a yes/no cell (Đăng ký, Ngày hội) and of a passed/failed one (Đạt chuẩn),
# compared folded.
YES = {"có", "co", "x", "1", "true", "yes", "đã", "da"}
NO = {"không", "khong", "0", "false", "no", "chưa", "chua"}
PASS = YES | {"đạt", "dat"}
FAIL = NO | {"chưa đạt", "chua dat", "không đạt", "khong dat"}
# A level as written without marks ('xuat sac') → the level's name.
LEVEL_NAMES = {strip_marks(level): level for level in LEVELS}
# Points: '87', '87,5' or '87.5'; at most the whole sheet.
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
MAX_SCORE = Decimal(100)


def parse_count(text: str) -> int | None:
    """A whole number written '12', '1.234' or '1234', or None when it is not one."""
    if not _WHOLE.match(text):
        return None
    digits = text.replace(".", "")
    # Checked by length first: int() of a thousand digits is slow, and refused past 4,300.
    if len(digits.lstrip("0")) > len(str(MAX_FIGURE)):
        return None
    value = int(digits)
    return value if value < MAX_FIGURE else None


def count_problem(text: str, what: str) -> str | None:
    """Why a count cell is no count (not a whole number, or past MAX_FIGURE); None if it is."""
    if not _WHOLE.match(text):
        return limit_msg.COUNT_NOT_WHOLE.format(what=what, text=text)
    if parse_count(text) is None:
        return limit_msg.COUNT_TOO_LARGE.format(what=what, text=text, limit=number(MAX_FIGURE - 1))
    return None


def flag(
    table: Table,
    row: Row,
    key: str,
    yes: set[str],
    no: set[str],
    hint: str,
    findings: list[Finding],
    optional: bool = False,
) -> bool | None:
    """A yes/no cell, or None after recording why it could not be read.

    An optional cell left empty reads as False (not applicable).
    """
    text = row.get(key)
    if not text and optional:
        return False
    if not text:
        findings.append(table.finding(row, key, msg.REQUIRED))
        return None
    folded = fold(text)
    if folded in yes:
        return True
    if folded in no:
        return False
    findings.append(table.finding(row, key, msg.VALUE_UNCLEAR.format(text=text, hint=hint)))
    return None


def parse_points(text: str) -> Decimal | None:
    """A number of points written '87', '87,5' or '87.5', or None when it is not one."""
    if not _NUMBER.match(text):
        return None
    return Decimal(text.replace(",", "."))
