"""A document's identity as printed in its QR code, and read back from a scan of it.

The code holds the unit, the kind, the number with its ký hiệu, the date and a short checksum of
those fields: a code damaged in a scan, or typed by hand, fails the checksum instead of filing a
signed copy under the wrong unit. Fields are separated by "|"; a "|" or "%" inside a field is
percent-encoded so any unit code the roster holds survives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import quote, unquote

# The prefix names the format and its version, so a later format can be told apart.
PREFIX = "ANTQ1"
# The template variable that prints a document's code (its Identity, or "" when the campaign
# turns codes off with ma_nhan_dien: false).
TEMPLATE_KEY = "ma_nhan_dien"
_SEPARATOR = "|"
_CHECK_LENGTH = 6


@dataclass(frozen=True)
class Identity:
    """What a QR code on a document says the document is."""

    unit: str
    kind: str
    # The number with its ký hiệu ("05/KH-UBND"); empty for a document that has none.
    number: str
    date: dt.date | None

    def fields(self) -> list[str]:
        """The fields in printed order, encoded."""
        day = self.date.isoformat() if self.date else ""
        return [_encode(v) for v in (self.unit, self.kind, self.number, day)]


def _encode(value: str) -> str:
    """A field with the separator and the escape character percent-encoded."""
    return quote(value, safe="", encoding="utf-8") if ("|" in value or "%" in value) else value


def _checksum(body: str) -> str:
    """A short checksum of the printed fields."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:_CHECK_LENGTH]


def encode(identity: Identity) -> str:
    """The text of the QR code of a document."""
    body = _SEPARATOR.join([PREFIX, *identity.fields()])
    return f"{body}{_SEPARATOR}{_checksum(body)}"


def parse(text: str) -> Identity | None:
    """The identity a QR code's text holds; None for any other text or a failed checksum."""
    parts = text.strip().split(_SEPARATOR)
    if len(parts) != 6 or parts[0] != PREFIX:
        return None
    body = _SEPARATOR.join(parts[:5])
    if parts[5].lower() != _checksum(body):
        return None
    unit, kind, number, day = (unquote(p, encoding="utf-8") for p in parts[1:5])
    try:
        date = dt.date.fromisoformat(day) if day else None
    except ValueError:
        return None
    if not unit or not kind:
        return None
    return Identity(unit=unit, kind=kind, number=number, date=date)
