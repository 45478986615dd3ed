"""The topic vocabulary (checker/engine/topics.py): how wordings match, what an
abbreviation the report defines means, and the mistakes a vocabulary file can
have, each named by file and line."""
from __future__ import annotations

import pytest

from checker.datafiles.yamlfile import DataFileError
from checker.engine.topic_index import TopicIndex
from checker.engine.topics import Topic, TopicVocabulary, term_keys
from checker.engine.vocabulary import common_wordings, load_topics

VOCABULARY = TopicVocabulary([
    Topic("return home interviews", ("return home interview", "RHI"),
          ("debrief", "missing episode", "return home interview records")),
    Topic("young carers", ("young carer",), ("caring role", "care for a parent")),
    Topic("allegations against professionals",
          ("local authority designated officer", "allegations against professionals")),
    Topic("special educational needs", ("SEND",)),
    Topic("safety planning", ("safety plan",)),
])


def names(text, defined=None, strong_only=False):
    return [VOCABULARY.topics[m.topic].name for m in VOCABULARY.mentions(text, defined)
            if m.strong or not strong_only]


def test_inflections_hyphens_and_possessives_match():
    assert names("Return-home interviews were offered") == ["return home interviews"]
    assert names("the young carers' group") == ["young carers"]
    assert names("Safety planning is weak; safety plans are vague") == ["safety planning"] * 2


def test_generic_words_alone_are_no_topic():
    assert names("young people and their carers; children return home") == []


def test_abbreviations_match_capitals_only():
    assert names("children with SEND") == ["special educational needs"]
    assert names("staff send letters") == []
    assert names("RHIs are late") == ["return home interviews"]


def test_also_wordings_are_weak():
    assert names("a debrief after each episode", strong_only=True) == []
    assert names("a debrief after each episode") == ["return home interviews"]


def test_an_abbreviation_the_report_defines_means_its_topic():
    text = "The local authority designated officer (LADO) is effective."
    defined = VOCABULARY.defined_abbreviations(text)
    assert defined == {"LADO": 2}
    assert names("Referrals to the LADO are timely.", defined) == [
        "allegations against professionals"]
    assert names("Referrals to the LADO are timely.") == []


def test_verdicts_supported_partly_unsupported_unknown():
    findings = ["Return home interviews are offered to every child.",
                "Later, the debrief is recorded.", "Young people are supported well."]
    index = TopicIndex(findings, VOCABULARY, {})
    supported = index.judge("The use of return home interviews.")
    assert supported.verdict == "supported"
    assert supported.discussed[0].paragraphs == (0,)  # one loose wording is only a hint
    partly = index.judge("Return home interviews and support for young carers.")
    assert (partly.verdict, partly.missing) == ("partly", ("young carers",))
    assert index.judge("Support for young carers.").verdict == "unsupported"
    assert index.judge("The quality of supervision.").verdict == "unknown"


def test_a_loose_wording_alone_is_a_hint_two_are_discussion():
    hint = TopicIndex(["Every child has a debrief."], VOCABULARY, {})
    assert hint.judge("Return home interviews.").verdict == "unsupported"
    two = TopicIndex(["After a missing episode every child has a debrief."], VOCABULARY, {})
    verdict = two.judge("Return home interviews.")
    assert verdict.verdict == "supported"
    assert verdict.discussed[0].wordings == ("missing episode", "debrief")


def test_a_hint_beside_the_items_other_topic_completes_it():
    findings = ["Safety plans are clear, also for those with a caring role.",
                "Some have a caring role at home."]
    verdict = TopicIndex(findings, VOCABULARY, {}).judge("Safety planning for young carers.")
    assert verdict.verdict == "supported"
    assert [t.paragraphs for t in verdict.discussed] == [(0,), (0,)]
    elsewhere = TopicIndex(findings[1:] + ["Safety plans are clear."], VOCABULARY, {})
    assert elsewhere.judge("Safety planning for young carers.").missing == ("young carers",)


def test_with_hint_scope_sentence_the_hint_must_share_the_other_topics_sentence():
    """ILACS findings run long, so SUP001 asks there for the same sentence."""
    item = "Safety planning for young carers."
    same = ["Safety plans are clear, also for those with a caring role."]
    apart = ["Safety plans are clear. Some have a caring role at home."]
    for findings, verdict in ((same, "supported"), (apart, "partly")):
        index = TopicIndex(findings, VOCABULARY, {}, hint_scope="sentence")
        assert index.judge(item).verdict == verdict
        assert TopicIndex(findings, VOCABULARY, {}).judge(item).verdict == "supported"


def test_a_loose_wording_too_common_to_hint_completes_no_item():
    """A wording many reports use says little about any one item: among
    `common` (SUP001's hint_common), it hints at nothing."""
    item = "Safety planning for young carers."
    findings = ["Safety plans are clear, also for those with a caring role."]
    common = frozenset({term_keys("caring role")})
    assert TopicIndex(findings, VOCABULARY, {}, common=common).judge(item).verdict == "partly"
    rare = frozenset({term_keys("care for a parent")})
    assert TopicIndex(findings, VOCABULARY, {}, common=rare).judge(item).verdict == "supported"


def test_a_passing_mention_the_hint_rules_did_not_take_is_kept_for_the_message():
    """'never discuss young carers' would read wrong beside 'a caring role':
    the verdict keeps where it stands, unless the wording is too common to
    quote."""
    item = "Safety planning for young carers."
    findings = ["Safety plans are clear. Some have a caring role at home."]
    verdict = TopicIndex(findings, VOCABULARY, {}, hint_scope="sentence").judge(item)
    assert verdict.verdict == "partly"
    assert verdict.passing == (("young carers", 0, "caring role"),)
    quiet = frozenset({term_keys("caring role")})
    assert TopicIndex(findings, VOCABULARY, {}, hint_scope="sentence",
                      unquoted=quiet).judge(item).passing == ()
    elsewhere = ["Safety plans are clear.", "Some have a caring role at home."]
    assert TopicIndex(elsewhere, VOCABULARY, {}, hint_scope="sentence").judge(
        item).passing == ()  # not in a paragraph on the item's other topic


def test_the_shipped_shares_make_the_commonest_ilacs_wordings_common():
    """rules/data/loose-wordings.yaml, as SUP001 reads it: "oversight" is in
    every ILACS report's findings; a kind it does not count has none."""
    assert term_keys("oversight") in common_wordings("ilacs", 0.1)
    assert term_keys("oversight") not in common_wordings("ilacs", None)
    assert common_wordings("focused_visit", 0.1) == frozenset()


def test_an_adverb_is_not_the_topic_its_stem_names():
    vocabulary = TopicVocabulary([Topic("radicalisation", ("extremism",))])
    assert [m.topic for m in vocabulary.mentions("Staff are extremely positive.")] == []
    assert [m.topic for m in vocabulary.mentions("Risks of extremism")] == [0]


def test_a_wording_that_extends_a_term_still_names_the_topic():
    """The longest wording wins, but "return home interview records" (loose)
    starts with a term of its topic, so an item using it names the topic."""
    mentions = VOCABULARY.mentions("Return home interview records are late.")
    assert [(m.strong, m.end) for m in mentions] == [(True, 29)]


def test_a_wording_that_holds_a_term_anywhere_names_the_topic():
    """"prospective adopters" (loose) ends with the term "adopters": an item
    asking about prospective adopters names adoption (a recommendation from
    the archive that no vocabulary work had read named only "delay")."""
    vocabulary = TopicVocabulary([Topic("adoption", ("adopters",), ("prospective adopters",)),
                                  Topic("drift and delay", ("delay",))])
    mentions = vocabulary.mentions("Track the progress of prospective adopters without delay.")
    assert [(vocabulary.topics[m.topic].name, m.strong) for m in mentions] == [
        ("adoption", True), ("drift and delay", True)]


def test_paraphrase_across_paragraphs_is_supported():
    """One topic in one paragraph, the other in another: both discussed."""
    findings = ["Young carers receive a good assessment of their needs.",
                "Safety plans are clear and reviewed."]
    verdict = TopicIndex(findings, VOCABULARY, {}).judge(
        "Safety planning for young carers.")
    assert verdict.verdict == "supported"
    assert [t.paragraphs for t in verdict.discussed] == [(1,), (0,)]


@pytest.mark.parametrize("text, message", [
    ("topics: nope\n", "a topic vocabulary needs 'topics:'"),
    ("topics:\n  - terms: [a]\n", ":2: each topic needs 'topic: <name>'"),
    ("topics:\n  - topic: x\n    term: [a]\n", ":2: topic 'x': unknown key 'term'"),
    ("topics:\n  - topic: x\n    terms: [yes]\n", ":2: topic 'x': 'terms' must be a list"),
    ("topics:\n  - topic: x\n", ":2: topic 'x' has no 'terms'"),
    ("topics:\n  - topic: x\n    terms: [young carer]\n  - topic: y\n    terms: [young carers]\n",
     ":4: topic 'y': term 'young carers' is already a term of topic 'x'"),
])
def test_vocabulary_file_mistakes_are_named_by_line(tmp_path, text, message):
    path = tmp_path / "topics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_topics(path)


def test_a_users_file_extends_a_topic(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text("topics:\n  - topic: young carers\n    terms: [young people who care]\n",
                    encoding="utf-8")
    merged = VOCABULARY.merged(load_topics(path))
    assert [merged.topics[m.topic].name for m in merged.mentions(
        "Young people who care for a parent")] == ["young carers"]


def test_a_term_never_runs_across_the_end_of_a_sentence():
    """"... mentoring and supervision. Social workers ..." does not say
    "supervising social workers" (found by the fault-injection tests: the
    item on supervision was judged unsupported)."""
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    text = ("Newly qualified social workers benefit from additional mentoring and supervision. "
            "Social workers in the team know their children well.")
    spans = vocabulary.findings_spans([text], {}).spans
    for found in ([m.topic for m in vocabulary.mentions(text)], [s[2] for s in spans]):
        topics = [vocabulary.topics[t].name for t in found]
        assert "supervision" in topics and "fostering" not in topics
    verdict = TopicIndex([text], vocabulary, {}).judge("The quality of supervision.")
    assert verdict.verdict == "supported"


def test_a_not_wording_keeps_the_term_inside_it_from_naming_its_topic(tmp_path):
    """"Children in need of help and protection" is the inspection framework's
    judgement, not the statutory children-in-need group: in a finding or an
    item it names no topic, while "children in need" alone still does."""
    path = tmp_path / "ours.yaml"
    path.write_text("topics:\n  - topic: children in need\n    terms: [children in need]\n"
                    "    not: [children in need of help and protection]\n"
                    "  - topic: out of hours\n    terms: [out of hours]\n", encoding="utf-8")
    vocabulary = load_topics(path)
    found = [vocabulary.topics[m.topic].name for m in vocabulary.mentions(
        "Responses to children in need of help and protection out of hours; children in need")]
    assert found == ["out of hours", "children in need"]
    findings = ["Most children in need of help and protection are seen out of hours."]
    verdict = TopicIndex(findings, vocabulary, {}).judge(
        "Responses to children in need of help and protection out of hours.")
    assert verdict.verdict == "supported"
    assert TopicIndex(findings, vocabulary, {}).judge(
        "Plans for children in need.").verdict == "unsupported"


def test_the_builtin_vocabulary_reads_the_judgement_name_as_no_topic():
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    text = "Children in need of help and protection receive a good service."
    assert "children in need" not in [vocabulary.topics[m.topic].name
                                      for m in vocabulary.mentions(text)]


def test_a_missing_topic_whose_words_another_wording_holds_says_where():
    """"never discuss children's homes" reads wrong to a reader who finds the
    words in "unregistered children's homes": the verdict keeps where."""
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    findings = ["Care leavers are well supported.",
                "Too many children live in unregistered children's homes."]
    verdict = TopicIndex(findings, vocabulary, {}).judge("The quality of children's homes.")
    assert verdict.verdict == "unsupported"
    assert verdict.within == (("children's homes", 1, "unregistered children's homes"),)
    assert TopicIndex(findings[:1], vocabulary, {}).judge(
        "The quality of children's homes.").within == ()


@pytest.mark.parametrize("text, not_about", [
    ("This was a missed opportunity to share information.", "missing children"),
    ("The recording system is slow.", "practice model"),
    ("Children at risk of sexual and criminal exploitation are safe.", "diversity and identity"),
    ("Youth justice diversion schemes are effective.", "diversity and identity"),
    ("A permanent director of children's services is in post.", "permanence"),
    ("Leaders have created a culture of high support and challenge.", "diversity and identity"),
    ("Children in need of help and protection receive a good service.", "children in need"),
    ("Young people stay with their foster carers up to age 21.", "care leavers aged 21 to 25"),
    ("In a small number of cases, visits are late.", "caseloads and capacity"),
    ("Plans do not always translate into action.", "diversity and identity"),
    ("In a small minority of cases, plans drift.", "diversity and identity"),
    ("Inspectors agreed with the decisions made at this visit.", "visits"),
    ("Leaders continued to invest in early help.", "workforce stability"),
    ("Children come into care when it is right for them.", "advocacy and independent visitors"),
    ("Services prevent minor problems from escalating.", "diversity and identity"),
    ("A weekly multi-agency meeting reviews children who go missing.", "visits"),
    ("The 'Gateway' programme helps adult victims recover.", "pre-proceedings"),
    ("Children placed away from their parents get support.", "placements out of area"),
    ("Practice is child-focused and child-centred.", "voice of the child"),
    ("The service supports other local authorities.", "placements out of area"),
    ("There is a lack of challenge from managers.", "placement sufficiency"),
    ("Children see family members regularly.", "corporate parenting"),
    ("Mentors support parents who misuse drugs.", "advocacy and independent visitors"),
    ("Managers respond quickly to concerns.", "drift and delay"),
    ("Ofsted will take these findings into account when planning the next inspection or visit.",
     "visits"),
    ("Placements do not meet the diverse needs of children.", "diversity and identity"),
    ("Attendance of partners at strategy meetings is good.", "school attendance and exclusion"),
    ("Children live in registered children's homes.", "unregistered homes"),
    ("Managers' approval of plans is slow.", "fostering"),
    ("A peer review found strengths; peers challenge leaders.",
     "exploitation and extra-familial harm"),
    ("Letters before proceedings are clear.", "writing to the child"),
    ("Leaders have built a stable workforce.", "placement stability"),
    ("Assessment tools are used well.", "direct work"),
])
def test_words_of_another_meaning_name_no_topic(text, not_about):
    """Words the stemmer or a shared word joins to a topic of another meaning
    (each found in the tuning half's findings) do not name it."""
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    assert not_about not in [vocabulary.topics[m.topic].name for m in vocabulary.mentions(text)]


@pytest.mark.parametrize("text, about", [
    ("Children who go missing are seen on their return.", "missing children"),
    ("Systemic practice is embedded.", "practice model"),
    ("Children's culture and religion are respected.", "diversity and identity"),
    ("Children live in permanent homes.", "permanence"),
    ("Children benefit from continuity of social worker.", "workforce stability"),
    ("Children know their rights and entitlements.", "advocacy and independent visitors"),
    ("Children from ethnic minority backgrounds are supported.", "diversity and identity"),
    ("Social workers meet children alone.", "visits"),
    ("The management of allegations of professional abuse is robust.",
     "allegations against professionals"),
])
def test_the_topic_meaning_still_names_it(text, about):
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    assert about in [vocabulary.topics[m.topic].name for m in vocabulary.mentions(text)]


def test_an_item_on_child_permanence_reports_names_adoption():
    """The child permanence report is adoption's paperwork: an archive
    recommendation on it named only "sufficient" (detail) before."""
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    item = "Ensure that child permanence reports are comprehensive."
    assert [vocabulary.topics[m.topic].name for m in vocabulary.mentions(item) if m.strong] == [
        "adoption"]


@pytest.mark.parametrize("item, topic", [
    ("The effectiveness of all multi-agency meetings and their influence on plans.",
     "partnership working"),
    ("The quality assurance arrangements and senior management oversight of practice.",
     "management oversight"),
])
def test_an_item_names_the_topic_a_longer_wording_no_longer_hides(item, topic):
    """Matching takes the wording that starts first: "senior management"
    (leadership) hid "management oversight", and "multi-agency meetings" (a
    loose wording of strategy discussions) hid "multi-agency"."""
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    assert topic in [vocabulary.topics[m.topic].name for m in vocabulary.mentions(item) if m.strong]


@pytest.mark.parametrize("text, not_named", [
    ("In the interim, plans are reviewed weekly.", "workforce stability"),
    ("The service works with schools and multi-academy trusts.", "training and development"),
    ("School inclusion officers support pupils.", "diversity and identity"),
    ("Children have regular contact with their social worker.", "front door"),
])
def test_a_common_word_of_several_senses_is_only_a_loose_wording(text, not_named):
    """It can hint at its topic, never name it: "in the interim" is no interim
    manager, a multi-academy trust no social work academy."""
    from checker.engine.vocabulary import topic_vocabulary

    vocabulary = topic_vocabulary()
    named = [vocabulary.topics[m.topic].name for m in vocabulary.mentions(text) if m.strong]
    assert not_named not in named
