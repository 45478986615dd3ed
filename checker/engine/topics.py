"""What an improvement item asks to improve, and where the findings discuss it.

A careful QA reader judges support by topic, not by shared words: "Support for young
carers" is unsupported in a report that says "young people" and "carers" a hundred
times but never discusses young carers. So the evidence is a vocabulary of the
domain's topics (rules/topics.yaml, extendable by users), each with

* `terms`: the wordings that name the topic ("return home interview", "RHI"); an item
  that uses one is about the topic, and findings that use one discuss it;
* `also`: wider wordings that show findings discuss the topic but are too loose to
  give an item the topic ("debrief" for return home interviews); one that holds a
  term of its topic ("prospective adopters") names it all the same;
* `not`: longer wordings that hold one of its terms but do not name it ("children
  in need of help and protection" is the inspection framework's name for a
  judgement, not the statutory children-in-need group).

Matching is word by word on Snowball stems, so inflections agree ("safety plans",
"safety planning"); hyphens and spaces are the same ("life-story", "life story");
a possessive 's and apostrophes are dropped. A term written in capitals ("RHI",
"LADOs") is an abbreviation and matches only capitals (so SEND is not "send"). Where
terms overlap, the one starting first and then the longest wins. An abbreviation the
report defines, "local authority designated officer (LADO)", means that topic
wherever the report uses it.

Hand-written on purpose: a phrase trie over stems is twenty lines, and no library
matches multiword terms by stem with capitals-only abbreviations; the stemmer is
snowballstemmer, as for the lexical evidence (checker/engine/support.py).
"""
from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count
from typing import NamedTuple

import snowballstemmer

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_CAPITALS = re.compile(r"([A-Z][A-Z0-9]+)s?")
# "(LADO)", "(IROs)": an abbreviation the report defines, after its words
_DEFINED = re.compile(r"\(\s*([A-Z][A-Z0-9]+)s?\s*\)")
_STEMMER = snowballstemmer.stemmer("english")
_MAX_CHUNKS = 100_000  # distinct chunks kept (a report has ~2,000)
# Words the stemmer joins to a vocabulary word of another meaning; each keeps
# its own form (the key of each word, never a stem): "missed" (an
# opportunity) is not "missing" (children), "system" not "systemic"
# (practice), "sexual" (exploitation) not "sexuality", "diversion" (youth
# justice) not "diversity", "decisive" not "decision", "proceed" not
# "proceedings", "continuity" (of social worker) not "continue". Found in the
# tuning half's findings, where each made the findings discuss a topic they
# do not. Then, from the archive's recommendations as transplants: "right"
# (for them) is not children's "rights", "minor" (problems) not "minority",
# a "meeting" not "meet" (children, as a visit). ("sufficient" stays joined to
# "sufficiency": apart, one more published letter item was flagged.)
_OWN_FORM = {word: word + "=" for word in (
    "missed", "system", "systems", "sexual", "diversion", "decisive", "proceed", "continuity",
    "right", "minor", "meeting")} | {"meetings": "meeting="}
_END = None  # trie key of the match that ends at a node (never a word key)
_NO_TOPIC = -1  # the topic of a `not` wording: it is matched, and names nothing


@lru_cache(maxsize=65536)  # a pure function of the word; reports repeat their words
def word_key(word: str) -> str:
    """A word as topics compare it: capitals kept for an abbreviation (plural s
    dropped), otherwise the Snowball stem of the lower-case word without its
    possessive 's and apostrophes. An adverb keeps its own form: the stemmer
    gives "extremely" the stem of "extremism" and "radically" that of
    "radical", and a manner word never names a topic; so does a word the
    stemmer would join to one of another meaning (_OWN_FORM)."""
    m = _CAPITALS.fullmatch(word)
    if m:
        return m.group(1)
    word = word.replace("\u2019", "'")
    word = (word[:-2] if word.endswith("'s") else word).replace("'", "").lower()
    own = _OWN_FORM.get(word)
    if own is not None:
        return own  # never a stem ("system" is the stem of "systemic")
    stem = _STEMMER.stemWord(word)
    if word.endswith("ly") and _STEMMER.stemWord(word[:-2]) == stem:
        return word  # an adverb: "extremely" from "extreme" (not "family", "early")
    return stem


def term_keys(term: str) -> tuple[str, ...]:
    """The keys of a vocabulary term: capitals are an abbreviation only when the
    whole word is (so "Channel panel" is two ordinary words)."""
    return tuple(map(word_key, _WORD.findall(term)))


# A term never runs across the end of a sentence or clause ("... mentoring
# and supervision. Social workers ..." does not say "supervising social
# workers"), nor from one paragraph into the next: after a chunk ending so,
# the words and keys hold a STOP, which no term contains; a paragraph of a
# report's findings ends with a PARAGRAPH.
_STOP_AFTER = re.compile(r"\w[^\w\s]*[.;:!?][^\w\s]*$")
_STOP_BETWEEN = re.compile(r"[.;:!?]")
STOP, PARAGRAPH = "", "\x00"


class _Chunks(dict):
    """whitespace-free run of text -> the keys of its words, ending in a STOP
    if the chunk ends a sentence; `words` holds the words themselves. Both
    are filled lazily, together. No word contains whitespace, so a text's
    keys are its chunks' keys in order; reports repeat their chunks far more
    often than not, so one dict lookup replaces the word regex and a key per
    word on the hot path (every finding paragraph of every report)."""

    def __init__(self):
        super().__init__()
        self.words: dict[str, tuple[str, ...]] = {}

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= _MAX_CHUNKS:  # bound the memory of a long-running process
            self.clear()
            self.words.clear()
        self.words[chunk], self[chunk] = found = _read(chunk)
        return found[1]

    def words_of(self, chunks: Sequence[str]) -> list[str]:
        """The words of these chunks in order (STOPs included), one per key."""
        try:
            return list(chain.from_iterable(map(self.words.__getitem__, chunks)))
        except KeyError:  # emptied since the chunks' keys were read
            return [word for chunk in chunks for word in _read(chunk)[0]]


def _read(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of one chunk and their keys, each ending in a STOP if the
    chunk ends a sentence."""
    if chunk == PARAGRAPH:
        return (PARAGRAPH,), (PARAGRAPH,)
    words = tuple(_WORD.findall(chunk))
    keys = tuple(map(word_key, words))
    if words and _STOP_AFTER.search(chunk):
        return (*words, STOP), (*keys, STOP)
    return words, keys


class Findings(NamedTuple):
    """A report's finding paragraphs as the topic index reads them."""
    chunks: list[str]      # the whitespace-free runs of text, PARAGRAPH after each paragraph
    chunk_ends: list[int]  # the index of each paragraph's PARAGRAPH among the chunks
    keys: list[str]        # every word's key in order, STOPs and PARAGRAPHs included
    ends: list[int]        # the index of each paragraph's PARAGRAPH among the keys
    # each mention as (first word, end, topic, strong), in text order; the words
    # are read only for the few mentions a message shows (`words_of`)
    spans: list[tuple[int, int, int, bool]]


@dataclass(frozen=True)
class Topic:
    name: str
    terms: tuple[str, ...]
    also: tuple[str, ...] = ()
    unlike: tuple[str, ...] = ()  # its `not` wordings
    where: str = ""  # file:line of its entry, for messages about the vocabulary


@dataclass(frozen=True)
class Mention:
    topic: int     # index into the vocabulary's topics
    strong: bool   # a term (names the topic), not an `also` wording
    start: int     # character offsets in the text
    end: int


class TopicVocabulary:
    """Topics and the phrase trie that finds them in text."""

    def __init__(self, topics: Sequence[Topic]):
        self.topics = tuple(topics)
        self._trie: dict = {}
        self._chunks = _Chunks()
        self._alone: dict[int, TopicVocabulary] = {}
        owner: dict[tuple[str, ...], str] = {}
        for number, topic in enumerate(self.topics):
            terms = {self._add(term, number, True, topic, owner) for term in topic.terms}
            for wording in topic.also:
                # A loose wording that holds a term of its own topic names it:
                # "staying put arrangements" holds "staying put", "prospective
                # adopters" holds "adopters". Matching takes the longest
                # wording, so otherwise the loose one would hide the term it
                # holds, and an item on prospective adopters name no adoption.
                self._add(wording, number, _holds(term_keys(wording), terms), topic, owner)
            for wording in topic.unlike:
                self._add(wording, _NO_TOPIC, False, topic, owner)
        # The words a term can start with: a pre-filter of C-level set lookups,
        # so the trie is walked only from them. (Telling them by their first
        # two words ruled out more walks but cost more than it saved.)
        self._firsts = frozenset(self._trie)

    def _add(self, term: str, number: int, strong: bool, topic: Topic,
             owner: dict) -> tuple[str, ...]:
        """Put a wording in the trie; its keys."""
        keys = term_keys(term)
        if not keys:
            raise ValueError(f"{topic.where}: topic {topic.name!r}: term {term!r} has no words")
        first = owner.setdefault(keys, topic.name)
        if first != topic.name:
            raise ValueError(f"{topic.where}: topic {topic.name!r}: term {term!r} is "
                             f"already a term of topic {first!r}")
        node = self._trie
        for key in keys:
            node = node.setdefault(key, {})
        if _END not in node or strong:  # a term outranks the same wording as `also`
            node[_END] = (number, strong)
        return keys

    def alone(self, topic: int) -> TopicVocabulary:
        """A vocabulary of one topic's terms only, to find them where a longer
        wording of another topic hides them (kept: a handful are ever asked)."""
        found = self._alone.get(topic)
        if found is None:
            t = self.topics[topic]
            found = self._alone[topic] = TopicVocabulary([Topic(t.name, t.terms, where=t.where)])
        return found

    def merged(self, other: TopicVocabulary) -> TopicVocabulary:
        """This vocabulary with `other`'s topics added; a topic of the same name
        gains the other's wordings."""
        by_name = {t.name: t for t in self.topics}
        for t in other.topics:
            mine = by_name.get(t.name)
            by_name[t.name] = t if mine is None else Topic(
                t.name, _union(mine.terms, t.terms), _union(mine.also, t.also),
                _union(mine.unlike, t.unlike), t.where)
        return TopicVocabulary(list(by_name.values()))

    def mentions(self, text: str, defined: dict[str, int] | None = None) -> list[Mention]:
        """The topics `text` mentions, left to right; `defined` maps abbreviations
        the report defines to their topic."""
        keys: list[str] = []
        places: list[tuple[int, int] | None] = []  # each key's word, None for a STOP
        last = 0
        for m in _WORD.finditer(text):
            if keys and _STOP_BETWEEN.search(text, last, m.start()):
                keys.append(STOP)
                places.append(None)
            keys.append(word_key(m.group(0)))
            places.append(m.span())
            last = m.end()
        return [Mention(topic, strong, places[i][0], places[end - 1][1])
                for i, end, topic, strong in self._spans(keys, defined)]

    def findings_spans(self, paragraphs: Sequence[str], defined: dict[str, int]) -> Findings:
        """A report's finding paragraphs read as one text (see Findings). One
        pass over the whole findings, its text split once, costs less than a
        pass per paragraph: the fast path of every report's evidence."""
        chunks = f" {PARAGRAPH} ".join((*paragraphs, "")).split()
        keys = self._keys(chunks)
        return Findings(chunks, _positions(chunks, PARAGRAPH), keys, _positions(keys, PARAGRAPH),
                        list(self._spans(keys, defined)))

    def _keys(self, chunks: Iterable[str]) -> list[str]:
        """Every word key of these chunks in order: a dict lookup per chunk."""
        return list(chain.from_iterable(map(self._chunks.__getitem__, chunks)))

    def words_of(self, chunks: Sequence[str]) -> list[str]:
        """The words of these chunks in order (STOPs included), one per key."""
        return self._chunks.words_of(chunks)

    def spans_of(self, keys: list[str]):
        """(first word, end, topic, strong) of each mention among word keys
        already read (a report's findings, for another vocabulary's walk)."""
        return self._spans(keys, None)

    def spans_in(self, text: str, defined: dict[str, int] | None = None):
        """(first word, end, topic, strong) of each mention in a short text (an
        item), its words read as the findings' are, so both sides agree; and
        the number of its word keys."""
        keys = self._keys(text.split())
        return list(self._spans(keys, defined)), len(keys)

    def _spans(self, keys: list[str], defined: dict[str, int] | None):
        """(first word, end, topic, strong) of each mention among a text's word
        keys, left to right: at each word that can start one, the longest
        term (none runs past a STOP or a PARAGRAPH, which no term holds),
        else an abbreviation the report defines. A `not` wording is matched
        like a term, so it keeps the shorter term inside it from firing, and
        names no topic."""
        if defined and len(keys) > len(self._firsts):  # a report's findings: one set
            starts = map(self._firsts.union(defined).__contains__, keys)
        else:  # a short text, or none defined: no set of the vocabulary's size built
            starts = map(self._firsts.__contains__, keys)
            if defined:
                starts = map(operator.or_, starts, map(defined.__contains__, keys))
        trie, n, end = self._trie, len(keys), 0
        for i in compress(count(), starts):
            if i < end:
                continue
            # the longest term from word i: walk the trie as far as the words go
            node, j, hit = trie.get(keys[i]), i + 1, None
            while node is not None:
                found = node.get(_END)
                if found is not None:
                    hit, stop = found, j
                if j >= n:
                    break
                node, j = node.get(keys[j]), j + 1
            if hit is None and defined and keys[i] in defined:
                hit, stop = (defined[keys[i]], True), i + 1
            if hit is not None:
                end = stop
                if hit[0] != _NO_TOPIC:
                    yield (i, end) + hit

    def defined_abbreviations(self, text: str) -> dict[str, int]:
        """Abbreviations `text` defines for a topic: "(LADO)" right after a term
        ("local authority designated officer (LADO)") means that term's topic."""
        out: dict[str, int] = {}
        for m in _DEFINED.finditer(text):
            before = text[max(0, m.start() - 120):m.start()].rstrip()
            spans, n = self.spans_in(before)
            named = [topic for _, end, topic, strong in spans if strong and end == n]
            if named:
                out.setdefault(m.group(1), named[-1])
        return out


def _positions(items: list, wanted) -> list[int]:
    """The indexes of `wanted` in `items`: list.index runs in C, so a few
    dozen calls cost less than testing every item."""
    out, i = [], -1
    while True:
        try:
            i = items.index(wanted, i + 1)
        except ValueError:
            return out
        out.append(i)


def _holds(keys: tuple[str, ...], terms: set[tuple[str, ...]]) -> bool:
    """Whether a run of `keys` is one of `terms`."""
    return any(keys[i:j] in terms for i in range(len(keys))
               for j in range(i + 1, len(keys) + 1))


def _union(a: Iterable[str], b: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*a, *b]))
