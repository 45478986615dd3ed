"""The grammar itself: conflict-free, strict, and readable when it fails."""

from __future__ import annotations

import pytest
from conftest import CORPUS_TEXT, SHARED_CORPUS, mutate, sample_text
from lark import Lark

from checker.api import check_text, load
from checker.datafiles.resources import data_dir


def test_grammar_has_no_colliding_terminals_or_conflicts():
    # strict=True (needs interegular) refuses shift/reduce conflicts and
    # terminals of equal priority that can match the same line.
    Lark((data_dir("grammar") / "report.lark").read_text(), parser="lalr",
         start=["ilacs", "letter", "sif"], strict=True)


@pytest.mark.parametrize("mutation, line, words", [
    (("What needs to improve?\n", "5. A stray paragraph.\n\nWhat needs to improve?\n"), 24,
     "a numbered paragraph before any judgement section"),
    (("Judgement\tGrade\n", ""), 9, "the judgement table"),
    (("Judgement\tGrade\n", "Judgement\tGrade\n\n12. A stray paragraph.\n"), 11,
     "a numbered paragraph before any judgement section"),
])
def test_parse_errors_say_what_was_expected_in_words(mutation, line, words):
    result = check_text(mutate(sample_text("rochdale-ilacs-2023.txt"), [mutation]))
    assert result.error_line == line
    assert words in result.error
    assert "TEXT" not in result.error and "NUMBERED" not in result.error


def test_document_that_stops_early():
    text = sample_text("rochdale-ilacs-2023.txt").split("The experiences and progress of children "
                                                        "who need help and protection: requires")[0]
    result = check_text(text)
    assert result.error == ("the document ends before any judgement section "
                            "('judgement name: grade')")


def test_a_single_inspection_framework_report_that_does_not_fit_names_its_line():
    result = check_text("Rochdale\n\nInspection of services for children in need of help and "
                        "protection, children looked after and care leavers\n\n"
                        "Children's services in Rochdale are good\n")
    assert result.report is None and result.error_line == 5
    assert result.error == ("the overall judgement ('Children's services in ... are good' or "
                            "'The overall judgement is ...') here, where the 'Inspection "
                            "dates:' line was expected")


def test_hard_wrapped_report_parses_like_the_original():
    """Hard wrapping of paragraphs and items (as a copy out of Word or a PDF
    gives) changes no paragraph. Table rows and headings stay whole here."""
    import textwrap
    original = sample_text("rochdale-ilacs-2023.txt")
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 90, break_on_hyphens=False))
        if len(line) > 90 and "\t" not in line and line.rstrip().endswith(".") else line
        for line in original.split("\n"))
    assert wrapped.count("\n") > original.count("\n") + 300
    a, b = check_text(original).report, check_text(wrapped).report
    assert [p.number for p in a.paragraphs] == [p.number for p in b.paragraphs]
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    assert [i.text for i in a.improvements] == [i.text for i in b.improvements]


def test_sentence_headings_of_2018_2019_reports():
    text = mutate(sample_text("oldham-ilacs-2019.txt"), [
        ("help and protection: requires improvement to be good",
         "help and protection require improvement to be good"),
        ("The impact of leaders on social work practice with children and families: requires",
         "The impact of leaders on social work practice with children and families requires")])
    report = check_text(text).report
    # the second heading ("The experience and progress of ...") misses its
    # judgement's name by a slip: read as that judgement, not exactly
    assert [(s.judgement, s.judgement_exact, s.grade) for s in report.sections] == [
        ("help_and_protection", True, "requires_improvement"),
        ("children_in_care", False, "requires_improvement"),
        ("leadership", True, "requires_improvement")]


# The seven corpus reports reflowed to text, with Ofsted's published grades
# (tests/fixtures/corpus-text/README.md; grades from the corpus grades.csv).
CORPUS = {
    "lancashire-ilacs-2026.txt": ("ilacs-2026", ["outstanding", "good", "good", "outstanding"],
                                  66, 3),
    "darlington-ilacs-2026-02-short.txt": ("ilacs-2023", ["outstanding", "good", "outstanding",
                                                          "outstanding", "outstanding"], 60, 1),
    "nottinghamshire-ilacs-2019.txt": ("ilacs-2018", ["good", "requires_improvement", "good",
                                                      "good"], 49, 4),
    "newham-ilacs-2019.txt": ("ilacs-2018", ["inadequate", "requires_improvement",
                                             "inadequate", "inadequate"], 44, 11),
    "bradford-ilacs-2022.txt": ("ilacs-2018", ["inadequate"] * 4, 45, 14),
    "shropshire-ilacs-2025.txt": ("ilacs-2023", ["outstanding", "outstanding", "outstanding",
                                                 "good", "outstanding"], 77, 2),
    "manchester-ilacs-2025.txt": ("ilacs-2023", ["outstanding", "good", "outstanding",
                                                 "outstanding", "outstanding"], 62, 1),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_reports_parse_with_published_grades(name):
    framework, grades, last, items = CORPUS[name]
    result = load(CORPUS_TEXT / name)
    assert result.error is None, result.error
    report = result.report
    assert report.framework == framework
    assert [r.grade for r in report.judgements] == grades
    assert [p.number for p in report.paragraphs] == list(range(1, last + 1))
    assert len(report.improvements) == items


SOURCE_PDF = {
    "lancashire-ilacs-2026.txt": "lancashire-2026-05-80480.pdf",
    "darlington-ilacs-2026-02-short.txt": "darlington-2026-02-80458.pdf",
    "nottinghamshire-ilacs-2019.txt": "nottinghamshire-2019-10-80534.pdf",
    "newham-ilacs-2019.txt": "newham-2019-02-80511.pdf",
    "bradford-ilacs-2022.txt": "bradford-2022-11-80449.pdf",
    "shropshire-ilacs-2025.txt": "shropshire-2025-06-80552.pdf",
    "manchester-ilacs-2025.txt": "manchester-2025-09-80521.pdf",
}
_CSV_COLUMNS = {"leadership": "impact_of_leaders_grade",
                "help_and_protection": "help_and_protection_grade",
                "children_in_care": "in_care_grade", "care_leavers": "care_leavers_grade",
                "overall_effectiveness": "overall_effectiveness_grade"}


@pytest.mark.skipif(not (SHARED_CORPUS / "grades.csv").exists(),
                    reason="../shared/corpus (Ofsted's published grades) is not beside this "
                           "checkout; CI has it")
@pytest.mark.parametrize("name", sorted(SOURCE_PDF))
def test_corpus_text_grades_equal_ofsteds_published_grades(name):
    """Ground truth: what the checker reads equals Ofsted's published grades."""
    import csv
    with open(SHARED_CORPUS / "grades.csv", newline="", encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["file"] == SOURCE_PDF[name])
    from checker.checks.table import closest
    from checker.parsing.parser import framework_of
    report = load(CORPUS_TEXT / name).report
    assert report.dates.start.strftime("%d/%m/%Y") == row["inspection_start_date"]
    names = {j.name: j.id for j in framework_of(report).judgements}
    graded = set()
    for judgement_row in report.judgements:
        # a misnamed row (Manchester 2025 prints "... of children care
        # leavers") is compared as the judgement it is closest to
        judgement = judgement_row.judgement or names[closest(judgement_row.name, list(names))]
        graded.add(judgement)
        published = row[_CSV_COLUMNS[judgement]]
        assert judgement_row.grade.replace("_", " ") == published, judgement_row
    for judgement, column in _CSV_COLUMNS.items():
        if row[column] in ("inspection_pre_dates_judgement", "not_reported_post_reform"):
            assert judgement not in graded


def test_wrapped_title_is_still_a_report():
    text = mutate(sample_text("lancashire-ilacs-2026.txt"), [(
        "Inspection of Lancashire local authority children\u2019s services\n",
        "Inspection of Lancashire local authority\nchildren\u2019s services\n")])
    result = check_text(text)
    assert result.error is None and result.kind == "ilacs"
    assert result.report.title == "Inspection of Lancashire local authority children's services"
    assert result.report.authority == "Lancashire"


@pytest.mark.parametrize("heading, judgement, grade", [
    # Dudley 2018: "is" before the colon
    ("The experiences and progress of children in care and care leavers is: Good",
     "children_in_care", "good"),
    # Havering 2018: a sentence with a full stop
    ("The experiences and progress of children in care and care leavers is good.",
     "children_in_care", "good"),
    # Havering 2018: the verb left out
    ("The experiences and progress of children in care and care leavers good",
     "children_in_care", "good"),
    # East Riding 2019: plural verb before the colon
    ("The experiences and progress of children in care and care leavers are: inadequate",
     "children_in_care", "inadequate"),
])
def test_heading_variants_of_published_reports(heading, judgement, grade):
    text = mutate(sample_text("oldham-ilacs-2019.txt"), [(
        "The experience and progress of children in care and care leavers: requires improvement"
        " to be good", heading)])
    section = check_text(text).report.sections[1]
    assert (section.judgement, section.grade) == (judgement, grade)


@pytest.mark.parametrize("heading", [
    # a full stop after the grade, and a dash for the colon: both on published reports
    "The experiences and progress of children who need help and protection: "
    "requires improvement to be good.",
    "The experiences and progress of children who need help and protection \u2013 "
    "requires improvement to be good",
])
def test_section_heading_slips_read_as_the_heading(heading):
    text = sample_text("rochdale-ilacs-2023.txt").replace(
        "The experiences and progress of children who need help and protection: "
        "requires improvement to be good\n", heading + "\n", 1)
    result = check_text(text)
    assert result.error is None
    section = result.report.sections[0]
    assert section.heading == ("The experiences and progress of children who need help "
                               "and protection")
    assert section.grade_text == "requires improvement to be good"
    assert not [d for d in result.diagnostics if d.rule.startswith("SEC")]


def test_a_dash_in_a_wrapped_paragraph_line_is_not_a_heading():
    text = sample_text("rochdale-ilacs-2023.txt").replace(
        "\n25. For some children,", "\n25. Leaders have worked hard \u2013 and this shows\n"
        "For some children,", 1)
    result = check_text(text)
    assert result.error is None and len(result.report.sections) == 4
