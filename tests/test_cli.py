"""The command line as QA staff and pipelines use it: exit codes, formats,
batches with bad files, and never a traceback or a write to an input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, mutate, sample_text

from checker.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_samples_text_output_and_exit_zero():
    out = run("check", SAMPLES)
    assert out.exit_code == 0, out.output
    assert "4 files checked: 0 errors" in out.output
    # the one real defect of the published samples: Oldham's misworded heading
    assert "oldham-ilacs-2019.txt:73:15: SEC002 warning:" in out.output
    assert "Traceback" not in out.output


def test_fail_on_warning_gives_exit_one():
    assert run("check", "--fail-on", "warning", SAMPLES).exit_code == 1
    assert run("check", "--fail-on", "never", SAMPLES / "oldham-ilacs-2019.txt").exit_code == 0


def test_json_format(tmp_path):
    bad = tmp_path / "renumbered.txt"
    bad.write_text(mutate(sample_text("rochdale-ilacs-2023.txt"),
                          [("\n19. Most children live", "\n18. Most children live")]))
    out = run("check", "--format", "json", bad, SAMPLES / "rochdale-jtai-2024.txt")
    assert out.exit_code == 1
    doc = json.loads(out.output)
    assert doc["version"] == 1
    first = doc["files"][0]
    assert (first["kind"], first["framework"], first["error"]) == ("ilacs", "ilacs-2023", None)
    num = [d for d in first["diagnostics"] if d["rule"] == "NUM001"]
    assert len(num) == 1
    d = num[0]
    assert set(d) == {"rule", "severity", "message", "line", "column", "end_line",
                      "end_column", "related", "data"}
    assert (d["severity"], d["line"], d["column"]) == ("error", 65, 1)
    assert d["related"][0] == {"line": 64, "column": 1, "message": "paragraph 18 is first here"}
    assert doc["summary"]["errors"] == 1 and doc["summary"]["files"] == 2
    # supported items carry their evidence as related locations
    evidence = [d for d in first["diagnostics"] if d["rule"] == "SUP002"]
    assert len(evidence) == 8 and all(d["related"] for d in evidence)


def test_text_output_names_the_other_place_and_shows_the_line(tmp_path):
    bad = tmp_path / "graded.txt"
    bad.write_text(mutate(sample_text("rochdale-ilacs-2023.txt"),
                          [("children in care: requires improvement to be good",
                            "children in care: good")]))
    out = run("check", bad)
    assert out.exit_code == 1
    assert f"{bad}:62:51: SEC001 error: the heading 'The experiences and progress of " \
           "children in care' grades it good, but the judgement table grades it Requires " \
           "improvement to be good (line 12)" \
           in out.output
    assert "   62 | The experiences and progress of children in care: good" in out.output


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"caf\x81 \x8d\x90 text", "not decodable"),
    (b"Ofsted's inspection of Rochdale children's services found that leaders "
     b"have improved help and protection.\nThe council welcomed the report.\n",
     "not an inspection report"),
])
def test_bad_input_is_a_clear_error_and_the_batch_goes_on(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = run("check", bad, SAMPLES / "rochdale-ilacs-2023.txt")
    assert out.exit_code == 2
    assert f"{bad}: cannot check: " in out.output and reason in out.output
    # honest counts: one file was checked, the other could not be
    assert "1 file checked" in out.output and "1 could not be checked" in out.output
    assert "Traceback" not in out.output and out.exception is None or \
        isinstance(out.exception, SystemExit)


def test_parse_error_points_at_the_line_in_words(tmp_path):
    bad = tmp_path / "stray.txt"
    bad.write_text(mutate(sample_text("rochdale-ilacs-2023.txt"),
                          [("What needs to improve?\n",
                            "5. A stray numbered paragraph.\n\nWhat needs to improve?\n")]))
    out = run("check", "--format", "json", bad)
    assert out.exit_code == 2
    f = json.loads(out.output)["files"][0]
    assert f["error_location"] == {"line": 24, "column": 1}
    assert f["error"].startswith("a numbered paragraph before any judgement section here")


def test_missing_file_and_empty_directory(tmp_path):
    out = run("check", tmp_path / "nope.txt")
    assert out.exit_code == 2 and "no such file" in out.output
    out = run("check", tmp_path)
    assert out.exit_code == 2 and "no report files found" in out.output


def test_kind_override():
    # read as a JTAI letter, an ILACS report lacks the letter's headings
    out = run("check", "--kind", "jtai", SAMPLES / "rochdale-ilacs-2023.txt")
    assert out.exit_code == 1
    assert "LET002 error: the letter has no 'Headline findings' heading" in out.output
    # read as an ILACS report, a letter has no title block: a clear parse error
    out = run("check", "--kind", "ilacs", SAMPLES / "rochdale-jtai-2024.txt")
    assert out.exit_code == 2
    assert "where the 'Inspection dates:' line or the 'Lead inspector:' line was expected" \
        in out.output


def test_inputs_are_never_modified(tmp_path):
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.glob("*.txt")}
    run("check", "--format", "json", SAMPLES)
    run("parse", "--format", "json", SAMPLES)
    assert digests == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in digests}


def test_rules_and_rule_docs():
    out = run("rules")
    assert out.exit_code == 0
    assert "NUM001" in out.output and "paragraph-numbering" in out.output
    out = run("rule", "SEC001")
    assert out.exit_code == 0
    for part in ("## What it checks", "## Why it matters", "## Example", "## How to fix"):
        assert part in out.output
    assert run("rule", "paragraph-numbering").exit_code == 0
    assert run("rule", "XYZ999").exit_code == 2


def test_python_dash_m_and_console_script_agree():
    out = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json",
                          str(SAMPLES / "oldham-ilacs-2019.txt")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["files"][0]["framework"] == "ilacs-2018"


def test_positions_survive_crlf_bom_and_cp1252(tmp_path):
    text = mutate(sample_text("rochdale-ilacs-2023.txt"),
                  [("\n19. Most children live", "\n18. Most children live")])
    variants = {
        "lf.txt": text.encode("utf-8"),
        "crlf-bom.txt": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        "utf16.txt": text.replace("\n", "\r\n").encode("utf-16"),
        "cp1252.txt": text.replace("\n", "\r\n").encode("cp1252"),
    }
    seen = set()
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        doc = json.loads(run("check", "--format", "json", tmp_path / name).output)
        diags = [(d["rule"], d["line"], d["column"]) for d in doc["files"][0]["diagnostics"]
                 if d["severity"] != "info"]
        seen.add(tuple(diags))
    assert seen == {(("NUM001", 65, 1),)}


def test_a_bug_on_one_file_is_that_files_error_not_a_crash(tmp_path, monkeypatch):
    import checker.api
    def broken(source, kind=None):
        if "oldham" in source.path:
            raise RuntimeError("boom")
        return real(source, kind)
    real = checker.api.parse
    monkeypatch.setattr(checker.api, "parse", broken)
    out = run("check", SAMPLES)
    assert out.exit_code == 2
    assert "oldham-ilacs-2019.txt: cannot check: internal error in report-checker " \
           "(RuntimeError: boom)" in out.output
    assert "3 files checked" in out.output and "1 could not be checked" in out.output
    assert "Traceback" not in out.output


@pytest.mark.parametrize("options, said", [
    (["--select", "BOGUS"], "no rule is selected by 'BOGUS'"),
    (["--select", "NUM0001"], "(did you mean 'NUM001'?)"),
    (["--select", "NUM", "--ignore", "house-styel"], "(did you mean 'house-style'?)"),
])
def test_a_selector_that_names_no_rule_is_a_usage_error(options, said):
    """A gate run with a mistyped selector must fail, not check nothing and pass."""
    out = run("check", *options, SAMPLES)
    assert out.exit_code == 2 and said in out.output
    assert "files checked" not in out.output


def test_a_configurations_unknown_selector_names_the_configuration(tmp_path):
    config = tmp_path / ".report-checker.yaml"
    config.write_text("select: [NUM0001]\n", encoding="utf-8")
    out = run("check", "--config", config, SAMPLES / "oldham-ilacs-2019.txt")
    assert out.exit_code == 2
    assert "'NUM0001' (did you mean 'NUM001'?) in " in out.output and str(config) in out.output


def test_output_files_follow_the_umask(tmp_path):
    """Reports and baselines are for colleagues too: under umask 022 they are
    0644, not mkstemp's 0600 (and a replaced file keeps its own mode)."""
    import os
    import stat
    old = os.umask(0o022)
    try:
        report, baseline = tmp_path / "report.html", tmp_path / "baseline.json"
        for options in (["--format", "html", "-o", report], ["--write-baseline", baseline]):
            out = run("check", *options, SAMPLES / "oldham-ilacs-2019.txt")
            assert out.exit_code in (0, 1), out.output
        assert stat.S_IMODE(report.stat().st_mode) == 0o644
        assert stat.S_IMODE(baseline.stat().st_mode) == 0o644
        report.chmod(0o640)
        run("check", "--format", "html", "-o", report, SAMPLES / "oldham-ilacs-2019.txt")
        assert stat.S_IMODE(report.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_fail_on_info_says_what_it_failed_on():
    """Exit 1 for info notes must not come with a summary of 0 errors and 0
    warnings alone: the summary counts the info notes, hidden or not."""
    out = run("check", "--fail-on", "info", "--select", "SUP002", SAMPLES)
    assert out.exit_code == 1
    assert "0 errors, 0 warnings, 26 info notes." in out.output


@pytest.mark.parametrize("name, content, said", [
    ("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
     "a Word 97-2003 document (.doc)"),
    ("draft.rtf", b"{\\rtf1\\ansi Inspection of Rochdale}", "a Rich Text Format (.rtf)"),
])
def test_documents_we_do_not_read_are_named_with_what_to_do(tmp_path, name, content, said):
    draft = tmp_path / name
    draft.write_bytes(content)
    out = run("check", draft)
    assert out.exit_code == 2
    assert said in out.output and "save it as a Word Document (.docx)" in out.output
    assert "NUL" not in out.output


def test_an_odt_draft_is_named_and_a_renamed_pdf_is_read(tmp_path):
    import shutil
    import zipfile
    odt = tmp_path / "draft.odt"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    out = run("check", odt)
    assert out.exit_code == 2 and "an OpenDocument text (.odt)" in out.output
    # a published PDF saved under another name is read as the PDF it is
    renamed = tmp_path / "report.txt"
    shutil.copy(SAMPLES.parent / "tests" / "fixtures" / "pdf" / "lancashire-2026-05-80480.pdf",
                renamed)
    checked = json.loads(run("check", "--format", "json", renamed).output)["files"][0]
    assert (checked["error"], checked["kind"]) == (None, "ilacs")
