"""What every fault family needs: the rule a fault expects, found from the
rules themselves (by check function, for the model's kind and framework, so
a renumbered rule id needs no change here), and edits that keep the rest
of a model valid (items its findings no longer support are dropped, as the
support rule would report them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from hypothesis import strategies as st

from checker.datafiles.frameworks import framework_by_id, heading_key
from checker.testing.model import ReportModel
from checker.testing.strategies import finding_sections, rules_for, support_threshold

__all__ = ["rule_id", "framework_of", "grades_of", "paragraph_keys", "replace_everywhere",
           "finding_texts", "support_rule", "support_verdicts", "keep_supported", "misspell"]


def rule_id(model: ReportModel, check: str, when: Callable[[dict], bool] = lambda a: True):
    """The id of the rule calling `check` (with args `when` accepts) for this
    model's kind and framework; None if there is none."""
    for rule in rules_for(model.kind, model.framework, check):
        if when(rule.args):
            return rule.id
    return None


def framework_of(model):
    """The framework the model is generated under (None for none)."""
    return framework_by_id(model.framework) if model.framework else None


def grades_of(model) -> dict:
    """{judgement id: grade id} of the judgement table's rows."""
    return {r.judgement: r.grade for r in model.judgements if r.judgement}


def paragraph_keys(model, sections=None):
    """(section, paragraph) of every paragraph, or of those under the
    headings in `sections` (heading keys)."""
    return [(s, p) for s, section in enumerate(model.sections)
            if sections is None or heading_key(section.heading) in sections
            for p in range(len(section.paragraphs))]


def replace_everywhere(model, old: str, new: str) -> ReportModel:
    """`old` replaced by `new` in every paragraph of the model."""
    sections = tuple(replace(s, paragraphs=tuple(replace(p, text=p.text.replace(old, new))
                                                 for p in s.paragraphs))
                     for s in model.sections)
    return replace(model, sections=sections)


def finding_texts(model, items: str = "improvements") -> list[str]:
    """The paragraphs the support rule over `items` reads as findings."""
    wanted = finding_sections(model.kind, items)
    return [p.text for s in model.sections
            if wanted is None or heading_key(s.heading) in wanted for p in s.paragraphs]


def support_rule(model, items: str):
    """The rule that reports an unsupported entry of `items` for this model
    (not one that reports supported ones); None if none applies."""
    for rule in rules_for(model.kind, model.framework, "supported_by"):
        if rule.args.get("items", "improvements") == items and \
                not rule.args.get("report_supported"):
            return rule
    return None


def support_verdicts(model, texts, items: str = "improvements") -> list[str]:
    """The verdict the checker gives each of `texts` as an item of this model
    (supported, partly, unsupported, unmatched: checks/evidence.py)."""
    from checker.checks.evidence import verdict_of
    from checker.engine.support import SupportIndex, load_vocabulary
    from checker.engine.topic_index import TopicIndex
    from checker.engine.vocabulary import topic_vocabulary
    rule = support_rule(model, items)
    ignore = re.compile(rule.args["ignore"], re.I) if rule and rule.args.get("ignore") else None
    findings = finding_texts(model, items)
    vocabulary = topic_vocabulary()
    defined = vocabulary.defined_abbreviations("\n".join([*findings, *texts]))
    topics = TopicIndex(findings, vocabulary, defined)
    lexical = SupportIndex(findings, load_vocabulary())
    threshold = support_threshold(model.kind, items)
    return [verdict_of(topics, lexical, ignore.sub(" ", t) if ignore else t, threshold)
            for t in texts]


def keep_supported(model) -> ReportModel:
    """The model without the items and strengths its findings no longer support."""
    out = {}
    for field, items in (("improvements", model.improvements), ("strengths", model.strengths)):
        if not items:
            continue
        out[field] = tuple(t for t, v in zip(items, support_verdicts(model, items, field))
                           if v == "supported")
    return replace(model, **out)


def misspell(draw, word: str) -> str:
    """`word` with one letter (not the first) left out."""
    i = draw(st.integers(1, len(word) - 1))
    return word[:i] + word[i + 1:]
