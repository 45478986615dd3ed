"""Valid focused visit, monitoring visit and JTAI letters.

A letter has its date, addressee and salutation, a title, an opening that
names the authority and the visit's dates, the headings its
required_headings rule asks for (in any accepted spelling), paragraphs of
the letter sentence pool under them, and the improvement items (and a JTAI
letter's strengths) drawn from the paragraphs of the sections the support
rule reads as findings. The closing words real letters end with (the
publication date of a focused visit letter, the statement of action a JTAI
partnership owes) are counted from the letter's date as the date rules count
them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import strategies as st

from checker.datafiles.frameworks import Framework, heading_key
from checker.parsing.recovery import layout_words
from checker.testing.model import Paragraph, ReportModel, Section, format_date, format_range
from checker.testing.strategies.checker_data import (
    LETTER_KINDS,
    authorities,
    combinations,
    finding_sections,
    letter_headings,
)
from checker.testing.strategies.dates import start_date, statement_deadline
from checker.testing.strategies.items import supported_items
from checker.testing.strategies.prose import (
    inspector_title,
    layouts,
    paragraph_shape,
    paragraph_texts,
    person,
)

__all__ = ["letters", "PUBLICATION", "STATEMENT", "STATEMENT_DUE"]

_OPENING = {
    "focused_visit": ("This letter summarises the findings of a focused visit to {authority} "
                      "children's services on {dates}. The inspectors were {first}, {title}, "
                      "and {second}, {title}."),
    "monitoring_visit": ("This letter summarises the findings of the monitoring visit to "
                         "{authority} children's services on {dates}. This was the first "
                         "monitoring visit since the local authority was judged inadequate."),
    "jtai": ("This letter summarises the findings of the joint targeted area inspection of the "
             "multi-agency response to children in need of help and protection in {authority}. "
             "This inspection took place from {dates}."),
}
_TITLE = {
    "focused_visit": "Focused visit to {authority} children's services",
    "monitoring_visit": "Monitoring visit to {authority} children's services",
    "jtai": "Joint targeted area inspection of {authority}",
}
_VISIT_DAYS = {"focused_visit": 1, "monitoring_visit": 1, "jtai": 4}
_IMPROVE = "What needs to improve in this area of social work practice"
PUBLICATION = ("Ofsted will take the findings from this focused visit into account when "
               "planning your next inspection or visit. Ofsted will send a copy of this letter "
               "to the Department for Education and will publish the letter on our website "
               "on {date}.")
STATEMENT = ("We have determined that the safeguarding partnership is the principal authority "
             "and should prepare a written statement of proposed action responding to the "
             "findings outlined in this letter.")
STATEMENT_DUE = "The partnership should send the written statement of action to Ofsted by {date}."


@st.composite
def letters(draw, kind: str | None = None, framework: Framework | None = None, layout=None,
            rules=None, paragraphs: tuple[int, int] = (1, 4)) -> ReportModel:
    """A valid focused visit, monitoring visit or JTAI letter."""
    if kind is None or framework is None:
        pairs = combinations([kind] if kind else LETTER_KINDS,
                             [framework.id] if framework else None)
        kind, framework = draw(st.sampled_from(pairs))
    start, end, letter_date, dates_text = _visit_dates(draw, kind, framework)
    authority = draw(st.sampled_from(authorities()))
    first, second = person(draw), person(draw)
    opening = _OPENING[kind].format(authority=authority, dates=dates_text, first=first,
                                    second=second, title=inspector_title(start))
    headings = _headings(draw, kind, rules)
    closing = _closing(kind, letter_date, rules)
    sections, holders = _sections(draw, kind, headings, closing, paragraphs)
    items, strengths = _items_and_strengths(draw, kind, sections)
    if closing:
        last = sections[holders[-1]]
        sections[holders[-1]] = replace(last, paragraphs=last.paragraphs + tuple(
            Paragraph(t) for t in closing))
    addressee, salutation, signature = _letter_people(draw, kind, authority, start)
    return ReportModel(
        kind=kind, framework=framework.id, authority=authority,
        title=(_TITLE[kind].format(authority=authority),), start=start, end=end,
        dates_text=dates_text, letter_date=letter_date, improvements=items,
        strengths=strengths, sections=tuple(sections), addressee=addressee,
        salutation=salutation, introduction=(opening,), signature=signature,
        layout=draw(layout if layout is not None else layouts()))


def _visit_dates(draw, kind: str, framework: Framework) -> tuple[date, date, date, str]:
    """(first day, last day, the letter's date on a weekday after them, the
    visit's dates as the opening prints them)."""
    start = start_date(draw, framework, kind, 0 if kind == "jtai" else 3)
    end = start + timedelta(days=_VISIT_DAYS[kind])
    letter_date = end + timedelta(days=draw(st.integers(10, 40)))
    while letter_date.weekday() > 4:
        letter_date += timedelta(days=1)
    if kind == "jtai":  # "22 April to 26 April 2024", "22 to 26 April 2024"
        style = draw(st.sampled_from(["short", "month", "full"]))
        if style == "month" and start.year == end.year:
            dates_text = f"{start.day} {_month(start)} to {format_date(end)}"
        else:
            dates_text = format_range(start, end, "full" if style == "full" else "short")
    else:  # "9 and 10 January 2019"
        dates_text = format_range(start, end, "short", "and")
    return start, end, letter_date, dates_text


def _month(d: date) -> str:
    return format_date(d).split()[1]


def _headings(draw, kind: str, rules) -> list[str]:
    """The required headings, each in one of its accepted spellings, and a
    "What needs to improve" heading if none of them is one."""
    headings = [h if isinstance(h, str) else draw(st.sampled_from(list(h)))
                for h in letter_headings(kind, rules)]
    if not any(heading_key(h).startswith("what needs to improve") for h in headings):
        headings.append(_IMPROVE)
    return headings


def _closing(kind: str, letter_date: date, rules) -> list[str]:
    """The closing words real letters end their last section with."""
    closing = []
    if kind == "focused_visit":
        closing.append(PUBLICATION.format(date=format_date(letter_date)))
    if kind == "jtai":
        due = statement_deadline(letter_date, rules)
        closing.append(STATEMENT)
        if due is not None:
            closing.append(STATEMENT_DUE.format(date=format_date(due)))
    return closing


def _holds_list(heading: str) -> bool:
    """Does a bulleted list (items, strengths) stand under this heading, not paragraphs?"""
    key = heading_key(heading)
    return key.startswith("what needs to improve") or key == "strengths"


def _sections(draw, kind: str, headings: list[str], closing: list[str],
              paragraphs: tuple[int, int]) -> tuple[list[Section], list[int]]:
    """The sections under `headings` with their paragraphs (the closing
    words not yet added), and the indexes of those that hold paragraphs. A
    last section that is no finding section holds only the closing words."""
    findings = finding_sections(kind) or set()
    holders = [i for i, h in enumerate(headings) if not _holds_list(h)]
    shapes = {}
    for i in holders:
        only_closing = closing and i == holders[-1] and heading_key(headings[i]) not in findings
        shapes[i] = [] if only_closing else draw(paragraph_shape(paragraphs, (1, 4)))
    texts = iter(draw(paragraph_texts("letter", [n for i in holders for n in shapes[i]])))
    sections = []
    for i, h in enumerate(headings):
        paras = tuple(Paragraph(t) for _, t in zip(shapes.get(i, ()), texts))
        sections.append(Section(h, paras))
    return sections, holders


def _before_closing(paragraphs) -> list[str]:
    """Paragraphs without a letter's closing words ("Ofsted will take the
    findings ...", grammar/layout.yaml), which end a list in the parser's
    reading: never the source of an item."""
    closing = layout_words()["letter_closing"]
    kept = []
    for text in paragraphs:
        for words in closing:
            text = text.split(words)[0].strip()
        if text:
            kept.append(text)
    return kept


def _items_and_strengths(draw, kind: str, sections: list[Section]):
    """Improvement items drawn from the finding sections' paragraphs, and
    (where the letter has a "Strengths" heading) strengths drawn from the
    paragraphs the strengths' support rule reads."""
    findings = finding_sections(kind) or set()
    strength_findings = finding_sections(kind, "strengths")
    pool = _before_closing(p.text for s in sections if heading_key(s.heading) in findings
                           for p in s.paragraphs)
    spool = _before_closing(p.text for s in sections if strength_findings is None
                            or heading_key(s.heading) in strength_findings for p in s.paragraphs)
    items = draw(supported_items(pool, (1, 5)))
    strengths = ()
    if any(heading_key(s.heading) == "strengths" for s in sections):
        strengths = draw(supported_items(spool, (1, 5)))
    return items, strengths


def _letter_people(draw, kind, authority, start):
    """(addressee lines, salutation, signature lines) of a letter."""
    name = person(draw)
    surname = name.split()[-1]
    if kind == "jtai":
        addressee = (f"{name}, Director of Children's Services, {authority}",
                     f"{person(draw)}, Chief Constable")
        salutation = f"Dear {authority} Local Safeguarding Partnership"
        signature = (person(draw), "National Director, Regulation and Social Care, Ofsted")
    else:
        addressee = (f"Ms {name}", "Director of Children's Services", f"{authority} Council")
        salutation = f"Dear Ms {surname}"
        signature = (person(draw), inspector_title(start))
    return addressee, salutation, signature
