"""Frameworks are data validated by a schema (checker/datafiles/frameworkfile.py):
unknown keys and overlapping date ranges are errors at load, and the framework
in force on a day is chosen by date, not by file order."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import sample_text

from checker.api import check_text
from checker.datafiles.frameworks import choose_framework, frameworks_from, load_frameworks
from checker.datafiles.yamlfile import DataFileError

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "rules" / "frameworks"

# The framework announced for 2027 (tests/fixtures/frameworks/ilacs-2027.yaml)
ILACS_2027 = (Path(__file__).parent / "fixtures" / "frameworks" / "ilacs-2027.yaml").read_text(
    encoding="utf-8")


def _folder(tmp_path: Path, **files: str) -> Path:
    """rules/frameworks/ copied, plus (or with changed) `files` (name: text)."""
    folder = tmp_path / "frameworks"
    shutil.copytree(FRAMEWORKS, folder)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _load_error(folder: Path) -> str:
    with pytest.raises(DataFileError) as info:
        load_frameworks(folder)
    return str(info.value)


def test_a_new_framework_file_is_chosen_from_its_first_day(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    lancashire = sample_text("lancashire-ilacs-2026.txt")  # inspected 11 to 22 May 2026
    june_2027 = lancashire.replace("Inspection dates: 11 to 22 May 2026",
                                   "Inspection dates: 14 to 25 June 2027")
    assert june_2027 != lancashire
    before = check_text(june_2027)
    assert before.report.framework == "ilacs-2026"  # no 2027 file yet: 2026's open range
    with frameworks_from(_folder(tmp_path, **{"ilacs-2027": ILACS_2027})):
        assert choose_framework("ilacs", date(2026, 5, 11)).id == "ilacs-2026"
        assert choose_framework("ilacs", date(2027, 3, 31)).id == "ilacs-2026"
        assert choose_framework("ilacs", date(2027, 4, 1)).id == "ilacs-2027"
        assert choose_framework("focused_visit", date(2027, 6, 14)).id == "ilacs-2027"
        assert choose_framework("jtai", date(2027, 6, 14)).id == "jtai"
        may_2026 = check_text(lancashire)
        june = check_text(june_2027)
    assert may_2026.report.framework == "ilacs-2026"
    assert june.report.framework == "ilacs-2027"
    # checked under 2027: its new judgement is missing from the 2026-shaped table
    missing = [d.message for d in june.diagnostics if d.rule == "TBL001"]
    assert any("disabled children" in m and "ILACS 2027" in m for m in missing), missing
    assert not [d for d in may_2026.diagnostics if d.rule == "TBL001"]
    assert load_frameworks() != load_frameworks(tmp_path / "frameworks")  # the block is over


def test_an_unknown_key_is_an_error_with_file_line_and_key(tmp_path):
    text = (FRAMEWORKS / "ilacs-2023.yaml").read_text(encoding="utf-8")
    message = _load_error(_folder(tmp_path, **{"ilacs-2023": text.replace(
        "  section_order:", "  section_ordr:")}))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "section_order:" in t)
    assert f"ilacs-2023.yaml:{line}: framework.section_ordr: unknown key 'section_ordr' " \
           "(did you mean 'section_order'?)" in message, message
    message = _load_error(_folder(tmp_path / "2", **{"ilacs-2023": text.replace(
        "{from: 2023-01-01", "{form: 2023-01-01")}))
    assert "framework.inspections.form: unknown key 'form' (did you mean 'from'?)" in message


@pytest.mark.parametrize("change, words", [
    # a later framework whose written range overlaps an earlier one's
    (("{from: 2027-04-01, to: null}", "{from: 2026-01-01, to: null}"),
     "framework ilacs-2027: inspections from 2026-01-01 overlap those of ilacs-2023"),
    # two frameworks of one kind starting on the same day
    (("{from: 2027-04-01, to: null}", "{from: 2026-04-20, to: null}"),
     "framework ilacs-2027: inspections from 2026-04-20 overlap those of ilacs-2026"),
    # a range that ends before it starts
    (("{from: 2027-04-01, to: null}", "{from: 2027-04-01, to: 2027-03-01}"),
     "framework ilacs-2027: inspections.to: ends (2027-03-01) before it starts (2027-04-01)"),
])
def test_overlapping_ranges_are_errors(tmp_path, change, words):
    message = _load_error(_folder(tmp_path, **{"ilacs-2027": ILACS_2027.replace(*change)}))
    assert "ilacs-2027.yaml:5: " in message and words in message, message


def test_an_overlap_only_for_other_kinds_is_allowed(tmp_path):
    """A framework for jtai letters only does not close ILACS 2026."""
    jtai = ILACS_2027.replace("ilacs-2027", "jtai-2027").replace(
        "[ilacs, focused_visit, monitoring_visit]", "[jtai]")
    with frameworks_from(_folder(tmp_path, **{"jtai-2027": jtai})):
        assert choose_framework("jtai", date(2027, 6, 1)).id == "jtai-2027"
        assert choose_framework("jtai", date(2027, 3, 31)).id == "jtai"
        assert choose_framework("ilacs", date(2027, 6, 1)).id == "ilacs-2026"


@pytest.mark.parametrize("change, words", [
    (("scale: ofsted-four-point", "scale: ofsted-4-point"),
     ":6: framework ilacs-2027: scale: no scale 'ofsted-4-point'"),
    (("care_leavers,\n", "care_leaver,\n"),
     ":21: framework ilacs-2027: section_order: 'care_leaver' is not a judgement"),
    (("kinds: [ilacs,", "kinds: [ilac,"),
     ":4: framework.kinds: Input should be 'ilacs', 'focused_visit', 'jtai', "
     "'monitoring_visit' or 'sif', not 'ilac' (did you mean 'ilacs'?)"),
    (("id: ilacs-2027", "id: ilacs-2026"), "ilacs-2027.yaml:2: the framework id 'ilacs-2026' "
                                           "is used twice"),
])
def test_names_that_must_be_defined_elsewhere(tmp_path, change, words):
    message = _load_error(_folder(tmp_path, **{"ilacs-2027": ILACS_2027.replace(*change)}))
    assert words in message, message


def test_validated_frameworks_are_cached_and_keyed_on_contents(tmp_path, monkeypatch):
    from checker.datafiles import frameworkfile
    monkeypatch.setenv("REPORT_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path, **{"ilacs-2027": ILACS_2027})
    first = load_frameworks(folder)
    assert list((tmp_path / "cache").glob("frameworks-*.json"))
    from checker.datafiles.frameworks import _load
    _load.cache_clear()
    monkeypatch.setattr(frameworkfile, "validate_folder", lambda files: pytest.fail("not cached"))
    assert load_frameworks(folder) == first


def test_a_broken_framework_file_stops_the_cli_with_exit_2(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from conftest import SAMPLES

    from checker.cli import main
    from checker.datafiles import frameworks
    from checker.engine.rules import load_rules
    text = (FRAMEWORKS / "ilacs-2023.yaml").read_text(encoding="utf-8")
    monkeypatch.setattr(frameworks, "_folder", _folder(tmp_path, **{
        "ilacs-2023": text.replace("  section_order:", "  section_ordr:")}))
    load_rules.cache_clear()
    try:
        run = CliRunner().invoke(main, ["check", str(SAMPLES / "rochdale-ilacs-2023.txt")])
    finally:
        load_rules.cache_clear()
    assert run.exit_code == 2, run.output
    assert "ilacs-2023.yaml:" in run.output and "section_ordr: unknown key" in run.output
