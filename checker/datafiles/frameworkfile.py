"""The schema of rules/frameworks/*.yaml, and what is checked when they load.

A framework file that loads with a misspelt key would be checked under
defaults nobody chose (a misspelt `section_ordr` is no section order at
all), and two frameworks claiming the same day would be chosen by file
order: so unknown keys, wrong types, a scale or judgement that is not there
and overlapping date ranges are errors naming the file, the line and the key.

Date ranges, per report kind: each framework covers `inspections.from` to
`inspections.to`. An open-ended range (`to: null`) ends the day before the
next framework of the same kind starts, so announcing a new framework is one
new file, with no edit of the one before it. Two frameworks of one kind that
start on the same day, or whose written ranges overlap, are an error.

pydantic costs ~80 ms to import, so this module is imported only when the
files change (checker/datafiles/frameworks.py caches the validated result).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.datafiles.schema import explain, first_problem, place
from checker.datafiles.yamlfile import DataFileError, line_of, load_yaml
from checker.parsing.detect import KINDS

_ID = r"^[a-z0-9_-]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class JudgementEntry(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    section: bool = True  # has a section of its own in the body


class WithdrawnEntry(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)


class Inspections(_Strict):
    model_config = ConfigDict(populate_by_name=True)
    start: date = Field(alias="from")  # the first day of the inspection decides
    to: date | None = None  # None: until the next framework of the kind starts


class FrameworkEntry(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    kinds: list[Literal[KINDS]] = Field(min_length=1)  # type: ignore[valid-type]
    inspections: Inspections
    scale: str
    judgements: list[JudgementEntry] = Field(default_factory=list)
    section_order: list[str] = Field(default_factory=list)  # judgement ids, as in the body
    withdrawn: list[WithdrawnEntry] = Field(default_factory=list)


class FrameworkFile(_Strict):
    framework: FrameworkEntry


class GradeEntry(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    spellings: list[str] | None = None  # default: the name


class ScaleEntry(_Strict):
    id: str = Field(pattern=_ID)
    grades: list[GradeEntry] = Field(min_length=1)  # best first


class ScalesFile(_Strict):
    scales: list[ScaleEntry]


def validate_folder(files: list[Path]) -> list[dict]:
    """The frameworks of these files, validated, as plain JSON data (dates
    as ISO text, each with its scale), or DataFileError."""
    frameworks, scales, where = [], {}, {}
    for path in files:
        raw = load_yaml(path)
        model = ScalesFile if isinstance(raw, dict) and "scales" in raw and \
            "framework" not in raw else FrameworkFile
        try:
            data = model.model_validate(raw if raw is not None else {}).model_dump(mode="json")
        except ValidationError as exc:
            error = first_problem(exc)
            line, key = place(raw, error["loc"])
            raise DataFileError(f"{path}:{line}: {key}: {explain(error, model)}") from None
        if model is ScalesFile:
            for i, scale in enumerate(data["scales"]):
                _unique(scales, scale["id"], f"{path}:{line_of(raw, ('scales', i))}", "scale")
                scales[scale["id"]] = scale
        else:
            entry = data["framework"]
            _unique(where, entry["id"], f"{path}:{line_of(raw, ('framework', 'id'))}",
                    "framework")
            frameworks.append({**entry, "source": str(path)})
            where[entry["id"]] = (path, raw)
    for f in frameworks:
        _check_framework(f, scales, *where[f["id"]])
    _check_ranges(frameworks, where)
    return [{**f, "scale": scales[f["scale"]]} for f in frameworks]


def _unique(seen: dict, key: str, at: str, what: str) -> None:
    if key in seen:
        raise DataFileError(f"{at}: the {what} id '{key}' is used twice")


def _check_framework(f: dict, scales: dict, path: Path, raw) -> None:
    """What the schema cannot know: names that must be defined elsewhere."""
    def fail(loc: tuple, message: str):
        return DataFileError(f"{path}:{line_of(raw, ('framework', *loc))}: "
                             f"framework {f['id']}: "
                             f"{'.'.join(str(p) for p in loc if isinstance(p, str))}: {message}")

    if f["scale"] not in scales:
        raise fail(("scale",), f"no scale '{f['scale']}' (scales: {', '.join(scales)})")
    ids = [j["id"] for j in f["judgements"]]
    for i, jid in enumerate(ids):
        if jid in ids[:i]:
            raise fail(("judgements", i), f"the judgement '{jid}' is listed twice")
    for i, jid in enumerate(f["section_order"]):
        if jid not in ids:
            raise fail(("section_order", i), f"'{jid}' is not a judgement of this framework "
                       f"({', '.join(ids)})")
    first, last = f["inspections"]["start"], f["inspections"]["to"]
    if last is not None and last < first:
        raise fail(("inspections", "to"), f"ends ({last}) before it starts ({first})")


def _check_ranges(frameworks: list[dict], where: dict) -> None:
    """Per kind: no two frameworks start on the same day, and no written
    end reaches into the next framework (an open end stops before it)."""
    for kind in KINDS:
        ranked = sorted((f for f in frameworks if kind in f["kinds"]),
                        key=lambda f: f["inspections"]["start"])
        for before, after in zip(ranked, ranked[1:]):
            start, end = after["inspections"]["start"], before["inspections"]["to"]
            if start == before["inspections"]["start"] or (end is not None and end >= start):
                path, raw = where[after["id"]]
                other = where[before["id"]]
                raise DataFileError(
                    f"{path}:{line_of(raw, ('framework', 'inspections'))}: framework "
                    f"{after['id']}: inspections from {start} overlap those of {before['id']} "
                    f"({other[0]}:{line_of(other[1], ('framework', 'inspections'))}, from "
                    f"{before['inspections']['start']} to {end or 'open'}) for {kind} reports")
