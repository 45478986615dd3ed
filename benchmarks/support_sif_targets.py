"""Recall on reports nobody tuned on: the archive's SIF reports as targets.

    .venv/bin/python benchmarks/support_sif_targets.py            # ../shared
    .venv/bin/python benchmarks/support_sif_targets.py --seed 5 --per-doc 30

Why: support_bench.py's tuning half has been read many times, so a change
judged on it alone can fit what was read; its reporting half must stay
unseen until it is quoted. The pre-2018 SIF reports' judgement sections were
never read to write or prune the vocabulary's wordings, and they run as
long as an ILACS report's findings, so they show how a change fares on
findings nobody tuned on. Each archive report takes real items of the
shared corpora (support_bench.py's donors) whose lexicon topics its
judgement sections never mention, and is judged by the topic index with
the settings SUP001 gives an ILACS report (hint_scope, hint_common); its
own recommendations, which passed Ofsted's QA, count as published items.
SUP001 itself does not run on SIF reports (support_archive.py says why).
Aggregate figures only, per archive half (the file-name rule); nothing is
written.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]

import support_bench as bench  # noqa: E402
from support_archive import sif_parts  # noqa: E402

from checker.engine.topic_index import TopicIndex  # noqa: E402
from checker.engine.vocabulary import common_wordings, topic_vocabulary  # noqa: E402

FLAGGED = ("partly", "unsupported")


def ilacs_settings() -> tuple[str, float | None]:
    """SUP001's hint_scope and hint_common for an ILACS report."""
    return (bench.rule_arg("hint_scope", "ilacs", "paragraph"),
            bench.rule_arg("hint_common", "ilacs"))


def donors(jobs: int) -> list[tuple[str, str, frozenset[str]]]:
    """(document, item, its lexicon topics) of every real item of the corpora."""
    todo = bench.documents(bench.DEFAULT_CORPUS, bench.DEFAULT_LETTERS, None)
    docs = bench._map(bench._build, [(p, g, h, str(bench.TOPICS)) for p, g, h in todo], jobs)
    return bench.real_items(docs, bench.load_topics())


def measure(folder: Path, per_doc: int, seed: int, jobs: int) -> dict[str, list[int]]:
    """Per archive half: [own items flagged, own items, transplants flagged, transplants]."""
    lexicon, vocabulary = bench.load_topics(), topic_vocabulary()
    scope, share = ilacs_settings()
    items = donors(jobs)
    out: dict[str, list[int]] = {}
    for i, path in enumerate(sorted(folder.glob("*.pdf"), key=lambda p: p.name)):
        parts = sif_parts(path)
        if not parts or not parts[0] or not parts[1]:
            continue
        own, findings = [p.text for p in parts[0]], parts[1]
        index = TopicIndex(findings, vocabulary,
                           vocabulary.defined_abbreviations("\n".join(findings)),
                           scope, common_wordings("ilacs", share))
        present = bench.topics_in("\n".join(findings), lexicon, wide=True)
        fits = [item for _, item, topics in items if not topics & present]
        chosen = random.Random(f"{seed}:{path.name}").sample(fits, min(per_doc, len(fits)))
        row = out.setdefault(("tune", "report")[i % 2], [0, 0, 0, 0])
        row[0] += sum(index.judge(t).verdict in FLAGGED for t in own)
        row[1] += len(own)
        row[2] += sum(index.judge(t).verdict in FLAGGED for t in chosen)
        row[3] += len(chosen)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", default=str(bench.DEFAULT_ARCHIVE))
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--per-doc", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    folder = Path(args.archive)
    if not folder.is_dir() or not bench.DEFAULT_CORPUS.is_dir():
        print(f"skipping: {folder} or {bench.DEFAULT_CORPUS} not found", file=sys.stderr)
        return 0
    print("| archive half | own recommendations flagged | transplants flagged |\n|---|---|---|")
    for half, (own, n_own, hit, n) in sorted(measure(folder, args.per_doc, args.seed,
                                                     args.jobs).items()):
        print(f"| {half} | {own} / {n_own} | {hit} / {n} = {hit / max(n, 1):.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
