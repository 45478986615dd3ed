"""A pull-request (or merge-request) comment in Markdown, from
templates/markdown.jinja: a summary line, a table per file (line, rule,
severity, message), folded in <details> when a file has many findings, and
a note for each file that could not be checked.

Autoescape is off (this is Markdown, not HTML); the `md` filter escapes
every value from a report or a path. It writes Markdown- and HTML-significant
characters as numeric character references rather than backslash escapes,
because a reference means the same in a Markdown table cell, in a heading
and inside the raw HTML of <summary>, where a backslash would be shown;
`|` as `&#124;` can never end a table cell (GFM splits cells on the raw
character only), `<` as `&lt;` can never open a tag, and `*`, `_`, `` ` ``,
`[`, `~`, `$` can never start emphasis, code, a link, strikethrough or math.
Line breaks become spaces (a cell is one line).

A GitHub comment may have at most 65,536 characters: when the comment would
be longer, the rows are cut (in document order, from the end) and each
shortened file says how many findings it does not show.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from checker.engine.diagnostics import SEVERITIES
from checker.engine.templating import files_environment
from checker.output.sarif import relative_path

COLLAPSE_AFTER = 10     # a file with more rows than this is folded in <details>
MAX_CHARS = 60_000      # below GitHub's 65,536, leaving room for a header a bot adds

_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_[]|~$#!{}"}
_ESCAPES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_BREAKS = re.compile(r"[\r\n\t\f\v\u2028\u2029\x85]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")


def md(value) -> str:
    """Text safe anywhere in the comment: in a table cell, a heading, or
    the HTML of <summary>."""
    text = _CONTROL.sub("", _BREAKS.sub(" ", "" if value is None else str(value)))
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text)


@cache
def _env():
    """Markdown is text to Jinja (autoescape off: the `md` filter escapes),
    under the one template policy (checker/engine/templating.py)."""
    env = files_environment(escape_html=False)
    env.filters["md"] = md
    return env


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _files(results, names: dict, show_info: bool) -> list[dict]:
    files = []
    for r in results:
        rows = [] if r.error is not None else [
            {"line": d.line, "place": r.place(d.line), "rule": d.rule,
             "name": names.get(d.rule), "severity": d.severity, "message": d.message,
             "related": [{"line": x.line, "place": r.place(x.line), "message": x.message}
                         for x in d.related]}
            for d in r.diagnostics if show_info or d.severity != "info"]
        counts = [_plural(sum(1 for x in rows if x["severity"] == s), s)
                  for s in SEVERITIES]
        files.append({"path": relative_path(r.path), "error": r.error,
                      "error_line": r.error_line, "error_place": r.place(r.error_line),
                      "rows": rows, "omitted": 0, "collapsed": len(rows) > COLLAPSE_AFTER,
                      "counts": ", ".join(c for c in counts if not c.startswith("0 "))})
    return files


def _cut(files: list[dict], budget: int) -> list[dict]:
    """The files with at most `budget` rows in all, the first ones kept."""
    out = []
    for f in files:
        keep = f["rows"][:max(0, budget)]
        budget -= len(keep)
        out.append({**f, "rows": keep, "omitted": len(f["rows"]) - len(keep)})
    return out


def render(results, rules, *, show_info: bool = False, max_chars: int = MAX_CHARS) -> str:
    """The comment for `results`; info notes (the evidence found for each
    improvement item) only with `show_info`, as in the text format."""
    names = {r.id: r.name for r in rules or ()}
    files = _files(results, names, show_info)
    summary = _summary(results, files, show_info)
    template = _env().get_template("markdown.jinja")
    text = template.render(files=files, summary=summary)
    total = sum(len(f["rows"]) for f in files)
    budget = total
    while len(text) > max_chars and budget > 0:
        # rows are roughly alike: aim at the limit, then step down
        budget = min(budget - 1, int(budget * max_chars / len(text) * 0.95))
        text = template.render(files=_cut(files, budget), summary=summary)
    return text


def _summary(results, files: list[dict], show_info: bool) -> dict:
    shown = Counter(d.severity for r in results if r.error is None for d in r.diagnostics
                    if show_info or d.severity != "info")
    all_info = sum(1 for r in results for d in r.diagnostics if d.severity == "info")
    return {
        "files": len(results),
        "errors": shown["error"], "warnings": shown["warning"], "info_shown": shown["info"],
        "findings": shown.total(),
        "unreadable": sum(1 for r in results if r.error is not None),
        "clean": sum(1 for f in files if not f["error"] and not f["rows"]),
        "hidden_info": 0 if show_info else all_info,
    }
