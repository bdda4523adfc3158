"""The Nghị định 30/2020 format rules (Hướng dẫn 36 for Party documents), applied to one document.

Template tags ({{ … }}) are placeholders: a rule about the wording of a part is not applied to a
part whose wording is still a tag, but the part's formatting still is.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from antq_docs import vi
from antq_docs.docxread import PLACEHOLDER, Package, W, is_placeholder
from antq_docs.lint.reading import FONT_SLOTS, Para, Props, Styles, paragraphs
from antq_docs.messages import lint as msg
from antq_docs.vi import fold

FONT = "Times New Roman"
TWIPS_PER_MM = 1440 / 25.4
A4_TWIPS = (11906, 16838)
A4_SLACK_TWIPS = 57  # 1 mm
MARGIN_SLACK_MM = 0.1  # Word stores margins in twips: 20 mm is 1134 twips, 20.004 mm
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_NAMES = {
    "top": msg.MARGIN_TOP,
    "bottom": msg.MARGIN_BOTTOM,
    "left": msg.MARGIN_LEFT,
    "right": msg.MARGIN_RIGHT,
}
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
_APPENDIX = re.compile(r"^phụ lục\b", re.IGNORECASE)
# Document types that carry a number and a Nơi nhận block (Nghị định 30, Phụ lục III).
NUMBERED_TYPES = frozenset(
    {
        "NGHỊ QUYẾT",
        "QUYẾT ĐỊNH",
        "CHƯƠNG TRÌNH",
        "KẾ HOẠCH",
        "BÁO CÁO",
        "BIÊN BẢN",
        "TỜ TRÌNH",
        "THÔNG BÁO",
        "HƯỚNG DẪN",
        "GIẤY MỜI",
    }
)
RECIPIENT_TYPES = NUMBERED_TYPES - {"BIÊN BẢN"}

RULES: dict[str, str] = {
    "tep": msg.RULE_FILE,
    "kho-giay": msg.RULE_PAPER,
    "le": msg.RULE_MARGINS,
    "phong-chu": msg.RULE_FONT,
    "quoc-hieu": msg.RULE_NATIONAL_NAME,
    "tieu-ngu": msg.RULE_MOTTO,
    "so-ky-hieu": msg.RULE_NUMBER,
    "ngay-thang": msg.RULE_DATE,
    "ten-loai": msg.RULE_TYPE,
    "noi-nhan": msg.RULE_RECIPIENTS,
    "co-chu": msg.RULE_SIZE,
    "ket-thuc": msg.RULE_END,
    "dang-tieu-de": msg.RULE_PARTY_HEADING,
    "dang-so": msg.RULE_PARTY_NUMBER,
    "dang-co-chu": msg.RULE_PARTY_SIZE,
    "bo-sung": msg.RULE_PLACEHOLDER.format(placeholder=PLACEHOLDER),
}

_W = f"{{{W}}}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_SPACES = re.compile(r"\s+")
_DATE_LOOSE = re.compile(r"ngày.*tháng.*năm", re.IGNORECASE)
_DATE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<d>\d{1,2}|[.…\s]*) tháng (?P<m>\d{1,2}|[.…\s]*) "
    r"năm (?P<y>\d{4})$"
)
_SO_LOOSE = re.compile(r"^Số\b\s*[:\d./…{-]", re.IGNORECASE)
_SO = re.compile(
    r"^Số:\s*(?P<n>\d+|[.…]*)\s*/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9.]*)+$"
)
_PARTY_SO = re.compile(r"^Số\s+(?P<n>\d+|[.…]*)\s*-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ0-9][A-Za-zĐđ0-9./-]*$")
_RESIDENTIAL = re.compile(
    r"^(THÔN|LÀNG|BẢN|BUÔN|ẤP|TỔ DÂN PHỐ|KHU PHỐ|KHU DÂN CƯ)\b|^\{\{ *dong_cq *\}\}$"
)
_NOI_NHAN = re.compile(r"^nơi nhận\s*:", re.IGNORECASE)
_LUU = re.compile(r"^-\s*Lưu\s*:\s*VT\b")


@dataclass(frozen=True)
class LintFinding:
    """One broken rule in one document: where, what was expected, what was found."""

    file: str
    rule: str
    location: str
    expected: str
    found: str

    def __str__(self) -> str:
        return msg.FINDING.format(
            file=self.file,
            rule=self.rule,
            location=self.location,
            expected=self.expected,
            found=self.found,
        )


def _norm(text: str) -> str:
    # Both tone placements of "hòa" are in use (old and new style); compare them as one.
    return fold(text).replace("hoà", "hòa")


def _clean(text: str) -> str:
    """The text in NFC on one line, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _sizes(props: Iterable[Props]) -> str:
    """The font sizes of some runs, as a finding names them."""
    found = sorted({p.size for p in props if p.size is not None})
    return ", ".join(f"{vi.number(s)} pt" for s in found) or msg.DEFAULT_SIZE


class Linter:
    """The rules applied to one parsed document."""

    def __init__(self, path: Path, package: Package) -> None:
        self.file = str(path)
        self.findings: list[LintFinding] = []
        root = package.document()
        styles_name = "word/styles.xml"
        self.styles = Styles(package.xml(styles_name) if package.has(styles_name) else None)
        body = root.find(f"{_W}body")
        self.body = body if body is not None else root
        self.paras = paragraphs(self.body)
        self.party = any(_norm(p.text) == _norm(PARTY_HEADING) for p in self.paras[:30])

    def add(self, rule: str, location: str, expected: str, found: str) -> None:
        """Record one broken rule."""
        self.findings.append(LintFinding(self.file, rule, location, expected, found))

    def run(self) -> list[LintFinding]:
        """Apply every rule, in the order a reader meets the parts; return the findings."""
        self.page()
        self.fonts()
        header_end = self.heading()
        type_index, doc_type = self.document_type(header_end)
        self.number(header_end if type_index is None else type_index, doc_type)
        self.date_line(header_end if type_index is None else type_index)
        if type_index is not None:
            self.body_size(type_index)
            if not self.party:
                self.ending(type_index)
        self.recipients(doc_type)
        self.placeholders()
        return self.findings

    def page(self) -> None:
        """Paper size and margins of every section."""
        sections = list(self.body.iter(f"{_W}sectPr"))
        if not sections:
            self.add("kho-giay", msg.WHERE_DOCUMENT, msg.PAPER_DECLARED, msg.PAPER_NOT_DECLARED)
            return
        for n, sect in enumerate(sections, start=1):
            where = msg.WHERE_SECTION.format(number=n)
            size = sect.find(f"{_W}pgSz")
            w = int(size.get(f"{_W}w", "0")) if size is not None else 0
            h = int(size.get(f"{_W}h", "0")) if size is not None else 0
            if abs(w - A4_TWIPS[0]) > A4_SLACK_TWIPS or abs(h - A4_TWIPS[1]) > A4_SLACK_TWIPS:
                self.add(
                    "kho-giay",
                    where,
                    msg.PAPER_A4,
                    f"{w / TWIPS_PER_MM:.0f} × {h / TWIPS_PER_MM:.0f} mm",
                )
            margins = sect.find(f"{_W}pgMar")
            for side, (low, high) in MARGINS_MM.items():
                raw = margins.get(f"{_W}{side}") if margins is not None else None
                mm = abs(int(raw)) / TWIPS_PER_MM if raw and raw.lstrip("-").isdigit() else None
                if mm is None or not low - MARGIN_SLACK_MM <= mm <= high + MARGIN_SLACK_MM:
                    self.add(
                        "le",
                        where,
                        f"{MARGIN_NAMES[side]} {low}–{high} mm",
                        f"{MARGIN_NAMES[side]} {mm:.1f} mm".replace(".", ",")
                        if mm is not None
                        else msg.MARGIN_NOT_DECLARED.format(margin=MARGIN_NAMES[side]),
                    )

    def fonts(self) -> None:
        """Times New Roman in every script slot of every run that shows text."""
        wrong: dict[str, list[str]] = {}
        for para in self.paras:
            for _, props in self.styles.runs(para.el):
                bad = [
                    f"{props.fonts.get(slot, 'không khai báo')} ({slot})"
                    for slot, _ in FONT_SLOTS
                    if props.fonts.get(slot) != FONT
                ]
                if bad:
                    wrong.setdefault(", ".join(bad), []).append(para.location)
                    break
        for found, places in wrong.items():
            more = msg.AND_MORE.format(count=len(places) - 1) if len(places) > 1 else ""
            self.add("phong-chu", places[0] + more, FONT, found)

    def _style(
        self,
        rule: str,
        para: Para,
        *,
        sizes: tuple[float, float],
        bold: bool = True,
        italic: bool | None = None,
    ) -> None:
        runs = [props for _, props in self.styles.runs(para.el)]
        if not runs:
            return
        low, high = sizes
        if any(p.size is None or not low <= p.size <= high for p in runs):
            span = f"{vi.number(low)}–{vi.number(high)}" if low != high else vi.number(low)
            self.add(rule, para.location, msg.SIZE_SPAN.format(span=span), _sizes(runs))
        if bold and not all(p.bold for p in runs):
            self.add(rule, para.location, msg.BOLD, msg.NOT_ALL_BOLD)
        if italic and not all(p.italic for p in runs):
            self.add(rule, para.location, msg.ITALIC, msg.NOT_ALL_ITALIC)

    def _find(self, wanted: str, limit: int = 40) -> int | None:
        target = _norm(wanted)
        for i, para in enumerate(self.paras[:limit]):
            if _norm(para.text) == target:
                return i
        return None

    def heading(self) -> int:
        """Quốc hiệu and Tiêu ngữ (or the Party heading); return where the heading part ends."""
        if self.party:
            i = self._find(PARTY_HEADING)
            assert i is not None
            para = self.paras[i]
            if _clean(para.text) != PARTY_HEADING:
                self.add("dang-tieu-de", para.location, PARTY_HEADING, _clean(para.text))
            self._style("dang-tieu-de", para, sizes=(15, 15))
            return i
        qh = self._find(QUOC_HIEU)
        if qh is None:
            self.add("quoc-hieu", msg.WHERE_TOP, QUOC_HIEU, msg.NO_NATIONAL_NAME)
            end = 0
        else:
            para = self.paras[qh]
            if _clean(para.text) != QUOC_HIEU:
                self.add("quoc-hieu", para.location, QUOC_HIEU, _clean(para.text))
            self._style("quoc-hieu", para, sizes=(12, 13))
            end = qh
        tn = next(
            (
                i
                for i, p in enumerate(self.paras[:40])
                if re.sub(r"\s*[-–—]\s*", " - ", _norm(p.text)) == _norm(TIEU_NGU)
            ),
            None,
        )
        if tn is None:
            self.add("tieu-ngu", msg.WHERE_TOP, TIEU_NGU, msg.NO_MOTTO)
            return end
        para = self.paras[tn]
        if _clean(para.text) != TIEU_NGU:
            self.add("tieu-ngu", para.location, TIEU_NGU, _clean(para.text))
        self._style("tieu-ngu", para, sizes=(13, 14))
        return max(end, tn)

    def _header_region(self, end: int) -> list[Para]:
        return [p for p in self.paras[:end] if not p.blank]

    def document_type(self, header_end: int) -> tuple[int | None, str | None]:
        """The document type: the first body paragraph after the heading, date and number."""
        for para in self.paras[:40]:
            # A công văn has no type name: its trích yếu "V/v …" stands under the number.
            if _clean(para.text).startswith("V/v"):
                return None, None
        for i in range(header_end + 1, len(self.paras)):
            para = self.paras[i]
            text = _clean(para.text)
            if para.in_table or para.blank or not text:
                continue
            if _DATE_LOOSE.search(text) or _SO_LOOSE.match(text):
                continue
            bare = _clean(_TAG.sub("", text))
            if bare and bare != vi.upper(bare):
                self.add("ten-loai", para.location, msg.CAPITALS.format(text=vi.upper(bare)), bare)
            # Hướng dẫn 36 sets the Party title larger than Nghị định 30 does.
            self._style("ten-loai", para, sizes=(14, 16) if self.party else (13, 14))
            return i, (None if para.tagged else text)
        self.add("ten-loai", msg.WHERE_AFTER_HEADING, msg.DOCUMENT_TYPE, msg.NONE)
        return None, None

    def number(self, before: int, doc_type: str | None) -> None:
        """The "Số:" line (state) or "Số …-…/…" line (Party)."""
        rule, pattern = ("dang-so", _PARTY_SO) if self.party else ("so-ky-hieu", _SO)
        expected = msg.PARTY_NUMBER_EXAMPLE if self.party else msg.NUMBER_EXAMPLE
        region = self._header_region(before)
        lines = [p for p in region if _SO_LOOSE.match(_clean(p.text))]
        if not lines:
            # A khu dân cư (thôn, tổ dân phố…) is not a state body: its forms carry no number.
            residential = any(_RESIDENTIAL.match(_clean(p.text)) for p in region)
            if doc_type in NUMBERED_TYPES and not residential:
                self.add(rule, msg.WHERE_HEADING, expected, msg.NO_NUMBER.format(doc_type=doc_type))
            return
        para = lines[0]
        text = _clean(para.text)
        if para.tagged:
            return
        match = pattern.match(text)
        if not match:
            self.add(rule, para.location, expected, text)
        elif match["n"].isdigit() and int(match["n"]) < 10 and len(match["n"]) < 2:
            self.add(
                rule, para.location, msg.NUMBER_WITH_ZERO.format(number=match["n"].zfill(2)), text
            )

    def date_line(self, before: int) -> None:
        """The place and date line and its zero-padding rule."""
        region = self._header_region(before)
        lines = [p for p in region if _DATE_LOOSE.search(p.text)]
        if not lines:
            if not any(p.tagged for p in region):
                self.add(
                    "ngay-thang",
                    msg.WHERE_HEADING,
                    msg.DATE_LINE_EXAMPLE,
                    msg.NO_DATE_LINE,
                )
            return
        para = lines[0]
        self._style("ngay-thang", para, sizes=(13, 14), bold=False, italic=True)
        if para.tagged:
            return
        text = _clean(para.text)
        match = _DATE.match(text)
        if not match:
            self.add("ngay-thang", para.location, msg.DATE_LINE_EXAMPLE, text)
            return
        day, month = match["d"], match["m"]
        good_day = day if not day.isdigit() else f"{int(day):02d}"
        good_month = month
        if month.isdigit():
            good_month = f"{int(month):02d}" if int(month) < 3 else str(int(month))
        bad_value = (day.isdigit() and not 1 <= int(day) <= 31) or (
            month.isdigit() and not 1 <= int(month) <= 12
        )
        if not bad_value and day.isdigit() and month.isdigit():
            try:
                dt.date(int(match["y"]), int(month), int(day))
            except ValueError:
                bad_value = True
        if bad_value:
            self.add("ngay-thang", para.location, msg.A_REAL_DAY, text)
        elif (good_day, good_month) != (day, month):
            fixed = msg.DATE_LINE_FIXED.format(
                place=match["place"], day=good_day, month=good_month, year=match["y"]
            )
            self.add("ngay-thang", para.location, fixed, text)

    def _body(self, type_index: int) -> list[Para]:
        """Body paragraphs: after the title, before the signature block.

        The signature block is the table holding "Nơi nhận:", else the last table: appendices
        (Phụ lục) after the signature are not the body.
        """
        heads = [
            i
            for i, p in enumerate(self.paras)
            if i > type_index and p.in_table and _NOI_NHAN.match(_clean(p.text))
        ]
        # An appendix opens with "Phụ lục" outside any table; its tables are not the signature.
        appendix = next(
            (
                i
                for i, p in enumerate(self.paras)
                if i > type_index and not p.in_table and _APPENDIX.match(_clean(p.text))
            ),
            len(self.paras),
        )
        in_tables = [
            i for i, p in enumerate(self.paras) if p.in_table and type_index < i < appendix
        ]
        stop = heads[0] if heads else in_tables[-1] if in_tables else len(self.paras)
        return [
            p
            for p in self.paras[type_index + 1 : stop]
            if not p.in_table and not p.blank and p.text.strip()
        ]

    def body_size(self, type_index: int) -> None:
        """The size of the body's paragraphs."""
        rule, (low, high) = ("dang-co-chu", (14, 15)) if self.party else ("co-chu", (13, 14))
        wrong: dict[str, list[str]] = {}
        for para in self._body(type_index):
            runs = [props for _, props in self.styles.runs(para.el)]
            if any(p.size is None or not low <= p.size <= high for p in runs):
                wrong.setdefault(_sizes(runs), []).append(para.location)
        for found, places in wrong.items():
            more = msg.AND_MORE.format(count=len(places) - 1) if len(places) > 1 else ""
            self.add(rule, places[0] + more, msg.SIZE_RANGE.format(low=low, high=high), found)

    def ending(self, type_index: int) -> None:
        """The body ends with “./.”."""
        body = self._body(type_index)
        if not body:
            return
        last = body[-1]
        text = _clean(last.text)
        if text.endswith("}}"):
            return
        if not text.endswith("./."):
            self.add("ket-thuc", last.location, msg.END_MARK, f"…{text[-30:]}")

    def recipients(self, doc_type: str | None) -> None:
        """The “Nơi nhận:” block: its style and its last line “- Lưu: VT, …”."""
        heads = [i for i, p in enumerate(self.paras) if _NOI_NHAN.match(_clean(p.text))]
        if not heads:
            if doc_type in RECIPIENT_TYPES and not self.party:
                self.add(
                    "noi-nhan",
                    msg.WHERE_BOTTOM,
                    msg.RECIPIENTS_BLOCK,
                    msg.NO_RECIPIENTS.format(doc_type=doc_type),
                )
            return
        i = heads[-1]
        head = self.paras[i]
        self._style("noi-nhan", head, sizes=(12, 12), bold=True, italic=True)
        if self.party:
            return
        lines = [
            p
            for p in self.paras[i + 1 :]
            if p.container == head.container and not p.blank and p.text.strip()
        ]
        if not lines or any(p.tagged for p in lines):
            return
        last = _clean(lines[-1].text)
        if not _LUU.match(last):
            self.add("noi-nhan", lines[-1].location, msg.LAST_LINE_ARCHIVE, last)

    def placeholders(self) -> None:
        """Each placeholder a draft still holds: a part only the unit can write, not yet written."""
        # A template (it still holds tags) prints its placeholders on purpose: only what it
        # made is a draft to finish.
        if any(p.tagged for p in self.paras):
            return
        for para in self.paras:
            if is_placeholder(para.text):
                self.add(
                    "bo-sung",
                    para.location,
                    msg.WRITTEN_BY_UNIT,
                    msg.PLACEHOLDER_LEFT.format(text=_clean(para.text)),
                )
