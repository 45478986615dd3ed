"""A rule's args, validated against its check's declared model.

Checks declare their args as Args classes (checker/checks/__init__.py),
which cost nothing to define; this module turns a declaration into a pydantic
model only when rule files are validated, and returns the args as the check
reads them: a plain dict of JSON data, the model's defaults filled in, None
values left out. Plain data, because the validated rules are cached as JSON
and a warm start must not import pydantic (~80 ms).
"""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model, model_validator
from pydantic_core import core_schema

from checker.datafiles.schema import explain, first_problem, place
from checker.datafiles.yamlfile import DataFileError

# Unknown keys are errors (a typo must not silently leave a default in
# force) and types are strict (`threshold: "high"` is not a number, `case:
# "yes"` not a boolean); an integer is still accepted where a number is.
_CONFIG = ConfigDict(extra="forbid", strict=True)


@cache
def model_of(declared: type) -> type[BaseModel]:
    """The pydantic model of a declaration (a pydantic model as it is)."""
    if issubclass(declared, BaseModel):
        return declared
    hints = get_type_hints(declared, include_extras=True)
    fields = {name: (hint, getattr(declared, name, ...)) for name, hint in hints.items()
              if not name.startswith("_") and get_origin(hint) is not ClassVar}

    def cross_check(model):
        declared.cross_check(model)
        return model
    return create_model(declared.__name__, __config__=_CONFIG, __doc__=declared.__doc__,
                        __module__=declared.__module__,
                        __validators__={"cross_check": model_validator(mode="after")(cross_check)},
                        **fields)


def validated(declared: type | None, args: dict, pack: str | None = None) -> dict:
    """The args as the check reads them; pydantic's ValidationError when they
    do not fit the model. Args of a check without a model pass as written.
    `pack` is the file that names them (file arguments are relative to it)."""
    if declared is None:
        return args
    model = model_of(declared).model_validate(args, context={"pack": pack})
    return model.model_dump(mode="json", exclude_none=True)


def check_args(entry: dict, declared: type | None, path: str, raw, at: tuple) -> dict:
    """A rule entry's args as its check reads them, or DataFileError naming
    the file, the key's line, the rule and the key. `raw` is the pack file
    as loaded and `at` where the entry is in it (("rules", 3))."""
    try:
        return validated(declared, entry.get("args") or {}, path)
    except ValidationError as exc:
        error = first_problem(exc)
        line, key = place(raw, error["loc"], (*at, "args"))
        what = explain(error, declared, fields_of=fields_of, unknown="unknown argument",
                       missing="missing argument (the check needs it)")
        key = f"args.{key}" if key else "args"
        raise DataFileError(f"{path}:{line}: rule {entry['id']}: {key}: {what}") from None


def fields_of(annotation) -> dict | None:
    """{field: annotation} of a model or a declaration, None for other types
    (for "did you mean", see checker/datafiles/schema.py)."""
    if isinstance(annotation, type) and (issubclass(annotation, BaseModel)
                                         or getattr(annotation, "args_declaration", False)):
        return {name: f.annotation for name, f in model_of(annotation).model_fields.items()}
    return None


# --------------------------------------------- the checks of marked strings ----

def after(function, schema):
    """`schema`, then `function` on the value (a ValueError is a validation error)."""
    return core_schema.no_info_after_validator_function(function, schema)


def check_regex(pattern: str, groups: tuple[str, ...] = ()) -> str:
    """The pattern, if it compiles, has `groups` and cannot backtrack
    exponentially (checker.engine.regexes, the one regex analyser)."""
    from checker.engine.regexes import unsafe_reason
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad regular expression: {exc}") from None
    missing = [g for g in groups if g not in compiled.groupindex]
    if missing:
        raise ValueError(f"{pattern!r} has no group {', '.join(f'(?P<{g}>...)' for g in missing)}")
    reason = unsafe_reason(pattern)
    if reason:
        raise ValueError(f"{pattern!r} can take exponential time on unlucky text ({reason}); "
                         "rewrite it, or make that part atomic: (?>...) or a possessive "
                         "quantifier such as a++")
    return pattern


def check_data_file(name: str) -> str:
    """The name, if it is a file in rules/data/."""
    from checker.datafiles.resources import data_dir
    folder = data_dir("rules") / "data"
    if "/" in name or "\\" in name or not (folder / name).is_file():
        known = ", ".join(sorted(p.name for p in folder.glob("*.yaml")))
        raise ValueError(f"no data file '{name}' in rules/data/ (there are: {known})")
    return name


def check_topic_file(name: str, pack: str | None) -> str:
    """The file's absolute path (relative to the pack), if it is a topic
    vocabulary that loads; its own mistakes are named by file and line."""
    from pathlib import Path

    from checker.engine.vocabulary import topic_vocabulary
    path = Path(name) if pack is None else Path(pack).parent / name
    if not path.is_file():
        raise ValueError(f"no topic vocabulary file {str(path)!r}")
    try:
        topic_vocabulary((str(path),))
    except DataFileError as exc:
        raise ValueError(f"the topic vocabulary does not load: {exc}") from None
    return str(path.resolve())
