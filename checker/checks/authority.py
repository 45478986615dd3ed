"""other_authority: another local authority named where this report's belongs.

Reports are drafted from earlier reports, and the classic slip is a sentence
carried over with the other authority's name still in it ("Children in Bury
benefit from ..." in a report on Rochdale). Real reports name other places
all the time (Greater Manchester Police, a regional adoption agency, a
neighbouring authority's children's home), so a bare name is never enough:
a mention counts only in one of the rule's `contexts`, the words around a
name that make it the authority the report is about ("children in X",
"X's", "X City Council", "X" opening a sentence).

args:
  data: file in rules/data/ listing the authorities (name, variants,
      partners, successor_of); default local-authorities.yaml.
  contexts: list of {name, before_pattern, after_pattern}: regular
      expressions for the text just before and just after the name (either
      may be left out; both must match). Matched case-insensitively; the
      name itself is always matched case-sensitively, as a whole word.
  ignore_before_pattern / ignore_after_pattern: text just before / after a
      name that makes it part of another body's name ("Greater Manchester",
      "Lancashire Constabulary"): such a mention is skipped.
  sentence_start_pattern: text before a name that starts a sentence; an
      authority whose name is also an ordinary word (also_a_word: true in
      the data, "Reading") is not counted there.
  joiner_pattern: what joins names in a shared arrangement ("Cambridgeshire
      and Peterborough", "Southend, Essex and Thurrock"); a name joined by it
      to this report's own authority (or a partner) is skipped.
  innocent_sentence_pattern: words that make the other authority, in the
      sentence naming it, a partner, a model, a neighbour or a comparator
      ("based on North Yorkshire's 'No wrong door' model", "Leeds City
      Council taking responsibility for overseeing improvement"): such a
      mention is skipped, whatever its context.

The report's own authority is report.authority (else its title) matched to
the data by the longest name or variant inside it, so "Oldham Metropolitan
Borough Council" is Oldham. A report whose authority is not in the data is
not checked. The authority's partners and predecessors are never "other".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

from checker.checks import Args, DataFile, Finding, Regex, check
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine.analysis import Analysis

# How far before or after a name the context patterns look.
_WINDOW = 80


@dataclass(frozen=True, eq=False)
class Authorities:
    canonical: dict  # every name and variant -> the entry's name
    entries: dict  # entry name -> entry
    names: re.Pattern  # any name or variant, whole word, case-sensitive

    def own(self, text: str | None) -> str | None:
        """The entry named by the longest name or variant inside `text`,
        in any case ("Southend-on-Sea city council")."""
        best = None
        for m in self._names_ignoring_case.finditer(text or ""):
            if best is None or len(m.group(0)) > len(best):
                best = m.group(0)
        return None if best is None else self._folded[best.casefold()]

    def related(self, name: str) -> set[str]:
        """The authority itself, its partners and its predecessors."""
        entry = self.entries[name]
        return {name, *entry.get("partners", ()), *entry.get("successor_of", ())}

    @cached_property
    def _names_ignoring_case(self) -> re.Pattern:
        return re.compile(self.names.pattern, re.IGNORECASE)

    @cached_property
    def _folded(self) -> dict[str, str]:
        """Every name and variant, case-folded -> the entry's name."""
        return {k.casefold(): v for k, v in self.canonical.items()}

    @cached_property
    def _joined_patterns(self) -> dict:
        return {}  # (own names, joiner) -> joined(): compiled once per loaded list

    def joined(self, mine: frozenset[str], joiner: str) -> tuple[re.Pattern, re.Pattern]:
        """(joined_before, joined_after): one of `mine`'s names, then the
        joiner (ending where a name starts); the joiner, then one of them.
        Kept for the next report on the same authority."""
        key = (mine, joiner)
        found = self._joined_patterns.get(key)
        if found is None:
            own_names = _name_pattern([n for n, c in self.canonical.items() if c in mine])
            found = self._joined_patterns[key] = (
                re.compile(f"{own_names.pattern}(?:{joiner})\\Z"),
                re.compile(f"(?:{joiner}){own_names.pattern}"))
        return found


def _name_pattern(names) -> re.Pattern:
    """Any of `names` as a whole word, the longest first. Grouped by first
    letter, and each group opens with its letter (the check that no word
    character or hyphen stands before the name comes after it, as a
    lookbehind over both): a pattern whose every alternative starts with a
    fixed character is searched for those characters alone, so the regex
    engine is started only at them, not at every position of the text."""
    by_first: dict[str, list[str]] = {}
    for n in sorted(set(names), key=len, reverse=True):
        by_first.setdefault(n[0], []).append(re.escape(n[1:]))
    alternation = "|".join(
        rf"{re.escape(first)}(?<![\w-]{re.escape(first)})(?:{'|'.join(rest)})"
        for first, rest in sorted(by_first.items()))
    return re.compile(r"(?:" + alternation + r")(?![\w-])")


@cache  # loaded once per data file (by name)
def load_authorities(name: str = "local-authorities.yaml") -> Authorities:
    path = data_dir("rules") / "data" / name
    data = load_yaml(path) or {}
    canonical, entries = {}, {}
    for entry in data.get("authorities") or ():
        if not isinstance(entry, dict) or not entry.get("name"):
            raise DataFileError(f"{path}: every authority needs a name: {entry!r}")
        entries[entry["name"]] = entry
        for n in [entry["name"], *(entry.get("variants") or ())]:
            if n in canonical:
                raise DataFileError(f"{path}: '{n}' names both {canonical[n]} and {entry['name']}")
            canonical[n] = entry["name"]
    for entry in entries.values():
        for other in [*entry.get("partners", ()), *entry.get("successor_of", ())]:
            if other not in entries:
                raise DataFileError(f"{path}: {entry['name']}: '{other}' is not an authority "
                                    "of the list")
    return Authorities(canonical, entries, _name_pattern(canonical))


@cache  # a pure function of the pattern string
def _compiled(pattern: str | None, anchor: str) -> re.Pattern | None:
    """A context pattern anchored at the name: `before` patterns must end
    where the name starts, `after` patterns must start where it ends."""
    if not pattern:
        return None
    source = f"(?:{pattern})\\Z" if anchor == "end" else f"(?:{pattern})"
    return re.compile(source, re.IGNORECASE)


def _before(rx: re.Pattern | None, text: str, start: int) -> bool:
    # endpos makes \Z match where the name starts; ^ only at the block start.
    return rx is None or rx.search(text, max(0, start - _WINDOW), start) is not None


def _after(rx: re.Pattern | None, text: str, end: int) -> bool:
    return rx is None or rx.match(text, end, min(len(text), end + _WINDOW)) is not None


class AuthorityContext(Args):
    """Words around a name that make it a mention of a place served."""
    name: str = "context"
    before_pattern: Regex | None = None  # must end where the name starts
    after_pattern: Regex | None = None  # must start where the name ends


class OtherAuthorityArgs(Args):
    """The authorities list, the contexts, and what makes a mention innocent."""
    data: DataFile = "local-authorities.yaml"
    contexts: list[AuthorityContext] = []
    ignore_before_pattern: Regex | None = None
    ignore_after_pattern: Regex | None = None
    joiner_pattern: Regex | None = None
    sentence_start_pattern: Regex | None = None
    innocent_sentence_pattern: Regex | None = None


@check("other_authority", scoped=True,
       provides=("other", "mention", "authority", "context", "title", "title_line"),
       args=OtherAuthorityArgs)
def other_authority(report, framework, args):
    report = Analysis.of(report)
    authorities = load_authorities(args.get("data", "local-authorities.yaml"))
    own = authorities.own(report.authority) or authorities.own(report.title)
    if own is None:
        return
    mine = authorities.related(own)
    title_line = _title_line(report)
    patterns = None  # compiled at the first mention of another authority (most reports: none)
    # No per-block word pre-check: the names pattern starts the regex engine
    # only at a name's first character, which costs less than a word set
    for _, block in report.blocks():
        text = block.text
        for m in authorities.names.finditer(text):
            other = authorities.canonical[m.group(0)]
            if other in mine:
                continue
            if patterns is None:
                patterns = _patterns(authorities, mine, args)
            start, end = m.span()
            if patterns.skips(text, start, end,
                              bool(authorities.entries[other].get("also_a_word"))):
                continue
            context = patterns.context(text, start, end)
            if context is not None and not patterns.innocent(text, start, end):
                yield Finding.within(block, start, end, other=other, mention=m.group(0),
                                     authority=own, context=context, title=report.title,
                                     title_line=title_line)


class _Context(NamedTuple):
    name: str
    before: re.Pattern | None
    after: re.Pattern | None

    def holds(self, text: str, start: int, end: int) -> bool:
        """Both patterns (either may be left out) match around the name."""
        return _before(self.before, text, start) and _after(self.after, text, end)


class _Patterns(NamedTuple):
    """A rule's patterns for this report's own authority (see the module docstring)."""
    contexts: list[_Context]
    ignore_before: re.Pattern | None
    ignore_after: re.Pattern | None
    joined_before: re.Pattern | None
    joined_after: re.Pattern | None
    sentence_start: re.Pattern | None
    innocent_sentence: re.Pattern | None

    def innocent(self, text: str, start: int, end: int) -> bool:
        """The sentence naming the authority says it is a partner, a model,
        a neighbour or a comparator."""
        if self.innocent_sentence is None:
            return False
        first = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)) + 1
        last = min((i for i in (text.find(". ", end), text.find("? ", end)) if i >= 0),
                   default=len(text))
        return self.innocent_sentence.search(text, first, last) is not None

    def skips(self, text: str, start: int, end: int, also_a_word: bool) -> bool:
        """The mention is part of another body's name, joined to the report's
        own authority, or (for a name that is also a word) opens a sentence."""
        def before(rx):
            return rx is not None and _before(rx, text, start)

        def after(rx):
            return rx is not None and _after(rx, text, end)
        return ((also_a_word and before(self.sentence_start)) or before(self.ignore_before)
                or after(self.ignore_after) or before(self.joined_before)
                or after(self.joined_after))

    def context(self, text: str, start: int, end: int) -> str | None:
        return next((c.name for c in self.contexts if c.holds(text, start, end)), None)


def _patterns(authorities: Authorities, mine: set[str], args: dict) -> _Patterns:
    """The rule's patterns for this report's own names."""
    contexts = [_Context(c.get("name", "context"), _compiled(c.get("before_pattern"), "end"),
                         _compiled(c.get("after_pattern"), "start"))
                for c in args.get("contexts") or ()]
    joiner = args.get("joiner_pattern")
    joined = authorities.joined(frozenset(mine), f"{joiner}") if joiner else (None, None)
    return _Patterns(contexts, _compiled(args.get("ignore_before_pattern"), "end"),
                     _compiled(args.get("ignore_after_pattern"), "start"), *joined,
                     _compiled(args.get("sentence_start_pattern"), "end"),
                     _compiled(args.get("innocent_sentence_pattern"), "anywhere"))


def _title_line(report) -> int | None:
    """The title's line (a letter's title, or an ILACS title block's first line)."""
    return report.title_block.span.line if report.title_block is not None else None
