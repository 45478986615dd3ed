"""The checking runs in a process pool, with a bounded queue in front of it.

A check is CPU work (reading a PDF can take seconds): in a process of its
own it never stalls the server's event loop, and N workers check N uploads at
once. Requests beyond the workers wait, up to `queue` of them; beyond that
the server is saturated and says so (503 with Retry-After) instead of
piling up memory. concurrent.futures does the pooling; this class only
counts what is admitted.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from functools import partial


class Saturated(Exception):
    """Every worker is busy and the queue is full."""


class CheckPool:
    def __init__(self, workers: int, queue: int):
        # "spawn": a worker starts clean, never a copy of the server's
        # memory (other users' uploads in flight) or its event loop
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        self.workers, self.limit = workers, workers + queue
        self.admitted = 0

    async def run(self, function, *args):
        """`function(*args)` in a worker; Saturated when nothing can wait."""
        if self.admitted >= self.limit:
            raise Saturated
        self.admitted += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, partial(function, *args))
        finally:
            self.admitted -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
