"""The tree of units: types and their words, a unit, the roster, the tree once levels are gone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from antq_docs import vi

# Unit type keys, top to bottom, with the Vietnamese name used in documents and messages.
UNIT_TYPES: dict[str, str] = {
    "tinh": "tỉnh",
    "huyen": "cấp huyện",
    "xa": "cấp xã",
    "khu_dan_cu": "khu dân cư",
    "co_quan": "cơ quan",
    "doanh_nghiep": "doanh nghiệp",
    "co_so_giao_duc": "cơ sở giáo dục",
}

# Labels officials type in the "Loại" column, mapped to type keys.
TYPE_LABELS: dict[str, tuple[str, ...]] = {
    "tinh": ("Tỉnh", "Thành phố trực thuộc trung ương"),
    "huyen": ("Huyện", "Thị xã", "Thành phố", "Quận"),
    "xa": ("Xã", "Phường", "Thị trấn", "Đặc khu"),
    "khu_dan_cu": ("Khu dân cư", "Thôn", "Làng", "Bản", "Buôn", "Ấp", "Tổ dân phố", "Khu phố"),
    "co_quan": ("Cơ quan",),
    "doanh_nghiep": ("Doanh nghiệp",),
    "co_so_giao_duc": ("Cơ sở giáo dục", "Trường"),
}

# Leading words that are common nouns, written in lower case inside a sentence.
_GENERIC_WORDS = frozenset(
    {"tỉnh", "huyện", "quận", "xã", "phường", "thôn", "làng", "bản", "buôn", "ấp", "khu"}
)
_GENERIC_PHRASES = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tổ dân phố", "khu phố")

# The groups of unit types the rules speak of: the one home of each (kinds, measures, the
# campaign reader and the checker take them from here).
# The local government levels, highest first: their documents are issued by the Ủy ban nhân dân,
# and each recognises units only below itself.
GOVERNMENT_LEVELS = ("tinh", "huyen", "xa")
GOVERNMENT_TYPES = frozenset(GOVERNMENT_LEVELS)
# Every type below the province, in the order a plan or a report lists them.
BELOW_PROVINCE = ("huyen", "xa", "khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc")
# Every type below the district (those that register and pledge).
BELOW_DISTRICT = BELOW_PROVINCE[1:]
# The types that issue their own plans (a khu dân cư works under its commune's).
ISSUERS = ("huyen", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc")
# The types the standard “An toàn về an ninh, trật tự” covers: rated and recognised, in the
# order a recognition decision lists them.
STANDARD_TYPES = ("khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc")

# The kinds of unit within each type, as officials list them ("huyện, thành phố"), in the
# order they are listed, each recognised by the leading words of a unit's name.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "tinh": ("tỉnh", "thành phố"),
    "huyen": ("huyện", "quận", "thị xã", "thành phố"),
    "xa": ("xã", "phường", "thị trấn", "đặc khu"),
    "khu_dan_cu": ("thôn", "làng", "bản", "buôn", "ấp", "tổ dân phố", "khu phố"),
}
# What a unit whose name starts with none of those words is called in such a list.
_KIND_FALLBACK = {
    "huyen": "đơn vị hành chính cấp huyện",
    "xa": "đơn vị hành chính cấp xã",
}


def kind_word(unit: Unit) -> str:
    """The kind of one unit from its name: 'Thị trấn Đăk Hà' → 'thị trấn'."""
    name = unit.name.casefold()
    for word in sorted(KIND_WORDS.get(unit.type, ()), key=len, reverse=True):
        if name == word or name.startswith(f"{word} "):
            return word
    return _KIND_FALLBACK.get(unit.type, UNIT_TYPES[unit.type])


def kind_counts(units: list[Unit]) -> list[tuple[str, int]]:
    """How many units of each kind: [('thôn', 3), ('tổ dân phố', 1)], in kinds_label order."""
    order = {t: i for i, t in enumerate(UNIT_TYPES)}
    found: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = {}
    for unit in units:
        word = kind_word(unit)
        words = KIND_WORDS.get(unit.type, ())
        rank = words.index(word) if word in words else len(words)
        found.setdefault(word, (order[unit.type], rank))
        counts[word] = counts.get(word, 0) + 1
    return [(word, counts[word]) for word in sorted(found, key=found.__getitem__)]


def kinds_label(units: list[Unit]) -> str:
    """The kinds of units really present, as officials list them: 'xã, phường, thị trấn'.

    Derived from the names, so a level without thị trấn does not list them; kinds follow
    the type order, then the customary order within a type.
    """
    return ", ".join(word for word, _ in kind_counts(units))


@dataclass
class Unit:
    """One unit of the roster, linked to its parent and children once the tree is built."""

    code: str
    name: str
    type: str
    parent_code: str | None
    row: int
    head: str = ""
    title: str = ""
    address: str = ""
    households: int | None = None
    is_model: bool = False
    abbr: str = ""
    place: str = ""
    venue: str = ""
    budget: int | None = None
    secretary: str = ""
    # The Party cell (chi bộ) of a khu dân cư, as the roster names it ("Chi bộ thôn 1"): its
    # Bí thư (secretary) signs the chi bộ's resolution of Quý I (Thông tư 124, Điều 4).
    party_cell: str = ""
    signer: str = ""
    signer_title: str = ""
    # The managing body written above the issuer in a header (roster "Cơ quan chủ quản").
    owner_body: str = ""
    # A state enterprise (roster "Doanh nghiệp nhà nước"): its documents speak of state secrets.
    state_owned: bool = False
    # The day a unit first appears in the campaign's rosters by period, when it was not on the
    # first (a commune formed by a merger on 01/7/2025); None for a unit there all year.
    since: dt.date | None = None
    parent: Unit | None = field(default=None, repr=False)
    children: list[Unit] = field(default_factory=list, repr=False)

    @property
    def type_name(self) -> str:
        """The Vietnamese name of the unit's type."""
        return UNIT_TYPES[self.type]

    @property
    def body_name(self) -> str:
        """The issuing body as written in a header: 'Ủy ban nhân dân huyện Đăk Hà', 'Thôn 1'."""
        if self.type in GOVERNMENT_TYPES:
            return f"Ủy ban nhân dân {self.sentence_name}"
        return self.name

    @property
    def sentence_name(self) -> str:
        """The name as written inside a sentence: 'xã Hà Mòn', but 'Sở Tư pháp', 'Thôn 1'.

        A unit named by a number keeps its capital ('Phường 5', 'Thôn 1': Nghị định 30,
        Phụ lục II); the word before a proper name is a common noun ('xã Hà Mòn').
        """
        return _sentence_name(self.name)

    @property
    def bare_name(self) -> str:
        """The name without its administrative word: 'Đăk Hà' for 'Huyện Đăk Hà', 'Phường 5'."""
        return _bare_name(self.name)

    @property
    def government(self) -> Unit | None:
        """The nearest local government at or above this unit (its UBND), or None."""
        current: Unit | None = self
        while current is not None and current.type not in GOVERNMENT_TYPES:
            current = current.parent
        return current

    def existed_on(self, day: dt.date) -> bool:
        """Whether the unit existed on a day (it issued nothing dated before it was formed)."""
        return self.since is None or self.since <= day

    def descendants(self) -> list[Unit]:
        """Every unit below this one, depth first, children in Vietnamese order."""
        out: list[Unit] = []
        stack = list(reversed(self.children))
        while stack:
            unit = stack.pop()
            out.append(unit)
            stack.extend(reversed(unit.children))
        return out


@dataclass
class Roster:
    """The tree of units read from a roster file."""

    units: dict[str, Unit]
    root: Unit
    source: str = ""
    # Column key → how messages name it in the file ('E (Người đứng đầu)').
    columns: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Unit]:
        """Iterate over every unit, root first, in tree order."""
        yield self.root
        yield from self.root.descendants()

    def __len__(self) -> int:
        return len(self.units)

    def get(self, code: str) -> Unit | None:
        """Return the unit with this code, or None."""
        return self.units.get(code)


# The offices of a People's Committee (Phòng Tư pháp huyện …, Văn phòng HĐND và UBND …): they
# end with their level; other agencies, enterprises and schools under it go on.
_OFFICE_WORDS = ("phòng ", "văn phòng ")


def ends_with_level(unit: Unit, gone: frozenset[str]) -> bool:
    """Whether a unit ceased with a level that no longer exists: the level's People's
    Committees themselves, and the offices (phòng) directly under them."""
    if unit.type in gone:
        return True
    parent = unit.parent
    return (
        unit.type == "co_quan"
        and parent is not None
        and parent.type in gone
        and unit.name.casefold().startswith(_OFFICE_WORDS)
    )


def tree_without(roster: Roster, gone: frozenset[str]) -> tuple[Roster, list[Unit]]:
    """The roster as it stands once some levels are gone, and the units that went with them.

    The units left are copies whose parent is their nearest ancestor that remains (a commune
    of a district that ended answers to the province), so every document built on the tree
    addresses bodies that exist; the roster given is not changed.
    """
    # The root stays: a roster of one district has nothing above it to hand its units to.
    removed = [u for u in roster.root.descendants() if ends_with_level(u, gone)]
    if not removed:
        return roster, []
    dropped = {u.code for u in removed}
    copies: dict[str, Unit] = {}
    for unit in roster:
        if unit.code in dropped:
            continue
        copy = dataclasses.replace(unit, parent=None, children=[])
        copies[unit.code] = copy
        above = unit.parent
        while above is not None and above.code in dropped:
            above = above.parent
        if above is not None:
            copy.parent = copies[above.code]
            copy.parent_code = above.code
            copy.parent.children.append(copy)
    root = copies[roster.root.code]
    # Children keep the order of the tree they came from (a tree walk visits parents first).
    return Roster(copies, root, roster.source, roster.columns), removed


# Names are read many times per document: computed once per name (not stored on each unit,
# whose attribute dictionary would grow for a roster of 100,000).
@functools.lru_cache(maxsize=1 << 18)
def _bare_name(name: str) -> str:
    """The name without its administrative word (Unit.bare_name)."""
    lowered = name.casefold()
    for prefix in (*_GENERIC_PHRASES, *_GENERIC_WORDS):
        if lowered.startswith(prefix + " "):
            rest = name[len(prefix) + 1 :].strip()
            # A number is not a name on its own: 'Phường 5' stays whole (Nghị định 30).
            return name if not rest or rest.isdigit() else rest
    return name


@functools.lru_cache(maxsize=1 << 18)
def _sentence_name(name: str) -> str:
    """The name as written inside a sentence (Unit.sentence_name)."""
    first = name.split(" ", 1)[0].casefold()
    generic = first in _GENERIC_WORDS or name.casefold().startswith(_GENERIC_PHRASES)
    if generic and _bare_name(name) != name:
        return vi.lower_first(name)
    return name
