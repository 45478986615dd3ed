"""The WordprocessingML names the Word reader looks for, and how it reads their values.

One place for the namespace and the element names, so that the numbering, the
text and the comments modules agree on what they skip and what they read.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
NUMBERING_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def w(tag: str) -> str:
    """A tag or attribute name in Word's main namespace, as lxml spells it."""
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, NUMPR, NUMID, ILVL = w("pPr"), w("rPr"), w("numPr"), w("numId"), w("ilvl")
PSTYLE, VAL, VANISH = w("pStyle"), w("val"), w("vanish")
SDT, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
COMMENT_REF = w("commentReference")
# Text of these is not shown to a reader of the final document (tracked
# deletions, moved-from text), or is not paragraph text (drawings and text
# boxes, whose alternate content repeats itself; footnote marks).
SKIP = frozenset(w(t) for t in ("del", "moveFrom", "drawing", "pict", "object", "txbxContent",
                                "pPr", "rPr", "instrText", "delText", "fldData"))
SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_FALSE = ("0", "false", "off")


def val(el) -> str | None:
    """The w:val of an optional element (None when the element is absent)."""
    return el.get(VAL) if el is not None else None


def int_val(el, default: int | None = None) -> int | None:
    """The w:val of an optional element as an integer; `default` if absent or not a number."""
    if el is None:
        return default
    try:
        return int(el.get(VAL))
    except (TypeError, ValueError):
        return default


def on(el) -> bool:
    """An on/off property (w:vanish, w:isLgl ...): on when present, unless its w:val is off."""
    return el is not None and el.get(VAL) not in _FALSE
