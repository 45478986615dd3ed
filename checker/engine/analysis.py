"""The per-report analysis: one report as every check sees it, and the work
several checks share, done once.

The runner makes one Analysis per report and hands it to each check in
place of the report. Attribute access reads through to the report (a check
reads `report.summary` as before), and what many checks would otherwise
each redo is computed the first time one asks, then kept for the others:
the running text's blocks, the lower-cased text and word set of each text,
the joined text and word union of a run of blocks, the evidence index of
the improvement support rules, and whatever a check module shares between
its own rules (`shared()`: the abbreviation scan that three rules read).
Nothing is kept between reports: the next report gets a new Analysis, so
no cache is keyed by an object's identity and none needs evicting.

A check called on a bare Report (a test, a plugin, a renderer) calls
`Analysis.of(report)` first and gets a fresh analysis for it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from checker.engine.support import SupportIndex, load_vocabulary
from checker.engine.textscan import BlockTexts, TextIndex
from checker.engine.topic_index import TopicIndex
from checker.engine.vocabulary import common_wordings, topic_vocabulary
from checker.parsing.model import TEXT_NODES, Report

_RUNNING_TEXT = frozenset(TEXT_NODES)
# A loose wording at least half the reports of a kind use ("seen", "place",
# "young people") is no passing mention of a topic worth quoting in a
# message; "right level" (for thresholds, in 38% of ILACS reports) is.
_UNQUOTED_FROM = 0.5


class Analysis:
    """One report, with the work the checks share. See the module docstring.

    Attributes and methods a check may use besides the report's own:
      report                the Report (its attributes also read through)
      index                 TextIndex: lowered(text), words(text), present(),
                            word_places(), matches(), may_match() of any text
      blocks(kinds)         Report.blocks(kinds), as a tuple, built once per kinds
      block_texts(kinds)    BlockTexts of those blocks: joined lower-cased
                            text, starts, word union, holding(strings)
      paragraphs            Report.paragraphs, built once
      support_index(texts)  the evidence index (engine/support.py) of those
                            finding paragraph texts, built once per texts
      topic_index(texts)    where those paragraphs discuss each topic
                            (engine/topics.py), built once per texts
      shared(key, compute)  compute() once per report and key, for work a
                            check's rules share
    """

    def __init__(self, report: Report, parent: Analysis | None = None):
        self.report = report
        # text-keyed work holds for any view of the report (Scoped below)
        self.index: TextIndex = parent.index if parent is not None else TextIndex()
        self._supports: dict = parent._supports if parent is not None else {}
        self._blocks: dict[frozenset[str], tuple] = {}
        self._block_texts: dict[frozenset[str], BlockTexts] = {}
        self._shared: dict[Hashable, Any] = {}
        self._paragraphs: list | None = None

    @classmethod
    def of(cls, report) -> Analysis:
        """`report` itself when it is an Analysis (as the runner passes),
        else a fresh Analysis of it (a check called directly on a Report)."""
        return report if isinstance(report, Analysis) else cls(report)

    def __getattr__(self, name: str):
        # only called for names the analysis lacks: the report's attributes
        if name == "report":  # not yet set (copying, unpickling)
            raise AttributeError(name)
        return getattr(self.report, name)

    def blocks(self, kinds: Iterable[str] = TEXT_NODES) -> tuple:
        """(kind, block) pairs of the report's text, in document order
        (Report.blocks()); built once per set of kinds."""
        key = frozenset(kinds)
        found = self._blocks.get(key)
        if found is None:
            found = self._blocks[key] = tuple(self._make_blocks(key))
        return found

    def _make_blocks(self, kinds: frozenset[str]):
        if kinds < _RUNNING_TEXT:
            # part of the running text: its blocks, in the order they
            # already have, rather than all of them built and sorted again
            return [part for part in self.blocks() if part[0] in kinds]
        return self.report.blocks(kinds)

    def block_texts(self, kinds: Iterable[str] | None = None) -> BlockTexts:
        """The BlockTexts of blocks(kinds) (the default blocks when None)."""
        key = frozenset(TEXT_NODES if kinds is None else kinds)
        found = self._block_texts.get(key)
        if found is None:
            blocks = self.blocks() if kinds is None else self.blocks(kinds)
            found = self._block_texts[key] = BlockTexts(blocks, self.index, shared=kinds is None)
        return found

    @property
    def paragraphs(self) -> list:
        """All finding paragraphs in document order (Report.paragraphs, once)."""
        if self._paragraphs is None:
            self._paragraphs = self.report.paragraphs
        return self._paragraphs

    def support_index(self, texts: tuple[str, ...]) -> SupportIndex:
        """The evidence index of these finding paragraph texts: the rules
        that read the same paragraphs (SUP001 and SUP002) share one."""
        found = self._supports.get(texts)
        if found is None:
            found = self._supports[texts] = SupportIndex(texts, load_vocabulary())
        return found

    def topic_index(self, texts: tuple[str, ...], vocabulary: tuple[str, ...] = (),
                    hint_scope: str = "paragraph", hint_common: float | None = None
                    ) -> TopicIndex:
        """Where these finding paragraphs discuss each topic of the vocabulary
        (the built-in one plus the users' files named): once per report, shared
        by the rules that judge items against the same paragraphs. Abbreviations
        count as defined anywhere in the report's text; loose wordings that at
        least `hint_common` of this kind's reports use hint at nothing."""
        key = ("topics", texts, vocabulary, hint_scope, hint_common)
        found = self._supports.get(key)
        if found is None:
            topics = topic_vocabulary(vocabulary)
            defined = topics.defined_abbreviations("\n".join(self.block_texts().texts))
            common = common_wordings(self.report.kind, hint_common)
            unquoted = common_wordings(self.report.kind, _UNQUOTED_FROM)
            found = self._supports[key] = TopicIndex(texts, topics, defined, hint_scope, common,
                                                     unquoted)
        return found

    def shared(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """compute(), once per analysis and `key` (which names the check and
        the args its result depends on)."""
        try:
            return self._shared[key]
        except KeyError:
            value = self._shared[key] = compute()
            return value
