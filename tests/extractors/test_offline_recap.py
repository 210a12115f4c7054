"""Recaps restate body documents; counts and examples decide whether the list is complete."""

from __future__ import annotations

from tests.extractors.conftest import run

ARTICLE = """Ghana, Slovenia sign four documents

ACCRA, June 3 - Ghana and Slovenia signed four documents on Tuesday after talks between President John Mahama and \
Prime Minister Robert Golob.

The energy ministries signed a memorandum of understanding on solar power. The two Ministries of Defence exchanged \
a letter of intent on peacekeeping training. The justice ministries signed a cooperation programme for 2026-28, while \
the central banks signed an agreement on currency swaps.

Documents of the visit:
1. MoU on solar power between the energy ministries.
2. The defence ministries discussed peacekeeping training through a letter of intent.
3. Programme of cooperation between the justice ministries (2026-2028).
4. Currency swap agreement.
"""


def test_recap_items_merge_into_the_body_documents() -> None:
    summary = run(ARTICLE)
    assert [d.type for d in summary.documents] == [
        "memorandum_of_understanding",
        "letter_of_intent",
        "cooperation_programme",
        "agreement",
    ]
    assert all(len(d.restatements) == 1 for d in summary.documents)
    assert summary.stated_count == 4
    assert summary.list_complete is True


def test_body_sentence_is_the_evidence_and_the_recap_keeps_its_own_status() -> None:
    loi = run(ARTICLE).documents[1]
    assert loi.status == "signed"
    assert loi.evidence[0].quote.startswith("The two Ministries of Defence exchanged")
    assert loi.restatements[0].status == "discussed"
    assert loi.restatements[0].evidence.quote.startswith("The defence ministries discussed")


def test_recap_period_is_kept_on_the_restatement() -> None:
    programme = run(ARTICLE).documents[2]
    assert programme.period == "2026-2028"
    assert programme.restatements[0].period == "2026-2028"


def test_a_list_that_does_not_restate_the_body_gives_new_documents() -> None:
    summary = run(
        "Ghana and Slovenia signed three documents.\n\nDocuments signed:\n\n- Agreement on air services;\n"
        "- Memorandum of understanding on tourism;\n- Protocol on customs cooperation."
    )
    assert [d.type for d in summary.documents] == ["agreement", "memorandum_of_understanding", "protocol"]
    assert all(d.restatements == [] for d in summary.documents)


def test_fewer_named_documents_than_stated_means_incomplete() -> None:
    summary = run("Ghana and Slovenia signed five documents. The energy ministries signed an MoU on solar power.")
    assert summary.stated_count == 5
    assert len(summary.documents) == 1
    assert summary.list_complete is False


def test_count_of_subtypes_is_summed() -> None:
    summary = run(
        "Ghana and Slovenia signed three agreements, two memoranda of understanding and issued a joint statement."
    )
    assert summary.stated_count == 5
    assert [d.type for d in summary.documents] == ["joint_statement"]


def test_documents_signed_without_saying_which_make_the_list_incomplete() -> None:
    summary = run("The speaker praised the documents signed during the visit.")
    assert summary.documents == [] and summary.list_complete is False


def test_repeated_mention_of_a_statement_is_one_document() -> None:
    summary = run(
        "The leaders agreed to adopt a joint statement on a strategic partnership. According to the joint statement "
        "released after the talks, trade will double. The joint statement also mentions culture."
    )
    assert len(summary.documents) == 1
    assert summary.documents[0].status == "adopted"


def test_headline_mention_merges_with_the_body_document() -> None:
    summary = run(
        "Ghana, Slovenia seal peacekeeping training pact\n\nACCRA, June 3 - The highlight of the visit was the "
        "signing of a letter of intent on peacekeeping training."
    )
    doc = summary.documents[0]
    assert len(summary.documents) == 1
    assert doc.type == "letter_of_intent"
    assert doc.evidence[0].quote.startswith("ACCRA, June 3")


def test_put_pen_to_paper_on_a_dozen_agreements_states_twelve() -> None:
    summary = run("Ghanaian and Slovenian firms put pen to paper on a dozen agreements on Monday.")
    assert summary.stated_count == 12


def test_announced_documents_are_counted() -> None:
    summary = run("Ghana and Slovenia announced six cooperation documents on Wednesday.")
    assert summary.stated_count == 6
