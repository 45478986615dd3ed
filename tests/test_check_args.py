"""Check arguments have a schema: each check declares a model of its args
(checker/checks/__init__.py: Args), and a rule whose args do not fit it fails
when rules load, naming the file, the line, the rule and the key, never a
rule that silently runs with its defaults or fails on every report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from checker.checks import Args, Regex
from checker.cli import main
from checker.datafiles.yamlfile import DataFileError
from checker.engine.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent

SUPPORT = """\
rules:
  - id: ZZZ001
    name: test-rule
    severity: warning
    kinds: [ilacs]
    check: supported_by
    args:
      items: improvements
      threshold: 0.5
    message: "{{ item }}"
    docs:
      what: Items are supported.
      why: To test arguments.
      example: "- An item."
"""


def _pack(tmp_path: Path, text: str, name: str = "mypack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _load_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataFileError) as info:
        load_rules((_pack(tmp_path, text),), builtin=False)
    return str(info.value)


@pytest.mark.parametrize("change, expected", [
    # a misspelt key, with the nearest one
    (("      threshold: 0.5", "      treshold: 0.5"),
     "mypack.yaml:9: rule ZZZ001: args.treshold: unknown argument (did you mean 'threshold'?)"),
    # a key no check of this kind has
    (("      threshold: 0.5", "      colour: red"),
     "mypack.yaml:9: rule ZZZ001: args.colour: unknown argument"),
    # a wrong type
    (("      threshold: 0.5", "      threshold: high"),
     "mypack.yaml:9: rule ZZZ001: args.threshold: Input should be a valid number, not 'high'"),
    (("      threshold: 0.5", "      report_supported: 'yes'"),
     "mypack.yaml:9: rule ZZZ001: args.report_supported: Input should be a valid boolean"),
    # a value that is a key for another lookup: one of a fixed set
    (("      items: improvements", "      items: strenghts"),
     "mypack.yaml:8: rule ZZZ001: args.items: Input should be 'improvements' or 'strengths', "
     "not 'strenghts' (did you mean 'strengths'?)"),
    # a regular expression, known by its declared type (not by its key's name)
    (("      threshold: 0.5", "      ignore: '(a|aa)+'"),
     "mypack.yaml:9: rule ZZZ001: args.ignore: '(a|aa)+' can take exponential time"),
    (("      threshold: 0.5", "      ignore: '(unclosed'"),
     "mypack.yaml:9: rule ZZZ001: args.ignore: bad regular expression: missing ), unterminated"),
    # deep inside: a report kind of `finding_sections`
    (("      threshold: 0.5", "      finding_sections: {jtia: [Findings]}"),
     "mypack.yaml:9: rule ZZZ001: args.finding_sections.jtia: Input should be"),
    # one of a fixed set, per report kind
    (("      threshold: 0.5", "      hint_scope: {ilacs: word}"),
     "mypack.yaml:9: rule ZZZ001: args.hint_scope.ilacs: Input should be 'paragraph' or "
     "'sentence'"),
    # a share of reports, 0 to 1
    (("      threshold: 0.5", "      hint_common: {ilacs: 10}"),
     "mypack.yaml:9: rule ZZZ001: args.hint_common.ilacs: Input should be less than or equal to 1"),
])
def test_a_bad_argument_names_file_line_rule_and_key(tmp_path, change, expected):
    message = _load_error(tmp_path, SUPPORT.replace(*change))
    assert expected in message, message


@pytest.mark.parametrize("args, expected", [
    ("{}", "args.pattern: missing argument"),
    ("{pattern: 'x', case: 1}", "args.case: Input should be a valid boolean, not 1"),
    ("{pattern: 'x', min: 1.5}", "args.min: Input should be a valid integer"),
])
def test_a_missing_argument_and_strict_types(tmp_path, args, expected):
    text = SUPPORT.replace("check: supported_by", "check: occurrence").replace(
        "      items: improvements\n      threshold: 0.5\n", "").replace(
        "    args:\n", f"    args: {args}\n").replace("{{ item }}", "{{ count }}")
    assert expected in _load_error(tmp_path, text)


def test_nested_arguments_are_checked_at_their_own_line(tmp_path):
    text = SUPPORT.replace("check: supported_by", "check: date_relation").replace(
        "      items: improvements\n      threshold: 0.5\n", """\
      relations:
        - subject: letter_date
          relation: '>='
          reference: end
        - subject: {pattern: 'by {date}'}
          relation: '=='
          reference: letter_date
          offsets: [{working_days: 70, lable: seventy}]
""").replace("{{ item }}", "{{ subject }}")
    message = _load_error(tmp_path, text)
    assert "mypack.yaml:15: rule ZZZ001: args.relations.offsets.lable: unknown argument " \
           "(did you mean 'label'?)" in message, message
    good = text.replace(", lable: seventy", "")
    assert load_rules((_pack(tmp_path, good),), builtin=False)
    message = _load_error(tmp_path, good.replace("reference: end", "reference: ends"))
    assert "mypack.yaml:11: rule ZZZ001: args.relations.reference:" in message, message
    assert "'end'" in message and "not 'ends' (did you mean 'end'?)" in message
    message = _load_error(tmp_path, good.replace("working_days: 70", "label: x"))
    assert "mypack.yaml:15: rule ZZZ001: args.relations.offsets: an offset needs days or " \
           "working_days" in message, message


def test_values_that_name_other_data_are_checked(tmp_path):
    """A data file, a group of it, a judgement id: unknown ones fail at load."""
    style = SUPPORT.replace("check: supported_by", "check: substitution").replace(
        "{{ item }}", "{{ found }}").replace("      threshold: 0.5\n", "")
    message = _load_error(tmp_path, style.replace("items: improvements", "data: speling.yaml"))
    assert "args.data: no data file 'speling.yaml' in rules/data/" in message, message
    message = _load_error(tmp_path, style.replace("items: improvements", "groups: [british, ize]"))
    assert "args: no group 'ize' in rules/data/spelling.yaml" in message, message
    grades = SUPPORT.replace("check: supported_by", "check: decision_table").replace(
        "      items: improvements\n      threshold: 0.5\n", """\
      subject: overall_effectiveness
      table:
        - {when: leadership == inadequat, expect: overall_effectiveness == inadequate, says: x}
""").replace("{{ item }}", "{{ subject }}")
    message = _load_error(tmp_path, grades)
    assert "'leadership == inadequat' names inadequat, not a judgement or grade" in message


def test_an_override_is_checked_like_the_rule(tmp_path):
    text = "extends: [ilacs]\noverrides:\n  SUP001:\n    args: {items: improvements, top: three}\n"
    message = _load_error(tmp_path, text)
    assert "mypack.yaml:4: rule SUP001: args.top: Input should be a valid integer" in message


def test_args_are_the_models_values_as_plain_json_data(tmp_path):
    [rule] = load_rules((_pack(tmp_path, SUPPORT),), builtin=False)
    assert rule.args == {"items": "improvements", "finding_sections": [], "threshold": 0.5,
                         "report_supported": False, "top": 3,
                         "vocabulary": [], "hint_scope": "paragraph"}  # None (no `ignore`) left out
    assert json.loads(json.dumps(rule.args)) == rule.args
    builtin = {r.id: r for r in load_rules()}
    assert builtin["NUM001"].args == {"start": 1}
    assert builtin["ITM002"].args["case"] is True  # form's own default


def test_a_misspelt_argument_in_a_users_pack_exits_2(tmp_path):
    """The acceptance test of issue 10: --config naming a user's pack."""
    for change, words in [
            (("      threshold: 0.5", "      treshold: 0.5"),
             "mypack.yaml:9: rule ZZZ001: args.treshold: unknown argument "
             "(did you mean 'threshold'?)"),
            (("      threshold: 0.5", "      threshold: [0.5]"),
             "mypack.yaml:9: rule ZZZ001: args.threshold: Input should be a valid number"),
            (("      threshold: 0.5", "      ignore: '(\\w+\\s?)+'"),
             "mypack.yaml:9: rule ZZZ001: args.ignore: '(\\\\w+\\\\s?)+' can take exponential")]:
        _pack(tmp_path, SUPPORT.replace(*change))
        config = tmp_path / "cfg.yaml"
        config.write_text("packs: [mypack.yaml]\n", encoding="utf-8")
        run = CliRunner().invoke(main, ["check", "--config", str(config),
                                        str(SAMPLES / "oldham-ilacs-2019.txt")])
        assert run.exit_code == 2, run.output
        assert words in run.output, run.output
        assert "Traceback" not in run.output


def test_a_plugin_check_without_a_model_gets_its_args_unchecked(tmp_path, monkeypatch):
    from checker import checks
    monkeypatch.setitem(checks.CHECKS, "anything_goes", lambda report, framework, args: ())
    monkeypatch.setitem(checks.ARGS, "anything_goes", None)
    text = SUPPORT.replace("check: supported_by", "check: anything_goes").replace(
        "{{ item }}", "anything").replace("threshold: 0.5", "whatever: [1, 2]")
    [rule] = load_rules((_pack(tmp_path, text),), builtin=False)
    assert rule.args == {"items": "improvements", "whatever": [1, 2]}


def test_a_plugin_may_declare_its_args_like_a_builtin(tmp_path, monkeypatch):
    from checker import checks

    class ShoutingArgs(Args):
        min: int = 6
        ignore: Regex | None = None

    monkeypatch.setitem(checks.CHECKS, "shouting_args", lambda report, framework, args: ())
    monkeypatch.setitem(checks.ARGS, "shouting_args", ShoutingArgs)
    text = SUPPORT.replace("check: supported_by", "check: shouting_args").replace(
        "{{ item }}", "shouting").replace("      items: improvements\n", "")
    message = _load_error(tmp_path, text)
    assert "args.threshold: unknown argument" in message
    [rule] = load_rules((_pack(tmp_path, text.replace("threshold: 0.5", "min: 4")),),
                        builtin=False)
    assert rule.args == {"min": 4}


def test_a_warm_start_does_not_import_pydantic(tmp_path):
    """The validated rules are cached as JSON: reading them back needs no pydantic
    (~80 ms to import), and gives the same args as validating them."""
    env = {**os.environ, "REPORT_CHECKER_CACHE_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    script = ("import sys, json; from checker.api import check_file; "
              f"r = check_file({str(SAMPLES / 'oldham-ilacs-2019.txt')!r}); "
              "from checker.engine.rules import load_rules; "
              "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'), "
              "{x.id: x.args for x in load_rules()}, len(r.diagnostics)]))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", script], env=env, check=True,
                                      capture_output=True, text=True).stdout)
            for _ in range(2)]
    assert runs[0][0], "the first (cold) run validates, with pydantic"
    assert runs[1][0] == [], runs[1][0]
    assert runs[0][1:] == runs[1][1:]


def test_every_builtin_check_declares_its_args():
    from checker.checks import ARGS, CHECKS, load_all
    load_all()
    builtin = {n for n, f in CHECKS.items() if f.__module__.startswith("checker.checks")}
    assert {n for n in builtin if ARGS.get(n) is None} == set()
