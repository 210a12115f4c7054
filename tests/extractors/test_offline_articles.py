"""Whole self-written (fictional) articles in the styles outlets use: wire copy, press releases
with bullet lists, inline colon lists, business news, and a report with no documents at all."""

from __future__ import annotations

from pathlib import Path

from service.articles import from_path
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary
from tests.extractors.conftest import run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tallinn_visit.txt"


def brief(summary: ArticleSummary) -> list[tuple[str, str, str]]:
    return [(d.type, d.status, d.title) for d in summary.documents]


def test_wire_story_with_examples_and_later_details() -> None:
    summary = run(
        "LJUBLJANA, Feb 14 (Reuters) - Slovenia and Ghana signed seven agreements on Friday after talks between Prime "
        "Minister Robert Golob and President John Mahama, including a memorandum of cooperation on semiconductors "
        "and a loan agreement for a railway line.\n\n"
        "The two leaders also issued a joint statement on a strategic partnership.\n\n"
        "Slovenia's Ministry of Economy and Ghana's Ministry of Trade signed the semiconductor memorandum, which "
        "covers supply chains. Slovenska Izvozna Banka and Ghana's Ministry of Finance signed the loan agreement "
        "worth 400 million euros.\n\n"
        "The sides also agreed to sign an agreement on classified information later this year. Negotiations on a "
        "free trade agreement will continue."
    )
    assert brief(summary) == [
        ("memorandum_of_understanding", "signed", "memorandum of cooperation on semiconductors"),
        ("agreement", "signed", "loan agreement for a railway line"),
        ("joint_statement", "adopted", "joint statement on a strategic partnership"),
        ("agreement", "planned", "agreement on classified information"),
        ("agreement", "discussed", "free trade agreement"),
    ]
    assert summary.stated_count == 7 and summary.list_complete is False
    assert summary.documents[0].restatements  # "the semiconductor memorandum" is the same document
    assert {p.country for p in summary.documents[1].parties} == {"GH", "SI"}


def test_press_release_with_bullets_and_a_planned_treaty() -> None:
    summary = run(
        "Press release\n\nFollowing the official talks, the following documents were signed in the presence of "
        "the two Heads of State:\n"
        "- Agreement between the Government of Ghana and the Government of Slovenia on social security;\n"
        "- Memorandum of Understanding on Cooperation in the Field of Defence Industry between the Ministry of "
        "Defence of Ghana and the Ministry of Defence of Slovenia;\n"
        "- Executive Programme of Cultural Cooperation for the years 2026-2029;\n"
        "- Letter of Intent concerning cooperation in nuclear energy.\n\n"
        "The Presidents also agreed to sign a Treaty on Strategic Partnership during the next visit."
    )
    assert [(t, s) for t, s, _ in brief(summary)] == [
        ("agreement", "signed"),
        ("memorandum_of_understanding", "signed"),
        ("cooperation_programme", "signed"),
        ("letter_of_intent", "signed"),
        ("treaty", "planned"),
    ]
    assert summary.documents[2].period == "2026-2029"
    assert summary.documents[4].title == "treaty on strategic partnership"


def test_inline_colon_list_and_passive_fields() -> None:
    summary = run(
        "ACCRA, Oct 12 - The following documents were signed after talks between the two prime ministers: an "
        "agreement on visa exemption for diplomats, a memorandum of understanding on tourism, a protocol on border "
        "demarcation and a cooperation programme in culture for 2026-2028.\n\n"
        "Agreements were also signed on road transport and on the avoidance of double taxation."
    )
    assert [t for t, _, _ in brief(summary)] == [
        "agreement",
        "memorandum_of_understanding",
        "protocol",
        "cooperation_programme",
        "agreement",
        "agreement",
    ]
    assert summary.documents[3].period == "2026-2028"
    assert [d.subject for d in summary.documents[4:]] == ["road transport", "avoidance of double taxation"]


def test_count_of_documents_with_areas_gives_one_document_per_area() -> None:
    summary = run(
        "ACCRA, April 16 - President John Mahama and Prime Minister Robert Golob witnessed the signing of more than "
        "20 cooperation documents in areas such as agriculture, trade, and green development.\n\n"
        "The two sides also issued a joint statement on a comprehensive partnership."
    )
    assert [(d.type, d.subject) for d in summary.documents] == [
        ("other", "agriculture"),
        ("other", "trade"),
        ("other", "green development"),
        ("joint_statement", "comprehensive partnership"),
    ]
    assert summary.stated_count == 20 and summary.list_complete is False
    assert all(d.signatories == [] for d in summary.documents)  # they witnessed, they did not sign


def test_business_deals_with_amounts_and_companies() -> None:
    summary = run(
        "LJUBLJANA, March 4 - Krka said on Tuesday it signed a $120 million contract with Ghana's Ministry of Health "
        "to supply generic medicines, during the visit of Ghanaian President John Mahama to Slovenia.\n\n"
        "Petrol Group and the Ghana National Petroleum Corporation also inked a memorandum of understanding on fuel "
        "logistics. In total, Slovenian and Ghanaian companies signed 11 deals worth $300 million."
    )
    assert brief(summary) == [
        ("contract", "signed", "$120 million contract"),
        ("memorandum_of_understanding", "signed", "memorandum of understanding on fuel logistics"),
    ]
    assert {p.country for p in summary.documents[0].parties} == {"GH", "SI"}
    assert summary.stated_count == 11


def test_negations_and_consensus_are_not_documents() -> None:
    summary = run(
        "LONDON, Jan 10 - Ghana's trade minister said talks with Slovenia were progressing but that no agreement "
        'would be signed this year. "We will not sign a deal at any price," he said. The sides reached an agreement '
        "to meet again in March."
    )
    assert summary.documents == []


def test_shipped_example_reads_as_written() -> None:
    summary = OfflineExtractor().extract(from_path(EXAMPLE))
    assert [(d.type, d.status) for d in summary.documents] == [
        ("declaration", "adopted"),
        ("memorandum_of_understanding", "signed"),
        ("cooperation_programme", "signed"),
        ("letter_of_intent", "signed"),
        ("agreement", "signed"),
        ("contract", "signed"),
        ("protocol", "planned"),
    ]
    assert summary.documents[2].period == "2026-2028"
    assert summary.stated_count == 6
    assert (summary.event.location.city, summary.event.date) == ("Tallinn", "2026-03-18")
    assert [c.text for c in summary.commitments] == [
        "open a direct cargo route to the Baltic through Kazakhstan and Russia",
        "double bilateral trade by 2030",
    ]


def test_attribution_after_a_field_list_is_not_a_field() -> None:
    summary = run(
        "ACCRA (Reuters) - Ghana and Slovenia on Tuesday signed 11 bilateral agreements covering agriculture, "
        "fertiliser production and visa waivers for diplomats, President John Mahama's office said."
    )
    assert [d.subject for d in summary.documents] == [
        "agriculture",
        "fertiliser production",
        "visa waivers for diplomats",
    ]
    assert summary.stated_count == 11


def test_inner_type_word_of_a_field_is_dropped() -> None:
    summary = run(
        "LJUBLJANA, June 5 - Slovenia and Ghana signed a raft of deals on Wednesday, including accords on renewable "
        "energy, tourism and scientific research."
    )
    assert [d.subject for d in summary.documents] == ["renewable energy", "tourism", "scientific research"]
    assert summary.list_complete is False


def test_related_headlines_of_other_stories_are_ignored() -> None:
    summary = run(
        "ACCRA, June 3 - Ghana and Slovenia signed an agreement on air services.\n\nRead also:\n"
        "Kenya, Slovenia sign MoU on tea exports\nGhana and Togo agree to sign border protocol\n\n"
        "Last year, the two countries signed 10 agreements during a visit of the foreign minister."
    )
    assert brief(summary) == [("agreement", "signed", "agreement on air services")]
    assert summary.stated_count is None


def test_headline_in_other_words_is_the_body_document() -> None:
    summary = run(
        "Ghana, Slovenia to sign maritime boundary deal\n\nACCRA, March 9 - Ghana and Slovenia are expected to sign "
        "an agreement on the delimitation of their economic zones next week. A draft joint statement is still "
        "being negotiated."
    )
    assert brief(summary) == [
        ("agreement", "planned", "agreement on the delimitation of their economic zones"),
        ("joint_statement", "planned", "draft joint statement"),
    ]
    assert len(summary.documents[0].restatements) == 1
