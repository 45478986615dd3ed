"""Cheap tests that let the text-scanning checks skip blocks they cannot match.

A report is ~70 blocks of text and ~30 rules look for words or patterns in
every one; most blocks contain none of what a rule looks for. Running a
regular expression over a block costs time at every character, for each
rule. The words of a block (a set, built once per report and shared by every
rule: TextIndex, held by the report's Analysis) and its lower-cased text
answer "can this block match at all?" with a set operation or a substring
search, so the expensive scan runs only on blocks that may match. The same
holds within a report (one search of its whole text for a string finds the
blocks that may hold it: BlockTexts.holding()) and within a block (an
expression is tried only where a string every match starts with occurs:
matches()). What a pattern's matches must hold is read from the pattern by
checker/engine/regexes.

Every test here is a necessary condition: where it says "maybe", the check
does exactly what it did without it, so findings do not change. Text holding
one of the four non-ASCII characters that `re.IGNORECASE` matches to an ASCII
letter (İ ı ſ K) gets no index, and the caller scans it in full.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, cached_property, lru_cache

_WORD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# Bytes of ASCII letters kept, every other byte a space: with each
# character beyond ASCII encoded as "?", the runs of ASCII letters of a text
# are the words split() finds in it, which is twice as fast as a regular
# expression's findall() and building the set is the rest of the cost.
_LETTERS_ONLY = bytes(b if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))


def lower_or_none(text: str) -> str | None:
    """text.lower(), position for position; None for text with İ ı ſ K
    (the non-ASCII characters re.IGNORECASE matches to ASCII letters; the
    only ones whose lower() is not a single character, or is ASCII, are
    among them). Four searches for one character are many times faster
    than one search for a class of them."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text:
        return None
    return text.lower()


def word_runs(low: str) -> list[str]:
    """The runs of ASCII letters of lower-cased text, in order."""
    return low.encode("ascii", "replace").translate(_LETTERS_ONLY).decode("ascii").split()


def word_places(low: str, candidates) -> list[tuple[int, str]]:
    """(start, word), in order, for each place where one of `candidates`
    (words of the lower-cased text `low`, as word_runs() gives them) stands
    as a whole run of ASCII letters, not just after a digit or "_": where
    `(?<![A-Za-z0-9_])(?:word|...)(?![A-Za-z])` matches with re.I."""
    out = []
    n = len(low)
    for word in candidates:
        size = len(word)
        if size <= 2:  # in many words ("e", "on"): the engine skips those
            out += [(m.start(), word) for m in _short(word).finditer(low)]
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


@cache  # a pure function of a (short) word
def _short(word: str) -> re.Pattern:
    """`word` as a whole word of lower-cased text, as word_places() tests
    it: the word first and the test of the character before it after, so
    the engine's fast search for a literal prefix applies."""
    w = re.escape(word)
    return re.compile(f"{w}(?<![a-z0-9_]{w})(?![a-z])")


def holding(whole: str, starts: list[int], strings) -> set[int]:
    """The indexes of the texts (starting at `starts` in `whole`, their
    lower-cased text joined one per line) in which one of `strings`
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


def matches(rx: re.Pattern, text: str, low: str | None, prefixes: frozenset[str] | None):
    """rx.finditer(text), as a list; `low`: the text lower-cased
    (lower_or_none()), `prefixes`: regexes.match_prefixes() of the
    expression. In text with an index the expression is tried only where
    one of them occurs, not at every character (an expression compiled
    with IGNORECASE and starting with a group gets no fast search from the
    engine)."""
    if low is None or not prefixes:
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


def may_match(low: str | None, clauses: tuple[frozenset[str], ...]) -> bool:
    """False only when the lower-cased text `low` lacks every string of
    some clause (regexes.needed_literals()); True for text without an
    index (None)."""
    if not clauses or low is None:
        return True
    long = len(low) > _LONG
    for clause in clauses:
        if long and len(clause) > 1:
            rx = _alternatives(clause)
            if rx is not None:
                if rx.search(low) is None:
                    return False
                continue
        if not any(string in low for string in clause):
            return False
    return True


_LONG = 4000  # characters: a whole report rather than a block
# Characters that start many English words (and spaces): a search for
# strings that start with one of them stops at every few characters.
_COMMON_STARTS = frozenset(" etaoinshrdlcumwfgypb")


@lru_cache(maxsize=1024)  # a pure function of the clause (a rule's strings)
def _alternatives(clause: frozenset[str]) -> re.Pattern | None:
    """For a search of a long text for any of several strings at once: an
    expression, when no string starts with a common character (the engine
    then skips the text to a character some string starts with, faster
    than a search for each string that the text lacks, as it mostly does:
    "jtai|joint targeted area inspection", "19|20"); else None (a search
    for each string is faster)."""
    if all(string[:1] and string[0] not in _COMMON_STARTS for string in clause):
        return re.compile("|".join(map(re.escape, sorted(clause))))
    return None


class TextIndex:
    """The lower-cased text and the word set of each text asked about, each
    computed once: one report's Analysis holds one, so the rules of the
    report share the work and the next report starts afresh. Keyed by the
    text's value (a string caches its hash), so no identity is involved."""

    def __init__(self):
        self._lowered: dict[str, str | None] = {}
        self._words: dict[str, frozenset[str] | None] = {}
        self._runs: dict[str, list[str] | None] = {}

    def lowered(self, text: str) -> str | None:
        """lower_or_none(text)."""
        try:
            return self._lowered[text]
        except KeyError:
            low = self._lowered[text] = lower_or_none(text)
            return low

    def words(self, text: str) -> frozenset[str] | None:
        """The runs of ASCII letters in `text`, lower-cased; None for text
        with İ ı ſ K (the caller must scan it in full)."""
        try:
            return self._words[text]
        except KeyError:
            runs = self.runs(text)
            found = self._words[text] = None if runs is None else frozenset(runs)
            return found

    def runs(self, text: str) -> list[str] | None:
        """The same runs in order (a word typed twice is two equal
        neighbours); None as for words()."""
        try:
            return self._runs[text]
        except KeyError:
            low = self.lowered(text)
            found = self._runs[text] = None if low is None else word_runs(low)
            return found

    def present(self, text: str, wanted: frozenset[str]) -> frozenset[str] | None:
        """The words of `text` that are in `wanted`; None when `text` has no index."""
        found = self.words(text)
        return None if found is None else wanted & found

    def word_places(self, text: str, candidates) -> list[tuple[int, str]]:
        """word_places() of the text; only for text with an index."""
        low = self.lowered(text)
        assert low is not None
        return word_places(low, candidates)

    def matches(self, rx: re.Pattern, text: str, prefixes: frozenset[str] | None):
        """matches() of the text: rx.finditer(text) as a list."""
        return matches(rx, text, self.lowered(text) if prefixes else None, prefixes)

    def may_match(self, text: str, clauses: tuple[frozenset[str], ...]) -> bool:
        """may_match() of the text."""
        return may_match(self.lowered(text) if clauses else None, clauses)


class BlockTexts:
    """The texts of a run of blocks ((kind, block) pairs, as
    Report.blocks() gives them) and what one look at them all gives: their
    lower-cased text joined one per line, where each starts in it, the union
    of their words. Each is computed when first asked for."""

    def __init__(self, blocks, index: TextIndex, shared: bool = False):
        self.blocks = blocks
        self.texts = [block.text for _, block in blocks]
        self._index = index
        # read by many rules (the running text's): worth the union of the
        # words, which rules a clause out with one set operation
        self._shared = shared
        # what each string's search found: rules look for the same strings
        # ("appointment of ", "it's"), and a search reads the whole report
        self._holding: dict[str, set[int]] = {}
        self._contains: dict[str, bool] = {}
        self._with: dict[frozenset[str], set[int]] = {}

    @cached_property
    def lowered(self) -> list[str | None]:
        """Each text lower-cased (lower_or_none()), as the index holds it."""
        return list(map(self._index.lowered, self.texts))

    @cached_property
    def joined(self) -> str | None:
        """The texts, one per line, lower-cased; None as for lower_or_none().
        Joined from each text's lower-cased copy, which the index mostly
        holds already (lower-casing a report's text costs as much again)."""
        return None if None in self.lowered else "\n".join(self.lowered)

    @cached_property
    def starts(self) -> list[int] | None:
        """Where each text starts in `joined`; None when `joined` is None or
        not the texts position for position."""
        if self.joined is None:
            return None
        starts, at = [], 0
        for text in self.texts:
            starts.append(at)
            at += len(text) + 1
        return starts if at - 1 == len(self.joined) else None

    @cached_property
    def indexed(self) -> bool:
        """Whether every text has a word set (the index has none for text
        with İ ı ſ K)."""
        return all(words is not None for words in self.word_sets)

    @cached_property
    def words(self) -> frozenset[str] | None:
        """The union of the texts' words; None when one of them has no index.
        (From each text's word set, which other rules read too.)"""
        return frozenset().union(*self.word_sets) if self.indexed else None

    def holding(self, strings) -> set[int] | None:
        """The indexes of the texts that may hold one of `strings`
        (lower-case); None when that is not known (every text may)."""
        if self.starts is None:
            return None
        found: set[int] = set()
        for string in strings:
            hits = self._holding.get(string)
            if hits is None:
                hits = self._holding[string] = holding(self.joined, self.starts, (string,))
            found |= hits
        return found

    def contains(self, string: str) -> bool | None:
        """Whether `string` (lower-case) is in the joined text; None when
        that is not known."""
        if self.joined is None:
            return None
        found = self._contains.get(string)
        if found is None:
            found = self._contains[string] = string in self.joined
        return found

    def with_words(self, clauses: tuple[frozenset[str], ...]) -> set[int] | None:
        """The indexes of the texts whose words include one of each clause
        (regexes.needed_words); None when that is not known. Set lookups in
        the word sets the index holds, where a search of the joined text
        for a string reads it all. The first clause (the most selective)
        finds the texts; each other one is looked up only in those."""
        if not clauses or not self.indexed:
            return None
        # The union of the words rules out a clause the report never uses
        # with one set operation; for texts few rules read, building it
        # (~60 us) costs more than a pass over their word sets (~3 us).
        if self._shared:  # each clause cut to the words the report uses
            union = self.words
            clauses = [clause & union for clause in clauses]
            if not all(clauses):
                return set()
        found = self._with_clause(clauses[0])
        sets = self.word_sets
        for clause in clauses[1:]:
            if not found:
                break
            found = {i for i in found if not clause.isdisjoint(sets[i])}
        return found

    def may_hold(self, alternatives) -> set[int] | None:
        """The indexes of the texts that may hold a match of a pattern, from
        regexes.needed_by_alternative(): the union, over its alternatives,
        of the texts with its words (with_words) or, for one that names no
        word, with one of its strings (holding); None when that is not known."""
        if alternatives is None:
            return None
        found: set[int] = set()
        for alternative in alternatives:
            hits = self.with_words(alternative.words) if alternative.words else None
            if hits is None and alternative.strings is not None:
                hits = self.holding(alternative.strings)
            if hits is None:
                return None
            found |= hits
        return found

    def _with_clause(self, clause: frozenset[str]) -> set[int]:
        """The indexes of the texts holding a word of `clause` (rules look
        for the same words: kept)."""
        hits = self._with.get(clause)
        if hits is None:
            hits = self._with[clause] = {
                i for i, words in enumerate(self.word_sets) if not clause.isdisjoint(words)}
        return set(hits)

    @cached_property
    def word_sets(self) -> list[frozenset[str] | None]:
        """Each text's words, as the index holds them (None: no index)."""
        return list(map(self._index.words, self.texts))
