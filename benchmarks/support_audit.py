"""Recall corrected for the support benchmark's own labelling errors.

    .venv/bin/python benchmarks/support_audit.py [benchmarks/support/audit-report-half.yaml]

The benchmark calls a transplanted item's topic "absent" when its topic
lexicon finds no wording of it in the target's findings; a report can
discuss the topic in words the lexicon lacks ("leaving care advisers" for
personal advisers), and then a "missed" transplant is no miss. The audit file
holds a blind reading of every missed transplant and of a random sample of
the flagged ones (see its `about`). Each stratum's share of truly absent
topics, scaled to the stratum's size, estimates the transplants whose topic
is really absent; recall is the flagged share of those. Printed twice: with
the readers' borderline judgements counted as discussed (as they were made)
and as absent.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

AUDIT = Path(__file__).resolve().parent / "support" / "audit-report-half.yaml"


def truly_absent(case: dict, borderline_absent: bool) -> bool:
    """Whether none of the item's topics is discussed in the target."""
    if borderline_absent and case.get("borderline"):
        return True
    return not any(t["discussed"] for t in case["topics"].values())


def corrected_recall(audit: dict, kind: str, borderline_absent: bool) -> dict:
    """The stratified estimate for one kind of document."""
    out = {}
    for stratum, flagged in (("flagged", True), ("missed", False)):
        read = [c for c in audit["cases"] if c["kind"] == kind and c["flagged"] is flagged]
        absent = sum(truly_absent(c, borderline_absent) for c in read)
        size = audit["population"][kind][stratum]
        out[stratum] = {"read": len(read), "absent": absent, "size": size,
                        "estimate": size * absent / len(read) if read else 0.0}
    hit, miss = out["flagged"]["estimate"], out["missed"]["estimate"]
    out["recall"] = hit / (hit + miss) if hit + miss else None
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else AUDIT
    audit = yaml.safe_load(path.read_text(encoding="utf-8"))
    print("| kind | borderline read as | flagged: absent / read (of) | missed: absent / read (of) "
          "| benchmark recall | corrected recall |\n|---|---|---|---|---|---|")
    for kind, pop in audit["population"].items():
        raw = pop["flagged"] / (pop["flagged"] + pop["missed"])
        for borderline_absent in (False, True):
            f = corrected_recall(audit, kind, borderline_absent)
            print(f"| {kind} | {'absent' if borderline_absent else 'discussed'} "
                  f"| {f['flagged']['absent']} / {f['flagged']['read']} ({f['flagged']['size']}) "
                  f"| {f['missed']['absent']} / {f['missed']['read']} ({f['missed']['size']}) "
                  f"| {raw:.1%} | {f['recall']:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
