"""Acceptance on the other shared corpora: 93 published focused-visit letters
(2018-2026) and 45 archive documents from before ILACS.

  * every letter is read as a focused-visit letter;
  * every error raised on a letter is a real defect listed, with its evidence,
    in tests/corpus_expected.yaml, and errors average at most 0.05 per letter;
  * every finding carries the page and line where it is in the PDF;
  * every archive document is refused, named for what it is (a single
    inspection framework inspection or re-inspection, a Local Safeguarding
    Children Board review, a web page saved under a PDF's name).
The corpora are not in the repository: without ../shared the module is skipped.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import CORPUS_EXPECTED, SHARED, needs_shared, unexpected_errors

LETTERS = SHARED / "focused-visits" / "pdf"
ARCHIVE = SHARED / "archive" / "pdf"

pytestmark = needs_shared("the shared letters and archive documents", LETTERS, ARCHIVE)

# What the refusal of each kind of archive document says, in its first words.
ARCHIVE_NAMES = {
    "sif_inspection": "an inspection under the single inspection framework (before 2018)",
    "reinspection": "a re-inspection under the single inspection framework (before 2018)",
    "lscb_review": "a review of a Local Safeguarding Children Board (before 2018)",
    "html": "a web page (HTML) saved under a PDF's name",
}


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
    unlisted, missed = unexpected_errors(letters, "focused-visits")
    assert not unlisted, "errors not in tests/corpus_expected.yaml:\n" + "\n".join(unlisted)
    assert not missed, "listed errors no longer found:\n" + "\n".join(missed)
    errors = sum(d.severity == "error" for r in letters.values() for d in r.diagnostics)
    assert errors / len(letters) <= 0.05


def test_every_finding_on_a_letter_has_its_page_and_line(letters):
    missing = [f"{name}:{d.line} {d.rule}" for name, r in letters.items()
               for d in r.diagnostics
               if not re.fullmatch(r"page \d+, line \d+", r.place(d.line) or "")]
    assert not missing, "\n".join(missing)


def test_every_archive_document_is_named_for_what_it_is(archive):
    kinds = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))["archive"]
    named = {name: kind for kind, names in kinds.items() if names != "rest" for name in names}
    rest = next(kind for kind, names in kinds.items() if names == "rest")
    assert len(archive) == 45
    wrong = []
    for name, result in archive.items():
        want = ARCHIVE_NAMES[named.get(name, rest)]
        if result.report is not None or not (result.error or "").startswith(want):
            wrong.append(f"{name}: {result.error or result.kind!r}, not {want!r}")
    assert not wrong, "\n".join(wrong)
