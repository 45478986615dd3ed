"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE name::message

error -> ::error, warning -> ::warning, info -> ::notice. The message is
escaped (% -> %25, CR -> %0D, LF -> %0A) and property values also escape
: -> %3A and , -> %2C, so no text from a report can end a property, start a
new command or a new line. GitHub shows at most 10 annotations of each type
per step (the log keeps all of them), so a plain summary line follows them.

Columns are given only when a finding starts and ends on the same line (the
runner drops columns on a multi-line annotation); GitHub's endColumn is the
last column of the span, so our exclusive end column is given minus one.
"""

from __future__ import annotations

from checker.output.sarif import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
GITHUB_LIMIT = 10   # annotations of each type shown per step


def escape_data(text: str) -> str:
    from checker.output.render import TERMINAL_SAFE  # and no ESC for the log's ANSI colours
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A") \
        .translate(TERMINAL_SAFE)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={escape_property(value)}"
                     for key, value in properties.items() if value is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(results, rules, *, show_info: bool = False) -> str:
    """Annotations for `results`; info notes (the evidence found for each
    improvement item) only with `show_info`, as in the text format."""
    names = {r.id: r.name for r in rules or ()}
    lines = []
    counts = {"error": 0, "warning": 0, "notice": 0}
    hidden = 0
    for result in results:
        path = relative_path(result.path)
        if result.error is not None:
            lines.append(_unreadable(result, path))
            counts["error"] += 1
            continue
        for d in result.diagnostics:
            if d.severity == "info" and not show_info:
                hidden += 1
                continue
            kind = COMMANDS.get(d.severity, "warning")
            counts[kind] += 1
            lines.append(_annotation(kind, result, d, path, names))
    lines.append(_summary(results, counts, hidden, show_info))
    return "\n".join(lines) + "\n"


def _unreadable(result, path: str) -> str:
    place = result.place(result.error_line)
    same = {"line": result.error_line, "col": result.error_column}
    return command("error", result.error + (f" ({place})" if place else ""),
                   file=path, **(same if result.error_line else {}),
                   title="report-checker: cannot check this file")


def _annotation(kind: str, result, d, path: str, names: dict) -> str:
    place = result.place(d.line)
    message = d.message + (f" ({place})" if place else "")
    for r in d.related:
        message += f"\n= line {r.line}: {r.message}"
    columns = {}
    if d.end_line == d.line and d.column:
        columns = {"col": d.column, "endColumn": max(d.column, d.end_column - 1)}
    return command(kind, message, file=path, line=d.line, col=columns.get("col"),
                   endLine=d.end_line or d.line, endColumn=columns.get("endColumn"),
                   title=f"{d.rule} {names[d.rule]}" if d.rule in names else d.rule)


def _summary(results, counts: dict, hidden: int, show_info: bool) -> str:
    """The plain line after the annotations (GitHub shows only some of them)."""
    unreadable = sum(1 for r in results if r.error is not None)
    summary = (f"report-checker: {_plural(len(results) - unreadable, 'file')} checked: "
               f"{_plural(counts['error'] - unreadable, 'error')}, "
               f"{_plural(counts['warning'], 'warning')}"
               + (f", {_plural(counts['notice'], 'info note')}" if show_info else ""))
    if unreadable:
        summary += f"; {unreadable} could not be checked"
    summary += "."
    if hidden:
        summary += f" ({_plural(hidden, 'info note')} not annotated.)"
    if any(n > GITHUB_LIMIT for n in counts.values()):
        summary += (f" GitHub shows only the first {GITHUB_LIMIT} annotations of each type "
                    f"per step; this log lists all {sum(counts.values())}.")
    return summary
