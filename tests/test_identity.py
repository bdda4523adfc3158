"""A document's identity survives its QR text, and a damaged text is never read as another."""

from __future__ import annotations

import datetime as dt

from antq_docs.identity import Identity, encode, parse


def test_identity_round_trips_with_separators_and_vietnamese() -> None:
    """Unit codes with "|" or "%" and a ký hiệu with Đ come back as they were."""
    ident = Identity("KT|01%", "pledge", "05/KH-BCĐ", dt.date(2025, 3, 7))
    text = encode(ident)
    assert text.startswith("ANTQ1|")
    assert parse(text) == ident


def test_identity_without_number_or_date() -> None:
    """A document with no number and no date still has an identity."""
    ident = Identity("KT-01", "pledge", "", None)
    assert parse(encode(ident)) == ident


def test_a_changed_character_fails_the_checksum() -> None:
    """One digit changed in the unit code is refused, not read as another unit."""
    text = encode(Identity("KT-01", "plan", "01/KH-UBND", dt.date(2025, 3, 20)))
    assert parse(text.replace("KT-01", "KT-07")) is None
    assert parse("https://example.org") is None
    assert parse("") is None
