"""Faults in the improvement items and a JTAI letter's strengths: one no
finding supports (SUP001, SUP003), one repeating another (ITM001), one
without its full stop (ITM002)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import reject
from hypothesis import strategies as st

from checker.testing.faults.edits import rule_id, support_rule, support_verdicts
from checker.testing.faults.registry import Expected, Injected, fault
from checker.testing.sentences import POOLS
from checker.testing.strategies import similar

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
    return [t for t, verdict in zip(candidates, support_verdicts(model, candidates, items))
            if verdict in ("unsupported", "unmatched")]


def _unsupported(name: str, field: str, key: str):
    """A fault replacing one entry of `field` (improvements, strengths) by a
    real item the model's findings do not support."""
    def make(model):
        rule = support_rule(model, field)
        present = getattr(model, field)
        if rule is None or not present:
            return None

        @st.composite
        def build(draw):
            options = [t for t in unsupported_items(model, field)
                       if not similar(t, present)]
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
    """A fault replacing one entry of `field` by a copy of an earlier one."""
    def make(model):
        rule = rule_id(model, "duplicates")
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
    """An improvement item missing its closing full stop."""
    rule = rule_id(model, "form")
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
