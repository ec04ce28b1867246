"""Relative and absolute dates in sentences."""

from __future__ import annotations

from datetime import date

import pytest

from graphkit.extract.dates import find_date, resolve_relative

FRIDAY = date(2019, 3, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Wednesday", date(2019, 3, 27)),
        ("on Friday", FRIDAY),
        ("next Monday", date(2019, 4, 1)),
        ("yesterday", date(2019, 3, 28)),
        ("last week", date(2019, 3, 18)),
        ("last month", date(2019, 2, 1)),
        ("earlier this year", date(2019, 1, 1)),
        ("last year", date(2018, 1, 1)),
        ("three days ago", date(2019, 3, 26)),
        ("over the weekend", date(2019, 3, 23)),
    ],
)
def test_relative(text, expected):
    assert resolve_relative(text, FRIDAY) == expected


def test_absolute_dates_need_no_article_date():
    assert find_date("It was signed on March 3, 2001, in Moscow.", None) == date(2001, 3, 3)
    assert find_date("It was signed on 3 March 2001.", None) == date(2001, 3, 3)
    assert find_date("The pact of May 2001 holds.", None) == date(2001, 5, 1)


def test_relative_dates_need_an_article_date():
    assert find_date("Officials met on Monday.", None) is None
    assert find_date("Officials met on Monday.", FRIDAY) == date(2019, 3, 25)


def test_month_day_before_publication():
    assert find_date("They spoke on March 12.", FRIDAY) == date(2019, 3, 12)
    assert find_date("They spoke on December 12.", FRIDAY) == date(2018, 12, 12)


def test_no_date():
    assert find_date("Nothing is dated here.", FRIDAY) is None


def _at(sentence: str, word: str) -> date | None:
    return find_date(sentence, FRIDAY, anchor=sentence.index(word))


def test_anchor_takes_the_date_nearest_the_trigger():
    s = "Spain, which recognized the junta in 1977, condemned it on Wednesday."
    assert _at(s, "recognized") == date(1977, 1, 1)
    assert _at(s, "condemned") == date(2019, 3, 27)


def test_month_of_this_year():
    s = "In May of this year, Chad accused Sudan of shelling the border."
    assert _at(s, "accused") == date(2019, 5, 1)
    assert _at("Chad accused Sudan in June of last year.", "accused") == date(2018, 6, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Relief reached people in 1500 villages, Chad said, criticizing Sudan.",
        "Since the 1999 war, Chad has criticized Sudan.",
        "Output fell in 2030 forecasts, and Chad criticized Sudan.",
    ],
)
def test_numbers_that_are_no_years(sentence):
    assert _at(sentence, "criticiz") is None


def test_bare_year_without_anchor_still_dates():
    assert find_date("Chad cut ties with Sudan in 2012.", FRIDAY) == date(2012, 1, 1)
