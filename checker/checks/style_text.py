"""Reading running text around a match, for the house-style checks
(checker/checks/style.py): sentence starts, the words either side, official
names to leave alone, letter case."""

from __future__ import annotations

import re
from functools import cache, wraps
from typing import NamedTuple

from checker.checks.lexicon import phrase_regex
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine import regexes

# What may stand between a sentence's end and its first word: spaces, quotes,
# brackets.
_BEFORE_WORD = " \t\n'\"‘’“”([{"
_SENTENCE_END = ".!?:…"
_WORD_BEFORE = re.compile(r"([\w'’]+)[ \t\n]+$")
_WORD_AFTER = re.compile(r"[ \t\n]+([\w'’]+)")


@cache  # a pure function of the data file (its name)
def data_file(name: str) -> dict:
    path = data_dir("rules") / "data" / name
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping")
    return data


def by_args(build):
    """`build(args)` worked out once per value of a rule's args (plain YAML
    data, so their repr is their value), not at every report: what args
    compile to is a pure function of them (and of the data files named)."""
    memo: dict[str, object] = {}

    @wraps(build)
    def compiled(args: dict):
        key = repr(args)
        try:
            return memo[key]
        except KeyError:
            value = memo[key] = build(args)
            return value
    return compiled


def sentence_start(text: str, start: int) -> bool:
    """Is text[start] the first word of a sentence (or of the block)?"""
    j = start
    while j > 0 and text[j - 1] in _BEFORE_WORD:
        j -= 1
    return j == 0 or text[j - 1] in _SENTENCE_END


def word_before(text: str, start: int) -> str | None:
    """The word just before text[start], if only spaces separate them."""
    found = word_before_at(text, start)
    return found[0] if found else None


def word_before_at(text: str, start: int) -> tuple[str, int] | None:
    """That word and where it starts in `text`."""
    base = max(0, start - 80)
    m = _WORD_BEFORE.search(text[base:start])
    return (m.group(1), base + m.start(1)) if m else None


def word_after(text: str, end: int) -> str | None:
    """The word just after text[end], if only spaces separate them."""
    m = _WORD_AFTER.match(text[end:end + 80])
    return m.group(1) if m else None


def excepted(text: str, start: int, end: int, not_after, not_before) -> bool:
    """The word before text[start:end] is in `not_after`, or the word after
    it in `not_before` (each looked up only when its list is not empty)."""
    if not_after:
        before = word_before(text, start)
        if before and key(before) in not_after:
            return True
    if not_before:
        after = word_after(text, end)
        if after and key(after) in not_before:
            return True
    return False


class _IgnorePlan(NamedTuple):
    """The ignored phrases as one expression, the literals every match of
    it has and the strings a match starts with (checker/engine/regexes)."""
    regex: re.Pattern
    needs: tuple
    prefixes: frozenset[str] | None


@cache  # a pure function of the phrases
def _ignore_plan(phrases: tuple[str, ...]) -> _IgnorePlan | None:
    if not phrases:
        return None
    regex = re.compile("|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)),
                       re.I)
    return _IgnorePlan(regex, regexes.needed_literals(regex.pattern, re.IGNORECASE),
                       regexes.match_prefixes(regex.pattern, re.IGNORECASE))


def ignored(index, text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the ignored phrases (official names) are in `text`; `index`:
    the report's TextIndex."""
    plan = _ignore_plan(phrases)
    if plan is None or not index.may_match(text, plan.needs):
        return []
    return [m.span() for m in index.matches(plan.regex, text, plan.prefixes)]


def inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def key(text: str) -> str:
    """A word or phrase as compared: lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("’", "'").split())


def same_case(found: str, preferred: str) -> str:
    """The preferred form written with the found form's capitals."""
    if len(found) > 1 and found.isupper():
        return preferred.upper()
    if found[:1].isupper():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def is_name(text: str, start: int, found: str) -> bool:
    """A capitalised word in the middle of a sentence: part of a name."""
    return found[:1].isupper() and not sentence_start(text, start)


def lower_set(words) -> frozenset[str]:
    return frozenset(key(str(w)) for w in (words or ()))


def inflect(base: str, ending: str) -> str:
    if ending and base.endswith("e") and ending[0] in "aeiouy":
        return base[:-1] + ending
    return base + ending
