"""Hypothesis strategies for valid report models, of every kind and framework.

Everything a strategy needs to know about what "valid" means is read from the
checker's own data, never written down here again:

- frameworks, judgement names, section order, grade scales and the dates each
  framework applies to: rules/frameworks/*.yaml (a new framework file is
  generated as soon as it exists);
- which overall grades are coherent: the `decision_table` rules (GRD001,
  GRD002), evaluated by the checker itself on the drawn grades;
- the inspection lengths (DAT002), the statement-of-action deadline (DAT004),
  a letter's headings (LET001-LET003), which letter sections are findings and
  the support threshold (SUP001, SUP003): the rules' args;
- local authorities: the authority rule's data file.

Improvement items (and a JTAI letter's strengths) are made from the words of
a finding paragraph: a run of words of one of its sentences, after an
opening such as "The quality of" whose words carry no topic for the support
measure (checker/engine/support.py). Every content word of such an item is in that
paragraph, so the paragraph covers the item completely (score 1.0, far above
the 0.38 threshold), whatever else the report says.

The main entry points:

    reports()                      any kind, any framework
    reports(kinds=["ilacs"], frameworks=["ilacs-2023"])
    ilacs_reports(framework)       one ILACS inspection report
    letters(kind, framework)       a focused visit, monitoring visit or JTAI letter
    layouts()                      text artefacts: wrapping, page breaks, bullets

Strategies draw whole sentences (an index into a pool of checker.testing.sentences)
and small integers, so a report of 20 paragraphs costs a few milliseconds.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from hypothesis import reject
from hypothesis import strategies as st

import checker.datafiles.frameworks as _frameworks
from checker.datafiles.frameworks import Framework, heading_key
from checker.parsing.model import JudgementRow, Report, Span
from checker.testing.render import (
    Layout,
    Paragraph,
    ReportModel,
    Row,
    Section,
    format_date,
    format_range,
)
from checker.testing.sentences import for_topic

__all__ = [
    "reports", "ilacs_reports", "letters", "layouts", "combinations", "coherent_grades",
    "decision_findings", "supported_item", "sentences", "authorities", "rules_for",
    "finding_sections", "support_threshold", "LETTER_KINDS",
]

LETTER_KINDS = ("focused_visit", "jtai", "monitoring_visit")
_FAR_FUTURE_DAYS = 730  # how far past its start an open-ended framework is generated


# ------------------------------------------------------------- the data ----

@cache
def _rules():
    from checker.engine.rules import load_rules
    return load_rules()


def rules_for(kind: str, framework: str | None, check: str | None = None, rules=None) -> tuple:
    """The rules that apply to a document of this kind and framework
    (optionally only those calling one check function)."""
    probe = _probe(kind, framework)
    return tuple(r for r in (rules if rules is not None else _rules())
                 if r.applies(probe) and (check is None or r.check == check))


def _probe(kind, framework, rows=()) -> Report:
    return Report(path="<generated>", kind=kind, framework=framework, title="", authority=None,
                  dates=None, letter_date=None, lead_inspector=None,
                  table=Span(1, 1, 1, 2), judgements=tuple(rows))


def combinations(kinds=None, frameworks=None) -> list[tuple[str, Framework]]:
    """Every (kind, framework) pair the framework files declare, optionally
    narrowed to some kinds or framework ids."""
    out = []
    for f in _frameworks.load_frameworks():
        if frameworks is not None and f.id not in frameworks:
            continue
        for kind in f.kinds:
            if kinds is not None and kind not in kinds:
                continue
            if kind == "ilacs" and not f.judgements:
                continue
            out.append((kind, f))
    return out


@cache
def _authority_data() -> tuple[dict, ...]:
    from checker.datafiles.resources import data_dir
    from checker.datafiles.yamlfile import load_yaml
    rule = next((r for r in _rules() if r.check == "other_authority"), None)
    name = (rule.args.get("data") if rule else None) or "local-authorities.yaml"
    return tuple(load_yaml(data_dir("rules") / "data" / name)["authorities"])


def authorities() -> tuple[str, ...]:
    """Local authorities a generated report may be about: those with
    children's services for the whole period generated, whose name is not also
    an ordinary word."""
    return tuple(a["name"] for a in _authority_data()
                 if a.get("type") != "former" and not a.get("since") and not a.get("until")
                 and not a.get("also_a_word"))


def other_authorities(own: str) -> tuple[str, ...]:
    """Authorities that are not `own`, its partners or predecessors, nor share
    a word with it (a name inside another name is the same authority to a reader)."""
    entry = next((a for a in _authority_data() if a["name"] == own), {})
    related = {own, *entry.get("partners", ()), *entry.get("successor_of", ())}
    for a in _authority_data():  # authorities that name `own` as their partner
        if own in a.get("partners", ()) or own in a.get("successor_of", ()):
            related.add(a["name"])
    words = set(own.split())
    return tuple(name for name in authorities()
                 if name not in related and not words & set(name.split()))


def finding_sections(kind: str, items: str = "improvements") -> set[str] | None:
    """The letter headings whose paragraphs count as findings for the
    support rule over `items` (None: every paragraph, as in ILACS reports)."""
    for rule in rules_for(kind, None, "supported_by"):
        if rule.args.get("items", "improvements") != items:
            continue
        sections = rule.args.get("finding_sections") or []
        if isinstance(sections, dict):
            sections = sections.get(kind) or []
        return {heading_key(h) for h in sections} or None
    return None


def support_threshold(kind: str, items: str = "improvements") -> float:
    from checker.engine.support import DEFAULT_THRESHOLD
    return max([float(r.args.get("threshold", DEFAULT_THRESHOLD))
                for r in rules_for(kind, None, "supported_by")
                if r.args.get("items", "improvements") == items] or [DEFAULT_THRESHOLD])


# ---------------------------------------------------------------- grades ----

def decision_findings(kind: str, framework: Framework, grades: dict, rules=None) -> set[str]:
    """Which decision-table rules (GRD001, GRD002, ...) fire on a judgement
    table with these grades ({judgement id: grade id or None}), as the
    checker evaluates them. A judgement absent from `grades` has no row."""
    rules = rules if rules is not None else _rules()
    key = (kind, framework.id, tuple(sorted(grades.items())), id(rules))
    hit = _DECISIONS.get(key)
    if hit is None or hit[1] is not rules:
        names = {j.id: j.name for j in (*framework.judgements, *framework.withdrawn)}
        rows = [JudgementRow(name=names.get(jid, jid), grade_text=gid or "", grade=gid,
                             judgement=jid, span=Span(i + 2, 1, i + 2, 2), grade_column=1)
                for i, (jid, gid) in enumerate(key[2])]
        report = _probe(kind, framework.id, rows)
        fired = frozenset(rule.id for rule in rules_for(kind, framework.id, "decision_table", rules)
                          if rule.run(report, framework))
        hit = _DECISIONS[key] = (fired, rules)
    return set(hit[0])


_DECISIONS: dict = {}


def _subjects(kind: str, framework: Framework, rules=None) -> list[str]:
    """Judgements some decision table decides (overall effectiveness), in
    the framework's order."""
    wanted = {r.args.get("subject") for r in rules_for(kind, framework.id, "decision_table", rules)}
    return [j.id for j in framework.judgements if j.id in wanted]


@st.composite
def coherent_grades(draw, framework: Framework, kind: str = "ilacs", rules=None) -> dict:
    """{judgement id: grade id} for every judgement of the framework, on which
    no decision-table rule fires: the other judgements are drawn freely, then
    each decided judgement (overall effectiveness) from the grades the
    tables allow with them."""
    scale = [g.id for g in framework.scale.grades]
    subjects = _subjects(kind, framework, rules)
    grades = {j.id: draw(st.sampled_from(scale)) for j in framework.judgements
              if j.id not in subjects}
    for subject in subjects:
        allowed = [g for g in scale
                   if not decision_findings(kind, framework, {**grades, subject: g}, rules)]
        if not allowed:
            reject()
        grades[subject] = draw(st.sampled_from(allowed))
    return {j.id: grades[j.id] for j in framework.judgements}


# ----------------------------------------------------------------- dates ----

def _date_range(framework: Framework, kind: str) -> tuple[date, date]:
    first = framework.start
    last = framework.end or framework.start + timedelta(days=_FAR_FUTURE_DAYS)
    if kind == "jtai":  # its deadline is counted in working days: stay in the calendar
        from checker.datafiles.workdays import england_and_wales
        cal = england_and_wales()
        first, last = max(first, cal.first), min(last, cal.last - timedelta(days=200))
    return first, last


def _start_date(draw, framework: Framework, kind: str, weekdays: int = 0) -> date:
    """A first day under `framework`: a Monday, or up to `weekdays` days after one."""
    first, last = _date_range(framework, kind)
    first += timedelta(days=(7 - first.weekday()) % 7)
    weeks = (last - first).days // 7
    if weeks < 0:
        reject()
    start = first + timedelta(weeks=draw(st.integers(0, weeks)),
                              days=draw(st.integers(0, weekdays)) if weekdays else 0)
    if _frameworks.choose_framework(kind, start) != framework:
        reject()  # another framework claims this date first
    return start


def _inspection_lengths(rules=None) -> list[int]:
    """Days from first to last day of an inspection, as the length rule allows."""
    out = []
    for rule in rules_for("ilacs", None, "date_relation", rules):
        for offset in rule.args.get("offsets") or ():
            if "days" in offset and rule.args.get("subject") == "period.end":
                out.append(int(offset["days"]))
    return out or [11, 4]


def _working_days(rules=None) -> int | None:
    for rule in rules_for("jtai", None, "date_relation", rules):
        subject = rule.args.get("subject")
        if isinstance(subject, dict) and "statement of" in subject.get("pattern", ""):
            for offset in rule.args.get("offsets") or ():
                if "working_days" in offset:
                    return int(offset["working_days"])
    return None


def statement_deadline(letter_date: date, rules=None) -> date | None:
    """The date a JTAI letter's written statement of action is due."""
    n = _working_days(rules)
    if n is None:
        return None
    from checker.datafiles.workdays import OutsideCalendar, add_working_days
    try:
        return add_working_days(letter_date, n)
    except OutsideCalendar:
        return None  # the checker does not count outside its calendar either


# ------------------------------------------------------------- sentences ----

def sentences(topic: str, n: int) -> st.SearchStrategy[tuple[str, ...]]:
    """`n` different whole sentences on a topic."""
    pool = for_topic(topic)
    n = min(n, len(pool))
    return st.lists(st.integers(0, len(pool) - 1), min_size=n, max_size=n,
                    unique=True).map(lambda ix: tuple(pool[i] for i in ix))


@st.composite
def _paragraph_texts(draw, topic: str, shape: list[int]) -> list[str]:
    """Paragraphs of shape[i] sentences each, no sentence used twice."""
    chosen = list(draw(sentences(topic, sum(shape))))
    out = []
    for n in shape:
        if not chosen:
            break
        out.append(" ".join(chosen[:n]))
        chosen = chosen[n:]
    return out


def _shape(paragraphs: tuple[int, int], sentences_per: tuple[int, int]):
    return st.lists(st.integers(*sentences_per), min_size=paragraphs[0], max_size=paragraphs[1])


# --------------------------------------------------------------- support ----

@cache
def _vocabulary():
    from checker.engine.support import load_vocabulary
    return load_vocabulary()


# Openings of real items ("The quality of ...") whose words are all stopwords
# of the support measure (kept only if so: they must add nothing to an item).
_OPENINGS = ("The quality of", "The response to", "Arrangements for")
_THE_OPENINGS = ("The", "The quality of the")
# An item's words start after one of these in the sentence: "... recognise
# the [impact of long-term neglect]" -> "The impact of long-term neglect."
_LEADS = ("the", "of", "for", "with", "in", "on")
_CLAUSE = re.compile(r",\s+|;\s+|\s+-\s+")


@cache
def _openings(openings: tuple[str, ...]) -> tuple[str, ...]:
    v = _vocabulary()
    return tuple(o for o in openings if not v.concept_set(o))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _similar(text: str, others, threshold: float = 0.75) -> bool:
    words = _words(text)
    return any(difflib.SequenceMatcher(None, words, _words(o), autojunk=False).ratio() >= threshold
               for o in others)


def _sentence_item(words: list[str]) -> str:
    body = " ".join(words).rstrip(",;.")
    return body[:1].upper() + body[1:] + "."


@st.composite
def supported_item(draw, paragraph: str, avoid=()) -> str | None:
    """An improvement item supported by `paragraph`, in the form real items
    take: "The impact of long-term neglect." from "... do not consistently
    recognise the impact of long-term neglect, domestic abuse ...": the tail
    of one clause of one of its sentences after "the", "of", "for" ..., under
    an opening ("The", "The quality of") whose words carry no topic. Every
    concept the support measure sees in the item is one the paragraph has, so
    the paragraph covers it completely. Falls back to a clause, then the
    sentence, then the paragraph itself; None if each repeats an item in
    `avoid` (ITM001 would report it)."""
    v = _vocabulary()
    have = v.concept_set(paragraph)
    split = [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]
    sentence = split[draw(st.integers(0, len(split) - 1))].rstrip(".")
    clauses = [c.split() for c in _CLAUSE.split(sentence) if len(c.split()) >= 3]
    candidates = []
    if clauses:
        words = clauses[draw(st.integers(0, len(clauses) - 1))]
        starts = [i for i in range(1, len(words) - 1)
                  if words[i - 1].lower() in _LEADS and 2 <= len(words) - i <= 12
                  and words[i].lower() not in _LEADS]
        if starts:
            i = draw(st.sampled_from(starts))
            openings = _THE_OPENINGS if words[i - 1].lower() == "the" else _OPENINGS
            opening = draw(st.sampled_from(_openings(openings) or ("The",)))
            candidates.append(f"{opening} {' '.join(words[i:]).rstrip(',;.')}.")
        if words[0].lower() not in ("and", "but", "or", "which", "so", "while", "although"):
            candidates.append(_sentence_item(words))
    candidates += [_sentence_item(sentence.split()), _sentence_item(paragraph.split())]
    for item in candidates:
        concepts = v.concept_set(item)
        if concepts and concepts <= have and not _similar(item, avoid):
            return item
    return None


@st.composite
def _items(draw, paragraphs: list[str], n: tuple[int, int]) -> tuple[str, ...]:
    """Items each supported by a different paragraph."""
    if not paragraphs:
        return ()
    count = draw(st.integers(min(n[0], len(paragraphs)), min(n[1], len(paragraphs))))
    sources = draw(st.lists(st.integers(0, len(paragraphs) - 1), min_size=count,
                            max_size=count, unique=True))
    items: list[str] = []
    for i in sources:
        item = draw(supported_item(paragraphs[i], avoid=items))
        if item is not None:
            items.append(item)
    return tuple(items)


# ---------------------------------------------------------------- layout ----

def layouts(plain: bool = False) -> st.SearchStrategy[Layout]:
    """Text layouts, artefacts of copying a PDF included (plain: one line
    per paragraph, "- " bullets, LF)."""
    if plain:
        return st.just(Layout())
    return st.builds(
        lambda w, pb, **kw: Layout(wrap=w, page_breaks=pb and w is not None, **kw),
        st.one_of(st.none(), st.integers(50, 110)), st.booleans(),
        bullet=st.sampled_from(["- ", "\u2022 ", "\uf0b7 ", ""]),
        number_prefix=st.sampled_from(["", "- "]),
        line_end=st.sampled_from(["\n", "\r\n", "\r"]),
        trailing_space=st.booleans(), curly_quotes=st.booleans(),
        table_separator=st.sampled_from(["\t", "  ", "\t\t", "    "]),
        title_break=st.booleans(), inspector_break=st.booleans())


_FIRST = ("Alex", "Sam", "Jo", "Chris", "Robin", "Morgan", "Jamie", "Leslie", "Nadia", "Tariq")
_LAST = ("Hughes", "Patel", "Clarke", "Evans", "Ahmed", "Okafor", "Nowak", "Fletcher",
         "Marsh", "Doyle")


def _person(draw) -> str:
    return f"{draw(st.sampled_from(_FIRST))} {draw(st.sampled_from(_LAST))}"


def _inspector_title(start: date) -> str:
    return ("His" if start >= date(2022, 9, 8) else "Her") + " Majesty's Inspector"


# ----------------------------------------------------------------- ILACS ----

@st.composite
def ilacs_reports(draw, framework: Framework | None = None, layout=None, rules=None,
                  paragraphs: tuple[int, int] = (1, 5)) -> ReportModel:
    """A valid ILACS inspection report under `framework` (default: any)."""
    if framework is None:
        framework = draw(st.sampled_from([f for _, f in combinations(["ilacs"])]))
    start = _start_date(draw, framework, "ilacs")
    end = start + timedelta(days=draw(st.sampled_from(_inspection_lengths(rules))))
    modern = start.year >= 2021
    dates_text = format_range(start, end, "short" if modern else
                              draw(st.sampled_from(["short", "full"])))
    authority = draw(st.sampled_from(authorities()))
    if modern or draw(st.booleans()):
        title = (f"Inspection of {authority} local authority children's services",)
        parsed_authority = authority
    else:
        council = f"{authority} Council"
        title = (council, "Inspection of children's social care services")
        parsed_authority = council
    lead = f"{_person(draw)}, {_inspector_title(start)}"

    grades = draw(coherent_grades(framework, "ilacs", rules))
    scale = {g.id: g for g in framework.scale.grades}
    rows = []
    for j in framework.judgements:
        g = scale[grades[j.id]]
        spellings = [g.name] + [s[:1].upper() + s[1:] for s in g.spellings
                                if not s.startswith("require ")]
        rows.append(Row(j.name, draw(st.sampled_from(spellings)), j.id, g.id))

    lower = start.year >= 2022 or draw(st.booleans())
    sections = []
    for jid in framework.section_order:
        j = framework.judgement(jid)
        if j is None or not j.section:
            continue
        shape = draw(_shape(paragraphs, (1, 4)))
        texts = draw(_paragraph_texts(jid, shape))
        g = scale[grades[jid]]
        sections.append(Section(j.name, tuple(Paragraph(t) for t in texts),
                                g.name.lower() if lower else g.name, g.id, jid))
    number = 1
    numbered = []
    for s in sections:
        paras = []
        for p in s.paragraphs:
            paras.append(replace(p, number=number))
            number += 1
        numbered.append(replace(s, paragraphs=tuple(paras)))
    summary = draw(_paragraph_texts("summary", draw(_shape((1, 4), (1, 4)))))
    items = draw(_items([p.text for s in numbered for p in s.paragraphs], (1, 6)))
    heading = "What needs to improve?" if start >= date(2021, 9, 1) else "What needs to improve"
    return ReportModel(
        kind="ilacs", framework=framework.id, authority=parsed_authority, title=title,
        start=start, end=end, dates_text=dates_text, lead_inspector=lead,
        judgements=tuple(rows), summary=tuple(summary), improvements_heading=heading,
        improvements=items, sections=tuple(numbered),
        layout=draw(layout if layout is not None else layouts()))


# --------------------------------------------------------------- letters ----

def letter_headings(kind: str, rules=None) -> list:
    """The headings a letter of this kind must have, in order, from its
    required_headings rule: each a heading, or a list of accepted spellings."""
    for rule in rules_for(kind, None, "required_headings", rules):
        return list(rule.args["headings"])
    return []


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
    start = _start_date(draw, framework, kind, 0 if kind == "jtai" else 3)
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
    authority = draw(st.sampled_from(authorities()))
    first, second = _person(draw), _person(draw)
    title = _inspector_title(start)
    opening = _OPENING[kind].format(authority=authority, dates=dates_text, first=first,
                                    second=second, title=title)
    headings = [h if isinstance(h, str) else draw(st.sampled_from(list(h)))
                for h in letter_headings(kind, rules)]
    if not any(heading_key(h).startswith("what needs to improve") for h in headings):
        headings.append(_IMPROVE)
    findings = finding_sections(kind) or set()
    strength_findings = finding_sections(kind, "strengths")
    # The closing words real letters end their last section with.
    closing = []
    if kind == "focused_visit":
        closing.append(PUBLICATION.format(date=format_date(letter_date)))
    if kind == "jtai":
        due = statement_deadline(letter_date, rules)
        closing.append(STATEMENT)
        if due is not None:
            closing.append(STATEMENT_DUE.format(date=format_date(due)))
    holders = [i for i, h in enumerate(headings)
               if not (heading_key(h).startswith("what needs to improve")
                       or heading_key(h) == "strengths")]
    shapes = {}
    for i in holders:
        only_closing = closing and i == holders[-1] and heading_key(headings[i]) not in findings
        shapes[i] = [] if only_closing else draw(_shape(paragraphs, (1, 4)))
    texts = iter(draw(_paragraph_texts("letter", [n for i in holders for n in shapes[i]])))
    sections = []
    for i, h in enumerate(headings):
        paras = tuple(Paragraph(t) for _, t in zip(shapes.get(i, ()), texts))
        sections.append(Section(h, paras))
    pool = [p.text for s in sections if heading_key(s.heading) in findings for p in s.paragraphs]
    spool = [p.text for s in sections if strength_findings is None
             or heading_key(s.heading) in strength_findings for p in s.paragraphs]
    if closing:
        last = sections[holders[-1]]
        sections[holders[-1]] = replace(last, paragraphs=last.paragraphs + tuple(
            Paragraph(t) for t in closing))
    items = draw(_items(pool, (1, 5)))
    strengths = ()
    if any(heading_key(s.heading) == "strengths" for s in sections):
        strengths = draw(_items(spool, (1, 5)))
    addressee, salutation, signature = _letter_people(draw, kind, authority, start)
    return ReportModel(
        kind=kind, framework=framework.id, authority=authority,
        title=(_TITLE[kind].format(authority=authority),), start=start, end=end,
        dates_text=dates_text, letter_date=letter_date, improvements=items,
        strengths=strengths, sections=tuple(sections), addressee=addressee,
        salutation=salutation, introduction=(opening,), signature=signature,
        layout=draw(layout if layout is not None else layouts()))


def _month(d: date) -> str:
    return format_date(d).split()[1]


def _letter_people(draw, kind, authority, start):
    name = _person(draw)
    surname = name.split()[-1]
    if kind == "jtai":
        addressee = (f"{name}, Director of Children's Services, {authority}",
                     f"{_person(draw)}, Chief Constable")
        salutation = f"Dear {authority} Local Safeguarding Partnership"
        signature = (_person(draw), "National Director, Regulation and Social Care, Ofsted")
    else:
        addressee = (f"Ms {name}", "Director of Children's Services", f"{authority} Council")
        salutation = f"Dear Ms {surname}"
        signature = (_person(draw), _inspector_title(start))
    return addressee, salutation, signature


# -------------------------------------------------------------- anything ----

def reports(kinds=None, frameworks=None, layout=None, rules=None) -> st.SearchStrategy[ReportModel]:
    """A valid report of any of `kinds` under any of `frameworks` (ids);
    default: every kind of every framework in rules/frameworks/."""
    pairs = combinations(kinds, frameworks)
    if not pairs:
        raise ValueError(f"no framework declares kinds {kinds} (frameworks: {frameworks})")

    def build(pair):
        kind, framework = pair
        if kind == "ilacs":
            return ilacs_reports(framework, layout, rules)
        return letters(kind, framework, layout, rules)

    return st.sampled_from(pairs).flatmap(build)
