"""Vietnamese formatting: date line, numbers, money in words, alphabetical order."""

from __future__ import annotations

import datetime as dt

import pytest

from antq_docs import vi


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 3, 7), "Kon Tum, ngày 07 tháng 3 năm 2025"),
        (dt.date(2026, 1, 5), "Kon Tum, ngày 05 tháng 01 năm 2026"),
        (dt.date(2020, 2, 29), "Kon Tum, ngày 29 tháng 02 năm 2020"),
        (dt.date(2019, 6, 29), "Kon Tum, ngày 29 tháng 6 năm 2019"),
        (dt.date(2025, 12, 10), "Kon Tum, ngày 10 tháng 12 năm 2025"),
    ],
)
def test_date_line_pads_day_below_10_and_months_1_and_2(day, expected):
    assert vi.date_line("Kon Tum", day) == expected


def test_short_date_follows_the_same_rule():
    assert vi.short_date(dt.date(2025, 3, 7)) == "07/3/2025"
    assert vi.short_date(dt.date(2025, 1, 15)) == "15/01/2025"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (2_001_000, "Hai triệu không trăm linh một nghìn đồng"),
        (15_500_000, "Mười lăm triệu năm trăm nghìn đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_250_000_000_000, "Một nghìn hai trăm năm mươi tỷ đồng"),
    ],
)
def test_money_in_words(amount, words):
    assert vi.money_in_words(amount) == words


def test_numbers_and_money_use_vietnamese_separators():
    assert vi.number(1234567.5) == "1.234.567,5"
    assert vi.money(15_500_000) == "15.500.000 đồng"
    assert vi.percent(83.333) == "83,3%"
    assert vi.percent(100) == "100%"


def test_sort_puts_d_stroke_after_d_and_base_letters_before_tones():
    names = ["Đoàn Kết", "Duy Tân", "Ánh", "Ăn", "Anh", "Thôn 10", "Thôn 2", "Bờ Y", "Đăk Hà"]
    assert sorted(names, key=vi.sort_key) == [
        "Anh",
        "Ánh",
        "Ăn",
        "Bờ Y",
        "Duy Tân",
        "Đăk Hà",
        "Đoàn Kết",
        "Thôn 2",
        "Thôn 10",
    ]


def test_sort_key_ignores_normalisation_form():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Đăk Hà")
    assert vi.sort_key(nfd)[:2] == vi.sort_key("Đăk Hà")[:2]


def test_upper_handles_vietnamese_letters():
    assert vi.upper("ủy ban nhân dân huyện đăk hà") == "ỦY BAN NHÂN DÂN HUYỆN ĐĂK HÀ"
