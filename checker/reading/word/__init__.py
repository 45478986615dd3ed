"""Word drafts (.docx): read them as report text, and annotate a copy with comments.

QA staff work on Word drafts, and a draft's paragraph numbers are usually Word's
automatic numbering: `paragraph.text` never contains them, so "paragraphs are
numbered sequentially" can only be checked on the numbers Word *displays*. This
module resolves them from numbering.xml the way Word does:

- a paragraph's list is its own `w:numPr`, or else the first `w:numPr` up its
  paragraph style's `basedOn` chain (the document's default paragraph style when
  it names none); `numId` 0 means "not numbered"; the level is `w:ilvl`, or the
  level whose `w:pStyle` is the paragraph's style, or 0;
- a `w:num` points at a `w:abstractNum` (through `w:numStyleLink` when the list
  is defined by a numbering style); a `w:num/w:lvlOverride/w:lvl` replaces the
  abstract level;
- counters are kept per abstractNum, so going back to an earlier list continues
  its count; the first time a `w:num` with a `w:startOverride` is used, that
  level starts again (this is what "Restart at 1" does in Word); using a level
  resets the deeper levels (`w:lvlRestart` can say otherwise);
- `w:lvlText` `%1..%9` is filled per level with its `w:numFmt` (decimal,
  decimalZero, lowerLetter, upperLetter, lowerRoman, upperRoman, ordinal; other
  formats as decimal; `w:isLgl` forces decimal), and bullets become "- ".

The text is laid out as a published report copied to text (samples/*.txt): one
line per Word paragraph, a blank line between paragraphs except between
consecutive list items (numbered paragraphs, bullets), and each table row as its
cells' text joined with a tab, so the judgement table reads `Judgement<TAB>Grade`.
Each line's `place` says where it is as the reader of the draft finds it in
Word: "paragraph 41" for a numbered paragraph (the number as displayed),
'the paragraph "Leaders have developed a clear…"' (its first words, which
Word's Find locates) for any other, "table 1, row 3" for a table row. Word
shows no paragraph index, so none is given.

Text is what a reader sees with tracked changes accepted: insertions kept,
deletions and moved-from text left out, hidden (`w:vanish`) runs left out, a
line break (Shift+Enter) a new line of the same paragraph.

The parts: `opening` (every way a file can fail to be a .docx, zip bombs
refused), `numbering` (the labels Word displays), `text` (the lines, their
places and anchors), `comments` (the annotated copy), `ooxml` (the names).
"""

from __future__ import annotations

import os

from checker.reading.source import SourceText, from_text
from checker.reading.word.comments import AnnotateError, annotate_docx
from checker.reading.word.numbering import format_number
from checker.reading.word.ooxml import W_NS
from checker.reading.word.opening import MAX_UNCOMPRESSED, MAX_XML_PART, read_draft

__all__ = ["MAX_UNCOMPRESSED", "MAX_XML_PART", "W_NS", "AnnotateError", "annotate_docx",
           "format_number", "read_docx"]


def read_docx(path: str | os.PathLike) -> SourceText:
    """Read a Word draft as report text; `places` say where each line is in Word.

    Raises InputError (never anything else for bad input) for a missing, empty,
    non-.docx, corrupt, password-protected or textless file.
    """
    _, extract = read_draft(path)
    return from_text("\n".join(extract.lines) + "\n", os.fsdecode(path), encoding="docx",
                     places=tuple(extract.places))
