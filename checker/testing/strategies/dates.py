"""Dates a valid report can carry: when it is inspected, for how long, and
what is due after its letter; each from the frameworks and the date rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import reject
from hypothesis import strategies as st

import checker.datafiles.frameworks as _frameworks
from checker.datafiles.frameworks import Framework
from checker.testing.strategies.checker_data import rules_for

__all__ = ["start_date", "inspection_lengths", "statement_deadline"]

_FAR_FUTURE_DAYS = 730  # how far past its start an open-ended framework is generated


def _date_range(framework: Framework, kind: str) -> tuple[date, date]:
    first = framework.start
    last = framework.end or framework.start + timedelta(days=_FAR_FUTURE_DAYS)
    if kind == "jtai":  # its deadline is counted in working days: stay in the calendar
        from checker.datafiles.workdays import england_and_wales
        cal = england_and_wales()
        first, last = max(first, cal.first), min(last, cal.last - timedelta(days=200))
    return first, last


def start_date(draw, framework: Framework, kind: str, weekdays: int = 0) -> date:
    """A first day under `framework`: a Monday, or up to `weekdays` days after one."""
    first, last = _date_range(framework, kind)
    first += timedelta(days=(7 - first.weekday()) % 7)
    weeks = (last - first).days // 7
    if weeks < 0:
        reject()
    start = first + timedelta(weeks=draw(st.integers(0, weeks)),
                              days=draw(st.integers(0, weekdays)) if weekdays else 0)
    if _frameworks.choose_framework(kind, start) != framework:
        reject()  # another framework claims this date first
    return start


def inspection_lengths(rules=None) -> list[int]:
    """Days from first to last day of an inspection, as the length rule allows."""
    out = []
    for rule in rules_for("ilacs", None, "date_relation", rules):
        for offset in rule.args.get("offsets") or ():
            if "days" in offset and rule.args.get("subject") == "period.end":
                out.append(int(offset["days"]))
    return out or [11, 4]


def _working_days(rules=None) -> int | None:
    """Working days a JTAI partnership has for its written statement of action."""
    for rule in rules_for("jtai", None, "date_relation", rules):
        subject = rule.args.get("subject")
        if isinstance(subject, dict) and "statement of" in subject.get("pattern", ""):
            for offset in rule.args.get("offsets") or ():
                if "working_days" in offset:
                    return int(offset["working_days"])
    return None


def statement_deadline(letter_date: date, rules=None) -> date | None:
    """The date a JTAI letter's written statement of action is due."""
    n = _working_days(rules)
    if n is None:
        return None
    from checker.datafiles.workdays import OutsideCalendar, add_working_days
    try:
        return add_working_days(letter_date, n)
    except OutsideCalendar:
        return None  # the checker does not count outside its calendar either
