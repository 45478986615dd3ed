"""date_relation: a date the report prints, set against another date.

One check type for the rules about dates (rules/packs/dates.yaml): the
inspection runs forward, lasts one of the known lengths, the letter is dated
after the visit, a deadline is N working days after the letter, the
publication date is the letter date. Each is "subject RELATION reference +
offset", with the dates named in args:

    subject:   the date checked; a finding is placed where it is printed
    relation:  one of == <= >= < >
    reference: the date it is compared with
    offsets:   optional list of {days: N} or {working_days: N} (Monday to
               Friday less the bank holidays of England and Wales,
               checker/datafiles/workdays.py), each with an optional `label`; the
               relation holds when it holds for one of them
    says:      optional words for the message: what a failure means, where
               {subject}, {reference} and {expected} stand for those dates
    relations: instead of the four keys above, a list of mappings with them,
               checked in turn (the first that fails is reported)

A date (subject or reference) is one of:

    start, end              the first and last day of the inspection or visit
    period.start/.end       one printed period of the inspection: a split
                            inspection prints several ("30 September to 11
                            October 2024 and 13 to 16 January 2025"); the
                            relation is checked for each (`periods: first`:
                            only the first, the planned fieldwork)
    previous_period.end     the end of the period printed before this one
    letter_date             a letter's date line
    {pattern: REGEX}        each match in the report's text (paragraphs,
                            items, summary; a rule's `scope` narrows them):
                            `{date}` in the regex stands for a full printed
                            date ("21 October 2024"), or name a group `date`

Where a relation cannot be checked (a date the report does not have, a
working-day count outside the bank holiday calendar) nothing is reported.
With `unparsed: true` the rule also reports printed dates it cannot read: a
dates line with no date, a word that is no part of a date (`date_words` are
the words allowed between dates), a day the month does not have, a day
without its month or year. Such a period is never checked further, by any
rule; `skip_backwards: true` also skips periods that run backwards or out
of order (the rule that checks the direction reports them).

Letters: a finding about a letter's date is placed at its date line
(report.letter_date_line), one about its visit dates at the line where the
opening states them (report.dates.line).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from checker.checks import Args, Finding, Regex, Related, check
from checker.datafiles.workdays import OutsideCalendar, add_working_days, working_days_between
from checker.parsing.dates import MONTHS, parse_full_date, show_date
from checker.parsing.model import Span

_RELATIONS = {"==": operator.eq, "<=": operator.le, ">=": operator.ge,
              "<": operator.lt, ">": operator.gt}
_MONTH = "|".join(MONTHS)
_FULL_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\s+\d{{4}}"

_PROVIDES = ("problem", "printed", "subject", "reference", "expected", "offset", "days",
             "working_days", "says", "unknown", "part", "parts")


@dataclass
class _Period:
    """A printed period (report.dates.periods) as a rule reads it: with the
    problems its `date_words` make of what is printed between the days."""

    text: str
    start: date | None
    end: date | None
    problems: list[str] = field(default_factory=list)


def _problems(period, date_words: set[str]) -> list[str]:
    """What in a printed period is no date, in words, each once."""
    problems = [f"'{u.text}' ({u.reason})" for u in period.unreadable]
    problems += [f"'{word}'" for word in period.words if word.lower() not in date_words]
    if period.start is None and not problems:
        problems.append("no date")
    return sorted(set(problems), key=problems.index)


def _periods(report, args) -> list[_Period]:
    d = report.dates
    if d is None:
        return []
    words = {w.lower() for w in args.get("date_words", ["to", "and"])}
    return [_Period(p.text, p.start, p.end, _problems(p, words) if d.text else [])
            for p in d.periods]


def _backwards(periods: list[_Period]) -> bool:
    """Some period ends before it starts, or starts before the one before it ends."""
    for i, p in enumerate(periods):
        if p.start and p.end and p.end < p.start:
            return True
        before = periods[i - 1].end if i else None
        if before and p.start and p.start <= before:
            return True
    return False


def _says(text: str, **dates: str) -> str:
    """A relation's `says`, with {subject}, {reference} and {expected} filled in."""
    for name, value in dates.items():
        text = text.replace("{" + name + "}", value)
    return text


def _pattern(source: dict) -> re.Pattern:
    text = source["pattern"]
    if "{date}" in text:
        text = text.replace("{date}", f"(?P<date>{_FULL_DATE})")
    return re.compile(text, re.I)


_SOURCES = {"start", "end", "letter_date", "period.start", "period.end", "previous_period.end"}


def _relations(args) -> list[dict]:
    """The relations a rule checks; a misspelt one fails loudly, on every
    report, rather than never fire."""
    if "relations" in args:
        relations = list(args["relations"])
    else:
        relations = [{k: args[k] for k in ("subject", "relation", "reference", "offsets",
                                           "says") if k in args}]
    for rel in relations:
        if rel.get("relation") not in _RELATIONS:
            raise ValueError(f"date_relation: relation must be one of {', '.join(_RELATIONS)}, "
                             f"not {rel.get('relation')!r}")
        for role in ("subject", "reference"):
            source = rel.get(role)
            if not (isinstance(source, dict) and "pattern" in source
                    or isinstance(source, str) and source in _SOURCES):
                raise ValueError(f"date_relation: {role} {source!r} is not a date: one of "
                                 f"{', '.join(sorted(_SOURCES))} or {{pattern: ...}}")
        for offset in rel.get("offsets") or []:
            if not set(offset) & {"days", "working_days"} or \
                    set(offset) - {"days", "working_days", "label"}:
                raise ValueError(f"date_relation: offset {offset!r} needs days or "
                                 f"working_days (and optionally label)")
    return relations


def _offsets(relation) -> list[dict]:
    return list(relation.get("offsets") or [{"days": 0}])


def _offset_text(offset: dict) -> str:
    if "working_days" in offset:
        n, unit = int(offset["working_days"]), "working day"
    else:
        n, unit = int(offset.get("days", 0)), "day"
    text = f"{n} {unit}{'' if abs(n) == 1 else 's'}"
    return f"{text} ({offset['label']})" if offset.get("label") else text


def _shift(d: date, offset: dict) -> date | None:
    try:
        if "working_days" in offset:
            return add_working_days(d, int(offset["working_days"]))
        return d + timedelta(days=int(offset.get("days", 0)))
    except OutsideCalendar:
        return None


def _dates_span(report, letter: bool = False) -> Span:
    """The line of the dates a finding is about: the letter's date line when
    `letter` (and the report is a letter), else the inspection (or visit)
    dates line."""
    line = report.letter_date_line if letter and report.letter_date_line else None
    line = line or (report.dates.line if report.dates and report.dates.line else 1)
    return Span(line, 1, line, 1)


@dataclass
class _Occurrence:
    """One place a relation is checked: the report, one period, one match."""

    values: dict  # source name -> date | None
    printed: str
    place: object  # callable(**values) -> Finding
    part: int | None = None
    parts: int | None = None
    problems: list[str] = field(default_factory=list)
    backwards: bool = False  # the printed periods run backwards or out of order


def _occurrences(report, args, sources: set):
    """The places the rule's relations are checked, each with its dates."""
    patterns = [s for s in sources if isinstance(s, tuple)]
    base = {"start": report.dates.start if report.dates else None,
            "end": report.dates.end if report.dates else None,
            "letter_date": report.letter_date}
    if patterns:
        yield from _pattern_occurrences(report, base, patterns)
    elif any(str(s).startswith(("period.", "previous_period.")) for s in sources):
        yield from _period_occurrences(report, args, base)
    else:
        if args.get("unparsed"):  # the whole dates line, read as periods
            problems = [q for p in _periods(report, args) for q in p.problems]
        else:
            problems = []
        about_letter = "letter_date" in [str(x) for x in sources]
        yield _Occurrence(base, report.dates.text if report.dates else "",
                          lambda **v: Finding.at(_dates_span(report, about_letter), **v),
                          problems=problems)


def _pattern_occurrences(report, base: dict, patterns: list):
    """Each date a `{pattern: ...}` source finds in the report's text."""
    for key in patterns:
        regex = _pattern(dict(key))
        group = "date" if "date" in regex.groupindex else 0
        for _, block in report.blocks():
            for m in regex.finditer(block.text):
                printed = m.group(group)
                when = parse_full_date(printed)
                yield _Occurrence(
                    {**base, key: when}, printed,
                    lambda block=block, m=m, group=group, **v: Finding.within(
                        block, m.start(group), m.end(group), **v),
                    problems=[] if when else [f"'{printed}' (no such day)"])


def _period_occurrences(report, args, base: dict):
    """Each printed period of the inspection (the first only with `periods: first`)."""
    periods = _periods(report, args)
    backwards = _backwards(periods)
    if args.get("periods", "all") == "first":
        periods = periods[:1]
    for i, p in enumerate(periods):
        previous = periods[i - 1] if i else None
        yield _Occurrence(
            {**base, "period.start": p.start, "period.end": p.end,
             "previous_period.end": previous.end if previous else None},
            p.text, lambda **v: Finding.at(_dates_span(report), **v),
            part=i + 1, parts=len(periods), problems=p.problems, backwards=backwards)


def _key(source):
    """A hashable name for a source: a string, or a pattern mapping as a tuple."""
    return tuple(sorted(source.items())) if isinstance(source, dict) else source


class DatePattern(Args):
    """A date found in the text: `{date}` in the pattern stands for a full date."""
    pattern: Regex


DateSource = Literal[tuple(sorted(_SOURCES))] | DatePattern  # type: ignore[valid-type]


class Offset(Args):
    """How far from the reference the subject may be."""
    days: int | None = None
    working_days: int | None = None
    label: str | None = None

    def cross_check(self) -> None:
        if self.days is None and self.working_days is None:
            raise ValueError("an offset needs days or working_days")


class Relation(Args):
    """`subject` `relation` `reference` (plus one of the offsets)."""
    subject: DateSource
    relation: Literal[tuple(_RELATIONS)]  # type: ignore[valid-type]
    reference: DateSource
    offsets: list[Offset] | None = None  # default: none (0 days)
    says: str | None = None


class DateRelationArgs(Args):
    """One relation (subject, relation, reference ...), or a list of `relations`."""
    relations: list[Relation] | None = None
    subject: DateSource | None = None
    relation: Literal[tuple(_RELATIONS)] | None = None  # type: ignore[valid-type]
    reference: DateSource | None = None
    offsets: list[Offset] | None = None
    says: str | None = None
    unparsed: bool = False  # also report a dates line that does not read as dates
    skip_backwards: bool = False  # skip periods printed backwards (another rule's finding)
    periods: Literal["all", "first"] = "all"
    date_words: list[str] = ["to", "and"]  # words allowed between the dates of a period

    def cross_check(self) -> None:
        if self.relations is None and None in (self.subject, self.relation, self.reference):
            raise ValueError("a relation needs subject, relation and reference "
                             "(or give a list of relations)")


@check("date_relation", provides=_PROVIDES, scoped=True, args=DateRelationArgs)
def date_relation(report, framework, args):
    relations = _relations(args)
    sources = {_key(r[k]) for r in relations for k in ("subject", "reference")}
    for occ in _occurrences(report, args, sources):
        common = dict(printed=occ.printed, part=occ.part, parts=occ.parts)
        if occ.problems:
            if args.get("unparsed"):
                yield occ.place(problem="unparsed", subject="", reference="", expected="",
                                offset="", days=None, working_days=None, says="",
                                unknown=", ".join(occ.problems), **common)
            continue
        if occ.backwards and args.get("skip_backwards"):
            continue
        for rel in relations:
            values = _broken(rel, occ.values, report)
            if values is not None:  # the first relation that fails is reported
                yield occ.place(**values, **common)
                break


_DATES_LINE = ("start", "end", "period.start", "period.end", "previous_period.end")


def _broken(rel: dict, dates: dict, report) -> dict | None:
    """The finding's values when the relation fails on these dates; None when
    it holds or cannot be checked."""
    subject = dates.get(_key(rel["subject"]))
    reference = dates.get(_key(rel["reference"]))
    if subject is None or reference is None:
        return None
    holds = _RELATIONS[rel["relation"]]
    expected = [(o, _shift(reference, o)) for o in _offsets(rel)]
    expected = [(o, e) for o, e in expected if e is not None]
    if not expected or any(holds(subject, e) for _, e in expected):
        return None
    try:
        working = working_days_between(reference, subject)
    except OutsideCalendar:
        working = None
    related = []
    if rel["reference"] in _DATES_LINE and report.dates and report.dates.line and \
            _key(rel["subject"]) not in _DATES_LINE:
        related.append(Related(report.dates.line, "the inspection dates"))
    shown = dict(subject=show_date(subject), reference=show_date(reference),
                 expected=" or ".join(show_date(e) for _, e in expected))
    return dict(problem="relation", **shown,
                offset=" or ".join(_offset_text(o) for o, _ in expected),
                days=(subject - reference).days, working_days=working,
                says=_says(rel.get("says", ""), **shown), unknown="", related=related)
