"""Reading the dates printed in reports: "23 January to 3 February 2023".

Hand-written because the forms are few and specific (a range whose first day
borrows the month and year of the last: "11 to 22 May 2026", "9 and 10 January
2019"), and a general date parser would also accept what is not a date here.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}

_MONTH = "|".join(MONTHS)
_DAY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?\b", re.I)
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
