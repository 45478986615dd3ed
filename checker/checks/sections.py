"""Judgement sections against the judgement table.

Each graded judgement has one section whose heading repeats its name exactly
and its grade, in the framework's order. A heading one slip away from a
judgement name ("The experience and progress of ...") is still read as that
judgement, so its grade and place are checked too, and the slip itself is
reported once, by section_heading_name.
"""

from __future__ import annotations

import os

from checker.checks import Args, Finding, Related, check


def _graded_sections(report, framework):
    """(section, judgement, exact) for each judgement section of a graded
    report (role "judgement": an ILACS or SIF judgement section; a letter's
    headed parts, and a SIF report's paragraphs before its first judgement
    section, have other roles)."""
    if framework is None:
        return
    for section in report.sections:
        if section.role != "judgement":
            continue
        judgement = framework.judgement(section.judgement) if section.judgement else None
        yield section, judgement, section.judgement_exact


class SectionGradeArgs(Args):
    """No arguments."""


@check("section_grade", provides=("heading", "grade", "off_scale", "table_grade", "table_line"),
       args=SectionGradeArgs)
def section_grade(report, framework, args):
    """The heading's grade equals the table's grade for its judgement."""
    for section, judgement, _ in _graded_sections(report, framework):
        if judgement is None:
            continue
        row = report.judgement_row(judgement.id)
        if row is None or row.grade is None:
            continue  # the table rule reports a missing or off-scale row
        if section.grade != row.grade:
            yield Finding.at(section.span, column=section.grade_column,
                             related=[Related(row.span.line,
                                              f"the table grades it {row.grade_text}",
                                              row.grade_column)],
                             heading=section.heading, grade=section.grade_text,
                             off_scale=section.grade is None,
                             table_grade=row.grade_text, table_line=row.span.line)


class SectionHeadingNameArgs(Args):
    """`near: true` reports headings near a judgement's name; `false`, the others."""
    near: bool = True


@check("section_heading_name", provides=("heading", "judgement", "framework", "table_line"),
       args=SectionHeadingNameArgs)
def section_heading_name(report, framework, args):
    """Headings name their judgement exactly; `near` picks which slips this
    rule reports: near misses (True) or headings naming no judgement (False)."""
    want_near = bool(args.get("near", True))
    for section, judgement, exact in _graded_sections(report, framework):
        if exact:
            continue
        if judgement is not None and want_near:
            row = report.judgement_row(judgement.id)
            related = [Related(row.span.line, "the table names it so")] if row else []
            # Point at the first character where the heading leaves the name.
            slip = len(os.path.commonprefix([section.heading.casefold(),
                                             judgement.name.casefold()]))
            yield Finding.at(section.span, column=section.span.column + slip,
                             related=related, heading=section.heading,
                             judgement=judgement.name, framework=framework.name,
                             table_line=row.span.line if row else None)
        elif judgement is None and not want_near:
            yield Finding.at(section.span, heading=section.heading, judgement="",
                             framework=framework.name, table_line=None)


class SectionsCompleteArgs(Args):
    """No arguments."""


@check("sections_complete", provides=("problem", "name", "other", "other_line"),
       args=SectionsCompleteArgs)
def sections_complete(report, framework, args):
    """One section per graded judgement, in the framework's order."""
    found: dict[str, object] = {}
    order = []
    for section, judgement, _ in _graded_sections(report, framework):
        if judgement is None:
            continue
        if judgement.id in found:
            yield Finding.at(section.span, problem="duplicate", name=judgement.name,
                             other=judgement.name, other_line=found[judgement.id].span.line,
                             related=[Related(found[judgement.id].span.line,
                                              "first section for it")])
            continue
        found[judgement.id] = section
        order.append((judgement, section))
    if framework is None or report.kind != "ilacs":
        return
    rank = {jid: i for i, jid in enumerate(framework.section_order)}
    placed = [(j, s) for j, s in order if j.id in rank]
    for (prev_j, prev_s), (j, s) in zip(placed, placed[1:]):
        if rank[j.id] < rank[prev_j.id]:
            yield Finding.at(s.span, problem="order", name=j.name, other=prev_j.name,
                             other_line=prev_s.span.line,
                             related=[Related(prev_s.span.line, f"{prev_j.name} comes first")])
    for judgement in framework.judgements:
        if judgement.section and judgement.id not in found:
            row = report.judgement_row(judgement.id)
            where = row.span if row else (report.table or report.sections[0].span)
            yield Finding.at(where, problem="missing", name=judgement.name, other="",
                             other_line=None)
