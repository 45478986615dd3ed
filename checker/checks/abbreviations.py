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
  inline: abbreviations a reader needs no spelled-out form for; the file's
  `names` list: words in capitals that are names, not abbreviations
  (CAFCASS, a post-nominal HMI, a project called TREES). A never-defined
  token that the report also writes as a name ("Cafcass", after a lower-case
  word) is taken for that name too.
- `scopes` (for `defined_again`): block kind -> scope name; a definition
  repeated in a later scope is accepted once.
- `blocks`: the block kinds read (default all four).

Title block, judgement table and headings are not read: report.blocks()
holds the running text, and nothing is defined in a heading. Letters'
introductions (before their first heading) are not in the document model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Literal

from checker.checks import Args, DataFile, Finding, Regex, Related, check
from checker.checks.abbreviation_scan import (
    DEFAULT_TOKEN,
    Use,
    brackets_of,
    norm,
    resolve,
    scan,
    variants,
)
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine.analysis import Analysis
from checker.parsing.model import TEXT_NODES


@cache  # a pure function of the data file (its name)
def _allow_file(name: str) -> frozenset[str]:
    path = data_dir("rules") / "data" / name
    data = load_yaml(path) or {}
    allowed = data.get("allowed") if isinstance(data, dict) else None
    names = data.get("names", []) if isinstance(data, dict) else None
    if not isinstance(allowed, list) or not isinstance(names, list):
        raise DataFileError(f"{path}: expected a mapping with an 'allowed' list "
                            "(and optionally a 'names' list)")
    return frozenset(norm(str(a)) for a in allowed + names)


@dataclass(frozen=True, eq=False)
class _Analysis:
    """A report's abbreviation uses, grouped: what the three rules of a pack
    read (their args differ in `find` only)."""
    uses: list  # every Use, in document order
    allowed: frozenset  # the allow-list
    defining: dict  # abbreviation -> the definitions that define it
    by_key: dict  # abbreviation -> its uses, in document order


def _analyse_once(report: Analysis, args: dict) -> _Analysis:
    """The analysis of a report with these args (less `find`); the rules of
    a pack share their args, so a report is scanned once, not three times."""
    key = ("defined_before_use", repr(args))  # plain YAML data: its repr is its value
    return report.shared(key, lambda: _analyse(scan(report.blocks(), report.index, args),
                                               _allowed(args)))


def _analyse(uses: list[Use], allowed: frozenset[str]) -> _Analysis:
    # every definition, under each abbreviation it defines
    defining: dict[str, list[Use]] = {}
    for use in uses:
        if use.definition:
            for variant in variants(use.token):
                defining.setdefault(variant, []).append(use)
    known = defining.keys() | allowed  # what a bare use may spell
    by_key: dict[str, list[Use]] = {}
    for use in uses:
        key = resolve(use.key, defining if use.definition else known)
        by_key.setdefault(key, []).append(use)
    return _Analysis(uses, allowed, defining, by_key)


def _allowed(args) -> frozenset[str]:
    allowed = set(norm(str(a)) for a in args.get("allow") or ())
    if args.get("allow_list"):
        allowed |= _allow_file(str(args["allow_list"]))
    return frozenset(allowed)


def _label(use: Use) -> str:
    block = use.block
    if use.kind == "paragraph" and getattr(block, "number", None) is not None:
        return f"paragraph {block.number}"
    return {"introduction": "the letter's opening", "summary": "the summary",
            "improvement": "an improvement item",
            "strength": "a strength", "paragraph": "a paragraph"}[use.kind]


def _context(use: Use, words: int = 6) -> str:
    """The definition as written: a few words before it, and its bracket."""
    text = use.block.text
    start, end = use.start, use.end
    brackets = brackets_of(text)
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


BlockKind = Literal.__getitem__(TEXT_NODES)


class AbbreviationTokens(Args):
    """What an abbreviation is and what defines one (see the module's docstring)."""
    token_pattern: Regex = DEFAULT_TOKEN
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
    analysis = _analyse_once(Analysis.of(report), args)
    allowed, defining = analysis.allowed, analysis.defining
    scopes = args.get("scopes") or {}
    for key, group in analysis.by_key.items():
        first = group[0]
        if find == "never_defined":
            if key not in defining and key not in allowed \
                    and not _written_as_a_name(report, first.token):
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
            seen: dict[str, Use] = {}
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


def _written_as_a_name(report, token: str) -> bool:
    """A word in capitals that the report also writes as a name, capital
    first and the rest lower case, after a lower-case word ("CAFCASS" beside
    "feedback from Cafcass", "the THRIVE service" beside "the Thrive model"):
    the report uses it as that name, not as an abbreviation. Asked only of a
    never-defined token, so the scan of the text is rare."""
    word = token.rstrip("s") if token[-1:] == "s" else token
    if len(word) < 4 or not word.isalpha():
        return False
    as_name = re.compile(rf"\b[a-z][\w'’-]* {word.capitalize()}\b")
    return any(as_name.search(block.text) for _, block in Analysis.of(report).blocks())


def _values(first: Use, key: str, uses: int) -> dict:
    """A finding's values; built only for a finding (most groups have none)."""
    return dict(abbreviation=first.token, key=key, uses=uses, where=_label(first),
                definition="", definition_line=None, definition_where="",
                first_line=None, first_where="")
