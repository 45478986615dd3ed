"""HTML report for people: one self-contained page (inline CSS, no script, no
network) with each file's text, its findings marked where they occur and
explained beside them, the judgement table with its coherence verdicts, and
the evidence map of improvement items (and JTAI strengths).

This module only turns results into plain data (strings, numbers, lists);
templates/report.html.jinja and its partials in templates/html/ lay it out.
The environment autoescapes every value and nothing is marked safe, so report
text such as `<script>` is shown as text; StrictUndefined makes a misspelt
template variable an error instead of an empty cell.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

import checker
from checker.datafiles.resources import data_dir
from checker.engine.diagnostics import SEVERITIES

TEMPLATE = "report.html.jinja"
# Worst first; the icon and the word carry the severity, colour only repeats it.
ICONS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}
KIND_LABELS = {"ilacs": "ILACS inspection report", "focused_visit": "focused visit letter",
               "jtai": "JTAI letter", "monitoring_visit": "monitoring visit letter"}
# Rules about the judgement table and its sections: by tag, else by id prefix.
GRADE_TAG = "grades"
GRADE_PREFIXES = ("GRD", "TBL", "SEC")
EVIDENCE_CHECK = "supported_by"
_EVIDENCE_PREFIX = "SUP"
_EVIDENCE_MESSAGE = re.compile(r"^(?P<label>.+?): score (?P<score>[0-9.]+), matched (?P<words>.*)$")
# Control characters (a PDF's form feed, stray C0 bytes) shown as their
# visible pictures, one for one, so columns and marks stay where they were.
_VISIBLE = {c: 0x2400 + c for c in range(0x20) if c != 0x09} | {0x7F: 0x2421}
_EXCERPT_SENTENCES = 2
_EXCERPT_CHARS = 360


@cache
def _env() -> Environment:
    # autoescape=True rather than select_autoescape(): the template's name
    # ends in .jinja, which select_autoescape's default extensions miss.
    return Environment(loader=FileSystemLoader(data_dir("templates")), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(results, rules) -> str:
    """The HTML page for `results` (checker.api.FileResult), with rule
    metadata (name, docs) from `rules` (checker.engine.rules.Rule; may be empty)."""
    from checker.output.render import summary
    by_id = {r.id: r for r in rules or ()}
    files = [_file(n, result, by_id) for n, result in enumerate(results, start=1)]
    return _env().get_template(TEMPLATE).render(
        summary=summary(list(results)), files=files, version=checker.__version__,
        icons=ICONS, severities=SEVERITIES)


# ----------------------------------------------------------------- files ----

def _file(n: int, result, rules: dict) -> dict:
    fid = f"f{n}"
    lines = [line.translate(_VISIBLE) for line in result.source.original_lines] \
        if result.source is not None else []
    diagnostics = sorted(result.diagnostics, key=lambda d: (
        d.line, d.column, _rank(d.severity), d.rule))
    notes = [_note(fid, i, d, result, rules, len(lines))
             for i, d in enumerate(diagnostics, start=1)]
    report = result.report
    counts = {s: result.count(s) for s in SEVERITIES}
    return {
        "id": fid, "n": n, "path": result.path, "error": result.error,
        "kind": result.kind, "kind_label": KIND_LABELS.get(result.kind or "", result.kind or ""),
        "framework": result.framework,
        "title": report.title if report else None,
        "authority": report.authority if report else None,
        "dates": report.dates.text if report and report.dates else None,
        "counts": counts,
        "worst": next((s for s in SEVERITIES if counts[s]), None),
        "error_location": _error_location(fid, result, lines),
        "notes": notes,
        "problems": [note for note in notes if note["severity"] != "info"],
        "infos": [note for note in notes if note["severity"] == "info"],
        "unplaced": [note for note in notes if not note["placed"]],
        "judgements": _judgements(fid, result, diagnostics, notes, rules) if report else None,
        "evidence": _evidence(fid, result, diagnostics, notes, rules) if report else [],
        "lines": _lines(fid, result, lines, diagnostics, notes),
    }


def _anchor(fid: str, line: int) -> str:
    return f"{fid}-L{line}"


def _error_location(fid: str, result, lines: list[str]) -> dict | None:
    """The line a layout error is at, with two lines either side."""
    if not result.error or not result.error_line or not lines:
        return None
    line = result.error_line
    context = [{"n": k, "text": lines[k - 1], "here": k == line}
               for k in range(max(1, line - 2), min(len(lines), line + 2) + 1)]
    return {"line": line, "column": result.error_column, "place": result.place(line),
            "context": context}


def _note(fid: str, i: int, d, result, rules: dict, line_count: int) -> dict:
    rule = rules.get(d.rule)
    docs = rule.docs if rule is not None else {}
    return {
        "id": f"{fid}-d{i}", "n": i, "rule": d.rule, "name": rule.name if rule else "",
        "severity": d.severity, "icon": ICONS.get(d.severity, "?"), "message": d.message,
        "line": d.line, "column": d.column, "end_line": d.end_line,
        "anchor": _anchor(fid, d.line), "place": result.place(d.line),
        "placed": 1 <= d.line <= line_count,
        "what": docs.get("what", ""), "fix": docs.get("fix", ""),
        "related": [{"line": r.line, "column": r.column, "message": r.message,
                     "anchor": _anchor(fid, r.line), "place": result.place(r.line),
                     "exists": 1 <= r.line <= line_count}
                    for r in d.related],
    }


# ------------------------------------------------------ the marked text ----

def _lines(fid: str, result, lines: list[str], diagnostics, notes) -> list[dict]:
    """Each original line cut into segments, each segment knowing which
    findings cover it, so overlapping findings need no nested marks."""
    if result.source is None:
        return []
    spans: dict[int, list] = {}
    starts: dict[int, list] = {}
    cited: dict[int, list] = {}
    for d, note in zip(diagnostics, notes):
        if note["placed"]:
            starts.setdefault(d.line, []).append(note)
        last_line = min(len(lines), max(d.line, d.end_line))
        for k in range(max(1, d.line), last_line + 1):
            text = lines[k - 1]
            start = d.column - 1 if k == d.line else 0
            end = d.end_column - 1 if k == d.end_line else len(text)
            start = max(0, min(start, len(text)))
            end = max(start, min(end, len(text)))
            spans.setdefault(k, []).append((start, end, note, k == last_line))
        for r in note["related"]:
            if r["exists"] and r["line"] != d.line:
                cited.setdefault(r["line"], []).append({"note": note, "message": r["message"]})
    out = []
    for k, text in enumerate(lines, start=1):
        out.append({"n": k, "anchor": _anchor(fid, k), "place": result.place(k),
                    "blank": not text.strip(),
                    "segments": _segments(text, spans.get(k, [])),
                    "notes": starts.get(k, []), "cited": cited.get(k, [])})
    return out


def _segments(text: str, spans: list) -> list[dict]:
    """Cut a line at every span boundary into pieces: text pieces
    {text, severity, notes} (the findings covering it, so overlapping findings
    need no nested marks) and, where a finding's span ends on this line, a
    reference piece {ref: note} linking to its note (an empty span is just
    that reference, at its position)."""
    if not spans:
        return [{"text": text, "severity": None, "notes": [], "ref": None}]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    refs: dict[int, list] = {}
    for s, e, note, last in spans:
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
            pieces.append({"text": text[a:b], "severity": _worst(covering), "notes": covering,
                           "ref": None})
        add_refs(b)
    return pieces


def _worst(notes: list[dict]) -> str | None:
    return min((n["severity"] for n in notes), key=_rank, default=None)


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


# ------------------------------------------------- judgement table view ----

def _is_grade_rule(rule_id: str, rules: dict) -> bool:
    rule = rules.get(rule_id)
    if rule is not None and GRADE_TAG in rule.tags:
        return True
    return rule_id.startswith(GRADE_PREFIXES)


def _judgements(fid: str, result, diagnostics, notes, rules: dict) -> dict:
    """Each table row with its section's heading and grade and the grade
    rules' findings at either line (or citing them)."""
    from checker.parsing.parser import framework_of
    report = result.report
    framework = framework_of(report)
    grade_notes = [(d, note) for d, note in zip(diagnostics, notes)
                   if _is_grade_rule(d.rule, rules)]
    used: set[str] = set()

    def findings_at(lines: set[int]):
        at = [note for d, note in grade_notes if d.line in lines]
        cited = [note for d, note in grade_notes if d.line not in lines
                 and any(r.line in lines for r in d.related)]
        return at, cited

    # each section's judgement: named exactly, or one slip away (as the
    # section rules read it, so a misworded heading still meets its row)
    matched = [(s, *_judgement_of(s, framework)) for s in report.sections]
    rows = []
    for row in report.judgements:
        sections = [(s, exact) for s, j, exact in matched
                    if row.judgement and j is not None and j.id == row.judgement]
        judgement = framework.judgement(row.judgement) if framework and row.judgement else None
        lines = {row.span.line} | {s.span.line for s, _ in sections}
        at, cited = findings_at(lines)
        used.update(note["id"] for note in at)
        differs = any(s.grade != row.grade for s, _ in sections if s.grade_text is not None)
        rows.append({
            "name": row.name, "grade": row.grade_text, "line": row.span.line,
            "anchor": _anchor(fid, row.span.line),
            "sections": [{"heading": s.heading, "grade": s.grade_text, "line": s.span.line,
                          "anchor": _anchor(fid, s.span.line), "exact": exact,
                          "agrees": s.grade_text is None or s.grade == row.grade}
                         for s, exact in sections],
            "table_only": judgement is not None and not judgement.section,
            "known": row.judgement is not None,
            "findings": at, "cited": cited,
            "verdict": _verdict(at, differs),
        })
    rowed = {r.judgement for r in report.judgements if r.judgement}
    orphans = []
    for s, j, _ in matched:
        if j is not None and j.id in rowed:
            continue
        if s.grade_text is None and report.kind != "ilacs":
            continue  # a letter's plain headings are not graded sections
        at, cited = findings_at({s.span.line})
        used.update(note["id"] for note in at)
        orphans.append({"heading": s.heading, "grade": s.grade_text, "line": s.span.line,
                        "anchor": _anchor(fid, s.span.line), "findings": at, "cited": cited,
                        "verdict": _verdict(at, False)})
    others = [note for _, note in grade_notes if note["id"] not in used]
    return {"rows": rows, "orphans": orphans, "others": others,
            "has_table": report.table is not None or bool(report.judgements),
            "table_anchor": _anchor(fid, report.table.line) if report.table else None}


def _judgement_of(section, framework):
    """(judgement, exact): the framework judgement a section heading reports on."""
    if framework is None:
        return None, False
    try:
        from checker.checks.sections import judgement_of
        return judgement_of(section, framework)
    except Exception:  # noqa: BLE001 - a view: fall back to the exact name
        judgement = framework.judgement(section.judgement) if section.judgement else None
        return judgement, judgement is not None


def _verdict(findings: list[dict], differs: bool) -> dict:
    worst = _worst(findings)
    if worst in ("error", "warning"):
        n = sum(1 for f in findings if f["severity"] != "info")
        return {"status": worst, "icon": ICONS[worst],
                "text": f"{n} problem{'' if n == 1 else 's'} found"}
    if differs:
        return {"status": "warning", "icon": ICONS["warning"],
                "text": "heading grade differs from the table"}
    return {"status": "ok", "icon": "\u2714", "text": "coherent"}


# --------------------------------------------------------- evidence map ----

def _evidence(fid: str, result, diagnostics, notes, rules: dict) -> list[dict]:
    """Improvement items (and strengths) with the paragraphs that support
    them, from the evidence rules' diagnostics: a supported item's info note
    lists its best paragraphs; an unsupported item's warning its closest.
    Where no diagnostic speaks for an item (no rule records supported
    strengths; a configuration may ignore SUP002), the rule's own check is
    run again asking for supported items, so the map still shows evidence."""
    report = result.report
    blocks = {b.span.line: b for _, b in report.blocks()}
    groups = []
    for attr, title, noun in (("improvements", "What needs to improve", "improvement item"),
                              ("strengths", "Strengths", "strength")):
        items = getattr(report, attr)
        if not items:
            continue
        found = _evidence_diagnostics(attr, diagnostics, notes, rules)
        missing = [item for item in items if (item.span.line, item.span.column) not in found]
        computed, computed_rule = _recompute(report, attr, rules) if missing else ({}, None)
        entries = []
        for n, item in enumerate(items, start=1):
            key = (item.span.line, item.span.column)
            d, note = found.get(key, (None, None))
            related = list(d.related) if d is not None else computed.get(key, [])
            if d is not None:
                status = "supported" if d.severity == "info" else "unsupported"
            elif key in computed:
                status = "supported"
            else:
                status = "unknown"
            rule = rules.get(d.rule) if d is not None else computed_rule
            threshold = _threshold(rule)
            paragraphs = [_paragraph(fid, blocks, r.line, r.message, threshold) for r in related]
            entries.append({
                "n": n, "text": item.text, "line": item.span.line,
                "anchor": _anchor(fid, item.span.line), "status": status,
                "note": note,
                "computed_by": computed_rule.id if d is None and key in computed else None,
                "paragraphs": paragraphs, "threshold": threshold,
            })
        groups.append({"title": title, "noun": noun, "entries": entries,
                       "supported": sum(1 for e in entries if e["status"] == "supported"),
                       "unsupported": sum(1 for e in entries if e["status"] == "unsupported")})
    return groups


def _evidence_rule(rule_id: str, rules: dict, attr: str) -> bool:
    rule = rules.get(rule_id)
    if rule is None:
        return rule_id.startswith(_EVIDENCE_PREFIX)
    return rule.check == EVIDENCE_CHECK and rule.args.get("items", "improvements") == attr


def _evidence_diagnostics(attr: str, diagnostics, notes, rules: dict) -> dict:
    """(line, column) of an item -> its evidence diagnostic, the warning
    (unsupported) before the info note if both exist."""
    found: dict = {}
    for d, note in zip(diagnostics, notes):
        if not _evidence_rule(d.rule, rules, attr):
            continue
        key = (d.line, d.column)
        if key not in found or _rank(d.severity) < _rank(found[key][0].severity):
            found[key] = (d, note)
    return found


def _recompute(report, attr: str, rules: dict) -> dict:
    from checker.checks import find_check
    from checker.parsing.parser import framework_of
    candidates = [r for r in rules.values() if r.check == EVIDENCE_CHECK
                  and r.args.get("items", "improvements") == attr and r.applies(report)]
    if not candidates:
        return {}, None
    rule = min(candidates, key=lambda r: (not r.args.get("report_supported", False), r.id))
    args = {**rule.args, "report_supported": True}
    try:
        findings = list(find_check(rule.check)(report, framework_of(report), args))
    except Exception:  # noqa: BLE001 - the map is a view; the rules already ran
        return {}, None
    return {(f.line, f.column): f.related for f in findings}, rule


def _threshold(rule) -> float | None:
    try:
        return float(rule.args["threshold"]) if rule is not None else None
    except (KeyError, TypeError, ValueError):
        return None


def _paragraph(fid: str, blocks: dict, line: int, message: str,
               threshold: float | None) -> dict:
    m = _EVIDENCE_MESSAGE.match(message)
    label, score, words = (m["label"], m["score"], [w for w in m["words"].split(", ") if w]) \
        if m else (message, None, [])
    block = blocks.get(line)
    weak = score is not None and threshold is not None and float(score) < threshold
    return {"line": line, "anchor": _anchor(fid, line), "label": label, "score": score,
            "weak": weak, "words": words, "message": message,
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
        text = sentences[i].text.translate(_VISIBLE)
        if len(text) > _EXCERPT_CHARS:
            text = text[:_EXCERPT_CHARS].rsplit(" ", 1)[0] + " \u2026"
        if pieces or i > 0:
            pieces.append({"text": " \u2026 " if i != previous + 1 or not pieces else " ",
                           "match": False})
        previous = i
        position = 0
        for m in pattern.finditer(text) if pattern else ():
            if m.start() > position:
                pieces.append({"text": text[position:m.start()], "match": False})
            pieces.append({"text": m.group(0), "match": True})
            position = m.end()
        if position < len(text):
            pieces.append({"text": text[position:], "match": False})
    if chosen and chosen[-1] < len(sentences) - 1:
        pieces.append({"text": " \u2026", "match": False})
    return pieces
