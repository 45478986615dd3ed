"""Every rule against the pass and fail cases written in its own entry.

A rule entry's `tests:` (and its docs' example, the first fail case; see
checker/engine/rulefixtures.py for the format) name a short base report
(tests/rules/bases/NAME.txt) or a real one (`document:`), text to put at the
base's {text} place and exact, unique `replace:` edits. Each case runs the
rule ALONE: a pass case must find nothing; a fail case must find exactly one
finding per `finds` phrase, each phrase matched to its own finding by the
message or by the words the finding flags. Then it runs every rule: the rule
finds the same, and the change adds no error or warning of any other rule to
what the unchanged document has, except the knock-on findings `also` names.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import mutate, sample_text

from checker.api import check_text
from checker.datafiles.yamlfile import load_yaml
from checker.engine.loading import builtin_packs
from checker.engine.rulefile import validate_pack

BASES = Path(__file__).parent / "rules" / "bases"
# The base a case uses when neither it nor its rule's `tests.base` names one:
# the rule's first framework if it has a base, else its first kind's.
KIND_BASES = {"ilacs": "ilacs-2023", "focused_visit": "focused-visit", "jtai": "jtai",
              "monitoring_visit": "monitoring-visit", "sif": "sif"}
_MARKER = re.compile(r" ?\{text\}")


def _entries() -> list[dict]:
    out = []
    for path in builtin_packs().values():
        out += validate_pack(load_yaml(path), str(path), with_tests=True)["rules"]
    return sorted(out, key=lambda e: e["id"])


ENTRIES = _entries()


def _cases():
    for entry in ENTRIES:
        tests = entry.get("tests") or {}
        for outcome in ("pass", "fail"):
            for i, case in enumerate(tests.get(outcome) or ()):
                name = case.get("name") or case.get("text") or f"case {i + 1}"
                yield pytest.param(entry, outcome, case, id=f"{entry['id']}-{outcome}-{name}")


def _base(entry: dict, case: dict) -> str:
    named = case.get("base") or (entry.get("tests") or {}).get("base")
    if named:
        return named
    for framework in entry.get("frameworks") or ():
        if (BASES / f"{framework}.txt").exists():
            return framework
    return KIND_BASES[entry["kinds"][0]]


def _put(base: str, text: str | None) -> str:
    """The base with `text` at its {text} place (or the place removed)."""
    if text is None:
        return _MARKER.sub("", base)
    assert _MARKER.search(base), "this base has no {text} place: use replace"
    return _MARKER.sub(lambda m: m.group(0)[:-len("{text}")] + text, base, count=1)


def documents(entry: dict, case: dict) -> tuple[str, str, str]:
    """(file name, the document unchanged, the document as the case makes it)."""
    if case.get("document"):
        name = case["document"]
        original = sample_text(name)
        assert case.get("text") is None, "text goes into a base; a document takes replace"
        changed = original
    else:
        name = f"{_base(entry, case)}.txt"
        raw = (BASES / name).read_text(encoding="utf-8")
        original, changed = _put(raw, None), _put(raw, case.get("text"))
    return name, original, mutate(changed, case.get("replace") or ())


def flagged(lines: list[str], d) -> str:
    """The words a finding flags: its span of the original text."""
    if d.end_line < d.line or d.end_line > len(lines):
        return lines[d.line - 1] if 0 < d.line <= len(lines) else ""
    if d.line == d.end_line:
        return lines[d.line - 1][d.column - 1:d.end_column - 1] or lines[d.line - 1]
    middle = lines[d.line:d.end_line - 1]
    return "\n".join([lines[d.line - 1][d.column - 1:], *middle,
                      lines[d.end_line - 1][:d.end_column - 1]])


def matched(wanted: list, targets: list, fits=lambda want, target: want in target) -> bool:
    """Each wanted item fits its own target (a small bipartite matching)."""
    if not wanted:
        return True
    first, rest = wanted[0], wanted[1:]
    return any(fits(first, target) and matched(rest, targets[:i] + targets[i + 1:], fits)
               for i, target in enumerate(targets))


def _noise(result) -> Counter:
    """Errors and warnings keyed by rule and the text of their line, so a
    change that shifts lines does not make old findings look new."""
    lines = result.source.original_lines
    return Counter((d.rule, lines[d.line - 1].strip()) for d in result.diagnostics
                   if d.severity in ("error", "warning"))


def _knock_ons(everything, original, rule_id: str) -> list[tuple[str, str]]:
    """(rule, its messages and line) of each error or warning of another rule
    that the change adds to the unchanged document's."""
    new = _noise(everything) - _noise(original)
    lines = everything.source.original_lines
    out = []
    for (rule, line), count in new.items():
        if rule != rule_id:
            said = [d.message for d in everything.diagnostics
                    if d.rule == rule and lines[d.line - 1].strip() == line]
            out += [(rule, "\n".join([*said, line]))] * count
    return out


def _shown(result) -> list[str]:
    lines = result.source.original_lines
    return [f"{d.rule} line {d.line}: {d.message} [{flagged(lines, d)!r}]"
            for d in result.diagnostics]


@pytest.mark.parametrize("entry, outcome, case", list(_cases()))
def test_rule_case(entry, outcome, case, all_rules):
    rule = next(r for r in all_rules if r.id == entry["id"])
    name, original, text = documents(entry, case)
    alone = check_text(text, path=name, rules=(rule,))
    assert alone.error is None, alone.error
    lines = alone.source.original_lines
    targets = [f"{d.message}\n{flagged(lines, d)}" for d in alone.diagnostics]
    if outcome == "pass":
        assert not alone.diagnostics, _shown(alone)
    elif case.get("finds"):
        assert len(targets) == len(case["finds"]) and matched(case["finds"], targets), \
            (case["finds"], _shown(alone))
    else:  # the docs' example without `finds`: it must fire
        assert alone.diagnostics, "the docs' example finds nothing"
    everything = check_text(text, path=name)
    assert [d for d in everything.diagnostics if d.rule == rule.id] == alone.diagnostics
    # Nowhere else: compared with the unchanged document, the change adds no
    # error or warning but this rule's and the knock-ons the case names.
    others = _knock_ons(everything, check_text(original, path=name), rule.id)
    also = case.get("also") or []
    assert len(others) == len(also) and matched(
        also, others, lambda a, o: a["rule"] == o[0] and a["finds"] in o[1]), (also, others)


def test_every_rule_has_docs_and_pass_and_fail_cases(all_rules):
    by_id = {e["id"]: e for e in ENTRIES}
    for rule in all_rules:
        assert all(rule.docs.get(k, "").strip() for k in ("what", "why", "example")), rule.id
        tests = by_id[rule.id].get("tests")
        assert tests, f"{rule.id} has no tests: in its entry ({rule.source})"
        assert tests["pass"], f"{rule.id} has no pass case"
        assert len(tests["fail"]) > 1, f"{rule.id} has no fail case besides its docs' example"


@pytest.mark.parametrize("base", sorted(p.stem for p in BASES.glob("*.txt")))
def test_bases_are_clean(base):
    """A base is a valid report: no rule finds an error or warning in it."""
    text = _put((BASES / f"{base}.txt").read_text(encoding="utf-8"), None)
    result = check_text(text, path=f"{base}.txt")
    assert result.error is None and not _noise(result), _shown(result)
