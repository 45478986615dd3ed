"""The documentation site and the message style guide (docs/messages.md).

The site builds in MkDocs' strict mode with a page per rule, generated from
the rule files (tools/rule_pages.py), so a broken link or a rule without its
docs fails CI. Every rule's failing test cases are rendered and their
messages checked against the mechanical parts of the style guide.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_rule_fixtures import ENTRIES, documents

from checker.api import check_text
from checker.engine.loading import builtin_packs
from checker.engine.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]

# The style guide's mechanical rules, as (what is wrong, pattern).
_NESTED = re.compile(r"\([^()]*\(")
_STYLE = [
    ("nested parentheses", _NESTED),
    ("a score, threshold or ratio in the sentence", re.compile(r"\b(score|threshold|ratio)s?\b",
                                                                re.I)),
    ("a rule id in the sentence", re.compile(r"\b[A-Z]{3}\d{3}\b")),
    ("ends in a colon or a comma", re.compile(r"[:,]\s*$")),
    ("a doubled space", re.compile(r"\S  +\S")),
]


def _fail_messages() -> list[tuple[str, str, str]]:
    """(rule id, case name, message) of every finding of every rule's fail cases."""
    rules = {r.id: r for r in load_rules()}
    out = []
    for entry in ENTRIES:
        for case in (entry.get("tests") or {}).get("fail") or ():
            name, _, text = documents(entry, case)
            result = check_text(text, path=name, rules=(rules[entry["id"]],))
            out += [(entry["id"], case.get("name") or "", d.message) for d in result.diagnostics]
    return out


def test_every_rules_messages_follow_the_style_guide():
    messages = _fail_messages()
    assert len({rule for rule, _, _ in messages}) == len(ENTRIES)  # every rule has a case
    broken = [f"{rule} ({case}): {what}: {message!r}" for rule, case, message in messages
              for what, pattern in _STYLE if pattern.search(message)]
    assert not broken, "\n".join(broken)


@pytest.mark.skipif(shutil.which("mkdocs") is None and not (Path(sys.executable).parent /
                                                           "mkdocs").exists(),
                    reason="MkDocs is not installed (it comes with the test extras: "
                           "pip install '.[test]')")
def test_the_site_builds_in_strict_mode_with_a_page_per_rule(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs",
                    ignore=shutil.ignore_patterns("rules", "examples"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for tool in ("rule_pages.py", "output_examples.py"):
        run = [sys.executable, str(ROOT / "tools" / tool), str(tmp_path / "docs")]
        subprocess.run(run, check=True, capture_output=True, text=True)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                            "-d", str(tmp_path / "site")], cwd=tmp_path, capture_output=True,
                           text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stdout + built.stderr
    pages = {p.parent.name for p in (tmp_path / "site" / "rules").glob("*/index.html")}
    assert pages == {e["id"] for e in ENTRIES}


def test_adding_a_rule_shows_the_real_entry():
    """The entry the walk-through adds is the one in the pack, word for word."""
    page = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    section = page[page.index("## Adding a rule"):]
    block = re.search(r"\*\*The entry\*\*.*?```yaml\n(.*?)```", section, re.S).group(1)
    shown = yaml.safe_load(block)[0]
    pack = yaml.safe_load(builtin_packs()["style"].read_text(encoding="utf-8"))
    assert shown == next(r for r in pack["rules"] if r["id"] == shown["id"])


def test_the_readme_example_is_real_output():
    """The finding the README opens with is what the checker says today about
    the Word draft of the output examples (Rochdale with three slips)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("output_examples",
                                                  ROOT / "tools" / "output_examples.py")
    examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(examples)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", readme, re.S).group(1)
    assert shown in examples.word_example()
