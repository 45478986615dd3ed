"""The schema of rule pack files, and what is checked when they load.

A typo in a rule file must be an error at load time that names the file, the
line and the key, never a rule that silently does nothing. pydantic checks
the shape (unknown keys, types, enumerations); the checks below it need the
rest of the program: the check function exists, its `scope` is allowed, the
message template compiles and uses only values the check provides, the
frameworks named exist; checker/engine/argschema.py checks the args against
the model the check declares (keys, types, regular expressions).

pydantic costs ~80 ms to import, so validation runs only when the rule files
change: checker/engine/loading.py keeps the validated result in a cache (JSON)
keyed by the files' contents.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Annotated, Literal

from jinja2 import TemplateError, meta
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.datafiles.schema import explain, first_problem, place
from checker.datafiles.yamlfile import DataFileError
from checker.engine.diagnostics import SEVERITIES
from checker.engine.rulefixtures import Case, Tests, fold_example
from checker.parsing.detect import KINDS
from checker.parsing.model import TEXT_NODES

Severity = Literal.__getitem__(SEVERITIES)
Kind = Literal[KINDS]  # type: ignore[valid-type]
# Nodes a rule's scope can name, and the grammar rule each one is (checked
# against grammar/report.lark when rules load); a sentence is a cut of the
# running text, not a grammar node.
SCOPE_NODES = {"letter_head": "front_matter", "title": "title_block", "table_row": "table_row",
               "heading": "section", "introduction": "front_matter",
               "summary": "summary", "improvement": "improvements",
               "strength": "letter_section", "paragraph": "paragraph", "sentence": None}
_DEFAULT_NODES = list(TEXT_NODES)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# A message template, or one template per kind of problem: {problem: template},
# chosen by the `problem` value of the check's finding ("default" for the rest).
Template = Annotated[str, Field(min_length=1)]
Message = Template | Annotated[dict[str, Template], Field(min_length=1)]


class Docs(_Strict):
    what: str = Field(min_length=10)
    why: str = Field(min_length=10)
    example: Case  # a fail case (a string is its text): checker/engine/rulefixtures.py
    fix: str | None = None


class Scope(_Strict):
    nodes: list[Literal[tuple(SCOPE_NODES)]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(_DEFAULT_NODES), min_length=1)
    section: str | None = None  # only paragraphs of the section with this heading


class RuleEntry(_Strict):
    id: str = Field(pattern=r"^[A-Z]{2,5}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    severity: Severity
    kinds: list[Kind] = Field(min_length=1)
    frameworks: list[str] | None = None
    check: str
    args: dict = Field(default_factory=dict)
    scope: Scope | None = None
    message: Message
    docs: Docs
    tags: list[str] = Field(default_factory=list)
    tests: Tests | None = None  # inline pass/fail cases (checker/engine/rulefixtures.py)


class Override(_Strict):
    severity: Severity | None = None
    kinds: list[Kind] | None = None
    frameworks: list[str] | None = None
    args: dict | None = None
    message: Message | None = None


class PackFile(_Strict):
    # packs whose rules this one builds on: a built-in pack's name
    # ("ilacs", "letters", ...) or a path relative to this file
    extends: list[str] = Field(default_factory=list)
    rules: list[RuleEntry] = Field(default_factory=list)
    overrides: dict[str, Override] = Field(default_factory=dict)


def validate_pack(raw, path: str, with_tests: bool = False) -> dict:
    """The pack as plain data, or DataFileError at the first problem's line.

    Each entry's `tests` (its inline cases, the docs' example first) are kept
    only `with_tests`: the fixture runner reads them, checking reports does
    not (the validated rules are cached, and read at every start)."""
    if raw is None:
        raw = {}
    try:
        pack = PackFile.model_validate(raw)
    except ValidationError as exc:
        error = first_problem(exc)
        loc = error["loc"]
        prefix, rule = (), ""
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            prefix, loc = loc[:2], loc[2:]
            with suppress(KeyError, IndexError, AttributeError, TypeError):
                rule = f"rule {raw['rules'][prefix[1]].get('id', '#' + str(prefix[1] + 1))}: "
        elif len(loc) >= 2 and loc[0] == "overrides":
            prefix, loc, rule = loc[:2], loc[2:], f"override of {loc[1]}: "
        line, key = place(raw, loc, prefix)
        raise DataFileError(f"{path}:{line}: {rule}{key}: "
                            f"{explain(error, PackFile)}") from None
    return _as_data(pack, with_tests)


def _as_data(pack: PackFile, with_tests: bool) -> dict:
    """The validated pack as plain data: string keys in args, and each docs'
    example a displayed string and the first fail case (rulefixtures)."""
    data = pack.model_dump(exclude_none=False, by_alias=True)
    for entry in data["rules"]:
        entry["args"] = _string_keys(entry["args"])
        fold_example(entry)
        if not with_tests:
            del entry["tests"]
    for override in data["overrides"].values():
        if override.get("args") is not None:
            override["args"] = _string_keys(override["args"])
    return data


def _string_keys(value):
    """Mapping keys in args are strings: YAML reads `1: one` with an integer
    key, which would differ from the cached (JSON) copy of the same rule."""
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def check_rule(entry: dict, path: str, line: int, checks: dict, provides: dict, scoped: set,
               frameworks: set[str], grammar_rules: set[str]) -> None:
    """What the schema cannot know; raises DataFileError naming file:line.
    (The args are checked against the check's model by argschema.check_args.)"""
    where = f"{path}:{line}: rule {entry['id']}"
    if entry["check"] not in checks:
        from checker.checks import load_plugins
        load_plugins()
    if entry["check"] not in checks:
        raise DataFileError(f"{where}: unknown check function '{entry['check']}' "
                            f"(known: {', '.join(sorted(checks))})")
    if entry.get("scope") and entry["check"] not in scoped:
        raise DataFileError(f"{where}: check '{entry['check']}' does not take a scope")
    for node in (entry.get("scope") or {}).get("nodes", []):
        if SCOPE_NODES[node] is not None and SCOPE_NODES[node] not in grammar_rules:
            raise DataFileError(f"{where}: scope node '{node}' is not in the grammar")
    unknown = set(entry.get("frameworks") or []) - frameworks
    if unknown:
        raise DataFileError(f"{where}: unknown frameworks {sorted(unknown)} "
                            f"(known: {', '.join(sorted(frameworks))})")
    check_message(entry["message"], where, provides.get(entry["check"]))


def check_message(message: str | dict, where: str, provided: frozenset[str] | None) -> None:
    """A message is one template, or one per kind of problem, chosen by the
    `problem` value the check's findings carry: that check must provide it."""
    if isinstance(message, str):
        check_template(message, where, provided)
        return
    if provided is not None and "problem" not in provided:
        raise DataFileError(f"{where}: message: templates keyed by problem need a check that "
                            f"provides 'problem' (it provides: {', '.join(sorted(provided))})")
    for problem, template in message.items():
        check_template(template, f"{where}: message.{problem}", provided)


def check_template(source: str, where: str, provided: frozenset[str] | None) -> None:
    from checker.engine.messages import template_env
    try:
        parsed = template_env().parse(source)
    except TemplateError as exc:
        raise DataFileError(f"{where}: message template: {exc}") from None
    # A message is a sentence. The sandbox caps what a template builds, not how
    # long it runs: a loop inside a loop (or a recursive macro) could run for hours.
    from jinja2 import nodes
    if any(True for _ in parsed.find_all((nodes.Macro, nodes.CallBlock))) or any(
            True for loop in parsed.find_all(nodes.For) for _ in loop.find_all(nodes.For)):
        raise DataFileError(f"{where}: message template: loops inside loops, macros and call "
                            "blocks are not allowed in a message")
    if provided is not None:
        unknown = meta.find_undeclared_variables(parsed) - provided
        if unknown:
            raise DataFileError(
                f"{where}: message template uses {', '.join(sorted(unknown))}, which the "
                f"check does not provide (it provides: {', '.join(sorted(provided))})")
