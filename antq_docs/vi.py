"""Vietnamese text: the Nghị định 30 date line, numbers, money, words, sort order, and the
helpers that clean and compare what officials type (fold, strip_marks, closest, did_you_mean)."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from babel.numbers import format_decimal

LOCALE = "vi"

# Tone marks sort after base letters; letter modifiers (breve, circumflex, horn) make new letters.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET = tuple("a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split())
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_DIGITS = re.compile(r"(\d+)")


def date_line(place: str, day: dt.date) -> str:
    """Return the place and date line, e.g. 'Kon Tum, ngày 07 tháng 3 năm 2025'."""
    return f"{place}, {date_words(day)}"


def date_words(day: dt.date) -> str:
    """Return 'ngày 07 tháng 3 năm 2025': day below 10 and months 1–2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date) -> str:
    """Return '07/3/2025', the short form used in căn cứ lines, with the same zero rule."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


@functools.lru_cache(maxsize=4096)
def number(value: int | float | Decimal) -> str:
    """Format a number the Vietnamese way: '1.234.567,5' (cached: babel is slow per call)."""
    return format_decimal(value, locale=LOCALE)


def count(number: int) -> str:
    """A count of units as officials write it in plans and minutes: two digits, '04', '12'."""
    return f"{number:02d}"


@functools.lru_cache(maxsize=4096)
def percent(value: float) -> str:
    """Format a percentage with at most one decimal: '83,3%'."""
    return f"{format_decimal(round(value, 1), format='#,##0.#', locale=LOCALE)}%"


def money(amount: int) -> str:
    """Format an amount of đồng: '15.500.000 đồng'."""
    return f"{number(amount)} đồng"


_UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _three_digits(n: int, full: bool) -> list[str]:
    """Read 0..999; full=True reads the hundreds even when zero ('không trăm linh năm')."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_UNITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_UNITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_UNITS[units])
    return words


def _words(n: int, leading: bool = True) -> list[str]:
    """Read a non-negative integer; leading=False when higher groups were already read."""
    if n >= 10**9:
        high, low = divmod(n, 10**9)
        words = [*_words(high, leading), "tỷ"]
        return words + (_words(low, False) if low else [])
    groups = [(n // 10**6) % 1000, (n // 1000) % 1000, n % 1000]
    names = ["triệu", "nghìn", ""]
    words = []
    for group, name in zip(groups, names):
        if group == 0:
            continue
        words += _three_digits(group, full=not leading or bool(words))
        if name:
            words.append(name)
    return words


def in_words(amount: int) -> str:
    """Spell an integer in Vietnamese words, capitalised: 'Mười lăm triệu năm trăm nghìn'."""
    if amount < 0:
        return "Âm " + in_words(-amount)[0].lower() + in_words(-amount)[1:]
    text = " ".join(_words(amount)) if amount else "không"
    return text[0].upper() + text[1:]


def money_in_words(amount: int) -> str:
    """Spell an amount of đồng: 'Mười lăm triệu năm trăm nghìn đồng'."""
    return f"{in_words(amount)} đồng"


def _letter_key(ch: str) -> tuple[int, int]:
    """Rank one character: (letter rank, tone); non-letters rank after z by code point."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = 0
    base = ""
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            base += part
    base = unicodedata.normalize("NFC", base)
    if base in _RANK:
        return _RANK[base], tone
    return len(_ALPHABET) + ord(base[0]) if base else 0, tone


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """Vietnamese alphabetical key: Đ after D, base letters before tones, numbers by value."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for chunk in _DIGITS.split(unicodedata.normalize("NFC", text)):
        if not chunk:
            continue
        if chunk.isdigit():
            primary.append((-1, int(chunk)))
            continue
        for ch in chunk:
            if ch.isspace():
                primary.append((-2, 0))
                continue
            rank, tone = _letter_key(ch)
            primary.append((rank, 0))
            tones.append(tone)
    return tuple(primary), tuple(tones), text


def upper(text: str) -> str:
    """Upper-case Vietnamese text, keeping NFC."""
    return unicodedata.normalize("NFC", text.upper())


def lower_first(text: str) -> str:
    """Lower-case the first letter for use inside a sentence ('Huyện Đăk Hà' → 'huyện Đăk Hà')."""
    return text[:1].lower() + text[1:] if text else text


def size_text(size: int) -> str:
    """A size for a message: 50 MB, 51,2 MB, 980 byte, 1.000.000 byte (Vietnamese style)."""
    if size >= 1 << 20:
        megabytes = size / (1 << 20)
        text = f"{megabytes:.0f}" if megabytes == int(megabytes) else f"{megabytes:.1f}"
        return f"{text.replace('.', ',')} MB"
    return f"{size:,} byte".replace(",", ".")


# --- Cleaning and comparing typed text --------------------------------------------------------

# Characters XML 1.0 cannot carry, plus the other C0/C1 controls; tabs and newlines become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")


def clean_text(value: str) -> str:
    """Trim, NFC-normalise, drop control characters and collapse runs of spaces."""
    text = unicodedata.normalize("NFC", value)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


# Header cells are compared with every column of every table read (collect reads thousands of
# tables with the same headers): each text is folded once.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Compare-key for headers and labels: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@functools.lru_cache(maxsize=1 << 16)
def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics ('Mã đơn vị' → 'ma don vi') for lenient matching."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name a misspelt one is closest to, case and diacritics folded ('nămm' → 'nam'),
    or None when none is close enough."""
    by_folded: dict[str, str] = {}
    for candidate in known:
        by_folded.setdefault(strip_marks(candidate), candidate)
    close = difflib.get_close_matches(strip_marks(name), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[close[0]] if close else None


def did_you_mean(code: str, codes: Iterable[str]) -> str:
    """'; có phải mã "KT-01"?' for a code typed close to an existing one (case, marks, O for 0)."""
    by_shape = {_shape(c): c for c in codes}
    close = difflib.get_close_matches(_shape(code), list(by_shape), n=1, cutoff=0.75)
    return f'; có phải mã "{by_shape[close[0]]}"?' if close else ""


def _shape(code: str) -> str:
    """A code as it looks: case and diacritics ignored, letters O, I, l read as the digits
    they resemble."""
    return strip_marks(code).translate(str.maketrans("oil", "011"))


def slug(text: str) -> str:
    """Words folded to ASCII for a file or folder name: 'KH Ngày hội' → 'kh-ngay-hoi'."""
    return re.sub(r"[^a-z0-9]+", "-", strip_marks(text)).strip("-")
