"""The schema of a rule entry's inline fixtures (`tests:`) and runnable example.

A rule is one entry of a pack file: its docs, its messages and the cases that
prove it, in sqlfluff's pass_str/fail_str shape. A rule needs a whole report
to fire (a judgement table, sections, a letter's layout), so a case names a
short, complete, valid base report (tests/rules/bases/NAME.txt, or
`document:` a real published one) and says what to change in it:

    tests:
      base: ilacs-2023                 # default: chosen by the rule's kinds
      pass:
        - The rationale for the decision was clear.      # text put at {text}
      fail:
        - text: The rational for the decision was clear.
          finds: the rational for      # one entry per finding: a phrase of its
                                       # message, or words it flags
        - replace: [["9. Most", "1. Most"]]              # exact, unique edits
          finds: [restarts at 1]
          also: [{rule: SEC002, finds: heading says}]    # deliberate knock-ons

The docs' `example` is a fail case too: a string is text put at the base's
{text} place; a mapping is a case (text or replace, with an optional `note`
for the reader), shown to readers as the text it puts in. Loading moves
it to the front of `tests.fail`, so the fixture runner
(tests/test_rule_fixtures.py) runs it like any other.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

# A short base report (tests/rules/bases/NAME.txt) or a real document's file name.
_BASE = r"^[a-z0-9][a-z0-9-]*$"
_DOCUMENT = r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$"
EXAMPLE_NAME = "the docs' example"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Also(_Strict):
    """A deliberate knock-on finding of another rule (error or warning)."""

    rule: str = Field(pattern=r"^[A-Z]{2,5}[0-9]{3}$")
    finds: str = Field(min_length=1)


class Case(_Strict):
    """One pass or fail case: a base report, and the change made to it."""

    name: str | None = None
    base: str | None = Field(default=None, pattern=_BASE)
    document: str | None = Field(default=None, pattern=_DOCUMENT)
    text: str | None = Field(default=None, min_length=1)
    replace: list[Annotated[list[str], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list)
    finds: list[str] = Field(default_factory=list)
    also: list[Also] = Field(default_factory=list)
    note: str | None = None  # for the reader of the docs' example

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        """A bare string is the text of a case; `finds` may be one phrase."""
        if isinstance(value, str):
            return {"text": value}
        if isinstance(value, dict) and isinstance(value.get("finds"), str):
            return {**value, "finds": [value["finds"]]}
        return value

    @model_validator(mode="after")
    def _one_base(self):
        if self.base and self.document:
            raise ValueError("a case names a base or a document, not both")
        return self


class Tests(_Strict):
    base: str | None = Field(default=None, pattern=_BASE)
    pass_: list[Case] = Field(default_factory=list, alias="pass")
    fail: list[Case] = Field(default_factory=list)

    @model_validator(mode="after")
    def _finds(self):
        """A fail case says what it finds (the number of findings is checked);
        a pass case finds nothing."""
        for i, case in enumerate(self.fail):
            if not case.finds:
                raise ValueError(f"fail case {i + 1} ({case.name or case.text or 'unnamed'}) "
                                 "has no 'finds'")
        for i, case in enumerate(self.pass_):
            if case.finds:
                raise ValueError(f"pass case {i + 1} has 'finds'; a pass case finds nothing")
        return self


def fold_example(entry: dict) -> None:
    """Make the docs' example a displayed string and the first fail case.

    `entry` is a validated rule entry as plain data (changed in place)."""
    case = {**entry["docs"]["example"], "name": EXAMPLE_NAME}
    entry["docs"]["example"] = shown(case)
    if entry.get("tests") is not None:
        entry["tests"]["fail"] = [case] + entry["tests"]["fail"]


def shown(case: dict) -> str:
    """The example as readers see it (`report-checker rule ID`): its text, or
    the text each edit puts in (the lines an edit only takes out, as "- "
    lines); then its note."""
    parts = [case["text"]] if case.get("text") else []
    for old, new in case.get("replace") or ():
        parts.append(new.strip("\n") if new.strip() else
                     "\n".join(f"- {line}" for line in old.strip("\n").split("\n")))
    if case.get("note"):
        parts.append(case["note"].strip())
    return "\n".join(parts) + "\n"
