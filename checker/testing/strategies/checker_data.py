"""What "valid" means, read from the checker's own rules and data files.

The strategies never write down a judgement name, a grade, a heading or a
threshold: they ask the loaded rules (their args) and the framework and
authority data, so a changed rule pack or a new framework file changes what
is generated with no edit here.
"""

from __future__ import annotations

from functools import cache

import checker.datafiles.frameworks as _frameworks
from checker.datafiles.frameworks import Framework, heading_key
from checker.parsing.model import Report, Span

__all__ = ["LETTER_KINDS", "rules_for", "probe_report", "combinations", "authorities",
           "authority_data", "other_authorities", "finding_sections", "support_threshold",
           "letter_headings"]

LETTER_KINDS = ("focused_visit", "jtai", "monitoring_visit")
# The kinds the toolkit can generate. Single inspection framework reports
# (2013-2018, kind "sif") are not generated: their rules are tested on a real
# report (tests/rules/bases/sif.txt) and on the archive's 43.
GENERATED_KINDS = ("ilacs", *LETTER_KINDS)


@cache
def _rules():
    from checker.engine.rules import load_rules
    return load_rules()


def rules_for(kind: str, framework: str | None, check: str | None = None, rules=None) -> tuple:
    """The rules that apply to a document of this kind and framework
    (optionally only those calling one check function)."""
    probe = probe_report(kind, framework)
    return tuple(r for r in (rules if rules is not None else _rules())
                 if r.applies(probe) and (check is None or r.check == check))


def probe_report(kind, framework, rows=()) -> Report:
    """An empty parsed report of this kind and framework (with these
    judgement rows): enough to ask a rule whether it applies, or what a
    decision table finds."""
    return Report(path="<generated>", kind=kind, framework=framework, title="", authority=None,
                  dates=None, letter_date=None, lead_inspector=None,
                  table=Span(1, 1, 1, 2), judgements=tuple(rows))


def combinations(kinds=None, frameworks=None) -> list[tuple[str, Framework]]:
    """Every (kind, framework) pair the framework files declare, of the kinds
    the toolkit generates, optionally narrowed to some kinds or framework ids."""
    out = []
    for f in _frameworks.load_frameworks():
        if frameworks is not None and f.id not in frameworks:
            continue
        for kind in f.kinds:
            if kind not in GENERATED_KINDS or kinds is not None and kind not in kinds:
                continue
            if kind == "ilacs" and not f.judgements:
                continue
            out.append((kind, f))
    return out


@cache
def authority_data() -> tuple[dict, ...]:
    """The entries of the authority rule's data file (names, partners,
    predecessors, the dates an authority existed)."""
    from checker.datafiles.resources import data_dir
    from checker.datafiles.yamlfile import load_yaml
    rule = next((r for r in _rules() if r.check == "other_authority"), None)
    name = (rule.args.get("data") if rule else None) or "local-authorities.yaml"
    return tuple(load_yaml(data_dir("rules") / "data" / name)["authorities"])


def authorities() -> tuple[str, ...]:
    """Local authorities a generated report may be about: those with
    children's services for the whole period generated, whose name is not also
    an ordinary word."""
    return tuple(a["name"] for a in authority_data()
                 if a.get("type") != "former" and not a.get("since") and not a.get("until")
                 and not a.get("also_a_word"))


def other_authorities(own: str) -> tuple[str, ...]:
    """Authorities that are not `own`, its partners or predecessors, nor share
    a word with it (a name inside another name is the same authority to a reader)."""
    entry = next((a for a in authority_data() if a["name"] == own), {})
    related = {own, *entry.get("partners", ()), *entry.get("successor_of", ())}
    for a in authority_data():  # authorities that name `own` as their partner
        if own in a.get("partners", ()) or own in a.get("successor_of", ()):
            related.add(a["name"])
    words = set(own.split())
    return tuple(name for name in authorities()
                 if name not in related and not words & set(name.split()))


def finding_sections(kind: str, items: str = "improvements") -> set[str] | None:
    """The letter headings whose paragraphs count as findings for the
    support rule over `items` (None: every paragraph, as in ILACS reports)."""
    for rule in rules_for(kind, None, "supported_by"):
        if rule.args.get("items", "improvements") != items:
            continue
        sections = rule.args.get("finding_sections") or []
        if isinstance(sections, dict):
            sections = sections.get(kind) or []
        return {heading_key(h) for h in sections} or None
    return None


def support_threshold(kind: str, items: str = "improvements") -> float:
    """The highest support score any support rule over `items` asks of an
    item: a generated item must clear it, an unsupported one stay under it."""
    from checker.engine.support import DEFAULT_THRESHOLD
    return max([float(r.args.get("threshold", DEFAULT_THRESHOLD))
                for r in rules_for(kind, None, "supported_by")
                if r.args.get("items", "improvements") == items] or [DEFAULT_THRESHOLD])


def letter_headings(kind: str, rules=None) -> list:
    """The headings a letter of this kind must have, in order, from its
    required_headings rule: each a heading, or a list of accepted spellings."""
    for rule in rules_for(kind, None, "required_headings", rules):
        return list(rule.args["headings"])
    return []
