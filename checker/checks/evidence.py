"""supported_by: each improvement item (or strength) is backed by findings.

The evidence is lexical, so a person can check it: the item's stemmed content
words, weighted by how rare they are in the report (idf), with the domain
synonyms of rules/synonyms.yaml; an item is supported when some finding
paragraph covers at least `threshold` of that weight (checker/support.py).
Unsupported items are findings; with `report_supported: true` the rule also
records, for each supported item, its best paragraphs as related locations.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.checks import Finding, Related, check
from checker.frameworks import heading_key
from checker.support import DEFAULT_THRESHOLD, SupportIndex, load_vocabulary


def _findings(report, args):
    """The paragraphs that count as findings for this report."""
    sections = args.get("finding_sections") or []
    if isinstance(sections, dict):  # per kind: {jtai: [...], focused_visit: [...]}
        sections = sections.get(report.kind) or []
    wanted = {heading_key(h) for h in sections}
    if not wanted:
        return report.paragraphs
    return [p for s in report.sections if heading_key(s.heading) in wanted
            for p in s.paragraphs]


@lru_cache(maxsize=4)
def _index(report_id: int, paragraphs: tuple[str, ...]) -> SupportIndex:
    """One index per report's findings, shared by the rules that use them
    (SUP001 and SUP002 run over the same paragraphs). The report's id keeps
    the cache to one report, so checking the same text twice does the work
    twice, as a benchmark expects; the texts keep it correct if an id is reused."""
    return SupportIndex(paragraphs, load_vocabulary())


def _label(paragraph) -> str:
    return f"paragraph {paragraph.number}" if paragraph.number is not None else "finding"


@check("supported_by", provides=("item", "number", "score", "threshold", "words", "best",
                                  "best_line"))
def supported_by(report, framework, args):
    items = getattr(report, args.get("items", "improvements"))
    if not items:
        return
    paragraphs = _findings(report, args)
    threshold = float(args.get("threshold", DEFAULT_THRESHOLD))
    index = _index(id(report), tuple(p.text for p in paragraphs))
    want_supported = bool(args.get("report_supported", False))
    ignore = re.compile(args["ignore"], re.I) if args.get("ignore") else None
    for n, item in enumerate(items, start=1):
        text = ignore.sub(" ", item.text) if ignore else item.text
        support = index.support(text, top=int(args.get("top", 3)))
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
