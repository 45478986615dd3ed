"""Message templates: rule authors' Jinja, rendered under the one template
policy (checker/engine/templating.py: the capped immutable sandbox,
StrictUndefined), because a message template is data from a pack file,
possibly a user's."""

from __future__ import annotations

from functools import cache

from checker.engine.templating import MAX_BUILT, string_environment

# Messages are short: a runaway template (a loop over a large value) is cut.
_MAX_MESSAGE = MAX_BUILT


def template_env():
    """The sandboxed Jinja environment of message templates."""
    return string_environment()


@cache
def _template(source: str):
    return template_env().from_string(source)
