"""Numbers in running text, for the number_style check (checker/checks/style.py):
one to nine in words, 10 and over in figures. What a rule's args compile to,
which blocks may hold a number, and the tests around each match."""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.checks.lexicon import trie_regex
from checker.checks.style_text import (
    by_args,
    key,
    lower_set,
    sentence_start,
    word_after,
    word_before_at,
)
from checker.engine import regexes

_ALPHA = re.compile(r"[A-Za-z]+")
_RATIO = re.compile(r"\d[ \t\n]+(?:in|out[ \t\n]+of)[ \t\n]+$")


class NumberPlan(NamedTuple):
    """A number_style rule's args, compiled. `regex` is None when there is
    nothing to find; `prefixes`: where a match can start
    (regexes.match_prefixes); `any_figure`: finds any of the figures;
    `listed`: the number words as a set when they are all letters, so the
    words of a block tell whether it has one."""
    find: str  # "small_figures" or "large_words"
    not_after: frozenset[str]
    not_before: frozenset[str]
    figures: dict[str, str]  # figure -> word
    words: dict[str, int]  # number word -> value
    units: dict[str, int]  # unit word ("one") -> value
    regex: re.Pattern | None
    prefixes: frozenset[str] | None
    any_figure: re.Pattern
    listed: frozenset[str] | None


@by_args
def plan(args: dict) -> NumberPlan:
    find = args.get("find", "small_figures")
    figures = {str(k): str(v) for k, v in (args.get("figures") or {}).items()}
    words: dict[str, int] = {}
    units: dict[str, int] = {}
    regex = None
    if find == "small_figures":
        if figures:
            regex = re.compile(r"\b(?<![\w.,:/£$€#%–-])(" + trie_regex(figures)
                               + r")(?=[ \t\n]+[a-z])")
    else:
        words = {str(k).lower(): int(v) for k, v in (args.get("words") or {}).items()}
        units = {v.lower(): int(k) for k, v in figures.items()}
        if words:
            regex = re.compile(r"\b(?<![’'-])(" + trie_regex(words) + r")"
                               r"(?:-(" + (trie_regex(units) or "(?!)") + r"))?"
                               r"(?![\w-])", re.I)
    return NumberPlan(
        find, lower_set(args.get("not_after")), lower_set(args.get("not_before")),
        figures, words, units, regex,
        None if regex is None else regexes.match_prefixes(regex.pattern, regex.flags),
        re.compile("|".join(map(re.escape, figures))),
        frozenset(words) if all(_ALPHA.fullmatch(w) for w in words) else None)


def blocks_to_read(report, p: NumberPlan) -> list:
    """The blocks of `report` (an Analysis) that may hold a number to find:
    one with a figure, or one of the number words."""
    texts = report.block_texts()
    blocks = [block for _, block in texts.blocks]
    if p.find == "small_figures":
        holding = texts.holding({figure.lower() for figure in p.figures})
        return [block for i, block in enumerate(blocks)
                if (holding is None or i in holding) and p.any_figure.search(block.text)]
    if p.listed is None:
        return blocks
    if texts.words is not None and not texts.words & p.listed:
        return []  # no block has a number word
    return [block for block in blocks if report.index.present(block.text, p.listed) != frozenset()]


def small_figure(p: NumberPlan, text: str, m: re.Match) -> tuple[str, str] | None:
    """(found, preferred) for a figure that counts something ("2
    psychologists"), None where it is a label, a name, a ratio."""
    at = word_before_at(text, m.start())
    before, after = (at[0] if at else None), word_after(text, m.end())
    if before and key(before) in p.not_after:
        return None
    if after is None or key(after) in p.not_before:
        return None
    if at and before[:1].isupper() and not sentence_start(text, at[1]):
        return None  # "Profile 2", "Year 6": a name or label
    if _RATIO.search(text, max(0, m.start() - 30), m.start()):
        return None  # "1 in 5", "2 out of 7": a ratio, in figures
    preferred = f"{p.figures[m.group(1)]} {after}"
    if sentence_start(text, m.start()):
        preferred = preferred[:1].upper() + preferred[1:]
    return f"{m.group(1)} {after}", preferred


def large_word(p: NumberPlan, text: str, m: re.Match) -> str | None:
    """The figures for a large number in words, None at the start of a
    sentence (where words are right) or next to an excepted word."""
    before, after = word_before_at(text, m.start()), word_after(text, m.end())
    if before and key(before[0]) in p.not_after:
        return None
    if sentence_start(text, m.start()) or (after and key(after) in p.not_before):
        return None
    return str(p.words[m.group(1).lower()] + (p.units[m.group(2).lower()] if m.group(2) else 0))
