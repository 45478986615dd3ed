"""Load test of `report-checker serve` on loopback (issue 14): bounded, stops by itself.

Starts the installed `report-checker serve` on a free port, then:

1. **10 users**: ten clients, each uploading published-size text reports (the
   samples) one after another, `--rounds` each; p50/p95 latency per upload.
2. **50 at once**: 50 uploads sent together (text reports and the repository's
   published PDFs), with one damaged PDF and one hostile upload (a zip bomb
   named .docx) among them.

Every answer is compared with what `report-checker check --format json` says
about the same file (the same findings), the damaged and hostile uploads must
get 422 with their own reason, and nothing else may fail. The peak memory is
that of the server and its workers together, sampled from /proc every 50 ms.

    python benchmarks/serve_load.py [--workers 2] [--rounds 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "samples").glob("*.txt"))
PDFS = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class PeakMemory(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, _tree_rss(self.pid))
            time.sleep(0.05)


def _expected(path: Path) -> list:
    """The findings the command line gives for the file: (rule, line, message)."""
    out = subprocess.run([_command(), "check", "--format", "json", path.name],
                         cwd=path.parent, capture_output=True, text=True)
    return _findings(json.loads(out.stdout))


def _findings(answer: dict) -> list:
    return sorted((d["rule"], d["line"], d["message"])
                  for f in answer["files"] for d in f["diagnostics"])


def _command() -> str:
    beside = Path(sys.executable).parent / "report-checker"
    return str(beside) if beside.exists() else shutil.which("report-checker")


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (300 * 2**20) + b">")
    return buffer.getvalue()


async def _upload(client, name: str, data: bytes):
    start = time.perf_counter()
    answer = await client.post("/check", files={"file": (name, data)}, data={"format": "json"})
    return answer, time.perf_counter() - start


async def _ten_users(client, rounds: int, expected: dict) -> tuple[list[float], list[str]]:
    times, wrong = [], []

    async def user(k: int):
        for r in range(rounds):
            path = TEXTS[(k + r) % len(TEXTS)]
            answer, took = await _upload(client, path.name, path.read_bytes())
            times.append(took)
            if answer.status_code != 200 or _findings(answer.json()) != expected[path]:
                wrong.append(f"user {k}: {path.name}: {answer.status_code}")
    await asyncio.gather(*(user(k) for k in range(10)))
    return times, wrong


async def _fifty_at_once(client, expected: dict) -> tuple[list[float], list[str]]:
    uploads = [(p.name, p.read_bytes(), expected[p]) for p in (TEXTS + PDFS) * 7][:48]
    uploads += [("damaged.pdf", PDFS[0].read_bytes()[:5000], "PDF"),
                ("hostile.docx", _zip_bomb(), "docx")]
    results = await asyncio.gather(*(_upload(client, n, d) for n, d, _ in uploads))
    wrong = []
    for (name, _, want), (answer, _) in zip(uploads, results):
        if isinstance(want, str):  # a file that must be refused with its own reason
            error = answer.json()["files"][0]["error"] if answer.status_code == 422 else None
            if not error:
                wrong.append(f"{name}: {answer.status_code}, no reason")
            else:
                print(f"  {name}: 422, {error}")
        elif answer.status_code != 200 or _findings(answer.json()) != want:
            wrong.append(f"{name}: {answer.status_code}")
    return [t for _, t in results], wrong


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"n": len(times), "p50_s": round(statistics.median(ordered), 3),
            "p95_s": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 3),
            "max_s": round(ordered[-1], 3)}


async def _scenarios(base: str, rounds: int) -> dict:
    expected = {p: _expected(p) for p in TEXTS + PDFS}
    async with httpx2.AsyncClient(base_url=base, timeout=120) as client:
        ten, wrong_ten = await _ten_users(client, rounds, expected)
        fifty, wrong_fifty = await _fifty_at_once(client, expected)
    return {"ten_users_txt": _percentiles(ten), "fifty_at_once": _percentiles(fifty),
            "wrong": wrong_ten + wrong_fifty}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="uploads per user of the 10")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    port = _free_port()
    server = subprocess.Popen([_command(), "serve", "--port", str(port), "--workers",
                               str(args.workers), "--queue", "64"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx2.get(base + "/health").status_code == 200:
                    break
            except httpx2.TransportError:
                time.sleep(0.1)
        memory = PeakMemory(server.pid)
        memory.start()
        figures = asyncio.run(_scenarios(base, args.rounds))
        memory.running = False
        memory.join()
        figures.update(workers=args.workers, peak_memory_mb=round(memory.peak / 2**20),
                       load=os.getloadavg()[0])
    finally:
        server.terminate()
        server.wait(10)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if figures["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
