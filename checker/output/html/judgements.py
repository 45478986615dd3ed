"""The judgement table view of the HTML page: each row of the judgement
table with the section heading that reports on it, both grades, and the
grade rules' verdict.

The verdict is the grade rules' alone: the rules tagged `grades` (rule
metadata, not rule ids) and their diagnostics at the row's line or its
section's line, or citing them. The page does not judge coherence a second
time: where a configuration turns a grade rule off, its problem is not the
page's to find. The `=` / `≠` beside a heading's grade compares the two
grades the document model holds: a fact shown beside the verdict, not one.
"""

from __future__ import annotations

from checker.output.html.common import ICONS, anchor, worst
from checker.parsing.parser import framework_of

GRADE_TAG = "grades"
_NOT_ASSESSED = {"status": "unknown", "icon": "?",
                 "text": "not assessed (no rules were given to the page)"}


def judgements(fid: str, result, diagnostics, notes, rules: dict) -> dict:
    """Each table row with its section's heading and grade and the grade
    rules' findings at either line (or citing them); sections without a row;
    the grade rules' other findings."""
    report = result.report
    framework = framework_of(report)
    grade_notes = [(d, note) for d, note in zip(diagnostics, notes)
                   if _is_grade_rule(rules.get(d.rule))]
    matched = [(s, *_judgement_of(s, framework)) for s in report.sections]
    view = _View(fid, grade_notes, assessed=bool(rules))
    rows = [view.row(row, [(s, exact) for s, j, exact in matched
                           if row.judgement and j is not None and j.id == row.judgement],
                     framework) for row in report.judgements]
    rowed = {r.judgement for r in report.judgements if r.judgement}
    orphans = [view.orphan(s) for s, j, _ in matched
               if not (j is not None and j.id in rowed)
               # a letter's plain headings are not graded sections
               and (s.grade_text is not None or report.kind == "ilacs")]
    return {"rows": rows, "orphans": orphans,
            "others": [note for _, note in grade_notes if note["id"] not in view.used],
            "has_table": report.table is not None or bool(report.judgements),
            "table_anchor": anchor(fid, report.table.line) if report.table else None}


def _is_grade_rule(rule) -> bool:
    return rule is not None and GRADE_TAG in rule.tags


def _judgement_of(section, framework):
    """(judgement, exact): the framework judgement a section heading reports
    on, named exactly or one slip away, as the parser read it (so a
    misworded heading still meets its row)."""
    if framework is None or section.judgement is None:
        return None, False
    return framework.judgement(section.judgement), section.judgement_exact


class _View:
    """Builds rows of the view, remembering which grade notes they show."""

    def __init__(self, fid: str, grade_notes: list, assessed: bool):
        self.fid, self.grade_notes, self.assessed = fid, grade_notes, assessed
        self.used: set[str] = set()

    def findings_at(self, lines: set[int]) -> tuple[list, list]:
        """The grade notes at these lines, and those citing them from elsewhere."""
        at = [note for d, note in self.grade_notes if d.line in lines]
        cited = [note for d, note in self.grade_notes if d.line not in lines
                 and any(r.line in lines for r in d.related)]
        self.used.update(note["id"] for note in at)
        return at, cited

    def verdict(self, findings: list[dict]) -> dict:
        if not self.assessed:
            return _NOT_ASSESSED
        severity = worst(findings)
        if severity in ("error", "warning"):
            n = sum(1 for f in findings if f["severity"] != "info")
            return {"status": severity, "icon": ICONS[severity],
                    "text": f"{n} problem{'' if n == 1 else 's'} found"}
        return {"status": "ok", "icon": "\u2714", "text": "coherent"}

    def row(self, row, sections: list, framework) -> dict:
        """A table row, the sections reporting on it and the verdict."""
        judgement = framework.judgement(row.judgement) if framework and row.judgement else None
        at, cited = self.findings_at({row.span.line} | {s.span.line for s, _ in sections})
        return {
            "name": row.name, "grade": row.grade_text, "line": row.span.line,
            "anchor": anchor(self.fid, row.span.line),
            "sections": [{"heading": s.heading, "grade": s.grade_text, "line": s.span.line,
                          "anchor": anchor(self.fid, s.span.line), "exact": exact,
                          "agrees": s.grade_text is None or s.grade == row.grade}
                         for s, exact in sections],
            "table_only": judgement is not None and not judgement.section,
            "known": row.judgement is not None,
            "findings": at, "cited": cited, "verdict": self.verdict(at),
        }

    def orphan(self, section) -> dict:
        """A section whose judgement has no table row."""
        at, cited = self.findings_at({section.span.line})
        return {"heading": section.heading, "grade": section.grade_text,
                "line": section.span.line, "anchor": anchor(self.fid, section.span.line),
                "findings": at, "cited": cited, "verdict": self.verdict(at)}
