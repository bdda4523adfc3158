"""What every document kind shares: the document to write, the kind interface, missing values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from antq_docs.errors import Finding
from antq_docs.identity import TEMPLATE_KEY, Identity
from antq_docs.inputs.roster import COLUMNS
from antq_docs.kinds.party import party_abbr
from antq_docs.messages import documents as msg
from antq_docs.model import Campaign, Results, Roster, Unit
from antq_docs.output import document_path

if TYPE_CHECKING:
    from antq_docs.inputs.households import Households

_HEADERS = {c.key: c.header for c in COLUMNS}
# Unit attributes and the roster column that feeds them, for messages about missing values.
_ATTR_COLUMN = {
    "venue": "dia_diem",
    "budget": "kinh_phi",
    "head": "nguoi_dung_dau",
    "title": "chuc_vu",
    "address": "dia_chi",
    "households": "so_ho",
    "abbr": "ky_hieu",
    "secretary": "bi_thu",
    "party_cell": "chi_bo",
    "signer": "nguoi_ky",
    "signer_title": "chuc_vu_nguoi_ky",
}


@dataclass(frozen=True)
class Image:
    """A picture for a template variable: PNG bytes shown at a width in millimetres."""

    data: bytes
    width_mm: float


@dataclass(frozen=True)
class NumberSlot:
    """The number line of a document: its issuer's series and the text after the number.

    suffix follows the number ('/KH-UBND'); a draft leaves room for the clerk. The suffix holds
    roster data (the ký hiệu), so it is joined as text, never used as a format string.
    """

    issuer: str
    suffix: str
    # Numbers run per calendar year of the document's date (from 01 on 1 January).
    year: int

    def format(self, number: int | None) -> str:
        """'05/KH-UBND' for a number, '      /KH-UBND' for a draft."""
        return (f"{number:02d}" if number is not None else " " * 6) + self.suffix


@dataclass(frozen=True)
class Citation:
    """Another document's number that a document cites ('Kế hoạch số 05/KH-UBND').

    The number exists only in the folder's register, so it is filled in when the document is
    written: key is the context entry that receives it, path the cited document's file.
    """

    key: str
    slot: NumberSlot
    path: str


@dataclass(frozen=True)
class Request:
    """What one unit's document is built from: the campaign, the roster in force on the
    document's date, the unit, the Needs that collects every missing value, and the year-end
    results when the run has them (the year-end kinds cannot do without)."""

    campaign: Campaign
    roster: Roster
    unit: Unit
    needs: Needs
    results: Results | None = None


class Document:
    """One document to write: for which unit, of which kind, where, from which template.

    Its context is built when first asked for; a document that can build it again (make)
    lets it go after rendering, so a run holds the contexts of one batch, not of the roster.
    """

    __slots__ = ("_context", "cites", "kind", "make", "number", "path", "template", "unit")

    def __init__(
        self,
        unit: str,
        kind: str,
        path: str,
        template: str,
        context: dict[str, Any] | None = None,
        number: NumberSlot | None = None,
        make: Callable[[], dict[str, Any]] | None = None,
        cites: tuple[Citation, ...] = (),
    ) -> None:
        if context is None and make is None:
            raise ValueError("a document needs its context or the way to build it")
        self.unit = unit
        self.kind = kind
        self.path = path
        self.template = template
        self.number = number
        self.make = make
        self._context = context
        self.cites = cites

    @property
    def context(self) -> dict[str, Any]:
        """The template variables, built on first use."""
        if self._context is None:
            assert self.make is not None
            self._context = self.make()
        return self._context

    def release(self) -> None:
        """Let the context go when it can be built again (after the document is rendered)."""
        if self.make is not None:
            self._context = None


class Needs:
    """Collects every value a document needs but the data lacks, to report them all at once."""

    def __init__(
        self, roster_file: str, campaign_file: str, columns: dict[str, str] | None = None
    ) -> None:
        self.roster_file = roster_file
        self.campaign_file = campaign_file
        # How the roster's columns are named in messages ('E (Người đứng đầu)'), when known.
        self.columns = columns or {}
        # (row, column key) → (unit code, purposes, documents), so one empty cell is reported
        # once, with every document it stops.
        self._cells: dict[tuple[int, str], tuple[str, list[str], list[str]]] = {}
        # key → (campaign field, message); a key per distinct problem, reported once.
        self._campaign: dict[str, tuple[str, str]] = {}
        self.warnings: list[str] = []
        self._other: list[tuple[Finding, list[str]]] = []
        # The document whose values are being looked up: kind name, unit code, how it is named.
        self._building: tuple[str, str, str] | None = None
        # kind name → codes of the units whose document of that kind lacks a value.
        self.blocked: dict[str, set[str]] = {}
        self._sources: tuple[Campaign, Roster, Needs, Results | None] | None = None

    @property
    def findings(self) -> list[Finding]:
        """Every missing value: roster cells by row, campaign fields, then the others."""
        found = []
        for (row, key), (unit, purposes, _) in sorted(self._cells.items(), key=self._order):
            found.append(
                Finding(
                    msg.MISSING_VALUE.format(purposes="; ".join(purposes))
                    + msg.COLUMN_ADVICE.get(key, ""),
                    file=self.roster_file,
                    row=row,
                    column=self.columns.get(key, _HEADERS[key]),
                    unit=unit,
                )
            )
        for name, message in self._campaign.values():
            found.append(Finding(message, file=self.campaign_file, field=name))
        return found + [finding for finding, _ in self._other]

    def stopped(self) -> list[tuple[Finding, list[str]]] | None:
        """Every missing value with the documents it stops ('bản cam kết của QT-VL'), or None
        when one stops more than documents of its own (a campaign field every document of a
        kind needs, a value looked up for no document), so the run cannot go on."""
        documents = [docs for _, (_, _, docs) in sorted(self._cells.items(), key=self._order)]
        documents += [docs for _, docs in self._other]
        if self._campaign or not all(documents):
            return None
        return list(zip(self.findings, documents, strict=True))

    def forget_missing(self) -> None:
        """Drop the values the documents lacked, once those documents are left out of the run."""
        self._cells.clear()
        self._other.clear()

    @staticmethod
    def _order(item: tuple[tuple[int, str], object]) -> tuple[int, int]:
        (row, key), _ = item
        return row, list(_HEADERS).index(key)

    @contextmanager
    def building(self, kind: str, label: str, unit: str) -> Iterator[None]:
        """Tie the values missing while a document is built to that document."""
        self._building = (kind, unit, msg.STOPPED_DOCUMENT.format(label=label, unit=unit))
        try:
            yield
        finally:
            self._building = None

    def _stop(self, documents: list[str]) -> None:
        """Record that the document being built lacks a value (and list it once)."""
        if self._building is None:
            return
        kind, unit, document = self._building
        self.blocked.setdefault(kind, set()).add(unit)
        if document not in documents:
            documents.append(document)

    def sources(
        self, campaign: Campaign, roster: Roster, results: Results | None
    ) -> tuple[Campaign, Roster, Needs, Results | None]:
        """What a context is built again from, shared by every document of this Needs.

        Its Needs is a quiet one: this one has already found every missing value.
        """
        known = self._sources
        if known is None or (known[0], known[1], known[3]) != (campaign, roster, results):
            quiet = Needs(self.roster_file, self.campaign_file, self.columns)
            known = self._sources = (campaign, roster, quiet, results)
        return known

    def missing(self, finding: Finding) -> None:
        """Record a missing value that lives outside the roster and the campaign dates."""
        documents: list[str] = []
        self._other.append((finding, documents))
        self._stop(documents)

    def unit_value(self, unit: Unit, attr: str, purpose: str) -> Any:
        """Return unit.attr, recording the empty cell (unit, row, column) when it is empty."""
        value = getattr(unit, attr)
        if value in ("", None):
            key = _ATTR_COLUMN.get(attr, attr)
            _, purposes, documents = self._cells.setdefault((unit.row, key), (unit.code, [], []))
            if purpose not in purposes:
                purposes.append(purpose)
            self._stop(documents)
        return value

    def warn(self, message: str) -> None:
        """Record a problem that does not stop the run but must be seen (shown on stderr)."""
        if message not in self.warnings:
            self.warnings.append(message)

    def campaign_part(self, field: str, purpose: str) -> None:
        """Record a part of the campaign file a document needs but the file does not have."""
        self._campaign.setdefault(field, (field, msg.MISSING_CAMPAIGN_KEY.format(purpose=purpose)))

    def campaign_problem(self, field: str, message: str, key: str | None = None) -> None:
        """Record a problem of the campaign file a document runs into, once per key."""
        self._campaign.setdefault(key or f"{field}\n{message}", (field, message))

    def campaign_date(self, campaign: Campaign, kind: str, purpose: str) -> dt.date:
        """Return the document date of a kind, recording the campaign field when it is absent."""
        if kind in campaign.doc_dates:
            return campaign.doc_dates[kind]
        name = f"ngay_van_ban.{kind}"
        self._campaign[name] = (name, msg.MISSING_DATE.format(purpose=purpose))
        return dt.date(campaign.year, 1, 1)


class Rebuild:
    """How a document's context is built again: its kind, the shared inputs, its unit.

    Small on purpose (three references): a run keeps one per document of the whole roster.
    """

    __slots__ = ("kind", "sources", "unit")

    def __init__(self, kind: Kind, sources: tuple, unit: Unit) -> None:
        self.kind = kind
        self.sources = sources
        self.unit = unit

    def __call__(self) -> dict[str, Any]:
        campaign, roster, needs, results = self.sources
        context = self.kind.context(Request(campaign, roster, self.unit, needs, results))
        return self.kind.marked(campaign, self.unit, context)


class Kind:
    """A document kind: which units need it, the template, the file name, the context.

    Everything the rest of the program knows about a kind is declared here, once: check and
    the command line read it from the registry, which they hand to the campaign loader, the
    inputs and the indicators (model.DeclaredKind is what those read).
    """

    # The kind's key in the manifest, the matrix (tai_lieu_bat_buoc) and the folder names.
    name = ""
    # What the document is called in a sentence ('bản cam kết').
    label = ""
    # The column heading of check's table and workbook ('Cam kết').
    short = ""
    # The unit types that must have it when the campaign's matrix does not name the kind.
    required: tuple[str, ...] = ()
    # The kind whose date this kind takes when ngay_van_ban gives none under its own name
    # ('' = none: the kind's date is its own or absent).
    date_key = ""
    # The campaign target (chỉ tiêu `ma`) this kind of document is the evidence for, if any.
    target: str | None = None
    # What its document is called in the messages about the values it lacks ('kế hoạch năm').
    purpose = ""
    # The template per unit type; the key '' stands for every other type.
    forms: ClassVar[dict[str, str]] = {}
    # Templates it writes beside its forms (a khu dân cư's household pledge forms).
    other_templates: tuple[str, ...] = ()
    # The document type's abbreviation in its number: 'KH' gives '05/KH-UBND' (the roster's
    # ký hiệu after it), or '05-NQ/HU' for a Party document (its committee's); '' = no number.
    number = ""
    # Unit types whose documents bear no number (a khu dân cư's residential-area forms).
    unnumbered: tuple[str, ...] = ()
    # What the number is for in the message about a missing ký hiệu ('' = 'số của' + purpose).
    number_purpose = ""
    # What some of the template variables mean, for `templates list` and BIEN.md.
    variables: ClassVar[dict[str, str]] = {}
    # Kinds built from the year-end results cannot be written without --results.
    needs_results = False
    # A Party document (Hướng dẫn 36-HD/VPTW): a Party header, no superior-body line.
    party_document = False
    # Its documents carry the khu dân cư's households (--households): the household list is
    # checked against the roster in force on its date.
    household_list = False

    def day(self, campaign: Campaign) -> dt.date | None:
        """The date its documents bear (ngay_van_ban, or the date of the kind it follows),
        or None when the campaign gives none."""
        return campaign.doc_dates.get(self.name)

    def needs(self, campaign: Campaign, unit: Unit) -> bool:
        """Tell whether a unit must have this kind of document (the campaign's matrix)."""
        return campaign.requires(self.name, unit.type)

    def owed(self, campaign: Campaign, unit: Unit, results: Results | None = None) -> bool:
        """Whether a unit must have this kind once the year-end results are known.

        The same as needs() except for a kind that only some results call for (a recognition
        decision is owed by a UBND with recognised units below it).
        """
        return self.needs(campaign, unit)

    def path(self, unit: Unit) -> str:
        """Where the document goes, relative to the output folder: '<kind>/<code>.docx'."""
        return document_path(self.name, unit.code)

    @property
    def templates(self) -> tuple[str, ...]:
        """Every template file the kind may use: its forms, then the others it writes."""
        return tuple(dict.fromkeys([*self.forms.values(), *self.other_templates]))

    def template(self, campaign: Campaign, unit: Unit) -> str:
        """The template file name for a unit: the form of its type, else the common one."""
        return self.forms.get(unit.type) or self.forms[""]

    def context(self, request: Request) -> dict:
        """The template variables for one unit; missing values go to request.needs.

        Data only (names, counts, dates, lists, flags): the sentences are in the template.
        """
        raise NotImplementedError

    def number_slot(self, campaign: Campaign, unit: Unit, needs: Needs) -> NumberSlot | None:
        """The number line of the unit's document, or None for documents without one."""
        if not self.number or unit.type in self.unnumbered:
            return None
        year = self.document_year(campaign)
        if self.party_document:
            # In the cấp ủy's or chi bộ's own series, without a colon: '05-NQ/HU'.
            return NumberSlot(
                issuer=f"{unit.code}#dang", suffix=f"-{self.number}/{party_abbr(unit)}", year=year
            )
        abbr = needs.unit_value(
            unit, "abbr", self.number_purpose or msg.NUMBER_PURPOSE.format(purpose=self.purpose)
        )
        return NumberSlot(issuer=unit.code, suffix=f"/{self.number}-{abbr}", year=year)

    def abbr_types(self) -> tuple[str, ...]:
        """The unit types whose documents of this kind carry the roster's ký hiệu in their
        number (by the default matrix)."""
        if not self.number or self.party_document:
            return ()
        return tuple(t for t in self.required if t not in self.unnumbered)

    def cites(self, campaign: Campaign, unit: Unit, needs: Needs) -> tuple[Citation, ...]:
        """The numbers of other documents this unit's document cites (none by default)."""
        return ()

    def marked(self, campaign: Campaign, unit: Unit, context: dict[str, Any]) -> dict[str, Any]:
        """The context with the document's identity for its QR code (ma_nhan_dien), or an
        empty value when the campaign turns the codes off; the number is added when the
        document is numbered."""
        # The day the document prints, when its header gave it; else its kind's day.
        day = context.get(TEMPLATE_KEY)
        day = day if isinstance(day, dt.date) else self.day(campaign)
        context[TEMPLATE_KEY] = (
            Identity(unit=unit.code, kind=self.name, number="", date=day)
            if campaign.identity_codes
            else ""
        )
        return context

    def document_year(self, campaign: Campaign) -> int:
        """The year of this kind's document date (a December report may be dated January)."""
        day = self.day(campaign)
        return day.year if day else campaign.year

    def document(
        self,
        campaign: Campaign,
        roster: Roster,
        unit: Unit,
        needs: Needs,
        results: Results | None = None,
        context: dict | None = None,
    ) -> Document:
        """One unit's document of this kind, whatever the matrix says.

        context, when given, is used instead of the kind's own (a report measured with more).
        What it lacks is tied to it (Needs.building), so only it is refused for that value.
        """
        with needs.building(self.name, self.label, unit.code):
            rebuild = None
            if context is None:
                # Built once here, so every missing value is found before anything is written;
                # built again when rendered, with a Needs of its own that has nothing to add.
                context = self.context(Request(campaign, roster, unit, needs, results))
                rebuild = Rebuild(self, needs.sources(campaign, roster, results), unit)
            self.marked(campaign, unit, context)
            document = Document(
                unit=unit.code,
                kind=self.name,
                path=self.path(unit),
                template=self.template(campaign, unit),
                context=context,
                number=self.number_slot(campaign, unit, needs),
                make=rebuild,
                cites=self.cites(campaign, unit, needs),
            )
        document.release()
        return document

    def documents(
        self,
        campaign: Campaign,
        roster: Roster,
        selected: list[Unit],
        needs: Needs,
        results: Results | None = None,
        households: Households | None = None,
    ) -> list[Document]:
        """Every document of this kind for the selected units (results: year-end kinds only;
        households: the household list, which the khu dân cư's pledges carry)."""
        return [
            self.document(campaign, roster, unit, needs, results)
            for unit in selected
            if self.owed(campaign, unit, results)
        ]
