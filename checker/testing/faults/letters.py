"""Letter heading faults: a required heading missing, or two swapped
(LET001-LET003)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from checker.datafiles.frameworks import heading_key
from checker.testing.faults.edits import keep_supported
from checker.testing.faults.registry import Expected, Injected, fault
from checker.testing.strategies import LETTER_KINDS, rules_for


def _required(model):
    """(rule id, wanted headings, {wanted index: section index})."""
    for rule in rules_for(model.kind, model.framework, "required_headings"):
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


@fault("missing_letter_heading", kinds=LETTER_KINDS)
def missing_letter_heading(model):
    """A required heading left out with its section (and the list under
    it); reported at the next required heading, or at the letter's last
    paragraph when none follows."""
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
        edited = keep_supported(edited)
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


@fault("letter_headings_swapped", kinds=LETTER_KINDS)
def letter_headings_swapped(model):
    """Two neighbouring required sections in the wrong order."""
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
