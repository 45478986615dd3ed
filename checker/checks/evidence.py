"""supported_by: each improvement item (or strength) is backed by findings.

The evidence is lexical, so a person can check it: the item's stemmed content
words, weighted by how rare they are in the report (idf), with the domain
synonyms of rules/synonyms.yaml; an item is supported when some finding
paragraph covers at least `threshold` of that weight (checker/engine/support.py).
Unsupported items are findings; with `report_supported: true` the rule also
records, for each supported item, its best paragraphs as related locations.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter, is_
from typing import Literal

from checker.checks import Args, Finding, Kind, Regex, Related, check
from checker.datafiles.frameworks import heading_key
from checker.engine.support import DEFAULT_THRESHOLD, SupportIndex, load_vocabulary
from checker.engine.textscan import PerObject

_TEXT = attrgetter("text")
# A heading's comparison key: headings repeat from report to report, and the
# key costs a regular-expression substitution.
_heading_key = lru_cache(maxsize=1024)(heading_key)


def _findings(report, args):
    """The paragraphs that count as findings for this report."""
    sections = args.get("finding_sections") or []
    if isinstance(sections, dict):  # per kind: {jtai: [...], focused_visit: [...]}
        sections = sections.get(report.kind) or []
    wanted = {_heading_key(h) for h in sections}
    if not wanted:
        return report.paragraphs
    return [p for s in report.sections if _heading_key(s.heading) in wanted
            for p in s.paragraphs]


_INDEXES = PerObject(4)  # a report's [(paragraph texts, their index), ...]: the last few reports


def _index(report, paragraphs: tuple[str, ...]) -> SupportIndex:
    """One index per report's findings, shared by the rules that use them
    (SUP001 and SUP002 run over the same paragraphs). Keyed by the report
    OBJECT, so checking the same text twice does the work twice, as a
    benchmark expects; the entry holds the report, so its id cannot be reused
    while it is cached. The texts are compared by identity (they are the
    report's own strings): hashing them would cost a pass over the report."""
    memos = _INDEXES.memos(report)
    for texts, index in memos:
        if len(texts) == len(paragraphs) and all(map(is_, texts, paragraphs)):
            return index
    index = SupportIndex(paragraphs, load_vocabulary())
    memos.append((paragraphs, index))
    return index


def _label(paragraph) -> str:
    return f"paragraph {paragraph.number}" if paragraph.number is not None else "finding"


class SupportedByArgs(Args):
    """Which items, which paragraphs are findings, how much support is enough."""
    items: Literal["improvements", "strengths"] = "improvements"
    # the sections whose paragraphs are findings (all, when none), or per report kind
    finding_sections: list[str] | dict[Kind, list[str]] = []
    threshold: float = DEFAULT_THRESHOLD
    report_supported: bool = False
    ignore: Regex | None = None  # removed from an item before it is compared (case ignored)
    top: int = 3  # the best paragraphs kept as evidence


@check("supported_by", provides=("item", "number", "score", "threshold", "words", "best",
                                  "best_line"), args=SupportedByArgs)
def supported_by(report, framework, args):
    items = getattr(report, args.get("items", "improvements"))
    if not items:
        return
    paragraphs = _findings(report, args)
    threshold = float(args.get("threshold", DEFAULT_THRESHOLD))
    index = _index(report, tuple(map(_TEXT, paragraphs)))
    want_supported = bool(args.get("report_supported", False))
    ignore = re.compile(args["ignore"], re.I) if args.get("ignore") else None
    top = int(args.get("top", 3))
    for n, item in enumerate(items, start=1):
        text = ignore.sub(" ", item.text) if ignore else item.text
        support = index.support(text, top=top)
        supported = support.score >= threshold
        if supported != want_supported:
            continue
        related = [Related(paragraphs[e.paragraph].span.line,
                           f"{_label(paragraphs[e.paragraph])}: score {e.score:.2f}, "
                           f"matched {', '.join(e.matched)}")
                   for e in support.evidence]
        yield Finding.at(item.span, related=related, item=item.text, number=n,
                         score=round(support.score, 2), threshold=threshold,
                         words=", ".join(support.words),
                         best=related[0].message if related else "",
                         best_line=related[0].line if related else None)
