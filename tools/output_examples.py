"""Write the documentation site's output examples from the samples (docs/examples/).

Each example is what the installed command prints on a real sample today,
written at build time (`make docs`) and included in docs/output.md, so the
documented output cannot drift from the program's. The commands are shown
beside their output in the page; this file is the one place they are run.

    python tools/output_examples.py [DOCS_DIR]      # default: docs/
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.cli import main as cli  # noqa: E402

OLDHAM = "samples/oldham-ilacs-2019.txt"
ROCHDALE = "samples/rochdale-ilacs-2023.txt"

# name -> (the command's arguments, as the page shows them, and how many
# lines of its output the page keeps: None for all)
EXAMPLES = {
    "text.txt": (["check", OLDHAM], None),
    "text-info.txt": (["check", "--show-info", "--select", "SUP", ROCHDALE], 12),
    "json.json": (["check", "--format", "json", "--select", "SEC002", OLDHAM], None),
    "markdown.md": (["check", "--format", "markdown", "--select", "SEC002,DAT002", OLDHAM], None),
    "github.txt": (["check", "--format", "github", "--select", "SEC002", OLDHAM], None),
    "junit.xml": (["check", "--format", "junit", "--select", "SEC002", OLDHAM], None),
    "gitlab.json": (["check", "--format", "gitlab", "--select", "SEC002", OLDHAM], None),
    "sarif.json": (["check", "--format", "sarif", "--select", "SEC002", OLDHAM], 40),
    "parse.txt": (["parse", ROCHDALE], 30),
    "parse-json.json": (["parse", "--format", "json", ROCHDALE], None),
    "parse.csv": (["parse", "--format", "csv", "samples/"], None),
}


def _output(args: list[str]) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)  # the paths in the output are those the page shows
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(cwd)
    if result.exit_code not in (0, 1):
        raise SystemExit(f"report-checker {' '.join(args)}: exit {result.exit_code}\n"
                         f"{result.output}")
    return result.output


def _model_excerpt(text: str) -> str:
    """The document model with its long lists cut to their first entries:
    the page shows the shape, and the whole is a command away."""
    data = json.loads(text)
    report = data["files"][0]
    for key, keep in (("judgements", 2), ("summary", 1), ("improvements", 2),
                      ("sections", 1)):
        report[key] = report[key][:keep]
    for section in report["sections"]:
        section["paragraphs"] = section["paragraphs"][:1]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def example(name: str) -> str:
    args, keep = EXAMPLES[name]
    out = _output(args)
    if name == "parse-json.json":
        return _model_excerpt(out)
    if name.endswith(".json") and keep is None:
        out = json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    if keep is not None:
        kept = out.splitlines()
        out = "\n".join(kept[:keep]) + ("\n..." if len(kept) > keep else "") + "\n"
    return out


# The Word example: Rochdale's published report as a Word draft (built by the
# tests' Word builder, automatic numbering and all) with three slips a draft
# might carry: an overall grade the other judgements do not allow, a section
# heading whose grade disagrees with the table, and a neighbour's name.
WORD_SLIPS = (
    ("Overall effectiveness\tRequires improvement to be good",
     "Overall effectiveness\tOutstanding"),
    ("The experiences and progress of care leavers: requires improvement to be good",
     "The experiences and progress of care leavers: good"),
    ("1. Children in Rochdale benefit", "1. Children in Oldham benefit"),
)


def word_example() -> str:
    """What `check --annotate-docx` says about a Word draft with three slips."""
    sys.path.insert(0, str(ROOT / "tests"))
    from wordbuild import docx_from_text  # the tests' builder: python-docx, test extras

    text = (ROOT / ROCHDALE).read_text(encoding="utf-8")
    for old, new in WORD_SLIPS:
        if text.count(old) != 1:
            raise SystemExit(f"the Word example's slip no longer applies: {old!r}")
        text = text.replace(old, new)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            docx_from_text(text, "draft.docx")
            result = CliRunner().invoke(
                cli, ["check", "--annotate-docx", "draft-checked.docx", "draft.docx"],
                catch_exceptions=False)
        finally:
            os.chdir(cwd)
    return result.output


def write(docs: Path) -> int:
    folder = docs / "examples"
    folder.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLES:
        (folder / name).write_text(example(name), encoding="utf-8")
    (folder / "word.txt").write_text(word_example(), encoding="utf-8")
    return len(EXAMPLES) + 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs = Path(args[0]) if args else ROOT / "docs"
    print(f"wrote {write(docs)} output examples to {docs / 'examples'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
