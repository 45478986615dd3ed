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
from typing import Annotated, NamedTuple

from checker.checks import Args, Finding, RegexArg, Related, check
from checker.engine import regexes
from checker.engine.analysis import Analysis


@cache  # a pure function of the pattern string
def _compile(pattern: str) -> re.Pattern:
    rx = re.compile(pattern, re.IGNORECASE)
    if "value" not in rx.groupindex:
        raise ValueError(f"same_fact pattern has no (?P<value>...) group: {pattern!r}")
    return rx


@cache  # a pure function of the pattern string
def _needs(pattern: str) -> tuple:
    return regexes.needed_literals(pattern, re.IGNORECASE)


@cache  # a pure function of the pattern string
def _prefixes(pattern: str) -> frozenset[str] | None:
    return regexes.match_prefixes(pattern, re.IGNORECASE)


def _key(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


class _Statement(NamedTuple):
    """One statement of a fact: its value and detail (compared case-folded),
    the text shown, and where it is."""
    value: str | None
    detail: str | None
    shown: str
    block: object
    start: int
    end: int


class _Tried(NamedTuple):
    """A pattern tried on a report: the strings its matches need, the
    compiled expression, the blocks that may hold it (None: any), the
    strings a match starts with."""
    needs: tuple
    rx: re.Pattern
    holding: set[int] | None
    prefixes: frozenset[str] | None


def _statements(report, patterns) -> list[_Statement]:
    """Each statement in the report's blocks, in document order;
    overlapping matches of two patterns count once."""
    texts = report.block_texts()
    tried, where = _tried(texts, patterns)
    if not tried:
        return []
    out: list[_Statement] = []
    blocks = texts.blocks
    for index in range(len(blocks)) if where is None else sorted(where):
        out.extend(_in_block(report.index, index, blocks[index][1], tried))
    return out


def _tried(texts, patterns) -> tuple[list[_Tried], set[int] | None]:
    """The patterns worth trying, and the blocks to try (None: all of them).
    A pattern is tried only on the blocks that may hold a match, as the
    pattern checks find them (BlockTexts.may_hold: the words every match
    holds, else strings searched for in the whole report); a pattern no
    block may hold (most) is dropped."""
    tried = []
    where: set[int] | None = set()
    for pattern in patterns:
        needs = _needs(pattern)
        holding = texts.may_hold(regexes.needed_by_alternative(pattern, re.IGNORECASE))
        if holding is not None and not holding:
            continue
        tried.append(_Tried(needs, _compile(pattern), holding, _prefixes(pattern)))
        where = None if where is None or holding is None else where | holding
    return tried, where


def _in_block(index, number: int, block, tried: list[_Tried]) -> list[_Statement]:
    text = block.text
    taken: list[tuple[int, int]] = []
    found = []
    for t in tried:
        if t.holding is not None and number not in t.holding:
            continue  # the block lacks every string of a clause
        if not index.may_match(text, t.needs):
            continue  # the block lacks words every match has
        for m in index.matches(t.rx, text, t.prefixes):
            start, end = m.span("value")
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            detail = m.group("detail") if "detail" in m.re.groupindex else None
            first = m.start("detail") if detail else start
            found.append(_Statement(_key(m.group("value")), _key(detail),
                                    text[first:end], block, first, end))
    return sorted(found, key=lambda s: s.start)


def _agree(a: _Statement, b: _Statement) -> bool:
    return a.value == b.value and (a.detail is None or b.detail is None or a.detail == b.detail)


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
    report = Analysis.of(report)
    for fact in args.get("facts") or ():
        statements = _statements(report, fact.get("patterns") or ())
        if len(statements) < 2:
            continue
        counts = Counter(s.value for s in statements)
        best = max(counts.values())
        value = next(s.value for s in statements if counts[s.value] == best)
        reference = next(s for s in statements if s.value == value)
        # The reference's detail, where one statement of its value gives one.
        detail = next((s for s in statements if s.value == value and s.detail), reference)
        ref_line, ref_column = reference.block.position(reference.start)
        says = fact.get("says", fact["name"])
        for s in statements:
            if s is reference or (_agree(s, reference) and _agree(s, detail)):
                continue
            yield Finding.within(
                s.block, s.start, s.end,
                related=[Related(ref_line, f"{says} {reference.shown}", column=ref_column)],
                fact=fact["name"], says=says, value=s.shown, first=reference.shown,
                first_line=ref_line)
