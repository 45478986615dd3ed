"""Reading the dates printed in reports: "23 January to 3 February 2023".

Hand-written because the forms are few and specific (a range whose first day
borrows the month and year of the last: "11 to 22 May 2026", "9 and 10 January
2019"), and a general date parser would also accept what is not a date here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}

_MONTH = "|".join(MONTHS)
_MONTH_NAMES = {i: m.capitalize() for m, i in MONTHS.items()}
# One day of a printed range, with the month and year it may carry.
_DAY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?\b", re.I)
# Parts of a split inspection: a range ending in a year, then "and" another.
_PART_SPLIT = re.compile(r"(?<=\d{4})\s*(?:,|;|\band\b)\s*(?=\d)", re.I)
_FULL_DATE = re.compile(rf"^\s*(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\s*$", re.I)
# "on 9 and 10 January 2019", "from 22 April to 26 April 2024", "between ... and ..."
_VISIT = re.compile(
    rf"\b(?:on|from|between)\s+(\d{{1,2}}(?:\s+(?:{_MONTH}))?(?:\s+\d{{4}})?"
    rf"(?:\s*(?:,|and|to|-|–)\s*\d{{1,2}}(?:\s+(?:{_MONTH}))?(?:\s+\d{{4}})?)*)", re.I)


def _make(day: str, month: int, year: int) -> date | None:
    try:
        return date(year, month, int(day))
    except ValueError:
        return None


def parse_range(text: str) -> tuple[date | None, date | None]:
    """First and last day of a printed range; (None, None) if it holds no full date."""
    parts = [(d, m, y) for d, m, y in _DAY.findall(text)]
    if not parts:
        return None, None
    days: list[date | None] = []
    month = year = None
    # Fill a missing month or year from the next part that has one.
    for d, m, y in reversed(parts):
        month = MONTHS[m.lower()] if m else month
        year = int(y) if y else year
        days.append(_make(d, month, year) if month and year else None)
    days.reverse()
    known = [d for d in days if d is not None]
    if not known:
        return None, None
    return known[0], known[-1]


def parse_full_date(line: str) -> date | None:
    """A line that is only a date, like a letter's "1 February 2019"."""
    m = _FULL_DATE.match(line)
    return _make(m.group(1), MONTHS[m.group(2).lower()], int(m.group(3))) if m else None


def find_visit_dates(text: str) -> tuple[date | None, date | None]:
    """The visit's dates from a letter's opening ("... on 9 and 10 January 2019")."""
    start, end, _ = locate_visit_dates(text)
    return start, end


def locate_visit_dates(text: str) -> tuple[date | None, date | None, re.Match | None]:
    """Like find_visit_dates, with the match (for where the dates are printed)."""
    for m in _VISIT.finditer(text):
        start, end = parse_range(m.group(1))
        if start:
            return start, end, m
    return None, None, None


def show_date(d: date | None) -> str:
    """A date as reports print it: "3 February 2023" ("" for None)."""
    return f"{d.day} {_MONTH_NAMES[d.month]} {d.year}" if d else ""


@dataclass(frozen=True)
class Unreadable:
    """A day printed in a period that is no date."""

    text: str  # the day as printed, or with the month and year it borrows ("31 June 2024")
    reason: str  # "no month or year" or "no such day"


@dataclass(frozen=True)
class Period:
    """One printed period of an inspection: a split inspection prints
    several ("30 September to 11 October 2024 and 13 to 16 January 2025")."""

    text: str
    start: date | None
    end: date | None
    unreadable: tuple[Unreadable, ...] = ()  # days that are no date, in the order found
    words: tuple[str, ...] = ()  # what is printed between the days ("to", "and", "tbc")


def read_periods(text: str) -> tuple[Period, ...]:
    """The periods a printed dates text holds, each with what in it is not a date.

    Whether a word between the days is allowed ("to", "and") is for the
    rules to say; this only reads what is printed.
    """
    return tuple(_read_period(part.strip()) for part in _PART_SPLIT.split(text))


def _read_period(text: str) -> Period:
    start, end = parse_range(text)
    unreadable = []
    month = year = None
    for m in reversed(list(_DAY.finditer(text))):  # a day borrows the month and year after it
        day, month_name, printed_year = m.groups()
        month = MONTHS[month_name.lower()] if month_name else month
        year = int(printed_year) if printed_year else year
        if month is None or year is None:
            unreadable.append(Unreadable(m.group(0), "no month or year"))
        elif _make(day, month, year) is None:
            unreadable.append(Unreadable(f"{day} {_MONTH_NAMES[month]} {year}", "no such day"))
    words = re.findall(r"[^\s,;]+", _DAY.sub(" ", text))
    return Period(text, start, end, tuple(unreadable), tuple(words))
