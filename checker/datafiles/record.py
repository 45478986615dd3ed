"""The record of Ofsted's published judgements, by local authority and inspection.

Built from a CSV of the public scraper's shape (tools/build_inspection_record.py,
or `report-checker update-record CSV`), cleaned, and kept as YAML with its
source, the day it was built and the corrections applied. The copy in the
user's data folder (`report-checker update-record` writes it) is read before
the one shipped in rules/data/, so a team can refresh the record from a CSV
it downloads without reinstalling.
"""

from __future__ import annotations

import csv
import os
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

from checker.datafiles.resources import data_dir

RECORD_FILE = "inspection-record.yaml"
SOURCE = ("Ofsted's published judgements, as scraped by JT-39/ofsted-ilacs-scrape-tool "
          "(data: Ofsted, Open Government Licence v3.0)")
JUDGEMENTS = {"overall_effectiveness_grade": "overall_effectiveness",
              "impact_of_leaders_grade": "leadership",
              "help_and_protection_grade": "help_and_protection",
              "in_care_grade": "children_in_care", "care_leavers_grade": "care_leavers"}
# Rows of the scrape known to be wrong, read in the published PDFs
# (../shared/judgements/README.md): authority, inspection start (year, month)
# -> the grades the report prints.
_RI, _GOOD = "requires_improvement", "good"
CORRECTIONS = {
    ("nottingham", 2018, 11): {"overall_effectiveness": _RI, "leadership": _RI,
                               "help_and_protection": _RI, "children_in_care": _RI},
    ("southend on sea", 2019, 7): {"overall_effectiveness": _RI, "leadership": _RI,
                                   "help_and_protection": _RI, "children_in_care": _RI},
    ("st helens", 2023, 7): {"overall_effectiveness": _GOOD, "leadership": _GOOD,
                             "help_and_protection": _RI, "children_in_care": _GOOD,
                             "care_leavers": "outstanding"},
    ("oxfordshire", 2018, 4): {"overall_effectiveness": _GOOD, "leadership": _GOOD,
                               "help_and_protection": _RI, "children_in_care": _GOOD,
                               "care_leavers": _GOOD},
}
_STRIP = re.compile(r"\b(?:metropolitan borough council|borough council|city council|"
                    r"county council|council|london borough of|royal borough of|city of|the)\b")


def authority_key(name: str) -> str:
    """One spelling of an authority for matching a report with the record:
    "Rochdale Borough Council", "rochdale" -> "rochdale"."""
    name = name.lower().replace("’", "'").replace("&", "and").replace("-", " ")
    return " ".join(_STRIP.sub(" ", name).split())


def grade_id(text: str | None) -> str | None:
    """The grade a scraped cell holds, whatever else it says; None for none."""
    text = (text or "").lower()
    for words, grade in (("outstanding", "outstanding"), ("inadequate", "inadequate"),
                         ("improvement", "requires_improvement")):
        if words in text:
            return grade
    return "good" if re.search(r"\bgood\b", text) else None


def _day(text: str, formats=("%d/%m/%Y", "%d/%m/%y")) -> date | None:
    for fmt in formats:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _row(row: dict) -> dict:
    start = _day(row.get("inspection_start_date", ""))
    end = _day(row.get("inspection_end_date", ""))
    grades = {key: grade_id(row.get(column)) for column, key in JUDGEMENTS.items()}
    entry = {"authority": authority_key(row.get("local_authority", "")),
             "framework": (row.get("inspection_framework") or "").strip() or None,
             "start": start, "end": end, "published": _day(row.get("publication_date", "")),
             "grades": {k: v for k, v in grades.items() if v}}
    fix = CORRECTIONS.get((entry["authority"], start.year, start.month)) if start else None
    if fix:
        entry["grades"], entry["corrected"] = dict(fix), True
    return entry


NEEDED = ("local_authority", "publication_date", "inspection_framework",
          "inspection_start_date", "inspection_end_date", *JUDGEMENTS)


def build_record(csv_path: Path) -> dict:
    """The record from a scraper CSV: every row, cleaned, in order of
    authority and date. ValueError when the CSV lacks a column it needs."""
    with open(csv_path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in NEEDED if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{csv_path}: not a CSV of Ofsted's judgements in the scraper's "
                             f"shape: no column {', '.join(missing)}")
        rows = [_row(r) for r in reader]
    rows = [r for r in rows if r["authority"]]
    rows.sort(key=lambda r: (r["authority"], r["start"] or r["published"] or date.min))
    return {"source": SOURCE, "built": date.today(), "from": Path(csv_path).name,
            "corrections": [f"{a} {y}-{m:02d}" for a, y, m in CORRECTIONS],
            "inspections": rows}


def write_record(record: dict, path: Path) -> None:
    import yaml

    from checker.datafiles.atomic import write_text_atomically
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# Ofsted's published judgements by local authority and inspection: built by\n"
            "# tools/build_inspection_record.py (or report-checker update-record); do not\n"
            "# edit by hand. Grades are ILACS grade ids; a pre-2018 report has none.\n")
    write_text_atomically(path, text + yaml.safe_dump(record, sort_keys=False, width=100))


def user_record_path() -> Path:
    """$REPORT_CHECKER_DATA_DIR, else $XDG_DATA_HOME/report-checker, else
    ~/.local/share/report-checker: the record `update-record` writes."""
    return Path(_user_record_file())


def _user_record_file() -> str:
    # os.path on strings: this is looked up for every report checked, and
    # pathlib's objects cost more than the rule's own work
    base = os.environ.get("REPORT_CHECKER_DATA_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"),
        "report-checker")
    return os.path.join(base, RECORD_FILE)


@cache  # where the package's data is does not change while it runs
def _shipped_record() -> Path:
    return data_dir("rules") / "data" / RECORD_FILE


def record_path() -> Path:
    user = _user_record_file()
    return Path(user) if os.path.isfile(user) else _shipped_record()


def load_record() -> dict:
    """The record (the user's copy if there is one), with `by_authority`:
    authority key -> its inspections."""
    return _load(record_path())


@cache  # a pure function of the file's path (a record is rebuilt, not edited)
def _load(path: Path) -> dict:
    from checker.datafiles.yamlfile import load_yaml
    data = load_yaml(path) or {}
    by_authority: dict[str, list[dict]] = {}
    for entry in data.get("inspections") or ():
        by_authority.setdefault(entry.get("authority", ""), []).append(entry)
    return {**data, "by_authority": by_authority}
