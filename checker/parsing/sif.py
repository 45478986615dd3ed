"""Parse tree -> document model for a single inspection framework (SIF) report.

The layout is the grammar's (grammar/report.lark, `sif`): title block, the
overall judgement sentence, the numbered judgement list, the summary, then
numbered paragraphs and the headings that open each judgement's part. This
transformer names what the grammar found through the framework
(rules/frameworks/sif.yaml) and puts the model together:

* the overall sentence, each list row and the Board's verdict become the
  report's `judgements` (JudgementRow), so the grade rules, the JSON and
  `parse` see them like an ILACS table; the Board's verdict is the one under
  the list (2013-14) or, failing that, the one opening the Board's part;
* each heading becomes a judgement `Section` holding the numbered paragraphs
  after it; the paragraphs before the first heading (the summary's, the
  recommendations', the strengths') are a section of role "front";
* the summary is the text under "Executive summary" / "Summary of findings"
  up to the next part of the report (grammar/layout.yaml, `sif`).

A heading names its judgement in its own words ("The experiences and
progress of children who need help and protection", "The graded judgement
about the experience and progress of care leavers"): the words before the
name are dropped, then the name is matched exactly, by its last words ("care
leavers") or one slip away, in that order.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from lark import Token

from checker.datafiles.frameworks import Scale, fold, heading_key
from checker.parsing.dates import Period, parse_range
from checker.parsing.lines import ENDS_SENTENCE, runs
from checker.parsing.model import InspectionDates, JudgementRow, Paragraph, Section
from checker.parsing.naming import closest
from checker.parsing.recovery import layout_words
from checker.parsing.transform import DocumentTransformer, _Closing, _dates, _Summary, _TitleBlock

_ROW_NUMBER = re.compile(r"^\s*[1-3]\.(?:[12]\.?)?\s+")
_TITLE_START = re.compile(r"\b(?:Re-?)?inspection of services for children", re.I)
# the words around a heading's judgement name
_NAME_PREFIX = re.compile(r"^(?:the\s+)?(?:experiences?\s+and\s+progress\s+of\s+)?", re.I)
_SUB_HEADING = re.compile(r"^The graded judge?ment (?:for|about) (?P<name>.+?) (?:is|are)\s+"
                          r"(?:that it\s+)?(?:is\s+)?(?P<grade>.+)$", re.I)
_GRADE_TAIL = re.compile(r"[.\s]*\d?\s*$")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


@cache
def _grade_at_end(scale: Scale) -> re.Pattern:
    """Any spelling of a grade of `scale` ending a line, longest first
    ("requires improvement to be good" before "good")."""
    words = sorted({s for g in scale.grades for s in (*g.spellings, g.name)}, key=len,
                   reverse=True)
    spelt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?:^|\s)(?P<grade>{spelt})$", re.I)


def _numeric_range(text: str) -> tuple[date | None, date | None]:
    """'1/06/2015 – 25/06/2015' (Stoke-on-Trent 2015): the first and last day."""
    days = []
    for d, m, y in _NUMERIC_DATE.findall(text):
        with contextlib.suppress(ValueError):
            days.append(date(int(y), int(m), int(d)))
    return (days[0], days[-1]) if days else (None, None)


@dataclass(frozen=True)
class _Heading:
    """A judgement heading found in the body, before its paragraphs are known."""

    name: str
    grade_text: str
    tokens: tuple[Token, ...]
    grade_token: Token
    grade_at: int  # offset of the grade in grade_token
    judgement: str | None = None  # set for the Board's verdict


@dataclass(frozen=True)
class _List:
    rows: tuple[JudgementRow, ...]
    lscb: _Heading | None


class SifTransformer(DocumentTransformer):
    """A SIF report's parse tree -> its Report (see the module's docstring)."""

    def sif(self, children) -> object:
        title = next(c for c in children if isinstance(c, _TitleBlock))
        overall = next(c for c in children if isinstance(c, JudgementRow))
        listed = next(c for c in children if isinstance(c, _List))
        # the local authority's summary, and the Board's after it
        summary = [b for c in children if isinstance(c, _Summary) for b in c.blocks]
        closing = next((c for c in children if isinstance(c, _Closing)), _Closing(()))
        sections = self._sections([c for c in children if isinstance(c, (Paragraph, _Heading))])
        rows = [overall, *listed.rows]
        verdict = listed.lscb or next((s for s in sections if s.judgement == "lscb"), None)
        if isinstance(verdict, _Heading):
            rows.append(self._row(verdict))
        elif verdict is not None:
            rows.append(JudgementRow(verdict.heading, verdict.grade_text, verdict.grade, "lscb",
                                     verdict.span, verdict.grade_column or verdict.span.column))
        return self._report(
            title=title.title, authority=title.authority, dates=title.dates, letter_date=None,
            lead_inspector=None, table=overall.span, judgements=tuple(rows),
            summary=tuple(summary), sections=tuple(sections), title_block=title.block,
            after_closing=closing.stray)

    # the head ----------------------------------------------------------------
    def sif_head(self, children) -> _TitleBlock:
        """The council's name (the lines before the title, or the words before
        it on its line), the title and its second part, the dates."""
        lines = [c for c in children if isinstance(c, Token) and c.type in ("TEXT", "SIF_TITLE")]
        at = next(i for i, t in enumerate(lines) if t.type == "SIF_TITLE")
        start = _TITLE_START.search(lines[at]).start()
        council = [t.strip() for t in lines[:at]] + [lines[at][:start].strip()]
        titles = [lines[at][start:].strip()] + [t.strip() for t in lines[at + 1:]]
        dates = next((c for c in children if isinstance(c, InspectionDates)), None)
        return _TitleBlock(" ".join(titles), self.lines.block(lines),
                           " ".join(c for c in council if c) or None, dates=dates)

    def sif_dates(self, children) -> InspectionDates:
        """'Inspection date: 2 June 2014 – 25 June 2014', perhaps with 'Report
        published: ...' after it on the line (Barnsley 2014), perhaps in
        figures ('1/06/2015 – 25/06/2015')."""
        tok = children[0]
        text = re.split(r"\s*Report published", tok.split(":", 1)[1], flags=re.I)[0].strip()
        start, end = parse_range(text)
        line = self.lines.line_span(tok).line
        if start is None:
            start, end = _numeric_range(text)
            if start is not None:  # read in figures: one period, every day read
                return InspectionDates(text, start, end, line, (Period(text, start, end),))
        return _dates(text, start, end, line)

    def sif_overall(self, children) -> JudgementRow:
        """'Children's services in X are good', 'The overall judgement is (that
        children's services are) good': the grade ends the sentence."""
        heading = self._graded(children[0], children[0].strip())
        return self._row(heading, judgement="overall_effectiveness", name="Overall effectiveness")

    def sif_list(self, children) -> _List:
        rows = []
        lines = [c for c in children if isinstance(c, Token) and c.type != "BLANK"]
        for tok, after in zip(lines, [*lines[1:], None]):
            if tok.type == "SIF_ROW":
                words = _ROW_NUMBER.sub("", tok.rstrip())
                rows.append(self._row(self._grade_below(tok, words, after)
                                      or self._graded(tok, words)))
        lscb = next((c for c in children if isinstance(c, _Heading)), None)
        return _List(tuple(rows), lscb)

    def _grade_below(self, tok: Token, words: str, after: Token | None) -> _Heading | None:
        """A list row whose grade a PDF's table cell put on the next line
        ("1. Children who need help and protection" / "Requires improvement"):
        the row, when its own line ends in no grade and the next is one."""
        if self.framework is None or after is None or after.type != "TEXT":
            return None
        scale = _grade_at_end(self.framework.scale)
        grade = _GRADE_TAIL.sub("", after.strip())
        m = scale.search(grade)
        if scale.search(_GRADE_TAIL.sub("", words)) or m is None or m.start("grade") != 0:
            return None
        return _Heading(words.strip(), grade, (tok, after), after, after.index(grade))

    def sif_lscb(self, children) -> _Heading:
        heading = self._graded(children[0], children[0].strip())
        return _Heading("The Local Safeguarding Children Board", heading.grade_text,
                        heading.tokens, heading.grade_token, heading.grade_at, "lscb")

    def sif_summary(self, children) -> _Summary:
        """The summary's text, up to the first line that starts another part of
        the report (grammar/layout.yaml, sif.summary_ends)."""
        ends = {heading_key(h) for h in layout_words()["sif"]["summary_ends"]}
        tokens = list(children[1:])
        for i, tok in enumerate(tokens):
            if tok.type != "BLANK" and heading_key(tok.rstrip("0123456789 \n")) in ends:
                tokens = tokens[:i]
                break
        return _Summary(self.lines.blocks(tokens), tuple(tokens))

    # the body ----------------------------------------------------------------
    def sif_paragraph(self, children) -> Paragraph:
        """The numbered line and what continues it: lines broken by a page, and
        the bullets of a paragraph that ends in ':'. Unnumbered text after it
        (a section's summary, the area's data) is no paragraph."""
        pieces = runs(children)
        kept = list(pieces[0])
        for run in pieces[1:]:
            last = kept[-1].strip()
            if not ENDS_SENTENCE.search(last) or run[0].strip()[:1].islower() or (
                    last.endswith(":") and run[0].type == "BULLET"):
                kept.extend(run)
            else:
                break
        return self.paragraph(kept)

    def sif_section(self, children) -> _Heading:
        tokens = [c for c in children if isinstance(c, Token) and c.type != "BLANK"]
        head = next(t for t in tokens if t.type in ("SIF_HEADING", "SIF_NAME", "SIF_SUB"))
        if head.type == "SIF_SUB":
            m = _SUB_HEADING.match(_GRADE_TAIL.sub("", head.strip()))
            grade = m.group("grade")
            return _Heading(m.group("name"), grade, (head,), head, head.rindex(grade))
        if head.type == "SIF_NAME":
            grade = next(t for t in tokens if t.type == "SIF_GRADE")
            words = grade.strip().rstrip(".")
            return _Heading(head.strip(), words, (head, grade), grade, grade.index(words))
        return self._graded(head, head.strip())

    # helpers -----------------------------------------------------------------
    def _graded(self, tok: Token, words: str) -> _Heading:
        """`words` (from line `tok`) split into a name and the grade ending it,
        read through the framework's scale; without one, the last word is
        taken as the grade, for a rule to report."""
        words = _GRADE_TAIL.sub("", words)
        m = _grade_at_end(self.framework.scale).search(words) if self.framework else None
        if m is None:
            m = re.search(r"(?:^|\s)(?P<grade>\S+)$", words)
        name = re.sub(r"\s+(?:is|are)$", "", words[:m.start("grade")].strip(), flags=re.I)
        grade = m.group("grade")
        return _Heading(name, grade, (tok,), tok, tok.rindex(grade))

    def _row(self, h: _Heading, judgement: str | None = None, name: str | None = None
             ) -> JudgementRow:
        jid = judgement or h.judgement or self.names.row(h.name)
        return JudgementRow(name=name or h.name, grade_text=h.grade_text,
                            grade=self.names.grade(h.grade_text), judgement=jid,
                            span=self.lines.span(h.tokens[0].line, h.tokens[-1].line),
                            grade_column=self.lines.column(h.grade_token.line, h.grade_at))

    def _sections(self, parts: list) -> list[Section]:
        """Each heading with the paragraphs after it; the paragraphs before the
        first heading as a section of role "front"."""
        sections: list[Section] = []
        heading, paragraphs = None, []
        for part in [*parts, None]:
            if isinstance(part, Paragraph):
                paragraphs.append(part)
                continue
            if heading is not None or paragraphs:
                sections.append(self._section_of(heading, tuple(paragraphs)))
            heading, paragraphs = part, []
        return sections

    def _section_of(self, h: _Heading | None, paragraphs: tuple[Paragraph, ...]) -> Section:
        if h is None:
            return Section(heading="", grade_text=None, grade=None, judgement=None,
                           span=paragraphs[0].span, grade_column=None, paragraphs=paragraphs,
                           role="front")
        judgement, exact = (h.judgement, True) if h.judgement else self._judgement_of(h.name)
        span = self.lines.span(h.tokens[0].line, h.tokens[-1].line)
        column = self.lines.column(h.grade_token.line, h.grade_at) if len(h.tokens) == 1 \
            else None
        return Section(heading=h.name, grade_text=h.grade_text,
                       grade=self.names.grade(h.grade_text), judgement=judgement, span=span,
                       grade_column=column, paragraphs=paragraphs, judgement_exact=exact)

    def _judgement_of(self, heading: str) -> tuple[str | None, bool]:
        """The judgement a heading names: exactly, by the name's last words
        ("care leavers"), or one slip away (not exact)."""
        if self.framework is None:
            return None, False
        sections = [j for j in self.framework.judgements if j.section]
        name = _NAME_PREFIX.sub("", heading.strip())
        for words in (heading, name):
            found = self.framework.judgement_named(words)
            if found is not None:
                return found.id, True
        ends = [j for j in sections if fold(j.name).endswith(" " + fold(name))]
        if len(ends) == 1:
            return ends[0].id, True
        near = closest(name, [j.name for j in sections])
        return next((j.id for j in sections if j.name == near), None), False

