"""Comments on a copy of a Word draft: each finding put on the paragraph or cell it is in.

A QA reader works in Word, so `report-checker check --annotate` hands back the
draft with a Word comment per finding. The finding's line is mapped back to
Word through the same layout `read_docx` builds (checker.reading.word.text),
and the draft itself is never written.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.reading.source import InputError
from checker.reading.word.ooxml import COMMENT_REF, SKIP, P, R
from checker.reading.word.opening import read_draft
from checker.reading.word.text import Anchor


class AnnotateError(ValueError):
    """The annotated copy cannot be written as asked (e.g. it would overwrite the draft)."""


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:   # the output does not exist yet: compare where the names lead
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _runs_of(element) -> list:
    """The w:r elements that carry the paragraph's (or cell's) visible text."""
    runs = []
    for r in element.iter(R):
        parent, skip = r.getparent(), False
        while parent is not None and parent is not element:
            if parent.tag in SKIP:
                skip = True
                break
            parent = parent.getparent()
        if skip or r.find(COMMENT_REF) is not None:
            continue
        runs.append(r)
    return runs


def _comment_runs(anchor: Anchor, column: int, document):
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    element = anchor.element
    if anchor.cells:   # a table row: the cell the finding's column is in
        chosen = anchor.cells[0][1]
        for start, tc in anchor.cells:
            if column - 1 >= start:
                chosen = tc
        candidates = [chosen] + [tc for _, tc in anchor.cells if tc is not chosen]
        runs = []
        for tc in candidates:
            runs = _runs_of(tc)
            if runs:
                break
        paragraph_el = runs[0].getparent() if runs else chosen.find(P)
    else:
        runs = _runs_of(element)
        paragraph_el = element
    if not runs:   # nothing to hang the comment on: an empty run at the paragraph's end
        runs = [paragraph_el.add_r()]
    parent = Paragraph(paragraph_el, document._body)
    return [Run(runs[0], parent), Run(runs[-1], parent)]


def annotate_docx(source_path: str | os.PathLike, out_path: str | os.PathLike, result, *,
                  author: str = "report-checker", initials: str = "RC") -> int:
    """Write a copy of the draft with a Word comment for each of `result.diagnostics`.

    Each comment ("RULE severity: message") is anchored on the paragraph the
    finding is in (for a judgement table row, on the cell its column is in):
    the finding's line is mapped back to Word through the same layout
    `read_docx` builds. The draft itself is never written: the copy is saved
    to a temporary file in the target folder and renamed over `out_path`.
    Raises AnnotateError (a ValueError) when `out_path` is the draft itself
    (also through a link or another spelling of its path), when the draft
    changed since it was checked or cannot be read; OSError when the copy
    cannot be written. Returns the number of comments written.
    """
    if _same_file(source_path, out_path):
        raise AnnotateError(f"{os.fsdecode(out_path)} is the draft itself; refusing to "
                            "overwrite it")
    try:
        document, extract = read_draft(source_path)
    except InputError as exc:
        raise AnnotateError(f"cannot read the draft: {exc}") from None
    checked = getattr(result, "source", None)
    if checked is not None and tuple(checked.original_lines) != tuple(extract.lines):
        raise AnnotateError(f"{os.fsdecode(source_path)} changed since it was checked; check "
                            "it again")
    # A copy annotated before (a draft checked again after edits) already has
    # some of these comments: each is written once (counted, since two places
    # can carry the same words).
    from collections import Counter
    written = Counter(c.text for c in document.comments if c.author == author)
    count = 0
    for d in sorted(result.diagnostics, key=lambda d: (d.line, d.column)):
        anchor = extract.anchor_for(d.line)
        text = f"{d.rule} {d.severity}: {d.message}"
        if anchor is None:
            continue
        if written[text]:
            written[text] -= 1
            continue
        runs = _comment_runs(anchor, d.column, document)
        document.add_comment(runs, text=text, author=author, initials=initials)
        count += 1
    _save_atomically(document, Path(out_path))
    return count


def _save_atomically(document, target: Path) -> None:
    from checker.datafiles.atomic import write_atomically
    write_atomically(target, document.save)
