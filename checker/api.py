"""Checking one file or one text: the small API the CLI (and pipelines) use.

Every failure a document can cause becomes a FileResult with `error` set, so a
batch goes on past a bad file and the CLI never shows a traceback for input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from checker.engine.config import Config
from checker.engine.rules import Diagnostic, Rule, load_rules, run_rules
from checker.parsing.model import Report
from checker.parsing.parser import ReportError, framework_of, parse
from checker.reading.readers import read_document
from checker.reading.source import InputError, SourceText, from_text


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

    def place(self, line: int | None) -> str | None:
        """Where an original line is in a PDF or Word document ("page 3, line 12")."""
        return self.source.place(line) if self.source is not None and line else None

    def slim(self) -> FileResult:
        """This result without its document model and text: only the original
        lines its diagnostics and error point at, with their places. That is
        all the text and JSON renderers read, so a batch of thousands of
        reports keeps these and never every document at once."""
        if self.report is None and not isinstance(self.source, SourceText):
            return self
        lines = {self.error_line} if self.error_line else set()
        for d in self.diagnostics:
            lines.add(d.line)
            lines.update(r.line for r in d.related)
        source = (None if self.source is None else
                  LinesOf(self.source, sorted(n for n in lines if isinstance(n, int))))
        return replace(self, report=None, source=source)

    def to_json(self) -> dict:
        diagnostics = []
        for d in self.diagnostics:
            entry = d.to_json()
            if self.place(d.line):
                entry["place"] = self.place(d.line)
            diagnostics.append(entry)
        return {"path": self.path, "kind": self.kind, "framework": self.framework,
                "error": self.error,
                "error_location": None if self.error_line is None else
                {"line": self.error_line, "column": self.error_column,
                 **({"place": self.place(self.error_line)} if self.place(self.error_line)
                    else {})},
                "diagnostics": diagnostics}


class _SomeLines(Sequence):
    """The original lines of a file as a sequence of its full length, holding
    only some of them (the others read as "")."""

    def __init__(self, count: int, kept: dict[int, str]):
        self._count, self._kept = count, kept

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, int):
            raise TypeError("only single lines are kept")
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._kept.get(index + 1, "")


class LinesOf:
    """What a checked file's SourceText still gives a renderer after
    FileResult.slim: some original lines, and their places (page, line)."""

    def __init__(self, source: SourceText, lines):
        count = len(source.original_lines)
        self.path = source.path
        self.original_lines = _SomeLines(
            count, {n: source.original_lines[n - 1] for n in lines if 1 <= n <= count})
        self._places = {n: source.place(n) for n in lines}
        self.places = tuple(p for p in self._places.values() if p)  # truthy as before

    def place(self, original_line: int) -> str | None:
        return self._places.get(original_line)


def _run(result: FileResult, read, kind: str | None, rules, with_rules: bool) -> FileResult:
    """Read, parse and (optionally) check, turning every failure into `error`.

    Input and layout problems have their own reasons. Anything else is a bug
    of ours: it is still this file's error, named as such, so one document
    that trips a bug never stops a batch or shows a traceback.
    """
    try:
        result.source = read()
        result.report = parse(result.source, kind)
        result.kind, result.framework = result.report.kind, result.report.framework
        if with_rules:
            result.diagnostics = run_rules(result.report, framework_of(result.report), rules)
            if result.source.places:
                result.diagnostics = [_localise(d, result.source) for d in result.diagnostics]
    except InputError as exc:
        result.error = exc.reason
    except ReportError as exc:
        result.error, result.error_line, result.error_column = exc.reason, exc.line, exc.column
    except Exception as exc:  # noqa: BLE001 - see docstring
        result.report, result.diagnostics = None, []
        result.error = (f"internal error in report-checker ({type(exc).__name__}: {exc}); "
                        "please report it with this file")
    return result


_LINE_REFERENCE = re.compile(r"\bline (\d+)\b")


def _localise(d: Diagnostic, source: SourceText) -> Diagnostic:
    """In a PDF or Word document a "line 49" of the extracted text means
    nothing to the reader: messages name the place instead ("page 3, line
    12", "paragraph 33" or 'the paragraph "What needs to improve?"' in Word)."""
    def place(m):
        return source.place(int(m.group(1))) or m.group(0)
    related = tuple(replace(r, message=_LINE_REFERENCE.sub(place, r.message))
                    for r in d.related)
    return replace(d, message=_LINE_REFERENCE.sub(place, d.message), related=related)


def load(path: str | os.PathLike, kind: str | None = None) -> FileResult:
    """Read and parse one file: a FileResult with `report` set, or `error`."""
    return _run(FileResult(path=str(path)), lambda: read_document(path), kind, None, False)


def check_file(path: str | os.PathLike, kind: str | None = None,
               rules: tuple[Rule, ...] | None = None) -> FileResult:
    """Parse one file and run the rules over it."""
    return _run(FileResult(path=str(path)), lambda: read_document(path), kind, rules, True)


def check_text(text: str, path: str = "<string>", kind: str | None = None,
               rules: tuple[Rule, ...] | None = None) -> FileResult:
    """Like check_file, for text already in memory (tests, the Python API)."""
    return _run(FileResult(path=path), lambda: from_text(text, path), kind, rules, True)


def check(path_or_text, kind=None, select=(), ignore=()) -> FileResult:
    """Check a report (`checker.check`): a path (str or os.PathLike; .txt,
    .md, .docx or .pdf) or the report's text. Returns a `checker.Result`
    (this module's FileResult):

    - `result.error`: None, or why the document could not be checked;
    - `result.kind`, `result.framework`: what it was read as;
    - `result.diagnostics`: findings with `rule`, `severity`, `message`, `line`,
      `column`, `end_line`, `end_column`, `related`, `data`;
    - `result.report`: the document model (checker/parsing/model.py);
    - `result.to_json()`: the JSON shape of `check --format json`.

    `select`/`ignore` take rule ids, prefixes, names or tags, as on the
    command line; one that names no rule raises SelectorError (a ValueError),
    with what it may have meant. Never raises for a bad document; raises
    DataFileError only for broken rule files, and FileNotFoundError for a
    one-line string that names a document file (".txt", ".docx", ".pdf"...)
    that does not exist.
    """
    is_path = isinstance(path_or_text, os.PathLike) or _names_a_file(path_or_text)
    rules = Config(select=tuple(select), ignore=tuple(ignore)).rules_for(
        load_rules(), str(path_or_text) if is_path else "")
    if is_path:
        return check_file(path_or_text, kind, rules)
    return check_text(str(path_or_text), kind=kind, rules=rules)


def _names_a_file(value) -> bool:
    """A one-line string that exists as a file, or that reads like a file
    name (a document's extension) and so is a mistyped path, not a report's
    text: checking it as text would report "not an inspection report"."""
    if not isinstance(value, str) or "\n" in value or len(value) > 4096:
        return False
    if os.path.exists(value):
        return True
    if value.strip().lower().endswith((".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf")):
        raise FileNotFoundError(f"no such file: {value}")
    return False
