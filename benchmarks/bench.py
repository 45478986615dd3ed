"""Benchmark: how fast report-checker is, against its targets and against proselint.

    .venv/bin/python benchmarks/bench.py            # everything (~1 minute, more on first run)
    .venv/bin/python benchmarks/bench.py --quick    # fewer repetitions, no 1,000-report batch
    .venv/bin/python benchmarks/bench.py --runs 500 --json results.json

Measures, on the machine it runs on:

1. in-process check (read, parse, all rules of all packs) of each sample: median
   and 90th percentile of `--runs` runs, after one warm-up run;
2. the command line on one report from a cold start (a new interpreter each
   time), as the machine is set up, and again with Python's bytecode cache
   kept in a temporary folder (PYTHONDONTWRITEBYTECODE=1, if set, makes every
   start recompile the package: the first figure is the one judged);
3. batches of 100 and of 1,000 published-size text reports (copies of the
   four samples) through the command line;
4. the 64 published report PDFs of the corpus (../shared/corpus/pdf beside
   the repository, or --corpus), if present;
5. what the careful-reader rules of issue 15 add to the in-process check of
   each sample (benchmarks/rule_cost.py, which also measures the corpora);
6. proselint (a prose linter from PyPI) on the same 100-report batch, in the
   same run and interleaved with ours, so the ratio holds on a noisy machine.
   proselint is installed on first use into benchmarks/.venv-proselint (a
   separate venv: it never touches the project's), pinned to one version so
   the comparison means the same thing from run to run. The full run also
   starts each tool once per file, one file after another (for information:
   start-up then dominates both).

Every command-line figure comes from a subprocess; its peak memory is the
largest resident set of that process and its workers
(resource.getrusage(RUSAGE_CHILDREN) in a small wrapper process that runs
only it). A script, not a timed unit test: CI never runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rule_cost  # beside this script: what the careful-reader rules add

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
TARGET_SAMPLE = "rochdale-ilacs-2023.txt"  # the 34 KB report of the targets
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"
PROSELINT_VENV = Path(__file__).resolve().parent / ".venv-proselint"
PROSELINT = "proselint==0.16.0"

# The targets (issue 6), for this 2-core machine.
TARGETS = {
    "in_process_ms": 10.0,      # one 34 KB report, all rules, median
    "cli_ms": 200.0,            # one report, cold start, wall
    "batch100_s": 0.7,          # 100 published-size reports
    "vs_proselint": 20.0,       # times faster than proselint on the same 100
    "batch1000_mb": 200.0,      # peak memory, 1,000 reports
    "linear_tolerance": 1.25,   # time per report at 1,000 within 25 % of at 100
    "corpus_s": 10.0,           # the 64 corpus PDFs
    "evidence_ms": 2.0,         # support evidence of one report (issue 11)
}

# Runs one command and reports its wall time, CPU time and peak memory: in a
# process of its own, so RUSAGE_CHILDREN counts that command (and its
# workers) only.
_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": r.ru_utime + r.ru_stime, "maxrss_kb": r.ru_maxrss,
                  "code": code}))
"""


def measure(cmd: list[str], env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *map(str, cmd)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def repeat(cmd: list[str], n: int, env: dict | None = None) -> dict:
    """Median wall and CPU, min wall and the largest peak memory of n runs."""
    runs = [measure(cmd, env) for _ in range(n)]
    return summarise(runs)


def summarise(runs: list[dict]) -> dict:
    return {"wall": statistics.median(r["wall"] for r in runs),
            "wall_min": min(r["wall"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "mb": max(r["maxrss_kb"] for r in runs) / 1024,
            "runs": len(runs), "codes": sorted({r["code"] for r in runs})}


def checker_cmd(*args) -> list[str]:
    """The program as installed beside this Python (the console script), so
    the figures are those of what `make run` sets up. (`python -m checker`
    run from the repository would import the source tree instead, which
    recompiles every module on each start where PYTHONDONTWRITEBYTECODE=1.)"""
    script = Path(sys.executable).parent / "report-checker"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "checker"]
    return [*program, "check", *map(str, args)]


def install_kind() -> str:
    """How report-checker is installed for this Python: a wheel (bytecode
    compiled at install) or editable (the source tree)."""
    from importlib.metadata import PackageNotFoundError, distribution
    try:
        direct = distribution("report-checker").read_text("direct_url.json") or "{}"
    except PackageNotFoundError:
        return "not installed (run from the source tree)"
    editable = json.loads(direct).get("dir_info", {}).get("editable", False)
    return "editable install (the source tree)" if editable else "installed as a wheel"


def ok(flag: bool) -> str:
    return "ok  " if flag else "MISS"


# ------------------------------------------------------------- sections ----

def in_process(runs: int) -> dict:
    """Median and p90 of a full in-process check of each sample."""
    sys.path.insert(0, str(ROOT))
    from checker.api import check_file
    from checker.engine.rules import load_rules

    rules = load_rules()
    out = {}
    print(f"\nIn-process check (read, parse, {len(rules)} rules), {runs} runs each:")
    for path in SAMPLES:
        check_file(path, rules=rules)  # warm: grammar, compiled patterns, data files
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            check_file(path, rules=rules)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        median, p90 = statistics.median(times), times[int(len(times) * .9)]
        out[path.name] = {"kb": path.stat().st_size / 1024, "median_ms": median, "p90_ms": p90}
        print(f"  {path.name:<34} {path.stat().st_size / 1024:5.1f} KB  "
              f"median {median:6.2f} ms  p90 {p90:6.2f} ms")
    return out


def evidence(runs: int) -> dict:
    """Median cost of the support evidence of each sample, in process: the
    topic index of its finding paragraphs (abbreviations it defines
    included) and the verdict on every improvement item and strength, as
    the evidence rules make them once per report (issue 11's 2 ms budget)."""
    from checker.api import check_file
    from checker.checks.evidence import per_kind
    from checker.engine.loading import load_rules
    from checker.engine.topic_index import TopicIndex
    from checker.engine.vocabulary import common_wordings, topic_vocabulary

    vocabulary = topic_vocabulary()
    args = next(r for r in load_rules() if r.id == "SUP001").args
    out = {}
    print(f"\nSupport evidence (topic index + verdicts), {runs} runs each:")
    for path in SAMPLES:
        report = check_file(path).report
        texts = [p.text for p in report.paragraphs]
        items = [i.text for i in (*report.improvements, *report.strengths)]
        whole = "\n".join(b.text for _, b in report.blocks())
        times = []
        for _ in range(runs + 1):  # the first warms the word caches
            t0 = time.perf_counter()
            index = TopicIndex(texts, vocabulary, vocabulary.defined_abbreviations(whole),
                               # the hint settings SUP001 gives this kind of report
                               per_kind(args.get("hint_scope", "paragraph"), report.kind,
                                        "paragraph"),
                               common_wordings(report.kind,
                                               per_kind(args.get("hint_common"), report.kind)))
            [index.judge(item) for item in items]
            times.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(times[1:])
        out[path.name] = {"paragraphs": len(texts), "items": len(items), "median_ms": median}
        print(f"  {path.name:<34} {len(texts):3d} paragraphs {len(items):3d} items  "
              f"median {median:5.2f} ms")
    return out


def cold_start(n: int) -> dict:
    one = ROOT / "samples" / TARGET_SAMPLE
    cmd = checker_cmd(one)
    measure(cmd)  # the rule, data and template caches exist after a first run
    as_is = repeat(cmd, n)
    dont = os.environ.get("PYTHONDONTWRITEBYTECODE")
    print(f"\nCommand line, one report ({TARGET_SAMPLE}), cold start, {n} runs:")
    print(f"  as the machine is (PYTHONDONTWRITEBYTECODE={dont or 'unset'}): "
          f"median {as_is['wall'] * 1000:.0f} ms wall (min {as_is['wall_min'] * 1000:.0f}, "
          f"CPU {as_is['cpu'] * 1000:.0f} ms), peak {as_is['mb']:.0f} MB")
    with tempfile.TemporaryDirectory() as prefix:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = prefix  # bytecode kept outside the repository
        measure(cmd, env)
        cached = repeat(cmd, n, env)
    print(f"  with bytecode cached:            median {cached['wall'] * 1000:.0f} ms wall "
          f"(min {cached['wall_min'] * 1000:.0f}, CPU {cached['cpu'] * 1000:.0f} ms)")
    return {"as_is": as_is, "bytecode_cached": cached}


def make_batch(folder: Path, n: int) -> Path:
    """n copies of the samples, in turn: published-size text reports."""
    target = folder / f"batch-{n}"
    target.mkdir()
    for i in range(n):
        sample = SAMPLES[i % len(SAMPLES)]
        shutil.copyfile(sample, target / f"{i:04d}-{sample.name}")
    return target


def proselint_command(allow_install: bool) -> list[str] | None:
    """proselint from benchmarks/.venv-proselint, made on first use."""
    exe = PROSELINT_VENV / "bin" / "proselint"
    if not exe.exists():
        if not allow_install:
            return None
        print(f"\n(installing {PROSELINT} into {PROSELINT_VENV.relative_to(ROOT)} ...)")
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
            subprocess.run([str(PROSELINT_VENV / "bin" / "pip"), "install", "--quiet",
                            "--disable-pip-version-check", PROSELINT], check=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"  could not install proselint ({exc}): comparison skipped")
            shutil.rmtree(PROSELINT_VENV, ignore_errors=True)
            return None
    return [str(exe), "check"]


def batches(folder: Path, sizes: list[int], repeats: int, proselint: list[str] | None,
            per_file: bool = False) -> dict:
    out: dict = {}
    for n in sizes:
        batch = make_batch(folder, n)
        ours, theirs = [], []
        for _ in range(repeats):  # interleaved: both see the same machine
            ours.append(measure(checker_cmd(batch)))
            if proselint and n == 100:
                theirs.append(measure([*proselint, batch]))
        out[n] = summarise(ours)
        line = (f"  {n:>5} reports: median {out[n]['wall']:.2f} s wall "
                f"({out[n]['wall'] / n * 1000:.1f} ms per report; CPU {out[n]['cpu']:.2f} s), "
                f"peak {out[n]['mb']:.0f} MB, exit {out[n]['codes']}")
        print(line)
        if theirs:
            out["proselint"] = summarise(theirs)
            p = out["proselint"]
            print(f"  proselint, the same {n}: median {p['wall']:.2f} s wall "
                  f"(CPU {p['cpu']:.2f} s), "
                  f"peak {p['mb']:.0f} MB: report-checker is {p['wall'] / out[n]['wall']:.1f}x "
                  f"faster (CPU: {p['cpu'] / out[n]['cpu']:.1f}x)")
            if per_file:
                out["per_file"] = one_per_run(batch, proselint)
    return out


def one_per_run(batch: Path, proselint: list[str]) -> dict:
    """Both tools started once per file, one file after another: what a
    script that lints each file on its own pays. Start-up dominates (an
    interpreter and its imports per file), which is why a pipeline should
    name the folder, not loop over files. Shown for information: the target
    compares one run over the folder with one run over the folder."""
    files = sorted(batch.iterdir())
    script = ("import json, subprocess, sys\n"
              "for f in sys.argv[2:]:\n"
              "    subprocess.run([*json.loads(sys.argv[1]), f])\n")
    out = {}
    for name, cmd in (("report-checker", checker_cmd()), ("proselint", proselint)):
        out[name] = measure([sys.executable, "-c", script, json.dumps(list(map(str, cmd))),
                             *files])
    ours, theirs = out["report-checker"]["wall"], out["proselint"]["wall"]
    print(f"  one process per file, {len(files)} runs in turn: report-checker {ours:.1f} s, "
          f"proselint {theirs:.1f} s ({theirs / ours:.1f}x): start-up dominates; "
          "check a folder in one run")
    return out


def corpus(folder: Path, repeats: int) -> dict | None:
    pdfs = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
    if not pdfs:
        print(f"\nCorpus PDFs: none at {folder} (--corpus DIR): skipped")
        return None
    result = repeat(checker_cmd(folder), repeats)
    print(f"\nThe {len(pdfs)} corpus PDFs: median {result['wall']:.2f} s wall "
          f"(CPU {result['cpu']:.2f} s), peak {result['mb']:.0f} MB")
    return {**result, "files": len(pdfs)}


def verdict(results: dict) -> None:
    print("\nTargets:")
    sample = results["in_process"].get(TARGET_SAMPLE)
    if sample:
        within = ok(sample['median_ms'] <= TARGETS['in_process_ms'])
        print(f"  {within} in-process, one 34 KB report: {sample['median_ms']:.2f} ms "
              f"median (at most {TARGETS['in_process_ms']:.0f})")
    found = results["evidence"].get(TARGET_SAMPLE)
    if found:
        print(f"  {ok(found['median_ms'] <= TARGETS['evidence_ms'])} support evidence, one "
              f"report: {found['median_ms']:.2f} ms median (at most "
              f"{TARGETS['evidence_ms']:.0f})")
    cli = results["cli"]["as_is"]
    print(f"  {ok(cli['wall'] * 1000 <= TARGETS['cli_ms'])} CLI cold start: "
          f"{cli['wall'] * 1000:.0f} ms (at most {TARGETS['cli_ms']:.0f})")
    b = results["batches"]
    if 100 in b:
        print(f"  {ok(b[100]['wall'] < TARGETS['batch100_s'])} 100 reports: {b[100]['wall']:.2f} s "
              f"(under {TARGETS['batch100_s']})")
    if "proselint" in b:
        ratio = b["proselint"]["wall"] / b[100]["wall"]
        print(f"  {ok(ratio >= TARGETS['vs_proselint'])} against proselint: {ratio:.1f}x "
              f"(at least {TARGETS['vs_proselint']:.0f}x; proselint took "
              f"{b['proselint']['wall']:.1f} s)")
    if 1000 in b and 100 in b:
        growth = (b[1000]["wall"] / 1000) / (b[100]["wall"] / 100)
        print(f"  {ok(growth <= TARGETS['linear_tolerance'])} 1,000 reports: "
              f"{b[1000]['wall']:.2f} s, {growth:.2f}x the time per report of 100 "
              f"(linear: at most {TARGETS['linear_tolerance']})")
        print(f"  {ok(b[1000]['mb'] < TARGETS['batch1000_mb'])} 1,000 reports: peak "
              f"{b[1000]['mb']:.0f} MB (under {TARGETS['batch1000_mb']:.0f})")
    if results.get("corpus"):
        print(f"  {ok(results['corpus']['wall'] < TARGETS['corpus_s'])} corpus PDFs: "
              f"{results['corpus']['wall']:.2f} s (under {TARGETS['corpus_s']:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200,
                        help="in-process runs per sample (default 200; 20 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions, and no 1,000-report batch")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder of the corpus PDFs (default {DEFAULT_CORPUS})")
    parser.add_argument("--no-proselint", action="store_true",
                        help="skip the proselint comparison (and its install)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    runs = 20 if args.quick and args.runs == 200 else args.runs
    repeats = 1 if args.quick else 3

    load = os.getloadavg()
    print(f"report-checker benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start"
          + (" (busy: figures are noisy)" if load[0] > 0.5 * (os.cpu_count() or 1) else ""))
    print(f"report-checker: {install_kind()}, {checker_cmd()[0]}")
    results: dict = {"python": sys.version.split()[0], "cores": os.cpu_count(),
                     "loadavg": load, "quick": args.quick, "install": install_kind()}
    results["in_process"] = in_process(runs)
    results["evidence"] = evidence(runs)
    results["careful_reader_rules"] = rule_cost.on_samples(min(runs, 80))
    results["cli"] = cold_start(5 if args.quick else 15)
    proselint = None if args.no_proselint else proselint_command(allow_install=True)
    with tempfile.TemporaryDirectory() as folder:
        sizes = [100] if args.quick else [100, 1000]
        print(f"\nBatches of published-size text reports (copies of the {len(SAMPLES)} samples), "
              f"{repeats} run{'s' if repeats > 1 else ''} each, default --jobs:")
        results["batches"] = batches(Path(folder), sizes, repeats, proselint,
                                     per_file=not args.quick)
    results["corpus"] = corpus(args.corpus, repeats)
    verdict(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
