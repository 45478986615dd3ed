"""same_fact: one event or figure is stated with the same value everywhere.

A report states some facts more than once: the year of the last inspection
in the summary and again in the leadership section, the month the director
of children's services took up post. Drafting from an earlier report, or
editing one place and not the other, leaves two values for one fact.

args:
  facts: list of
      name     what the fact is (used in the message: `says`)
      says     the fact in words, followed by its value in the message
               ("the last inspection was in")
      patterns regular expressions (case-insensitive) with a named group
               `value`: every match in the report's text states the fact.
               An optional group `detail` refines the value (a month before
               a year): two statements disagree when their values differ,
               or when both give a detail and the details differ ("March
               2020" and "2020" agree; "March 2020" and "May 2020" do not).
  The value stated most often is taken as right (the first statement wins a
  tie); every statement of another value is reported at its own place, with
  the first statement of the right one.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from checker import textscan
from checker.checks import Finding, Related, check


@cache
def _compile(pattern: str) -> re.Pattern:
    rx = re.compile(pattern, re.IGNORECASE)
    if "value" not in rx.groupindex:
        raise ValueError(f"same_fact pattern has no (?P<value>...) group: {pattern!r}")
    return rx


@cache
def _needs(pattern: str) -> tuple:
    return textscan.needed_literals(pattern, re.IGNORECASE)


def _key(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


def _statements(report, patterns):
    """(value, detail, shown, block, start, end) for each statement, in
    document order; overlapping matches of two patterns count once."""
    out = []
    # Patterns the report's text as a whole cannot match (most) are dropped
    # at once; the others are tried only on blocks that have their words.
    whole = textscan.report_text(report)
    if whole is not None:
        patterns = [p for p in patterns if textscan.may_match("", _needs(p), whole)]
        if not patterns:
            return out
    for _, block in report.blocks():
        taken: list[tuple[int, int]] = []
        found = []
        for pattern in patterns:
            if not textscan.may_match(block.text, _needs(pattern)):
                continue  # the block lacks words every match has
            for m in _compile(pattern).finditer(block.text):
                start, end = m.span("value")
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                detail = m.group("detail") if "detail" in m.re.groupindex else None
                first = m.start("detail") if detail else start
                found.append((_key(m.group("value")), _key(detail),
                              block.text[first:end], block, first, end))
        out.extend(sorted(found, key=lambda s: s[4]))
    return out


def _agree(a, b) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


@check("same_fact", scoped=True,
       provides=("fact", "says", "value", "first", "first_line"))
def same_fact(report, framework, args):
    for fact in args.get("facts") or ():
        statements = _statements(report, fact.get("patterns") or ())
        if len(statements) < 2:
            continue
        counts = Counter(s[0] for s in statements)
        best = max(counts.values())
        value = next(s[0] for s in statements if counts[s[0]] == best)
        reference = next(s for s in statements if s[0] == value)
        # The reference's detail, where one statement of its value gives one.
        detail = next((s for s in statements if s[0] == value and s[1]), reference)
        ref_line, ref_column = reference[3].position(reference[4])
        for s in statements:
            if s is reference or (_agree(s, reference) and _agree(s, detail)):
                continue
            yield Finding.within(
                s[3], s[4], s[5],
                related=[Related(ref_line, f"{fact.get('says', fact['name'])} "
                                           f"{reference[2]}", column=ref_column)],
                fact=fact["name"], says=fact.get("says", fact["name"]),
                value=s[2], first=reference[2], first_line=ref_line)
