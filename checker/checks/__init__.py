"""Check functions: the small library that YAML rules call by name.

A check function has the signature

    def check(report: Report, framework: Framework | None, args: dict) -> Iterable[Finding]

It reads only the document model and yields one Finding per problem, with the
values the rule's message template may use. Severity, wording and whether the
rule runs at all are the YAML rule's business (rules/packs/*.yaml), so the same
function serves several rules with different arguments.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.engine.diagnostics import Finding, Related

__all__ = ["CHECKS", "Finding", "Related", "check", "find_check", "load_all"]

CHECKS: dict[str, Callable] = {}
# What each check declares about itself, verified when rules load:
PROVIDES: dict[str, frozenset[str]] = {}  # the values its findings carry
SCOPED: set[str] = set()  # reads report.blocks(), so a rule's `scope` applies


def check(name: str, provides: tuple[str, ...] | None = None, scoped: bool = False):
    """Register a check function under the name rules use in `check:`.

    `provides` names the values every finding carries, so a message template
    that uses another variable is an error when rules load, not when the rule
    first fires; `scoped` says the check reads only `report.blocks()`, so a
    rule may narrow it with `scope:` (nodes, a named section).
    """
    def register(fn):
        CHECKS[name] = fn
        if provides is not None:
            PROVIDES[name] = frozenset(provides)
        if scoped:
            SCOPED.add(name)
        return fn
    return register


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
    under the entry point's name; a `provides` attribute is honoured)."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points
    for ep in entry_points(group=PLUGIN_GROUP):
        obj = ep.load()
        if callable(obj) and ep.name not in CHECKS:
            check(ep.name, provides=getattr(obj, "provides", None),
                  scoped=bool(getattr(obj, "scoped", False)))(obj)


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
