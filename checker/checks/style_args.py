"""The arguments of the house-style checks (checker/checks/style.py), declared
for validation when rules load: a misspelt key, a wrong type, a spelling group
or a data-file list that does not exist is a load error, not a rule that
silently uses its defaults."""

from __future__ import annotations

from typing import Literal

from checker.checks import Args, DataFile
from checker.checks.style_text import data_file


class Substitute(Args):
    """A form to avoid and what to use, with its own endings and exceptions."""
    use: str
    endings: list[str] | None = None
    not_after: list[str] | None = None
    not_before: list[str] | None = None


class SubstitutionArgs(Args):
    """Groups of a data file and/or inline `words` ({avoid: use})."""
    data: DataFile = "spelling.yaml"
    groups: list[str] | None = None  # default: every group of the data file
    words: dict[str, str | Substitute] | None = None
    label: str = "house spelling"
    endings: list[str] = [""]
    ignore_phrases: list[str] = []
    skip_names: bool = True

    def cross_check(self) -> None:
        groups = data_file(self.data).get("groups") or {}
        unknown = [g for g in self.groups or () if g not in groups]
        if unknown:
            raise ValueError(f"no group '{unknown[0]}' in rules/data/{self.data} "
                             f"(groups: {', '.join(groups)})")


class Variant(Args):
    """A spelling with the words it may not follow or precede."""
    spelling: str
    not_after: list[str] | None = None
    not_before: list[str] | None = None


class ConsistencyArgs(Args):
    """Sets of spellings of one word, inline and/or a data file's `data_key` list."""
    variants: list[list[str | Variant]] = []
    data: DataFile | None = None
    data_key: str = "variants"
    ignore_phrases: list[str] = []
    skip_names: bool = True

    def cross_check(self) -> None:
        has_list(self.data, self.data_key)


class NumberStyleArgs(Args):
    """Small figures to write as words, or large number words to write as figures."""
    find: Literal["small_figures", "large_words"] = "small_figures"
    figures: dict[str, str] = {}  # figure -> word ("1": one)
    words: dict[str, int] = {}  # number word -> value (ten: 10)
    not_after: list[str] = []
    not_before: list[str] = []


class LowerCaseTermsArgs(Args):
    """Terms inline and/or a data file's `data_key` list."""
    terms: list[str] = []
    data: DataFile | None = None
    data_key: str = "titles"
    ignore_phrases: list[str] = []
    plural: bool = True
    names: bool = True

    def cross_check(self) -> None:
        has_list(self.data, self.data_key)


def has_list(data: str | None, key: str) -> None:
    """A `data_key` is a list of the `data` file (args validation)."""
    if data and not isinstance(data_file(data).get(key), list):
        raise ValueError(f"rules/data/{data} has no list '{key}'")
