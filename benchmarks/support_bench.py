"""Benchmark: does SUP001 ("every improvement item is supported by the findings")
tell supported items from unsupported ones on real documents?

    .venv/bin/python benchmarks/support_bench.py                  # ../shared corpora and samples/
    .venv/bin/python benchmarks/support_bench.py --json support.json --show 10
    .venv/bin/python benchmarks/support_bench.py --corpus DIR --letters DIR --per-doc 8

Three measurements, each from the checker's own SUP001 findings (the checker
is run with its evidence rules, read from the rule packs as they are):

1. False alarms. Every improvement item of a published document passed
   Ofsted's quality assurance, so each SUP001 warning on one is false. Per item.
2. Recall. An item of ANOTHER real document is added as the target's last item
   when its topics are absent from the target's findings; the share of these
   transplants SUP001 flags. "Absent" is decided by a topic lexicon written as
   test data (benchmarks/support/topics.yaml), independent of the checker's
   vocabulary (rules/synonyms.yaml): an item is transplantable into a target
   when the lexicon finds at least one topic in the item and none of the
   item's topics anywhere in the target's finding paragraphs (the paragraphs
   SUP001 compares against: every numbered paragraph of an ILACS report, the
   sections its args `finding_sections` name in a letter).
3. Partly supported. An item built from one topic the target's findings
   discuss and one they never do ("The quality of <present> and of
   <absent>."): the share the checker names as partly supported (a finding on
   the item whose message or data says "partly"; today there is no such
   verdict) and the share SUP001 flags at all.

4. Recall on items nobody tuned on. Every donor of (2) is an item of the
   shared corpora, and the checker's vocabulary was written and corrected
   by reading them, so (2) cannot show how it fares on an item of a kind it
   has never seen. The recommendations of the pre-2018 archive's SIF reports
   (--archive; read as benchmarks/support_archive.py reads them) are
   transplanted the same way, as their own figure: a tuning-half target
   takes the archive's tuning-half items, a reporting-half target its
   reporting-half ones (the archive's files split by the same rule).

Each rate is printed with its 95% Wilson interval: with ~150 published items
per half and kind, a false-alarm rate of 1% and one of 3% are hard to tell
apart, and the interval says how hard.

Halves: the documents of each kind are sorted by file name; those at an even
index (0, 2, 4 ...) are the tuning half, those at an odd index the reporting
half. Tune on the first; the reporting half's figures are the ones that
count. The samples are shown on their own. Transplant donors come from every
document (both halves); a target is never its own donor.

Transplants and partly cases are sampled, up to --per-doc and --partly per
target, with a random generator seeded by --seed and the target's file name,
so a run is repeatable and one target's cases do not depend on the others.
Documents are read once, kept in memory only; nothing is written next to the
corpora.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# the checker and support_archive.py, whatever folder the script runs from
sys.path[:0] = [str(p) for p in (ROOT, ROOT / "benchmarks") if str(p) not in sys.path]

from checker.api import FileResult, check_text  # noqa: E402
from checker.checks.evidence import per_kind  # noqa: E402
from checker.datafiles.frameworks import heading_key  # noqa: E402
from checker.engine.loading import load_rules  # noqa: E402
from checker.reading.readers import read_document  # noqa: E402

TOPICS = Path(__file__).resolve().parent / "support" / "topics.yaml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"
DEFAULT_LETTERS = ROOT.parent / "shared" / "focused-visits" / "pdf"
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "archive" / "pdf"
SAMPLES = ROOT / "samples"
RULE = "SUP001"
# How the partly-supported items are worded: one topic present, one absent.
PARTLY_TEMPLATE = "The quality of {present} and of {absent}."
SPLIT_RULE = ("documents of each kind sorted by file name: even index (0, 2, ...) = tuning "
              "half, odd index = reporting half (the one that counts)")


# -- the topic lexicon --------------------------------------------------------

@dataclass(frozen=True)
class Topic:
    name: str
    item: str             # a noun phrase naming the topic, for partly-supported items
    pattern: re.Pattern   # any of its phrases: an item (or a document) is about it
    wide: re.Pattern      # those and its `also` wordings: a document discusses it


def load_topics(path: str | os.PathLike = TOPICS) -> tuple[Topic, ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    topics = []
    for entry in data["topics"]:
        parts = [rf"\b(?i:{p})" for p in entry.get("patterns", [])]
        parts += [rf"\b{re.escape(a)}s?\b" for a in entry.get("acronyms", [])]
        wide = parts + [rf"\b(?i:{p})" for p in entry.get("also", [])]
        topics.append(Topic(entry["name"], entry["item"], re.compile("|".join(parts)),
                            re.compile("|".join(wide))))
    return tuple(topics)


def _plain(text: str) -> str:
    """Running text as the lexicon reads it: curly apostrophes straight, one space."""
    return " ".join(text.replace("\u2019", "'").split())


def topics_in(text: str, topics: Sequence[Topic], wide: bool = False) -> frozenset[str]:
    """The names of the topics the text is about (an item), or, `wide`, those
    it discusses at all (a document's findings: the `also` wordings count)."""
    text = _plain(text)
    return frozenset(t.name for t in topics if (t.wide if wide else t.pattern).search(text))


def topic_evidence(text: str, topic: Topic, wide: bool = False) -> str | None:
    """The words of the text that show the topic (for reading decisions)."""
    m = (topic.wide if wide else topic.pattern).search(_plain(text))
    return m.group(0) if m else None


# -- one document -------------------------------------------------------------

@dataclass
class Document:
    path: str
    group: str            # ilacs | letters | samples
    half: str             # tune | report | all
    kind: str | None = None
    error: str | None = None
    text: str = ""
    items: tuple[str, ...] = ()
    item_lines: tuple[tuple[int, int], ...] = ()
    flagged: tuple[bool, ...] = ()   # SUP001 on the published item
    findings: str = ""               # the finding paragraphs, joined
    topics: frozenset[str] = frozenset()    # the topics the findings discuss (any wording)
    named: frozenset[str] = frozenset()     # those they name plainly (not by `also` only)

    @property
    def name(self) -> str:
        return Path(self.path).name


def evidence_rules():
    """The checker's evidence rules (SUP*), as the packs define them: SUP001's
    findings do not depend on the other rules, and checking only these keeps
    the benchmark fast."""
    return tuple(r for r in load_rules() if "evidence" in r.tags)


def rule_arg(name: str, kind: str | None, default=None):
    """One of SUP001's args as the packs give it to a report of this kind
    (an arg is given once, or per kind)."""
    return per_kind(next(r for r in load_rules() if r.id == RULE).args.get(name, default),
                    kind, default)


def finding_sections(kind: str | None) -> list[str] | None:
    """The sections SUP001 compares an item against, from its args (None: all
    the numbered paragraphs, as for an ILACS report)."""
    return list(rule_arg("finding_sections", kind) or []) or None


def findings_of(report) -> list[str]:
    """The text of the report's finding paragraphs, as SUP001 chooses them."""
    sections = finding_sections(report.kind)
    if sections is None:
        return [p.text for p in report.paragraphs]
    wanted = {heading_key(h) for h in sections}
    return [p.text for s in report.sections if heading_key(s.heading) in wanted
            for p in s.paragraphs]


def check(text: str, kind: str | None = None, path: str = "<transplant>") -> FileResult:
    return check_text(text, path=path, kind=kind, rules=evidence_rules())


def flagged_lines(result: FileResult) -> set[int]:
    return {d.line for d in result.diagnostics if d.rule == RULE}


def build(path: str, group: str, half: str, topics: Sequence[Topic],
          read=read_document) -> Document:
    """Read and check one published document once."""
    doc = Document(str(path), group, half)
    try:
        doc.text = read(path).text
    except Exception as exc:  # noqa: BLE001 - an unreadable document is counted, not fatal
        doc.error = str(exc)
        return doc
    result = check(doc.text, path=str(path))
    if result.error or result.report is None:
        doc.error = result.error or "no report"
        return doc
    report, flags = result.report, flagged_lines(result)
    doc.kind = report.kind
    doc.items = tuple(b.text for b in report.improvements)
    doc.item_lines = tuple((b.span.line, b.span.end_line) for b in report.improvements)
    doc.flagged = tuple(any(a <= n <= b for n in flags) for a, b in doc.item_lines)
    doc.findings = "\n".join(findings_of(report))
    doc.topics = topics_in(doc.findings, topics, wide=True)
    doc.named = topics_in(doc.findings, topics)
    return doc


_ITEM_PREFIX = re.compile(r"\s*(?:[-\u2022*\u2013]\s+|\d+[.)]\s+|\([a-z0-9]+\)\s+)?")


def transplant(doc: Document, item: str) -> tuple[str, int]:
    """The document's text with `item` as a new last improvement item: a line
    with the last item's prefix ("- "), after that item's last line. Returns
    the text and the new line's number."""
    lines = doc.text.split("\n")
    first, last = doc.item_lines[-1]
    prefix = _ITEM_PREFIX.match(lines[first - 1]).group(0)
    lines.insert(last, prefix + item)
    return "\n".join(lines), last + 1


def named_partly(result: FileResult, line: int) -> bool:
    """Whether some evidence finding on the line names the item partly
    supported (no rule does today)."""
    return any(d.line == line and ("partly" in d.message.lower()
                                   or "partly" in json.dumps(d.data, default=str).lower())
               for d in result.diagnostics)


# -- the cases ----------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    target: str
    case: str            # absent | partly | unseen (an archive item, absent)
    item: str
    donor: str | None    # the document the item comes from (absent cases)
    topics: tuple[str, ...]
    present: str | None = None   # partly cases: the topic the target discusses


@dataclass
class Outcome:
    case: Case
    inserted: bool
    flagged: bool = False
    partly: bool = False
    line: int = 0


def plan(docs: Sequence[Document], topics: Sequence[Topic], per_doc: int, partly: int,
         seed: int, unseen: Sequence[tuple[str, str, str, frozenset[str]]] = ()
         ) -> dict[str, list[Case]]:
    """The transplants and partly cases of each checked document, and the
    transplants of `unseen` items ((path, half, item, topics): archive_items())
    into the targets of their half."""
    donors = real_items(docs, topics)
    by_name = {t.name: t for t in topics}
    cases = {}
    for d in docs:
        if d.error or not d.items:
            continue
        rng = random.Random(f"{seed}:{d.name}")
        fits = [(p, item, found) for p, item, found in donors
                if p != d.path and not found & d.topics]
        chosen = rng.sample(fits, min(per_doc, len(fits)))
        mine = [Case(d.path, "absent", item, p, tuple(sorted(found)))
                for p, item, found in chosen]
        present = sorted(d.named)  # plainly named, so the present half is surely present
        absent = sorted(set(by_name) - d.topics)
        for _ in range(partly if present and absent else 0):
            a, b = by_name[rng.choice(present)], by_name[rng.choice(absent)]
            item = PARTLY_TEMPLATE.format(present=a.item, absent=b.item)
            mine.append(Case(d.path, "partly", item, None, (a.name, b.name), present=a.name))
        cases[d.path] = mine + _unseen_cases(d, unseen, per_doc, seed)
    return cases


def real_items(docs: Sequence[Document], topics: Sequence[Topic]
               ) -> list[tuple[str, str, frozenset[str]]]:
    """(document, item, its topics) of every real item the lexicon places,
    each once, in file-name order (the same plan whatever the order given)."""
    found, seen = [], set()
    for d in sorted(docs, key=lambda d: d.path):
        for item in d.items:
            placed = topics_in(item, topics)
            if placed and item not in seen:
                seen.add(item)
                found.append((d.path, item, placed))
    return found


def _unseen_cases(doc: Document, unseen, per_doc: int, seed: int) -> list[Case]:
    """Up to `per_doc` archive items of the target's half whose topics its
    findings never mention (drawn by a generator of their own, so the other
    cases are the same with or without the archive)."""
    fits = sorted((p, item, found) for p, half, item, found in unseen
                  if half == doc.half and found and not found & doc.topics)
    rng = random.Random(f"{seed}:{doc.name}:archive")
    return [Case(doc.path, "unseen", item, p, tuple(sorted(found)))
            for p, item, found in rng.sample(fits, min(per_doc, len(fits)))]


def archive_items(folder: Path, topics: Sequence[Topic], jobs: int
                  ) -> list[tuple[str, str, str, frozenset[str]]]:
    """(path, half, recommendation, its lexicon topics) of every SIF report
    in the archive; halves by file-name order, as documents() splits."""
    paths = sorted(folder.glob("*.pdf"), key=lambda p: p.name)
    jobs_ = [(str(p), ("tune", "report")[i % 2]) for i, p in enumerate(paths)]
    found = _map(_recommendations, jobs_, jobs)
    return [(path, half, item, topics_in(item, topics))
            for (path, half), items in zip(jobs_, found) for item in items]


def _recommendations(job) -> list[str]:
    from support_archive import sif_parts  # noqa: PLC0415 - a sibling script

    parts = sif_parts(job[0])
    return [p.text for p in parts[0]] if parts else []


def run_case(doc: Document, case: Case) -> Outcome:
    text, line = transplant(doc, case.item)
    result = check(text, kind=doc.kind, path=doc.path)
    report = result.report
    inserted = (report is not None and len(report.improvements) == len(doc.items) + 1
                and _plain(report.improvements[-1].text) == _plain(case.item))
    if not inserted:
        return Outcome(case, False)
    return Outcome(case, True, flagged=line in flagged_lines(result),
                   partly=named_partly(result, line), line=line)


def _run_target(job) -> list[Outcome]:
    doc, cases = job
    return [run_case(doc, c) for c in cases]


def _build(job) -> Document:
    path, group, half, topics_path = job
    return build(path, group, half, load_topics(topics_path))


# -- the figures --------------------------------------------------------------

def documents(corpus: Path | None, letters: Path | None, samples: Path | None
              ) -> list[tuple[str, str, str]]:
    """(path, group, half) of every document to read: the halves by file-name order."""
    jobs = []
    for group, folder, pattern in (("ilacs", corpus, "*.pdf"), ("letters", letters, "*.pdf"),
                                   ("samples", samples, "*.txt")):
        if folder is None:
            continue
        for i, path in enumerate(sorted(folder.glob(pattern), key=lambda p: p.name)):
            half = "all" if group == "samples" else ("tune", "report")[i % 2]
            jobs.append((str(path), group, half))
    return jobs


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def wilson(n: int, d: int, z: float = 1.96) -> tuple[float, float] | None:
    """The 95% Wilson score interval of the rate n/d: how far a figure on a
    sample of this size can be from the rate on every published document (3
    false alarms in 151 items is 0.7-5.7%). Written out because it is four
    lines and no installed library has it (statsmodels would be a dependency
    for one formula). Cases from one document are not independent, so the
    true interval is somewhat wider."""
    if not d:
        return None
    p, z2 = n / d, z * z
    centre = (p + z2 / (2 * d)) / (1 + z2 / d)
    half = z * ((p * (1 - p) + z2 / (4 * d)) / d) ** 0.5 / (1 + z2 / d)
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


def figures(docs: Sequence[Document], outcomes: Iterable[Outcome]) -> dict:
    """Figures per group and half, computed from SUP001's findings."""
    where = {d.path: (d.group, d.half) for d in docs}
    out: dict[str, dict[str, dict]] = {}

    def cell(key):
        group, half = key
        return out.setdefault(group, {}).setdefault(half, {
            "documents": 0, "unreadable": 0, "items": 0, "false_alarms": 0,
            "transplants": 0, "recalled": 0, "not_inserted": 0,
            "partly_cases": 0, "partly_named": 0, "partly_flagged": 0,
            "unseen_transplants": 0, "unseen_recalled": 0})

    for d in docs:
        c = cell(where[d.path])
        c["documents"] += 1
        c["unreadable"] += bool(d.error)
        c["items"] += len(d.items)
        c["false_alarms"] += sum(d.flagged)
    for o in outcomes:
        c = cell(where[o.case.target])
        if not o.inserted:
            c["not_inserted"] += 1
        elif o.case.case == "absent":
            c["transplants"] += 1
            c["recalled"] += o.flagged
        elif o.case.case == "unseen":
            c["unseen_transplants"] += 1
            c["unseen_recalled"] += o.flagged
        else:
            c["partly_cases"] += 1
            c["partly_named"] += o.partly
            c["partly_flagged"] += o.flagged
    for halves in out.values():
        for c in halves.values():
            c["false_alarm_rate"] = _rate(c["false_alarms"], c["items"])
            c["recall"] = _rate(c["recalled"], c["transplants"])
            c["partly_named_share"] = _rate(c["partly_named"], c["partly_cases"])
            c["partly_flagged_share"] = _rate(c["partly_flagged"], c["partly_cases"])
            c["false_alarm_interval"] = wilson(c["false_alarms"], c["items"])
            c["recall_interval"] = wilson(c["recalled"], c["transplants"])
            c["partly_named_interval"] = wilson(c["partly_named"], c["partly_cases"])
            c["unseen_recall"] = _rate(c["unseen_recalled"], c["unseen_transplants"])
            c["unseen_recall_interval"] = wilson(c["unseen_recalled"], c["unseen_transplants"])
    return out


_GROUPS = {"ilacs": "ILACS reports", "letters": "focused-visit letters", "samples": "samples"}
_HALVES = {"report": "reporting half (counts)", "tune": "tuning half", "all": "all"}


def _pct(n: float | None) -> str:
    return "-" if n is None else f"{100 * n:.1f}%"


def _span(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f" ({100 * interval[0]:.1f}-{100 * interval[1]:.1f})"


def table(figs: dict) -> str:
    """The figures as a Markdown table, each rate with its 95% interval."""
    head = ("| kind | half | docs | items | false alarms | rate | transplants | recall "
            "| partly cases | named partly | partly flagged by SUP001 "
            "| archive items | their recall |")
    rows = [head, "|" + "---|" * 13]
    for group in ("ilacs", "letters", "samples"):
        for half in ("report", "tune", "all"):
            c = figs.get(group, {}).get(half)
            if c is None:
                continue
            docs = f"{c['documents']}" + (f" ({c['unreadable']} unreadable)" if c["unreadable"]
                                          else "")
            rows.append(
                f"| {_GROUPS[group]} | {_HALVES[half]} | {docs} | {c['items']} "
                f"| {c['false_alarms']} | {_pct(c['false_alarm_rate'])}"
                f"{_span(c['false_alarm_interval'])} "
                f"| {c['transplants']} | {c['recalled']} = {_pct(c['recall'])}"
                f"{_span(c['recall_interval'])} "
                f"| {c['partly_cases']} | {c['partly_named']} = {_pct(c['partly_named_share'])}"
                f"{_span(c['partly_named_interval'])} "
                f"| {c['partly_flagged']} = {_pct(c['partly_flagged_share'])} "
                f"| {c['unseen_transplants']} | {c['unseen_recalled']} = "
                f"{_pct(c['unseen_recall'])}{_span(c['unseen_recall_interval'])} |")
    return "\n".join(rows)


def show(docs: Sequence[Document], outcomes: Sequence[Outcome], topics: Sequence[Topic],
         n: int, seed: int) -> str:
    """A sample of the benchmark's decisions, to read: for each absent-topic
    transplant its item, the topics the lexicon found in it (and the words),
    the target; for each partly case the words that show its present topic in
    the target's findings; the published items SUP001 flags."""
    by_path = {d.path: d for d in docs}
    by_name = {t.name: t for t in topics}
    rng = random.Random(seed)
    lines = []
    absent = [o for o in outcomes if o.inserted and o.case.case != "partly"]
    for o in rng.sample(absent, min(n, len(absent))):
        words = {t: topic_evidence(o.case.item, by_name[t]) for t in o.case.topics}
        lines.append(f"{o.case.case.upper()} {'flagged' if o.flagged else 'MISSED '} "
                     f"{Path(o.case.target).name} <- {o.case.item!r} "
                     f"(from {Path(o.case.donor).name}; topics {words})")
    partly = [o for o in outcomes if o.inserted and o.case.case == "partly"]
    for o in rng.sample(partly, min(n, len(partly))):
        doc = by_path[o.case.target]
        shown = topic_evidence(doc.findings, by_name[o.case.present])
        lines.append(f"PARTLY {'flagged' if o.flagged else 'passed '} {doc.name} <- "
                     f"{o.case.item!r} (present as {shown!r})")
    published = [(d, item) for d in docs for item, f in zip(d.items, d.flagged) if f]
    for d, item in rng.sample(published, min(n, len(published))):
        lines.append(f"FALSE ALARM {d.name}: {item!r}")
    return "\n".join(lines)


# -- the command --------------------------------------------------------------

def _map(function, jobs: list, workers: int) -> list:
    if workers <= 1 or len(jobs) < 2:
        return [function(j) for j in jobs]
    with get_context("fork").Pool(workers) as pool:
        return pool.map(function, jobs, chunksize=1)


def _folder(path: str | None, default: Path, what: str) -> Path | None:
    folder = Path(path) if path else default
    if folder.is_dir():
        return folder
    print(f"skipping {what}: {folder} not found", file=sys.stderr)
    return None


def run(corpus: Path | None, letters: Path | None, samples: Path | None, *,
        per_doc: int = 8, partly: int = 3, seed: int = 11, jobs: int = 2,
        topics_path: Path = TOPICS, half: str = "both", archive: Path | None = None
        ) -> tuple[list[Document], list[Outcome]]:
    """The documents and the outcomes of their cases; with `half` "tune" or
    "report", only that half's documents (and the samples) are targets and
    returned, while donors still come from every document. With `archive`,
    its recommendations are transplanted too (case "unseen")."""
    todo = documents(corpus, letters, samples)
    docs = _map(_build, [(p, g, h, str(topics_path)) for p, g, h in todo], jobs)
    topics = load_topics(topics_path)
    unseen = archive_items(archive, topics, jobs) if archive else ()
    cases = plan(docs, topics, per_doc, partly, seed, unseen)
    if half != "both":
        docs = [d for d in docs if d.half in (half, "all")]
        cases = {d.path: cases[d.path] for d in docs if d.path in cases}
    by_path = {d.path: d for d in docs}
    results = _map(_run_target, [(by_path[p], cs) for p, cs in cases.items()], jobs)
    return docs, [o for batch in results for o in batch]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help=f"ILACS report PDFs (default {DEFAULT_CORPUS})")
    ap.add_argument("--letters", help=f"focused-visit letter PDFs (default {DEFAULT_LETTERS})")
    ap.add_argument("--samples", default=str(SAMPLES), help="sample .txt reports ('' for none)")
    ap.add_argument("--archive", help=f"archive PDFs whose SIF recommendations are transplanted "
                    f"as items nobody tuned on (default {DEFAULT_ARCHIVE}; '' for none)")
    ap.add_argument("--per-doc", type=int, default=8, help="absent-topic transplants per target")
    ap.add_argument("--partly", type=int, default=3, help="partly-supported cases per target")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--half", choices=("both", "tune", "report"), default="both",
                    help="the half whose figures to print (tune on 'tune' only)")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--topics", default=str(TOPICS), help="the topic lexicon (YAML)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="print N sampled decisions of each sort, to read")
    args = ap.parse_args(argv)

    start = time.perf_counter()
    corpus = _folder(args.corpus, DEFAULT_CORPUS, "ILACS reports")
    letters = _folder(args.letters, DEFAULT_LETTERS, "focused-visit letters")
    samples = Path(args.samples) if args.samples else None
    archive = None if args.archive == "" else _folder(args.archive, DEFAULT_ARCHIVE, "archive")
    docs, outcomes = run(corpus, letters, samples, per_doc=args.per_doc, partly=args.partly,
                         seed=args.seed, jobs=args.jobs, topics_path=Path(args.topics),
                         half=args.half, archive=archive)
    figs = figures(docs, outcomes)
    seconds = time.perf_counter() - start
    print(f"SUP001 on real documents ({SPLIT_RULE}); seed {args.seed}, up to {args.per_doc} "
          f"transplants and {args.partly} partly cases per document; {seconds:.1f} s\n")
    print(table(figs))
    if args.show:
        print("\n" + show(docs, outcomes, load_topics(args.topics), args.show, args.seed))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "rule": RULE, "split": SPLIT_RULE, "seed": args.seed, "per_doc": args.per_doc,
            "partly": args.partly, "seconds": round(seconds, 1), "figures": figs,
            "cases": [asdict(o) for o in outcomes]}, indent=1, default=sorted) + "\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
