"""A report's body lines laid out as the plain text the grammar reads (samples/*.txt).

The layout has four parts, in the order a report prints them: the title block
(one line per title paragraph), the judgement table (checker.reading.pdf.table),
the body paragraphs (one per line; numbered paragraphs and bullets without a
blank line between them) and the boilerplate ("The Office for Standards in
Education ..." to the end). Footnote text is dropped first: the grammar has no
place for it, and it would split the paragraph it is printed under.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from checker.reading.pdf.lines import Line
from checker.reading.pdf.table import TABLE_HEAD, judgement_table

BULLETS = "◼■▪•●\uf06e\uf0a7\uf0b7\uf0d8\uf0fc"
BOILERPLATE_START = "The Office for Standards in Education"
NUMBERED = re.compile(r"\d+\.(\s|(?=[A-Z\u2018\u201c]))")
FOOTNOTE_FONT = 10.5   # body text is 12pt, headings 14pt, footnotes 10pt
HEADING_FONT = 12.5
# pt: a vertical gap wider than this between lines ends a paragraph (body text's leading
# is smaller) and separates boilerplate blocks
_PARAGRAPH_GAP = 6
_SENTENCE_END = re.compile(r"[.?!:;)\u2019\u201d]$")
_LIST_KINDS = ("numbered", "bullet")

Output = list[tuple[str, str]]   # (text, place) per output line; a blank line is ("", "")


def _gap(a: Line, b: Line) -> float:
    """Vertical white space between line a and the following line b on the same page."""
    return b.top - a.bottom


def _join(parts: list[str], log: list[str]) -> str:
    """A paragraph's lines as one: a space between them, none after a line-end hyphen
    (PDFium's U+FFFE for a hyphen it wrapped at, written back as "-")."""
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


def _blank_line(out: Output) -> None:
    """A blank line before a new block, except at the start of the text."""
    if out:
        out.append(("", ""))


def _grouped(lines: list[Line], together: Callable[[Line, Line], bool]) -> list[list[Line]]:
    """Runs of consecutive lines where each line is `together` with the one before."""
    groups: list[list[Line]] = []
    for ln in lines:
        if groups and together(groups[-1][-1], ln):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _without_footnotes(lines: list[Line], log: list[str]) -> list[Line]:
    """Lines in a footnote's small font are dropped after page 1 (where the title block may
    be small) unless they are the table header."""
    body = []
    for ln in lines:
        if ln.font < FOOTNOTE_FONT and ln.page > 0 and not ln.text.startswith("Judgement"):
            log.append(f"dropped footnote: {ln!r}")
        else:
            body.append(ln)
    return body


# ------------------------------------------------------------- title ----

def _same_title_paragraph(prev: Line, ln: Line) -> bool:
    """A title wrapped onto a second line: same page and font, less than half a line apart."""
    return ln.page == prev.page and _gap(prev, ln) < ln.font / 2 and ln.font == prev.font


def _title(lines: list[Line], out: Output, log: list[str]) -> None:
    for grp in _grouped(lines, _same_title_paragraph):
        _blank_line(out)
        out.append((_join([ln.text for ln in grp], log), grp[0].place))


# -------------------------------------------------------- paragraphs ----

@dataclass(frozen=True)
class _Margins:
    """Where the body's numbered paragraphs start, and its right margin."""

    number_left: float | None   # x of "N." most used; None: no numbered paragraphs
    right: float                # 95th percentile of line ends: a full line reaches it

    @classmethod
    def of(cls, lines: list[Line]) -> _Margins:
        right = float("inf")
        if lines:
            rights = sorted(ln.right for ln in lines)
            right = rights[int(len(rights) * 0.95)]
        lefts = Counter(round(ln.left) for ln in lines if NUMBERED.match(ln.text))
        common = lefts.most_common(1)
        return cls(common[0][0] if common else None, right)

    def numbered(self, ln: Line, text: str, previous: int | None,
                 after_sentence: bool) -> bool:
        """The line starts with "N." at the paragraph-number margin (not a number that a
        wrapped line happens to start with), or at another indent with the number that
        comes next, after a finished sentence: some reports set a run of numbered
        paragraphs at a second indent, which would otherwise merge into the paragraph
        before them."""
        m = NUMBERED.match(text)
        if self.number_left is None or m is None:
            return False
        if abs(ln.left - self.number_left) < 4:
            return True
        return (after_sentence and previous is not None
                and int(text[:m.end()].rstrip(". ")) == previous + 1)


def _continues_over_page(prev: Line, ln: Line, kind: str, margins: _Margins) -> bool:
    """Whether `ln`, first on its page, goes on with the paragraph `prev` ended the page in.

    Continuation lines of numbered paragraphs and bullets are indented; a line
    without a sentence end goes on ("information-" / "sharing"); otherwise the
    paragraph ended if the next page's first word would have fitted on `prev`.
    """
    if kind in _LIST_KINDS and margins.number_left is not None and \
            ln.left > margins.number_left + 4:
        return True
    if not _SENTENCE_END.search(prev.text):
        return True
    return not prev.right + 4 + ln.first_word_width() < margins.right - 2


def _starts_paragraph(prev: Line | None, ln: Line, kind: str, starts_item: bool,
                      margins: _Margins) -> bool:
    """A new paragraph: a list item, a change of font size (headings are 14pt), a gap
    wider than the leading, or (across a page break) a line that need not have wrapped."""
    if prev is None or starts_item or ln.font != prev.font:
        return True
    if ln.page == prev.page:
        return _gap(prev, ln) > _PARAGRAPH_GAP
    return not _continues_over_page(prev, ln, kind, margins)


def _paragraphs(lines: list[Line], log: list[str]) -> list[tuple[str, list[Line]]]:
    """(kind, lines) of each body paragraph; kind: numbered, bullet, heading or text."""
    margins = _Margins.of(lines)
    paras: list[tuple[str, list[Line]]] = []
    number = None  # the last paragraph number read
    for ln in lines:
        t = ln.text.lstrip()
        after_sentence = bool(paras) and bool(_SENTENCE_END.search(paras[-1][1][-1].text))
        numbered = margins.numbered(ln, t, number, after_sentence)
        if numbered:
            number = int(re.match(r"\d+", t).group(0))
        bullet = t[:1] in BULLETS
        kind, prev = paras[-1][0] if paras else "", paras[-1][1][-1] if paras else None
        new = _starts_paragraph(prev, ln, kind, numbered or bullet, margins)
        if prev is not None and ln.page != prev.page:
            log.append(f"page break {'NEW' if new else 'cont'}: ...{prev.text[-40:]!r} | "
                       f"{t[:40]!r}")
        if new:
            kind = ("numbered" if numbered else "bullet" if bullet
                    else "heading" if ln.font > HEADING_FONT else "text")
            paras.append((kind, [ln]))
        else:
            paras[-1][1].append(ln)
    return paras


def _paragraph_text(kind: str, lines: list[Line], log: list[str]) -> str:
    s = _bulletize(_join([ln.text for ln in lines], log))
    if kind == "numbered" and re.match(r"\d+\.\S", s):
        # "10.Many": the list tab after a two-digit number shrinks to ~1pt and PDFium
        # reports no space; the layout wants "N. text"
        log.append(f"space inserted after paragraph number: {s[:20]!r}")
        s = re.sub(r"^(\d+\.)", r"\1 ", s)
    return s


def _body(lines: list[Line], out: Output, log: list[str]) -> None:
    prev_kind = None
    for kind, grp in _paragraphs(lines, log):
        if not (kind == prev_kind and kind in _LIST_KINDS):
            _blank_line(out)
        out.append((_paragraph_text(kind, grp, log), grp[0].place))
        prev_kind = kind


# ------------------------------------------------------- boilerplate ----

def _boilerplate(lines: list[Line], out: Output, log: list[str]) -> None:
    """Gap-separated blocks: a block of short lines (address, telephone ...) keeps one line
    per PDF line, any other block is one paragraph."""
    if not lines:
        return
    left = min(ln.left for ln in lines)
    width = max(ln.right for ln in lines) - left
    blocks = _grouped(lines, lambda a, b: b.page == a.page and _gap(a, b) < _PARAGRAPH_GAP)
    for blk in blocks:
        _blank_line(out)
        if all(ln.right - left < 0.5 * width for ln in blk):
            out.extend((ln.text.strip(), ln.place) for ln in blk)
        else:
            out.append((_join([ln.text for ln in blk], log), blk[0].place))


def layout(lines: list[Line], log: list[str]) -> Output:
    """(text, place) output lines from the body lines of a report."""
    start = next((i for i, ln in enumerate(lines) if ln.text.startswith(BOILERPLATE_START)),
                 len(lines))
    body = _without_footnotes(lines[:start], log)
    out: Output = []
    head = next((i for i, ln in enumerate(body) if TABLE_HEAD.match(ln.text)), None)
    if head is not None:
        _title(body[:head], out, log)
        table, end = judgement_table(body, head)
        _blank_line(out)
        out.extend(table)
        body = body[end:]
    _body(body, out, log)
    _boilerplate(lines[start:], out, log)
    return out
