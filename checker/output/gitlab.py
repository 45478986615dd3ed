"""GitLab Code Quality report: a JSON array of issues.

Each issue: description, check_name (the rule id), fingerprint, severity and
location {path, lines {begin, end}}. GitLab collapses issues with the same
fingerprint, so each fingerprint is unique per finding: the shared
line-independent fingerprint (rule + path + message with digits normalised,
see checker.output.sarif) with its occurrence counter for repeated
identical findings, hashed to 32 hex digits. A finding keeps it when text is
inserted above it, so GitLab's merge-request widget reports only findings a
change really introduced or resolved.

Severity (GitLab's scale is info, minor, major, critical, blocker):
  error   -> major   a consistency defect the published reports never have;
                     the usual mapping of a linter's error (as ESLint's and
                     other Code Quality formatters do), so report-checker's
                     findings sort among a project's other linters
  warning -> minor   held in most published reports; worth a look
  info    -> info    evidence notes (shown only with show_info)
  a file that could not be checked -> critical: nothing in it was checked,
                     which is worse than any one finding. `blocker` is left
                     for nothing: whether a finding blocks a merge is the
                     pipeline's choice (--fail-on), not the report's.
"""

from __future__ import annotations

import hashlib
import json

from checker.output.sarif import fingerprints, relative_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
UNREADABLE_SEVERITY = "critical"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def render(results, rules, *, show_info: bool = False) -> str:
    """The Code Quality JSON for `results`; info notes only with `show_info`."""
    names = {r.id: r.name for r in rules or ()}
    issues = []
    used: set[str] = set()

    def unique(fingerprint: str) -> str:
        # Only a file given twice can repeat one; GitLab would collapse them.
        while fingerprint in used:
            fingerprint = _hash(fingerprint + "+")
        used.add(fingerprint)
        return fingerprint

    for result in results:
        path = relative_path(result.path)
        if result.error is not None:
            issues.append({
                "description": f"cannot check this file: {result.error}",
                "check_name": "report-checker/unreadable",
                "fingerprint": unique(_hash(f"unreadable\x1f{path}")),
                "severity": UNREADABLE_SEVERITY,
                "location": {"path": path, "lines": {"begin": result.error_line or 1}}})
            continue
        for d, fingerprint in zip(result.diagnostics, fingerprints(result, path)):
            if d.severity == "info" and not show_info:
                continue
            place = result.place(d.line)
            # The widget shows the description, not check_name: lead with the rule.
            rule = f"{d.rule} {names[d.rule]}" if d.rule in names else d.rule
            description = f"{rule}: {d.message}" + (f" ({place})" if place else "")
            issue = {"description": description,
                     "check_name": d.rule,
                     "fingerprint": unique(_hash(fingerprint)),
                     "severity": SEVERITIES.get(d.severity, "minor"),
                     "location": {"path": path,
                                  "lines": {"begin": d.line,
                                            "end": max(d.line, d.end_line or d.line)}}}
            issues.append(issue)
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
