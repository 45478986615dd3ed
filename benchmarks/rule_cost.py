"""What some rules add to the in-process check: by default the careful-reader
rules of issue 15 (CNF001, LFT001-LFT003, FCT002, FCT003), which may add at
most 1 ms to a published-size report.

    .venv/bin/python benchmarks/rule_cost.py              # the samples, then the shared corpora
    .venv/bin/python benchmarks/rule_cost.py --runs 50 --corpus ../shared/corpus/pdf

Each document is read and parsed once; then every rule that applies to it runs,
and every rule but the measured ones, taken in turn so a slow moment of the
machine hits both. What the rules add is the fastest of the first less the
fastest of the second: work they share with other rules (a block's word set)
is not theirs, as another rule would do it anyway. For the samples also the
median of each pair's difference (a typical run: the minima of two noisy
series can differ by chance, and a rule's memory traffic slows the rules after
it) and each rule alone added to the rest. For a folder of PDFs: the mean,
median, 90th percentile and largest, and the costliest documents with the size
of their text. A script, not a timed unit test: CI never runs it.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SHARED = ROOT.parent / "shared"
CORPORA = (SHARED / "corpus" / "pdf", SHARED / "focused-visits" / "pdf")
CAREFUL_READER = ("CNF001", "LFT001", "LFT002", "LFT003", "FCT002", "FCT003")


def _timings(report, sets: dict[str, list], runs: int) -> tuple[dict[str, float], list[float]]:
    """The fastest run of each set of rules on the report (ms), and each
    round's "all" less "none"; the sets are taken in turn, with garbage
    collection off (a collection in the middle of one run is not the rules')."""
    from checker.engine.analysis import Analysis
    from checker.parsing.parser import framework_of

    framework = framework_of(report)
    best = dict.fromkeys(sets, float("inf"))
    pairs = []
    gc.disable()
    try:
        for _ in range(runs):
            took = {}
            for name, chosen in sets.items():
                analysis = Analysis(report)
                t0 = time.perf_counter()
                for rule in chosen:
                    rule.run(analysis, framework)
                took[name] = (time.perf_counter() - t0) * 1000
                best[name] = min(best[name], took[name])
            pairs.append(took["all"] - took["none"])
    finally:
        gc.enable()
    return best, pairs


def _sets(rules, report, ids, each: bool) -> dict[str, list]:
    """All the rules that apply, all but `ids`, and (`each`) all but `ids`
    with one of them back."""
    applied = [r for r in rules if r.applies(report)]
    sets = {"all": applied, "none": [r for r in applied if r.id not in ids]}
    if each:
        sets |= {i: [r for r in applied if r.id not in ids or r.id == i] for i in ids}
    return sets


def on_samples(runs: int, ids=CAREFUL_READER) -> dict:
    """Per sample: what `ids` add (fastest less fastest, and the median of
    the pairs), and each of them alone."""
    from checker.api import check_file
    from checker.engine.rules import load_rules

    rules = load_rules()
    out = {}
    print(f"\nWhat rules {', '.join(ids)} add to a full check, {runs} runs of each:")
    for path in SAMPLES:
        report = check_file(path).report
        best, pairs = _timings(report, _sets(rules, report, ids, each=True), runs)
        alone = {i: best[i] - best["none"] for i in ids}
        out[path.name] = {"added_ms": best["all"] - best["none"],
                          "added_median_ms": statistics.median(pairs),
                          "full_ms": best["all"], **alone}
        print(f"  {path.name:<34} {out[path.name]['added_ms']:5.2f} ms (median "
              f"{out[path.name]['added_median_ms']:4.2f}) of {best['all']:5.2f}  ("
              + ", ".join(f"{i} {alone[i]:.2f}" for i in ids) + ")")
    mean = statistics.mean(v["added_ms"] for v in out.values())
    median = statistics.mean(v["added_median_ms"] for v in out.values())
    print(f"  mean over the samples: {mean:.2f} ms (of the medians: {median:.2f} ms)")
    return out


def on_corpus(folder: Path, runs: int, ids=CAREFUL_READER) -> dict | None:
    """What `ids` add to each PDF of `folder` (fastest less fastest), summed
    up; None, with a message, when the folder is absent."""
    from checker.api import check_file
    from checker.engine.rules import load_rules

    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        print(f"\n{folder}: no PDFs here, skipped")
        return None
    rules = load_rules()
    added, size = {}, {}
    for path in pdfs:
        report = check_file(path).report
        if report is None:  # refused (not a report of a kind it checks)
            continue
        best, _ = _timings(report, _sets(rules, report, ids, each=False), runs)
        added[path.name] = best["all"] - best["none"]
        size[path.name] = sum(len(block.text) for _, block in report.blocks()) / 1000
    ms = sorted(added.values())
    out = {"documents": len(ms), "mean_ms": statistics.mean(ms), "median_ms": statistics.median(ms),
           "p90_ms": ms[int(0.9 * (len(ms) - 1))], "max_ms": ms[-1], "per_document_ms": added}
    print(f"\nWhat rules {', '.join(ids)} add to {len(ms)} documents of {folder}, fastest of "
          f"{runs}: mean {out['mean_ms']:.2f} ms, median {out['median_ms']:.2f}, 90th percentile "
          f"{out['p90_ms']:.2f}, largest {out['max_ms']:.2f}")
    for name in sorted(added, key=added.get)[-3:]:
        print(f"  {name:<44} {added[name]:5.2f} ms ({size[name]:.0f} KB of text)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int,
                        help="runs of each set of rules per document (default 200 for a "
                             "sample, 30 for a PDF)")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a folder of report PDFs (repeatable; default the shared "
                             "ILACS reports and focused-visit letters beside the repository)")
    args = parser.parse_args()
    on_samples(args.runs or 200)
    for folder in args.corpus or CORPORA:
        on_corpus(folder, args.runs or 30)


if __name__ == "__main__":
    main()
