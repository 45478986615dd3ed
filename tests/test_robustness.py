"""Whatever the input, the checker answers with a result or a clear error."""

from __future__ import annotations

from conftest import damage_lines, sample_text
from hypothesis import given
from hypothesis import strategies as st

from checker.api import check_text
from checker.reading.source import InputError, decode

SAMPLES = ["rochdale-ilacs-2023.txt", "oldham-ilacs-2019.txt", "rochdale-jtai-2024.txt",
           "rochdale-focused-visit-2019.txt"]


def _answer(result):
    assert (result.error is None) != (result.report is None)
    if result.error:
        assert result.error.strip()


@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    _answer(check_text(text))


@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    try:
        source = decode(data)
    except InputError as exc:
        assert exc.reason
        return
    _answer(check_text(source.text))


@given(st.sampled_from(SAMPLES), st.data())
def test_mutated_real_reports(name, data):
    """Lines deleted, duplicated or swapped in real reports: a result or a
    clear parse error at a line, never an exception."""
    lines = damage_lines(data.draw, sample_text(name).split("\n"),
                         ("delete", "duplicate", "swap", "truncate"), 6)
    result = check_text("\n".join(lines))
    _answer(result)
    if result.error and result.error_line is not None:
        assert 1 <= result.error_line <= len(lines) + 1
