"""SUP001 on real text: the verdict of a careful QA reader, by topic.

The published reports in samples/ (Open Government Licence) with one slip
each: an item on a topic their findings never discuss (taken from another
real report), an item naming a discussed topic and an absent one, and a
published item the user's own vocabulary explains. Every published item of
them is supported (tests/test_findings_snapshot.py holds the whole corpus)."""
from __future__ import annotations

import pytest
from conftest import mutate, sample_text
from shared_disk import SHARED

from checker.api import check_text
from checker.engine.config import read_config

ROCHDALE, LETTER = "rochdale-ilacs-2023.txt", "rochdale-focused-visit-2019.txt"
LAST_ITEM = {
    ROCHDALE: "- The accessibility of the local offer for care-experienced young people.\n",
    LETTER: "consistency of practice for all social workers. \n"}


def with_item(name: str, item: str) -> str:
    """The published report with `item` added after its last improvement item
    (as the bullet the report uses)."""
    bullet = "- " if name == ROCHDALE else "\n "
    last = LAST_ITEM[name]
    return mutate(sample_text(name), [(last, last + bullet + item + "\n")])


def support_findings(text: str, **kwargs) -> list:
    return [d for d in check_text(text, **kwargs).diagnostics if d.rule == "SUP001"]


@pytest.mark.parametrize("name", [ROCHDALE, LETTER])
def test_published_items_are_silent(name):
    assert support_findings(sample_text(name)) == []


@pytest.mark.parametrize("name, item, topic", [
    # items of other real reports, on topics these findings never discuss
    (ROCHDALE, "The response to children at risk of radicalisation.", "radicalisation"),
    (ROCHDALE, "The consistency of the use of chronologies.", "chronologies"),
    (LETTER, "Arrangements for identifying and safeguarding children who are in private "
             "fostering arrangements.", "private fostering"),
    (LETTER, "The timeliness of life-story work for children.", "life-story work"),
])
def test_an_item_on_an_absent_topic_is_not_supported(name, item, topic):
    [finding] = support_findings(with_item(name, item))
    assert finding.data["problem"] == "unsupported"
    assert finding.message.endswith(f"is not supported: the findings never discuss {topic}")
    assert "score" not in finding.message  # numbers go in the data, not the sentence


def test_an_item_naming_a_discussed_and_an_absent_topic_is_partly_supported():
    text = with_item(ROCHDALE, "The quality of pathway plans and the response to "
                               "radicalisation.")
    [finding] = support_findings(text)
    assert finding.data["problem"] == "partly"
    assert "partly supported: the findings discuss pathway plans (paragraph" in finding.message
    assert finding.message.endswith("but never radicalisation")
    discussed = {t["name"]: t["discussed"] for t in finding.data["topics"]}
    assert discussed == {"pathway plans": True, "radicalisation": False}
    assert finding.related  # where the discussed topic is


def test_generic_words_shared_with_the_findings_do_not_support_an_item():
    """'young people' and 'carers' are everywhere in Rochdale's findings;
    young carers are not (its one mention is of young carers who are
    parents, in a paragraph on care leavers: that counts)."""
    text = with_item(LETTER, "Support for young carers.")
    [finding] = support_findings(text)
    assert finding.message.endswith("the findings never discuss young carers")


def test_paraphrase_across_two_paragraphs_is_supported():
    """Rochdale item 5 names custody, private fostering and homeless 16- and
    17-year-olds: different paragraphs discuss each, in their own words."""
    result = check_text(sample_text(ROCHDALE))
    [note] = [d for d in result.diagnostics if d.rule == "SUP002" and "item 5 " in d.message]
    places = {t["name"]: t["paragraphs"] for t in note.data["topics"]}
    assert len(places) == 3 and all(places.values())
    assert len({tuple(p) for p in places.values()}) == 3  # not one paragraph


def test_a_users_vocabulary_turns_a_false_alarm_into_supported(tmp_path):
    """An item in the authority's own words ('the Bridge service', its front
    door): not supported by the built-in vocabulary, which cannot know the
    name; the user's file says what it is, and the findings discuss that."""
    item = "The reach of the Bridge service."
    text = with_item(LETTER, item)
    assert [d.data["problem"] for d in support_findings(text)] == ["unmatched"]
    (tmp_path / "our-topics.yaml").write_text(
        "topics:\n  - topic: front door\n    terms: [Bridge service]\n", encoding="utf-8")
    (tmp_path / ".report-checker.yaml").write_text("vocabulary: [our-topics.yaml]\n",
                                                    encoding="utf-8")
    config = read_config(tmp_path / ".report-checker.yaml")
    from checker.engine.loading import load_rules
    rules = config.rules_for(load_rules(), "draft.txt")
    assert support_findings(text, rules=rules) == []


def test_a_mistake_in_a_users_vocabulary_is_named_by_file_and_line(tmp_path):
    from checker.datafiles.yamlfile import DataFileError
    (tmp_path / "our-topics.yaml").write_text(
        "topics:\n  - topic: front door\n    terms: [Bridge service]\n  - topic: x\n",
        encoding="utf-8")
    (tmp_path / ".report-checker.yaml").write_text("vocabulary: [our-topics.yaml]\n",
                                                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"our-topics\.yaml:4: topic 'x' has no 'terms'"):
        read_config(tmp_path / ".report-checker.yaml")


@pytest.mark.skipif(not (SHARED / "corpus" / "pdf").is_dir(),
                    reason="../shared (the real documents) is not next to this checkout")
def test_a_passing_mention_is_quoted_where_the_message_says_never():
    """Rochdale 2018 (published): its paragraph 3, on decision-making, says
    it "leads to the right level of intervention", a loose wording of
    thresholds too common in ILACS findings to complete the item, so the
    reader is shown where it stands."""
    from checker.api import check_file
    result = check_file(SHARED / "corpus" / "pdf" / "rochdale-2018-01-80542.pdf")
    [finding] = [d for d in result.diagnostics if d.rule == "SUP001"]
    assert finding.message.endswith("but never thresholds as such "
                                    "(paragraph 3 says only 'right level')")
    [missing] = [t for t in finding.data["topics"] if not t["discussed"]]
    assert missing["in_passing"]["wording"] == "right level"
    assert any("mentions thresholds only in passing" in r.message for r in finding.related)
