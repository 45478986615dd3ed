"""Faults in the judgement table and the grades: an overall grade the decision
tables do not allow (GRD001, GRD002), a heading graded unlike its row or off
the scale (SEC001), a row off the scale or missing (TBL001), a row for a
judgement the framework withdrew (TBL002).

Wherever a fault is not about coherence, it only touches rows whose change
leaves the decision tables silent, so it causes its own finding and no other."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from checker.testing.faults.edits import framework_of, grades_of, misspell, rule_id
from checker.testing.faults.registry import Expected, Injected, fault
from checker.testing.model import Row
from checker.testing.strategies import decided_judgements, decision_findings


@fault("incoherent_overall_grade", kinds=["ilacs"])
def incoherent_overall_grade(model):
    """The overall grade changed to one a decision table does not allow with
    the other judgements; every table that then fires is expected."""
    framework = framework_of(model)
    if model.is_letter or framework is None:
        return None
    grades = grades_of(model)
    options = []
    for subject in decided_judgements(model.kind, framework):
        i = model.row_index(subject)
        if i is None:
            continue
        for g in framework.scale.grades:
            fired = decision_findings(model.kind, framework, {**grades, subject: g.id})
            if g.id != grades[subject] and fired:
                options.append((i, g, tuple(sorted(fired))))
    if not options:
        return None

    def build(option):
        i, g, fired = option
        return Injected("incoherent_overall_grade",
                        model.with_row(i, grade_text=g.name, grade=g.id),
                        tuple(Expected(r, ("row", i), anchor=g.name) for r in fired),
                        f"{model.judgements[i].name} graded {g.name}")
    return st.sampled_from(options).map(build)


def _silent_without(model, framework, judgement, grade=None) -> bool:
    """Do the decision tables stay silent when this row is `grade` (None:
    off the scale or missing)?"""
    grades = {k: v for k, v in grades_of(model).items() if k != judgement}
    if grade is not None:
        grades[judgement] = grade
    return not decision_findings(model.kind, framework, grades)


@fault("heading_grade_mismatch", kinds=["ilacs"])
def heading_grade_mismatch(model):
    """A section heading graded on the scale, but not as the table grades
    its judgement (in the heading's case: "good" stays lower case)."""
    def regrade(draw, framework, section):
        g = draw(st.sampled_from([g for g in framework.scale.grades if g.id != section.grade]))
        text = g.name.lower() if section.grade_text == section.grade_text.lower() else g.name
        return text, g.id, f"heading {section.heading} graded {text}"
    return _regraded_heading(model, "heading_grade_mismatch", regrade)


@fault("off_scale_heading_grade", kinds=["ilacs"])
def off_scale_heading_grade(model):
    """A section heading's grade misspelt into no grade of the scale."""
    def regrade(draw, framework, section):
        text = _off_scale(draw, framework, section.grade_text)
        return None if text is None else (text, None, f"heading graded {text!r}")
    return _regraded_heading(model, "off_scale_heading_grade", regrade)


def _regraded_heading(model, name: str, regrade):
    """A fault giving one graded section heading another grade text:
    `regrade(draw, framework, section)` is (text, grade id or None, what the
    fault did), or None when it cannot make one for that section."""
    target = _graded_headings(model)
    if target is None:
        return None
    rule, framework, sections = target

    @st.composite
    def build(draw):
        s = draw(st.sampled_from(sections))
        made = regrade(draw, framework, model.sections[s])
        if made is None:
            return None
        text, grade, what = made
        return Injected(name, model.with_section(s, grade_text=text, grade=grade),
                        (Expected(rule, ("heading", s), anchor=text),), what)
    return build().filter(lambda x: x is not None)


def _graded_headings(model):
    """(the section-grade rule, the framework, the sections whose heading
    carries a grade), or None where a heading-grade fault cannot be made."""
    rule = rule_id(model, "section_grade")
    sections = [s for s, section in enumerate(model.sections) if section.grade]
    if model.is_letter or rule is None or not sections:
        return None
    return rule, framework_of(model), sections


def _off_scale(draw, framework, text: str) -> str | None:
    """A misspelling of a grade that is no spelling on the scale."""
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return None
    i = draw(st.sampled_from(long))
    words[i] = misspell(draw, words[i])
    out = " ".join(words)
    return None if framework.scale.match(out) else out


@fault("off_scale_table_grade", kinds=["ilacs"])
def off_scale_table_grade(model):
    """A table grade misspelt into no grade of the scale, in a row whose
    loss leaves the decision tables silent (so TBL001 is the only finding)."""
    rule = rule_id(model, "judgement_table")
    framework = framework_of(model)
    if model.is_letter or rule is None:
        return None
    rows = [i for i, r in enumerate(model.judgements)
            if r.judgement and _silent_without(model, framework, r.judgement)]
    if not rows:
        return None

    @st.composite
    def build(draw):
        i = draw(st.sampled_from(rows))
        text = _off_scale(draw, framework, model.judgements[i].grade_text)
        if text is None:
            return None
        return Injected("off_scale_table_grade", model.with_row(i, grade_text=text, grade=None),
                        (Expected(rule, ("row", i), anchor=text),),
                        f"{model.judgements[i].name} graded {text!r}")
    return build().filter(lambda x: x is not None)


@fault("missing_table_row", kinds=["ilacs"])
def missing_table_row(model):
    """A row left out of the judgement table (one whose loss leaves the
    decision tables silent); the table as a whole is reported."""
    rule = rule_id(model, "judgement_table")
    framework = framework_of(model)
    if model.is_letter or rule is None or len(model.judgements) < 2:
        return None
    rows = [i for i, r in enumerate(model.judgements)
            if r.judgement and _silent_without(model, framework, r.judgement)]
    if not rows:
        return None

    def build(i):
        rows_ = model.judgements[:i] + model.judgements[i + 1:]
        return Injected("missing_table_row", replace(model, judgements=rows_),
                        (Expected(rule, ("table",)),),
                        f"no row for {model.judgements[i].name}")
    return st.sampled_from(rows).map(build)


@fault("withdrawn_judgement_row", kinds=["ilacs"])
def withdrawn_judgement_row(model):
    """A row for a judgement the framework no longer grades (the 2026
    framework's overall effectiveness), graded so no decision table fires."""
    rule = rule_id(model, "withdrawn_judgement")
    framework = framework_of(model)
    if model.is_letter or rule is None or not framework.withdrawn:
        return None
    grades = grades_of(model)
    options = [(j, g) for j in framework.withdrawn for g in framework.scale.grades
               if not decision_findings(model.kind, framework, {**grades, j.id: g.id})]
    if not options:
        return None

    def build(option):
        j, g = option
        rows = model.judgements + (Row(j.name, g.name, j.id, g.id),)
        return Injected("withdrawn_judgement_row", replace(model, judgements=rows),
                        (Expected(rule, ("row", len(rows) - 1)),),
                        f"a row for {j.name}, which {framework.name} does not grade")
    return st.sampled_from(options).map(build)
