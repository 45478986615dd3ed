"""Paragraph numbering faults: a paragraph numbered out of sequence (NUM001)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from checker.testing.faults.edits import paragraph_keys, rule_id
from checker.testing.faults.registry import Expected, Injected, fault


@fault("renumbered_paragraph", kinds=["ilacs"])
def renumbered_paragraph(model):
    """One paragraph misnumbered: a gap (numbers skipped), a duplicate (the
    number before repeated) or a restart (1 again)."""
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
        paras = list(model.sections[s].paragraphs)
        paras[p] = replace(paras[p], number=new)
        return Injected("renumbered_paragraph", model.with_section(s, paragraphs=tuple(paras)),
                        (Expected(rule, ("paragraph", s, p)),),
                        f"paragraph {number} numbered {new} ({slip})")
    return build()
