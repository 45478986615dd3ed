"""The speed-ups change no finding: the pre-checks of checker/engine/textscan.py (with
what checker/engine/regexes reads from a pattern) are necessary conditions, the lexicon
finds what its regular expression finds,
and a slimmed result renders as the full one. (Timings are not tested here:
benchmarks/bench.py measures them.)"""

from __future__ import annotations

import random
import re

import pytest
from conftest import ROOT, SAMPLES

from checker.api import check_file
from checker.engine import regexes, textscan
from checker.output.render import render_json, render_text

# Text that trips the corner cases: the four characters re.IGNORECASE folds
# to ASCII letters, digits and "_" before words, hyphens, curly quotes.
_INSERTS = ["3", "_", "-", "K", "ſ", "İ", "ı", "’", "é", "co-ordinated", "Coordination",
            "2caseloads", "_timescale", "well-being", "wellbeing", "organize", "ORGANIZED",
            "Director of Children's Services", "Good-quality", "LAST INSPECTION in 2019",
            "www.example.org", "a@b.org", "Bury", "Reading", "(DCS)", "XX", "XXX", "TBC",
            "[insert date]", "Insert date", "colour", "it's own", "[LA name]"]


def _texts(n_mutants: int = 2) -> list[str]:
    rng = random.Random(6)
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for i in range(0, len(text), 700):
            piece = text[i:i + 700]
            out.append(piece)
            for _ in range(n_mutants):
                chars = list(piece)
                for _ in range(rng.randint(1, 6)):
                    chars.insert(rng.randint(0, len(chars)), rng.choice(_INSERTS))
                out.append("".join(chars))
    return out


def _patterns(rules) -> set[str]:
    found: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            try:
                re.compile(value)
                found.add(value)
            except re.error:
                pass
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for rule in rules:
        walk(rule.args)
    return found


def test_needed_literals_are_necessary(all_rules):
    patterns = _patterns(all_rules) | {r"(?:last|previous) inspection", r"a(?:bc|de)+f",
                                        r"x{0,2}yz", r"(?i:AbC)d", r"foo|bar", r"(a|)bc"}
    texts = _texts()
    for pattern in patterns:
        for flags in (0, re.IGNORECASE):
            rx, need = re.compile(pattern, flags), regexes.needed_literals(pattern, flags)
            for text in texts:
                if rx.search(text):
                    low = textscan.lower_or_none(text)
                    assert textscan.may_match(low, need), (pattern, need, text[:80])


def test_needed_words_are_necessary(all_rules):
    """A block is read only when its words include one of each clause of
    needed_words(): every match holds one whole."""
    patterns = _patterns(all_rules) | {r"\b(?:last|previous) inspection\b", r"\bfoo(?: bar)?s",
                                        r"\bcare (?:leavers?|plans?)\b", r"(?i:\bCARE)\b"}
    texts = _texts()
    index = textscan.TextIndex()
    checked = 0
    for pattern in patterns:
        for flags in (0, re.IGNORECASE):
            rx, clauses = re.compile(pattern, flags), regexes.needed_words(pattern, flags)
            if not clauses:
                continue
            for text in texts:
                words = index.words(text)
                if words is not None and rx.search(text):
                    checked += 1
                    assert all(clause & words for clause in clauses), (pattern, clauses, text[:80])
    assert checked > 100


def test_needed_by_alternative_is_necessary(all_rules):
    """A text that holds a match holds, for one alternative, one word of
    each of its clauses or one of its strings."""
    patterns = _patterns(all_rules) | {r"\[(?:insert|name)[^\]]*\]|\bInsert date\b|\bX{2,3}\b",
                                        r"\bTB[CA]\b|\bcolou?r\b|\bit's own\b"}
    texts = _texts()
    index = textscan.TextIndex()
    checked = 0
    for pattern in patterns:
        for flags in (0, re.IGNORECASE):
            rx = re.compile(pattern, flags)
            alternatives = regexes.needed_by_alternative(pattern, flags)
            for text in texts if alternatives else ():
                words, low = index.words(text), index.lowered(text)
                if words is not None and rx.search(text):
                    checked += 1
                    assert any(all(clause & words for clause in a.words) if a.words
                               else any(s in low for s in a.strings) for a in alternatives), \
                        (pattern, alternatives, text[:80])
    assert checked > 100


def test_needed_words_of_patterns():
    words = regexes.needed_words
    assert words(r"\bappraised of\b", re.I) == (frozenset({"appraised"}), frozenset({"of"}))
    assert words(r"\b(?:has|have|had) lead (?:to|the)\b") == (
        frozenset({"lead"}), frozenset({"has", "have", "had"}), frozenset({"to", "the"}))
    assert words(r"\b(?:last|previous)(?: (?:full|ILACS))* inspection,? in") == (
        frozenset({"inspection"}), frozenset({"last", "previous"}))
    assert words(r"effect(?:s|ed)?\b") == ()  # "effects": no word ends after "effect"
    assert words(r"appraised of") == ()  # "reappraised of"
    assert words(r"\bfoo\w*\b") == ()  # "foobar"
    assert words(r"\bTB[CA]\b|\bXXX*\b") == ()  # one alternative names no word
    # a class of a few letters, a short repeat: a few words
    assert words(r"\bTB[CA]\b|\bX{2,4}\b") == (frozenset({"tbc", "tba", "xx", "xxx", "xxxx"}),)
    assert words(r"\bcolou?r\b") == (frozenset({"color", "colour"}),)
    assert words(r"\b[a-z]{2}\b") == ()  # 676 words: none looked up
    # too many spellings before the rest of a run: the run names no word, not its tail
    assert words(r"\b[abcdefgh][abcdefgh]xyz\b") == ()
    assert words(r"\b[abcdefgh]{8}\b") == ()  # 8 ** 8 spellings: none built
    # each alternative by its most selective word, not its first
    assert words(r"\b(?:took up post|was appointed) in\b") == (
        frozenset({"took", "appointed"}), frozenset({"in"}))
    assert words(r"\bit's own\b") == (frozenset({"own"}), frozenset({"it"}))  # not "s"


def test_needed_by_alternative():
    alternatives = regexes.needed_by_alternative
    # one alternative names a word, the other only a string
    found = alternatives(r"\[(?:insert|name)[^\]]*\]|\bInsert (?:the )?date\b|\bX{2,3}\b")
    assert found == (regexes.Alternative((), frozenset({"["})),
                     regexes.Alternative((frozenset({"insert"}), frozenset({"date"})), None),
                     regexes.Alternative((frozenset({"xx", "xxx"}),), None))
    # one alternative: its words and the pattern's most selective strings
    assert alternatives(r"\bappraised of\b", re.I) == (regexes.Alternative(
        (frozenset({"appraised"}), frozenset({"of"})), frozenset({"appraised of"})),)
    assert alternatives(r"foo|\w+") is None  # an alternative of which nothing is known


def test_needed_literals_of_a_fact_pattern():
    clauses = regexes.needed_literals(
        r"(?:last|previous) (?:full )?inspection,? in (?P<value>(?:19|20)\d\d)\b", re.I)
    assert frozenset({"inspection"}) in clauses
    assert frozenset({"last", "previous"}) in clauses
    index = textscan.TextIndex()
    assert not index.may_match("The previous visit in 2019.", clauses)
    assert index.may_match("Since the LAST inspection in 2019.", clauses)
    assert regexes.needed_literals(r"\w+\d") == ()  # nothing known: always scanned


def test_lexicon_finds_what_its_expression_finds(all_rules):
    from checker.checks import lexicon, style
    lexicons = []
    for rule in all_rules:
        key = rule.args
        if rule.check == "substitution":
            lexicons.append(style._substitutions(key).lexicon)
        elif rule.check == "consistency":
            lexicons.append(style._variant_sets(key).lexicon)
        elif rule.check == "lower_case_terms":
            lexicons.append(style._terms(key)[0])
    lexicons = [lex for lex in lexicons if lex is not None]
    assert len(lexicons) >= 4
    index = textscan.TextIndex()
    for text in _texts():
        for lex in lexicons:
            expected = [m.start() for m in lexicon.compiled(lex._starts).finditer(text)]
            assert list(lex._places(text, index)) == expected, text[:80]


def test_word_index_is_by_value():
    index = textscan.TextIndex()
    text = "Children in care are safe."
    same_value = "".join(["Children in care", " are safe."])
    assert index.words(text) is index.words(same_value)  # worked out once
    assert index.words(text) == frozenset({"children", "in", "care", "are", "safe"})
    assert index.words("a Kelvin sign \u212a") is None  # scanned in full instead


@pytest.mark.parametrize("name", ["rochdale-ilacs-2023.txt", "oldham-ilacs-2019.txt",
                                  "rochdale-jtai-2024.txt"])
def test_slim_result_renders_as_the_full_one(name):
    full = check_file(SAMPLES / name)
    slim = full.slim()
    assert slim.report is None and full.report is not None
    assert render_text([slim], show_info=True) == render_text([full], show_info=True)
    assert render_json([slim]) == render_json([full])
    assert slim.slim() is slim


def test_slim_result_of_a_pdf_keeps_places():
    pdfs = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
    if not pdfs:
        pytest.skip("no PDF fixture")
    full = check_file(pdfs[0])
    slim = full.slim()
    assert render_text([slim], show_info=True) == render_text([full], show_info=True)
    assert render_json([slim]) == render_json([full])


def test_cached_yaml_is_the_parsed_yaml(tmp_path, monkeypatch):
    from checker.datafiles.yamlfile import DataFileError, load_yaml
    monkeypatch.setenv("REPORT_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "data.yaml"
    path.write_text("words:\n  - one\n  - two\nlimit: 3\n", encoding="utf-8")
    first, second = load_yaml(path), load_yaml(path)  # parsed, then read from the cache
    assert list((tmp_path / "cache").glob("yaml-*.json"))
    assert first == second == {"words": ["one", "two"], "limit": 3}
    assert second.key_lines == {"words": 1, "limit": 4} and second["words"].item_lines == [2, 3]
    path.write_text("words: [one]\nwords: [two]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate key"):
        load_yaml(path)  # a changed file is parsed again, errors and all


def _sentences_pasted(rng: random.Random, texts: list[str]) -> list[str]:
    """`texts` with a sentence or a whole text copied into another, its
    spaces changed as a copy out of a PDF changes them (a line break, two
    spaces, a non-breaking space), and at times its full stop dropped."""
    out = list(texts)
    source = rng.choice(texts)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", source)
    copy = source if rng.random() < 0.2 else rng.choice(sentences)
    for _ in range(rng.randint(0, 3)):
        at = rng.choice([m.start() for m in re.finditer(" ", copy)] or [0])
        copy = copy[:at] + rng.choice(["\n", "  ", "\u00a0", " \n ", "   "]) + copy[at + 1:]
    if rng.random() < 0.2:
        copy = copy.rstrip(".")
    at = rng.randrange(len(out))
    pasted_after = out[at].rstrip().endswith(".") and rng.random() < 0.7
    out[at] = out[at] + rng.choice([" ", "\n"]) + copy if pasted_after else copy
    return out


def test_repeat_prefilters_are_necessary():
    """LFT003 reads sentences only when _may_repeat() says a piece repeats,
    and LFT002 reads a block only when two neighbouring words are equal:
    wherever the full rule finds something, the pre-check said "maybe".
    Tried on the samples' paragraphs with sentences pasted twice in the
    ways a copy changes them, and with words typed twice."""
    from checker.checks.repeats import _may_repeat, repeated_passages, repeated_words
    from checker.engine.analysis import Analysis
    from checker.parsing.model import Block, Span

    class Paragraphs:  # a report of these paragraphs only
        def __init__(self, texts):
            self._blocks = tuple(("paragraph", Block(text=t, span=Span(1, 1, 1, 1)))
                                 for t in texts)

        def blocks(self, kinds=None):
            return self._blocks

    texts = [block.text for path in sorted(SAMPLES.glob("*.txt"))
             for _, block in check_file(path).report.blocks(["paragraph"])]
    rng = random.Random(15)
    found = 0
    for _ in range(300):
        chosen = rng.sample(texts, 6)
        pasted = _sentences_pasted(rng, chosen)
        full = list(repeated_passages(Analysis(Paragraphs(pasted)), None, {"min_words": 3}))
        if full:
            found += 1
            assert _may_repeat([t.lower() for t in pasted], pasted), pasted
        words = [t.replace(" ", f" {w} {w} ", 1) for t, w in
                 zip(chosen, rng.choices(["the", "The", "in", "and", "to", "it"], k=6))]
        pattern = r"\b(?!(?:had|that)\b)([a-z]+)\s+\1\b(?![-‐])|\b(?:The the|In in)\b"
        assert list(repeated_words(Analysis(Paragraphs(words)), None, {"pattern": pattern}))
    assert found > 150  # the trials pasted something the rule finds


def test_single_spaced_is_split_and_joined():
    from checker.checks.repeats import _single_spaced
    rng = random.Random(4)
    for _ in range(500):
        text = "".join(rng.choice(["a", "b.", " ", " ", "  ", "\n", "\u00a0", "\u2003"])
                       for _ in range(rng.randint(0, 12))).strip()
        assert _single_spaced(text) == " ".join(text.split()), repr(text)


def test_other_spaces_are_every_space_split_takes():
    """LFT003's pre-check looks for each white-space character but the
    space; the list is str.isspace()'s, which str.split() cuts at."""
    from checker.checks.repeats import _OTHER_SPACES
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(_OTHER_SPACES) == every - {" "}
