"""The topic vocabulary in use: rules/topics.yaml with the users' own files
(named in the configuration or a pack) added, each read and checked like a
pack, so a mistake stops the run with its file and line. A file holds
`topics: [{topic, terms, also, not}, ...]`; what the entries mean, and how
their wordings match, is checker/engine/topics.py.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from checker.datafiles.yamlfile import DataFileError, line_of, load_yaml
from checker.engine.topics import Topic, TopicVocabulary, term_keys

_ENTRY_KEYS = {"topic", "terms", "also", "not"}
LOOSE_WORDINGS = "loose-wordings.yaml"  # in rules/data/: the loose wordings' shares


def load_topics(path) -> TopicVocabulary:
    """Read `topics: [{topic, terms, also, not}, ...]` from a YAML file; a mistake is a
    DataFileError naming the file and line."""
    path = Path(path)
    data = load_yaml(path)
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DataFileError(f"{path}:{line_of(data, [])}: a topic vocabulary needs "
                            f"'topics:', a list of {{topic, terms, also, not}}")
    topics = [_topic(entry, path, line_of(entries, [i])) for i, entry in enumerate(entries)]
    try:
        return TopicVocabulary(topics)
    except ValueError as exc:
        raise DataFileError(str(exc)) from None


def _topic(entry, path: Path, line: int) -> Topic:
    where = f"{path}:{line}"
    if not isinstance(entry, dict) or not isinstance(entry.get("topic"), str):
        raise DataFileError(f"{where}: each topic needs 'topic: <name>'")
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise DataFileError(f"{where}: topic {entry['topic']!r}: unknown key {unknown[0]!r} "
                            f"(a topic has {', '.join(sorted(_ENTRY_KEYS))})")
    lists = {}
    for key in ("terms", "also", "not"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(t, str) and t.strip()
                                                  for t in value):
            raise DataFileError(f"{where}: topic {entry['topic']!r}: '{key}' must be a "
                                f"list of wordings (quote a wording YAML reads as "
                                f"true/false or a number)")
        lists[key] = tuple(value)
    if not lists["terms"]:
        raise DataFileError(f"{where}: topic {entry['topic']!r} has no 'terms'")
    return Topic(entry["topic"], lists["terms"], lists["also"], lists["not"], where)


# ------------------------------------------------------ the vocabulary in use ----

def topic_vocabulary(extra: Sequence[str] = ()) -> TopicVocabulary:
    """The built-in topics (rules/topics.yaml) with the users' vocabulary files
    added, in order. Cached per file version, so a call per report costs stats."""
    paths = (_builtin_path(), *(Path(p).resolve() for p in extra))
    return _combined(tuple((p, os.stat(p).st_mtime_ns) for p in paths))


@lru_cache(maxsize=1)
def _builtin_path() -> Path:
    from checker.datafiles.resources import data_dir
    return (data_dir("rules") / "topics.yaml").resolve()


@lru_cache(maxsize=8)
def _combined(versions: tuple[tuple[Path, int], ...]) -> TopicVocabulary:
    vocabulary = load_topics(versions[0][0])
    for path, _ in versions[1:]:
        try:
            vocabulary = vocabulary.merged(load_topics(path))
        except ValueError as exc:  # a term another topic already has
            raise DataFileError(str(exc)) from None
    return vocabulary


# ---------------------------------------------------- loose wordings' shares ----

def common_wordings(kind: str | None, share: float | None) -> frozenset[tuple[str, ...]]:
    """The word keys of the loose wordings that at least `share` of the
    published reports of this kind use in their findings
    (rules/data/loose-wordings.yaml, written by tools/corpus_frequencies.py
    from the tuning half of the shared documents): too common to hint at a
    topic. None for no share, or a kind the file does not count."""
    if share is None or kind is None:
        return frozenset()
    return _common(kind, float(share))


@lru_cache(maxsize=16)
def _common(kind: str, share: float) -> frozenset[tuple[str, ...]]:
    counted = (loose_shares().get(kind) or {}).get("loose") or {}
    return frozenset(term_keys(wording) for wording, used in counted.items() if used >= share)


@lru_cache(maxsize=1)
def loose_shares() -> dict:
    """rules/data/loose-wordings.yaml: per report kind, the share of reports
    whose findings use each loose wording."""
    from checker.datafiles.resources import data_dir
    path = data_dir("rules") / "data" / LOOSE_WORDINGS
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise DataFileError(f"{path}:1: needs 'kinds:', the shares of each report kind")
    return data["kinds"]

