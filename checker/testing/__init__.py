"""checker.testing: a hypothesis toolkit for rule authors (and the checker's own tests).

Generate valid Ofsted reports of every kind and framework, render them in the
published text layout or as Word drafts, put one known defect in, and check
them with the real reader, parser and rules:

    from hypothesis import given
    from checker.api import check_text
    from checker.testing import reports, render_text

    @given(reports(kinds=["ilacs"]))
    def test_my_rule_is_silent_on_valid_reports(model):
        result = check_text(render_text(model).text, rules=MY_RULES)
        assert not result.diagnostics

Modules:

- `checker.testing.model`: what a generated report says (`ReportModel`,
  `Row`, `Section`, `Paragraph`, `Layout`) and what a round trip must
  preserve (`parts` / `report_parts`).
- `checker.testing.render`: `render_text` (text and where each part is,
  render/text.py), `render_docx` (Word, with automatic paragraph numbering,
  render/word.py); it also exports the model's names.
- `checker.testing.strategies`: `reports()`, `ilacs_reports()`, `letters()`,
  `layouts()`, `coherent_grades()`, `supported_item()`, one module per kind
  of document and per part of one; everything "valid" means is read from
  rules/frameworks/*.yaml and the rule packs (strategies/checker_data.py).
- `checker.testing.faults`: `faulty_reports()`, `faulty()`, `FAULTS`, and the
  `@fault` decorator for your own; each fault knows the rule that must
  report it and where; one module per family of faults.
- `checker.testing.sentences`: the sentence pools (real published reports,
  Open Government Licence v3.0), read from sentences.json.

Needs hypothesis (`pip install report-checker[test]`); the renderer alone
does not. See docs/testing-rules.md ("Testing your rules").
"""

from checker.testing.faults import FAULTS, Expected, Injected, fault, faulty, faulty_reports
from checker.testing.model import (
    Layout,
    Paragraph,
    ReportModel,
    Row,
    Section,
    parts,
    renumber,
    report_parts,
)
from checker.testing.render import Rendered, render_docx, render_text
from checker.testing.strategies import (
    coherent_grades,
    combinations,
    decision_findings,
    ilacs_reports,
    layouts,
    letters,
    reports,
    supported_item,
)

__all__ = [
    "Layout", "Paragraph", "Rendered", "ReportModel", "Row", "Section", "parts",
    "render_docx", "render_text", "renumber", "report_parts",
    "coherent_grades", "combinations", "decision_findings", "ilacs_reports", "layouts",
    "letters", "reports", "supported_item",
    "FAULTS", "Expected", "Injected", "fault", "faulty", "faulty_reports",
]
