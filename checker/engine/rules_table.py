"""The README's table of rules, generated from the rule entries.

The table says what each built-in rule is (id, name, severity, the kinds and
frameworks it applies to, the first sentence of its `docs.what`), so it is
made from the pack files, never written by hand: a hand-kept table drifts
(it said ABB002 applied to ILACS reports only, long after the rule covered
letters too). tests/test_readme_rules.py fails when the README differs from
this generation; regenerate with

    python -m checker.engine.rules_table          # rewrites ./README.md in place

The table sits between two HTML comments in the README's "Rules" section;
nothing outside them is touched.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from checker.parsing.detect import KINDS

BEGIN = ("<!-- rules table: generated from rules/packs/*.yaml by "
         "`python -m checker.engine.rules_table`; do not edit by hand -->")
END = "<!-- end of the generated rules table -->"
# The repository's README, where the command is run (an installed package has
# no README beside it: the wheel holds the code and its data, not the docs).
README = Path("README.md")
# The first sentence ends at a full stop (not an ellipsis's) before a capital.
_SENTENCE_END = re.compile(r"(?<![.])[.!?](?=\s+[A-Z(\"'])")


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    return text[:end.end()] if end else text


def _kinds(rule) -> str:
    kinds = "all" if set(rule.kinds) == set(KINDS) else ", ".join(rule.kinds)
    return kinds + (f" ({', '.join(rule.frameworks)})" if rule.frameworks else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(rules) -> str:
    """The table, one row per rule, by id."""
    rows = ["| id | name | severity | kinds | what it checks |", "|---|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.id):
        rows.append(f"| {r.id} | {r.name} | {r.severity} | {_kinds(r)} | "
                    f"{_cell(first_sentence(r.docs['what']))} |")
    return "\n".join(rows) + "\n"


def updated(readme: str, rules) -> str:
    """The README text with the table between its markers generated anew."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no generated rules table: put\n{BEGIN}\n{END}\n"
                         "where it belongs")
    return readme[:start + len(BEGIN)] + "\n" + markdown(rules) + readme[end:]


def main(argv: list[str]) -> int:
    from checker.engine.loading import load_rules
    path = Path(argv[0]) if argv else README
    old = path.read_text(encoding="utf-8")
    new = updated(old, load_rules())
    if new != old:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: rules table {'regenerated' if new != old else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
