"""The one Jinja policy: every template report-checker renders comes from here.

Two kinds of template are rendered: a rule's message (and a decision
table's expressions), which are text from a pack file, possibly a user's;
and the output templates in templates/ (text, Markdown, HTML), which a user
may edit in an installed copy. Both get the same treatment, so no renderer
keeps a laxer copy of its own:

- Jinja's immutable sandbox: no attribute tricks (`__class__`, `mro`), no
  mutating a value handed to the template;
- StrictUndefined: a misspelt variable is an error, never an empty string;
- size caps the sandbox lacks: one expression may not build a string or list
  of more than MAX_BUILT items (`{{ 'a' * 50000000 }}`) or a range that long,
  nor raise to a power above 64, so a template cannot run away with memory;
- autoescape exactly where the output is HTML (`escape_html=True`), and
  trim_blocks/lstrip_blocks everywhere, so block tags leave no blank lines.

Jinja is imported when the first environment is made, not at import.
"""

from __future__ import annotations

import contextlib
from functools import cache

# The largest string, list or range a single template expression may build:
# a message is at most this long, and no output template needs more.
MAX_BUILT = 2000
# Compiled output templates are cached (Jinja's own bytecode cache) in a
# folder named after this policy: bytecode compiled under other options
# (another sandbox, no autoescape) is never loaded under these.
_POLICY = "sandbox-1"


@cache
def _sandbox_class():
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class CappedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, refusing `*` and `**` results past the caps."""

        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            size = 0
            if operator == "*" and isinstance(left, (str, list)) and isinstance(right, int):
                size = len(left) * right
            elif operator == "*" and isinstance(right, (str, list)) and isinstance(left, int):
                size = len(right) * left
            elif operator == "**" and isinstance(right, int) and right > 64:
                raise SecurityError("exponent too large in a template")
            if size > MAX_BUILT:
                unit = "characters" if isinstance(left, str) or isinstance(right, str) else "items"
                raise SecurityError(f"a template tried to build {size} {unit}")
            return super().call_binop(context, operator, left, right)

    return CappedSandbox


def _capped_range(*args):
    """range() at most MAX_BUILT long (the sandbox allows 100,000): a loop over
    it, with a filter over another inside, stays within seconds."""
    from jinja2.exceptions import SecurityError
    items = range(*args)
    if len(items) > MAX_BUILT:
        raise SecurityError(f"a template asked for a range of {len(items)} items")
    return items


def sandbox(escape_html: bool = False, **options):
    """A new environment under the policy; `options` are Jinja's (a loader,
    keep_trailing_newline, a bytecode cache), never the policy's own."""
    from jinja2 import StrictUndefined
    env = _sandbox_class()(undefined=StrictUndefined, autoescape=escape_html,
                           trim_blocks=True, lstrip_blocks=True, **options)
    env.globals["range"] = _capped_range
    return env


@cache
def string_environment():
    """The environment of templates given as strings: rule messages, and
    decision-table expressions (plain text, not HTML)."""
    return sandbox()


def files_environment(escape_html: bool):
    """A new environment over the output templates in templates/ (a renderer
    caches its own, adding its filters). HTML pages escape every value; text
    and Markdown keep their final newline."""
    from jinja2 import FileSystemLoader

    from checker.datafiles.resources import data_dir
    return sandbox(escape_html, loader=FileSystemLoader(data_dir("templates")),
                   keep_trailing_newline=not escape_html,
                   bytecode_cache=_bytecode_cache("html" if escape_html else "text"))


def _bytecode_cache(name: str):
    """Jinja's own cache of compiled templates (keyed by each template's
    source), in the cache folder: a one-report run need not compile them.
    Best effort: no cache folder, no cache."""
    from jinja2 import FileSystemBytecodeCache

    from checker.datafiles.resources import cache_dir

    class _BestEffort(FileSystemBytecodeCache):
        def dump_bytecode(self, bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    folder = cache_dir() / "templates" / f"{_POLICY}-{name}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BestEffort(str(folder))
