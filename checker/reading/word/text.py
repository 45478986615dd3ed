"""A Word draft's body as report text: the lines, their places, and what each line is in Word.

The text is what a reader sees (tracked changes accepted, hidden text left
out, list numbers as displayed), laid out as a published report copied to
text; each line keeps an anchor to its w:p or w:tr so that comments can be
put back on the paragraph or table cell a finding is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.reading.word.numbering import Label, Numbering
from checker.reading.word.ooxml import (
    CUSTOM_XML,
    RPR,
    SDT,
    SDT_CONTENT,
    SKIP,
    TBL,
    TC,
    TR,
    VANISH,
    P,
    R,
    T,
    on,
    w,
)

_TABS = frozenset(w(t) for t in ("tab", "ptab"))
_BREAKS = frozenset(w(t) for t in ("br", "cr"))
_NO_BREAK_HYPHEN, _SYM, _SYM_CHAR = w("noBreakHyphen"), w("sym"), w("char")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = "\n"
_NUMBERED_LINE = re.compile(r"^\s*(\d{1,3})\.\s")
_TYPED_LIST = re.compile(r"^\s*(\d{1,3}\.|[a-z]\)|\([a-z]\)|[-\u2022\uf0b7\u25cf\u25aa])\s")


# ----------------------------------------------------------------- text ----

def _hidden(run) -> bool:
    rpr = run.find(RPR)
    return rpr is not None and on(rpr.find(VANISH))


def _symbol(sym) -> str:
    """A w:sym's character (a Symbol or Wingdings glyph by code point); "" if unreadable."""
    try:
        return chr(int(sym.get(_SYM_CHAR), 16))
    except (TypeError, ValueError):
        return ""


def _text(el, out: list[str]) -> None:
    """The visible text under `el`, line breaks as '\\n'."""
    for child in el:
        tag = child.tag
        if tag in SKIP or not isinstance(tag, str):
            continue
        if tag == T:
            out.append(child.text or "")
        elif tag in _TABS:
            out.append("\t")
        elif tag in _BREAKS:
            out.append(_LINE_BREAK)
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
        elif tag == _SYM:
            out.append(_symbol(child))
        elif tag == R and _hidden(child):
            continue
        elif len(child):
            _text(child, out)



def _paragraph_text(p) -> str:
    out: list[str] = []
    _text(p, out)
    return _CONTROL.sub(" ", "".join(out).replace("\r", " "))


# --------------------------------------------------------------- layout ----

@dataclass
class Anchor:
    """What a line of the text is in the Word document."""

    element: object                  # the w:p, or the w:tr of a table row
    cells: tuple = ()                # table row: (start offset in the line, w:tc) per cell


@dataclass
class Extract:
    """The lines of a draft's text, each with its place and anchor (None: a blank line)."""

    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    anchors: list[Anchor | None] = field(default_factory=list)
    previous: str | None = None      # kind of the last block written: list, text, row

    def add(self, line: str, place: str, anchor: Anchor | None) -> None:
        self.lines.append(line)
        self.places.append(place)
        self.anchors.append(anchor)

    def start_block(self, kind: str) -> None:
        """A blank line before each block, as in a published report's text, except between
        list items (numbered paragraphs and bullets follow each other line by line)."""
        if self.previous is not None and not (kind == self.previous == "list"):
            self.add("", "", None)
        self.previous = kind

    def anchor_for(self, line: int) -> Anchor | None:
        """The anchor of a 1-based line, or of the nearest line that has one."""
        n = len(self.anchors)
        if not n:
            return None
        i = min(max(line, 1), n) - 1
        for j in [*range(i, n), *range(i - 1, -1, -1)]:
            if self.anchors[j] is not None:
                return self.anchors[j]
        return None


def _content(element, wanted: tuple[str, ...]):
    """The children of `element` with a tag in `wanted`, in reading order,
    looking through content controls (w:sdt) and custom XML wrappers, which
    can hold paragraphs and tables in a body, rows in a table and cells in a
    row alike: `document.iter_inner_content()` sees only the first level."""
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _content(content, wanted)
        elif child.tag == CUSTOM_XML:
            yield from _content(child, wanted)


def _labelled_lines(p, label: Label | None) -> list[str]:
    """A paragraph's non-empty lines (split at line breaks), its list label on the first.
    An empty bullet shows nothing to read; an empty numbered item shows its number."""
    parts = [s.strip() for s in _paragraph_text(p).split(_LINE_BREAK)]
    parts = [s for s in parts if s]
    if label is not None and label.text and (parts or not label.bullet):
        parts = [label.text + (parts[0] if parts else ""), *parts[1:]]
    return parts


def _add_paragraph(out: Extract, p, numbering: Numbering) -> None:
    label = numbering.label(p)
    parts = _labelled_lines(p, label)
    if not parts:
        return   # an empty paragraph: the blank lines around blocks stand for it
    listed = label is not None and bool(label.text) or bool(_TYPED_LIST.match(parts[0]))
    out.start_block("list" if listed else "text")
    place = _place(parts[0])
    for part in parts:
        out.add(part, place, Anchor(p))


def _place(first_line: str, words: int = 6) -> str:
    """Where a paragraph is, as the reader of the draft in Word can find it:
    its number as Word displays it, else its first words (Word shows no
    index of a paragraph, but finds its words with Ctrl+F)."""
    number = _NUMBERED_LINE.match(first_line)
    if number:
        return f"paragraph {number.group(1)}"
    shown = _TYPED_LIST.sub("", first_line, count=1).split()
    start = " ".join(shown[:words]) + ("…" if len(shown) > words else "")
    return f'the paragraph "{start}"'


def _cell_text(tc, numbering: Numbering) -> str:
    """A table cell's paragraphs on one line (each with its list label), spaces collapsed."""
    words = []
    for p in tc.iter(P):
        label = numbering.label(p)
        t = " ".join(_paragraph_text(p).split())
        if label is not None and label.text and t:
            t = label.text + t
        if t:
            words.append(t)
    return " ".join(words)


def _row_cells(tr, numbering: Numbering) -> tuple[list[tuple[int, object]], list[str]]:
    """The row's non-empty cells: (offset in the row's line, w:tc) and their texts."""
    cells, texts, offset = [], [], 0
    for tc in _content(tr, (TC,)):
        cell_text = _cell_text(tc, numbering)
        if cell_text:
            cells.append((offset, tc))
            texts.append(cell_text)
            offset += len(cell_text) + 1
    return cells, texts


def _add_table(out: Extract, tbl, numbering: Numbering, table_index: int) -> None:
    """One line per row with text, its cells joined with a tab (`Judgement<TAB>Grade`)."""
    first = True
    for row_index, tr in enumerate(_content(tbl, (TR,)), start=1):
        cells, texts = _row_cells(tr, numbering)
        if not texts:
            continue
        if first:
            out.start_block("row")
            first = False
        out.add("\t".join(texts), f"table {table_index}, row {row_index}",
                Anchor(tr, tuple(cells)))


def extract(body, numbering: Numbering) -> Extract:
    """The text of a document body, block by block in reading order."""
    out = Extract()
    table_index = 0
    for block in _content(body, (P, TBL)):
        if block.tag == P:
            _add_paragraph(out, block, numbering)
        else:
            table_index += 1
            _add_table(out, block, numbering, table_index)
    return out
