"""Inspection frameworks and grade scales, loaded from rules/frameworks/*.yaml.

Frameworks, judgement names and grade words are data: a new framework (one is
announced for 2027) is a new YAML file, not a code change. This module only
knows how to read them and answer three questions: which framework applies to
a document of this kind inspected on this date, which judgement a printed name
is, and which grade printed words are.

A framework applies to its kinds from `inspections.from` to `inspections.to`;
an open end (`to: null`) closes the day before the next framework of the same
kind starts, so the framework in force on a day is the one that started last
(checker/datafiles/frameworkfile.py validates the files: unknown keys and
overlapping ranges are errors).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from checker.datafiles import jsoncache
from checker.datafiles.resources import data_dir


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
    # (kind, the last day it applies to that kind, None: open): an open end
    # closes the day before the next framework of the kind starts
    last_days: tuple[tuple[str, date | None], ...] = field(default=())

    def judgement_named(self, name: str) -> Judgement | None:
        """The judgement printed exactly as `name` (case and spacing aside)."""
        wanted = fold(name)
        return next((j for j in self.judgements if fold(j.name) == wanted), None)

    def withdrawn_named(self, name: str) -> Judgement | None:
        wanted = fold(name)
        return next((j for j in self.withdrawn if fold(j.name) == wanted), None)

    def judgement(self, judgement_id: str) -> Judgement | None:
        return next((j for j in self.judgements if j.id == judgement_id), None)

    def last_day(self, kind: str) -> date | None:
        """The last day this framework applies to `kind` (None: no end yet)."""
        return dict(self.last_days).get(kind, self.end)

    def applies(self, kind: str, inspected: date) -> bool:
        last = self.last_day(kind)
        return kind in self.kinds and self.start <= inspected and (
            last is None or inspected <= last)


_folder: Path | None = None  # see frameworks_from()


def load_frameworks(folder: Path | None = None) -> tuple[Framework, ...]:
    """Every framework in the folder (default: rules/frameworks/, or the
    folder frameworks_from() names)."""
    return _load(Path(folder or _folder or data_dir("rules") / "frameworks"))


@contextmanager
def frameworks_from(folder: Path) -> Iterator[Path]:
    """Frameworks read from `folder` instead of rules/frameworks/ while the
    block runs: how a new framework file is tried before it is added."""
    global _folder
    previous, _folder = _folder, Path(folder)
    try:
        yield _folder
    finally:
        _folder = previous


@cache
def _load(folder: Path) -> tuple[Framework, ...]:
    """The frameworks of a folder, validated once per change of its files:
    the validated data is cached as JSON, keyed by the files and the schema."""
    files = sorted(folder.glob("*.yaml"))
    here = Path(__file__).parent
    key = jsoncache.digest(*(jsoncache.source_of(here / m) for m in
                             ("frameworkfile.py", "frameworks.py", "schema.py")),
                           # the paths too: the frameworks name their files
                           *(part for p in files for part in (str(p).encode(), p.read_bytes())))
    name = f"frameworks-{key}"
    data = jsoncache.read(name)
    if data is None:
        from checker.datafiles.frameworkfile import validate_folder
        data = validate_folder(files)
        jsoncache.write(name, data)
    return _build(data)


def _build(data: list[dict]) -> tuple[Framework, ...]:
    """Framework objects from validated data (frameworkfile.validate_folder)."""
    scales = {s["id"]: Scale(s["id"], tuple(
        Grade(g["id"], g["name"], rank, tuple(g["spellings"] or [g["name"]]))
        for rank, g in enumerate(s["grades"], start=1))) for s in (f["scale"] for f in data)}
    starts: dict[str, list[date]] = {}
    for f in data:
        for kind in f["kinds"]:
            starts.setdefault(kind, []).append(date.fromisoformat(f["inspections"]["start"]))
    out = []
    for f in data:
        start = date.fromisoformat(f["inspections"]["start"])
        end = date.fromisoformat(f["inspections"]["to"]) if f["inspections"]["to"] else None
        out.append(Framework(
            id=f["id"], name=f["name"], kinds=tuple(f["kinds"]), start=start, end=end,
            scale=scales[f["scale"]["id"]],
            judgements=tuple(Judgement(j["id"], j["name"], j["section"])
                             for j in f["judgements"]),
            section_order=tuple(f["section_order"]),
            withdrawn=tuple(Judgement(j["id"], j["name"], False) for j in f["withdrawn"]),
            source=f["source"],
            last_days=tuple((kind, end or _day_before_next(starts[kind], start))
                            for kind in f["kinds"])))
    return tuple(out)


def _day_before_next(starts: list[date], start: date) -> date | None:
    """The day before the first start after `start`, None if there is none."""
    later = [s for s in starts if s > start]
    return min(later) - timedelta(days=1) if later else None


def framework_by_id(framework_id: str) -> Framework | None:
    return next((f for f in load_frameworks() if f.id == framework_id), None)


def choose_framework(kind: str, inspected: date | None) -> Framework | None:
    """The framework in force for this kind on the first day of the
    inspection: of those that apply, the one that started last (validation
    leaves one at most, see the module's docstring)."""
    if inspected is None:
        return None
    return max((f for f in load_frameworks() if f.applies(kind, inspected)),
               key=lambda f: f.start, default=None)
