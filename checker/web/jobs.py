"""What a worker process does with one upload: check it, or annotate it.

The readers take a path, so an upload is written to a private temporary
folder (mode 0700) for as long as the check takes and removed before the
answer leaves the worker, whatever happens: nothing of a draft stays on disk.
The answer names the file as the user did, never the temporary path.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checker.api import check_file
from checker.engine.rules import load_rules
from checker.reading.readers import SUFFIXES

JSON = "application/json"
HTML = "text/html; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Answer:
    """A worker's answer: an HTTP status, the body and its media type."""
    status: int
    body: bytes
    media_type: str
    filename: str | None = None  # a download's name


def safe_name(name: str) -> str:
    """The upload's own file name, without any folder, as the user sees it."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    return base[:200] or "upload.txt"


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in SUFFIXES else ".txt"


def _checked(name: str, data: bytes, folder: str):
    path = os.path.join(folder, "upload" + _suffix(name))
    with open(path, "wb") as out:
        out.write(data)
    result = check_file(path, rules=load_rules())
    result.path = name
    return result, path


def check_uploads(files: list[tuple[str, bytes]], fmt: str) -> Answer:
    """`check --format json|html` of the uploads, in the order sent; 422 when
    one could not be checked (its reason is in the body)."""
    from checker.output import html
    from checker.output.render import render_json
    results = []
    for name, data in files:
        with tempfile.TemporaryDirectory(prefix="report-checker-") as folder:
            results.append(_checked(safe_name(name), data, folder)[0])
    if fmt == "json":
        body, media = render_json(results), JSON
    else:
        body, media = html.render(results, load_rules()), HTML
    status = 422 if any(r.error for r in results) else 200
    return Answer(status, body.encode("utf-8"), media)


def annotate_upload(name: str, data: bytes) -> Answer:
    """The draft with a Word comment on each error and warning, as a download."""
    from dataclasses import replace

    from checker.reading.word import annotate_docx
    name = safe_name(name)
    if _suffix(name) != ".docx":
        return _problem(422, f"{name}: only a Word draft (.docx) can be annotated")
    with tempfile.TemporaryDirectory(prefix="report-checker-") as folder:
        result, path = _checked(name, data, folder)
        if result.error:
            return _problem(422, f"{name}: cannot check: {result.error}")
        result = replace(result, diagnostics=[d for d in result.diagnostics
                                              if d.severity != "info"])
        out = os.path.join(folder, "annotated.docx")
        try:
            annotate_docx(path, out, result)
        except (OSError, ValueError) as exc:
            return _problem(422, f"{name}: cannot annotate: {exc}")
        with open(out, "rb") as copy:
            body = copy.read()
    return Answer(200, body, DOCX, filename=Path(name).stem + "-checked.docx")


def _problem(status: int, message: str) -> Answer:
    import json
    return Answer(status, json.dumps({"error": message}).encode("utf-8"), JSON)
