"""Tests for checker/reading/source.py: decoding, normalisation and the map back to original
positions.

The map matters because findings are reported as line:col of the ORIGINAL file, which QA staff
open in their own editor; every test here checks positions, not just the normalised text.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.reading import source
from checker.reading.source import InputError, SourceText, decode, from_text, read_source

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))


def _sample_text(name: str) -> str:
    return (SAMPLES / name).read_bytes().decode("utf-8")


def _variants(text: str) -> dict[str, bytes]:
    """The same report as Word, Notepad and old Macs would save it."""
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": text.encode("utf-8-sig"),
        "utf-16-le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-32-le-bom": b"\xff\xfe\x00\x00" + text.encode("utf-32-le"),
        "cp1252": text.encode("cp1252"),   # all four samples fit: ’ ‘ – © exist in cp1252
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "cp1252-crlf": text.replace("\n", "\r\n").encode("cp1252"),
    }


def _find(src: SourceText, needle: str) -> tuple[int, int]:
    """1-based (line, col) of the first occurrence of needle in the normalised text."""
    for i, line in enumerate(src.lines, 1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not found")


def _check_map(src: SourceText) -> None:
    """Every in-range position maps into the original; unedited characters map to themselves."""
    n_orig = len(src.original_lines)
    for i, line in enumerate(src.lines, 1):
        assert unicodedata.is_normalized("NFC", line)
        assert line == line.rstrip()
        for col in range(1, len(line) + 3):
            oline, ocol = src.position(i, col)
            assert 1 <= oline <= n_orig
            assert src.original_line(i) == src.original_lines[oline - 1]
            orig = src.original_lines[oline - 1]
            assert 1 <= ocol <= len(orig) + 1
            if (col <= len(line) and line[col - 1].isascii() and line[col - 1].isalnum()
                    and orig[ocol - 1].isascii()):
                assert orig[ocol - 1] == line[col - 1], (i, col)


# --- the real samples ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_decodes_line_for_line(name):
    data = (SAMPLES / name).read_bytes()
    src = read_source(SAMPLES / name)
    text = data.decode("utf-8")
    expected_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    assert src.encoding == "utf-8"
    assert src.path == str(SAMPLES / name)
    assert src.text.endswith("\n") and "\r" not in src.text
    assert len(src.lines) == len(src.original_lines) == expected_lines
    for i in range(1, len(src.lines) + 1):
        assert src.position(i, 1)[0] == i
    _check_map(src)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_encodings_and_line_ends_agree(name):
    text = _sample_text(name)
    results = {kind: decode(data, kind) for kind, data in _variants(text).items()}
    reference = results["utf-8"]
    probes = [(i, c) for i, line in enumerate(reference.lines, 1)
              for c in range(1, len(line) + 2, 7)]
    expected = [reference.position(i, c) for i, c in probes]
    for kind, src in results.items():
        assert src.text == reference.text, kind
        assert src.original_lines == reference.original_lines, kind
        assert [src.position(i, c) for i, c in probes] == expected, kind
    assert results["utf-8-bom"].encoding == "utf-8-sig"
    assert results["utf-16-le-bom"].encoding == results["utf-16-be-bom"].encoding == "utf-16"
    assert results["cp1252"].encoding == ("utf-8" if text.isascii() else "cp1252")


def test_word_after_curly_quote_keeps_its_column():
    # rochdale-focused-visit line 4: "Director of Children’s Services  " (the brief suggested
    # oldham, but oldham has no curly quotes, only – and ©)
    name = "rochdale-focused-visit-2019.txt"
    for kind, data in _variants(_sample_text(name)).items():
        src = decode(data, kind)
        assert src.lines[3] == "Director of Children's Services"
        line, col = _find(src, "Services")
        assert src.position(line, col) == (4, 24), kind
        assert src.original_line(line) == "Director of Children\u2019s Services  "
        assert src.position(line, len(src.lines[3]) + 1) == (4, 34)   # past end: original end


def test_dash_before_paragraph_number_in_sample():
    src = read_source(SAMPLES / "oldham-ilacs-2019.txt")
    line, col = _find(src, "1. Children do not always")
    assert col == 1 and src.original_line(line).startswith("- 1. Children")
    assert src.position(line, 1) == (line, 3)
    assert src.position(line, 4) == (line, 6)


# --- normalisation cases -------------------------------------------------------------------------

def test_decomposed_e_and_curly_quotes():
    original = "The caf\u0065\u0301 \u201cpanel\u201d met"
    src = from_text(original + "\n")
    assert src.lines == ['The caf\u00e9 "panel" met']
    line, col = _find(src, "panel")
    assert col == 11
    assert src.position(line, col) == (1, 12)          # one more: é was two code points
    assert src.original_lines[0][11:16] == "panel"
    assert src.position(1, 8) == (1, 8)                # é maps to the start of e + U+0301
    assert src.position(1, _find(src, "met")[1]) == (1, 19)


@pytest.mark.parametrize("before, composed", [
    ("\u1100\u1161\u11a8", "\uac01"),                  # Hangul jamo compose across starters
    ("a\u0327\u0301", "\u00e1\u0327"),                  # marks reordered, then composed
    ("x\u05b8\u0f73\u0f73\u05b7", None),                # U+0F73: class 0, decomposes to marks
    ("\u212b", "\u00c5"),                                # a singleton: ANGSTROM SIGN -> Å
])
def test_nfc_columns(before, composed):
    src = from_text(f"{before} word\n")
    expected = unicodedata.normalize("NFC", before)
    assert composed is None or expected == composed
    assert src.lines == [f"{expected} word"]
    assert src.position(1, len(expected) + 2) == (1, len(before) + 2)
    _check_map(src)


def test_spaces_and_zero_width():
    src = from_text("a\u00a0b\u202fc\u2007d e\u200bf\u2060g\u200c\u200dh \u2013 i \u2014 j\n")
    assert src.lines == ["a b c d efgh \u2013 i \u2014 j"]
    assert src.position(1, _find(src, "h")[1]) == (1, 16)   # 3 zero-width chars before it
    assert src.position(1, _find(src, "j")[1]) == (1, 24)


BULLETS = "\uf0b7\u2022\u25fc\u25aa\u25cf\u25e6\u2023\u2043\uf0a7\uf0d8\uf076\uf0fc"


@pytest.mark.parametrize("glyph", list(BULLETS))
def test_bullet_glyphs(glyph):
    src = from_text(f"Intro\n{glyph}\tFirst point\n  {glyph}   Second point\n"
                    f"{glyph}Third\n{glyph}\n")
    assert src.lines == ["Intro", "- First point", "  - Second point", "- Third", "-"]
    assert src.position(2, 3) == (2, 3)       # "F" right after glyph + tab
    assert src.position(3, 3) == (3, 3)       # the dash is the glyph
    assert src.position(3, 5) == (3, 7)       # "S" after three spaces
    assert src.position(4, 1) == (4, 1) and src.position(4, 3) == (4, 2)
    _check_map(src)


def test_dash_before_numbered_paragraph():
    src = from_text("- 12. Children wait too long.\n- The list item stays.\n"
                    "- 12.5% is not a paragraph\n")
    assert src.lines == ["12. Children wait too long.", "- The list item stays.",
                         "- 12.5% is not a paragraph"]
    assert src.position(1, 1) == (1, 3)
    assert src.position(1, _find(src, "Children")[1]) == (1, 7)
    assert src.position(2, 1) == (2, 1)


def test_bullet_before_numbered_paragraph_and_indent():
    src = from_text("\u2022 3. Text\n\t- 4. More\n")
    assert src.lines == ["3. Text", "\t4. More"]
    assert src.position(1, 1) == (1, 3)
    assert src.position(2, 1) == (2, 1) and src.position(2, 2) == (2, 4)


def test_trailing_whitespace_and_tabs():
    src = from_text("Judgement\tGrade \t \n  indented  \n")
    assert src.lines == ["Judgement\tGrade", "  indented"]
    assert src.position(1, 16) == (1, 19)        # past the end: past the original end
    assert src.position(2, 3) == (2, 3)


def test_form_feed_splits_lines():
    original = "end of page one\n\fHeading two\nText\fmore text\n\f\nlast\f \n"
    src = from_text(original)
    assert src.lines == ["end of page one", "", "Heading two", "Text", "more text", "", "last"]
    assert len(src.original_lines) == 5
    assert src.position(2, 1) == (2, 1)         # the page break itself
    assert src.position(3, 1) == (2, 2)         # "H" after the form feed
    assert src.position(3, 9) == (2, 10)
    assert src.position(4, 5) == (3, 5)         # just past "Text": the form feed
    assert src.position(5, 1) == (3, 6)
    assert src.position(5, 6) == (3, 11)
    assert src.position(6, 1)[0] == 4
    assert src.position(7, 1) == (5, 1)
    _check_map(src)


def test_position_edges():
    src = from_text("one\ntwo")
    assert src.text == "one\ntwo\n"
    assert src.position(3, 1) == (2, 4)         # end of input
    with pytest.raises(IndexError):
        src.position(0, 1)
    with pytest.raises(IndexError):
        src.position(4, 1)
    with pytest.raises(ValueError):
        src.position(1, 0)
    assert src.lines is src.lines                # cached


def test_leading_bom_not_counted_in_from_text():
    src = from_text("\ufeffHello\n")
    assert src.original_lines == ("Hello",) and src.position(1, 1) == (1, 1)


# --- errors --------------------------------------------------------------------------------------

def _write(tmp_path: Path, data: bytes) -> Path:
    p = tmp_path / "report.txt"
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \r\n\t\n\x0c\n", "empty file"),
    ("\u00a0\u200b\n".encode("utf-8"), "empty file"),
    (b"\xef\xbb\xbf", "empty file"),
    (b"\xff\xfe", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (contains NUL bytes)"),
    (b"text\x00text", "binary file (contains NUL bytes)"),
    (b"\xff\xfeA\x00\x00\x00", "binary file (contains NUL bytes)"),
    (bytes(range(1, 9)) * 20 + b"some words", "binary file (too many control characters)"),
    (b"caf\xe9 \x81\x8d\x90 na\xefve", "not decodable as UTF-8, UTF-16 or Windows-1252"),
    (b"\xff\xfeA\x00\x00\xd8", "not decodable as UTF-16 despite its byte order mark"),
    (b"\xef\xbb\xbfcaf\xe9", "not decodable as UTF-8 despite its byte order mark"),
])
def test_bad_input(tmp_path, data, reason):
    p = _write(tmp_path, data)
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    with pytest.raises(InputError) as info:
        read_source(p)
    assert info.value.reason == reason
    assert info.value.path == str(p) and str(p) in str(info.value)
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before
    with pytest.raises(InputError) as info:
        decode(data)
    assert info.value.reason == reason


def test_cp1252_and_unchanged_file(tmp_path):
    p = _write(tmp_path, "Children\u2019s services \u2013 \u00a32m\r\n".encode("cp1252"))
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    src = read_source(p)
    assert src.encoding == "cp1252" and src.lines == ["Children's services \u2013 \u00a32m"]
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_missing_directory_and_not_a_directory(tmp_path):
    for path, reason in [(tmp_path / "nope.txt", "no such file"),
                         (tmp_path, "is a directory"),
                         (_write(tmp_path, b"x") / "child", "no such file")]:
        with pytest.raises(InputError) as info:
            read_source(path)
        assert info.value.reason == reason


def test_permission_denied(tmp_path, monkeypatch):
    p = _write(tmp_path, b"text")
    if os.name == "posix" and os.geteuid() != 0:
        p.chmod(0)
    else:   # root (or Windows) can read it anyway: simulate the OS error
        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(source, "open", denied, raising=False)
    try:
        with pytest.raises(InputError) as info:
            read_source(p)
        assert info.value.reason == "permission denied"
    finally:
        p.chmod(0o644)


def test_too_large(tmp_path, monkeypatch):
    p = _write(tmp_path, b"word " * 1000)
    monkeypatch.setattr(source, "MAX_BYTES", 4096)
    with pytest.raises(InputError) as info:
        read_source(p)
    assert info.value.reason == "file too large (4.9 KB; the limit is 4 KB)"
    with pytest.raises(InputError):
        decode(p.read_bytes())
    monkeypatch.setattr(source, "MAX_BYTES", 64 * 1024 * 1024)
    assert source._too_large(int(73.2 * 2**20), "x").reason == (
        "file too large (73.2 MB; the limit is 64 MB)")


# --- property ------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text())
def test_position_never_raises(text):
    try:
        src = from_text(text)
    except InputError as e:
        assert e.reason == "empty file"
        return
    assert src.text.endswith("\n")
    assert src.lines == src.text.split("\n")[:-1]
    _check_map(src)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "e", " ", "\t", "\n", "\r", "\f", "\u0301", "\u0327",
                                 "\u1100", "\u1161", "\u11a8", "\u0f73", "\u0f72", "\u212b",
                                 "\u2019", "\u00a0", "\u200b", "\u2022", "\uf0b7", "-", "1",
                                 ".", "\ufeff", "\u0b47", "\u0b3e"]), min_size=1).map("".join))
def test_position_never_raises_on_tricky_text(text):
    test_position_never_raises.hypothesis.inner_test(text)
