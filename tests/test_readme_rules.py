"""The README's rules table is the one the rule entries generate."""

from checker.engine.rules_table import README, updated


def test_readme_rules_table_is_generated(all_rules):
    readme = README.read_text(encoding="utf-8")
    assert updated(readme, all_rules) == readme, (
        "README.md's rules table differs from the rule entries in rules/packs/; "
        "regenerate it with `python -m checker.engine.rules_table`")
