"""Shared test helpers: real samples, mutation of real text, running one rule."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from shared_disk import SHARED

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS_TEXT = ROOT / "tests" / "fixtures" / "corpus-text"
CONSTRUCTED = ROOT / "tests" / "fixtures" / "constructed"
SHARED_CORPUS = SHARED / "corpus"
CORPUS_EXPECTED = ROOT / "tests" / "corpus_expected.yaml"

# CI machines are slow and shared: no per-example deadline, a fixed budget.
settings.register_profile("ci", deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def sample_path(name: str) -> Path:
    for folder in (SAMPLES, CORPUS_TEXT, CONSTRUCTED):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


def sample_text(name: str) -> str:
    return sample_path(name).read_text(encoding="utf-8")


def mutate(text: str, replacements) -> str:
    """Apply (old, new) replacements; each `old` must occur exactly once, so a
    mutation can never silently miss its target."""
    for old, new in replacements:
        count = text.count(old)
        assert count == 1, f"mutation target occurs {count} times: {old!r}"
        text = text.replace(old, new)
    return text


# Damage to a report's lines, shared by the robustness and fuzz tests.
LINE_DAMAGE = ("delete", "duplicate", "swap", "truncate", "join", "insert_line")


def damage_lines(draw, lines: list[str], ops, most: int, other=None) -> list[str]:
    """`lines` after 1..`most` damages drawn from `ops` (a hypothesis `draw`):
    a line deleted, duplicated, swapped with the next, cut short, joined to
    the next, or a line of any text inserted. An op outside LINE_DAMAGE is
    `other(draw, lines, i, op)`'s to apply in place. Never empty."""
    from hypothesis import strategies as st
    for _ in range(draw(st.integers(1, most))):
        lines = lines or [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(ops))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "truncate":
            lines[i] = lines[i][:draw(st.integers(0, len(lines[i])))]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + draw(st.sampled_from([" ", "", "\t"])) + lines[i + 1]]
        elif op == "insert_line":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op not in LINE_DAMAGE:
            other(draw, lines, i, op)
    return lines or [""]


@pytest.fixture(scope="session")
def all_rules():
    from checker.engine.rules import load_rules
    return load_rules()


def write_pack(tmp_path, text: str, name: str = "pack.yaml"):
    """A rule pack file written from an indented YAML string (the rule
    language tests build their packs so)."""
    import textwrap
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def pack_load_error(tmp_path, text: str) -> str:
    """The DataFileError a pack made of `text` fails to load with."""
    from checker.datafiles.yamlfile import DataFileError
    from checker.engine.rules import load_rules
    with pytest.raises(DataFileError) as info:
        load_rules((write_pack(tmp_path, text),), builtin=False)
    return str(info.value)


def expected_errors(corpus: str) -> set[tuple[str, str, int]]:
    """(file, rule, line) of each error tests/corpus_expected.yaml lists, with
    the evidence that it is real, for one shared corpus."""
    import yaml
    data = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))
    return {(e["file"], e["rule"], e["line"]) for e in data["errors"].get(corpus) or ()}


def unexpected_errors(results: dict, corpus: str) -> tuple[list[str], list[str]]:
    """Errors raised on `corpus` that the expected file does not list, and
    listed ones not raised, as lines for a failure message."""
    found = {(name, d.rule, d.line): f"{name}:{d.line} ({r.place(d.line)}) {d.rule}: {d.message}"
             for name, r in sorted(results.items()) for d in r.diagnostics
             if d.severity == "error"}
    expected = expected_errors(corpus)
    return ([text for key, text in found.items() if key not in expected],
            [f"{f}:{line} {rule}" for f, rule, line in sorted(expected - set(found))])


def needs_shared(what: str, *paths: Path):
    """A skip mark for a test module that reads `paths` of ../shared, saying
    why: the shared corpora live outside the repository (CI has them)."""
    return pytest.mark.skipif(
        not all(p.exists() for p in paths),
        reason=f"{what} {'is' if len(paths) == 1 else 'are'} not at {paths[0].parent} "
               "(the shared corpora live outside the repository, on the project's "
               "shared disk)")


@contextlib.contextmanager
def running_server(app):
    """An ASGI app served by uvicorn on a free loopback port, in a thread,
    for as long as the block runs: yields its "127.0.0.1:PORT"."""
    import socket
    import threading
    import time

    import uvicorn
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    live = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.started, "the server did not start"
    try:
        yield f"127.0.0.1:{port}"
    finally:
        live.should_exit = True
        thread.join(10)
