"""Headings misspelt or renamed, found before parsing so one slip costs one finding.

An LALR grammar reads a heading by its words. A draft's "What need to
improve?" is then plain text, and the parser fails lines later, at the first
judgement section, with every check of the report lost; a letter whose
"Findings" heading was renamed has its findings read as improvement items.
Lark's error handling (`on_error`) sees only where parsing broke, which is not
where the slip is, so the lines are classified first, as a reader scans a
page for its headings:

* a heading-like line (standing alone, capital first, a dozen words at most,
  no sentence punctuation) that no heading pattern of the grammar matches is
  compared with the headings the layout uses (grammar/layout.yaml);
* one close to a known heading (difflib's ratio >= 0.8: "Findngs",
  "What need to improve?") is read as that heading;
* in a letter's body, one close to none ("What we found") is read as a heading
  of no known role, so the text under it is not taken into the section before.

The parser reads the classified text (`ClassifiedText.text`); each repair is
kept in the document model, where rules report it (HDG001, and the letter
heading rules for an unknown heading). Hand-written because it is a page
reader's judgement, not a grammar's: the few lines it touches are listed,
everything else is parsed as written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from checker.datafiles.frameworks import heading_key
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import load_yaml
from checker.parsing.detect import LETTER_TITLES
from checker.parsing.lines import ENDS_SENTENCE

# A heading of no known role is handed to the grammar behind this mark (a
# private-use character, which the reader never leaves in a document's text):
# the grammar's LETTER_OTHER terminal reads it.
UNKNOWN_MARK = "\ue000"
CUTOFF = 0.8

# Capital first, no digits or sentence punctuation, a closing "?" (and a
# footnote mark) allowed; a closing full stop only where a heading nearly
# spells a known one (a one-line improvement item ends in one).
_HEADING_LIKE = re.compile(r"^\s*[A-Z][^\d.,;:!]{1,90}?\??\d?\s*$")
_HEADING_LIKE_STOPPED = re.compile(r"^\s*[A-Z][^\d.,;:!]{1,90}?[?.]?\d?\s*$")
_MAX_WORDS = 12
# The grammar's terminals the lines are classified by: those that are a
# heading (or the sign-off) in each layout, and a judgement table's row.
HEADING_TERMINALS = {
    "ilacs": ("TABLE_HEAD", "TABLE_ROW", "IMPROVE_HEAD", "HEADING", "HEADING_SENTENCE",
              "TRAILER"),
    "letter": ("LETTER_OVERVIEW", "LETTER_FINDINGS", "LETTER_IMPROVEMENT", "LETTER_STRENGTHS",
               "LETTER_NEXT_STEPS", "LETTER_SCOPE", "LETTER_PRIORITY", "SIGN_OFF"),
    # a SIF report's headings are read by their shape and grade (as ILACS
    # sections are), and no misspelt one was seen: nothing to repair
    "sif": (),
}


@dataclass(frozen=True)
class LineRepair:
    """A line read as a heading it is not written as."""

    line: int  # normalised line number
    found: str  # the line as written, stripped
    meant: str | None  # the known heading it is read as; None: a heading of no known role
    likeness: float  # difflib ratio between `found` and `meant` (0 when meant is None)


@dataclass(frozen=True)
class ClassifiedText:
    text: str  # what the parser reads: the document with repaired lines rewritten
    repairs: tuple[LineRepair, ...]


@cache
def layout_words() -> dict:
    """grammar/layout.yaml: the known headings and Ofsted's closing statement."""
    return load_yaml(data_dir("grammar") / "layout.yaml")


def classify(lines: list[str], layout: str, heading_patterns) -> ClassifiedText:
    """The text the parser reads, and the lines read as other than written.

    `heading_patterns` maps each of the layout's HEADING_TERMINALS to its
    compiled regex, taken from the grammar, so "already a heading" means what
    the grammar means."""
    repairs = _REPAIRS[layout](lines, heading_patterns) if layout in _REPAIRS else []
    if not repairs:
        return ClassifiedText("".join(line + "\n" for line in lines), ())
    edited = list(lines)
    for repair in repairs:
        edited[repair.line - 1] = repair.meant if repair.meant else UNKNOWN_MARK + repair.found
    return ClassifiedText("".join(line + "\n" for line in edited), tuple(repairs))


def _is_heading(line: str, patterns) -> bool:
    return any(p.match(line + "\n") for p in patterns)


def _heading_like(lines: list[str], i: int, full_stop: bool = False) -> bool:
    """Standing alone between blank lines, and shaped like a heading."""
    line = lines[i]
    shape = _HEADING_LIKE_STOPPED if full_stop else _HEADING_LIKE
    if not shape.match(line) or len(line.split()) > _MAX_WORDS:
        return False
    before = lines[i - 1] if i > 0 else ""
    after = lines[i + 1] if i + 1 < len(lines) else ""
    return not before.strip() and not after.strip() and not _mid_sentence(lines, i)


def _mid_sentence(lines: list[str], i: int) -> bool:
    """A wrapped line left alone by a page break: the text before it does not
    end a sentence, or the text after it goes on in lower case (as
    checker/parsing/lines.py mends page breaks)."""
    before = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    after = next((lines[j].strip() for j in range(i + 1, len(lines)) if lines[j].strip()), "")
    return bool(before and not ENDS_SENTENCE.search(before)
                and not _HEADING_LIKE.match(before)) or after[:1].islower()


def _heads_text(lines: list[str], i: int, headings) -> bool:
    """The next line with words is running text or a bullet, not another
    short line (the next item of a list without bullets) or a heading."""
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    if following is None or _is_heading(lines[following], headings):
        return False
    return not _heading_like(lines, following, full_stop=True)


def _nearest(found: str, known: list[str]) -> tuple[str | None, float]:
    """The known heading `found` is closest to, if close enough, and how close."""
    key = heading_key(found.rstrip("0123456789. "))
    best, ratio = None, 0.0
    for heading in known:
        r = difflib.SequenceMatcher(None, key, heading_key(heading)).ratio()
        if r > ratio:
            best, ratio = heading, r
    return (best, ratio) if ratio >= CUTOFF else (None, ratio)


def _ilacs_repairs(lines: list[str], patterns) -> list[LineRepair]:
    """A misspelt "What needs to improve?" between the table and the first
    judgement section (the only heading of an ILACS report read by its words
    alone; section headings are read by their shape, "name: grade")."""
    improve, sections = patterns["IMPROVE_HEAD"], (patterns["HEADING"],
                                                   patterns["HEADING_SENTENCE"])
    known = layout_words()["headings"]["ilacs"]
    table = next((i for i, line in enumerate(lines) if patterns["TABLE_HEAD"].match(line + "\n")),
                 0)
    for i in range(table + 1, len(lines)):
        line = lines[i]
        if improve.match(line + "\n"):
            return []
        if _is_heading(line, sections) and not patterns["TABLE_ROW"].match(line + "\n"):
            return []
        if _heading_like(lines, i, full_stop=True):
            meant, ratio = _nearest(line.strip(), known)
            if meant:
                return [LineRepair(i + 1, line.strip(), meant, round(ratio, 3))]
    return []


def _letter_repairs(lines: list[str], patterns) -> list[LineRepair]:
    """Heading-like lines of a letter's body (after its title, up to the
    sign-off) that are no heading the grammar knows."""
    start = next((i + 1 for i, line in enumerate(lines)
                  if any(title.match(line) for _, title in LETTER_TITLES)), None)
    if start is None:
        return []
    known = layout_words()["headings"]["letter"]
    headings = tuple(patterns.values())
    repairs = []
    for i in range(start, len(lines)):
        line = lines[i]
        if patterns["SIGN_OFF"].match(line + "\n"):
            break
        if not _heading_like(lines, i, full_stop=True) or _is_heading(line, headings):
            continue
        meant, ratio = _nearest(line.strip(), known)
        if meant is None and not (_heading_like(lines, i) and _heads_text(lines, i, headings)):
            continue
        repairs.append(LineRepair(i + 1, line.strip(), meant, round(ratio, 3) if meant else 0.0))
        if meant and heading_key(meant) == "yours sincerely":
            break
    return repairs


_REPAIRS = {"ilacs": _ilacs_repairs, "letter": _letter_repairs}
