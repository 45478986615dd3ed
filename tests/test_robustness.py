"""Whatever the input, the checker answers with a result or a clear error."""

from __future__ import annotations

from hypothesis import given, strategies as st

from checker.api import check_text
from checker.source import decode, InputError
from conftest import sample_text

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
    lines = sample_text(name).split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "truncate":
            lines[i] = lines[i][: len(lines[i]) // 2]
        if not lines:
            lines = [""]
    result = check_text("\n".join(lines))
    _answer(result)
    if result.error and result.error_line is not None:
        assert 1 <= result.error_line <= len(lines) + 1
