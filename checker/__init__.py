"""report-checker: a rule-based consistency checker for Ofsted inspection
reports on English local authority children's services.

Architecture, in the order a document flows through it:
source (read and normalise, with a source map) -> detect (kind) -> parser
(Lark grammar -> document model) -> rules (YAML) calling checks -> render -> cli.
"""

__version__ = "0.1.0"


def check(path_or_text, kind=None):
    """Check a file path or a report's text; returns checker.api.FileResult."""
    import os

    from checker.api import check_file, check_text
    if isinstance(path_or_text, os.PathLike) or (
            isinstance(path_or_text, str) and "\n" not in path_or_text
            and os.path.exists(path_or_text)):
        return check_file(path_or_text, kind)
    return check_text(str(path_or_text), kind=kind)
