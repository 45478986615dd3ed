"""The document model carries the meaning the parser read: frozen nodes, each
section's judgement (exact or a near miss), each letter section's role, the
inspection periods as dates. Checks and renderers read these fields."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, mutate, sample_text

from checker.api import check_text, load
from checker.cli import main
from checker.parsing.model import Period, Unreadable
from checker.parsing.parser import grammar

ROCHDALE_DATES = "Inspection dates: 23 January to 3 February 2023"


def test_the_model_is_frozen():
    report = load(SAMPLES / "rochdale-ilacs-2023.txt").report
    for node, name in [(report, "title"), (report.sections[0], "judgement"),
                       (report.paragraphs[0], "text"), (report.judgements[0], "grade"),
                       (report.improvements[0], "text"), (report.dates, "start")]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(node, name, None)
    assert all(isinstance(getattr(report, f), tuple) for f in (
        "judgements", "summary", "introduction", "improvements", "strengths", "sections"))
    assert isinstance(report.sections[0].paragraphs, tuple)


def test_letter_sections_carry_their_role():
    jtai = load(SAMPLES / "rochdale-jtai-2024.txt").report
    assert [(s.heading, s.role) for s in jtai.sections] == [
        ("Headline findings", "overview"), ("What needs to improve?", "improvement"),
        ("Strengths", "strengths"), ("Main findings", "findings"), ("Next steps", "next_steps")]
    visit = load(SAMPLES / "rochdale-focused-visit-2019.txt").report
    assert [s.role for s in visit.sections] == ["overview", "improvement", "findings"]
    ilacs = load(SAMPLES / "rochdale-ilacs-2023.txt").report
    assert {s.role for s in ilacs.sections} == {"judgement"}


def test_a_monitoring_visit_heading_is_read_as_its_scope():
    text = mutate(sample_text("rochdale-focused-visit-2019.txt"),
                  [("Overview \n", "Areas covered by the visit \n")])
    report = check_text(text).report
    assert (report.sections[0].heading, report.sections[0].role) == (
        "Areas covered by the visit", "scope")


def test_letter_heading_roles_are_the_grammar_terminals():
    """The heading words are in the grammar only: one terminal per role."""
    roles = {t.name.removeprefix("LETTER_").lower() for t in grammar().terminals
             if t.name.startswith("LETTER_")}
    assert roles == {"overview", "findings", "improvement", "strengths", "next_steps", "scope",
                     "priority", "other"}


def test_a_near_miss_heading_is_read_as_its_judgement_not_exactly():
    report = load(SAMPLES / "oldham-ilacs-2019.txt").report
    near = report.sections[1]
    assert near.heading.startswith("The experience and progress of children in care")
    assert (near.judgement, near.judgement_exact) == ("children_in_care", False)
    assert all(s.judgement_exact for s in report.sections if s is not near)


def test_an_unknown_heading_names_no_judgement():
    text = mutate(sample_text("oldham-ilacs-2019.txt"), [(
        "The experience and progress of children in care and care leavers:",
        "Arrangements for children with special educational needs:")])
    section = check_text(text).report.sections[1]
    assert (section.judgement, section.judgement_exact) == (None, False)


CARE_LEAVERS_ROW = "The experiences and progress of care leavers\tRequires improvement to be good"


def test_a_misnamed_table_row_is_read_as_the_judgement_no_other_row_names():
    # Manchester's and Solihull's 2025 tables print this name (see test_corpus_pdf.py):
    # as near "children in care" by letters (0.89) as "care leavers" (0.91), but that
    # judgement has its own row
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), [(
        CARE_LEAVERS_ROW,
        "The experiences and progress of children care leavers\tRequires improvement to be good")])
    rows = check_text(text).report.judgements
    misnamed = rows[3]
    assert (misnamed.judgement, misnamed.judgement_near, misnamed.judgement_read) == \
        (None, "care_leavers", "care_leavers")
    assert [r.judgement_read for r in rows] == [r.judgement for r in rows[:3]] + [
        "care_leavers", "overall_effectiveness"]


def test_a_row_far_from_every_remaining_judgement_is_read_as_none():
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), [(
        CARE_LEAVERS_ROW, "Arrangements for special educational needs\tGood")])
    row = check_text(text).report.judgements[3]
    assert (row.judgement, row.judgement_near, row.judgement_read) == (None, None, None)


def test_parse_json_adds_keys_and_keeps_the_old_ones():
    out = CliRunner().invoke(main, ["parse", "--format", "json",
                                    str(SAMPLES / "oldham-ilacs-2019.txt")])
    doc = json.loads(out.output)["files"][0]
    near = doc["sections"][1]
    # judgement_id keeps its meaning: the judgement the heading names exactly
    assert (near["judgement_id"], near["judgement_read"], near["judgement_exact"],
            near["role"]) == (None, "children_in_care", False, "judgement")
    assert set(near) == {"heading", "grade", "grade_id", "judgement_id", "line", "paragraphs",
                         "judgement_read", "judgement_exact", "role"}
    assert set(doc["inspection_dates"]) == {"text", "start", "end", "line", "periods"}
    assert set(doc["judgements"][0]) == {"name", "grade", "grade_id", "judgement_id", "line",
                                         "judgement_read"}


def test_inspection_periods_are_dates():
    report = load(SAMPLES / "rochdale-ilacs-2023.txt").report
    assert report.dates.periods == (Period("23 January to 3 February 2023",
                                           date(2023, 1, 23), date(2023, 2, 3), (), ("to",)),)


def test_a_split_inspection_has_a_period_for_each_part():
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), [(
        ROCHDALE_DATES,
        "Inspection dates: 30 September to 11 October 2024 and 13 to 16 January 2025")])
    periods = check_text(text).report.dates.periods
    assert [(p.start, p.end) for p in periods] == [
        (date(2024, 9, 30), date(2024, 10, 11)), (date(2025, 1, 13), date(2025, 1, 16))]


def test_a_period_says_what_in_it_is_no_date():
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), [(
        ROCHDALE_DATES, "Inspection dates: 12 tbc 31 June 2024")])
    (period,) = check_text(text).report.dates.periods
    assert period.unreadable == (Unreadable("31 June 2024", "no such day"),)
    assert period.words == ("tbc",)


def test_letter_visit_dates_have_their_period():
    report = load(SAMPLES / "rochdale-focused-visit-2019.txt").report
    assert [(p.text, p.start, p.end) for p in report.dates.periods] == [
        ("9 and 10 January 2019", date(2019, 1, 9), date(2019, 1, 10))]


def test_a_numbered_line_in_a_letters_opening_is_named_in_words():
    text = mutate(sample_text("rochdale-focused-visit-2019.txt"),
                  [("Dear Mrs Hopper \n", "Dear Mrs Hopper \n3. A numbered line.\n")])
    result = check_text(text)
    assert result.error == ("a numbered paragraph here, where a bulleted item or a letter "
                            "heading or 'Yours sincerely' was expected")
    assert result.error_line == 13
