"""Cheap tests that let the text-scanning checks skip blocks they cannot match.

A report is ~70 blocks of text and ~30 rules look for words or patterns in
every one; most blocks contain none of what a rule looks for. Running a
regular expression over a block costs time at every character, for each
rule. The words of a block (a set, built once and shared by every rule) and
its lower-cased text answer "can this block match at all?" with a set
operation or a substring search, so the expensive scan runs only on blocks
that may match.

Every test here is a necessary condition: where it says "maybe", the check
does exactly what it did without it, so findings do not change. Text holding
one of the four non-ASCII characters that `re.IGNORECASE` matches to an ASCII
letter (İ ı ſ K) gets no index, and the caller scans it in full.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ALPHA = re.compile(r"[A-Za-z]+")
# Non-ASCII characters that re.IGNORECASE matches to ASCII letters; the only
# ones whose lower() is not a single character, or is ASCII, are among them.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_WORD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _per_text(function=None, size: int = 1024):
    """Memoise `function` on the text OBJECT (or report), not its value: the
    rules of one report share the work, while another report (even the same
    file checked again, as a benchmark does) is a new object and is scanned
    afresh. The entry holds the object, so its id cannot be reused while it
    is cached. Blocks are read by one rule after another: a small cache
    suffices."""
    if function is None:
        return lambda f: _per_text(f, size)
    cache: dict[int, tuple[object, object]] = {}

    def cached(text):
        hit = cache.get(id(text))
        if hit is not None and hit[0] is text:
            return hit[1]
        value = function(text)
        if len(cache) >= size:
            try:
                del cache[next(iter(cache))]  # the oldest
            except (KeyError, RuntimeError, StopIteration):  # another thread got there
                cache.clear()
        cache[id(text)] = (text, value)
        return value

    cached.cache_clear = cache.clear  # type: ignore[attr-defined]
    return cached


@_per_text
def lowered(text: str) -> str | None:
    """text.lower(), position for position; None for text with İ ı ſ K."""
    if _FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()


@_per_text(size=4)  # it holds the reports: only the last few
def report_text(report) -> str | None:
    """The report's running text (its blocks, one per line), lower-cased:
    one test of a whole report before its blocks; None as for lowered()."""
    text = "\n".join(block.text for _, block in report.blocks())
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


@_per_text
def words(text: str) -> frozenset[str] | None:
    """The runs of ASCII letters in `text`, lower-cased; None for text with İ ı ſ K."""
    low = lowered(text)
    return None if low is None else frozenset(_ALPHA.findall(low))


def present(text: str, wanted: frozenset[str], stems: tuple[str, ...] = ()) -> frozenset[str] | None:
    """The words of `text` (whole runs of ASCII letters, lower-cased) that are
    in `wanted` or start with one of `stems`; None when `text` has no index
    (the caller must scan it in full)."""
    found = words(text)
    if found is None:
        return None
    hits = wanted & found
    if stems:
        low = lowered(text)
        if _any_of(stems).search(low):  # most blocks have none of the stems
            here = tuple(stem for stem in stems if stem in low)
            hits = hits | {word for word in found if word.startswith(here)}
    return hits


@lru_cache(maxsize=64)
def _any_of(strings: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, strings)))


def word_starts(text: str, candidates) -> list[int]:
    """Where a whole run of ASCII letters equal (ignoring case) to one of
    `candidates` starts, not just after a digit or "_": the places where
    `(?<![A-Za-z0-9_])(?:word|...)(?![A-Za-z])` matches with re.I. Only for
    text that has an index (`words(text)` is not None)."""
    low = lowered(text)
    assert low is not None
    out = []
    n = len(low)
    for word in candidates:
        size = len(word)
        i = low.find(word)
        while i != -1:
            j = i + size
            if (i == 0 or low[i - 1] not in _WORD_BEFORE) and (j == n or low[j] not in _LETTERS):
                out.append(i)
            i = low.find(word, i + 1)
    out.sort()
    return out


# ------------------------------------------------- literals of a pattern ----

@lru_cache(maxsize=None)
def needed_literals(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Clauses of lower-case ASCII strings: every match of `pattern` (compiled
    with `flags`, with or without IGNORECASE) contains, ignoring case, at
    least one string of each clause. Empty when nothing is known."""
    try:
        from re import _constants as c
        from re import _parser as sre
        parsed = sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a private module changed, or a bad pattern
        return ()
    ops = (c.LITERAL, c.SUBPATTERN, c.BRANCH, c.MAX_REPEAT, c.MIN_REPEAT,
           getattr(c, "POSSESSIVE_REPEAT", None), getattr(c, "ATOMIC_GROUP", None))
    try:
        clauses = _clauses(list(parsed), ops)
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no pre-check
        return ()
    # The most selective first; drop a clause that another one implies (every
    # string of the other contains one of its strings: {" "} beside {"in "}).
    clauses.sort(key=lambda cl: (-min(map(len, cl)), sorted(cl)))
    kept: list[frozenset[str]] = []
    for clause in clauses:
        if not any(all(any(s in t for s in clause) for t in other) for other in kept):
            kept.append(clause)
    return tuple(kept[:3])


def _clauses(items, ops) -> list[frozenset[str]]:
    LITERAL, SUBPATTERN, BRANCH, MAX_REPEAT, MIN_REPEAT, POSSESSIVE, ATOMIC = ops
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush():
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if op is SUBPATTERN:
            out.extend(_clauses(list(av[-1]), ops))
        elif op is ATOMIC and ATOMIC is not None:
            out.extend(_clauses(list(av), ops))
        elif op in (MAX_REPEAT, MIN_REPEAT) or (POSSESSIVE is not None and op is POSSESSIVE):
            if av[0] >= 1:
                out.extend(_clauses(list(av[2]), ops))
        elif op is BRANCH:
            best = [_best(_clauses(list(alt), ops)) for alt in av[1]]
            if best and all(best):
                out.append(frozenset().union(*best))
    flush()
    return out


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective clause: the one whose shortest string is longest."""
    return max(clauses, key=lambda cl: min(map(len, cl)), default=None)


def may_match(text: str, clauses: tuple[frozenset[str], ...], low: str | None = None) -> bool:
    """False only when `text` lacks every string of some clause (`low`:
    text already lower-cased, by lowered() or report_text())."""
    if not clauses:
        return True
    if low is None:
        low = lowered(text)
        if low is None:
            return True
    for clause in clauses:
        for string in clause:
            if string in low:
                break
        else:
            return False
    return True
