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

from typing import NamedTuple

from checker.checks import Finding, Related, check
from checker.checks import number_words as numbers
from checker.checks.lexicon import Lexicon
from checker.checks.style_args import (
    ConsistencyArgs,
    LowerCaseTermsArgs,
    NumberStyleArgs,
    SubstitutionArgs,
)
from checker.checks.style_text import (
    by_args,
    data_file,
    excepted,
    ignored,
    inflect,
    inside,
    is_name,
    key,
    lower_set,
    same_case,
    sentence_start,
    word_after,
    word_before_at,
)
from checker.datafiles.yamlfile import DataFileError
from checker.engine.analysis import Analysis

# -------------------------------------------------------- substitution ----


class _Substitute(NamedTuple):
    """What a form to avoid is replaced by, and where it is not."""
    preferred: str
    label: str
    not_after: frozenset[str]
    not_before: frozenset[str]


class _Substitutions(NamedTuple):
    lexicon: Lexicon | None  # the forms to avoid (None: none)
    table: dict[str, _Substitute]  # form -> its substitute
    ignore: tuple[str, ...]  # phrases in which no match counts


@by_args
def _substitutions(args: dict) -> _Substitutions:
    data = data_file(args.get("data", "spelling.yaml"))
    groups = data.get("groups") or {}
    table: dict[str, _Substitute] = {}

    def add(words: dict, label: str, endings):
        for avoid, entry in (words or {}).items():
            if isinstance(entry, dict):
                use = entry["use"]
                own_endings = entry.get("endings", endings)
                after = lower_set(entry.get("not_after"))
                before = lower_set(entry.get("not_before"))
            else:
                use, own_endings, after, before = entry, endings, frozenset(), frozenset()
            for ending in own_endings or [""]:
                form = key(inflect(str(avoid), ending))
                table.setdefault(form, _Substitute(inflect(str(use), ending), label, after, before))

    for name in args.get("groups") or list(groups):
        if name not in groups:
            raise DataFileError(f"rules/data/{args.get('data', 'spelling.yaml')}: "
                                f"no group '{name}' (groups: {', '.join(groups)})")
        group = groups[name]
        add(group.get("words"), group.get("label", name), group.get("endings", [""]))
    add(args.get("words"), args.get("label", "house spelling"), args.get("endings", [""]))
    lexicon = Lexicon((form, form) for form in table) if table else None
    ignore = tuple(data.get("ignore_phrases") or ()) + tuple(args.get("ignore_phrases") or ())
    return _Substitutions(lexicon, table, ignore)


@check("substitution", provides=("found", "preferred", "label"), scoped=True,
       args=SubstitutionArgs)
def substitution(report, framework, args):
    report = Analysis.of(report)
    plan = _substitutions(args)
    if plan.lexicon is None:
        return
    names = args.get("skip_names", True)
    for block, found_here in plan.lexicon.matches(report.block_texts(), report.index):
        text = block.text
        spans = None  # of the ignored phrases: found at the first match of a block
        for start, end, form in found_here:
            found = text[start:end]
            sub = plan.table[form]
            if (sub.not_after or sub.not_before) and \
                    excepted(text, start, end, sub.not_after, sub.not_before):
                continue
            if names and is_name(text, start, found):
                continue
            if spans is None:
                spans = ignored(report.index, text, plan.ignore)
            if spans and inside(spans, start, end):
                continue
            yield Finding.within(block, start, end, found=" ".join(found.split()),
                                 preferred=same_case(found, sub.preferred), label=sub.label)


# --------------------------------------------------------- consistency ----

class _VariantSet(NamedTuple):
    spellings: list[str]
    exceptions: list[tuple[frozenset[str], frozenset[str]]]  # (not_after, not_before) each


class _Variants(NamedTuple):
    sets: list[_VariantSet]
    lexicon: Lexicon  # payloads: (set, spelling) indexes
    ignore: tuple[str, ...]


@by_args
def _variant_sets(args: dict) -> _Variants:
    sets, entries = [], []
    raw = list(args.get("variants") or [])
    if args.get("data"):
        raw += data_file(args["data"]).get(args.get("data_key", "variants")) or []
    for n, group in enumerate(raw):
        variant_set = _VariantSet([], [])
        for i, variant in enumerate(group):
            if isinstance(variant, dict):
                spelling = str(variant["spelling"])
                exc = (lower_set(variant.get("not_after")), lower_set(variant.get("not_before")))
            else:
                spelling, exc = str(variant), (frozenset(), frozenset())
            variant_set.spellings.append(spelling)
            variant_set.exceptions.append(exc)
            entries.append((spelling, (n, i)))
        sets.append(variant_set)
    ignore = tuple(args.get("ignore_phrases") or ())
    if args.get("data"):
        ignore += tuple(data_file(args["data"]).get("ignore_phrases") or ())
    return _Variants(sets, Lexicon(entries), ignore)


@check("consistency",
       provides=("found", "preferred", "count", "first_line", "others", "spellings"),
       scoped=True, args=ConsistencyArgs)
def consistency(report, framework, args):
    report = Analysis.of(report)
    plan = _variant_sets(args)
    uses = _variant_uses(report, plan, args.get("skip_names", True))
    for variant_set, set_uses in zip(plan.sets, uses):
        used = [i for i, u in enumerate(set_uses) if u]
        if len(used) < 2:
            continue
        # The majority spelling; on a tie, the one listed first (the house
        # preference: data lists the spelling published reports use most first).
        major = max(used, key=lambda i: (len(set_uses[i]), -i))
        first_line, first_col, preferred = _first_use(*set_uses[major][0])
        for i in used:
            if i == major:
                continue
            for block, start, end in set_uses[i]:
                yield Finding.within(
                    block, start, end,
                    related=[Related(first_line, f"'{preferred}' is first used here", first_col)],
                    found=" ".join(block.text[start:end].split()), preferred=preferred,
                    count=len(set_uses[major]), first_line=first_line, others=len(set_uses[i]),
                    spellings=" / ".join(variant_set.spellings))


def _variant_uses(report, plan: _Variants, names: bool) -> list[list[list[tuple]]]:
    """uses[set][spelling]: (block, start, end) of each use, in document order."""
    uses: list[list[list[tuple]]] = [[[] for _ in s.spellings] for s in plan.sets]
    for block, found_here in plan.lexicon.matches(report.block_texts(), report.index):
        text = block.text
        spans = None
        for start, end, (n, i) in found_here:
            not_after, not_before = plan.sets[n].exceptions[i]
            if (not_after or not_before) and excepted(text, start, end, not_after, not_before):
                continue
            # is_name(): a capital first letter in the middle of a sentence
            if names and text[start].isupper() and not sentence_start(text, start):
                continue
            if spans is None:
                spans = ignored(report.index, text, plan.ignore)
            if spans and inside(spans, start, end):
                continue
            uses[n][i].append((block, start, end))
    return uses


def _first_use(block, start: int, end: int) -> tuple[int, int, str]:
    """(line, column, spelling as written) of the majority spelling's first
    use; a capital that only starts a sentence is lowered."""
    line, column = block.position(start)
    preferred = " ".join(block.text[start:end].split())
    if sentence_start(block.text, start) and preferred[1:] == preferred[1:].lower():
        preferred = preferred[:1].lower() + preferred[1:]
    return line, column, preferred


# --------------------------------------------------------- number style ----

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
    report = Analysis.of(report)
    plan = numbers.plan(args)
    if plan.regex is None:
        return
    for block in numbers.blocks_to_read(report, plan):
        text = block.text
        for m in report.index.matches(plan.regex, text, plan.prefixes):
            if plan.find == "small_figures":
                found = numbers.small_figure(plan, text, m)
                if found is not None:
                    yield Finding.within(block, m.start(), m.end(), found=found[0],
                                         preferred=found[1], problem="figure")
            else:
                value = numbers.large_word(plan, text, m)
                if value is not None:
                    yield Finding.within(block, m.start(), m.end(), found=m.group(0),
                                         preferred=value, problem="words")


# ----------------------------------------------------- lower-case terms ----

@by_args
def _terms(args: dict) -> tuple[Lexicon | None, _Terms, tuple[str, ...]]:
    """(lexicon of the terms, the terms to look a match up in, ignore phrases)."""
    terms = list(args.get("terms") or [])
    ignore = list(args.get("ignore_phrases") or [])
    if args.get("data"):
        data = data_file(args["data"])
        terms += data.get(args.get("data_key", "titles")) or []
        ignore += data.get("ignore_phrases") or []
    terms = sorted({str(t) for t in terms}, key=len, reverse=True)
    lexicon = Lexicon(((t, t) for t in terms), plural=args.get("plural", True),
                      hyphen_joins=False) if terms else None
    by_key = {key(t): t for t in terms}
    # (words of the key, term), in by_key's order: split once, not per match
    return lexicon, _Terms(tuple((k.split(), t) for k, t in by_key.items())), tuple(ignore)


class _Terms:
    """The listed terms, to find the one a match spells; what is found for
    each match text is remembered (a report writes the same few again; a
    pure function of the text, kept with the rule's compiled args)."""

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
    words = key(found).split()
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


@check("lower_case_terms", provides=("found", "preferred"), scoped=True,
       args=LowerCaseTermsArgs)
def lower_case_terms(report, framework, args):
    """Terms (`terms` inline, or the `data_key` list of a `data` file) written
    as listed (lower case) in running text; a capital first letter is allowed
    at the start of a sentence. With `plural: true` (the default) a plural
    "s" on any word of a term is matched too. With `names: true` a capitalised one-word term
    next to another capitalised word is taken to be part of a name ("the Good
    Lives Model") and left alone."""
    report = Analysis.of(report)
    lexicon, terms, ignore = _terms(args)
    if lexicon is None:
        return
    names = args.get("names", True)
    for block, found_here in lexicon.matches(report.block_texts(), report.index):
        text = block.text
        spans = None   # found once per block: per match it is quadratic on a long block
        for start, end, _term in found_here:
            found = " ".join(text[start:end].split())
            term, expected = terms.lookup(found)
            if term is None:
                continue
            if spans is None:
                spans = ignored(report.index, text, ignore)
            if (spans and inside(spans, start, end)) or found == expected:
                continue
            start_ok = sentence_start(text, start)
            if start_ok and found == expected[:1].upper() + expected[1:]:
                continue
            if names and len(found.split()) == 1 and _in_a_name(text, start, end):
                continue
            yield Finding.within(block, start, end, found=found,
                                 preferred=expected[:1].upper() + expected[1:] if start_ok
                                 else expected)


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised word next to the match (not one that starts a sentence)."""
    before, after = word_before_at(text, start), word_after(text, end)
    return bool((after and after[:1].isupper()) or
                (before and before[0][:1].isupper() and not sentence_start(text, before[1])))
