"""Date faults: dates printed backwards (DAT001), an inspection of the wrong
length (DAT002), a letter dated before the visit ended (DAT003), a wrong
statement-of-action deadline (DAT004) or publication date (DAT005).

A fault that moves a letter's date moves what is counted from it (the
publication date, the statement deadline), so it causes one finding only."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import strategies as st

from checker.datafiles.frameworks import choose_framework
from checker.testing.faults.edits import framework_of, replace_everywhere, rule_id
from checker.testing.faults.registry import Expected, Injected, fault
from checker.testing.model import ReportModel, format_date
from checker.testing.strategies import LETTER_KINDS, inspection_lengths, statement_deadline


def _dates_place(model) -> tuple[tuple, int]:
    """Where the inspection or visit dates are printed: (key, offset)."""
    if not model.is_letter:
        return ("dates",), 0
    return ("introduction", 0), model.introduction[0].index(model.dates_text)


def _set_dates(model, text: str, start, end) -> ReportModel:
    """The model inspected from `start` to `end`, printed as `text` (in a
    letter, in its opening paragraph)."""
    if model.is_letter:
        intro = (model.introduction[0].replace(model.dates_text, text),) + model.introduction[1:]
        return replace(model, dates_text=text, start=start, end=end, introduction=intro)
    return replace(model, dates_text=text, start=start, end=end)


@fault("dates_backwards")
def dates_backwards(model):
    """The first and last day printed the wrong way round (only where the
    last day falls under the same framework, so nothing else changes)."""
    rule = rule_id(model, "date_relation", lambda a: "relations" in a)
    framework = framework_of(model)
    if rule is None or framework is None or choose_framework(model.kind, model.end) != framework:
        return None
    joiner = " and " if " and " in model.dates_text else " to "
    text = f"{format_date(model.end)}{joiner}{format_date(model.start)}"
    edited = _set_dates(model, text, model.end, model.start)
    key, offset = _dates_place(edited)
    return st.just(Injected("dates_backwards", edited, (Expected(rule, key, offset),),
                            f"dates printed {text!r}"))


@fault("inspection_length", kinds=["ilacs"])
def inspection_length(model):
    """An inspection a few days longer or shorter than the lengths the rule allows."""
    rule = rule_id(model, "date_relation", lambda a: a.get("subject") == "period.end")
    if model.is_letter or rule is None:
        return None
    lengths = set(inspection_lengths())

    @st.composite
    def build(draw):
        days = (model.end - model.start).days + draw(st.sampled_from([-3, -2, -1, 1, 2, 3]))
        if days in lengths or days < 1:
            return None
        end = model.start + timedelta(days=days)
        text = f"{format_date(model.start)} to {format_date(end)}"
        edited = _set_dates(model, text, model.start, end)
        return Injected("inspection_length", edited, (Expected(rule, ("dates",)),),
                        f"an inspection of {days} days")
    return build().filter(lambda x: x is not None)


def _redate_letter(model, letter_date) -> ReportModel:
    """The letter dated `letter_date`, its publication date and statement
    deadline moved with it (they are counted from it)."""
    edited = replace_everywhere(model, f"on our website on {format_date(model.letter_date)}",
                                f"on our website on {format_date(letter_date)}")
    if model.kind != "jtai":
        return replace(edited, letter_date=letter_date)
    old, new = statement_deadline(model.letter_date), statement_deadline(letter_date)
    if old and new:
        edited = replace_everywhere(edited, f"to Ofsted by {format_date(old)}",
                                    f"to Ofsted by {format_date(new)}")
    return replace(edited, letter_date=letter_date)


@fault("letter_before_visit", kinds=LETTER_KINDS)
def letter_before_visit(model):
    """A letter dated before the visit's last day (what is counted from its
    date moves with it)."""
    rule = rule_id(model, "date_relation", lambda a: a.get("subject") == "letter_date")
    if not model.is_letter or rule is None:
        return None

    def build(days):
        edited = _redate_letter(model, model.end - timedelta(days=days))
        return Injected("letter_before_visit", edited, (Expected(rule, ("letter_date",)),),
                        f"letter dated {days} days before the end of the visit")
    return st.integers(1, 20).map(build)


def _date_in_paragraph(model, prefix: str):
    """(section, paragraph, offset) of the date printed after `prefix`."""
    for s, section in enumerate(model.sections):
        for p, para in enumerate(section.paragraphs):
            i = para.text.find(prefix)
            if i >= 0:
                return s, p, i + len(prefix)
    return None


def _moved_date(name, prefix, matches, correct):
    """A fault moving the date a letter prints after `prefix` off the one
    `correct(model)` counts (days either side); its rule is the date rule
    whose subject pattern `matches` accepts."""
    def about_this_date(args) -> bool:
        subject = args.get("subject")
        return isinstance(subject, dict) and matches(subject.get("pattern", ""))

    def make(model):
        rule = rule_id(model, "date_relation", about_this_date)
        where = _date_in_paragraph(model, prefix) if model.is_letter else None
        if rule is None or where is None:
            return None
        s, p, offset = where
        right = correct(model)

        def build(days):
            text = model.sections[s].paragraphs[p].text
            wrong = format_date(right + timedelta(days=days))
            edited = model.with_paragraph(s, p, text.replace(
                prefix + format_date(right), prefix + wrong))
            return Injected(name, edited,
                            (Expected(rule, ("paragraph", s, p), offset, word=True),),
                            f"{prefix.strip()} {wrong}")
        return st.sampled_from([-7, -3, -1, 1, 2, 14]).map(build)
    return make


fault("wrong_statement_deadline", kinds=["jtai"])(_moved_date(
    "wrong_statement_deadline", "to Ofsted by ", lambda p: "statement of" in p,
    lambda m: statement_deadline(m.letter_date)))
fault("wrong_publication_date", kinds=["focused_visit"])(_moved_date(
    "wrong_publication_date", "on our website on ", lambda p: "publish" in p,
    lambda m: m.letter_date))
