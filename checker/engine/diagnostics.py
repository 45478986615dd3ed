"""What a check finds and what a rule reports: one definition of each.

A check function yields `Finding`s: a place and the values it found (grades,
judgement names, evidence paragraphs, matched words). The engine turns each
into a `Diagnostic`: the rule's id and severity, the message rendered from
the rule's template, and the same values as `data`, so that renderers (the
HTML evidence map, the judgement table's verdicts) read what the check found
instead of parsing the sentence or running the check again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# Most severe first: the order of summaries, sorting and --fail-on.
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Related:
    """Another place in the report that explains a finding (the other side
    of a disagreement, the evidence for an item)."""

    line: int
    message: str
    column: int = 1


@dataclass
class Finding:
    """One problem a check found, at a place in the original file."""

    line: int
    column: int
    end_line: int
    end_column: int
    values: dict = field(default_factory=dict)
    related: list[Related] = field(default_factory=list)

    @classmethod
    def at(cls, span, column: int | None = None, related: Iterable[Related] = (),
           **values) -> Finding:
        return cls(span.line, column or span.column, span.end_line, span.end_column,
                   values, list(related))

    @classmethod
    def within(cls, block, start: int, end: int, related: Iterable[Related] = (),
               **values) -> Finding:
        """A finding about text[start:end] of a paragraph, item or summary
        block, placed at that text's own line and column."""
        span = block.locate(start, end)
        return cls(span.line, span.column, span.end_line, span.end_column, values,
                   list(related))


@dataclass(frozen=True)
class Diagnostic:
    """A finding as a rule reports it. `data` holds the values the check
    found (for renderers and the JSON `data` key); it takes no part in
    equality, so two diagnostics are the same finding when their rule,
    place and message are."""

    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    related: tuple[Related, ...] = ()
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column,
                "related": [{"line": r.line, "column": r.column, "message": r.message}
                            for r in self.related],
                "data": json_safe(self.data)}


def json_safe(value):
    """`value` with tuples, sets and other objects made JSON data (a check's
    values are plain data, but a plugin's may not be)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [json_safe(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
