"""The plain data one collection form is built from (FormSpec, Shared) and where its tables
start, so worker processes can build many forms at once (forms.py) and the guide sheet
(form_guide.py) can describe it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from antq_docs.inputs.tables import Column
from antq_docs.model import Figure, ScoreItem

# Where the tables start: two title rows, a row for notes (the figures' units), the header.
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Member:
    """A unit a form covers, as the form needs it: code, name, type."""

    code: str
    name: str
    type: str


@dataclass(frozen=True)
class FormSpec:
    """Everything one form shows about its units: the owner, who receives it, the units.

    receiver is the body the owner sends the form to ('Ủy ban nhân dân tỉnh Quảng Ngãi'),
    body the owner's own, to which its khu dân cư send their part.
    """

    owner: Member
    body: str
    receiver: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Shared:
    """What every form of a campaign shows alike: year, deadlines, thresholds, items, figures."""

    year: int
    # The sheets after the guide, with their columns (layout.data_sheets).
    sheets: dict[str, list[Column]]
    deadlines: dict[str, dt.date]
    thresholds: str
    items: tuple[ScoreItem, ...]
    figures: tuple[Figure, ...]
    # Unit types that hold a review meeting (họp bình xét): only they fill its three columns.
    meeting_types: frozenset[str]
