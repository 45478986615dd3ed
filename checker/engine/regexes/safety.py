"""Which patterns can take exponential time in Python's backtracking `re`."""

from __future__ import annotations

import re
from functools import cache

from checker.engine.regexes.syntax import (
    CATEGORY_OF,
    Syntax,
    atomic_tree,
    backref,
    flat,
    icase_in,
    parse,
    shape,
)

# --------------------------------------------------------------- safety ----

# The plain check for patterns beyond the analysis: (...+)+ and the like.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")
# First-character sets are computed over this probe alphabet.
_PROBE = frozenset(range(0x250)) | frozenset(map(ord, "\u2018\u2019\u201c\u201d\u2013\u2014"
                                                     "\u2022\u00a0\u202f"))
_NESTED = "a nested quantifier: a repeat inside a repeat"
_OVERLAP = "alternatives that can match the same text inside a repeat"
_SIDE_BY_SIDE = "two optional or repeated parts side by side in a repeat"


@cache  # a pure function of one letter
def _category(letter: str) -> frozenset[int]:
    return frozenset(ch for ch in _PROBE if re.match("\\" + letter, chr(ch)))


def _fold(chars, icase: bool) -> frozenset[int]:
    if not icase:
        return frozenset(chars)
    return frozenset(chars) | {ord(x) for ch in chars for x in (chr(ch).lower(), chr(ch).upper())
                               if len(x) == 1}


def _set_chars(node, icase: bool) -> frozenset[int]:
    chars: set[int] = set()
    for ch in node.chars:
        letter = CATEGORY_OF.get(ch)
        chars |= _category(letter) if letter else {ord(ch)}
    folded = _fold(chars, icase)
    return _PROBE - folded if node.negated else folded


def _first(node, syntax: Syntax, icase: bool) -> tuple[frozenset[int], bool]:
    """(the characters a match of `node` can start with, whether it can be empty)."""
    kind = shape(node)
    if kind == "set":
        inner = atomic_tree(node, syntax)
        if inner is not None:
            return _first(inner, syntax, icase)
        return (_PROBE, True) if backref(node, syntax) else (_set_chars(node, icase), False)
    if kind == "any":
        return _PROBE, False
    if kind == "repeat":
        chars, empty = _first(node.base, syntax, icase)
        return chars, empty or node.min == 0
    if kind == "sequence":
        return _first_of(node.parts, syntax, icase)
    if kind == "group":
        found = [_first(o, syntax, icase_in(node, icase)) for o in node.options]
        return frozenset().union(*(s for s, _ in found)), any(e for _, e in found)
    return frozenset(), True  # empty, a look-around


def _first_of(parts, syntax: Syntax, icase: bool) -> tuple[frozenset[int], bool]:
    chars: frozenset[int] = frozenset()
    for part in parts:
        found, empty = _first(part, syntax, icase)
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def _variable(node) -> bool:
    return shape(node) == "repeat" and node.min != node.max


def _walk(node, syntax: Syntax, repeated: bool, icase: bool) -> str | None:
    kind = shape(node)
    if kind == "repeat":
        many = node.max is None or node.max > 1
        if many and repeated:
            return _NESTED
        return _walk(node.base, syntax, repeated or many, icase)
    if kind == "sequence":
        return _walk_parts(flat(node.parts), syntax, repeated, icase)
    if kind == "look":
        return _walk(node.inner, syntax, repeated, icase)
    if kind == "group":
        icase = icase_in(node, icase)
        if len(node.options) == 1:
            return _walk(node.options[0], syntax, repeated, icase)
        return _walk_branch([flat(o.parts) for o in node.options], syntax, repeated, icase)
    return None  # a character, or an atomic part: it never backtracks


def _walk_parts(parts, syntax: Syntax, repeated: bool, icase: bool) -> str | None:
    if repeated:  # (a?a?)+: two variable parts, only optional ones between
        for i, part in enumerate(parts):
            if not _variable(part):
                continue
            chars = _first(part, syntax, icase)[0]
            for other in parts[i + 1:]:
                found, empty = _first(other, syntax, icase)
                if _variable(other) and chars & found:
                    return _SIDE_BY_SIDE
                if not empty:
                    break
    for part in parts:
        reason = _walk(part, syntax, repeated, icase)
        if reason:
            return reason
    return None


def _walk_branch(options: list[list], syntax: Syntax, repeated: bool, icase: bool) -> str | None:
    """Alternatives as Python's parser leaves them: a first part they all
    share is moved out (a|aa is a(?:|a)), and alternatives of one character
    each become one set ([A-Z]|[0-9], A|a), which has nothing to backtrack."""
    prefix = []
    while all(options) and all(o[0] == options[0][0] for o in options):
        prefix.append(options[0][0])
        options = [o[1:] for o in options]
    reason = _walk_parts(prefix, syntax, repeated, icase)
    if reason or all(len(o) == 1 and shape(o[0]) == "set" and not o[0].negated
                     and atomic_tree(o[0], syntax) is None and not backref(o[0], syntax)
                     for o in options):
        return reason
    if repeated:
        seen: frozenset[int] = frozenset()
        for option in options:
            chars, empty = _first_of(option, syntax, icase)
            if empty or chars & seen:
                return _OVERLAP
            seen |= chars
    for option in options:
        reason = _walk_parts(option, syntax, repeated, icase)
        if reason:
            return reason
    return None


@cache  # a pure function of the pattern string
def unsafe_reason(pattern: str) -> str | None:
    """Why matching `pattern` can take exponential time in Python's `re`, or None.

    A best-effort look for the shapes that backtrack exponentially: a
    repeated group holding another repeat ((a+)+, (\\w+\\s?)+, (.*a){20},
    ((a+))+, (a{2,})+), alternatives inside a repeat that can match the same
    text ((a|aa)+, (a|a)+, (\\d+|\\d+\\.)*, (a|)+), and two optional or
    repeated parts side by side inside a repeat that can match the same
    character ((a?a?)+). Atomic groups and possessive quantifiers do not
    backtrack and are allowed. Case-insensitive matching is assumed only
    where the pattern says (?i). It cannot see polynomial blow-ups (.*.*x, or
    [^.]*x on a 300,000-character line without a full stop): only a time
    limit on matching bounds those.
    """
    syntax = parse(pattern)
    if syntax is None:
        return "a nested quantifier" if _NESTED_QUANTIFIER.search(pattern) else None
    return _walk(syntax.tree, syntax, False, False)


