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
ENDS_SENTENCE = re.compile(r"[.?!:;)\]\"']$")
_BULLET = re.compile(r"^-\s+")
# Sub-items under an improvement item ending in ":", printed with a dash or a
# minus sign where the item has a bullet (real reports: "–", "−")
_SUB_BULLET = re.compile(r"^\s*[\u2013\u2014\u2212]\s+")


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
        for run in runs(tokens):
            first = run[0].strip()
            if merged and (not ENDS_SENTENCE.search(merged[-1][-1].strip())
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
        bulleted, after = _bulleted_runs(tokens)
        items = []
        for run in bulleted:
            block = self.block(run)
            bullet = _BULLET.match(block.text)
            items.append(block.without_prefix(bullet.end()) if bullet else block)
        return tuple(items), self.blocks(after)


def runs(tokens: list[Token]) -> list[list[Token]]:
    """The lines between blank lines."""
    found: list[list[Token]] = []
    current: list[Token] = []
    for tok in tokens:
        if tok.type == "BLANK":
            if current:
                found.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        found.append(current)
    return found


def _bulleted_runs(tokens: list[Token]) -> tuple[list[list[Token]], list[Token]]:
    """Each bullet with its wrapped lines and sub-items, and the other
    paragraphs: a lead-in before the first bullet that ends in ":" ("... the
    following areas of weakness at the front door:"), and what follows the
    list (a letter's closing words)."""
    first = next(i for i, tok in enumerate(tokens) if tok.type == "BULLET")
    before = [t for t in tokens[:first] if t.type != "BLANK"]
    lead_in = bool(before) and before[-1].rstrip().endswith(":")
    items: list[list[Token]] = [] if lead_in else runs(tokens[:first])
    other: list[Token] = list(tokens[:first]) if lead_in else []
    blank, ended = False, False
    for tok in tokens[first:]:
        if tok.type == "BLANK":
            blank = True
            if ended:
                other.append(tok)
            continue
        if tok.type == "BULLET" and not (items and _sub_item(tok, items[-1])):
            items.append([tok])
            ended = False
        elif ended:
            other.append(tok)
        elif _SUB_BULLET.match(tok) or tok.type == "BULLET":
            items[-1].append(tok)
        elif (blank and ENDS_SENTENCE.search(items[-1][-1].strip())
              and not tok.strip()[:1].islower()):
            other.append(tok)
            ended = True
        else:
            items[-1].append(tok)
        blank = False
    return items, other


def _sub_item(tok: Token, run: list[Token]) -> bool:
    """A hyphen bullet under an item: indented deeper than the item, or in
    lower case under an item that ends in ":" (or after another sub-item)."""
    indent = len(tok) - len(tok.lstrip())
    if indent > len(run[0]) - len(run[0].lstrip()):
        return True
    words = _BULLET.sub("", tok.strip())
    opened = run[-1].rstrip().endswith(":") or len(run) > 1 and (
        run[-1].type == "BULLET" or _SUB_BULLET.match(run[-1]))
    return words[:1].islower() and opened
