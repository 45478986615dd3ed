"""Build Word drafts (.docx) for tests, with Word's own automatic numbering.

python-docx writes paragraphs and tables but has no API for list numbering, so
this helper writes numbering.xml entries itself: abstract lists (levels with a
number format, level text and start), list instances (`w:num`) that may restart
a level (`startOverride`) or replace it (`lvlOverride/lvl`), paragraphs numbered
through their own `w:numPr` or through a paragraph style (and its `basedOn`
chain), bullets, headings and tables.

`docx_from_text` turns a report in the plain-text layout (samples/*.txt) into
the Word draft it came from: the judgement table as a real table, the numbered
paragraphs as ONE auto-numbered list running across the sections (as Ofsted's
template does), "What needs to improve" items as bullets, section headings as
headings, and the page-break fragments of the text mended into their paragraphs.
Options put in the drafting slips a Word draft really has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"        # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet
    text: str = "%1."           # lvlText
    start: int = 1
    restart: int | None = None  # lvlRestart
    style: str | None = None    # pStyle link
    suffix: str | None = None   # tab (default), space, nothing


DECIMAL = (Level("decimal", "%1."), Level("lowerLetter", "%2)"), Level("lowerRoman", "(%3)"))
BULLETS = (Level("bullet", "\uf0b7"), Level("bullet", "o"))


def _el(tag: str, **attrs) -> object:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def _val(tag: str, value) -> object:
    return _el(tag, val=value)


def _numpr(num_id: int | None, level: int | None) -> object:
    """A w:numPr: a list level and a numbering instance, either optional."""
    numpr = _el("w:numPr")
    if level is not None:
        numpr.append(_val("w:ilvl", level))
    if num_id is not None:
        numpr.append(_val("w:numId", num_id))
    return numpr


def _lvl(ilvl: int, level: Level) -> object:
    lvl = _el("w:lvl", ilvl=ilvl)
    lvl.append(_val("w:start", level.start))
    lvl.append(_val("w:numFmt", level.fmt))
    if level.restart is not None:
        lvl.append(_val("w:lvlRestart", level.restart))
    if level.style:
        lvl.append(_val("w:pStyle", level.style))
    if level.suffix:
        lvl.append(_val("w:suff", level.suffix))
    lvl.append(_val("w:lvlText", level.text))
    lvl.append(_val("w:lvlJc", "left"))
    return lvl


@dataclass
class WordBuilder:
    """A Word document being built; numbering ids start at 100 (clear of the template's)."""

    doc: object = field(default_factory=docx.Document)
    _next_abstract: int = 100
    _next_num: int = 100
    tables: int = 0

    @property
    def _numbering(self):
        return self.doc.part.numbering_part.element

    # -- lists -------------------------------------------------------------
    def abstract(self, *levels: Level) -> int:
        """An abstract list (abstractNum) with these levels; returns its id."""
        aid = self._next_abstract
        self._next_abstract += 1
        a = _el("w:abstractNum", abstractNumId=aid)
        a.append(_val("w:multiLevelType", "multilevel" if len(levels) > 1 else "singleLevel"))
        for i, level in enumerate(levels):
            a.append(_lvl(i, level))
        numbering = self._numbering
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:      # schema order: every abstractNum before any num
            first_num.addprevious(a)
        else:
            numbering.append(a)
        return aid

    def num(self, abstract_id: int, starts: dict[int, int] | None = None,
            levels: dict[int, Level] | None = None) -> int:
        """A list instance (w:num) of an abstract list; `starts` restart levels
        (startOverride), `levels` replace them (lvlOverride/lvl). Returns its numId."""
        nid = self._next_num
        self._next_num += 1
        n = _el("w:num", numId=nid)
        n.append(_val("w:abstractNumId", abstract_id))
        for ilvl in sorted(set(starts or ()) | set(levels or ())):
            o = _el("w:lvlOverride", ilvl=ilvl)
            if starts and ilvl in starts:
                o.append(_val("w:startOverride", starts[ilvl]))
            if levels and ilvl in levels:
                o.append(_lvl(ilvl, levels[ilvl]))
            n.append(o)
        self._numbering.append(n)
        return nid

    def list(self, *levels: Level) -> int:
        """A new abstract list and one instance of it: the numId."""
        return self.num(self.abstract(*levels))

    def restart(self, num_id: int, level: int = 0, start: int = 1) -> int:
        """What Word's "Restart at 1" makes: a new w:num on the same abstract
        list with a startOverride. Returns the new numId."""
        aid = self._abstract_of(num_id)
        return self.num(aid, starts={level: start})

    def _abstract_of(self, num_id: int) -> int:
        for n in self._numbering.iterchildren(qn("w:num")):
            if n.get(qn("w:numId")) == str(num_id):
                return int(n.find(qn("w:abstractNumId")).get(qn("w:val")))
        raise KeyError(num_id)

    def numbered_style(self, name: str, num_id: int | None = None, level: int | None = None,
                       based_on: str = "Normal") -> str:
        """A paragraph style numbered through its own numPr (num_id None: only
        based on another style, inheriting its numbering). Returns its name."""
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles[based_on]
        if num_id is not None or level is not None:
            style.element.get_or_add_pPr().insert(0, _numpr(num_id, level))
        return name

    # -- content -----------------------------------------------------------
    def paragraph(self, text: str = "", num: int | None = None, level: int | None = None,
                  style: str | None = None):
        """A paragraph; `num` numbers it through its own numPr (0 = explicitly none)."""
        p = self.doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        if num is not None or level is not None:
            p._p.get_or_add_pPr().append(_numpr(num, level))
        return p

    def heading(self, text: str, level: int = 2):
        return self.doc.add_heading(text, level)

    def table(self, rows: list[list[str]]):
        self.tables += 1
        table = self.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for tr, row in zip(table.rows, rows):
            for cell, text in zip(tr.cells, row):
                cell.text = text
        return table

    def save(self, path: str | Path) -> Path:
        self.doc.save(str(path))
        return Path(path)


def displayed(doc_path) -> list[str]:
    """The lines read_docx makes of a draft (a shortcut for tests)."""
    from checker.reading.word import read_docx
    return read_docx(doc_path).lines


# --------------------------------------------------------- sample drafts ----

_NUMBERED = re.compile(r"^\s*(?:-\s+)?(\d{1,3})\.\s+(.*)$")
_BULLET = re.compile(r"^\s*-\s+(.*)$")
_HEADING = re.compile(r"^[A-Z][^:.\d]{5,200}:\s*[A-Za-z][A-Za-z ]{1,60}$")
_IMPROVE = re.compile(r"^What needs to improve\b", re.I)
_TRAILER = re.compile(r"^The Office for Standards in Education")
_ENDS_SENTENCE = re.compile(r"[.?!:;)\]\"']$")


@dataclass
class Draft:
    """A sample rebuilt as a Word draft, and where its numbered paragraphs went."""

    path: Path
    word_paragraph: dict[int, int]   # paragraph number in the text -> Word paragraph index
    main_list: int                   # numId of the paragraph list


def docx_from_text(text: str, path: str | Path, *, restart_sections: tuple[int, ...] = (),
                   manual: dict[int, str] | None = None,
                   drop_table_rows: tuple[int, ...] = (),
                   numbering_via_style: bool = False) -> Draft:
    """Rebuild a report in the text layout as a Word draft.

    restart_sections: 0-based indexes of judgement sections whose list Word
        restarts at 1 (a new w:num with startOverride), continuing from there.
    manual: paragraph number -> the text typed at the start of that paragraph
        instead of Word's number (the paragraph is left out of the list).
    drop_table_rows: 1-based judgement table rows (after the header) left out.
    numbering_via_style: number the paragraphs through a paragraph style
        ("Numbered para", basedOn a style holding the numPr) instead of numPr.
    """
    manual = manual or {}
    b = WordBuilder()
    paras = b.list(*DECIMAL)
    bullets = b.list(*BULLETS)
    style = None
    if numbering_via_style:
        b.numbered_style("Numbered base", paras, 0)
        style = b.numbered_style("Numbered para", based_on="Numbered base")
    lines = text.split("\n")
    i = 0
    word_index = 0
    word_paragraph: dict[int, int] = {}
    current = None          # the open paragraph, for page-break fragments: (kind, paragraph)
    section = -1
    in_body = False         # after the table: fragments may continue a paragraph
    trailer = False
    table_done = False

    def new(text_: str, **kw):
        nonlocal word_index
        word_index += 1
        return b.paragraph(text_, **kw)

    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            continue
        stripped = line.strip()
        if not table_done and re.match(r"^Judgements?\tGrades?$", stripped):
            rows = [stripped.split("\t")]
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].strip().split("\t"))
                i += 1
            rows = [r for n, r in enumerate(rows) if n not in drop_table_rows]
            b.table(rows)
            table_done = in_body = True
            current = None
            continue
        if trailer or _TRAILER.match(stripped):
            trailer = True
            new(stripped)
            continue
        if in_body and _HEADING.match(stripped):
            section += 1
            if section in restart_sections:
                paras = b.restart(paras)
            word_index += 1
            b.heading(stripped, 2)
            current = None
            continue
        if in_body and _IMPROVE.match(stripped):
            word_index += 1
            b.heading(stripped, 2)
            current = None
            continue
        m = _NUMBERED.match(stripped)
        if in_body and m and section >= 0:
            number, body = int(m.group(1)), m.group(2)
            if number in manual:
                p = new(manual[number] + body)
            elif style:
                p = new(body, style=style)
            else:
                p = new(body, num=paras, level=0)
            word_paragraph[number] = word_index
            current = ("numbered", p)
            continue
        m = _BULLET.match(stripped)
        if in_body and m:
            p = new(m.group(1), num=bullets, level=0)
            current = ("bullet", p)
            continue
        if in_body and current is not None and (
                current[0] == "numbered" or stripped[:1].islower()
                or not _ENDS_SENTENCE.search(current[1].text.rstrip())):
            current[1].add_run(" " + stripped)     # a page-break fragment: mend it
            continue
        p = new(stripped)
        current = ("text", p) if in_body else None
    b.save(path)
    return Draft(Path(path), word_paragraph, paras)
