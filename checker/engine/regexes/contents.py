"""What every match of a pattern holds: strings it contains, strings it
starts with, whether it can hold white space. Each answer is a necessary
condition the text-scanning checks use to skip text (checker/engine/textscan.py)."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from checker.engine.regexes.syntax import (
    BOUNDARY,
    CATEGORY_OF,
    SPACE,
    Syntax,
    atomic_tree,
    backref,
    flat,
    parse,
    shape,
    single,
)

# ------------------------------------------------- what a match must hold ----

@cache  # a pure function of the pattern string and flags
def needed_literals(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Clauses of lower-case ASCII strings: every match of `pattern` (compiled
    with `flags`, with or without IGNORECASE) contains, ignoring case, at
    least one string of each clause. Empty when nothing is known."""
    syntax = parse(pattern)
    if syntax is None:
        return ()
    clauses = _clauses(syntax.tree, syntax)
    # The most selective first; drop a clause that another one implies (every
    # string of the other contains one of its strings: {" "} beside {"in "}).
    clauses.sort(key=lambda cl: (-min(map(len, cl)), sorted(cl)))
    kept: list[frozenset[str]] = []
    for clause in clauses:
        if not any(all(any(s in t for s in clause) for t in other) for other in kept):
            kept.append(clause)
    return tuple(kept[:3])


def _clauses(node, syntax: Syntax) -> list[frozenset[str]]:
    kind = shape(node)
    if kind == "group":
        if len(node.options) == 1:
            return _clauses(node.options[0], syntax)
        best = [_best(_clauses(option, syntax)) for option in node.options]
        return [frozenset().union(*best)] if all(best) else []
    if kind == "sequence":
        return _clauses_of(flat(node.parts), syntax)
    if kind == "repeat":
        return _clauses(node.base, syntax) if node.min >= 1 else []
    inner = atomic_tree(node, syntax)
    if inner is not None:
        return _clauses(inner, syntax)
    ch = single(node)
    return [frozenset([ch])] if ch else []


def _clauses_of(parts, syntax: Syntax) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for literal, part in _literal_runs(parts):
        if literal:
            out.append(frozenset([part]))
        elif shape(part) != "look":  # a look-around holds nothing of the match
            out.extend(_clauses(part, syntax))
    return out


def _literal_runs(parts):
    """The parts of a sequence in order, each run of single characters joined:
    (True, "abc") for a run, (False, part) for any other part."""
    run: list[str] = []
    for part in parts:
        ch = single(part)
        if ch:
            run.append(ch)
            continue
        if run:
            yield True, "".join(run)
            run = []
        yield False, part
    if run:
        yield True, "".join(run)


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective clause: the one whose shortest string is longest,
    of those the one with the fewest strings."""
    return max(clauses, key=lambda cl: (min(map(len, cl)), -len(cl)), default=None)


def _cheapest(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """The clause cheapest to look for in a whole report: a mark that is no
    letter, digit or space ("[") is found at memory speed and in few
    places (str.find of one character is vectorised; a longer string is
    read character by character), so the fewest other strings first, then
    the longest shortest string."""
    def reads(clause):
        return sum(len(s) > 1 or s.isalnum() or s.isspace() for s in clause)
    return min(clauses, key=lambda cl: (reads(cl), -min(map(len, cl)), len(cl)), default=None)


@cache  # a pure function of the pattern string and flags
def match_prefixes(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern`
    (compiled with `flags`, with or without IGNORECASE) starts with,
    ignoring case; None when that is not known. In text with an index the
    places where they occur are the only places a match can start
    (textscan.matches())."""
    syntax = parse(pattern)
    found = None if syntax is None else _prefixes(syntax.tree, syntax)
    return frozenset(found) if found else None


def _prefixes(node, syntax: Syntax) -> set[str] | None:
    kind = shape(node)
    if kind == "group":
        out: set[str] = set()
        for option in node.options:
            found = _prefixes(option, syntax)
            if not found:
                return None
            out |= found
        return out
    if kind == "sequence":
        return _prefixes_of(flat(node.parts), syntax)
    if kind == "repeat":
        return _prefixes(node.base, syntax) if node.min >= 1 else None
    inner = atomic_tree(node, syntax)
    if inner is not None:
        return _prefixes(inner, syntax)
    if kind == "set" and not node.negated and not backref(node, syntax) \
            and len(node.chars) <= 16 and all(ord(ch) < 128 for ch in node.chars):
        return {ch.lower() for ch in node.chars} or None  # a class of a few ASCII characters
    return None


def _prefixes_of(parts, syntax: Syntax) -> set[str] | None:
    """The strings every match of the sequence `parts` starts with one of."""
    for literal, part in _literal_runs(parts):
        if literal:  # a run of literals starts every match
            return {part}
        if shape(part) not in ("look", "empty"):  # \b, ^, look-arounds: the match
            return _prefixes(part, syntax)        # starts after them
    return None


# ------------------------------------------------ words a match must hold ----

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
        best = [_best(_words(option, syntax, before, after)) for option in node.options]
        return [frozenset().union(*best)] if all(best) else []
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


# ------------------------------------------------ white space in a match ----

@cache  # a pure function of the pattern string
def space_locality(pattern: str) -> int:
    r"""How far the matches of `pattern` keep to runs of text between ASCII
    white space (0 when unsure):
    1: no match holds white space, so each is inside one run;
    2: also, a match is never empty and, from a start inside a run, no part
       of the pattern (lookarounds included) reads past the white space that
       ends the run, and none tells that white space from the end of the
       text (\b does not, $ does): the pattern read over one run, with
       pos and endpos, finds what it finds there in the whole text."""
    syntax = parse(pattern)
    if syntax is None or _reads_space(syntax.tree, syntax, strict=False):
        return 0
    if "end" in syntax.anchors or _min_width(syntax.tree, syntax) < 1 \
            or _reads_space(syntax.tree, syntax, strict=True):
        return 1
    return 2


def _reads_space(node, syntax: Syntax, strict: bool) -> bool:
    """Whether `node` may match white space (strict: in lookarounds too)."""
    kind = shape(node)
    if kind == "set":
        inner = atomic_tree(node, syntax)
        if inner is not None:
            return _reads_space(inner, syntax, strict)
        if node.negated or backref(node, syntax):
            return True
        return any(CATEGORY_OF.get(ch, "w") not in "wd" or ch in SPACE for ch in node.chars)
    if kind == "repeat":
        return _reads_space(node.base, syntax, strict)
    if kind == "sequence":
        return any(_reads_space(part, syntax, strict) for part in node.parts)
    if kind == "group":
        return any(_reads_space(option, syntax, strict) for option in node.options)
    if kind == "look":
        return strict and _reads_space(node.inner, syntax, strict)
    return kind == "any"


def _min_width(node, syntax: Syntax) -> int:
    kind = shape(node)
    if kind == "set":
        inner = atomic_tree(node, syntax)
        if inner is not None:
            return _min_width(inner, syntax)
        return 0 if backref(node, syntax) else 1
    if kind == "repeat":
        return node.min * _min_width(node.base, syntax)
    if kind == "sequence":
        return sum(_min_width(part, syntax) for part in node.parts)
    if kind == "group":
        return min(_min_width(option, syntax) for option in node.options)
    return 1 if kind == "any" else 0
