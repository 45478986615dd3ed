"""defined_before_use: abbreviations are spelled out once, before they are used.

House style in published reports: an abbreviation is spelled out at its first
use with the abbreviation in brackets ("independent reviewing officers
(IROs)"), and used bare after that. This check reads every abbreviation token
of the report's text (`report.blocks()`, in document order) and, depending on
`find`, reports:

- `used_before_definition`: the first use of an abbreviation that the report
  defines only later (the finding names the line of the definition);
- `never_defined`: an abbreviation the report never defines and that is not
  on the allow-list (COVID, GP, NHS ...);
- `defined_again`: a second definition of the same abbreviation in the same
  scope (by default the summary and the body are separate scopes: a report
  may define in the summary and once more in the findings).

What counts as a token, a definition and the same abbreviation is all data
(args; they may also stand in a `tokens` mapping, which lets the rules of a
pack share one YAML anchor), so the same check serves any "defined before
use" convention:

- `token_pattern`: a regular expression for one abbreviation as written; a
  token also needs `min_capitals` capital letters and `min_length` characters
  and must not match `ignore_token_pattern` (Roman numerals, say);
  `ignore_text_pattern` blanks text first (e-mail addresses, web links);
  with `skip_quoted: true` a token standing alone in quotes ('FLOURISH') is a
  name, not an abbreviation.
- Spellings of one abbreviation: letter case is ignored, a plural `s` after a
  capital or digit is dropped ("IROs" is "IRO", "PAs'" is "PA"), and a final
  capital S is dropped when only the shorter form is defined ("PEPS").
- A definition is a bracket (round or square) whose content, split by
  `separator_pattern`, has the token as one whole piece: "(DCS)", "(CASS/MASH)",
  "(RAA: Adopt Coast to Coast)", "(LCSOs, the local term for ...)". With
  `gloss_pattern`, a token directly followed by a bracketed gloss is defined
  too: "SMART (specific, measurable, ...)", "PA [personal adviser]", unless
  the gloss matches `not_gloss_pattern` (a National Framework reference).
  With `long_form_before_bracket`, a token anywhere in a bracket is defined
  when the words just before the bracket (less `long_form_skip_words`) start
  with its letters: "regional adoption agency (One Adoption South Yorkshire
  RAA)". A definition of an "e"-prefixed or numbered form also defines its
  core: "(ePEPs)" defines PEP, "(MASH24)" defines MASH.
- `allow_list`: a YAML file in rules/data (its `allowed` list) and `allow`
  inline: abbreviations a reader needs no spelled-out form for.
- `scopes` (for `defined_again`): block kind -> scope name; a definition
  repeated in a later scope is accepted once.
- `blocks`: the block kinds read (default all four).

Title block, judgement table and headings are not read: report.blocks()
holds the running text, and nothing is defined in a heading. Letters'
introductions (before their first heading) are not in the document model.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from checker.checks import Args, DataFile, Finding, Regex, Related, check
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine import textscan

_DEFAULT_TOKEN = r"\b[a-z]?[A-Z](?:[A-Z0-9&]|[a-z](?=[A-Z]))*[A-Z0-9]s?\b"
_QUOTES = "'\"‘’“”"


@dataclass(slots=True)
class _Use:
    token: str  # as written
    key: str  # the abbreviation it spells (normalised, before resolution)
    kind: str  # summary | improvement | strength | paragraph
    block: object
    start: int
    end: int
    definition: bool
    order: int


@cache
def _allow_file(name: str) -> frozenset[str]:
    path = data_dir("rules") / "data" / name
    data = load_yaml(path) or {}
    allowed = data.get("allowed") if isinstance(data, dict) else None
    if not isinstance(allowed, list):
        raise DataFileError(f"{path}: expected a mapping with an 'allowed' list")
    return frozenset(_norm(str(a)) for a in allowed)


@cache
def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def _norm(token: str) -> str:
    """One spelling per abbreviation: upper case, a plural 's' dropped."""
    if len(token) > 2 and token.endswith("s") and (token[-2].isupper() or token[-2].isdigit()):
        token = token[:-1]
    return token.upper()


def _resolve(key: str, known) -> str:
    """A final capital S is a plural when only the shorter form is known
    ("PEPS" for "PEP"), and the other way round."""
    if key in known:
        return key
    if key.endswith("S") and key[:-1] in known:
        return key[:-1]
    if key + "S" in known:
        return key + "S"
    return key


@lru_cache(maxsize=4)
def _brackets(text: str) -> tuple[tuple[int, int], ...]:
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


_SCANS = textscan.PerObject(4)  # a report's [(args, analysis), ...]: the last few reports


@dataclass(frozen=True, eq=False)
class _Analysis:
    """A report's abbreviation uses, grouped: what the three rules of a pack
    read (their args differ in `find` only)."""
    uses: list  # every _Use, in document order
    allowed: frozenset  # the allow-list
    defining: dict  # abbreviation -> the definitions that define it
    by_key: dict  # abbreviation -> its uses, in document order


def _analyse_once(report, args) -> _Analysis:
    """The analysis of a report with these args (less `find`); the rules of
    a pack share their args, so a report is scanned once, not three times.
    Args are compared by value (==): cheaper than a key built from their
    repr, on every call."""
    memos = _SCANS.memos(report)
    for seen, analysis in memos:
        if seen == args:
            return analysis
    analysis = _analyse(_scan(report, args), _allowed(args))
    memos.append((args, analysis))
    return analysis


def _analyse(uses: list[_Use], allowed: frozenset[str]) -> _Analysis:
    # every definition, under each abbreviation it defines
    defining: dict[str, list[_Use]] = {}
    for use in uses:
        if use.definition:
            for variant in _variants(use.token):
                defining.setdefault(variant, []).append(use)
    known = defining.keys() | allowed  # what a bare use may spell
    by_key: dict[str, list[_Use]] = {}
    for use in uses:
        key = _resolve(use.key, defining if use.definition else known)
        by_key.setdefault(key, []).append(use)
    return _Analysis(uses, allowed, defining, by_key)


# Where a token can be, without running the token pattern over all the text
# (most blocks hold none, and the pattern is tried at every character): a
# token has `min_capitals` capital letters and, for a pattern that never
# matches white space, they stand in one run of text between spaces. The
# text's UTF-8 bytes are translated so that each ASCII capital, and each
# non-ASCII character (it may be a capital: counted as one, to be safe), is
# "A", each ASCII white-space character " ", and anything else "x": only runs
# with `min_capitals` "A"s can hold a token. A block without one is skipped.
# In an ASCII block (its offsets are byte offsets) the pattern then reads
# those runs alone when _locality() is 2 (it finds the same matches there);
# otherwise it reads the whole block.
_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace())
_RUNS = bytes(65 if 65 <= b <= 90 or b >= 0xC0 else 32 if chr(b) in _SPACE
              else 120 for b in range(256))
_NOT_RUNS = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes: no characters


@cache
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


_ANCHORS_BEFORE = ("AT_BEGINNING", "AT_BEGINNING_LINE", "AT_BEGINNING_STRING",
                   "AT_BOUNDARY", "AT_NON_BOUNDARY")


@cache
def _locality(pattern: str) -> int:
    r"""How far the matches of `pattern` keep to runs of text between ASCII
    white space, read from its parse tree (0 when unsure):
    1: no match holds white space, so each is inside one run;
    2: also, a match is never empty and, from a start inside a run, no part
       of the pattern (lookarounds included) reads past the white space that
       ends the run, and none tells that white space from the end of the
       text (\b does not, $ does): the pattern read over one run, with
       pos and endpos, finds what it finds there in the whole text."""
    try:
        from re import _constants as c
        from re import _parser as sre
        parsed = sre.parse(pattern)
        if _reads_space(list(parsed), c, strict=False):
            return 0
        if parsed.getwidth()[0] < 1 or _reads_space(list(parsed), c, strict=True):
            return 1
        return 2
    except Exception:  # noqa: BLE001 - a private module changed: no pre-check
        return 0


def _reads_space(items, c, strict: bool) -> bool:
    """Whether `items` may match white space (strict: in lookarounds too, or
    read what follows it with an anchor)."""
    anchors = {getattr(c, name) for name in _ANCHORS_BEFORE}
    for op, av in items:
        if op is c.AT:
            if strict and av not in anchors:
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT):  # zero width
            if strict and _reads_space(av[1], c, strict):
                return True
        elif op is c.LITERAL:
            if chr(av) in _SPACE:
                return True
        elif op is c.IN:
            for item, value in av:
                if item is c.LITERAL:
                    if chr(value) in _SPACE:
                        return True
                elif item is c.RANGE:
                    if any(value[0] <= ord(s) <= value[1] for s in _SPACE):
                        return True
                elif not (item is c.CATEGORY and value in (c.CATEGORY_WORD,
                                                           c.CATEGORY_DIGIT)):
                    return True  # negated sets, \s, \W, \D ...
        elif op is c.SUBPATTERN:
            if _reads_space(av[-1], c, strict):
                return True
        elif op is c.BRANCH:
            if any(_reads_space(alternative, c, strict) for alternative in av[1]):
                return True
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
            if _reads_space(av[2], c, strict):
                return True
        elif op is getattr(c, "ATOMIC_GROUP", None):
            if _reads_space(av, c, strict):
                return True
        else:  # ., [^x], back-references, conditionals, anything new
            return True
    return False


def _scan(report, args) -> list[_Use]:
    token_pattern = args.get("token_pattern") or _DEFAULT_TOKEN
    token_re = _compile(token_pattern)
    ignore_text = args.get("ignore_text_pattern")
    ignore_token = args.get("ignore_token_pattern")
    ignore_token_re = _compile(ignore_token) if ignore_token else None
    separator = _compile(args.get("separator_pattern") or r"[/,;:]")
    gloss = args.get("gloss_pattern")
    not_gloss = args.get("not_gloss_pattern")
    min_capitals = int(args.get("min_capitals", 2))
    min_length = int(args.get("min_length", 2))
    skip_quoted = bool(args.get("skip_quoted", False))
    long_form = (frozenset(str(w).lower() for w in args.get("long_form_skip_words") or ())
                 if args.get("long_form_before_bracket") else None)
    kinds = set(args.get("blocks") or ("introduction", "summary", "improvement", "strength",
                                       "paragraph"))
    locality = _locality(token_pattern) if min_capitals >= 1 else 0
    search = _capitals_in_a_run(min_capitals).search
    uses: list[_Use] = []
    for kind, block in report.blocks():
        if kind not in kinds:
            continue
        text = block.text
        # the runs to read; blanking (below) only turns characters into
        # spaces, so the runs of the text as written serve the blanked text
        runs = ((0, len(text)),)
        if locality:
            marks = _marks(text)
            first = search(marks)
            if first is None:
                continue
            if locality == 2 and text.isascii():
                runs = _token_runs(marks, first, search)
        if ignore_text and textscan.may_match(text, textscan.needed_literals(ignore_text)):
            # blank, keeping offsets (skipped where the pattern cannot match)
            text = _compile(ignore_text).sub(lambda m: " " * len(m.group()), text)
        brackets = None  # read at the first token
        for m in (m for run in runs for m in token_re.finditer(text, *run)):
            token = m.group()
            if (len(token) < min_length or sum(map(str.isupper, token)) < min_capitals
                    or (ignore_token_re is not None and ignore_token_re.fullmatch(token))):
                continue
            start, end = m.start(), m.end()
            if (skip_quoted and start > 0 and end < len(text) and text[start - 1] in _QUOTES
                    and text[end] in _QUOTES):
                continue
            if brackets is None:
                brackets = _brackets(text)
            uses.append(_Use(token, _norm(token), kind, block, start, end,
                             _is_definition(text, start, end, brackets, separator, gloss,
                                            not_gloss, long_form), len(uses)))
    return uses


_OPENING = re.compile(r"['’]?\s*[(\[]")


def _is_definition(text, start, end, brackets, separator, gloss, not_gloss,
                   long_form) -> bool:
    token = text[start:end]
    around = _bracket_around(brackets, start, end)
    if around is not None:
        b_start, b_end = around
        pieces = separator.split(text[b_start:b_end])
        key = _norm(token)
        if any(_norm(p.strip().strip(_QUOTES)) == key for p in pieces):
            return True
        # "regional adoption agency (One Adoption South Yorkshire RAA)":
        # the words before the bracket spell the abbreviation (_spells reads
        # the last 200 characters: no copy of all the text before it)
        return long_form is not None and _spells(text[max(0, b_start - 201):b_start - 1],
                                                 token, long_form)
    if gloss:
        after = _OPENING.match(text, end)
        if after:
            opening = after.end()
            i = bisect_left(brackets, (opening, -1))
            for b_start, b_end in brackets[i:i + 1]:
                if b_start == opening:
                    content = text[b_start:b_end].strip()
                    return bool(_compile(gloss).fullmatch(content)) and not (
                        not_gloss and _compile(not_gloss).search(content))
    return False


def _spells(before: str, token: str, skip: frozenset[str]) -> bool:
    """The last words of `before` (less `skip` words) start with the token's
    letters, one word each: "regional adoption agency" spells RAA."""
    letters = [c for c in _norm(token) if c.isalpha()]
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", before[-200:]) if w.lower() not in skip]
    if not letters or len(words) < len(letters):
        return False
    return all(w[0].upper() == c for w, c in zip(words[-len(letters):], letters))


@lru_cache(maxsize=1024)
def _variants(token: str) -> tuple[str, ...]:
    """The abbreviations a definition of `token` defines: itself, and the
    core of an "e"-prefixed or numbered name ("(ePEPs)" defines PEP too,
    "(MASH24)" MASH)."""
    out = [_norm(token)]
    core = re.sub(r"\d+$", "", token[1:] if token[:1].islower() else token)
    if _norm(core) not in out and sum(c.isupper() for c in core) >= 2:
        out.append(_norm(core))
    return tuple(out)


def _allowed(args) -> frozenset[str]:
    allowed = set(_norm(str(a)) for a in args.get("allow") or ())
    if args.get("allow_list"):
        allowed |= _allow_file(str(args["allow_list"]))
    return frozenset(allowed)


def _label(use: _Use) -> str:
    block = use.block
    if use.kind == "paragraph" and getattr(block, "number", None) is not None:
        return f"paragraph {block.number}"
    return {"introduction": "the letter's opening", "summary": "the summary",
            "improvement": "an improvement item",
            "strength": "a strength", "paragraph": "a paragraph"}[use.kind]


def _context(use: _Use, words: int = 6) -> str:
    """The definition as written: a few words before it, and its bracket."""
    text = use.block.text
    start, end = use.start, use.end
    brackets = _brackets(text)
    for k in range(max(bisect_right(brackets, (use.start, float("inf"))) - 1, 0),
                   len(brackets)):
        b_start, b_end = brackets[k]
        if b_start <= use.start and use.end <= b_end:  # long form (ABBR)
            start, end = b_start - 1, b_end + 1
            break
        if b_start > use.end:  # ABBR (gloss)
            if not text[use.end:b_start - 1].strip(" '’"):
                end = b_end + 1
            break
    # the last words before it, from a window (a split of all the text
    # before it, per finding, is quadratic on a long block); the window's
    # first word may be cut, so it is never one of them
    before = text[max(0, start - 400):start].split()
    lead = " ".join(before[-words:] if start <= 400 else before[1:][-words:])
    return f"{lead} {text[start:end]}".strip()


BlockKind = Literal["introduction", "summary", "improvement", "strength", "paragraph"]


class AbbreviationTokens(Args):
    """What an abbreviation is and what defines one (see the module's docstring)."""
    token_pattern: Regex = _DEFAULT_TOKEN
    min_capitals: int = 2
    min_length: int = 2
    ignore_token_pattern: Regex | None = None
    ignore_text_pattern: Regex | None = None
    skip_quoted: bool = False
    separator_pattern: Regex = r"[/,;:]"
    gloss_pattern: Regex | None = None
    not_gloss_pattern: Regex | None = None
    long_form_before_bracket: bool = False
    long_form_skip_words: list[str] = []
    allow_list: DataFile | None = None
    allow: list[str] = []
    scopes: dict[BlockKind, str] = {}
    blocks: list[BlockKind] | None = None  # default: all of them


class DefinedBeforeUseArgs(Args):
    """What to find, and the token args: in `tokens` (which lets the rules of
    a pack share one YAML anchor) or beside it, where one wins over `tokens`."""
    find: Literal["used_before_definition", "never_defined", "defined_again"] = \
        "used_before_definition"
    tokens: AbbreviationTokens | None = None
    token_pattern: Regex | None = None
    min_capitals: int | None = None
    min_length: int | None = None
    ignore_token_pattern: Regex | None = None
    ignore_text_pattern: Regex | None = None
    skip_quoted: bool | None = None
    separator_pattern: Regex | None = None
    gloss_pattern: Regex | None = None
    not_gloss_pattern: Regex | None = None
    long_form_before_bracket: bool | None = None
    long_form_skip_words: list[str] | None = None
    allow_list: DataFile | None = None
    allow: list[str] | None = None
    scopes: dict[BlockKind, str] | None = None
    blocks: list[BlockKind] | None = None


@check("defined_before_use",
       provides=("abbreviation", "key", "uses", "where", "definition", "definition_line",
                 "definition_where", "first_line", "first_where"),
       scoped=True, args=DefinedBeforeUseArgs)
def defined_before_use(report, framework, args):
    args = {**(args.get("tokens") or {}), **{k: v for k, v in args.items() if k != "tokens"}}
    find = args.pop("find", "used_before_definition")
    if find not in ("used_before_definition", "never_defined", "defined_again"):
        raise ValueError(f"defined_before_use: unknown find {find!r}")
    analysis = _analyse_once(report, args)
    allowed, defining = analysis.allowed, analysis.defining
    scopes = args.get("scopes") or {}
    for key, group in analysis.by_key.items():
        first = group[0]
        if find == "never_defined":
            if key not in defining and key not in allowed:
                yield Finding.within(first.block, first.start, first.end,
                                     **_values(first, key, len(group)))
        elif find == "used_before_definition":
            if key in defining and not first.definition and key not in allowed \
                    and defining[key][0].order > first.order:
                d = defining[key][0]
                line, column = d.block.position(d.start)
                values = _values(first, key, len(group))
                values.update(definition=_context(d), definition_line=line,
                              definition_where=_label(d))
                yield Finding.within(first.block, first.start, first.end,
                                     related=[Related(line, f"'{d.token}' is defined here",
                                                      column)], **values)
        else:
            seen: dict[str, _Use] = {}
            values = None
            for d in group:
                if not d.definition:  # spelled as this key
                    continue
                scope = scopes.get(d.kind, "all")
                if scope in seen:
                    earlier = seen[scope]
                    line, column = earlier.block.position(earlier.start)
                    if values is None:
                        values = _values(first, key, len(group))
                    values.update(abbreviation=d.token, where=_label(d),
                                  definition=_context(d), first_line=line,
                                  first_where=_label(earlier))
                    yield Finding.within(d.block, d.start, d.end,
                                         related=[Related(line, f"'{earlier.token}' is first "
                                                          "defined here", column)], **values)
                else:
                    seen[scope] = d


def _values(first: _Use, key: str, uses: int) -> dict:
    """A finding's values; built only for a finding (most groups have none)."""
    return dict(abbreviation=first.token, key=key, uses=uses, where=_label(first),
                definition="", definition_line=None, definition_where="",
                first_line=None, first_where="")
