"""A time-bounded fuzz run: hypothesis makes inputs until FUZZ_SECONDS are spent.

Inputs: arbitrary bytes as .txt, .pdf and .docx (raw, behind a PDF header,
or as parts of a zip); real reports mutated (lines deleted, duplicated,
swapped, truncated or joined, hostile characters inserted, numbers changed,
re-encoded); real Word drafts with bytes of document.xml flipped, inserted or
deleted, elements cut or repeated; real PDFs with bytes overwritten. For
every input `check_file` must give a report or a clear error of the file's
(never "internal error"), within PER_INPUT seconds, with every position in
the file, and every output format must render it.

FUZZ_SECONDS (default 10) is the whole budget, shared between the kinds of
input; CI sets 120. `python benchmarks/fuzz.py --minutes N` runs the same
properties for longer and keeps the failing inputs.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from conftest import CONSTRUCTED, CORPUS_TEXT, ROOT, SAMPLES, damage_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS", "10"))
PER_INPUT = 20.0      # seconds: generous on a shared 2-core machine
TEXTS = sorted(SAMPLES.glob("*.txt")) + sorted(CORPUS_TEXT.glob("*.txt")) + \
    sorted(CONSTRUCTED.glob("*.txt"))
PDFS = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
# invisible, bidi, combining, control, odd spaces and quotes, bullets, noncharacters
HOSTILE = ("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066"
           "\u2067\u2068\u2069\u061c\u0301\u0323\u0f73\u00a0\u202f\u2007\u2018\u2019\u201c"
           "\u201d\u2022\uf0b7\u25aa\ufffe\uffff\ufffd\x00\x01\x07\x0b\x0c\x1b\x7f\x85"
           "\u2028\u2029\t\r\n\f()[]{}<>&|*_`\\:.0123456789-")


@dataclass
class Stats:
    """Inputs tried and failures found, by kind of input."""

    tried: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    save_to: Path | None = None

    def count(self, kind: str) -> None:
        self.tried[kind] = self.tried.get(kind, 0) + 1


STATS = Stats(save_to=Path(os.environ["FUZZ_SAVE"]) if os.environ.get("FUZZ_SAVE") else None)


# ------------------------------------------------------------ the check ----

def _rules():
    from checker.engine.rules import load_rules
    return load_rules()


def check_input(kind: str, name: str, data: bytes, workdir: Path) -> None:
    """The property every input must have. On failure the input is saved
    (when STATS.save_to is set) and the assertion re-raised."""
    from checker.api import check_file
    STATS.count(kind)
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / name
    path.write_bytes(data)
    try:
        started = time.perf_counter()
        result = check_file(path, rules=_rules())
        elapsed = time.perf_counter() - started
        assert elapsed < PER_INPUT, f"took {elapsed:.1f} s"
        assert (result.error is None) != (result.report is None), result
        if result.error is not None:
            assert result.error.strip(), "an empty reason"
            assert "internal error" not in result.error, result.error
        lines = len(result.source.original_lines) if result.source is not None else 0
        if result.error_line is not None:
            assert 1 <= result.error_line <= lines + 1, (result.error_line, lines)
        for d in result.diagnostics:
            assert 1 <= d.line <= max(lines, 1) and d.column >= 1, (d, lines)
        _render_all(result)
        assert path.read_bytes() == data, "the input was written to"
    except BaseException as exc:
        if not isinstance(exc, (KeyboardInterrupt, SystemExit)):
            _save(kind, name, data, exc)
        raise


def _render_all(result) -> None:
    """Every output format renders the result (with hostile text in it)."""
    import importlib
    import json

    from checker.output.render import render_json, render_text
    rules = _rules()
    render_text([result], show_info=True)
    json.loads(render_json([result]))
    for fmt in ("sarif", "github", "gitlab", "markdown", "html"):
        module = importlib.import_module(f"checker.output.{fmt}")
        module.render([result], rules)
    importlib.import_module("checker.output.junit").render([result], {result.path: rules})


def _save(kind: str, name: str, data: bytes, exc: BaseException) -> None:
    digest = hashlib.sha1(data).hexdigest()[:12]
    reason = f"{type(exc).__name__}: {exc}"[:2000]
    STATS.failures.append((kind, name, digest, reason))
    if STATS.save_to is not None:
        STATS.save_to.mkdir(parents=True, exist_ok=True)
        target = STATS.save_to / f"{kind}-{digest}{Path(name).suffix}"
        target.write_bytes(data)
        target.with_suffix(target.suffix + ".reason.txt").write_text(reason, encoding="utf-8")


# -------------------------------------------------------------- inputs ----

SUFFIXES = st.sampled_from([".txt", ".md", ".pdf", ".docx"])


@st.composite
def arbitrary_bytes(draw):
    """Raw bytes, or bytes behind the start of a PDF, a zip, a BOM."""
    head = draw(st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf",
                                 b"\xff\xfe", b"{\\rtf1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
    body = draw(st.binary(max_size=3000))
    tail = draw(st.sampled_from([b"", b"\n%%EOF\n"]))
    return f"bytes{draw(SUFFIXES)}", head + body + tail


@st.composite
def zip_of_parts(draw):
    """A .docx-shaped zip whose parts are arbitrary (or nearly Word) bytes."""
    names = ["[Content_Types].xml", "_rels/.rels", "word/document.xml",
             "word/_rels/document.xml.rels", "word/numbering.xml", "word/styles.xml"]
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for part in chosen:
            z.writestr(part, draw(st.one_of(st.binary(max_size=400), st.sampled_from([
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>'
                b"</w:body></w:document>", b"<Types/>", b"<a>" * 300]))))
    return "zip.docx", buffer.getvalue()


_TEXT_CACHE: dict[Path, str] = {}


def _text(path: Path) -> str:
    if path not in _TEXT_CACHE:
        _TEXT_CACHE[path] = path.read_text(encoding="utf-8")
    return _TEXT_CACHE[path]


def _damage_within(draw, lines, i, op) -> None:
    """Damage inside line i: hostile characters inserted or replacing one,
    up to 5,000 times over; or a number made extreme."""
    if op in ("insert", "replace"):
        line = lines[i]
        at = draw(st.integers(0, len(line)))
        chars = draw(st.text(alphabet=HOSTILE, min_size=1, max_size=5)) * draw(
            st.sampled_from([1, 1, 1, 50, 5000]))
        lines[i] = line[:at] + chars + line[at + (1 if op == "replace" else 0):]
    elif op == "number":
        numbers = list(re.finditer(r"\d+", lines[i]))
        if numbers:
            m = draw(st.sampled_from(numbers))
            new = str(draw(st.sampled_from([0, 1, 999, 1000, 10**6, 10**18, 29, 31, 2019,
                                            2024, 10**40])))
            lines[i] = lines[i][:m.start()] + new + lines[i][m.end():]


@st.composite
def mutated_text(draw):
    """A real report with a few mutations, in a plausible encoding."""
    path = draw(st.sampled_from(TEXTS))
    ops = ("delete", "duplicate", "swap", "truncate", "join", "insert", "number", "replace")
    lines = damage_lines(draw, _text(path).split("\n"), ops, 8, _damage_within)
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    data = text.replace("\n", ending).encode(encoding, errors="replace" if encoding == "cp1252"
                                             else "surrogatepass")
    return f"{path.stem}{draw(st.sampled_from(['.txt', '.md']))}", data


_DOCX_CACHE: dict[str, bytes] = {}


def base_docx(name: str) -> bytes:
    """A real report rebuilt as a Word draft (tests/wordbuild.py), once."""
    if name not in _DOCX_CACHE:
        import tempfile

        from wordbuild import docx_from_text
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "draft.docx"
            docx_from_text(_text(SAMPLES / name), path)
            _DOCX_CACHE[name] = path.read_bytes()
    return _DOCX_CACHE[name]


DOCX_BASES = ["rochdale-ilacs-2023.txt", "rochdale-jtai-2024.txt"]


@st.composite
def mutated_docx(draw):
    """A real Word draft with its document.xml (or numbering.xml, or the zip
    itself) damaged: bytes flipped, inserted or deleted, a paragraph repeated
    or its end cut."""
    data = base_docx(draw(st.sampled_from(DOCX_BASES)))
    where = draw(st.sampled_from(["word/document.xml", "word/document.xml", "word/numbering.xml",
                                  "zip"]))
    if where == "zip":
        raw = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(raw) - 1))
            raw[at] ^= draw(st.integers(1, 255))
        return "flipped-zip.docx", bytes(raw)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, part in parts:
            if name == where:
                part = _damage_xml(draw, part)
            z.writestr(name, part)
    return f"damaged-{Path(where).stem}.docx", out.getvalue()


def _damage_xml(draw, xml: bytes) -> bytes:
    raw = bytearray(xml)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]))
        at = draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            raw[at:at] = draw(st.sampled_from([b"<", b">", b"&", b"\x00", b"]]>", b"<w:p>",
                                               b"</w:p>", b"<w:numPr><w:ilvl w:val=\"8\"/>"
                                               b"<w:numId w:val=\"100\"/></w:numPr>",
                                               "\u202e".encode(), b"&#0;", b"&#xD800;"]))
        elif op == "delete":
            del raw[at:at + draw(st.integers(1, 40))]
        elif op in ("repeat", "cut"):
            start = raw.find(b"<w:p>", at)
            end = raw.find(b"</w:p>", start)
            if start >= 0 and end >= 0:
                piece = raw[start:end + 6]
                if op == "repeat":
                    raw[start:start] = piece * draw(st.sampled_from([1, 2, 100]))
                else:
                    del raw[end:end + 6]
    return bytes(raw)


@st.composite
def mutated_pdf(draw):
    """A real report PDF with a few runs of bytes overwritten."""
    path = draw(st.sampled_from(PDFS))
    raw = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw) - 1))
        chunk = draw(st.binary(min_size=1, max_size=8))
        raw[at:at + len(chunk)] = chunk
    return path.stem + ".pdf", bytes(raw)


KINDS = {"bytes": arbitrary_bytes(), "zip": zip_of_parts(), "text": mutated_text(),
         "docx": mutated_docx(), "pdf": mutated_pdf()}


# ------------------------------------------------------------ the runs ----

def run_for(seconds: float, workdir: Path, batch: int = 10, kinds=tuple(KINDS),
            keep_going: bool = False) -> Stats:
    """Run the properties in turn, `batch` examples at a time, until
    `seconds` are spent. A failure stops the run (hypothesis shrinks it and
    reports it) unless keep_going, which records it and goes on."""
    stop = time.monotonic() + seconds
    properties = {kind: _property(kind, workdir, batch) for kind in kinds}
    rounds = 0
    while rounds == 0 or time.monotonic() < stop:   # every kind at least once
        rounds += 1
        for kind in kinds:
            if rounds > 1 and time.monotonic() >= stop:
                break
            try:
                properties[kind]()
            except Exception:  # noqa: BLE001 - recorded by check_input
                if not keep_going:
                    raise
    return STATS


def _property(kind: str, workdir: Path, batch: int):
    @settings(max_examples=batch, deadline=None, derandomize=False, database=None,
              suppress_health_check=list(HealthCheck))
    @given(KINDS[kind])
    def prop(named):
        name, data = named
        check_input(kind, name, data, workdir / kind)
    return prop


def test_fuzz_for_the_time_budget(tmp_path):
    """FUZZ_SECONDS of hypothesis over every kind of input (see the module)."""
    stats = run_for(FUZZ_SECONDS, tmp_path)
    print(f"\nfuzz: {sum(stats.tried.values())} inputs in {FUZZ_SECONDS:.0f} s: "
          + ", ".join(f"{k} {v}" for k, v in stats.tried.items()))
    assert all(stats.tried.get(kind) for kind in KINDS)
    assert not stats.failures, stats.failures
