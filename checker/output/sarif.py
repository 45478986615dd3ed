"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Built as dicts and `json.dumps` (a template cannot guarantee valid JSON). One
run: the tool with every rule's metadata and docs, one result per
diagnostic, and an invocation whose notifications name the files that could
not be checked.

Also home to two helpers the other machine formats share (github, gitlab,
junit, markdown), so every format names a file and fingerprints a finding
the same way:

- `relative_path(path)`: the path relative to the working directory, with
  forward slashes, as code scanning, annotations and Code Quality want it.
- `fingerprints(result, path)`: per diagnostic, a hash of rule + path +
  message with its digits normalised, plus an occurrence counter for
  repeated identical findings. No line number goes in, so inserting text
  above a finding keeps its fingerprint (engineering notes: "Fingerprints:
  hash rule + path + normalised message, not the line").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePath
from urllib.parse import quote

from checker.version import __version__

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
SARIF_VERSION = "2.1.0"
TOOL_NAME = "report-checker"
SRCROOT = "%SRCROOT%"
# The key in partialFingerprints; versioned, so a change to how it is
# computed can never be mistaken for the old one.
FINGERPRINT_KEY = "reportChecker/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
UNREADABLE = "unreadable-file"

_DIGITS = re.compile(r"\d+")


# ------------------------------------------------------------- shared helpers

def _display(path: str) -> str:
    """A path safe to print: undecodable bytes (lone surrogates from
    os.fsdecode) become U+FFFD instead of crashing an encoder later."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _split(path: str) -> tuple[str, bool]:
    """(path relative to the working directory with forward slashes, True),
    or (the absolute path with forward slashes, False) when it is outside
    the working directory or on another drive."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:          # Windows: another drive
        return PurePath(absolute).as_posix(), False
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return PurePath(absolute).as_posix(), False
    return PurePath(rel).as_posix(), True


def relative_path(path: str) -> str:
    """The path as code hosts want it: relative to the working directory
    (the repository root in CI), forward slashes; absolute if outside it."""
    return _display(_split(path)[0])


def _normalised(message: str) -> str:
    return " ".join(_DIGITS.sub("0", message).split())


def fingerprints(result, path: str | None = None) -> list[str]:
    """One stable fingerprint per diagnostic of `result`, in order:
    `<32 hex>:<n>`, where the hex hashes rule, path and the message with
    every number replaced by 0 (line references and counts move when text
    is inserted above), and n counts earlier findings with the same hash in
    this file (1, 2, ...), so identical findings stay distinct and each
    keeps its identity while the others do not move past it."""
    path = relative_path(result.path) if path is None else path
    seen: dict[str, int] = {}
    out = []
    for d in result.diagnostics:
        key = "\x1f".join((d.rule, path, _normalised(d.message)))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def _artifact_location(path: str) -> dict:
    rel, inside = _split(path)
    if inside:
        return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": SRCROOT}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text)
    return text[:m.start()] if m else text


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in the text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


# ------------------------------------------------------------------- rules

def _help(docs: dict) -> dict:
    parts, md = [], []
    for key, title in (("what", "What"), ("why", "Why"), ("example", "Example"),
                       ("fix", "Fix")):
        value = (docs.get(key) or "").strip("\n")
        if not value.strip():
            continue
        if key == "example":
            parts.append(f"{title}:\n{value}")
            fence = _fence(value)
            md.append(f"**{title}**\n\n{fence}text\n{value}\n{fence}")
        else:
            parts.append(f"{title}: {value.strip()}")
            md.append(f"**{title}.** {value.strip()}")
    return {"text": "\n\n".join(parts) or "(no documentation)",
            "markdown": "\n\n".join(md) or "(no documentation)"}


def _descriptor(rule) -> dict:
    docs = rule.docs or {}
    what = " ".join((docs.get("what") or rule.name).split())
    entry = {"id": rule.id, "name": rule.name,
             "shortDescription": {"text": _first_sentence(what)},
             "fullDescription": {"text": what},
             "help": _help(docs),
             "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
             "properties": {"tags": list(rule.tags), "kinds": list(rule.kinds)}}
    if rule.frameworks:
        entry["properties"]["frameworks"] = list(rule.frameworks)
    return entry


def _unknown_descriptor(rule_id: str, severity: str) -> dict:
    """A rule that reported but is not among the rules given (a plugin, say)."""
    return {"id": rule_id, "shortDescription": {"text": rule_id},
            "defaultConfiguration": {"level": LEVELS.get(severity, "warning")}}


# ----------------------------------------------------------------- render

def _region(line, column, end_line=None, end_column=None) -> dict:
    region = {"startLine": max(1, int(line))}
    if column:
        region["startColumn"] = max(1, int(column))
    if end_line:
        region["endLine"] = max(region["startLine"], int(end_line))
        if end_column:
            region["endColumn"] = int(end_column)
            if region["endLine"] == region["startLine"]:
                region["endColumn"] = max(region["endColumn"], region.get("startColumn", 1))
    return region


def _location(artifact: dict, region: dict | None, place: str | None = None,
              message: str | None = None, ident: int | None = None) -> dict:
    physical = {"artifactLocation": artifact}
    if region:
        physical["region"] = region
    loc: dict = {"physicalLocation": physical}
    if ident is not None:
        loc["id"] = ident
    if message:
        loc["message"] = {"text": message}
    if place:
        loc["properties"] = {"place": place}
    return loc


def _with_place(message: str, place: str | None) -> str:
    return f"{message} ({place})" if place else message


def render(results, rules) -> str:
    if rules is None:
        from checker.engine.rules import load_rules
        rules = load_rules()
    descriptors = [_descriptor(r) for r in rules]
    index = {r.id: i for i, r in enumerate(rules)}
    artifacts, artifact_index = [], {}
    out_results, notifications = [], []
    for result in results:
        location = _artifact_location(result.path)
        key = (location["uri"], location.get("uriBaseId"))
        if key not in artifact_index:
            artifact_index[key] = len(artifacts)
            artifacts.append({"location": dict(location), "roles": ["analysisTarget"]})
        location = {**location, "index": artifact_index[key]}
        if result.error is not None:
            notifications.append(_unreadable(result, location))
            continue
        for d, fingerprint in zip(result.diagnostics, fingerprints(result)):
            if d.rule not in index:
                index[d.rule] = len(descriptors)
                descriptors.append(_unknown_descriptor(d.rule, d.severity))
            out_results.append(_result(result, d, index[d.rule], location, fingerprint))
    run = {
        "tool": {"driver": _driver(descriptors)},
        "invocations": [{
            # As the command line's exit code 2: a file that could not be
            # checked means the run did not do all it was asked to.
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
            "workingDirectory": {"uri": Path.cwd().as_uri() + "/"}}],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        # Our columns count characters (code points), not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": out_results,
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]},
                      indent=2, ensure_ascii=False) + "\n"


def _unreadable(result, location: dict) -> dict:
    """The notification for a file that could not be checked."""
    region = _region(result.error_line, result.error_column) if result.error_line else None
    place = result.place(result.error_line)
    return {"level": "error",
            "message": {"text": _with_place(
                f"{relative_path(result.path)}: cannot check: {result.error}", place)},
            "locations": [_location(location, region, place)],
            "descriptor": {"id": UNREADABLE, "index": 0}}


def _result(result, d, rule_index: int, location: dict, fingerprint: str) -> dict:
    """One finding as a SARIF result, its related places as relatedLocations."""
    place = result.place(d.line)
    entry = {"ruleId": d.rule, "ruleIndex": rule_index,
             "level": LEVELS.get(d.severity, "warning"),
             "message": {"text": _with_place(d.message, place)},
             "locations": [_location(location, _region(d.line, d.column, d.end_line,
                                                       d.end_column), place)],
             "partialFingerprints": {FINGERPRINT_KEY: fingerprint}}
    if d.related:
        entry["relatedLocations"] = [
            _location(location, _region(r.line, r.column), result.place(r.line), r.message,
                      ident=i)
            for i, r in enumerate(d.related, 1)]
    return entry


def _driver(descriptors: list[dict]) -> dict:
    return {
        "name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
        "rules": descriptors,
        "notifications": [{
            "id": UNREADABLE,
            "shortDescription": {"text": "A file could not be checked"},
            "fullDescription": {"text": "The file is empty, binary, undecodable, not an "
                                        "inspection report, or in a layout the grammar "
                                        "cannot follow; nothing in it was checked."},
            "defaultConfiguration": {"level": "error"}}]}
