"""A pattern rewritten into the syntax interegular reads, and parsed by it
(see the package docstring for what the rewrite keeps aside)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import interegular

# Placeholder characters: Supplementary Private Use Area-A, which no rule's
# pattern holds (a pattern that does is not analysed).
_FIRST_PLACEHOLDER = 0xF0000
_CATEGORIES = "dDwWsS"
CATEGORY_OF = {chr(_FIRST_PLACEHOLDER + i): c for i, c in enumerate(_CATEGORIES)}
_PLACEHOLDER_OF = {c: ch for ch, c in CATEGORY_OF.items()}
# \b, kept as this placeholder where a question is about words (parse(...,
# boundaries=True)): the last character of the area, never another's
BOUNDARY = "\U000FFFFD"
_SPECIAL = frozenset("\\.^$*+?{}[]|()")
SPACE = frozenset(c for c in map(chr, range(128)) if c.isspace())
_QUANTIFIER = re.compile(r"\*|\+|\?|\{(?:\d+(?:,\d*)?|,\d*)\}")
_GROUP_HEAD = re.compile(r"""\?(?:
    (?P<comment>\#[^)]*\))
  | P<\w+>                          # a named group: the same shape
  | P=(?P<backref>\w+)\)            # a back reference by name
  | (?P<look>[=!]|<[=!])            # a look-ahead or look-behind
  | (?P<atomic>>)
  | (?P<conditional>\()
  | (?P<on>[aiLmsux]*)(?:-(?P<off>[aiLmsux]*))?(?P<end>[:)])  # flags, or (?:
  )""", re.VERBOSE)
_HEX = {"x": 2, "u": 4, "U": 8}


class _Unsupported(Exception):
    """A construct the analysis does not read: the caller gives the safe answer."""


@dataclass
class Syntax:
    """A pattern as interegular reads it, and what the rewrite kept aside."""
    tree: object  # interegular's parse tree (interegular.Pattern)
    anchors: set[str]  # "start", "boundary", "end": the anchors dropped
    atomic: dict[str, object] = field(default_factory=dict)  # placeholder -> parse tree
    backrefs: set[str] = field(default_factory=set)  # placeholders of back references


class _Lexer:
    """The rewrite described in the module docstring, in one pass over the pattern."""

    def __init__(self, pattern: str, boundaries: bool = False):
        if any(ord(ch) >= _FIRST_PLACEHOLDER for ch in pattern):
            raise _Unsupported("placeholder characters in the pattern")
        self.src, self.i = pattern, 0
        self.boundaries = boundaries
        self.anchors: set[str] = set()
        self.atomic: dict[str, str] = {}
        self.backrefs: set[str] = set()

    def _placeholder(self) -> str:
        n = len(_CATEGORIES) + len(self.atomic) + len(self.backrefs)
        return chr(_FIRST_PLACEHOLDER + n)

    def sequence(self, depth: int = 0) -> str:
        out: list[str] = []  # one entry per atom, so a possessive repeat can take its atom
        src = self.src
        while self.i < len(src):
            ch = src[self.i]
            if ch == ")":
                if not depth:
                    raise _Unsupported("unbalanced )")
                break
            if ch == "|":
                out.append("|")
                self.i += 1
                continue
            q = _QUANTIFIER.match(src, self.i) if ch in "*+?{" else None
            if q is None:
                out.append(self.atom())
                continue
            if not out or out[-1] in ("", "|"):
                raise _Unsupported("a repeat of nothing")
            self.i = q.end()
            text = q.group()
            if self.src.startswith("?", self.i):  # lazy: the same shape
                self.i += 1
            if self.src.startswith("+", self.i):  # possessive: an atomic repeat
                self.i += 1
                out.append(self._atomic(out.pop() + text))
            else:
                out[-1] += text
        return "".join(out)

    def _atomic(self, inner: str) -> str:
        mark = self._placeholder()
        self.atomic[mark] = inner
        return mark

    def atom(self) -> str:
        ch = self.src[self.i]
        self.i += 1
        if ch == "\\":
            return self.escape(in_set=False)
        if ch == "[":
            return self.char_set()
        if ch == "(":
            return self.group()
        if ch in "^$":
            self.anchors.add("start" if ch == "^" else "end")
            return ""
        if ch == "{":
            return "\\{"  # no repeat (_QUANTIFIER did not match): a literal brace
        return ch if ch not in _SPECIAL or ch == "." else "\\" + ch

    def escape(self, in_set: bool) -> str:
        src = self.src
        ch = src[self.i]
        self.i += 1
        if not in_set and ch in "bBAZ":
            self.anchors.add({"A": "start", "Z": "end"}.get(ch, "boundary"))
            return f"[{BOUNDARY}]" if ch == "b" and self.boundaries else ""
        if ch in _CATEGORIES:
            mark = _PLACEHOLDER_OF[ch]
            return mark if in_set else f"[{mark}]"
        if ch in _HEX or ch == "N":
            return _literal(self._named(ch), in_set)
        if ch.isdigit() and not in_set:
            octal = re.match(r"0[0-7]{0,2}|[0-7]{3}", src[self.i - 1:])
            if octal:
                self.i += len(octal.group()) - 1
                return _literal(chr(int(octal.group(), 8)), in_set)
            self.i += 1 if src[self.i:self.i + 1].isdigit() else 0
            return self._backref()
        return "\\" + ch

    def _named(self, kind: str) -> str:
        if kind == "N":
            end = self.src.index("}", self.i)
            name, self.i = self.src[self.i + 1:end], end + 1
            return unicodedata.lookup(name)
        digits = self.src[self.i:self.i + _HEX[kind]]
        self.i += _HEX[kind]
        return chr(int(digits, 16))

    def _backref(self) -> str:
        mark = self._placeholder()
        self.backrefs.add(mark)
        return mark

    def char_set(self) -> str:
        src = self.src
        out = ["["]
        if src.startswith("^", self.i):
            out.append("^")
            self.i += 1
        if src.startswith("]", self.i):  # a leading ] is a literal one
            out.append("\\]")
            self.i += 1
        while src[self.i] != "]":
            ch = src[self.i]
            self.i += 1
            out.append(self.escape(in_set=True) if ch == "\\" else ch)
        self.i += 1
        return "".join(out) + "]"

    def group(self) -> str:
        src = self.src
        if not src.startswith("?", self.i):  # a capturing group: the same shape
            inner = self.sequence(depth=1)
            self.i += 1
            return f"(?:{inner})"
        head = _GROUP_HEAD.match(src, self.i)
        if head is None or head["conditional"]:
            raise _Unsupported("a conditional or an unknown group")
        self.i = head.end()
        if head["comment"]:
            return ""
        if head["backref"]:
            return self._backref()
        if head["end"]:
            return self._flags(head)
        inner = self.sequence(depth=1)
        self.i += 1  # the )
        if head["atomic"]:
            return self._atomic(inner)
        return f"(?{head['look']}{inner})" if head["look"] else f"(?:{inner})"

    def _flags(self, head: re.Match) -> str:
        added, removed = head["on"].replace("u", ""), (head["off"] or "").replace("u", "")
        if set(added + removed) - set("ims"):
            raise _Unsupported("verbose, ASCII or locale flags")
        if head["end"] == ")":
            return f"(?{added})" if added else ""
        inner = self.sequence(depth=1)
        self.i += 1
        flags = added + (f"-{removed}" if removed else "")
        return f"(?{flags}:{inner})" if flags else f"(?:{inner})"


def _literal(ch: str, in_set: bool) -> str:
    """`ch` as interegular reads it literally."""
    if ch in (_SPECIAL | {"-"} if in_set else _SPECIAL):
        return "\\" + ch
    return ch


@cache  # a pure function of the pattern string
def parse(pattern: str, boundaries: bool = False) -> Syntax | None:
    """The pattern's Syntax, None when it is beyond the analysis. With
    `boundaries`, each \\b is a set of the one character BOUNDARY (which
    only the questions about words read: it is no character of a match)."""
    try:
        re.compile(pattern)
        lexer = _Lexer(pattern, boundaries)
        text = lexer.sequence()
        atomic = {mark: interegular.parse_pattern(inner) for mark, inner in lexer.atomic.items()}
        tree = interegular.parse_pattern(text)
    except (re.error, _Unsupported, interegular.Unsupported, interegular.InvalidSyntax,
            ValueError, KeyError, IndexError):
        return None
    return Syntax(tree, lexer.anchors, atomic, lexer.backrefs)


# ------------------------------------------------- the parse tree's shapes ----
# interegular's tree classes are internal to it (Pattern, _Concatenation,
# _Repeated, _CharGroup, _NonCapturing and two singletons); they are read
# here only, by their fields, so a change in them touches this one function.

def shape(node) -> str:
    """'group' (.options, flags), 'sequence' (.parts), 'repeat' (.base, .min,
    .max), 'set' (.chars, .negated), 'look' (.inner, .backwards, .negate),
    'any' (the dot) or 'empty'."""
    for attribute, name in (("options", "group"), ("parts", "sequence"), ("base", "repeat"),
                            ("chars", "set"), ("inner", "look")):
        if hasattr(node, attribute):
            return name
    return "empty" if node.lengths == (0, 0) else "any"


def icase_in(node, icase: bool) -> bool:
    """Whether a group's contents match ignoring case, given the enclosing flag."""
    flag = interegular.REFlags.CASE_INSENSITIVE
    return (icase or bool(node.added_flags & flag)) and not node.removed_flags & flag


def single(node) -> str | None:
    """The one ASCII character a node matches (ignoring case), or None: a
    class of one letter in both cases ("[Ss]ince") is that letter too."""
    if shape(node) == "set" and not node.negated and node.chars \
            and all(ord(ch) < 128 for ch in node.chars):
        lowered = {ch.lower() for ch in node.chars}
        if len(lowered) == 1:
            return lowered.pop()
    return None


def atomic_tree(node, syntax: Syntax):
    """The parse of the atomic part a placeholder set stands for, or None."""
    if shape(node) == "set" and len(node.chars) == 1 and not node.negated:
        return syntax.atomic.get(next(iter(node.chars)))
    return None



def backref(node, syntax: Syntax) -> bool:
    return shape(node) == "set" and len(node.chars) == 1 and \
        next(iter(node.chars)) in syntax.backrefs


def flat(parts) -> list:
    """A sequence's parts with each group of one alternative and no flags
    spliced in, as Python's parser splices non-capturing groups."""
    out = []
    for part in parts:
        if shape(part) == "group" and len(part.options) == 1 and not part.added_flags \
                and not part.removed_flags:
            out += flat(part.options[0].parts)
        else:
            out.append(part)
    return out


