"""Message templates: rule authors' Jinja, rendered in a capped sandbox.

A message template is data from a pack file, possibly a user's, so it is
rendered in Jinja's immutable sandbox with StrictUndefined, and with size
caps the sandbox does not have (see _capped_sandbox).
"""

from __future__ import annotations

from functools import cache

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


@cache
def template_env():
    """The sandboxed Jinja environment of message templates."""
    return _capped_sandbox()


@cache
def _template(source: str):
    return template_env().from_string(source)
