"""Rebuild checker/testing/sentences.json, the sentence pools of checker.testing.

    python tools/rebuild_sentence_pools.py           # rewrite the pools
    python tools/rebuild_sentence_pools.py --check   # exit 1 if a rebuild would change them

Run it from the repository root when a rule change makes a rule fire on a
pooled sentence (tests/test_properties.py::test_sentence_pools_are_silent_under_every_rule
says which). It takes about a minute: it reads every real report in
samples/ and tests/fixtures/corpus-text/, keeps the sentences that cannot
trip a house-style rule by their shape, drops near-duplicates, then runs
every rule over all the kept sentences at once and drops what any rule
flags, until nothing is flagged (checker/testing/sentences.py says why).

A script, not part of the package: it needs the repository's reports, and
the package only reads the data file it writes.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.api import check_text, load  # noqa: E402 (the repository's checker, not an installed one)
from checker.datafiles.frameworks import framework_by_id  # noqa: E402
from checker.parsing.parser import framework_of  # noqa: E402
from checker.parsing.recovery import layout_words  # noqa: E402
from checker.testing.render import Paragraph, ReportModel, Row, Section, render_text  # noqa: E402
from checker.testing.sentences import POOLS_FILE, load_pools, write_pools  # noqa: E402

PER_TOPIC = 140
_WORDS = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
_SHAPE = re.compile(r"[A-Z][a-z]*(?:['-][a-z]+)*(?:(?:, |; | )[a-z]+(?:['-][a-z]+)*)*\.")
_ITEM_SHAPE = re.compile(r"[A-Z][a-z' ,;-]+\.")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBERED = re.compile(r"^\d+\. (.*)$")
_NEAR_DUPLICATE = 0.6  # word-sequence similarity at which a sentence repeats another


def candidates(root: Path) -> dict[str, list[str]]:
    """Sentences of the real reports by topic, in file order, before filtering."""
    files = sorted((root / "samples").glob("*.txt"))
    files += sorted((root / "tests" / "fixtures" / "corpus-text").glob("*.txt"))
    found: dict[str, list[str]] = {}

    def add(topic: str, text: str):
        for sentence in _SENTENCE.split(" ".join(text.replace("\u2019", "'").split())):
            found.setdefault(topic, []).append(sentence.strip())

    for path in files:
        report = load(path).report
        if report is None:
            continue
        for block in report.summary:
            add("summary", block.text)
        for section in report.sections:
            topic = _topic(report, section)
            if topic is not None:
                for p in section.paragraphs:
                    add(topic, p.text)
        for item in report.improvements:
            found.setdefault("items", []).append(" ".join(item.text.split()))
    return found


def _topic(report, section) -> str | None:
    """A section's pool: its judgement in an inspection report (None if it
    names none), "letter" in a letter."""
    if report.kind != "ilacs":
        return "letter"
    framework = framework_of(report)
    judgement = framework.judgement(section.judgement) if framework and section.judgement else None
    return judgement.id if judgement is not None else None


def _plausible(sentence: str, lower_words: set[str]) -> bool:
    if not _SHAPE.fullmatch(sentence):
        return False
    # a letter's closing words end every generated letter already: a pool
    # copy of them would repeat a sentence in it (LFT003)
    if any(words in sentence for words in layout_words()["letter_closing"]):
        return False
    words = _WORDS.findall(sentence)
    if not 8 <= len(words) <= 45:
        return False
    # a capitalised first word that is never written in lower case is a name
    return words[0].lower() in lower_words


def shaped(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """The sentences of a safe shape, without near-duplicates (across all
    topics: two generated items must never repeat each other by accident)."""
    lower_words = {w for sentences in found.values() for s in sentences
                   for w in _WORDS.findall(s) if w.islower()}
    pools: dict[str, list[str]] = {}
    seen: list[list[str]] = []
    for topic, sentences in found.items():
        kept = []
        for s in sentences:
            if topic == "items":
                ok = bool(_ITEM_SHAPE.fullmatch(s)) and len(s.split()) >= 4
            else:
                ok = _plausible(s, lower_words)
            if not ok or _repeats(s.lower().split(), seen):
                continue
            seen.append(s.lower().split())
            kept.append(s)
        pools[topic] = kept
    return pools


def _repeats(words: list[str], seen: list[list[str]]) -> bool:
    return any(difflib.SequenceMatcher(None, words, other, autojunk=False).ratio()
               >= _NEAR_DUPLICATE
               for other in seen if abs(len(other) - len(words)) < len(words))


def silent(pools: dict[str, list[str]], per_topic: int = PER_TOPIC) -> dict[str, tuple[str, ...]]:
    """The first `per_topic` sentences of each pool that no rule flags: run
    every rule over the pools at once, in a report that is otherwise clean;
    drop what any rule flags and refill, until nothing is flagged."""
    flagged: set[str] = set()
    for _ in range(50):  # a consistency rule reports the minority spelling only
        final = {topic: [s for s in kept if s not in flagged][:per_topic]
                 for topic, kept in pools.items()}
        new = _flagged(final)
        if not new:
            return {topic: tuple(pool) for topic, pool in final.items()}
        flagged |= new
    raise RuntimeError("the rules keep flagging sentences; see checker/testing/sentences.py")


def _flagged(pools: dict[str, list[str]]) -> set[str]:
    """The sentences some rule reports (an error or warning other than the
    support rule's, which a pool of unrelated sentences cannot satisfy)."""
    rendered = render_text(_probe(pools))
    result = check_text(rendered.text)
    assert result.error is None, result.error
    lines = rendered.lines
    found = {_sentence_at(lines[d.line - 1]) for d in result.diagnostics
             if d.severity != "info" and d.rule != "SUP001"}
    found.discard(None)
    return found


def _probe(pools: dict[str, list[str]]) -> ReportModel:
    """An ILACS report whose numbered paragraphs are the pooled sentences,
    one a paragraph: each judgement's pool in its section, the others in
    the first."""
    framework = framework_by_id("ilacs-2023")
    names = {j.id: j.name for j in framework.judgements}
    sections, number = [], 1
    for i, jid in enumerate(framework.section_order):
        topics = [jid] + (["summary", "letter", "items"] if i == 0 else [])
        paras = []
        for topic in topics:
            for s in pools.get(topic, ()):
                paras.append(Paragraph(s, number))
                number += 1
        sections.append(Section(names[jid], tuple(paras), "good", "good", jid))
    return ReportModel(
        kind="ilacs", framework="ilacs-2023", authority="Exampleton",
        title=("Inspection of Exampleton local authority children's services",),
        start=date(2024, 1, 8), end=date(2024, 1, 19), dates_text="8 to 19 January 2024",
        lead_inspector="A Inspector, His Majesty's Inspector",
        judgements=tuple(Row(j.name, "Good", j.id, "good") for j in framework.judgements),
        summary=(), improvements=(), sections=tuple(sections))


def _sentence_at(line: str) -> str | None:
    m = _NUMBERED.match(line)
    return m.group(1) if m else None


def rebuild(root: Path = ROOT, per_topic: int = PER_TOPIC) -> dict[str, tuple[str, ...]]:
    """The pools, from the real reports under `root` (the repository)."""
    return silent(shaped(candidates(root)), per_topic)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the rebuilt pools differ from the file")
    args = parser.parse_args(argv)
    built = rebuild()
    for name, pool in sorted(built.items()):
        print(f"{name}: {len(pool)} sentences")
    if args.check:
        same = built == load_pools(POOLS_FILE)
        print("pools up to date" if same else f"pools differ from {POOLS_FILE}")
        return 0 if same else 1
    write_pools(built)
    print(f"written: {POOLS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
