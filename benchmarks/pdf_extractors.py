"""Benchmark: which PDF text extractor to build the PDF reader on.

    .venv/bin/python benchmarks/pdf_extractors.py [--sample N | --all] [--corpus DIR]

For pypdf, pypdfium2 and pdfplumber, on a sample of the corpus PDFs spread over
2018-2026 (default 8; --all for the 64), measures
  * the time to extract a whole report's text (all pages, in process, after a warm-up);
  * whether the judgement table comes out usable from that PLAIN text: a row is
    usable when a line parser finds "judgement name ... grade" on one line;
  * whether it comes out usable with the library's LAYOUT help: pdfplumber's
    `extract_tables()` on page 1, pypdf's `extraction_mode="layout"` on page 1 split at
    the "Grade" column (rows separated by blank lines), and for pypdfium2 the checker's
    reader (`checker.reading.pdf.read_pdf`, character boxes; its time is the whole reader:
    extraction and layout of the report);
rows counted correct when judgement and grade equal grades.csv (one erratum, below).
Prints a table. The corpus is not in the repository (default: ../shared/corpus).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

JUDGEMENTS = {
    "leadership": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and "
                           "protection",
    "children_in_care": "The experiences and progress of children in care",
    "children_in_care_2018": "The experiences and progress of children in care and care "
                             "leavers",
    "care_leavers": "The experiences and progress of care leavers",
    "overall_effectiveness": "Overall effectiveness",
}
COLUMNS = {"impact_of_leaders_grade": "leadership",
           "help_and_protection_grade": "help_and_protection",
           "in_care_grade": "children_in_care", "care_leavers_grade": "care_leavers",
           "overall_effectiveness_grade": "overall_effectiveness"}
NO_ROW = {"inspection_pre_dates_judgement", "not_reported_post_reform"}
# grades.csv has Rochdale 2018's children in care as requires improvement; its PDF prints Good.
ERRATA = {("rochdale-2018-01-80542.pdf", "children_in_care"): "good"}
GRADE = re.compile(r"(requires? improvement(?: to be good)?|outstanding|good|inadequate)\s*$",
                   re.I)


def expected_rows(corpus: Path) -> dict[str, dict[str, str]]:
    with open(corpus / "grades.csv", newline="", encoding="utf-8") as f:
        out = {row["file"]: {j: row[c].strip().lower().replace(" ", "_")
                             for c, j in COLUMNS.items() if row[c].strip() not in NO_ROW}
               for row in csv.DictReader(f)}
    for (name, judgement), grade in ERRATA.items():
        if name in out:
            out[name][judgement] = grade
    return out


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def grade_id(text: str) -> str:
    t = " ".join(_words(text))
    return "requires_improvement" if t.startswith("require") else t


def judgement_id(name: str) -> str | None:
    """The judgement a row names: the closest name, word by word, if it is close enough
    to be the whole name (Manchester's "... of children care leavers" is; a name cut at
    the cell's line end, "The experiences and progress of", is not)."""
    ratios = {j: difflib.SequenceMatcher(None, _words(name), _words(n)).ratio()
              for j, n in JUDGEMENTS.items()}
    best = max(ratios, key=ratios.get)
    if ratios[best] < 0.85:
        return None
    return "children_in_care" if best == "children_in_care_2018" else best


def score(rows: list[tuple[str, str]], expected: dict[str, str]) -> int:
    """How many expected (judgement, grade) rows the extracted rows give right."""
    got = {}
    for name, grade in rows:
        if name.strip() and grade.strip():
            got.setdefault(judgement_id(name), grade_id(grade))
    return sum(got.get(j) == g for j, g in expected.items())


def rows_from_plain_text(text: str) -> list[tuple[str, str]]:
    """A line parser's reading: lines that start like a judgement and end with a grade."""
    rows = []
    for line in text.splitlines():
        line = " ".join(line.split())
        m = GRADE.search(line)
        if m and re.match(r"(The (impact|experiences?)|Overall effectiveness)\b", line):
            name = line[:m.start()].strip()
            if len(_words(name)) >= 2:
                rows.append((name, m.group(1)))
    return rows


def rows_from_layout_text(text: str) -> list[tuple[str, str]]:
    """pypdf layout mode: split at the 'Grade' column; a blank line ends a row."""
    lines = text.splitlines()
    head = next((i for i, ln in enumerate(lines) if re.search(r"Judgement\s+Grade", ln)), None)
    if head is None:
        return []
    gx = lines[head].index("Grade")
    rows, cur = [], None
    for ln in lines[head + 1:]:
        if not ln.strip():
            cur = None
            continue
        if len(ln.rstrip()) > gx and ln[max(0, gx - 2):gx].strip():
            break   # running text across the column: the table is over
        left, right = ln[:gx].strip(), ln[gx:].strip()
        if cur is None:
            cur = [[], []]
            rows.append(cur)
        cur[0].append(left)
        cur[1].append(right)
    return [(" ".join(filter(None, n)), " ".join(filter(None, g))) for n, g in rows]


# ------------------------------------------------------------- extractors ----

def pypdf_text(path):
    import pypdf
    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages)


def pypdf_table(path):
    import pypdf
    page = pypdf.PdfReader(path).pages[0]
    return rows_from_layout_text(page.extract_text(extraction_mode="layout"))


def pdfium_text(path):
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def pdfium_table(path):
    from checker.reading.pdf import read_pdf
    return [tuple(ln.split("\t", 1)) for ln in read_pdf(path).original_lines
            if "\t" in ln and not ln.startswith("Judgement\t")]


def plumber_text(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def plumber_table(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for table in pdf.pages[0].extract_tables():
            if table and table[0] and (table[0][0] or "").strip().startswith("Judgement"):
                return [(" ".join((r[0] or "").split()), " ".join((r[-1] or "").split()))
                        for r in table[1:] if len(r) >= 2]
    return []


EXTRACTORS = [
    ("pypdf", pypdf_text, pypdf_table, "page 1 in layout mode, split at 'Grade'"),
    ("pypdfium2", pdfium_text, pdfium_table, "checker.reading.pdf.read_pdf: whole report laid out"),
    ("pdfplumber", plumber_text, plumber_table, "page 1 extract_tables()"),
]


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def version(module: str) -> str:
    from importlib.metadata import version as v
    return v(module)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--sample", type=int, default=8)
    ap.add_argument("--all", action="store_true")
    args = ap.parse_args()
    if not (args.corpus / "pdf").is_dir():
        sys.exit(f"no corpus at {args.corpus} (--corpus DIR: a folder with pdf/ and grades.csv)")
    expected = expected_rows(args.corpus)
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"),
                  key=lambda p: (re.search(r"-(\d{4}-\d\d)-", p.name).group(1), p.name))
    if not args.all and args.sample < len(pdfs):
        step = len(pdfs) / args.sample
        pdfs = [pdfs[int(i * step)] for i in range(args.sample)]
    print(f"{len(pdfs)} reports: " + ", ".join(p.stem.rsplit("-", 1)[0] for p in pdfs))
    total_rows = sum(len(expected[p.name]) for p in pdfs)
    header = ("| extractor | version | text, s per report (mean / max) | table rows right "
              "from plain text | table with layout help | its time, s per report (mean) "
              "| rows right with layout help |")
    print()
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for name, text_fn, table_fn, how in EXTRACTORS:
        text_fn(str(pdfs[0]))   # warm: imports, font caches
        table_fn(str(pdfs[0]))
        text_times, table_times, plain_ok, layout_ok = [], [], 0, 0
        for pdf in pdfs:
            text, t = timed(text_fn, str(pdf))
            text_times.append(t)
            plain_ok += score(rows_from_plain_text(text), expected[pdf.name])
            rows, t = timed(table_fn, str(pdf))
            table_times.append(t)
            layout_ok += score(rows, expected[pdf.name])
        print(f"| {name} | {version(name)} | {statistics.mean(text_times):.3f} / "
              f"{max(text_times):.3f} | {plain_ok}/{total_rows} | {how} | "
              f"{statistics.mean(table_times):.3f} | {layout_ok}/{total_rows} |")


if __name__ == "__main__":
    main()
