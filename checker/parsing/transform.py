"""Parse tree -> document model: a lark Transformer that returns frozen dataclasses.

The shape of lark's `create_ast` example (lark.ast_utils): one method per
grammar rule, called bottom-up with the rule's children already transformed,
returning an immutable node. A rule's method builds its node whole, so no
node is ever half-built or filled in later. The model classes need more than
their children (positions through the source map, headings split into name
and grade), which is why these are methods, not `ast_utils.create_transformer`.

The framework that names judgements and grades (checker/parsing/naming.py)
is chosen from the dates before the tree is transformed
(checker/parsing/parser.py), so rows and sections are built named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from lark import Token, Transformer
from lark.visitors import Discard

from checker.datafiles.frameworks import Framework
from checker.parsing.dates import (
    Period,
    locate_visit_dates,
    parse_full_date,
    parse_range,
    read_periods,
)
from checker.parsing.ends import in_closing_statement, is_paragraph, split_at_closing
from checker.parsing.lines import Lines, runs
from checker.parsing.model import (
    Block,
    HeadingRepair,
    InspectionDates,
    JudgementRow,
    Paragraph,
    Report,
    Section,
    Span,
    drop_prefix,
)
from checker.parsing.naming import Naming
from checker.parsing.recovery import UNKNOWN_MARK, LineRepair
from checker.reading.source import SourceText

# "name: grade", also "name is: grade" (Dudley 2018), "name: grade." (a slip)
_GRADED_HEADING = re.compile(
    r"^(?P<name>.*?)(?:\s+(?:is|are))?\s*:\s*(?P<grade>[^:]*?)\.?\s*$", re.I)
# "... protection is inadequate", "... require improvement to be good", and
# "... protection – good" (a dash for the colon: not part of the name)
_SENTENCE_HEADING = re.compile(
    r"^(?P<name>.*?)(?:\s+[\u2013\u2014-])?\s+(?:(?:is|are)\s+)?(?P<grade>(?:outstanding|good|inadequate|"
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?))\.?\s*$", re.I)
_TABLE_ROW = re.compile(r"^(\s*)(.*?)(\t+| {2,})(\S.*?)\s*$")
_NUMBER = re.compile(r"^\s*(\d{1,3})\.+[ \t]*")
_AUTHORITY_PATTERNS = (
    re.compile(r"^Inspection of (.+?) local authority children's services$", re.I),
    re.compile(r"^Inspection of (?!children's|local authority)(.+?) children's services$", re.I),
    re.compile(r"^Focused visit to (.+?) children's services$", re.I),
    re.compile(r"^Monitoring visit (?:to|of) (.+?) children's services$", re.I),
    re.compile(r"^Joint targeted area inspection of (.+?)$", re.I),
)
# 2018-2020 ILACS title blocks: the council's name, then the report title
_COUNCIL_FIRST = re.compile(
    r"^Inspection of (children's social care|local authority children's) services$", re.I)
# The grammar names a letter heading's terminal after its role: LETTER_<ROLE>.
_LETTER_ROLE = "LETTER_"


def authority(titles: list[str]) -> str | None:
    """The local authority a report is about, from its title line(s)."""
    for title in titles:
        for pattern in _AUTHORITY_PATTERNS:
            m = pattern.match(title)
            if m:
                return m.group(1).strip()
    if len(titles) >= 2 and _COUNCIL_FIRST.match(titles[-1]):
        return titles[0]
    return None


def _dates(text: str, start, end, line: int) -> InspectionDates:
    """Printed dates with their periods; an empty dates line has one empty period."""
    periods = read_periods(text) if text else (Period("", start, end),)
    return InspectionDates(text, start, end, line, periods)


def _sections_and_misplaced_list(children) -> tuple[list[Section], str | None, _Items | None]:
    """The judgement sections, and the first "What needs to improve" list
    found after a section's paragraphs, with that section's heading."""
    sections, heading, items = [], None, None
    for c in children:
        if isinstance(c, _ListedSection):
            if items is None:
                heading, items = c.section.heading, c.items
            c = c.section
        if isinstance(c, Section):
            sections.append(c)
    return sections, heading, items


# Parts of the document the root rule puts together ------------------------

@dataclass(frozen=True)
class _LeadInspector:
    name: str


@dataclass(frozen=True)
class _TitleBlock:
    """The document's head: an ILACS title block or a letter's front matter."""

    title: str
    block: Block | None
    authority: str | None
    dates: InspectionDates | None = None
    lead_inspector: str | None = None
    letter_date: tuple[date, int] | None = None  # a letter's date line: (date, line)
    introduction: tuple[Block, ...] = ()
    letter_head: tuple[Block, ...] = ()  # a letter's lines before its title

    @property
    def inspected(self) -> date | None:
        """The day that chooses the framework: the first day of the
        inspection or visit, else a letter's date."""
        if self.dates is not None:
            return self.dates.start
        return self.letter_date[0] if self.letter_date else None


@dataclass(frozen=True)
class _Table:
    head: Span
    rows: tuple[JudgementRow, ...]


@dataclass(frozen=True)
class _Summary:
    blocks: tuple[Block, ...]
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class _ListedSection:
    """A judgement section with the "What needs to improve" list after its
    paragraphs (misplaced: the list belongs before the first section)."""

    section: Section
    items: _Items


@dataclass(frozen=True)
class _Closing:
    """Paragraphs after the end of the document's text: after the first line
    of Ofsted's closing statement and not part of it (a report), or after the
    sign-off and its signatures (a letter)."""

    stray: tuple[Block, ...]


@dataclass(frozen=True)
class _Items:
    """A list of improvement items (or strengths) under its heading."""

    role: str  # "improvement" or "strengths"
    heading: Span
    items: tuple[Block, ...]
    # the summary's last words, when the heading was glued onto their line
    glued: Token | None = None


class DocumentTransformer(Transformer):
    """One document's parse tree -> its Report, judgements and grades named
    through `framework` (None: the title block or opening alone, to choose it)."""

    def __init__(self, source: SourceText, kind: str, framework: Framework | None = None,
                 repairs: tuple[LineRepair, ...] = ()):
        super().__init__(visit_tokens=False)
        self.source = source
        self.kind = kind
        self.framework = framework
        self.names = Naming(framework)
        self.lines = Lines(source)
        self.repairs = repairs

    def _report(self, **parts) -> Report:
        repairs = tuple(HeadingRepair(self.lines.span(r.line, r.line), r.found, r.meant,
                                      r.likeness) for r in self.repairs)
        return Report(path=self.source.path, kind=self.kind,
                      framework=self.framework.id if self.framework else None,
                      line_count=len(self.source.original_lines), repairs=repairs, **parts)

    # ILACS ------------------------------------------------------------------
    def ilacs(self, children) -> Report:
        title = next(c for c in children if isinstance(c, _TitleBlock))
        table = next(c for c in children if isinstance(c, _Table))
        summary = next(c for c in children if isinstance(c, _Summary))
        improvements = next((c for c in children if isinstance(c, _Items)), None)
        sections, misplaced_in, misplaced = _sections_and_misplaced_list(children)
        improvements = improvements or misplaced
        if improvements is not None and improvements.glued is not None:
            summary = _Summary(self.lines.blocks([*summary.tokens, improvements.glued]))
        closing = next((c for c in children if isinstance(c, _Closing)), _Closing(()))
        return self._report(
            title=title.title, authority=title.authority, dates=title.dates,
            letter_date=None, lead_inspector=title.lead_inspector, table=table.head,
            judgements=table.rows, summary=summary.blocks,
            improvements_heading=improvements.heading if improvements else None,
            improvements=improvements.items if improvements else (),
            sections=tuple(sections), title_block=title.block, after_closing=closing.stray,
            improvements_misplaced_in=misplaced_in if improvements is misplaced else None)

    def title_block(self, children) -> _TitleBlock:
        # A later dates or inspector line stands for an earlier one.
        tokens = [c for c in children if isinstance(c, Token)]
        titles = [t.strip() for t in tokens]
        title = " ".join(titles)
        dates = [c for c in children if isinstance(c, InspectionDates)]
        inspectors = [c.name for c in children if isinstance(c, _LeadInspector)]
        return _TitleBlock(title, self.lines.block(tokens),
                           authority(titles) or authority([title]),
                           dates=dates[-1] if dates else None,
                           lead_inspector=inspectors[-1] if inspectors else None)

    def title_line(self, children) -> Token:
        return children[0]

    def dates_line(self, children) -> InspectionDates:
        tok = children[0]
        text = tok.split(":", 1)[1].strip()
        start, end = parse_range(text)
        return _dates(text, start, end, self.lines.line_span(tok).line)

    def inspector_line(self, children) -> _LeadInspector:
        # "Lead inspector: NAME", the title perhaps on lines of its own
        lines = [children[0].split(":", 1)[-1]] + [t for t in children[1:] if t.type == "TEXT"]
        return _LeadInspector(", ".join(t.strip() for t in lines if t.strip()))

    def table(self, children) -> _Table:
        rows = [c for c in children[1:] if isinstance(c, JudgementRow)]
        taken = {r.judgement for r in rows if r.judgement}
        for i, row in enumerate(rows):
            if row.judgement is None:
                near = self.names.row_near(row.name, taken)
                if near is not None:
                    taken.add(near)
                    rows[i] = replace(row, judgement_near=near)
        return _Table(self.lines.line_span(children[0]), tuple(rows))

    def table_row(self, children) -> JudgementRow:
        tok = children[0]
        m = _TABLE_ROW.match(tok.rstrip("\n"))
        name, grade_text = m.group(2).strip(), m.group(4).strip()
        return JudgementRow(name=name, grade_text=grade_text, grade=self.names.grade(grade_text),
                            judgement=self.names.row(name), span=self.lines.line_span(tok),
                            grade_column=self.lines.column(tok.line, m.start(4)))

    def summary(self, children) -> _Summary:
        return _Summary(self.lines.blocks(children), tuple(children))

    def improvements(self, children) -> _Items:
        head, glued = children[0], None
        items, _ = self.lines.items(children[1:])
        span = self.lines.line_span(head)
        if head.type == "IMPROVE_GLUED":
            # the summary's words before the heading stay in the summary
            at = head.rindex("W")
            glued = Token("TEXT", head[:at].rstrip() + "\n", line=head.line)
            line, column = self.source.position(head.line, at + 1)
            span = Span(line, column, span.end_line, span.end_column)
        return _Items("improvement", span, items, glued)

    def section(self, children) -> Section | _ListedSection:
        section = self._section(children)
        listed = next((c for c in children if isinstance(c, _Items)), None)
        return _ListedSection(section, listed) if listed else section

    def _section(self, children) -> Section:
        head = children[0]
        raw = head.rstrip("\n")
        pattern = _GRADED_HEADING if head.type == "HEADING" else _SENTENCE_HEADING
        m = pattern.match(raw.strip())
        name, grade_text = m.group("name").strip(), m.group("grade").strip()
        judgement, exact = self.names.heading(name)
        return Section(
            heading=name, grade_text=grade_text, grade=self.names.grade(grade_text),
            judgement=judgement, span=self.lines.line_span(head),
            grade_column=self.lines.column(head.line, raw.rindex(grade_text)),
            paragraphs=tuple(c for c in children[1:] if isinstance(c, Paragraph)),
            judgement_exact=exact)

    def section_intro(self, children):
        return Discard  # unnumbered text under a heading: no rule reads it yet

    def paragraph(self, children) -> Paragraph:
        text, span, pieces = self.lines.joined(children)
        number = _NUMBER.match(text)
        if number is None:
            return Paragraph(None, text, span, pieces)
        return Paragraph(int(number.group(1)), text[number.end():], span,
                         drop_prefix(pieces, number.end()), numbering=number.group(0).lstrip())

    def trailer(self, children) -> _Closing:
        """Ofsted's closing statement, and any paragraph after its first line
        that is not part of it: a run of lines holding none of the
        statement's phrases (grammar/layout.yaml), and holding words (a stray
        page number is not a paragraph)."""
        stray = [run for run in runs(children[1:]) if not in_closing_statement(run)
                 and any(ch.isalpha() for tok in run for ch in tok)]
        return _Closing(tuple(self.lines.block(run) for run in stray))

    # letters ----------------------------------------------------------------
    def letter(self, children) -> Report:
        front = children[0]
        parts = [c for c in children[1:] if isinstance(c, tuple)]
        closing = next((c for c in children if isinstance(c, _Closing)), _Closing(()))
        lists = {items.role: items for _, items in parts if items is not None}
        improvements = lists.get("improvement")
        when, when_line = front.letter_date or (None, None)
        return self._report(
            title=front.title, authority=front.authority, dates=front.dates,
            letter_date=when, lead_inspector=None, table=None,
            introduction=front.introduction,
            improvements_heading=improvements.heading if improvements else None,
            improvements=improvements.items if improvements else (),
            strengths=lists["strengths"].items if "strengths" in lists else (),
            sections=tuple(section for section, _ in parts),
            title_block=front.block, letter_date_line=when_line, after_closing=closing.stray,
            letter_head=front.letter_head)

    def front_matter(self, children) -> _TitleBlock:
        """Date, addressees, salutation, title and introduction of a letter."""
        non_blank = [t for t in children if t.type != "BLANK"]
        title_tokens = [t for t in non_blank if authority([t.strip()]) is not None]
        titles = [t.strip() for t in title_tokens]
        # the opening paragraphs after the title ("This letter summarises ...")
        after_title = children[children.index(title_tokens[0]) + 1:] if title_tokens else []
        before_title = children[:children.index(title_tokens[0])] if title_tokens else []
        return _TitleBlock(
            titles[0] if titles else "",
            self.lines.block(title_tokens[:1]) if title_tokens else None,
            authority(titles), dates=self._visit_dates(non_blank),
            letter_date=self._letter_date(non_blank[:5]),
            introduction=self.lines.blocks(after_title),
            letter_head=self.lines.blocks(before_title))

    def _letter_date(self, tokens: list[Token]):
        """The letter's date line among its first lines, as (date, line)."""
        for tok in tokens:
            when = parse_full_date(tok)
            if when:
                return when, self.lines.line_span(tok).line
        return None

    def _visit_dates(self, tokens: list[Token]) -> InspectionDates | None:
        """The visit's dates as the opening states them ("... on 9 and 10 January 2019")."""
        opening = self.lines.block(tokens)
        start, end, match = locate_visit_dates(opening.text)
        if not start:
            return None
        return _dates(match.group(1), start, end, opening.position(match.start(1))[0])

    def letter_section(self, children) -> tuple[Section, _Items | None]:
        """A headed part of a letter, and its items when it lists improvements or strengths."""
        head, tokens = children[0], list(children[1:])
        role = head.type[len(_LETTER_ROLE):].lower()
        span = self.lines.line_span(head)
        heading = head.strip().removeprefix(UNKNOWN_MARK)
        items = None
        if role in ("improvement", "strengths"):
            tokens, closing = split_at_closing(tokens)
            listed, rest = self.lines.items(tokens)
            rest += self.lines.blocks(closing) if closing else ()
            items = _Items(role, span, listed)
        else:
            rest = self.lines.blocks(tokens)
        paragraphs = tuple(Paragraph(None, b.text, b.span, b.pieces) for b in rest)
        section = Section(heading=heading, grade_text=None, grade=None, judgement=None,
                          span=span, grade_column=None, paragraphs=paragraphs, role=role)
        return section, items

    def closing(self, children) -> _Closing:
        """The sign-off and the signatures under it (names, titles,
        qualifications: short lines in all 93 published letters), and any
        paragraph after it (ends.is_paragraph)."""
        stray = [run for run in runs(children[1:]) if is_paragraph(run)]
        return _Closing(tuple(self.lines.block(run) for run in stray))
