"""Valid ILACS inspection reports, under any framework the framework files declare.

The title block, the dates and the lead inspector take the forms published
reports of the drawn year have (2018-2020 reports were titled "<Authority>
Council / Inspection of children's social care services" and could print
full date ranges); the judgement table has coherent grades in any spelling
the scale accepts; each judgement section holds paragraphs of that
judgement's sentence pool, numbered across the report; the improvement
items are drawn from those paragraphs, so each is supported.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from checker.datafiles.frameworks import Framework
from checker.testing.model import (
    Paragraph,
    ReportModel,
    Row,
    Section,
    format_range,
    number_paragraphs,
)
from checker.testing.sentences import for_topic
from checker.testing.strategies.checker_data import authorities, combinations
from checker.testing.strategies.dates import inspection_lengths, start_date
from checker.testing.strategies.grades import coherent_grades
from checker.testing.strategies.items import supported_items
from checker.testing.strategies.prose import (
    inspector_title,
    layouts,
    paragraph_shape,
    paragraph_texts,
    person,
)

__all__ = ["ilacs_reports"]

_MODERN_YEAR = 2021          # from then on: one title form, short date ranges
_LOWER_CASE_GRADES = 2022    # from then on: "...: good" in headings, not "Good"
_QUESTION_HEADING = date(2021, 9, 1)  # "What needs to improve?" from this day


@st.composite
def ilacs_reports(draw, framework: Framework | None = None, layout=None, rules=None,
                  paragraphs: tuple[int, int] = (1, 5)) -> ReportModel:
    """A valid ILACS inspection report under `framework` (default: any)."""
    if framework is None:
        framework = draw(st.sampled_from([f for _, f in combinations(["ilacs"])]))
    start = start_date(draw, framework, "ilacs")
    end = start + timedelta(days=draw(st.sampled_from(inspection_lengths(rules))))
    modern = start.year >= _MODERN_YEAR
    dates_text = format_range(start, end, "short" if modern else
                              draw(st.sampled_from(["short", "full"])))
    authority, title = _title(draw, modern)
    lead = f"{person(draw)}, {inspector_title(start)}"
    grades = draw(coherent_grades(framework, "ilacs", rules))
    rows = _table_rows(draw, framework, grades)
    lower = start.year >= _LOWER_CASE_GRADES or draw(st.booleans())
    sections = number_paragraphs(_sections(draw, framework, grades, lower, paragraphs))
    summary = draw(paragraph_texts("summary", draw(paragraph_shape((1, 4), (1, 4)))))
    items = draw(supported_items([p.text for s in sections for p in s.paragraphs], (1, 6)))
    heading = "What needs to improve?" if start >= _QUESTION_HEADING else "What needs to improve"
    return ReportModel(
        kind="ilacs", framework=framework.id, authority=authority, title=title,
        start=start, end=end, dates_text=dates_text, lead_inspector=lead,
        judgements=rows, summary=tuple(summary), improvements_heading=heading,
        improvements=items, sections=sections,
        layout=draw(layout if layout is not None else layouts()))


def _title(draw, modern: bool) -> tuple[str, tuple[str, ...]]:
    """(the authority as the checker reads it, the title lines)."""
    authority = draw(st.sampled_from(authorities()))
    if modern or draw(st.booleans()):
        return authority, (f"Inspection of {authority} local authority children's services",)
    council = f"{authority} Council"
    return council, (council, "Inspection of children's social care services")


def _table_rows(draw, framework: Framework, grades: dict) -> tuple[Row, ...]:
    """The judgement table: each grade in one of the spellings its scale
    accepts (not the "require ..." phrasing, which only running text uses)."""
    scale = {g.id: g for g in framework.scale.grades}
    rows = []
    for j in framework.judgements:
        g = scale[grades[j.id]]
        spellings = [g.name] + [s[:1].upper() + s[1:] for s in g.spellings
                                if not s.startswith("require ")]
        rows.append(Row(j.name, draw(st.sampled_from(spellings)), j.id, g.id))
    return tuple(rows)


def _sections(draw, framework: Framework, grades: dict, lower: bool,
              paragraphs: tuple[int, int]) -> tuple[Section, ...]:
    """One section per judgement that has one, in the framework's order,
    its heading graded as the table grades it (paragraphs not yet numbered)."""
    scale = {g.id: g for g in framework.scale.grades}
    sections, used = [], set()
    for jid in framework.section_order:
        j = framework.judgement(jid)
        if j is None or not j.section:
            continue
        shape = draw(paragraph_shape(paragraphs, (1, 4)))
        # two judgements can share a pool (a new framework's): no sentence twice (LFT003)
        texts = draw(paragraph_texts(jid, shape, frozenset(used)))
        used |= {s for s in for_topic(jid) if any(s in t for t in texts)}
        g = scale[grades[jid]]
        sections.append(Section(j.name, tuple(Paragraph(t) for t in texts),
                                g.name.lower() if lower else g.name, g.id, jid))
    return tuple(sections)
