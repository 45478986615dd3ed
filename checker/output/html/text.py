"""The marked text of the HTML page: each original line cut into segments,
each segment knowing which findings cover it."""

from __future__ import annotations

from checker.output.html.common import anchor, worst


def lines(fid: str, result, original: list[str], diagnostics, notes) -> list[dict]:
    """Each original line cut into segments, each segment knowing which
    findings cover it, so overlapping findings need no nested marks."""
    if result.source is None:
        return []
    spans, starts, cited = _spans(original, diagnostics, notes)
    return [{"n": k, "anchor": anchor(fid, k), "place": result.place(k),
             "blank": not text.strip(), "segments": segments(text, spans.get(k, [])),
             "notes": starts.get(k, []), "cited": cited.get(k, [])}
            for k, text in enumerate(original, start=1)]


def _spans(original: list[str], diagnostics, notes):
    """Per line: the (start, end, note, last line?) spans of findings over
    it, the notes that start on it, and the notes citing it."""
    spans: dict[int, list] = {}
    starts: dict[int, list] = {}
    cited: dict[int, list] = {}
    for d, note in zip(diagnostics, notes):
        if note["placed"]:
            starts.setdefault(d.line, []).append(note)
        last_line = min(len(original), max(d.line, d.end_line))
        for k in range(max(1, d.line), last_line + 1):
            text = original[k - 1]
            start = d.column - 1 if k == d.line else 0
            end = d.end_column - 1 if k == d.end_line else len(text)
            start = max(0, min(start, len(text)))
            end = max(start, min(end, len(text)))
            spans.setdefault(k, []).append((start, end, note, k == last_line))
        for r in note["related"]:
            if r["exists"] and r["line"] != d.line:
                cited.setdefault(r["line"], []).append({"note": note, "message": r["message"]})
    return spans, starts, cited


def segments(text: str, spans: list) -> list[dict]:
    """Cut a line at every span boundary into pieces: text pieces
    {text, severity, notes} (the findings covering it, so overlapping findings
    need no nested marks) and, where a finding's span ends on this line, a
    reference piece {ref: note} linking to its note (an empty span is just
    that reference, at its position)."""
    if not spans:
        return [{"text": text, "severity": None, "notes": [], "ref": None}]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    refs: dict[int, list] = {}
    for _, e, note, last in spans:
        if last and note not in refs.setdefault(e, []):
            refs[e].append(note)
    pieces: list[dict] = []

    def add_refs(position: int) -> None:
        pieces.extend({"text": "", "severity": None, "notes": [], "ref": note}
                      for note in refs.get(position, ()))

    # a sweep over the cuts: the spans covering each piece are those begun
    # and not yet ended (testing every span at every cut is quadratic on a
    # line with thousands of findings)
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for k, (s, e, _, _) in enumerate(spans):
        if s < e:
            opening.setdefault(s, []).append(k)
            closing.setdefault(e, []).append(k)
    active: set[int] = set()
    add_refs(0)
    for a, b in zip(cuts, cuts[1:]):
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        covering = [spans[k][2] for k in sorted(active)]
        last = pieces[-1] if pieces else None
        if last is not None and last["ref"] is None and \
                [n["id"] for n in last["notes"]] == [n["id"] for n in covering]:
            last["text"] += text[a:b]
        else:
            pieces.append({"text": text[a:b], "severity": worst(covering), "notes": covering,
                           "ref": None})
        add_refs(b)
    return pieces
