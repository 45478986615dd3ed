"""Faults in what a report says about the world: another authority named in a
report (AUT001), an abbreviation used before it is spelled out (ABB001)."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import strategies as st

from checker.testing.faults.edits import paragraph_keys, rule_id
from checker.testing.faults.registry import Expected, Injected, fault
from checker.testing.strategies import other_authorities
from checker.testing.strategies.checker_data import authority_data


@cache
def _own_entry(authority: str) -> str | None:
    """The authority of the data a report's authority names (the longest
    name inside it: "Oldham Council" is Oldham)."""
    names = [a["name"] for a in authority_data()]
    inside = [n for n in names if re.search(rf"\b{re.escape(n)}\b", authority)]
    return max(inside, key=len) if inside else None


_OTHER_AUTHORITY = "Social workers in {name} know their children well."


@fault("wrong_authority")
def wrong_authority(model):
    """A sentence naming another authority (not a partner, predecessor or a
    name sharing a word with the report's own) added to a paragraph."""
    rule = rule_id(model, "other_authority")
    own = _own_entry(model.authority)
    keys = paragraph_keys(model)
    if rule is None or own is None or not keys:
        return None
    others = other_authorities(own)

    @st.composite
    def build(draw):
        s, p = draw(st.sampled_from(keys))
        name = draw(st.sampled_from(others))
        old = model.sections[s].paragraphs[p].text
        text = f"{old} {_OTHER_AUTHORITY.format(name=name)}"
        return Injected("wrong_authority", model.with_paragraph(s, p, text),
                        (Expected(rule, ("paragraph", s, p), text.rindex(name), word=True),),
                        f"{name} in a report on {model.authority}")
    return build()


_ABBREVIATIONS = (("independent reviewing officers", "IROs"),
                  ("child and adolescent mental health services", "CAMHS"))


@fault("abbreviation_before_definition")
def abbreviation_before_definition(model):
    """An abbreviation used in one paragraph and spelled out only in a later one."""
    rule = rule_id(model, "defined_before_use",
                   lambda a: a.get("find") == "used_before_definition")
    keys = paragraph_keys(model)
    if rule is None or len(keys) < 2:
        return None

    @st.composite
    def build(draw):
        first, second = sorted(draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2,
                                             unique=True)))
        long, short = draw(st.sampled_from(_ABBREVIATIONS))
        use = f"{model.sections[first[0]].paragraphs[first[1]].text} Children know their " \
              f"{short} well."
        edited = model.with_paragraph(*first, use)
        definition = f"{model.sections[second[0]].paragraphs[second[1]].text} Leaders have " \
                     f"increased the number of {long} ({short})."
        edited = edited.with_paragraph(*second, definition)
        return Injected("abbreviation_before_definition", edited,
                        (Expected(rule, ("paragraph", *first), use.rindex(short), word=True),),
                        f"{short} used before '{long} ({short})'")
    return build()
