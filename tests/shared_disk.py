"""Where the shared corpora are: `shared/` beside this checkout, as in CI; or,
in a git worktree (its `.git` is a file naming the main repository's), beside
the main checkout, so a worktree's tests read the real documents too instead
of skipping them all."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_folder(root: Path = ROOT) -> Path:
    beside = root.parent / "shared"
    git = root / ".git"
    if beside.exists() or not git.is_file():
        return beside
    # "gitdir: <main checkout>/.git/worktrees/<name>"
    gitdir = Path(git.read_text(encoding="utf-8").partition(":")[2].strip())
    beside_main = gitdir.parents[2].parent / "shared"
    return beside_main if beside_main.exists() else beside


SHARED = shared_folder()
