"""What a collection form is: whose it is, which units it covers, its sheets and their columns.

A form belongs to one reporting unit, its owner: a commune (xã) fills one form for itself and its
khu dân cư; an agency, enterprise, school or district fills one for itself; a khu dân cư with no
commune above it fills its own. The root of the roster fills none: nobody above it collects. The
form names its owner in a labelled cell of its guide sheet, which a defined name also points at,
so a returned form says whose it is even renamed, re-saved or with rows moved.
"""

from __future__ import annotations

import re

from antq_docs.errors import UsageError
from antq_docs.inputs.results import (
    COLUMNS,
    FIGURES_SHEET,
    NAME_COLUMN,
    NOTE_COLUMNS,
    NOTES_SHEET,
    SCORE_SHEET_COLUMNS,
    SCORES_SHEET,
    figure_columns,
)
from antq_docs.inputs.tables import Column
from antq_docs.messages import documents as msg
from antq_docs.model import Campaign, Roster, Unit
from antq_docs.vi import did_you_mean, strip_marks

GUIDE_SHEET = "Hướng dẫn"
RESULTS_SHEET = "Kết quả"
# The guide sheet is a table of two columns; its row OWNER_LABEL holds the owner's code, and the
# workbook's defined name OWNER_NAME points at that cell.
GUIDE_COLUMNS = [Column("muc", "Mục", required=True), Column("noi_dung", "Nội dung", required=True)]
OWNER_LABEL = "Mã đơn vị của phiếu"
OWNER_NAME = "ANTQ_MA_DON_VI_PHIEU"

CODE_COLUMN = COLUMNS[0]
# The form's sheets as `--results` reads them, with the unit's name beside its code so whoever
# fills a commune's form sees whose row it is (the readers ignore the name).
RESULT_COLUMNS = [CODE_COLUMN, NAME_COLUMN, *COLUMNS[1:]]
NOTE_SHEET_COLUMNS = [CODE_COLUMN, NAME_COLUMN, *NOTE_COLUMNS]
# The longest part of a file name taken from a unit's name.
_NAME_CHARS = 40


def data_sheets(campaign: Campaign) -> dict[str, list[Column]]:
    """The sheets a form has for a campaign, in order, with their columns.

    Bảng điểm only when the campaign has a scoring sheet (bang_diem), Số liệu only when it
    declares figures (so_lieu).
    """
    sheets = {RESULTS_SHEET: RESULT_COLUMNS}
    if campaign.score_items:
        sheets[SCORES_SHEET] = SCORE_SHEET_COLUMNS
    if campaign.figures:
        sheets[FIGURES_SHEET] = [CODE_COLUMN, NAME_COLUMN, *figure_columns(campaign.figures)]
    sheets[NOTES_SHEET] = NOTE_SHEET_COLUMNS
    return sheets


def owner_of(unit: Unit) -> Unit | None:
    """The unit whose form carries this unit's rows: itself, its commune, or None (the root)."""
    parent = unit.parent
    if parent is None:
        return None
    if unit.type == "khu_dan_cu" and parent.type == "xa" and parent.parent is not None:
        return parent
    return unit


def covered(owner: Unit) -> list[Unit]:
    """The units a form covers: its owner first, then the khu dân cư that fill it with it."""
    return [owner, *(c for c in owner.children if owner_of(c) is owner)]


def owners(roster: Roster, level: str | None = None) -> list[Unit]:
    """The units that own a form, in tree order; with level, only those of that subtree.

    UsageError for a level not on the roster, and for a khu dân cư that fills its commune's
    form (its form is its commune's: that is the level to ask for).
    """
    if level is None:
        return [u for u in roster if owner_of(u) is u]
    top = roster.get(level)
    if top is None:
        raise UsageError(
            msg.LEVEL_NOT_IN_ROSTER.format(level=level, roster=roster.source or msg.ROSTER)
            + did_you_mean(level, roster.units)
        )
    owner = owner_of(top)
    if owner is not None and owner is not top:
        raise UsageError(
            msg.LEVEL_SHARES_FORM.format(
                code=top.code, name=top.name, owner=owner.name, owner_code=owner.code
            )
        )
    return [u for u in (top, *top.descendants()) if owner_of(u) is u]


def file_name(owner: Unit) -> str:
    """The form's file name, ASCII for Windows and USB sticks: 'QNG-03-xa-dak-ha.xlsx'."""
    words = re.sub(r"[^a-z0-9]+", "-", strip_marks(owner.name)).strip("-")
    if len(words) > _NAME_CHARS:
        words = words[:_NAME_CHARS].rsplit("-", 1)[0]
    return f"{owner.code}-{words or 'phieu'}.xlsx"
