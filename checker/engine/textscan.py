"""Cheap tests that let the text-scanning checks skip blocks they cannot match.

A report is ~70 blocks of text and ~30 rules look for words or patterns in
every one; most blocks contain none of what a rule looks for. Running a
regular expression over a block costs time at every character, for each
rule. The words of a block (a set, built once and shared by every rule) and
its lower-cased text answer "can this block match at all?" with a set
operation or a substring search, so the expensive scan runs only on blocks
that may match. The same holds within a report (one search of its whole
text for a string finds the blocks that may hold it: holding()) and within
a block (an expression is tried only where a string every match starts
with occurs: matches()).

Every test here is a necessary condition: where it says "maybe", the check
does exactly what it did without it, so findings do not change. Text holding
one of the four non-ASCII characters that `re.IGNORECASE` matches to an ASCII
letter (İ ı ſ K) gets no index, and the caller scans it in full.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

_ALPHA = re.compile(r"[A-Za-z]+")
# Non-ASCII characters that re.IGNORECASE matches to ASCII letters; the only
# ones whose lower() is not a single character, or is ASCII, are among them.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_WORD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _make_room(store: dict, size: int) -> None:
    """Drop the oldest entry of `store` once it holds `size` (all of them if
    another thread got there first): the memos here are bounded, in
    insertion order."""
    if len(store) >= size:
        try:
            del store[next(iter(store))]
        except (KeyError, RuntimeError, StopIteration):
            store.clear()


class PerObject:
    """Memos for the last `size` objects (reports), keyed by identity, as
    _per_text keeps them: a rule's work on one report is shared by the
    rules after it, while another report, even of the same text, is a new
    object and is worked on afresh. Each entry holds its object, so its id
    cannot be reused while the entry is kept."""

    def __init__(self, size: int):
        self._store: dict[int, tuple[object, list]] = {}
        self._size = size

    def memos(self, obj) -> list:
        """The list of memos kept for `obj` (empty at first), for the caller
        to search and append to."""
        hit = self._store.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        _make_room(self._store, self._size)
        memos: list = []
        self._store[id(obj)] = (obj, memos)
        return memos


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
    get = cache.get

    def cached(text):
        hit = get(id(text))
        if hit is not None and hit[0] is text:
            return hit[1]
        value = function(text)
        _make_room(cache, size)
        cache[id(text)] = (text, value)
        return value

    cached.cache_clear = cache.clear  # type: ignore[attr-defined]
    return cached


def _folds(text: str) -> bool:
    """Does `text` hold a character of _FOLDS_TO_ASCII? (Four searches for
    one character are many times faster than the expression's search.)"""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


@_per_text
def lowered(text: str) -> str | None:
    """text.lower(), position for position; None for text with İ ı ſ K."""
    if _folds(text):
        return None
    return text.lower()


@_per_text(size=4)  # it holds the reports: only the last few
def report_text(report) -> str | None:
    """The report's running text (its blocks, one per line), lower-cased:
    one test of a whole report before its blocks; None as for lowered()."""
    text = "\n".join(block.text for _, block in report.blocks())
    return None if _folds(text) else text.lower()


# Bytes of ASCII letters kept, every other byte a space: with each
# character beyond ASCII encoded as "?", the runs of ASCII letters of a text
# are the words split() finds in it, which is twice as fast as
# _ALPHA.findall() and building the set is the rest of the cost.
_LETTERS_ONLY = bytes(b if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))


@_per_text
def words(text: str) -> frozenset[str] | None:
    """The runs of ASCII letters in `text`, lower-cased; None for text with İ ı ſ K."""
    low = lowered(text)
    if low is None:
        return None
    return frozenset(low.encode("ascii", "replace").translate(_LETTERS_ONLY).decode("ascii").split())


def present(text: str, wanted: frozenset[str]) -> frozenset[str] | None:
    """The words of `text` (whole runs of ASCII letters, lower-cased) that are
    in `wanted`; None when `text` has no index (the caller must scan it in
    full)."""
    found = words(text)
    return None if found is None else wanted & found


def word_places(text: str, candidates) -> list[tuple[int, str]]:
    """(start, word), in order, for each place where one of `candidates`
    (words of `text`: lower-case runs of ASCII letters, as words() gives
    them) stands as a whole run of ASCII letters, not just after a digit or
    "_": where `(?<![A-Za-z0-9_])(?:word|...)(?![A-Za-z])` matches with
    re.I. Only for text that has an index (`words(text)` is not None)."""
    low = lowered(text)
    assert low is not None
    out = []
    n = len(low)
    for word in candidates:
        size = len(word)
        if size <= 2:  # in many words ("e", "on"): the engine skips those
            rx = _SHORT.get(word) or _short(word)
            out += [(m.start(), word) for m in rx.finditer(low)]
            continue
        i = low.find(word)
        while i != -1:
            j = i + size
            if (i == 0 or low[i - 1] not in _WORD_BEFORE) and (j == n or low[j] not in _LETTERS):
                out.append((i, word))
            # an overlapping occurrence follows a letter of this one: it is
            # no whole word, so the search goes on after this one
            i = low.find(word, j)
    out.sort()  # starts differ: two words cannot both be whole at one place
    return out


_SHORT: dict[str, re.Pattern] = {}


def _short(word: str) -> re.Pattern:
    """`word` as a whole word of lower-cased text, as word_places() tests
    it: the word first and the test of the character before it after, so
    the engine's fast search for a literal prefix applies."""
    w = re.escape(word)
    rx = _SHORT[word] = re.compile(f"{w}(?<![a-z0-9_]{w})(?![a-z])")
    return rx


def starts_in(whole: str | None, texts) -> list[int] | None:
    """Where each of `texts` starts in `whole`, their lower-cased text
    joined one per line (report_text() of the report whose blocks' texts
    they are); None when `whole` is None or not that text position for
    position."""
    if whole is None:
        return None
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return starts if at - 1 == len(whole) else None


def holding(whole: str, starts: list[int], strings) -> set[int]:
    """The indexes of the texts (starts_in()) in which one of `strings`
    (lower-case) may occur, found by one search of `whole` for each string
    rather than one of each text: every text holding one is among them."""
    found: set[int] = set()
    last = len(starts) - 1
    for string in strings:
        i = whole.find(string)
        while i != -1:
            index = bisect_right(starts, i) - 1
            found.add(index)
            if index >= last:
                break
            i = whole.find(string, starts[index + 1])  # the next text on
    return found


_UNIONS: dict[tuple[int, ...], tuple] = {}  # words_of()


def words_of(texts) -> frozenset[str] | None:
    """The union of words(text) over `texts` (a report's blocks), None when
    one of them has no index. Memoised on the text OBJECTS, as _per_text
    does (the last few sequences), so the rules of one report share it."""
    texts = tuple(texts)
    key = tuple(map(id, texts))
    hit = _UNIONS.get(key)
    if hit is not None:  # the entry holds the texts: their ids are theirs
        return hit[1]
    sets = list(map(words, texts))
    union = None if None in sets else frozenset().union(*sets)
    _make_room(_UNIONS, 8)
    _UNIONS[key] = (texts, union)
    return union


# ------------------------------------------------- literals of a pattern ----

@cache
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


@cache
def match_prefixes(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern`
    (compiled with `flags`, with or without IGNORECASE) starts with,
    ignoring case; None when that is not known. In text with an index the
    places where they occur are the only places a match can start
    (matches())."""
    try:
        from re import _constants as c
        from re import _parser as sre
        parsed = sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a private module changed, or a bad pattern
        return None
    ops = (c.LITERAL, c.SUBPATTERN, c.BRANCH, c.MAX_REPEAT, c.MIN_REPEAT,
           getattr(c, "POSSESSIVE_REPEAT", None), getattr(c, "ATOMIC_GROUP", None),
           (c.AT, c.ASSERT, c.ASSERT_NOT), (c.IN, c.RANGE))
    try:
        found = _prefixes(list(parsed), ops)
    except Exception:  # noqa: BLE001 - an unexpected parse tree: nothing known
        return None
    return frozenset(found) if found else None


def _prefixes(items, ops) -> set[str] | None:
    """The strings every match of the sequence `items` starts with one of."""
    LITERAL, SUBPATTERN, BRANCH, MAX_REPEAT, MIN_REPEAT, POSSESSIVE, ATOMIC, ZERO_WIDTH, \
        (IN, RANGE) = ops
    run = []
    for op, av in items:
        if op is LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:  # a run of literals starts every match
            break
        if op in ZERO_WIDTH:
            continue  # \b, ^, look-arounds: the match starts after them
        if op is SUBPATTERN:
            return _prefixes(list(av[-1]), ops)
        if op is ATOMIC and ATOMIC is not None:
            return _prefixes(list(av), ops)
        if op in (MAX_REPEAT, MIN_REPEAT) or (POSSESSIVE is not None and op is POSSESSIVE):
            return _prefixes(list(av[2]), ops) if av[0] >= 1 else None
        if op is BRANCH:
            out: set[str] = set()
            for alternative in av[1]:
                found = _prefixes(list(alternative), ops)
                if not found:
                    return None
                out |= found
            return out
        if op is IN:  # a class of a few ASCII characters ("[1-9]", "1|2|3")
            chars: set[str] = set()
            for item, value in av:
                if item is LITERAL and value < 128:
                    chars.add(chr(value).lower())
                elif item is RANGE and value[1] < 128 and value[1] - value[0] < 16:
                    chars.update(chr(v).lower() for v in range(value[0], value[1] + 1))
                else:  # a negated class, a category, a wide range
                    return None
            return chars or None
        return None
    return {"".join(run)} if run else None


def matches(rx: re.Pattern, text: str, prefixes: frozenset[str] | None):
    """rx.finditer(text), as a list; `prefixes`: match_prefixes() of the
    expression. In text with an index the expression is tried only where
    one of them occurs, not at every character (an expression compiled
    with IGNORECASE and starting with a group gets no fast search from the
    engine)."""
    low = lowered(text) if prefixes else None
    if low is None:
        return list(rx.finditer(text))
    starts = set()
    for prefix in prefixes:
        i = low.find(prefix)
        while i != -1:
            starts.add(i)
            i = low.find(prefix, i + 1)
    out = []
    end = 0
    for start in sorted(starts):
        # finditer() searches on from the end of each match: the next match
        # is the first from there that the expression makes at a place
        # where one can start (no match is empty: each starts with a prefix)
        if start >= end:
            m = rx.match(text, start)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def may_match(text: str, clauses: tuple[frozenset[str], ...], low: str | None = None) -> bool:
    """False only when `text` lacks every string of some clause (`low`:
    text already lower-cased, by lowered() or report_text())."""
    if not clauses:
        return True
    if low is None:
        low = lowered(text)
        if low is None:
            return True
    long = len(low) > _LONG
    for clause in clauses:
        if long and len(clause) > 1:
            rx = _ALTERNATIVES.get(clause, False)
            if rx is False:
                rx = _alternatives(clause)
            if rx is not None:
                if rx.search(low) is None:
                    return False
                continue
        for string in clause:
            if string in low:
                break
        else:
            return False
    return True


_LONG = 4000  # characters: a whole report rather than a block
_ALTERNATIVES: dict[frozenset[str], re.Pattern | None] = {}
# Characters that start many English words (and spaces): a search for
# strings that start with one of them stops at every few characters.
_COMMON_STARTS = frozenset(" etaoinshrdlcumwfgypb")


def _alternatives(clause: frozenset[str]) -> re.Pattern | None:
    """For a search of a long text for any of several strings at once: an
    expression, when no string starts with a common character (the engine
    then skips the text to a character some string starts with, faster
    than a search for each string that the text lacks, as it mostly does:
    "jtai|joint targeted area inspection", "19|20"); else None (a search
    for each string is faster)."""
    if len(_ALTERNATIVES) >= 1024:
        _ALTERNATIVES.clear()
    rx = None
    if all(string[:1] and string[0] not in _COMMON_STARTS for string in clause):
        rx = re.compile("|".join(map(re.escape, sorted(clause))))
    _ALTERNATIVES[clause] = rx
    return rx
