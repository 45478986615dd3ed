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

from checker.reading.source import InputError, SourceText, decode, read_bytes

# Directories are searched for these.
SUFFIXES = (".txt", ".md", ".docx", ".pdf")

# Documents a QA reader may have open that are not ones we read, told by their
# first bytes (a name can be anything): what they are, and what to do.
_SAVE_AS = "save it as a Word Document (.docx) or a PDF and check that"
_NOT_READ = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     f"a Word 97-2003 document (.doc) or another OLE file: {_SAVE_AS}"),
    (b"{\\rtf", f"a Rich Text Format (.rtf) document: {_SAVE_AS}"),
)
_ODF = b"application/vnd.oasis.opendocument"


def read_document(path: str | os.PathLike) -> SourceText:
    """The document as report text. A .pdf or .docx goes to its reader; any
    other file is read as text unless its first bytes say it is a PDF or a
    Word document after all (a renamed file) or a kind we do not read."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix == ".docx":
        return _read_docx(path)
    data = read_bytes(path)
    name = os.fsdecode(path)
    kind = _kind_by_content(data, name)
    if kind == "pdf":
        return _read_pdf(path)
    if kind == "docx":
        return _read_docx(path)
    return decode(data, name)


def _kind_by_content(data: bytes, name: str) -> str:
    """"pdf", "docx" or "text"; InputError for a document we cannot read."""
    for magic, reason in _NOT_READ:
        if data.startswith(magic):
            raise InputError(reason, name)
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _ODF in data[:300]:   # an OpenDocument's first entry is its mimetype
            raise InputError(f"an OpenDocument text (.odt) or another OpenDocument file: "
                             f"{_SAVE_AS}", name)
        return "docx" if b"word/document.xml" in data else "zip"
    return "text"


def _read_pdf(path) -> SourceText:
    from checker.reading.pdf import read_pdf
    return read_pdf(path)


def _read_docx(path) -> SourceText:
    from checker.reading.word import read_docx
    return read_docx(path)
