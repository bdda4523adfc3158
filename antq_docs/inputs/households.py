"""Read and validate the household list (danh sách hộ gia đình) of the khu dân cư.

A khu dân cư pledges on behalf of its households, and Thông tư 124 wants every household to
take part: the list gives, per household, its code (mã hộ), the head of household (chủ hộ), the
address, the number of members (số nhân khẩu) and the khu dân cư it belongs to. It is read by
the same table reader as the roster, and every bad row is reported at once with its file, row
and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from antq_docs.errors import Finding, ValidationError
from antq_docs.inputs.roster import code_problem
from antq_docs.inputs.tablefile import read_table
from antq_docs.inputs.tables import Column, Row, Table
from antq_docs.messages import inputs as msg
from antq_docs.model import UNIT_TYPES, Roster
from antq_docs.vi import did_you_mean

COLUMNS = [
    Column("ma_ho", "Mã hộ", required=True),
    Column("chu_ho", "Chủ hộ", required=True),
    Column("dia_chi", "Địa chỉ", required=True),
    Column("so_nhan_khau", "Số nhân khẩu", required=True),
    Column("ma_khu_dan_cu", "Mã khu dân cư", required=True),
]
# More members than this in one household is a typing slip (a phone number, a total).
MAX_MEMBERS = 99


@dataclass(frozen=True, slots=True)
class Household:
    """One household of a khu dân cư: code, head, address, members, and its row in the file."""

    code: str
    head: str
    address: str
    members: int
    area: str
    row: int


@dataclass
class Households:
    """The households of every khu dân cư, in file order, by the khu dân cư's code.

    forms says whether each household also signs a pledge form of its own (--per-household).
    """

    by_area: dict[str, list[Household]]
    source: str = ""
    forms: bool = False
    # Problems that do not stop a run (a roster count that disagrees with the list).
    warnings: list[str] = field(default_factory=list)

    def of(self, code: str) -> list[Household]:
        """The households of one khu dân cư (none when the list has none for it)."""
        return self.by_area.get(code, [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_area.values())


def load_households(
    path: Path,
    roster: Roster,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    forms: bool = False,
) -> Households:
    """Read a household list (CSV or XLSX), check it against the roster, return it."""
    table = read_table(path, COLUMNS, encoding=encoding, sheet=sheet)
    return build_households(table, roster, forms=forms)


def build_households(table: Table, roster: Roster, *, forms: bool = False) -> Households:
    """Validate every row of a household table against the roster; all findings at once."""
    findings: list[Finding] = list(table.findings)
    by_area: dict[str, list[Household]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        household = _household(table, row, roster, findings)
        if household is None:
            continue
        # The code names the household's own form file, so it is unique within its area.
        key = (household.area, household.code.casefold())
        if key in seen:
            findings.append(
                table.finding(
                    row,
                    "ma_ho",
                    msg.DUPLICATE_HOUSEHOLD.format(
                        code=household.code, row=seen[key], area=household.area
                    ),
                )
            )
            continue
        seen[key] = row.number
        by_area.setdefault(household.area, []).append(household)
    if not table.rows:
        findings.append(Finding(msg.NO_HOUSEHOLDS, file=table.name))
    if findings:
        raise ValidationError(findings, what=msg.HOUSEHOLDS_FILE.format(name=table.name))
    households = Households(by_area, source=str(table.path), forms=forms)
    households.warnings += table.warnings + _count_warnings(households, roster, table.name)
    return households


def _household(table: Table, row: Row, roster: Roster, findings: list[Finding]) -> Household | None:
    """One row as a Household, a finding for each bad cell (every cell of the row is checked)."""
    ok = True
    for column in COLUMNS:
        if not row.get(column.key):
            findings.append(table.finding(row, column.key, msg.REQUIRED))
            ok = False
    code = row.get("ma_ho")
    if code and (problem := code_problem(code, msg.HOUSEHOLD_CODE)):
        findings.append(table.finding(row, "ma_ho", problem))
        ok = False
    members = 0
    text = row.get("so_nhan_khau")
    if text:
        if text.isdigit() and 1 <= int(text) <= MAX_MEMBERS:
            members = int(text)
        else:
            findings.append(
                table.finding(
                    row,
                    "so_nhan_khau",
                    msg.MEMBERS_NOT_A_COUNT.format(text=text, limit=MAX_MEMBERS),
                )
            )
            ok = False
    area_code = row.get("ma_khu_dan_cu")
    if area_code:
        area = roster.get(area_code)
        if area is None:
            khu = [u.code for u in roster if u.type == "khu_dan_cu"]
            findings.append(
                table.finding(
                    row,
                    "ma_khu_dan_cu",
                    msg.AREA_NOT_IN_ROSTER.format(
                        area_code=area_code, roster=Path(roster.source).name
                    )
                    + did_you_mean(area_code, khu),
                )
            )
            ok = False
        elif area.type != "khu_dan_cu":
            findings.append(
                table.finding(
                    row,
                    "ma_khu_dan_cu",
                    msg.AREA_NOT_RESIDENTIAL.format(
                        area_code=area_code, name=area.name, type_name=UNIT_TYPES[area.type]
                    ),
                )
            )
            ok = False
    if not ok:
        return None
    return Household(code, row.get("chu_ho"), row.get("dia_chi"), members, area_code, row.number)


def _count_warnings(households: Households, roster: Roster, name: str) -> list[str]:
    """A warning for each khu dân cư whose roster Số hộ differs from the list's count."""
    out = []
    for code, members in households.by_area.items():
        unit = roster.get(code)
        if unit is not None and unit.households is not None and unit.households != len(members):
            out.append(
                msg.HOUSEHOLDS_DIFFER.format(
                    code=code,
                    name=unit.name,
                    roster=Path(roster.source).name,
                    written=unit.households,
                    households=name,
                    count=len(members),
                )
            )
    return out
