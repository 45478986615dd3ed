"""Where one report's findings discuss each topic, and the verdict on each item.

The vocabulary and its matching are checker/engine/topics.py; this is what
the engine builds from them once per report (checker/engine/analysis.py)
and the evidence rules ask (checker/checks/evidence.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from checker.engine.topics import TopicVocabulary

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
    report (the engine's Analysis keeps it); judging an item is a few lookups.

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
        self._where: dict[int, list[int]] = {}
        self._wordings: dict[int, dict[str, None]] = {}
        self._hinted: dict[int, dict[int, str]] = {}  # topic -> paragraph -> loose wording
        self._judged: dict[str, Verdict] = {}
        words, self._keys, spans, ends = vocabulary.findings_spans(paragraphs, defined)
        self._words = words
        # the spans come in text order: each paragraph's, then the next's
        spans, p, mentions = iter(spans), 0, []
        for i, end, topic, strong in chain(spans, ((ends[-1] if ends else 0, 0, -1, True),)):
            while p < len(ends) and i >= ends[p]:
                self._add_paragraph(p, mentions)
                p, mentions = p + 1, []
            mentions.append((topic, i, end, strong))

    def _add_paragraph(self, p: int, mentions: list[tuple[int, int, int, bool]]) -> None:
        """Record what paragraph `p` discusses and hints at (see the class
        docstring), from its mentions (topic, first word, end, strong)."""
        if not mentions:
            return
        words = self._words
        discussed, hinted = _discussed(mentions, self._keys)
        for topic, spans in discussed.items():
            self._where.setdefault(topic, []).append(p)
            shown = self._wordings.setdefault(topic, {})
            for i, end in spans:
                if len(shown) >= _WORDINGS_KEPT:
                    break
                shown[" ".join(words[i:end])] = None
        for topic, (i, end) in hinted.items():
            self._hinted.setdefault(topic, {})[p] = " ".join(words[i:end])

    def judge(self, item: str) -> Verdict:
        """The verdict on one item (kept: the rule that reports unsupported
        items and the one that records supported ones ask the same)."""
        found = self._judged.get(item)
        if found is None:
            found = self._judged[item] = self._judge(item)
        return found

    def _judge(self, item: str) -> Verdict:
        topics = list(dict.fromkeys(m.topic for m in self.vocabulary.mentions(item, self.defined)
                                    if m.strong))
        if not topics:
            return Verdict("unknown", (), ())
        names = self.vocabulary.topics
        where = {t: self._where.get(t) or self._beside(t, topics) for t in topics}
        discussed = tuple(TopicEvidence(names[t].name, tuple(where[t]),
                                        tuple(self._wordings.get(t) or
                                              (self._hinted[t][i] for i in where[t]))[:3])
                          for t in topics if where[t])
        missing = tuple(names[t].name for t in topics if not where[t])
        verdict = "supported" if not missing else "partly" if discussed else "unsupported"
        return Verdict(verdict, discussed, missing)

    def _beside(self, topic: int, topics: list[int]) -> tuple[int, ...]:
        """The paragraphs that hint at `topic` (one loose wording) while they
        discuss another topic of the same item: evidence that close completes
        the item ("a caring role" in the paragraph on safety plans, for
        "safety planning for young carers")."""
        return tuple(i for i in self._hinted.get(topic, {})
                     if any(i in self._where.get(t, ()) for t in topics if t != topic))


def _discussed(mentions: list[tuple[int, int, int, bool]], keys: Sequence[str]
               ) -> tuple[dict[int, list[tuple[int, int]]], dict[int, tuple[int, int]]]:
    """The topics one paragraph discusses, with the spans of its wordings of
    each (those it names, and those two different loose wordings of it point
    to), and those it only hints at, with the span of the one loose wording.
    Loose wordings are told apart by their word keys ("step up", "stepped up"
    are one)."""
    named, ways, spans = set(), {}, {}
    for topic, i, end, strong in mentions:
        if strong:
            named.add(topic)
        else:
            ways.setdefault(topic, set()).add(tuple(keys[i:end]))
        spans.setdefault(topic, []).append((i, end))
    discussed = {t: s for t, s in spans.items() if t in named or len(ways[t]) > 1}
    hinted = {t: s[0] for t, s in spans.items() if t not in discussed}
    return discussed, hinted
