"""The small Python API docs/api.md documents."""

from pathlib import Path

from conftest import SAMPLES, mutate, sample_text

import checker


def test_check_a_path_and_a_text():
    result = checker.check(SAMPLES / "oldham-ilacs-2019.txt")
    assert isinstance(result, checker.Result)
    assert (result.error, result.kind, result.framework) == (None, "ilacs", "ilacs-2018")
    assert "SEC002" in {d.rule for d in result.diagnostics}
    text = mutate(sample_text("rochdale-ilacs-2023.txt"),
                  [("\n19. Most children live", "\n18. Most children live")])
    result = checker.check(text, select=["NUM"])
    assert [(d.rule, d.line) for d in result.diagnostics] == [("NUM001", 65)]
    assert result.to_json()["diagnostics"][0]["rule"] == "NUM001"


def test_bad_input_is_a_result_not_an_exception(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert checker.check(Path(empty)).error == "empty file"
    assert checker.check("not a report at all\n").error.startswith("not an inspection report")


def test_a_selector_that_names_no_rule_raises():
    import pytest

    from checker.engine.config import SelectorError
    with pytest.raises(SelectorError, match="did you mean 'NUM001'"):
        checker.check(SAMPLES / "oldham-ilacs-2019.txt", select=["NUM0001"])


def test_a_mistyped_path_is_not_taken_for_report_text():
    import pytest
    with pytest.raises(FileNotFoundError, match="samples/nope.txt"):
        checker.check("samples/nope.txt")
    assert checker.check("Inspection of nowhere").error.startswith("not an inspection report")
