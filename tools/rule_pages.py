"""Write the documentation site's rule pages from the rule files (docs/rules/).

One page per rule, as ruff's rule pages are: what it checks, why it matters,
an example, how to fix it, then the rule's own test cases (rules/packs/*.yaml,
`tests:`) as more examples: the edit each makes to a real or short report and
what the rule then finds, or that it finds nothing. The pages are generated
at build time (`make docs`), never edited, so they cannot drift from the
rules; tests/test_docs.py builds the site in strict mode.

    python tools/rule_pages.py [DOCS_DIR]      # default: docs/
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.datafiles.yamlfile import load_yaml  # noqa: E402
from checker.engine.loading import builtin_packs  # noqa: E402
from checker.engine.rulefile import validate_pack  # noqa: E402

KIND_NAMES = {"ilacs": "ILACS reports", "focused_visit": "focused-visit letters",
              "jtai": "JTAI letters", "monitoring_visit": "monitoring-visit letters"}


def entries() -> list[tuple[str, dict]]:
    """(pack name, validated entry) of every built-in rule, by id."""
    found = []
    for pack, path in builtin_packs().items():
        found += [(pack, e) for e in validate_pack(load_yaml(path), str(path),
                                                   with_tests=True)["rules"]]
    return sorted(found, key=lambda pe: pe[1]["id"])


def _fenced(text: str) -> str:
    return "```text\n" + text.rstrip("\n") + "\n```\n"


def _case(case: dict) -> str:
    """One test case as a reader's example: the document, the edit, the result."""
    where = case.get("document") or (f"the short {case['base']} report" if case.get("base")
                                     else "the rule's short base report")
    lines = [f"**{case.get('name') or 'case'}** (on {where})", ""]
    if case.get("text"):
        lines += ["Text:", "", _fenced(case["text"])]
    for old, new in case.get("replace") or ():
        lines += ["Replaced:", "", _fenced(old.strip("\n") or "(nothing)"), "with:", "",
                  _fenced(new.strip("\n") or "(nothing)")]
    finds = case.get("finds") or []
    lines.append("Finds: " + "; ".join(f"“{f}”" for f in finds) if finds else "Finds nothing.")
    return "\n".join(lines) + "\n"


def page(pack: str, entry: dict) -> str:
    """The Markdown page of one rule."""
    docs, tests = entry["docs"], entry.get("tests") or {}
    kinds = ", ".join(KIND_NAMES.get(k, k) for k in entry["kinds"])
    parts = [f"# {entry['id']} {entry['name']}", "",
             f"**Severity:** {entry['severity']} · **Applies to:** {kinds} · "
             f"**Tags:** {', '.join(entry.get('tags') or ()) or 'none'} · "
             f"**Defined in:** `rules/packs/{pack}.yaml`", "",
             "## What it checks", "", docs["what"].strip(), "",
             "## Why it matters", "", docs["why"].strip(), "",
             "## Example", "", _fenced(docs["example"])]
    if docs.get("fix"):
        parts += ["## How to fix", "", docs["fix"].strip(), ""]
    fail, passing = tests.get("fail") or [], tests.get("pass") or []
    if fail or passing:
        parts += ["## More examples (the rule's own test cases)", ""]
        parts += [_case(c) for c in fail] + [_case(c) for c in passing]
    return "\n".join(parts).rstrip() + "\n"


def index(found: list[tuple[str, dict]]) -> str:
    rows = [f"| [{e['id']}]({e['id']}.md) | {e['name']} | {e['severity']} | "
            f"{', '.join(KIND_NAMES.get(k, k) for k in e['kinds'])} | "
            f"{' '.join(e['docs']['what'].split()).replace('|', '&#124;')} |" for _, e in found]
    return "\n".join(["# Rules", "",
                      "Every rule report-checker runs, generated from the rule files "
                      "(`rules/packs/*.yaml`). `report-checker rule ID` prints the same "
                      "in a terminal; `--select` and `--ignore` take ids, prefixes, names "
                      "or tags ([Using it](../usage.md#choosing-rules)).", "",
                      "| rule | name | severity | applies to | what it checks |",
                      "|---|---|---|---|---|", *rows]) + "\n"


def write(docs: Path) -> int:
    """Write docs/rules/: the index and a page per rule; the number of rules."""
    folder = docs / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    found = entries()
    for pack, entry in found:
        (folder / f"{entry['id']}.md").write_text(page(pack, entry), encoding="utf-8")
    (folder / "index.md").write_text(index(found), encoding="utf-8")
    return len(found)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs = Path(args[0]) if args else ROOT / "docs"
    print(f"wrote {write(docs)} rule pages to {docs / 'rules'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
