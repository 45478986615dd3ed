"""Configuration (select, ignore, severities, per-file ignores, extra packs)
and the baseline of accepted findings, through the command line."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from conftest import SAMPLES, mutate, sample_text

from checker.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# The rules these tests select among; other packs are tested on their own.
_UNDER_TEST = ("NUM", "TBL", "GRD", "SEC", "SUP", "LET")


def _diags(out):
    doc = json.loads(out.output)
    return [(d["rule"], d["severity"], d["line"]) for f in doc["files"]
            for d in f["diagnostics"]
            if d["severity"] != "info" and d["rule"].startswith(_UNDER_TEST)], doc


def _workspace(tmp_path, names=("oldham-ilacs-2019.txt",)):
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


def test_cli_select_and_ignore_by_id_prefix_and_name(tmp_path):
    ws = _workspace(tmp_path)
    assert _diags(run("check", "--format", "json", ws))[0] == [("SEC002", "warning", 73)]
    assert _diags(run("check", "--format", "json", "--ignore", "SEC", ws))[0] == []
    assert _diags(run("check", "--format", "json", "--select", "NUM,TBL", ws))[0] == []
    out = run("check", "--format", "json", "--select", "section-heading-names-judgement", ws)
    assert _diags(out)[0] == [("SEC002", "warning", 73)]


def test_config_file_found_upward_with_severity_and_fail_on(tmp_path):
    ws = _workspace(tmp_path / "reports")
    (tmp_path / ".report-checker.yaml").write_text(
        "severity: {SEC002: error}\nignore: [SUP002]\nfail-on: error\n")
    out = run("check", "--format", "json", ws / "oldham-ilacs-2019.txt")
    diags, doc = _diags(out)
    assert diags == [("SEC002", "error", 73)] and out.exit_code == 1
    assert doc["summary"]["info"] == 0  # SUP002 ignored


def test_pyproject_table_and_per_file_ignores(tmp_path):
    ws = _workspace(tmp_path, ("oldham-ilacs-2019.txt", "rochdale-ilacs-2023.txt"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.report-checker]\nselect = ["SEC", "NUM"]\n'
        '[tool.report-checker.per-file-ignores]\n"oldham-*.txt" = ["SEC002"]\n')
    diags, doc = _diags(run("check", "--format", "json", ws))
    assert diags == [] and doc["summary"]["info"] == 0


def test_bad_configuration_is_a_usage_error(tmp_path):
    ws = _workspace(tmp_path)
    (tmp_path / ".report-checker.yaml").write_text("selekt: [NUM]\n")
    out = run("check", ws)
    assert out.exit_code == 2 and "unknown configuration keys ['selekt']" in out.output


def test_extra_pack_from_configuration(tmp_path):
    ws = _workspace(tmp_path)
    (tmp_path / "house.yaml").write_text("overrides:\n  SEC002: {severity: info}\n")
    (tmp_path / ".report-checker.yaml").write_text("packs: [house.yaml]\n")
    diags, doc = _diags(run("check", "--format", "json", ws))
    assert diags == [] and any(d["rule"] == "SEC002" and d["severity"] == "info"
                               for d in doc["files"][0]["diagnostics"])


def test_baseline_accepts_survives_edits_above_and_reports_stale(tmp_path):
    report = tmp_path / "rochdale.txt"
    text = mutate(sample_text("rochdale-ilacs-2023.txt"),
                  [("\n19. Most children live", "\n18. Most children live")])
    report.write_text(text)
    baseline = tmp_path / "accepted.json"
    out = run("check", "--write-baseline", baseline, report)
    assert out.exit_code == 0 and baseline.exists()
    entries = json.loads(baseline.read_text())["findings"]
    assert any(e["rule"] == "NUM001" and "paragraph 18" in e["where"] for e in entries)
    # accepted: nothing new to report
    out = run("check", "--format", "json", "--baseline", baseline, report)
    diags, doc = _diags(out)
    assert out.exit_code == 0 and diags == []
    assert doc["summary"]["baseline"]["accepted"] == len(entries)
    # lines added above the accepted finding do not un-accept it
    report.write_text(text.replace("What needs to improve?\n",
                                   "What needs to improve?\n\n\n\n"))
    out = run("check", "--format", "json", "--baseline", baseline, report)
    assert _diags(out)[0] == [] and out.exit_code == 0
    # a new finding is reported; the fixed one is stale
    report.write_text(mutate(sample_text("rochdale-ilacs-2023.txt"),
                             [("children in care: requires improvement to be good",
                               "children in care: good")]))
    out = run("check", "--baseline", baseline, report)
    assert out.exit_code == 1
    assert "SEC001 error" in out.output
    assert "accepted NUM001 finding no longer found, in section 'The experiences and progress " \
           "of children in care' > paragraph 18: " in out.output
    assert "if it was fixed, remove it from the baseline" in out.output


def test_missing_or_bad_baseline_is_a_usage_error(tmp_path):
    ws = _workspace(tmp_path)
    out = run("check", "--baseline", tmp_path / "none.json", ws)
    assert out.exit_code == 2 and "no such baseline file" in out.output
    (tmp_path / "bad.json").write_text("[1, 2]")
    out = run("check", "--baseline", tmp_path / "bad.json", ws)
    assert out.exit_code == 2 and "not a version 1 report-checker baseline" in out.output


def test_select_by_tag(tmp_path):
    ws = _workspace(tmp_path)
    out = run("check", "--format", "json", "--select", "house-style", ws)
    rules = {d["rule"][:3] for f in json.loads(out.output)["files"] for d in f["diagnostics"]}
    assert rules and rules <= {"STY", "ABB", "ITM", "CNF", "LFT"}
    out = run("check", "--format", "json", "--ignore", "house-style,evidence", ws)
    rules = {d["rule"][:3] for f in json.loads(out.output)["files"] for d in f["diagnostics"]}
    assert rules == {"SEC", "FCT"}  # Oldham: a heading slip, the interim DCS in March and June
