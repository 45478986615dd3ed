"""The PDF reader on three published reports (tests/fixtures/pdf/) and on bad PDFs.

What is checked: the text comes out in the layout the grammar reads (and, for the two
reports that have a text fixture, exactly that fixture); the reports parse with the right
judgements, grades, headings and paragraph numbers; every line's place ("page P, line L")
names the PDF line it starts with, checked against an independent re-extraction of that
page; bad input (truncated, not a PDF, damaged, encrypted, no text layer, empty) is an
InputError with a reason; the input file is never changed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS_TEXT, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import check_file, load
from checker.reading.pdf import read_pdf
from checker.reading.readers import read_document
from checker.reading.source import InputError

PDFS = Path(__file__).resolve().parent / "fixtures" / "pdf"
LANCASHIRE = PDFS / "lancashire-2026-05-80480.pdf"
WEST_SUSSEX = PDFS / "west-sussex-2019-02-80578.pdf"
MANCHESTER = PDFS / "manchester-2025-09-80521.pdf"
ALL = [LANCASHIRE, WEST_SUSSEX, MANCHESTER]

LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
IN_CARE = "The experiences and progress of children in care"
CARE_LEAVERS = "The experiences and progress of care leavers"


@pytest.fixture(scope="module")
def sources():
    return {path.name: read_pdf(path) for path in ALL}


def _text(source) -> str:
    """What the reader produced (SourceText.text is that, normalised: straight quotes ...)."""
    return "\n".join(source.original_lines) + "\n"


# ----------------------------------------------------------------- layout ----

@pytest.mark.parametrize("pdf, text", [
    (LANCASHIRE, "lancashire-ilacs-2026.txt"),
    (MANCHESTER, "manchester-ilacs-2025.txt"),
])
def test_text_is_the_reflowed_fixture(sources, pdf, text):
    """The two reports with a hand-checked text fixture read to exactly that text."""
    assert _text(sources[pdf.name]) == (CORPUS_TEXT / text).read_text(encoding="utf-8")


def test_running_footers_footnotes_and_page_numbers_are_gone(sources):
    text = _text(sources[LANCASHIRE.name])
    # the footer repeats the title on every page but the first: only the title is left
    assert text.count("Inspection of Lancashire local authority children’s services") == 1
    assert not re.search(r"^11 to 22 May 2026 \d+$", text, re.M)
    assert "cross-referenced with the outcomes" not in text          # footnote text
    assert "\nWhat needs to improve?1\n" in text                     # its marker stays
    assert not any(line.strip().isdigit() for line in sources[WEST_SUSSEX.name].original_lines)
    # a paragraph running over a page break is one line, joined across the footer
    assert re.search(r"^Support is provided at the right time .* improved "
                     r"information-sharing\. Leaders have strong levels of oversight", text, re.M)


def test_wrapped_table_cells_and_headings_are_rejoined(sources):
    lines = list(sources[WEST_SUSSEX.name].original_lines)
    table = lines[lines.index("Judgement\tGrade"):][:5]
    assert table == ["Judgement\tGrade",
                     f"{LEADERS}\tInadequate",
                     f"{HELP}\tInadequate",
                     "The experiences and progress of children in care and care leavers"
                     "\tInadequate",
                     "Overall effectiveness\tInadequate"]
    assert f"{HELP} is inadequate" in lines                       # a sentence heading
    assert "Lead inspector: Linda Steele" in lines                # title on its own line:
    assert "Her Majesty’s Inspector" in lines                     # as the PDF prints it
    rows = [ln for ln in sources[LANCASHIRE.name].original_lines if "\t" in ln]
    assert rows[1:] == [f"{LEADERS}\tOutstanding", f"{HELP}\tGood",
                        f"{IN_CARE}\tGood", f"{CARE_LEAVERS}\tOutstanding"]
    # a heading the PDF wraps over two lines
    assert f"{HELP}: good" in sources[LANCASHIRE.name].original_lines


def test_bullets_and_paragraph_numbers(sources):
    lines = list(sources[WEST_SUSSEX.name].original_lines)
    items = [ln for ln in lines if ln.startswith("- ")]
    assert len(items) == 12 and items[0].startswith("- The infrastructure and services")
    assert not any(ch in "".join(lines) for ch in "◼\uf06e\ufffe")
    numbers = [int(m.group(1)) for ln in lines if (m := re.match(r"(\d+)\. \S", ln))]
    assert numbers == list(range(1, 46))


# ------------------------------------------------------------------ parse ----

EXPECTED = {
    LANCASHIRE.name: dict(
        framework="ilacs-2026", authority="Lancashire",
        lead="Rachel Fairhurst, His Majesty's Inspector", dates=("2026-05-11", "2026-05-22"),
        rows=[("leadership", "outstanding"), ("help_and_protection", "good"),
              ("children_in_care", "good"), ("care_leavers", "outstanding")],
        sections=[("help_and_protection", "good", 1, 21), ("children_in_care", "good", 22, 41),
                  ("care_leavers", "outstanding", 42, 51), ("leadership", "outstanding", 52, 66)],
        improvements=3),
    WEST_SUSSEX.name: dict(
        framework="ilacs-2018", authority="West Sussex County Council",
        lead="Linda Steele, Her Majesty's Inspector", dates=("2019-02-25", "2019-03-08"),
        rows=[("leadership", "inadequate"), ("help_and_protection", "inadequate"),
              ("children_in_care", "inadequate"), ("overall_effectiveness", "inadequate")],
        sections=[("help_and_protection", "inadequate", 1, 17),
                  ("children_in_care", "inadequate", 18, 32),
                  ("leadership", "inadequate", 33, 45)],
        improvements=12),
    MANCHESTER.name: dict(
        framework="ilacs-2023", authority="Manchester",
        lead="Sophie Wales, His Majesty's Inspector", dates=("2025-09-22", "2025-10-03"),
        # the misnamed row "... of children care leavers" is no judgement of the framework
        rows=[("leadership", "outstanding"), ("help_and_protection", "good"),
              ("children_in_care", "outstanding"), (None, "outstanding"),
              ("overall_effectiveness", "outstanding")],
        # "The experiences of children in care" names no judgement exactly either:
        # it is read as the judgement it misses by a slip (judgement_exact False)
        sections=[("help_and_protection", "good", 1, 17),
                  ("children_in_care", "outstanding", 18, 35),
                  ("care_leavers", "outstanding", 36, 51), ("leadership", "outstanding", 52, 62)],
        improvements=1),
}


@pytest.mark.parametrize("pdf", ALL, ids=lambda p: p.stem)
def test_parses_with_judgements_grades_and_paragraphs(pdf):
    want = EXPECTED[pdf.name]
    result = load(pdf)
    assert result.error is None, result.error
    report = result.report
    assert (result.kind, result.framework) == ("ilacs", want["framework"])
    assert report.authority == want["authority"]
    assert report.lead_inspector == want["lead"]
    assert (report.dates.start.isoformat(), report.dates.end.isoformat()) == want["dates"]
    assert [(r.judgement, r.grade) for r in report.judgements] == want["rows"]
    assert [(s.judgement, s.grade, s.paragraphs[0].number, s.paragraphs[-1].number)
            for s in report.sections] == want["sections"]
    numbers = [p.number for p in report.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(report.improvements) == want["improvements"]


def test_findings_on_a_pdf_carry_page_and_line():
    result = check_file(MANCHESTER)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.rule, d.line, result.place(d.line)) for d in errors] == [
        ("TBL001", 11, "page 1, line 15")]
    assert result.to_json()["diagnostics"][0]["place"] == "page 1, line 15"



def test_the_text_report_gives_related_notes_their_page_and_line():
    """A note beside a finding points where the reader's PDF shows it, as
    the finding's own sentence does: "(table, page 1, line 12)" and
    "= page 1, line 12", not "= line 10"."""
    from checker.output.render import render_text

    text = render_text([check_file(MANCHESTER)])
    assert "(table, page 1, line 12)" in text
    assert "    = page 1, line 12: the table names it so" in text
    assert "= line " not in text


def test_reader_dispatch_by_extension(tmp_path):
    copy = tmp_path / "REPORT.PDF"
    shutil.copyfile(WEST_SUSSEX, copy)
    assert read_document(copy).text == read_pdf(WEST_SUSSEX).text


# ----------------------------------------------------------------- places ----

def _reextract(path: Path) -> list[list[str]]:
    """Each page's lines by an independent route: PDFium's plain text split at its line ends,
    blank lines dropped, the running header/footer lines (text that, numbers aside, recurs at
    the top or bottom of at least half the pages) stripped from each page's start and end,
    and lines that are only a number (page numbers, superscript footnote markers) dropped."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        pages = [[ln for ln in page.get_textpage().get_text_range().split("\r\n") if ln.strip()]
                 for page in doc]
    finally:
        doc.close()

    def key(line):
        return re.sub(r"[\d\s]+", " ", line).strip()

    counts = Counter(k for page in pages for k in {key(ln) for ln in page[:3] + page[-3:]})
    running = {k for k, n in counts.items() if n * 2 >= len(pages)}

    def dropped(line):
        return key(line) in running or line.strip().isdigit()

    out = []
    for page in pages:
        while page and dropped(page[0]):
            page = page[1:]
        while page and dropped(page[-1]):
            page = page[:-1]
        out.append([ln for ln in page if not ln.strip().isdigit()])
    return out


def _squash(s: str) -> str:
    """Text compared without whitespace, bullet glyphs or "- " (layout only)."""
    s = re.sub(r"\s+", "", s.replace("\ufffe", "-"))
    return s.lstrip("◼\uf06e•").removeprefix("-")


def _place(place: str) -> tuple[int, int]:
    page, line = re.fullmatch(r"page (\d+), line (\d+)", place).groups()
    return int(page), int(line)


@pytest.mark.parametrize("pdf", ALL, ids=lambda p: p.stem)
def test_every_place_points_at_the_line_it_starts_with(sources, pdf):
    source = sources[pdf.name]
    pages = _reextract(pdf)
    assert len(source.places) == len(source.lines)
    checked = 0
    for line, place in zip(source.original_lines, source.places):
        if not line:
            assert place == ""
            continue
        page, n = _place(place)
        pdf_line = pages[page - 1][n - 1]
        assert _squash(line).startswith(_squash(pdf_line)), (place, pdf_line, line[:80])
        checked += 1
    assert checked > 80


def test_page_2_line_5(sources):
    """A person counting down page 2 of the Lancashire PDF finds line 5 where we say."""
    source = sources[LANCASHIRE.name]
    i = source.places.index("page 2, line 5")
    assert source.original_lines[i] == "What needs to improve?1"
    assert _reextract(LANCASHIRE)[1][4] == "What needs to improve?1"
    # and the misnamed Manchester row: page 1, line 15 starts it, line 16 ends it
    page1 = _reextract(MANCHESTER)[0]
    assert [page1[14].strip(), page1[15].strip()] == ["The experiences and progress of",
                                                      "children care leavers"]


# ------------------------------------------------------------- bad input ----

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reason(path) -> str:
    with pytest.raises(InputError) as info:
        read_pdf(path)
    # the checker's API turns it into the file's error, never an exception
    result = check_file(path)
    assert result.error == info.value.reason and result.report is None
    return info.value.reason


def test_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    data = LANCASHIRE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _reason(path)


def test_text_file_renamed_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    shutil.copyfile(SAMPLES / "rochdale-ilacs-2023.txt", path)
    assert "not a PDF" in _reason(path)


def test_damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4000).replace(b"%%EOF", b"") + b"\n%%EOF\n")
    assert "damaged" in _reason(path)


def _encrypt(tmp_path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(WEST_SUSSEX))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    path = tmp_path / f"encrypted-{bool(user_password)}.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    return path


def test_encrypted_pdf_needing_a_password(tmp_path):
    assert "password" in _reason(_encrypt(tmp_path, "secret"))


def test_pdf_with_owner_password_only_is_read_like_any_viewer_would(tmp_path):
    """Restrictions without an opening password: every viewer shows the text; so do we."""
    assert _text(read_pdf(_encrypt(tmp_path, ""))) == _text(read_pdf(WEST_SUSSEX))


def test_pdf_without_text_blank_page(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595.92, 841.92)
    path = tmp_path / "blank.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert "no text" in _reason(path)


def test_scanned_pdf_image_only(tmp_path):
    image = pytest.importorskip("PIL.Image")
    path = tmp_path / "scan.pdf"
    image.new("L", (595, 842), 200).save(path, "PDF")
    assert "no text" in _reason(path)


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert _reason(empty) == "empty file"
    assert _reason(tmp_path / "missing.pdf") == "no such file"
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert _reason(folder) == "is a directory"


def _pdf_with_text(lines: list[tuple[float, float, float, str]]) -> bytes:
    """A one-page A4 PDF in Helvetica: (x, y from the top, size, text) per line."""
    ops = []
    for x, y, size, text in lines:
        text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf {x} {841.92 - y} Td ({text}) Tj ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.92 841.92] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_pdf_with_only_a_page_number(tmp_path):
    path = tmp_path / "number.pdf"
    path.write_bytes(_pdf_with_text([(500, 800, 20, "1")]))
    assert "no text" in _reason(path)


def test_pdf_without_a_judgement_table_is_read_as_paragraphs(tmp_path):
    """A letter (no table): paragraphs are found by vertical gaps; no exception."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(_pdf_with_text([
        (72, 100, 12, "Dear Ms Smith"),
        (72, 130, 12, "This letter summarises the findings of the focused visit to"),
        (72, 144, 12, "the children's services on 1 May 2019."),
        (72, 174, 12, "Yours sincerely"),
        (500, 800, 20, "1"),
    ]))
    source = read_pdf(path)
    assert list(source.original_lines) == ["Dear Ms Smith", "",
                            "This letter summarises the findings of the focused visit to the "
                            "children's services on 1 May 2019.", "", "Yours sincerely"]
    assert source.places == ("page 1, line 1", "", "page 1, line 2", "", "page 1, line 4")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10**9), st.binary(min_size=1, max_size=8)),
                min_size=1, max_size=6))
def test_corrupted_pdf_bytes_give_text_or_input_error(tmp_path, patches):
    """Bytes overwritten anywhere in a real report: a SourceText or an InputError."""
    data = bytearray(WEST_SUSSEX.read_bytes())
    for at, chunk in patches:
        at %= len(data)
        data[at:at + len(chunk)] = chunk
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(bytes(data))
    try:
        source = read_pdf(path)
    except InputError as exc:
        assert exc.reason
    else:
        assert source.text.endswith("\n")


# ------------------------------------------------------------ never writes ----

def test_input_file_is_never_changed(tmp_path):
    path = tmp_path / "report.pdf"
    shutil.copyfile(MANCHESTER, path)
    os.chmod(path, 0o444)   # a read-only original is read all the same
    before = (_sha(path), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    read_pdf(path)
    check_file(path)
    assert (_sha(path), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path))) == before
    assert _sha(path) == _sha(MANCHESTER)


def test_parse_gives_sub_bulleted_items_as_the_reader_sees_them(tmp_path):
    """A letter PDF whose first item ends ':' with two '–' sub-items: `parse`
    shows two items, the sub-items inside the first (issue 12)."""
    from click.testing import CliRunner

    from checker.cli import main

    path = tmp_path / "letter.pdf"
    path.write_bytes(_pdf_with_text([
        (72, 80, 12, "9 February 2019"),
        (72, 110, 12, "Dear Ms Smith"),
        (72, 140, 14, "Focused visit to Rochdale children's services"),
        (72, 170, 12, "This letter summarises the findings of a focused visit to Rochdale "
                      "children's"),
        (72, 184, 12, "services on 9 and 10 January 2019. The inspectors were Ann Other, HMI."),
        (72, 214, 14, "What needs to improve in this area of social work practice"),
        (72, 244, 12, "\u2022 The quality of practice for:"),
        (90, 258, 12, "\u2013 children in need"),
        (90, 272, 12, "\u2013 children on child protection plans"),
        (72, 286, 12, "\u2022 The timeliness of assessments."),
        (72, 316, 14, "Findings"),
        (72, 346, 12, "Practice for children in need and on child protection plans varies."),
        (72, 376, 12, "Assessments are not always timely."),
        (72, 406, 12, "Yours sincerely"),
    ]))
    out = CliRunner().invoke(main, ["parse", str(path)])
    assert out.exit_code == 0, out.output
    assert "what needs to improve: 2 items" in out.output
    assert ("1. The quality of practice for: \u2013 children in need \u2013 children on child "
            "protection plans\n") in out.output
    assert "2. The timeliness of assessments.\n" in out.output


def test_numbered_paragraphs_at_a_second_indent_are_paragraphs_of_their_own(tmp_path):
    """Paragraphs 3 and 4 set at a deeper indent, with no gap before them:
    each is its own numbered paragraph, not more of paragraph 2 (issue 12:
    a published report read that way drew a false 'paragraphs 10 to 15
    missing'). A wrapped line that only starts with a number stays wrapped."""
    path = tmp_path / "indented.pdf"
    path.write_bytes(_pdf_with_text([
        (72, 100, 12, "1. Leaders know their services well."),
        (72, 114, 12, "2. Social workers visit children regularly and the children they"),
        (90, 128, 12, "see are aged"),
        (90, 142, 12, "3. or over, in most cases."),
        (100, 156, 12, "3. Plans are clear."),
        (100, 170, 12, "4. Reviews are timely."),
        (72, 184, 12, "5. Care leavers are well supported."),
    ]))
    lines = [line for line in read_pdf(path).original_lines if line]
    assert lines == [
        "1. Leaders know their services well.",
        "2. Social workers visit children regularly and the children they see are aged 3. or "
        "over, in most cases.",
        "3. Plans are clear.", "4. Reviews are timely.", "5. Care leavers are well supported."]
