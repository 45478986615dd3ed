"""Section faults in an inspection report: a section missing or out of order
(SEC004), a heading that misspells a judgement (SEC002) or names none
(SEC003, and SEC004 for the section it replaced)."""

from __future__ import annotations

import os
from dataclasses import replace

from hypothesis import strategies as st

from checker.checks.table import closest
from checker.testing.faults.edits import framework_of, keep_supported, misspell, rule_id
from checker.testing.faults.registry import Expected, Injected, fault
from checker.testing.model import renumber


@fault("missing_section", kinds=["ilacs"])
def missing_section(model):
    """A graded judgement's section left out; the paragraphs after it are
    renumbered and the items it alone supported dropped, so only the
    missing section is reported (at the judgement's table row)."""
    rule = rule_id(model, "sections_complete")
    graded = [s for s, section in enumerate(model.sections)
              if section.judgement and model.row_index(section.judgement) is not None]
    if model.is_letter or rule is None or len(model.sections) < 2 or not graded:
        return None

    def build(s):
        section = model.sections[s]
        edited = renumber(replace(model, sections=model.sections[:s] + model.sections[s + 1:]))
        edited = keep_supported(edited)
        return Injected("missing_section", edited,
                        (Expected(rule, ("row", model.row_index(section.judgement))),),
                        f"no section for {section.heading}")
    return st.sampled_from(graded).map(build)


@fault("sections_out_of_order", kinds=["ilacs"])
def sections_out_of_order(model):
    """Two neighbouring judgement sections swapped (paragraphs renumbered)."""
    rule = rule_id(model, "sections_complete")
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
    """A letter left out of a long word of a judgement's heading, so that the
    heading is closest to that judgement's name; reported at the slip."""
    rule = rule_id(model, "section_heading_name", lambda a: a.get("near", True))
    framework = framework_of(model)
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
        words[i] = misspell(draw, words[i])
        heading = " ".join(words)
        if framework.judgement_named(heading) or closest(heading, names) != section.heading:
            return None
        slip = len(os.path.commonprefix([heading.casefold(), section.heading.casefold()]))
        return Injected("near_miss_heading", model.with_section(s, heading=heading,
                                                                judgement=None),
                        (Expected(rule, ("heading", s), column=1 + slip),),
                        f"heading {heading!r}")
    return build().filter(lambda x: x is not None)


_UNKNOWN_HEADINGS = ("The effectiveness of the local safeguarding partnership",
                     "Arrangements for children with special educational needs",
                     "The quality of commissioning and placement sufficiency")


@fault("unknown_heading", kinds=["ilacs"])
def unknown_heading(model):
    """A judgement's heading replaced by a heading near no judgement's name:
    reported as unknown, and its judgement's section as missing."""
    rule = rule_id(model, "section_heading_name", lambda a: not a.get("near", True))
    missing = rule_id(model, "sections_complete")
    framework = framework_of(model)
    sections = [s for s, section in enumerate(model.sections)
                if section.judgement and model.row_index(section.judgement) is not None]
    if model.is_letter or rule is None or missing is None or not sections:
        return None
    names = [j.name for j in framework.judgements if j.section]
    headings = [h for h in _UNKNOWN_HEADINGS if closest(h, names) is None]

    def build(option):
        s, heading = option
        section = model.sections[s]
        return Injected("unknown_heading", model.with_section(s, heading=heading, judgement=None),
                        (Expected(rule, ("heading", s)),
                         Expected(missing, ("row", model.row_index(section.judgement)))),
                        f"heading {heading!r}")
    return st.sampled_from([(s, h) for s in sections for h in headings]).map(build)
