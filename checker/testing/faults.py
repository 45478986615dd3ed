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
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache

from hypothesis import reject
from hypothesis import strategies as st

from checker.datafiles.frameworks import choose_framework, framework_by_id, heading_key
from checker.testing import strategies as S
from checker.testing.model import ReportModel, Row, format_date, renumber
from checker.testing.sentences import POOLS

__all__ = ["Expected", "Injected", "FAULTS", "fault", "faulty", "faulty_reports",
           "unsupported_items"]


@dataclass(frozen=True)
class Expected:
    """A rule that must fire, and where: a part of the model, and a character
    of its text (offset) or its last line (end). Where the finding points
    at a word, `word` says so (its column is that character's); `anchor`
    is text on the line whose last occurrence the column points at (a grade
    after its judgement); `column` a column given outright."""

    rule: str
    key: tuple
    offset: int = 0
    end: bool = False
    word: bool = False
    anchor: str | None = None
    column: int | None = None

    def line(self, rendered) -> int:
        return rendered.end_line(self.key) if self.end else rendered.line(self.key, self.offset)

    def place(self, rendered) -> tuple[int, int | None]:
        """(line, column) of the finding; column None where it is not pinned."""
        line = self.line(rendered)
        if self.word:
            return rendered.position(self.key, self.offset)
        if self.anchor is not None:
            return line, rendered.lines[line - 1].rindex(self.anchor) + 1
        return line, self.column


@dataclass(frozen=True)
class Injected:
    name: str                     # the fault's name in FAULTS
    model: ReportModel            # the report with the fault in it
    expected: tuple[Expected, ...]
    description: str = ""

    def lines(self, rendered) -> set[tuple[str, int]]:
        """(rule, line) of every finding the fault must cause in `rendered`."""
        return {(e.rule, e.line(rendered)) for e in self.expected}

    def places(self, rendered) -> set[tuple[str, int, int | None]]:
        """(rule, line, column) of those findings; column None where the
        fault does not pin it (a finding about a whole paragraph or row)."""
        return {(e.rule, *e.place(rendered)) for e in self.expected}

    @property
    def rules(self) -> set[str]:
        return {e.rule for e in self.expected}


FAULTS: dict[str, Callable[[ReportModel], st.SearchStrategy[Injected] | None]] = {}


def fault(name: str, kinds=("ilacs", *S.LETTER_KINDS)):
    """Register a fault: a function of a model returning a strategy of
    Injected, or None when the fault cannot apply to that model. `kinds`
    are the kinds of document it can apply to (a test that wants every
    fault exercised draws reports of these kinds)."""
    def register(fn):
        FAULTS[name] = fn
        fn.fault_name = name
        fn.kinds = tuple(kinds)
        return fn
    return register


def faulty(model: ReportModel, names=None) -> st.SearchStrategy[Injected]:
    """One of the faults (all, or those named) that applies to `model`, each
    as likely as the others."""
    options = []
    for name, fn in FAULTS.items():
        if names is None or name in names:
            strategy = fn(model)
            if strategy is not None:
                options.append(strategy)
    if not options:
        return st.nothing()
    # Hypothesis favours the first choices; start the list at a place the
    # model decides, so each fault gets its share of examples.
    turn = (model.start.toordinal() + sum(map(ord, model.authority))) % len(options)
    options = options[turn:] + options[:turn]
    return st.sampled_from(options).flatmap(lambda strategy: strategy)


def faulty_reports(kinds=None, frameworks=None, names=None, layout=None,
                   rules=None) -> st.SearchStrategy[Injected]:
    """A valid report with one fault (of those named) put in."""
    return S.reports(kinds, frameworks, layout, rules).flatmap(lambda m: faulty(m, names))


# ----------------------------------------------------------------- helpers ----

def _rule(model: ReportModel, check: str, when: Callable[[dict], bool] = lambda a: True):
    """The id of the rule calling `check` (with args `when` accepts) for this
    model's kind and framework; None if there is none."""
    for rule in S.rules_for(model.kind, model.framework, check):
        if when(rule.args):
            return rule.id
    return None


def _framework(model):
    return framework_by_id(model.framework) if model.framework else None


def _grades(model) -> dict:
    return {r.judgement: r.grade for r in model.judgements if r.judgement}


def _paragraph_keys(model, sections=None):
    return [(s, p) for s, section in enumerate(model.sections)
            if sections is None or heading_key(section.heading) in sections
            for p in range(len(section.paragraphs))]


def _set_paragraph(model, s: int, p: int, text: str) -> ReportModel:
    return model.with_paragraph(s, p, text)


def _replace_everywhere(model, old: str, new: str) -> ReportModel:
    """`old` replaced by `new` in every paragraph of the model."""
    sections = tuple(replace(s, paragraphs=tuple(replace(p, text=p.text.replace(old, new))
                                                 for p in s.paragraphs))
                     for s in model.sections)
    return replace(model, sections=sections)


def _finding_texts(model, items: str = "improvements") -> list[str]:
    wanted = S.finding_sections(model.kind, items)
    return [p.text for s in model.sections
            if wanted is None or heading_key(s.heading) in wanted for p in s.paragraphs]


def _support_rule(model, items: str):
    for rule in S.rules_for(model.kind, model.framework, "supported_by"):
        if rule.args.get("items", "improvements") == items and \
                not rule.args.get("report_supported"):
            return rule
    return None


def _scores(model, texts, items: str = "improvements") -> list[float]:
    """The support score the checker gives each of `texts` as an item."""
    from checker.engine.support import SupportIndex, load_vocabulary
    rule = _support_rule(model, items)
    ignore = re.compile(rule.args["ignore"], re.I) if rule and rule.args.get("ignore") else None
    index = SupportIndex(_finding_texts(model, items), load_vocabulary())
    return [index.support(ignore.sub(" ", t) if ignore else t).score for t in texts]


def _keep_supported(model) -> ReportModel:
    """The model without the items and strengths its findings no longer support."""
    out = {}
    for field, items in (("improvements", model.improvements), ("strengths", model.strengths)):
        if not items:
            continue
        threshold = S.support_threshold(model.kind, field)
        out[field] = tuple(t for t, s in zip(items, _scores(model, items, field))
                           if s >= threshold)
    return replace(model, **out)


def _misspell(draw, word: str) -> str:
    """`word` with one letter (not the first) left out."""
    i = draw(st.integers(1, len(word) - 1))
    return word[:i] + word[i + 1:]


# ---------------------------------------------------------------- numbering ---

@fault("renumbered_paragraph", kinds=["ilacs"])
def renumbered_paragraph(model):
    rule = _rule(model, "paragraph_numbering")
    keys = _paragraph_keys(model)
    if model.is_letter or rule is None or not keys:
        return None

    @st.composite
    def build(draw):
        k = draw(st.integers(0, len(keys) - 1))
        s, p = keys[k]
        number = model.sections[s].paragraphs[p].number
        slip = draw(st.sampled_from(["gap", "duplicate", "restart"] if k > 1 else ["gap"]))
        new = {"gap": number + draw(st.integers(1, 3)), "duplicate": number - 1,
               "restart": 1}[slip]
        section = model.sections[s]
        paras = list(section.paragraphs)
        paras[p] = replace(paras[p], number=new)
        sections = list(model.sections)
        sections[s] = replace(section, paragraphs=tuple(paras))
        return Injected("renumbered_paragraph", replace(model, sections=tuple(sections)),
                        (Expected(rule, ("paragraph", s, p)),),
                        f"paragraph {number} numbered {new} ({slip})")
    return build()


# ------------------------------------------------------------------- grades ---

@fault("incoherent_overall_grade", kinds=["ilacs"])
def incoherent_overall_grade(model):
    framework = _framework(model)
    if model.is_letter or framework is None:
        return None
    grades = _grades(model)
    options = []
    for subject in S._subjects(model.kind, framework):
        i = model.row_index(subject)
        if i is None:
            continue
        for g in framework.scale.grades:
            fired = S.decision_findings(model.kind, framework, {**grades, subject: g.id})
            if g.id != grades[subject] and fired:
                options.append((i, g, tuple(sorted(fired))))
    if not options:
        return None

    def build(option):
        i, g, fired = option
        rows = list(model.judgements)
        rows[i] = replace(rows[i], grade_text=g.name, grade=g.id)
        return Injected("incoherent_overall_grade", replace(model, judgements=tuple(rows)),
                        tuple(Expected(r, ("row", i), anchor=g.name) for r in fired),
                        f"{rows[i].name} graded {g.name}")
    return st.sampled_from(options).map(build)


def _silent_without(model, framework, judgement, grade=None) -> bool:
    """Do the decision tables stay silent when this row is `grade` (None:
    off the scale or missing)?"""
    grades = {k: v for k, v in _grades(model).items() if k != judgement}
    if grade is not None:
        grades[judgement] = grade
    return not S.decision_findings(model.kind, framework, grades)


@fault("heading_grade_mismatch", kinds=["ilacs"])
def heading_grade_mismatch(model):
    rule = _rule(model, "section_grade")
    framework = _framework(model)
    sections = [s for s, section in enumerate(model.sections) if section.grade]
    if model.is_letter or rule is None or not sections:
        return None

    @st.composite
    def build(draw):
        s = draw(st.sampled_from(sections))
        section = model.sections[s]
        g = draw(st.sampled_from([g for g in framework.scale.grades if g.id != section.grade]))
        text = g.name.lower() if section.grade_text == section.grade_text.lower() else g.name
        sections_ = list(model.sections)
        sections_[s] = replace(section, grade_text=text, grade=g.id)
        return Injected("heading_grade_mismatch", replace(model, sections=tuple(sections_)),
                        (Expected(rule, ("heading", s), anchor=text),),
                        f"heading {section.heading} graded {text}")
    return build()


@fault("off_scale_heading_grade", kinds=["ilacs"])
def off_scale_heading_grade(model):
    rule = _rule(model, "section_grade")
    framework = _framework(model)
    sections = [s for s, section in enumerate(model.sections) if section.grade]
    if model.is_letter or rule is None or not sections:
        return None

    @st.composite
    def build(draw):
        s = draw(st.sampled_from(sections))
        section = model.sections[s]
        text = _off_scale(draw, framework, section.grade_text)
        if text is None:
            return None
        sections_ = list(model.sections)
        sections_[s] = replace(section, grade_text=text, grade=None)
        return Injected("off_scale_heading_grade", replace(model, sections=tuple(sections_)),
                        (Expected(rule, ("heading", s), anchor=text),),
                        f"heading graded {text!r}")
    return build().filter(lambda x: x is not None)


def _off_scale(draw, framework, text: str) -> str | None:
    """A misspelling of a grade that is no spelling on the scale."""
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return None
    i = draw(st.sampled_from(long))
    words[i] = _misspell(draw, words[i])
    out = " ".join(words)
    return None if framework.scale.match(out) else out


@fault("off_scale_table_grade", kinds=["ilacs"])
def off_scale_table_grade(model):
    rule = _rule(model, "judgement_table")
    framework = _framework(model)
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
        rows_ = list(model.judgements)
        rows_[i] = replace(rows_[i], grade_text=text, grade=None)
        return Injected("off_scale_table_grade", replace(model, judgements=tuple(rows_)),
                        (Expected(rule, ("row", i), anchor=text),),
                        f"{rows_[i].name} graded {text!r}")
    return build().filter(lambda x: x is not None)


@fault("missing_table_row", kinds=["ilacs"])
def missing_table_row(model):
    rule = _rule(model, "judgement_table")
    framework = _framework(model)
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
    rule = _rule(model, "withdrawn_judgement")
    framework = _framework(model)
    if model.is_letter or rule is None or not framework.withdrawn:
        return None
    grades = _grades(model)
    options = [(j, g) for j in framework.withdrawn for g in framework.scale.grades
               if not S.decision_findings(model.kind, framework, {**grades, j.id: g.id})]
    if not options:
        return None

    def build(option):
        j, g = option
        rows = model.judgements + (Row(j.name, g.name, j.id, g.id),)
        return Injected("withdrawn_judgement_row", replace(model, judgements=rows),
                        (Expected(rule, ("row", len(rows) - 1)),),
                        f"a row for {j.name}, which {framework.name} does not grade")
    return st.sampled_from(options).map(build)


# ----------------------------------------------------------------- sections ---

@fault("missing_section", kinds=["ilacs"])
def missing_section(model):
    rule = _rule(model, "sections_complete")
    graded = [s for s, section in enumerate(model.sections)
              if section.judgement and model.row_index(section.judgement) is not None]
    if model.is_letter or rule is None or len(model.sections) < 2 or not graded:
        return None

    def build(s):
        section = model.sections[s]
        edited = renumber(replace(model, sections=model.sections[:s] + model.sections[s + 1:]))
        edited = _keep_supported(edited)
        return Injected("missing_section", edited,
                        (Expected(rule, ("row", model.row_index(section.judgement))),),
                        f"no section for {section.heading}")
    return st.sampled_from(graded).map(build)


@fault("sections_out_of_order", kinds=["ilacs"])
def sections_out_of_order(model):
    rule = _rule(model, "sections_complete")
    pairs = [s for s in range(len(model.sections) - 1)
             if model.sections[s].judgement and model.sections[s + 1].judgement]
    if model.is_letter or rule is None or not pairs:
        return None

    def build(s):
        sections = list(model.sections)
        sections[s], sections[s + 1] = sections[s + 1], sections[s]
        edited = renumber(replace(model, sections=tuple(sections)))
        return Injected("sections_out_of_order", edited, (Expected(rule, ("heading", s + 1)),),
                        f"{sections[s].heading} before {sections[s + 1].heading}")
    return st.sampled_from(pairs).map(build)


@fault("near_miss_heading", kinds=["ilacs"])
def near_miss_heading(model):
    from checker.checks.table import closest
    rule = _rule(model, "section_heading_name", lambda a: a.get("near", True))
    framework = _framework(model)
    sections = [s for s, section in enumerate(model.sections) if section.judgement]
    if model.is_letter or rule is None or not sections:
        return None
    names = [j.name for j in framework.judgements if j.section]

    @st.composite
    def build(draw):
        s = draw(st.sampled_from(sections))
        section = model.sections[s]
        words = section.heading.split()
        long = [i for i, w in enumerate(words) if len(w) >= 6]
        i = draw(st.sampled_from(long))
        words[i] = _misspell(draw, words[i])
        heading = " ".join(words)
        if framework.judgement_named(heading) or closest(heading, names) != section.heading:
            return None
        sections_ = list(model.sections)
        sections_[s] = replace(section, heading=heading, judgement=None)
        slip = len(os.path.commonprefix([heading.casefold(), section.heading.casefold()]))
        return Injected("near_miss_heading", replace(model, sections=tuple(sections_)),
                        (Expected(rule, ("heading", s), column=1 + slip),),
                        f"heading {heading!r}")
    return build().filter(lambda x: x is not None)


_UNKNOWN_HEADINGS = ("The effectiveness of the local safeguarding partnership",
                     "Arrangements for children with special educational needs",
                     "The quality of commissioning and placement sufficiency")


@fault("unknown_heading", kinds=["ilacs"])
def unknown_heading(model):
    from checker.checks.table import closest
    rule = _rule(model, "section_heading_name", lambda a: not a.get("near", True))
    missing = _rule(model, "sections_complete")
    framework = _framework(model)
    sections = [s for s, section in enumerate(model.sections)
                if section.judgement and model.row_index(section.judgement) is not None]
    if model.is_letter or rule is None or missing is None or not sections:
        return None
    names = [j.name for j in framework.judgements if j.section]
    headings = [h for h in _UNKNOWN_HEADINGS if closest(h, names) is None]

    def build(option):
        s, heading = option
        section = model.sections[s]
        sections_ = list(model.sections)
        sections_[s] = replace(section, heading=heading, judgement=None)
        return Injected("unknown_heading", replace(model, sections=tuple(sections_)),
                        (Expected(rule, ("heading", s)),
                         Expected(missing, ("row", model.row_index(section.judgement)))),
                        f"heading {heading!r}")
    return st.sampled_from([(s, h) for s in sections for h in headings]).map(build)


# -------------------------------------------------------------------- items ---

_OFF_TOPIC = (
    "The timeliness of school admission appeals for young carers.",
    "The maintenance of council buildings and car parking arrangements.",
    "Procurement of software licences for the finance department.",
    "The recruitment of volunteer drivers for the library service.",
)


def unsupported_items(model, items: str = "improvements") -> list[str]:
    """Real improvement items (and a few made-up ones) that none of this
    model's findings supports, by the checker's own measure."""
    candidates = list(POOLS.get("items", ())) + list(_OFF_TOPIC)
    threshold = S.support_threshold(model.kind, items)
    return [t for t, score in zip(candidates, _scores(model, candidates, items))
            if score < threshold - 0.05]


def _unsupported(name: str, field: str, key: str):
    def make(model):
        rule = _support_rule(model, field)
        present = getattr(model, field)
        if rule is None or not present:
            return None

        @st.composite
        def build(draw):
            options = [t for t in unsupported_items(model, field)
                       if not S._similar(t, present)]
            if not options:
                reject()
            i = draw(st.integers(0, len(present) - 1))
            text = draw(st.sampled_from(options))
            new = present[:i] + (text,) + present[i + 1:]
            return Injected(name, replace(model, **{field: new}), (Expected(rule.id, (key, i)),),
                            f"{key} {i + 1}: {text!r}")
        return build()
    return make


fault("unsupported_item")(_unsupported("unsupported_item", "improvements", "item"))
fault("unsupported_strength", kinds=["jtai"])(
    _unsupported("unsupported_strength", "strengths", "strength"))


def _duplicated(name: str, field: str, key: str):
    def make(model):
        rule = _rule(model, "duplicates")
        present = getattr(model, field)
        if rule is None or len(present) < 2:
            return None

        @st.composite
        def build(draw):
            j = draw(st.integers(1, len(present) - 1))
            i = draw(st.integers(0, j - 1))
            new = present[:j] + (present[i],) + present[j + 1:]
            return Injected(name, replace(model, **{field: new}), (Expected(rule, (key, j)),),
                            f"{key} {j + 1} repeats {key} {i + 1}")
        return build()
    return make


fault("duplicated_item")(_duplicated("duplicated_item", "improvements", "item"))
fault("duplicated_strength", kinds=["jtai"])(
    _duplicated("duplicated_strength", "strengths", "strength"))


@fault("item_without_full_stop")
def item_without_full_stop(model):
    rule = _rule(model, "form")
    if rule is None or not model.improvements:
        return None

    def build(i):
        items = list(model.improvements)
        items[i] = items[i].rstrip(".")
        return Injected("item_without_full_stop", replace(model, improvements=tuple(items)),
                        (Expected(rule, ("item", i)),), f"item {i + 1} has no full stop")
    # Without bullet glyphs, items are told apart by blank lines and full
    # stops: an unfinished item runs on into the next one (as a paragraph
    # broken by a page does), so only the last item can lose its full stop.
    first = 0 if model.layout.bullet else len(model.improvements) - 1
    return st.integers(first, len(model.improvements) - 1).map(build)


# -------------------------------------------------------------------- facts ---

@cache
def _own_entry(authority: str) -> str | None:
    """The authority of the data a report's authority names (the longest
    name inside it: "Oldham Council" is Oldham)."""
    names = [a["name"] for a in S._authority_data()]
    inside = [n for n in names if re.search(rf"\b{re.escape(n)}\b", authority)]
    return max(inside, key=len) if inside else None


_OTHER_AUTHORITY = "Social workers in {name} know their children well."


@fault("wrong_authority")
def wrong_authority(model):
    rule = _rule(model, "other_authority")
    own = _own_entry(model.authority)
    keys = _paragraph_keys(model)
    if rule is None or own is None or not keys:
        return None
    others = S.other_authorities(own)

    @st.composite
    def build(draw):
        s, p = draw(st.sampled_from(keys))
        name = draw(st.sampled_from(others))
        old = model.sections[s].paragraphs[p].text
        text = f"{old} {_OTHER_AUTHORITY.format(name=name)}"
        return Injected("wrong_authority", _set_paragraph(model, s, p, text),
                        (Expected(rule, ("paragraph", s, p), text.rindex(name), word=True),),
                        f"{name} in a report on {model.authority}")
    return build()


_ABBREVIATIONS = (("independent reviewing officers", "IROs"),
                  ("child and adolescent mental health services", "CAMHS"))


@fault("abbreviation_before_definition")
def abbreviation_before_definition(model):
    rule = _rule(model, "defined_before_use",
                 lambda a: a.get("find") == "used_before_definition")
    keys = _paragraph_keys(model)
    if rule is None or len(keys) < 2:
        return None

    @st.composite
    def build(draw):
        first, second = sorted(draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2,
                                             unique=True)))
        long, short = draw(st.sampled_from(_ABBREVIATIONS))
        use = f"{model.sections[first[0]].paragraphs[first[1]].text} Children know their " \
              f"{short} well."
        edited = _set_paragraph(model, *first, use)
        definition = f"{model.sections[second[0]].paragraphs[second[1]].text} Leaders have " \
                     f"increased the number of {long} ({short})."
        edited = _set_paragraph(edited, *second, definition)
        return Injected("abbreviation_before_definition", edited,
                        (Expected(rule, ("paragraph", *first), use.rindex(short), word=True),),
                        f"{short} used before '{long} ({short})'")
    return build()


# -------------------------------------------------------------------- dates ---

def _dates_place(model) -> tuple[tuple, int]:
    """Where the inspection or visit dates are printed: (key, offset)."""
    if not model.is_letter:
        return ("dates",), 0
    return ("introduction", 0), model.introduction[0].index(model.dates_text)


def _set_dates(model, text: str, start, end) -> ReportModel:
    if model.is_letter:
        intro = (model.introduction[0].replace(model.dates_text, text),) + model.introduction[1:]
        return replace(model, dates_text=text, start=start, end=end, introduction=intro)
    return replace(model, dates_text=text, start=start, end=end)


@fault("dates_backwards")
def dates_backwards(model):
    rule = _rule(model, "date_relation", lambda a: "relations" in a)
    framework = _framework(model)
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
    rule = _rule(model, "date_relation", lambda a: a.get("subject") == "period.end")
    if model.is_letter or rule is None:
        return None
    lengths = set(S._inspection_lengths())

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
    edited = _replace_everywhere(model, f"on our website on {format_date(model.letter_date)}",
                                 f"on our website on {format_date(letter_date)}")
    if model.kind != "jtai":
        return replace(edited, letter_date=letter_date)
    old, new = S.statement_deadline(model.letter_date), S.statement_deadline(letter_date)
    if old and new:
        edited = _replace_everywhere(edited, f"to Ofsted by {format_date(old)}",
                                     f"to Ofsted by {format_date(new)}")
    return replace(edited, letter_date=letter_date)


@fault("letter_before_visit", kinds=S.LETTER_KINDS)
def letter_before_visit(model):
    rule = _rule(model, "date_relation", lambda a: a.get("subject") == "letter_date")
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
    def make(model):
        rule = _rule(model, "date_relation", lambda a: isinstance(a.get("subject"), dict)
                     and matches(a["subject"].get("pattern", "")))
        where = _date_in_paragraph(model, prefix) if model.is_letter else None
        if rule is None or where is None:
            return None
        s, p, offset = where
        right = correct(model)

        def build(days):
            text = model.sections[s].paragraphs[p].text
            wrong = format_date(right + timedelta(days=days))
            edited = _set_paragraph(model, s, p, text.replace(
                prefix + format_date(right), prefix + wrong))
            return Injected(name, edited,
                            (Expected(rule, ("paragraph", s, p), offset, word=True),),
                            f"{prefix.strip()} {wrong}")
        return st.sampled_from([-7, -3, -1, 1, 2, 14]).map(build)
    return make


fault("wrong_statement_deadline", kinds=["jtai"])(_moved_date(
    "wrong_statement_deadline", "to Ofsted by ", lambda p: "statement of" in p,
    lambda m: S.statement_deadline(m.letter_date)))
fault("wrong_publication_date", kinds=["focused_visit"])(_moved_date(
    "wrong_publication_date", "on our website on ", lambda p: "publish" in p,
    lambda m: m.letter_date))


# ------------------------------------------------------------------ letters ---

def _required(model):
    """(rule id, wanted headings, {wanted index: section index})."""
    for rule in S.rules_for(model.kind, model.framework, "required_headings"):
        wanted = list(rule.args["headings"])
        where = {}
        for i, w in enumerate(wanted):
            options = [w] if isinstance(w, str) else list(w)
            keys = {heading_key(o) for o in options}
            hit = next((s for s, section in enumerate(model.sections)
                        if heading_key(section.heading) in keys), None)
            if hit is not None:
                where[i] = hit
        return rule.id, wanted, where
    return None, [], {}


@fault("missing_letter_heading", kinds=S.LETTER_KINDS)
def missing_letter_heading(model):
    rule, wanted, where = _required(model)
    if not model.is_letter or rule is None or len(where) < 2:
        return None

    def build(i):
        s = where[i]
        removed = model.sections[s]
        sections = model.sections[:s] + model.sections[s + 1:]
        edited = replace(model, sections=sections)
        key = heading_key(removed.heading)
        if key.startswith("what needs to improve"):
            edited = replace(edited, improvements=())
        if key == "strengths":
            edited = replace(edited, strengths=())
        edited = _keep_supported(edited)
        after = next((where[n] for n in range(i + 1, len(wanted)) if n in where), None)
        if after is not None:
            expected = Expected(rule, ("heading", after - (after > s)))
        else:
            last = max(((t, p) for t, section in enumerate(edited.sections)
                        for p in range(len(section.paragraphs))), default=None)
            if last is None:
                return None
            expected = Expected(rule, ("paragraph", *last), end=True)
        return Injected("missing_letter_heading", edited, (expected,),
                        f"no {removed.heading!r}")
    return st.sampled_from(sorted(where)).map(build).filter(lambda x: x is not None)


@fault("letter_headings_swapped", kinds=S.LETTER_KINDS)
def letter_headings_swapped(model):
    rule, wanted, where = _required(model)
    pairs = [i for i in range(len(wanted) - 1)
             if i in where and i + 1 in where and where[i + 1] == where[i] + 1]
    if not model.is_letter or rule is None or not pairs:
        return None

    def build(i):
        s = where[i]
        sections = list(model.sections)
        sections[s], sections[s + 1] = sections[s + 1], sections[s]
        return Injected("letter_headings_swapped", replace(model, sections=tuple(sections)),
                        (Expected(rule, ("heading", s)),),
                        f"{sections[s].heading!r} before {sections[s + 1].heading!r}")
    return st.sampled_from(pairs).map(build)
