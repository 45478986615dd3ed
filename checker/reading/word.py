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
Each line's `place` says where it is in Word: "paragraph 41 (Word paragraph 57)"
for a numbered paragraph (the number as displayed), "Word paragraph 57" for any
other, "table 1, row 3" for a table row. "Word paragraph N" is the 1-based
position of the paragraph among the paragraphs of the document body, in reading
order, empty ones included and table cells not (`document.paragraphs[N - 1]`,
plus any paragraphs inside content controls).

Text is what a reader sees with tracked changes accepted: insertions kept,
deletions and moved-from text left out, hidden (`w:vanish`) runs left out, a
line break (Shift+Enter) a new line of the same paragraph.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from checker.reading.source import MAX_BYTES, InputError, SourceText, from_text, read_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_NUMBERING_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_P, _R, _T, _TBL, _TR, _TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
_PPR, _RPR, _NUMPR, _NUMID, _ILVL = _w("pPr"), _w("rPr"), _w("numPr"), _w("numId"), _w("ilvl")
_PSTYLE, _VAL, _VANISH = _w("pStyle"), _w("val"), _w("vanish")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_COMMENT_REF = _w("commentReference")
# Text of these is not shown to a reader of the final document (tracked
# deletions, moved-from text), or is not paragraph text (drawings and text
# boxes, whose alternate content repeats itself; footnote marks).
_SKIP = frozenset(_w(t) for t in ("del", "moveFrom", "drawing", "pict", "object", "txbxContent",
                                  "pPr", "rPr", "instrText", "delText", "fldData"))
_SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_TABS = frozenset(_w(t) for t in ("tab", "ptab"))
_BREAKS = frozenset(_w(t) for t in ("br", "cr"))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = "\n"
_NUMBERED_LINE = re.compile(r"^\s*(\d{1,3})\.\s")
_TYPED_LIST = re.compile(r"^\s*(\d{1,3}\.|[a-z]\)|\([a-z]\)|[-\u2022\uf0b7\u25cf\u25aa])\s")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# Word accepts start values up to 32767; anything larger is hostile or corrupt
_MAX_START = 32767
# the largest uncompressed size of all parts together (a zip bomb is refused)
MAX_UNCOMPRESSED = 4 * MAX_BYTES
# the largest uncompressed XML part: parsed whole into memory (~35 bytes of
# memory per byte of dense markup) and walked element by element, so 16 MB
# (~100 times a report's document.xml) bounds a hostile one to seconds
MAX_XML_PART = 16 * 1024 * 1024


# ------------------------------------------------------------ numbering ----

@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None   # lvlText; None when absent
    restart: int | None = None  # lvlRestart (1-based level; 0 = never); None = default
    suffix: str = "tab"       # tab | space | nothing
    legal: bool = False       # isLgl: every %n in decimal
    style: str | None = None  # pStyle: the paragraph style linked to this level


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(_VAL))
    except (TypeError, ValueError):
        return default


def _read_level(lvl) -> _Level:
    fmt_el, text_el, suff_el = lvl.find(_w("numFmt")), lvl.find(_w("lvlText")), lvl.find(_w("suff"))
    style_el, legal_el = lvl.find(_w("pStyle")), lvl.find(_w("isLgl"))
    return _Level(
        start=max(0, min(_int(lvl.find(_w("start")), 1), _MAX_START)),
        fmt=(fmt_el.get(_VAL) if fmt_el is not None else None) or "decimal",
        text=text_el.get(_VAL) if text_el is not None else None,
        restart=_int(lvl.find(_w("lvlRestart"))),
        suffix=(suff_el.get(_VAL) if suff_el is not None else None) or "tab",
        legal=legal_el is not None and legal_el.get(_VAL) not in ("0", "false", "off"),
        style=style_el.get(_VAL) if style_el is not None else None)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter as Word shows it in `fmt` (letters go a..z, aa..zz, aaa..)."""
    if fmt == "none":
        return ""
    if n > _MAX_START + 100_000:   # beyond any real list: no runaway letters or numerals
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        if n < 1:
            return str(n)
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if n < 1:
            return str(n)
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


@dataclass
class _Label:
    text: str        # as displayed, with its separator: "12. ", "a) ", "- "; "" = no label
    bullet: bool


class _Numbering:
    """Word's list numbering for one document, resolved paragraph by paragraph in order."""

    def __init__(self, numbering_el, styles_el):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}   # abstractNumId -> numbering style id
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        if numbering_el is not None:
            for a in numbering_el.iterchildren(_w("abstractNum")):
                aid = a.get(_w("abstractNumId"))
                self.abstract[aid] = {_int_attr(lvl): _read_level(lvl)
                                      for lvl in a.iterchildren(_w("lvl"))}
                link = a.find(_w("numStyleLink"))
                if link is not None and link.get(_VAL):
                    self.style_link[aid] = link.get(_VAL)
            for n in numbering_el.iterchildren(_w("num")):
                aid_el = n.find(_w("abstractNumId"))
                starts: dict[int, int] = {}
                levels: dict[int, _Level] = {}
                for o in n.iterchildren(_w("lvlOverride")):
                    ilvl = _int_attr(o)
                    start = o.find(_w("startOverride"))
                    if start is not None:
                        starts[ilvl] = max(0, min(_int(start, 1), _MAX_START))
                    lvl = o.find(_w("lvl"))
                    if lvl is not None:
                        levels[ilvl] = _read_level(lvl)
                self.nums[n.get(_w("numId"))] = (
                    aid_el.get(_VAL) if aid_el is not None else None, starts, levels)
        # paragraph and numbering styles: id -> (basedOn, numId, ilvl)
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        self.default_style: str | None = None
        if styles_el is not None:
            for s in styles_el.iterchildren(_w("style")):
                if s.get(_w("type")) not in ("paragraph", "numbering"):
                    continue
                sid = s.get(_w("styleId"))
                based = s.find(_w("basedOn"))
                num_id = ilvl = None
                ppr = s.find(_PPR)
                numpr = ppr.find(_NUMPR) if ppr is not None else None
                if numpr is not None:
                    nid = numpr.find(_NUMID)
                    num_id = nid.get(_VAL) if nid is not None else None
                    ilvl = _int(numpr.find(_ILVL))
                self.styles[sid] = (based.get(_VAL) if based is not None else None, num_id, ilvl)
                if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true", "on"):
                    self.default_style = sid
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()

    def _abstract_of(self, num_id: str) -> str | None:
        """The abstractNum a num stands for, following numbering-style links."""
        aid = self.nums.get(num_id, (None,))[0]
        for _ in range(8):   # a link chain is at most a step or two; a cycle ends here
            if aid not in self.style_link:
                break
            linked = self.styles.get(self.style_link[aid], (None, None, None))[1]
            nxt = self.nums.get(linked, (None,))[0] if linked else None
            if nxt is None or nxt == aid:
                break
            aid = nxt
        return aid if aid in self.abstract else None

    def _level(self, num_id: str, aid: str, ilvl: int) -> _Level | None:
        override = self.nums[num_id][2].get(ilvl)
        return override if override is not None else self.abstract[aid].get(ilvl)

    def _start(self, num_id: str, aid: str, ilvl: int) -> int:
        starts = self.nums[num_id][1]
        if ilvl in starts:
            return starts[ilvl]
        level = self._level(num_id, aid, ilvl)
        return level.start if level else 1

    def _resolve(self, p) -> tuple[str, int] | None:
        """(numId, level) of a paragraph, or None when it is not in a list."""
        num_id = ilvl = None
        style = None
        ppr = p.find(_PPR)
        if ppr is not None:
            numpr = ppr.find(_NUMPR)
            if numpr is not None:
                nid = numpr.find(_NUMID)
                num_id = nid.get(_VAL) if nid is not None else None
                ilvl = _int(numpr.find(_ILVL))
            ps = ppr.find(_PSTYLE)
            style = ps.get(_VAL) if ps is not None else None
        style = style or self.default_style
        chain: list[str] = []
        sid = style
        while sid and sid in self.styles and sid not in chain and len(chain) < 32:
            chain.append(sid)
            based, s_num, s_ilvl = self.styles[sid]
            if num_id is None and s_num is not None:
                num_id = s_num
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            sid = based
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            aid = self._abstract_of(num_id)
            levels = self.abstract.get(aid, {}) if aid else {}
            ilvl = next((k for s in chain for k, lv in sorted(levels.items()) if lv.style == s), 0)
        return num_id, max(0, min(ilvl, 8))

    def label(self, p) -> _Label | None:
        """Advance the counters for paragraph `p` and return its label as displayed."""
        resolved = self._resolve(p)
        if resolved is None:
            return None
        num_id, ilvl = resolved
        aid = self._abstract_of(num_id)
        if aid is None:
            return None
        level = self._level(num_id, aid, ilvl)
        if level is None:
            return None
        counts = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.used:
            self.used.add(num_id)
            for k in self.nums[num_id][1]:     # "restart numbering": startOverride
                if 0 <= k <= 8:
                    counts[k] = None
        counts[ilvl] = self._start(num_id, aid, ilvl) if counts[ilvl] is None else counts[ilvl] + 1
        for k in range(ilvl + 1, 9):
            deeper = self._level(num_id, aid, k)
            restart = deeper.restart if deeper else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts[k] = None
        if level.fmt == "bullet":
            return _Label("- ", True)

        def fill(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            value = counts[k] if counts[k] is not None else self._start(num_id, aid, k)
            other = self._level(num_id, aid, k)
            fmt = "decimal" if level.legal and (other is None or other.fmt != "none") else (
                other.fmt if other else "decimal")
            return format_number(value, fmt)

        shown = re.sub(r"%([1-9])", fill, level.text if level.text is not None else "").strip()
        if not shown:
            return _Label("", False)
        return _Label(shown + ("" if level.suffix == "nothing" else " "), False)


def _int_attr(el) -> int:
    try:
        return int(el.get(_ILVL))
    except (TypeError, ValueError):
        return 0


# ----------------------------------------------------------------- text ----

def _hidden(run) -> bool:
    rpr = run.find(_RPR)
    if rpr is None:
        return False
    vanish = rpr.find(_VANISH)
    return vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")


def _text(el, out: list[str]) -> None:
    """The visible text under `el`, line breaks as '\\n'."""
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag in _TABS:
            out.append("\t")
        elif tag in _BREAKS:
            out.append(_LINE_BREAK)
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == _w("sym"):
            try:
                out.append(chr(int(child.get(_w("char")), 16)))
            except (TypeError, ValueError):
                pass
        elif tag == _R and _hidden(child):
            continue
        elif len(child):
            _text(child, out)


def _paragraph_text(p) -> str:
    out: list[str] = []
    _text(p, out)
    return _CONTROL.sub(" ", "".join(out).replace("\r", " "))


# --------------------------------------------------------------- layout ----

@dataclass
class _Anchor:
    """What a line of the text is in the Word document."""

    element: object                  # the w:p, or the w:tr of a table row
    cells: tuple = ()                # table row: (start offset in the line, w:tc) per cell


@dataclass
class _Extract:
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    anchors: list[_Anchor | None] = field(default_factory=list)

    def add(self, line: str, place: str, anchor: _Anchor | None) -> None:
        self.lines.append(line)
        self.places.append(place)
        self.anchors.append(anchor)

    def anchor_for(self, line: int) -> _Anchor | None:
        """The anchor of a 1-based line, or of the nearest line that has one."""
        n = len(self.anchors)
        if not n:
            return None
        i = min(max(line, 1), n) - 1
        for j in [*range(i, n), *range(i - 1, -1, -1)]:
            if self.anchors[j] is not None:
                return self.anchors[j]
        return None


def _content(element, wanted: tuple[str, ...]):
    """The children of `element` with a tag in `wanted`, in reading order,
    looking through content controls (w:sdt) and custom XML wrappers, which
    can hold paragraphs and tables in a body, rows in a table and cells in a
    row alike: `document.iter_inner_content()` sees only the first level."""
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _content(content, wanted)
        elif child.tag == _CUSTOM_XML:
            yield from _content(child, wanted)


def _extract(body, numbering: _Numbering) -> _Extract:
    out = _Extract()
    previous: str | None = None        # kind of the last block written: list, text, row
    word_paragraph = table_index = 0

    def start_block(kind: str) -> None:
        nonlocal previous
        if previous is not None and not (kind == previous == "list"):
            out.add("", "", None)
        previous = kind

    for block in _content(body, (_P, _TBL)):
        if block.tag == _P:
            word_paragraph += 1
            label = numbering.label(block)
            text = _paragraph_text(block)
            parts = [s.strip() for s in text.split(_LINE_BREAK)]
            parts = [s for s in parts if s]
            if label is not None and label.text and (parts or not label.bullet):
                parts = [label.text + (parts[0] if parts else ""), *parts[1:]]
            if not parts:
                continue   # an empty paragraph: the blank lines around blocks stand for it
            listed = label is not None and bool(label.text) or bool(_TYPED_LIST.match(parts[0]))
            start_block("list" if listed else "text")
            number = _NUMBERED_LINE.match(parts[0])
            place = (f"paragraph {number.group(1)} (Word paragraph {word_paragraph})" if number
                     else f"Word paragraph {word_paragraph}")
            for part in parts:
                out.add(part, place, _Anchor(block))
        else:
            table_index += 1
            first = True
            for row_index, tr in enumerate(_content(block, (_TR,)), start=1):
                cells, texts, offset = [], [], 0
                for tc in _content(tr, (_TC,)):
                    words = []
                    for p in tc.iter(_P):
                        label = numbering.label(p)
                        t = " ".join(_paragraph_text(p).split())
                        if label is not None and label.text and t:
                            t = label.text + t
                        if t:
                            words.append(t)
                    cell_text = " ".join(words)
                    if cell_text:
                        cells.append((offset, tc))
                        texts.append(cell_text)
                        offset += len(cell_text) + 1
                if not texts:
                    continue
                if first:
                    start_block("row")
                    first = False
                out.add("\t".join(texts), f"table {table_index}, row {row_index}",
                        _Anchor(tr, tuple(cells)))
            if not first:
                previous = "row"
    return out


# -------------------------------------------------------------- opening ----

def _open(path) -> object:
    """Open a .docx with python-docx, turning every way it can fail into an InputError."""
    name = os.fsdecode(path)
    # read once: the checks below and python-docx see the same bytes
    data = read_bytes(path)
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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                raise InputError("corrupt or hostile .docx: its parts would take more than "
                                 f"{MAX_UNCOMPRESSED >> 20} MB uncompressed", name)
            for i in infos:
                if i.file_size > MAX_XML_PART and i.filename.lower().endswith((".xml", ".rels")):
                    raise InputError(f"corrupt or hostile .docx: its part {i.filename} would "
                                     f"take {i.file_size / (1 << 20):.0f} MB uncompressed (the "
                                     f"limit is {MAX_XML_PART >> 20} MB)", name)
            names = {i.filename for i in infos}
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as e:
        raise InputError(f"corrupt .docx: not a readable zip archive ({e})", name) from None
    if "[Content_Types].xml" not in names:
        raise InputError("not a Word document (.docx): a zip archive without "
                         "[Content_Types].xml", name)
    import docx
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as e:      # python-docx: "file '...' is not a Word file, content type is .."
        message = str(e)
        m = re.search(r"content type is '([^']*)'", message)
        raise InputError("not a Word document (.docx)" + (
            f": its main part is {m.group(1)}" if m else f" ({message})"), name) from None
    except Exception as e:  # noqa: BLE001 - any failure to open is this file's problem
        raise InputError(f"corrupt .docx ({type(e).__name__}: {e})", name) from None
    # a damaged namespace makes the root a plain element, without .body
    body = getattr(document.element, "body", None)
    if body is None:
        if document.element.tag.startswith(f"{{{_STRICT_NS}}}"):
            raise InputError("a Strict Open XML document: save it as an ordinary Word "
                             "Document (.docx)", name)
        if not hasattr(document.element, "body"):
            raise InputError("corrupt .docx: its main part is not a Word document (its root "
                             f"is {str(document.element.tag)[:120]!r})", name)
        raise InputError("corrupt .docx: the document has no body", name)
    return document


def _numbering_of(document) -> _Numbering:
    try:
        numbering = document.part.part_related_by(_NUMBERING_RT).element
    except (KeyError, AttributeError):
        numbering = None
    styles = document.styles.element
    return _Numbering(numbering, styles)


def _read(path) -> tuple[object, _Extract]:
    document = _open(path)
    extract = _extract(document.element.body, _numbering_of(document))
    if not any(line.strip() for line in extract.lines):
        raise InputError("empty document (no text)", os.fsdecode(path))
    return document, extract


def read_docx(path: str | os.PathLike) -> SourceText:
    """Read a Word draft as report text; `places` say where each line is in Word.

    Raises InputError (never anything else for bad input) for a missing, empty,
    non-.docx, corrupt, password-protected or textless file.
    """
    _, extract = _read(path)
    return from_text("\n".join(extract.lines) + "\n", os.fsdecode(path), encoding="docx",
                     places=tuple(extract.places))


# ------------------------------------------------------------- comments ----

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
    for r in element.iter(_R):
        parent, skip = r.getparent(), False
        while parent is not None and parent is not element:
            if parent.tag in _SKIP:
                skip = True
                break
            parent = parent.getparent()
        if skip or r.find(_COMMENT_REF) is not None:
            continue
        runs.append(r)
    return runs


def _comment_runs(anchor: _Anchor, column: int, document):
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
        paragraph_el = runs[0].getparent() if runs else chosen.find(_P)
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
        document, extract = _read(source_path)
    except InputError as exc:
        raise AnnotateError(f"cannot read the draft: {exc}") from None
    checked = getattr(result, "source", None)
    if checked is not None and tuple(checked.original_lines) != tuple(extract.lines):
        raise AnnotateError(f"{os.fsdecode(source_path)} changed since it was checked; check "
                            "it again")
    count = 0
    for d in sorted(result.diagnostics, key=lambda d: (d.line, d.column)):
        anchor = extract.anchor_for(d.line)
        if anchor is None:
            continue
        runs = _comment_runs(anchor, d.column, document)
        document.add_comment(runs, text=f"{d.rule} {d.severity}: {d.message}", author=author,
                             initials=initials)
        count += 1
    _save_atomically(document, Path(out_path))
    return count


def _save_atomically(document, target: Path) -> None:
    folder = Path(os.path.abspath(target)).parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            document.save(fh)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
