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

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from checker.checks import PROVIDES, SCOPED, find_check, load_all
from checker.datafiles.frameworks import Framework, heading_key
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError
from checker.engine.diagnostics import Diagnostic, Finding
from checker.parsing.model import Report

# Messages are short: a runaway template (a loop over a large value) is cut.
_MAX_MESSAGE = 2000


def _capped_sandbox():
    """The sandbox blocks attribute tricks and mutation but not size:
    `{{ 'a' * 50000000 }}` would render. Multiplication and powers are
    intercepted and refused past the message cap, so a template cannot run
    away with memory before its output is cut. (Jinja is imported here, when
    a message is first made, not when the rules load.)"""
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class _CappedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            result_size = 0
            if operator == "*" and isinstance(left, (str, list)) and isinstance(right, int):
                result_size = len(left) * right
            elif operator == "*" and isinstance(right, (str, list)) and isinstance(left, int):
                result_size = len(right) * left
            elif operator == "**" and isinstance(right, int) and right > 64:
                raise SecurityError("exponent too large in a message template")
            if result_size > _MAX_MESSAGE:
                raise SecurityError(f"a message template tried to build {result_size} characters")
            return super().call_binop(context, operator, left, right)

    env = _CappedSandbox(undefined=StrictUndefined, autoescape=False,
                         trim_blocks=True, lstrip_blocks=True)
    # range() as long as a message at most (the sandbox allows 100,000): a loop
    # over it, with a filter over another inside, stays within seconds

    def capped_range(*args):
        items = range(*args)
        if len(items) > _MAX_MESSAGE:
            raise SecurityError(f"a message template asked for a range of {len(items)} items")
        return items

    env.globals["range"] = capped_range
    return env


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
    scope: dict | None = None
    line: int = 0

    def applies(self, report: Report) -> bool:
        return report.kind in self.kinds and (
            self.frameworks is None or report.framework in self.frameworks)

    def run(self, report: Report, framework: Framework | None) -> list[Diagnostic]:
        function = find_check(self.check)
        out = []
        target = _Scoped(report, self.scope) if self.scope else report
        for f in function(target, framework, self.args):
            # the template is compiled at the first finding: most rules find nothing
            out.append(self._diagnostic(f, _template(self.message)))
        return out

    def _diagnostic(self, finding: Finding, template) -> Diagnostic:
        from jinja2 import TemplateError
        try:
            message = template.render(**finding.values)
        except TemplateError as exc:  # a rule author's slip, shown, not raised
            message = f"(message template of {self.id} failed: {exc}) {finding.values}"
        message = " ".join(message.split())[:_MAX_MESSAGE]
        return Diagnostic(self.id, self.severity, message, finding.line, finding.column,
                          finding.end_line, finding.end_column, tuple(finding.related),
                          dict(finding.values))


@cache
def template_env():
    """The sandboxed Jinja environment of message templates."""
    return _capped_sandbox()


@cache
def _template(source: str):
    return template_env().from_string(source)


class _Scoped:
    """The report as a scoped rule sees it: `blocks()` yields only the nodes
    the rule's scope names, and only paragraphs of the named section."""

    def __init__(self, report: Report, scope: dict):
        self._report = report
        self._nodes = set(scope.get("nodes") or ())
        section = scope.get("section")
        self._paragraphs = None if not section else {
            id(p) for s in report.sections if heading_key(s.heading) == heading_key(section)
            for p in s.paragraphs}

    def __getattr__(self, name):
        return getattr(self._report, name)

    def blocks(self, kinds=None):
        if self._paragraphs is None:
            yield from self._report.blocks(self._nodes)
            return
        # a named section: its paragraphs, and the sentences of its paragraphs
        for kind, block in self._report.blocks(self._nodes - {"sentence"}):
            if kind != "paragraph" or id(block) in self._paragraphs:
                yield kind, block
        if "sentence" in self._nodes:
            for kind, block in self._report.blocks(("paragraph",)):
                if id(block) in self._paragraphs:
                    yield from (("sentence", s) for s in block.sentences())


# --------------------------------------------------------------- loading ----

def builtin_packs() -> dict[str, Path]:
    """The built-in packs by name ("ilacs", "letters", ...)."""
    return {p.stem: p for p in sorted((data_dir("rules") / "packs").glob("*.yaml"))}


def _cache_dir() -> Path:
    from checker.datafiles.resources import cache_dir
    return cache_dir()


def _cache_key(paths: list[Path]) -> str:
    """Changes whenever a pack file, the check functions' declarations or the
    program version change, so a stale validation is never reused."""
    import checker
    from checker.datafiles.resources import sha256
    digest = sha256(checker.__version__.encode())
    checks = load_all()
    for name in sorted(checks):
        digest.update(f"{name}:{sorted(PROVIDES.get(name, ()))}:{name in SCOPED}".encode())
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _read_cache(key: str) -> list[dict] | None:
    try:
        return json.loads((_cache_dir() / f"rules-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_cache(key: str, entries: list[dict]) -> None:
    """Best effort and atomic: a cache that cannot be written is not an error."""
    import tempfile
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh)
        os.replace(tmp, folder / f"rules-{key}.json")
    except OSError:
        pass


def _resolve(paths: list[Path]) -> list[Path]:
    """Packs in load order: each after the packs it `extends`."""
    from checker.datafiles.yamlfile import load_yaml
    order: list[Path] = []
    builtins = builtin_packs()

    def visit(path: Path, trail: tuple[Path, ...]):
        path = path.resolve()
        if path in order:
            return
        if path in trail:
            raise DataFileError(f"{path}: packs extend each other in a circle")
        raw = load_yaml(path) or {}
        for name in raw.get("extends", []) if isinstance(raw, dict) else []:
            target = builtins.get(name) or (path.parent / name)
            if not target.exists():
                raise DataFileError(f"{path}: extends '{name}', which is neither a built-in "
                                    f"pack ({', '.join(builtins)}) nor a file")
            visit(target, trail + (path,))
        order.append(path)

    for p in paths:
        visit(p, ())
    return order


def _validate(paths: list[Path]) -> list[dict]:
    """Every rule of the packs, validated, with overrides applied, as plain data."""
    from checker.datafiles.frameworks import load_frameworks
    from checker.datafiles.yamlfile import line_of, load_yaml
    from checker.engine.rulefile import check_rule, validate_pack
    from checker.parsing.parser import grammar
    checks = load_all()
    frameworks = {f.id for f in load_frameworks()}
    grammar_rules = {r.origin.name for r in grammar().rules}
    rules: dict[str, dict] = {}
    for path in paths:
        raw = load_yaml(path)
        pack = validate_pack(raw, str(path))
        for i, entry in enumerate(pack["rules"]):
            line = line_of(raw, ("rules", i))
            if entry["id"] in rules:
                first = rules[entry["id"]]
                raise DataFileError(f"{path}:{line}: rule id {entry['id']} is already used at "
                                    f"{first['source']}:{first['line']}")
            check_rule(entry, str(path), line, checks, PROVIDES, SCOPED, frameworks,
                       grammar_rules)
            rules[entry["id"]] = {**entry, "source": str(path), "line": line}
        for rule_id, override in pack["overrides"].items():
            line = line_of(raw, ("overrides", rule_id))
            if rule_id not in rules:
                raise DataFileError(f"{path}:{line}: overrides unknown rule {rule_id}")
            changed = {**rules[rule_id], **{k: v for k, v in override.items() if v is not None}}
            check_rule(changed, str(path), line, checks, PROVIDES, SCOPED, frameworks,
                       grammar_rules)
            rules[rule_id] = changed
    return sorted(rules.values(), key=lambda e: e["id"])


def load_rules(extra: tuple[Path, ...] = (), builtin: bool = True) -> tuple[Rule, ...]:
    """The rules of the built-in packs (unless `builtin` is False) and of the
    extra pack files, by id. Validation is cached for the built-in packs; in
    one process, loading is memoised on the extra packs' contents."""
    files = []
    for p in map(Path, extra):  # a folder stands for the packs in it
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    contents = tuple((str(p), p.read_bytes()) for p in files if p.is_file())
    return _load_rules(tuple(files), builtin, contents)


def _clear_cache() -> None:
    _load_rules.cache_clear()


load_rules.cache_clear = _clear_cache  # type: ignore[attr-defined]


@cache
def _load_rules(extra: tuple[Path, ...], builtin: bool, _contents) -> tuple[Rule, ...]:
    load_all()
    paths = list(builtin_packs().values()) if builtin else []
    paths += [Path(p) for p in extra]
    entries = None
    key = None
    if not extra and builtin:
        key = _cache_key(paths)
        entries = _read_cache(key)
    if entries is None:
        entries = _validate(_resolve(paths))
        if key:
            _write_cache(key, entries)
    return tuple(_from_entry(e) for e in entries)


def _from_entry(e: dict) -> Rule:
    return Rule(id=e["id"], name=e["name"], severity=e["severity"], kinds=tuple(e["kinds"]),
                frameworks=tuple(e["frameworks"]) if e.get("frameworks") else None,
                check=e["check"], args=e.get("args") or {}, message=e["message"],
                docs={k: v for k, v in e["docs"].items() if v is not None},
                source=e["source"], tags=tuple(e.get("tags") or ()), scope=e.get("scope"),
                line=e.get("line", 0))


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
