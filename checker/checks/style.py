"""House style in running text: spelling, one spelling per report, numbers,
lower-case grade words and job titles.

Ofsted's own style guide could not be read; these checks enforce regularities
of published reports, so every word list, pattern and exception is data (the
rule's `args`, or a YAML file in rules/data/) and the checks only do the
matching. All of them read `report.blocks()` (summary, improvement items,
strengths, finding paragraphs): headings and the judgement table are not
running text, so "Good" in the table is never a finding.

- `substitution`: a form to avoid -> the preferred form (British and house
  spellings, rules/data/spelling.yaml `groups`), with inflected forms.
- `consistency`: a report uses one of a set of acceptable spellings
  ("wellbeing" / "well-being"); each use of a minority spelling is reported,
  with the first use of the majority one (on a tie, of the one listed first).
- `number_style`: one to nine in words, 10 and over in figures, in running
  text; labels ("phase 1", "key stage 2"), dates, ranges and sentence starts
  are left alone.
- `lower_case_terms`: terms written lower case in running text except at the
  start of a sentence (grade words, job titles).

Common args: `ignore_phrases` (text in which no match counts, such as an
official name). A match that is capitalised in the middle of a sentence is
taken to be part of a name and left alone by `substitution` and
`consistency`.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache, cached_property
from typing import Literal

from checker.checks import Args, DataFile, Finding, Related, check
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine import textscan

_APOSTROPHES = "'’"
# What may stand between a sentence's end and its first word: spaces, quotes,
# brackets.
_BEFORE_WORD = " \t\n'\"‘’“”([{"
_SENTENCE_END = ".!?:…"


# ------------------------------------------------------------ helpers ----

@cache
def _data(name: str):
    path = data_dir("rules") / "data" / name
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping")
    return data


def _sentence_start(text: str, start: int) -> bool:
    """Is text[start] the first word of a sentence (or of the block)?"""
    j = start
    while j > 0 and text[j - 1] in _BEFORE_WORD:
        j -= 1
    return j == 0 or text[j - 1] in _SENTENCE_END


def _word_before(text: str, start: int) -> str | None:
    """The word just before text[start], if only spaces separate them."""
    found = _word_before_at(text, start)
    return found[0] if found else None


def _word_before_at(text: str, start: int) -> tuple[str, int] | None:
    """That word and where it starts in `text`."""
    base = max(0, start - 80)
    m = re.search(r"([\w'’]+)[ \t\n]+$", text[base:start])
    return (m.group(1), base + m.start(1)) if m else None


def _word_after(text: str, end: int) -> str | None:
    """The word just after text[end], if only spaces separate them."""
    m = re.match(r"[ \t\n]+([\w'’]+)", text[end:end + 80])
    return m.group(1) if m else None


def _excepted(text: str, start: int, end: int, not_after, not_before) -> bool:
    """The word before text[start:end] is in `not_after`, or the word after
    it in `not_before` (each looked up only when its list is not empty)."""
    if not_after:
        before = _word_before(text, start)
        if before and _key(before) in not_after:
            return True
    if not_before:
        after = _word_after(text, end)
        if after and _key(after) in not_before:
            return True
    return False


def _phrase_regex(phrase: str, plural: bool = False) -> str:
    """A phrase as a regular expression: spaces match any run of white space
    (a phrase may wrap), apostrophes match straight or curly, a final "*"
    matches the rest of a word; with `plural` each word may take an "s"."""
    words = []
    for word in phrase.split():
        stem = word.endswith("*")
        word = word.rstrip("*")
        rx = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        if stem:
            rx += r"\w*"
        elif plural and word[-1:].isalpha():
            rx += "s?"
        words.append(rx)
    return r"\s+".join(words)


@cache
def _ignore_regex(phrases: tuple[str, ...]):
    if not phrases:
        return None
    return re.compile("|".join(_phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)),
                      re.I)


@cache
def _ignore_plan(phrases: tuple[str, ...]):
    """(_ignore_regex(phrases), the literals every match of it has, the
    strings a match starts with)."""
    regex = _ignore_regex(phrases)
    if regex is None:
        return None, (), None
    return (regex, textscan.needed_literals(regex.pattern, re.IGNORECASE),
            textscan.match_prefixes(regex.pattern, re.IGNORECASE))


def _ignored(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the ignored phrases (official names) are in `text`."""
    regex, needs, prefixes = _ignore_plan(phrases)
    if regex is None or not textscan.may_match(text, needs):
        return []
    return [m.span() for m in textscan.matches(regex, text, prefixes)]


_ALPHA = re.compile(r"[A-Za-z]+")
_NONE = object()  # no payload


def _trie_regex(words) -> str:
    """An alternation of literal words factored by their common prefixes,
    which the regex engine scans fast (a flat alternation of hundreds of
    words is tried word by word at every position)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return build(trie)


def _other_word(phrase: str, plural: bool):
    """What every match of the phrase's expression (_phrase_regex) has
    besides its first run of letters, from the longest later run: ("word",
    the words one of which is a whole run of letters in the text, with a
    plural "s" where one is allowed: {"experienced"} for "care
    experienced"), or, where every later run ends in a stem, ("text", a
    string the lower-cased text contains: "minder" for "child minder*").
    None when there is no later run or it is not known (letters beyond
    ASCII, which re.IGNORECASE may match to ASCII ones)."""
    if not phrase.isascii():
        return None
    best = stem = None
    for k, word in enumerate(phrase.lower().split()):
        for m in _ALPHA.finditer(word):
            run, end = m.group(0), m.end()
            if k == 0 and m.start() == 0:
                continue  # the first run: the place's own word
            if word[end:end + 1] == "*":  # a stem: the text's word only begins so
                if stem is None or len(run) > len(stem):
                    stem = run
            elif best is None or len(run) > len(best[0]):
                # a run bounded by white space or characters that are not
                # letters, in the phrase and so in the text it matches
                best = (run, (run, run + "s") if plural and end == len(word) else (run,))
    if best is not None:
        return ("word", frozenset(best[1]))
    return None if stem is None else ("text", stem)


class _Lexicon:
    """Finds listed words and phrases in text, fast enough to run several
    lists over every report. In text with a word index (checker/engine/textscan.py)
    the places where an entry could start are found with set operations:
    the whole words of the text that are listed or begin with a listed stem,
    less those no entry can match at here (every entry starting with the
    word needs another word the text lacks: "care" without "experienced").
    Then a dict lookup (one-word entries) or the entry's own regular
    expression (phrases, hyphenated words, "stem*", plurals) decides. Text
    without an index is scanned with one prefix-factored regular expression
    (`_starts`).

    Entries are matched ignoring case, as whole words; at each place the
    longest entry wins and matches do not overlap. With `hyphen_joins`
    false, a match joined to a word by a hyphen ("Good-quality") does not
    count."""

    # Words classified against the stems (starting()) before the memo is reset.
    _MEMO_LIMIT = 100_000

    def __init__(self, entries, plural: bool = False, hyphen_joins: bool = True):
        self.exact: dict[str, object] = {}
        self.other: dict[str, list] = {}
        self.hyphen_joins = hyphen_joins
        self.plural = plural
        words, stems = set(), set()
        for phrase, payload in entries:
            phrase = str(phrase)
            low = phrase.lower()
            if not plural and _ALPHA.fullmatch(low):
                self.exact.setdefault(low, payload)
                words.add(low)
                continue
            first = _ALPHA.match(low)
            if first is None:
                continue
            run = first.group(0)
            stem = low[len(run):len(run) + 1] == "*"
            if stem:
                stems.add(run)
            else:
                words.update((run, run + "s") if plural else (run,))
            # compiled when first needed (_plan): most never are in a report
            rx = _phrase_regex(phrase, plural) + r"(?!\w)"
            self.other.setdefault(run[:3], []).append(
                (rx, payload, run, stem, _other_word(phrase, plural)))
        for candidates in self.other.values():
            candidates.sort(key=lambda c: len(c[0]), reverse=True)
        self.words = frozenset(words)
        self.stems = tuple(sorted(stems))
        # word -> what may match where it starts (_plan)
        self._plans: dict[str, tuple] = {}
        # (words already classified, the listed words and those classified
        # as beginning with a stem): one tuple, replaced whole, so a thread
        # never sees one set reset and not the other
        self._memo: tuple[set, set] = (set(), set(self.words))

    @cached_property
    def _starts(self) -> str:
        """A prefix-factored expression for where an entry could start; only
        for text without a word index (checker/engine/textscan.py)."""
        alternatives = []
        if self.words:
            alternatives.append("(?:" + _trie_regex(self.words) + ")(?![A-Za-z])")
        if self.stems:
            alternatives.append(_trie_regex(self.stems))
        return r"(?<![A-Za-z0-9_])(?:" + "|".join(alternatives) + ")"

    def starting(self, found: frozenset[str]) -> frozenset[str]:
        """The words of `found` (lower-case runs of ASCII letters) where an
        entry could start: listed words and words that begin with a stem.

        Which words begin with a stem is remembered across reports (the
        words of a report are mostly ones seen before), so a report costs
        two set operations, not a test of each of its words."""
        if not self.stems:
            return found & self.words
        memo = self._memo
        seen, starting = memo
        new = found - seen
        if new:
            if len(seen) > self._MEMO_LIMIT:  # a bound on memory: start afresh
                self._memo = memo = (set(), set(self.words))
                seen, starting = memo
                new = found
            stems = self.stems
            starting.update([word for word in new if word.startswith(stems)])
            seen.update(new)  # after `starting`: a seen word is classified
        return found & starting

    def _live(self, found: frozenset[str], hits, low: str | None = None) -> list[str]:
        """The words of `hits` (starting(), a subset of `found`) where an
        entry may match in text whose words are `found` (and lower-cased
        text `low`, when given): a one-word entry, or an entry whose other
        word or string (_other_word) the text has."""
        plans = self._plans
        out = []
        for word in hits:
            gate = (plans.get(word) or self._plan(word))[2]
            if gate is None or not found.isdisjoint(gate[0]):
                out.append(word)
            elif gate[1]:
                if low is None:
                    out.append(word)
                    continue
                for part in gate[1]:
                    if part in low:
                        out.append(word)
                        break
        return out

    def _places(self, text: str):
        """Where an entry could start: the start of a whole word that is one
        of `words` or begins with one of `stems` (where the expression
        `_starts` matches, which is built and compiled only for text
        without a word index)."""
        found = textscan.words(text)
        if found is None:
            return [m.start() for m in _compiled(self._starts).finditer(text)]
        hits = self.starting(found)
        return [start for start, _ in textscan.word_places(text, hits)] if hits else []

    def _plan(self, word: str) -> tuple:
        """(the compiled candidates that can match where `word` starts, in
        the order tried, with their payloads; the payload of `word` as a
        one-word entry, or _NONE; (words, strings): a text has one of them
        where a candidate may match, or None when that is not known).

        A candidate can match only where the word is its first run of
        letters (a stem: where the word begins with it; with plurals, the
        run may take an "s"): the others are left out once here rather than
        tried at every place."""
        plan = self._plans.get(word)
        if plan is not None:
            return plan
        candidates = [c for c in self.other.get(word[:3], ())
                      if (word.startswith(c[2]) if c[3]
                          else word == c[2] or (self.plural and word == c[2] + "s"))]
        exact = self.exact.get(word, _NONE)
        # (words, strings): the text has one of them where a candidate may
        # match; None where that is not known
        gate: tuple[frozenset[str], tuple[str, ...]] | None = None
        if exact is _NONE and all(c[4] is not None for c in candidates):
            gate = (frozenset().union(*(c[4][1] for c in candidates if c[4][0] == "word")),
                    tuple({c[4][1]: 0 for c in candidates if c[4][0] == "text"}))
        plan = self._plans[word] = (
            tuple((_compiled(c[0]), c[1]) for c in candidates), exact, gate)
        return plan

    def matches(self, blocks) -> list[tuple[object, list[tuple[int, int, object]]]]:
        """(block, [(start, end, payload), ...] as find() gives them) for
        each of `blocks` with a match, in order. The words of all the
        blocks together (textscan.words_of, shared by the rules of a
        report) say at once which words can start an entry, and most
        blocks have none of them."""
        if not self.words and not self.stems:
            return []
        blocks = list(blocks)
        union = textscan.words_of([block.text for block in blocks])
        among = None
        if union is not None:
            among = frozenset(self._live(union, self.starting(union)))
            if not among:
                return []
        out = []
        for block in blocks:
            here = list(self.find(block.text, among))
            if here:
                out.append((block, here))
        return out

    def find(self, text: str, among: frozenset[str] | None = None):
        """(start, end, payload) for each match, in order. `among`: words
        where an entry may start in a text holding this one (matches()
        gives the report's), saving that work for each block."""
        if not self.words and not self.stems:
            return
        found = textscan.words(text)
        if found is None:  # no word index: as the expression finds them
            yield from self._find_scanned(text)
            return
        hits = found & among if among is not None else self.starting(found)
        if hits:  # most blocks have none: their lower-cased text is not needed
            hits = self._live(found, hits, textscan.lowered(text))
        if hits:
            yield from self._decide(text, textscan.word_places(text, hits))

    def _decide(self, text: str, places) -> list[tuple[int, int, object]]:
        """The matches at `places` ((start, word), in order, words planned
        by _plan)."""
        out = []
        done = 0
        size = len(text)
        plans = self._plans
        for start, word in places:
            if start < done:
                continue
            candidates, exact, _ = plans[word]
            best = None
            for rx, payload in candidates:
                hit = rx.match(text, start)
                if hit and (best is None or hit.end() > best[1]):
                    best = (start, hit.end(), payload)
            if best is None:
                if exact is _NONE:
                    continue
                end = start + len(word)
                if end < size and (text[end].isdigit() or text[end] == "_"):
                    continue
                best = (start, end, exact)
            if not self.hyphen_joins and (
                    (start and text[start - 1] == "-")
                    or (best[1] < size and text[best[1]] == "-")):
                continue
            done = best[1]
            out.append(best)
        return out

    def _find_scanned(self, text: str):
        """find() in text without a word index (it holds one of the
        characters re.IGNORECASE folds to ASCII letters)."""
        done = 0
        for m in _compiled(self._starts).finditer(text):
            start = m.start()
            if start < done:
                continue
            run = _ALPHA.match(text, start)
            word = run.group(0).lower()
            best = None
            for rx, payload, *_ in self.other.get(word[:3], ()):
                hit = _compiled(rx).match(text, start)
                if hit and (best is None or hit.end() > best[1]):
                    best = (start, hit.end(), payload)
            if best is None and word in self.exact:
                end = run.end()
                if end == len(text) or not (text[end].isdigit() or text[end] == "_"):
                    best = (start, end, self.exact[word])
            if best is None:
                continue
            if not self.hyphen_joins and (
                    (best[0] and text[best[0] - 1] == "-")
                    or (best[1] < len(text) and text[best[1]] == "-")):
                continue
            done = best[1]
            yield best


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _same_case(found: str, preferred: str) -> str:
    """The preferred form written with the found form's capitals."""
    if len(found) > 1 and found.isupper():
        return preferred.upper()
    if found[:1].isupper():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def _is_name(text: str, start: int, found: str) -> bool:
    """A capitalised word in the middle of a sentence: part of a name."""
    return found[:1].isupper() and not _sentence_start(text, start)


def _lower_set(words) -> frozenset[str]:
    return frozenset(_key(str(w)) for w in (words or ()))


def _args_key(args: dict) -> str:
    """The args as a string, the key of the caches of what they compile to.
    Memoised on the args dict (a rule's, the same at every report), kept
    with a copy that must still equal it: args changed in place get a new
    key."""
    hit = _ARGS_KEYS.get(id(args))
    if hit is not None and hit[0] is args and hit[1] == args:
        return hit[2]
    key = json.dumps(args, sort_keys=True, default=str)
    try:
        snapshot = copy.deepcopy(args)
    except Exception:  # noqa: BLE001 - a value that cannot be copied: no memo
        return key
    if len(_ARGS_KEYS) >= 256:
        _ARGS_KEYS.clear()
    _ARGS_KEYS[id(args)] = (args, snapshot, key)
    return key


_ARGS_KEYS: dict[int, tuple[dict, dict, str]] = {}


# -------------------------------------------------------- substitution ----

def _inflect(base: str, ending: str) -> str:
    if ending and base.endswith("e") and ending[0] in "aeiouy":
        return base[:-1] + ending
    return base + ending


@cache
def _substitutions(key: str):
    """(lexicon of the forms to avoid, {form: (preferred, label, not_after,
    not_before)}, ignore phrases) for a rule's args."""
    args = json.loads(key)
    data = _data(args.get("data", "spelling.yaml"))
    groups = data.get("groups") or {}
    wanted = args.get("groups") or list(groups)
    table: dict[str, tuple] = {}

    def add(words: dict, label: str, endings):
        for avoid, entry in (words or {}).items():
            if isinstance(entry, dict):
                use = entry["use"]
                own_endings = entry.get("endings", endings)
                after, before = _lower_set(entry.get("not_after")), _lower_set(entry.get("not_before"))
            else:
                use, own_endings, after, before = entry, endings, frozenset(), frozenset()
            for ending in own_endings or [""]:
                form = _key(_inflect(str(avoid), ending))
                table.setdefault(form, (_inflect(str(use), ending), label, after, before))

    for name in wanted:
        if name not in groups:
            raise DataFileError(f"rules/data/{args.get('data', 'spelling.yaml')}: "
                                f"no group '{name}' (groups: {', '.join(groups)})")
        group = groups[name]
        add(group.get("words"), group.get("label", name), group.get("endings", [""]))
    add(args.get("words"), args.get("label", "house spelling"), args.get("endings", [""]))
    lexicon = _Lexicon((form, form) for form in table) if table else None
    ignore = tuple(data.get("ignore_phrases") or ()) + tuple(args.get("ignore_phrases") or ())
    return lexicon, table, ignore


class Substitute(Args):
    """A form to avoid and what to use, with its own endings and exceptions."""
    use: str
    endings: list[str] | None = None
    not_after: list[str] | None = None
    not_before: list[str] | None = None


class SubstitutionArgs(Args):
    """Groups of a data file and/or inline `words` ({avoid: use})."""
    data: DataFile = "spelling.yaml"
    groups: list[str] | None = None  # default: every group of the data file
    words: dict[str, str | Substitute] | None = None
    label: str = "house spelling"
    endings: list[str] = [""]
    ignore_phrases: list[str] = []
    skip_names: bool = True

    def cross_check(self) -> None:
        groups = _data(self.data).get("groups") or {}
        unknown = [g for g in self.groups or () if g not in groups]
        if unknown:
            raise ValueError(f"no group '{unknown[0]}' in rules/data/{self.data} "
                             f"(groups: {', '.join(groups)})")


@check("substitution", provides=("found", "preferred", "label"), scoped=True, args=SubstitutionArgs)
def substitution(report, framework, args):
    lexicon, table, ignore = _substitutions(_args_key(args))
    if lexicon is None:
        return
    names = args.get("skip_names", True)
    for block, found_here in lexicon.matches(block for _, block in report.blocks()):
        text = block.text
        ignored = None
        for start, end, form in found_here:
            found = text[start:end]
            preferred, label, not_after, not_before = table[form]
            if (not_after or not_before) and _excepted(text, start, end, not_after, not_before):
                continue
            if names and _is_name(text, start, found):
                continue
            if ignored is None:
                ignored = _ignored(text, ignore)
            if ignored and _inside(ignored, start, end):
                continue
            yield Finding.within(block, start, end, found=" ".join(found.split()),
                                 preferred=_same_case(found, preferred), label=label)


# --------------------------------------------------------- consistency ----

@cache
def _variant_sets(key: str):
    """([(spellings, [(not_after, not_before) per spelling])], lexicon whose
    payloads are (set, spelling) indexes, ignore phrases)."""
    args = json.loads(key)
    sets, entries = [], []
    raw = list(args.get("variants") or [])
    if args.get("data"):
        raw += _data(args["data"]).get(args.get("data_key", "variants")) or []
    for n, group in enumerate(raw):
        spellings, exceptions = [], []
        for i, variant in enumerate(group):
            if isinstance(variant, dict):
                spelling = str(variant["spelling"])
                exc = (_lower_set(variant.get("not_after")), _lower_set(variant.get("not_before")))
            else:
                spelling, exc = str(variant), (frozenset(), frozenset())
            spellings.append(spelling)
            exceptions.append(exc)
            entries.append((spelling, (n, i)))
        sets.append((spellings, exceptions))
    ignore = tuple(args.get("ignore_phrases") or ())
    if args.get("data"):
        ignore += tuple(_data(args["data"]).get("ignore_phrases") or ())
    return sets, _Lexicon(entries), ignore


class Variant(Args):
    """A spelling with the words it may not follow or precede."""
    spelling: str
    not_after: list[str] | None = None
    not_before: list[str] | None = None


class ConsistencyArgs(Args):
    """Sets of spellings of one word, inline and/or a data file's `data_key` list."""
    variants: list[list[str | Variant]] = []
    data: DataFile | None = None
    data_key: str = "variants"
    ignore_phrases: list[str] = []
    skip_names: bool = True

    def cross_check(self) -> None:
        _has_key(self.data, self.data_key)


@check("consistency",
       provides=("found", "preferred", "count", "first_line", "others", "spellings"),
       scoped=True, args=ConsistencyArgs)
def consistency(report, framework, args):
    sets, lexicon, ignore = _variant_sets(_args_key(args))
    names = args.get("skip_names", True)
    # uses[set][spelling]: (block, start, end) in document order
    uses: list[list[list[tuple]]] = [[[] for _ in spellings] for spellings, _ in sets]
    for block, found_here in lexicon.matches(block for _, block in report.blocks()):
        text = block.text
        ignored = None
        for start, end, (n, i) in found_here:
            not_after, not_before = sets[n][1][i]
            if (not_after or not_before) and _excepted(text, start, end, not_after, not_before):
                continue
            # _is_name(): a capital first letter in the middle of a sentence
            if names and text[start].isupper() and not _sentence_start(text, start):
                continue
            if ignored is None:
                ignored = _ignored(text, ignore)
            if ignored and _inside(ignored, start, end):
                continue
            uses[n][i].append((block, start, end))
    for (spellings, _), set_uses in zip(sets, uses):
        used = [i for i, u in enumerate(set_uses) if u]
        if len(used) < 2:
            continue
        # The majority spelling; on a tie, the one listed first (the house
        # preference: data lists the spelling published reports use most first).
        major = max(used, key=lambda i: (len(set_uses[i]), -i))
        first_block, first_start, first_end = set_uses[major][0]
        first_line, first_col = first_block.position(first_start)
        preferred = " ".join(first_block.text[first_start:first_end].split())
        if _sentence_start(first_block.text, first_start) and \
                preferred[1:] == preferred[1:].lower():
            preferred = preferred[:1].lower() + preferred[1:]
        for i in used:
            if i == major:
                continue
            for block, start, end in set_uses[i]:
                yield Finding.within(
                    block, start, end,
                    related=[Related(first_line, f"'{preferred}' is first used here", first_col)],
                    found=" ".join(block.text[start:end].split()), preferred=preferred,
                    count=len(set_uses[major]), first_line=first_line, others=len(set_uses[i]),
                    spellings=" / ".join(spellings))


# --------------------------------------------------------- number style ----

_RATIO = re.compile(r"\d[ \t\n]+(?:in|out[ \t\n]+of)[ \t\n]+$")


@cache
def _number_style(key: str):
    """(find, not_after, not_before, figures, words, units, regex) for a
    rule's args; regex is None when there is nothing to find."""
    args = json.loads(key)
    find = args.get("find", "small_figures")
    not_after = _lower_set(args.get("not_after"))
    not_before = _lower_set(args.get("not_before"))
    figures = {str(k): str(v) for k, v in (args.get("figures") or {}).items()}
    words: dict[str, int] = {}
    units: dict[str, int] = {}
    regex = None
    if find == "small_figures":
        if figures:
            regex = re.compile(r"\b(?<![\w.,:/£$€#%–-])(" + _trie_regex(figures)
                               + r")(?=[ \t\n]+[a-z])")
    else:
        words = {str(k).lower(): int(v) for k, v in (args.get("words") or {}).items()}
        units = {v.lower(): int(k) for k, v in figures.items()}
        if words:
            regex = re.compile(r"\b(?<![’'-])(" + _trie_regex(words) + r")"
                               r"(?:-(" + (_trie_regex(units) or "(?!)") + r"))?"
                               r"(?![\w-])", re.I)
    return find, not_after, not_before, figures, words, units, regex


@cache
def _number_tests(key: str):
    """(an expression that finds any of the figures, where a match can start
    (textscan.match_prefixes), the number words as a set when they are all
    letters, so the words of a block tell whether it has one) for a rule's
    args."""
    _, _, _, figures, words, _, regex = _number_style(key)
    any_figure = re.compile("|".join(map(re.escape, figures)))
    prefixes = None if regex is None else textscan.match_prefixes(regex.pattern, regex.flags)
    listed = frozenset(words) if all(_ALPHA.fullmatch(w) for w in words) else None
    return any_figure, prefixes, listed


class NumberStyleArgs(Args):
    """Small figures to write as words, or large number words to write as figures."""
    find: Literal["small_figures", "large_words"] = "small_figures"
    figures: dict[str, str] = {}  # figure -> word ("1": one)
    words: dict[str, int] = {}  # number word -> value (ten: 10)
    not_after: list[str] = []
    not_before: list[str] = []


@check("number_style", provides=("found", "preferred", "problem"), scoped=True,
       args=NumberStyleArgs)
def number_style(report, framework, args):
    """`find: small_figures`: a figure from `figures` (1..9 -> words) counting
    something in running text ("2 psychologists"): it must be followed by a
    lower-case word not in `not_before`, and not follow a word in `not_after`
    (labels: "phase 1", "key stage 2", "tier 4") or a capitalised word in
    mid-sentence ("Graded Care Profile 2"); figures in numbers, dates, ranges,
    ratios ("1 in 5"), times, money, percentages and hyphenated compounds are
    not matched.
    `find: large_words`: a number word from `words` (10 and over), alone or
    hyphenated with a unit ("twenty-one"), not at the start of a sentence
    (where words are right) and not after a word in `not_after`."""
    find, not_after, not_before, figures, words, units, regex = \
        _number_style(_args_key(args))
    if regex is None:
        return
    any_figure, prefixes, listed = _number_tests(_args_key(args))
    blocks = [block for _, block in report.blocks()]
    holding = None  # the blocks that may have a figure: None for all
    if find == "small_figures":
        whole = textscan.report_text(report)
        starts = textscan.starts_in(whole, [block.text for block in blocks])
        if starts is not None:
            holding = textscan.holding(whole, starts, {figure.lower() for figure in figures})
    elif listed is not None:
        union = textscan.words_of([block.text for block in blocks])
        if union is not None and not union & listed:
            return  # no block has a number word
    for index, block in enumerate(blocks):
        text = block.text
        # skip blocks that cannot match: no figure, or none of the number words
        if find == "small_figures":
            if (holding is not None and index not in holding) or not any_figure.search(text):
                continue
        elif listed is not None and textscan.present(text, listed) == frozenset():
            continue
        for m in textscan.matches(regex, text, prefixes):
            at = _word_before_at(text, m.start())
            before, after = (at[0] if at else None), _word_after(text, m.end())
            if before and _key(before) in not_after:
                continue
            if find == "small_figures":
                if after is None or _key(after) in not_before:
                    continue
                if at and before[:1].isupper() and not _sentence_start(text, at[1]):
                    continue  # "Profile 2", "Year 6": a name or label
                if _RATIO.search(text, max(0, m.start() - 30), m.start()):
                    continue  # "1 in 5", "2 out of 7": a ratio, in figures
                found = f"{m.group(1)} {after}"
                preferred = f"{figures[m.group(1)]} {after}"
                if _sentence_start(text, m.start()):
                    preferred = preferred[:1].upper() + preferred[1:]
                yield Finding.within(block, m.start(), m.end(), found=found,
                                     preferred=preferred, problem="figure")
            else:
                if _sentence_start(text, m.start()):
                    continue
                if after and _key(after) in not_before:
                    continue
                value = words[m.group(1).lower()] + (units[m.group(2).lower()] if m.group(2) else 0)
                yield Finding.within(block, m.start(), m.end(), found=m.group(0),
                                     preferred=str(value), problem="words")


# ----------------------------------------------------- lower-case terms ----

@cache
def _terms(key: str):
    args = json.loads(key)
    terms = list(args.get("terms") or [])
    ignore = list(args.get("ignore_phrases") or [])
    if args.get("data"):
        data = _data(args["data"])
        terms += data.get(args.get("data_key", "titles")) or []
        ignore += data.get("ignore_phrases") or []
    terms = sorted({str(t) for t in terms}, key=len, reverse=True)
    lexicon = _Lexicon(((t, t) for t in terms), plural=args.get("plural", True),
                       hyphen_joins=False) if terms else None
    by_key = {_key(t): t for t in terms}
    # (words of the key, term), in by_key's order: split once, not per match
    return lexicon, _Terms(tuple((k.split(), t) for k, t in by_key.items())), tuple(ignore)


class _Terms:
    """The listed terms, to find the one a match spells; what is found for
    each match text is remembered (a report writes the same few again)."""

    def __init__(self, by_key):
        self.by_key = by_key  # (the words of a term's key, the term), in the terms' order
        self._memo: dict[str, tuple[str | None, str | None]] = {}

    def lookup(self, found: str) -> tuple[str | None, str | None]:
        """(_term_for(found), _expected(found, that term)), (None, None)
        when `found` spells no term."""
        hit = self._memo.get(found)
        if hit is None:
            term = _term_for(found, self.by_key)
            hit = (term, None if term is None else _expected(found, term))
            if len(self._memo) >= 4096:
                self._memo.clear()
            self._memo[found] = hit
        return hit


def _term_for(found: str, by_key) -> str | None:
    """The listed term a match spells (plural "s" allowed on any word);
    `by_key`: (the words of a term's key, the term), in the terms' order."""
    words = _key(found).split()
    for parts, term in by_key:
        if len(parts) == len(words) and all(w in (p, p + "s") for w, p in zip(words, parts)):
            return term
    return None


def _expected(found: str, term: str) -> str:
    """`found` written with the term's letter case, word by word."""
    out = []
    for got, want in zip(found.split(), term.split()):
        if want.islower():
            out.append(got.lower())
        else:
            out.append(want + got[len(want):])
    return " ".join(out)


class LowerCaseTermsArgs(Args):
    """Terms inline and/or a data file's `data_key` list."""
    terms: list[str] = []
    data: DataFile | None = None
    data_key: str = "titles"
    ignore_phrases: list[str] = []
    plural: bool = True
    names: bool = True

    def cross_check(self) -> None:
        _has_key(self.data, self.data_key)


def _has_key(data: str | None, key: str) -> None:
    """A `data_key` is a list of the `data` file (args validation)."""
    if data and not isinstance(_data(data).get(key), list):
        raise ValueError(f"rules/data/{data} has no list '{key}'")


@check("lower_case_terms", provides=("found", "preferred"), scoped=True, args=LowerCaseTermsArgs)
def lower_case_terms(report, framework, args):
    """Terms (`terms` inline, or the `data_key` list of a `data` file) written
    as listed (lower case) in running text; a capital first letter is allowed
    at the start of a sentence. With `plural: true` (the default) a plural
    "s" on any word of a term is matched too. With `names: true` a capitalised one-word term
    next to another capitalised word is taken to be part of a name ("the Good
    Lives Model") and left alone."""
    lexicon, terms, ignore = _terms(_args_key(args))
    if lexicon is None:
        return
    names = args.get("names", True)
    for block, found_here in lexicon.matches(block for _, block in report.blocks()):
        text = block.text
        ignored = None   # found once per block: per match it is quadratic on a long block
        for start, end, _term in found_here:
            found = " ".join(text[start:end].split())
            term, expected = terms.lookup(found)
            if term is None:
                continue
            if ignored is None:
                ignored = _ignored(text, ignore)
            if ignored and _inside(ignored, start, end):
                continue
            if found == expected:
                continue
            start_ok = _sentence_start(text, start)
            if start_ok and found == expected[:1].upper() + expected[1:]:
                continue
            if names and len(found.split()) == 1:
                before, after = _word_before_at(text, start), _word_after(text, end)
                if (after and after[:1].isupper()) or \
                        (before and before[0][:1].isupper()
                         and not _sentence_start(text, before[1])):
                    continue
            yield Finding.within(block, start, end, found=found,
                                 preferred=expected[:1].upper() + expected[1:] if start_ok
                                 else expected)
