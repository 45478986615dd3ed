"""One slip in a draft costs one finding, at its own line, and every other
check still runs (issue 12's three draft slips).

Each test seeds the slip and two other faults (another authority's name and
a US spelling) into a sample, and compares the findings with the untouched
sample's: exactly one new finding for the slip, at the slip's line, and the
two seeded faults found where they are.
"""

from __future__ import annotations

import re

import pytest
from conftest import mutate, sample_text

from checker.api import check_text
from checker.parsing.parser import grammar, heading_patterns
from checker.parsing.recovery import HEADING_TERMINALS, classify, layout_words

ILACS, LETTER = "rochdale-ilacs-2023.txt", "rochdale-focused-visit-2019.txt"
# Two faults seeded beside every slip: a leftover authority (AUT001) and a US
# spelling (STY001), in the body of each document.
OTHER_FAULTS = {
    ILACS: [("1. Children in Rochdale benefit", "1. Children in Bury benefit"),
            ("A social work academy is also in place", "A social work academy is also centered")],
    LETTER: [("Partnership working is a strength in Rochdale,",
              "Partnership working is a strength in Stockport,"),
             ("Social workers take the time to get to know children",
              "Social workers take the time to get to know children in a child-centered way")],
}
SEEDED = {("AUT001", "Bury"), ("STY001", "centered"), ("AUT001", "Stockport")}


def _line_of(text: str, words: str) -> int:
    return text[:text.index(words)].count("\n") + 1


def _findings(text: str) -> set[tuple[str, int, str]]:
    result = check_text(text)
    assert result.error is None, result.error
    return {(d.rule, d.line, d.message) for d in result.diagnostics if d.severity != "info"}


def _new_findings(name: str, slip: tuple[str, str]) -> tuple[str, list]:
    """The document with the slip and the other faults, and the findings the
    untouched sample does not have."""
    text = mutate(sample_text(name), [slip, *OTHER_FAULTS[name]])
    before = {(rule, message) for rule, _, message in _findings(sample_text(name))}
    return text, sorted(f for f in _findings(text) if (f[0], f[2]) not in before)


def _assert_one_slip_and_the_seeded_faults(text: str, new: list, rule: str, words: str,
                                           fragment: str):
    slip = [f for f in new if f[0] == rule]
    assert [(f[0], f[1]) for f in slip] == [(rule, _line_of(text, words))], new
    assert fragment in slip[0][2]
    others = [f for f in new if f not in slip]
    seeded = {(r, word) for r, _, message in others for word in ("Bury", "Stockport", "centered")
              if word in message}
    assert len(others) == 2 and seeded <= SEEDED, others
    for r, line, message in others:  # each found where it was seeded
        word = next(w for w in ("Bury", "Stockport", "centered") if w in message)
        assert line == _line_of(text, word), (r, line, message)


@pytest.mark.parametrize("name, slip, rule, words, fragment, items", [
    # a misspelt heading: the items under it are still the report's items
    (ILACS, ("\nWhat needs to improve?\n", "\nWhat need to improve?\n"), "HDG001",
     "What need to improve?", "did you mean 'What needs to improve?'", 8),
    # a renamed heading: no finding becomes an item
    (LETTER, ("\nFindings \n", "\nWhat we found\n"), "LET001", "What we found",
     "if this part is it, write 'Findings'", 3),
    # a paragraph after Ofsted's closing statement: reported, the rest checked
    (ILACS, ("\n© Crown copyright 2023", "\n© Crown copyright 2023\n\nSocial workers in "
             "Oldham have manageable caseloads and a good range of training."), "HDG003",
     "Social workers in Oldham", "comes after Ofsted's closing statement", 8),
], ids=["misspelt improvements heading", "renamed findings heading", "text after the closing"])
def test_a_draft_slip_is_one_finding_at_its_line_and_the_rest_is_checked(
        name, slip, rule, words, fragment, items):
    text, new = _new_findings(name, slip)
    _assert_one_slip_and_the_seeded_faults(text, new, rule, words, fragment)
    assert len(check_text(text).report.improvements) == items


@pytest.mark.parametrize("layout", sorted(layout_words()["headings"]))
def test_every_known_heading_is_a_heading_of_the_grammar(layout):
    """grammar/layout.yaml and the grammar's heading terminals cannot drift."""
    patterns = heading_patterns(layout)
    for heading in layout_words()["headings"][layout]:
        assert any(p.match(heading + "\n") for p in patterns.values()), heading
    assert set(patterns) == set(HEADING_TERMINALS[layout]) <= {t.name for t in grammar().terminals}


def test_a_wrapped_line_left_alone_by_a_page_break_is_not_a_heading():
    text = mutate(sample_text(LETTER), [
        ("\nFindings \n", "\nFindings \n\nSocial workers in the front door teams\n\n"
                          "have manageable caseloads.\n")])
    lines = text.split("\n")[:-1]
    assert classify(lines, "letter", heading_patterns("letter")).repairs == ()


def test_an_unbulleted_one_line_item_is_not_read_as_a_heading():
    text = mutate(sample_text(LETTER), [
        ("consistency of practice for all social workers. \n",
         "consistency of practice for all social workers. \n\n The timeliness of life-story "
         "work for children.\n")])
    assert classify(text.split("\n")[:-1], "letter", heading_patterns("letter")).repairs == ()


def test_sub_bulleted_items_keep_their_sub_items_and_every_later_item():
    """Items ending ':' with '–', '−' or hyphen sub-bullets: each sub-item
    stays inside its item, and no later item is lost."""
    text = mutate(sample_text(ILACS), [(
        "- The response to disabled children.\n",
        "- The response to disabled children, including:\n\n– the timeliness of assessments\n\n"
        "−  the quality of short breaks\n- The quality of practice for:\n- children in need\n"
        "- children on child protection plans.\n")])
    items = [i.text for i in check_text(text).report.improvements]
    assert len(items) == 9
    assert items[3] == ("The response to disabled children, including: – the timeliness of "
                        "assessments −  the quality of short breaks")
    assert items[4] == ("The quality of practice for: - children in need - children on child "
                        "protection plans.")
    assert items[-1] == "The accessibility of the local offer for care-experienced young people."


def test_a_lead_in_before_the_bullets_is_not_an_item():
    text = mutate(sample_text(ILACS), [(
        "What needs to improve?\n\n",
        "What needs to improve?\n\nThe local authority needs to improve the following:\n\n")])
    items = check_text(text).report.improvements
    assert len(items) == 8 and not any(re.search(r"following:$", i.text) for i in items)


def test_a_heading_glued_onto_the_summarys_last_line_is_read_as_the_heading():
    """A text copy of a PDF whose "What needs to improve?" headed page 2 can
    glue it onto page 1's last line: the report is read, the summary keeps
    its last sentence, the items stay items, and nothing is reported."""
    text = mutate(sample_text(ILACS), [("transition to adulthood.\n\nWhat needs to improve?\n",
                                        "transition to adulthood. What needs to improve?\n")])
    result = check_text(text)
    assert result.error is None
    report = result.report
    assert report.summary[-1].text.endswith("for their transition to adulthood.")
    assert len(report.improvements) == 8
    line = _line_of(text, "What needs to improve?")
    assert (report.improvements_heading.line, report.improvements_heading.column) == (
        line, text.split("\n")[line - 1].index("What") + 1)
    assert _findings(text) == _findings(sample_text(ILACS))


def test_a_misplaced_improvements_list_is_reported_where_it_stands_and_read_as_the_list():
    sample = sample_text(ILACS)
    start = sample.index("What needs to improve?\n")
    end = sample.index("The experiences and progress of children who need help and protection:")
    block = sample[start:end]
    second = sample.index("The experiences and progress of children in care:")
    text = sample[:start] + sample[end:second] + block + sample[second:]
    result = check_text(text)
    new = sorted(_findings(text) - _findings(sample))
    assert [(rule, line) for rule, line, _ in new] == [
        ("HDG002", _line_of(text, "What needs to improve?"))]
    assert "stand after the paragraphs of 'The experiences and progress of children who need " \
           "help and protection'" in new[0][2]
    assert len(result.report.improvements) == 8
    # the items are not read as more of the last paragraph before them
    assert not any("The pace of change" in p.text for p in result.report.paragraphs)
