"""Working-day arithmetic (checker/datafiles/workdays.py) and its bank holiday data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.datafiles.workdays import (
    Calendar,
    OutsideCalendar,
    add_working_days,
    england_and_wales,
    is_working_day,
    load_calendar,
    working_days_between,
)
from checker.datafiles.yamlfile import DataFileError

D = date


# --- known dates ---------------------------------------------------------------

def test_rochdale_jtai_deadline_is_70_working_days_after_the_letter():
    # Letter dated 12 July 2024; "send the written statement of action ... by
    # 21 October 2024". The summer bank holiday (26 August) is not counted.
    assert add_working_days(D(2024, 7, 12), 70) == D(2024, 10, 21)
    assert working_days_between(D(2024, 7, 12), D(2024, 10, 21)) == 70
    weekends_only = Calendar(frozenset(), D(2016, 1, 1), D(2027, 12, 31))
    assert add_working_days(D(2024, 7, 12), 70, weekends_only) == D(2024, 10, 18)


@pytest.mark.parametrize("start, n, expected", [
    (D(2024, 7, 12), 1, D(2024, 7, 15)),   # Friday -> Monday
    (D(2024, 7, 13), 1, D(2024, 7, 15)),   # from a Saturday
    (D(2024, 7, 15), 0, D(2024, 7, 15)),   # no days: the start itself
    (D(2024, 7, 13), 0, D(2024, 7, 13)),
    (D(2024, 7, 15), 5, D(2024, 7, 22)),   # a full week
    (D(2024, 3, 28), 1, D(2024, 4, 2)),    # Good Friday and Easter Monday
    (D(2024, 7, 15), -1, D(2024, 7, 12)),  # backwards over a weekend
])
def test_known_dates(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize("start, n, expected", [
    (D(2024, 12, 24), 1, D(2024, 12, 27)),  # Christmas Wednesday, Boxing Day Thursday
    (D(2020, 12, 24), 1, D(2020, 12, 29)),  # Boxing Day Saturday: substitute Monday 28
    (D(2021, 12, 24), 1, D(2021, 12, 29)),  # both on the weekend: Monday and Tuesday off
    (D(2022, 12, 23), 1, D(2022, 12, 28)),  # Christmas Sunday: substitute Tuesday 27
    (D(2027, 12, 24), 1, D(2027, 12, 29)),
    (D(2022, 12, 30), 1, D(2023, 1, 3)),    # New Year's Day Sunday: substitute Monday 2
    (D(2024, 12, 20), 10, D(2025, 1, 8)),   # 23, 24, 27, 30, 31 Dec, 2, 3, 6, 7, 8 Jan
])
def test_across_christmas_and_new_year(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize("day, working", [
    (D(2022, 9, 19), False),  # state funeral of Queen Elizabeth II
    (D(2023, 5, 8), False),   # coronation of King Charles III
    (D(2020, 5, 8), False),   # early May bank holiday moved to VE day
    (D(2020, 5, 4), True),    # ... so its usual Monday was a working day
    (D(2022, 6, 2), False),   # spring bank holiday moved for the Platinum Jubilee
    (D(2022, 6, 3), False),   # Platinum Jubilee
    (D(2022, 5, 30), True),   # ... so the usual last Monday of May was worked
    (D(2024, 8, 26), False),  # summer bank holiday
    (D(2024, 7, 13), False),  # Saturday
    (D(2024, 7, 12), True),
])
def test_one_off_and_moved_days(day, working):
    assert is_working_day(day) is working


def test_one_offs_in_counts():
    assert add_working_days(D(2022, 9, 16), 1) == D(2022, 9, 20)
    assert add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)
    assert add_working_days(D(2020, 5, 7), 1) == D(2020, 5, 11)
    assert add_working_days(D(2022, 6, 1), 1) == D(2022, 6, 6)


# --- properties ----------------------------------------------------------------

_DAYS = st.dates(min_value=D(2016, 1, 1), max_value=D(2026, 6, 30))


@given(_DAYS, st.integers(min_value=0, max_value=250))
def test_adding_n_then_counting_back_gives_n(start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert working_days_between(end, start) == -n
    assert n == 0 or is_working_day(end)


@given(_DAYS, st.integers(min_value=0, max_value=250))
def test_adding_then_subtracting_returns_to_a_working_day(start, n):
    if is_working_day(start):
        assert add_working_days(add_working_days(start, n), -n) == start


@given(_DAYS, _DAYS)
def test_count_is_the_working_days_in_between(a, b):
    lo, hi = min(a, b), max(a, b)
    if (hi - lo).days > 400:
        hi = lo + timedelta(days=400)
    brute = sum(is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert working_days_between(lo, hi) == brute


# --- the calendar's reach and its data --------------------------------------------

def test_counting_outside_the_calendar_is_refused():
    with pytest.raises(OutsideCalendar):
        add_working_days(D(2027, 12, 1), 70)
    with pytest.raises(OutsideCalendar):
        working_days_between(D(2015, 12, 1), D(2016, 1, 4))
    with pytest.raises(OutsideCalendar):
        is_working_day(D(2028, 1, 3))


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    return date(year, month, (h + m - 7 * n + 114) % 31 + 1)


def _monday(year, month, last=False) -> date:
    if last:
        d = date(year, month + 1, 1) - timedelta(days=1)
        return d - timedelta(days=d.weekday())
    d = date(year, month, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def _regular(year: int) -> set[date]:
    """The eight bank holidays of an ordinary year, weekend days substituted."""
    new_year = date(year, 1, 1)
    while new_year.weekday() >= 5:
        new_year += timedelta(days=1)
    easter = _easter(year)
    days = {new_year, easter - timedelta(days=2), easter + timedelta(days=1),
            _monday(year, 5), _monday(year, 5, last=True), _monday(year, 8, last=True)}
    taken = set()
    for d in (date(year, 12, 25), date(year, 12, 26)):  # Christmas, Boxing Day
        while d.weekday() >= 5 or d in taken:
            d += timedelta(days=1)
        taken.add(d)
    return days | taken


# The one-off changes the data file lists (see its header).
_ONE_OFFS = {
    2020: ({D(2020, 5, 8)}, {D(2020, 5, 4)}),
    2022: ({D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19)}, {D(2022, 5, 30)}),
    2023: ({D(2023, 5, 8)}, set()),
}


@pytest.mark.parametrize("year", range(2016, 2028))
def test_bank_holiday_data_is_the_regular_pattern_and_the_one_offs(year):
    cal = england_and_wales()
    listed = {d for d in cal.holidays if d.year == year}
    added, removed = _ONE_OFFS.get(year, (set(), set()))
    assert listed == (_regular(year) - removed) | added


def test_calendar_covers_2016_to_2027():
    cal = england_and_wales()
    assert (cal.first, cal.last) == (D(2016, 1, 1), D(2027, 12, 31))
    assert len(cal.holidays) == 12 * 8 + 3  # three extra days: jubilee, funeral, coronation


def test_a_file_that_is_not_a_calendar_is_refused(tmp_path):
    bad = tmp_path / "holidays.yaml"
    bad.write_text("division: england-and-wales\nholidays:\n  2016-01-01: New Year's Day\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="not a bank holiday calendar"):
        load_calendar(bad)
    bad.write_text("covers: {first: 2016-01-01, last: 2016-12-31}\n"
                   "holidays:\n  2017-01-02: New Year's Day\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="outside"):
        load_calendar(bad)
