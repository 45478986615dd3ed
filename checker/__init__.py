"""report-checker: a rule-based consistency checker for Ofsted inspection
reports on English local authority children's services.

Architecture, in the order a document flows through it:
source (read and normalise, with a source map) -> detect (kind) -> parser
(Lark grammar -> document model) -> rules (YAML) calling checks -> render -> cli.
"""

__version__ = "0.1.0"


def check(path_or_text, kind=None, select=(), ignore=()):
    """Check a report: a path (str or os.PathLike; .txt, .md, .docx or .pdf) or
    the report's text. Returns a `Result` (checker.api.FileResult):

    - `result.error`: None, or why the document could not be checked;
    - `result.kind`, `result.framework`: what it was read as;
    - `result.diagnostics`: findings with `rule`, `severity`, `message`, `line`,
      `column`, `end_line`, `end_column`, `related`;
    - `result.report`: the document model (checker/parsing/model.py);
    - `result.to_json()`: the JSON shape of `check --format json`.

    `select`/`ignore` take rule ids, prefixes, names or tags, as on the
    command line. Never raises for a bad document; raises DataFileError only
    for broken rule files.
    """
    import os

    from checker.api import check_file, check_text
    from checker.engine.config import Config
    from checker.engine.rules import load_rules
    rules = Config(select=tuple(select), ignore=tuple(ignore)).rules_for(
        load_rules(), str(path_or_text) if isinstance(path_or_text, os.PathLike) else "")
    if isinstance(path_or_text, os.PathLike) or (
            isinstance(path_or_text, str) and "\n" not in path_or_text
            and os.path.exists(path_or_text)):
        return check_file(path_or_text, kind, rules)
    return check_text(str(path_or_text), kind=kind, rules=rules)


def __getattr__(name):
    # `checker.Result` without importing the whole checker at `import checker`
    if name == "Result":
        from checker.api import FileResult
        return FileResult
    raise AttributeError(name)
