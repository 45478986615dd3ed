"""Where the project's data folders are: grammar/, rules/ and templates/.

They live at the top of the repository, where rule authors edit them, and the
wheel copies them into the package as `checker/_data/` (see pyproject.toml).
Looking inside the package first makes a plain `pip install .` work; falling
back to the repository makes an editable install and a source checkout work.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # checker/


@cache
def data_dir(name: str) -> Path:
    """The folder `name` ("grammar", "rules" or "templates")."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"report-checker is installed without its {name}/ folder")


def cache_dir() -> Path:
    """Where report-checker keeps what it can rebuild (validated rules, parsed
    data files): $REPORT_CHECKER_CACHE_DIR, else $XDG_CACHE_HOME/report-checker,
    else ~/.cache/report-checker."""
    import os
    base = os.environ.get("REPORT_CHECKER_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "report-checker"

