"""Benchmark: in-process check of each sample and CLI cold start.

    .venv/bin/python benchmarks/bench.py [--runs 200]

Prints the median and 90th percentile of a full check (read, parse, all rules)
per sample, and the wall time of `report-checker check` on one report from a
cold start. A script, not a timed unit test: timings belong in notes, not in CI.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    from checker.api import check_file
    from checker.rules import load_rules

    rules = load_rules()
    for path in sorted((ROOT / "samples").glob("*.txt")):
        check_file(path, rules=rules)  # warm: grammar, rules, stemmer caches
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            check_file(path, rules=rules)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(f"{path.name:<36} {path.stat().st_size / 1024:5.1f} KB  "
              f"median {statistics.median(times):6.2f} ms  p90 {times[int(len(times) * .9)]:6.2f} ms")
    cli = [sys.executable, "-m", "checker", "check", str(ROOT / "samples" / "rochdale-ilacs-2023.txt")]
    walls = []
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run(cli, capture_output=True)
        walls.append((time.perf_counter() - t0) * 1000)
    print(f"CLI cold start, one report: median {statistics.median(walls):.0f} ms "
          f"(min {min(walls):.0f} ms) over 10 runs")


if __name__ == "__main__":
    main()
