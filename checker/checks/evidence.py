"""supported_by: each improvement item (or strength) is backed by findings.

The verdict a careful QA reader gives: an item is supported when the findings
discuss its topic, the thing it asks to improve, anywhere and in any wording
the vocabulary knows (checker/engine/topics.py, rules/topics.yaml plus the
users' `vocabulary` files); partly supported when they discuss some of its
topics but never another; not supported when they discuss none. An item that
names no topic the vocabulary knows falls back to lexical evidence: the share
of its rarity-weighted content words the best finding paragraph holds
(checker/engine/support.py), which must reach `threshold`.

Findings carry the verdict (`problem`: supported, partly, unsupported, or
unmatched for the lexical fallback) and the evidence in their data; the
message says it in words, without scores.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from typing import Literal

from checker.checks import Args, Finding, Kind, Regex, Related, Share, TopicFile, check
from checker.datafiles.frameworks import heading_key
from checker.engine.analysis import Analysis
from checker.engine.support import DEFAULT_THRESHOLD

_TEXT = attrgetter("text")
# A heading's comparison key: headings repeat from report to report, and the
# key costs a regular-expression substitution.
_heading_key = lru_cache(maxsize=1024)(heading_key)
_PLACES_NAMED = 3  # paragraphs named per topic in a message and as related places


def per_kind(value, kind, default=None):
    """An argument given once or per report kind ({jtai: [...]}, {ilacs:
    sentence}); `default` for a kind the mapping does not name. Benchmarks
    read SUP001's args through it too, so they measure what the rule asks."""
    return value.get(kind, default) if isinstance(value, dict) else value


def _findings(report, args):
    """The paragraphs that count as findings for this report."""
    sections = per_kind(args.get("finding_sections") or [], report.kind, [])
    wanted = {_heading_key(h) for h in sections}
    if not wanted:
        return report.paragraphs
    # A section under a heading no letter uses ("What we found") counts: the
    # heading rule reports that slip once; its text still supports the items.
    return [p for s in report.sections if _heading_key(s.heading) in wanted or s.role == "other"
            for p in s.paragraphs]


def _label(paragraph) -> str:
    return f"paragraph {paragraph.number}" if paragraph.number is not None else "finding"


HintScope = Literal["paragraph", "sentence"]


class SupportedByArgs(Args):
    """Which items, which paragraphs are findings, which topics, and how much
    lexical support is enough for an item that names no known topic."""
    items: Literal["improvements", "strengths"] = "improvements"
    # the sections whose paragraphs are findings (all, when none), or per report kind
    finding_sections: list[str] | dict[Kind, list[str]] = []
    threshold: float = DEFAULT_THRESHOLD  # lexical fallback only
    report_supported: bool = False
    ignore: Regex | None = None  # removed from an item before it is compared (case ignored)
    top: int = 3  # the best paragraphs kept as lexical evidence
    vocabulary: list[TopicFile] = []  # topic files added to rules/topics.yaml
    # where one loose wording of a topic completes an item beside its other
    # topic (checker/engine/topic_index.py): the paragraph, or the sentence;
    # or per report kind (the paragraph for a kind not named)
    hint_scope: HintScope | dict[Kind, HintScope] = "paragraph"
    # a loose wording that at least this share of the kind's published reports
    # use in their findings hints at nothing (rules/data/loose-wordings.yaml,
    # which counts ILACS reports only: another kind's hints are all taken);
    # or per report kind (none for a kind not named)
    hint_common: Share | dict[Kind, Share] | None = None


@check("supported_by", provides=("item", "number", "problem", "topics", "discussed", "missing",
                                  "score", "threshold", "words", "shared", "best", "best_line",
                                  "evidence"), args=SupportedByArgs)
def supported_by(report, framework, args):
    """One finding per item whose verdict the rule reports (the unsupported
    and partly supported ones, or with `report_supported` the supported).
    Data: `problem` (the verdict), `topics` [{name, discussed, paragraphs}],
    `evidence` (the paragraphs, best first, as {line, column, label, score,
    words}: the HTML evidence map reads it) and `threshold`."""
    report = Analysis.of(report)
    items = getattr(report, args.get("items", "improvements"))
    if not items:
        return
    paragraphs = _findings(report, args)
    if not paragraphs:
        # No findings to judge by (a letter whose findings heading is gone):
        # the heading rule reports that once, instead of a verdict per item.
        return
    texts = tuple(map(_TEXT, paragraphs))
    topics = report.topic_index(texts, tuple(args.get("vocabulary") or ()),
                                per_kind(args.get("hint_scope", "paragraph"), report.kind,
                                         "paragraph"),
                                per_kind(args.get("hint_common"), report.kind, None))
    ignore = re.compile(args["ignore"], re.I) if args.get("ignore") else None
    want_supported = bool(args.get("report_supported", False))
    threshold = float(args.get("threshold", DEFAULT_THRESHOLD))
    for n, item in enumerate(items, start=1):
        text = ignore.sub(" ", item.text) if ignore else item.text
        verdict = topics.judge(text)
        lexical = report.support_index(texts) if verdict.verdict == "unknown" else None
        problem = verdict_of(topics, lexical, text, threshold)
        if (problem == "supported") != want_supported:
            continue  # the other rule's verdict: no evidence to gather
        found = (_by_topics(verdict, paragraphs) if lexical is None
                 else _by_words(lexical, paragraphs, text, int(args.get("top", 3)), problem))
        related = found.pop("related")
        yield Finding.at(item.span, related=related, item=item.text, number=n,
                         threshold=threshold, **found)


def verdict_of(topics, lexical, text: str, threshold: float) -> str:
    """The verdict on one item, as the rules give it: by its topics, or by its
    words when it names no topic the vocabulary knows (the testing toolkit
    asks the same question of generated reports)."""
    verdict = topics.judge(text).verdict
    if verdict != "unknown":
        return verdict
    return "supported" if lexical.support(text).score >= threshold else "unmatched"


def _by_topics(verdict, paragraphs) -> dict:
    """The finding's values for an item judged by its topics. The evidence
    is the first paragraphs that discuss each topic; a paragraph that
    discusses more of the item's topics ranks higher (score: the share)."""
    share = 1 / (len(verdict.discussed) + len(verdict.missing))
    evidence, named = {}, {}
    for t in verdict.discussed:
        for p in map(paragraphs.__getitem__, t.paragraphs[:_PLACES_NAMED]):
            entry = evidence.setdefault(p.span.line, _evidence(p, 0.0, []))
            entry["words"] += [w for w in t.wordings if w not in entry["words"]]
            entry["score"] = round(entry["score"] + share, 2)
            named.setdefault(p.span.line, []).append(t.name)
    ranked = sorted(evidence.values(), key=lambda e: (-e["score"], e["line"]))
    related = [Related(e["line"], f"{e['label']} discusses {_and(named[e['line']])}")
               for e in ranked]
    within = {name: (paragraphs[p], wording) for name, p, wording in verdict.within}
    related += [Related(p.span.line, f"{_label(p)} has the words of {name} only in '{wording}'")
                for name, (p, wording) in within.items()]
    passing = {name: (paragraphs[p], wording) for name, p, wording in verdict.passing
               if name not in within}  # the words of the topic itself say more
    related += [Related(p.span.line, f"{_label(p)} mentions {name} only in passing: '{wording}'")
                for name, (p, wording) in passing.items()]
    topics = [{"name": t.name, "discussed": True,
               "paragraphs": [paragraphs[i].span.line for i in t.paragraphs]}
              for t in verdict.discussed]
    topics += [{"name": name, "discussed": False, "paragraphs": []}
               | _trace("only_within", within.get(name)) | _trace("in_passing", passing.get(name))
               for name in verdict.missing]
    return {"problem": verdict.verdict, "topics": topics, "related": related, "evidence": ranked,
            "discussed": _and([f"{t.name} ({_where(t, paragraphs)})" for t in verdict.discussed]),
            "missing": _and([_as_such(name, within.get(name), passing.get(name))
                             for name in verdict.missing], "or"), "score": None, "words": "",
            "shared": "", "best": related[0].message if ranked else "",
            "best_line": related[0].line if ranked else None}


def _as_such(name: str, within, passing) -> str:
    """A missing topic as the message names it. Where its words stand only
    inside another topic's wording, or a paragraph mentions it in passing,
    "never discuss children in care" would read wrong to a reader who finds
    them, so the message quotes them (the related places say where)."""
    if within is not None:
        return f"{name} as such (its words stand only in '{within[1]}')"
    if passing is not None:
        return f"{name} as such ({_label(passing[0])} says only '{passing[1]}')"
    return name


def _trace(key: str, place) -> dict:
    """A missing topic's data: where a trace of it stands ({key: {line,
    wording}}), inside another wording or in passing."""
    if place is None:
        return {}
    paragraph, wording = place
    return {key: {"line": paragraph.span.line, "wording": wording}}


def _paragraphs_of(topic, paragraphs) -> list:
    return [paragraphs[i] for i in topic.paragraphs]


def _where(topic, paragraphs) -> str:
    """Where the findings discuss a topic, as the reader's document shows it:
    the numbered paragraphs, or how many unnumbered ones."""
    found = _paragraphs_of(topic, paragraphs)
    numbers = [str(p.number) for p in found if p.number is not None]
    if len(numbers) == len(found):
        shown = numbers[:_PLACES_NAMED] + (["more"] if len(numbers) > _PLACES_NAMED else [])
        return ("paragraph " if len(numbers) == 1 else "paragraphs ") + _and(shown)
    return "1 paragraph" if len(found) == 1 else f"{len(found)} paragraphs"


def _and(words: list[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _by_words(lexical, paragraphs, text: str, top: int, problem: str) -> dict:
    """The finding's values for an item whose topic the vocabulary does not
    know (`problem` is its verdict, verdict_of()): lexical evidence, the best
    paragraphs by share of its key words."""
    support = lexical.support(text, top=top)
    best = [(paragraphs[e.paragraph], e) for e in support.evidence]
    related = [Related(p.span.line, f"{_label(p)} shares {', '.join(e.matched)}")
               for p, e in best]
    return {"problem": problem, "topics": [],
            "related": related, "evidence": [_evidence(p, e.score, e.matched) for p, e in best],
            "discussed": "", "missing": "", "score": round(support.score, 2),
            "words": ", ".join(support.words),
            "shared": ", ".join(best[0][1].matched) if best else "",
            "best": _label(best[0][0]) if best else "",
            "best_line": best[0][0].span.line if best else None}


def _evidence(paragraph, score: float, words) -> dict:
    """One supporting paragraph as the finding's data: where it is, its
    label, its score (the share of the item's topics it discusses, or of its
    weighted words) and the item's wordings it holds."""
    return {"line": paragraph.span.line, "column": paragraph.span.column,
            "label": _label(paragraph), "score": round(score, 2), "words": list(words)}
