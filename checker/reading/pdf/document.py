"""Opening a PDF with PDFium: the file's bytes checked, its pages opened within limits.

Everything here turns a bad file into an InputError that says what is wrong
with it, before the layout sees a single line: a reader that fails later, or
opens half a report, would let the checker judge text the PDF does not hold.
PDFium is imported only when a PDF is read, so checking text never pays for it.
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from checker.reading.source import InputError


def check_bytes(data: bytes, name: str) -> None:
    """Refuse what is plainly not a whole PDF before PDFium is asked to open it."""
    if not data.strip():
        raise InputError("empty file", name)
    if b"%PDF-" not in data[:1024]:
        if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise InputError("a web page (HTML) saved under a PDF's name, not a report: "
                             "download the report's PDF again", name)
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


def open_document(data: bytes, name: str):
    """The PDFium document, or an InputError in words a report's author understands."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        raise InputError(_OPEN_ERRORS.get(code, f"cannot open the PDF ({exc})"), name) from None
    return doc


class Page:
    """One page's PDFium text page, with character boxes and font sizes on demand."""

    def __init__(self, number, page, textpage, raw):
        self.number = number        # 0-based
        self.page = page
        self.tp = textpage
        self.height = page.get_height()
        self.raw = raw              # pypdfium2.raw: PDFium's C functions
        self._rect = raw.FS_RECTF()
        self.font_size_fn = raw.FPDFText_GetFontSize   # (textpage, index) -> pt
        self._boxes: dict[int, tuple[float, float, float, float]] = {}

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of character i: PDFium's loose box (the font's height).

        Cached: the layout asks for the same characters' boxes several times
        (a line's ends, the table's columns, a first word's width).
        """
        b = self._boxes.get(i)
        if b is None:
            r = self._rect
            if not self.raw.FPDFText_GetLooseCharBox(self.tp.raw, i, ctypes.byref(r)):
                b = (0.0, 0.0, 0.0, 0.0)
            else:
                b = (r.left, r.bottom, r.right, r.top)
            self._boxes[i] = b
        return b

    def scaled_font_size(self, i: int) -> float:
        """Character i's font size times its text matrix's vertical scale: the size
        it is printed at when the PDF scales text by the matrix (see lines._UNSCALED)."""
        m = self.raw.FS_MATRIX()
        size = self.font_size_fn(self.tp.raw, i)
        if self.raw.FPDFText_GetMatrix(self.tp.raw, i, ctypes.byref(m)):
            size *= (abs(m.a * m.d - m.b * m.c)) ** 0.5
        return size

    def close(self):
        self.tp.close()
        self.page.close()


@dataclass(frozen=True)
class Limits:
    """How much of a PDF is read before it is refused as no report (see checker.reading.pdf)."""

    pages: int
    chars: int
    seconds: float

    def check_count(self, n: int, name: str) -> None:
        if n == 0:
            raise InputError("the PDF has no pages", name)
        if n > self.pages:
            raise InputError(f"too many pages for a report ({n:,}; the limit is "
                             f"{self.pages:,})", name)

    def check_progress(self, chars: int, started: float, k: int, n: int, name: str) -> None:
        """After page k (0-based) of n: refuse dense text or pages slow to open."""
        if chars > self.chars:
            raise InputError(f"too much text for a report (over {self.chars:,} "
                             f"characters by page {k + 1} of {n:,})", name)
        if time.monotonic() - started > self.seconds:
            raise InputError(f"the PDF's pages take too long to open (over "
                             f"{self.seconds:.0f} s for {k + 1} of {n:,}): damaged, or "
                             "built to exhaust a reader", name)


@contextmanager
def open_pages(doc, name: str, limits: Limits) -> Iterator[list[Page]]:
    """Every page of `doc` opened with its text; pages and document closed on leaving.

    The pages stay open together because the layout looks across pages
    (running headers, paragraphs continued over a page break); the limits are
    checked page by page so a hostile file is refused before it is all open.
    """
    import pypdfium2.raw as raw
    pages: list[Page] = []
    try:
        n = len(doc)
        limits.check_count(n, name)
        chars = 0
        started = time.monotonic()
        for k in range(n):
            page = doc[k]
            pages.append(Page(k, page, page.get_textpage(), raw))
            chars += pages[-1].tp.count_chars()
            limits.check_progress(chars, started, k, n, name)
        yield pages
    finally:
        for pg in pages:
            pg.close()
        doc.close()
