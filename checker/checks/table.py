"""judgement_table and withdrawn_judgement: the table holds exactly the
framework's judgements, once each, with a grade on its scale."""

from __future__ import annotations

from checker.checks import Args, Finding, Related, check
from checker.parsing.naming import closest


class JudgementTableArgs(Args):
    """The judgements (ids) a report may lack: a SIF re-inspection has no
    review of the Local Safeguarding Children Board."""
    optional: list[str] = []


@check("judgement_table", provides=("problem", "name", "grade", "suggestion", "framework"),
       args=JudgementTableArgs)
def judgement_table(report, framework, args):
    if framework is None or report.table is None:
        return
    names = [j.name for j in framework.judgements]
    seen: dict[str, int] = {}
    suggested = set()  # a misnamed row is reported once, not also as missing
    for row in report.judgements:
        if row.judgement is None:
            suggestion = closest(row.name, names) or ""
            suggested.add(suggestion)
            yield Finding.at(row.span, problem="unknown", name=row.name, grade=row.grade_text,
                             suggestion=suggestion, framework=framework.name)
            continue
        if framework.withdrawn_named(row.name):
            continue  # withdrawn_judgement reports it, naming the change
        if row.judgement in seen:
            yield Finding.at(row.span, problem="duplicate", name=row.name, grade=row.grade_text,
                             suggestion="", framework=framework.name,
                             related=[Related(seen[row.judgement], "first row for it")])
            continue
        seen[row.judgement] = row.span.line
        if row.grade is None:
            yield Finding.at(row.span, column=row.grade_column, problem="off_scale",
                             name=row.name, grade=row.grade_text, framework=framework.name,
                             suggestion=closest(row.grade_text,
                                                [g.name for g in framework.scale.grades], 0.6)
                             or "")
    optional = set(args.get("optional") or ())
    for judgement in framework.judgements:
        if judgement.id not in seen.keys() | optional and judgement.name not in suggested:
            yield Finding.at(report.table, problem="missing", name=judgement.name, grade="",
                             suggestion="", framework=framework.name)


class WithdrawnJudgementArgs(Args):
    """No arguments."""


@check("withdrawn_judgement", provides=("name", "grade", "framework"), args=WithdrawnJudgementArgs)
def withdrawn_judgement(report, framework, args):
    """A row for a judgement this framework no longer grades (overall
    effectiveness from 2026)."""
    if framework is None:
        return
    for row in report.judgements:
        withdrawn = framework.withdrawn_named(row.name)
        if withdrawn:
            yield Finding.at(row.span, name=row.name, grade=row.grade_text,
                             framework=framework.name)
