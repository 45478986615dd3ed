"""The judgement table, rebuilt from where its characters are on the page.

No extractor's plain text keeps the table usable: a judgement's name wrapped
over two lines puts its grade beside the first line, the last, or alone. So
the table is rebuilt from geometry: characters left of the "Grade" column are
the judgement's name, the rest its grade; rows are split at vertical gaps, and
each grade goes to the row its middle is in, so a wrapped name (with its grade
printed on either of its lines) comes out as one `Name<TAB>Grade` row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.reading.pdf.lines import Line

TABLE_HEAD = re.compile(r"Judgements?\s+Grades?\b")
# pt: a grade cell's text may start this much left of the "Grade" heading's left edge
_COLUMN_SLACK = 4
# pt: a vertical gap at least this wide between name lines starts a new row
_ROW_GAP = 6


def _grade_column_x(head: Line) -> float:
    """x of the grade column: the left of the header's "Grade"."""
    before = head.text[:TABLE_HEAD.match(head.text).end()].rstrip()
    before = before[:re.search(r"Grades?$", before).start()]
    k = sum(1 for c in before if not c.isspace())
    return head.pg.box(head.ink[k])[0]


def _is_table_line(ln: Line, grade_x: float) -> bool:
    """All in one column, or a name cell and a grade cell on the same baseline (a wide gap
    before the grade column): the table goes on; any other line is the text after it."""
    xs = [(b[0], b[2]) for b in map(ln.pg.box, ln.ink)]
    column = grade_x - _COLUMN_SLACK
    if all(lft >= column for lft, _ in xs) or all(r < column for _, r in xs):
        return True
    return any(r0 < column <= l1 and l1 - r0 > 15 for (_, r0), (l1, _) in zip(xs, xs[1:]))


_Cell = tuple[float, float, str, str]   # (top, bottom, text, place)


def _cells(lines: list[Line], grade_x: float) -> tuple[list[_Cell], list[_Cell]]:
    """Each line's text left of the grade column (names) and from it on (grades)."""
    names: list[_Cell] = []
    grades: list[_Cell] = []
    for ln in lines:
        chars = ln.boxes()
        left = [c for c in chars if c[1] < grade_x - _COLUMN_SLACK]
        right = [c for c in chars if c[1] >= grade_x - _COLUMN_SLACK]
        for part, dest in ((left, names), (right, grades)):
            s = "".join(c[0] for c in part).replace("\ufffe", "-").replace("\t", " ").strip()
            if s:
                dest.append((ln.top, ln.bottom, s, ln.place))
    return names, grades


@dataclass
class _Row:
    top: float
    bottom: float
    place: str
    name: list[str] = field(default_factory=list)
    grade: list[str] = field(default_factory=list)

    def distance(self, y: float) -> float:
        """0 when y is within the row (2pt slack), else how far it is from the row."""
        if self.top - 2 <= y <= self.bottom + 2:
            return 0
        return min(abs(y - self.top), abs(y - self.bottom))


def _rows_of_names(names: list[_Cell]) -> list[_Row]:
    """Rows from the name cells top down: a name line close under the last joins its row."""
    rows: list[_Row] = []
    for top, bottom, s, place in sorted(names):
        if rows and top - rows[-1].bottom < _ROW_GAP:
            rows[-1].name.append(s)
            rows[-1].bottom = bottom
        else:
            rows.append(_Row(top, bottom, place, [s]))
    return rows


def _table_rows(lines: list[Line], grade_x: float) -> list[tuple[str, str, str]]:
    """(name, grade, place) rows rebuilt from the table's lines by character x positions."""
    names, grades = _cells(lines, grade_x)
    rows = _rows_of_names(names)
    for top, bottom, s, place in sorted(grades):
        if not rows:
            rows.append(_Row(top, bottom, place))
        mid = (top + bottom) / 2
        min(rows, key=lambda r: r.distance(mid)).grade.append(s)
    return [(" ".join(r.name), " ".join(r.grade), r.place) for r in rows]


def judgement_table(body: list[Line], head: int) -> tuple[list[tuple[str, str]], int]:
    """The table whose header is body[head]: its (text, place) output lines, and the index
    in `body` of the first line after it."""
    grade_x = _grade_column_x(body[head])
    end = head + 1
    while end < len(body) and _is_table_line(body[end], grade_x):
        end += 1
    out = [("Judgement\tGrade", body[head].place)]
    out.extend((f"{name}\t{grade}", place)
               for name, grade, place in _table_rows(body[head + 1:end], grade_x))
    return out, end
