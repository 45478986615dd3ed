"""Kind detection (checker/parsing/detect.py) decides by the strongest evidence:
a letter's title, an archive title, an ILACS title with dates or a judgement
table, and only then the old framework's summary sentence. Each case here is
a wording seen on real published reports (issue 12)."""
from __future__ import annotations

import pytest
from conftest import sample_text

from checker.api import check_text
from checker.parsing.detect import Detection, detect_kind

ROCHDALE = sample_text("rochdale-ilacs-2023.txt")


def lines(text):
    return text.split("\n")


def test_an_ilacs_summary_that_opens_like_the_old_framework_is_still_ilacs():
    """2019-2022 ILACS reports open their summary "Children's services in X are
    good": the title and the judgement table say what the document is."""
    text = ROCHDALE.replace("Since the last inspection in 2018,",
                            "Children's services in Rochdale require improvement to be good.\n\n"
                            "Since the last inspection in 2018,", 1)
    assert detect_kind(lines(text)).kind == "ilacs"
    assert check_text(text).error is None


@pytest.mark.parametrize("title", [
    "Inspection of Bradford Children and Families Trust",
    "Inspection of Rochdale local authority children's social care services",
    "Inspection of Slough Children First",
])
def test_published_title_variants_are_ilacs(title):
    text = ROCHDALE.replace("Inspection of Rochdale local authority children's services", title, 1)
    assert detect_kind(lines(text)).kind == "ilacs"


@pytest.mark.parametrize("head", [
    "Cheshire East Unitary Authority Inspection of services for children in need of help "
    "and protection, children looked after and care leavers",
    "Re-inspection of services for children in need of help and protection, children "
    "looked after and care leavers",
    # letters `re` takes for i and s when it ignores case, and str.lower() does not
    "RE-\u0130NSPECTION OF SERVICES FOR CHILDREN IN NEED OF HELP",
    "Inspect\u0131on of \u017fervices for children in need of help",
])
def test_single_inspection_framework_reports_and_reinspections_are_checked(head):
    # the council's name may stand before the title on its line
    assert detect_kind(lines(f"Surrey\n\n{head}\n\nInspection date: 15 June 2015\n")) \
        == Detection("sif")


@pytest.mark.parametrize("head, name", [
    ("Review of the effectiveness of the Local Safeguarding Children Board",
     "a review of a Local Safeguarding Children Board"),
    ("Inspection of looked after children services", "an inspection of looked after children"),
])
def test_archive_documents_are_named_for_what_they_are(head, name):
    result = check_text(f"Surrey\n\n{head}\n\nInspection date: 15 June 2015\n\n"
                        "Children's services in Surrey are good\n")
    assert result.error.startswith(name)
    assert "not an inspection report" not in result.error


def test_a_web_page_saved_as_a_pdf_is_named(tmp_path):
    from checker.api import check_file
    page = tmp_path / "report.pdf"
    page.write_bytes(b"<!DOCTYPE html>\n<html><body>Not found</body></html>\n")
    assert "a web page (HTML)" in check_file(page).error
