"""The version of report-checker, in a module of its own that imports
nothing: any module may read it without importing the whole package."""

__version__ = "0.1.0"
