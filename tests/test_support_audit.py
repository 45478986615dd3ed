"""The audit of the support benchmark's labels (benchmarks/support_audit.py and
benchmarks/support/audit-report-half.yaml): the stratified estimate, and a
file whose every judgement of "discussed" quotes its sentence."""

from __future__ import annotations

import importlib.util
from operator import itemgetter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit_script = _load("support_audit")


def _case(flagged: bool, discussed: bool, borderline: bool = False) -> dict:
    topic = {"discussed": True, "quote": "[1] ..."} if discussed else {"discussed": False}
    return {"kind": "ilacs", "flagged": flagged, "topics": {"t": topic},
            "borderline": borderline}


def test_recall_is_scaled_from_each_stratum():
    """Flagged: 100 transplants, half of the 4 read truly absent -> 50; missed:
    10, 1 of the 2 read truly absent -> 5; recall 50 / 55."""
    audit = {"population": {"ilacs": {"flagged": 100, "missed": 10}},
             "cases": [_case(True, False), _case(True, False), _case(True, True),
                       _case(True, True, borderline=True), _case(False, False),
                       _case(False, True)]}
    found = audit_script.corrected_recall(audit, "ilacs", borderline_absent=False)
    assert found["flagged"]["estimate"] == 50 and found["missed"]["estimate"] == 5
    assert round(found["recall"], 4) == round(50 / 55, 4)
    strict = audit_script.corrected_recall(audit, "ilacs", borderline_absent=True)
    assert strict["flagged"]["estimate"] == 75


def test_a_partly_case_counts_when_one_topic_is_discussed_and_the_other_not():
    def case(stratum, present, absent):
        return {"kind": "ilacs", "stratum": stratum, "present": "p", "absent": "a",
                "topics": {"p": present, "a": absent}}
    yes, no = {"discussed": True, "quote": "[1] ..."}, {"discussed": False}
    weak = {"discussed": True, "quote": "[1] ...", "borderline": True}
    audit = {"partly": {"population": {"ilacs": {"named": 10, "failed": 10}},
                        "cases": [case("named", yes, no), case("named", yes, yes),
                                  case("failed", yes, no), case("failed", yes, weak)]}}
    as_made = audit_script.corrected_partly(audit, "ilacs", borderline_absent=False)
    assert as_made["share"] == 0.5 / (0.5 + 0.5)
    strict = audit_script.corrected_partly(audit, "ilacs", borderline_absent=True)
    assert strict["failed"]["count"] == 2 and round(strict["share"], 4) == round(5 / 15, 4)


def test_the_shipped_audits_are_complete_and_quote_their_evidence():
    import yaml
    report = yaml.safe_load(audit_script.AUDIT.read_text(encoding="utf-8"))
    for kind, sizes in report["population"].items():
        missed = [c for c in report["cases"] if c["kind"] == kind and not c["flagged"]]
        assert len(missed) == sizes["missed"]  # every miss was read
        failed = [c for c in report["partly"]["cases"]
                  if c["kind"] == kind and c["stratum"] == "failed"]
        assert len(failed) == report["partly"]["population"][kind]["failed"]
    tuning = [c for name in ("audit-tuning-half-flagged.yaml", "audit-tuning-half-missed.yaml")
              for c in yaml.safe_load((audit_script.AUDIT.parent / name)
                                      .read_text(encoding="utf-8"))["cases"]]
    for case in (*report["cases"], *report["partly"]["cases"], *tuning):
        assert case["topics"]
        for judgement in case["topics"].values():
            assert not judgement["discussed"] or judgement["quote"].startswith("[")


def test_a_flagged_item_is_a_false_alarm_only_when_all_it_asks_is_discussed():
    def case(flagged, *discussed, borderline=False):
        return {"kind": "letters", "half": "report", "flagged": flagged,
                "things": [{"discussed": d, "borderline": borderline} for d in discussed]}
    audit = {"population": {"report": {"letters": 100}},
             "cases": [case(True, True, True), case(True, True, False),
                       case(True, True, borderline=True), case(True, False, borderline=True),
                       case(False, True)]}
    lenient = audit_script.corrected_false_alarms(audit, "report", "letters", False)
    assert (lenient["flagged"], lenient["false"], lenient["rate"]) == (4, 3, 0.03)
    strict = audit_script.corrected_false_alarms(audit, "report", "letters", True)
    assert strict["false"] == 1


def test_every_published_item_sup001_flags_was_read():
    """The blind reading covers each SUP001 warning the findings snapshots of
    the shared corpora hold: a new one fails here until it is read."""
    import json

    import yaml
    audit = yaml.safe_load(audit_script.FLAGGED.read_text(encoding="utf-8"))
    read: dict[str, int] = {}
    for case in audit["cases"]:
        read[case["document"]] = read.get(case["document"], 0) + case["flagged"]
        for thing in case["things"]:
            assert not thing["discussed"] or thing["quote"].startswith("[")
    flagged: dict[str, int] = {}
    for name in ("corpus", "focused-visits"):
        snapshot = json.loads((ROOT / "tests" / "snapshots" / f"{name}.json").read_text())
        for document, found in snapshot.items():
            n = sum(f[0] == "SUP001" for f in found.get("findings", []))
            if n:
                flagged[document] = n
    assert flagged == {d: n for d, n in read.items() if n}


def test_a_changed_checker_is_corrected_by_the_audited_strata_weights():
    """Strata as audited: flagged (100, 4 read), missed (10, 2 read). Today
    the checker flags one of the missed cases too: it counts with the missed
    stratum's weight (5), not the flagged one's (25)."""
    def case(stratum, absent, name):
        return {"stratum": stratum, "absent": absent, "name": name}
    cases = [case("flagged", True, "a"), case("flagged", True, "b"),
             case("flagged", False, "c"), case("flagged", False, "d"),
             case("missed", True, "e"), case("missed", True, "f")]
    sizes = {"flagged": 100, "missed": 10}
    counts = itemgetter("absent")
    as_audited = audit_script.reweighted(cases, sizes, counts,
                                         lambda c: c["stratum"] == "flagged")
    assert round(as_audited, 4) == round(50 / 60, 4)
    today = audit_script.reweighted(cases, sizes, counts,
                                    lambda c: c["stratum"] == "flagged" or c["name"] == "e")
    assert round(today, 4) == round(55 / 60, 4)


def test_outcomes_of_another_sample_are_refused_with_how_to_make_the_right_one(tmp_path, capsys):
    """A --outcomes run drawn with another lexicon or seed holds other
    transplants: a clear message and exit 2, never a KeyError."""
    import json

    run = tmp_path / "support.json"
    run.write_text(json.dumps({"cases": [{"inserted": True, "flagged": True, "partly": False,
                                          "case": {"target": "x.pdf", "item": "An item.",
                                                   "case": "absent"}}]}))
    assert audit_script.main(["--outcomes", str(run)]) == 2
    err = capsys.readouterr().err
    assert "lacks" in err and "--topics" in err
