"""The report model the toolkit generates: what a report *says*, as data.

A `ReportModel` is a report's kind and framework, the title block, the
judgement table, the summary, the improvement items (and a JTAI letter's
strengths), and its sections with their paragraphs. It is not the checker's
own model (checker/parsing/model.py), which also records where each part was
found; `parts()` and `report_parts()` reduce both to the same plain shape, so
a round trip through the checker's reader is one comparison:

    parts(model) == report_parts(check_text(render_text(model).text).report)

The renderers (checker.testing.render) lay a model out as text or Word;
the strategies (checker.testing.strategies) generate models; the faults
(checker.testing.faults) edit them. Models are frozen dataclasses, edited
with `dataclasses.replace` or `ReportModel.with_paragraph`.

Nothing here needs hypothesis.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

__all__ = [
    "Row", "Paragraph", "Section", "Layout", "ReportModel", "parts", "report_parts",
    "format_date", "format_range", "renumber", "number_paragraphs", "trailer",
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
    """A paragraph of a section, and the number printed before it."""

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
    """Everything a generated report says, in the order it says it; which
    fields a document has depends on `kind` (the letter fields stay empty in
    an ILACS report, the judgement table in a letter)."""

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

    def listed_under(self, section: Section) -> tuple[str, tuple[str, ...]] | None:
        """The bulleted list a letter prints under this section's heading, and
        the key its entries have in a Rendered: ("item", improvements) under
        "What needs to improve ...", ("strength", strengths) under
        "Strengths"; None under any other heading. One answer for the text and
        the Word renderers, so the two cannot disagree."""
        key = section.heading.strip().lower()
        if key.startswith("what needs to improve"):
            return "item", self.improvements
        if key.startswith("strengths"):
            return "strength", self.strengths
        return None

    def with_section(self, section: int, **changes) -> ReportModel:
        """The model with fields of one section replaced (heading, grade ...)."""
        sections = list(self.sections)
        sections[section] = replace(sections[section], **changes)
        return replace(self, sections=tuple(sections))

    def with_row(self, row: int, **changes) -> ReportModel:
        """The model with fields of one judgement table row replaced."""
        rows = list(self.judgements)
        rows[row] = replace(rows[row], **changes)
        return replace(self, judgements=tuple(rows))

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
    return replace(model, sections=number_paragraphs(model.sections, start))


def number_paragraphs(sections, start: int = 1) -> tuple[Section, ...]:
    """The sections with their paragraphs numbered start..N across all of
    them, as an inspection report numbers them."""
    n = start
    numbered = []
    for s in sections:
        paras = []
        for p in s.paragraphs:
            paras.append(replace(p, number=n))
            n += 1
        numbered.append(replace(s, paragraphs=tuple(paras)))
    return tuple(numbered)


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


def trailer(year: int) -> tuple[str, ...]:
    """The paragraphs Ofsted ends an inspection report with (the copyright
    year is the year of the inspection's last day); no rule reads them, but
    the reader must see them as the end of the last section, as it does in
    a published report."""
    return tuple(line.replace("{year}", str(year)) for line in _TRAILER)


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
        "sections": [(s.heading, s.grade_text, s.grade,
                      s.judgement if s.judgement_exact else None,
                      [(p.number, p.text) for p in s.paragraphs]) for s in report.sections],
    }
