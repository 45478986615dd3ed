"""The words every match of a pattern holds whole, as runs of ASCII letters
the report's word index holds (checker/engine/textscan.py): a set lookup
per block, where a search for a string reads the whole report. A necessary
condition, as contents.py's answers are."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from checker.engine.regexes.contents import _clauses, _either, needed_literals
from checker.engine.regexes.syntax import (
    BOUNDARY,
    CATEGORY_OF,
    Syntax,
    atomic_tree,
    flat,
    parse,
    shape,
)


@cache  # a pure function of the pattern string and flags
def needed_words(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Clauses of lower-case words: every match of `pattern` (compiled with
    `flags`) holds one word of each clause as a whole run of ASCII letters
    (textscan.word_runs() of the lower-cased text), so only a text whose
    words include one can hold a match. A run of letters in the pattern is
    such a word where what comes before it and after it can only be a
    character that is no ASCII letter (\\b, a space, an apostrophe ...) or
    the text's end; a class of a few letters or a short repeat in the run
    ("TB[CA]", "colou?r", "X{2,4}") makes it each of a few words. The most
    selective clauses first (longest shortest word), at most three; clauses
    holding a word of one letter ("s" of "it's", in nearly every paragraph)
    are left out. Empty when nothing is known."""
    syntax = parse(pattern, boundaries=True)
    return () if syntax is None else _word_clauses(syntax.tree, syntax)


def _word_clauses(node, syntax: Syntax) -> tuple[frozenset[str], ...]:
    clauses = {clause for clause in _words(node, syntax, False, False)
               if min(map(len, clause)) >= 2}
    return tuple(sorted(clauses, key=lambda clause: (-min(map(len, clause)), sorted(clause))))[:3]


class Alternative(NamedTuple):
    """What every match of one alternative of a pattern holds: its words
    (needed_words), and a clause of its literals (needed_literals: one of
    these strings is in every match), looked for when it names no word."""
    words: tuple[frozenset[str], ...]
    strings: frozenset[str] | None


@cache  # a pure function of the pattern string and flags
def needed_by_alternative(pattern: str, flags: int = 0) -> tuple[Alternative, ...] | None:
    """One Alternative for each alternative of the pattern's top level (the
    whole pattern when it has one): a text can hold a match only where one
    of them can, and each is looked for by its own words, or its own
    strings when it names no word ("\\[(?:insert|...)...\\]|\\bInsert ..."
    is looked for as "[" or the word "insert"). None when one alternative
    has neither: nothing is known."""
    syntax = parse(pattern, boundaries=True)
    if syntax is None:
        return None
    options = syntax.tree.options if shape(syntax.tree) == "group" else [syntax.tree]
    if len(options) == 1:  # the pattern's own clauses (its parse without \b placeholders)
        words, literals = _word_clauses(syntax.tree, syntax), needed_literals(pattern, flags)
        strings = literals[0] if literals else None
        return None if not words and strings is None else (Alternative(words, strings),)
    out = []
    for option in options:
        words = _word_clauses(option, syntax)
        strings = None if words else _cheapest(_clauses(option, syntax))
        if not words and strings is None:
            return None
        out.append(Alternative(words, strings))
    return tuple(out)


def _words(node, syntax: Syntax, before: bool, after: bool) -> list[frozenset[str]]:
    """The word clauses of `node`; `before` and `after`: whether the
    characters next to its match can only be separators (or the text's ends)."""
    kind = shape(node)
    if kind == "group":
        if len(node.options) == 1:
            return _words(node.options[0], syntax, before, after)
        return _either(_words(option, syntax, before, after) for option in node.options)
    if kind == "sequence":
        return _words_of(flat(node.parts), syntax, before, after)
    if kind == "repeat" and node.min >= 1:  # beside another repeat, only inner words hold
        return _words(node.base, syntax, before and node.max == 1, after and node.max == 1)
    inner = atomic_tree(node, syntax)
    return [] if inner is None else _words(inner, syntax, before, after)


def _words_of(parts, syntax: Syntax, before: bool, after: bool) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    i = 0
    while i < len(parts):
        j, spellings = i, {""}
        while j < len(parts) and (more := _spellings(parts[j])) is not None:
            if spellings is not None and len(spellings) * len(more) <= _MOST_SPELLINGS:
                spellings = {a + b for a in spellings for b in more}
            else:  # too many words to look up: the whole run names none
                spellings = None
            j += 1
        if j > i:  # a run of letters: a word when separators surround it
            if spellings is not None and "" not in spellings and \
                    _separated_before(parts, i, before) and _separated_after(parts, j, after):
                out.append(frozenset(spellings))
            i = j
            continue
        if shape(parts[i]) != "look":
            out += _words(parts[i], syntax, _separated_before(parts, i, before),
                          _separated_after(parts, i + 1, after))
        i += 1
    return out


_MOST_SPELLINGS = 16  # words one run of the pattern may stand for ("TB[CA]": 2)


def _spellings(node) -> frozenset[str] | None:
    """The strings of ASCII letters, lower-case, that `node` matches when it
    matches only such and they are few: a letter, a class of a few letters
    ([CA]; letter case ignored, as the word index is lower-case), a short
    repeat of one ("u?", "X{2,4}"); else None."""
    kind = shape(node)
    if kind == "set":
        if node.negated or not 0 < len(node.chars) <= 8 or not all(
                ch.isascii() and ch.isalpha() for ch in node.chars):
            return None
        return frozenset(ch.lower() for ch in node.chars)
    if kind == "repeat" and node.max is not None and node.max <= 8:
        base = _spellings(node.base)
        if base is None:
            return None
        out, current = set(), {""}
        for count in range(node.max + 1):
            # the spellings of each length are at least as many as the
            # shorter ones', so past the bound the repeat names none
            if len(current) > _MOST_SPELLINGS:
                return None
            if count >= node.min:
                out |= current
            if len(out) > _MOST_SPELLINGS:
                return None
            current = {a + b for a in current for b in base}
        return frozenset(out)
    return None


def _separator(node) -> bool:
    """Whether every character `node` matches is no ASCII letter, letter
    case ignored: not one of the letters re.IGNORECASE folds to one (K ſ İ
    ı), nor a category or a placeholder that may be a letter (\\w \\D
    \\S, a back reference). \\b counts as one."""
    return shape(node) == "set" and not node.negated and bool(node.chars) and all(
        map(_separating, node.chars))


def _separating(ch: str) -> bool:
    if ch == BOUNDARY:
        return True
    if ch in CATEGORY_OF:
        return CATEGORY_OF[ch] in "dsW"
    return ord(ch) < 0xF0000 and not (ch.isascii() and ch.isalpha()) and \
        ch not in "\u212a\u017f\u0130\u0131"


def _separated_before(parts, i: int, before: bool) -> bool:
    """Whether the character before parts[i:] can only be a separator."""
    for part in reversed(parts[:i]):
        kind = shape(part)
        if kind == "look":
            continue
        if kind == "repeat" and part.min == 0:  # present, it ends with one; absent, look on
            if not _edge(part.base, last=True):
                return False
            continue
        return _edge(part, last=True)
    return before


def _separated_after(parts, j: int, after: bool) -> bool:
    """Whether the character after parts[:j] can only be a separator."""
    for part in parts[j:]:
        kind = shape(part)
        if kind == "look":
            continue
        if kind == "repeat" and part.min == 0:
            if not _edge(part.base, last=False):
                return False
            continue
        return _edge(part, last=False)
    return after


def _edge(node, last: bool) -> bool:
    """Whether the last (or first) character of every match of `node` is a
    separator (\\b counts: next to a letter, it says the same)."""
    kind = shape(node)
    if kind == "set":
        return _separator(node)
    if kind == "group":
        return bool(node.options) and all(_edge(option, last) for option in node.options)
    if kind == "repeat":
        return node.min >= 1 and _edge(node.base, last)
    if kind == "sequence":
        parts = flat(node.parts)
        return _separated_before(parts, len(parts), False) if last else \
            _separated_after(parts, 0, False)
    return False


def _cheapest(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """The clause cheapest to look for in a whole report: a mark that is no
    letter, digit or space ("[") is found at memory speed and in few
    places (str.find of one character is vectorised; a longer string is
    read character by character), so the fewest other strings first, then
    the longest shortest string."""
    def reads(clause):
        return sum(len(s) > 1 or s.isalnum() or s.isspace() for s in clause)
    return min(clauses, key=lambda cl: (reads(cl), -min(map(len, cl)), len(cl)), default=None)
