"""Word's automatic list numbering, resolved the way Word displays it (see checker.reading.word).

`paragraph.text` never holds a list number, yet "paragraphs are numbered
sequentially" must be checked on the numbers a reader sees; so numbering.xml
and the paragraph styles are read here and every paragraph's label is worked
out in document order, with Word's counters, restarts and formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.reading.word.ooxml import ILVL, NUMID, NUMPR, PPR, PSTYLE, int_val, on, val, w

# Word accepts start values up to 32767; anything larger is hostile or corrupt
MAX_START = 32767
_LEVELS = 9                 # w:ilvl 0..8
_MAX_STYLE_CHAIN = 32       # basedOn links followed; a real chain is a few, a cycle stops


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None   # lvlText; None when absent
    restart: int | None = None  # lvlRestart (1-based level; 0 = never); None = default
    suffix: str = "tab"       # tab | space | nothing
    legal: bool = False       # isLgl: every %n in decimal
    style: str | None = None  # pStyle: the paragraph style linked to this level


def _start_value(el) -> int:
    """A w:start or w:startOverride, clamped to what Word accepts."""
    return max(0, min(int_val(el, 1), MAX_START))


def _read_level(lvl) -> _Level:
    return _Level(
        start=_start_value(lvl.find(w("start"))),
        fmt=val(lvl.find(w("numFmt"))) or "decimal",
        text=val(lvl.find(w("lvlText"))),
        restart=int_val(lvl.find(w("lvlRestart"))),
        suffix=val(lvl.find(w("suff"))) or "tab",
        legal=on(lvl.find(w("isLgl"))),
        style=val(lvl.find(w("pStyle"))))


def _ilvl_attr(el) -> int:
    """The w:ilvl attribute of a w:lvl or w:lvlOverride (0 when missing or not a number)."""
    try:
        return int(el.get(ILVL))
    except (TypeError, ValueError):
        return 0


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """a..z, aa..zz, aaa..: Word's letter numbering repeats the letter, it does not carry."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """A counter as Word shows it in `fmt` (letters go a..z, aa..zz, aaa..)."""
    if fmt == "none":
        return ""
    if n > MAX_START + 100_000:   # beyond any real list: no runaway letters or numerals
        return str(n)
    if fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        if n < 1:
            return str(n)
        shown = _letters(n) if fmt.endswith("Letter") else _roman(n)
        return shown.upper() if fmt.startswith("upper") else shown
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        return _ordinal(n)
    return str(n)


@dataclass
class Label:
    """A paragraph's list label as Word displays it."""

    text: str        # as displayed, with its separator: "12. ", "a) ", "- "; "" = no label
    bullet: bool


@dataclass(frozen=True)
class _ListInstance:
    """A w:num: the abstract list it uses, and its per-level restarts and replacements."""

    abstract: str | None
    starts: dict[int, int]        # startOverride per level
    levels: dict[int, _Level]     # lvlOverride/lvl per level


@dataclass(frozen=True)
class _Style:
    """A paragraph or numbering style as far as numbering goes."""

    based_on: str | None
    num_id: str | None
    ilvl: int | None


_NO_STYLE = _Style(None, None, None)


def _num_pr(ppr) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a w:pPr's w:numPr, each None when not given."""
    numpr = ppr.find(NUMPR) if ppr is not None else None
    if numpr is None:
        return None, None
    return val(numpr.find(NUMID)), int_val(numpr.find(ILVL))


def _abstract_lists(numbering_el) -> tuple[dict[str, dict[int, _Level]], dict[str, str]]:
    """The w:abstractNum levels by abstractNumId, and the numbering style each links to."""
    abstract: dict[str, dict[int, _Level]] = {}
    style_link: dict[str, str] = {}
    for a in numbering_el.iterchildren(w("abstractNum")):
        aid = a.get(w("abstractNumId"))
        abstract[aid] = {_ilvl_attr(lvl): _read_level(lvl) for lvl in a.iterchildren(w("lvl"))}
        link = val(a.find(w("numStyleLink")))
        if link:
            style_link[aid] = link
    return abstract, style_link


def _list_instances(numbering_el) -> dict[str, _ListInstance]:
    """The w:num elements by numId."""
    nums: dict[str, _ListInstance] = {}
    for n in numbering_el.iterchildren(w("num")):
        starts: dict[int, int] = {}
        levels: dict[int, _Level] = {}
        for o in n.iterchildren(w("lvlOverride")):
            ilvl = _ilvl_attr(o)
            start = o.find(w("startOverride"))
            if start is not None:
                starts[ilvl] = _start_value(start)
            lvl = o.find(w("lvl"))
            if lvl is not None:
                levels[ilvl] = _read_level(lvl)
        nums[n.get(w("numId"))] = _ListInstance(val(n.find(w("abstractNumId"))), starts, levels)
    return nums


def _styles(styles_el) -> tuple[dict[str, _Style], str | None]:
    """Paragraph and numbering styles by id, and the default paragraph style's id."""
    styles: dict[str, _Style] = {}
    default = None
    for s in styles_el.iterchildren(w("style")):
        kind = s.get(w("type"))
        if kind not in ("paragraph", "numbering"):
            continue
        sid = s.get(w("styleId"))
        styles[sid] = _Style(val(s.find(w("basedOn"))), *_num_pr(s.find(PPR)))
        if kind == "paragraph" and s.get(w("default")) in ("1", "true", "on"):
            default = sid
    return styles, default


class Numbering:
    """Word's list numbering for one document, resolved paragraph by paragraph in order."""

    def __init__(self, numbering_el, styles_el):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}   # abstractNumId -> numbering style id
        self.nums: dict[str, _ListInstance] = {}
        if numbering_el is not None:
            self.abstract, self.style_link = _abstract_lists(numbering_el)
            self.nums = _list_instances(numbering_el)
        self.styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        if styles_el is not None:
            self.styles, self.default_style = _styles(styles_el)
        self.counters: dict[str, list[int | None]] = {}   # per abstractNum, per level
        self.used: set[str] = set()                        # numIds seen: restarts done

    def _abstract_of(self, num_id: str | None) -> str | None:
        """The abstractNum a num stands for, following numbering-style links."""
        aid = self._abstract_id(num_id)
        for _ in range(8):   # a link chain is at most a step or two; a cycle ends here
            if aid not in self.style_link:
                break
            linked = self.styles.get(self.style_link[aid], _NO_STYLE).num_id
            nxt = self._abstract_id(linked) if linked else None
            if nxt is None or nxt == aid:
                break
            aid = nxt
        return aid if aid in self.abstract else None

    def _abstract_id(self, num_id: str | None) -> str | None:
        instance = self.nums.get(num_id)
        return instance.abstract if instance is not None else None

    def _level(self, num_id: str, aid: str, ilvl: int) -> _Level | None:
        override = self.nums[num_id].levels.get(ilvl)
        return override if override is not None else self.abstract[aid].get(ilvl)

    def _start(self, num_id: str, aid: str, ilvl: int) -> int:
        starts = self.nums[num_id].starts
        if ilvl in starts:
            return starts[ilvl]
        level = self._level(num_id, aid, ilvl)
        return level.start if level else 1

    def _style_chain(self, style: str | None) -> list[str]:
        """The style and the styles it is based on, nearest first (a cycle stops it)."""
        chain: list[str] = []
        sid = style
        while sid and sid in self.styles and sid not in chain and len(chain) < _MAX_STYLE_CHAIN:
            chain.append(sid)
            sid = self.styles[sid].based_on
        return chain

    def _level_of_style(self, num_id: str, chain: list[str]) -> int:
        """The list level linked (w:pStyle) to the nearest style of the chain, or 0."""
        aid = self._abstract_of(num_id)
        levels = self.abstract.get(aid, {}) if aid else {}
        return next((k for s in chain for k, lv in sorted(levels.items()) if lv.style == s), 0)

    def _resolve(self, p) -> tuple[str, int] | None:
        """(numId, level) of a paragraph, or None when it is not in a list.

        The paragraph's own w:numPr wins; what it leaves out comes from the
        first style up its basedOn chain that gives it.
        """
        ppr = p.find(PPR)
        num_id, ilvl = _num_pr(ppr)
        style = val(ppr.find(PSTYLE)) if ppr is not None else None
        chain = self._style_chain(style or self.default_style)
        for sid in chain:
            s = self.styles[sid]
            if num_id is None and s.num_id is not None:
                num_id = s.num_id
            if ilvl is None and s.ilvl is not None:
                ilvl = s.ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            ilvl = self._level_of_style(num_id, chain)
        return num_id, max(0, min(ilvl, _LEVELS - 1))

    def _count(self, num_id: str, aid: str, ilvl: int) -> list[int | None]:
        """Advance the list's counter at `ilvl` and return the counters of all its levels.

        The first use of a w:num restarts the levels it overrides the start of
        ("Restart at 1"); a level's use resets the deeper levels unless their
        w:lvlRestart says otherwise.
        """
        counts = self.counters.setdefault(aid, [None] * _LEVELS)
        if num_id not in self.used:
            self.used.add(num_id)
            for k in self.nums[num_id].starts:     # "restart numbering": startOverride
                if 0 <= k < _LEVELS:
                    counts[k] = None
        counts[ilvl] = self._start(num_id, aid, ilvl) if counts[ilvl] is None else counts[ilvl] + 1
        for k in range(ilvl + 1, _LEVELS):
            deeper = self._level(num_id, aid, k)
            restart = deeper.restart if deeper else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts[k] = None
        return counts

    def _shown(self, level: _Level, counts: list[int | None], num_id: str, aid: str) -> str:
        """The level's w:lvlText with each %n filled in level n's format."""
        def fill(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            value = counts[k] if counts[k] is not None else self._start(num_id, aid, k)
            other = self._level(num_id, aid, k)
            fmt = "decimal" if level.legal and (other is None or other.fmt != "none") else (
                other.fmt if other else "decimal")
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", fill, level.text if level.text is not None else "").strip()

    def label(self, p) -> Label | None:
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
        counts = self._count(num_id, aid, ilvl)
        if level.fmt == "bullet":
            return Label("- ", True)
        shown = self._shown(level, counts, num_id, aid)
        if not shown:
            return Label("", False)
        return Label(shown + ("" if level.suffix == "nothing" else " "), False)
