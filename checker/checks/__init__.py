"""Check functions: the small library that YAML rules call by name.

A check function has the signature

    def check(report: Report, framework: Framework | None, args: dict) -> Iterable[Finding]

It reads only the document model and yields one Finding per problem, with the
values the rule's message template may use. Severity, wording and whether the
rule runs at all are the YAML rule's business (rules/packs/*.yaml), so the same
function serves several rules with different arguments.

A check declares its arguments as a model, registered with the check:

    class PatternArgs(Args):
        pattern: Regex                 # required: no default
        case: bool = False
        ignore: Regex | None = None

    @check("pattern", provides=("match", "node"), scoped=True, args=PatternArgs)
    def pattern(report, framework, args): ...

When rules load (built-in packs, overrides, a user's packs), each rule's args
are validated against its check's model: an unknown or misspelt key, a wrong
type, a value outside a Literal, a regular expression that does not compile
or can backtrack exponentially, is an error naming the file, the line and the
key. The check then receives a plain dict: the model's values with its
defaults filled in, as JSON data (None values left out, so `args.get(key)` and
`key in args` mean "given"). See checker/engine/argschema.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, ClassVar, Literal

from annotated_types import Interval

from checker.engine.diagnostics import Finding, Related
from checker.parsing.detect import KINDS

__all__ = ["ARGS", "CHECKS", "Args", "DataFile", "Finding", "Kind", "Regex", "RegexArg",
           "Share", "TopicFile",
           "Related", "check", "find_check", "load_all"]

CHECKS: dict[str, Callable] = {}
# What each check declares about itself, verified when rules load:
PROVIDES: dict[str, frozenset[str]] = {}  # the values its findings carry
SCOPED: set[str] = set()  # reads report.blocks(), so a rule's `scope` applies
ARGS: dict[str, type | None] = {}  # the model of its args (None: not checked)


def check(name: str, provides: tuple[str, ...] | None = None, scoped: bool = False,
          args: type | None = None):
    """Register a check function under the name rules use in `check:`.

    `provides` names the values every finding carries, so a message template
    that uses another variable is an error when rules load, not when the rule
    first fires; `scoped` says the check reads only `report.blocks()`, so a
    rule may narrow it with `scope:` (nodes, a named section); `args` is the
    model of its arguments (an Args subclass, or a pydantic model), which
    every rule's args are validated against when rules load. A check
    registered without one (a plugin's, say) gets its args unchecked.
    """
    def register(fn):
        CHECKS[name] = fn
        ARGS[name] = args
        if provides is not None:
            PROVIDES[name] = frozenset(provides)
        if scoped:
            SCOPED.add(name)
        return fn
    return register


# ------------------------------------------------------- declaring args ----

class Args:
    """The arguments of a check, declared as a pydantic model is: typed
    fields, a default for each optional one, nested Args for mappings.

    Not a pydantic BaseModel itself, because importing pydantic costs ~80 ms
    at every start, and a warm start validates nothing (the validated rules
    are cached as JSON): checker/engine/argschema.py turns the declaration
    into a pydantic model (unknown keys forbidden, strict types) only when
    rule files are validated. Subclasses may define `cross_check(self)`,
    raising ValueError for what the field types cannot say ("days or
    working_days"); its `self` is the validated pydantic model, whose
    attributes are the fields (call other helpers through the class).
    Annotations are resolved in the module's globals, as pydantic does.
    """

    args_declaration: ClassVar[bool] = True  # how argschema tells one from other types

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        """An Args nested in another model validates as its pydantic model."""
        from checker.engine.argschema import model_of
        return handler(model_of(cls))

    def cross_check(self) -> None:
        """Raise ValueError when values valid one by one do not go together."""


class RegexArg:
    """Marks a string argument as a regular expression (Annotated metadata):
    when rules load it must compile, have no shape that backtracks
    exponentially, and have the named `groups`."""

    def __init__(self, *groups: str):
        self.groups = groups

    def __repr__(self) -> str:
        return f"RegexArg{self.groups!r}"

    def __get_pydantic_core_schema__(self, source, handler):
        from checker.engine.argschema import after
        return after(self.validate, handler(source))

    def validate(self, pattern: str) -> str:
        from checker.engine.argschema import check_regex
        return check_regex(pattern, self.groups)


class DataFileArg:
    """Marks a string argument as the name of a file in rules/data/: when
    rules load it must exist."""

    def __repr__(self) -> str:
        return "DataFileArg()"

    def __get_pydantic_core_schema__(self, source, handler):
        from checker.engine.argschema import after
        return after(self.validate, handler(source))

    def validate(self, name: str) -> str:
        from checker.engine.argschema import check_data_file
        return check_data_file(name)


class TopicFileArg:
    """Marks a string argument as a topic vocabulary file (the format of
    rules/topics.yaml), relative to the pack that names it: when rules load it
    is resolved, must exist and must load (its mistakes named by file:line)."""

    def __repr__(self) -> str:
        return "TopicFileArg()"

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema
        return core_schema.with_info_after_validator_function(self.validate, handler(source))

    def validate(self, name: str, info) -> str:
        from checker.engine.argschema import check_topic_file
        return check_topic_file(name, (info.context or {}).get("pack"))


Regex = Annotated[str, RegexArg()]
DataFile = Annotated[str, DataFileArg()]
TopicFile = Annotated[str, TopicFileArg()]
Share = Annotated[float, Interval(ge=0.0, le=1.0)]  # a share of reports, 0 to 1
Kind = Literal[KINDS]  # type: ignore[valid-type]


PLUGIN_GROUP = "report_checker.checks"
_plugins_loaded = False


def find_check(name: str) -> Callable | None:
    """The check function called `name`, looking in installed plugins when
    it is not one of ours (plugins load only when a rule asks for one)."""
    checks = load_all()
    if name not in checks:
        load_plugins()
    return checks.get(name)


def load_plugins() -> None:
    """Check functions from other installed packages, through the entry point
    group `report_checker.checks`: an entry point names a module (whose
    @check functions register themselves on import) or a function (registered
    under the entry point's name; `provides`, `scoped` and `args` attributes
    are honoured as check() takes them). A plugin check without an args
    model gets its rules' args unchecked, as written."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points
    for ep in entry_points(group=PLUGIN_GROUP):
        obj = ep.load()
        if callable(obj) and ep.name not in CHECKS:
            check(ep.name, provides=getattr(obj, "provides", None),
                  scoped=bool(getattr(obj, "scoped", False)), args=getattr(obj, "args", None))(obj)


_modules_loaded = False


def load_all() -> dict[str, Callable]:
    """Import every module of this package (once) so its check functions
    register themselves: a new check is a new module, with no list to keep."""
    global _modules_loaded
    if not _modules_loaded:
        import importlib
        import pkgutil
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _modules_loaded = True
    return CHECKS
