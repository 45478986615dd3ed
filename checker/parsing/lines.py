"""Lines of the parse tree -> blocks of text that know where they are.

The grammar's terminals are whole lines (Lark tokens with their normalised
line number). Rules want paragraphs: a hard-wrapped paragraph joined into one
string, that can still say on which ORIGINAL line and column each word is
(through the reader's source map, checker/reading/source.py).
"""

from __future__ import annotations

import re

from lark import Token

from checker.parsing.model import Block, Piece, Span
from checker.reading.source import SourceText

# A page break copied out of a PDF leaves a blank line mid-sentence: a block
# that ends without closing punctuation, or one that starts in lower case,
# continues the block before it.
_ENDS_SENTENCE = re.compile(r"[.?!:;)\]\"']$")
_BULLET = re.compile(r"^-\s+")


class Lines:
    """Positions and grouping of one document's line tokens."""

    def __init__(self, source: SourceText):
        self.source = source
        self.lines = source.lines

    def span(self, first: int, last: int) -> Span:
        """From the first non-blank character of normalised line `first` to the end of `last`."""
        text = self.lines[first - 1]
        col = len(text) - len(text.lstrip()) + 1
        line, column = self.source.position(first, col)
        end_line, end_column = self.source.position(last, len(self.lines[last - 1]) + 1)
        return Span(line, column, end_line, end_column)

    def line_span(self, token: Token) -> Span:
        return self.span(token.line, token.line)

    def column(self, line: int, offset: int) -> int:
        """Original column of character `offset` (0-based) of normalised line `line`."""
        return self.source.position(line, offset + 1)[1]

    def block(self, tokens: list[Token]) -> Block:
        """Lines joined with single spaces, remembering where each line starts."""
        return Block(*self.joined(tokens))

    def joined(self, tokens: list[Token]) -> tuple[str, Span, tuple[Piece, ...]]:
        """A block's text, span and pieces (to build a Block or a Paragraph)."""
        lines = [t for t in tokens if t.type != "BLANK" and t.strip()]
        position = self.source.position
        pieces, parts, offset = [], [], 0
        for tok in lines:
            raw = tok.rstrip("\n")
            left = raw.lstrip()
            stripped = left.rstrip()
            line, column = position(tok.line, len(raw) - len(left) + 1)
            pieces.append(Piece(offset, line, column))
            parts.append(stripped)
            offset += len(stripped) + 1
        # the block starts where its first line's text does (as `span` would say)
        last = lines[-1].line
        end_line, end_column = position(last, len(self.lines[last - 1]) + 1)
        span = Span(pieces[0].line, pieces[0].column, end_line, end_column)
        return " ".join(parts), span, tuple(pieces)

    def blocks(self, tokens: list[Token]) -> tuple[Block, ...]:
        """Blank-separated runs of lines, with page breaks mended."""
        merged: list[list[Token]] = []
        for run in _runs(tokens):
            first = run[0].strip()
            if merged and (not _ENDS_SENTENCE.search(merged[-1][-1].strip())
                           or first[:1].islower()):
                merged[-1].extend(run)
            else:
                merged.append(run)
        return tuple(self.block(run) for run in merged)

    def items(self, tokens: list[Token]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
        """Improvement items or strengths, and any paragraphs after the list.

        Items are bullets (with their wrapped lines), or blank-separated
        paragraphs where the bullet glyphs were lost. After a bulleted list, a
        paragraph that follows a blank line and a finished sentence is not part
        of the last item (a letter's closing words, say): it is returned apart.
        """
        if not any(t.type == "BULLET" for t in tokens):
            return self.blocks(tokens), ()
        runs, after = _bulleted_runs(tokens)
        items = []
        for run in runs:
            block = self.block(run)
            bullet = _BULLET.match(block.text)
            items.append(block.without_prefix(bullet.end()) if bullet else block)
        return tuple(items), self.blocks(after)


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """The lines between blank lines."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for tok in tokens:
        if tok.type == "BLANK":
            if current:
                runs.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        runs.append(current)
    return runs


def _bulleted_runs(tokens: list[Token]) -> tuple[list[list[Token]], list[Token]]:
    """Each bullet with its wrapped lines, and the lines after the list."""
    runs: list[list[Token]] = []
    after: list[Token] = []
    blank = False
    for tok in tokens:
        if tok.type == "BLANK":
            blank = True
            continue
        if after or (tok.type != "BULLET" and blank and runs
                     and _ENDS_SENTENCE.search(runs[-1][-1].strip())
                     and not tok.strip()[:1].islower()):
            after.append(tok)
        elif tok.type == "BULLET" or not runs:
            runs.append([tok])
        else:
            runs[-1].append(tok)
        blank = False
    return runs, after
