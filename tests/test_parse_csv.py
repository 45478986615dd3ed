"""`parse --format csv` (issue 16): every document's judgements as one row of a
table, written as each document is read. On the samples and fixtures only;
tests/test_parse_csv_corpus.py compares the rows with Ofsted's grades."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS_TEXT, SAMPLES, mutate, sample_text

from checker.cli import main
from checker.datafiles.frameworks import frameworks_from, load_frameworks
from checker.datafiles.yamlfile import DataFileError
from checker.output.judgements_csv import columns, write_rows

ROOT = Path(__file__).resolve().parent.parent
FIXED = ["file", "authority", "kind", "framework", "inspection_start", "inspection_end"]
TODAYS = ["leadership", "help_and_protection", "children_in_care", "care_leavers"]
SIF_OWN = ["children_looked_after", "adoption", "lscb"]  # rules/frameworks/sif.yaml


def parse_csv(*args) -> tuple[int, list[dict], list[str]]:
    """Exit code, rows (as dicts) and header of `parse --format csv ARGS`."""
    result = CliRunner().invoke(main, ["parse", "--format", "csv", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    reader = csv.DictReader(io.StringIO(result.output))
    rows = list(reader)
    return result.exit_code, rows, reader.fieldnames


def test_the_samples_one_row_each_in_input_order_with_their_grades():
    code, rows, header = parse_csv(SAMPLES)
    assert code == 0
    # today's judgements, then the single inspection framework's own
    assert header == [*FIXED, *TODAYS, *SIF_OWN, "overall_effectiveness", "error"]
    assert [Path(r["file"]).name for r in rows] == sorted(
        p.name for p in SAMPLES.glob("*.txt"))
    rochdale = next(r for r in rows if r["file"].endswith("rochdale-ilacs-2023.txt"))
    assert rochdale == {
        "file": str(SAMPLES / "rochdale-ilacs-2023.txt"), "authority": "Rochdale",
        "kind": "ilacs", "framework": "ilacs-2023",
        "inspection_start": "2023-01-23", "inspection_end": "2023-02-03",
        **dict.fromkeys([*TODAYS, "overall_effectiveness"], "requires_improvement"),
        **dict.fromkeys(SIF_OWN, ""), "error": ""}
    oldham = next(r for r in rows if r["file"].endswith("oldham-ilacs-2019.txt"))
    # ILACS 2018 has no care leavers judgement: an empty cell
    assert (oldham["framework"], oldham["care_leavers"], oldham["children_in_care"]) == (
        "ilacs-2018", "", "requires_improvement")
    letters = [r for r in rows if r["kind"] in ("focused_visit", "jtai")]
    assert len(letters) == 2
    assert all(r[j] == "" for r in letters for j in [*TODAYS, "overall_effectiveness"])
    assert all(r["error"] == "" and r["inspection_start"] for r in letters)


def test_bad_input_gets_a_row_with_its_error_and_exit_2_and_is_not_written(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "broken.pdf"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01 not really a pdf")
    readme = tmp_path / "notes.txt"
    readme.write_text("Minutes of the team meeting.\nNothing about an inspection.\n")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (empty, binary, readme)}
    code, rows, _ = parse_csv(SAMPLES / "rochdale-ilacs-2023.txt", empty, binary, readme,
                              tmp_path / "missing.txt")
    assert code == 2
    assert [r["file"] for r in rows] == [str(SAMPLES / "rochdale-ilacs-2023.txt"), str(empty),
                                         str(binary), str(readme), str(tmp_path / "missing.txt")]
    assert rows[0]["error"] == ""
    for r in rows[1:]:
        assert r["error"], r
        assert all(r[c] == "" for c in r if c not in ("file", "error")), r
    assert "not an inspection report" in rows[3]["error"]
    assert rows[4]["error"] == "no such file"
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before} == before


def test_the_exit_code_is_parses(tmp_path):
    """2 exactly when `parse` (text) would exit 2: a document with an error."""
    (tmp_path / "empty.txt").write_text("")
    for target in (SAMPLES, tmp_path):
        text = CliRunner().invoke(main, ["parse", str(target)])
        code, _, _ = parse_csv(target)
        assert code == text.exit_code


def test_rows_are_written_and_flushed_one_document_at_a_time():
    class Stream(io.StringIO):
        """Keeps what had been written at each flush."""

        def __init__(self):
            super().__init__()
            self.flushed = []

        def flush(self):
            self.flushed.append(self.getvalue())

    out = Stream()

    def rows():
        for n in range(3):
            # each row is out before the next document is even read
            assert out.flushed[-1].count("\n") == n + 1
            yield [f"doc{n}.pdf", *[""] * 10, "why" if n == 1 else ""]

    assert write_rows(rows(), out, columns()) == 1
    assert [text.count("\n") for text in out.flushed] == [1, 2, 3, 4]


def test_a_crash_part_way_leaves_the_rows_before_it(monkeypatch, tmp_path):
    import checker.engine.batch as batch
    for name in ("oldham-ilacs-2019.txt", "rochdale-ilacs-2023.txt", "rochdale-jtai-2024.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    real_load = batch.load

    def load(path, kind=None):
        if path.endswith("jtai-2024.txt"):
            raise MemoryError("the machine ran out part-way")
        return real_load(path, kind)

    monkeypatch.setattr(batch, "load", load)
    result = CliRunner().invoke(main, ["parse", "--format", "csv", "-j", "1", str(tmp_path)])
    assert isinstance(result.exception, MemoryError)
    lines = result.output.splitlines()
    assert len(lines) == 3 and lines[0].startswith("file,")
    assert "oldham" in lines[1] and "rochdale-ilacs" in lines[2]


def test_parallel_rows_equal_serial_rows(tmp_path):
    for folder in (SAMPLES, CORPUS_TEXT):
        for f in folder.glob("*.txt"):
            shutil.copy(f, tmp_path / f.name)
    (tmp_path / "empty.txt").write_text("")
    serial = CliRunner().invoke(main, ["parse", "--format", "csv", "-j", "1", str(tmp_path)])
    parallel = CliRunner().invoke(main, ["parse", "--format", "csv", "-j", "2", str(tmp_path)])
    assert serial.exit_code == parallel.exit_code == 2
    assert serial.output == parallel.output
    assert serial.output.count("\n") == 1 + 12


def test_a_misnamed_row_and_an_off_scale_grade(tmp_path):
    text = mutate(sample_text("rochdale-ilacs-2023.txt"), [
        ("The experiences and progress of care leavers\tRequires improvement to be good",
         "The experiences and progress of children care leavers\tGood"),
        ("Overall effectiveness\tRequires improvement to be good",
         "Overall effectiveness\tAdequate")])
    report = tmp_path / "draft.txt"
    report.write_text(text, encoding="utf-8")
    code, [row], _ = parse_csv(report)
    assert code == 0
    # read as check reads it; a grade no scale spells is written as printed
    assert (row["care_leavers"], row["overall_effectiveness"]) == ("good", "Adequate")


def test_columns_come_from_the_framework_files(tmp_path):
    """A framework added as data gets its columns, no code changed: an older
    one's after today's, overall effectiveness still the last grade."""
    folder = tmp_path / "frameworks"
    shutil.copytree(ROOT / "rules" / "frameworks", folder)
    (folder / "sif.yaml").write_text(SIF, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "frameworks" / "ilacs-2027.yaml", folder)
    with frameworks_from(folder):
        header = columns()
        assert len(load_frameworks()) == 6
    assert list(header) == [*FIXED, *TODAYS, "disabled_children", "children_looked_after",
                            "adoption", "lscb", "overall_effectiveness", "error"]


def test_a_judgement_id_that_is_a_column_name_is_refused(tmp_path):
    folder = tmp_path / "frameworks"
    shutil.copytree(ROOT / "rules" / "frameworks", folder)
    (folder / "sif.yaml").write_text(SIF.replace("lscb", "error"), encoding="utf-8")
    with frameworks_from(folder):
        with pytest.raises(DataFileError, match="sif.yaml: the judgement id 'error' is also"):
            columns()
        result = CliRunner().invoke(main, ["parse", "--format", "csv", str(SAMPLES)])
    assert result.exit_code == 2 and "report-checker: frameworks: " in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# The single inspection framework as data, as far as this table needs it
# (judgement names abridged); kinds are today's, as SIF is not one yet.
SIF = """\
framework:
  id: sif
  name: Single inspection framework
  kinds: [ilacs]
  inspections: {from: 2013-11-01, to: 2017-12-31}
  scale: ofsted-four-point
  judgements:
    - id: help_and_protection
      name: Children who need help and protection
    - id: children_looked_after
      name: Children looked after and achieving permanence
    - id: adoption
      name: Adoption performance
    - id: care_leavers
      name: Experiences and progress of care leavers
    - id: leadership
      name: Leadership, management and governance
    - id: lscb
      name: The effectiveness of the Local Safeguarding Children Board
    - id: overall_effectiveness
      name: Overall effectiveness
      section: false
  section_order: [help_and_protection, children_looked_after, adoption, care_leavers,
                  leadership, lscb]
"""
