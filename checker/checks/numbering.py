"""paragraph_numbering: numbered paragraphs run 1..N across all sections.

A paragraph is in place when its number follows the one before it, or equals
its position in the document (the numbering has come back into step after an
earlier slip). That reports each slip once, at the paragraph that slipped: a
renumbered paragraph, a gap, a duplicate, a restart, or a number out of order,
without a cascade of findings after it.
"""

from __future__ import annotations

from checker.checks import Args, Finding, Related, check


class ParagraphNumberingArgs(Args):
    """The number of the first numbered paragraph."""
    start: int = 1


@check("paragraph_numbering", provides=("problem", "found", "expected", "previous",
                                         "previous_line", "first_line", "missing"),
       args=ParagraphNumberingArgs)
def paragraph_numbering(report, framework, args):
    start = int(args.get("start", 1))
    first_line: dict[int, int] = {}
    previous = None
    for position, para in enumerate((p for p in report.paragraphs if p.number is not None),
                                    start=start):
        number = para.number
        expected = previous.number + 1 if previous else start
        if number not in (expected, position):
            values = dict(found=number, expected=expected,
                          previous=previous.number if previous else None,
                          previous_line=previous.span.line if previous else None,
                          first_line=first_line.get(number), missing="")
            related = []
            if previous is None:
                problem = "first"
            elif number == start:
                problem = "restart"
            elif number in first_line:
                problem = "duplicate"
                related.append(Related(first_line[number], f"paragraph {number} is first here"))
            elif number < expected:
                problem = "out_of_order"
            else:
                problem = "gap"
                missing = list(range(expected, number))
                values["missing"] = _numbers(missing)
            if previous is not None and previous.span.line != first_line.get(number):
                related.append(Related(previous.span.line, f"paragraph {previous.number}"))
            yield Finding.at(para.span, related=related, problem=problem, **values)
        first_line.setdefault(number, para.span.line)
        previous = para


def _numbers(numbers: list[int]) -> str:
    """'12', '12 and 13', or '12 to 15' for a run of missing numbers."""
    if len(numbers) == 1:
        return str(numbers[0])
    if len(numbers) == 2:
        return f"{numbers[0]} and {numbers[1]}"
    return f"{numbers[0]} to {numbers[-1]}"


class ParagraphNumberFormatArgs(Args):
    """No options: a paragraph number is printed "12. " (digits, one full
    stop, a space)."""


@check("paragraph_number_format", provides=("problem", "printed", "number"),
       args=ParagraphNumberFormatArgs)
def paragraph_number_format(report, framework, args):
    """A number printed "46.. " or "25.Some" is still paragraph 46 or 25 (the
    grammar reads it as one), so the slip is named for what it is instead of
    as a gap in the numbering."""
    for para in report.paragraphs:
        printed = para.numbering.rstrip()
        if para.number is None or not printed:
            continue
        if printed.endswith(".."):
            problem = "doubled"
        elif printed == para.numbering:  # nothing after the full stop
            problem = "no_space"
        else:
            continue
        yield Finding.at(para.span, problem=problem, printed=printed, number=para.number)
