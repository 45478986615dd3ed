"""Opening a .docx: every way a file can fail to be a Word draft, as an InputError that says so.

A QA reader gets all sorts of files named .docx (old .doc files, PDFs, RTF,
password-protected drafts, damaged downloads) and a hostile one may be a zip
bomb; python-docx would fail on them with a library's error, or spend minutes
and gigabytes. The file's bytes are read once and looked at before python-docx
parses them, so the checks and python-docx see the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

from checker.reading.source import MAX_BYTES, InputError, read_bytes
from checker.reading.word.numbering import Numbering
from checker.reading.word.ooxml import NUMBERING_RT, STRICT_NS
from checker.reading.word.text import Extract, extract

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# the largest uncompressed size of all parts together (a zip bomb is refused)
MAX_UNCOMPRESSED = 4 * MAX_BYTES
# the largest uncompressed XML part: parsed whole into memory (~35 bytes of
# memory per byte of dense markup) and walked element by element, so 16 MB
# (~100 times a report's document.xml) bounds a hostile one to seconds
MAX_XML_PART = 16 * 1024 * 1024


def _check_kind(data: bytes, name: str) -> None:
    """Refuse a file that is not a zip archive, naming what it is when it can be told."""
    head = data[:8]
    if not data:
        raise InputError("empty file", name)
    if head == _OLE_MAGIC:
        if _ENCRYPTED in data:
            raise InputError("password-protected Word document (encrypted): remove the password "
                             "(File > Info > Protect Document) and check it again", name)
        raise InputError("a Word 97-2003 .doc (or other OLE) file, not a .docx: save it as a "
                         "Word Document (.docx)", name)
    if head.startswith(b"%PDF"):
        raise InputError("a PDF file named .docx, not a Word document", name)
    if head.startswith(b"{\\rtf"):
        raise InputError("an RTF file named .docx, not a Word document: save it as a Word "
                         "Document (.docx)", name)
    if not head.startswith(b"PK"):
        raise InputError("not a Word document (.docx): not a zip archive", name)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a zip bomb: parts too big together, or one XML part too big to parse."""
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise InputError("corrupt or hostile .docx: its parts would take more than "
                         f"{MAX_UNCOMPRESSED >> 20} MB uncompressed", name)
    for i in infos:
        if i.file_size > MAX_XML_PART and i.filename.lower().endswith((".xml", ".rels")):
            raise InputError(f"corrupt or hostile .docx: its part {i.filename} would "
                             f"take {i.file_size / (1 << 20):.0f} MB uncompressed (the "
                             f"limit is {MAX_XML_PART >> 20} MB)", name)


def _check_archive(data: bytes, name: str) -> None:
    """A readable zip archive of sane size, with the content-types part every .docx has."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            _check_sizes(infos, name)
            names = {i.filename for i in infos}
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError) as e:  # NotImplementedError: a damaged "zip version" field
        raise InputError(f"corrupt .docx: not a readable zip archive ({e})", name) from None
    if "[Content_Types].xml" not in names:
        raise InputError("not a Word document (.docx): a zip archive without "
                         "[Content_Types].xml", name)


def _parse(data: bytes, name: str):
    """python-docx's Document, its failures in the words of a report's author."""
    import docx
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as e:      # python-docx: "file '...' is not a Word file, content type is .."
        message = str(e)
        m = re.search(r"content type is '([^']*)'", message)
        raise InputError("not a Word document (.docx)" + (
            f": its main part is {m.group(1)}" if m else f" ({message})"), name) from None
    except Exception as e:  # noqa: BLE001 - any failure to open is this file's problem
        raise InputError(f"corrupt .docx ({type(e).__name__}: {e})", name) from None


def _check_body(document, name: str) -> None:
    """A damaged namespace makes the root a plain element, without .body: say why."""
    if getattr(document.element, "body", None) is not None:
        return
    if document.element.tag.startswith(f"{{{STRICT_NS}}}"):
        raise InputError("a Strict Open XML document: save it as an ordinary Word "
                         "Document (.docx)", name)
    if not hasattr(document.element, "body"):
        raise InputError("corrupt .docx: its main part is not a Word document (its root "
                         f"is {str(document.element.tag)[:120]!r})", name)
    raise InputError("corrupt .docx: the document has no body", name)


def open_docx(path) -> object:
    """Open a .docx with python-docx, turning every way it can fail into an InputError."""
    name = os.fsdecode(path)
    data = read_bytes(path)
    _check_kind(data, name)
    _check_archive(data, name)
    document = _parse(data, name)
    _check_body(document, name)
    return document


def _numbering_of(document) -> Numbering:
    try:
        numbering = document.part.part_related_by(NUMBERING_RT).element
    except (KeyError, AttributeError):
        numbering = None
    styles = document.styles.element
    return Numbering(numbering, styles)


def read_draft(path) -> tuple[object, Extract]:
    """The opened document and its text; an InputError if it has no text at all."""
    document = open_docx(path)
    text = extract(document.element.body, _numbering_of(document))
    if not any(line.strip() for line in text.lines):
        raise InputError("empty document (no text)", os.fsdecode(path))
    return document, text
