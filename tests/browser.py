"""A small driver for headless Chromium (Debian's package `chromium`), with
the standard library only: no browser download, no DevTools websocket.

`dump_dom(path)` loads a local HTML file, lets it run to its load event
(scripts and image error handlers included, had the page any), and returns
the DOM serialised afterwards, so a test can see what a script would have
changed; `screenshot(path, png)` takes a PNG of the viewport. Each run gets a
fresh profile directory and a hard time limit, and its whole process group is
ended if it overruns, so a hung browser never hangs the test suite.
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path(os.environ.get("REPORT_CHECKER_CHROMIUM", "/usr/bin/chromium"))
# No sandbox (CI runs as root), no GPU, and nothing that talks to the network.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars")
TIMEOUT = 60  # seconds for one browser run; a run normally takes under a second


def available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


class BrowserError(RuntimeError):
    pass


def _run(args: list[str], timeout: float) -> str:
    profile = tempfile.mkdtemp(prefix="report-checker-chromium-")
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise BrowserError(f"chromium did not finish within {timeout} s: {' '.join(args)}") \
            from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if process.returncode != 0:
        tail = err.decode("utf-8", "replace")[-2000:]
        raise BrowserError(f"chromium exited with {process.returncode}: {tail}")
    return out.decode("utf-8", "replace")


def _url(path: str | os.PathLike) -> str:
    return Path(path).resolve().as_uri()


def dump_dom(path: str | os.PathLike, budget_ms: int = 1000, timeout: float = TIMEOUT) -> str:
    """The page's DOM after load, as Chromium serialises it."""
    return _run([f"--virtual-time-budget={budget_ms}", "--dump-dom", _url(path)], timeout)


def screenshot(path: str | os.PathLike, png: str | os.PathLike, width: int = 1280,
               height: int = 900, timeout: float = TIMEOUT) -> tuple[int, int]:
    """A PNG of the page's first `height` pixels; returns its (width, height)."""
    png = Path(png)
    _run([f"--window-size={width},{height}", "--virtual-time-budget=1000",
          f"--screenshot={png}", _url(path)], timeout)
    if not png.is_file():
        raise BrowserError(f"chromium wrote no screenshot to {png}")
    return png_size(png)


def png_size(png: str | os.PathLike) -> tuple[int, int]:
    data = Path(png).read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise BrowserError(f"{png} is not a PNG")
    return struct.unpack(">II", data[16:24])
