"""Headings: a letter has its kind's headings, in order (required_headings);
no heading is misspelt (misspelt_headings); an ILACS report has its "What
needs to improve" section (improvements_heading); nothing follows Ofsted's
closing statement (after_closing).

Which headings a kind needs is the rule's argument (rules/packs/letters.yaml),
so a monitoring-visit layout, still unconfirmed, is a YAML edit. Misspelt and
unknown headings are found before parsing (checker/parsing/recovery.py) and
come here as the model's `repairs` and sections of role "other".
"""

from __future__ import annotations

from checker.checks import Args, Finding, Related, check
from checker.datafiles.frameworks import heading_key


def _same(heading: str, wanted) -> bool:
    """`wanted` is a heading or a list of accepted spellings of one."""
    options = [wanted] if isinstance(wanted, str) else wanted
    return any(heading_key(heading) == heading_key(w) for w in options)


def _name(wanted) -> str:
    return wanted if isinstance(wanted, str) else " / ".join(wanted)


class RequiredHeadingsArgs(Args):
    """The headings in order; a list stands for the accepted spellings of one."""
    headings: list[str | list[str]]


def _stand_in(report, previous, after, used: set):
    """A heading no letter uses (role "other") standing where a missing
    heading belongs: between the headings found before and after it."""
    low = previous.span.line if previous else 0
    high = after.span.line if after else report.line_count + 1
    return next((s for s in report.sections if s.role == "other" and id(s) not in used
                 and low < s.span.line < high), None)


@check("required_headings", provides=("problem", "heading", "other", "other_line", "spelling"),
       args=RequiredHeadingsArgs)
def required_headings(report, framework, args):
    """One finding per missing or misplaced heading. A missing heading whose
    place holds a heading no letter uses ("What we found" for "Findings") is
    reported at that heading, as what it probably is, and once."""
    wanted = list(args["headings"])
    position = {}
    for i, w in enumerate(wanted):
        hit = next((s for s in report.sections if _same(s.heading, w)), None)
        if hit is not None:
            position[i] = hit
    # A heading missing at the end belongs after the last text of the letter's
    # last section (its sign-off is not a section).
    last_line = max((p.span.end_line for s in report.sections for p in s.paragraphs),
                    default=report.line_count or 1)
    previous, used = None, set()
    for i, w in enumerate(wanted):
        section = position.get(i)
        if section is None:
            after = next((position[n] for n in range(i + 1, len(wanted)) if n in position),
                         None)
            stand_in = _stand_in(report, previous, after, used)
            if stand_in is not None:
                used.add(id(stand_in))
                spelling = w if isinstance(w, str) else w[0]
                yield Finding.at(stand_in.span, problem="unknown", heading=_name(w),
                                 other=stand_in.heading, spelling=spelling)
                continue
            line = after.span.line if after else last_line
            yield Finding(line, 1, line, 1, dict(problem="missing", heading=_name(w),
                                                 other=after.heading if after else "",
                                                 other_line=line if after else None))
            continue
        if previous is not None and section.span.line < previous.span.line:
            yield Finding.at(section.span, problem="order", heading=_name(w),
                             other=previous.heading, other_line=previous.span.line,
                             related=[Related(previous.span.line,
                                              f"'{previous.heading}' is here")])
        previous = section


class NoArgs(Args):
    """No arguments."""


@check("misspelt_headings", provides=("found", "meant", "likeness"), args=NoArgs)
def misspelt_headings(report, framework, args):
    """A heading read as the one it nearly spells ("Findngs" as "Findings"):
    the rest of the document was parsed as if it were spelt right."""
    for repair in report.repairs:
        if repair.meant is not None:
            yield Finding.at(repair.span, found=repair.found, meant=repair.meant,
                             likeness=repair.likeness)


class ImprovementsHeadingArgs(Args):
    """The judgement and grades with which a report may have nothing to improve."""
    judgement: str = "overall_effectiveness"
    unless: list[str] = ["outstanding"]  # grade ids


@check("improvements_heading", provides=("problem", "first", "first_line", "overall", "section"),
       args=ImprovementsHeadingArgs)
def improvements_heading(report, framework, args):
    """An ILACS report with no "What needs to improve" heading before its
    first judgement section (reported where it stands, if it follows a
    section's paragraphs), unless the judgement named in `args` has one of
    the grades `unless` (an outstanding report may have nothing to improve)."""
    if report.improvements_misplaced_in is not None:
        first = report.sections[0]
        yield Finding.at(report.improvements_heading, problem="misplaced", first=first.heading,
                         first_line=first.span.line, section=report.improvements_misplaced_in)
        return
    if report.improvements_heading is not None or not report.sections:
        return
    overall = report.judgement_row(args["judgement"])
    if overall is not None and overall.grade in args["unless"]:
        return
    first = report.sections[0]
    yield Finding.at(first.span, problem="missing", first=first.heading,
                     first_line=first.span.line, overall=overall.grade_text if overall else "")


@check("after_closing", provides=("text", "letter"), args=NoArgs)
def after_closing(report, framework, args):
    """Each paragraph after the end of the document's text: in an ILACS
    report, after the opening of Ofsted's closing statement and not part of
    it; in a letter, after the sign-off and its signatures. It would be
    published outside the document's structure, unread by any other rule."""
    for block in report.after_closing:
        words = block.text.split()
        text = " ".join(words[:12]) + (" ..." if len(words) > 12 else "")
        yield Finding.at(block.span, text=text, letter=report.kind != "ilacs")
