"""The support benchmark's figures corrected for its own labelling errors.

    .venv/bin/python benchmarks/support_audit.py [benchmarks/support/audit-report-half.yaml]
    .venv/bin/python benchmarks/support_bench.py --seed 11 --json support.json
    .venv/bin/python benchmarks/support_audit.py --outcomes support.json  # the checker now

The benchmark calls a topic "absent" from a target when its topic lexicon
finds no wording of it in the target's findings; a report can discuss the
topic in words the lexicon lacks ("leaving care advisers" for personal
advisers), and then a "missed" transplant is no miss, and a "partly
supported" case whose absent half is discussed is no partly case. The audit
file holds a blind reading (see its `about`) of every case the checker got
"wrong" and of a random sample of those it got right, for each measure:

- recall: transplants, split into those SUP001 flagged and those it missed;
  a case counts when none of the item's topics is discussed;
- partly: "The quality of <present> and of <absent>." cases, split into
  those the checker named partly supported and those it did not; a case
  counts when <present> is discussed and <absent> is not.

- false alarms (audit-published-flagged.yaml): every published item SUP001
  flags, read blind among unflagged ones; a flagged item whose findings
  discuss every thing it asks to improve is a false alarm, one with a thing
  they never discuss is a gap by the issue's definition of support.

Each stratum's share of cases that count, scaled to the stratum's size,
estimates how many cases really count; the corrected figure is the share of
those the checker got right. Printed twice: with the readers' borderline
judgements counted as discussed (as they were made) and as not discussed.
"""
from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path

import yaml

AUDIT = Path(__file__).resolve().parent / "support" / "audit-report-half.yaml"
FLAGGED = AUDIT.parent / "audit-published-flagged.yaml"
LEXICON = AUDIT.parent / "audit-lexicon.yaml"  # the benchmark's lexicon as the audit read it
# how each table names the reading of the readers' borderline calls
READ_AS = {False: "discussed", True: "not discussed"}


def _discussed(judgement: dict, borderline_absent: bool) -> bool:
    return judgement["discussed"] and not (borderline_absent and judgement.get("borderline"))


def truly_absent(case: dict, borderline_absent: bool) -> bool:
    """A transplant that counts: none of the item's topics is discussed."""
    if borderline_absent and case.get("borderline"):
        return True
    return not any(t["discussed"] for t in case["topics"].values())


def truly_partly(case: dict, borderline_absent: bool) -> bool:
    """A partly case that counts: its present topic is discussed, its absent one not."""
    topics = case["topics"]
    return (_discussed(topics[case["present"]], borderline_absent)
            and not _discussed(topics[case["absent"]], borderline_absent))


def corrected(cases: list[dict], sizes: dict[str, int], right: str, counts) -> dict:
    """The stratified estimate: `right` names the stratum the checker got right
    (the other is the one it got wrong); `counts(case)` says whether a case
    really counts."""
    out = {}
    for stratum in sizes:
        read = [c for c in cases if c["stratum"] == stratum]
        good = sum(map(counts, read))
        out[stratum] = {"read": len(read), "count": good, "size": sizes[stratum],
                        "estimate": sizes[stratum] * good / len(read) if read else 0.0}
    total = sum(s["estimate"] for s in out.values())
    out["share"] = out[right]["estimate"] / total if total else None
    return out


def reweighted(cases: list[dict], sizes: dict[str, int], counts, right_now) -> float | None:
    """The corrected share for a checker that has changed since the audit:
    each case read stands for its stratum's size / read (the strata of the
    audited run), and `right_now(case)` says whether the checker gets it right
    today. With today's verdicts equal to the audited run's, this is
    corrected()'s share."""
    read = {s: sum(c["stratum"] == s for c in cases) for s in sizes}
    weight = {s: sizes[s] / read[s] for s in sizes if read[s]}
    real = [(weight[c["stratum"]], right_now(c)) for c in cases if counts(c)]
    total = sum(w for w, _ in real)
    return sum(w for w, right in real if right) / total if total else None


def outcomes_of(path: Path) -> dict[tuple[str, str], dict]:
    """(target file name, item) -> the outcome of a support_bench.py --json run
    (its absent and partly cases: the audit read no archive item)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(Path(o["case"]["target"]).name, o["case"]["item"]): o
            for o in data["cases"] if o["inserted"] and o["case"]["case"] != "unseen"}


def unmatched(audit: dict, outcomes: dict) -> list[tuple[str, str]]:
    """The audited cases a --outcomes run does not hold (another seed or
    lexicon draws other transplants)."""
    cases = audit["cases"] + audit.get("partly", {}).get("cases", [])
    return [(c["target"], c["item"]) for c in cases if (c["target"], c["item"]) not in outcomes]


def now_table(audit: dict, outcomes: dict) -> str:
    """Recall and partly named, corrected, with today's verdicts on the audited cases."""
    rows = ["| measure | kind | borderline read as | corrected now |", "|---|---|---|---|"]
    for kind in audit["population"]:
        recall = [{**c, "stratum": "flagged" if c["flagged"] else "missed"}
                  for c in audit["cases"] if c["kind"] == kind]
        partly = [c for c in audit["partly"]["cases"] if c["kind"] == kind]
        for borderline_absent in (False, True):
            read_as = READ_AS[borderline_absent]
            r = reweighted(recall, audit["population"][kind],
                           partial(truly_absent, borderline_absent=borderline_absent),
                           lambda c: outcomes[c["target"], c["item"]]["flagged"])
            p = reweighted(partly, audit["partly"]["population"][kind],
                           partial(truly_partly, borderline_absent=borderline_absent),
                           lambda c: outcomes[c["target"], c["item"]]["partly"])
            rows += [f"| recall | {kind} | {read_as} | {r:.1%} |",
                     f"| partly named | {kind} | {read_as} | {p:.1%} |"]
    return "\n".join(rows)


def corrected_recall(audit: dict, kind: str, borderline_absent: bool) -> dict:
    """Recall over the transplants whose topics are really absent."""
    cases = [{**c, "stratum": "flagged" if c["flagged"] else "missed"}
             for c in audit["cases"] if c["kind"] == kind]
    found = corrected(cases, audit["population"][kind], "flagged",
                      lambda c: truly_absent(c, borderline_absent))
    found["recall"] = found.pop("share")
    return found


def corrected_partly(audit: dict, kind: str, borderline_absent: bool) -> dict:
    """The share named partly supported of the cases that really are."""
    part = audit["partly"]
    cases = [c for c in part["cases"] if c["kind"] == kind]
    return corrected(cases, part["population"][kind], "named",
                     lambda c: truly_partly(c, borderline_absent))


def really_supported(case: dict, borderline_absent: bool) -> bool:
    """A published item the findings support: every thing it asks to improve
    is discussed (a flagged one is then a false alarm). A borderline call,
    whichever way the reader made it, is read as `borderline_absent` says."""
    return all((not borderline_absent) if t.get("borderline") else t["discussed"]
               for t in case["things"])


def corrected_false_alarms(audit: dict, half: str, kind: str, borderline_absent: bool) -> dict:
    """Of the published items SUP001 flags (every one was read), those whose
    findings do discuss all they ask: the false alarms a reader would count."""
    flagged = [c for c in audit["cases"] if c["flagged"] and c["half"] == half
               and c["kind"] == kind]
    false = sum(really_supported(c, borderline_absent) for c in flagged)
    items = audit["population"][half][kind]
    return {"flagged": len(flagged), "false": false, "items": items,
            "rate": false / items if items else None}


def _false_alarm_table(audit: dict) -> str:
    rows = ["| half | kind | borderline read as | flagged | really supported (false alarms) "
            "| items | benchmark | corrected |", "|---|---|---|---|---|---|---|---|"]
    for half, kinds in audit["population"].items():
        for kind in kinds:
            for borderline_absent in (False, True):
                f = corrected_false_alarms(audit, half, kind, borderline_absent)
                read_as = READ_AS[borderline_absent]
                rows.append(f"| {half} | {kind} | {read_as} "
                            f"| {f['flagged']} | {f['false']} | {f['items']} "
                            f"| {f['flagged'] / f['items']:.1%} | {f['rate']:.1%} |")
    controls = {(c["document"], c["item"]): c for c in audit["cases"]
                if not c["flagged"] and not c.get("was_flagged")}  # drawn at random
    gaps = sum(not really_supported(c, False) for c in controls.values())
    rows.append(f"\nUnflagged published items read as controls: {len(controls)}; "
                f"{gaps} with a thing the findings never discuss.")
    return "\n".join(rows)


def _row(kind, borderline_absent, found, right, wrong, raw, share) -> str:
    r, w = found[right], found[wrong]
    return (f"| {kind} | {READ_AS[borderline_absent]} "
            f"| {r['count']} / {r['read']} ({r['size']}) | {w['count']} / {w['read']} "
            f"({w['size']}) | {raw:.1%} | {share:.1%} |")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("audit", nargs="?", default=str(AUDIT), help="the transplants' audit file")
    ap.add_argument("--outcomes", metavar="FILE", help="a support_bench.py --json run of the "
                    "same seed (11): the correction for the checker as it is now")
    args = ap.parse_args(argv)
    outcomes = outcomes_of(Path(args.outcomes)) if args.outcomes else None
    path = Path(args.audit)
    audit = yaml.safe_load(path.read_text(encoding="utf-8"))
    print("Recall\n\n| kind | borderline read as | flagged: count / read (of) "
          "| missed: count / read (of) | benchmark | corrected |\n|---|---|---|---|---|---|")
    for kind, pop in audit["population"].items():
        for borderline_absent in (False, True):
            found = corrected_recall(audit, kind, borderline_absent)
            raw = pop["flagged"] / (pop["flagged"] + pop["missed"])
            print(_row(kind, borderline_absent, found, "flagged", "missed", raw, found["recall"]))
    if "partly" in audit:
        print("\nPartly supported cases named partly\n\n| kind | borderline read as "
              "| named: count / read (of) | not named: count / read (of) | benchmark "
              "| corrected |\n|---|---|---|---|---|---|")
        for kind, pop in audit["partly"]["population"].items():
            for borderline_absent in (False, True):
                found = corrected_partly(audit, kind, borderline_absent)
                raw = pop["named"] / (pop["named"] + pop["failed"])
                print(_row(kind, borderline_absent, found, "named", "failed", raw, found["share"]))
    if outcomes is not None:
        unread = unmatched(audit, outcomes)
        if unread:
            print(f"\n{args.outcomes} lacks {len(unread)} of the audited cases (the first: "
                  f"{unread[0][0]}, {unread[0][1]!r}): run support_bench.py --half report "
                  f"--seed 11 --topics {LEXICON} (the lexicon the audit read)", file=sys.stderr)
            return 2
        print("\nWith the checker as it is now (the audited cases' verdicts from --outcomes)\n")
        print(now_table(audit, outcomes))
    if path == AUDIT and FLAGGED.is_file():
        flagged = yaml.safe_load(FLAGGED.read_text(encoding="utf-8"))
        print("\nFalse alarms: the published items SUP001 flags, read blind\n")
        print(_false_alarm_table(flagged))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
