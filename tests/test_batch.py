"""Batches: parallel processes give the same output as one; --output is
written whole; inputs are never written."""

from __future__ import annotations

import hashlib
import json
import shutil
import time

from click.testing import CliRunner
from conftest import CORPUS_TEXT, SAMPLES

from checker.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_parallel_output_is_identical_to_serial_and_in_input_order(tmp_path):
    for folder in (SAMPLES, CORPUS_TEXT):
        for f in folder.glob("*.txt"):
            shutil.copy(f, tmp_path / f.name)
    (tmp_path / "empty.txt").write_text("")
    serial = run("check", "--format", "json", "-j", "1", tmp_path)
    parallel = run("check", "--format", "json", "-j", "2", tmp_path)
    assert serial.exit_code == parallel.exit_code == 2  # the empty file
    assert serial.output == parallel.output
    paths = [f["path"] for f in json.loads(parallel.output)["files"]]
    assert paths == sorted(paths) and len(paths) == 12


def test_parse_reads_in_parallel_with_the_same_output(tmp_path):
    for folder in (SAMPLES, CORPUS_TEXT):
        for f in folder.glob("*.txt"):
            shutil.copy(f, tmp_path / f.name)
    (tmp_path / "empty.txt").write_text("")
    for fmt in ("text", "json"):
        serial = run("parse", "--format", fmt, "-j", "1", tmp_path)
        parallel = run("parse", "--format", fmt, "-j", "2", tmp_path)
        assert serial.exit_code == parallel.exit_code == 2  # the empty file
        assert serial.output == parallel.output


def test_a_batch_stopped_early_cancels_the_jobs_not_started():
    """A reader that stops (a closed pipe, an error downstream) does not wait
    for the rest of the batch to be read."""
    from checker.engine.batch import load_files
    paths = [str(SAMPLES / "rochdale-ilacs-2023.txt")] * 2000
    started = time.perf_counter()
    rows = load_files(paths, processes=2)
    assert next(rows).error is None
    rows.close()
    assert time.perf_counter() - started < 4  # reading all 2,000 takes ~14 s on 2 cores


def test_output_file_is_written_and_inputs_are_refused(tmp_path):
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "--output", out, SAMPLES)
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text())["summary"]["files"] == 4
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
    target = tmp_path / "r.txt"
    shutil.copy(SAMPLES / "rochdale-ilacs-2023.txt", target)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    result = run("check", "--output", target, target)
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_annotate_docx_needs_one_docx(tmp_path):
    result = run("check", "--annotate-docx", tmp_path / "out.docx", SAMPLES)
    assert result.exit_code == 2 and "exactly one .docx draft" in result.output


def test_every_format_through_the_command_line(tmp_path):
    import xml.etree.ElementTree as ET
    checks = {
        "sarif": lambda text: json.loads(text)["version"] == "2.1.0",
        "gitlab": lambda text: isinstance(json.loads(text), list),
        "junit": lambda text: ET.fromstring(text).tag in ("testsuites", "testsuite"),
        "github": lambda text: "::warning file=" in text,
        "markdown": lambda text: "| " in text,
    }
    for fmt, ok in checks.items():
        out = tmp_path / f"out.{fmt}"
        result = run("check", "--format", fmt, "--output", out, SAMPLES)
        assert result.exit_code == 0, (fmt, result.output)
        assert ok(out.read_text(encoding="utf-8")), fmt


def test_parallel_workers_keep_each_files_own_rules(tmp_path):
    """Workers get the batch's distinct rule sets once and each job names
    its own: a per-file ignore and a folder's severity override still apply
    to exactly their files."""
    loud, quiet = tmp_path / "loud", tmp_path / "quiet"
    for folder in (loud, quiet):
        folder.mkdir()
        for f in SAMPLES.glob("*.txt"):
            shutil.copy(f, folder / f.name)
    (quiet / ".report-checker.yaml").write_text(
        "ignore: [STY]\nseverity: {SUP002: warning}\n"
        "per-file-ignores: {\"oldham-*.txt\": [SEC]}\n")
    serial = run("check", "--format", "json", "--show-info", "-j", "1", loud, quiet)
    parallel = run("check", "--format", "json", "--show-info", "-j", "2", loud, quiet)
    assert serial.output == parallel.output
    files = {f["path"]: f["diagnostics"] for f in json.loads(parallel.output)["files"]}
    def rules(folder):
        return {d["rule"] for p, ds in files.items() if p.startswith(str(folder))
                for d in ds}
    assert any(r.startswith("STY") for r in rules(loud))
    assert not any(r.startswith("STY") for r in rules(quiet))
    severities = {d["severity"] for p, ds in files.items() if p.startswith(str(quiet))
                  for d in ds if d["rule"] == "SUP002"}
    assert severities == {"warning"}
