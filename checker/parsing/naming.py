"""Naming what the text says through the framework: judgements and grades.

The framework in force is chosen from the inspection dates; it decides which
judgement a printed name is and which grade printed words are. A section
heading one slip away from a judgement name ("The experience and progress of
...") is read as that judgement here, once, with `judgement_exact` False: the
checks compare its grade and place like any other, one rule reports the
slip, and renderers group it with its row.
"""

from __future__ import annotations

import difflib

from checker.datafiles.frameworks import Framework

# How close a heading must be to a judgement name to be read as it
# (difflib's ratio; 0.8 lets one word slip, not a different judgement).
NEAR_MISS = 0.8


def closest(name: str, candidates: list[str], cutoff: float = NEAR_MISS) -> str | None:
    """The candidate a mistyped name most likely meant, if any is close."""
    lowered = {c.casefold(): c for c in candidates}
    match = difflib.get_close_matches(name.casefold(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


class Naming:
    """One document's judgement and grade names, read through its framework
    (or through none: then nothing is named)."""

    def __init__(self, framework: Framework | None):
        self.framework = framework
        # each distinct printed grade looked up once: a report prints the
        # same few grades in its table and its headings
        self._grades: dict[str, str | None] = {}

    def grade(self, grade_text: str) -> str | None:
        """The grade id on the framework's scale of printed grade words, or None."""
        if self.framework is None:
            return None
        if grade_text not in self._grades:
            grade = self.framework.scale.match(grade_text)
            self._grades[grade_text] = grade.id if grade else None
        return self._grades[grade_text]

    def row(self, name: str) -> str | None:
        """The judgement id a table row names (a withdrawn judgement too), or None."""
        if self.framework is None:
            return None
        judgement = self.framework.judgement_named(name) or self.framework.withdrawn_named(name)
        return judgement.id if judgement else None

    def row_near(self, name: str, taken: set[str]) -> str | None:
        """The judgement a table row that names none exactly misses by a
        slip, of those not in `taken` (the ones other rows name): a table
        holds each judgement once, so a misnamed row is one of the rest."""
        if self.framework is None:
            return None
        rest = [j for j in self.framework.judgements if j.id not in taken]
        near = closest(name, [j.name for j in rest])
        return next((j.id for j in rest if j.name == near), None)

    def heading(self, heading: str) -> tuple[str | None, bool]:
        """(judgement id, exact) for a section heading: the judgement it names
        exactly, else the one with a section whose name it misses by a slip."""
        if self.framework is None:
            return None, False
        exact = self.framework.judgement_named(heading)
        if exact is not None:
            return exact.id, True
        sections = [j for j in self.framework.judgements if j.section]
        near = closest(heading, [j.name for j in sections])
        return next((j.id for j in sections if j.name == near), None), False
