"""Declarative text checks over a rule's scope (report.blocks()):

- `pattern`: every match of a regular expression is a finding (existence),
- `form`: every block must match a pattern as a whole (e.g. an improvement
  item is a capitalised sentence ending in a full stop),
- `occurrence`: the number of matches stays within min..max,
- `duplicates`: no block repeats an earlier one of the same kind.

Patterns are rule args, compiled once; rules load only patterns without
nested quantifiers (checker/rulefile.py), so none can run away on a report.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from checker.checks import Finding, Related, check


@cache
def _compile(pattern: str, case: bool) -> re.Pattern:
    return re.compile(pattern, 0 if case else re.IGNORECASE)


def _strip(text: str, args) -> str:
    """The text with `ignore` matches blanked out (same length, so offsets hold)."""
    ignore = args.get("ignore")
    if not ignore:
        return text
    return _compile(ignore, False).sub(lambda m: " " * len(m.group(0)), text)


@check("pattern", provides=("match", "node"), scoped=True)
def pattern(report, framework, args):
    regex = _compile(args["pattern"], bool(args.get("case", False)))
    for kind, block in report.blocks():
        for m in regex.finditer(_strip(block.text, args)):
            yield Finding.within(block, m.start(), m.end(), match=m.group(0), node=kind)


@check("form", provides=("text", "node", "number"), scoped=True)
def form(report, framework, args):
    regex = _compile(args["pattern"], bool(args.get("case", True)))
    counts: dict[str, int] = {}
    for kind, block in report.blocks():
        counts[kind] = counts.get(kind, 0) + 1
        text = _strip(block.text, args).strip()
        if not regex.fullmatch(text):
            yield Finding.at(block.span, text=block.text, node=kind, number=counts[kind])


@check("occurrence", provides=("count", "min", "max", "match"), scoped=True)
def occurrence(report, framework, args):
    regex = _compile(args["pattern"], bool(args.get("case", False)))
    low, high = args.get("min"), args.get("max")
    hits = [(block, m) for _, block in report.blocks()
            for m in regex.finditer(_strip(block.text, args))]
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


@check("duplicates", provides=("text", "node", "number", "other", "other_line", "similarity"),
       scoped=True)
def duplicates(report, framework, args):
    """A block that repeats an earlier block of the same kind (case,
    punctuation and spacing aside; `similarity` sets how close is a repeat)."""
    threshold = float(args.get("similarity", 0.9))
    seen: dict[str, list] = {}
    counts: dict[str, int] = {}
    for kind, block in report.blocks():
        counts[kind] = counts.get(kind, 0) + 1
        # compared word by word: as exact as by character for a repeat, and
        # the quick upper bounds skip most pairs without the full comparison
        words = re.findall(r"\w+", _strip(block.text, args).casefold())
        for number, other, other_words in seen.get(kind, []):
            matcher = difflib.SequenceMatcher(None, words, other_words, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                yield Finding.at(block.span, text=block.text, node=kind, number=counts[kind],
                                 other=number, other_line=other.span.line,
                                 similarity=round(ratio, 2),
                                 related=[Related(other.span.line, f"{kind} {number}")])
                break
        seen.setdefault(kind, []).append((counts[kind], block, words))
