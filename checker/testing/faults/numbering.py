"""Paragraph numbering faults: a paragraph numbered out of sequence (NUM001)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from checker.testing.faults.edits import paragraph_keys, rule_id
from checker.testing.faults.registry import Expected, Injected, fault


@fault("renumbered_paragraph", kinds=["ilacs"])
def renumbered_paragraph(model):
    rule = rule_id(model, "paragraph_numbering")
    keys = paragraph_keys(model)
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
