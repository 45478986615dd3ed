"""Hypothesis strategies for valid report models, of every kind and framework.

Everything a strategy needs to know about what "valid" means is read from the
checker's own data, never written down here again (checker_data.py):

- frameworks, judgement names, section order, grade scales and the dates each
  framework applies to: rules/frameworks/*.yaml (a new framework file is
  generated as soon as it exists);
- which overall grades are coherent: the `decision_table` rules (GRD001,
  GRD002), evaluated by the checker itself on the drawn grades (grades.py);
- the inspection lengths (DAT002), the statement-of-action deadline (DAT004)
  (dates.py), a letter's headings (LET001-LET003), which letter sections are
  findings and the support threshold (SUP001, SUP003): the rules' args;
- local authorities: the authority rule's data file.

Improvement items (and a JTAI letter's strengths) are made from the words of
a finding paragraph, so the paragraph supports them completely (items.py).

The main entry points:

    reports()                      any kind, any framework
    reports(kinds=["ilacs"], frameworks=["ilacs-2023"])
    ilacs_reports(framework)       one ILACS inspection report (ilacs.py)
    letters(kind, framework)       a focused visit, monitoring visit or JTAI letter (letters.py)
    layouts()                      text artefacts: wrapping, page breaks, bullets (prose.py)

Strategies draw whole sentences (an index into a pool of checker.testing.sentences)
and small integers, so a report of 20 paragraphs costs a few milliseconds.
"""

from __future__ import annotations

from hypothesis import strategies as st

from checker.testing.model import ReportModel
from checker.testing.strategies.checker_data import (
    LETTER_KINDS,
    authorities,
    combinations,
    finding_sections,
    letter_headings,
    other_authorities,
    rules_for,
    support_threshold,
)
from checker.testing.strategies.dates import inspection_lengths, statement_deadline
from checker.testing.strategies.grades import (
    coherent_grades,
    decided_judgements,
    decision_findings,
)
from checker.testing.strategies.ilacs import ilacs_reports
from checker.testing.strategies.items import similar, supported_item, supported_items
from checker.testing.strategies.letters import PUBLICATION, STATEMENT, STATEMENT_DUE, letters
from checker.testing.strategies.prose import layouts, sentences

__all__ = [
    "reports", "ilacs_reports", "letters", "layouts", "combinations", "coherent_grades",
    "decision_findings", "supported_item", "sentences", "authorities", "rules_for",
    "finding_sections", "support_threshold", "LETTER_KINDS",
    # for faults (checker.testing.faults) and tests of your own
    "decided_judgements", "inspection_lengths", "letter_headings", "other_authorities",
    "similar", "statement_deadline", "supported_items", "PUBLICATION", "STATEMENT",
    "STATEMENT_DUE",
]


def reports(kinds=None, frameworks=None, layout=None, rules=None) -> st.SearchStrategy[ReportModel]:
    """A valid report of any of `kinds` under any of `frameworks` (ids);
    default: every kind of every framework in rules/frameworks/."""
    pairs = combinations(kinds, frameworks)
    if not pairs:
        raise ValueError(f"no framework declares kinds {kinds} (frameworks: {frameworks})")

    def build(pair):
        kind, framework = pair
        if kind == "ilacs":
            return ilacs_reports(framework, layout, rules)
        return letters(kind, framework, layout, rules)

    return st.sampled_from(pairs).flatmap(build)
