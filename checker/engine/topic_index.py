"""Where one report's findings discuss each topic, and the verdict on each item.

The vocabulary and its matching are checker/engine/topics.py; this is what
the engine builds from them once per report (checker/engine/analysis.py)
and the evidence rules ask (checker/checks/evidence.py).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import itemgetter

from checker.engine.topics import PARAGRAPH, STOP, TopicVocabulary

_Mention = tuple[int, int, int, bool]  # a wording: first word, end, topic, names it
_WORDINGS_KEPT = 3  # a topic's wordings kept for messages (the first seen)


@dataclass(frozen=True)
class TopicEvidence:
    name: str
    paragraphs: tuple[int, ...]   # indexes of the finding paragraphs that discuss it
    wordings: tuple[str, ...]     # how those paragraphs say it, first seen first


@dataclass(frozen=True)
class Verdict:
    """What the findings say about one item's topics: `verdict` is "supported"
    (all discussed), "partly" (some), "unsupported" (none) or "unknown" (the
    item names no topic the vocabulary knows)."""
    verdict: str
    discussed: tuple[TopicEvidence, ...]
    missing: tuple[str, ...]       # names of the item's topics never discussed
    # a missing topic whose term the findings hold only inside a longer
    # wording of another topic: (name, paragraph index, that wording)
    within: tuple[tuple[str, int, str], ...] = ()
    # a missing topic the findings mention only in passing, by one loose
    # wording in a paragraph on another of the item's topics that the hint
    # rules did not take: (name, paragraph index, that wording)
    passing: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class _Places:
    """Where one report's findings discuss a topic and hint at it."""
    discussed: tuple[int, ...]      # the paragraphs that discuss it, in order
    hinted: dict[int, _Mention]     # paragraph -> its one loose wording of it
    at: list[int]                   # the paragraph of each mention
    mentions: list[_Mention]        # every mention of it, in text order

    def mentions_in(self, p: int) -> list[_Mention]:
        return self.mentions[bisect_left(self.at, p):bisect_right(self.at, p)]


class TopicIndex:
    """Where one report's finding paragraphs discuss each topic. Built once per
    report (the engine's Analysis keeps it): one pass finds every mention;
    where a topic is discussed is worked out the first time an item names it.

    A paragraph discusses a topic when it names it (one of its `terms`) or
    when two different `also` wordings of it meet in the paragraph. One loose
    wording alone ("seen", "right time") turns up somewhere in nearly every
    report, so it only hints at the topic: a hint in a paragraph that
    discusses another topic of the same item completes the item (closer
    evidence counts more), and hints alone never support one. Measured on
    the tuning half of the shared documents (with the same vocabulary):
    every loose wording as discussion flagged 85.2% (ILACS) and 96.0%
    (letters) of transplanted absent topics, and named 58% and 79% of partly
    supported items; hints anywhere completing an item with a discussed
    topic: 89.5%, 96.3%, 59%, 80%; hints beside the item's other topic:
    91.0%, 97.4%, 70%, 85%, at the cost of one published letter's item
    flagged (2 in 143 instead of 1; 1 in 157 ILACS reports' items each way).

    `hint_scope` "sentence" asks more of that closeness: the hint must stand
    in a sentence that mentions the other topic. An ILACS report's findings
    run to 32-77 paragraphs, and a loose wording somewhere in a long paragraph
    on the other topic is weak evidence there; a letter's 2-27 paragraphs each
    sum up one theme. Measured on the tuning half (30 transplants, 10 partly
    cases per document, seeds 11, 21, 31): ILACS recall 95.7-96.4% to
    97.1-97.6%, no published item flagged either way; the same for letters
    flagged 5 more published items (2 to 7 of 147).

    `common` holds the word keys of loose wordings too common to hint: one
    that many reports of the kind use in their findings ("seen", "review")
    says little about any one item, so it completes none (rules/data/
    loose-wordings.yaml; the rule's `hint_common`). In a report nobody read
    a loose wording is the least trustworthy evidence there is, and a common
    one the least of all. Measured with 0.1 in ILACS reports: tuning half
    recall 97.1-97.6% to 97.8-98.0% (seeds 11, 21, 31), no published item
    flagged; the archive's SIF reports as targets nobody tuned on, 83.3-83.4%
    to 84.2-85.5%, their own recommendations flagged as before. For letters
    it flagged 2-4 more published items of the tuning half."""

    def __init__(self, paragraphs: Sequence[str], vocabulary: TopicVocabulary,
                 defined: dict[str, int], hint_scope: str = "paragraph",
                 common: frozenset[tuple[str, ...]] = frozenset(),
                 unquoted: frozenset[tuple[str, ...]] = frozenset()):
        self.vocabulary, self.defined = vocabulary, defined
        self._in_sentence = hint_scope == "sentence"
        self._common = common
        self._unquoted = unquoted  # loose wordings too common to quote as a passing mention
        self._sentence_ends: list[int] | None = None  # for hints in a sentence, rarely asked
        findings = vocabulary.findings_spans(paragraphs, defined)
        self._chunks, self._chunk_ends = findings.chunks, findings.chunk_ends
        self._keys, self._ends = findings.keys, findings.ends
        # Only the items' topics are ever asked about (a dozen of the ~120 a
        # report mentions), so each topic's paragraphs are worked out when
        # first asked (_places), from its mentions kept here in text order.
        self._mentions: dict[int, list[_Mention]] = {}
        for mention in findings.spans:
            self._mentions.setdefault(mention[2], []).append(mention)
        self._spans, self._starts = findings.spans, None  # for _within, rarely asked
        self._places_of: dict[int, _Places] = {}
        self._words: dict[int, list[str]] = {}
        self._shown: dict[tuple[int, tuple[int, ...]], TopicEvidence] = {}
        self._judged: dict[str, Verdict] = {}

    def _places(self, topic: int) -> _Places:
        """Where `topic` is discussed and hinted at (see the class docstring),
        worked out the first time an item names it."""
        found = self._places_of.get(topic)
        if found is None:
            mentions = self._mentions.get(topic, [])
            at = list(map(partial(bisect_right, self._ends), map(itemgetter(0), mentions)))
            named = set(compress(at, map(itemgetter(3), mentions)))
            # the loose wordings of the other paragraphs, told apart by their
            # word keys ("step up", "stepped up" are one)
            loose: dict[int, dict[tuple[str, ...], _Mention]] = {}
            for p, mention in zip(at, mentions):
                if p not in named:
                    ways = loose.setdefault(p, {})
                    ways.setdefault(self._keys_of(mention), mention)
            discussed = tuple(sorted(named.union(p for p, ways in loose.items()
                                                 if len(ways) > 1)))
            hinted = {p: next(iter(ways.values())) for p, ways in loose.items()
                      if len(ways) == 1}
            found = self._places_of[topic] = _Places(discussed, hinted, at, mentions)
        return found

    def _wording(self, p: int, span: tuple[int, int]) -> str:
        """How paragraph `p` words a mention: its words, joined up from the
        paragraph's chunks only when a message shows them."""
        words = self._words.get(p)
        if words is None:
            chunks = self._chunks[_first(self._chunk_ends, p):self._chunk_ends[p]]
            words = self._words[p] = self.vocabulary.words_of(chunks)
        first = _first(self._ends, p)
        return " ".join(words[span[0] - first:span[1] - first])

    def judge(self, item: str) -> Verdict:
        """The verdict on one item (kept: the rule that reports unsupported
        items and the one that records supported ones ask the same)."""
        found = self._judged.get(item)
        if found is None:
            found = self._judged[item] = self._judge(item)
        return found

    def _judge(self, item: str) -> Verdict:
        spans, _ = self.vocabulary.spans_in(item, self.defined)
        topics = list(dict.fromkeys(topic for _, _, topic, strong in spans if strong))
        if not topics:
            return Verdict("unknown", (), ())
        names = self.vocabulary.topics
        where = {t: self._places(t).discussed or self._beside(t, topics) for t in topics}
        discussed = tuple(self._evidence(t, where[t]) for t in topics if where[t])
        missing = tuple(names[t].name for t in topics if not where[t])
        verdict = "supported" if not missing else "partly" if discussed else "unsupported"
        within = tuple((names[t].name, *place) for t in topics
                       if not where[t] and (place := self._within(t)))
        passing = tuple((names[t].name, *place) for t in topics
                        if not where[t] and (place := self._in_passing(t, topics)))
        return Verdict(verdict, discussed, missing, within, passing)

    def _in_passing(self, topic: int, topics: list[int]) -> tuple[int, str] | None:
        """The first paragraph on another of the item's topics that mentions
        a missing one by a lone loose wording the hint rules did not take (a
        common one, or outside that topic's sentence: "step down" beside
        decisions, for thresholds), and that wording: "never discuss" would
        read wrong to a reader who finds it. Asked only for missing topics."""
        for p, hint, _ in self._hints_beside(topic, topics):  # in text order
            if self._keys_of(hint) not in self._unquoted:
                return p, self._wording(p, hint)
        return None

    def _within(self, topic: int) -> tuple[int, str] | None:
        """Where a term of a topic the findings never discuss stands inside or
        across another topic's wording, which wins the words ("children's
        homes" in "unregistered children's homes", "children in care" in
        "views of children | in care"): "never discuss" would read wrong to
        a reader who finds them. The paragraph and those words, or None.
        Asked only for missing topics: nothing is spent on a supported item."""
        mentions = self._spans
        if self._starts is None:
            self._starts = list(map(itemgetter(0), mentions))
        alone = self.vocabulary.alone(topic)
        for i, end, _, _ in alone.spans_of(self._keys):
            k = bisect_right(self._starts, i) - 1
            if k >= 0 and mentions[k][1] > i and mentions[k][2] != topic:
                p = bisect_right(self._ends, i)  # the words from the other's start to the last
                return p, self._wording(p, (mentions[k][0], max(end, mentions[k][1])))
        return None

    def _evidence(self, topic: int, paragraphs: tuple[int, ...]) -> TopicEvidence:
        """A topic's evidence in these paragraphs (kept: items share topics)."""
        found = self._shown.get((topic, paragraphs))
        if found is None:
            found = self._shown[topic, paragraphs] = TopicEvidence(
                self.vocabulary.topics[topic].name, paragraphs, self._wordings(topic, paragraphs))
        return found

    def _wordings(self, topic: int, paragraphs: tuple[int, ...]) -> tuple[str, ...]:
        """The first few distinct wordings of `topic` in these paragraphs: those
        of the paragraphs that discuss it, else the hints."""
        places = self._places(topic)
        if places.discussed:
            spans = ((p, span) for p in places.discussed for span in places.mentions_in(p))
        else:
            spans = ((p, places.hinted[p]) for p in paragraphs)
        shown: dict[str, None] = {}
        for p, span in spans:
            shown[self._wording(p, span)] = None
            if len(shown) >= _WORDINGS_KEPT:
                break
        return tuple(shown)

    def _beside(self, topic: int, topics: list[int]) -> tuple[int, ...]:
        """The paragraphs that hint at `topic` (one loose wording) while they
        discuss another topic of the same item: evidence that close completes
        the item ("a caring role" in the paragraph on safety plans, for
        "safety planning for young carers")."""
        return tuple(p for p, hint, others in self._hints_beside(topic, topics)
                     if self._keys_of(hint) not in self._common
                     and (not self._in_sentence
                          or any(self._in_sentence_of(hint, t, p) for t in others)))

    def _hints_beside(self, topic: int, topics: list[int]):
        """(paragraph, its hint of `topic`, the item's other topics it
        discusses) of each paragraph that hints at `topic` and discusses
        another topic of the item, in text order: what _beside takes as
        evidence, and _in_passing quotes where the hint rules did not."""
        others = [t for t in topics if t != topic]
        for p, hint in self._places(topic).hinted.items():
            beside = [t for t in others if p in self._places(t).discussed]
            if beside:
                yield p, hint, beside

    def _keys_of(self, mention: _Mention) -> tuple[str, ...]:
        """A mention's word keys: what tells loose wordings apart."""
        return tuple(self._keys[mention[0]:mention[1]])

    def _in_sentence_of(self, hint: _Mention, topic: int, p: int) -> bool:
        """Whether paragraph `p` mentions `topic` in the sentence of `hint`."""
        if self._sentence_ends is None:
            self._sentence_ends = [i for i, key in enumerate(self._keys)
                                   if key in (STOP, PARAGRAPH)]
        sentence = bisect_right(self._sentence_ends, hint[0])
        return any(bisect_right(self._sentence_ends, m[0]) == sentence
                   for m in self._places(topic).mentions_in(p))


def _first(ends: list[int], p: int) -> int:
    """Where paragraph `p` starts, from the index of each paragraph's end."""
    return ends[p - 1] + 1 if p else 0
