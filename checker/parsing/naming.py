"""Naming what the text says through the framework: judgements and grades.

The framework is chosen from the inspection dates, which only the whole
document gives, so this is one step after the tree is transformed: it builds
new frozen rows and sections (dataclasses.replace), it changes none.

A section heading one slip away from a judgement name ("The experience and
progress of ...") is read as that judgement here, once, with
`judgement_exact=False`: the checks compare its grade and place like any
other, one rule reports the slip, and renderers group it with its row.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from checker.datafiles.frameworks import Framework, Scale, choose_framework
from checker.parsing.model import JudgementRow, Report, Section

_GradeIds = dict  # printed grade words -> grade id on the scale, None: on no scale

# How close a heading must be to a judgement name to be read as it
# (difflib's ratio; 0.8 lets one word slip, not a different judgement).
NEAR_MISS = 0.8


def closest(name: str, candidates: list[str], cutoff: float = NEAR_MISS) -> str | None:
    """The candidate a mistyped name most likely meant, if any is close."""
    lowered = {c.casefold(): c for c in candidates}
    match = difflib.get_close_matches(name.casefold(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def name_judgements(report: Report) -> Report:
    """The report with its framework chosen and, in an ILACS report, each
    row's and graded section's judgement and grade named by it."""
    inspected = report.dates.start if report.dates else report.letter_date
    framework = choose_framework(report.kind, inspected)
    if framework is None:
        return report
    if report.kind != "ilacs":
        return replace(report, framework=framework.id)
    # each distinct printed grade looked up once: a report prints the same
    # few grades in its table and its headings
    printed = {row.grade_text for row in report.judgements}
    printed |= {section.grade_text for section in report.sections}
    grades = {text: _grade_id(framework.scale, text) for text in printed}
    return replace(
        report, framework=framework.id,
        judgements=tuple(_named_row(row, framework, grades) for row in report.judgements),
        sections=tuple(_named_section(section, framework, grades)
                       for section in report.sections))


def _grade_id(scale: Scale, grade_text: str) -> str | None:
    grade = scale.match(grade_text)
    return grade.id if grade else None


def _named_row(row: JudgementRow, framework: Framework, grades: _GradeIds) -> JudgementRow:
    judgement = framework.judgement_named(row.name) or framework.withdrawn_named(row.name)
    return replace(row, grade=grades[row.grade_text],
                   judgement=judgement.id if judgement else None)


def _named_section(section: Section, framework: Framework, grades: _GradeIds) -> Section:
    exact = framework.judgement_named(section.heading)
    judgement = exact or _near_judgement(section.heading, framework)
    return replace(section, grade=grades[section.grade_text],
                   judgement=judgement.id if judgement else None,
                   judgement_exact=exact is not None)


def _near_judgement(heading: str, framework: Framework):
    """The judgement with a section of its own whose name the heading misses by a slip."""
    near = closest(heading, [j.name for j in framework.judgements if j.section])
    return next((j for j in framework.judgements if j.name == near), None) if near else None
