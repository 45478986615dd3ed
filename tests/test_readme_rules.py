"""The README's rules table and its "Adding a rule" walk-through are the
rule entries' own: generated, or checked against them."""

import re

import yaml
from conftest import ROOT

from checker.engine.loading import builtin_packs
from checker.engine.rules_table import updated

README = ROOT / "README.md"


def test_readme_rules_table_is_generated(all_rules):
    readme = README.read_text(encoding="utf-8")
    assert updated(readme, all_rules) == readme, (
        "README.md's rules table differs from the rule entries in rules/packs/; "
        "regenerate it with `python -m checker.engine.rules_table`")


def test_adding_a_rule_shows_the_real_entry():
    """The entry the walk-through adds is the one in the pack, word for word."""
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("### Adding a rule"):]
    block = re.search(r"\*\*The entry\*\*.*?```yaml\n(.*?)```", section, re.S).group(1)
    shown = yaml.safe_load(block)[0]
    pack = yaml.safe_load(builtin_packs()["style"].read_text(encoding="utf-8"))
    assert shown == next(r for r in pack["rules"] if r["id"] == shown["id"])
