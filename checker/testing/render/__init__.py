"""Rendering a report model as the checker's real inputs.

- `render_text(model)` (render/text.py): the text of a published report, and
  where each part of the model went (`Rendered`), so a test can say "this
  rule must fire at this line";
- `render_docx(model, path)` (render/word.py): a Word draft with Word's
  automatic paragraph numbering, for `checker.api.check_file`.

The model itself (`ReportModel`, `Row`, `Section`, `Paragraph`, `Layout`) and
the round-trip comparison (`parts`, `report_parts`) live in
checker.testing.model; they are importable from here too, as they always
were. Nothing here needs hypothesis: the renderers serve any test.
"""

from checker.testing.model import (
    Layout,
    Paragraph,
    ReportModel,
    Row,
    Section,
    format_date,
    format_range,
    parts,
    renumber,
    report_parts,
)
from checker.testing.render.text import Rendered, render_text
from checker.testing.render.word import render_docx

__all__ = [
    "Row", "Paragraph", "Section", "Layout", "ReportModel", "Rendered",
    "render_text", "render_docx", "parts", "report_parts", "format_date",
    "format_range", "renumber",
]
