"""The per-report Analysis (checker/engine/analysis.py): one per report, handed
to every check, with the shared work done once; scoped views of it; checks
called on a bare Report; the evidence data the support rules carry."""

from __future__ import annotations

from conftest import SAMPLES

from checker.api import check_file, check_text
from checker.checks import find_check
from checker.engine.analysis import Analysis
from checker.engine.rule import Scoped
from checker.engine.rules import load_rules
from checker.parsing.model import Report

ROCHDALE = SAMPLES / "rochdale-ilacs-2023.txt"


def _report() -> Report:
    return check_file(ROCHDALE).report


def test_of_wraps_a_report_once_and_reads_through():
    report = _report()
    analysis = Analysis.of(report)
    assert isinstance(analysis, Analysis) and analysis.report is report
    assert Analysis.of(analysis) is analysis
    assert Analysis.of(report) is not analysis  # no global cache: a fresh one
    assert analysis.title == report.title and analysis.kind == report.kind


def test_blocks_are_built_once_per_kinds():
    report = _report()
    analysis = Analysis(report)
    assert list(analysis.blocks()) == report.blocks()
    assert analysis.blocks() is analysis.blocks()
    assert analysis.blocks(["paragraph", "summary"]) is analysis.blocks(("summary", "paragraph"))
    headings = analysis.blocks(("heading",))
    assert [b.text for _, b in headings] == [b.text for _, b in report.blocks(("heading",))]
    assert analysis.paragraphs is analysis.paragraphs


def test_block_texts_agree_with_the_blocks():
    analysis = Analysis(_report())
    texts = analysis.block_texts()
    assert texts is analysis.block_texts()
    assert texts.texts == [b.text for _, b in analysis.blocks()]
    assert texts.joined == "\n".join(texts.texts).lower()
    assert all(texts.joined[s:s + len(t)] == t.lower() for s, t in zip(texts.starts, texts.texts))
    assert texts.words == frozenset().union(*map(analysis.index.words, texts.texts))
    holding = texts.holding({"care leavers"})
    assert holding == {i for i, t in enumerate(texts.texts) if "care leavers" in t.lower()}


def test_scoped_view_honours_kinds_and_section():
    report = _report()
    analysis = Analysis(report)
    scoped = Scoped(analysis, {"nodes": ["summary", "paragraph"]})
    assert {k for k, _ in scoped.blocks()} == {"summary", "paragraph"}
    assert {k for k, _ in scoped.blocks(["paragraph", "strength"])} == {"paragraph"}
    assert scoped.index is analysis.index  # text work is the report's, shared
    heading = report.sections[1].heading
    section = Scoped(analysis, {"nodes": ["paragraph", "sentence"], "section": heading})
    paragraphs = [b for k, b in section.blocks() if k == "paragraph"]
    assert paragraphs and all(any(p is q for q in report.sections[1].paragraphs)
                              for p in paragraphs)
    assert {k for k, _ in section.blocks(["sentence"])} == {"sentence"}


def test_a_check_on_a_bare_report_finds_what_the_runner_finds():
    result = check_file(ROCHDALE)
    rule = next(r for r in load_rules() if r.id == "SUP001")
    function = find_check(rule.check)
    args = {**rule.args, "report_supported": True}
    bare = list(function(result.report, None, args))
    through = list(function(Analysis(result.report), None, args))
    assert bare and [(f.line, f.column, f.values) for f in bare] == \
        [(f.line, f.column, f.values) for f in through]


def test_support_findings_carry_the_evidence_as_data():
    found = [d for name in ("rochdale-ilacs-2023.txt", "oldham-ilacs-2019.txt")
             for d in check_file(SAMPLES / name).diagnostics
             if d.rule in ("SUP001", "SUP002", "SUP003")]
    assert found
    for d in found:
        evidence, threshold = d.data["evidence"], d.data["threshold"]
        assert isinstance(threshold, float)
        assert [e["line"] for e in evidence] == [r.line for r in d.related]
        scores = [e["score"] for e in evidence]
        assert scores == sorted(scores, reverse=True)
        for e, related in zip(evidence, d.related):
            assert set(e) == {"line", "column", "label", "score", "words"}
            assert isinstance(e["line"], int) and isinstance(e["column"], int)
            assert isinstance(e["score"], float) and isinstance(e["words"], list)
            assert related.message.startswith(f"{e['label']} ")  # "paragraph 3 discusses ..."


def test_checking_the_same_text_twice_gives_the_same_findings():
    text = ROCHDALE.read_text(encoding="utf-8")
    first, second = check_text(text), check_text(text)
    assert first.diagnostics and first.diagnostics == second.diagnostics
    assert [d.data for d in first.diagnostics] == [d.data for d in second.diagnostics]
