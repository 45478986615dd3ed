"""Reading a published report PDF: its text, laid out as a report's plain text.

`read_pdf(path)` extracts the text with pypdfium2 (PDFium) and lays it out the
way the grammar reads a report (samples/*.txt, tests/fixtures/corpus-text/*.txt):

    title line(s)                      one line per title paragraph, blank line between
    Inspection dates: ...
    Lead inspector: ...                a title on a second PDF line is joined with a space
    Judgement<TAB>Grade
    Name<TAB>Grade                     one row per judgement, wrapped cells re-joined
    summary paragraphs                 one per line, blank line between
    What needs to improve[?][marker]   a superscript footnote marker kept as the PDF has it
    - item                             bullet glyphs (◼ • U+F06E ...) become "- "
    heading: grade                     one line, even when the PDF wraps it
    N. paragraph                       one per line, no blank line between
    boilerplate                        "The Office for Standards in Education ..." to the end

Why PDFium (benchmarks/pdf_extractors.py, all 64 corpus reports): it extracts a
report's text in 16 ms on average, against 0.26 s for pypdf and 0.95 s for
pdfplumber, and it gives every character's box and font size, which is what
the layout needs. No extractor's plain text keeps the judgement table usable
(111-136 of 287 rows have name and grade on one line: a wrapped name cell puts
the grade beside its first or its last line, or alone), nor tells a page's
running footer from the paragraph it interrupts; pdfplumber's extract_tables()
and pypdf's layout mode recover the table, but only the table, and pypdf's
layout mode spaces words apart in running text ("Children          's views").

How the layout is rebuilt (the method of tests/fixtures/corpus-text/reflow.py,
which made the corpus text fixtures and now calls this module):
  * lines are PDFium's text lines, each with its position and font size;
  * running headers/footers and page numbers are dropped: everything in the
    bottom 63pt band of the page (from 779pt down on A4) or the top 40pt, and
    any line near the top or bottom whose text, numbers aside, recurs on half
    the pages or more; a superscript footnote marker that PDFium reports as a
    line of its own is put back at the end of the line it belongs to;
  * footnote text (font under 10.5pt after page 1, before the boilerplate) is
    dropped; footnote markers inside body lines are kept;
  * the judgement table is rebuilt from geometry: characters left of the
    "Grade" column are the judgement's name, the rest its grade; rows are split
    at vertical gaps, so a name wrapped over two lines (and a grade printed on
    either of them) comes out as one `Name<TAB>Grade` row;
  * paragraphs: a new one starts at a vertical gap larger than the leading, a
    change of font size (headings are 14pt), a bullet glyph, or "N." at the
    paragraph-number margin; across a page break a paragraph ends only when the
    next page's first word would have fitted on the previous page's last line;
  * lines are joined with one space; at a line-end hyphen without one (PDFium
    reports a hyphen it wrapped at as U+FFFE, written back as "-"); "10.Many"
    (Word's list tab shrunk to nothing) becomes "10. Many"; a tab in the PDF's
    text becomes a space (a tab separates table cells in the layout).
On the 64 corpus reports the result is byte for byte /work/corpus-text/ (and
the seven tests/fixtures/corpus-text/ files), whose every line was checked
against the PDFs; reading one takes ~40 ms (~15 ms of it opening the pages).

Places: `places[i]` is "page P, line L", the PDF line where output line i+1
starts. P counts from 1. L counts, on page P, the non-blank text lines in the
order PDFium extracts them (`PdfTextPage.get_text_range()` split at its line
ends), not counting the running header/footer and page-number lines (PDFium
puts some reports' footer first: lines are counted after it) nor a superscript
marker that PDFium reports as a line of its own (it belongs to the line
before). On the corpus reports that is the line's number counted down the
page's body text. Blank output lines have no place ("").

Bad input raises InputError (never another exception): missing or unreadable
file, empty, over 64 MB, not a PDF, truncated (no end-of-file marker),
damaged, needing a password, no pages, or no text layer (a scan). A PDF that
opens without a password (owner-password restrictions only) is read, as any
viewer would. The file is opened read-only and never written.
"""

from __future__ import annotations

import ctypes
import os
import re
import time
from collections import Counter
from collections.abc import Sequence
from itertools import repeat

from checker.reading.source import InputError, SourceText, from_text, read_bytes

BULLETS = "◼■▪•●\uf06e\uf0a7\uf0b7\uf0d8\uf0fc"
BOILERPLATE_START = "The Office for Standards in Education"
NUMBERED = re.compile(r"\d+\.(\s|(?=[A-Z\u2018\u201c]))")
TABLE_HEAD = re.compile(r"Judgements?\s+Grades?\b")
FOOTER_BAND = 63.0     # pt at the bottom of the page holding the running footer and page number
HEADER_BAND = 40.0     # pt at the top of the page
FOOTNOTE_FONT = 10.5   # body text is 12pt, headings 14pt, footnotes 10pt
HEADING_FONT = 12.5
# A report is 10-40 pages and ~100,000 characters. Every page stays open while
# the layout is rebuilt (~0.3 MB each with text, ~500 bytes of memory per
# character), so a hostile file of many pages or dense text could take
# minutes and gigabytes: past these it is refused, with its reason.
MAX_PAGES = 2000
MAX_CHARS = 1_000_000
# A page's content can be a compressed stream that inflates to a gigabyte of
# nothing (PDFium stops at its own cap, after a second or two); sixty of them fit
# in 64 MB. Opening a real report's pages takes ~15 ms: past this, it is refused.
MAX_SECONDS = 20.0


# --------------------------------------------------------------- reading ----

def _read_bytes(path: str | os.PathLike) -> tuple[bytes, str]:
    return read_bytes(path), os.fsdecode(path)


def _check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise InputError("empty file", name)
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF- header): check the file's type", name)
    # The spec puts %%EOF in the last 1024 bytes; PDFium would open a file cut short and
    # silently give only its first pages, and a checker must not judge half a report.
    if b"%%EOF" not in data[-2048:]:
        raise InputError("truncated PDF (no end-of-file marker): an incomplete download or "
                         "copy?", name)


_OPEN_ERRORS = {
    1: "damaged PDF (PDFium: unknown error)",
    2: "cannot open the PDF (PDFium: file access error)",
    3: "damaged or not a PDF (PDFium: the file's format is not valid PDF)",
    4: "encrypted PDF: it needs a password to open; save an unprotected copy",
    5: "unsupported PDF security handler",
    6: "damaged PDF (PDFium: page error)",
}


def _open(data: bytes, name: str):
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        raise InputError(_OPEN_ERRORS.get(code, f"cannot open the PDF ({exc})"), name) from None
    return doc


class _Page:
    """One page's PDFium text page, with character boxes and font sizes on demand."""

    def __init__(self, number, page, textpage, raw):
        self.number = number        # 0-based
        self.page = page
        self.tp = textpage
        self.height = page.get_height()
        self._raw = raw
        self._rect = raw.FS_RECTF()
        self.font_size_fn = raw.FPDFText_GetFontSize   # (textpage, index) -> pt
        self._boxes: dict[int, tuple[float, float, float, float]] = {}

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of character i: PDFium's loose box (the font's height)."""
        b = self._boxes.get(i)
        if b is None:
            r = self._rect
            if not self._raw.FPDFText_GetLooseCharBox(self.tp.raw, i, ctypes.byref(r)):
                b = (0.0, 0.0, 0.0, 0.0)
            else:
                b = (r.left, r.bottom, r.right, r.top)
            self._boxes[i] = b
        return b


    def close(self):
        self.tp.close()
        self.page.close()


_INK = re.compile(r"\S")


class Line:
    """A PDF text line: its characters as PDFium extracted them, each one's index in the
    page's text (for its box and font size), and the line's geometry."""

    __slots__ = ("pg", "chars", "idx", "ink", "text", "top", "bottom", "left", "right",
                 "font", "place")

    def __init__(self, pg: _Page, chars: str, idx: Sequence[int], place: str = ""):
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
        # the most common font size (rounded to 0.1pt) of the line's characters
        sizes = Counter(map(pg.font_size_fn, repeat(pg.tp.raw, len(ink)), ink))
        if len(sizes) == 1:
            self.font = round(next(iter(sizes)), 1)
        else:
            rounded: Counter = Counter()
            for size, n in sizes.items():
                rounded[round(size, 1)] += n
            self.font = rounded.most_common(1)[0][0]

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


def _in_margin(ln: Line, pg: _Page, scale: float = 1) -> bool:
    """In the page's header or footer band (scale 2: twice as deep)."""
    return ln.top >= pg.height - FOOTER_BAND * scale or ln.top < HEADER_BAND * scale


def _page_lines(pg: _Page) -> list[tuple[str, Sequence[int]]]:
    """The page's text lines as PDFium splits them (at CR; LF dropped): (characters, their
    indexes in the page's text), lines with ink only."""
    tp = pg.tp
    n = tp.count_chars()
    text = tp.get_text_range(0, n) if n > 0 else ""
    if len(text) != n:   # PDFium maps text to character indexes 1:1; be safe if it ever does not
        text = "".join(chr(pg._raw.FPDFText_GetUnicode(tp.raw, i)) for i in range(n))
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


def _running_key(ln: Line) -> str:
    """A line's text without its numbers: equal on every page for a running header/footer."""
    return re.sub(r"[\d\s]+", " ", ln.text).strip()


def _lines(pages: list[_Page], log: list[str]) -> list[Line]:
    """Body lines of every page, in order, numbered per page (see the module docstring).

    Running header/footer and page-number lines are dropped: every line in the
    bottom FOOTER_BAND or top HEADER_BAND of the page, and every line near the
    top or bottom whose text (numbers aside) recurs on at least half of the
    pages (Leicester 2021 prints its 8pt footer title just above the band).
    """
    per_page = [[Line(pg, *seg) for seg in _page_lines(pg)] for pg in pages]
    seen: Counter = Counter()
    for pg, lines in zip(pages, per_page):
        seen.update({_running_key(ln) for ln in lines if _in_margin(ln, pg, 2)})
    running = {k for k, n in seen.items() if n >= 2 and n * 2 >= len(pages)}
    kept: list[Line] = []
    for pg, lines in zip(pages, per_page):
        count = 0
        for ln in lines:
            if _in_margin(ln, pg) or (_in_margin(ln, pg, 2) and _running_key(ln) in running):
                log.append(f"dropped header/footer: {ln!r}")
                continue
            prev = kept[-1] if kept else None
            if (prev is not None and prev.page == ln.page and ln.font < prev.font
                    and ln.top < prev.bottom and ln.bottom > prev.top
                    and ln.left >= prev.right - 1):
                # a superscript marker on the line before: part of that line
                sep = "" if ln.left - prev.right < 1.5 else " "   # the space: at the marker
                kept[-1] = Line(pg, prev.chars + sep + ln.chars,
                                [*prev.idx, *([ln.idx[0]] if sep else []), *ln.idx], prev.place)
                log.append(f"superscript re-attached to the line before: {ln!r}")
                continue
            count += 1
            ln.place = f"page {pg.number + 1}, line {count}"
            kept.append(ln)
    return kept


# ---------------------------------------------------------------- layout ----

def _gap(a: Line, b: Line) -> float:
    """Vertical white space between line a and the following line b on the same page."""
    return b.top - a.bottom


def _table_rows(lines: list[Line], grade_x: float) -> list[tuple[str, str, str]]:
    """(name, grade, place) rows rebuilt from the table's lines by character x positions."""
    names, grades = [], []  # (top, bottom, text, place)
    for ln in lines:
        chars = ln.boxes()
        left = [c for c in chars if c[1] < grade_x - 4]
        right = [c for c in chars if c[1] >= grade_x - 4]
        for part, dest in ((left, names), (right, grades)):
            s = "".join(c[0] for c in part).replace("\ufffe", "-").replace("\t", " ").strip()
            if s:
                dest.append((ln.top, ln.bottom, s, ln.place))
    rows: list[dict] = []
    for top, bottom, s, place in sorted(names):
        if rows and top - rows[-1]["bottom"] < 6:
            rows[-1]["name"].append(s)
            rows[-1]["bottom"] = bottom
        else:
            rows.append({"top": top, "bottom": bottom, "name": [s], "grade": [],
                         "place": place})
    for top, bottom, s, place in sorted(grades):
        if not rows:
            rows.append({"top": top, "bottom": bottom, "name": [], "grade": [],
                         "place": place})
        mid = (top + bottom) / 2
        row = min(rows, key=lambda r: 0 if r["top"] - 2 <= mid <= r["bottom"] + 2
                  else min(abs(mid - r["top"]), abs(mid - r["bottom"])))
        row["grade"].append(s)
    return [(" ".join(r["name"]), " ".join(r["grade"]), r["place"]) for r in rows]


def _is_table_line(ln: Line, grade_x: float) -> bool:
    xs = [(b[0], b[2]) for b in map(ln.pg.box, ln.ink)]
    if all(lft >= grade_x - 4 for lft, _ in xs) or all(r < grade_x - 4 for _, r in xs):
        return True
    # a name cell and a grade cell on the same baseline: a wide gap before the grade column
    for (_, r0), (l1, _) in zip(xs, xs[1:]):
        if r0 < grade_x - 4 <= l1 and l1 - r0 > 15:
            return True
    return False


def _join(parts: list[str], log: list[str]) -> str:
    s = ""
    for p in parts:
        p = p.strip()
        if not s:
            s = p
        elif s.endswith("-") and not s.endswith(" -"):
            log.append(f"hyphen join: ...{s[-30:]}|{p[:30]}...")
            s += p
        else:
            s += " " + p
    return s


def _bulletize(s: str) -> str:
    if s and s[0] in BULLETS:
        return "- " + s[1:].lstrip()
    return s


def layout(lines: list[Line], log: list[str]) -> list[tuple[str, str]]:
    """(text, place) output lines from the body lines of a report."""
    bp = next((i for i, ln in enumerate(lines) if ln.text.startswith(BOILERPLATE_START)),
              len(lines))
    body, boiler = [], lines[bp:]
    for ln in lines[:bp]:
        if ln.font < FOOTNOTE_FONT and ln.page > 0 and not ln.text.startswith("Judgement"):
            log.append(f"dropped footnote: {ln!r}")
        else:
            body.append(ln)
    res: list[tuple[str, str]] = []
    # title block and judgement table
    th = next((i for i, ln in enumerate(body) if TABLE_HEAD.match(ln.text)), None)
    if th is not None:
        title: list[list[Line]] = []
        for ln in body[:th]:
            if (title and ln.page == title[-1][-1].page
                    and _gap(title[-1][-1], ln) < ln.font / 2 and ln.font == title[-1][-1].font):
                title[-1].append(ln)
            else:
                title.append([ln])
        for grp in title:
            if res:
                res.append(("", ""))
            res.append((_join([ln.text for ln in grp], log), grp[0].place))
        head = body[th]
        # x of the "Grade" column: the left of the header's "Grade"
        before = head.text[:TABLE_HEAD.match(head.text).end()].rstrip()
        before = before[:re.search(r"Grades?$", before).start()]
        k = sum(1 for c in before if not c.isspace())
        gx = head.pg.box(head.ink[k])[0]
        i = th + 1
        while i < len(body) and _is_table_line(body[i], gx):
            i += 1
        if res:
            res.append(("", ""))
        res.append(("Judgement\tGrade", head.place))
        for name, grade, place in _table_rows(body[th + 1:i], gx):
            res.append((f"{name}\t{grade}", place))
        rest = body[i:]
        prev_kind = "table"
    else:
        rest = body
        prev_kind = None
    # body paragraphs
    right_margin = float("inf")
    if rest:
        rights = sorted(ln.right for ln in rest)
        right_margin = rights[int(len(rights) * 0.95)]
    lefts = Counter(round(ln.left) for ln in rest if NUMBERED.match(ln.text)).most_common(1)
    num_left = lefts[0][0] if lefts else None
    paras: list[list] = []  # [kind, [lines]]
    for ln in rest:
        t = ln.text.lstrip()
        numbered = (num_left is not None and bool(NUMBERED.match(t))
                    and abs(ln.left - num_left) < 4)
        bullet = t[:1] in BULLETS
        prev = paras[-1][1][-1] if paras else None
        if prev is None or numbered or bullet or ln.font != prev.font:
            new = True
        elif ln.page == prev.page:
            new = _gap(prev, ln) > 6
        else:
            # page break: continuation lines of numbered paragraphs and bullets are
            # indented; otherwise the paragraph ended if the next word would have fitted
            if (paras[-1][0] in ("numbered", "bullet") and num_left is not None
                    and ln.left > num_left + 4):
                new = False
            elif not re.search(r"[.?!:;)\u2019\u201d]$", prev.text):
                new = False  # no sentence end (e.g. "information-" / "sharing")
            else:
                new = prev.right + 4 + ln.first_word_width() < right_margin - 2
        if prev is not None and ln.page != prev.page:
            log.append(f"page break {'NEW' if new else 'cont'}: ...{prev.text[-40:]!r} | "
                       f"{t[:40]!r}")
        if new:
            kind = ("numbered" if numbered else "bullet" if bullet
                    else "heading" if ln.font > HEADING_FONT else "text")
            paras.append([kind, [ln]])
        else:
            paras[-1][1].append(ln)
    for kind, grp in paras:
        s = _bulletize(_join([ln.text for ln in grp], log))
        if kind == "numbered" and re.match(r"\d+\.\S", s):
            # "10.Many": the list tab after a two-digit number shrinks to ~1pt and PDFium
            # reports no space; the layout wants "N. text"
            log.append(f"space inserted after paragraph number: {s[:20]!r}")
            s = re.sub(r"^(\d+\.)", r"\1 ", s)
        if res and not (kind == prev_kind and kind in ("numbered", "bullet")):
            res.append(("", ""))
        res.append((s, grp[0].place))
        prev_kind = kind
    # boilerplate: gap-separated blocks; a block of short lines (address, telephone ...)
    # keeps one line per PDF line, any other block is one paragraph
    blocks: list[list[Line]] = []
    for ln in boiler:
        if blocks and ln.page == blocks[-1][-1].page and _gap(blocks[-1][-1], ln) < 6:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    if boiler:
        bl = min(ln.left for ln in boiler)
        bw = max(ln.right for ln in boiler) - bl
    for blk in blocks:
        if res:
            res.append(("", ""))
        if all(ln.right - bl < 0.5 * bw for ln in blk):
            res.extend((ln.text.strip(), ln.place) for ln in blk)
        else:
            res.append((_join([ln.text for ln in blk], log), blk[0].place))
    return res


def reflow(path: str | os.PathLike, log: list[str] | None = None
           ) -> tuple[str, tuple[str, ...]]:
    """The report's text in the plain-text layout, and the place of each of its lines.

    `log` (if given) receives every layout decision worth reviewing: dropped
    header/footer and footnote lines, page-break joins and splits, hyphen joins.
    """
    import pypdfium2.raw as raw
    log = [] if log is None else log
    logged = len(log)
    data, name = _read_bytes(path)
    _check_bytes(data, name)
    doc = _open(data, name)
    pages: list[_Page] = []
    try:
        try:
            n = len(doc)
            if n == 0:
                raise InputError("the PDF has no pages", name)
            if n > MAX_PAGES:
                raise InputError(f"too many pages for a report ({n:,}; the limit is "
                                 f"{MAX_PAGES:,})", name)
            chars = 0
            started = time.monotonic()
            for k in range(n):
                page = doc[k]
                pages.append(_Page(k, page, page.get_textpage(), raw))
                chars += pages[-1].tp.count_chars()
                if chars > MAX_CHARS:
                    raise InputError(f"too much text for a report (over {MAX_CHARS:,} "
                                     f"characters by page {k + 1} of {n:,})", name)
                if time.monotonic() - started > MAX_SECONDS:
                    raise InputError(f"the PDF's pages take too long to open (over "
                                     f"{MAX_SECONDS:.0f} s for {k + 1} of {n:,}): damaged, or "
                                     "built to exhaust a reader", name)
            lines = _lines(pages, log)
            if not lines:
                if any(m.startswith("dropped header/footer") for m in log[logged:]):
                    raise InputError("no text in the PDF's body (only running headers, "
                                     "footers or page numbers)", name)
                raise InputError("no text in the PDF (a scanned or image-only document?): "
                                 "the checker needs the PDF's text layer; run OCR first", name)
            out = layout(lines, log)
        finally:
            for pg in pages:
                pg.close()
            doc.close()
    except InputError:
        raise
    except Exception as exc:  # PDFium on a damaged file: still this file's input problem
        raise InputError(f"damaged PDF: cannot read its text ({type(exc).__name__}: {exc})",
                         name) from None
    text = "\n".join(s for s, _ in out) + "\n"
    return text, tuple(p for _, p in out)


def read_pdf(path: str | os.PathLike) -> SourceText:
    """Read a report PDF as text in a report's plain-text layout, with page/line places."""
    text, places = reflow(path)
    return from_text(text, os.fsdecode(path), "utf-8", places)
