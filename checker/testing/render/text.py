"""A report model as the text of a published report, and where each part went.

`render_text` lays the model out as a published report copied to text
(samples/*.txt): title block, "Inspection dates:", "Lead inspector:", the
"Judgement<TAB>Grade" table, summary paragraphs, "What needs to improve?" and
"- item" lines, "Name: grade" headings, "N. text" paragraphs and Ofsted's
trailer; letters with their date line, addressee, "Dear ...", title, opening,
headings and "Yours sincerely". The `Layout` adds what copying a PDF leaves
(wrapped lines, page breaks, bullet glyphs, CRLF ...). It returns the text
and where each part went (`Rendered.line`), so a test can say "this rule must
fire at this line".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.testing.model import Layout, ReportModel, format_date, trailer

__all__ = ["Rendered", "render_text"]


@dataclass
class Rendered:
    """A rendered report and where each part of the model is in it.

    Keys name parts of the model: ("title",), ("dates",), ("letter_date",),
    ("table",), ("row", i), ("summary", i), ("introduction", i),
    ("improvements_heading",), ("item", i), ("strength", i), ("heading", s),
    ("paragraph", s, p) (p-th paragraph of section s), ("sign_off",).
    """

    text: str
    # key -> ((offset, line, column), ...): where each line of the part's text
    # starts (offset in the part's text; 1-based line and column in `text`)
    places: dict = field(default_factory=dict)

    def position(self, key: tuple, offset: int = 0) -> tuple[int, int]:
        """1-based (line, column) of character `offset` of a part's text (the
        text without its bullet or paragraph number)."""
        pieces = self.places[key]
        start, line, column = pieces[0]
        for piece in pieces:
            if piece[0] > offset:
                break
            start, line, column = piece
        return line, column + max(0, offset - start)

    def line(self, key: tuple, offset: int = 0) -> int:
        return self.position(key, offset)[0]

    def end_line(self, key: tuple) -> int:
        return self.places[key][-1][1]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


_LINE_START = re.compile(r"^(?:\d{1,3}\.|[-\u2022(])")


class _Writer:
    """Lines of text, and where each keyed part of the model starts."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.lines: list[str] = []
        self.places: dict = {}

    def blank(self, n: int = 1):
        self.lines.extend([""] * n)

    def line(self, text: str, key=None):
        self.lines.append(text)
        if key is not None:
            self.places[key] = ((0, len(self.lines), 1),)

    def block(self, text: str, key=None, prefix: str = ""):
        """`prefix + text` on one line, or hard-wrapped; records where each
        line's text starts (offsets into `text`, without the prefix)."""
        width = self.layout.wrap
        chunks = _wrap(text, width - len(prefix) if width else None)
        page_break = self._page_break(chunks)
        pieces = []
        offset = 0
        for i, chunk in enumerate(chunks):
            if i == page_break:
                self.lines.append("")
            self.lines.append((prefix if i == 0 else "") + chunk)
            pieces.append((offset, len(self.lines), len(prefix) + 1 if i == 0 else 1))
            offset += len(chunk) + 1
        if key is not None:
            self.places[key] = tuple(pieces)

    def _page_break(self, chunks: list[str]) -> int | None:
        """The line of a wrapped block a page break goes before, if any.

        A page break leaves a blank line mid-paragraph; the reader mends it
        where the text runs on in lower case (a break at a sentence's end
        is a paragraph break to any reader), so put one only there."""
        lower = [i for i, c in enumerate(chunks) if i and c[:1].islower()]
        return lower[len(lower) // 2] if lower and self.layout.page_breaks else None

    def items(self, items, key: str):
        """A bulleted list; without a glyph, items stand apart as paragraphs do."""
        bullet = self.layout.bullet
        for i, item in enumerate(items):
            if not bullet and i:
                self.blank()
            self.block(item, (key, i), prefix=bullet)

    def text(self) -> str:
        tail = " " if self.layout.trailing_space else ""
        body = self.layout.line_end.join(line + (tail if line else "") for line in self.lines)
        if self.layout.curly_quotes:
            body = body.replace("'", "\u2019")
        return body + self.layout.line_end


def _wrap(text: str, width: int | None) -> list[str]:
    """Words to lines of about `width` characters. A continuation line never
    starts like a numbered paragraph ("12. ") or a bullet, which a reader
    of plain text could not tell apart either."""
    if not width or len(text) <= width:
        return [text]
    words = text.split(" ")
    lines, current = [], words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width and not _LINE_START.match(word) and word:
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    return lines


def render_text(model: ReportModel) -> Rendered:
    """The model as report text in the published layout, and where its parts are."""
    w = _Writer(model.layout)
    if model.is_letter:
        _letter(w, model)
    else:
        _ilacs(w, model)
    return Rendered(w.text(), w.places)


def _ilacs(w: _Writer, m: ReportModel):
    _ilacs_front(w, m)
    w.line(m.improvements_heading, ("improvements_heading",))
    w.blank()
    w.items(m.improvements, "item")
    for s, section in enumerate(m.sections):
        w.blank()
        grade = f": {section.grade_text}" if section.grade_text is not None else ""
        w.line(f"{section.heading}{grade}", ("heading", s))
        w.blank()
        for p, para in enumerate(section.paragraphs):
            number = f"{m.layout.number_prefix}{para.number}. " if para.number is not None else ""
            w.block(para.text, ("paragraph", s, p), prefix=number)
    w.blank(3)
    for line in trailer(m.end.year):
        w.line(line)
        w.blank()


def _ilacs_front(w: _Writer, m: ReportModel):
    """An inspection report up to its improvements: the title, the dates,
    the lead inspector, the judgement table and the summary."""
    layout = m.layout
    w.blank()
    for i, line in enumerate(m.title):
        key = ("title",) if i == 0 else ("title", i)
        cut = line.find(" children's services")
        if layout.title_break and cut > 0:
            w.line(line[:cut], key)
            w.line(line[cut + 1:])
        else:
            w.line(line, key)
        w.blank()
    w.line(f"Inspection dates: {m.dates_text}", ("dates",))
    w.blank()
    if m.lead_inspector:
        name, comma, title = m.lead_inspector.partition(", ")
        if layout.inspector_break and comma:
            w.line(f"Lead inspector: {name}", ("lead_inspector",))
            w.line(title)
        else:
            w.line(f"Lead inspector: {m.lead_inspector}", ("lead_inspector",))
        w.blank()
    w.line(f"Judgement{layout.table_separator}Grade", ("table",))
    for i, row in enumerate(m.judgements):
        w.line(f"{row.name}{layout.table_separator}{row.grade_text}", ("row", i))
    w.blank()
    for i, text in enumerate(m.summary):
        w.block(text, ("summary", i))
        w.blank()


def _letter(w: _Writer, m: ReportModel):
    w.blank()
    w.line(format_date(m.letter_date), ("letter_date",))
    w.blank()
    for line in m.addressee:
        w.line(line)
    w.blank()
    w.line(m.salutation, ("salutation",))
    w.blank()
    for i, line in enumerate(m.title):
        w.line(line, ("title",) if i == 0 else ("title", i))
        w.blank()
    for i, text in enumerate(m.introduction):
        w.block(text, ("introduction", i))
        w.blank()
    for s, section in enumerate(m.sections):
        w.line(section.heading, ("heading", s))
        w.blank()
        listed = m.listed_under(section)
        if listed is not None:
            key, items = listed
            w.items(items, key)
            w.blank()
        for p, para in enumerate(section.paragraphs):
            w.block(para.text, ("paragraph", s, p))
            w.blank()
    w.line("Yours sincerely", ("sign_off",))
    w.blank()
    for line in m.signature:
        w.line(line)
