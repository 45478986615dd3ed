"""Accepting known findings: a baseline file.

A team adopting the checker on an existing report accepts what it finds
today and is told only about what is new. An accepted finding is keyed by its
rule, the structural place it is in (an improvement item, a paragraph of a
section, a table row, a heading) and a hash of that place's text, never by
line: editing paragraphs above it moves it without un-accepting it, while
editing the place itself (or fixing it) does. Entries that no longer occur
are reported as stale so the baseline shrinks as reports improve.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from checker.datafiles.atomic import write_text_atomically
from checker.datafiles.yamlfile import DataFileError

VERSION = 1


@dataclass(frozen=True)
class Place:
    key: str  # stable: kind + section + hash of the text
    label: str  # for people: "section 'X' > paragraph 14"


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def place_of(result, line: int) -> Place:
    """The structural place of an original line in a checked report."""
    report = result.report
    if report is not None:
        for section in report.sections:
            if section.span.line == line:
                return Place(f"heading:{_digest(section.heading)}",
                             f"heading '{section.heading}'")
        for row in report.judgements:
            if row.span.line == line:
                return Place(f"row:{_digest(row.name)}", f"table row '{row.name}'")
        for n, item in enumerate(report.improvements, start=1):
            if item.span.line <= line <= item.span.end_line:
                return Place(f"improvement:{_digest(item.text)}", f"improvement item {n}")
        for section in report.sections:
            for i, para in enumerate(section.paragraphs, start=1):
                if para.span.line <= line <= para.span.end_line:
                    number = para.number if para.number is not None else f"#{i}"
                    return Place(f"paragraph:{_digest(section.heading)}:{_digest(para.text)}",
                                 f"section '{section.heading}' > paragraph {number}")
        for kind, block in report.blocks():
            if block.span.line <= line <= block.span.end_line:
                return Place(f"{kind}:{_digest(block.text)}", f"the {kind}, line {line}")
    text = ""
    if result.source is not None and 0 < line <= len(result.source.original_lines):
        text = result.source.original_lines[line - 1]
    return Place(f"line:{_digest(text)}", f"line '{text.strip()[:50]}'")


def _file_key(path: str, baseline: Path) -> str:
    """Paths relative to the baseline's folder, so a baseline moves with its repo."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), baseline.resolve().parent)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _entry_key(file: str, rule: str, place: str) -> tuple[str, str, str]:
    return (file, rule, place)


def write_baseline(results, path: Path) -> int:
    """Accept every finding of these results; returns how many were written."""
    entries = []
    for result in results:
        for d in result.diagnostics:
            place = place_of(result, d.line)
            entries.append({"path": _file_key(result.path, path), "rule": d.rule,
                             "place": place.key, "where": place.label,
                             "message": re.sub(r"\s+", " ", d.message)})
    entries.sort(key=lambda e: (e["path"], e["rule"], e["place"]))
    data = json.dumps({"version": VERSION, "tool": "report-checker", "findings": entries},
                      indent=2, ensure_ascii=False) + "\n"
    write_text_atomically(path, data)
    return len(entries)


def read_baseline(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such baseline file") from None
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path}: not a report-checker baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise DataFileError(f"{path}: not a version {VERSION} report-checker baseline")
    return data["findings"]


def apply_baseline(results, path: Path) -> tuple[int, list[dict]]:
    """Drop accepted findings from the results (in place). Returns how many
    were accepted and the baseline entries, for the files checked, that no
    longer occur (stale)."""
    entries = read_baseline(path)
    remaining = Counter(_entry_key(e["path"], e["rule"], e["place"]) for e in entries)
    checked = {_file_key(r.path, path) for r in results}
    accepted = 0
    for result in results:
        file = _file_key(result.path, path)
        kept = []
        for d in result.diagnostics:
            key = _entry_key(file, d.rule, place_of(result, d.line).key)
            if remaining[key] > 0:
                remaining[key] -= 1
                accepted += 1
            else:
                kept.append(d)
        result.diagnostics = kept
    stale = []
    for e in entries:
        key = _entry_key(e["path"], e["rule"], e["place"])
        if e["path"] in checked and remaining[key] > 0:
            remaining[key] -= 1
            stale.append(e)
    return accepted, stale
