"""Grades the decision tables allow, as the checker itself evaluates them.

Which overall grade is coherent with the other judgements is the business
of the `decision_table` rules (GRD001, GRD002); rather than restate their
tables, the strategies run those rules on a probe report holding the drawn
grades, and keep the grades on which none fires.
"""

from __future__ import annotations

from hypothesis import reject
from hypothesis import strategies as st

from checker.datafiles.frameworks import Framework
from checker.parsing.model import JudgementRow, Span
from checker.testing.strategies.checker_data import _rules, probe_report, rules_for

__all__ = ["decision_findings", "decided_judgements", "coherent_grades"]

# (kind, framework id, grades, id(rules)) -> (rule ids that fire, the rules):
# the same few grade tables are asked about thousands of times in a run; the
# rules are kept with the answer so that an id reused by other rules never
# answers for them.
_DECISIONS: dict = {}


def decision_findings(kind: str, framework: Framework, grades: dict, rules=None) -> set[str]:
    """Which decision-table rules (GRD001, GRD002, ...) fire on a judgement
    table with these grades ({judgement id: grade id or None}), as the
    checker evaluates them. A judgement absent from `grades` has no row."""
    rules = rules if rules is not None else _rules()
    key = (kind, framework.id, tuple(sorted(grades.items())), id(rules))
    hit = _DECISIONS.get(key)
    if hit is None or hit[1] is not rules:
        names = {j.id: j.name for j in (*framework.judgements, *framework.withdrawn)}
        rows = [JudgementRow(name=names.get(jid, jid), grade_text=gid or "", grade=gid,
                             judgement=jid, span=Span(i + 2, 1, i + 2, 2), grade_column=1)
                for i, (jid, gid) in enumerate(key[2])]
        report = probe_report(kind, framework.id, rows)
        fired = frozenset(rule.id for rule in rules_for(kind, framework.id, "decision_table", rules)
                          if rule.run(report, framework))
        hit = _DECISIONS[key] = (fired, rules)
    return set(hit[0])


def decided_judgements(kind: str, framework: Framework, rules=None) -> list[str]:
    """Judgements some decision table decides (overall effectiveness), in
    the framework's order."""
    wanted = {r.args.get("subject") for r in rules_for(kind, framework.id, "decision_table", rules)}
    return [j.id for j in framework.judgements if j.id in wanted]


@st.composite
def coherent_grades(draw, framework: Framework, kind: str = "ilacs", rules=None) -> dict:
    """{judgement id: grade id} for every judgement of the framework, on which
    no decision-table rule fires: the other judgements are drawn freely, then
    each decided judgement (overall effectiveness) from the grades the
    tables allow with them."""
    scale = [g.id for g in framework.scale.grades]
    subjects = decided_judgements(kind, framework, rules)
    grades = {j.id: draw(st.sampled_from(scale)) for j in framework.judgements
              if j.id not in subjects}
    for subject in subjects:
        allowed = [g for g in scale
                   if not decision_findings(kind, framework, {**grades, subject: g}, rules)]
        if not allowed:
            reject()
        grades[subject] = draw(st.sampled_from(allowed))
    return {j.id: grades[j.id] for j in framework.judgements}
