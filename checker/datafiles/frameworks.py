"""Inspection frameworks and grade scales, loaded from rules/frameworks/*.yaml.

Frameworks, judgement names and grade words are data: a new framework (one is
announced for 2027) is a new YAML file, not a code change. This module only
knows how to read them and answer three questions: which framework applies to
a document of this kind inspected on this date, which judgement a printed name
is, and which grade printed words are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml


def fold(text: str) -> str:
    """Case- and whitespace-insensitive form used to compare printed names."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def heading_key(text: str) -> str:
    """A letter heading compared without case, spacing or a closing "?"
    ("What needs to improve?" and "What needs to improve" are one heading)."""
    return fold(text).rstrip("?").strip()


@dataclass(frozen=True)
class Grade:
    id: str
    name: str
    rank: int  # 1 = best
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Scale:
    id: str
    grades: tuple[Grade, ...]

    def match(self, text: str) -> Grade | None:
        """The grade these printed words are, or None; exact after folding."""
        return self._by_spelling().get(fold(text))

    def by_id(self, grade_id: str) -> Grade:
        return next(g for g in self.grades if g.id == grade_id)

    def _by_spelling(self) -> dict[str, Grade]:
        # Longest spelling first matters for prefix matching elsewhere; an
        # exact-match dict is order-free, which is why it is used here.
        return {fold(s): g for g in self.grades for s in (*g.spellings, g.name)}


@dataclass(frozen=True)
class Judgement:
    id: str
    name: str
    section: bool = True  # has a section of its own in the body


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    kinds: tuple[str, ...]
    start: date
    end: date | None
    scale: Scale
    judgements: tuple[Judgement, ...]
    section_order: tuple[str, ...]
    withdrawn: tuple[Judgement, ...] = field(default=())
    source: str = ""

    def judgement_named(self, name: str) -> Judgement | None:
        """The judgement printed exactly as `name` (case and spacing aside)."""
        wanted = fold(name)
        return next((j for j in self.judgements if fold(j.name) == wanted), None)

    def withdrawn_named(self, name: str) -> Judgement | None:
        wanted = fold(name)
        return next((j for j in self.withdrawn if fold(j.name) == wanted), None)

    def judgement(self, judgement_id: str) -> Judgement | None:
        return next((j for j in self.judgements if j.id == judgement_id), None)

    def applies(self, kind: str, inspected: date) -> bool:
        return kind in self.kinds and self.start <= inspected and (
            self.end is None or inspected <= self.end)


def _as_date(value, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise DataFileError(f"{where}: expected a date (YYYY-MM-DD), got {value!r}")


def _load_scales(files: list[Path]) -> dict[str, Scale]:
    scales = {}
    for path in files:
        for s in load_yaml(path).get("scales", []):
            grades = tuple(
                Grade(g["id"], g["name"], rank, tuple(g.get("spellings", [g["name"]])))
                for rank, g in enumerate(s["grades"], start=1)
            )
            scales[s["id"]] = Scale(s["id"], grades)
    return scales


@cache
def load_frameworks(folder: Path | None = None) -> tuple[Framework, ...]:
    """Every framework in the folder (default: rules/frameworks/)."""
    folder = folder or data_dir("rules") / "frameworks"
    docs = {p: load_yaml(p) for p in sorted(folder.glob("*.yaml"))}
    scales = _load_scales([p for p, d in docs.items() if "scales" in d])
    frameworks = []
    for path, doc in docs.items():
        if "framework" not in doc:
            continue
        f = doc["framework"]
        where = str(path)
        try:
            scale = scales[f["scale"]]
            frameworks.append(Framework(
                id=f["id"],
                name=f["name"],
                kinds=tuple(f["kinds"]),
                start=_as_date(f["inspections"]["from"], where),
                end=_as_date(f["inspections"].get("to"), where),
                scale=scale,
                judgements=tuple(Judgement(j["id"], j["name"], j.get("section", True))
                                 for j in f.get("judgements", [])),
                section_order=tuple(f.get("section_order", [])),
                withdrawn=tuple(Judgement(j["id"], j["name"], False)
                                for j in f.get("withdrawn", [])),
                source=where,
            ))
        except KeyError as exc:
            raise DataFileError(f"{where}: framework is missing the key {exc}") from None
    ids = [f.id for f in frameworks]
    if len(ids) != len(set(ids)):
        raise DataFileError(f"{folder}: two frameworks share an id: {sorted(ids)}")
    return tuple(frameworks)


def framework_by_id(framework_id: str) -> Framework | None:
    return next((f for f in load_frameworks() if f.id == framework_id), None)


def choose_framework(kind: str, inspected: date | None) -> Framework | None:
    """The framework in force for this kind on the first day of the inspection."""
    if inspected is None:
        return None
    return next((f for f in load_frameworks() if f.applies(kind, inspected)), None)
