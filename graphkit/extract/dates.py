"""Dates in news sentences: "on Wednesday", "last month", "earlier this year", "in May 2001",
"March 3, 2019", resolved against the article's publication date where one is needed.

A period ("last month", "earlier this year") resolves to its first day, the convention of
event datasets that code at day precision.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta

from graphkit.extract.lexicon import load_grammar

__all__ = ["find_date", "resolve_relative"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
            r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_ABSOLUTE = re.compile(
    rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE}\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b(?:in\s+)?({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
# A bare year only after a preposition of time: "the 1999 war" names, it does not date.
_YEAR = re.compile(r"\b(?:in|during|by)\s+(?:(?:early|late|mid-?)\s*)?(1[89]\d\d|20\d\d)"
                   r"\b(?![.,]\d|\s*(?:%|percent\b))", re.IGNORECASE)
_MONTH_OF_YEAR = re.compile(rf"\b({_MONTH_RE})\s+of\s+(this|last)\s+year\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b(?:on\s+)({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:(?:on|last|this|next)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(yesterday|today|tonight|tomorrow)\b"
    r"|\b(last|this|earlier this|later this|next|past)\s+(week|month|year|weekend)\b"
    r"|\b(\w+)\s+(days|weeks|months|years)\s+ago\b"
    r"|\b(?:over|during|at)\s+the\s+(weekend)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_CLAUSE_MARK = re.compile(r"[,;()\u2013\u2014]| - ")


def resolve_relative(expression: str, published: date, *,
                     numbers: Mapping[str, int] | None = None) -> date | None:
    """Resolve one relative expression against the publication date.

    ``numbers`` maps number words ("three days ago") to numbers; by default those of
    graphkit's ``grammar.yaml``.

    Examples
    --------
    >>> from datetime import date
    >>> resolve_relative("on Wednesday", date(2019, 3, 29))   # a Friday
    datetime.date(2019, 3, 27)
    >>> resolve_relative("last month", date(2019, 3, 29))
    datetime.date(2019, 2, 1)
    >>> resolve_relative("earlier this year", date(2019, 3, 29))
    datetime.date(2019, 1, 1)
    """
    match = _RELATIVE.search(expression)
    if match is None:
        return None
    weekday, deictic, when, unit, count, units, weekend = match.groups()
    if weekend:
        # The latest Saturday on or before publication.
        return published - timedelta(days=(published.weekday() - 5) % 7)
    if weekday:
        # News reports past events: the latest such weekday on or before publication,
        # unless the text says "next".
        target = _WEEKDAYS.index(weekday.lower())
        if re.search(r"\bnext\s+" + weekday, expression, re.IGNORECASE):
            return published + timedelta(days=(target - published.weekday() - 1) % 7 + 1)
        return published - timedelta(days=(published.weekday() - target) % 7)
    if deictic:
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[deictic.lower()]
        return published + timedelta(days=shift)
    if when:
        when, unit = when.lower(), unit.lower()
        step = {"last": -1, "past": -1, "next": 1}.get(when, 0)
        if unit in {"week", "weekend"}:
            monday = published - timedelta(days=published.weekday())
            start = monday + timedelta(weeks=step)
            return start + timedelta(days=5) if unit == "weekend" else start
        if unit == "month":
            return (published.replace(day=1) + relativedelta(months=step))
        return date(published.year + step, 1, 1)
    if count:
        if numbers is None:
            numbers = load_grammar().numbers
        number = numbers.get(count.lower())
        if number is None and count.isdigit():
            number = int(count)
        if number is None:
            return None
        delta = {"days": relativedelta(days=number), "weeks": relativedelta(weeks=number),
                 "months": relativedelta(months=number), "years": relativedelta(years=number)}
        return published - delta[units.lower()]
    return None


def find_date(sentence: str, published: date | None, anchor: int | None = None, *,
              numbers: Mapping[str, int] | None = None) -> date | None:
    """The date a sentence gives for its event, or ``None`` when it gives none.

    Absolute dates are read as written; relative ones need ``published``. A long sentence
    may date several events ("X, which invaded Y in 1990, said on Monday ..."): with
    ``anchor`` (the character offset of the stance's trigger) the date written nearest to
    it wins; without, the first absolute date, else the first relative one. ``numbers`` is
    passed on to :func:`resolve_relative`.

    Examples
    --------
    >>> from datetime import date
    >>> find_date("The deal was signed in May 2001.", None)
    datetime.date(2001, 5, 1)
    >>> find_date("Officials met on Monday.", date(2019, 3, 29))
    datetime.date(2019, 3, 25)
    >>> s = "Iraq, which invaded Kuwait in 1990, said on Monday it would talk."
    >>> find_date(s, date(2019, 3, 29), anchor=s.index("invaded"))
    datetime.date(1990, 1, 1)
    """
    # Every pattern but the relative ones needs a digit; most sentences have none.
    if _DIGIT.search(sentence) is None and (anchor is None or published is None):
        return resolve_relative(sentence, published, numbers=numbers) \
            if published is not None else None
    found = _candidates(sentence, published, numbers)
    if not found:
        return None
    if anchor is None:
        return min(found, key=lambda c: (c[0], c[1]))[3]
    return min(found, key=lambda c: (_distance(sentence, c[1], c[2], anchor), c[0]))[3]


def _distance(sentence: str, start: int, end: int, anchor: int) -> int:
    """Characters between a date and the trigger; a clause boundary between them (a comma,
    a parenthesis, a dash) counts as far, so that "X, which did A in 1990, did B on Monday"
    dates B by Monday."""
    if start <= anchor < end:
        return 0
    lo, hi = (anchor, start) if start > anchor else (end, anchor)
    far = 1000 if _CLAUSE_MARK.search(sentence, lo, hi) else 0
    return far + hi - lo


def _candidates(sentence: str, published: date | None,
                numbers: Mapping[str, int] | None) -> list[tuple[int, int, int, date]]:
    """Every date the sentence writes: (rank, start, end, date); absolute ones rank first."""
    found: list[tuple[int, int, int, date]] = []
    taken: list[tuple[int, int]] = []

    def add(rank: int, match: re.Match[str], when: date | None) -> None:
        if when is None or any(a < match.end() and match.start() < b for a, b in taken):
            return
        taken.append((match.start(), match.end()))
        found.append((rank, match.start(), match.end(), when))

    for match in _ABSOLUTE.finditer(sentence):
        try:
            add(0, match, dateparser.parse(match.group(0), fuzzy=True).date())
        except (ValueError, OverflowError):
            continue
    for match in _MONTH_YEAR.finditer(sentence):
        month = _month_number(match.group(1))
        add(0, match, date(int(match.group(2)), month, 1) if month else None)
    for match in _YEAR.finditer(sentence):
        year = int(match.group(1))
        # "in 1500 villages" is no year; neither is one after the report.
        if year >= 1800 and (published is None or year <= published.year):
            add(0, match, date(year, 1, 1))
    if published is None:
        return found
    for match in _MONTH_OF_YEAR.finditer(sentence):
        month = _month_number(match.group(1))
        year = published.year - (match.group(2).lower() == "last")
        add(1, match, date(year, month, 1) if month else None)
    for match in _MONTH_DAY.finditer(sentence):
        month = _month_number(match.group(1))
        if not month:
            continue
        try:
            when = date(published.year, month, int(match.group(2)))
        except ValueError:
            continue
        add(1, match, when if when <= published else when.replace(year=published.year - 1))
    for match in _RELATIVE.finditer(sentence):
        add(1, match, resolve_relative(match.group(0), published, numbers=numbers))
    return found


def _month_number(text: str) -> int | None:
    text = text.lower().rstrip(".")
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(text[:3]):
            return number
    return None
