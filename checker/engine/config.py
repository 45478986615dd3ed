"""Project configuration: which rules run, at what severity, on which files.

Found like ruff's: `.report-checker.yaml`, or `[tool.report-checker]` in
`pyproject.toml`, in the checked file's folder or the nearest folder above it
that has one (`--config FILE` names one for every file). Keys:

    select: [NUM, SEC001, house-style]   # ids, id prefixes or tags; default: all
    ignore: [SUP002]
    severity: {SUP001: error, STY: info}  # override severities (id, prefix or tag)
    per-file-ignores: {"drafts/*.txt": [STY]}
    packs: [our-rules.yaml, rules/]       # extra packs (files or folders), relative to this file
    builtin: true                         # load the built-in packs
    fail-on: warning
    baseline: accepted.json
    vocabulary: [our-topics.yaml]         # topic files the evidence rules add to rules/topics.yaml
"""

from __future__ import annotations

import contextlib
import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine.diagnostics import SEVERITIES

_KEYS = {"select", "ignore", "severity", "per-file-ignores", "packs", "builtin", "fail-on",
         "baseline", "vocabulary"}


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    packs: tuple[Path, ...] = ()
    builtin: bool = True
    fail_on: str | None = None
    baseline: Path | None = None
    vocabulary: tuple[Path, ...] = ()
    extra_select: tuple[str, ...] = field(default=())  # from the command line
    extra_ignore: tuple[str, ...] = field(default=())

    def with_cli(self, select=(), ignore=()) -> Config:
        return replace(self, extra_select=tuple(select), extra_ignore=tuple(ignore))

    def rules_for(self, rules, path: str):
        """The rules that run on `path`, with this configuration's severities.
        A selector that names no rule is an error (SelectorError), never a
        silent "nothing to check": a gate with `--select NUMM` must not pass."""
        _refuse_unknown(rules, self._selectors(), self.path)
        select = self.extra_select or self.select
        ignored = self.ignore + self.extra_ignore + tuple(
            s for pattern, sel in self.per_file_ignores
            if _matches_path(path, pattern, self.path) for s in sel)
        out = []
        for rule in rules:
            if select and not any(matches(rule, s) for s in select):
                continue
            if any(matches(rule, s) for s in ignored):
                continue
            severity = next((sev for s, sev in reversed(self.severity) if matches(rule, s)),
                            None)
            out.append(self._with_vocabulary(replace(rule, severity=severity) if severity
                                             else rule))
        return tuple(out)

    def _with_vocabulary(self, rule):
        """The rule with this configuration's topic files added to its
        `vocabulary` argument, when its check takes one (the evidence rules)."""
        if not self.vocabulary or not _takes_vocabulary(rule.check):
            return rule
        files = [*rule.args.get("vocabulary", ()), *map(str, self.vocabulary)]
        return replace(rule, args={**rule.args, "vocabulary": files})


    def _selectors(self) -> tuple[str, ...]:
        return (*(self.extra_select or self.select), *self.ignore, *self.extra_ignore,
                *(s for _, sel in self.per_file_ignores for s in sel),
                *(s for s, _ in self.severity))


class SelectorError(ValueError):
    """A rule selector (select, ignore, severity, per-file-ignores) that names
    no rule: said with what it may have meant."""


def _refuse_unknown(rules, selectors, config_path: Path | None) -> None:
    unknown = [s for s in dict.fromkeys(selectors) if not any(matches(r, s) for r in rules)]
    if not unknown:
        return
    import difflib
    names = sorted({r.id for r in rules} | {r.name for r in rules}
                   | {t for r in rules for t in r.tags})
    said = []
    for s in unknown:
        near = difflib.get_close_matches(s.strip(), names, n=1, cutoff=0.6)
        said.append(f"'{s}'" + (f" (did you mean '{near[0]}'?)" if near else ""))
    where = f" in {config_path}" if config_path else ""
    raise SelectorError(f"no rule is selected by {', '.join(said)}{where}: a selector is a "
                        "rule id, an id prefix, a rule name or a tag (`report-checker rules` "
                        "lists them)")


def matches(rule, selector: str) -> bool:
    """A rule matches its id, an id prefix ("SEC"), its name or one of its tags."""
    s = selector.strip()
    return (rule.id.upper().startswith(s.upper()) or rule.name == s or s in rule.tags)


def _matches_path(path: str, pattern: str, config_path: Path | None) -> bool:
    candidates = [path, Path(path).name]
    if config_path is not None:
        with contextlib.suppress(ValueError):
            candidates.append(str(Path(path).resolve().relative_to(config_path.parent.resolve())))
    return any(fnmatch.fnmatch(c, pattern) for c in candidates)


def _from_mapping(data, path: Path) -> Config:
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: configuration must be a mapping")
    unknown = set(data) - _KEYS
    if unknown:
        raise DataFileError(f"{path}: unknown configuration keys {sorted(unknown)} "
                            f"(known: {', '.join(sorted(_KEYS))})")

    def strings(key):
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataFileError(f"{path}: '{key}' must be a list of strings")
        return tuple(value)

    severity = data.get("severity", {}) or {}
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise DataFileError(f"{path}: 'severity' maps rules to one of {', '.join(SEVERITIES)}")
    pfi = data.get("per-file-ignores", {}) or {}
    if not isinstance(pfi, dict):
        raise DataFileError(f"{path}: 'per-file-ignores' maps file patterns to rule lists")
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in (*SEVERITIES, "never"):
        raise DataFileError(f"{path}: 'fail-on' is one of error, warning, info, never")
    baseline = data.get("baseline")
    return Config(
        path=path, select=strings("select"), ignore=strings("ignore"),
        severity=tuple(severity.items()),
        per_file_ignores=tuple((k, tuple([v] if isinstance(v, str) else v))
                               for k, v in pfi.items()),
        packs=tuple(path.parent / p for p in strings("packs")),
        builtin=bool(data.get("builtin", True)), fail_on=fail_on,
        baseline=path.parent / baseline if baseline else None,
        vocabulary=_vocabulary_files(strings("vocabulary"), path))


def _takes_vocabulary(check_name: str) -> bool:
    from checker.checks import ARGS
    declared = ARGS.get(check_name)
    return declared is not None and "vocabulary" in getattr(declared, "__annotations__", {})


def _vocabulary_files(files: tuple[str, ...], path: Path) -> tuple[Path, ...]:
    """The configuration's topic files, resolved; each must load (a mistake in
    one is named by its file and line, before any report is checked)."""
    from checker.engine.vocabulary import topic_vocabulary
    resolved = tuple((path.parent / f).resolve() for f in files)
    for file in resolved:
        if not file.is_file():
            raise DataFileError(f"{path}: vocabulary: no such file {str(file)!r}")
        topic_vocabulary((str(file),))
    return resolved


def read_config(path: Path) -> Config:
    """A configuration file: .report-checker.yaml or pyproject.toml."""
    path = Path(path)
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DataFileError(f"{path}: {exc}") from None
        return _from_mapping(data.get("tool", {}).get("report-checker", {}), path)
    try:
        return _from_mapping(load_yaml(path) or {}, path)
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such configuration file") from None


@cache
def _config_in(folder: Path) -> Config | None:
    candidate = folder / ".report-checker.yaml"
    if candidate.is_file():
        return read_config(candidate)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return None
        if "report-checker" in data.get("tool", {}):
            return _from_mapping(data["tool"]["report-checker"], pyproject)
    return None


def find_config(file: str | Path) -> Config:
    """The configuration that applies to `file`: the nearest one above it."""
    folder = Path(file).resolve()
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return Config()
