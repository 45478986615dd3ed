"""Every command the README and the documentation show runs as written.

The command blocks (```sh and ```bat fences) and the pipeline files (```yaml
fences with `run:` or `script:` steps) of README.md and docs/*.md are read
line by line, in document order. Each report-checker command really runs, in
a folder holding what the pages name (samples/, a Word draft draft.docx, the
folders drafts/ and reports/), and must give findings, not a usage error or a
file it could not read. Other commands are checked against what they name:
a make target of the Makefile, a script or test file of the repository (with
every option it is given in its --help), the wheel `make dist` builds.
`report-checker serve` (which runs until stopped) has its options parsed;
the `curl` examples run against a live server on a free port of this machine
(the pages' port 8000 replaced by it).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, running_server
from wordbuild import docx_from_text

from checker.cli import main as cli

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(\w*)\s*\n(.*?)^```\s*$", re.M | re.S)
_CLI = {"report-checker", ".venv/bin/report-checker", ".venv\\Scripts\\report-checker"}
_PIP = {"pip", "pipx", ".venv/bin/pip", ".venv\\Scripts\\pip"}
_PYTHON = {"python", "python3", ".venv/bin/python", "py"}
_ENV = re.compile(r"^[A-Z_]+=\S*$")


def _wheel() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return f"{project['name'].replace('-', '_')}-{project['version']}-py3-none-any.whl"


def _pipeline_steps(block: str) -> list[str]:
    """The shell lines of a CI file: every `run:` string and `script:` item."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "run" and isinstance(value, str):
                    found.extend(value.splitlines())
                elif key == "script" and isinstance(value, list):
                    found.extend(str(v) for v in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(yaml.safe_load(block))
    return found


def commands() -> list[tuple[str, str, list[str]]]:
    """(where, the line as written, its words) of every documented command."""
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for fence in _FENCE.finditer(text):
            lang, body = fence.group(1), fence.group(2)
            line_no = text.count("\n", 0, fence.start()) + 1
            where = f"{page.relative_to(ROOT)}:{line_no}"
            if lang in ("sh", "bat"):
                lines = body.splitlines()
            elif lang == "yaml" and re.search(r"^\s*(- )?(run|script):", body, re.M):
                lines = _pipeline_steps(body)
            else:
                continue
            for line in lines:
                for part in line.split("&&"):
                    words = shlex.split(part, comments=True, posix=lang != "bat")
                    words = [w for w in words if w not in ("||", "true")]
                    while words and _ENV.match(words[0]):
                        words = words[1:]
                    if words:
                        out.append((where, line.strip(), words))
    return out


COMMANDS = commands()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder holding what the pages' commands name, as a user's would."""
    root = tmp_path_factory.mktemp("workspace")
    shutil.copytree(SAMPLES, root / "samples")
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    docx_from_text(text, root / "draft.docx")
    (root / "team-token.txt").write_text("a-token-only-the-team-knows\n")
    shutil.copy(ROOT / "tests" / "fixtures" / "record" / "judgements.csv",
                root / "ofsted-judgements.csv")
    for folder in ("drafts", "reports"):
        (root / folder).mkdir()
        shutil.copy(root / "draft.docx", root / folder / "draft.docx")
        shutil.copy(SAMPLES / "oldham-ilacs-2019.txt", root / folder)
    return root


@pytest.fixture(scope="module")
def live_server():
    """`report-checker serve`'s app on a free loopback port, for the curl examples."""
    from checker.web.app import create_app
    with running_server(create_app(workers=1)) as address:
        yield address


def _run_curl(words: list[str], workspace: Path, address: str) -> str | None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed: the curl examples cannot run")
    words = [w.replace("127.0.0.1:8000", address) for w in words]
    done = subprocess.run(["curl", "--fail-with-body", "--max-time", "60", *words[1:]],
                          cwd=workspace, capture_output=True, text=True)
    if done.returncode != 0:
        return f"curl exit {done.returncode}: {done.stdout[-300:]} {done.stderr[-300:]}"
    return None


def _parse_only(words: list[str], workspace: Path) -> str | None:
    """Options of a command that runs until stopped, parsed without running it."""
    import click
    command = cli.get_command(click.Context(cli), words[0])
    cwd = os.getcwd()
    os.chdir(workspace)
    try:
        command.make_context(words[0], list(words[1:]))
    except click.ClickException as exc:
        return exc.format_message()
    finally:
        os.chdir(cwd)
    return None


def _run_cli(words: list[str], workspace: Path):
    cwd = os.getcwd()
    os.chdir(workspace)
    try:
        # a command that writes to the user's data folder writes to the workspace's
        env = {"REPORT_CHECKER_DATA_DIR": str(workspace / "data")}
        return CliRunner(env=env).invoke(cli, words, catch_exceptions=True)
    finally:
        os.chdir(cwd)


def _script_help(script: Path) -> str:
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, f"{script} --help: {done.stderr}"
    return done.stdout


def _check_other(words: list[str]) -> str | None:
    """What is wrong with a command that is not report-checker, or None."""
    head, args = words[0], words[1:]
    if head == "make":
        targets = re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.M)
        return None if args and args[0] in targets else f"no make target {args}"
    if head in _PIP:
        for arg in args[1:] if args[:1] == ["install"] else ["?"]:
            if arg.endswith(".whl") and Path(arg).name != _wheel():
                return f"`make dist` builds {_wheel()}, not {Path(arg).name}"
        return None if args[:1] == ["install"] else f"unexpected {head} command"
    if head in ("source", ".venv\\Scripts\\activate"):
        return None
    if head in _PYTHON and args[:2] == ["-m", "venv"]:
        return None
    if head in _PYTHON and args[:1] == ["-m"] and args[1] == "pytest" or \
            head.endswith("pytest"):
        tests = [a for a in args if a.startswith("tests/")]
        missing = [t for t in tests if not (ROOT / t.split("::")[0]).exists()]
        return f"no test file {missing}" if missing else None
    if head in _PYTHON or head == "bash":
        script = ROOT / args[0]
        if not script.is_file():
            return f"no script {args[0]}"
        if head == "bash":
            return None
        options = [a.split("=")[0] for a in args[1:] if a.startswith("--")]
        shown = _script_help(script) if options else ""
        unknown = [o for o in options if o not in shown]
        return f"{args[0]} has no option {unknown}" if unknown else None
    return f"a command this test does not know: {head}"


def _cli_words(words: list[str]) -> list[str] | None:
    if words[0] in _CLI:
        return words[1:]
    if words[0] in _PYTHON and words[1:3] == ["-m", "checker"]:
        return words[3:]
    return None


def test_the_pages_show_commands():
    assert len([c for c in COMMANDS if _cli_words(c[2]) is not None]) >= 20
    assert any("--annotate-docx" in c[2] for c in COMMANDS)


def test_every_documented_command_runs_as_written(workspace, live_server):
    broken = []
    for where, line, words in COMMANDS:
        cli_words = _cli_words(words)
        if words[0] == "curl":
            problem = _run_curl(words, workspace, live_server)
        elif cli_words is None:
            problem = _check_other(words)
        elif cli_words[:1] == ["serve"]:
            problem = _parse_only(cli_words, workspace)
        else:
            result = _run_cli(cli_words, workspace)
            problem = None
            if result.exception and not isinstance(result.exception, SystemExit):
                problem = f"raised {result.exception!r}"
            elif result.exit_code not in (0, 1):
                problem = f"exit {result.exit_code}: {result.output.strip()[-300:]}"
        if problem:
            broken.append(f"{where}: {line}\n    {problem}")
    assert not broken, "\n".join(broken)
    # what the Word path and the HTTP examples promise is there
    assert (workspace / "draft-checked.docx").is_file()
    assert json.loads((workspace / "oldham.json").read_text())["files"][0]["path"] == \
        "oldham-ilacs-2019.txt"
