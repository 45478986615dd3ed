"""JUnit XML: one testsuite per file, one testcase per rule that applies to it.

Why per rule and not per finding: a file's test cases are then the same set
from run to run (its first testcase, "read and parse", then one per rule
that applies to its kind and framework), so a CI test history means
something ("NUM001 paragraph-numbering" on this report failed, then passed),
a clean report shows as N passing tests rather than an empty suite, and
names are unique without counters that would renumber as findings come and
go (GitLab keeps only the first of test cases with the same classname and
name). A failing testcase carries all its findings, one per line, in the
failure's text; the failure message is the first finding's.

Findings below `fail_on` (default: info, the evidence notes) do not fail
their testcase; they are listed in its <system-out>. A file that could not
be checked has one testcase, "read and parse", with an <error>.

ElementTree writes control characters raw, and XML 1.0 forbids most of
them (a form feed is common in PDF text): every string is stripped of
them, and of lone surrogates, before it goes into the tree.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from checker.output.sarif import relative_path

ORDER = ("info", "warning", "error")
READ_TEST = "read and parse"
# What XML 1.0 allows: #x9 #xA #xD [#x20-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF]
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    return _ILLEGAL.sub("", str(value))


def _element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
    node = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()
                                       if v is not None})
    if text is not None:
        node.text = xml_text(text)
    return node


def _line(path: str, result, d) -> str:
    place = result.place(d.line)
    text = (f"{path}:{d.line}:{d.column}: {d.rule} {d.severity}: {d.message}"
            + (f" ({place})" if place else ""))
    for r in d.related:
        text += f"\n    = line {r.line}: {r.message}"
    return text


def _rules_for(rules, result):
    if isinstance(rules, Mapping):
        return tuple(rules.get(result.path, ()))
    return tuple(rules or ())


def render(results, rules, *, fail_on: str = "warning") -> str:
    """The JUnit XML for `results`.

    `rules` are the rules that were run: a sequence, or a mapping from a
    result's path to its rules when the configuration chose different rules
    for different files. A testcase is made for each rule that applies to
    the file's kind and framework, and for any other rule that reported.
    `fail_on`: the lowest severity that fails a testcase (error, warning,
    info or never), as the command line's --fail-on.
    """
    failing = set(ORDER[ORDER.index(fail_on):]) if fail_on in ORDER else set()
    root = ET.Element("testsuites", name="report-checker")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    seen_classnames: set[str] = set()
    for result in results:
        path = relative_path(result.path)
        classname = path
        n = 1
        while classname in seen_classnames:       # the same file given twice
            n += 1
            classname = f"{path} ({n})"
        seen_classnames.add(classname)
        suite = _Suite(root, classname, path)
        if result.error is not None:
            suite.unreadable(result)
        else:
            suite.checked(result, _rules_for(rules, result), failing)
        for key, value in suite.counts.items():
            suite.element.set(key, str(value))
            totals[key] += value
        suite.element.set("skipped", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")


class _Suite:
    """One file's testsuite, counting its tests, failures and errors."""

    def __init__(self, root, classname: str, path: str):
        self.element = _element(root, "testsuite", name=classname)
        self.classname, self.path = classname, path
        self.counts = {"tests": 0, "failures": 0, "errors": 0}

    def case(self, name: str) -> ET.Element:
        self.counts["tests"] += 1
        return _element(self.element, "testcase", classname=self.classname, name=name,
                        file=self.path)

    def unreadable(self, result) -> None:
        """One testcase, "read and parse", in error."""
        where = f":{result.error_line}:{result.error_column}" if result.error_line else ""
        place = result.place(result.error_line)
        _element(self.case(READ_TEST), "error",
                 f"{self.path}{where}: cannot check: {result.error}"
                 + (f" ({place})" if place else ""),
                 message=result.error, type="cannot check")
        self.counts["errors"] += 1

    def checked(self, result, rules: tuple, failing: set[str]) -> None:
        """The testcase "read and parse", then one per rule that applies or reported."""
        properties = _element(self.element, "properties")
        _element(properties, "property", name="kind", value=result.kind or "")
        _element(properties, "property", name="framework", value=result.framework or "")
        self.case(READ_TEST)
        by_rule: dict[str, list] = {}
        for d in result.diagnostics:
            by_rule.setdefault(d.rule, []).append(d)
        names = {rule.id: rule.name for rule in rules
                 if result.report is not None and rule.applies(result.report)}
        for rule_id in by_rule:
            names.setdefault(rule_id, next((r.name for r in rules if r.id == rule_id), ""))
        for rule_id in sorted(names):
            self.rule_case(f"{rule_id} {names[rule_id]}".strip(), result,
                           by_rule.get(rule_id, []), failing)

    def rule_case(self, name: str, result, findings: list, failing: set[str]) -> None:
        """A rule's testcase: failed by its findings at `failing` severities,
        the others in its <system-out>."""
        testcase = self.case(name)
        failures = [d for d in findings if d.severity in failing]
        notes = [d for d in findings if d.severity not in failing]
        if failures:
            worst = max((d.severity for d in failures), key=ORDER.index)
            first = failures[0].message
            message = (first if len(failures) == 1
                       else f"{len(failures)} findings; the first: {first}")
            _element(testcase, "failure",
                     "\n".join(_line(self.path, result, d) for d in failures),
                     message=message, type=worst)
            self.counts["failures"] += 1
        if notes:
            _element(testcase, "system-out",
                     "\n".join(_line(self.path, result, d) for d in notes))
