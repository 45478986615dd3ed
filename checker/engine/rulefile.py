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

import re
from contextlib import suppress
from functools import cache
from typing import Literal

from jinja2 import TemplateError, meta
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.datafiles.schema import explain, first_problem, place
from checker.datafiles.yamlfile import DataFileError
from checker.engine.diagnostics import SEVERITIES
from checker.parsing.detect import KINDS

Severity = Literal.__getitem__(SEVERITIES)
Kind = Literal[KINDS]  # type: ignore[valid-type]
# Nodes a rule's scope can name, and the grammar rule each one is (checked
# against grammar/report.lark when rules load); a sentence is a cut of the
# running text, not a grammar node.
SCOPE_NODES = {"title": "title_block", "table_row": "table_row", "heading": "section",
               "introduction": "front_matter",
               "summary": "summary", "improvement": "improvements",
               "strength": "letter_section", "paragraph": "paragraph", "sentence": None}
_DEFAULT_NODES = ["introduction", "summary", "improvement", "strength", "paragraph"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Docs(_Strict):
    what: str = Field(min_length=10)
    why: str = Field(min_length=10)
    example: str = Field(min_length=3)
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
    message: str = Field(min_length=1)
    docs: Docs
    tags: list[str] = Field(default_factory=list)


class Override(_Strict):
    severity: Severity | None = None
    kinds: list[Kind] | None = None
    frameworks: list[str] | None = None
    args: dict | None = None
    message: str | None = None


class PackFile(_Strict):
    # packs whose rules this one builds on: a built-in pack's name
    # ("ilacs", "letters", ...) or a path relative to this file
    extends: list[str] = Field(default_factory=list)
    rules: list[RuleEntry] = Field(default_factory=list)
    overrides: dict[str, Override] = Field(default_factory=dict)


def validate_pack(raw, path: str) -> dict:
    """The pack as plain data, or DataFileError at the first problem's line."""
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
    data = pack.model_dump(exclude_none=False)
    for entry in data["rules"]:
        entry["args"] = _string_keys(entry["args"])
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
    check_template(entry["message"], where, provides.get(entry["check"]))


def check_template(source: str, where: str, provided: frozenset[str] | None) -> None:
    from checker.engine.rules import template_env
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


# Nested quantifiers such as (a+)+ or (\w*)* backtrack catastrophically on
# unlucky text: catastrophic() falls back to this look where it cannot parse.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")


# What Python's `re` runs is the parsed, optimised pattern (`a|aa` becomes
# `a(?:|a)`, `[A-Z]|[0-9]` one character set): catastrophic() reads that tree.
# First-character sets are computed over this probe alphabet.
_PROBE = frozenset(range(0x250)) | frozenset(map(ord, "\u2018\u2019\u201c\u201d\u2013\u2014"
                                                     "\u2022\u00a0\u202f"))


@cache
def _categories() -> dict:
    from re import _constants as c
    return {name: frozenset(ch for ch in _PROBE if re.match(rx, chr(ch)))
            for name, rx in ((c.CATEGORY_DIGIT, r"\d"), (c.CATEGORY_NOT_DIGIT, r"\D"),
                             (c.CATEGORY_WORD, r"\w"), (c.CATEGORY_NOT_WORD, r"\W"),
                             (c.CATEGORY_SPACE, r"\s"), (c.CATEGORY_NOT_SPACE, r"\S"))}


def catastrophic(pattern: str) -> str | None:
    """Why matching `pattern` can take exponential time in Python's `re`, or None.

    A best-effort look for the shapes that backtrack exponentially: a
    repeated group holding another repeat ((a+)+, (\\w+\\s?)+, (.*a){20},
    ((a+))+, (a{2,})+), alternatives inside a repeat that can match the same
    text ((a|aa)+, (a|a)+, (\\d+|\\d+\\.)*, (a|)+), and two optional or
    repeated parts side by side inside a repeat that can match the same
    character ((a?a?)+). Atomic groups and possessive quantifiers do not
    backtrack and are allowed. Case-insensitive matching is assumed only
    where the pattern says (?i). It cannot see polynomial blow-ups (.*.*x, or
    [^.]*x on a 300,000-character line without a full stop): only a time
    limit on matching bounds those.
    """
    try:
        from re import _constants as c
        from re import _parser as parser
        tree = parser.parse(pattern)
    except Exception:  # noqa: BLE001 - private modules: fall back to the plain check
        return "a nested quantifier" if _NESTED_QUANTIFIER.search(pattern) else None
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)
    categories = _categories()

    def fold(chars, icase):
        if not icase:
            return chars
        return chars | {ord(x) for ch in chars for x in (chr(ch).lower(), chr(ch).upper())
                        if len(x) == 1}

    def first(items, icase):
        """(characters the items can start with, whether they can match nothing)"""
        chars = frozenset()
        for op, av in items:
            s, empty = first_item(op, av, icase)
            chars |= s
            if not empty:
                return chars, False
        return chars, True

    def first_item(op, av, icase):
        if op is c.LITERAL:
            return fold(frozenset([av]), icase), False
        if op is c.NOT_LITERAL:
            return _PROBE - fold(frozenset([av]), icase), False
        if op is c.ANY:
            return _PROBE, False
        if op is c.IN:
            chars, negate = set(), False
            for kind, value in av:
                if kind is c.NEGATE:
                    negate = True
                elif kind is c.LITERAL:
                    chars.add(value)
                elif kind is c.RANGE:
                    chars.update(ch for ch in _PROBE if value[0] <= ch <= value[1])
                else:
                    chars |= categories.get(value, _PROBE)
            chars = fold(frozenset(chars), icase)
            return (_PROBE - chars if negate else chars), False
        if op is c.SUBPATTERN:
            return first(av[3], (icase or bool(av[1] & re.I)) and not av[2] & re.I)
        if op is c.ATOMIC_GROUP:
            return first(av, icase)
        if op in repeats or op is c.POSSESSIVE_REPEAT:
            chars, empty = first(av[2], icase)
            return chars, empty or av[0] == 0
        if op is c.BRANCH:
            found = [first(alt, icase) for alt in av[1]]
            return frozenset().union(*(s for s, _ in found)), any(e for _, e in found)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return frozenset(), True
        return _PROBE, True   # a back reference, a conditional: anything

    def variable(op, av):
        return op in repeats and av[0] != av[1]

    def walk(items, repeated, icase):
        items = list(items)
        if repeated:   # (a?a?)+: two variable parts, only optional ones between
            for i, (op, av) in enumerate(items):
                if not variable(op, av):
                    continue
                chars = first_item(op, av, icase)[0]
                for op2, av2 in items[i + 1:]:
                    if variable(op2, av2) and chars & first_item(op2, av2, icase)[0]:
                        return "two optional or repeated parts side by side in a repeat"
                    if not first_item(op2, av2, icase)[1]:
                        break
        for op, av in items:
            reason = None
            if op in repeats:
                many = av[1] > 1
                if many and repeated:
                    return "a nested quantifier: a repeat inside a repeat"
                reason = walk(av[2], repeated or many, icase)
            elif op is c.SUBPATTERN:
                reason = walk(av[3], repeated, (icase or bool(av[1] & re.I))
                              and not av[2] & re.I)
            elif op is c.BRANCH:
                if repeated:
                    seen = frozenset()
                    for alt in av[1]:
                        chars, empty = first(alt, icase)
                        if empty or chars & seen:
                            return "alternatives that can match the same text inside a repeat"
                        seen |= chars
                for alt in av[1]:
                    reason = reason or walk(alt, repeated, icase)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                reason = walk(av[1], repeated, icase)
            elif op is c.GROUPREF_EXISTS:
                reason = walk(av[1], repeated, icase) or (
                    walk(av[2], repeated, icase) if av[2] else None)
            # atomic groups and possessive repeats never backtrack: not entered
            if reason:
                return reason
        return None

    return walk(tree.data, False, bool(tree.state.flags & re.I))
