"""Checking (or only reading) many files: in parallel processes when it
pays, in input order.

A pre-publication gate checks one report; an archive sweep checks thousands,
or reads their judgements (`parse --format csv`).
Worker processes cost ~150 ms each to start (imports, grammar), so small
batches run in this process; large ones are spread over the cores with
results streamed back in the order the files were named, so output is the
same however the work was scheduled.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial

from checker.api import FileResult, check_file, load

# Below this many files, starting workers costs more than it saves.
PARALLEL_FROM = 8


def _check_one(job, slim: bool = False) -> FileResult:
    path, kind, rules = job
    result = check_file(path, kind, rules)
    return result.slim() if slim else result


# The distinct rule sets of a batch, given to each worker once when it starts
# (with the fork start method, without pickling at all): a job then names its
# rule set by number instead of carrying 34 pickled rules (~48 KB) with it.
_RULESETS: list[tuple] = []


def _start_worker(rulesets: list[tuple]) -> None:
    _RULESETS[:] = rulesets


def _check_numbered(job, slim: bool = False) -> FileResult:
    path, kind, ruleset = job
    return _check_one((path, kind, _RULESETS[ruleset]), slim)


def default_jobs(n_files: int) -> int:
    return 1 if n_files < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, n_files))


def check_files(jobs: list[tuple[str, str | None, tuple]], processes: int | None = None,
                progress: Callable[[FileResult], None] | None = None,
                slim: bool = False) -> Iterator[FileResult]:
    """Results of (path, kind, rules) jobs, in the jobs' order. With `slim`,
    each result is FileResult.slim(): no document model, only the lines its
    findings point at (what the text and JSON renderers need), so memory
    does not grow with every document of a large batch."""
    processes = processes or default_jobs(len(jobs))
    if processes <= 1:
        yield from in_order(partial(_check_one, slim=slim), jobs, 1, progress)
        return
    rulesets: list[tuple] = []   # rule tuples hold dicts: compared, not hashed
    numbered = []
    for path, kind, rules in jobs:
        index = next((i for i, known in enumerate(rulesets) if known == rules), None)
        if index is None:
            index = len(rulesets)
            rulesets.append(rules)
        numbered.append((path, kind, index))
    yield from in_order(partial(_check_numbered, slim=slim), numbered, processes, progress,
                        chunksize=max(1, len(jobs) // (processes * 16)),
                        initializer=_start_worker, initargs=(rulesets,))


def _load_one(path: str, kind: str | None, then: Callable | None):
    result = load(path, kind)
    return then(result) if then else result


def load_files(paths: list[str], kind: str | None = None, then: Callable | None = None,
               processes: int | None = None, progress: Callable | None = None) -> Iterator:
    """Each file read and parsed (api.load, no rules), in the order named:
    its FileResult, or what `then` (a module-level function, so a worker
    can be sent it) makes of it in the process that read it, so only that
    crosses back, not the document. One file per job: each result is
    yielded as soon as it and those before it are done (a sweep streams)."""
    processes = processes or default_jobs(len(paths))
    yield from in_order(partial(_load_one, kind=kind, then=then), paths, processes, progress)


def in_order(work: Callable, jobs: list, processes: int,
             progress: Callable | None = None, chunksize: int = 1,
             initializer: Callable | None = None, initargs: tuple = ()) -> Iterator:
    """work(job) for each job, yielded in the jobs' order: in this process,
    or spread over `processes` worker processes. Stopping early (an error
    downstream, a closed pipe) does not wait for the rest of the batch."""
    if processes <= 1:
        for job in jobs:
            result = work(job)
            if progress:
                progress(result)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor  # ~10 ms: only for a pool

    from checker.parsing.parser import grammar
    grammar()  # loaded once here, not in each worker (forked workers inherit it)
    with ProcessPoolExecutor(max_workers=processes, initializer=initializer,
                             initargs=initargs) as pool:
        # closing this generator closes map's, which cancels the jobs not started
        for result in pool.map(work, jobs, chunksize=chunksize):
            if progress:
                progress(result)
            yield result
