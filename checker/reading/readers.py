"""Which reader opens a document: by its extension.

Plain text (.txt, .md) is read as it is; a PDF and a Word draft are turned
into text in the layout of a published report first, with `places` saying
where each line is in the document a person opens (page and line, or the
paragraph number as displayed). Readers import their libraries only when a
file of their kind is checked, so checking text never pays for them.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.reading.source import SourceText, read_source

# Directories are searched for these.
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def read_document(path: str | os.PathLike) -> SourceText:
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        from checker.reading.pdf import read_pdf
        return read_pdf(path)
    if suffix == ".docx":
        from checker.reading.word import read_docx
        return read_docx(path)
    return read_source(path)
