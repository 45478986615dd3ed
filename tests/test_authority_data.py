"""rules/data/local-authorities.yaml: the list AUT001 reads.

No name or variant names two authorities; partners and predecessors are
authorities of the list; every authority of the corpus (grades.csv in
../shared/corpus) is in it, found the way the rule finds a report's own
authority.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from conftest import SHARED_CORPUS

from checker.checks.authority import load_authorities
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import load_yaml

DATA = data_dir("rules") / "data" / "local-authorities.yaml"


def _entries():
    return load_yaml(DATA)["authorities"]


def test_no_duplicate_names():
    names = [n for e in _entries() for n in [e["name"], *e.get("variants", [])]]
    twice = [n for n, k in Counter(n.casefold() for n in names).items() if k > 1]
    assert not twice, twice


def test_counts_as_documented():
    """153 authorities with children's services (2026), and the former ones."""
    types = Counter(e["type"] for e in _entries())
    assert types == {"county": 21, "metropolitan_borough": 36, "london_borough": 32,
                     "unitary": 62, "sui_generis": 2, "former": 4}


def test_partners_and_predecessors_are_authorities():
    names = {e["name"] for e in _entries()}
    for e in _entries():
        for other in [*e.get("partners", []), *e.get("successor_of", [])]:
            assert other in names, (e["name"], other)
            assert other != e["name"]


def test_reorganisations_present():
    names = {e["name"] for e in _entries()}
    for name in ("Cumberland", "Westmorland and Furness", "North Yorkshire", "Somerset",
                 "North Northamptonshire", "West Northamptonshire", "Buckinghamshire",
                 "Dorset", "Bournemouth, Christchurch and Poole", "City of London",
                 "Isles of Scilly"):
        assert name in names, name


@pytest.mark.parametrize("text, name", [
    ("Oldham Metropolitan Borough Council", "Oldham"),
    ("Rochdale Borough Council", "Rochdale"),
    ("Rochdale", "Rochdale"),
    ("Council of the Isles of Scilly", "Isles of Scilly"),
    ("City of Bradford Metropolitan Borough Council", "Bradford"),
    ("Southend-on-Sea city council", "Southend-on-Sea"),
    ("North Somerset", "North Somerset"),
    ("Kingston upon Hull", "Kingston upon Hull"),
    ("Hull City Council", "Kingston upon Hull"),
    ("Kingston upon Thames", "Kingston upon Thames"),
    ("Leicester City Council", "Leicester"),
    ("Leicestershire County Council", "Leicestershire"),
    ("BCP Council", "Bournemouth, Christchurch and Poole"),
    ("Telford and Wrekin", "Telford and Wrekin"),
    ("St Helens", "St Helens"),
    ("Exampleshire", None),
])
def test_own_authority_from_the_report(text, name):
    assert load_authorities().own(text) == name


def test_every_corpus_authority_is_listed():
    grades = SHARED_CORPUS / "grades.csv"
    if not grades.exists():
        pytest.skip(f"no corpus grades at {grades} (../shared/corpus is not beside the repo)")
    with open(grades, newline="", encoding="utf-8") as fh:
        authorities = {row["local_authority"] for row in csv.DictReader(fh)}
    assert len(authorities) == 64
    listed = load_authorities()
    missing = sorted(a for a in authorities if listed.own(a) is None)
    assert not missing, missing
    # The corpus names them in lower case: each is an entry's name exactly.
    names = {e["name"].casefold() for e in _entries()}
    assert sorted(a for a in authorities if a.casefold() not in names) == []
