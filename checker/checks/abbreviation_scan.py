"""Reading a report's abbreviation tokens for defined_before_use
(checker/checks/abbreviations.py, whose docstring says what counts as a
token and a definition): where the tokens are, and which are definitions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from checker.checks.style_text import by_args
from checker.engine import regexes
from checker.parsing.model import TEXT_NODES

DEFAULT_TOKEN = r"\b[a-z]?[A-Z](?:[A-Z0-9&]|[a-z](?=[A-Z]))*[A-Z0-9]s?\b"
QUOTES = "'\"‘’“”"
_ALL_KINDS = TEXT_NODES


@dataclass(slots=True)
class Use:
    token: str  # as written
    key: str  # the abbreviation it spells (normalised, before resolution)
    kind: str  # summary | improvement | strength | paragraph
    block: object
    start: int
    end: int
    definition: bool
    order: int


@cache  # a pure function of the pattern string
def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def norm(token: str) -> str:
    """One spelling per abbreviation: upper case, a plural 's' dropped."""
    if len(token) > 2 and token.endswith("s") and (token[-2].isupper() or token[-2].isdigit()):
        token = token[:-1]
    return token.upper()


def resolve(key: str, known) -> str:
    """A final capital S is a plural when only the shorter form is known
    ("PEPS" for "PEP"), and the other way round."""
    if key in known:
        return key
    if key.endswith("S") and key[:-1] in known:
        return key[:-1]
    if key + "S" in known:
        return key + "S"
    return key


@lru_cache(maxsize=4)  # a pure function of the text: read again by _context() for a finding
def brackets_of(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each innermost bracketed run, brackets excluded: in
    order and never overlapping, so a bisection finds the one around an
    offset (a scan of them all per token is quadratic on a long block)."""
    return tuple((m.start() + 1, m.end() - 1) for m in _BRACKET.finditer(text))


_BRACKET = re.compile(r"[(\[][^()\[\]]*[)\]]")


def _bracket_around(brackets, start: int, end: int) -> tuple[int, int] | None:
    i = bisect_right(brackets, (start, float("inf"))) - 1
    if i >= 0 and brackets[i][1] >= end:
        return brackets[i]
    return None


@dataclass(frozen=True)
class Settings:
    """A rule's args, compiled: what a token and a definition are."""
    token: re.Pattern
    ignore_text: str | None  # a pattern: text blanked before reading
    ignore_token: re.Pattern | None
    separator: re.Pattern
    gloss: str | None
    not_gloss: str | None
    min_capitals: int
    min_length: int
    skip_quoted: bool
    long_form: frozenset[str] | None  # the skip words, when long forms are read
    kinds: frozenset[str]
    locality: int  # regexes.space_locality() of the token pattern (0: not used)

    def is_token(self, token: str) -> bool:
        return (len(token) >= self.min_length and sum(map(str.isupper, token)) >= self.min_capitals
                and not (self.ignore_token is not None and self.ignore_token.fullmatch(token)))


@by_args
def settings(args: dict) -> Settings:
    """The Settings of a rule's args (compiled once per args)."""
    token_pattern = args.get("token_pattern") or DEFAULT_TOKEN
    ignore_token = args.get("ignore_token_pattern")
    min_capitals = int(args.get("min_capitals", 2))
    return Settings(
        _compile(token_pattern), args.get("ignore_text_pattern"),
        _compile(ignore_token) if ignore_token else None,
        _compile(args.get("separator_pattern") or r"[/,;:]"),
        args.get("gloss_pattern"), args.get("not_gloss_pattern"),
        min_capitals, int(args.get("min_length", 2)), bool(args.get("skip_quoted", False)),
        (frozenset(str(w).lower() for w in args.get("long_form_skip_words") or ())
         if args.get("long_form_before_bracket") else None),
        frozenset(args.get("blocks") or _ALL_KINDS),
        regexes.space_locality(token_pattern) if min_capitals >= 1 else 0)


# Where a token can be, without running the token pattern over all the text
# (most blocks hold none, and the pattern is tried at every character): a
# token has `min_capitals` capital letters and, for a pattern that never
# matches white space, they stand in one run of text between spaces. The
# text's UTF-8 bytes are translated so that each ASCII capital, and each
# non-ASCII character (it may be a capital: counted as one, to be safe), is
# "A", each ASCII white-space character " ", and anything else "x": only runs
# with `min_capitals` "A"s can hold a token. A block without one is skipped.
# In an ASCII block (its offsets are byte offsets) the pattern then reads
# those runs alone when regexes.space_locality() is 2 (it finds the same matches there);
# otherwise it reads the whole block.
_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace())
_RUNS = bytes(65 if 65 <= b <= 90 or b >= 0xC0 else 32 if chr(b) in _SPACE
              else 120 for b in range(256))
_NOT_RUNS = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes: no characters


@cache  # a pure function of a small number
def _capitals_in_a_run(min_capitals: int) -> re.Pattern:
    return re.compile(b"A" + b"(?:x*A)" * (min_capitals - 1))


def _marks(text: str) -> bytes:
    """`text` as "A" (capital or non-ASCII), " " (white space) and "x"."""
    return text.encode("utf-8", "surrogatepass").translate(_RUNS, _NOT_RUNS)


def _token_runs(marks: bytes, first: re.Match, search) -> list[tuple[int, int]]:
    """(start, end) of the runs that may hold a token, in the _marks() of an
    ASCII text: from `first`, the first match of `search`
    (_capitals_in_a_run) in them."""
    out = []
    m = first
    while m is not None:
        end = marks.find(b" ", m.end())
        if end < 0:
            end = len(marks)
        out.append((marks.rfind(b" ", 0, m.start()) + 1, end))
        m = search(marks, end)
    return out


def scan(blocks, index, args: dict) -> list[Use]:
    """Every abbreviation token of `blocks` ((kind, block) pairs), in
    document order; `index`: the report's TextIndex."""
    s = settings(args)
    search = _capitals_in_a_run(s.min_capitals).search
    uses: list[Use] = []
    for kind, block in blocks:
        if kind in s.kinds:
            _scan_block(s, search, index, kind, block, uses)
    return uses


def _scan_block(s: Settings, search, index, kind: str, block, uses: list[Use]) -> None:
    text = block.text
    # the runs to read; blanking (below) only turns characters into
    # spaces, so the runs of the text as written serve the blanked text
    runs = ((0, len(text)),)
    if s.locality:
        marks = _marks(text)
        first = search(marks)
        if first is None:
            return
        if s.locality == 2 and text.isascii():
            runs = _token_runs(marks, first, search)
    if s.ignore_text and index.may_match(text, regexes.needed_literals(s.ignore_text)):
        # blank, keeping offsets (skipped where the pattern cannot match)
        text = _compile(s.ignore_text).sub(lambda m: " " * len(m.group()), text)
    brackets = None  # read at the first token
    for m in (m for run in runs for m in s.token.finditer(text, *run)):
        token = m.group()
        if not s.is_token(token):
            continue
        start, end = m.span()
        if (s.skip_quoted and start > 0 and end < len(text) and text[start - 1] in QUOTES
                and text[end] in QUOTES):
            continue
        if brackets is None:
            brackets = brackets_of(text)
        uses.append(Use(token, norm(token), kind, block, start, end,
                        _is_definition(text, start, end, brackets, s), len(uses)))


_OPENING = re.compile(r"['’]?\s*[(\[]")


def _is_definition(text: str, start: int, end: int, brackets, s: Settings) -> bool:
    token = text[start:end]
    around = _bracket_around(brackets, start, end)
    if around is not None:
        b_start, b_end = around
        pieces = s.separator.split(text[b_start:b_end])
        key = norm(token)
        if any(norm(p.strip().strip(QUOTES)) == key for p in pieces):
            return True
        # "regional adoption agency (One Adoption South Yorkshire RAA)":
        # the words before the bracket spell the abbreviation (_spells reads
        # the last 200 characters: no copy of all the text before it)
        return s.long_form is not None and _spells(text[max(0, b_start - 201):b_start - 1],
                                                   token, s.long_form)
    if s.gloss:
        after = _OPENING.match(text, end)
        if after:
            opening = after.end()
            i = bisect_left(brackets, (opening, -1))
            for b_start, b_end in brackets[i:i + 1]:
                if b_start == opening:
                    content = text[b_start:b_end].strip()
                    return bool(_compile(s.gloss).fullmatch(content)) and not (
                        s.not_gloss and _compile(s.not_gloss).search(content))
    return False


def _spells(before: str, token: str, skip: frozenset[str]) -> bool:
    """The last words of `before` (less `skip` words) start with the token's
    letters, one word each: "regional adoption agency" spells RAA."""
    letters = [c for c in norm(token) if c.isalpha()]
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", before[-200:]) if w.lower() not in skip]
    if not letters or len(words) < len(letters):
        return False
    return all(w[0].upper() == c for w, c in zip(words[-len(letters):], letters))


@lru_cache(maxsize=1024)  # a pure function of the token
def variants(token: str) -> tuple[str, ...]:
    """The abbreviations a definition of `token` defines: itself, and the
    core of an "e"-prefixed or numbered name ("(ePEPs)" defines PEP too,
    "(MASH24)" MASH)."""
    out = [norm(token)]
    core = re.sub(r"\d+$", "", token[1:] if token[:1].islower() else token)
    if norm(core) not in out and sum(c.isupper() for c in core) >= 2:
        out.append(norm(core))
    return tuple(out)


