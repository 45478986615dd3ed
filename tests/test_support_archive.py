"""benchmarks/support_archive.py: the archive's SIF recommendations judged
against their own findings. Needs ../shared (CI has it); skips without."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "archive" / "pdf"

spec = importlib.util.spec_from_file_location("support_archive",
                                              ROOT / "benchmarks" / "support_archive.py")
support_archive = importlib.util.module_from_spec(spec)
spec.loader.exec_module(support_archive)

needs_archive = pytest.mark.skipif(
    not ARCHIVE.is_dir(), reason="../shared (the real documents) is not next to this checkout")


@needs_archive
def test_the_recommendations_are_the_first_unheaded_numbered_run():
    """Bury 2016: recommendations 1-11, before the first judgement section."""
    from checker.engine.vocabulary import topic_vocabulary
    judged = support_archive.judge(ARCHIVE / "bury-published-2016-05-16-80443.pdf",
                                   topic_vocabulary())
    assert len(judged) == 11
    assert judged[0][1].startswith("Improve social work practice and management oversight")
    assert judged[-1][1].startswith("Improve the identification, assessment and support to "
                                    "privately fostered children")
    assert {verdict for _, _, verdict in judged} <= {"supported", "partly", "unsupported",
                                                     "unknown"}


@needs_archive
def test_the_archive_run_prints_its_counts(capsys):
    assert support_archive.main(["--show", "2"]) == 0
    out = capsys.readouterr().out
    assert "archive reports with recommendations" in out and "recommendations:" in out


def test_a_missing_archive_is_skipped_with_a_message(tmp_path, capsys):
    assert support_archive.main(["--archive", str(tmp_path / "nowhere")]) == 0
    assert "skipping" in capsys.readouterr().err


def _sif_targets():
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("support_sif_targets",
                                                  ROOT / "benchmarks" / "support_sif_targets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sif_targets_are_judged_as_sup001_judges_an_ilacs_report():
    """The held-out targets mean something only with SUP001's own settings."""
    assert _sif_targets().ilacs_settings() == ("sentence", 0.1)


@needs_archive
def test_sif_targets_print_each_archive_halfs_counts(capsys):
    """A few transplants per archive report: the table has both halves."""
    assert _sif_targets().main(["--per-doc", "2"]) == 0
    out = capsys.readouterr().out
    assert "| report | " in out and "| tune | " in out
