"""What every document kind shares: the document to write, the kind interface, missing values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from antq_docs.errors import Finding
from antq_docs.inputs.roster import COLUMNS
from antq_docs.model import Campaign, Results, Roster, Unit
from antq_docs.output import document_path

_HEADERS = {c.key: c.header for c in COLUMNS}
# Unit attributes and the roster column that feeds them, for messages about missing values.
_ATTR_COLUMN = {
    "head": "nguoi_dung_dau",
    "title": "chuc_vu",
    "address": "dia_chi",
    "households": "so_ho",
    "abbr": "ky_hieu",
}


@dataclass
class Document:
    """One document to write: for which unit, of which kind, where, from which template."""

    unit: str
    kind: str
    path: str
    template: str
    context: dict[str, Any]


class Needs:
    """Collects every value a document needs but the data lacks, to report them all at once."""

    def __init__(self, roster_file: str, campaign_file: str) -> None:
        self.roster_file = roster_file
        self.campaign_file = campaign_file
        # (row, column) → (unit code, purposes), so one empty cell is reported once.
        self._cells: dict[tuple[int, str], tuple[str, list[str]]] = {}
        self._campaign: dict[str, str] = {}
        self._other: list[Finding] = []

    @property
    def findings(self) -> list[Finding]:
        """Every missing value: roster cells by row, campaign fields, then the others."""
        found = []
        for (row, column), (unit, purposes) in sorted(self._cells.items()):
            found.append(
                Finding(
                    f"thiếu giá trị, cần cho {'; '.join(purposes)}",
                    file=self.roster_file,
                    row=row,
                    column=column,
                    unit=unit,
                )
            )
        for name, purpose in self._campaign.items():
            found.append(
                Finding(f"thiếu ngày của {purpose}", file=self.campaign_file, field=name)
            )
        return found + self._other

    def missing(self, finding: Finding) -> None:
        """Record a missing value that lives outside the roster and the campaign dates."""
        self._other.append(finding)

    def unit_value(self, unit: Unit, attr: str, purpose: str) -> Any:
        """Return unit.attr, recording the empty cell (unit, row, column) when it is empty."""
        value = getattr(unit, attr)
        if value in ("", None):
            key = _ATTR_COLUMN.get(attr, attr)
            _, purposes = self._cells.setdefault(
                (unit.row, _HEADERS.get(key, key)), (unit.code, [])
            )
            if purpose not in purposes:
                purposes.append(purpose)
        return value

    def campaign_date(self, campaign: Campaign, kind: str, purpose: str) -> dt.date:
        """Return the document date of a kind, recording the campaign field when it is absent."""
        if kind in campaign.doc_dates:
            return campaign.doc_dates[kind]
        self._campaign[f"ngay_van_ban.{kind}"] = purpose
        return dt.date(campaign.year, 1, 1)


class Kind:
    """A document kind: which units need it, the template, the file name, the context."""

    name = ""
    label = ""
    # Kinds built from the year-end results cannot be written without --results.
    needs_results = False

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Tell whether a unit must have this kind of document (the campaign's matrix)."""
        return campaign.requires(self.name, unit.type)

    def path(self, unit: Unit) -> str:
        """Where the document goes, relative to the output folder: '<kind>/<code>.docx'."""
        return document_path(self.name, unit.code)

    def template(self, unit: Unit) -> str:
        """The template file name for a unit."""
        raise NotImplementedError

    def context(self, campaign: Campaign, roster: Roster, unit: Unit, needs: Needs) -> dict:
        """The template variables for one unit; missing values go to needs."""
        raise NotImplementedError

    def documents(
        self,
        campaign: Campaign,
        roster: Roster,
        selected: list[Unit],
        needs: Needs,
        results: Results | None = None,
    ) -> list[Document]:
        """Every document of this kind for the selected units (results: year-end kinds only)."""
        docs = []
        for unit in selected:
            if self.needs(campaign, unit):
                docs.append(
                    Document(
                        unit=unit.code,
                        kind=self.name,
                        path=self.path(unit),
                        template=self.template(unit),
                        context=self.context(campaign, roster, unit, needs),
                    )
                )
        return docs


def roster_name(roster: Roster) -> str:
    """The roster file name used in messages."""
    return Path(roster.source).name if roster.source else "danh sách đơn vị"
