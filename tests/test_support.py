"""Tests and calibration for checker/engine/support.py on the real sample reports.

Run with -s to see the calibration table:
    .venv/bin/python -m pytest tests/test_support.py -s -k table
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine.support import DEFAULT_THRESHOLD, SupportIndex, Vocabulary, load_vocabulary

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# --- crude sample parsing (test scaffolding only; the real parser lives elsewhere) ---

_NUMBERED = re.compile(r"(?:- )?\d+\. (.*)")


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


def _blocks(lines: list[str]) -> list[str]:
    """Blank-line separated blocks joined into one line each; a block that does not end a
    sentence continues into the next one (paragraphs split at page breaks)."""
    out: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            block = " ".join(current)
            if out and not _ends_sentence(out[-1]):
                out[-1] += " " + block
            else:
                out.append(block)
            current = []
    return out


def _sections(text: str, headings: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.strip() in headings:
            current = out.setdefault(line.strip(), [])
        elif current is not None:
            current.append(line)
    return out


def parse_ilacs(text: str) -> tuple[list[str], list[str]]:
    """Items: "- " lines after "What needs to improve". Findings: "N. " / "- N. " paragraphs;
    a later line continues the last one only while it has not ended a sentence (this skips
    judgement headings and the closing boilerplate)."""
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("What needs to improve"))
    items: list[str] = []
    paragraphs: list[str] = []
    for line in lines[start + 1 :]:
        if not line:
            continue
        if m := _NUMBERED.match(line):
            paragraphs.append(m.group(1))
        elif paragraphs:
            if not _ends_sentence(paragraphs[-1]):
                paragraphs[-1] += " " + line
        elif line.startswith("- "):
            items.append(line[2:])
    return items, paragraphs


def parse_jtai(text: str) -> tuple[list[str], list[str], list[str]]:
    """(improvement items, strengths, finding paragraphs of Headline + Main findings)."""
    s = _sections(
        text,
        ["Headline findings", "What needs to improve?", "Strengths", "Main findings", "Next steps"],
    )

    def bullets(name):
        return [line.strip()[2:] for line in s[name] if line.strip().startswith("- ")]

    return (
        bullets("What needs to improve?"),
        bullets("Strengths"),
        _blocks(s["Headline findings"]) + _blocks(s["Main findings"]),
    )


def parse_focused_visit(text: str) -> tuple[list[str], list[str]]:
    """Hard-wrapped letter: items are the blocks under "What needs to improve in this area
    of social work practice"; findings are the blocks under Overview and Findings, up to
    the closing "Ofsted will take the findings ..." boilerplate."""
    text = text[: text.index("Ofsted will take the findings")]
    improve = "What needs to improve in this area of social work practice"
    s = _sections(text, ["Overview", improve, "Findings"])
    return _blocks(s[improve]), _blocks(s["Overview"]) + _blocks(s["Findings"])


@cache
def sample(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(improvement items, strengths, finding paragraphs) of a sample file."""
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    strengths: list[str] = []
    if "ilacs" in name:
        items, paragraphs = parse_ilacs(text)
    elif "jtai" in name:
        items, strengths, paragraphs = parse_jtai(text)
    else:
        items, paragraphs = parse_focused_visit(text)
    return tuple(items), tuple(strengths), tuple(paragraphs)


REPORTS = [
    "rochdale-ilacs-2023",
    "oldham-ilacs-2019",
    "rochdale-jtai-2024",
    "rochdale-focused-visit-2019",
]

# Realistic items that the named report does NOT discuss (each checked by grep: the
# comment says what the report does say about the nearest topic, i.e. the trap).
OFF_TOPIC = [
    ("rochdale-ilacs-2023", "The timeliness of school admission appeals for children in care."),
    # the nearest miss: para 27 says "cared for children are thriving in school"; no
    # admissions or appeals. Half its topic is there, so it scores highest (0.35).
    ("rochdale-ilacs-2023", "Recruitment of adopters from minority ethnic communities."),
    # adopters (para 28), recruitment of staff (61), community (46); no ethnicity at all
    (
        "rochdale-ilacs-2023",
        "The response to children at risk of radicalisation and forced marriage.",
    ),
    # "response to children at risk" is everywhere; radicalisation/forced marriage never
    ("oldham-ilacs-2019", "The quality of youth justice custody sentencing reports."),
    # youth service / youth parliament, many "reports"; no custody, sentencing, youth justice
    ("oldham-ilacs-2019", "Arrangements for children missing education in independent schools."),
    # missing from home (14), schools (15, 24, 25), independent reviews/living; no CME
    ("oldham-ilacs-2019", "The sufficiency of secure children's home places for girls."),
    # stable placements, "sufficient" support; no sufficiency, secure homes or girls
    ("oldham-ilacs-2019", "The response to children who are privately fostered."),
    # no private fostering anywhere
    ("rochdale-jtai-2024", "Permanence planning for children in long-term foster care."),
    # "permanent exclusions" (same stem), safety planning; no fostering or permanence
    ("rochdale-jtai-2024", "The quality of pathway plans for care leavers."),
    # "pathways for sharing information", "assessment pathways"; no care leavers
    ("rochdale-focused-visit-2019", "The response to disabled children."),
    # front-door letter: no disability at all
    ("rochdale-focused-visit-2019", "Placement stability for children in care."),
    # "children who become looked after in an emergency"; no placements
    (
        "rochdale-focused-visit-2019",
        "The response to care leavers who are not in education, employment or training.",
    ),
    # no care leavers, no education
    ("rochdale-ilacs-2023", "The response to children at risk of female genital mutilation."),
    # never mentioned
    ("rochdale-ilacs-2023", "The timeliness of pre-birth assessments for unborn babies."),
    # pre-proceedings (para 10), assessments everywhere; nothing pre-birth or about babies
    ("oldham-ilacs-2019", "Support for children who are electively home educated."),
    # "home" (missing from home), education; elective home education never mentioned
    ("oldham-ilacs-2019", "The sufficiency of in-house foster carers for sibling groups."),
    # foster carers' training (26), "sufficient" support; no sufficiency of carers, no siblings
    ("rochdale-jtai-2024", "Life-story work for children with a plan for adoption."),
    # "widely adopted across children's homes" (same stem); no adoption or life-story work
    ("rochdale-jtai-2024", "The timeliness of initial health assessments for children in care."),
    # health navigators/visitors, "timely" assessments; nothing on children in care
    ("rochdale-focused-visit-2019", "The response to children who go missing from home or care."),
    # front-door letter: no missing children
    (
        "rochdale-focused-visit-2019",
        "Support for parents with learning disabilities in pre-birth assessments.",
    ),
    # assessments, parents and carers; no disability, nothing pre-birth
]

# The JTAI strength that no finding paragraph backs: the main findings never mention a
# poverty strategy or deprivation (only "poverty" as one factor assessments consider,
# and food vouchers in the cost-of-living crisis). Flagging it is the checker working.
UNSUPPORTED_STRENGTHS = {
    "An effective council-wide poverty strategy that recognises the impact of deprivation on "
    "children's well-being and actively supports vulnerable children and their parents "
    "across services.",
}


@cache
def index(name: str) -> SupportIndex:
    return SupportIndex(sample(name)[2], load_vocabulary())


def calibration_rows():
    """(kind, report, score, best paragraph, matched words, item) for every scored item."""
    cases = [("item", n, it) for n in REPORTS for it in sample(n)[0]]
    cases += [("strength", n, it) for n in REPORTS for it in sample(n)[1]]
    cases += [("off", n, it) for n, it in OFF_TOPIC]
    rows = []
    for kind, name, item in cases:
        s = index(name).support(item, top=1)
        best = s.evidence[0] if s.evidence else None
        rows.append(
            (
                kind,
                name,
                s.score,
                best.paragraph if best else None,
                best.matched if best else (),
                item,
            )
        )
    return rows


def _edges():
    rows = calibration_rows()
    return min(r[2] for r in rows if r[0] == "item"), max(r[2] for r in rows if r[0] == "off")


# --- parsing sanity (so the calibration is about the real text) ---


def test_samples_parse():
    counts = {n: tuple(len(x) for x in sample(n)) for n in REPORTS}
    assert counts == {
        "rochdale-ilacs-2023": (8, 0, 61),
        "oldham-ilacs-2019": (7, 0, 47),
        "rochdale-jtai-2024": (8, 9, 26),
        "rochdale-focused-visit-2019": (3, 0, 23),
    }
    assert sample("rochdale-ilacs-2023")[2][0].endswith("children's social care is required.")
    assert all(p[-1] in ".?!" for n in REPORTS for p in sample(n)[2])


# --- calibration on real text ---


def test_calibration_table(capsys):
    """Prints every score (run with -s); paragraph numbers are 0-based indexes."""
    rows = calibration_rows()
    order = {"item": 0, "strength": 1, "off": 2}
    with capsys.disabled():
        print(f"\n{'kind':8} {'report':27} {'score':>5} {'para':>4}  item  [matched]")
        for kind, name, score, para, matched, item in sorted(
            rows, key=lambda r: (order[r[0]], -r[2])
        ):
            para = "-" if para is None else para
            print(f"{kind:8} {name:27} {score:5.2f} {para:>4}  {item[:80]}  [{', '.join(matched)}]")
        low, high = _edges()
        print(
            f"lowest real item {low:.3f}, highest off-topic {high:.3f}, margin {low - high:.3f}, "
            f"threshold {DEFAULT_THRESHOLD}"
        )


@pytest.mark.parametrize("name", REPORTS)
def test_every_improvement_item_is_supported(name):
    for item in sample(name)[0]:
        assert index(name).support(item).score >= DEFAULT_THRESHOLD, item


def test_strengths_supported_except_the_poverty_strategy():
    name = "rochdale-jtai-2024"
    unsupported = {s for s in sample(name)[1] if index(name).support(s).score < DEFAULT_THRESHOLD}
    assert unsupported == UNSUPPORTED_STRENGTHS


@pytest.mark.parametrize("name,item", OFF_TOPIC)
def test_off_topic_items_are_not_supported(name, item):
    assert index(name).support(item).score < DEFAULT_THRESHOLD


def test_threshold_separates_real_from_off_topic():
    low, high = _edges()
    assert high < DEFAULT_THRESHOLD <= low
    assert low - high >= 0.04, (low, high)  # measured 0.051: narrow, see DEFAULT_THRESHOLD


def test_off_topic_items_match_at_most_two_words():
    """What an off-topic item does match is at most one or two words (the best
    paragraph never covers the item's own topic)."""
    for name, item in OFF_TOPIC:
        evidence = index(name).support(item).evidence
        matched = evidence[0].matched if evidence else ()
        assert len(matched) <= 2, (item, matched)


# --- the synonym list is used ---


def test_care_leavers_finds_care_experienced_young_people():
    name = "rochdale-ilacs-2023"
    paragraph = sample(name)[2][42]
    assert "care leaver" not in paragraph.lower() and "care-experienced young people" in paragraph
    s = index(name).support("The accessibility of the local offer for care leavers.")
    assert s.evidence[0].paragraph == 42 and s.score == 1.0
    assert s.evidence[0].matched == ("accessibility", "local", "offer", "care leavers")


def test_send_finds_disabled_children():
    paragraphs = [
        "Strategy meetings are timely.",
        "The needs of disabled children are not consistently met.",
    ]
    s = SupportIndex(paragraphs, load_vocabulary()).support("Children with SEND.")
    assert s.score == 1.0 and s.evidence[0].paragraph == 1 and s.evidence[0].matched == ("SEND",)
    real = index("rochdale-ilacs-2023").support("Needs of children with SEND.")
    assert real.evidence[0].paragraph == 13 and real.score >= DEFAULT_THRESHOLD


def _without(term: str) -> Vocabulary:
    full = load_vocabulary()
    return Vocabulary([g for g in full.groups if term not in g], full.stopwords)


def test_removing_a_synonym_group_loses_the_support():
    paragraphs = sample("rochdale-ilacs-2023")[2]
    item = "Needs of children with SEND."
    assert SupportIndex(paragraphs, load_vocabulary()).support(item).score >= DEFAULT_THRESHOLD
    assert SupportIndex(paragraphs, _without("SEND")).support(item).score < DEFAULT_THRESHOLD

    item = "The accessibility of the local offer for care leavers."
    with_group = SupportIndex(paragraphs, load_vocabulary()).support(item)
    without = SupportIndex(paragraphs, _without("care leavers")).support(item)
    assert (with_group.evidence[0].paragraph, with_group.score) == (42, 1.0)
    assert without.score < 0.8  # "care" of "care-experienced" is all that is left
    assert "care leavers" not in without.evidence[0].matched


def test_abbreviations_match_capitals_only():
    v = load_vocabulary()
    assert SupportIndex(["Ofsted will send a copy of this letter."], v).support("SEND").score == 0
    assert (
        SupportIndex(["Most PAs visit them frequently."], v).support("personal advisers").score
        == 1.0
    )


def test_terms_are_not_stemmed():
    """Stemming would make "care for children" (a verb) the looked-after concept."""
    v = load_vocabulary()
    s = SupportIndex(["Relatives may be suitable to care for children."], v).support(
        "Cared for children."
    )
    assert s.score == 0.0
    assert (
        SupportIndex(["Cared for children are visited."], v).support("Children in care").score
        == 1.0
    )


# --- tokenising ---


def test_tokenising():
    v = load_vocabulary()
    assert (
        v.concept_set("children\u2019s caseloads")
        == v.concept_set("childrens' caseload")
        == {"caseload"}
    )
    assert v.concept_set("decision-making") == v.concept_set("decision making")
    assert v.concept_set("In 2018, 16 of 61 were seen.") == {"seen"}
    assert v.concepts("care-experienced young people's PAs") == [
        ("=care leavers", "care-experienced young people's"),
        ("=personal advisers", "PAs"),
    ]


# --- vocabulary file ---


def test_vocabulary_file_errors(tmp_path):
    bad = tmp_path / "v.yaml"
    bad.write_text("groups: []\nstopwords: [a, no]\n")  # YAML 1.1: no -> False
    with pytest.raises(ValueError, match="bad: False"):
        Vocabulary.load(bad)
    bad.write_text("groups: [[care leavers, SEND], [care leavers, PAs]]\n")
    with pytest.raises(ValueError, match="two groups"):
        Vocabulary.load(bad)


def test_default_vocabulary_is_the_repository_file():
    v = load_vocabulary()
    assert any("care leavers" in g for g in v.groups) and "children" in v.stopwords


# --- properties ---

_WORDS = sorted({w for n in REPORTS for p in sample(n)[2][:5] for w in p.split()}) + [
    "SEND",
    "send",
    "PAs",
    "care-experienced",
    "children\u2019s",
    "16-",
    "'s",
    "\u2019",
    "-",
    "",
    ".",
    "...",
    "aged",
    "16",
    "and",
    "17",
    "care",
    "leavers",
    "in",
    "not",
    "education,",
    "ÉCOLE",
    "ß",
    "_",
    "1st",
]
_TEXT = st.one_of(
    st.text(max_size=80), st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join)
)


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(_TEXT, max_size=6), item=_TEXT, top=st.integers(-1, 8))
def test_support_never_raises_and_scores_are_shares(paragraphs, item, top):
    s = SupportIndex(paragraphs, load_vocabulary_cached()).support(item, top=top)
    assert 0.0 <= s.score <= 1.0
    assert len(s.evidence) <= max(top, 0)
    assert all(0.0 < e.score <= 1.0 and 0 <= e.paragraph < len(paragraphs) for e in s.evidence)
    assert [e.score for e in s.evidence] == sorted((e.score for e in s.evidence), reverse=True)
    assert not s.evidence or s.evidence[0].score == s.score


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(_TEXT, min_size=1, max_size=6), data=st.data())
def test_an_item_identical_to_a_paragraph_scores_one_there(paragraphs, data):
    v = load_vocabulary_cached()
    i = data.draw(st.integers(0, len(paragraphs) - 1))
    s = SupportIndex(paragraphs, v).support(paragraphs[i], top=len(paragraphs))
    assert set(c for c, _ in v.concepts(paragraphs[i])) == v.concept_set(paragraphs[i])
    if v.concept_set(paragraphs[i]):
        assert s.score == 1.0 and (i, 1.0) in [(e.paragraph, e.score) for e in s.evidence]
    else:
        assert s.score == 0.0 and s.evidence == () and s.words == ()


def test_no_paragraphs():
    s = SupportIndex([], load_vocabulary()).support("The response to disabled children.")
    assert (s.score, s.evidence, s.words) == (0.0, (), ("disabled",))


@cache
def load_vocabulary_cached() -> Vocabulary:
    return load_vocabulary()
