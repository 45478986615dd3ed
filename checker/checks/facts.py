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
from typing import Annotated

from checker.checks import Args, Finding, RegexArg, Related, check
from checker.engine import textscan


@cache
def _compile(pattern: str) -> re.Pattern:
    rx = re.compile(pattern, re.IGNORECASE)
    if "value" not in rx.groupindex:
        raise ValueError(f"same_fact pattern has no (?P<value>...) group: {pattern!r}")
    return rx


@cache
def _needs(pattern: str) -> tuple:
    return textscan.needed_literals(pattern, re.IGNORECASE)


@cache
def _prefixes(pattern: str) -> frozenset[str] | None:
    return textscan.match_prefixes(pattern, re.IGNORECASE)


def _key(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


def _statements(blocks, whole, starts, patterns):
    """(value, detail, shown, block, start, end) for each statement in
    `blocks` (the report's), in document order; overlapping matches of two
    patterns count once. `whole`: textscan.report_text() of the report,
    `starts`: where each block's text starts in it (textscan.starts_in)."""
    out = []
    # A pattern is tried only on the blocks that have its words: those that
    # may hold a string of one of its clauses (_clause) are found by a
    # search of the whole report; a pattern none has (most) is dropped.
    tried = []
    where: set[int] | None = set()  # the blocks to try: None for all of them
    for pattern in patterns:
        needs = _needs(pattern)
        holding = None
        if starts is not None and needs:
            holding = textscan.holding(whole, starts, _clause(pattern))
            if not holding:
                continue
        tried.append((needs, _compile(pattern), holding, _prefixes(pattern)))
        where = None if where is None or holding is None else where | holding
    if not tried:
        return out
    for index in range(len(blocks)) if where is None else sorted(where):
        block = blocks[index]
        text = block.text
        taken: list[tuple[int, int]] = []
        found = []
        for needs, rx, holding, prefixes in tried:
            if holding is not None and index not in holding:
                continue  # the block lacks every string of a clause
            if not textscan.may_match(text, needs):
                continue  # the block lacks words every match has
            for m in textscan.matches(rx, text, prefixes):
                start, end = m.span("value")
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                detail = m.group("detail") if "detail" in m.re.groupindex else None
                first = m.start("detail") if detail else start
                found.append((_key(m.group("value")), _key(detail),
                              text[first:end], block, first, end))
        if found:
            out.extend(sorted(found, key=lambda s: s[4]))
    return out


@cache
def _clause(pattern: str) -> frozenset[str]:
    """The clause of the pattern's literals (_needs) to search the report
    for: of those whose strings have three letters or more (rarer than "in"
    or "19"), the one with the fewest strings (a search each), the one
    with the most letters on a tie; else the one with the most letters."""
    def letters(clause):
        return min(sum(ch.isalpha() for ch in string) for string in clause)
    clauses = _needs(pattern)
    long = [clause for clause in clauses if letters(clause) >= 3]
    if long:
        return min(long, key=lambda clause: (len(clause), -letters(clause)))
    return max(clauses, key=letters)


def _agree(a, b) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


FactPattern = Annotated[str, RegexArg("value")]  # a regular expression with a (?P<value>...) group


class Fact(Args):
    """One fact: its name, the words that state it, the patterns that find it."""
    name: str
    says: str | None = None  # default: the name
    patterns: list[FactPattern] = []


class SameFactArgs(Args):
    """The facts to compare."""
    facts: list[Fact] = []


@check("same_fact", scoped=True,
       provides=("fact", "says", "value", "first", "first_line"), args=SameFactArgs)
def same_fact(report, framework, args):
    blocks = [block for _, block in report.blocks()]
    whole = textscan.report_text(report)
    starts = textscan.starts_in(whole, [block.text for block in blocks])
    for fact in args.get("facts") or ():
        statements = _statements(blocks, whole, starts, fact.get("patterns") or ())
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
