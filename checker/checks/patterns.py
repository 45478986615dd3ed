"""Declarative text checks over a rule's scope (report.blocks()):

- `pattern`: every match of a regular expression is a finding (existence),
- `form`: every block must match a pattern as a whole (e.g. an improvement
  item is a capitalised sentence ending in a full stop),
- `occurrence`: the number of matches stays within min..max,
- `duplicates`: no block repeats an earlier one of the same kind.

Patterns are rule args, compiled once; rules load only patterns without
nested quantifiers (checker/engine/rulefile.py), so none can run away on a report.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import cache, cached_property

from checker.checks import Args, Finding, Regex, Related, check
from checker.engine import regexes
from checker.engine.analysis import Analysis

_WORD = re.compile(r"\w+")

# What a reader calls each kind of block in a message ("improvement item 2",
# as the report's list shows it), where the model's kind is a short name.
NODE_NAMES = {"improvement": "improvement item", "summary": "summary paragraph",
              "letter_head": "letter's address block",
              "introduction": "opening paragraph", "table_row": "table row"}


def _named(kind: str) -> str:
    return NODE_NAMES.get(kind, kind)


@cache  # a pure function of the pattern string
def _compile(pattern: str, case: bool) -> re.Pattern:
    return re.compile(pattern, 0 if case else re.IGNORECASE)


@cache  # a pure function of the pattern string
def _needs(pattern: str, case: bool) -> tuple:
    return regexes.needed_literals(pattern, 0 if case else re.IGNORECASE)


@cache  # a pure function of the pattern string
def _alternatives(pattern: str, case: bool) -> tuple | None:
    return regexes.needed_by_alternative(pattern, 0 if case else re.IGNORECASE)


def _strip(index, text: str, args) -> str:
    """The text with `ignore` matches blanked out (same length, so offsets
    hold); the text itself when nothing is blanked out. `index`: the
    report's TextIndex."""
    ignore = args.get("ignore")
    if not ignore or not index.may_match(text, _needs(ignore, False)):
        return text  # (most blocks lack the strings every match has)
    return _compile(ignore, False).sub(lambda m: " " * len(m.group(0)), text)


@cache  # a pure function of the pattern string
def _starts(pattern: str, case: bool) -> frozenset[str] | None:
    """Strings every match starts with (regexes.match_prefixes), when each
    has three characters or more: a pattern compiled with IGNORECASE gets no
    fast search from the engine and is tried at every character of a
    block, where a search for such strings finds the few places a match
    can start ("will advice": "will", "can", ...); shorter ones occur so
    often that trying the pattern at each costs more."""
    found = regexes.match_prefixes(pattern, 0 if case else re.IGNORECASE)
    return found if found and min(map(len, found)) >= 3 else None


def finditer_in(index, regex: re.Pattern, case: bool, block, args):
    """The matches of `regex` in the block's text with `ignore` blanked out,
    skipping text that lacks the strings every match has, and trying it
    only where a match can start (textscan.matches(): the same matches)."""
    text = _strip(index, block.text, args)
    if text is not block.text:  # blanked out: a new string, with no index
        return regex.finditer(text)
    if not index.may_match(text, _needs(regex.pattern, case)):
        return ()
    return index.matches(regex, text, _starts(regex.pattern, case))


class PatternArgs(Args):
    """Every match of `pattern` in the rule's scope is a finding."""
    pattern: Regex
    case: bool = False  # letter case as written; by default it is ignored
    ignore: Regex | None = None  # text blanked out first (same length: places hold)


@check("pattern", provides=("match", "node"), scoped=True, args=PatternArgs)
def pattern(report, framework, args):
    report = Analysis.of(report)
    case = bool(args.get("case", False))
    regex = _compile(args["pattern"], case)
    for kind, block, m in matches_in(report, regex, case, args):
        yield Finding.within(block, m.start(), m.end(), match=m.group(0), node=_named(kind))


def candidate_blocks(report: Analysis, regex: re.Pattern, case: bool, args=None) -> list:
    """The (kind, block) pairs of the rule's blocks that may hold a match:
    for each alternative of the pattern, those whose word sets hold the
    words every match holds whole, or, for an alternative that names no
    word, those holding one of the strings every match holds, looked for
    once in all their text joined, not block by block
    (regexes.needed_by_alternative); all of them when that is not known or
    text is blanked out first (`ignore`)."""
    blocks = report.blocks()
    if args and args.get("ignore"):
        return list(blocks)
    which = report.block_texts().may_hold(_alternatives(regex.pattern, case))
    return list(blocks) if which is None else [blocks[i] for i in sorted(which)]


def matches_in(report: Analysis, regex: re.Pattern, case: bool, args=None):
    """(kind, block, match) for every match of `regex` in the rule's blocks,
    in document order, reading only the blocks and places that may hold one
    (candidate_blocks, finditer_in); `args`: the rule's, for `ignore`."""
    args = args or {}
    for kind, block in candidate_blocks(report, regex, case, args):
        for m in finditer_in(report.index, regex, case, block, args):
            yield kind, block, m


class FormArgs(Args):
    """Every block of the rule's scope matches `pattern` as a whole."""
    pattern: Regex
    case: bool = True
    ignore: Regex | None = None


@check("form", provides=("text", "node", "number"), scoped=True, args=FormArgs)
def form(report, framework, args):
    report = Analysis.of(report)
    regex = _compile(args["pattern"], bool(args.get("case", True)))
    counts: dict[str, int] = {}
    for kind, block in report.blocks():
        counts[kind] = counts.get(kind, 0) + 1
        text = _strip(report.index, block.text, args).strip()
        if not regex.fullmatch(text):
            yield Finding.at(block.span, text=block.text, node=_named(kind), number=counts[kind])


class OccurrenceArgs(Args):
    """The matches of `pattern` number `min` to `max` (either may be left out)."""
    pattern: Regex
    case: bool = False
    ignore: Regex | None = None
    min: int | None = None
    max: int | None = None


@check("occurrence", provides=("count", "min", "max", "match"), scoped=True, args=OccurrenceArgs)
def occurrence(report, framework, args):
    report = Analysis.of(report)
    case = bool(args.get("case", False))
    regex = _compile(args["pattern"], case)
    low, high = args.get("min"), args.get("max")
    hits = [(block, m) for _, block, m in matches_in(report, regex, case, args)]
    count = len(hits)
    if high is not None and count > high:
        block, m = hits[high]
        yield Finding.within(block, m.start(), m.end(), count=count, min=low, max=high,
                             match=m.group(0))
    elif low is not None and count < low:
        blocks = list(report.blocks())
        span = blocks[0][1].span if blocks else (report.improvements_heading or report.table)
        if span is not None:
            yield Finding.at(span, count=count, min=low, max=high, match="")


class DuplicatesArgs(Args):
    """How close a block must be to an earlier one to be its repeat."""
    similarity: float = 0.9
    ignore: Regex | None = None


@check("duplicates", provides=("text", "node", "number", "other", "other_line", "similarity"),
       scoped=True, args=DuplicatesArgs)
def duplicates(report, framework, args):
    """A block that repeats an earlier block of the same kind (case,
    punctuation and spacing aside; `similarity` sets how close is a repeat)."""
    report = Analysis.of(report)
    threshold = float(args.get("similarity", 0.9))
    seen: dict[str, list[_Words]] = {}
    counts: dict[str, int] = {}
    for kind, block in report.blocks():
        counts[kind] = counts.get(kind, 0) + 1
        # compared word by word: as exact as by character for a repeat, and
        # the quick upper bounds skip most pairs without the full comparison
        entry = _Words(counts[kind], block,
                       _WORD.findall(_strip(report.index, block.text, args).casefold()))
        for other in seen.get(kind, ()):
            ratio = _similarity(entry, other, threshold)
            if ratio is None:
                continue
            yield Finding.at(block.span, text=block.text, node=_named(kind), number=counts[kind],
                             other=other.number, other_line=other.block.span.line,
                             similarity=round(ratio, 2),
                             related=[Related(other.block.span.line,
                                              f"{kind} {other.number}")])
            break
        seen.setdefault(kind, []).append(entry)


class _Words:
    """A block's words, for duplicates(): its number among the blocks of its
    kind, the block, its words in order, the distinct ones, and their
    counts (made only when a comparison needs them)."""

    def __init__(self, number: int, block, words: list[str]):
        self.number, self.block, self.words = number, block, words
        self.distinct = frozenset(words)

    @cached_property
    def counts(self) -> Counter:
        return Counter(self.words)


def _similarity(a: _Words, b: _Words, threshold: float) -> float | None:
    """difflib's ratio() of the words of two blocks when it is at least
    `threshold`, else None. SequenceMatcher's real_quick_ratio() and quick_ratio()
    (the words two blocks share, repeats included) are worked out here
    first: a matcher indexes its second sequence when it is made, so it is
    made only for the pairs these bounds let through. The shared words are
    counted only where an upper bound on them (each distinct word one block
    lacks is one word fewer) lets the pair through too."""
    size_a, size_b = len(a.words), len(b.words)
    size = size_a + size_b
    if _ratio(min(size_a, size_b), size) < threshold:  # real_quick_ratio()
        return None
    bound = min(size_a - len(a.distinct - b.distinct), size_b - len(b.distinct - a.distinct))
    if _ratio(bound, size) < threshold:
        return None
    if _ratio(_common(a.counts, b.counts), size) < threshold:  # quick_ratio()
        return None
    ratio = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False).ratio()
    return ratio if ratio >= threshold else None


def _ratio(matches: int, length: int) -> float:
    """difflib's ratio of `matches` in two sequences `length` long together."""
    return 2.0 * matches / length if length else 1.0


def _common(a: Counter, b: Counter) -> int:
    """How many words two counts share, repeats included."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(n, b[word]) for word, n in a.items() if word in b)
