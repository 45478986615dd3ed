"""Finding listed words and phrases in running text: the matcher behind the
house-style checks (checker/checks/style.py).

An entry is a word or a phrase ("care experienced", "child minder*": a final
"*" matches the rest of a word), matched ignoring case, as whole words; at
each place the longest entry wins and matches do not overlap.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import NamedTuple

from checker.engine.textscan import BlockTexts, TextIndex

_APOSTROPHES = "'’"
_ALPHA = re.compile(r"[A-Za-z]+")
_NONE = object()  # no payload


def phrase_regex(phrase: str, plural: bool = False) -> str:
    """A phrase as a regular expression: spaces match any run of white space
    (a phrase may wrap), apostrophes match straight or curly, a final "*"
    matches the rest of a word; with `plural` each word may take an "s"."""
    words = []
    for word in phrase.split():
        stem = word.endswith("*")
        word = word.rstrip("*")
        rx = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        if stem:
            rx += r"\w*"
        elif plural and word[-1:].isalpha():
            rx += "s?"
        words.append(rx)
    return r"\s+".join(words)


def trie_regex(words) -> str:
    """An alternation of literal words factored by their common prefixes,
    which the regex engine scans fast (a flat alternation of hundreds of
    words is tried word by word at every position)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return build(trie)


@cache  # a pure function of the pattern string
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


class _Needs(NamedTuple):
    """What every match of a phrase has besides its first run of letters:
    one of `words` as a whole run of letters in the text, or (`words`
    empty) the string `text` in the lower-cased text."""
    words: frozenset[str]
    text: str | None


def _other_word(phrase: str, plural: bool) -> _Needs | None:
    """What every match of the phrase's expression (phrase_regex) has
    besides its first run of letters, from the longest later run: the
    words one of which is a whole run of letters in the text, with a
    plural "s" where one is allowed ({"experienced"} for "care
    experienced"), or, where every later run ends in a stem, a string the
    lower-cased text contains ("minder" for "child minder*"). None when
    there is no later run or it is not known (letters beyond ASCII, which
    re.IGNORECASE may match to ASCII ones)."""
    if not phrase.isascii():
        return None
    best: tuple[str, tuple[str, ...]] | None = None
    stem = None
    for k, word in enumerate(phrase.lower().split()):
        for m in _ALPHA.finditer(word):
            run, end = m.group(0), m.end()
            if k == 0 and m.start() == 0:
                continue  # the first run: the place's own word
            if word[end:end + 1] == "*":  # a stem: the text's word only begins so
                if stem is None or len(run) > len(stem):
                    stem = run
            elif best is None or len(run) > len(best[0]):
                # a run bounded by white space or characters that are not
                # letters, in the phrase and so in the text it matches
                best = (run, (run, run + "s") if plural and end == len(word) else (run,))
    if best is not None:
        return _Needs(frozenset(best[1]), None)
    return None if stem is None else _Needs(frozenset(), stem)


class _Candidate(NamedTuple):
    """An entry that is not one plain word: its expression (compiled when
    first needed), payload, first run of letters, whether that run is a
    stem, and what else a match needs (_other_word)."""
    pattern: str
    payload: object
    run: str
    stem: bool
    needs: _Needs | None

    def starts(self, word: str, plural: bool) -> bool:
        """Whether the entry can match where the text's word `word` starts."""
        if self.stem:
            return word.startswith(self.run)
        return word == self.run or (plural and word == self.run + "s")


class _Plan(NamedTuple):
    """What may match where a word starts: the candidates (compiled, with
    their payloads) in the order tried, the payload of the word as a
    one-word entry (or _NONE), and the gate: (words, strings) one of which
    a text has where a candidate may match, or None when that is not known."""
    candidates: tuple[tuple[re.Pattern, object], ...]
    exact: object
    gate: tuple[frozenset[str], tuple[str, ...]] | None


class Lexicon:
    """Finds listed words and phrases in text, fast enough to run several
    lists over every report. In text with a word index (TextIndex) the
    places where an entry could start are found with set operations: the
    whole words of the text that are listed or begin with a listed stem,
    less those no entry can match at here (every entry starting with the
    word needs another word the text lacks: "care" without "experienced").
    Then a dict lookup (one-word entries) or the entry's own regular
    expression (phrases, hyphenated words, "stem*", plurals) decides. Text
    without an index is scanned with one prefix-factored regular expression
    (`_starts`).

    With `hyphen_joins` false, a match joined to a word by a hyphen
    ("Good-quality") does not count. A lexicon is built once per rule's
    args and kept: what it learns about words (starting(), _plan()) are
    facts about its own entries, true for every report."""

    # Words classified against the stems (starting()) before the memo is reset.
    _MEMO_LIMIT = 100_000

    def __init__(self, entries, plural: bool = False, hyphen_joins: bool = True):
        self.exact: dict[str, object] = {}
        self.other: dict[str, list[_Candidate]] = {}
        self.hyphen_joins = hyphen_joins
        self.plural = plural
        words, stems = set(), set()
        for phrase, payload in entries:
            phrase = str(phrase)
            low = phrase.lower()
            if not plural and _ALPHA.fullmatch(low):
                self.exact.setdefault(low, payload)
                words.add(low)
                continue
            first = _ALPHA.match(low)
            if first is None:
                continue
            run = first.group(0)
            stem = low[len(run):len(run) + 1] == "*"
            if stem:
                stems.add(run)
            else:
                words.update((run, run + "s") if plural else (run,))
            self.other.setdefault(run[:3], []).append(_Candidate(
                phrase_regex(phrase, plural) + r"(?!\w)", payload, run, stem,
                _other_word(phrase, plural)))
        for candidates in self.other.values():
            candidates.sort(key=lambda c: len(c.pattern), reverse=True)
        self.words = frozenset(words)
        self.stems = tuple(sorted(stems))
        self._plans: dict[str, _Plan] = {}  # word -> what may match where it starts
        # (words already classified, the listed words and those classified
        # as beginning with a stem): one tuple, replaced whole, so a thread
        # never sees one set reset and not the other
        self._memo: tuple[set, set] = (set(), set(self.words))

    @cached_property
    def _starts(self) -> str:
        """A prefix-factored expression for where an entry could start; only
        for text without a word index."""
        alternatives = []
        if self.words:
            alternatives.append("(?:" + trie_regex(self.words) + ")(?![A-Za-z])")
        if self.stems:
            alternatives.append(trie_regex(self.stems))
        return r"(?<![A-Za-z0-9_])(?:" + "|".join(alternatives) + ")"

    def starting(self, found: frozenset[str]) -> frozenset[str]:
        """The words of `found` (lower-case runs of ASCII letters) where an
        entry could start: listed words and words that begin with a stem.

        Which words begin with a stem is remembered across reports (the
        words of a report are mostly ones seen before), so a report costs
        two set operations, not a test of each of its words."""
        if not self.stems:
            return found & self.words
        memo = self._memo
        seen, starting = memo
        new = found - seen
        if new:
            if len(seen) > self._MEMO_LIMIT:  # a bound on memory: start afresh
                self._memo = memo = (set(), set(self.words))
                seen, starting = memo
                new = found
            stems = self.stems
            starting.update([word for word in new if word.startswith(stems)])
            seen.update(new)  # after `starting`: a seen word is classified
        return found & starting

    def _live(self, found: frozenset[str], hits, low: str | None = None) -> list[str]:
        """The words of `hits` (starting(), a subset of `found`) where an
        entry may match in text whose words are `found` (and lower-cased
        text `low`, when given): a one-word entry, or an entry whose other
        word or string (_other_word) the text has."""
        out = []
        for word in hits:
            gate = self._plan(word).gate
            if gate is None or not found.isdisjoint(gate[0]) or \
                    (gate[1] and (low is None or any(part in low for part in gate[1]))):
                out.append(word)
        return out

    def _places(self, text: str, index: TextIndex):
        """Where an entry could start: the start of a whole word that is one
        of `words` or begins with one of `stems` (where the expression
        `_starts` matches, which is built and compiled only for text
        without a word index)."""
        found = index.words(text)
        if found is None:
            return [m.start() for m in compiled(self._starts).finditer(text)]
        hits = self.starting(found)
        return [start for start, _ in index.word_places(text, hits)] if hits else []

    def _plan(self, word: str) -> _Plan:
        """What may match where `word` starts (_Plan). A candidate can match
        only where the word is its first run of letters (a stem: where the
        word begins with it; with plurals, the run may take an "s"): the
        others are left out once here rather than tried at every place."""
        plan = self._plans.get(word)
        if plan is not None:
            return plan
        candidates = [c for c in self.other.get(word[:3], ()) if c.starts(word, self.plural)]
        exact = self.exact.get(word, _NONE)
        gate = None
        if exact is _NONE and all(c.needs is not None for c in candidates):
            gate = (frozenset().union(*(c.needs.words for c in candidates)),
                    tuple({c.needs.text: 0 for c in candidates if c.needs.text is not None}))
        plan = self._plans[word] = _Plan(
            tuple((compiled(c.pattern), c.payload) for c in candidates), exact, gate)
        return plan

    def matches(self, texts: BlockTexts, index: TextIndex
                ) -> list[tuple[object, list[tuple[int, int, object]]]]:
        """(block, [(start, end, payload), ...] as find() gives them) for
        each block of `texts` with a match, in order. The words of all the
        blocks together (BlockTexts.words, shared by the rules of a report)
        say at once which words can start an entry, and most blocks have
        none of them."""
        if not self.words and not self.stems:
            return []
        union = texts.words
        among = None
        if union is not None:
            among = frozenset(self._live(union, self.starting(union)))
            if not among:
                return []
        out = []
        for _, block in texts.blocks:
            here = list(self.find(block.text, index, among))
            if here:
                out.append((block, here))
        return out

    def find(self, text: str, index: TextIndex, among: frozenset[str] | None = None):
        """(start, end, payload) for each match, in order. `among`: words
        where an entry may start in a text holding this one (matches()
        gives the report's), saving that work for each block."""
        if not self.words and not self.stems:
            return
        found = index.words(text)
        if found is None:  # no word index: as the expression finds them
            yield from self._find_scanned(text)
            return
        hits = found & among if among is not None else self.starting(found)
        if hits:  # most blocks have none: their lower-cased text is not needed
            hits = self._live(found, hits, index.lowered(text))
        if hits:
            yield from self._decide(text, index.word_places(text, hits))

    def _joined_by_hyphen(self, text: str, start: int, end: int) -> bool:
        return not self.hyphen_joins and (
            (start and text[start - 1] == "-") or (end < len(text) and text[end] == "-"))

    def _decide(self, text: str, places) -> list[tuple[int, int, object]]:
        """The matches at `places` ((start, word), in order, words planned
        by _plan)."""
        out = []
        done = 0
        size = len(text)
        for start, word in places:
            if start < done:
                continue
            plan = self._plans[word]
            best = _longest(plan.candidates, text, start)
            if best is None:
                if plan.exact is _NONE:
                    continue
                end = start + len(word)
                if end < size and (text[end].isdigit() or text[end] == "_"):
                    continue
                best = (start, end, plan.exact)
            if self._joined_by_hyphen(text, start, best[1]):
                continue
            done = best[1]
            out.append(best)
        return out

    def _find_scanned(self, text: str):
        """find() in text without a word index (it holds one of the
        characters re.IGNORECASE folds to ASCII letters)."""
        done = 0
        for m in compiled(self._starts).finditer(text):
            start = m.start()
            if start < done:
                continue
            run = _ALPHA.match(text, start)
            word = run.group(0).lower()
            best = _longest(((compiled(c.pattern), c.payload)
                             for c in self.other.get(word[:3], ())), text, start)
            if best is None and word in self.exact:
                end = run.end()
                if end == len(text) or not (text[end].isdigit() or text[end] == "_"):
                    best = (start, end, self.exact[word])
            if best is None or self._joined_by_hyphen(text, best[0], best[1]):
                continue
            done = best[1]
            yield best


def _longest(candidates, text: str, start: int) -> tuple[int, int, object] | None:
    """(start, end, payload) of the longest match of the candidates at
    `start` (the first of the longest), or None."""
    best = None
    for rx, payload in candidates:
        hit = rx.match(text, start)
        if hit and (best is None or hit.end() > best[1]):
            best = (start, hit.end(), payload)
    return best
