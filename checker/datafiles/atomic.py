"""One way to write a file the program produces (a report, a baseline, an
annotated Word copy, a cache entry): atomically, with the permissions the
user's umask gives a new file.

A temporary file beside the target is renamed over it, so a reader (or a
crash, or a full disk) never sees half a file and no stray temporary file is
left. mkstemp creates the temporary file with mode 0600; left so, an HTML
report written to a shared drive could not be opened by the colleagues it is
for, so the file gets the mode an ordinary new file would get (0644 under
umask 022), or the mode of the file it replaces.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` on a new binary file that then replaces `path`."""
    path = Path(path)
    folder = Path(os.path.abspath(path)).parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomically(path: Path, text: str) -> None:
    write_atomically(path, lambda fh: fh.write(text.encode("utf-8")))


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, else a new file's under the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    # The umask can only be read by setting it; it is set back at once (the
    # program writes its outputs from the main thread, after the checking).
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
