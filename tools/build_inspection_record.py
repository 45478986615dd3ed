"""Build rules/data/inspection-record.yaml: Ofsted's published judgements, by
local authority and inspection, from a CSV of the public scraper's shape.

The source is the CSV the public scraper JT-39/ofsted-ilacs-scrape-tool
writes (MIT code; the data are Ofsted's, Open Government Licence v3.0): one
row per published report, with `local_authority`, `publication_date`,
`inspection_framework` (`standard`/`short` for ILACS, empty before),
`inspection_start_date`, `inspection_end_date` and one `*_grade` column per
judgement. A scrape has errors, so the build cleans it: grades are read from
whatever text the cell holds ("to requires improvement"), cells saying
`data_unreadable`, `inspection_pre_dates_judgement` or
`not_reported_post_reform` become no grade, and CORRECTIONS (read in the published PDFs) replace the
rows known to be wrong. The file records its source, the day it was built
and the corrections, so a message can say what the record is.

    python tools/build_inspection_record.py CSV [OUT]

OUT defaults to rules/data/inspection-record.yaml.

`report-checker update-record CSV` does the same into the user's data folder,
where the FCT003 rule finds it before the copy shipped with the checker.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.datafiles.record import build_record, write_record  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    out = Path(args[1]) if len(args) > 1 else ROOT / "rules" / "data" / "inspection-record.yaml"
    record = build_record(Path(args[0]))
    write_record(record, out)
    print(f"wrote {len(record['inspections'])} inspections to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
