"""A rule: one entry of a pack file, and how it turns findings into diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.checks import find_check
from checker.datafiles.frameworks import Framework, heading_key
from checker.engine import messages
from checker.engine.analysis import Analysis
from checker.engine.diagnostics import Diagnostic, Finding
from checker.engine.messages import _MAX_MESSAGE
from checker.parsing.model import Report


def _template(message: str | dict):
    """The compiled template of a message, or, for a message keyed by
    problem, a chooser that renders the template of the finding's problem."""
    return messages._template(message) if isinstance(message, str) else _ByProblem(message)


class _ByProblem:
    """A message with one template per kind of problem ({problem: template}):
    the finding's `problem` value picks one, "default" serves the others."""

    def __init__(self, templates: dict[str, str]):
        self.templates = templates

    def render(self, **values) -> str:
        from jinja2 import TemplateError
        problem = values.get("problem")
        source = self.templates.get(problem, self.templates.get("default"))
        if source is None:
            raise TemplateError(f"no message for problem {problem!r}")
        return messages._template(source).render(**values)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    kinds: tuple[str, ...]
    frameworks: tuple[str, ...] | None
    check: str
    args: dict
    message: str | dict  # a template, or {problem: template}
    docs: dict
    source: str
    tags: tuple[str, ...] = field(default=())
    scope: dict | None = None
    line: int = 0

    def applies(self, report: Report) -> bool:
        return report.kind in self.kinds and (
            self.frameworks is None or report.framework in self.frameworks)

    def run(self, report: Report | Analysis, framework: Framework | None) -> list[Diagnostic]:
        """The rule's diagnostics for one report (the runner's Analysis of it,
        or a bare Report, which gets one)."""
        function = find_check(self.check)
        out = []
        analysis = Analysis.of(report)
        target = Scoped(analysis, self.scope) if self.scope else analysis
        for f in function(target, framework, self.args):
            # the template is compiled at the first finding: most rules find nothing
            out.append(self._diagnostic(f, _template(self.message)))
        return out

    def _diagnostic(self, finding: Finding, template) -> Diagnostic:
        from jinja2 import TemplateError
        try:
            message = template.render(**finding.values)
        except TemplateError as exc:  # a rule author's slip, shown, not raised
            message = f"(message template of {self.id} failed: {exc}) {finding.values}"
        message = " ".join(message.split())[:_MAX_MESSAGE]
        return Diagnostic(self.id, self.severity, message, finding.line, finding.column,
                          finding.end_line, finding.end_column, tuple(finding.related),
                          dict(finding.values))


class Scoped(Analysis):
    """The report as a scoped rule sees it: `blocks()` gives only the nodes
    the rule's scope names (of those, the `kinds` asked for), and only
    paragraphs of the named section. The text index and the evidence index
    are the whole report's; blocks and shared work are this view's own."""

    def __init__(self, analysis: Analysis, scope: dict):
        super().__init__(analysis.report, parent=analysis)
        self._whole = analysis
        self._nodes = frozenset(scope.get("nodes") or ())
        section = scope.get("section")
        self._section = None if not section else heading_key(section)

    def blocks(self, kinds=None) -> tuple:
        return super().blocks(self._nodes if kinds is None else self._nodes & set(kinds))

    def block_texts(self, kinds=None):
        return super().block_texts(self._nodes if kinds is None else kinds)

    def _make_blocks(self, kinds: frozenset[str]):
        whole = self._whole
        if self._section is None:
            return whole.blocks(kinds)
        # a named section: its paragraphs, and the sentences of its paragraphs
        mine = {id(p) for s in whole.report.sections if heading_key(s.heading) == self._section
                for p in s.paragraphs}
        out = [(kind, block) for kind, block in whole.blocks(kinds - {"sentence"})
               if kind != "paragraph" or id(block) in mine]
        if "sentence" in kinds:
            out += [("sentence", s) for _, block in whole.blocks(("paragraph",))
                    if id(block) in mine for s in block.sentences()]
        return out
