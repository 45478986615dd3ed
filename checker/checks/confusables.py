"""confusable_words: a word written where its neighbour belongs.

A spellchecker accepts "appraised" and "apprised", "practise" and "practice",
"principle" and "principal": each is a word, so the slip reaches publication
("senior and political leaders are also fully appraised of ..."). Which word
is right is decided by the words around it, so each entry of the data file
(rules/data/confusables.yaml) is the word to write, the word written
instead, what each means, and the contexts (regular expressions, letter case
ignored) in which the written word can only be the slip. An entry ships only
when its contexts raised at most one false alarm on the shared corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker.checks import Args, DataFile, Finding, check
from checker.checks.patterns import NODE_NAMES, matches_in
from checker.datafiles.resources import data_dir
from checker.datafiles.yamlfile import DataFileError, load_yaml
from checker.engine import regexes
from checker.engine.analysis import Analysis
from checker.engine.textscan import BlockTexts


@dataclass(frozen=True)
class Confusable:
    write: str  # the word that belongs
    instead: str  # the word written for it
    means: str  # what tells them apart, for the message
    context: re.Pattern  # where `instead` can only be the slip
    forms: frozenset  # `instead` as runs of letters in the report's word index ("practicing")
    strings: tuple = ()  # forms that are no run of letters ("it's"): looked for in its text

    def may_be_in(self, texts: BlockTexts) -> bool:
        """False only when the report's text (its words, its lower-cased
        text) holds no form."""
        if texts.words is None or texts.joined is None:
            return True
        return bool(self.forms & texts.words) or any(map(texts.contains, self.strings))


@cache  # a pure function of the data file (its name)
def confusables(name: str) -> tuple[Confusable, ...]:
    path = data_dir("rules") / "data" / name
    data = load_yaml(path) or {}
    found = []
    for n, entry in enumerate(data.get("confusables") or (), start=1):
        if not isinstance(entry, dict) or not {"write", "instead", "means", "contexts"} <= \
                entry.keys():
            raise DataFileError(f"{path}: entry {n} needs write, instead, means and contexts")
        for context in entry["contexts"]:
            reason = regexes.unsafe_reason(context)
            if reason:
                raise DataFileError(f"{path}: entry {n} ({entry['instead']}): {reason}")
            forms = [str(f).lower() for f in entry.get("forms") or [entry["instead"]]]
            letters = frozenset(f for f in forms if f.isascii() and f.isalpha())
            found.append(Confusable(entry["write"], entry["instead"], entry["means"],
                                    re.compile(context, re.IGNORECASE), letters,
                                    tuple(f for f in forms if f not in letters)))
    return tuple(found)


class ConfusablesArgs(Args):
    """The data file of confusable words, and optionally only some of them."""
    data: DataFile
    only: list[str] = []  # the `instead` words to look for; default all


@check("confusable_words", provides=("match", "write", "instead", "means", "node"),
       scoped=True, args=ConfusablesArgs)
def confusable_words(report, framework, args):
    report = Analysis.of(report)
    only = set(args.get("only") or ())
    texts = report.block_texts()
    for entry in confusables(args["data"]):
        if only and entry.instead not in only or not entry.may_be_in(texts):
            continue
        # one search of the report's text finds the few blocks to read
        for kind, block, m in matches_in(report, entry.context, False):
            yield Finding.within(block, m.start(), m.end(), match=m.group(0),
                                 write=entry.write, instead=entry.instead,
                                 means=entry.means, node=NODE_NAMES.get(kind, kind))
