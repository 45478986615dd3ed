"""required_headings: a letter has its kind's headings, in order.

Which headings a kind needs is the rule's argument (rules/packs/letters.yaml),
so a monitoring-visit layout, still unconfirmed, is a YAML edit.
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


@check("required_headings", provides=("problem", "heading", "other", "other_line"),
       args=RequiredHeadingsArgs)
def required_headings(report, framework, args):
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
    previous = None
    for i, w in enumerate(wanted):
        section = position.get(i)
        if section is None:
            after = next((position[n] for n in range(i + 1, len(wanted)) if n in position),
                         None)
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
