"""HTML report for people: one self-contained page (inline CSS, no script, no
network) with each file's text, its findings marked where they occur and
explained beside them, the judgement table with its coherence verdicts, and
the evidence map of improvement items (and JTAI strengths).

This package only turns results into plain data (strings, numbers, lists):
the marked text (text.py), the judgement table (judgements.py), the evidence
map (evidence.py). templates/report.html.jinja and its partials in
templates/html/ lay it out. It knows no rule: it reads the diagnostics (and
the values their checks found, `data`), the rules' metadata (name, docs,
tags) and the document model. The environment (checker/engine/templating.py)
autoescapes every value and nothing is marked safe, so report text such as
`<script>` is shown as text; StrictUndefined makes a misspelt template
variable an error instead of an empty cell.
"""

from __future__ import annotations

from functools import cache

from checker.engine.diagnostics import SEVERITIES
from checker.engine.templating import files_environment
from checker.output.html.common import ICONS, VISIBLE, anchor, rank
from checker.output.html.evidence import evidence
from checker.output.html.judgements import judgements
from checker.output.html.text import lines as marked_lines
from checker.version import __version__

TEMPLATE = "report.html.jinja"
KIND_LABELS = {"ilacs": "ILACS inspection report", "focused_visit": "focused visit letter",
               "jtai": "JTAI letter", "monitoring_visit": "monitoring visit letter"}


@cache
def _env():
    return files_environment(escape_html=True)


def render(results, rules) -> str:
    """The HTML page for `results` (checker.api.FileResult), with rule
    metadata (name, docs, tags) from `rules` (checker.engine.rules.Rule; may
    be empty)."""
    from checker.output.render import summary
    by_id = {r.id: r for r in rules or ()}
    files = [_file(n, result, by_id) for n, result in enumerate(results, start=1)]
    return _env().get_template(TEMPLATE).render(
        summary=summary(list(results)), files=files, version=__version__,
        icons=ICONS, severities=SEVERITIES)


def _file(n: int, result, rules: dict) -> dict:
    fid = f"f{n}"
    original = [line.translate(VISIBLE) for line in result.source.original_lines] \
        if result.source is not None else []
    diagnostics = sorted(result.diagnostics, key=lambda d: (
        d.line, d.column, rank(d.severity), d.rule))
    notes = [_note(fid, i, d, result, rules, len(original))
             for i, d in enumerate(diagnostics, start=1)]
    report = result.report
    counts = {s: result.count(s) for s in SEVERITIES}
    return {
        "id": fid, "n": n, "path": result.path, "error": result.error,
        "kind": result.kind, "kind_label": KIND_LABELS.get(result.kind or "", result.kind or ""),
        "framework": result.framework, **_heading(report),
        "counts": counts,
        "worst": next((s for s in SEVERITIES if counts[s]), None),
        "error_location": _error_location(result, original),
        "notes": notes,
        "problems": [note for note in notes if note["severity"] != "info"],
        "infos": [note for note in notes if note["severity"] == "info"],
        "unplaced": [note for note in notes if not note["placed"]],
        "judgements": judgements(fid, result, diagnostics, notes, rules) if report else None,
        "evidence": evidence(fid, result, diagnostics, notes) if report else [],
        "lines": marked_lines(fid, result, original, diagnostics, notes),
    }


def _heading(report) -> dict:
    """What the report says it is: its title, authority and dates."""
    return {"title": report.title if report else None,
            "authority": report.authority if report else None,
            "dates": report.dates.text if report and report.dates else None}


def _error_location(result, original: list[str]) -> dict | None:
    """The line a layout error is at, with two lines either side."""
    if not result.error or not result.error_line or not original:
        return None
    line = result.error_line
    context = [{"n": k, "text": original[k - 1], "here": k == line}
               for k in range(max(1, line - 2), min(len(original), line + 2) + 1)]
    return {"line": line, "column": result.error_column, "place": result.place(line),
            "context": context}


def _note(fid: str, i: int, d, result, rules: dict, line_count: int) -> dict:
    rule = rules.get(d.rule)
    docs = rule.docs if rule is not None else {}
    return {
        "id": f"{fid}-d{i}", "n": i, "rule": d.rule, "name": rule.name if rule else "",
        "tags": " ".join(rule.tags) if rule else "",
        "severity": d.severity, "icon": ICONS.get(d.severity, "?"), "message": d.message,
        "line": d.line, "column": d.column, "end_line": d.end_line,
        "anchor": anchor(fid, d.line), "place": result.place(d.line),
        "placed": 1 <= d.line <= line_count,
        "what": docs.get("what", ""), "fix": docs.get("fix", ""),
        "related": [{"line": r.line, "column": r.column, "message": r.message,
                     "anchor": anchor(fid, r.line), "place": result.place(r.line),
                     "exists": 1 <= r.line <= line_count}
                    for r in d.related],
    }
