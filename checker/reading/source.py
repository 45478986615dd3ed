"""Read a report file into normalised text, keeping an exact map back to the original file.

The parser and the rules want one predictable text: LF line ends, NFC, straight quotes, plain
spaces, "- " bullets.  Findings, however, must be reported as line:column of the ORIGINAL file,
because QA staff open that file (not our normalised copy) in their editor and jump to line:col;
a position in the normalised text would point at the wrong character whenever a line lost a
zero-width space, a bullet glyph, a "- " before a paragraph number, or was split at a page break.
So every normalised line remembers the original line it came from and, per character, the
original column.  Most lines are untouched or only shortened at the end, so the column map is
usually a plain integer offset (column c -> c + offset); only edited lines get an explicit tuple.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

MAX_BYTES = 64 * 1024 * 1024
# A report has a few hundred lines (a 10 MB one ~25,000). Each line costs the
# reader, the parser and the rules some microseconds and ~200 bytes, so 64 MB
# of short lines would take minutes and gigabytes: refused, with its reason.
MAX_LINES = 500_000


class InputError(Exception):
    """A file that cannot be checked.

    `reason` is a short human sentence, e.g. 'empty file', 'binary file (contains NUL bytes)',
    'not decodable as UTF-8, UTF-16 or Windows-1252', 'file too large (73.2 MB; the limit is
    64 MB)'.  It is the one exception this module raises for bad input (missing, unreadable,
    binary, ...), so callers can report it per file and carry on with the next file.
    """

    reason: str

    def __init__(self, reason: str, path: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f'{self.path}: {self.reason}' if self.path else self.reason


ColMap = int | tuple[int, ...]   # offset for an unchanged run, or original column per character


@dataclass(frozen=True)
class SourceText:
    """Normalised text for the parser plus the map back to the original file."""

    path: str          # as given
    encoding: str      # 'utf-8', 'utf-8-sig', 'utf-16', 'utf-32', 'cp1252'
    text: str          # normalised text: LF line ends, always ends with '\n'
    original_lines: tuple[str, ...]  # original decoded lines without line ends, for display
    _src_line: tuple[int, ...] = field(default=(), repr=False, compare=False)  # 0-based
    _colmap: tuple[ColMap, ...] = field(default=(), repr=False, compare=False)  # 0-based cols
    _end: tuple[int, ...] = field(default=(), repr=False, compare=False)  # col just past line
    # Where each ORIGINAL line is in the document a person opens, when that is
    # not a text file: "page 3, line 12" for a PDF, "paragraph 41 (Word
    # paragraph 57)" for a Word draft. Empty for text files.
    places: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def place(self, original_line: int) -> str | None:
        """The human place of an original line, if the document has places."""
        if self.places and 1 <= original_line <= len(self.places):
            return self.places[original_line - 1] or None
        return None

    @cached_property
    def lines(self) -> list[str]:
        """Normalised lines (without the empty string after the final '\\n')."""
        return self.text.split('\n')[:-1]

    def _index(self, line: int) -> int:
        if not 1 <= line <= len(self._src_line):
            raise IndexError(f'line {line} is out of range 1..{len(self._src_line)}')
        return line - 1

    def position(self, line: int, column: int = 1) -> tuple[int, int]:
        """Map 1-based (line, column) in `text` to the 1-based (line, column) in the original file.

        Columns count characters (code points) of the decoded original line; a BOM is not
        counted.  Columns past the end of a normalised line map to just past the end of the
        original line (or to the form feed that ended this part of it).  Line len(lines) + 1
        (end of input, as some parsers report it) maps to the end of the last original line.
        """
        if column < 1:
            raise ValueError(f'column must be >= 1, not {column}')
        if line == len(self._src_line) + 1:
            return len(self.original_lines), len(self.original_lines[-1]) + 1
        i = self._index(line)
        cmap, k = self._colmap[i], column - 1
        if k >= len(self.lines[i]):
            col = self._end[i]
        else:
            col = cmap + k if isinstance(cmap, int) else cmap[k]
        return self._src_line[i] + 1, col + 1

    def original_line(self, line: int) -> str:
        """Original text of the original line that normalised `line` comes from."""
        return self.original_lines[self._src_line[self._index(line)]]


# --- normalisation -----------------------------------------------------------------------------

_REMOVED = '\u200b\u200c\u200d\u2060\ufeff'  # zero-width characters: invisible, break matching
# and the bidirectional controls (marks, embeddings, overrides, isolates), invisible too: text
# pasted from Outlook or a web page carries U+200E, and one in a title hid a whole report
_REMOVED += '\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'
_REPLACE = (*((q, "'") for q in '\u2018\u2019\u201a\u201b'),
            *((q, '"') for q in '\u201c\u201d\u201e\u201f'),
            *((sp, ' ') for sp in '\u00a0\u202f\u2007'),
            *((z, '') for z in _REMOVED))


def _replace_chars(s: str) -> str:
    """Straighten quotes, plain spaces, drop zero-width characters.

    A chain of str.replace() is ~20x faster here than str.translate() with a dict.
    """
    for old, new in _REPLACE:
        if old in s:
            s = s.replace(old, new)
    return s


# Symbol-font bullet (what Word's PUA bullets become), Unicode bullets, and Wingdings
# square / arrowhead / diamond / tick bullets.
_BULLETS = '\uf0b7\u2022\u25fc\u25aa\u25cf\u25e6\u2023\u2043\uf0a7\uf0d8\uf076\uf0fc'
_BULLET_RE = re.compile(f'([ \t]*)([{_BULLETS}])[ \t]*')
_DASH_NUM_RE = re.compile(r'([ \t]*)-[ \t]+(?=\d+\.(?:[ \t]|$))')  # "- 12. text", from PDFs
_REMOVED_RE = re.compile(f'[{_REMOVED}]+')
_ASCII_RUN_OR_CHAR_RE = re.compile(r'[\x00-\x7f]+|[^\x00-\x7f]')
_CONTROL_RE = re.compile('[\x00-\x08\x0b\x0e-\x1f]')  # C0 except \t \n \f \r


# Unicode's stream-safe limit (UAX #15): no text has more marks in a row. Python's NFC puts
# a run of marks in order by insertion sort, quadratic in its length: 300,000 of U+0F73 take
# minutes. A line with a longer run is left as it is, not normalised.
_MAX_MARKS = 30


def _is_mark(ch: str) -> bool:
    return not ch.isascii() and unicodedata.combining(unicodedata.normalize('NFD', ch)[0]) != 0


def _nfc(s: str, cols: list[int]) -> tuple[str, list[int]]:
    """NFC with a column map: normalise chunk by chunk, where chunks cannot interact.

    A chunk starts at a character whose decomposition starts with combining class 0 (U+0F73
    has class 0 but decomposes into marks that reorder with earlier ones).  A boundary before an
    ASCII character is always safe (ASCII never composes with what precedes it); any other one
    is kept only if normalising across it changes nothing.  A changed chunk maps to its first
    original column.
    """
    chunks: list[tuple[int, int]] = []   # (start, end) indexes into s
    start = 0
    marks = 0    # consecutive marks so far
    for m in _ASCII_RUN_OR_CHAR_RE.finditer(s, 1):
        i = m.start()
        if s[i].isascii() and m.end() - 1 > i:   # an ASCII run never changes: one chunk,
            chunks.append((start, i))             # but its last character may take marks
            start, i = i, m.end() - 1
        elif not s[i].isascii():
            if _is_mark(s[i]):
                marks += 1
                if marks > _MAX_MARKS:
                    return s, cols
                continue
            nxt = i + 1
            while nxt < len(s) and _is_mark(s[nxt]):
                nxt += 1
            if nxt - i - 1 > _MAX_MARKS:
                return s, cols
            a, b = s[start:i], s[i:nxt]
            if unicodedata.normalize('NFC', a + b) != (unicodedata.normalize('NFC', a)
                                                       + unicodedata.normalize('NFC', b)):
                continue   # interacts with the previous chunk (e.g. Hangul jamo): merge
        marks = 0
        chunks.append((start, i))
        start = i
    chunks.append((start, len(s)))
    out: list[str] = []
    out_cols: list[int] = []
    for a, b in chunks:
        piece = s[a:b]
        norm = unicodedata.normalize('NFC', piece)
        out.append(norm)
        out_cols.extend(cols[a:b] if norm == piece else [cols[a]] * len(norm))
    text = ''.join(out)
    if text != unicodedata.normalize('NFC', s):   # safety net; not expected to happen
        text = unicodedata.normalize('NFC', s)
        out_cols = [cols[0]] * len(text)
    return text, out_cols


def _fix_start(s: str, cmap: ColMap) -> tuple[str, ColMap]:
    """Bullet glyph -> '- ', and '- 12. ' -> '12. ' (keeping any indentation)."""
    m = _BULLET_RE.match(s)
    if not m:
        d = _DASH_NUM_RE.match(s)
        if not d:
            return s, cmap
        if isinstance(cmap, int) and not d.end(1):   # common case, keep it cheap: a shift
            return s[d.end():], cmap + d.end()
    cols = list(range(cmap, cmap + len(s))) if isinstance(cmap, int) else list(cmap)
    if m:
        g, rest = m.start(2), m.end()
        if rest < len(s):   # the space stands for the whitespace after the glyph, if any
            space = cols[min(g + 1, rest - 1)]
            s, cols = s[:g] + '- ' + s[rest:], cols[:g + 1] + [space] + cols[rest:]
        else:
            s, cols = s[:g] + '-', cols[:g + 1]
    m = _DASH_NUM_RE.match(s)
    if m:
        s, cols = s[:m.end(1)] + s[m.end():], cols[:m.end(1)] + cols[m.end():]
    return s, _compress(cols)


def _compress(cols: list[int]) -> ColMap:
    """A pure shift (most edited lines) is stored as an offset; anything else as a tuple."""
    if not cols:
        return 0
    return cols[0] if cols == list(range(cols[0], cols[0] + len(cols))) else tuple(cols)


def _normalise_line(orig: str) -> list[tuple[str, ColMap, int]]:
    """Normalise one original line into (text, column map, end column) parts; a form feed splits."""
    cmap: ColMap = 0
    s = orig
    if not orig.isascii():
        s = _replace_chars(orig)
        if len(s) != len(orig) or not unicodedata.is_normalized('NFC', s):
            cols: list[int] = []   # original column of each character kept
            kept = 0
            for m in _REMOVED_RE.finditer(orig):
                cols += range(kept, m.start())
                kept = m.end()
            cols += range(kept, len(orig))
            s, cmap = _nfc(s, cols) if not unicodedata.is_normalized('NFC', s) else (s, cols)
            cmap = _compress(cmap)
    s = s.rstrip()     # also drops trailing form feeds: a page break alone is a blank line
    parts = []
    start = 0
    pieces = s.split('\f')
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        stop = start + len(piece)
        if isinstance(cmap, int):
            part_map: ColMap = cmap + start
            end = len(orig) if last else cmap + stop
        else:
            part_map = cmap[start:stop]
            end = len(orig) if last else cmap[stop]
        piece = piece.rstrip()
        if not isinstance(part_map, int):
            part_map = part_map[:len(piece)]
        if piece and (piece[0] in ' \t-' or piece[0] in _BULLETS):
            piece, part_map = _fix_start(piece, part_map)
        parts.append((piece, part_map, end))
        start = stop + 1
    return parts


def _build(text: str, path: str, encoding: str) -> SourceText:
    if text.startswith('\ufeff'):
        text = text[1:]
    if '\r' in text:
        text = text.replace('\r\n', '\n').replace('\r', '\n')
    lines = text.count('\n') + (not text.endswith('\n'))
    if lines > MAX_LINES:
        raise InputError(f'too many lines for a report ({lines:,}; the limit is '
                         f'{MAX_LINES:,})', path)
    originals = text.split('\n')
    if originals[-1] == '':
        originals.pop()      # the final line end does not start another line
    norm: list[str] = []
    src: list[int] = []
    cmaps: list[ColMap] = []
    ends: list[int] = []
    for idx, orig in enumerate(originals):
        for piece, cmap, end in _normalise_line(orig):
            norm.append(piece)
            src.append(idx)
            cmaps.append(cmap)
            ends.append(end)
    if not any(norm):
        raise InputError('empty file', path)
    return SourceText(path, encoding, '\n'.join(norm) + '\n', tuple(originals),
                      tuple(src), tuple(cmaps), tuple(ends))


# --- decoding ----------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, 'utf-32', 'UTF-32'), (codecs.BOM_UTF32_BE, 'utf-32', 'UTF-32'),
         (codecs.BOM_UTF8, 'utf-8-sig', 'UTF-8'),
         (codecs.BOM_UTF16_LE, 'utf-16', 'UTF-16'), (codecs.BOM_UTF16_BE, 'utf-16', 'UTF-16'))


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f'{n / (1 << 20):.1f}'.removesuffix('.0') + ' MB'
    return f'{n / 1024:.1f}'.removesuffix('.0') + ' KB' if n >= 1024 else f'{n} bytes'


def _too_large(n: int, path: str) -> InputError:
    return InputError(f'file too large ({_size(n)}; the limit is {_size(MAX_BYTES)})', path)


def decode(data: bytes, path: str = '<string>') -> SourceText:
    """Decode a report's bytes: BOM first, then strict UTF-8, then strict Windows-1252.

    Word's "save as text" writes Windows-1252 or UTF-16; copies out of PDFs are UTF-8.  Strict
    decoding (never 'replace') matters: a silently wrong character would become a false finding.
    """
    if not data:
        raise InputError('empty file', path)
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), path)
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f'not decodable as {name} despite its byte order mark',
                                 path) from None
            break
    else:
        if b'\x00' in data:
            raise InputError('binary file (contains NUL bytes)', path)
        try:
            text, encoding = data.decode('utf-8'), 'utf-8'
        except UnicodeDecodeError:
            try:  # strict: 0x81 0x8D 0x8F 0x90 0x9D are undefined and raise
                text, encoding = data.decode('cp1252'), 'cp1252'
            except UnicodeDecodeError:
                raise InputError('not decodable as UTF-8, UTF-16 or Windows-1252',
                                 path) from None
    if '\x00' in text:
        raise InputError('binary file (contains NUL bytes)', path)
    if _CONTROL_RE.search(text) and len(_CONTROL_RE.findall(text)) * 20 > len(text):
        raise InputError('binary file (too many control characters)', path)
    return _build(text, path, encoding)


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of an input file, read-only: every reader (text, PDF, Word) opens its
    input here, so each turns the same OS failures into the same clear InputError.

    The size is checked (fstat) before reading, and the read itself is bounded, so a huge file
    or a device cannot exhaust memory.
    """
    name = os.fsdecode(path)
    try:
        with open(path, 'rb') as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                raise _too_large(size, name)
            data = f.read(MAX_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError('no such file', name) from None
    except IsADirectoryError:
        raise InputError('is a directory', name) from None
    except PermissionError:   # Windows reports a directory as PermissionError
        raise InputError('is a directory' if os.path.isdir(path) else 'permission denied',
                         name) from None
    except OSError as e:
        raise InputError(f'cannot read the file ({e.strerror or e})', name) from None
    except ValueError:        # e.g. an embedded NUL in the path
        raise InputError('invalid path', name) from None
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), name)
    return data


def read_source(path: str | os.PathLike) -> SourceText:
    """Read and decode a report file.  Opens read-only and never writes: it is the QA original."""
    return decode(read_bytes(path), os.fsdecode(path))


def from_text(text: str, path: str = '<string>', encoding: str = 'utf-8',
              places: tuple[str, ...] = ()) -> SourceText:
    """Build a SourceText from already-decoded text (tests, the API, and the
    PDF and Word readers, which pass the extracted text and its `places`).

    No binary checks: those are about bytes.  A leading BOM character is dropped and not
    counted, as decode() would.
    """
    source = _build(text, path, encoding)
    if places:
        from dataclasses import replace
        source = replace(source, places=tuple(places))
    return source
