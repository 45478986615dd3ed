"""The typed document model a parsed report becomes.

Every node carries its position in the ORIGINAL file (1-based line and column,
after checker/reading/source.py maps normalised positions back), because a QA reviewer
acts on a finding by opening the original file at that line. Rules read only
this model: they never see the parse tree or the normalised text.

Grades are kept twice: `grade_text` as printed, and `grade`, the id of the
grade on the framework's scale ("requires_improvement"), or None when the
printed words are on no scale (a rule reports that).

The model is the one layer that says what the text means: each section's
judgement (named exactly or one slip away), each letter section's role, the
inspection periods as dates. Checks and renderers read these fields and never
read the text again for them. Every node is frozen (tuples, not lists): a
check cannot change what the next check sees.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from checker.parsing.dates import Period, Unreadable

__all__ = ["Block", "InspectionDates", "JudgementRow", "Paragraph", "Period", "Piece",
           "Report", "Section", "Span", "Unreadable"]


# The kinds of running text, in the order blocks() gives them by default: one
# definition for the model, rule scopes and the checks that read blocks.
TEXT_NODES = ("introduction", "summary", "improvement", "strength", "paragraph")


@dataclass(frozen=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class JudgementRow:
    """One row of the judgement table: `Judgement<TAB>Grade`."""

    name: str
    grade_text: str
    grade: str | None
    judgement: str | None  # framework judgement id, None if the name is unknown
    span: Span
    grade_column: int
    # A row whose name is no judgement's exactly is read as the judgement
    # it misses by a slip, of those no other row names ("... of children
    # care leavers" in a table that has a children-in-care row: care
    # leavers); None when it names one exactly, or none is that close.
    judgement_near: str | None = None

    @property
    def judgement_read(self) -> str | None:
        """The judgement the row is read as: named exactly, else one slip away."""
        return self.judgement or self.judgement_near


@dataclass(frozen=True)
class Piece:
    """Where one source line's text starts inside a block's joined text."""

    offset: int  # in Block.text
    line: int  # original line and column of that character
    column: int


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


class _Located:
    """Text joined from several lines that can still say where a word is.

    A paragraph hard-wrapped or split by a page break is one string for the
    rules, but a finding about a word in it must point at that word's line
    and column in the original file.
    """

    text: str
    span: Span
    pieces: tuple[Piece, ...]

    def position(self, offset: int) -> tuple[int, int]:
        """Original (line, column) of the character at `offset` in `text`."""
        if not self.pieces:
            piece = Piece(0, self.span.line, self.span.column)
        else:   # the last piece starting at or before offset (pieces are in order)
            piece = self.pieces[max(0, bisect_right(self.pieces, offset, key=_offset) - 1)]
        return piece.line, piece.column + max(0, offset - piece.offset)

    def slice(self, start: int, end: int) -> Block:
        """text[start:end] as a Block that still knows where it is."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Block(self.text[start:end], Span(line, column, end_line, end_column + 1),
                     drop_prefix(self.pieces, start, end))

    def sentences(self) -> list[Block]:
        """The text cut after each full stop, question or exclamation mark
        that a capital (or an opening bracket or quote) follows."""
        out, start = [], 0
        for m in _SENTENCE_END.finditer(self.text):
            out.append(self.slice(start, m.start()))
            start = m.end()
        if start < len(self.text):
            out.append(self.slice(start, len(self.text)))
        return out

    def locate(self, start: int, end: int) -> Span:
        """Span of text[start:end] in the original file."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(line, column, end_line, end_column + 1)


def _offset(piece: Piece) -> int:
    return piece.offset


def drop_prefix(pieces: tuple[Piece, ...], n: int, end: int | None = None
                 ) -> tuple[Piece, ...]:
    """Pieces of text[n:end]: offsets shift left; the piece holding text[n]
    starts the result, its column moved right. Bisection, so cutting a long
    block into its sentences is linear, not quadratic."""
    i = bisect_right(pieces, n, key=_offset)
    j = len(pieces) if end is None else max(i, bisect_left(pieces, end, key=_offset))
    out = []
    if i > 0:
        p = pieces[i - 1]
        out.append(Piece(0, p.line, p.column + (n - p.offset)))
    out.extend(Piece(p.offset - n, p.line, p.column) for p in pieces[i:j])
    return tuple(out)


@dataclass(frozen=True)
class Block(_Located):
    """A run of text: an improvement item, a strength, an unnumbered paragraph."""

    text: str
    span: Span
    pieces: tuple[Piece, ...] = ()

    def without_prefix(self, n: int) -> Block:
        return Block(self.text[n:], self.span, drop_prefix(self.pieces, n))


@dataclass(frozen=True)
class Paragraph(_Located):
    """A finding paragraph; `number` is the printed number (None in letters),
    `numbering` the number as printed ("12. ", or a slip: "46.. ", "25.")."""

    number: int | None
    text: str
    span: Span
    pieces: tuple[Piece, ...] = ()
    numbering: str = ""


@dataclass(frozen=True)
class Section:
    """A judgement section (ILACS) or a headed part of a letter."""

    heading: str  # the heading's name part, without the grade
    grade_text: str | None
    grade: str | None
    # The framework judgement id the heading names: exactly, or one slip away
    # ("The experience and progress of ...", judgement_exact False); None when
    # it names none (and always in letters).
    judgement: str | None
    span: Span  # the heading line
    grade_column: int | None
    paragraphs: tuple[Paragraph, ...] = ()
    judgement_exact: bool = False
    # What a letter's heading is: "overview", "findings", "improvement",
    # "strengths", "next_steps", "scope", "priority" (the grammar's
    # LETTER_<ROLE> terminals), "other" for a heading no letter layout uses;
    # "judgement" for an ILACS judgement section.
    role: str = "judgement"


@dataclass(frozen=True)
class HeadingRepair:
    """A line read as a heading it is not written as: misspelt ("Findngs",
    read as `meant`), or a heading no layout uses (`meant` None), found before
    parsing (checker/parsing/recovery.py) so the rest of the document is read
    as the writer meant it."""

    span: Span
    found: str  # the line as written
    meant: str | None
    likeness: float  # 0-1, how close `found` is to `meant` (difflib's ratio)


@dataclass(frozen=True)
class InspectionDates:
    """The inspection (or visit) dates as printed, and as dates."""

    text: str
    start: date | None  # the first and last day printed, None when none can be read
    end: date | None
    line: int
    periods: tuple[Period, ...] = ()  # each printed period (one unless the inspection was split)


@dataclass(frozen=True)
class Report:
    path: str
    kind: str  # "ilacs", "focused_visit", "jtai", "monitoring_visit"
    framework: str | None  # "ilacs-2023", ...; None where no framework applies
    title: str
    authority: str | None
    dates: InspectionDates | None
    letter_date: date | None
    lead_inspector: str | None
    table: Span | None  # the table's header line
    judgements: tuple[JudgementRow, ...] = ()
    summary: tuple[Block, ...] = ()
    introduction: tuple[Block, ...] = ()  # a letter's opening paragraphs
    improvements_heading: Span | None = None
    improvements: tuple[Block, ...] = ()
    strengths: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    line_count: int = 0
    title_block: Block | None = None
    # a letter's lines before its title: date, addressee, address, salutation
    letter_head: tuple[Block, ...] = ()
    letter_date_line: int | None = None
    repairs: tuple[HeadingRepair, ...] = ()
    # The judgement section whose paragraphs the "What needs to improve" list
    # follows, when it stands there instead of before the first section
    improvements_misplaced_in: str | None = None
    # An ILACS report's paragraphs after the first line of Ofsted's closing
    # statement that are not part of it (grammar/layout.yaml)
    after_closing: tuple[Block, ...] = ()

    @property
    def paragraphs(self) -> list[Paragraph]:
        """All finding paragraphs in document order."""
        return [p for s in self.sections for p in s.paragraphs]

    TEXT_NODES = TEXT_NODES

    def blocks(self, kinds=TEXT_NODES):
        """Runs of report text with what they are, in document order, as
        (kind, block). By default the running text: "summary",
        "improvement", "strength", "paragraph"; also "letter_head", "title", "heading",
        "table_row" and "sentence" (the running text cut into sentences)."""
        kinds = set(kinds)
        parts = []
        if "letter_head" in kinds:
            parts += [("letter_head", b) for b in self.letter_head]
        if "title" in kinds and self.title_block is not None:
            parts.append(("title", self.title_block))
        if "table_row" in kinds:
            parts += [("table_row", Block(f"{r.name}\t{r.grade_text}", r.span,
                                          (Piece(0, r.span.line, r.span.column),)))
                      for r in self.judgements]
        if "heading" in kinds:
            parts += [("heading", Block(s.heading + (f": {s.grade_text}" if s.grade_text else ""),
                                        s.span, (Piece(0, s.span.line, s.span.column),)))
                      for s in self.sections]
        text = [("introduction", b) for b in self.introduction]
        text += [("summary", b) for b in self.summary]
        text += [("improvement", b) for b in self.improvements]
        text += [("strength", b) for b in self.strengths]
        text += [("paragraph", p) for p in self.paragraphs]
        parts += [part for part in text if part[0] in kinds]
        if "sentence" in kinds:
            parts += [("sentence", sentence) for _, b in text for sentence in b.sentences()]
        return sorted(parts, key=lambda part: (part[1].span.line, part[1].span.column))

    def judgement_row(self, judgement_id: str) -> JudgementRow | None:
        return next((r for r in self.judgements if r.judgement == judgement_id), None)

    def to_json(self) -> dict:
        """The `parse --format json` shape (version 1); lines are original lines.

        Keys added since the first version, so older readers still work:
        inspection_dates.periods, per section and per judgement row
        judgement_read (the judgement named exactly or one slip away;
        judgement_id stays the exact one), per section judgement_exact and
        role; headings_read_as (misspelt
        or unknown headings, read_as null for an unknown one) and
        after_closing."""
        return {
            "path": self.path,
            "kind": self.kind,
            "framework": self.framework,
            "title": self.title,
            "authority": self.authority,
            "inspection_dates": _dates_json(self.dates),
            "letter_date": _iso(self.letter_date),
            "lead_inspector": self.lead_inspector,
            "judgements": [
                {"name": r.name, "grade": r.grade_text, "grade_id": r.grade,
                 "judgement_id": r.judgement, "line": r.span.line,
                 "judgement_read": r.judgement_read}
                for r in self.judgements
            ],
            "introduction": _blocks_json(self.introduction),
            "summary": _blocks_json(self.summary),
            "improvements": _blocks_json(self.improvements),
            "strengths": _blocks_json(self.strengths),
            "sections": [_section_json(s) for s in self.sections],
            "headings_read_as": [{"line": r.span.line, "found": r.found, "read_as": r.meant,
                                  "likeness": r.likeness} for r in self.repairs],
            "after_closing": _blocks_json(self.after_closing),
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _dates_json(d: InspectionDates | None) -> dict | None:
    if d is None:
        return None
    return {"text": d.text, "start": _iso(d.start), "end": _iso(d.end), "line": d.line,
            "periods": [{"text": p.text, "start": _iso(p.start), "end": _iso(p.end)}
                        for p in d.periods]}


def _blocks_json(blocks: tuple[Block, ...]) -> list[dict]:
    return [{"text": b.text, "line": b.span.line, "end_line": b.span.end_line} for b in blocks]


def _section_json(s: Section) -> dict:
    return {
        "heading": s.heading,
        "grade": s.grade_text,
        "grade_id": s.grade,
        "judgement_id": s.judgement if s.judgement_exact else None,
        "line": s.span.line,
        "paragraphs": [{"number": p.number, "line": p.span.line, "end_line": p.span.end_line}
                       for p in s.paragraphs],
        "judgement_read": s.judgement,
        "judgement_exact": s.judgement_exact,
        "role": s.role,
    }
