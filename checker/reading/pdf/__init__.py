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

The parts, in the order a PDF goes through them: `document` (the file's bytes
checked, PDFium's pages opened within the limits below), `lines` (body lines
with their places, running headers/footers dropped), `layout` (title block,
paragraphs, boilerplate) and `table` (the judgement table from geometry).
"""


from __future__ import annotations

import os

from checker.reading.pdf.document import Limits, check_bytes, open_document, open_pages
from checker.reading.pdf.layout import (
    BOILERPLATE_START,
    BULLETS,
    FOOTNOTE_FONT,
    HEADING_FONT,
    NUMBERED,
    layout,
)
from checker.reading.pdf.lines import FOOTER_BAND, HEADER_BAND, Line, body_lines
from checker.reading.pdf.table import TABLE_HEAD
from checker.reading.source import InputError, SourceText, from_text, read_bytes

__all__ = ["BOILERPLATE_START", "BULLETS", "FOOTER_BAND", "FOOTNOTE_FONT", "HEADER_BAND",
           "HEADING_FONT", "MAX_CHARS", "MAX_PAGES", "MAX_SECONDS", "NUMBERED", "TABLE_HEAD",
           "Line", "layout", "read_pdf", "reflow"]

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


def _no_text(log: list[str], name: str) -> InputError:
    """Why a PDF has no body lines: only page furniture, or no text layer at all."""
    if any(m.startswith("dropped header/footer") for m in log):
        return InputError("no text in the PDF's body (only running headers, "
                          "footers or page numbers)", name)
    return InputError("no text in the PDF (a scanned or image-only document?): "
                      "the checker needs the PDF's text layer; run OCR first", name)


def _laid_out(doc, name: str, log: list[str]) -> list[tuple[str, str]]:
    """The (text, place) lines of an open document; its pages are closed on return."""
    logged = len(log)
    # read at each call, not at import: a test lowers a limit to prove it holds
    limits = Limits(MAX_PAGES, MAX_CHARS, MAX_SECONDS)
    with open_pages(doc, name, limits) as pages:
        lines = body_lines(pages, log)
        if not lines:
            raise _no_text(log[logged:], name)
        return layout(lines, log)


def reflow(path: str | os.PathLike, log: list[str] | None = None
           ) -> tuple[str, tuple[str, ...]]:
    """The report's text in the plain-text layout, and the place of each of its lines.

    `log` (if given) receives every layout decision worth reviewing: dropped
    header/footer and footnote lines, page-break joins and splits, hyphen joins.
    """
    log = [] if log is None else log
    data = read_bytes(path)
    name = os.fsdecode(path)
    check_bytes(data, name)
    doc = open_document(data, name)
    try:
        out = _laid_out(doc, name, log)
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
