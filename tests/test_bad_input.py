"""Hostile and degenerate input: every file gives a report or a clear error of
its own, within a bounded time, through the API and the command line, and no
input is ever written to.

Each input is built in tmp_path from a real sample (or a real Word draft made
from it, or a PDF written by hand), and checked with checker.api.check_file
and with `report-checker check` (in process, through click's CliRunner, and
once more as a batch in a subprocess with a timeout, which would catch a
hang). LIMIT is generous for a shared 2-core machine; the real times are in
docs/robustness.md (run `pytest -s tests/test_bad_input.py` to see them).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, mutate, sample_text

from checker.api import check_file
from checker.cli import main

LIMIT = 30.0            # seconds per input and per run
SAMPLE = "rochdale-ilacs-2023.txt"
TIMES: dict[str, float] = {}


def _text() -> str:
    return sample_text(SAMPLE)


def _lines() -> tuple[list[str], int]:
    """The sample's lines and the index of paragraph 1."""
    lines = _text().split("\n")
    return lines, next(i for i, line in enumerate(lines) if line.startswith("1. "))


def _paragraphs() -> list[str]:
    lines, first = _lines()
    return [re.sub(r"^\d+\. ", "", line) for line in lines[first:] if re.match(r"\d+\. ", line)]


def _report_of(n_paragraphs: int | None = None, size: int | None = None,
               blank: bool = False) -> str:
    """The sample's front (title, table, summary, items, first heading) and
    then real paragraphs repeated with continuing numbers: n of them, or up
    to `size` characters."""
    lines, first = _lines()
    out, paras, n, total = lines[:first], _paragraphs(), 0, 0
    while (n_paragraphs is not None and n < n_paragraphs) or (size is not None and total < size):
        line = f"{n + 1}. {paras[n % len(paras)]}"
        out += [line, ""] if blank else [line]
        total += len(line) + 1
        n += 1
    return "\n".join(out) + "\n"


def _replace_line(startswith: str, new: str) -> str:
    lines, _ = _lines()
    i = next(i for i, line in enumerate(lines) if line.startswith(startswith))
    lines[i] = new
    return "\n".join(lines)


LONG = (" ".join(_paragraphs()) * 20)[:300_000]
HOSTILE_CHARS = ("\u202e\u202d\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u061c"
                 "\u200e\u200f")


def _sprinkle(text: str, chars: str, after: str = " ") -> str:
    """A hostile character after every `after` (every character if empty)."""
    return "".join(c + (chars[k % len(chars)] if not after or c == after else "")
                   for k, c in enumerate(text))


# name -> (a function making its bytes, what is expected: "report", a piece of
# the error's reason, or "?" for either a report or a clear error)
def _text_cases() -> dict[str, tuple]:
    text = _text()
    data = text.encode()

    def para1(new: str):      # the sample with paragraph 1 replaced
        return lambda: _replace_line("1. ", "1. " + new).encode()

    return {
        "empty.txt": (lambda: b"", "empty file"),
        "blank-lines.txt": (lambda: b"\n \n\t\n\f\n", "empty file"),
        "binary.txt": (lambda: bytes(range(256)) * 64, "binary file"),
        "random-bytes.txt": (lambda: random.Random(5).randbytes(60_000).replace(b"\0", b"\1"),
                             "?"),
        "undecodable.txt": (lambda: data[:5000] + b"\x81\x8d\x8f" + data[5000:],
                            "not decodable"),
        "bad-utf16.txt": (lambda: b"\xff\xfe" + "Inspection".encode("utf-16-le") + b"\x00\xd8",
                          "despite its byte order mark"),
        "null-bytes.txt": (lambda: data[:3000] + b"\x00" + data[3000:], "binary file"),
        "control-characters.txt": (lambda: ("\x01\x02\x1b" * 20_000).encode(), "binary file"),
        "10mb-report.txt": (lambda: _report_of(size=10 * 1024 * 1024).encode(), "report"),
        "5000-paragraphs.txt": (lambda: _report_of(5000).encode(), "report"),
        "5000-paragraphs-spaced.txt": (lambda: _report_of(5000, blank=True).encode(), "report"),
        "long-line-alone.txt": (lambda: LONG.encode(), "not an inspection report"),
        "long-paragraph.txt": (para1(LONG), "report"),
        "long-summary.txt": (lambda: _replace_line("Since the last", LONG).encode(), "report"),
        "long-item.txt": (lambda: _replace_line("- The response to disabled", "- " + LONG)
                          .encode(), "report"),
        "long-title.txt": (lambda: _replace_line("Inspection of", "Inspection of " + "x" * 300_000)
                           .encode(), "?"),
        "long-table-row.txt": (lambda: _replace_line("Overall effectiveness",
                                                     "Overall " + LONG + "\tGood").encode(), "?"),
        "many-short-lines.txt": (lambda: ("a\n" * 600_000).encode(), "too many lines"),
        "bidi-and-zero-width.txt": (lambda: _sprinkle(text, HOSTILE_CHARS).encode(), "report"),
        "bidi-everywhere.txt": (lambda: _sprinkle(text, HOSTILE_CHARS, after="").encode(),
                                "report"),
        "combining-marks.txt": (para1("Children \u0f73" + "\u0f73" * 300_000), "report"),
        "decomposed-accents.txt": (para1("Caf" + "e\u0301 " * 100_000), "report"),
        "nested-brackets.txt": (para1("Children " + "(" * 100_000 + ")" * 100_000), "report"),
        "open-brackets.txt": (para1("Children " + "(a [" * 50_000), "report"),
        "repeated-brackets.txt": (para1("Children " + "()[]" * 50_000), "report"),
        "abbreviation-storm.txt": (para1("Children (" + "ABC (DEF) " * 20_000), "report"),
        "crlf-cr-formfeeds.txt": (lambda: text.replace("\n", "\r\n\f", 400).replace("\n", "\r")
                                  .encode(), "?"),
        # found by the fuzz test: a lone carriage return after "The" made the
        # rest of a judgement table row a sentence heading that spanned two lines
        "carriage-return-in-a-row.txt": (lambda: text.replace(
            "The impact of leaders on social work practice with children and families\t",
            "The\r impact of leaders on social work practice with children and families\t", 1)
            .encode(), "report"),
    }


def _bounded(label: str, fn):
    started = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - started
    TIMES[label] = elapsed
    print(f"\n  {label}: {elapsed:.2f} s", end="")
    assert elapsed < LIMIT, f"{label} took {elapsed:.1f} s"
    return value


def _answer(result, expected: str) -> None:
    """A report, or a clear error of this file's (never one of ours)."""
    assert (result.error is None) != (result.report is None)
    if result.error is not None:
        assert result.error.strip() and "internal error" not in result.error, result.error
        assert expected != "report", result.error
        assert expected == "?" or expected in result.error, result.error
    else:
        assert expected in ("report", "?"), f"expected an error: {expected}"


def _cli(label: str, path: Path, tmp_path: Path, *extra) -> dict:
    out = tmp_path / f"{path.name}.json"
    run = _bounded(label, lambda: CliRunner().invoke(
        main, ["check", "--format", "json", "--output", str(out), *map(str, extra), str(path)]))
    assert run.exception is None or isinstance(run.exception, SystemExit), run.output
    assert run.exit_code in (0, 1, 2) and "Traceback" not in run.output
    return json.loads(out.read_text(encoding="utf-8"))


def _check_both(path: Path, expected: str, tmp_path: Path, rules) -> None:
    result = _bounded(f"api {path.name}", lambda: check_file(path, rules=rules))
    _answer(result, expected)
    [entry] = _cli(f"cli {path.name}", path, tmp_path)["files"]
    assert entry["error"] == result.error
    assert len(entry["diagnostics"]) == len(result.diagnostics)


TEXT_CASES = _text_cases()


@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_bad_text_input(name, tmp_path, all_rules):
    make, expected = TEXT_CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    _check_both(path, expected, tmp_path, all_rules)


def test_invisible_characters_change_no_finding(tmp_path, all_rules):
    """Bidi controls and zero-width characters (U+200E from Outlook, a stray
    RLO) are invisible: the report reads as without them, at the same lines."""
    text = mutate(_text(), [("\n19. Most children live", "\n18. Most children live")])
    plain = check_file(_write(tmp_path / "plain.txt", text), rules=all_rules)
    hostile = check_file(_write(tmp_path / "hostile.txt", _sprinkle(text, HOSTILE_CHARS)),
                         rules=all_rules)
    assert plain.error is None and hostile.error is None
    assert [(d.rule, d.line, d.message) for d in hostile.diagnostics] == \
        [(d.rule, d.line, d.message) for d in plain.diagnostics]
    [num] = [d for d in hostile.diagnostics if d.rule == "NUM001"]
    # the column is the original file's: the hostile characters before it count
    line = hostile.source.original_lines[num.line - 1]
    assert line[num.column - 1:].startswith("18.")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ Word ----

W_BODY = re.compile(rb"<w:body>(.*)</w:body>", re.S)


def _rewrite_docx(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, change(data) if name == "word/document.xml" else data)
    return dst


def _around_body(before: bytes, after: bytes):
    """Wrap the body's content (all but its final sectPr) in before...after."""
    def change(xml: bytes) -> bytes:
        body = W_BODY.search(xml).group(1)
        cut = body.rfind(b"<w:sectPr")
        content, tail = (body[:cut], body[cut:]) if cut >= 0 else (body, b"")
        return xml.replace(body, before + content + after + tail, 1)
    return change


def _in_first_paragraph_run(xml: bytes, text: str, new: bytes) -> bytes:
    """Replace the run holding `text` with `new`."""
    at = xml.index(text.encode())
    start = xml.rindex(b"<w:r>", 0, at) if b"<w:r>" in xml[:at] else xml.rindex(b"<w:r ", 0, at)
    end = xml.index(b"</w:r>", at) + len(b"</w:r>")
    return xml[:start] + new + xml[end:]


LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document ['
          b'<!ENTITY l0 "lol">' + b"".join(
              b'<!ENTITY l%d "%s">' % (k, b"".join(b"&l%d;" % (k - 1) for _ in range(10)))
              for k in range(1, 10)) + b"]>")
XXE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')


def _strip_decl(xml: bytes) -> bytes:
    return re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)


def _docx_cases(base: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    first = "Children in Rochdale benefit"
    n = 100_000
    cases = {
        "nested-100000.docx": (_around_body(b"<w:customXml>" * n, b"</w:customXml>" * n),
                               "corrupt .docx"),
        "nested-200.docx": (_around_body(b"<w:customXml>" * 200, b"</w:customXml>" * 200),
                            "report"),
        "nested-runs-200.docx": (lambda x: _in_first_paragraph_run(
            x, first, b"<w:smartTag>" * 200 + b"<w:r><w:t>" + first.encode() + b"</w:t></w:r>"
            + b"</w:smartTag>" * 200), "report"),
        "empty-paragraphs-100000.docx": (_around_body(b"<w:p/>" * n, b"<w:p/>" * n), "report"),
        "empty-runs-100000.docx": (lambda x: _in_first_paragraph_run(
            x, first, b"<w:r/>" * n + b"<w:r><w:t>" + first.encode() + b"</w:t></w:r>"),
            "report"),
        "tiny-runs-100000.docx": (lambda x: _in_first_paragraph_run(
            x, first, b"<w:r><w:t>" + first.encode() + b"</w:t></w:r>"
            + b"<w:r><w:t xml:space=\"preserve\">a </w:t></w:r>" * n), "report"),
        "long-paragraph.docx": (lambda x: _in_first_paragraph_run(
            x, first, b"<w:r><w:t>" + LONG.encode() + b"</w:t></w:r>"), "report"),
        "breaks-and-tabs.docx": (lambda x: _in_first_paragraph_run(
            x, first, b"<w:r><w:t>" + first.encode() + b"</w:t>"
            + b"<w:br/><w:tab/>" * 50_000 + b"</w:r>"), "?"),
        "zip-bomb-200mb.docx": (_around_body(b"<w:p/>" * (200 * 1024 * 1024 // 6), b""),
                                "hostile .docx"),
        "billion-laughs.docx": (lambda x: LAUGHS + _strip_decl(x).replace(
            first.encode(), b"&l9;" + first.encode(), 1), "corrupt .docx"),
        "external-entity.docx": (lambda x: XXE + _strip_decl(x).replace(
            first.encode(), b"&xxe;" + first.encode(), 1), "?"),
        # a byte flipped in the namespace (found by the fuzz run): a plain root element
        "damaged-namespace.docx": (lambda x: x.replace(
            b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
            b'xmlns:w="http:/schemas.openxmlformats.org/wordprocessingml/2006/main"', 1),
            "not a Word document"),
        "bidi-everywhere.docx": (lambda x: re.sub(
            rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", lambda m: m.group(1) + m.group(2).replace(
                b" ", " \u202e\u200b".encode()) + m.group(3), x), "report"),
    }
    return {name: (_rewrite_docx(base, tmp / name, change), expected)
            for name, (change, expected) in cases.items()}


@pytest.fixture(scope="module")
def docx_cases(tmp_path_factory):
    from wordbuild import docx_from_text
    tmp = tmp_path_factory.mktemp("docx")
    base = docx_from_text(_text(), tmp / "base.docx").path
    cases = _docx_cases(base, tmp)
    cases["base.docx"] = (base, "report")
    # the zip's directory declares a small size: zipfile reads no further than it
    bomb = cases["zip-bomb-200mb.docx"][0].read_bytes()
    with zipfile.ZipFile(cases["zip-bomb-200mb.docx"][0]) as z:
        real = z.getinfo("word/document.xml").file_size
    lying = tmp / "lying-sizes.docx"
    lying.write_bytes(bomb.replace(real.to_bytes(4, "little"), (40_000).to_bytes(4, "little")))
    cases["lying-sizes.docx"] = (lying, "corrupt .docx")
    # a byte flipped in a directory entry's "version needed" (found by the fuzz
    # run): zipfile raises NotImplementedError ("zip file version 8.4")
    flipped = bytearray(base.read_bytes())
    entry = flipped.find(b"PK\x01\x02")
    flipped[entry + 6] = 0x54
    (tmp / "zip-version.docx").write_bytes(bytes(flipped))
    cases["zip-version.docx"] = (tmp / "zip-version.docx", "corrupt .docx")
    return cases


DOCX_NAMES = ["base.docx", "nested-100000.docx", "nested-200.docx", "nested-runs-200.docx",
              "empty-paragraphs-100000.docx", "empty-runs-100000.docx",
              "tiny-runs-100000.docx", "long-paragraph.docx", "breaks-and-tabs.docx",
              "zip-bomb-200mb.docx", "lying-sizes.docx", "billion-laughs.docx",
              "external-entity.docx", "damaged-namespace.docx", "bidi-everywhere.docx",
              "zip-version.docx"]


@pytest.mark.parametrize("name", DOCX_NAMES)
def test_bad_docx_input(name, docx_cases, tmp_path, all_rules):
    path, expected = docx_cases[name]
    _check_both(path, expected, tmp_path, all_rules)


def test_hostile_docx_reads_like_the_draft(docx_cases, all_rules):
    """Nesting, empty paragraphs and runs and invisible characters Word
    would show as nothing change no finding; no external entity is read."""
    def findings(result):
        # The cases keep only the opening words of the first paragraph, so the
        # info notes that list the paragraphs discussing each item's topics
        # may name it or not; every warning and error must be the same, places
        # included (empty paragraphs and runs change no place).
        return [(d.rule, d.message) for d in result.diagnostics if d.severity != "info"]

    base = check_file(docx_cases["base.docx"][0], rules=all_rules)
    assert base.error is None
    for name in ("nested-200.docx", "nested-runs-200.docx", "empty-paragraphs-100000.docx",
                 "empty-runs-100000.docx", "bidi-everywhere.docx"):
        result = check_file(docx_cases[name][0], rules=all_rules)
        assert findings(result) == findings(base), name
    xxe = check_file(docx_cases["external-entity.docx"][0], rules=all_rules)
    text = xxe.source.text if xxe.source else ""
    assert "root:" not in text and "root:" not in (xxe.error or "")


# ------------------------------------------------------------------- PDF ----

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _pdf(page_streams: list[bytes], catalog_extra: bytes = b"", flate: bool = False,
         kids_extra: bytes = b"") -> bytes:
    """A PDF with one page per content stream (the same stream object shared
    by the pages that pass the same bytes object)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>", 3: FONT}
    n, kids, streams = 4, [], {}
    for stream in page_streams:
        if id(stream) not in streams:
            data = zlib.compress(stream, 9) if flate else stream
            objects[n] = (b"<< /Length %d %s>>\nstream\n" % (
                len(data), b"/Filter /FlateDecode " if flate else b"") + data + b"\nendstream")
            streams[id(stream)] = n
            n += 1
        objects[n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.92 841.92] "
                      b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                      % streams[id(stream)])
        kids.append(n)
        n += 1
    objects[2] = (b"<< /Type /Pages /Kids [" + kids_extra + b" ".join(b"%d 0 R" % k for k in kids)
                  + b"] /Count %d >>" % len(kids))
    out, offsets = bytearray(b"%PDF-1.7\n"), {}
    for k in sorted(objects):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objects[k] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    out += b"".join(b"%010d 00000 n \n" % offsets.get(k, 0) for k in range(1, n))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    return bytes(out)


def _show(items, size: float = 12) -> bytes:
    """Text objects: (x, y from the top, text) each."""
    return "\n".join(f"BT /F1 {size} Tf {x} {841.92 - y} Td ({t}) Tj ET"
                     for x, y, t in items).encode("latin-1")


def _sample_pages() -> list[bytes]:
    lines = [re.sub(r"[\\()]", "", line).encode("latin-1", "replace").decode("latin-1")[:95]
             for line in _text().split("\n") if line.strip()]
    return [_show([(72, 60 + 14 * i, line) for i, line in enumerate(lines[k:k + 50])])
            for k in range(0, len(lines), 50)]


def _pdf_cases() -> dict[str, tuple]:
    body = _show([(72, 100 + 14 * i, f"Paragraph text on a page, line {i}") for i in range(40)])
    words = _show([(20 + (k % 100) * 5.5, 60 + (k // 100) * 3.5, "ab") for k in range(20_000)],
                  size=3)
    return {
        "sample-as-pdf.pdf": (lambda: _pdf(_sample_pages()), "?"),
        "tiny-text-objects.pdf": (lambda: _pdf([_show([(20 + k % 500, 20 + (k // 500) * 0.7, "a")
                                               for k in range(20_000)], size=1)]), "?"),
        "tiny-words-20000.pdf": (lambda: _pdf([words]), "?"),
        "dense-text-50-pages.pdf": (lambda: _pdf([words] * 50), "too much text"),
        "3000-pages.pdf": (lambda: _pdf([body] * 3000), "too many pages"),
        "long-line.pdf": (lambda: _pdf([_show([(72, 100, "word " * 60_000)])]), "?"),
        "nested-arrays.pdf": (lambda: _pdf([body], catalog_extra=b"/X " + b"[" * 100_000
                                           + b"]" * 100_000 + b" "), "?"),
        "nested-save-states.pdf": (lambda: _pdf([b"q " * 100_000 + _show([(72, 100, "text")])
                                                 + b" Q" * 100_000]), "?"),
        "page-tree-cycle.pdf": (lambda: _pdf([body], kids_extra=b"2 0 R "), "?"),
        "many-kerning-items.pdf": (lambda: _pdf([b"BT /F1 12 Tf 72 700 Td ["
                                                 + b"(a) -10 " * 200_000 + b"] TJ ET"]), "?"),
        "flate-bomb-200mb.pdf": (lambda: _pdf([b" " * (200 * 1024 * 1024)
                                               + _show([(72, 100, "text")])], flate=True), "?"),
    }


PDF_CASES = _pdf_cases()


@pytest.mark.parametrize("name", list(PDF_CASES))
def test_bad_pdf_input(name, tmp_path, all_rules):
    make, expected = PDF_CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    _check_both(path, expected, tmp_path, all_rules)


# -------------------------------------------------- a batch, for real ----

def test_a_batch_of_bad_files_in_a_subprocess_never_hangs(tmp_path):
    """The command a pipeline runs, in its own process with a timeout (a hang
    in C code, such as a regular expression, would not stop for pytest):
    every file is answered, in order, with two processes."""
    names = [n for n in TEXT_CASES if n != "10mb-report.txt"]
    for name in names:
        (tmp_path / name).write_bytes(TEXT_CASES[name][0]())
    out = tmp_path / "out.json"
    started = time.perf_counter()
    command = [sys.executable, "-m", "checker", "check", "--format", "json", "--jobs", "2",
               "--output", str(out), *[str(tmp_path / n) for n in names]]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    TIMES["subprocess batch"] = time.perf_counter() - started
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert [Path(f["path"]).name for f in files] == names
    for f in files:
        assert f["error"] is None or (f["error"].strip() and "internal error" not in f["error"])


# ----------------------------------------------------- inputs untouched ----

def _state(folder: Path) -> dict:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir())}


FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A text report, a Word draft and a PDF, read-only, each with a slip."""
    from wordbuild import docx_from_text
    folder = tmp_path_factory.mktemp("inputs")
    text = mutate(_text(), [("\n19. Most children live", "\n18. Most children live")])
    (folder / "report.txt").write_text(text, encoding="utf-8")
    docx_from_text(text, folder / "draft.docx")
    pdf = ROOT / "tests" / "fixtures" / "pdf" / "manchester-2025-09-80521.pdf"
    (folder / "published.pdf").write_bytes(pdf.read_bytes())
    for p in folder.iterdir():
        p.chmod(0o444)
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_inputs_are_never_modified_by_any_format_or_output(fmt, inputs, tmp_path):
    before = _state(inputs)
    files = [str(p) for p in sorted(inputs.iterdir())]
    out = tmp_path / f"out.{fmt}"
    for args in (["check", "--format", fmt, *files],
                 ["check", "--format", fmt, "--output", str(out), *files]):
        run = CliRunner().invoke(main, args)
        assert run.exception is None or isinstance(run.exception, SystemExit), run.output
        assert run.exit_code == 1, run.output
    assert out.stat().st_size > 0
    assert _state(inputs) == before


def test_inputs_are_never_modified_by_baselines_annotation_or_parse(inputs, tmp_path):
    before = _state(inputs)
    files = [str(p) for p in sorted(inputs.iterdir())]
    baseline = tmp_path / "accepted.json"
    runs = [["check", "--write-baseline", str(baseline), *files],
            ["check", "--baseline", str(baseline), *files],
            ["check", "--annotate-docx", str(tmp_path / "annotated.docx"),
             str(inputs / "draft.docx")],
            ["parse", "--format", "json", *files],
            ["parse", *files]]
    for args in runs:
        run = CliRunner().invoke(main, args)
        assert run.exception is None or isinstance(run.exception, SystemExit), run.output
        assert run.exit_code in (0, 1), (args, run.output)
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert (tmp_path / "annotated.docx").stat().st_size > 0
    assert _state(inputs) == before
    # nothing left behind beside the outputs (no temporary files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accepted.json", "annotated.docx"]


@pytest.mark.parametrize("option", ["--output", "--write-baseline", "--annotate-docx"])
def test_no_output_may_overwrite_an_input(option, inputs):
    before = _state(inputs)
    for target in (inputs / "draft.docx", inputs / "." / "draft.docx"):
        run = CliRunner().invoke(main, ["check", option, str(target),
                                        str(inputs / "draft.docx")])
        assert run.exit_code == 2 and "refusing to overwrite" in run.output, run.output
    assert _state(inputs) == before


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_an_output_that_cannot_be_written_is_a_clear_error(option, inputs, tmp_path):
    run = CliRunner().invoke(main, ["check", option, str(tmp_path / "missing" / "out.json"),
                                    str(inputs / "report.txt")])
    assert run.exit_code == 2 and "cannot write" in run.output, run.output
    assert run.exception is None or isinstance(run.exception, SystemExit)


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_outputs_are_replaced_atomically(option, inputs, tmp_path, monkeypatch):
    """A finished output replaces the old one whole; a failed one leaves the
    old one as it was and no temporary file behind."""
    target = tmp_path / "out.json"
    target.write_text("previous", encoding="utf-8")
    args = ["check", "--format", "json", option, str(target), str(inputs / "report.txt")]
    assert CliRunner().invoke(main, args).exit_code in (0, 1)
    written = target.read_text(encoding="utf-8")
    assert written != "previous" and json.loads(written)
    target.write_text("previous", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 2 and "No space left on device" in run.output, run.output
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# ------------------------------------------------ hostile text in outputs ----

PAYLOAD = ("<img src=x onerror=alert(1)> </testcase> ]]> &amp; | *b* `c` "
           "[l](javascript:alert(1)) %0A ::error file=x:: \x1b[2J\x1b]8;;http://evil\x07")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A report whose judgement table row carries the payload: TBL001 quotes it."""
    path = tmp_path_factory.mktemp("hostile") / "hostile <b>.txt"
    path.write_text(mutate(_text(), [(
        "The experiences and progress of care leavers\tRequires",
        f"The experiences and progress of care leavers {PAYLOAD}\tRequires")]),
        encoding="utf-8")
    return path


def _render(fmt: str, path: Path) -> str:
    run = CliRunner().invoke(main, ["check", "--format", fmt, str(path)])
    assert run.exit_code == 1, run.output
    return run.output


def test_hostile_text_is_inert_in_every_output(hostile):
    seen = " ".join(PAYLOAD.replace("\x1b", "\u241b").replace("\x07", "\u2407").split())
    text = _render("text", hostile)
    assert seen in text and "\x1b" not in text and "\x07" not in text   # no terminal escapes
    github = _render("github", hostile)
    assert all(line.startswith(("::", "report-checker: ")) for line in github.splitlines())
    assert sum(line.startswith("::error ") for line in github.splitlines()) == 2
    assert "\x1b" not in github and "%250A" in github
    markdown = _render("markdown", hostile)
    assert "<img" not in markdown and "</testcase>" not in markdown
    import html as html_lib
    page = _render("html", hostile)
    assert "<img" not in page and html_lib.escape(PAYLOAD.split(" </")[0]) in page
    from xml.etree import ElementTree
    junit = ElementTree.fromstring(_render("junit", hostile).encode())
    failures = " ".join(f.text or "" for f in junit.iter("failure"))
    assert PAYLOAD.replace("\x1b", "").replace("\x07", "").split(" %0A")[0] in failures
    for fmt in ("json", "sarif", "gitlab"):   # data: carried exactly, as JSON strings
        assert any(PAYLOAD in s for s in _strings(json.loads(_render(fmt, hostile)))), fmt


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_times_are_recorded():
    """Not a check: prints the times measured above (pytest -s)."""
    for label, seconds in sorted(TIMES.items(), key=lambda kv: -kv[1])[:15]:
        print(f"\n  {seconds:6.2f} s  {label}", end="")


# ------------------------------------------ hostile rule files and config ----

PACK = """\
rules:
  - id: ZZZ001
    name: test-rule
    severity: warning
    kinds: [ilacs]
    check: {check}
    args: {args}
    message: {message}
    docs:
      what: Numbered paragraphs run on.
      why: Citations need them.
      example: "1. 2. 4."
"""
RENUMBERED = [("\n19. Most children live", "\n18. Most children live")]


def _pack(tmp_path: Path, check="paragraph_numbering", args="{}",
          message='"paragraph {{ found }}, expected {{ expected }}"', text=None) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text if text is not None else PACK.format(check=check, args=args,
                                                              message=message),
                    encoding="utf-8")
    return path


def _load_error(path: Path) -> str:
    from checker.datafiles.yamlfile import DataFileError
    from checker.engine.rules import load_rules
    started = time.perf_counter()
    with pytest.raises(DataFileError) as info:
        load_rules((path,), builtin=False)
    assert time.perf_counter() - started < LIMIT
    return str(info.value)


# the brief's classic forms, then the ones a scan for "(...+)+" missed
CATASTROPHIC = [r"(a+)+", r"(a*)*", r"(a|aa)+", r"(\w+\s?)+", r"(.*a){20}",
                r"(a|a)+", r"(a|a?)+b", r"((a+))+", r"(a{2,})+", r"(?:\w+\s+){0,3}x",
                r"(\d+|\d+\.)*x", r"(a|b|ab)*c", r"(a?a?)+b", r"(a|)+b", r"(?i:(?:a|A\w)+)b"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_patterns_are_refused_when_rules_load(pattern, tmp_path):
    message = _load_error(_pack(tmp_path, check="pattern",
                                args=json.dumps({"pattern": pattern}),
                                message='"{{ match }}"'))
    assert "pack.yaml:7: rule ZZZ001: args.pattern:" in message  # the line of args
    assert "exponential time" in message and repr(pattern) in message


@pytest.mark.parametrize("pattern", [r"(?:a|b)+c", r"(?>a|aa)+b", r"(a++)+b", r"(?:ab?)+c",
                                     r"\w+\s+\w+", r"[A-Z0-9].*[.]", r"(?i)(?:A|a)+b",
                                     r"(?:[A-Z]|[A-Z0-9])+x", r"([+*])+", r"(a+){1}"])
def test_patterns_that_cannot_backtrack_exponentially_load(pattern):
    """What Python's re runs is the optimised pattern: `A|a` under (?i), or
    two character sets, become one set; atomic and possessive parts never
    backtrack."""
    from checker.engine.regexes import unsafe_reason as catastrophic
    assert catastrophic(pattern) is None


def test_every_builtin_pattern_passes_the_check():
    from checker.datafiles.yamlfile import load_yaml
    from checker.engine.regexes import unsafe_reason as catastrophic
    from checker.engine.rules import builtin_packs

    def patterns(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from patterns(v, str(k))
        elif isinstance(value, list):
            for v in value:
                yield from patterns(v, key)
        elif isinstance(value, str) and ("pattern" in key or key in ("ignore", "regex")):
            yield value

    found = [p for pack in builtin_packs().values()
             for rule in (load_yaml(pack) or {}).get("rules", [])
             for p in patterns(rule.get("args") or {})]
    assert len(found) > 20
    assert [p for p in found if catastrophic(p)] == []


@pytest.mark.parametrize("tag", ['!!python/object/apply:os.system ["touch {pwned}"]',
                                 "!!python/name:os.system", "!!python/object:builtins.dict {}"])
def test_yaml_is_loaded_safely(tag, tmp_path):
    pwned = tmp_path / "pwned"
    tag = tag.replace("{pwned}", str(pwned))
    text = PACK.format(check="paragraph_numbering", args=tag,
                       message='"{{ found }}"')
    message = _load_error(_pack(tmp_path, text=text))
    assert "could not determine a constructor" in message and "python/" in message
    assert not pwned.exists()
    # the same in a configuration file: a clear error, exit 2, no traceback
    config = tmp_path / ".report-checker.yaml"
    config.write_text(f"select: {tag}\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--config", str(config), str(SAMPLES / SAMPLE)])
    assert run.exit_code == 2 and "configuration:" in run.output, run.output
    assert run.exception is None or isinstance(run.exception, SystemExit)
    assert not pwned.exists()


def test_yaml_duplicate_keys_are_rejected(tmp_path):
    text = PACK.format(check="paragraph_numbering", args="{}", message='"{{ found }}"')
    message = _load_error(_pack(tmp_path, text=text.replace("    severity: warning\n",
                                                            "    severity: warning\n"
                                                            "    severity: error\n")))
    assert "duplicate key 'severity' (first at line 4)" in message
    config = tmp_path / ".report-checker.yaml"
    config.write_text("fail-on: never\nfail-on: error\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--config", str(config), str(SAMPLES / SAMPLE)])
    assert run.exit_code == 2 and "duplicate key 'fail-on'" in run.output, run.output


def test_yaml_alias_bombs_deep_nesting_and_self_reference_are_refused(tmp_path):
    levels = ["      a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [
        f"      a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = PACK.format(check="paragraph_numbering", args="\n" + "\n".join(levels),
                       message='"{{ found }}"')
    assert "aliases expand to more than 1,000,000 values" in _load_error(_pack(tmp_path,
                                                                               text=text))
    text = PACK.format(check="paragraph_numbering", args="[" * 5000 + "]" * 5000,
                       message='"{{ found }}"')
    assert "nesting depth" in _load_error(_pack(tmp_path, text=text))
    text = PACK.format(check="paragraph_numbering", args="&a {x: *a}", message='"{{ found }}"')
    assert "recursive" in _load_error(_pack(tmp_path, text=text))


ESCAPES = ["{{ ''.__class__ }}", "{{ cycler.__init__.__globals__ }}",
           "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ lipsum.__globals__ }}",
           "{{ found|attr('__class__') }}", "{{ '{0.__class__}'.format(found) }}",
           "{{ self.__init__ }}", "{{ namespace.__init__.__globals__ }}",
           "{{ joiner.__init__.__globals__['os'] }}", "{{ range.__self__ }}",
           "{{ found.__class__.__base__.__subclasses__() }}", "{{ expected.real.__class__ }}"]


@pytest.mark.parametrize("template", ESCAPES)
def test_message_templates_cannot_reach_python(template, tmp_path):
    from checker.api import check_text
    from checker.engine.rules import load_rules
    rules = load_rules((_pack(tmp_path, message=json.dumps(template + " {{ found }}")),),
                       builtin=False)
    [d] = check_text(mutate(_text(), RENUMBERED), rules=rules).diagnostics
    assert d.message.startswith("(message template of ZZZ001 failed:"), d.message
    assert "unsafe" in d.message or "has no attribute" in d.message, d.message
    for leak in ("<class", "<function", "<module", "<built-in", "__builtins__", "subprocess"):
        assert leak not in d.message, d.message


@pytest.mark.parametrize("template", [
    "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    "{% for a in found|string %}{% for b in found|string %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{% call(x) range(3) %}{% endcall %}"])
def test_templates_that_could_run_for_hours_are_refused_when_rules_load(template, tmp_path):
    message = _load_error(_pack(tmp_path, message=json.dumps(template)))
    assert "loops inside loops, macros and call blocks are not allowed" in message


def test_template_ranges_and_output_are_capped(tmp_path):
    """One loop over a capped range, with a filter over another inside,
    stays within a second; a large range is refused, not built."""
    from checker.api import check_text
    from checker.engine.rules import load_rules
    for template, expected in [
            ("{% for a in range(100000) %}{{ range(100000)|sum }}{% endfor %}",
             "asked for a range of 100000 items"),
            ("{{ range(10**9)|list }}", "asked for a range of 1000000000 items"),
            ("{% for a in range(2000) %}{{ range(2000)|sum }}{% endfor %}", "19990001999000")]:
        rules = load_rules((_pack(tmp_path, message=json.dumps(template)),), builtin=False)
        started = time.perf_counter()
        [d] = check_text(mutate(_text(), RENUMBERED), rules=rules).diagnostics
        assert time.perf_counter() - started < 5
        assert expected in d.message and len(d.message) <= 2000, d.message[:200]


def test_a_pdf_whose_pages_take_too_long_to_open_is_refused(monkeypatch, tmp_path):
    """Sixty pages of gigabyte-inflating streams fit in 64 MB and would take
    minutes: opening pages has a time budget (here none, so it trips)."""
    import checker.reading.pdf
    monkeypatch.setattr(checker.reading.pdf, "MAX_SECONDS", -1.0)
    pdf = ROOT / "tests" / "fixtures" / "pdf" / "manchester-2025-09-80521.pdf"
    result = check_file(pdf)
    assert result.error.startswith("the PDF's pages take too long to open (over -1 s for 1 of")


@pytest.mark.parametrize("name", ["2mb-report.txt", "abbreviation-storm-10000.txt"])
def test_every_format_renders_large_results_in_bounded_time(name, tmp_path, all_rules):
    """Thousands of findings on one line, and one paragraph of thousands of
    lines (numbers past 999 are text: the grammar numbers paragraphs with up
    to three digits), in every format. The HTML page's marked text and its
    sentence excerpts were quadratic in these (20 s, 70 s)."""
    import importlib

    from checker.output.render import render_json, render_text
    text = _report_of(size=2 * 1024 * 1024) if name.startswith("2mb") else _replace_line(
        "1. ", "1. Children (" + "ABC (DEF) " * 10_000)
    path = _write(tmp_path / name, text)
    result = _bounded(f"api {name}", lambda: check_file(path, rules=all_rules))
    assert result.error is None and len(result.diagnostics) > 300
    _bounded(f"text {name}", lambda: render_text([result], show_info=True))
    _bounded(f"json {name}", lambda: render_json([result]))
    for fmt in ("sarif", "github", "gitlab", "markdown", "html"):
        module = importlib.import_module(f"checker.output.{fmt}")
        _bounded(f"{fmt} {name}", lambda module=module: module.render([result], all_rules))
    junit = importlib.import_module("checker.output.junit")
    _bounded(f"junit {name}", lambda: junit.render([result], {result.path: all_rules}))


def test_a_sentence_in_a_later_line_of_a_block_points_at_its_own_line():
    """Block.slice kept the block's FIRST line for a slice starting in a later
    line (a sentence after a hard wrap or page break pointed at the wrong line);
    it also walked every line per slice, quadratic in a long paragraph."""
    from checker.parsing.model import Block, Piece, Span
    text = "First line text. More words second line here. Third sentence on line two."
    block = Block(text, Span(10, 1, 11, 40), (Piece(0, 10, 1), Piece(28, 11, 1)))
    third = block.sentences()[-1]
    assert third.text.startswith("Third") and third.position(0) == (11, 19)
    assert third.position(6) == block.position(text.index("sentence")) == (11, 25)
    many = Block("Word. " * 50_000, Span(1, 1, 50_000, 6),
                 tuple(Piece(6 * k, k + 1, 1) for k in range(50_000)))
    sentences = _bounded("50,000 sentences of a 50,000-line block", many.sentences)
    assert len(sentences) == 50_000 and sentences[-1].position(0) == (50_000, 1)
