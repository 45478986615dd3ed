"""The audit of the support benchmark's labels (benchmarks/support_audit.py and
benchmarks/support/audit-report-half.yaml): the stratified estimate, and a
file whose every judgement of "discussed" quotes its sentence."""

from __future__ import annotations

import importlib.util
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


def test_the_shipped_audits_are_complete_and_quote_their_evidence():
    import yaml
    report = yaml.safe_load(audit_script.AUDIT.read_text(encoding="utf-8"))
    for kind, sizes in report["population"].items():
        missed = [c for c in report["cases"] if c["kind"] == kind and not c["flagged"]]
        assert len(missed) == sizes["missed"]  # every miss was read
    tuning = yaml.safe_load((audit_script.AUDIT.parent / "audit-tuning-half-flagged.yaml")
                            .read_text(encoding="utf-8"))
    for case in (*report["cases"], *tuning["cases"]):
        assert case["topics"]
        for judgement in case["topics"].values():
            assert not judgement["discussed"] or judgement["quote"].startswith("[")
