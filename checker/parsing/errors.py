"""Parse failures in words: what was found at a line, and what was expected.

Lark says which terminals it expected (TABLE_ROW, NUMBERED); a QA reviewer
needs "a judgement table row (judgement name, tab, grade)", at the line and
column of the ORIGINAL file.
"""

from __future__ import annotations

from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from checker.reading.source import SourceText


class ReportError(Exception):
    """A document that cannot be checked, with where and why, in words."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


# In the order they are listed when several are expected.
_WORDS = {
    "DATES": "the 'Inspection dates:' line",
    "INSPECTOR": "the 'Lead inspector:' line",
    "TABLE_HEAD": "the judgement table (a 'Judgement  Grade' header line)",
    "TABLE_ROW": "a judgement table row (judgement name, tab, grade)",
    "IMPROVE_HEAD": "the 'What needs to improve' heading",
    "HEADING": "a judgement section heading ('judgement name: grade')",
    "HEADING_SENTENCE": "a judgement section heading ('judgement name is grade')",
    # a single inspection framework (SIF) report
    "SIF_TITLE": "the report's title ('Inspection of services for children in need of help and "
                 "protection, ...')",
    "PUBLISHED": "the 'Report published:' line",
    "SIF_OVERALL": "the overall judgement ('Children's services in ... are good' or 'The "
                   "overall judgement is ...')",
    "SIF_ROW": "a row of the judgement list ('1. Children who need help and protection Good')",
    "SIF_LSCB": "the Local Safeguarding Children Board's verdict ('The Local Safeguarding "
                "Children Board is good')",
    "SUMMARY_HEAD": "the summary's heading ('Executive summary' or 'Summary of findings')",
    "KEY_HEAD": "the 'Key judgement  Judgement grade' line",
    "SIF_HEADING": "a judgement heading with its grade ('Leadership, management and "
                   "governance Good')",
    "SIF_NAME": "a judgement heading with its grade on the next line",
    "SIF_GRADE": "the judgement heading's grade ('Good')",
    "SIF_SUB": "a sub-judgement heading ('The graded judgement for adoption performance is "
               "that it is good')",
    "NUMBERED": "a numbered paragraph",
    "BULLET": "a bulleted item",
    "TEXT": "text",
    "BLANK": "a blank line",
    "TRAILER": "Ofsted's closing statement",
    "LETTER_HEADING": "a letter heading",  # any of the grammar's LETTER_<ROLE> terminals
    "SIGN_OFF": "'Yours sincerely'",
    "$END": "the end of the document",
}
_LETTER_HEADING = "LETTER_"


def _kind(terminal: str) -> str:
    """The terminal, with every letter heading role one kind of line."""
    return "LETTER_HEADING" if terminal.startswith(_LETTER_HEADING) else terminal


def _expected_words(expected) -> str:
    expected = {_kind(n) for n in expected}
    if "HEADING" in expected:  # one kind of line to a reader, in either form
        expected.discard("HEADING_SENTENCE")
    names = [n for n in _WORDS if n in expected and n not in ("BLANK", "TEXT")]
    if not names:
        names = [n for n in _WORDS if n in expected]
    words = [_WORDS[n] for n in names]
    return " or ".join(words) if words else "something else"


def _at_end(expected, source: SourceText) -> ReportError:
    line = len(source.lines)
    reason = f"the document ends where {_expected_words(expected)} was expected"
    if "HEADING" in expected:
        reason = "the document ends before any judgement section ('judgement name: grade')"
    oline, _ = source.position(max(line, 1), 1)
    return ReportError(reason, oline, 1)


def _found(token_type: str, expected: set[str]) -> str:
    """What the unexpected line is, in words."""
    if token_type == "NUMBERED":
        # before "What needs to improve" (which may be missing), or in the
        # table or title block: no judgement section has begun
        if "IMPROVE_HEAD" in expected or not expected & {"HEADING", "LETTER_HEADING"}:
            return "a numbered paragraph before any judgement section"
        return "a numbered paragraph"
    return _WORDS.get(_kind(token_type), token_type)


def friendly(exc: UnexpectedInput, source: SourceText) -> ReportError:
    """The ReportError for a Lark parse failure, placed in the original file."""
    if isinstance(exc, UnexpectedEOF):
        return _at_end(exc.expected, source)
    line = getattr(exc, "line", None) or 1
    column = getattr(exc, "column", None) or 1
    found = "this line"
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return _at_end(exc.expected, source)
        found = _found(exc.token.type, {_kind(n) for n in exc.expected})
        expected = _expected_words(exc.expected)
    else:
        expected = _expected_words(getattr(exc, "allowed", ()) or ())
    oline, ocol = source.position(line, column)
    return ReportError(f"{found} here, where {expected} was expected", oline, ocol)
