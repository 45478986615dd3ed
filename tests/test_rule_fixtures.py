"""Every rule against its fixtures: tests/rules/<RULE>.yaml.

Each case takes a real document (`sample:` from samples/ or tests/fixtures/)
or a small full document of its own (`text:`), optionally mutates it (exact, unique replacements), runs the rule ALONE and
compares the lines it fires on with `expect`. A case also runs every rule and
checks that no other error or warning appears that the untouched document did
not already have, except those listed in `also` (a mutation that drops a table
row may rightly trip a second rule): a rule must fire at the right line and
nowhere else.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import mutate, sample_text

from checker.api import check_text

FIXTURES = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rule"], case, id=f"{doc['rule']}-{case['name']}")


def _lines(diags, rule=None):
    return Counter(d.line for d in diags if rule is None or d.rule == rule)


def _noisy(result):
    """Errors and warnings keyed by rule and the text of their line, so a
    mutation that shifts lines does not make old findings look new."""
    lines = result.source.original_lines
    return Counter((d.rule, lines[d.line - 1].strip()) for d in result.diagnostics
                   if d.severity in ("error", "warning"))


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case, all_rules):
    rule = next(r for r in all_rules if r.id == rule_id)
    name = case.get("sample", "snippet.txt")
    original = case["text"] if "text" in case else sample_text(name)
    text = mutate(original, case.get("replace", []))
    alone = check_text(text, path=name, rules=(rule,))
    assert alone.error is None, alone.error
    got = _lines(alone.diagnostics)
    assert got == Counter(case.get("expect", [])), \
        [f"{d.line}: {d.message}" for d in alone.diagnostics]
    for fragment in case.get("message_contains", []):
        assert any(fragment in d.message for d in alone.diagnostics), \
            (fragment, [d.message for d in alone.diagnostics])
    # Nowhere else: compared with the untouched document, the mutation adds
    # no error or warning but this rule's and the ones the case names.
    mutated = check_text(text, path=name)
    new = _noisy(mutated) - _noisy(check_text(original, path=name))
    lines = mutated.source.original_lines
    expected_also = Counter((a["rule"], lines[a["line"] - 1].strip())
                            for a in case.get("also", []))
    assert Counter({k: v for k, v in new.items() if k[0] != rule_id}) == expected_also


def test_every_rule_has_docs_and_pass_and_fail_cases(all_rules):
    by_rule = {}
    for path in FIXTURES.glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == doc["rule"], f"{path.name} holds cases for {doc['rule']}"
        by_rule[doc["rule"]] = doc["cases"]
    for rule in all_rules:
        assert all(rule.docs.get(k, "").strip() for k in ("what", "why", "example")), rule.id
        cases = by_rule.get(rule.id)
        assert cases, f"{rule.id} has no fixture file tests/rules/{rule.id}.yaml"
        assert any(not c.get("expect") for c in cases), f"{rule.id} has no passing case"
        assert any(c.get("expect") for c in cases), f"{rule.id} has no failing case"
