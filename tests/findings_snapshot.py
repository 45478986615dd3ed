"""The findings snapshot: every finding (rule, severity, line, column,
message) the checker makes on the samples and on every shared corpus.

Issue 10 restructures the code without changing what it finds; the snapshot
taken before that work is kept as a test (tests/test_findings_snapshot.py), so
any later change in a finding is a deliberate, reviewed update of the
snapshot, not an accident. Regenerate with

    python tests/findings_snapshot.py --update

after a change you meant, and say in the commit which messages changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from shared_disk import SHARED

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"

# name -> folder checked; the samples ship with the project, the rest are
# the shared corpora (present in CI, absent in a fresh clone).
CORPORA = {
    "samples": ROOT / "samples",
    "corpus": SHARED / "corpus" / "pdf",
    "focused-visits": SHARED / "focused-visits" / "pdf",
    "archive": SHARED / "archive" / "pdf",
}


def findings(folder: Path) -> dict:
    """Every file's kind, error and findings, keyed by file name."""
    out = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json",
         "--fail-on", "never", str(folder)],
        capture_output=True, text=True, cwd=ROOT)
    if not out.stdout.strip():
        raise RuntimeError(f"no output for {folder}: {out.stderr[-2000:]}")
    result = {}
    for entry in json.loads(out.stdout)["files"]:
        result[Path(entry["path"]).name] = {
            "kind": entry["kind"],
            "framework": entry["framework"],
            "error": entry["error"],
            "findings": [[d["rule"], d["severity"], d["line"], d["column"], d["message"]]
                         for d in entry["diagnostics"]],
        }
    return result


def snapshot_path(name: str) -> Path:
    return SNAPSHOTS / f"{name}.json"


def update() -> None:
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for name, folder in CORPORA.items():
        if not folder.is_dir():
            print(f"skipped {name}: {folder} is absent")
            continue
        snapshot_path(name).write_text(
            json.dumps(findings(folder), indent=1, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8")
        print(f"wrote {snapshot_path(name)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/findings_snapshot.py --update")
    update()
