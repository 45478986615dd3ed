"""The rule engine: YAML rule entries -> check functions -> diagnostics.

A rule is data (rules/packs/*.yaml): an id, a name, a severity, the kinds and
frameworks it applies to, the check function it calls with its arguments, a
message template, and its docs. Loading is strict, because a typo in a rule
file must be an error at load time, never a rule that silently never fires:
unknown or missing keys, an unknown check function, a bad severity, a
duplicate id and a message template that does not compile all fail loudly,
naming the file and the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from checker.checks import Finding, load_all
from checker.detect import KINDS
from checker.frameworks import Framework
from checker.model import Report
from checker.resources import data_dir
from checker.yamlfile import DataFileError, load_yaml

SEVERITIES = ("error", "warning", "info")
_REQUIRED = {"id", "name", "severity", "kinds", "check", "message", "docs"}
_OPTIONAL = {"frameworks", "args", "tags"}
_DOCS = {"what", "why", "example"}
_DOCS_OPTIONAL = {"fix"}
# Messages are short: a runaway template (a loop over a large value) is cut.
_MAX_MESSAGE = 2000

_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                     trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class RelatedLocation:
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Diagnostic:
    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    related: tuple[RelatedLocation, ...] = ()

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column,
                "related": [{"line": r.line, "column": r.column, "message": r.message}
                            for r in self.related]}


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    kinds: tuple[str, ...]
    frameworks: tuple[str, ...] | None
    check: str
    args: dict
    message: str
    docs: dict
    source: str
    tags: tuple[str, ...] = field(default=())

    def applies(self, report: Report) -> bool:
        return report.kind in self.kinds and (
            self.frameworks is None or report.framework in self.frameworks)

    def run(self, report: Report, framework: Framework | None) -> list[Diagnostic]:
        function = load_all()[self.check]
        template = _template(self.message)
        out = []
        for f in function(report, framework, self.args):
            out.append(self._diagnostic(f, template))
        return out

    def _diagnostic(self, finding: Finding, template) -> Diagnostic:
        try:
            message = template.render(**finding.values)
        except TemplateError as exc:  # a rule author's slip, shown, not raised
            message = f"(message template of {self.id} failed: {exc}) {finding.values}"
        message = " ".join(message.split())[:_MAX_MESSAGE]
        related = tuple(RelatedLocation(r.line, r.column, r.message) for r in finding.related)
        return Diagnostic(self.id, self.severity, message, finding.line, finding.column,
                          finding.end_line, finding.end_column, related)


@cache
def _template(source: str):
    return _ENV.from_string(source)


def _rule(entry, where: str, checks) -> Rule:
    if not isinstance(entry, dict):
        raise DataFileError(f"{where}: a rule must be a mapping, got {type(entry).__name__}")
    rid = entry.get("id", "?")
    missing = _REQUIRED - entry.keys()
    unknown = entry.keys() - _REQUIRED - _OPTIONAL
    if missing or unknown:
        raise DataFileError(f"{where}: rule {rid}: " + "; ".join(
            ([f"missing {', '.join(sorted(missing))}"] if missing else [])
            + ([f"unknown key {', '.join(sorted(unknown))}"] if unknown else [])))
    if entry["severity"] not in SEVERITIES:
        raise DataFileError(f"{where}: rule {rid}: severity must be one of "
                            f"{', '.join(SEVERITIES)}, not {entry['severity']!r}")
    if entry["check"] not in checks:
        raise DataFileError(f"{where}: rule {rid}: unknown check function "
                            f"{entry['check']!r} (known: {', '.join(sorted(checks))})")
    bad_kinds = set(entry["kinds"]) - set(KINDS)
    if bad_kinds:
        raise DataFileError(f"{where}: rule {rid}: unknown kinds {sorted(bad_kinds)}")
    docs = entry["docs"]
    if not isinstance(docs, dict) or _DOCS - docs.keys() or docs.keys() - _DOCS - _DOCS_OPTIONAL:
        raise DataFileError(f"{where}: rule {rid}: docs need exactly what, why, example "
                            f"(and optionally fix)")
    try:
        _template(entry["message"])
    except TemplateError as exc:
        raise DataFileError(f"{where}: rule {rid}: message template: {exc}") from None
    return Rule(id=rid, name=entry["name"], severity=entry["severity"],
                kinds=tuple(entry["kinds"]),
                frameworks=tuple(entry["frameworks"]) if entry.get("frameworks") else None,
                check=entry["check"], args=entry.get("args") or {},
                message=entry["message"], docs=docs, source=where,
                tags=tuple(entry.get("tags", ())))


@cache
def load_rules(folder: Path | None = None) -> tuple[Rule, ...]:
    """Every rule of every pack in the folder (default rules/packs/), by id."""
    folder = folder or data_dir("rules") / "packs"
    checks = load_all()
    rules: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = load_yaml(path) or {}
        for entry in doc.get("rules", []):
            rule = _rule(entry, str(path), checks)
            if rule.id in rules:
                raise DataFileError(f"{path}: rule id {rule.id} is already used in "
                                    f"{rules[rule.id].source}")
            rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def rule_by_id(rule_id: str) -> Rule | None:
    wanted = rule_id.upper()
    return next((r for r in load_rules() if r.id.upper() == wanted or r.name == rule_id), None)


def run_rules(report: Report, framework: Framework | None,
              rules: tuple[Rule, ...] | None = None) -> list[Diagnostic]:
    """All diagnostics for one report, in document order."""
    out: list[Diagnostic] = []
    for rule in rules if rules is not None else load_rules():
        if rule.applies(report):
            out.extend(rule.run(report, framework))
    return sorted(out, key=lambda d: (d.line, d.column, d.rule))
