"""The rule engine's public names, for callers outside the engine.

A rule is data (rules/packs/*.yaml): an id, a name, a severity, the kinds and
frameworks it applies to, the check function it calls with its arguments, a
message template, and its docs. The engine is four small modules: loading
(pack files -> validated Rule objects), rule (a Rule and its diagnostics),
messages (the template sandbox) and runner (every rule on one report).
"""

from checker.engine.diagnostics import SEVERITIES, Diagnostic
from checker.engine.loading import builtin_packs, load_rules, rule_by_id
from checker.engine.messages import template_env
from checker.engine.rule import Rule
from checker.engine.runner import run_rules

__all__ = ["SEVERITIES", "Diagnostic", "Rule", "builtin_packs", "load_rules", "rule_by_id",
           "run_rules", "template_env"]
