"""The evidence map of the HTML page: each improvement item (and strength)
with the paragraphs that support it, or the closest ones when none does.

It reads only what the evidence rules recorded: a diagnostic at an item's
place whose `data` carries `evidence` (the paragraphs, best first: line,
column, label, score, matched words) and `threshold` (the supported_by
check's contract). The item is supported when its best paragraph reaches the
threshold. Where no diagnostic speaks for an item, the map says that no
evidence was recorded for it: it does not run the check again to fill the
gap. That happens when a configuration ignores the rule that records
supported items (SUP002 in the built-in packs), and for JTAI strengths, which
no built-in rule records when supported; a page that ran checks itself would
be a second engine, with its own idea of the rules' arguments.
"""

from __future__ import annotations

import re

from checker.output.html.common import VISIBLE, anchor, rank

_GROUPS = (("improvements", "What needs to improve", "improvement item"),
           ("strengths", "Strengths", "strength"))
_EXCERPT_SENTENCES = 2
_EXCERPT_CHARS = 360


def evidence(fid: str, result, diagnostics, notes) -> list[dict]:
    """One group per kind of item the report has: its entries and tallies."""
    report = result.report
    blocks = {b.span.line: b for _, b in report.blocks()}
    recorded = _recorded(diagnostics, notes)
    groups = []
    for attr, title, noun in _GROUPS:
        items = getattr(report, attr)
        if not items:
            continue
        entries = [_entry(fid, n, item, recorded, blocks)
                   for n, item in enumerate(items, start=1)]
        tally = {status: sum(1 for e in entries if e["status"] == status)
                 for status in ("supported", "partly", "unsupported", "unknown")}
        groups.append({"title": title, "noun": noun, "entries": entries, **tally})
    return groups


def _recorded(diagnostics, notes) -> dict:
    """(line, column) of an item -> the diagnostic recording its evidence
    and its note; where two do, the worse (an unsupported finding) wins."""
    found: dict = {}
    for d, note in zip(diagnostics, notes):
        if not _records_evidence(d.data):
            continue
        key = (d.line, d.column)
        if key not in found or rank(d.severity) < rank(found[key][0].severity):
            found[key] = (d, note)
    return found


def _records_evidence(data: dict) -> bool:
    """The supported_by contract: paragraphs (a list) and a threshold. (Other
    checks' `evidence` is a phrase, as decision_table's.)"""
    return isinstance(data.get("evidence"), list) and "threshold" in data


def _entry(fid: str, n: int, item, recorded: dict, blocks: dict) -> dict:
    d, note = recorded.get((item.span.line, item.span.column), (None, None))
    entry = {"n": n, "text": item.text, "line": item.span.line,
             "anchor": anchor(fid, item.span.line), "note": note, "status": "unknown",
             "paragraphs": [], "threshold": None, "topics": []}
    if d is None:
        return entry
    threshold = float(d.data["threshold"])
    paragraphs = list(d.data["evidence"])
    entry.update(status=_status(d.data, paragraphs, threshold), threshold=threshold,
                 topics=list(d.data.get("topics") or []),
                 paragraphs=[_paragraph(fid, blocks, p, threshold) for p in paragraphs])
    return entry


def _status(data: dict, paragraphs: list, threshold: float) -> str:
    """The verdict the rule recorded (`problem`); for a rule that records
    none (a plugin's), the best paragraph's score against the threshold."""
    problem = data.get("problem")
    if problem in ("supported", "partly"):
        return problem
    if problem in ("unsupported", "unmatched"):
        return "unsupported"
    best = paragraphs[0]["score"] if paragraphs else 0.0
    return "supported" if best >= threshold else "unsupported"


def _paragraph(fid: str, blocks: dict, found: dict, threshold: float) -> dict:
    """One paragraph of an item's evidence, with its excerpt."""
    line, words = found["line"], list(found["words"])
    score = f"{found['score']:.2f}"
    block = blocks.get(line)
    return {"line": line, "anchor": anchor(fid, line), "label": found["label"],
            "score": score, "weak": float(score) < threshold, "words": words,
            "message": f"matched {', '.join(words)}",
            "excerpt": _excerpt(block, words) if block is not None else []}


def _excerpt(block, words: list[str]) -> list[dict]:
    """The sentences of a paragraph with most matched words, matched words
    marked: [{text, match}] pieces, with "…" between non-adjacent sentences."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE) if words else None
    sentences = block.sentences() or [block]
    scored = [(len(pattern.findall(s.text)) if pattern else 0, -i, i)
              for i, s in enumerate(sentences)]
    chosen = sorted(i for _, _, i in sorted(scored, reverse=True)[:_EXCERPT_SENTENCES])
    pieces: list[dict] = []
    previous = -1
    for i in chosen:
        text = sentences[i].text.translate(VISIBLE)
        if len(text) > _EXCERPT_CHARS:
            text = text[:_EXCERPT_CHARS].rsplit(" ", 1)[0] + " \u2026"
        if pieces or i > 0:
            pieces.append({"text": " \u2026 " if i != previous + 1 or not pieces else " ",
                           "match": False})
        previous = i
        pieces.extend(_marked(text, pattern))
    if chosen and chosen[-1] < len(sentences) - 1:
        pieces.append({"text": " \u2026", "match": False})
    return pieces


def _marked(text: str, pattern) -> list[dict]:
    """`text` in pieces, the matches of `pattern` (if any) marked."""
    pieces = []
    position = 0
    for m in pattern.finditer(text) if pattern else ():
        if m.start() > position:
            pieces.append({"text": text[position:m.start()], "match": False})
        pieces.append({"text": m.group(0), "match": True})
        position = m.end()
    if position < len(text):
        pieces.append({"text": text[position:], "match": False})
    return pieces
