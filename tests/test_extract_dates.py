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
