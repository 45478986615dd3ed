"""Build benchmarks/support/corpus-frequencies.yaml: how many real reports use
each word, each topic and each mined multiword term - for the people who keep
the topic vocabulary (rules/topics.yaml), not read by the checker - and
rules/data/loose-wordings.yaml, which the checker reads (loose_shares()).

    python tools/corpus_frequencies.py                 # rewrite the data files
    python tools/corpus_frequencies.py --check         # exit 1 if it would change
    python tools/corpus_frequencies.py --shared DIR    # another copy of ../shared

Why: whether an improvement item is supported depends on what it asks to
improve, and "what" is the part of its wording that is not scaffolding. A
word nearly every report uses ("quality", "timely", "children", "practice")
cannot tell one topic from another; a word few reports use ("dental",
"careers", "radicalisation") names one. One report cannot say which is which;
the published corpora can. So this script counts, over real documents, the
share that use each word (by the topics' word key, a Snowball stem), the
share that discuss each built-in topic, and the multiword terms that real
reports use as units ("staying put", "agency decision maker") - mined as
collocations with NLTK's likelihood-ratio measure, which is the standard
test that two words occur together more than chance.

Which documents: the TUNING half of the shared ILACS reports and focused-visit
letters (sorted by file name, even index: the same split as
benchmarks/support_bench.py, whose reporting half stays unseen) and every
pre-2018 archive document. Needs ../shared and the `mining` extra (nltk).
Rerun it when rules/topics.yaml changes: its test fails until the files
are what it writes.

What it is for, and what was measured: the mined terms that no topic of
rules/topics.yaml covers are candidates for the vocabulary (--uncovered lists
them; "female genital mutilation", "best interests" and "pupil premium"
appear, and so do stock phrases such as "vast majority", which is why a
person chooses). The topic shares were tried as a switch in the checker - a
topic nearly every report names (assessments, plans, analysis) treated as an
aspect that cannot make an item partly supported - and on the tuning half it
changed no false alarm and cost 0.4 to 0.5 points of recall once a single
loose wording counts as a hint (checker/engine/topics.py), so the checker
does not read them. The word shares are there for the next such trial.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.engine.support import Vocabulary  # noqa: E402
from checker.engine.topics import _WORD, term_keys, word_key  # noqa: E402
from checker.engine.vocabulary import load_topics  # noqa: E402
from checker.reading.readers import read_document  # noqa: E402
from checker.reading.source import InputError  # noqa: E402

TOPICS_FILE = ROOT / "rules" / "topics.yaml"
FREQUENCIES_FILE = ROOT / "benchmarks" / "support" / "corpus-frequencies.yaml"
LOOSE_FILE = ROOT / "rules" / "data" / "loose-wordings.yaml"  # the one file the checker reads
# a multiword term: in at least this many documents, and not in most of them
# (a phrase most reports use, "senior leaders", is scaffolding, not a topic)
MIN_TERM_DOCUMENTS = 3
MAX_TERM_SHARE = 0.5
MIN_TERM_COUNT = 5
TERMS_KEPT = {2: 600, 3: 200}   # best-scoring bigrams and trigrams


def documents(shared: Path) -> list[Path]:
    """The tuning half of each benchmarked kind, and the whole archive."""
    chosen = []
    for folder in ("corpus/pdf", "focused-visits/pdf"):
        files = sorted((shared / folder).glob("*.pdf"), key=lambda p: p.name)
        chosen += files[0::2]
    chosen += sorted((shared / "archive/pdf").glob("*.pdf"))
    return chosen


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.replace("-", " "))


def document_frequencies(texts: list[str]) -> Counter:
    """Word key -> number of documents that use it."""
    counts = Counter()
    for text in texts:
        counts.update({word_key(w) for w in words_of(text)})
    return counts


def topic_shares(texts: list[str]) -> dict[str, float]:
    """Built-in topic -> share of documents that name it (by one of its terms):
    a topic nearly every report names (assessments, plans) is an aspect of
    practice, not a subject an item can be about on its own."""
    vocabulary = load_topics(TOPICS_FILE)
    counts = Counter()
    for text in texts:
        counts.update({vocabulary.topics[m.topic].name
                       for m in vocabulary.mentions(text) if m.strong})
    return {t.name: round(counts[t.name] / len(texts), 3) for t in vocabulary.topics}


def collocations(texts: list[str], size: int) -> list[str]:
    """The multiword terms of `size` words that real reports use as units, best
    first, in their commonest spelling."""
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )
    finder, measure = ((BigramCollocationFinder, BigramAssocMeasures) if size == 2
                       else (TrigramCollocationFinder, TrigramAssocMeasures))
    tokens = [[w.lower() for w in words_of(t)] for t in texts]
    found = finder.from_documents(tokens)
    found.apply_freq_filter(MIN_TERM_COUNT)
    found.apply_ngram_filter(lambda *ws: _scaffolding(ws[0]) or _scaffolding(ws[-1]))
    spread = Counter()
    for doc in tokens:
        spread.update({tuple(doc[i:i + size]) for i in range(len(doc) - size + 1)})
    limit = MAX_TERM_SHARE * len(texts)
    kept = [" ".join(g) for g, _ in found.score_ngrams(measure().likelihood_ratio)
            if MIN_TERM_DOCUMENTS <= spread[g] <= limit]
    return kept[:TERMS_KEPT[size]]


@lru_cache(maxsize=1)
def stopword_keys() -> frozenset[str]:
    """The word keys of rules/synonyms.yaml's stopwords (function words and
    domain filler): a term never starts or ends with one."""
    words = Vocabulary.load(ROOT / "rules" / "synonyms.yaml").stopwords
    return frozenset(word_key(w) for s in words for w in _WORD.findall(s))


def _scaffolding(word: str) -> bool:
    return word_key(word) in stopword_keys() or not word.isalpha() or len(word) < 3


def _text(path: Path) -> str:
    """A document's text, or "" for one the checker cannot read (said on stderr)."""
    try:
        return read_document(path).text
    except InputError as exc:
        print(f"skipped {path.name}: {exc}", file=sys.stderr)
        return ""


def build(shared: Path) -> dict:
    paths = documents(shared)
    texts = list(filter(None, map(_text, paths)))
    words = document_frequencies(texts)
    return {
        "generated": {
            "by": "tools/corpus_frequencies.py",
            "on": date.today().isoformat(),
            "documents": len(texts),
            "from": "tuning half of ../shared/corpus/pdf and ../shared/focused-visits/pdf "
                    "(by file name, even index) and all of ../shared/archive/pdf",
            "topics_sha256": hashlib.sha256(TOPICS_FILE.read_bytes()).hexdigest(),
        },
        "topics": topic_shares(texts),
        "terms": collocations(texts, 2) + collocations(texts, 3),
        "words": {k: n for k, n in sorted(words.items()) if n >= 2},
    }


def loose_shares(shared: Path) -> dict:
    """rules/data/loose-wordings.yaml, the one output the checker reads: the
    share of the tuning half's ILACS reports whose findings (every numbered
    paragraph, as SUP001 reads an ILACS report) use each loose (`also`)
    wording of rules/topics.yaml. SUP001's `hint_common` lets no wording
    that common hint at a topic. ILACS only: a letter's findings are the
    sections SUP001's args name, and no rule asks the letters' shares."""
    from checker.api import check_text  # noqa: PLC0415 - the tool's one parse of reports

    vocabulary = load_topics(TOPICS_FILE)
    wording_of = {term_keys(w): w for t in vocabulary.topics for w in t.also}
    files = sorted((shared / "corpus/pdf").glob("*.pdf"), key=lambda p: p.name)[0::2]
    counts, reports = Counter(), 0
    for text in filter(None, map(_text, files)):
        report = check_text(text, rules=()).report
        if report is None or report.kind != "ilacs":
            continue
        reports += 1
        paragraphs = [p.text for p in report.paragraphs]
        found = vocabulary.findings_spans(paragraphs, {})
        counts.update({wording_of[k] for k in (tuple(found.keys[a:b])
                                                for a, b, _, strong in found.spans
                                                if not strong) if k in wording_of})
    return {
        "generated": {
            "by": "tools/corpus_frequencies.py",
            "from": "tuning half of ../shared/corpus/pdf (by file name, even index)",
            "topics_sha256": hashlib.sha256(TOPICS_FILE.read_bytes()).hexdigest(),
        },
        "kinds": {"ilacs": {"reports": reports, "loose": {
            w: round(n / reports, 3) for w, n in sorted(counts.items(),
                                                        key=lambda x: (-x[1], x[0]))}}},
    }


def uncovered(terms: list[str]) -> list[str]:
    """The mined terms in which the vocabulary finds no topic at all."""
    vocabulary = load_topics(TOPICS_FILE)
    return [t for t in terms if not vocabulary.mentions(t)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the data file is not what this would write")
    parser.add_argument("--uncovered", action="store_true",
                        help="list the mined terms no topic of rules/topics.yaml covers")
    args = parser.parse_args(argv)
    data = build(args.shared)
    if args.uncovered:
        print("\n".join(uncovered(data["terms"])))
        return 0
    loose = loose_shares(args.shared)
    if args.check:
        old = yaml.safe_load(FREQUENCIES_FILE.read_text(encoding="utf-8"))
        old["generated"]["on"] = data["generated"]["on"]
        stale = [f for f, now, new in ((FREQUENCIES_FILE, old, data),
                                       (LOOSE_FILE, _read(LOOSE_FILE), loose)) if now != new]
        print("up to date" if not stale else
              f"{', '.join(map(str, stale))} stale: rerun the script")
        return 1 if stale else 0
    for path, content in ((FREQUENCIES_FILE, data), (LOOSE_FILE, loose)):
        path.write_text("# Generated by tools/corpus_frequencies.py - do not edit; rerun it.\n"
                        + yaml.safe_dump(content, sort_keys=False, allow_unicode=True,
                                         width=100), encoding="utf-8")
    print(f"wrote {FREQUENCIES_FILE}: {len(data['words'])} words, {len(data['terms'])} terms "
          f"from {data['generated']['documents']} documents; {LOOSE_FILE}: "
          f"{len(loose['kinds']['ilacs']['loose'])} loose wordings in "
          f"{loose['kinds']['ilacs']['reports']} ILACS reports")
    return 0


def _read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


if __name__ == "__main__":
    sys.exit(main())
