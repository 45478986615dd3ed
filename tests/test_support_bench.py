"""The support benchmark's machinery (benchmarks/support_bench.py), on the
samples only: no ../shared corpus is needed, and its presence changes nothing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from checker.api import check_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _load_bench():
    spec = importlib.util.spec_from_file_location(
        "support_bench", ROOT / "benchmarks" / "support_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("support_bench", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


sb = _load_bench()
TOPICS = sb.load_topics()
BY_NAME = {t.name: t for t in TOPICS}


@pytest.fixture(scope="module")
def rochdale():
    return sb.build(SAMPLES / "rochdale-ilacs-2023.txt", "samples", "all", TOPICS)


@pytest.fixture(scope="module")
def samples():
    return [sb.build(p, g, h, TOPICS) for p, g, h in sb.documents(None, None, SAMPLES)]


def test_each_topic_item_phrase_names_its_topic_only():
    # the partly-supported items are built from these phrases
    assert 40 <= len(TOPICS) <= 100
    for t in TOPICS:
        assert sb.topics_in(t.item, TOPICS) == {t.name}, t.item


def test_the_lexicon_finds_its_topics_in_real_text(rochdale):
    # Rochdale 2023, paragraph 13: "The response to children who are privately
    # fostered is not sufficiently robust"; its findings also discuss return
    # home interviews, personal education plans and care leavers' pathway plans
    for topic in ("private fostering", "return home interviews", "personal education plans",
                  "pathway plans", "homelessness at 16 and 17"):
        assert topic in rochdale.named, topic
    # a real item: "The response to vulnerable children, including those who
    # are in custody, privately fostered, and children aged 16 and 17 years
    # who present as homeless."
    vulnerable = next(i for i in rochdale.items if i.startswith("The response to vulnerable"))
    assert sb.topics_in(vulnerable, TOPICS) >= {
        "private fostering", "homelessness at 16 and 17", "youth justice and custody"}
    assert sb.topic_evidence("Too few children have up-to-date life story books.",
                             BY_NAME["life-story work"]) == "life story"


def test_absent_topic_decision_on_a_hand_checked_case(rochdale):
    # read by hand: no word of radicalisation or extremism anywhere in the
    # Rochdale 2023 report, while private fostering is paragraph 13's subject
    text = (SAMPLES / "rochdale-ilacs-2023.txt").read_text(encoding="utf-8").lower()
    assert "radicalis" not in text and "extremis" not in text
    assert "radicalisation and extremism" not in rochdale.topics
    assert "private fostering" in rochdale.topics
    donors = [sb.build(SAMPLES / "oldham-ilacs-2019.txt", "samples", "all", TOPICS), rochdale]
    extra = sb.Document(str(SAMPLES / "made-up.txt"), "samples", "all", text="x",
                        items=("The response to children vulnerable to radicalisation.",
                               "Private fostering arrangements."))
    cases = sb.plan([*donors, extra], TOPICS, per_doc=50, partly=0, seed=1)
    items = {c.item for c in cases[rochdale.path]}
    assert "The response to children vulnerable to radicalisation." in items
    assert "Private fostering arrangements." not in items  # Rochdale discusses it
    assert all(c.donor != rochdale.path for c in cases[rochdale.path])


def test_a_transplant_is_the_last_improvement_item(rochdale):
    item = "The response to children vulnerable to radicalisation."
    text, line = sb.transplant(rochdale, item)
    assert text.split("\n")[line - 1] == "- " + item
    report = check_text(text).report
    assert len(report.improvements) == len(rochdale.items) + 1
    assert report.improvements[-1].text == item
    assert report.improvements[-1].span.line == line
    assert [b.text for b in report.improvements[:-1]] == list(rochdale.items)


def test_figures_come_from_the_checkers_sup001_findings(samples, rochdale):
    # published items: a false alarm is exactly an SUP001 warning on an item,
    # as the full checker (every rule) reports it
    for doc in samples:
        result = check_text(doc.text)
        on_items = sum(any(d.rule == "SUP001" and a <= d.line <= b for d in result.diagnostics)
                       for a, b in doc.item_lines)
        assert sum(doc.flagged) == on_items
    # a transplant: flagged exactly when SUP001 fires on the new item's line
    outcomes = []
    for item in ("The response to children vulnerable to radicalisation.",
                 "The response to children who are privately fostered."):
        case = sb.Case(rochdale.path, "absent", item, None, ())
        outcome = sb.run_case(rochdale, case)
        text, line = sb.transplant(rochdale, item)
        fired = any(d.rule == "SUP001" and d.line == line for d in check_text(text).diagnostics)
        assert outcome.inserted and outcome.flagged == fired
        assert not outcome.partly  # no rule names an item partly supported today
        outcomes.append(outcome)
    figs = sb.figures(samples, outcomes)["samples"]["all"]
    assert figs["items"] == sum(len(d.items) for d in samples)
    assert figs["false_alarms"] == sum(sum(d.flagged) for d in samples)
    assert figs["transplants"] == 2
    assert figs["recalled"] == sum(o.flagged for o in outcomes)
    assert "samples" in sb.table(sb.figures(samples, outcomes))


def test_the_halves_alternate_in_file_name_order(tmp_path):
    for name in ("c.pdf", "a.pdf", "b.pdf", "d.pdf"):
        (tmp_path / name).write_bytes(b"")
    halves = [(Path(p).name, h) for p, _, h in sb.documents(tmp_path, None, None)]
    assert halves == [("a.pdf", "tune"), ("b.pdf", "report"), ("c.pdf", "tune"),
                      ("d.pdf", "report")]


def test_plan_is_repeatable(samples):
    one = sb.plan(samples, TOPICS, per_doc=4, partly=2, seed=3)
    two = sb.plan(list(reversed(samples)), TOPICS, per_doc=4, partly=2, seed=3)
    assert one == two
    for cases in one.values():
        for c in (c for c in cases if c.case == "partly"):
            assert sb.topics_in(c.item, TOPICS) == set(c.topics)


def test_each_rate_has_its_wilson_interval():
    """Known values of the 95% Wilson score interval, and the table shows it."""
    assert sb.wilson(3, 151) == pytest.approx((0.0068, 0.0569), abs=1e-4)
    assert sb.wilson(0, 157) == pytest.approx((0.0, 0.0239), abs=1e-4)
    assert sb.wilson(10, 10)[1] == 1.0 and sb.wilson(0, 0) is None
    low, high = sb.wilson(217, 253)
    assert low < 217 / 253 < high
    doc = sb.Document("a.pdf", "ilacs", "report", items=("x",) * 151,
                      flagged=(True,) * 3 + (False,) * 148)
    assert "| 3 | 2.0% (0.7-5.7) |" in sb.table(sb.figures([doc], []))


def test_archive_items_go_to_targets_of_their_half_and_change_no_other_case(samples):
    """Items nobody tuned on (the archive's recommendations) are their own
    figure: a target takes those of its own half whose topics it never
    mentions, and the other cases are drawn as without them."""
    tuning = [sb.Document(d.path, d.group, "tune", text=d.text, items=d.items,
                          item_lines=d.item_lines, flagged=d.flagged, findings=d.findings,
                          topics=d.topics, named=d.named) for d in samples]
    radical = "Ensure that children at risk of radicalisation are identified."
    unseen = [("a.pdf", "tune", radical, sb.topics_in(radical, TOPICS)),
              ("b.pdf", "report", "Ensure that life-story work is timely.",
               sb.topics_in("Ensure that life-story work is timely.", TOPICS)),
              ("a.pdf", "tune", "Ensure that all children are safe.", frozenset())]
    without = sb.plan(tuning, TOPICS, per_doc=4, partly=2, seed=3)
    with_ = sb.plan(tuning, TOPICS, per_doc=4, partly=2, seed=3, unseen=unseen)
    for doc in tuning:
        extra = [c for c in with_[doc.path] if c.case == "unseen"]
        assert [c for c in with_[doc.path] if c.case != "unseen"] == without[doc.path]
        expected = [] if "radicalisation and extremism" in doc.topics else [radical]
        assert [c.item for c in extra] == expected  # not the other half's, nor a topicless one
    outcomes = [sb.Outcome(c, True, flagged=True) for cases in with_.values()
                for c in cases if c.case == "unseen"]
    figs = sb.figures(tuning, outcomes)["samples"]["tune"]
    assert figs["unseen_transplants"] == figs["unseen_recalled"] == len(outcomes) > 0
    assert figs["transplants"] == 0 and figs["unseen_recall"] == 1.0


ARCHIVE = ROOT.parent / "shared" / "archive" / "pdf"


@pytest.mark.skipif(not ARCHIVE.is_dir(),
                    reason="../shared (the real documents) is not next to this checkout")
def test_the_archive_items_are_the_sif_recommendations_in_two_halves():
    items = sb.archive_items(ARCHIVE, TOPICS, jobs=2)
    assert len(items) == 294  # as benchmarks/support_archive.py counts them
    bury = [i for p, _, i, _ in items if Path(p).name == "bury-published-2016-05-16-80443.pdf"]
    assert len(bury) == 11 and bury[0].startswith("Improve social work practice")
    halves = {Path(p).name: h for p, h, _, _ in items}
    assert set(halves.values()) == {"tune", "report"}
    named = sorted(p.name for p in ARCHIVE.glob("*.pdf"))
    assert all(h == ("tune", "report")[named.index(n) % 2] for n, h in halves.items())
