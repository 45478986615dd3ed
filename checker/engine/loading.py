"""Loading rules: pack files -> validated rule entries -> Rule objects.

Loading is strict, because a typo in a rule file must be an error at load
time, never a rule that silently never fires: unknown or missing keys, an
unknown check function, a bad severity, a duplicate id and a message template
that does not compile all fail loudly, naming the file, the line and the key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checker.checks import ARGS, PROVIDES, SCOPED, load_all, load_plugins
from checker.datafiles import jsoncache
from checker.datafiles.frameworks import load_frameworks
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError
from checker.engine.rule import Rule


def builtin_packs() -> dict[str, Path]:
    """The built-in packs by name ("ilacs", "letters", ...)."""
    return {p.stem: p for p in sorted((data_dir("rules") / "packs").glob("*.yaml"))}


def _cache_key(paths: list[Path], frameworks) -> str:
    """Changes whenever a pack file, the checks (their modules hold their
    declarations: provides, args models), the code that validates packs, the
    frameworks' judgements and grades (rules name them) or the program
    version change, so a stale validation is never reused."""
    import sys

    from checker.datafiles.jsoncache import digest, source_of
    from checker.version import __version__
    checks = load_all()
    declared = "".join(f"{name}:{sorted(PROVIDES.get(name, ()))}:{name in SCOPED}:"
                       f"{getattr(ARGS.get(name), '__qualname__', None)};"
                       for name in sorted(checks))
    modules = sorted({getattr(sys.modules.get(f.__module__), "__file__", None) or ""
                      for f in checks.values()} - {""})
    named = repr([(f.id, [j.id for j in (*f.judgements, *f.withdrawn)],
                   [g.id for g in f.scale.grades]) for f in frameworks])
    here = Path(__file__).parent
    return digest(__version__.encode(), declared.encode(), named.encode(),
                  *(source_of(m) for m in modules),
                  *(source_of(here / m) for m in ("loading.py", "rulefile.py", "rulefixtures.py",
                                                  "argschema.py")),
                  *(part for path in paths for part in (str(path).encode(), path.read_bytes())))


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
    from checker.datafiles.yamlfile import line_of, load_yaml
    from checker.engine.argschema import check_args
    from checker.engine.rulefile import check_rule, validate_pack
    from checker.parsing.parser import grammar
    checks = load_all()
    frameworks = {f.id for f in load_frameworks()}
    grammar_rules = {r.origin.name for r in grammar().rules}

    def checked(entry: dict, path: Path, raw, at: tuple) -> dict:
        line = line_of(raw, at)
        check_rule(entry, str(path), line, checks, PROVIDES, SCOPED, frameworks, grammar_rules)
        args = check_args(entry, ARGS.get(entry["check"]), str(path), raw, at)
        return {**entry, "args": args, "source": str(path), "line": entry.get("line", line)}

    rules: dict[str, dict] = {}
    for path in paths:
        raw = load_yaml(path)
        pack = validate_pack(raw, str(path))
        for i, entry in enumerate(pack["rules"]):
            if entry["id"] in rules:
                first = rules[entry["id"]]
                raise DataFileError(f"{path}:{line_of(raw, ('rules', i))}: rule id {entry['id']} "
                                    f"is already used at {first['source']}:{first['line']}")
            rules[entry["id"]] = checked(entry, path, raw, ("rules", i))
        for rule_id, override in pack["overrides"].items():
            if rule_id not in rules:
                raise DataFileError(f"{path}:{line_of(raw, ('overrides', rule_id))}: "
                                    f"overrides unknown rule {rule_id}")
            changed = {**rules[rule_id], **{k: v for k, v in override.items() if v is not None}}
            rules[rule_id] = {**checked(changed, path, raw, ("overrides", rule_id)),
                              "source": rules[rule_id]["source"]}
    return sorted(rules.values(), key=lambda e: e["id"])


def load_rules(extra: tuple[Path, ...] = (), builtin: bool = True) -> tuple[Rule, ...]:
    """The rules of the built-in packs (unless `builtin` is False) and of the
    extra pack files, by id. Validation is cached (as JSON, keyed by every
    pack's contents); in one process, loading is memoised on the extra packs'
    contents."""
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
    # the frameworks load with the rules (validation reads them), so a broken
    # framework file stops the run (exit 2), not each report as it is read
    frameworks = load_frameworks()
    paths = list(builtin_packs().values()) if builtin else []
    if extra:  # a user's packs may call plugins' checks: their declarations count too
        load_plugins()
    # a user's packs are resolved for the key: the packs they extend count too
    key = _cache_key(paths + (_resolve([Path(p) for p in extra]) if extra else []), frameworks)
    entries = jsoncache.read(f"rules-{key}")
    if entries is None:
        entries = _validate(_resolve(paths + [Path(p) for p in extra]))
        jsoncache.write(f"rules-{key}", entries)
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
