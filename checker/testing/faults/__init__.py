"""Fault strategies: a valid report model with one known defect put in.

Each fault edits a model the way a drafting slip would (a renumbered
paragraph, an overall grade the other judgements do not allow, a heading
whose grade disagrees with the table, an improvement item no finding
supports, a missing section, a grade off the scale, a repeated item, another
authority's name, an abbreviation used before it is spelled out, a date
slip, a missing letter heading ...) and says which rule must report it and
where: an `Expected(rule, key, offset)`, where `key` names a part of the
model (see `checker.testing.render.Rendered`) and `offset` a character in
its text. `Injected.lines(rendered)` turns that into (rule, line) pairs of
the rendered text, so a property reads:

    injected = data.draw(faulty(model))
    rendered = render_text(injected.model)
    found = {(d.rule, d.line) for d in check_text(rendered.text).diagnostics
             if d.severity != "info"}
    assert found == injected.lines(rendered)

A fault keeps the rest of the report valid: it renumbers paragraphs after
removing a section, keeps a letter's publication date equal to its date
when it moves the date, drops the improvement items a removed section
supported, and picks grades the decision tables allow wherever it is not
testing them. Which rule a fault expects is found from the rules
themselves (the rule calling the check function the fault is about, for
this kind of document), so a renumbered rule id needs no change here; a
fault whose rule is not loaded does not apply.

`FAULTS` lists them by name; `faulty(model, names=None)` draws one that
applies to the model; `faulty_reports(...)` draws a valid report and a fault.

One module per family of faults (numbering, grades, sections, items, facts,
dates, letters), the registry in registry.py and the edits they share in
edits.py. The families are imported here in a fixed order (`_FAMILIES`):
`faulty` draws from FAULTS in registration order, so the order is part of
what a seed generates.
"""

from __future__ import annotations

import importlib

from checker.testing.faults.registry import (
    FAULTS,
    Expected,
    Injected,
    fault,
    faulty,
    faulty_reports,
)

# The fault families, in the order FAULTS lists their faults (importing a
# family registers its faults).
_FAMILIES = ("numbering", "grades", "sections", "items", "facts", "dates", "letters")
for _family in _FAMILIES:
    importlib.import_module(f"checker.testing.faults.{_family}")

# after the loop: importing it first would register the item faults first
from checker.testing.faults.items import unsupported_items  # noqa: E402

__all__ = ["Expected", "Injected", "FAULTS", "fault", "faulty", "faulty_reports",
           "unsupported_items"]
