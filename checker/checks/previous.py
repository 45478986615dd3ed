"""agrees_with_record: the report's account of the last inspection against
Ofsted's published record (checker/datafiles/record.py).

Reports open with the last inspection: "Since the last inspection in 2018,
when children's services were judged to be requires improvement to be good
overall, ...". The statements are found by the rule's patterns (named groups
`year`, `grade`, and optionally `subject` and `after`, the words around the
grade that say what was judged); only a statement about services overall is
compared (one that names a single judgement, "when services for care leavers
were judged ...", is skipped). The record's last inspection of the report's
authority before this one gives the year (its dates; for a report before
2018, which the record holds without dates, its publication year or the year
before) and the overall grade (ILACS only). A statement that disagrees is
reported with both sides, and the message says the record may be wrong: a
scrape has errors, and so can a report.
"""

from __future__ import annotations

import re
from datetime import date

from checker.checks import Args, Finding, Regex, check
from checker.checks.patterns import matches_in
from checker.datafiles.record import authority_key, grade_id, load_record
from checker.engine.analysis import Analysis

GRADE_WORDS = {"outstanding": "outstanding", "good": "good",
               "requires_improvement": "requires improvement to be good",
               "inadequate": "inadequate"}


class AgreesWithRecordArgs(Args):
    """What a statement of the last inspection looks like, and what makes it
    about one judgement rather than services overall."""
    statements: list[Regex]
    specific_pattern: Regex
    overall_pattern: Regex


def _sound_start(report) -> date | None:
    """The first day of this inspection, when its dates read cleanly (else
    DAT001 reports them, and nothing is compared with them)."""
    dates = report.dates
    if dates is None or dates.start is None or dates.end is None or dates.start > dates.end:
        return None
    if any(period.unreadable for period in dates.periods):
        return None
    return dates.start


def _last_before(report) -> dict | None:
    """The record's last inspection of the authority before this one: one
    that started at least 180 days earlier (nearer is this inspection)."""
    start = _sound_start(report)
    if start is None or not report.authority:
        return None
    inspections = load_record()["by_authority"].get(authority_key(report.authority), ())
    before = [i for i in inspections
              if ((i.get("start") or i.get("published") or start) - start).days <= -180]
    return max(before, key=lambda i: i.get("start") or i.get("published"), default=None)


def _years(last: dict) -> set[int]:
    if last.get("start"):
        return {last["start"].year, (last.get("end") or last["start"]).year}
    published = last["published"]
    return {published.year, published.year - 1}


def _when(last: dict) -> str:
    if last.get("start"):
        return f"inspected from {last['start']:%-d %B %Y}"
    return f"a report published on {last['published']:%-d %B %Y}"


def _claims(report, args):
    """(block, match) of each statement of the last inspection about
    services overall (not about one judgement)."""
    specific, overall = re.compile(args["specific_pattern"]), re.compile(args["overall_pattern"])
    for pattern in args["statements"]:
        statement = re.compile(pattern)
        for _, block, m in matches_in(report, statement, True):
            after = (m.groupdict().get("after") or "").split(",")[0]
            around = f"{m.groupdict().get('subject') or ''} {after}"
            if not specific.search(around) or overall.search(around):
                yield block, m


def _problem(m, last: dict) -> str | None:
    if int(m.group("year")) not in _years(last):
        return "year"
    recorded = last.get("grades", {}).get("overall_effectiveness")
    said = grade_id(m.group("grade"))
    return "grade" if recorded and said and said != recorded else None


@check("agrees_with_record",
       provides=("problem", "said_year", "said_grade", "record_when", "record_grade",
                 "record_built", "corrected"),
       args=AgreesWithRecordArgs)
def agrees_with_record(report, framework, args):
    report = Analysis.of(report)
    claims = list(_claims(report, args))
    # the record is looked up only for a report that states the last inspection
    last = _last_before(report) if claims else None
    if last is None:
        return
    recorded = last.get("grades", {}).get("overall_effectiveness")
    for block, m in claims:
        problem = _problem(m, last)
        if problem:
            yield Finding.within(
                block, m.start(), m.end(), problem=problem, said_year=m.group("year"),
                said_grade=m.group("grade"), record_when=_when(last),
                record_grade=GRADE_WORDS.get(recorded, "not recorded"),
                record_built=str(load_record().get("built", "")),
                corrected=bool(last.get("corrected")))
