"""Which kind of document is this, if it is a report at all?

Decided from the title block, before parsing, because each kind has its own
layout (grammar start symbol) and rule pack. The tests are on whole lines, not
on words anywhere: a news article about an inspection mentions "inspection of
Rochdale children's services" in a sentence, but never has a line that is the
title, a "Judgement / Grade" table or a letter's salutation.

The evidence, strongest first (the first that holds decides):
1. a letter's title line ("Focused visit to ...") with a salutation ("Dear");
2. an archive title line: a single inspection framework (SIF) inspection
   or re-inspection is checked (kind "sif"); a stand-alone review of a Local
   Safeguarding Children Board and a 2013 inspection of looked after
   children services are recognised, named, and not checked;
3. an ILACS title line with inspection dates or a judgement table;
4. only then the single inspection framework's summary sentence
   ("Children's services in X are good"): ILACS reports of 2019-2022 open
   their summary with the same words, so it names a document only when no
   title says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("ilacs", "focused_visit", "jtai", "monitoring_visit", "sif")

# The grammar's start symbol for each kind.
LAYOUT = {"ilacs": "ilacs", "focused_visit": "letter", "jtai": "letter",
          "monitoring_visit": "letter", "sif": "sif"}

_HEAD_LINES = 80  # the title block and a letter's opening fit well inside this

# ILACS titles as published: "Inspection of Rochdale local authority children's
# services", "... children's social care services", and those of the trusts
# that run children's services ("Inspection of Bradford Children and Families
# Trust", "... Children's Trust", "Slough Children First").
_ILACS_TITLE = re.compile(
    r"^\s*Inspection of (.{0,80}children's (social care )?services"
    r"|.{2,60}\b(Children and Families Trust|Children's Trust|Children First))\s*$", re.I)
_ILACS_META = re.compile(r"^\s*(Inspection dates?:|Judgements?\s+Grades?\s*$)", re.I)
_SALUTATION = re.compile(r"(?:^|\s)Dear\s+\S", re.I)
LETTER_TITLES = (
    ("jtai", re.compile(r"^\s*Joint targeted area inspection of\b", re.I)),
    ("focused_visit", re.compile(r"^\s*Focused visit to\b", re.I)),
    ("monitoring_visit", re.compile(r"^\s*Monitoring visit (to|of)\b", re.I)),
)
# The archive before ILACS (2013-2018), by its title. A SIF inspection or
# re-inspection is checked; the others are named, not checked. The title may
# follow the council's name on its line ("Cheshire East Unitary Authority
# Inspection of services for children in need of help ..."); a combined
# report's second title (the Board's review) comes after the first.
SIF_TITLE = re.compile(r"(^|\s)(Re-?)?inspection of services for children in need of help",
                       re.I)
# The SIF title's fixed words, lower case; `re` also takes "İ" and "ı" for i
# and "ſ" for s when it ignores case, which str.lower() does not.
_SIF_WORDS = "inspection of services for children in need of help"
_AS_RE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_ARCHIVE_TITLES = (
    (re.compile(r"^\s*Review of the effectiveness of the local safeguarding children board",
                re.I),
     "a review of a Local Safeguarding Children Board (before 2018)"),
    (re.compile(r"^\s*Inspection of (local authority )?looked after children('s)? services",
                re.I),
     "an inspection of looked after children services (2013, before the single "
     "inspection framework)"),
)
# The single inspection framework's summary sentence: weak evidence (see above).
_SIF_SUMMARY = re.compile(r"^\s*Children's services in .{2,60} (are|require|requires)\b",
                          re.I)
_NOT_CHECKED = ", which report-checker does not check"


@dataclass(frozen=True)
class Detection:
    kind: str | None  # one of KINDS, or None when the document is not checked
    reason: str = ""  # why it is not checked, in words for the person


def _folded(text: str) -> str:
    """`text` lower-cased as `re` compares letters when it ignores case."""
    if any(ch in text for ch in "\u0130\u0131\u017f"):
        text = text.translate(_AS_RE_FOLDS)
    return text.lower()


def detect_kind(lines: list[str]) -> Detection:
    """The document's kind, by the evidence in the module's docstring, in its order."""
    head = lines[:_HEAD_LINES]
    # A search of every line for a pattern that starts with an alternation
    # tries every character (0.3 ms for a report's head), so the salutation is
    # looked for only under a letter's title, and the SIF title only where its
    # fixed words occur (one substring search of the head, lower-cased).
    letter = next((kind for kind, title in LETTER_TITLES
                   if any(title.match(line) for line in head)), None)
    if letter and any(_SALUTATION.search(line) for line in head):
        return Detection(letter)
    if _SIF_WORDS in _folded("\n".join(head)) and any(SIF_TITLE.search(line) for line in head):
        return Detection("sif")
    for title, name in _ARCHIVE_TITLES:
        if any(title.search(line) for line in head):
            return Detection(None, name + _NOT_CHECKED)
    # A title may be wrapped over two lines ("Inspection of Lancashire local
    # authority / children's services"), so each line is also tried with the next.
    titles = head + [f"{a.strip()} {b.strip()}" for a, b in zip(head, head[1:])]
    if any(_ILACS_TITLE.match(line) for line in titles) and any(
            _ILACS_META.match(line) for line in head):
        return Detection("ilacs")
    if any(_SIF_SUMMARY.match(line) for line in head):
        return Detection(None, "an inspection under the single inspection framework (before "
                               "2018)" + _NOT_CHECKED)
    return Detection(None, "not an inspection report: no report title with inspection dates "
                           "or a judgement table, and no inspection letter opening, in its "
                           f"first {_HEAD_LINES} lines")
