#!/usr/bin/env bash
# A screenshot of the HTML report (docs/output.md): checks a draft with errors (a
# copy of samples/rochdale-ilacs-2023.txt with five slips put in) and the four
# samples, renders them to one HTML page, and takes PNG screenshots with
# headless Chromium (Debian's package `chromium`; nothing is downloaded).
#
#   bash benchmarks/screenshot.sh [OUTDIR]      (default: /tmp/report-checker-screenshot)
#
# Writes OUTDIR/report.html and OUTDIR/report.png (the top of the page:
# summary, files, the draft's findings and judgement table), and
# OUTDIR/report-text.png (the draft's marked text with the notes beside it,
# from OUTDIR/report-text.html).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-${TMPDIR:-/tmp}/report-checker-screenshot}"
PYTHON="${PYTHON:-.venv/bin/python}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
WIDTH="${WIDTH:-1400}"
HEIGHT="${HEIGHT:-1800}"
[ -x "$CHROMIUM" ] || { echo "screenshot.sh: no Chromium at $CHROMIUM (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$OUT/drafts"
OUT="$(cd "$OUT" && pwd)"

"$PYTHON" - "$OUT" <<'PY'
import sys
from pathlib import Path

from checker.api import check_file
from checker.cli import collect
from checker.output.html import render
from checker.engine.rules import load_rules

out = Path(sys.argv[1])
text = Path("samples/rochdale-ilacs-2023.txt").read_text(encoding="utf-8")
slips = [  # each occurs once in the sample
    ("Overall effectiveness\tRequires improvement to be good", "Overall effectiveness\tGood"),
    ("children in care: requires improvement to be good", "children in care: good"),
    ("\n19. Most children live", "\n18. Most children live"),
    ("- The response to disabled children.\n",
     "- The response to disabled children.\n- The upkeep of the council's fleet of electric minibuses.\n"),
    ("Assessments are thorough", "Assessments are thorough and child centered"),
]
for old, new in slips:
    assert text.count(old) == 1, old
    text = text.replace(old, new)
draft = out / "drafts" / "rochdale-ilacs-2023-draft.txt"
draft.write_text(text, encoding="utf-8")
rules = load_rules()
results = [check_file(f, None, rules) for f in [str(draft), *collect(("samples",))]]
results[0].path = "drafts/rochdale-ilacs-2023-draft.txt"  # as a reviewer would name it
(out / "report.html").write_text(render(results, rules), encoding="utf-8")
# Headless Chromium does not paint a page scrolled to a #fragment, so the
# marked-text picture is the draft's page with everything above the text hidden.
hide = "<style>.page-head,.files-nav,.file-head,.findings,.judgements,.evidence{display:none}</style>"
page = render(results[:1], rules)
(out / "report-text.html").write_text(page.replace("</head>", hide + "</head>", 1),
                                      encoding="utf-8")
PY

shot() {  # shot URL PNG: one bounded headless run with a fresh profile
  local profile
  profile="$(mktemp -d)"
  timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$WIDTH,$HEIGHT" \
    --virtual-time-budget=2000 --screenshot="$2" "$1" >/dev/null 2>&1 || true
  rm -rf "$profile"
  [ -s "$2" ] || { echo "screenshot.sh: Chromium wrote no $2" >&2; exit 1; }
}
shot "file://$OUT/report.html" "$OUT/report.png"
shot "file://$OUT/report-text.html" "$OUT/report-text.png"
echo "$OUT/report.html"
echo "$OUT/report.png"
echo "$OUT/report-text.png"
