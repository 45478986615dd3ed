"""tools/corpus_frequencies.py, the vocabulary keepers' aid: it mines multiword
terms, and its file (benchmarks/support/corpus-frequencies.yaml) is what it
writes from the real documents for today's vocabulary."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from shared_disk import SHARED

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("corpus_frequencies",
                                                  ROOT / "tools" / "corpus_frequencies.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus_frequencies", module)
    spec.loader.exec_module(module)
    return module


def test_mined_terms_are_collocations_not_scaffolding():
    pytest.importorskip("nltk", reason="the mining extra (nltk) is not installed")
    tool = _tool()
    texts = ["Staying put arrangements help. The young person stays with carers."] * 3 + \
        ["Children in care are visited. Staying put is offered."] * 3 + ["Nothing here."] * 6
    terms = tool.collocations(texts, 2)
    assert "staying put" in terms
    assert not any(t.split()[0] in {"the", "are", "is"} for t in terms)


@pytest.mark.skipif(not (SHARED / "corpus" / "pdf").is_dir(),
                    reason="../shared (the real documents) is not next to this checkout")
def test_the_shipped_file_is_what_the_tool_writes_from_the_real_documents():
    pytest.importorskip("nltk", reason="the mining extra (nltk) is not installed")
    tool = _tool()
    assert tool.main(["--check", "--shared", str(SHARED)]) == 0
    assert "staying put" not in tool.uncovered(["staying put", "vast majority"])
