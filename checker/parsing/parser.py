"""Parser wrapper: normalised text -> Lark parse tree -> document model.

The grammar (grammar/report.lark) gives the structure; this module gives it
meaning: it maps every position back to the original file, groups lines into
paragraphs and items, and names judgements and grades through the framework
data. Parse failures become a ReportError that says, in words, what was found
and what was expected at that line.
"""

from __future__ import annotations

import re
from functools import cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from checker.datafiles.frameworks import Framework, choose_framework, framework_by_id
from checker.datafiles.resources import data_dir
from checker.parsing.dates import locate_visit_dates, parse_full_date, parse_range
from checker.parsing.detect import LAYOUT, detect_kind
from checker.parsing.model import (
    Block,
    InspectionDates,
    JudgementRow,
    Paragraph,
    Piece,
    Report,
    Section,
    Span,
)
from checker.reading.source import SourceText


class ReportError(Exception):
    """A document that cannot be checked, with where and why, in words."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


@cache
def grammar() -> Lark:
    """The LALR parser, built once per process and cached on disk by Lark.

    cache=True keys the cache file on the grammar text and options, so an
    edited grammar is rebuilt; the cache cuts start-up from ~50 ms to ~5 ms.
    """
    text = (data_dir("grammar") / "report.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", start=["ilacs", "letter"], cache=True)


# -------------------------------------------------------------- errors ----

_WORDS = {
    "DATES": "the 'Inspection dates:' line",
    "INSPECTOR": "the 'Lead inspector:' line",
    "TABLE_HEAD": "the judgement table (a 'Judgement  Grade' header line)",
    "TABLE_ROW": "a judgement table row (judgement name, tab, grade)",
    "IMPROVE_HEAD": "the 'What needs to improve' heading",
    "HEADING": "a judgement section heading ('judgement name: grade')",
    "HEADING_SENTENCE": "a judgement section heading ('judgement name is grade')",
    "NUMBERED": "a numbered paragraph",
    "BULLET": "a bulleted item",
    "TEXT": "text",
    "BLANK": "a blank line",
    "TRAILER": "Ofsted's closing statement",
    "LETTER_HEADING": "a letter heading",
    "SIGN_OFF": "'Yours sincerely'",
    "$END": "the end of the document",
}


def _expected_words(expected) -> str:
    names = [n for n in _WORDS if n in expected and n not in ("BLANK", "TEXT")]
    if not names:
        names = [n for n in _WORDS if n in expected]
    words = [_WORDS[n] for n in names]
    return " or ".join(words) if words else "something else"


def _friendly(exc: UnexpectedInput, source: SourceText) -> ReportError:
    if isinstance(exc, UnexpectedEOF):
        line = len(source.lines)
        expected = _expected_words(exc.expected)
        reason = f"the document ends where {expected} was expected"
        if "HEADING" in exc.expected:
            reason = "the document ends before any judgement section ('judgement name: grade')"
        oline, _ = source.position(max(line, 1), 1)
        return ReportError(reason, oline, 1)
    line = getattr(exc, "line", None) or 1
    column = getattr(exc, "column", None) or 1
    found = "this line"
    expected = "something else"
    if isinstance(exc, UnexpectedToken):
        found = _WORDS.get(exc.token.type, exc.token.type)
        expected = _expected_words(exc.expected)
        if exc.token.type == "$END":
            return _friendly(UnexpectedEOF(exc.expected), source)
        if exc.token.type == "NUMBERED" and "HEADING" not in exc.expected and \
                "LETTER_HEADING" not in exc.expected:
            found = "a numbered paragraph before any judgement section"
        elif exc.token.type == "NUMBERED":
            found = "a numbered paragraph"
    else:
        expected = _expected_words(getattr(exc, "allowed", ()) or ())
    oline, ocol = source.position(line, column)
    return ReportError(f"{found} here, where {expected} was expected", oline, ocol)


# ------------------------------------------------------------- builder ----

# "name: grade", also "name is: grade" (Dudley 2018)
_GRADED_HEADING = re.compile(
    r"^(?P<name>.*?)(?:\s+(?:is|are))?\s*:\s*(?P<grade>[^:]*?)\s*$", re.I)
# "... protection is inadequate", "... require improvement to be good"
_SENTENCE_HEADING = re.compile(
    r"^(?P<name>.*?)\s+(?:(?:is|are)\s+)?(?P<grade>(?:outstanding|good|inadequate|"
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?))\.?\s*$", re.I)
_NUMBER = re.compile(r"^\s*(\d{1,3})\.\s+")
_AUTHORITY_PATTERNS = (
    re.compile(r"^Inspection of (.+?) local authority children's services$", re.I),
    re.compile(r"^Inspection of (?!children's|local authority)(.+?) children's services$", re.I),
    re.compile(r"^Focused visit to (.+?) children's services$", re.I),
    re.compile(r"^Monitoring visit (?:to|of) (.+?) children's services$", re.I),
    re.compile(r"^Joint targeted area inspection of (.+?)$", re.I),
)
# A page break copied out of a PDF leaves a blank line mid-sentence: a block
# that ends without closing punctuation, or one that starts in lower case,
# continues the block before it.
_ENDS_SENTENCE = re.compile(r"[.?!:;)\]\"']$")


class _Builder:
    def __init__(self, source: SourceText, kind: str):
        self.source = source
        self.kind = kind
        self.lines = source.lines

    # positions -----------------------------------------------------------
    def span(self, first: int, last: int) -> Span:
        """Span from the first non-blank char of normalised line `first` to the end of `last`."""
        text = self.lines[first - 1]
        col = len(text) - len(text.lstrip()) + 1
        line, column = self.source.position(first, col)
        end_line, end_column = self.source.position(last, len(self.lines[last - 1]) + 1)
        return Span(line, column, end_line, end_column)

    def column(self, line: int, offset: int) -> int:
        return self.source.position(line, offset + 1)[1]

    # grouping ------------------------------------------------------------
    def block(self, tokens: list[Token]) -> Block:
        """Lines joined with single spaces, remembering where each line starts."""
        lines = [t for t in tokens if t.type != "BLANK" and t.strip()]
        pieces, parts, offset = [], [], 0
        for tok in lines:
            raw = tok.rstrip("\n")
            stripped = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            line, column = self.source.position(tok.line, lead + 1)
            pieces.append(Piece(offset, line, column))
            parts.append(stripped)
            offset += len(stripped) + 1
        return Block(" ".join(parts), self.span(lines[0].line, lines[-1].line), tuple(pieces))

    def blocks(self, tokens: list[Token]) -> list[Block]:
        """Blank-separated runs of lines, with page breaks mended."""
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
        merged: list[list[Token]] = []
        for run in runs:
            first = run[0].strip()
            if merged and (not _ENDS_SENTENCE.search(merged[-1][-1].strip())
                           or first[:1].islower()):
                merged[-1].extend(run)
            else:
                merged.append(run)
        return [self.block(run) for run in merged]

    def items(self, tokens: list[Token]) -> tuple[list[Block], list[Block]]:
        """Improvement items or strengths, and any paragraphs after the list.

        Items are bullets (with their wrapped lines), or blank-separated
        paragraphs where the bullet glyphs were lost. After a bulleted list, a
        paragraph that follows a blank line and a finished sentence is not part
        of the last item (a letter's closing words, say): it is returned apart.
        """
        if not any(t.type == "BULLET" for t in tokens):
            return self.blocks(tokens), []
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
        items = []
        for run in runs:
            b = self.block(run)
            bullet = re.match(r"^-\s+", b.text)
            items.append(b.without_prefix(bullet.end()) if bullet else b)
        return items, self.blocks(after)

    # ILACS ----------------------------------------------------------------
    def ilacs(self, tree: Tree, report: Report, framework: Framework | None) -> None:
        for part in tree.children:
            if isinstance(part, Tree) and part.data != "title_block":
                getattr(self, "_" + part.data)(part, report, framework)

    def _title_block(self, tree, report, framework):
        titles, title_tokens = [], []
        for node in tree.children:
            tok = node.children[0]
            if node.data == "title_line":
                titles.append(tok.strip())
                title_tokens.append(tok)
            elif node.data == "dates_line":
                text = tok.split(":", 1)[1].strip()
                start, end = parse_range(text)
                report.dates = InspectionDates(text, start, end, self.span(tok.line, tok.line).line)
            elif node.data == "inspector_line":
                lines = [tok.split(":", 1)[-1]] + [t for t in node.children[1:] if t.type == "TEXT"]
                report.lead_inspector = ", ".join(t.strip() for t in lines if t.strip())
        report.title = " ".join(titles)
        report.title_block = self.block(title_tokens)
        report.authority = _authority(titles) or _authority([report.title])

    def _table(self, tree, report, framework):
        head = tree.children[0]
        report.table = self.span(head.line, head.line)
        for node in tree.children[1:]:
            if not isinstance(node, Tree):
                continue
            tok = node.children[0]
            raw = tok.rstrip("\n")
            m = re.match(r"^(\s*)(.*?)(\t+| {2,})(\S.*?)\s*$", raw)
            name, grade_text = m.group(2).strip(), m.group(4).strip()
            grade = framework.scale.match(grade_text) if framework else None
            judgement = None
            if framework:
                j = framework.judgement_named(name) or framework.withdrawn_named(name)
                judgement = j.id if j else None
            report.judgements.append(JudgementRow(
                name=name, grade_text=grade_text, grade=grade.id if grade else None,
                judgement=judgement, span=self.span(tok.line, tok.line),
                grade_column=self.column(tok.line, m.start(4))))

    def _summary(self, tree, report, framework):
        report.summary = self.blocks(list(tree.children))

    def _improvements(self, tree, report, framework):
        head = tree.children[0]
        report.improvements_heading = self.span(head.line, head.line)
        report.improvements, _ = self.items(list(tree.children[1:]))

    def _section(self, tree, report, framework):
        head = tree.children[0]
        raw = head.rstrip("\n")
        pattern = _GRADED_HEADING if head.type == "HEADING" else _SENTENCE_HEADING
        m = pattern.match(raw.strip())
        name, grade_text = m.group("name").strip(), m.group("grade").strip()
        grade = framework.scale.match(grade_text) if framework else None
        judgement = framework.judgement_named(name) if framework else None
        section = Section(
            heading=name, grade_text=grade_text, grade=grade.id if grade else None,
            judgement=judgement.id if judgement else None,
            span=self.span(head.line, head.line),
            grade_column=self.column(head.line, raw.rindex(grade_text)))
        for node in tree.children[1:]:
            if isinstance(node, Tree) and node.data == "paragraph":
                section.paragraphs.append(self.paragraph(node.children))
        report.sections.append(section)

    def paragraph(self, tokens: list[Token]) -> Paragraph:
        block = self.block(tokens)
        number = _NUMBER.match(block.text)
        if number:
            block = block.without_prefix(number.end())
        return Paragraph(int(number.group(1)) if number else None, block.text, block.span,
                         block.pieces)

    def _trailer(self, tree, report, framework):
        pass

    # letters ----------------------------------------------------------------
    def letter(self, tree: Tree, report: Report) -> None:
        for part in tree.children:
            if part.data == "front_matter":
                tokens = list(part.children)
                non_blank = [t for t in tokens if t.type != "BLANK"]
                for tok in non_blank[:5]:
                    when = parse_full_date(tok)
                    if when:
                        report.letter_date = when
                        report.letter_date_line = self.span(tok.line, tok.line).line
                        break
                title_tokens = [t for t in non_blank if _authority([t.strip()]) is not None]
                titles = [t.strip() for t in title_tokens]
                report.title = titles[0] if titles else ""
                report.title_block = self.block(title_tokens[:1]) if title_tokens else None
                # the opening paragraphs after the title ("This letter summarises ...")
                after_title = tokens[tokens.index(title_tokens[0]) + 1:] if title_tokens else []
                report.introduction = self.blocks(after_title)
                report.authority = _authority(titles)
                opening = self.block(non_blank)
                start, end, match = locate_visit_dates(opening.text)
                if start:
                    report.dates = InspectionDates(match.group(1), start, end,
                                                   opening.position(match.start(1))[0])
            elif part.data == "letter_section":
                head, tokens = part.children[0], list(part.children[1:])
                section = Section(heading=head.strip(),
                                  grade_text=None, grade=None, judgement=None,
                                  span=self.span(head.line, head.line), grade_column=None)
                lowered = head.strip().lower()
                if lowered.startswith("what needs to improve"):
                    report.improvements_heading = section.span
                    report.improvements, rest = self.items(tokens)
                elif lowered.startswith("strengths"):
                    report.strengths, rest = self.items(tokens)
                else:
                    rest = self.blocks(tokens)
                section.paragraphs = [Paragraph(None, b.text, b.span, b.pieces) for b in rest]
                report.sections.append(section)


def _authority(titles: list[str]) -> str | None:
    for title in titles:
        for pattern in _AUTHORITY_PATTERNS:
            m = pattern.match(title)
            if m:
                return m.group(1).strip()
    # 2018-2020 ILACS title blocks: the council's name, then the report title
    if len(titles) >= 2 and re.match(
            r"^Inspection of (children's social care|local authority children's) services$",
            titles[-1], re.I):
        return titles[0]
    return None


# ---------------------------------------------------------------- entry ----

def parse(source: SourceText, kind: str | None = None) -> Report:
    """Detect the kind (unless given), parse, and build the document model.

    Raises ReportError for a document that is not a report, or whose layout
    the grammar cannot follow.
    """
    if kind is None:
        detection = detect_kind(source.lines)
        if detection.kind is None:
            raise ReportError(detection.reason)
        kind = detection.kind
    try:
        tree = grammar().parse(source.text, start=LAYOUT[kind])
    except UnexpectedInput as exc:
        raise _friendly(exc, source) from None
    report = Report(path=source.path, kind=kind, framework=None, title="", authority=None,
                    dates=None, letter_date=None, lead_inspector=None, table=None,
                    line_count=len(source.original_lines))
    builder = _Builder(source, kind)
    if LAYOUT[kind] == "ilacs":
        # The framework decides how judgement names and grades are read, so
        # it is chosen from the dates line before the rest is built.
        title = next(c for c in tree.children if isinstance(c, Tree) and c.data == "title_block")
        builder._title_block(title, report, None)
        framework = choose_framework(kind, report.dates.start if report.dates else None)
        builder.ilacs(tree, report, framework)
    else:
        builder.letter(tree, report)
        framework = choose_framework(kind, report.dates.start if report.dates else
                                     report.letter_date)
    report.framework = framework.id if framework else None
    return report


def framework_of(report: Report) -> Framework | None:
    return framework_by_id(report.framework) if report.framework else None
