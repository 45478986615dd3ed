"""Where a document's own text ends: Ofsted's closing statement after an ILACS
report, a letter's closing words and its signatures (grammar/layout.yaml).

What comes after is not part of the text the rules read, so it is told apart
here, line by line, as a reader sees it: the statement's paragraphs by their
phrases, signatures by their shape, a list's end by the closing words.
"""

from __future__ import annotations

from lark import Token

from checker.parsing.recovery import layout_words


def in_closing_statement(run: list[Token]) -> bool:
    """Lines holding a phrase of Ofsted's closing statement (grammar/layout.yaml):
    one of three words or more anywhere, a shorter one at the start of a line."""
    lines = [tok.strip().casefold() for tok in run]
    text = " ".join(lines)
    for phrase in layout_words()["closing_statement"]:
        phrase = phrase.casefold()
        if (len(phrase.split()) >= 3 and phrase in text) or any(
                line.startswith(phrase) for line in lines):
            return True
    return False


def is_paragraph(run: list[Token]) -> bool:
    """Running text, not a signature block (names, titles, qualifications: at
    most nine words a line in the published letters): a line of ten words or
    more, or a sentence of six or more."""
    text = " ".join(tok.strip() for tok in run)
    return (max(len(tok.split()) for tok in run) >= 10
            or (len(text.split()) >= 6 and text.endswith(".")))


def split_at_closing(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """A letter's list, and its closing paragraph and what follows
    ("Ofsted will take the findings ...", grammar/layout.yaml)."""
    openings = tuple(layout_words()["letter_closing"])
    for i, tok in enumerate(tokens):
        if tok.type == "TEXT" and tok.lstrip().startswith(openings):
            return tokens[:i], tokens[i:]
    return tokens, []
