"""Check functions from other packages, through the entry point group
`report_checker.checks`, used by a rule pack like built-in ones."""

from __future__ import annotations

import importlib.metadata as md

from conftest import mutate, sample_text

from checker import checks
from checker.api import check_text
from checker.engine.rules import load_rules

PACK = """\
rules:
  - id: PLG001
    name: shouting-items
    severity: warning
    kinds: [ilacs]
    check: shouting
    message: "'{{ word }}' in capitals"
    docs:
      what: Words in capitals in improvement items.
      why: House style avoids shouting.
      example: "- The URGENT response."
"""


def test_a_plugin_check_is_found_validated_and_run(tmp_path, monkeypatch):
    ep = md.EntryPoint(name="shouting", value="plugin_example:shouting",
                       group=checks.PLUGIN_GROUP)
    monkeypatch.setattr(md, "entry_points", lambda group=None: [ep] if group ==
                        checks.PLUGIN_GROUP else [])
    monkeypatch.setattr(checks, "_plugins_loaded", False)
    monkeypatch.delitem(checks.CHECKS, "shouting", raising=False)
    pack = tmp_path / "plugin.yaml"
    pack.write_text(PACK)
    rules = load_rules((pack,), builtin=False)
    text = mutate(sample_text("rochdale-ilacs-2023.txt"),
                  [("- The response to disabled children.", "- The URGENT response to disabled "
                                                           "children.")])
    result = check_text(text, rules=rules)
    assert [(d.rule, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("PLG001", 29, 7, "'URGENT' in capitals")]
    # its declared values are checked like a built-in's
    pack.write_text(PACK.replace("{{ word }}", "{{ words }}"))
    try:
        load_rules((pack,), builtin=False)
    except Exception as exc:  # noqa: BLE001
        assert "uses words, which the check does not provide" in str(exc)
    else:
        raise AssertionError("template variable not checked")
    checks.CHECKS.pop("shouting", None)
    checks.PROVIDES.pop("shouting", None)
