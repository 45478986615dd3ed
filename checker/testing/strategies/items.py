"""Improvement items (and a JTAI letter's strengths) that the findings support.

An item is made from the words of a finding paragraph: a run of words of one
of its sentences, after an opening such as "The quality of" whose words carry
no topic for the support measure (checker/engine/support.py). Every content
word of such an item is in that paragraph, so the paragraph covers the item
completely (score 1.0, far above the 0.38 threshold), whatever else the
report says; and every topic the item names (checker/engine/topics.py) is one
the paragraph discusses.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from hypothesis import strategies as st

__all__ = ["supported_item", "supported_items", "similar"]


@cache
def _vocabulary():
    from checker.engine.support import load_vocabulary
    return load_vocabulary()


# Openings of real items ("The quality of ...") whose words are all stopwords
# of the support measure (kept only if so: they must add nothing to an item).
_OPENINGS = ("The quality of", "The response to", "Arrangements for")
_THE_OPENINGS = ("The", "The quality of the")
# An item's words start after one of these in the sentence: "... recognise
# the [impact of long-term neglect]" -> "The impact of long-term neglect."
_LEADS = ("the", "of", "for", "with", "in", "on")
# A clause starting with one of these does not stand as an item by itself.
_JOINERS = ("and", "but", "or", "which", "so", "while", "although")
_CLAUSE = re.compile(r",\s+|;\s+|\s+-\s+")
_SIMILAR = 0.75  # word-sequence similarity at which ITM001 calls two items the same


@cache
def _openings(openings: tuple[str, ...]) -> tuple[str, ...]:
    v = _vocabulary()
    return tuple(o for o in openings if not v.concept_set(o))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def similar(text: str, others, threshold: float = _SIMILAR) -> bool:
    """Does `text` repeat one of `others` closely enough for the duplicates
    rule to report it?"""
    words = _words(text)
    return any(difflib.SequenceMatcher(None, words, _words(o), autojunk=False).ratio() >= threshold
               for o in others)


def _sentence_item(words: list[str]) -> str:
    body = " ".join(words).rstrip(",;.")
    return body[:1].upper() + body[1:] + "."


@st.composite
def supported_item(draw, paragraph: str, avoid=()) -> str | None:
    """An improvement item supported by `paragraph`, in the form real items
    take: "The impact of long-term neglect." from "... do not consistently
    recognise the impact of long-term neglect, domestic abuse ...": the tail
    of one clause of one of its sentences after "the", "of", "for" ..., under
    an opening ("The", "The quality of") whose words carry no topic. Every
    concept the support measure sees in the item is one the paragraph has, so
    the paragraph covers it completely. Falls back to a clause, then the
    sentence, then the paragraph itself; None if each repeats an item in
    `avoid` (ITM001 would report it)."""
    v = _vocabulary()
    have = v.concept_set(paragraph)
    split = [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]
    sentence = split[draw(st.integers(0, len(split) - 1))].rstrip(".")
    candidates = _clause_items(draw, sentence)
    candidates += [_sentence_item(sentence.split()), _sentence_item(paragraph.split())]
    topics = _topic_index(paragraph)
    for item in candidates:
        concepts = v.concept_set(item)
        if concepts and concepts <= have and not similar(item, avoid) \
                and topics.judge(item).verdict in ("supported", "unknown"):
            return item
    return None


def _topic_index(paragraph: str):
    """The topics `paragraph` discusses: an item cut from its words can still
    name a topic it does not ("Entry to education." out of a sentence whose
    longer wording belongs to another topic), and the checker judges items
    by topic first (checker/engine/topics.py)."""
    from checker.engine.topic_index import TopicIndex
    from checker.engine.vocabulary import topic_vocabulary
    return TopicIndex([paragraph], topic_vocabulary(), {})


def _clause_items(draw, sentence: str) -> list[str]:
    """Items made from one clause of `sentence`, best first: its tail after
    a lead word under an opening, then the whole clause."""
    clauses = [c.split() for c in _CLAUSE.split(sentence) if len(c.split()) >= 3]
    if not clauses:
        return []
    candidates = []
    words = clauses[draw(st.integers(0, len(clauses) - 1))]
    starts = [i for i in range(1, len(words) - 1)
              if words[i - 1].lower() in _LEADS and 2 <= len(words) - i <= 12
              and words[i].lower() not in _LEADS]
    if starts:
        i = draw(st.sampled_from(starts))
        openings = _THE_OPENINGS if words[i - 1].lower() == "the" else _OPENINGS
        # an opening never ends in the tail's first word ("The response to
        # to independent living": a word typed twice)
        fits = tuple(o for o in _openings(openings) if o.split()[-1].lower() != words[i].lower())
        opening = draw(st.sampled_from(fits or ("The",)))
        candidates.append(f"{opening} {' '.join(words[i:]).rstrip(',;.')}.")
    if words[0].lower() not in _JOINERS:
        candidates.append(_sentence_item(words))
    return candidates


@st.composite
def supported_items(draw, paragraphs: list[str], n: tuple[int, int]) -> tuple[str, ...]:
    """Between n[0] and n[1] items, each supported by a different paragraph."""
    if not paragraphs:
        return ()
    count = draw(st.integers(min(n[0], len(paragraphs)), min(n[1], len(paragraphs))))
    sources = draw(st.lists(st.integers(0, len(paragraphs) - 1), min_size=count,
                            max_size=count, unique=True))
    items: list[str] = []
    for i in sources:
        item = draw(supported_item(paragraphs[i], avoid=items))
        if item is not None:
            items.append(item)
    return tuple(items)
