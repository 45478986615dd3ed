"""The runner: every rule that applies to a report, in document order."""

from __future__ import annotations

from checker.datafiles.frameworks import Framework
from checker.engine.analysis import Analysis
from checker.engine.diagnostics import Diagnostic
from checker.engine.loading import load_rules
from checker.engine.rule import Rule
from checker.parsing.model import Report


def run_rules(report: Report, framework: Framework | None,
              rules: tuple[Rule, ...] | None = None) -> list[Diagnostic]:
    """All diagnostics for one report, in document order. The checks share
    one Analysis of the report: what several of them need is worked out once."""
    analysis = Analysis(report)
    out: list[Diagnostic] = []
    for rule in rules if rules is not None else load_rules():
        if rule.applies(report):
            out.extend(rule.run(analysis, framework))
    return sorted(out, key=lambda d: (d.line, d.column, d.rule))
