"""Where one report's findings discuss each topic, and the verdict on each item.

The vocabulary and its matching are checker/engine/topics.py; this is what
the engine builds from them once per report (checker/engine/analysis.py)
and the evidence rules ask (checker/checks/evidence.py).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from operator import itemgetter

from checker.engine.topics import TopicVocabulary

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
    flagged (2 in 143 instead of 1; 1 in 157 ILACS reports' items each way)."""

    def __init__(self, paragraphs: Sequence[str], vocabulary: TopicVocabulary,
                 defined: dict[str, int]):
        self.vocabulary, self.defined = vocabulary, defined
        findings = vocabulary.findings_spans(paragraphs, defined)
        self._chunks, self._chunk_ends = findings.chunks, findings.chunk_ends
        self._keys, self._ends = findings.keys, findings.ends
        # Only the items' topics are ever asked about (a dozen of the ~120 a
        # report mentions), so each topic's paragraphs are worked out when
        # first asked (_places), from its mentions kept here in text order.
        self._mentions: dict[int, list[_Mention]] = {}
        for mention in findings.spans:
            self._mentions.setdefault(mention[2], []).append(mention)
        self._places_of: dict[int, tuple[dict, dict]] = {}
        self._words: dict[int, list[str]] = {}
        self._shown: dict[tuple[int, tuple[int, ...]], TopicEvidence] = {}
        self._judged: dict[str, Verdict] = {}

    def _places(self, topic: int) -> tuple[dict[int, list[_Mention]], dict[int, _Mention]]:
        """The paragraphs that discuss `topic`, each with the spans of its
        wordings of it, and those that only hint at it, with the span of the
        one loose wording (see the class docstring). Loose wordings are told
        apart by their word keys ("step up", "stepped up" are one)."""
        found = self._places_of.get(topic)
        if found is None:
            mentions = self._mentions.get(topic, ())
            paragraphs = map(partial(bisect_right, self._ends), map(itemgetter(0), mentions))
            discussed, hinted = {}, {}
            for p, group in groupby(zip(paragraphs, mentions), itemgetter(0)):
                spans = list(map(itemgetter(1), group))
                if any(map(itemgetter(3), spans)) or len(
                        {tuple(self._keys[i:end]) for i, end, *_ in spans}) > 1:
                    discussed[p] = spans
                else:
                    hinted[p] = spans[0]
            found = self._places_of[topic] = (discussed, hinted)
        return found

    def _wording(self, p: int, span: _Mention) -> str:
        """How paragraph `p` words a mention: its words, joined up from the
        paragraph's chunks only when a message shows them."""
        words = self._words.get(p)
        if words is None:
            start = self._chunk_ends[p - 1] + 1 if p else 0
            chunks = self._chunks[start:self._chunk_ends[p]]
            words = self._words[p] = self.vocabulary.words_of(chunks)
        first = self._ends[p - 1] + 1 if p else 0
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
        where = {t: tuple(self._places(t)[0]) or self._beside(t, topics) for t in topics}
        discussed = tuple(self._evidence(t, where[t]) for t in topics if where[t])
        missing = tuple(names[t].name for t in topics if not where[t])
        verdict = "supported" if not missing else "partly" if discussed else "unsupported"
        return Verdict(verdict, discussed, missing)

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
        discussed, hinted = self._places(topic)
        if discussed:
            spans = ((p, span) for p, spans in discussed.items() for span in spans)
        else:
            spans = ((p, hinted[p]) for p in paragraphs)
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
        return tuple(p for p in self._places(topic)[1]
                     if any(p in self._places(t)[0] for t in topics if t != topic))
