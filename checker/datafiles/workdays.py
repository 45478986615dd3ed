"""Working-day arithmetic: weekends and English bank holidays excluded.

Letters set deadlines in working days ("the written statement of action ...
by 21 October 2024" is 70 working days after a letter dated 12 July 2024).
A working day is Monday to Friday and not a bank holiday in England and
Wales. The bank holidays are data, `rules/data/bank-holidays.yaml` (from the
GOV.UK bank holidays feed, the one-off days included; the file says how to
extend it), and are complete only for the span that file `covers`: a count
that reaches outside it raises OutsideCalendar rather than treat an unknown
bank holiday as a working day.

Counting convention, as deadlines are read: the day a count starts from is
not counted, so `add(d, 1)` is the first working day after `d`, and
`count(start, end)` is the number of working days after `start` up to and
including `end`. For every date `d` and n >= 0, `count(d, add(d, n)) == n`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml

_DAY = timedelta(days=1)


class OutsideCalendar(ValueError):
    """A count that needs bank holidays the calendar does not list."""


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[date]
    first: date  # the first and last day the holiday list is complete for
    last: date

    def _covered(self, *days: date) -> None:
        for d in days:
            if not self.first <= d <= self.last:
                raise OutsideCalendar(
                    f"{d.isoformat()} is outside the bank holiday calendar "
                    f"({self.first.isoformat()} to {self.last.isoformat()})")

    def is_working_day(self, d: date) -> bool:
        self._covered(d)
        return d.weekday() < 5 and d not in self.holidays

    def add(self, start: date, n: int) -> date:
        """The n-th working day after `start` (before it when n < 0);
        `start` itself when n == 0."""
        step = _DAY if n >= 0 else -_DAY
        d, left = start, abs(n)
        self._covered(start)
        while left:
            d += step
            if self.is_working_day(d):
                left -= 1
        return d

    def count(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; negative
        (minus the count from `end` to `start`) when `end` is earlier."""
        if end < start:
            return -self.count(end, start)
        self._covered(start, end)
        n, d = 0, start
        while d < end:
            d += _DAY
            n += self.is_working_day(d)
        return n


def load_calendar(path) -> Calendar:
    """A calendar from a YAML file shaped like rules/data/bank-holidays.yaml."""
    raw = load_yaml(path)
    try:
        covers = raw["covers"]
        first, last = _date(covers["first"]), _date(covers["last"])
        holidays = frozenset(_date(d) for d in raw["holidays"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: not a bank holiday calendar ({exc})") from None
    outside = sorted(d for d in holidays if not first <= d <= last)
    if outside:
        raise DataFileError(f"{path}: {outside[0].isoformat()} is outside `covers`")
    return Calendar(holidays, first, last)


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@cache
def england_and_wales() -> Calendar:
    """The bank holiday calendar the checker uses (rules/data/bank-holidays.yaml)."""
    return load_calendar(data_dir("rules") / "data" / "bank-holidays.yaml")


def is_working_day(d: date, calendar: Calendar | None = None) -> bool:
    return (calendar or england_and_wales()).is_working_day(d)


def add_working_days(start: date, n: int, calendar: Calendar | None = None) -> date:
    """The n-th working day after `start` (England and Wales by default)."""
    return (calendar or england_and_wales()).add(start, n)


def working_days_between(start: date, end: date, calendar: Calendar | None = None) -> int:
    """Working days after `start` up to and including `end`."""
    return (calendar or england_and_wales()).count(start, end)
