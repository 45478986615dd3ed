"""The pre-2018 archive's recommendations, judged against their own findings:
published items that no tuning ever read.

    .venv/bin/python benchmarks/support_archive.py                # ../shared/archive/pdf
    .venv/bin/python benchmarks/support_archive.py --show 10 --archive DIR

Why: the support benchmark (support_bench.py) has about 150 published items
per kind and half, and its tuning half has been read many times; a change
to the topic vocabulary can shield or expose a false alarm nobody sees. The
single inspection framework's reports (2013-2018) open with the local
authority's recommendations (the unheaded run of numbered paragraphs before
the first judgement section) and discuss them in the judgement sections.
Every recommendation passed Ofsted's QA, so one the topic verdict calls
partly or not supported is a likely false alarm, as in support_bench.py.

What it is not: SUP001 does not run on SIF reports (they carry no "What
needs to improve" section the parser reads), so this asks the topic index
the checker's evidence rules ask (checker/engine/topic_index.py), with the
judgement sections as findings and the safeguarding board's part left out.
A recommendation that names no topic the vocabulary knows is counted as
"unknown": SUP001 would judge it by its words. The reports are read once,
kept in memory only; nothing is written.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from checker.api import check_text  # noqa: E402
from checker.engine.topic_index import TopicIndex  # noqa: E402
from checker.engine.vocabulary import topic_vocabulary  # noqa: E402
from checker.reading.readers import read_document  # noqa: E402

DEFAULT_ARCHIVE = ROOT.parent / "shared" / "archive" / "pdf"
MAX_RECOMMENDATIONS = 20  # a longer unheaded run is an early-2014 summary, not the list


def recommendations_and_findings(report) -> tuple[list, list[str]]:
    """The local authority's recommendations (the first unheaded section of
    numbered paragraphs) and the judgement sections' paragraphs, the
    safeguarding board's left out."""
    unheaded = [s for s in report.sections if not s.heading.strip()
                and 0 < len(s.paragraphs) <= MAX_RECOMMENDATIONS]
    findings = [p.text for s in report.sections if s.heading.strip()
                and "safeguarding children board" not in s.heading.lower()
                for p in s.paragraphs]
    return (list(unheaded[0].paragraphs) if unheaded else []), findings


def sif_parts(path: str | Path) -> tuple[list, list[str]] | None:
    """recommendations_and_findings() of one archive document, read once and
    kept in memory; None when it is no readable SIF report."""
    try:
        report = check_text(read_document(path).text, path=str(path), rules=()).report
    except Exception:  # noqa: BLE001 - an unreadable document is counted, not fatal
        return None
    if report is None or report.kind != "sif":
        return None
    return recommendations_and_findings(report)


def judge(path: Path, vocabulary) -> list[tuple[str, str, str]] | None:
    """(document, recommendation, verdict) for one archive report; None when
    it is no readable SIF report with recommendations and findings."""
    parts = sif_parts(path)
    if parts is None:
        return None
    items, findings = parts
    if not items or not findings:
        return None
    index = TopicIndex(findings, vocabulary, vocabulary.defined_abbreviations("\n".join(findings)))
    return [(path.name, p.text, index.judge(p.text).verdict) for p in items]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", default=str(DEFAULT_ARCHIVE), help="folder of archive PDFs")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="print up to N recommendations judged partly or not supported")
    args = ap.parse_args(argv)
    folder = Path(args.archive)
    if not folder.is_dir():
        print(f"skipping: {folder} not found", file=sys.stderr)
        return 0
    vocabulary = topic_vocabulary()
    judged = [judge(p, vocabulary) for p in sorted(folder.glob("*.pdf"))]
    rows = [row for found in judged if found for row in found]
    verdicts = Counter(v for _, _, v in rows)
    flagged = verdicts["partly"] + verdicts["unsupported"]
    counts = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
    print(f"{sum(1 for f in judged if f)} of {len(judged)} archive reports with recommendations; "
          f"{len(rows)} recommendations: {counts}")
    if rows:
        print(f"partly or not supported: {flagged} ({flagged / len(rows):.1%})")
    for doc, item, verdict in [r for r in rows if r[2] in ("partly", "unsupported")][:args.show]:
        print(f"{verdict.upper()} {doc}: {item[:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
