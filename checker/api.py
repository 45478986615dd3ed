"""Checking one file or one text: the small API the CLI (and pipelines) use.

Every failure a document can cause becomes a FileResult with `error` set, so a
batch goes on past a bad file and the CLI never shows a traceback for input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from checker.model import Report
from checker.parser import ReportError, framework_of, parse
from checker.rules import Diagnostic, Rule, run_rules
from checker.source import InputError, SourceText, from_text, read_source


@dataclass
class FileResult:
    path: str
    kind: str | None = None
    framework: str | None = None
    error: str | None = None
    error_line: int | None = None
    error_column: int | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Report | None = None
    source: SourceText | None = None

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    def to_json(self) -> dict:
        return {"path": self.path, "kind": self.kind, "framework": self.framework,
                "error": self.error,
                "error_location": None if self.error_line is None else
                {"line": self.error_line, "column": self.error_column},
                "diagnostics": [d.to_json() for d in self.diagnostics]}


def load(path: str | os.PathLike, kind: str | None = None) -> FileResult:
    """Read and parse one file: a FileResult with `report` set, or `error`."""
    result = FileResult(path=str(path))
    try:
        result.source = read_source(path)
        result.report = parse(result.source, kind)
    except InputError as exc:
        result.error = exc.reason
    except ReportError as exc:
        result.error, result.error_line, result.error_column = exc.reason, exc.line, exc.column
    if result.report is not None:
        result.kind, result.framework = result.report.kind, result.report.framework
    return result


def check_file(path: str | os.PathLike, kind: str | None = None,
               rules: tuple[Rule, ...] | None = None) -> FileResult:
    """Parse one file and run the rules over it."""
    result = load(path, kind)
    if result.report is not None:
        result.diagnostics = run_rules(result.report, framework_of(result.report), rules)
    return result


def check_text(text: str, path: str = "<string>", kind: str | None = None,
               rules: tuple[Rule, ...] | None = None) -> FileResult:
    """Like check_file, for text already in memory (tests, the Python API)."""
    result = FileResult(path=path)
    try:
        result.source = from_text(text, path)
        result.report = parse(result.source, kind)
    except InputError as exc:
        result.error = exc.reason
        return result
    except ReportError as exc:
        result.error, result.error_line, result.error_column = exc.reason, exc.line, exc.column
        return result
    result.kind, result.framework = result.report.kind, result.report.framework
    result.diagnostics = run_rules(result.report, framework_of(result.report), rules)
    return result
