"""report-checker: a rule-based consistency checker for Ofsted inspection
reports on English local authority children's services.

Architecture, in the order a document flows through it:
reading (text, Word, PDF -> one source text with places) -> parsing (kind,
Lark grammar -> document model) -> engine (rule files, configuration, the
runner) calling checks -> output (text, JSON, the formats) -> cli and api.

`checker.check` and `checker.Result` are the Python API (checker/api.py owns
them); they are looked up when first used, so `import checker` stays light
and no module below the API imports the package for them.
"""

from checker.version import __version__

__all__ = ["Result", "__version__", "check"]


def __getattr__(name):
    if name in ("check", "Result"):
        from checker import api
        return api.check if name == "check" else api.FileResult
    raise AttributeError(name)
