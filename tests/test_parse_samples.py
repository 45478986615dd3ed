"""Acceptance on the real samples: what `parse` reads must be exactly right."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from checker.api import load
from checker.cli import main

RI = "Requires improvement to be good"


@pytest.mark.parametrize("name, kind, framework", [
    ("rochdale-ilacs-2023.txt", "ilacs", "ilacs-2023"),
    ("oldham-ilacs-2019.txt", "ilacs", "ilacs-2018"),
    ("rochdale-jtai-2024.txt", "jtai", "jtai"),
    ("rochdale-focused-visit-2019.txt", "focused_visit", "ilacs-2018"),
])
def test_kind_and_framework(name, kind, framework):
    result = load(SAMPLES / name)
    assert result.error is None
    assert (result.kind, result.framework) == (kind, framework)


def _parse_json(name):
    out = CliRunner().invoke(main, ["parse", "--format", "json", str(SAMPLES / name)])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["version"] == 1
    return doc["files"][0]


def test_rochdale_model_exact():
    f = _parse_json("rochdale-ilacs-2023.txt")
    assert f["authority"] == "Rochdale"
    assert f["inspection_dates"]["start"] == "2023-01-23"
    assert f["inspection_dates"]["end"] == "2023-02-03"
    assert f["lead_inspector"] == "Lisa Walsh, His Majesty's Inspector"
    assert [(j["name"], j["grade"], j["line"]) for j in f["judgements"]] == [
        ("The impact of leaders on social work practice with children and families", RI, 10),
        ("The experiences and progress of children who need help and protection", RI, 11),
        ("The experiences and progress of children in care", RI, 12),
        ("The experiences and progress of care leavers", RI, 13),
        ("Overall effectiveness", RI, 14),
    ]
    items = f["improvements"]
    assert [i["line"] for i in items] == list(range(26, 34))
    assert items[0]["text"] == ("The pace of change by senior leaders and partners to ensure "
                                "that strategic plans improve children's experiences.")
    assert items[3]["text"] == "The response to disabled children."
    assert [(s["heading"], s["grade"], s["line"]) for s in f["sections"]] == [
        ("The experiences and progress of children who need help and protection",
         "requires improvement to be good", 35),
        ("The experiences and progress of children in care", "requires improvement to be good",
         62),
        ("The experiences and progress of care leavers", "requires improvement to be good", 87),
        ("The impact of leaders on social work practice with children and families",
         "requires improvement to be good", 110),
    ]
    numbers = [p["number"] for s in f["sections"] for p in s["paragraphs"]]
    assert numbers == list(range(1, 62))
    by_number = {p["number"]: p for s in f["sections"] for p in s["paragraphs"]}
    # Page-break blank lines inside a paragraph: paragraph 1 runs on to line 39.
    assert (by_number[1]["line"], by_number[1]["end_line"]) == (37, 39)
    assert (by_number[58]["line"], by_number[58]["end_line"]) == (123, 125)


def test_oldham_model_exact():
    f = _parse_json("oldham-ilacs-2019.txt")
    assert f["authority"] == "Oldham Metropolitan Borough Council"
    assert f["inspection_dates"]["start"] == "2019-01-21"
    assert [(j["name"], j["grade"]) for j in f["judgements"]] == [
        ("The impact of leaders on social work practice with children and families", RI),
        ("The experiences and progress of children who need help and protection", RI),
        ("The experiences and progress of children in care and care leavers", RI),
        ("Overall effectiveness", RI),
    ]
    assert len(f["improvements"]) == 7
    assert f["improvements"][6]["text"].startswith("Management oversight and practice leadership")
    numbers = [p["number"] for s in f["sections"] for p in s["paragraphs"]]
    assert numbers == list(range(1, 48))
    assert [len(s["paragraphs"]) for s in f["sections"]] == [15, 18, 14]
    # the published heading says "experience" (singular): read, not rejected
    assert f["sections"][1]["heading"].startswith("The experience and progress")
    assert f["sections"][1]["judgement_id"] is None


def test_jtai_model():
    f = _parse_json("rochdale-jtai-2024.txt")
    assert f["authority"] == "Rochdale"
    assert f["letter_date"] == "2024-07-12"
    assert f["inspection_dates"]["start"] == "2024-04-22"
    assert [s["heading"] for s in f["sections"]] == [
        "Headline findings", "What needs to improve?", "Strengths", "Main findings",
        "Next steps"]
    assert len(f["improvements"]) == 8 and len(f["strengths"]) == 9
    main_findings = f["sections"][3]["paragraphs"]
    # the page break inside the PND/PNC paragraph is mended: one paragraph
    spans = [(p["line"], p["end_line"]) for p in main_findings]
    assert (80, 82) in spans and (96, 98) in spans and len(spans) == 23


def test_focused_visit_model():
    f = _parse_json("rochdale-focused-visit-2019.txt")
    assert f["letter_date"] == "2019-02-01"
    assert f["inspection_dates"]["start"] == "2019-01-09"
    assert [s["heading"] for s in f["sections"]] == [
        "Overview", "What needs to improve in this area of social work practice", "Findings"]
    # three items whose bullet glyphs were lost, each hard-wrapped over two lines
    assert [(i["line"], i["end_line"]) for i in f["improvements"]] == [(58, 59), (61, 62),
                                                                       (64, 65)]
    assert f["improvements"][0]["text"].startswith("Social workers having manageable caseloads")


def test_parse_text_outline_names_sections():
    out = CliRunner().invoke(main, ["parse", str(SAMPLES / "rochdale-ilacs-2023.txt")])
    assert out.exit_code == 0
    assert "numbered 48-61" in out.output


def test_words_inside_joined_paragraphs_map_to_their_original_place():
    """A word in a paragraph split by a page break (or hard-wrapped) still
    points at its own line and column in the original file."""
    report = load(SAMPLES / "rochdale-ilacs-2023.txt").report
    first = report.paragraphs[0]  # "1. Children in Rochdale ..." runs on to line 39
    original = (SAMPLES / "rochdale-ilacs-2023.txt").read_text().split("\n")
    for word in ("Children", "lead professional", "needs escalate", "required."):
        offset = first.text.index(word)
        line, column = first.position(offset)
        assert original[line - 1][column - 1:column - 1 + len(word)] == word, word
    letter = load(SAMPLES / "rochdale-focused-visit-2019.txt").report
    item = letter.improvements[1]  # wrapped over lines 61-62
    offset = item.text.index("diversity")
    assert item.position(offset) == (62, 1)
    assert letter.improvements[0].position(0) == (58, 2)  # the leading space of the line


def test_letter_openings_are_text_the_rules_read():
    report = load(SAMPLES / "rochdale-focused-visit-2019.txt").report
    intro = report.introduction
    assert [b.span.line for b in intro] == [16, 20, 25]
    assert intro[1].text.startswith("Inspectors reviewed the local authority's arrangements")
    assert ("introduction", intro[0]) in report.blocks()


def test_a_letter_whose_salutation_follows_other_words_is_still_a_letter():
    """Stockton-on-Tees' published focused-visit letter (18 October 2024)
    reads "Insert LA Address Dear Ms McCarthy": a template placeholder left
    on the salutation's line. The letter is still read and checked."""
    from conftest import mutate, sample_text

    from checker.api import check_text
    text = mutate(sample_text("rochdale-focused-visit-2019.txt"),
                  [("\nDear Mrs Hopper", "\nInsert LA Address Dear Mrs Hopper")])
    result = check_text(text)
    assert result.error is None and result.report.kind == "focused_visit"
    assert len(result.report.improvements) == 3
