"""A rule entry holds its messages keyed by problem, its docs' example and its
inline cases; mistakes in any of them are load errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import pack_load_error, write_pack

from checker.api import check_text
from checker.datafiles.yamlfile import load_yaml
from checker.engine.rulefile import validate_pack
from checker.engine.rules import load_rules

ENTRY = """\
rules:
  - id: ZZZ001
    name: test-rule
    severity: warning
    kinds: [ilacs]
    check: paragraph_numbering
    message:
      gap: "gap: {{ found }} after {{ previous }}"
      default: "other: {{ problem }}"
    docs:
      what: Numbered paragraphs run on.
      why: Citations need them.
      example:
        replace: [["\\n3. The needs", "\\n4. The needs"]]
        note: (expected 3)
    tests:
      pass:
        - A sentence.
      fail:
        - replace: [["\\n9. There", "\\n10. There"]]
          finds: gap
"""
BASE = Path(__file__).parent / "rules" / "bases" / "ilacs-2023.txt"




def test_a_message_keyed_by_problem_renders_the_findings_problem(tmp_path):
    rules = load_rules((write_pack(tmp_path, ENTRY),), builtin=False)
    base = BASE.read_text(encoding="utf-8").replace(" {text}", "")
    gap = check_text(base.replace("\n3. The needs", "\n4. The needs"), rules=rules).diagnostics
    assert [d.message for d in gap] == ["gap: 4 after 2"]
    duplicate = check_text(base.replace("\n6. For some", "\n5. For some"),
                           rules=rules).diagnostics
    assert [d.message for d in duplicate] == ["other: duplicate"]


def test_a_problem_without_a_template_is_shown_not_raised(tmp_path):
    entry = ENTRY.replace('      default: "other: {{ problem }}"\n', "")
    rules = load_rules((write_pack(tmp_path, entry),), builtin=False)
    base = BASE.read_text(encoding="utf-8").replace(" {text}", "")
    [d] = check_text(base.replace("\n6. For some", "\n5. For some"), rules=rules).diagnostics
    assert d.message.startswith("(message template of ZZZ001 failed: no message for problem "
                                "'duplicate')")


def test_the_docs_example_is_shown_and_made_the_first_fail_case(tmp_path):
    [rule] = load_rules((write_pack(tmp_path, ENTRY),), builtin=False)
    assert rule.docs["example"] == "4. The needs\n(expected 3)\n"
    pack = validate_pack(load_yaml(write_pack(tmp_path, ENTRY)), "pack.yaml", with_tests=True)
    tests = pack["rules"][0]["tests"]
    assert [c["name"] for c in tests["fail"]] == ["the docs' example", None]
    assert tests["pass"][0]["text"] == "A sentence."
    checked = validate_pack(load_yaml(write_pack(tmp_path, ENTRY)), "pack.yaml")
    assert "tests" not in checked["rules"][0]


@pytest.mark.parametrize("change, line, words", [
    (("          finds: gap", "          find: gap"), 21, "tests.fail.find: unknown key 'find'"),
    (("          finds: gap\n", ""), 16, "fail case 1 (unnamed) has no 'finds'"),
    (("        - A sentence.", "        - {text: A sentence., finds: x}"), 16,
     "a pass case finds nothing"),
    (("        note: (expected 3)", "        note: (expected 3)\n        base: Bad Name"), 16,
     "docs.example.base: String should match pattern"),
    (("    check: paragraph_numbering", "    check: pattern\n    args: {pattern: x}"), 2,
     "templates keyed by problem need a check that provides 'problem'"),
    (('gap: "gap: {{ found }}', 'gap: "gap: {{ foundd }}'), 2,
     "message.gap: message template uses foundd"),
])
def test_entry_mistakes_name_file_and_line(tmp_path, change, line, words):
    old, new = change
    assert ENTRY.count(old) == 1
    error = pack_load_error(tmp_path, ENTRY.replace(old, new))
    assert f"pack.yaml:{line}:" in error and words in error, error



def test_every_confusable_context_names_one_of_its_forms():
    """CNF001 skips an entry when none of its forms is a word of the report,
    so each context must spell one of them (a guard against a
    context added without its form; the fixtures prove the matches)."""
    import re

    from checker.checks.confusables import confusables
    from checker.engine.textscan import word_runs
    for entry in confusables("confusables.yaml"):
        spelt = re.sub(r"\\[a-z]|\(\?[:!<=]*|[()?|*+\]\[]", " ", entry.context.pattern.lower())
        assert entry.forms & frozenset(word_runs(spelt)) or any(
            string in entry.context.pattern.lower() for string in entry.strings), \
            (entry.instead, entry.context.pattern)
