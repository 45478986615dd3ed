"""Acceptance on the other shared corpora: 93 published focused-visit letters
(2018-2026) and 45 archive documents from before ILACS.

  * every letter is read as a focused-visit letter;
  * every error raised on a letter is a real defect listed, with its evidence,
    in tests/corpus_expected.yaml, and errors average at most 0.05 per letter;
  * every finding carries the page and line where it is in the PDF;
  * every single inspection framework (SIF) report and re-inspection of the
    archive is checked, and its authority, dates and grades are the ones
    read by hand from the PDFs (tests/data/archive-judgements.csv); every
    error on one is a real defect listed in tests/corpus_expected.yaml, at
    most 0.1 per report;
  * the other archive documents are refused, named for what they are (a Local
    Safeguarding Children Board review, a web page saved under a PDF's name).
The corpora are not in the repository: without ../shared the module is skipped.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS_EXPECTED, SHARED, needs_shared, unexpected_errors

LETTERS = SHARED / "focused-visits" / "pdf"
ARCHIVE = SHARED / "archive" / "pdf"

pytestmark = needs_shared("the shared letters and archive documents", LETTERS, ARCHIVE)

# What the refusal of each kind of archive document says, in its first words.
ARCHIVE_NAMES = {
    "lscb_review": "a review of a Local Safeguarding Children Board (before 2018)",
    "html": "a web page (HTML) saved under a PDF's name",
}
# Read by hand from the PDFs, one row per archive file (tests/data/README.md).
JUDGEMENTS = Path(__file__).parent / "data" / "archive-judgements.csv"
# The table's columns, by the SIF framework's judgement ids.
GRADE_COLUMNS = {"overall_effectiveness": "overall", "help_and_protection": "help_and_protection",
                 "children_looked_after": "children_looked_after", "adoption": "adoption",
                 "care_leavers": "care_leavers", "leadership": "leadership", "lscb": "lscb"}


def _check(folder):
    from checker.engine.batch import check_files
    from checker.engine.rules import load_rules

    rules = load_rules()
    paths = sorted(str(p) for p in folder.glob("*.pdf"))
    return {p.rsplit("/", 1)[-1]: r for p, r in
            zip(paths, check_files([(p, None, rules) for p in paths]))}


@pytest.fixture(scope="module")
def letters():
    return _check(LETTERS)


@pytest.fixture(scope="module")
def archive():
    return _check(ARCHIVE)


def test_every_letter_is_read_as_a_focused_visit_letter(letters):
    assert len(letters) == 93
    wrong = [f"{name}: {r.kind or r.error}" for name, r in letters.items()
             if r.error or r.kind != "focused_visit"]
    assert not wrong, "\n".join(wrong)


def test_every_error_on_a_letter_is_a_real_defect_listed_with_its_evidence(letters):
    _assert_errors_listed(letters, "focused-visits", per_document=0.05)


def test_every_finding_on_a_letter_has_its_page_and_line(letters):
    missing = [f"{name}:{d.line} {d.rule}" for name, r in letters.items()
               for d in r.diagnostics
               if not re.fullmatch(r"page \d+, line \d+", r.place(d.line) or "")]
    assert not missing, "\n".join(missing)


def _refused() -> dict[str, str]:
    """Archive file -> the kind of document it is refused as."""
    kinds = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))["archive"]
    return {name: kind for kind, names in kinds.items() for name in names}


def test_every_sif_report_is_checked_and_the_rest_named_for_what_they_are(archive):
    refused = _refused()
    assert len(archive) == 45 and len(refused) == 2
    wrong = []
    for name, result in archive.items():
        if name in refused:
            want = ARCHIVE_NAMES[refused[name]]
            if result.report is not None or not (result.error or "").startswith(want):
                wrong.append(f"{name}: {result.error or result.kind!r}, not {want!r}")
        elif result.error or result.kind != "sif" or result.framework != "sif":
            wrong.append(f"{name}: {result.error or result.kind}, not checked as a SIF report")
    assert not wrong, "\n".join(wrong)


def test_every_error_on_a_sif_report_is_a_real_defect_listed_with_its_evidence(archive):
    checked = {name: r for name, r in archive.items() if r.report is not None}
    _assert_errors_listed(checked, "archive", per_document=0.1)


def test_every_sif_report_reads_as_the_judgements_read_by_hand(archive):
    """Authority, inspection dates, overall judgement, each judgement of the
    list and the Board's verdict, grades exactly as printed."""
    rows = [r for r in csv.DictReader(JUDGEMENTS.open(encoding="utf-8"))
            if r["kind"] in ("sif", "sif_reinspection")]
    assert len(rows) == 43
    wrong = []
    for row in rows:
        report = archive[row["file"]].report
        got = {j.judgement: j.grade_text for j in report.judgements}
        read = {column: got.get(jid) or "" for jid, column in GRADE_COLUMNS.items()}
        read.update(authority=report.authority or "",
                    inspection_start=str(report.dates.start),
                    inspection_end=str(report.dates.end))
        wrong += [f"{row['file']}: {key} {value!r}, by hand {row[key]!r}"
                  for key, value in read.items() if value != row[key]]
        if (row["kind"] == "sif_reinspection") != report.title.startswith("Re-inspection"):
            wrong.append(f"{row['file']}: title {report.title!r} for a {row['kind']}")
    assert not wrong, "\n".join(wrong)


def _assert_errors_listed(results: dict, corpus: str, per_document: float) -> None:
    """Every error on these published documents is listed in
    tests/corpus_expected.yaml with its evidence, every listed one is still
    found, and there are at most `per_document` errors per document."""
    unlisted, missed = unexpected_errors(results, corpus)
    assert not unlisted, "errors not in tests/corpus_expected.yaml:\n" + "\n".join(unlisted)
    assert not missed, "listed errors no longer found:\n" + "\n".join(missed)
    errors = sum(d.severity == "error" for r in results.values() for d in r.diagnostics)
    assert errors / len(results) <= per_document
