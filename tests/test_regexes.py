"""The one regex analyser (checker/engine/regexes): what it reads from a pattern
through interegular, what it rewrites first, and that every speed answer is a
necessary condition on real text."""

from __future__ import annotations

import random
import re

import pytest
from conftest import SAMPLES

from checker.engine import regexes
from checker.engine.textscan import word_runs


@pytest.mark.parametrize("pattern", [
    r"\bfoo\b", r"(?:^|[.!?] )In ", r"written statement of action\b.{0,160}?\bby {date}",
    r"it ends ({reference})", r"\u2019s?\b", r"(?>a|aa)+b", r"(a++)+b", r"(\w+) \1",
    r"(?P<x>a)(?P=x)", r"[]a]+", r"(?#note)abc", r"(?i)abc", r"(?-i:[A-Z])[\w-]* was",
    r"\N{EM DASH}", r"a{,3}b", r"x{}",
])
def test_patterns_beyond_interegular_are_rewritten_and_parsed(pattern):
    assert regexes.parse(pattern) is not None, pattern


@pytest.mark.parametrize("pattern", [r"(?x) a b", r"(a)?(?(1)b|c)"])
def test_what_stays_beyond_the_analysis_gets_the_safe_answers(pattern):
    assert regexes.parse(pattern) is None
    assert regexes.needed_literals(pattern) == ()
    assert regexes.match_prefixes(pattern) is None
    assert regexes.space_locality(pattern) == 0


def test_the_plain_check_guards_patterns_beyond_the_analysis():
    assert regexes.unsafe_reason(r"(?x) (a+)+ b")
    assert regexes.unsafe_reason(r"(?x) a b") is None


def test_unicode_categories_are_not_ascii_sets():
    """interegular reads \\d as [0-9]; Python's \\d matches any decimal digit,
    so no prefix of ASCII digits is claimed for it."""
    assert re.match(r"\d+ children", "\u0663 children")
    assert regexes.match_prefixes(r"\d+ children") is None
    assert regexes.match_prefixes(r"[0-9]+ children") == frozenset("0123456789")
    assert regexes.match_prefixes(r"\bfoo|bar") == {"foo", "bar"}


def test_space_locality():
    from checker.checks.abbreviation_scan import DEFAULT_TOKEN
    assert regexes.space_locality(DEFAULT_TOKEN) == 2
    assert regexes.space_locality(r"[A-Z]{2,}$") == 1  # $ tells white space from the end
    assert regexes.space_locality(r"[A-Z]+(?=\s)") == 1  # reads the space after it
    assert regexes.space_locality(r"[A-Z]+\s[A-Z]+") == 0


def _random_patterns(n: int) -> list[str]:
    rng = random.Random(10)
    atoms = ["a", "b", "ab", "\\d", "\\w", "\\s", "[a-c]", "[^a]", ".", "\\b", "^", "$",
             "in", " ", "\u2019", "\\.", "[A-Z]", "K", "care", "19"]

    def gen(depth=0):
        out = ""
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.2 and depth < 2:
                atom = "(?:" + gen(depth + 1) + ("|" + gen(depth + 1) if rng.random() < .5
                                                 else "") + ")"
            elif r < 0.25 and depth < 2:
                atom = "(?>" + gen(depth + 1) + ")"
            else:
                atom = rng.choice(atoms)
            if atom not in ("\\b", "^", "$"):
                atom += rng.choice(["", "", "", "*", "+", "?", "{2}", "{1,3}", "++", "*?"])
            out += atom
        return out

    return _safe_patterns(gen, n)


def _safe_patterns(gen, n: int) -> list[str]:
    """`n` patterns from `gen()` that compile and are safe to run over text."""
    found: list[str] = []
    while len(found) < n:
        pattern = gen()
        try:
            re.compile(pattern)
        except re.error:
            continue
        if not regexes.unsafe_reason(pattern):  # never run an unsafe one over text
            found.append(pattern)
    return found


def test_literals_and_prefixes_are_necessary_on_real_text():
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    pieces = [text[i:i + 500] for i in range(0, 20000, 500)] + ["aab ab K \u2019 . 19"]
    for pattern in _random_patterns(300):
        for flags in (0, re.IGNORECASE):
            rx = re.compile(pattern, flags)
            needs = regexes.needed_literals(pattern, flags)
            prefixes = regexes.match_prefixes(pattern, flags)
            for piece in pieces:
                low = piece.lower()
                for m in rx.finditer(piece):
                    assert all(any(s in low for s in clause) for clause in needs), \
                        (pattern, needs, m.group())
                    if prefixes:
                        assert m.end() > m.start() and any(
                            low.startswith(s, m.start()) for s in prefixes), (pattern, prefixes)


def _random_word_patterns(n: int) -> list[str]:
    """Patterns of words and what may stand beside them: the shapes
    needed_words() reads (separators, optional parts, alternatives)."""
    rng = random.Random(16)
    atoms = ["care", "children", "plans", "leavers", "that", "s", "x", "[ab]", "[Cc]", "\\w",
             "\\d", "[a-z]", " ", "\\b", "'", "\u2019", "\\.", "-", ",", "[ ,]", "\\s", "\\W",
             "[^a]", "K"]
    separators = atoms[12:]

    def gen(depth=0):
        out = ""
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.25 and depth < 2:
                atom = "(?:" + gen(depth + 1) + ("|" + gen(depth + 1) if rng.random() < .6
                                                 else "") + ")"
            elif rng.random() < 0.5:  # a word between two possible separators
                atom = rng.choice(separators) + rng.choice(atoms[:4]) + rng.choice(separators)
            else:
                atom = rng.choice(atoms)
            if atom != "\\b":
                atom += rng.choice(["", "", "", "", "?", "*", "+", "{1,2}", "{2,3}"])
            out += atom
        return out

    return _safe_patterns(gen, n)


def test_needed_words_are_necessary_on_real_text():
    """Every match holds one word of each clause as a whole run of ASCII
    letters of the lower-cased text (as the word index cuts it)."""
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    pieces = [text[i:i + 500] for i in range(0, 30000, 500)] + [
        "care-plans, children's care x care\u2019s plans. K-care 2care care_plans caré"]
    runs_of = [set(word_runs(piece.lower())) for piece in pieces]
    claimed = 0
    for pattern in _random_word_patterns(400):
        for flags in (0, re.IGNORECASE):
            rx, clauses = re.compile(pattern, flags), regexes.needed_words(pattern, flags)
            claimed += bool(clauses)
            for piece, runs in zip(pieces, runs_of):
                for _ in rx.finditer(piece):
                    assert all(clause & runs for clause in clauses), (pattern, clauses)
    assert claimed > 100  # the patterns exercise the analysis
