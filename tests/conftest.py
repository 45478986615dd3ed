"""Shared test helpers: real samples, mutation of real text, running one rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS_TEXT = ROOT / "tests" / "fixtures" / "corpus-text"
CONSTRUCTED = ROOT / "tests" / "fixtures" / "constructed"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

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


@pytest.fixture(scope="session")
def all_rules():
    from checker.rules import load_rules
    return load_rules()
