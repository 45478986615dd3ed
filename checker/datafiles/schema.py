"""A pydantic validation error as a data-file error: file, line, key, and
"did you mean" for a misspelt key or value.

Rule packs, check args and frameworks are validated by pydantic models;
pydantic says where a problem is as a path of keys and indexes ("loc"). This
module turns the first problem into what a rule author needs: the line (the
YAML loader remembers lines, see yamlfile.line_of), the key as written
("args.relations.subject"), and the nearest known key or value.
"""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from checker.datafiles.yamlfile import line_of

_NEAR_ENOUGH = 0.6  # difflib's default cut-off: 'treshold' and 'threshold', not 'top'


def first_problem(exc) -> dict:
    """The error to report: an unknown key first, because it is usually the
    typo of a missing one, which pydantic reports too; then the one deepest
    in the data (of a union's members, the one that got furthest: a mapping
    given for `list | dict` fails as a list at once, as a dict at its key)."""
    return min(exc.errors(), key=lambda e: (e["type"] != "extra_forbidden", -len(e["loc"])))


def place(data, loc: tuple, prefix: tuple = ()) -> tuple[int, str]:
    """(line, key path as written) of `loc` inside `data` at `prefix`: the
    line of the deepest node that has one, and the keys of loc that are in
    the data (pydantic adds the names of union members) plus the last one."""
    node = data
    for step in prefix:
        node = node[step] if isinstance(node, (dict, list)) else None
    keys = []
    for i, step in enumerate(loc):
        if isinstance(node, dict) and step in node:
            keys.append(str(step))
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        elif i == len(loc) - 1 and isinstance(node, dict):
            keys.append(str(step))  # a key that is not there: missing
    return line_of(data, (*prefix, *loc)), ".".join(keys)


def explain(error: dict, model, fields_of=None, unknown: str = "unknown key '{key}'",
            missing: str = "missing key '{key}'") -> str:
    """What is wrong, in words: an unknown key with the nearest known one,
    a missing key, a value not among the allowed ones with the nearest, or
    pydantic's message with the value found. `fields_of(annotation)` gives
    {field: annotation} for a model (default: pydantic models only)."""
    fields_of = fields_of or _model_fields
    loc, kind = error["loc"], error["type"]
    key = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        known = fields_of(_annotation_at(model, loc[:-1], fields_of)) or {}
        return unknown.format(key=key) + _near(key, known)
    if kind == "missing":
        return missing.format(key=key)
    message = error["msg"].removeprefix("Value error, ")
    if kind == "literal_error":
        allowed = _literal_values(_annotation_at(model, loc, fields_of), fields_of)
        return f"{message}, not {error['input']!r}" + _near(str(error["input"]), allowed)
    if kind != "value_error" and isinstance(error.get("input"), (str, int, float, bool)):
        return f"{message}, not {error['input']!r}"
    return message


def _near(word: str, candidates) -> str:
    near = difflib.get_close_matches(word, [str(c) for c in candidates], n=1,
                                     cutoff=_NEAR_ENOUGH)
    return f" (did you mean '{near[0]}'?)" if near else ""


def _model_fields(annotation) -> dict | None:
    fields = getattr(annotation, "model_fields", None)
    if not isinstance(fields, dict):
        return None
    return {f.alias or name: f.annotation for name, f in fields.items()}  # as written: `from`


def _annotation_at(model, loc: tuple, fields_of):
    """The declared type at `loc` inside `model`, as far as it can be followed."""
    annotation = model
    for step in loc:
        found = _step(annotation, step, fields_of)
        if found is not None:
            annotation = found
    return annotation


def _step(annotation, step, fields_of):
    """The type one step (a field, an index, a dict key) inside `annotation`."""
    fields = fields_of(annotation)
    if fields is not None:
        return fields.get(step)
    origin, params = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _step(params[0], step, fields_of)
    if origin in (Union, UnionType):
        return next((t for t in (_step(m, step, fields_of) for m in params)
                     if t is not None), None)
    if origin in (list, tuple, set, frozenset) and isinstance(step, int) and params:
        return params[0]
    if origin is dict and len(params) == 2:
        return params[1]
    return None


def _literal_values(annotation, fields_of) -> list:
    """The values a Literal (or a union or list of them) allows."""
    origin = get_origin(annotation)
    if origin is Literal:
        return list(get_args(annotation))
    if origin is Annotated:
        return _literal_values(get_args(annotation)[0], fields_of)
    if origin in (Union, UnionType, list, tuple, set, frozenset):
        return [v for member in get_args(annotation) for v in _literal_values(member, fields_of)]
    return []
