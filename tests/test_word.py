"""Word drafts: numbers as Word displays them, the report layout, places, bad
files, the samples as Word drafts, and annotated copies with Word comments."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES
from docx.oxml.ns import qn
from wordbuild import BULLETS, DECIMAL, Level, WordBuilder, docx_from_text

from checker.api import check_file
from checker.reading.source import InputError
from checker.reading.word import AnnotateError, annotate_docx, format_number, read_docx

ILACS_SAMPLES = ("rochdale-ilacs-2023.txt", "oldham-ilacs-2019.txt")


def lines_of(builder: WordBuilder, tmp_path, name="draft.docx") -> list[str]:
    return read_docx(builder.save(tmp_path / name)).lines


def non_blank(lines):
    return [line for line in lines if line]


# ------------------------------------------------------------ numbering ----

def test_numbers_on_the_paragraph(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    for text in ("First.", "Second.", "Third."):
        b.paragraph(text, num=n, level=0)
    assert non_blank(lines_of(b, tmp_path)) == ["1. First.", "2. Second.", "3. Third."]


def test_numbers_through_a_style_and_its_basedon_chain(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    b.numbered_style("Para base", n, 0)
    b.numbered_style("Para", based_on="Para base")           # numbered only through basedOn
    b.numbered_style("Para sub", level=1, based_on="Para")   # level from the style, list inherited
    b.paragraph("Through the base style.", style="Para base")
    b.paragraph("Through basedOn.", style="Para")
    b.paragraph("A sub-item.", style="Para sub")
    b.paragraph("Through basedOn again.", style="Para")
    assert non_blank(lines_of(b, tmp_path)) == [
        "1. Through the base style.", "2. Through basedOn.", "a) A sub-item.",
        "3. Through basedOn again."]


def test_builtin_list_number_style_level_from_pstyle_link(tmp_path):
    # python-docx's template: "List Number" has numPr/numId without ilvl; the
    # level is the one linked to the style, as in Word's own Normal.dotm.
    b = WordBuilder()
    b.paragraph("One.", style="List Number")
    b.paragraph("Two.", style="List Number")
    b.paragraph("Bullet.", style="List Bullet")
    assert non_blank(lines_of(b, tmp_path)) == ["1. One.", "2. Two.", "- Bullet."]


def test_numid_zero_switches_off_style_numbering(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    b.numbered_style("Para", n, 0)
    b.paragraph("Numbered.", style="Para")
    b.paragraph("Not numbered.", style="Para", num=0)
    b.paragraph("Numbered again.", style="Para")
    assert non_blank(lines_of(b, tmp_path)) == ["1. Numbered.", "Not numbered.",
                                                "2. Numbered again."]


def test_several_levels_and_deeper_levels_reset(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    b.paragraph("Top.", num=n, level=0)
    b.paragraph("Sub a.", num=n, level=1)
    b.paragraph("Sub b.", num=n, level=1)
    b.paragraph("Sub sub i.", num=n, level=2)
    b.paragraph("Sub sub ii.", num=n, level=2)
    b.paragraph("Next top.", num=n, level=0)
    b.paragraph("Sub a again.", num=n, level=1)
    b.paragraph("Sub sub i again.", num=n, level=2)
    assert non_blank(lines_of(b, tmp_path)) == [
        "1. Top.", "a) Sub a.", "b) Sub b.", "(i) Sub sub i.", "(ii) Sub sub ii.",
        "2. Next top.", "a) Sub a again.", "(i) Sub sub i again."]


def test_number_formats(tmp_path):
    b = WordBuilder()
    upper_roman = b.list(Level("upperRoman", "%1."))
    upper_letter = b.list(Level("upperLetter", "%1)"))
    legal = b.list(Level("decimal", "%1."), Level("lowerLetter", "%1.%2", ))
    for _ in range(4):
        b.paragraph("Roman.", num=upper_roman, level=0)
    b.paragraph("Letter.", num=upper_letter, level=0)
    b.paragraph("Letter.", num=upper_letter, level=0)
    b.paragraph("Legal.", num=legal, level=0)
    b.paragraph("Legal sub.", num=legal, level=1)
    assert non_blank(lines_of(b, tmp_path)) == [
        "I. Roman.", "II. Roman.", "III. Roman.", "IV. Roman.", "A) Letter.", "B) Letter.",
        "1. Legal.", "1.a Legal sub."]


def test_format_number():
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28, 53)] == \
        ["a", "z", "aa", "bb", "aaa"]
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(49, "lowerRoman") == "xlix"
    assert format_number(7, "decimalZero") == "07"
    assert format_number(3, "none") == ""
    assert [format_number(n, "ordinal") for n in (1, 2, 3, 11, 12, 13, 21, 102)] == \
        ["1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "102nd"]


def test_start_value_and_suffix(tmp_path):
    b = WordBuilder()
    n = b.list(Level("decimal", "%1.", start=5, suffix="space"))
    m = b.list(Level("decimal", "%1.", suffix="nothing"))
    b.paragraph("Five.", num=n, level=0)
    b.paragraph("Six.", num=n, level=0)
    b.paragraph("Glued.", num=m, level=0)
    assert non_blank(lines_of(b, tmp_path)) == ["5. Five.", "6. Six.", "1.Glued."]


def test_restart_with_startoverride_then_counts_continue_per_abstract_list(tmp_path):
    b = WordBuilder()
    first = b.list(*DECIMAL)
    for _ in range(3):
        b.paragraph("Para.", num=first, level=0)
    restarted = b.restart(first)                      # Word's "Restart at 1"
    b.paragraph("Restarted.", num=restarted, level=0)
    b.paragraph("Restarted.", num=restarted, level=0)
    b.paragraph("Back on the first list.", num=first, level=0)   # same abstract: continues
    b.paragraph("Restarted list again.", num=restarted, level=0)  # no second reset
    assert non_blank(lines_of(b, tmp_path)) == [
        "1. Para.", "2. Para.", "3. Para.", "1. Restarted.", "2. Restarted.",
        "3. Back on the first list.", "4. Restarted list again."]


def test_startoverride_other_than_one(tmp_path):
    b = WordBuilder()
    a = b.abstract(*DECIMAL)
    n = b.num(a, starts={0: 10})
    b.paragraph("Ten.", num=n, level=0)
    b.paragraph("Eleven.", num=n, level=0)
    assert non_blank(lines_of(b, tmp_path)) == ["10. Ten.", "11. Eleven."]


def test_return_to_an_earlier_list_continues_its_count(tmp_path):
    b = WordBuilder()
    paras = b.list(*DECIMAL)
    other = b.list(*DECIMAL)
    bullets = b.list(*BULLETS)
    b.paragraph("One.", num=paras, level=0)
    b.paragraph("Two.", num=paras, level=0)
    b.paragraph("Item.", num=bullets, level=0)
    b.paragraph("Another list.", num=other, level=0)
    b.paragraph("Three.", num=paras, level=0)
    b.paragraph("Two nums, one abstract: continues.", num=b.num(b._abstract_of(paras)), level=0)
    assert non_blank(lines_of(b, tmp_path)) == [
        "1. One.", "2. Two.", "- Item.", "1. Another list.", "3. Three.",
        "4. Two nums, one abstract: continues."]


def test_level_override_replaces_the_abstract_level(tmp_path):
    b = WordBuilder()
    a = b.abstract(*DECIMAL)
    plain = b.num(a)
    roman = b.num(a, levels={0: Level("lowerRoman", "(%1)")})
    b.paragraph("Plain.", num=plain, level=0)
    b.paragraph("Roman.", num=roman, level=0)
    b.paragraph("Roman.", num=roman, level=0)
    b.paragraph("Plain.", num=plain, level=0)
    assert non_blank(lines_of(b, tmp_path)) == ["1. Plain.", "(ii) Roman.", "(iii) Roman.",
                                                "4. Plain."]


def test_lvlrestart_zero_never_restarts(tmp_path):
    b = WordBuilder()
    n = b.list(Level("decimal", "%1."), Level("lowerLetter", "%2)", restart=0))
    b.paragraph("One.", num=n, level=0)
    b.paragraph("a.", num=n, level=1)
    b.paragraph("Two.", num=n, level=0)
    b.paragraph("b, not a.", num=n, level=1)
    assert non_blank(lines_of(b, tmp_path)) == ["1. One.", "a) a.", "2. Two.", "b) b, not a."]


def test_bullets_and_typed_numbers(tmp_path):
    b = WordBuilder()
    bullets = b.list(*BULLETS)
    b.paragraph("Point one.", num=bullets, level=0)
    b.paragraph("Point two.", num=bullets, level=1)
    b.paragraph("12. A number typed by hand.")
    b.paragraph("13.\tTyped, with a tab.")
    assert non_blank(lines_of(b, tmp_path)) == [
        "- Point one.", "- Point two.", "12. A number typed by hand.", "13.\tTyped, with a tab."]


def test_empty_numbered_paragraph_still_takes_a_number(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    b.paragraph("One.", num=n, level=0)
    b.paragraph("", num=n, level=0)          # Word shows a bare "2."
    b.paragraph("Three.", num=n, level=0)
    b.paragraph("", num=b.list(*BULLETS), level=0)   # an empty bullet shows nothing to read
    assert non_blank(lines_of(b, tmp_path)) == ["1. One.", "2.", "3. Three."]


def test_hostile_or_broken_numbering_never_crashes(tmp_path):
    b = WordBuilder()
    huge = b.list(Level("lowerLetter", "%1)", start=10**11), Level("upperRoman", "%2.%9%"))
    b.paragraph("Huge start.", num=huge, level=0)
    b.paragraph("Level text naming unused levels.", num=huge, level=1)
    b.paragraph("A list that does not exist.", num=9999, level=0)
    b.paragraph("A level that does not exist.", num=huge, level=7)
    # a basedOn cycle between two styles, one numbered
    one = b.numbered_style("Cycle one", huge, 0)
    two = b.numbered_style("Cycle two", based_on=one)
    b.doc.styles[one].base_style = b.doc.styles[two]
    b.paragraph("Through a cycle.", style=two)
    bad = b.paragraph("Level not a number.", num=huge)
    bad._p.pPr.find(qn("w:numPr")).insert(0, docx.oxml.OxmlElement("w:ilvl"))
    bad._p.pPr.find(qn("w:numPr"))[0].set(qn("w:val"), "x")
    lines = non_blank(lines_of(b, tmp_path))
    assert lines[0] == f"{format_number(32767, 'lowerLetter')}) Huge start."
    assert lines[1] == "I.1% Level text naming unused levels."
    assert lines[2:4] == ["A list that does not exist.", "A level that does not exist."]
    assert lines[4].endswith(" Through a cycle.") and lines[5].endswith(" Level not a number.")


# --------------------------------------------------------------- layout ----

def test_layout_blank_lines_headings_tables_and_places(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    b.paragraph("Title")
    b.paragraph("")                                  # an empty paragraph: no line of its own
    b.table([["Judgement", "Grade"], ["Overall effectiveness", "Good"],
             ["The impact of leaders", "Good"]])
    b.paragraph("A summary paragraph.")
    b.paragraph("Another one.")
    b.heading("The experiences: good")
    b.paragraph("First finding.", num=n, level=0)
    b.paragraph("Second finding.", num=n, level=0)
    source = read_docx(b.save(tmp_path / "d.docx"))
    assert source.lines == [
        "Title", "", "Judgement\tGrade", "Overall effectiveness\tGood",
        "The impact of leaders\tGood", "", "A summary paragraph.", "", "Another one.", "",
        "The experiences: good", "", "1. First finding.", "2. Second finding."]
    assert source.encoding == "docx"
    assert [source.place(i) for i in range(1, len(source.lines) + 1)] == [
        'the paragraph "Title"', None, "table 1, row 1", "table 1, row 2", "table 1, row 3",
        None, 'the paragraph "A summary paragraph."', None, 'the paragraph "Another one."',
        None, 'the paragraph "The experiences: good"', None, "paragraph 1", "paragraph 2"]


def test_a_long_paragraph_is_placed_by_its_first_words(tmp_path):
    """Word shows no paragraph index: the place is what Find locates, and a
    bullet's label is not part of it."""
    b = WordBuilder()
    bullets = b.list(*BULLETS)
    b.paragraph("Leaders have developed a clear and accurate understanding of practice.")
    b.paragraph("The response to disabled children.", num=bullets, level=0)
    source = read_docx(b.save(tmp_path / "long.docx"))
    assert source.place(1) == 'the paragraph "Leaders have developed a clear and…"'
    assert source.place(3) == 'the paragraph "The response to disabled children."'


def test_table_cells_merged_multi_paragraph_and_numbered(tmp_path):
    b = WordBuilder()
    n = b.list(*DECIMAL)
    t = b.table([["Judgement", "Grade"], ["Overall", "Good"], ["Merged", "x"]])
    t.cell(2, 0).merge(t.cell(2, 1))                # a gridSpan cell: one cell, not two
    t.cell(1, 0).add_paragraph("effectiveness")
    b.paragraph("After the table.", num=n, level=0)
    lines = read_docx(b.save(tmp_path / "t.docx")).lines
    assert lines[:3] == ["Judgement\tGrade", "Overall effectiveness\tGood", "Merged x"]
    assert lines[-1] == "1. After the table."


def _raw_paragraph(builder: WordBuilder, xml_runs: str):
    """A paragraph with hand-written runs (tracked changes, breaks, hidden text)."""
    from docx.oxml import parse_xml
    p = builder.paragraph()
    for el in parse_xml(f'<w:x xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                        f'2006/main">{xml_runs}</w:x>'):
        p._p.append(el)
    return p


def test_tracked_changes_hidden_text_and_line_breaks(tmp_path):
    b = WordBuilder()
    _raw_paragraph(b, '<w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
                      '<w:ins w:id="1" w:author="a"><w:r><w:t>inserted</w:t></w:r></w:ins>'
                      '<w:del w:id="2" w:author="a"><w:r><w:delText>deleted</w:delText>'
                      '<w:tab/></w:r></w:del>'
                      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>'
                      '<w:hyperlink><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink>'
                      '<w:r><w:t>.</w:t><w:br/><w:t>Second line</w:t><w:noBreakHyphen/>'
                      '<w:t>here.</w:t></w:r>')
    source = read_docx(b.save(tmp_path / "r.docx"))
    assert source.lines == ["Kept inserted link.", "Second line-here."]
    assert source.place(1) == source.place(2) == 'the paragraph "Kept inserted link."'


def test_content_controls_are_read(tmp_path):
    from docx.oxml import parse_xml
    b = WordBuilder()
    b.paragraph("Before.")
    sdt = parse_xml('<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                    'main"><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r>'
                    '</w:p></w:sdtContent></w:sdt>')
    b.doc.element.body.insert(1, sdt)
    b.paragraph("After.")
    source = read_docx(b.save(tmp_path / "s.docx"))
    assert non_blank(source.lines) == ["Before.", "Inside a content control.", "After."]
    assert source.place(5) == 'the paragraph "After."'


# ------------------------------------------------------------ bad files ----

def _fake_ole(extra: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + extra + b"\x00" * 1024


@pytest.mark.parametrize("name, content, reason", [
    ("empty.docx", b"", "empty file"),
    ("text.docx", b"Inspection of Rochdale\n", "not a zip archive"),
    ("pdf.docx", b"%PDF-1.7\n...", "a PDF file"),
    ("rtf.docx", b"{\\rtf1\\ansi hello}", "an RTF file"),
    ("locked.docx", _fake_ole("EncryptedPackage".encode("utf-16-le")), "password-protected"),
    ("old.docx", _fake_ole(b"WordDocument"), "Word 97-2003"),
    ("truncated.docx", None, "corrupt .docx"),
    ("notword.docx", "zip-no-types", "without [Content_Types].xml"),
    ("sheet.docx", "zip-not-word", "not a Word document"),
])
def test_bad_files_are_input_errors_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        good = WordBuilder()
        good.paragraph("Some text.")
        data = good.save(tmp_path / "good.docx").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif content == "zip-no-types":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "hello")
    elif content == "zip-not-word":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml",
                       '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                       'package/2006/content-types"><Override PartName="/xl/workbook.xml" '
                       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                       'sheet.main+xml"/></Types>')
            z.writestr("_rels/.rels",
                       '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                       'org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                       'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_docx(path)
    assert reason in info.value.reason
    result = check_file(path)     # the API reports it as the file's error, never a traceback
    assert result.error and reason in result.error and "internal error" not in result.error


def test_empty_document_missing_file_and_directory(tmp_path):
    empty = WordBuilder()
    empty.paragraph("")
    empty.paragraph("   ")
    with pytest.raises(InputError, match="empty document"):
        read_docx(empty.save(tmp_path / "blank.docx"))
    with pytest.raises(InputError, match="no such file"):
        read_docx(tmp_path / "missing.docx")
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_docx(tmp_path / "folder.docx")


# ------------------------------------------------------ samples as Word ----

_LINE_REF = re.compile(r"\bline (\d+)\b")


def _findings(result) -> list[tuple[str, str, str]]:
    """(rule, message, where): line numbers in messages replaced by the text of
    that line, and the finding's own line by its text, so the text sample and
    its Word draft compare although their lines differ."""
    lines = result.source.original_lines

    def text_of(n: int) -> str:
        if not 1 <= n <= len(lines):
            return f"?{n}"
        # "- 23. " in text copied out of a PDF is "23. " (checker/reading/source.py)
        return re.sub(r"^-\s+(?=\d+\.)", "", " ".join(lines[n - 1].split()))[:60]

    def reference(n: int) -> str:
        # a numbered paragraph is named by its number in either file
        number = re.match(r"(\d+)\. ", text_of(n))
        return f"paragraph {number.group(1)}" if number else f"line «{text_of(n)}»"

    def normalise(message: str) -> str:
        message = _LINE_REF.sub(lambda m: reference(int(m.group(1))), message)
        # a Word draft's messages name places where a text file's say "line
        # N": a numbered paragraph's number, or 'the paragraph "..."' and a
        # table row, mapped back to the line's text
        places = result.source.places
        for i in sorted(range(len(places)), key=lambda i: -len(places[i] or "")):
            if places[i] and places[i] in message and not places[i].startswith("paragraph "):
                message = message.replace(places[i], reference(i + 1))
        return message

    return sorted((d.rule, normalise(d.message), text_of(d.line))
                  for d in result.diagnostics)


def _shape(report):
    return ([(j.name, j.grade_text, j.grade) for j in report.judgements],
            [(s.heading, s.grade_text, [p.number for p in s.paragraphs])
             for s in report.sections],
            [i.text for i in report.improvements], report.authority, report.dates.text,
            report.framework)


@pytest.mark.parametrize("via_style", [False, True], ids=["numPr", "style"])
@pytest.mark.parametrize("name", ILACS_SAMPLES)
def test_sample_as_word_draft_reads_like_the_text(tmp_path, name, via_style):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / (name + ".docx"), numbering_via_style=via_style)
    from_text = check_file(SAMPLES / name)
    from_word = check_file(draft.path)
    assert from_word.error is None, from_word.error
    assert _shape(from_word.report) == _shape(from_text.report)
    # the same paragraph texts, page-break fragments mended either way
    assert [p.text for p in from_word.report.paragraphs] == \
        [p.text for p in from_text.report.paragraphs]
    assert _findings(from_word) == _findings(from_text)
    # places: every numbered paragraph says its number as Word displays it
    doc = docx.Document(draft.path)
    for para in from_word.report.paragraphs:
        k = draft.word_paragraph[para.number]
        assert from_word.place(para.span.line) == f"paragraph {para.number}"
        assert para.text.startswith(doc.paragraphs[k - 1].text[:40])


def test_restarted_list_in_a_section_is_num001_with_the_displayed_number(tmp_path):
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    # Word's "Restart at 1" on the children in care section (paragraphs 18-33)
    draft = docx_from_text(text, tmp_path / "restart.docx", restart_sections=(1,))
    result = check_file(draft.path)
    numbering = [d for d in result.diagnostics if d.rule == "NUM001"]
    assert len(numbering) == 1, numbering
    d = numbering[0]
    assert d.message.startswith("numbering restarts at 1 after paragraph 17")
    assert d.message.endswith("expected 18")
    assert result.place(d.line) == "paragraph 1"
    # the rest of the document continues from the restarted count: 1..16, then 17..
    numbers = [p.number for p in result.report.paragraphs]
    assert numbers[:17] == list(range(1, 18))
    assert numbers[17:33] == list(range(1, 17))
    assert numbers[33] == 17
    assert check_file(SAMPLES / "rochdale-ilacs-2023.txt").count("error") == 0
    json_diag = next(x for x in result.to_json()["diagnostics"] if x["rule"] == "NUM001")
    assert json_diag["place"] == result.place(d.line)


def test_manual_number_mixed_into_the_list(tmp_path):
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    # "18. " typed by hand: Word's list skips that paragraph, so the next shows 18 again
    draft = docx_from_text(text, tmp_path / "typed.docx", manual={18: "18. "})
    result = check_file(draft.path)
    numbering = [d for d in result.diagnostics if d.rule == "NUM001"]
    assert len(numbering) == 1, numbering
    d = numbering[0]
    assert d.message.startswith("paragraph number 18 is used twice")
    assert result.place(d.line) == result.place(d.related[0].line) == "paragraph 18"
    assert d.message.startswith("paragraph number 18 is used twice (first at paragraph 18)")
    assert d.related[0].line < d.line
    # a typed number that happens to be right (the last paragraph) is read as written
    fine = docx_from_text(text, tmp_path / "typed-last.docx", manual={61: "61. "})
    result = check_file(fine.path)
    assert not [d for d in result.diagnostics if d.rule == "NUM001"]
    assert result.report.paragraphs[-1].number == 61
    assert result.place(result.report.paragraphs[-1].span.line) == "paragraph 61"


def test_table_row_removed_is_tbl001(tmp_path):
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / "row.docx", drop_table_rows=(3,))  # children in care
    result = check_file(draft.path)
    table = [d for d in result.diagnostics if d.rule == "TBL001"]
    assert len(table) == 1, table
    assert "no row for 'The experiences and progress of children in care'" in table[0].message
    assert result.place(table[0].line) == "table 1, row 1"


# ------------------------------------------------------------- comments ----

def _sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _comments_by_paragraph(path) -> dict[int, list[str]]:
    """Word paragraph index (1-based, body) or 'table' -> comment texts anchored there."""
    doc = docx.Document(path)
    texts = {c.comment_id: c.text for c in doc.comments}
    where: dict = {}
    for i, p in enumerate(doc.paragraphs, start=1):
        for start in p._p.iter(qn("w:commentRangeStart")):
            where.setdefault(i, []).append(texts[int(start.get(qn("w:id")))])
    for t, table in enumerate(doc.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for start in row._tr.iter(qn("w:commentRangeStart")):
                where.setdefault(f"table {t}, row {r}", []).append(
                    texts[int(start.get(qn("w:id")))])
    return where


def test_annotate_docx_end_to_end(tmp_path):
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / "draft.docx", restart_sections=(1,),
                           drop_table_rows=(3,))
    before = _sha(draft.path)
    result = check_file(draft.path)
    out = tmp_path / "out" / "annotated.docx"
    out.parent.mkdir()
    n = annotate_docx(draft.path, out, result)
    assert n == len(result.diagnostics) and n >= 2
    assert _sha(draft.path) == before                     # the draft is never touched
    assert not docx.Document(draft.path).comments.__len__()
    assert sorted(os.listdir(out.parent)) == ["annotated.docx"]   # no temporary file left
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask   # readable as any new file is
    where = _comments_by_paragraph(out)
    num = next(d for d in result.diagnostics if d.rule == "NUM001")
    assert where[draft.word_paragraph[18]] == [f"NUM001 error: {num.message}"]
    tbl = next(d for d in result.diagnostics if d.rule == "TBL001")
    assert f"TBL001 error: {tbl.message}" in where["table 1, row 1"]
    assert sum(len(v) for v in where.values()) == n
    # the annotated copy still reads as the same report
    assert read_docx(out).lines == result.source.lines
    again = check_file(out)
    assert [(d.rule, d.message) for d in again.diagnostics] == \
        [(d.rule, d.message) for d in result.diagnostics]
    # annotating the annotated copy adds no second comment for the same finding
    twice = tmp_path / "out" / "annotated-again.docx"
    assert annotate_docx(out, twice, again) == 0
    assert _comments_by_paragraph(twice) == where


def test_annotate_on_the_grade_cell_and_heading(tmp_path):
    text = (SAMPLES / "oldham-ilacs-2019.txt").read_text(encoding="utf-8")
    text = text.replace("Overall effectiveness\tRequires improvement to be good",
                        "Overall effectiveness\tRequires improvment to be good")
    draft = docx_from_text(text, tmp_path / "oldham.docx")
    result = check_file(draft.path)
    out = tmp_path / "oldham-annotated.docx"
    annotate_docx(draft.path, out, result)
    doc = docx.Document(out)
    # SEC002 is on the misworded section heading
    heading = next(p for p in doc.paragraphs if p.text.startswith("The experience and progress"))
    ids = [int(s.get(qn("w:id"))) for s in heading._p.iter(qn("w:commentRangeStart"))]
    texts = {c.comment_id: c.text for c in doc.comments}
    assert any(texts[i].startswith("SEC002 warning: heading says") for i in ids)
    # a finding at the grade's column is on the grade cell, not the name cell
    off_scale = [d for d in result.diagnostics if "not a grade on the scale" in d.message]
    assert len(off_scale) == 1 and result.place(off_scale[0].line) == "table 1, row 5"
    row = doc.tables[0].rows[4]
    in_cell = [[texts[int(s.get(qn("w:id")))] for s in cell._tc.iter(qn("w:commentRangeStart"))]
               for cell in row.cells]
    assert in_cell == [[], [f"TBL001 error: {off_scale[0].message}"]]


def test_annotate_refuses_to_overwrite_the_draft(tmp_path):
    b = WordBuilder()
    b.paragraph("Some text.")
    draft = b.save(tmp_path / "draft.docx")
    before = _sha(draft)
    result = check_file(draft)
    link = tmp_path / "link.docx"
    link.symlink_to(draft)
    hard = tmp_path / "hard.docx"
    os.link(draft, hard)
    (tmp_path / "sub").mkdir()
    for target in (draft, str(draft), link, hard, tmp_path / "sub" / ".." / "draft.docx",
                   os.path.relpath(draft)):
        with pytest.raises(AnnotateError, match="refusing to overwrite"):
            annotate_docx(draft, target, result)
    with pytest.raises(ValueError):          # the CLI catches ValueError
        annotate_docx(link, draft, result)
    assert _sha(draft) == before
    assert sorted(os.listdir(tmp_path)) == ["draft.docx", "hard.docx", "link.docx", "sub"]


def test_annotate_refuses_a_draft_changed_since_it_was_checked(tmp_path):
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / "draft.docx", restart_sections=(1,))
    result = check_file(draft.path)
    docx_from_text(text.replace("Children in Rochdale benefit", "Children benefit"), draft.path)
    with pytest.raises(AnnotateError, match="changed since it was checked"):
        annotate_docx(draft.path, tmp_path / "out.docx", result)
    assert not (tmp_path / "out.docx").exists()


def test_annotate_replaces_an_existing_output_atomically(tmp_path):
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / "draft.docx", restart_sections=(1,))
    result = check_file(draft.path)
    out = tmp_path / "out.docx"
    out.write_bytes(b"an old annotated copy")
    assert annotate_docx(draft.path, out, result) == len(result.diagnostics)
    assert docx.Document(out).comments.__len__() == len(result.diagnostics)
    assert sorted(os.listdir(tmp_path)) == ["draft.docx", "out.docx"]


def test_cli_annotate_docx(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
    draft = docx_from_text(text, tmp_path / "draft.docx", restart_sections=(1,))
    before = _sha(draft.path)
    out = tmp_path / "annotated.docx"
    run = CliRunner().invoke(main, ["check", "--annotate-docx", str(out), str(draft.path)])
    assert run.exit_code == 1, run.output        # NUM001 is an error
    assert "NUM001" in run.output and "Traceback" not in run.output
    assert any("NUM001 error" in c.text for c in docx.Document(out).comments)
    assert _sha(draft.path) == before
    refused = CliRunner().invoke(main, ["check", "--annotate-docx", str(draft.path),
                                        str(draft.path)])
    assert refused.exit_code == 2 and "refusing to overwrite" in refused.output
    assert _sha(draft.path) == before
