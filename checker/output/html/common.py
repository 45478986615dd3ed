"""What every part of the HTML page shares: severity icons and ranks, line
anchors, and control characters made visible."""

from __future__ import annotations

from checker.engine.diagnostics import SEVERITIES

# Worst first; the icon and the word carry the severity, colour only repeats it.
ICONS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}
# Control characters (a PDF's form feed, stray C0 bytes) shown as their
# visible pictures, one for one, so columns and marks stay where they were.
VISIBLE = {c: 0x2400 + c for c in range(0x20) if c != 0x09} | {0x7F: 0x2421}


def anchor(fid: str, line: int) -> str:
    """The id of line `line` of file `fid` in the marked text."""
    return f"{fid}-L{line}"


def rank(severity: str) -> int:
    """0 for the worst severity; an unknown one after every known one."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def worst(notes: list[dict]) -> str | None:
    """The worst severity among notes, None for none."""
    return min((n["severity"] for n in notes), key=rank, default=None)
