"""Parser wrapper: normalised text -> Lark parse tree -> document model.

The grammar (grammar/report.lark) gives the structure; a lark Transformer
(checker/parsing/transform.py) turns the tree into frozen model nodes, every
position mapped back to the original file, judgements and grades named
through the framework (checker/parsing/naming.py). The framework is chosen
first, from the title block or the letter's opening, as a reader does: it
decides how the rest is read. Parse failures become a ReportError that says,
in words, what was found and what was expected at that line
(checker/parsing/errors.py).
"""

from __future__ import annotations

import re
from functools import cache

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput

from checker.datafiles.frameworks import Framework, choose_framework, framework_by_id
from checker.datafiles.resources import data_dir
from checker.parsing.detect import LAYOUT, detect_kind
from checker.parsing.errors import ReportError, friendly
from checker.parsing.model import Report
from checker.parsing.recovery import HEADING_TERMINALS, classify
from checker.parsing.sif import SifTransformer
from checker.parsing.transform import DocumentTransformer
from checker.reading.source import SourceText

__all__ = ["ReportError", "framework_of", "grammar", "parse"]


# The transformer of each layout that needs its own (the others: DocumentTransformer).
_TRANSFORMERS = {"sif": SifTransformer}


@cache
def grammar() -> Lark:
    """The LALR parser, built once per process and cached on disk by Lark.

    cache=True keys the cache file on the grammar text and options, so an
    edited grammar is rebuilt; the cache cuts start-up from ~50 ms to ~5 ms.
    """
    text = (data_dir("grammar") / "report.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", start=["ilacs", "letter", "sif"], cache=True)


def parse(source: SourceText, kind: str | None = None) -> Report:
    """Detect the kind (unless given), parse, and build the document model.

    Raises ReportError for a document that is not a report, or whose layout
    the grammar cannot follow.
    """
    if kind is None:
        detection = detect_kind(source.lines)
        if detection.kind is None:
            raise ReportError(detection.reason)
        kind = detection.kind
    layout = LAYOUT[kind]
    # Misspelt and renamed headings are found first and read as meant, so
    # one slip is one finding, not a refused document (recovery.py).
    classified = classify(source.lines, layout, heading_patterns(layout))
    try:
        tree = grammar().parse(classified.text, start=layout)
    except UnexpectedInput as exc:
        raise friendly(exc, source) from None
    # The framework decides how judgement names and grades are read, so the
    # head (the ILACS title block or the letter's front matter) is read
    # first, to choose it; in the tree the rest is read from, the head
    # stands as what it became.
    head = next(c for c in tree.children if isinstance(c, Tree))
    transformer = _TRANSFORMERS.get(layout, DocumentTransformer)
    front = transformer(source, kind).transform(head)
    framework = choose_framework(kind, front.inspected)
    rest = Tree(tree.data, [front if c is head else c for c in tree.children])
    return transformer(source, kind, framework, classified.repairs).transform(rest)


@cache
def heading_patterns(layout: str) -> dict[str, re.Pattern]:
    """The grammar's heading terminals of `layout`, as regexes of whole lines."""
    return {t.name: re.compile(t.pattern.to_regexp()) for t in grammar().terminals
            if t.name in HEADING_TERMINALS[layout]}


def framework_of(report: Report) -> Framework | None:
    return framework_by_id(report.framework) if report.framework else None
