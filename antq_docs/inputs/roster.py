"""Read and validate the units roster, and build the tree of units.

Every problem is collected with its file, row and column before anything is reported, so an
official fixes the whole roster in one round.
"""

from __future__ import annotations

import re
from pathlib import Path

from antq_docs import vi
from antq_docs.errors import Finding, ValidationError
from antq_docs.inputs.result_cells import count_problem, parse_count
from antq_docs.inputs.tablefile import read_table
from antq_docs.inputs.tables import Column, Row, Table
from antq_docs.messages import inputs as msg
from antq_docs.messages import tables as tables_msg
from antq_docs.model import GOVERNMENT_TYPES, TYPE_LABELS, UNIT_TYPES, Roster, Unit
from antq_docs.vi import did_you_mean, fold, strip_marks

COLUMNS = [
    Column("ma", "Mã đơn vị", required=True),
    Column("ten", "Tên đơn vị", required=True),
    Column("loai", "Loại", required=True),
    Column("cap_tren", "Mã cấp trên"),
    Column("nguoi_dung_dau", "Người đứng đầu"),
    Column("chuc_vu", "Chức vụ"),
    Column("dia_chi", "Địa chỉ"),
    Column("so_ho", "Số hộ"),
    Column("dien_hinh", "Điển hình"),
    Column("ky_hieu", "Ký hiệu"),
    Column("dia_danh", "Địa danh"),
    Column("dia_diem", "Địa điểm"),
    Column("kinh_phi", "Kinh phí"),
    Column("bi_thu", "Bí thư"),
    Column("chi_bo", "Chi bộ"),
    Column("nguoi_ky", "Người ký"),
    Column("chuc_vu_nguoi_ky", "Chức vụ người ký"),
    Column("co_quan_chu_quan", "Cơ quan chủ quản"),
    Column("doanh_nghiep_nha_nuoc", "Doanh nghiệp nhà nước"),
]

TRUE_WORDS = {"x", "có", "co", "1", "true", "yes", "đúng"}
FALSE_WORDS = {"", "không", "khong", "0", "false", "no"}

# The ký hiệu of a People's Committee in its documents' numbers ('05/KH-UBND'): what a clerk
# writes when the roster leaves it empty. Other bodies have their own and must give it.
GOVERNMENT_ABBR = "UBND"

_SAFE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
MAX_CODE_LENGTH = 64
# Whole đồng, optionally grouped by thousands with '.', ',' or spaces.
_AMOUNT = re.compile(r"^\d{1,3}([., ]\d{3})*$|^\d+$")


def _type_lookup() -> dict[str, str]:
    """Every accepted spelling of a type (key or label, with or without marks) → type key."""
    table: dict[str, str] = {}
    for key, labels in TYPE_LABELS.items():
        for spelling in (key, *labels):
            table[fold(spelling)] = key
            table.setdefault(strip_marks(spelling), key)
    return table


_TYPES = _type_lookup()


def accepted_types() -> str:
    """The accepted values of the Loại column, for messages."""
    labels = "; ".join(", ".join(v) for v in TYPE_LABELS.values())
    return msg.ACCEPTED_TYPES.format(keys=", ".join(UNIT_TYPES), labels=labels)


def parse_type(text: str) -> str | None:
    """Return the type key for a Loại cell, or None when it is not recognised."""
    return _TYPES.get(fold(text)) or _TYPES.get(strip_marks(text))


def code_problem(code: str, noun: str = msg.CODE) -> str | None:
    """Explain why a code cannot be a safe file name, or return None when it can."""
    if ".." in code or "/" in code or "\\" in code:
        return msg.CODE_HAS_SLASH.format(noun=noun, code=code)
    if not _SAFE_CODE.match(code):
        return msg.CODE_NOT_A_FILE_NAME.format(noun=noun, code=code)
    if code.split(".")[0].lower() in _RESERVED:
        return msg.CODE_RESERVED.format(noun=noun, code=code)
    if code.endswith("."):
        return msg.CODE_ENDS_WITH_DOT.format(noun=noun, code=code)
    if len(code) > MAX_CODE_LENGTH:
        return msg.CODE_TOO_LONG.format(noun=noun, code=code, limit=MAX_CODE_LENGTH)
    return None


def parse_amount(text: str) -> int | None:
    """Read an amount of đồng typed as '15.500.000', '15 500 000', '15500000' or '15.500.000 đ'."""
    cleaned = re.sub(r"\s*(đồng|đ|vnđ|vnd)\s*$", "", fold(text))
    if not _AMOUNT.match(cleaned):
        return None
    return int(re.sub(r"[., ]", "", cleaned))


def load_roster(
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    warnings: list[str] | None = None,
) -> Roster:
    """Read a roster file, validate every row, and return the tree of units; the headings it
    does not read are added to warnings."""
    table = read_table(path, COLUMNS, encoding=encoding, sheet=sheet)
    if warnings is not None:
        warnings += table.warnings
    return build_roster(table)


def build_roster(table: Table) -> Roster:
    """Validate the rows of a roster table and link them into a tree."""
    findings: list[Finding] = list(table.findings)
    units: dict[str, Unit] = {}
    seen_folded: dict[str, Unit] = {}
    for row in table.rows:
        unit = _unit_from_row(table, row, findings)
        if unit is None:
            continue
        other = seen_folded.get(unit.code.casefold())
        if other is not None:
            same = msg.CODE_TWICE if other.code == unit.code else msg.CODE_CASE_ONLY
            findings.append(table.finding(row, "ma", same.format(code=unit.code, row=other.row)))
            continue
        seen_folded[unit.code.casefold()] = unit
        units[unit.code] = unit
    if not table.rows:
        findings.append(Finding(msg.NO_UNITS, file=table.name))
    root = _link(table, units, findings)
    if findings:
        raise ValidationError(findings, what=msg.ROSTER_FILE.format(name=table.name))
    assert root is not None
    for unit in units.values():
        unit.children.sort(key=lambda u: vi.sort_key(u.name))
    columns = {key: table.column(key) for key in table.letters}
    return Roster(units=units, root=root, source=str(table.path), columns=columns)


def _unit_from_row(table: Table, row: Row, findings: list[Finding]) -> Unit | None:
    """Turn one row into a Unit, adding a finding for each bad cell."""
    before = len(findings)
    for key in ("ma", "ten", "loai"):
        if not row.get(key):
            findings.append(table.finding(row, key, msg.REQUIRED))
    code = row.get("ma")
    if code and (problem := code_problem(code)):
        findings.append(table.finding(row, "ma", problem))
    type_key = _type_cell(table, row, findings)
    households = _households_cell(table, row, findings)
    budget = _budget_cell(table, row, findings)
    flags = {
        key: _yes_no_cell(table, row, key, findings)
        for key in ("dien_hinh", "doanh_nghiep_nha_nuoc")
    }
    if len(findings) > before:
        return None
    assert type_key is not None
    return Unit(
        code=code,
        name=row.get("ten"),
        type=type_key,
        parent_code=row.get("cap_tren") or None,
        row=row.number,
        head=row.get("nguoi_dung_dau"),
        title=row.get("chuc_vu"),
        address=row.get("dia_chi"),
        households=households,
        is_model=flags["dien_hinh"],
        abbr=row.get("ky_hieu") or (GOVERNMENT_ABBR if type_key in GOVERNMENT_TYPES else ""),
        place=row.get("dia_danh"),
        venue=row.get("dia_diem"),
        budget=budget,
        secretary=row.get("bi_thu"),
        party_cell=row.get("chi_bo"),
        signer=row.get("nguoi_ky"),
        signer_title=row.get("chuc_vu_nguoi_ky"),
        owner_body=row.get("co_quan_chu_quan"),
        state_owned=flags["doanh_nghiep_nha_nuoc"],
    )


def _type_cell(table: Table, row: Row, findings: list[Finding]) -> str | None:
    """The Loại cell as a type key; None when empty or not recognised (with a finding)."""
    written = row.get("loai")
    if not written:
        return None
    type_key = parse_type(written)
    if type_key is None:
        findings.append(
            table.finding(
                row, "loai", msg.TYPE_UNKNOWN.format(written=written, accepted=accepted_types())
            )
        )
    return type_key


def _households_cell(table: Table, row: Row, findings: list[Finding]) -> int | None:
    """The Số hộ cell as a whole number ('1.250' too); None when empty or bad (a finding)."""
    written = row.get("so_ho")
    if not written:
        return None
    problem = count_problem(written.replace(" ", ""), msg.HOUSEHOLDS_COUNT)
    if problem is None:
        return parse_count(written.replace(" ", ""))
    findings.append(table.finding(row, "so_ho", problem))
    return None


def _budget_cell(table: Table, row: Row, findings: list[Finding]) -> int | None:
    """The Kinh phí cell as whole đồng; None when empty or bad (with a finding)."""
    written = row.get("kinh_phi")
    if not written:
        return None
    budget = parse_amount(written)
    if budget is None:
        findings.append(
            table.finding(row, "kinh_phi", msg.BUDGET_NOT_AN_AMOUNT.format(written=written))
        )
    return budget


def _yes_no_cell(table: Table, row: Row, key: str, findings: list[Finding]) -> bool:
    """A mark cell (Điển hình, Doanh nghiệp nhà nước): x, có, 1 or empty; unclear is a finding."""
    folded = fold(row.get(key))
    if folded not in TRUE_WORDS | FALSE_WORDS:
        findings.append(table.finding(row, key, msg.FLAG_UNCLEAR.format(written=row.get(key))))
    return folded in TRUE_WORDS


def _link(table: Table, units: dict[str, Unit], findings: list[Finding]) -> Unit | None:
    """Link parents and children; report unknown parents, several roots and cycles."""
    roots = [u for u in units.values() if u.parent_code is None]
    for unit in units.values():
        if unit.parent_code is None:
            continue
        parent = units.get(unit.parent_code)
        if parent is None:
            findings.append(
                table.finding(
                    unit.row,
                    "cap_tren",
                    msg.PARENT_NOT_FOUND.format(parent_code=unit.parent_code)
                    + did_you_mean(unit.parent_code, units),
                )
            )
            continue
        unit.parent = parent
        parent.children.append(unit)
    if len(roots) > 1 and "cap_tren" not in table.letters:
        # Without the column every unit but one would be a second root: one finding says why.
        findings.append(table.near_finding("cap_tren") or _no_parent_column(table))
    elif len(roots) > 1:
        first = roots[0]
        for other in roots[1:]:
            findings.append(
                table.finding(
                    other.row,
                    "cap_tren",
                    msg.SECOND_ROOT.format(code=first.code, row=first.row),
                )
            )
    reported: set[str] = set()
    for unit in units.values():
        path = _cycle_from(unit)
        if path and not reported.intersection(path):
            reported.update(path)
            chain = " → ".join([*path, path[0]])
            start = units[path[0]]
            findings.append(
                table.finding(start.row, "cap_tren", msg.PARENT_LOOP.format(chain=chain))
            )
    if not roots and units and not reported:
        findings.append(Finding(msg.NO_ROOT, file=table.name))
    return roots[0] if roots else None


def _no_parent_column(table: Table) -> Finding:
    """The finding for a roster of several units with no Mã cấp trên column at all."""
    header = next(c.header for c in COLUMNS if c.key == "cap_tren")
    return Finding(
        tables_msg.NO_COLUMN.format(header=header), file=table.name, row=table.header_row
    )


def _cycle_from(unit: Unit) -> list[str] | None:
    """Return the codes of the cycle this unit's parent chain enters, if any."""
    seen: list[str] = []
    current: Unit | None = unit
    while current is not None:
        if current.code in seen:
            return seen[seen.index(current.code) :]
        seen.append(current.code)
        current = current.parent
    return None
