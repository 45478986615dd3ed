"""The report model the toolkit generates, and its rendering to text and Word.

A `ReportModel` is what a report *says*, as data: its kind and framework, the
title block, the judgement table, the summary, the improvement items (and a
JTAI letter's strengths), and its sections with their paragraphs. It is not
the checker's own model (checker/parsing/model.py), which also records where each
part was found; `parts()` and `report_parts()` reduce both to the same plain
shape, so a round trip through the checker's reader is one comparison:

    parts(model) == report_parts(check_text(render_text(model).text).report)

`render_text` lays the model out as a published report copied to text
(samples/*.txt): title block, "Inspection dates:", "Lead inspector:", the
"Judgement<TAB>Grade" table, summary paragraphs, "What needs to improve?" and
"- item" lines, "Name: grade" headings, "N. text" paragraphs and Ofsted's
trailer; letters with their date line, addressee, "Dear ...", title, opening,
headings and "Yours sincerely". It returns the text and where each part went
(`Rendered.line`), so a test can say "this rule must fire at this line".
`render_docx` writes the same model as a Word draft with Word's automatic
numbering (the paragraph numbers are list numbers, not typed text), for
`checker.api.check_file`.

Nothing here needs hypothesis: the renderer serves any test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

__all__ = [
    "Row", "Paragraph", "Section", "Layout", "ReportModel", "Rendered",
    "render_text", "render_docx", "parts", "report_parts", "format_date",
    "format_range", "renumber",
]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def format_date(d: date) -> str:
    """"9 January 2019", as reports print a date."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def format_range(start: date, end: date, style: str = "short", joiner: str = "to") -> str:
    """A printed date range: "23 January to 3 February 2023" (short: the first
    day borrows what it shares with the last), or "21 January 2019 to 1
    February 2019" (full, as 2018-2019 reports print it)."""
    if style == "full":
        return f"{format_date(start)} {joiner} {format_date(end)}"
    if start.year != end.year:
        first = format_date(start)
    elif start.month != end.month:
        first = f"{start.day} {MONTHS[start.month - 1]}"
    else:
        first = str(start.day)
    return f"{first} {joiner} {format_date(end)}"


# ------------------------------------------------------------------ model ----

@dataclass(frozen=True)
class Row:
    """A judgement table row as printed, and what it means."""

    name: str
    grade_text: str
    judgement: str | None = None  # the framework's judgement id; None: names none
    grade: str | None = None      # the grade id on the framework's scale; None: off the scale


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: int | None = None  # printed number (ILACS); None in letters


@dataclass(frozen=True)
class Section:
    """A judgement section (ILACS: heading "name: grade") or a letter's headed part."""

    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    grade_text: str | None = None
    grade: str | None = None
    judgement: str | None = None


@dataclass(frozen=True)
class Layout:
    """How the text looks, artefacts of copying a PDF included. None of it
    changes what the report says, so none of it may change what the checker
    reads or reports (beyond line numbers)."""

    wrap: int | None = None     # hard-wrap running text at about this many characters
    page_breaks: bool = False   # a blank line inside wrapped blocks, as a PDF page break leaves
    bullet: str = "- "          # "- ", "\u2022 ", "\uf0b7 " (a Symbol-font bullet), or ""
                                # (the glyph lost: items then stand apart, blank-separated)
    number_prefix: str = ""     # "- " before paragraph numbers ("- 12. "), a PDF artefact
    line_end: str = "\n"        # "\n", "\r\n" or "\r"
    trailing_space: bool = False  # lines end in a space, as copied from a PDF
    curly_quotes: bool = False  # typographic apostrophes (children\u2019s), as Word writes them
    table_separator: str = "\t"  # between a judgement and its grade: a tab, or spaces
    title_break: bool = False   # a long report title wrapped over two lines
    inspector_break: bool = False  # "Lead inspector: NAME" with the title on the next line


@dataclass(frozen=True)
class ReportModel:
    kind: str                        # ilacs, focused_visit, jtai, monitoring_visit
    framework: str | None            # framework id the dates choose
    authority: str                   # as the checker reads it from the title
    title: tuple[str, ...]           # the title line(s)
    start: date                      # first and last day of the inspection or visit
    end: date
    dates_text: str                  # the dates as printed
    letter_date: date | None = None
    lead_inspector: str | None = None
    judgements: tuple[Row, ...] = ()
    summary: tuple[str, ...] = ()
    improvements_heading: str = "What needs to improve?"
    improvements: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    # letters
    addressee: tuple[str, ...] = ()  # lines between the date and "Dear ..."
    salutation: str = ""
    introduction: tuple[str, ...] = ()  # paragraphs after the title
    signature: tuple[str, ...] = ()  # lines after "Yours sincerely"
    layout: Layout = field(default_factory=Layout)

    @property
    def is_letter(self) -> bool:
        return self.kind != "ilacs"

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def section_index(self, judgement: str) -> int | None:
        return next((i for i, s in enumerate(self.sections) if s.judgement == judgement), None)

    def row_index(self, judgement: str) -> int | None:
        return next((i for i, r in enumerate(self.judgements) if r.judgement == judgement), None)

    def paragraph_keys(self) -> list[tuple[int, int]]:
        """(section, paragraph) of every paragraph, in document order; with
        "paragraph" in front, the key of its place in a Rendered."""
        return [(s, p) for s, section in enumerate(self.sections)
                for p in range(len(section.paragraphs))]

    def with_paragraph(self, section: int, paragraph: int, text: str) -> ReportModel:
        """The model with the text of one paragraph replaced."""
        target = self.sections[section]
        paras = list(target.paragraphs)
        paras[paragraph] = replace(paras[paragraph], text=text)
        sections = list(self.sections)
        sections[section] = replace(target, paragraphs=tuple(paras))
        return replace(self, sections=tuple(sections))


def renumber(model: ReportModel, start: int = 1) -> ReportModel:
    """The model with its ILACS paragraphs numbered start..N across all sections."""
    if model.is_letter:
        return model
    n = start
    sections = []
    for s in model.sections:
        paras = []
        for p in s.paragraphs:
            paras.append(replace(p, number=n))
            n += 1
        sections.append(replace(s, paragraphs=tuple(paras)))
    return replace(model, sections=tuple(sections))


# ------------------------------------------------------------ comparison ----

def parts(model: ReportModel) -> dict:
    """What the checker should read from the rendered model (see report_parts)."""
    title = " ".join(model.title)
    return {
        "kind": model.kind,
        "framework": model.framework,
        "title": title,
        "authority": model.authority,
        "dates": (model.start, model.end),
        "letter_date": model.letter_date,
        "lead_inspector": model.lead_inspector,
        "judgements": [(r.name, r.grade_text, r.judgement, r.grade) for r in model.judgements],
        "summary": list(model.summary),
        "introduction": list(model.introduction),
        "improvements": list(model.improvements),
        "strengths": list(model.strengths),
        "sections": [(s.heading, s.grade_text, s.grade, s.judgement,
                      [(p.number, p.text) for p in s.paragraphs]) for s in model.sections],
    }


def report_parts(report) -> dict:
    """The parts of a parsed report (checker.parsing.model.Report) that a model carries."""
    d = report.dates
    return {
        "kind": report.kind,
        "framework": report.framework,
        "title": report.title,
        "authority": report.authority,
        "dates": (d.start, d.end) if d else None,
        "letter_date": report.letter_date,
        "lead_inspector": report.lead_inspector,
        "judgements": [(r.name, r.grade_text, r.judgement, r.grade) for r in report.judgements],
        "summary": [b.text for b in report.summary],
        "introduction": [b.text for b in report.introduction],
        "improvements": [b.text for b in report.improvements],
        "strengths": [b.text for b in report.strengths],
        # a model's section judgement is the one its heading names exactly
        "sections": [(s.heading, s.grade_text, s.grade, s.judgement if s.judgement_exact else None,
                      [(p.number, p.text) for p in s.paragraphs]) for s in report.sections],
    }


# ------------------------------------------------------------------ text -----

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

    def block(self, text: str, key=None, prefix: str = "", wrap: bool = True,
              breaks: bool = True):
        """`prefix + text` on one line, or hard-wrapped; records where each
        line's text starts (offsets into `text`, without the prefix)."""
        width = self.layout.wrap if wrap else None
        chunks = _wrap(text, width - len(prefix) if width else None)
        # A page break leaves a blank line mid-paragraph; the reader mends it
        # where the text runs on in lower case (a break at a sentence's end
        # is a paragraph break to any reader), so put one only there.
        lower = [i for i, c in enumerate(chunks) if i and c[:1].islower()]
        page_break = lower[len(lower) // 2] if lower and breaks and self.layout.page_breaks \
            else None
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


def _items(w: _Writer, items, key: str, bullet: str):
    """A bulleted list; without a glyph, items stand apart as paragraphs do."""
    for i, item in enumerate(items):
        if not bullet and i:
            w.blank()
        w.block(item, (key, i), prefix=bullet)


def render_text(model: ReportModel) -> Rendered:
    """The model as report text in the published layout, and where its parts are."""
    w = _Writer(model.layout)
    if model.is_letter:
        _letter(w, model)
    else:
        _ilacs(w, model)
    return Rendered(w.text(), w.places)


def _ilacs(w: _Writer, m: ReportModel):
    bullet = m.layout.bullet
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
    w.line(m.improvements_heading, ("improvements_heading",))
    w.blank()
    _items(w, m.improvements, "item", bullet)
    for s, section in enumerate(m.sections):
        w.blank()
        grade = f": {section.grade_text}" if section.grade_text is not None else ""
        w.line(f"{section.heading}{grade}", ("heading", s))
        w.blank()
        for p, para in enumerate(section.paragraphs):
            number = f"{m.layout.number_prefix}{para.number}. " if para.number is not None else ""
            w.block(para.text, ("paragraph", s, p), prefix=number)
    w.blank(3)
    for line in _TRAILER:
        w.line(line.replace("{year}", str(m.end.year)))
        w.blank()


_TRAILER = (
    ("The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates "
     "and inspects to achieve excellence in the care of children and young people, and in "
     "education and skills for learners of all ages."),
    ("If the local authority would like a copy of this document in a different format, such "
     "as large print or Braille, please telephone 0300 123 1231, or email "
     "enquiries@ofsted.gov.uk."),
    "This report is available at https://reports.ofsted.gov.uk/.",
    "\u00a9 Crown copyright {year}",
)


def _letter(w: _Writer, m: ReportModel):
    bullet = m.layout.bullet
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
        key = section.heading.strip().lower()
        if key.startswith("what needs to improve"):
            _items(w, m.improvements, "item", bullet)
            w.blank()
        elif key.startswith("strengths"):
            _items(w, m.strengths, "strength", bullet)
            w.blank()
        for p, para in enumerate(section.paragraphs):
            w.block(para.text, ("paragraph", s, p))
            w.blank()
    w.line("Yours sincerely", ("sign_off",))
    w.blank()
    for line in m.signature:
        w.line(line)


# ------------------------------------------------------------------ Word -----

def render_docx(model: ReportModel, path) -> Path:
    """The model as a Word draft: the judgement table as a table, headings as
    Word headings, improvement items and strengths as a bulleted list, and the
    numbered paragraphs as ONE automatically numbered list running across the
    sections (as Ofsted's template does). A paragraph whose number does not
    follow the one before it gets it the way Word's "Set numbering value"
    does: a new list instance that restarts the count at that number. The
    layout options are ignored (they are artefacts of text copied from a PDF)."""
    import docx

    doc = docx.Document()
    numbering = _WordNumbering(doc)
    bullets = numbering.num(numbering.abstract("bullet", "\uf0b7"))
    decimal = numbering.abstract("decimal", "%1.")

    def para(text: str, num: int | None = None):
        p = doc.add_paragraph()
        if text:
            p.add_run(text)
        if num is not None:
            _set_num(p, num)
        return p

    if model.is_letter:
        para(format_date(model.letter_date))
        for line in model.addressee:
            para(line)
        para(model.salutation)
        for line in model.title:
            para(line)
        for text in model.introduction:
            para(text)
        for section in model.sections:
            doc.add_heading(section.heading, 2)
            key = section.heading.strip().lower()
            if key.startswith("what needs to improve"):
                for item in model.improvements:
                    para(item, bullets)
            elif key.startswith("strengths"):
                for item in model.strengths:
                    para(item, bullets)
            for p in section.paragraphs:
                para(p.text)
        para("Yours sincerely")
        for line in model.signature:
            para(line)
    else:
        for line in model.title:
            para(line)
        para(f"Inspection dates: {model.dates_text}")
        if model.lead_inspector:
            para(f"Lead inspector: {model.lead_inspector}")
        rows = [("Judgement", "Grade")] + [(r.name, r.grade_text) for r in model.judgements]
        table = doc.add_table(rows=len(rows), cols=2)
        for tr, (name, grade) in zip(table.rows, rows):
            tr.cells[0].text, tr.cells[1].text = name, grade
        for text in model.summary:
            para(text)
        doc.add_heading(model.improvements_heading, 2)
        for item in model.improvements:
            para(item, bullets)
        current, counter = None, None
        for section in model.sections:
            grade = f": {section.grade_text}" if section.grade_text is not None else ""
            doc.add_heading(f"{section.heading}{grade}", 2)
            for p in section.paragraphs:
                if p.number is None:
                    para(p.text)
                    continue
                if current is None or p.number != counter + 1:
                    current = numbering.num(decimal, start=p.number)
                counter = p.number
                para(p.text, current)
        for line in _TRAILER:
            para(line.replace("{year}", str(model.end.year)))
    path = Path(path)
    doc.save(str(path))
    return path


class _WordNumbering:
    """Just enough of numbering.xml: one-level lists and their instances."""

    def __init__(self, doc):
        self.element = doc.part.numbering_part.element
        self.next_abstract = 100
        self.next_num = 100

    def abstract(self, fmt: str, text: str) -> int:
        aid = self.next_abstract
        self.next_abstract += 1
        a = _el("w:abstractNum", abstractNumId=aid)
        a.append(_el("w:multiLevelType", val="singleLevel"))
        lvl = _el("w:lvl", ilvl=0)
        for tag, value in (("w:start", 1), ("w:numFmt", fmt), ("w:lvlText", text),
                           ("w:lvlJc", "left")):
            lvl.append(_el(tag, val=value))
        a.append(lvl)
        first_num = self.element.find(_qn("w:num"))
        if first_num is not None:  # schema order: every abstractNum before any num
            first_num.addprevious(a)
        else:
            self.element.append(a)
        return aid

    def num(self, abstract_id: int, start: int | None = None) -> int:
        nid = self.next_num
        self.next_num += 1
        n = _el("w:num", numId=nid)
        n.append(_el("w:abstractNumId", val=abstract_id))
        if start is not None:
            override = _el("w:lvlOverride", ilvl=0)
            override.append(_el("w:startOverride", val=start))
            n.append(override)
        self.element.append(n)
        return nid


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_qn(f"w:{k}"), str(v))
    return el


def _set_num(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val=0))
    numpr.append(_el("w:numId", val=num_id))
    ppr.append(numpr)
