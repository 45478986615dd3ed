"""The record of Ofsted's published judgements (checker/datafiles/record.py):
built from the scraper's CSV with its errors cleaned, refreshed by
`report-checker update-record`, and read by FCT003 before the shipped copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from checker.api import check_file
from checker.cli import main as cli
from checker.datafiles import record

CSV = ROOT / "tests" / "fixtures" / "record" / "judgements.csv"


def _fct003(path: Path):
    from checker.engine.rules import load_rules
    rules = tuple(r for r in load_rules() if r.id == "FCT003")
    return [d for d in check_file(path, rules=rules).diagnostics]


def test_the_build_cleans_the_scrape():
    built = record.build_record(CSV)
    assert built["source"].startswith("Ofsted's published judgements")
    rows = {(r["authority"], r["start"].year if r["start"] else None): r
            for r in built["inspections"]}
    # "to requires improvement" in a cell is a grade; "data_unreadable" is none
    assert rows[("rochdale", 2018)]["grades"]["overall_effectiveness"] == "requires_improvement"
    assert rows[("rochdale", None)]["grades"] == {}
    # the scrape's known errors, replaced by what the published PDFs print
    assert rows[("nottingham", 2018)]["grades"]["overall_effectiveness"] == "requires_improvement"
    assert rows[("nottingham", 2018)]["corrected"] is True
    assert rows[("oxfordshire", 2018)]["grades"]["help_and_protection"] == "requires_improvement"


@pytest.mark.parametrize("cell, grade", [
    ("requires improvement", "requires_improvement"), ("to requires improvement",
                                                       "requires_improvement"),
    ("Good", "good"), ("inspection_pre_dates_judgement", None), ("data_unreadable", None),
    ("", None), ("outstanding", "outstanding")])
def test_grade_cells(cell, grade):
    assert record.grade_id(cell) == grade


def test_authority_names_meet():
    assert record.authority_key("Rochdale Borough Council") == "rochdale"
    assert record.authority_key("London Borough of Barking and Dagenham") == \
        record.authority_key("barking and dagenham")
    assert record.authority_key("Southend-on-Sea") == "southend on sea"


def test_a_csv_of_another_shape_is_refused(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,grade\nRochdale,good\n")
    out = CliRunner().invoke(cli, ["update-record", str(other)])
    assert out.exit_code == 2 and "no column local_authority" in out.output


def test_update_record_is_read_before_the_shipped_copy(tmp_path, monkeypatch):
    """A record that says Rochdale was inadequate in 2018 makes the sample's
    true statement disagree with it: proof that FCT003 reads the new record."""
    monkeypatch.setenv("REPORT_CHECKER_DATA_DIR", str(tmp_path))
    changed = tmp_path / "changed.csv"
    changed.write_text(CSV.read_text().replace(
        "29/01/2018,09/02/2018,requires improvement", "29/01/2018,09/02/2018,inadequate"))
    sample = SAMPLES / "rochdale-ilacs-2023.txt"
    assert _fct003(sample) == []  # the shipped record agrees with the report
    out = CliRunner().invoke(cli, ["update-record", str(changed)])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "inspection-record.yaml").is_file()
    found = _fct003(sample)
    assert len(found) == 1 and found[0].data["problem"] == "grade"
    assert "has it inadequate overall" in found[0].message


def test_the_shipped_record_says_where_it_came_from():
    shipped = record._load(ROOT / "rules" / "data" / "inspection-record.yaml")
    assert shipped["from"] == "ofsted-ilacs-history.csv" and shipped["built"]
    assert len(shipped["inspections"]) == 497
