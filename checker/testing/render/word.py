"""A report model as a Word draft, for `checker.api.check_file`.

The judgement table is a Word table, headings are Word headings, improvement
items and strengths a bulleted list, and the numbered paragraphs ONE
automatically numbered list running across the sections, as Ofsted's
template has them: the paragraph numbers are list numbers Word computes, not
typed text, which is what the Word reader must get right. A paragraph whose
number does not follow the one before it gets it the way Word's "Set
numbering value" does: a new list instance that restarts the count at that
number. The layout options are ignored (they are artefacts of text copied
from a PDF).

python-docx writes the document; it has no API for list numbering, so the
few numbering.xml elements needed are written here (`_WordNumbering`).
"""

from __future__ import annotations

from pathlib import Path

from checker.testing.model import ReportModel, format_date, trailer

__all__ = ["render_docx"]


def render_docx(model: ReportModel, path) -> Path:
    """The model as a Word draft at `path` (returned as a Path)."""
    import docx  # only Word rendering needs python-docx

    draft = _Draft(docx.Document())
    if model.is_letter:
        _letter(draft, model)
    else:
        _ilacs(draft, model)
    path = Path(path)
    draft.doc.save(str(path))
    return path


class _Draft:
    """A Word document being written, with its bullet list and the list
    template its numbered paragraphs use."""

    def __init__(self, doc):
        self.doc = doc
        self.numbering = _WordNumbering(doc)
        self.bullets = self.numbering.num(self.numbering.abstract("bullet", "\uf0b7"))
        self.decimal = self.numbering.abstract("decimal", "%1.")

    def para(self, text: str, num: int | None = None):
        """A paragraph, in list instance `num` if given."""
        p = self.doc.add_paragraph()
        if text:
            p.add_run(text)
        if num is not None:
            _set_num(p, num)
        return p

    def heading(self, text: str):
        self.doc.add_heading(text, 2)


def _letter(draft: _Draft, model: ReportModel):
    draft.para(format_date(model.letter_date))
    for line in (*model.addressee, model.salutation, *model.title, *model.introduction):
        draft.para(line)
    for section in model.sections:
        draft.heading(section.heading)
        listed = model.listed_under(section)
        for item in listed[1] if listed is not None else ():
            draft.para(item, draft.bullets)
        for p in section.paragraphs:
            draft.para(p.text)
    draft.para("Yours sincerely")
    for line in model.signature:
        draft.para(line)


def _ilacs(draft: _Draft, model: ReportModel):
    for line in model.title:
        draft.para(line)
    draft.para(f"Inspection dates: {model.dates_text}")
    if model.lead_inspector:
        draft.para(f"Lead inspector: {model.lead_inspector}")
    rows = [("Judgement", "Grade")] + [(r.name, r.grade_text) for r in model.judgements]
    table = draft.doc.add_table(rows=len(rows), cols=2)
    for tr, (name, grade) in zip(table.rows, rows):
        tr.cells[0].text, tr.cells[1].text = name, grade
    for text in model.summary:
        draft.para(text)
    draft.heading(model.improvements_heading)
    for item in model.improvements:
        draft.para(item, draft.bullets)
    _numbered_sections(draft, model)
    for line in trailer(model.end.year):
        draft.para(line)


def _numbered_sections(draft: _Draft, model: ReportModel):
    """The sections, their paragraphs one numbered list; a new list instance
    wherever a number does not follow the one before."""
    current, counter = None, None
    for section in model.sections:
        grade = f": {section.grade_text}" if section.grade_text is not None else ""
        draft.heading(f"{section.heading}{grade}")
        for p in section.paragraphs:
            if p.number is None:
                draft.para(p.text)
                continue
            if current is None or p.number != counter + 1:
                current = draft.numbering.num(draft.decimal, start=p.number)
            counter = p.number
            draft.para(p.text, current)


class _WordNumbering:
    """Just enough of numbering.xml: one-level lists and their instances."""

    def __init__(self, doc):
        self.element = doc.part.numbering_part.element
        self.next_abstract = 100
        self.next_num = 100

    def abstract(self, fmt: str, text: str) -> int:
        """A new one-level list template (w:abstractNum); its id."""
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
        """A new list instance (w:num) of a template, counting from `start`; its id."""
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
