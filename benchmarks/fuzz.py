"""A longer fuzz run than CI's: the properties of tests/test_fuzz.py for N minutes.

    python benchmarks/fuzz.py --minutes 30                  # every kind of input
    python benchmarks/fuzz.py --minutes 5 --kinds text docx --save fuzz-failures

Hypothesis makes inputs (arbitrary bytes as .txt/.pdf/.docx, zips of arbitrary
parts, real reports mutated, real Word drafts and PDFs damaged; see
tests/test_fuzz.py) and checks each one: a report or a clear error, in
bounded time, positions inside the file, every output format rendered, the
input unchanged. A failure is recorded and the run goes on (each failure is
shrunk by hypothesis first, so the saved inputs include the smaller ones it
tried). At the end it prints the inputs tried by kind and each distinct
failure; failing inputs are saved in --save (default fuzz-failures/) with a
.reason.txt beside each. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run")
    parser.add_argument("--kinds", nargs="+", default=None,
                        help="kinds of input: bytes zip text docx pdf (default: all)")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"),
                        help="folder for failing inputs (default: fuzz-failures/)")
    parser.add_argument("--batch", type=int, default=25,
                        help="examples per hypothesis run before the next kind")
    args = parser.parse_args(argv)

    import warnings

    import test_fuzz
    from hypothesis.errors import HypothesisWarning
    warnings.simplefilter("ignore", HypothesisWarning)   # "overly large repr" of an input
    kinds = tuple(args.kinds or test_fuzz.KINDS)
    unknown = set(kinds) - set(test_fuzz.KINDS)
    if unknown:
        parser.error(f"unknown kinds {sorted(unknown)}; known: {' '.join(test_fuzz.KINDS)}")
    test_fuzz.STATS.save_to = args.save.resolve()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="report-checker-fuzz-") as folder:
        try:
            stats = test_fuzz.run_for(args.minutes * 60, Path(folder), batch=args.batch,
                                      kinds=kinds, keep_going=True)
        except KeyboardInterrupt:
            stats = test_fuzz.STATS
            print("interrupted", file=sys.stderr)
    elapsed = time.monotonic() - started
    total = sum(stats.tried.values())
    print(f"{total} inputs in {elapsed / 60:.1f} min ({total / max(elapsed, 1e-9):.0f}/s): "
          + ", ".join(f"{kind} {n}" for kind, n in stats.tried.items()))
    distinct: dict[str, list] = {}
    for kind, _name, digest, reason in stats.failures:
        distinct.setdefault(reason.split("\n")[0][:300], []).append(f"{kind}-{digest}")
    if not distinct:
        print("no failures")
        return 0
    print(f"{len(stats.failures)} failing inputs, {len(distinct)} distinct failures "
          f"(saved in {test_fuzz.STATS.save_to}):")
    for reason, saved in distinct.items():
        print(f"  {reason}\n    {len(saved)} inputs, e.g. {', '.join(saved[:3])}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
