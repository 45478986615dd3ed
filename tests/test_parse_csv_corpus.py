"""`parse --format csv` on the 64 published ILACS report PDFs: each report's
row equals Ofsted's grades in grades.csv, apart from the differences listed
below, each with the PDF's own words (the corpus README: "the PDF is the
truth if a value ever disagrees"). Skipped without the shared corpus."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED_CORPUS, needs_shared

# grades.csv's column -> the judgement's column; its words for "no such judgement"
from test_corpus_pdf import COLUMNS as GRADE_COLUMNS
from test_corpus_pdf import NO_ROW as NO_JUDGEMENT

from checker.cli import main

PDF_DIR = SHARED_CORPUS / "pdf"
GRADES = SHARED_CORPUS / "grades.csv"

pytestmark = needs_shared("the corpus of 64 published report PDFs and their grades",
                          PDF_DIR, GRADES)

DATE_COLUMNS = {"inspection_start_date": "inspection_start",
                "inspection_end_date": "inspection_end"}

# (file, column) -> (grades.csv's value, the row's value): where the PDF says
# otherwise than grades.csv.
DIFFERENCES = {
    # Page 1's table: "The experiences and progress of children in care and care
    # leavers | Good"; page 5's heading "The experiences and progress of children in
    # care and care leavers is good"; the summary "Children who are in care, or who
    # are care leavers, get a good service". grades.csv: requires improvement.
    ("rochdale-2018-01-80542.pdf", "children_in_care"): ("requires_improvement", "good"),
    # Page 1: "Inspection dates: 30 September to 11 October 2024 and 13 to 16 January
    # 2025"; the summary: "Inspectors carried out the first part of this inspection
    # between 30 September and 11 October 2024. [...] inspectors returned from 13
    # January until 16 January 2025." grades.csv ends the inspection with its first
    # part; the row's inspection_end is the last day printed.
    ("devon-2024-09-80461.pdf", "inspection_end"): ("2024-10-11", "2025-01-16"),
}


def _published(row: dict) -> dict:
    """A grades.csv row in the table's terms."""
    out = {"file": row["file"], "kind": "ilacs", "error": ""}
    for theirs, ours in GRADE_COLUMNS.items():
        value = row[theirs].strip()
        out[ours] = "" if value in NO_JUDGEMENT else value.lower().replace(" ", "_")
    for theirs, ours in DATE_COLUMNS.items():
        out[ours] = datetime.strptime(row[theirs], "%d/%m/%Y").date().isoformat()
    return out


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:
    result = CliRunner().invoke(main, ["parse", "--format", "csv", str(PDF_DIR)])
    assert result.exit_code == 0, result.output[-2000:]
    return {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(result.output))}


@pytest.fixture(scope="module")
def published() -> dict[str, dict]:
    with open(GRADES, newline="", encoding="utf-8") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


def test_one_row_per_report_in_file_order(rows, published):
    assert list(rows) == sorted(published) and len(rows) == 64


def test_every_row_equals_grades_csv_but_for_the_listed_differences(rows, published):
    differences = {}
    for name, theirs in sorted(published.items()):
        ours = rows[name]
        for column, value in _published(theirs).items():
            got = Path(ours[column]).name if column == "file" else ours[column]
            if got != value:
                differences[(name, column)] = (value, got)
    assert differences == DIFFERENCES


def test_the_authority_is_the_one_grades_csv_names(rows, published):
    """grades.csv has a lower-case short name ("bradford"); the row has the
    authority as the report names it ("City of Bradford Metropolitan Borough
    Council")."""
    def fold(name: str) -> str:
        return name.casefold().replace("-", " ")
    wrong = [(name, row["authority"], published[name]["local_authority"])
             for name, row in rows.items()
             if fold(published[name]["local_authority"]) not in fold(row["authority"])]
    assert wrong == []
