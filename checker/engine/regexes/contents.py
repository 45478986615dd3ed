"""What every match of a pattern holds: strings it contains, strings it
starts with, whether it can hold white space (the words it holds are
words.py's). Each answer is a necessary condition the text-scanning checks
use to skip text (checker/engine/textscan.py)."""

from __future__ import annotations

from functools import cache

from checker.engine.regexes.syntax import (
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
        return _either(_clauses(option, syntax) for option in node.options)
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


def _either(per_option) -> list[frozenset[str]]:
    """The clause of an alternation, from each option's clauses: every match
    holds a string of one option's most selective clause; nothing is known
    when an option has none."""
    best = [_best(clauses) for clauses in per_option]
    return [frozenset().union(*best)] if all(best) else []


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
