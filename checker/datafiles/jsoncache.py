"""What report-checker keeps between runs: JSON files in the cache folder.

Parsing YAML and validating rule and framework files costs more at start-up
than checking a report (importing PyYAML ~9 ms, pydantic ~80 ms), so their
results are kept, keyed by a digest of everything they were made from (the
files' bytes, the code that read them). The cache holds data only, as JSON:
reading it back can never run code, which a pickle could (rule files promise
they never run code, and the cache folder is writable by anyone who can
write the user's home). Writing is best effort and atomic: a cache that
cannot be written or read is not an error, only slower.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from checker.datafiles.resources import cache_dir


def digest(*parts: bytes) -> str:
    """A key for `parts`, each length-prefixed so that no two different
    sequences of parts give the same key."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()[:32]


def source_of(module_file: str) -> bytes:
    """A module's own source: part of a key, so a change to the code that
    made a cached result makes it stale."""
    return Path(module_file).read_bytes()


def read(name: str, object_hook=None):
    """The data cached as `name` (e.g. "rules-<key>"), or None; `object_hook`
    as json.loads takes it."""
    try:
        return json.loads((cache_dir() / f"{name}.json").read_text(encoding="utf-8"),
                          object_hook=object_hook)
    except (OSError, ValueError):
        return None


def write(name: str, data) -> None:
    """Cache `data` (JSON-able) as `name`."""
    # imported here: tempfile costs ~4 ms to import, and only a cache miss writes
    from checker.datafiles.atomic import write_text_atomically
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        # dumps, not dump: only a one-shot encoding runs json's C encoder
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_text_atomically(folder / f"{name}.json", text)
    except (OSError, TypeError, ValueError):
        pass
