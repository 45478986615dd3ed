"""`parse --format csv`: every document's judgements as one row of a table.

A data team sweeping an archive wants each report's grades as data, one row
per document, the rows written as the documents are read. The columns:

- `file`, `authority`, `kind`, `framework`, `inspection_start`,
  `inspection_end` (ISO dates: the first and the last day printed);
- one column per judgement id of any framework in rules/frameworks/ (its
  judgements, then its withdrawn ones): frameworks newest first (by the day
  they start, latest first; then by id), each one's judgements in its file's
  order (the table's), an id once, where it first comes. A framework added
  as data adds its columns: an older one (the single inspection framework)
  after today's, a newer one where its table puts them. Read the columns
  by name, not by position;
- `overall_effectiveness`, the last grade column whichever frameworks name it;
- `error`: why the document could not be read, parsed or checked (as `parse`
  says it), empty otherwise.

A grade cell holds the grade's id on the framework's scale
(`requires_improvement`), or the grade as printed when the scale spells no
such grade (`check` reports that); an empty cell means the report has no
such judgement. A misnamed row counts as the judgement the model reads it
as (JudgementRow.judgement_read); of two rows for one judgement, the first.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from functools import partial
from typing import TextIO

from checker.api import FileResult
from checker.datafiles.frameworks import Framework, load_frameworks
from checker.datafiles.yamlfile import DataFileError
from checker.engine.batch import load_files

HEAD = ("file", "authority", "kind", "framework", "inspection_start", "inspection_end")
OVERALL = "overall_effectiveness"


def judgement_columns(frameworks: Iterable[Framework]) -> tuple[str, ...]:
    """The judgement ids, in the order the module's docstring gives, with
    overall effectiveness last."""
    ordered = sorted(sorted(frameworks, key=lambda f: f.id), key=lambda f: f.start,
                     reverse=True)
    ids = dict.fromkeys(j.id for f in ordered for j in (*f.judgements, *f.withdrawn))
    ids.pop(OVERALL, None)
    return (*ids, OVERALL)


def columns(frameworks: Iterable[Framework] | None = None) -> tuple[str, ...]:
    """The header: the fixed columns, the judgements, `error`."""
    frameworks = tuple(load_frameworks() if frameworks is None else frameworks)
    judgements = judgement_columns(frameworks)
    clash = sorted(set(judgements) & {*HEAD, "error"})
    if clash:
        files = sorted({f.source for f in frameworks
                        if {j.id for j in (*f.judgements, *f.withdrawn)} & set(clash)})
        raise DataFileError(f"{', '.join(files)}: the judgement id '{clash[0]}' is also a "
                            "column of parse --format csv; name it otherwise")
    return (*HEAD, *judgements, "error")


def row(result: FileResult, columns: tuple[str, ...]) -> list[str]:
    """One document's cells, in the order of `columns`."""
    cells = dict.fromkeys(columns, "")
    cells.update(file=result.path, kind=result.kind or "", framework=result.framework or "",
                 error=result.error or "")
    report = result.report
    if report is not None:
        cells["authority"] = report.authority or ""
        if report.dates is not None:
            cells["inspection_start"] = _iso(report.dates.start)
            cells["inspection_end"] = _iso(report.dates.end)
        graded = set(columns[len(HEAD):-1])
        for r in report.judgements:
            judgement = r.judgement_read
            if judgement in graded and not cells[judgement]:
                cells[judgement] = r.grade or r.grade_text
    return [cells[c] for c in columns]


def _iso(day) -> str:
    return day.isoformat() if day else ""


def read_rows(files: list[str], kind: str | None = None, processes: int | None = None
              ) -> tuple[tuple[str, ...], Iterator[list[str]]]:
    """The header, and each file's row as it is read (in parallel processes
    for a batch, as `check` does; each worker sends back only the row)."""
    header = columns()
    return header, load_files(files, kind, then=partial(row, columns=header),
                              processes=processes)


def write_rows(rows: Iterable[list[str]], out: TextIO, columns: tuple[str, ...]) -> int:
    """The header, then each row as it comes, flushed at once (a sweep shows
    its progress, and a run stopped part-way leaves the rows before it);
    returns how many rows have an error."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    out.flush()
    errors = 0
    for cells in rows:
        writer.writerow(cells)
        out.flush()
        errors += bool(cells[-1])
    return errors
