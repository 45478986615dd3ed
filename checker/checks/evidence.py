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
from operator import attrgetter
from typing import Literal

from checker.checks import Args, Finding, Kind, Regex, Related, check
from checker.datafiles.frameworks import heading_key
from checker.engine.analysis import Analysis
from checker.engine.support import DEFAULT_THRESHOLD

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
                                  "best_line", "evidence"), args=SupportedByArgs)
def supported_by(report, framework, args):
    """Findings carry, besides the message's values, `evidence`: the best
    paragraphs, best first, as {line, column, label, score, words} (the
    related locations name the same ones), and `threshold`."""
    report = Analysis.of(report)
    items = getattr(report, args.get("items", "improvements"))
    if not items:
        return
    paragraphs = _findings(report, args)
    threshold = float(args.get("threshold", DEFAULT_THRESHOLD))
    # one index per report's findings, shared by the rules that read them
    index = report.support_index(tuple(map(_TEXT, paragraphs)))
    want_supported = bool(args.get("report_supported", False))
    ignore = re.compile(args["ignore"], re.I) if args.get("ignore") else None
    top = int(args.get("top", 3))
    for n, item in enumerate(items, start=1):
        text = ignore.sub(" ", item.text) if ignore else item.text
        support = index.support(text, top=top)
        if (support.score >= threshold) != want_supported:
            continue
        best = [(paragraphs[e.paragraph], e) for e in support.evidence]
        related = [Related(p.span.line, f"{_label(p)}: score {e.score:.2f}, "
                                        f"matched {', '.join(e.matched)}")
                   for p, e in best]
        yield Finding.at(item.span, related=related, item=item.text, number=n,
                         score=round(support.score, 2), threshold=threshold,
                         words=", ".join(support.words),
                         best=related[0].message if related else "",
                         best_line=related[0].line if related else None,
                         evidence=[_evidence(p, e) for p, e in best])


def _evidence(paragraph, found) -> dict:
    """One supporting paragraph as the finding's data: where it is, its
    label, its score (rounded as the message shows it) and the item's
    words it holds."""
    return {"line": paragraph.span.line, "column": paragraph.span.column,
            "label": _label(paragraph), "score": round(found.score, 2),
            "words": list(found.matched)}
