"""repeated_passages: a sentence or paragraph pasted twice.

A finding copied under a new number, or a sentence pasted into a second
paragraph, reads as careless and can hide that the passage meant to be there
is missing. Passages are compared word for word (letter case and spacing
aside) within the block kinds the rule names, in document order:
by default the findings, where none of the 168 published ILACS reports and
letters read repeats a sentence of 10 words or more. A summary sentence
repeated in the findings is left alone: published summaries do that (Brent
2018, Southwark 2022, West Sussex 2019). A whole paragraph repeated is one
finding, not one per sentence.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import compress, islice, repeat
from operator import eq
from typing import Literal

from checker.checks import Args, Finding, Regex, Related, check
from checker.checks.patterns import NODE_NAMES
from checker.engine.analysis import Analysis
from checker.parsing.model import TEXT_NODES

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“'\"(])")
BlockKind = Literal.__getitem__(TEXT_NODES)


class RepeatedArgs(Args):
    """What is compared: passages of at least `min_words` words, in these block kinds."""
    min_words: int = 10
    within: list[BlockKind] = ["paragraph"]


def _where(kind: str, block) -> str:
    number = getattr(block, "number", None)
    if kind == "paragraph" and number is not None:
        return f"paragraph {number}"
    names = {"summary": "the summary", "improvement": "an improvement item",
             "strength": "a strength", "introduction": "the letter's opening"}
    return names.get(kind, "a paragraph")


@check("repeated_passages", provides=("passage", "whole", "where", "first_where", "first_line"),
       args=RepeatedArgs)
def repeated_passages(report, framework, args):
    report = Analysis.of(report)
    within = args.get("within") or ["paragraph"]
    texts = report.block_texts(within)
    if not _may_repeat(texts.lowered, texts.texts):
        return
    least = int(args.get("min_words", 10))
    wholes: dict[str, tuple] = {}  # paragraph key -> (kind, block, 0) of its first place
    seen: dict[str, tuple] = {}  # sentence key -> (kind, block, start) of its first place
    for kind, block in report.blocks(within):
        text = block.text
        whole = " ".join(text.lower().split())
        if whole.count(" ") + 1 >= least and whole in wholes:
            yield _finding(block, kind, 0, len(text.rstrip()), wholes[whole], True)
            continue
        wholes.setdefault(whole, (kind, block, 0))
        start = 0
        # a sentence's key is its lower-cased words (a pasted copy is exact)
        for sentence in _SENTENCE_END.split(text):
            at, start = text.find(sentence, start), start + len(sentence)
            if sentence.count(" ") + 1 < least:
                continue
            key = " ".join(sentence.lower().split())
            if key in seen:
                yield _finding(block, kind, at, at + len(sentence.rstrip()), seen[key], False)
            else:
                seen[key] = (kind, block, at)


def _may_repeat(lowered: list[str | None], texts: list[str]) -> bool:
    """False only when no two sentences or paragraphs of `texts` can be
    equal. Most reports repeat nothing, and splitting each text into
    sentences in Python costs more than all the rest of the rule, so the
    whole run of texts is first cut, in C, at every full stop, question or
    exclamation mark before a space and at every text's end: a finer cut
    than the sentences', which cuts a repeated sentence or paragraph into
    the same pieces at both its places, so a repeat leaves a piece twice.
    `lowered`: the texts lower-cased, as the analysis holds them (None for
    one it does not)."""
    if None in lowered:
        lowered = [text.lower() for text in texts]
    flat = _single_spaced(". ".join(map(str.strip, lowered)))
    for mark in "!?":
        # one character is looked for far faster than two, and most
        # reports hold neither mark
        if mark in flat and mark + " " in flat:
            flat = flat.replace(mark + " ", ". ")
    # rstrip: a text's last mark goes as a sentence's does inside a text
    pieces = list(filter(None, map(str.rstrip, flat.split(". "), repeat(".!?"))))
    return len(set(pieces)) < len(pieces)


# Every character str.split() takes for white space, but the space (a test
# checks the list against str.isspace()): each is looked for on its own, as
# one character is found in C many times faster than str.isprintable()
# reads a report (which said the same and more).
_OTHER_SPACES = tuple("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002"
                      "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f"
                      "\u205f\u3000")


def _single_spaced(text: str) -> str:
    """`text` with each run of white space one space, as the rule's keys
    have it. Most reports have nothing else; of the rest, most have a
    double space or two (3 of 157 published), which replace() mends at
    memory speed, where cutting the report into its words to join them
    again costs a fifth of a millisecond."""
    if any(map(text.__contains__, _OTHER_SPACES)):
        return " ".join(text.split())
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _finding(block, kind, start, end, first, whole: bool) -> Finding:
    first_kind, first_block, first_start = first
    line, column = first_block.position(first_start)
    text = block.text[start:end]
    passage = text if len(text) <= 80 else text[:77].rstrip() + "…"
    return Finding.within(block, start, end,
                          related=[Related(line, "first written here", column)],
                          passage=passage, whole=whole, where=_where(kind, block),
                          first_where=_where(first_kind, first_block), first_line=line)


class RepeatedWordsArgs(Args):
    """What a word typed twice is, with the rule's exceptions ("had had")."""
    pattern: Regex


@check("repeated_words", provides=("match", "node"), scoped=True, args=RepeatedWordsArgs)
def repeated_words(report, framework, args):
    """Every match of `pattern` (letter case as written), looked for only in
    the blocks where two neighbouring words are the same. A doubled word
    has no string a prefilter could search for, and a pattern tried at every
    word costs more than comparing the neighbours of the block's words (the
    analysis's, which other rules read too) in C with map and any. A match
    of a pattern of the form `\\b(word)\\s+\\1\\b` is two such
    neighbours, letter case aside, so no finding is lost."""
    report = Analysis.of(report)
    regex = re.compile(args["pattern"])
    for kind, block in report.blocks():
        words = report.index.runs(block.text)
        if words is not None and not _typed_twice(words, report.index.lowered(block.text)):
            continue
        for m in regex.finditer(block.text):
            yield Finding.within(block, m.start(), m.end(), match=m.group(0),
                                 node=NODE_NAMES.get(kind, kind))


def _typed_twice(words: list[str], low: str | None) -> bool:
    """False only when no word of the block stands twice with nothing but
    space between (a match of `\\b(word)\\s+\\1\\b`): two equal
    neighbouring runs of letters ("children. Children") are looked for
    again as the word, spaces and the word, in the lower-cased text."""
    if not any(map(eq, words, islice(words, 1, None))):  # most blocks: no set built
        return False
    doubled = set(compress(words, map(eq, words, islice(words, 1, None))))
    if low is None:
        return True
    return any(_twice(word).search(low) for word in doubled)


@cache  # a pure function of the word
def _twice(word: str) -> re.Pattern:
    """`word`, spaces, `word`, as whole runs of letters in lower-cased text:
    the word first, so the engine looks for it as a literal."""
    w = re.escape(word)
    return re.compile(f"{w}(?<![a-z]{w})\\s+{w}(?![a-z])")
