"""A report's body lines: PDFium's text lines, without the page furniture, each with its place.

A line is what PDFium reports as one (its text split at CR), with the geometry
the layout needs: top, bottom, left, right and the most common font size.
Running headers, footers and page numbers are dropped here, before the layout,
so that a paragraph interrupted by a page break reads on as one; a superscript
footnote marker that PDFium reports as a line of its own is put back on the
line it belongs to. Places ("page P, line L") count the lines that are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import repeat

from checker.reading.pdf.document import Page

FOOTER_BAND = 63.0     # pt at the bottom of the page holding the running footer and page number
HEADER_BAND = 40.0     # pt at the top of the page

_INK = re.compile(r"\S")
# PDFium gives the size set by the font operator; a PDF that sets it to 1 and scales
# the text by its matrix instead (Cheshire East's 2015 SIF report, 26pt title, 12pt
# body) reports every character as 1pt, so every line would read as a footnote.
# Below this, the size is taken times the text matrix's vertical scale.
_UNSCALED = 1.5


class Line:
    """A PDF text line: its characters as PDFium extracted them, each one's index in the
    page's text (for its box and font size), and the line's geometry."""

    __slots__ = ("pg", "chars", "idx", "ink", "text", "top", "bottom", "left", "right",
                 "font", "place")

    def __init__(self, pg: Page, chars: str, idx: Sequence[int], place: str = ""):
        self.pg = pg
        self.chars = chars
        self.idx = idx
        self.place = place
        self.text = chars.replace("\ufffe", "-").replace("\t", " ").rstrip()
        self.ink = ink = [idx[m.start()] for m in _INK.finditer(chars)]  # non-space chars
        h = pg.height
        first, last = pg.box(ink[0]), pg.box(ink[-1])
        self.top = h - first[3]
        self.bottom = h - last[1]
        self.left = first[0]
        self.right = last[2]
        self.font = _main_font_size(pg, ink)

    @property
    def page(self) -> int:
        return self.pg.number

    def boxes(self):
        """(char, left, bottom, right, top) of every character."""
        return [(c, *self.pg.box(i)) for c, i in zip(self.chars, self.idx)]

    def first_word_width(self) -> float:
        w = []
        for i in self.ink:
            b = self.pg.box(i)
            if w and b[0] - w[-1][2] > 1.5:  # a space
                break
            w.append(b)
        return w[-1][2] - w[0][0]

    def __repr__(self):
        return (f"<p{self.page + 1} y{self.top:.0f} x{self.left:.0f} f{self.font} "
                f"{self.text[:50]!r}>")


def _main_font_size(pg: Page, ink: list[int]) -> float:
    """The most common font size (rounded to 0.1pt) of the characters `ink`: a footnote
    marker or an italic word in another size does not change what the line is."""
    sizes = Counter(map(pg.font_size_fn, repeat(pg.tp.raw, len(ink)), ink))
    if min(sizes) < _UNSCALED:
        sizes = Counter(pg.scaled_font_size(i) for i in ink)
    if len(sizes) == 1:
        return round(next(iter(sizes)), 1)
    rounded: Counter = Counter()
    for size, n in sizes.items():
        rounded[round(size, 1)] += n
    return rounded.most_common(1)[0][0]


def _text_lines(pg: Page) -> list[tuple[str, Sequence[int]]]:
    """The page's text lines as PDFium splits them (at CR; LF dropped): (characters, their
    indexes in the page's text), lines with ink only."""
    tp = pg.tp
    n = tp.count_chars()
    text = tp.get_text_range(0, n) if n > 0 else ""
    if len(text) != n:   # PDFium maps text to character indexes 1:1; be safe if it ever does not
        text = "".join(chr(pg.raw.FPDFText_GetUnicode(tp.raw, i)) for i in range(n))
    out = []
    start = 0
    for end in [m.start() for m in re.finditer("\r", text)] + [n]:
        if text.startswith("\n", start):   # the LF of CR LF
            start += 1
        seg = text[start:end]
        if "\n" in seg:
            idx: Sequence[int] = [i for i in range(start, end) if text[i] != "\n"]
            seg = seg.replace("\n", "")
        else:
            idx = range(start, end)
        if _INK.search(seg):
            out.append((seg, idx))
        start = end + 1
    return out


# ------------------------------------------------- running headers/footers ----

def _in_margin(ln: Line, pg: Page, scale: float = 1) -> bool:
    """In the page's header or footer band (scale 2: twice as deep)."""
    return ln.top >= pg.height - FOOTER_BAND * scale or ln.top < HEADER_BAND * scale


def _running_key(ln: Line) -> str:
    """A line's text without its numbers: equal on every page for a running header/footer."""
    return re.sub(r"[\d\s]+", " ", ln.text).strip()


def _running_texts(pages: list[Page], per_page: list[list[Line]]) -> set[str]:
    """Texts (numbers aside) near the top or bottom of at least half of the pages (and of
    two): a running header or footer printed outside the bands (Leicester 2021 prints its
    8pt footer title just above the footer band)."""
    seen: Counter = Counter()
    for pg, lines in zip(pages, per_page):
        seen.update({_running_key(ln) for ln in lines if _in_margin(ln, pg, 2)})
    return {k for k, n in seen.items() if n >= 2 and n * 2 >= len(pages)}


def _is_page_furniture(ln: Line, pg: Page, running: set[str]) -> bool:
    """A running header/footer or page number, not report text."""
    return _in_margin(ln, pg) or (_in_margin(ln, pg, 2) and _running_key(ln) in running)


# ------------------------------------------------------ superscript markers ----

def _is_superscript_of(prev: Line | None, ln: Line) -> bool:
    """`ln` is a smaller-font marker beside the end of `prev`, on the same baseline band:
    a footnote marker PDFium reported as a line of its own."""
    return (prev is not None and prev.page == ln.page and ln.font < prev.font
            and ln.top < prev.bottom and ln.bottom > prev.top
            and ln.left >= prev.right - 1)


def _with_superscript(prev: Line, ln: Line, pg: Page) -> Line:
    """`prev` with the marker `ln` put back at its end, spaced as the PDF spaces it."""
    sep = "" if ln.left - prev.right < 1.5 else " "   # the space: at the marker
    return Line(pg, prev.chars + sep + ln.chars,
                [*prev.idx, *([ln.idx[0]] if sep else []), *ln.idx], prev.place)


# ---------------------------------------------------------------- body ----

def body_lines(pages: list[Page], log: list[str]) -> list[Line]:
    """Body lines of every page, in order, numbered per page (see checker.reading.pdf).

    Running header/footer and page-number lines are dropped: every line in the
    bottom FOOTER_BAND or top HEADER_BAND of the page, and every line near the
    top or bottom whose text (numbers aside) recurs on at least half of the
    pages. They are found over all pages first, then the lines kept are numbered.
    """
    per_page = [[Line(pg, *seg) for seg in _text_lines(pg)] for pg in pages]
    running = _running_texts(pages, per_page)
    kept: list[Line] = []
    for pg, lines in zip(pages, per_page):
        count = 0
        for ln in lines:
            if _is_page_furniture(ln, pg, running):
                log.append(f"dropped header/footer: {ln!r}")
            elif _is_superscript_of(kept[-1] if kept else None, ln):
                kept[-1] = _with_superscript(kept[-1], ln, pg)
                log.append(f"superscript re-attached to the line before: {ln!r}")
            else:
                count += 1
                ln.place = f"page {pg.number + 1}, line {count}"
                kept.append(ln)
    return kept
