"""The worked example of docs/testing-rules.md: property tests for a custom rule.

A QA team adds a rule of its own: no drafting note ("[awaiting figures]",
"[check with the team]") may be left in a report (the built-in LFT001 knows
Ofsted's template placeholders, not a team's own notes). The rule is a YAML
entry calling the built-in `pattern` check; these tests show, with the
checker.testing strategies, that it is silent on any valid report of any
kind, that it reports a placeholder wherever one is put (line and column),
and that loading it changes nothing the built-in rules report.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check_file, check_text
from checker.engine.rules import load_rules
from checker.testing import (
    Expected,
    Injected,
    ReportModel,
    faulty_reports,
    layouts,
    render_docx,
    render_text,
    reports,
)

PACK = r"""
rules:
  - id: DRF001
    name: drafting-note
    severity: error
    kinds: [ilacs, focused_visit, jtai, monitoring_visit]
    check: pattern
    args:
      pattern: '\[(?:awaiting|check|confirm) [a-z ]+\]'
    message: "drafting note '{{ match }}' left in the {{ node }}"
    docs:
      what: No drafting note is left in the report.
      why: A note published is a question the report forgot to answer.
      example: "14. ... was agreed on [confirm dates]."
      fix: Answer the note, then delete it.
"""

PLACEHOLDERS = ["[awaiting figures]", "[check with the team]", "[confirm dates]",
                "[confirm number of children]"]


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    """The built-in rules and ours, as `--config` with `packs:` would load them."""
    pack = tmp_path_factory.mktemp("packs") / "drafting.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return load_rules(extra=(pack,))


def problems(result):
    return {(d.rule, d.line) for d in result.diagnostics if d.severity != "info"}


# 1. Silent on every valid report, of every kind and framework, in every layout.

@given(reports())
def test_silent_on_valid_reports(rules, model):
    result = check_text(render_text(model).text, rules=rules)
    assert result.error is None
    assert problems(result) == set()  # not ours, and not any built-in rule either


# 2. A fault of our own: a placeholder left in some paragraph, and where the
#    rule must report it (the part of the model, and the character in it).

@st.composite
def placeholder_left(draw, model: ReportModel) -> Injected:
    s, p = draw(st.sampled_from(model.paragraph_keys()))
    placeholder = draw(st.sampled_from(PLACEHOLDERS))
    text = f"{model.sections[s].paragraphs[p].text} This was agreed on {placeholder}."
    where = Expected("DRF001", ("paragraph", s, p), offset=text.rindex(placeholder), word=True)
    return Injected("placeholder_left", model.with_paragraph(s, p, text), (where,),
                    f"{placeholder} in paragraph {p + 1} of section {s + 1}")


@given(st.data())
def test_reports_a_placeholder_where_it_is(rules, data):
    injected = data.draw(reports().flatmap(placeholder_left))
    rendered = render_text(injected.model)
    result = check_text(rendered.text, rules=rules)
    assert problems(result) == injected.lines(rendered)  # ours, there, and nothing else
    assert {(d.rule, d.line, d.column) for d in result.diagnostics
            if d.rule == "DRF001"} == injected.places(rendered)  # at the placeholder itself


# 3. The same in a Word draft (automatic numbering): reported on the line
#    that reads the same.

@settings(max_examples=10)
@given(st.data())
def test_reports_a_placeholder_in_a_word_draft(rules, tmp_path_factory, data):
    injected = data.draw(reports(layout=layouts(plain=True)).flatmap(placeholder_left))
    rendered = render_text(injected.model)
    path = render_docx(injected.model, tmp_path_factory.mktemp("draft") / "draft.docx")
    result = check_file(path, rules=rules)
    assert [result.source.original_lines[d.line - 1] for d in result.diagnostics
            if d.rule == "DRF001"] == [rendered.lines[line - 1]
                                       for _, line in injected.lines(rendered)]


# 4. Loading the pack changes nothing the built-in rules report on faulty reports.

@given(faulty_reports())
def test_builtin_faults_are_reported_as_before(rules, injected):
    rendered = render_text(injected.model)
    assert problems(check_text(rendered.text, rules=rules)) == injected.lines(rendered)
