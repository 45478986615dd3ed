"""A rule: one entry of a pack file, and how it turns findings into diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.checks import find_check
from checker.datafiles.frameworks import Framework, heading_key
from checker.engine import messages
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

    def run(self, report: Report, framework: Framework | None) -> list[Diagnostic]:
        function = find_check(self.check)
        out = []
        target = Scoped(report, self.scope) if self.scope else report
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


class Scoped:
    """The report as a scoped rule sees it: `blocks()` yields only the nodes
    the rule's scope names, and only paragraphs of the named section."""

    def __init__(self, report: Report, scope: dict):
        self._report = report
        self._nodes = set(scope.get("nodes") or ())
        section = scope.get("section")
        self._paragraphs = None if not section else {
            id(p) for s in report.sections if heading_key(s.heading) == heading_key(section)
            for p in s.paragraphs}

    def __getattr__(self, name):
        return getattr(self._report, name)

    def blocks(self, kinds=None):
        if self._paragraphs is None:
            yield from self._report.blocks(self._nodes)
            return
        # a named section: its paragraphs, and the sentences of its paragraphs
        for kind, block in self._report.blocks(self._nodes - {"sentence"}):
            if kind != "paragraph" or id(block) in self._paragraphs:
                yield kind, block
        if "sentence" in self._nodes:
            for kind, block in self._report.blocks(("paragraph",)):
                if id(block) in self._paragraphs:
                    yield from (("sentence", s) for s in block.sentences())
