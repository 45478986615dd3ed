"""Renderers: results -> text (Jinja template) or JSON (json.dumps).

Human formats are templates in templates/, so wording and layout change
without code; machine formats are built as dicts, because a template cannot
guarantee valid JSON.
"""

from __future__ import annotations

import json
from functools import cache

from checker.api import FileResult
from checker.engine.diagnostics import SEVERITIES
from checker.engine.templating import files_environment

JSON_VERSION = 1
_EXCERPT_WIDTH = 100


@cache
def _env():
    """Text templates under the one template policy (checker/engine/templating.py)."""
    return files_environment(escape_html=False)


def summary(results: list[FileResult]) -> dict:
    counts = {s: sum(r.count(s) for r in results) for s in SEVERITIES}
    return {"files": len(results), "checked": sum(1 for r in results if r.error is None),
            "unreadable": sum(1 for r in results if r.error is not None),
            "errors": counts["error"], "warnings": counts["warning"], "info": counts["info"]}


def excerpt(result: FileResult, line: int | None, column: int | None) -> str:
    """The offending original line with a caret under the column; long lines
    (a paragraph is one line) are cut to a window around the column."""
    if result.source is None or not line or line > len(result.source.original_lines):
        return ""
    text = result.source.original_lines[line - 1].replace("\t", " ")
    column = max(1, min(column or 1, len(text) + 1))
    start = max(0, min(column - 1 - _EXCERPT_WIDTH // 3, len(text) - _EXCERPT_WIDTH))
    window = text[start:start + _EXCERPT_WIDTH]
    prefix = "..." if start > 0 else ""
    suffix = "..." if start + _EXCERPT_WIDTH < len(text) else ""
    gutter = f"{line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (len(prefix) + column - 1 - start) + "^"
    return f"{gutter}{prefix}{window}{suffix}\n{caret}"


def _shown(result: FileResult, d) -> dict:
    """A finding as the text report shows it: with its excerpt, and its own
    place and its related notes' places as the reader's document shows them
    (page and line of a PDF, paragraph of a Word draft), where it has them."""
    found = d.to_json()
    related = [{**rel, "place": result.place(rel["line"])} for rel in found["related"]]
    return {**found, "related": related, "excerpt": excerpt(result, d.line, d.column),
            "place": result.place(d.line)}


def render_text(results: list[FileResult], show_info: bool = False,
                baseline: dict | None = None) -> str:
    files = []
    hidden = 0
    for r in results:
        shown = [d for d in r.diagnostics if show_info or d.severity != "info"]
        hidden += len(r.diagnostics) - len(shown)
        files.append({
            "path": r.path, "error": r.error, "error_line": r.error_line,
            "error_column": r.error_column,
            "excerpt": excerpt(r, r.error_line, r.error_column) if r.error else "",
            "error_place": r.place(r.error_line) if r.error else None,
            "diagnostics": [_shown(r, d) for d in shown]})
    return _env().get_template("text.jinja").render(
        files=files, summary={**summary(results), "hidden_info": hidden}, show_info=show_info,
        baseline=baseline).translate(TERMINAL_SAFE)


# Control characters from a report (or a file name) reach the terminal as their
# visible pictures, one for one (columns and carets stay put): an ESC or a C1
# CSI in a draft must not clear the screen, retitle the window or plant a link.
TERMINAL_SAFE = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {
    0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}}


def render_json(results: list[FileResult], baseline: dict | None = None) -> str:
    totals = summary(results)
    if baseline is not None:
        totals["baseline"] = baseline
    return json.dumps({"version": JSON_VERSION, "files": [r.to_json() for r in results],
                       "summary": totals}, indent=2, ensure_ascii=False) + "\n"


def render_model_json(results: list[FileResult]) -> str:
    """`parse --format json`: the document model of each file."""
    files = []
    for r in results:
        entry = r.report.to_json() if r.report else {"path": r.path, "kind": r.kind,
                                                     "framework": r.framework}
        entry["error"] = r.error
        files.append(entry)
    return json.dumps({"version": JSON_VERSION, "files": files}, indent=2,
                      ensure_ascii=False) + "\n"


def render_outline(results: list[FileResult]) -> str:
    """`parse` (text): an outline of the document model of each file."""
    files = [{**(r.report.to_json() if r.report else {"path": r.path}), "error": r.error}
             for r in results]
    return _env().get_template("outline.jinja").render(files=files)
