"""The fault registry: what a fault is (an `Injected` model and the
`Expected` findings), how one is registered (`@fault`), and how one that
applies to a model is drawn (`faulty`, `faulty_reports`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from checker.testing.model import ReportModel
from checker.testing.strategies import LETTER_KINDS, reports


@dataclass(frozen=True)
class Expected:
    """A rule that must fire, and where: a part of the model, and a character
    of its text (offset) or its last line (end). Where the finding points
    at a word, `word` says so (its column is that character's); `anchor`
    is text on the line whose last occurrence the column points at (a grade
    after its judgement); `column` a column given outright."""

    rule: str
    key: tuple
    offset: int = 0
    end: bool = False
    word: bool = False
    anchor: str | None = None
    column: int | None = None

    def line(self, rendered) -> int:
        return rendered.end_line(self.key) if self.end else rendered.line(self.key, self.offset)

    def place(self, rendered) -> tuple[int, int | None]:
        """(line, column) of the finding; column None where it is not pinned."""
        line = self.line(rendered)
        if self.word:
            return rendered.position(self.key, self.offset)
        if self.anchor is not None:
            return line, rendered.lines[line - 1].rindex(self.anchor) + 1
        return line, self.column


@dataclass(frozen=True)
class Injected:
    """A report with one fault put in, and every finding the fault must
    cause (and, in a property, nothing else); `description` says what was
    done, for the message of a failing example."""

    name: str                     # the fault's name in FAULTS
    model: ReportModel            # the report with the fault in it
    expected: tuple[Expected, ...]
    description: str = ""

    def lines(self, rendered) -> set[tuple[str, int]]:
        """(rule, line) of every finding the fault must cause in `rendered`."""
        return {(e.rule, e.line(rendered)) for e in self.expected}

    def places(self, rendered) -> set[tuple[str, int, int | None]]:
        """(rule, line, column) of those findings; column None where the
        fault does not pin it (a finding about a whole paragraph or row)."""
        return {(e.rule, *e.place(rendered)) for e in self.expected}

    @property
    def rules(self) -> set[str]:
        return {e.rule for e in self.expected}


FAULTS: dict[str, Callable[[ReportModel], st.SearchStrategy[Injected] | None]] = {}


def fault(name: str, kinds=("ilacs", *LETTER_KINDS)):
    """Register a fault: a function of a model returning a strategy of
    Injected, or None when the fault cannot apply to that model. `kinds`
    are the kinds of document it can apply to (a test that wants every
    fault exercised draws reports of these kinds)."""
    def register(fn):
        FAULTS[name] = fn
        fn.fault_name = name
        fn.kinds = tuple(kinds)
        return fn
    return register


def faulty(model: ReportModel, names=None) -> st.SearchStrategy[Injected]:
    """One of the faults (all, or those named) that applies to `model`, each
    as likely as the others."""
    options = []
    for name, fn in FAULTS.items():
        if names is None or name in names:
            strategy = fn(model)
            if strategy is not None:
                options.append(strategy)
    if not options:
        return st.nothing()
    # Hypothesis favours the first choices; start the list at a place the
    # model decides, so each fault gets its share of examples.
    turn = (model.start.toordinal() + sum(map(ord, model.authority))) % len(options)
    options = options[turn:] + options[:turn]
    return st.sampled_from(options).flatmap(lambda strategy: strategy)


def faulty_reports(kinds=None, frameworks=None, names=None, layout=None,
                   rules=None) -> st.SearchStrategy[Injected]:
    """A valid report with one fault (of those named) put in."""
    return reports(kinds, frameworks, layout, rules).flatmap(lambda m: faulty(m, names))
