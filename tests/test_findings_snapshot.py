"""Every finding on the samples and the shared corpora equals the snapshot
taken before issue 10's restructuring (tests/findings_snapshot.py says how
to update it after a deliberate change)."""

from __future__ import annotations

import json

import pytest
from findings_snapshot import CORPORA, findings, snapshot_path


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_findings_equal_the_snapshot(name):
    folder = CORPORA[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared corpora are beside the clone in CI)")
    expected = json.loads(snapshot_path(name).read_text(encoding="utf-8"))
    actual = findings(folder)
    assert sorted(actual) == sorted(expected), "the set of files checked changed"
    for file_name in sorted(expected):
        assert actual[file_name] == expected[file_name], f"{name}/{file_name} changed"
