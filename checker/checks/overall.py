"""decision_table: the overall effectiveness grade against the others.

The decision table is data (rules/packs/ilacs.yaml): each row is a pair of
Jinja expressions over grade ranks, `when` and `expect`, evaluated in a
sandbox. Every judgement id of the framework is a variable holding that
row's rank (1 = best), or None when the table lacks it; the grade ids
(`outstanding`, `good`, ...) hold their ranks, and `worst`/`best` are the
worst and best rank among the judgements other than the subject. A row whose
expression needs a missing grade is skipped: the table rule reports the gap.
"""

from __future__ import annotations

from functools import cache

from jinja2 import UndefinedError

from checker.checks import Args, Finding, Related, check
from checker.datafiles.frameworks import load_frameworks
from checker.engine.templating import string_environment


@cache
def _expression(source: str):
    return string_environment().compile_expression(source, undefined_to_none=False)


def _grade_names(framework) -> dict[int, str]:
    return {g.rank: g.name for g in framework.scale.grades}


class DecisionRow(Args):
    """One row of a decision table: when `when` holds, `expect` must."""
    when: str = "true"
    expect: str
    says: str  # the row in words, for the message
    involves: list[str] | None = None  # the judgements to point at (default: the worst)


class DecisionTableArgs(Args):
    """The judgement graded by the table, and the table."""
    subject: str
    table: list[DecisionRow]

    def cross_check(self) -> None:
        """Judgement ids and expressions that name only judgements and grades
        of the frameworks, `worst` and `best`: a misspelt name would make its
        row skip every report."""
        judgements = {j.id for f in load_frameworks() for j in (*f.judgements, *f.withdrawn)}
        names = judgements | {g.id for f in load_frameworks() for g in f.scale.grades} | {
            "worst", "best"}
        for jid in [self.subject, *(i for row in self.table for i in row.involves or ())]:
            if jid not in judgements:
                raise ValueError(f"no judgement '{jid}' in any framework")
        for source in (s for row in self.table for s in (row.when, row.expect)):
            DecisionTableArgs.check_expression(source, names)

    @staticmethod
    def check_expression(source: str, names: set[str]) -> None:
        from jinja2 import TemplateError, meta
        try:
            parsed = string_environment().parse(f"{{{{ {source} }}}}")
            unknown = meta.find_undeclared_variables(parsed) - names
        except TemplateError as exc:
            raise ValueError(f"{source!r}: {exc}") from None
        if unknown:
            raise ValueError(f"{source!r} names {', '.join(sorted(unknown))}, "
                             "not a judgement or grade of any framework")


@check("decision_table", provides=("subject", "grade", "expectation", "worst", "worst_name",
                                    "worst_line", "evidence", "also"), args=DecisionTableArgs)
def decision_table(report, framework, args):
    """The subject's grade against the table's rows. One slip in a grade
    usually breaks several rows at once (an overall grade two better than the
    rest breaks "at most one better" and the leadership rows), so the first
    broken row, in the table's order, is the one finding; the others go in
    its `also` value (the diagnostic's data), not in findings of their own."""
    if framework is None:
        return
    subject_id = args["subject"]
    subject = report.judgement_row(subject_id)
    if subject is None or subject.grade is None:
        return
    graded = _Graded(report, framework, subject_id)
    if not graded.others:
        return
    broken = [entry for entry in args["table"] if _breaks(entry, graded.variables)]
    if broken:
        finding = _finding(subject, broken[0], graded, _grade_names(framework))
        finding.values["also"] = [entry["says"] for entry in broken[1:]]
        yield finding


def _breaks(entry: dict, variables: dict) -> bool:
    """The row applies to this table and its expectation does not hold (a
    row naming a judgement this report has no grade for is not decided)."""
    try:
        applies = _expression(entry.get("when", "true"))(**variables)
        holds = _expression(entry["expect"])(**variables)
    except (TypeError, UndefinedError):
        return False
    return bool(applies and not holds)


class _Graded:
    """The report's table as the decision table's expressions see it."""

    def __init__(self, report, framework, subject_id: str):
        ranks = {g.id: g.rank for g in framework.scale.grades}
        self.rows = {j.id: report.judgement_row(j.id) for j in framework.judgements}
        graded = {jid: ranks[r.grade] for jid, r in self.rows.items()
                  if r is not None and r.grade is not None}
        # the judgements other than the subject, by rank
        self.others = {jid: rank for jid, rank in graded.items() if jid != subject_id}
        self.variables: dict = {}
        if not self.others:
            return  # nothing to decide the subject by
        # Every judgement id of every framework is a variable, None where this
        # report has no such row, so one table serves all frameworks.
        every = {j.id: None for f in load_frameworks() for j in (*f.judgements, *f.withdrawn)}
        self.variables = {**ranks, **every, **graded,
                          "worst": max(self.others.values()),
                          "best": min(self.others.values())}


def _finding(subject, entry: dict, graded: _Graded, names: dict[int, str]) -> Finding:
    rows, others = graded.rows, graded.others
    involved = entry.get("involves") or sorted(others, key=others.get, reverse=True)[:1]
    related = [Related(rows[jid].span.line, f"{rows[jid].name}: {rows[jid].grade_text}")
               for jid in involved if rows.get(jid) is not None]
    worst_id = max(others, key=others.get)
    return Finding.at(subject.span, column=subject.grade_column, related=related,
                      subject=subject.name, grade=subject.grade_text,
                      expectation=entry["says"],
                      worst=names[graded.variables["worst"]],
                      worst_name=rows[worst_id].name,
                      worst_line=rows[worst_id].span.line,
                      evidence="; ".join(f"{rows[jid].name} is {rows[jid].grade_text} "
                                         f"(line {rows[jid].span.line})"
                                         for jid in involved if rows.get(jid) is not None))
