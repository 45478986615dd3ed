"""Rule files are a language: mistakes in them are errors at load, with the
file, the line and the key, never a rule that silently does nothing."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, pack_load_error, write_pack

from checker.api import check_file
from checker.engine.rules import load_rules

GOOD = """\
rules:
  - id: ZZZ001
    name: test-rule
    severity: warning
    kinds: [ilacs]
    check: paragraph_numbering
    message: "paragraph {{ found }}, expected {{ expected }}"
    docs:
      what: Numbered paragraphs run on.
      why: Citations need them.
      example: "1. 2. 4."
"""




def test_a_good_pack_loads(tmp_path):
    rules = load_rules((write_pack(tmp_path, GOOD),), builtin=False)
    assert [r.id for r in rules] == ["ZZZ001"] and rules[0].line == 2


@pytest.mark.parametrize("change, line, words", [
    (("    severity: warning", "    severty: warning"), 4,
     "unknown key 'severty' (did you mean 'severity'?)"),
    (("    severity: warning", "    severity: warn"), 4, "severity"),
    (("    check: paragraph_numbering", "    check: paragraph_numbers"), 2,
     "unknown check function 'paragraph_numbers'"),
    (("{{ expected }}", "{{ expectd }}"), 2,
     "message template uses expectd, which the check does not provide"),
    (("{{ expected }}", "{{ expected }"), 2, "message template"),
    (("    kinds: [ilacs]", "    kinds: [ilac]"), 5, "kinds"),
    (("      why: Citations need them.\n", ""), 8, "docs.why: missing key 'why'"),
    (("    name: test-rule", "    name: Test Rule"), 3, "name"),
])
def test_mistakes_name_file_line_and_key(tmp_path, change, line, words):
    message = pack_load_error(tmp_path, GOOD.replace(*change))
    assert f"pack.yaml:{line}:" in message, message
    assert words in message, message


def test_duplicate_ids_and_keys(tmp_path):
    twice = GOOD + GOOD.split("rules:\n", 1)[1]
    message = pack_load_error(tmp_path, twice)
    assert "pack.yaml:12: rule id ZZZ001 is already used at" in message and ":2" in message
    message = pack_load_error(tmp_path, GOOD.replace("    severity: warning\n",
                                                 "    severity: warning\n    severity: error\n"))
    assert "duplicate key 'severity'" in message and ":5:" in message


def test_unknown_framework_and_scope_on_an_unscoped_check(tmp_path):
    kinds = "    kinds: [ilacs]"
    message = pack_load_error(tmp_path,
                              GOOD.replace(kinds, kinds + "\n    frameworks: [ilacs-2019]"))
    assert "unknown frameworks ['ilacs-2019']" in message
    message = pack_load_error(tmp_path,
                              GOOD.replace(kinds, kinds + "\n    scope: {nodes: [summary]}"))
    assert "does not take a scope" in message


PATTERN = GOOD.replace("check: paragraph_numbering", "check: pattern\n    args: ARGS").replace(
    "paragraph {{ found }}, expected {{ expected }}", "{{ match }}")


def test_catastrophic_regex_is_refused(tmp_path):
    message = pack_load_error(tmp_path, PATTERN.replace("ARGS", "{pattern: '(a+)+b'}"))
    assert "pack.yaml:7: rule ZZZ001: args.pattern:" in message and "nested quantifier" in message
    message = pack_load_error(tmp_path, PATTERN.replace("ARGS", "{pattern: '(unclosed'}"))
    assert "pack.yaml:7: rule ZZZ001: args.pattern: bad regular expression" in message


def test_extends_and_overrides(tmp_path):
    pack = write_pack(tmp_path, """\
        extends: [ilacs]
        overrides:
          SEC002: {severity: error}
        """)
    rules = {r.id: r for r in load_rules((pack,), builtin=False)}
    assert rules["SEC002"].severity == "error"
    assert "LET001" not in rules  # only the extended pack
    result = check_file(SAMPLES / "oldham-ilacs-2019.txt", rules=tuple(rules.values()))
    assert [(d.rule, d.severity) for d in result.diagnostics if d.severity != "info"] == [
        ("SEC002", "error")]
    message = pack_load_error(tmp_path,
                              "extends: [ilacs]\noverrides:\n  XXX001: {severity: info}\n")
    assert ":3: overrides unknown rule XXX001" in message
    message = pack_load_error(tmp_path, "extends: [no-such-pack]\n")
    assert "neither a built-in pack" in message


def test_every_builtin_message_template_uses_only_provided_values():
    # load_rules validates this; the assertion is that the built-ins load at all
    assert len(load_rules()) >= 14


def test_validation_is_cached_and_keyed_on_contents(tmp_path, monkeypatch):
    import checker.engine.loading as rules_module
    monkeypatch.setenv("REPORT_CHECKER_CACHE_DIR", str(tmp_path))
    rules_module.load_rules.cache_clear()
    try:
        first = rules_module.load_rules()
        assert list(tmp_path.glob("rules-*.json"))
        rules_module.load_rules.cache_clear()
        monkeypatch.setattr(rules_module, "_validate", lambda paths: pytest.fail("not cached"))
        assert rules_module.load_rules() == first
    finally:
        rules_module.load_rules.cache_clear()


def test_a_users_packs_are_cached_too_and_keyed_on_what_they_extend(tmp_path, monkeypatch):
    import checker.engine.loading as rules_module
    monkeypatch.setenv("REPORT_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    base = write_pack(tmp_path, GOOD, "base.yaml")
    mine = write_pack(tmp_path, "extends: [base.yaml]\noverrides:\n  ZZZ001: {severity: error}\n")
    rules_module.load_rules.cache_clear()
    try:
        assert [r.severity for r in rules_module.load_rules((mine,), builtin=False)] == ["error"]
        rules_module.load_rules.cache_clear()
        validate = rules_module._validate
        monkeypatch.setattr(rules_module, "_validate", lambda paths: pytest.fail("not cached"))
        assert [r.severity for r in rules_module.load_rules((mine,), builtin=False)] == ["error"]
        rules_module.load_rules.cache_clear()
        base.write_text(GOOD.replace("severity: warning", "severty: warning"))  # extended
        monkeypatch.setattr(rules_module, "_validate", validate)
        assert "unknown key 'severty'" in pack_load_error(tmp_path, mine.read_text())
    finally:
        rules_module.load_rules.cache_clear()


SCOPED = """\
rules:
  - id: ZZZ002
    name: scoped-pattern
    severity: info
    kinds: [ilacs]
    check: pattern
    scope: {nodes: [NODES], section: SECTION}
    args: {pattern: 'PATTERN'}
    message: "{{ node }}: {{ match }}"
    docs:
      what: A scoped pattern.
      why: To test scopes.
      example: "a pattern"
"""


@pytest.mark.parametrize("nodes, section, pattern, expected", [
    # only the care leavers section's paragraphs (34-47, lines 89-108): not
    # the PAs of paragraph 61 (line 131); line 91 is paragraph 34 after a page break
    ("paragraph", "The experiences and progress of care leavers", r"\bPAs\b",
     {("paragraph", n) for n in (89, 91, 95, 96, 97, 101, 102, 103, 106)}),
    ("heading", "null", "care leavers", {("heading", 87)}),
    ("table_row", "null", "care leavers", {("table row", 13)}),
    ("title", "null", "Rochdale", {("title", 3)}),
    ("improvement", "null", "disabled", {("improvement item", 29)}),
    # sentences of one section: the match is placed on its own line
    ("sentence", "The impact of leaders on social work practice with children and families",
     "police and criminal evidence", {("sentence", 121)}),
])
def test_scopes_select_grammar_nodes_and_sections(tmp_path, nodes, section, pattern, expected):
    pack = write_pack(tmp_path, SCOPED.replace("NODES", nodes).replace("SECTION", section)
                 .replace("PATTERN", pattern))
    rules = load_rules((pack,), builtin=False)
    result = check_file(SAMPLES / "rochdale-ilacs-2023.txt", rules=rules)
    got = {(d.message.split(":")[0], d.line) for d in result.diagnostics}
    assert got == expected


def test_a_sentence_match_points_at_its_word():
    from checker.api import load
    report = load(SAMPLES / "rochdale-ilacs-2023.txt").report
    sentences = [s for _, s in report.blocks(("sentence",))]
    pace = next(s for s in sentences if "PACE" in s.text)
    line, column = pace.position(pace.text.index("PACE"))
    original = (SAMPLES / "rochdale-ilacs-2023.txt").read_text().split("\n")[line - 1]
    assert original[column - 1:column + 3] == "PACE"


def test_every_builtin_check_declares_what_it_provides():
    from checker.checks import CHECKS, PROVIDES, load_all
    load_all()
    builtin = {n for n, f in CHECKS.items() if f.__module__.startswith("checker.checks")}
    assert builtin <= set(PROVIDES), builtin - set(PROVIDES)


def test_a_folder_of_packs(tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    write_pack(folder, GOOD, "one.yaml")
    write_pack(folder, GOOD.replace("ZZZ001", "ZZZ003").replace("test-rule", "other-rule"),
          "two.yaml")
    assert [r.id for r in load_rules((folder,), builtin=False)] == ["ZZZ001", "ZZZ003"]


def test_a_template_cannot_run_away(tmp_path):
    rules = load_rules((write_pack(tmp_path, GOOD.replace(
        "paragraph {{ found }}, expected {{ expected }}",
        "{{ 'x' * 50000000 }} {{ found }} {{ expected }}")),), builtin=False)
    from conftest import mutate, sample_text

    from checker.api import check_text
    text = mutate(sample_text("rochdale-ilacs-2023.txt"),
                  [("\n19. Most children live", "\n18. Most children live")])
    [d] = check_text(text, rules=rules).diagnostics
    assert "tried to build 50000000 characters" in d.message and len(d.message) < 2100
