"""Which kind of document is this, if it is a report at all?

Decided from the title block, before parsing, because each kind has its own
layout (grammar start symbol) and rule pack. The tests are on whole lines, not
on words anywhere: a news article about an inspection mentions "inspection of
Rochdale children's services" in a sentence, but never has a line that is the
title, a "Judgement / Grade" table or a letter's salutation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("ilacs", "focused_visit", "jtai", "monitoring_visit")

# The grammar's start symbol for each kind.
LAYOUT = {"ilacs": "ilacs", "focused_visit": "letter", "jtai": "letter",
          "monitoring_visit": "letter"}

_HEAD_LINES = 80  # the title block and a letter's opening fit well inside this

_ILACS_TITLE = re.compile(
    r"^\s*(Inspection of .{0,80}children's services"
    r"|Inspection of children's social care services)\s*$", re.I)
_ILACS_META = re.compile(r"^\s*(Inspection dates?:|Judgements?\s+Grades?\s*$)", re.I)
_SALUTATION = re.compile(r"(?:^|\s)Dear\s+\S", re.I)
_LETTER_TITLES = (
    ("jtai", re.compile(r"^\s*Joint targeted area inspection of\b", re.I)),
    ("focused_visit", re.compile(r"^\s*Focused visit to\b", re.I)),
    ("monitoring_visit", re.compile(r"^\s*Monitoring visit (to|of)\b", re.I)),
)
# The single inspection framework (before 2018): recognised, not checked.
_SIF = re.compile(
    r"^\s*(Inspection of services for children in need of help and protection"
    r"|Children's services in .{2,60} (are|require|requires)\b"
    r"|Review of the effectiveness of the local safeguarding children board)", re.I)


@dataclass(frozen=True)
class Detection:
    kind: str | None  # one of KINDS, or None when the document is not checked
    reason: str = ""  # why it is not checked, in words for the person


def detect_kind(lines: list[str]) -> Detection:
    head = lines[:_HEAD_LINES]
    if any(_SIF.match(line) for line in head):
        return Detection(None, "an inspection under the single inspection framework (before "
                               "2018), which report-checker does not check")
    has_salutation = any(_SALUTATION.search(line) for line in head)
    for kind, title in _LETTER_TITLES:
        if has_salutation and any(title.match(line) for line in head):
            return Detection(kind)
    # A title may be wrapped over two lines ("Inspection of Lancashire local
    # authority / children's services"), so each line is also tried with the next.
    titles = head + [f"{a.strip()} {b.strip()}" for a, b in zip(head, head[1:])]
    if any(_ILACS_TITLE.match(line) for line in titles) and any(
            _ILACS_META.match(line) for line in head):
        return Detection("ilacs")
    return Detection(None, "not an inspection report: no report title with inspection dates "
                           "or a judgement table, and no inspection letter opening, in its "
                           f"first {_HEAD_LINES} lines")
