"""Behavioural tests of the offline rules in the CheckList style (Ribeiro et al., 2020), on self-written text.

- minimum functionality: for every phenomenon of issue 9, a sentence and the documents it reports;
- invariance: other countries, names, numbers, a typo in a cue word or another list introducer do not
  change what is found;
- directional: "signed" -> "will sign" turns signed into planned; adding a negation removes the document.

Each article is two sentences: a lead that names the sides (so parties resolve) and the sentence under test.
"""

from __future__ import annotations

import pytest

from service.articles import from_text
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary

LEAD = "{a} and {b} held talks in {city} on Monday."
SIDES = {"a": "Ghana", "b": "Slovenia", "city": "Accra"}
OTHER_SIDES = {"a": "Paraguay", "b": "Mongolia", "city": "Asuncion"}


def run(sentence: str, sides: dict[str, str] = SIDES, published: str | None = None) -> ArticleSummary:
    text = LEAD.format(**sides) + " " + sentence.format(**sides)
    return OfflineExtractor().extract(from_text(text, published=published))


def docs(sentence: str, sides: dict[str, str] = SIDES) -> list[tuple[str, str]]:
    """(type, status) of every document, in order."""
    return [(d.type, d.status) for d in run(sentence, sides).documents]


def subjects(sentence: str, sides: dict[str, str] = SIDES) -> list[str]:
    return [(d.subject or d.title).lower() for d in run(sentence, sides).documents]


MOU, AGR, LOI = "memorandum_of_understanding", "agreement", "letter_of_intent"

# --- minimum functionality: one table per phenomenon ---------------------------------------------------

LISTS = [
    # any list introducer: "in the areas of", "such as", "covering", "including", "spanning ... including"
    ("The ministries signed memoranda in the areas of fisheries, tourism and mining.", 3, MOU),
    ("The sides signed agreements in areas such as fisheries, tourism and mining.", 3, AGR),
    ("They exchanged documents covering fisheries, tourism and mining.", 3, "other"),
    ("The sides signed agreements including on fisheries, tourism and mining.", 3, AGR),
    ("They signed four MoUs spanning several sectors including fisheries, tourism and mining.", 3, MOU),
    ("Four agreements were signed, among them on fisheries and on mining.", 2, AGR),
    ("The two sides signed MoUs in sectors like fisheries, tourism and mining.", 3, MOU),
    ("The sides inked six agreements, notably on fisheries, tourism and mining.", 3, AGR),
    ("The leaders witnessed the signing of agreements, namely on fisheries, tourism and mining.", 3, AGR),
    ("They signed agreements in the following areas: fisheries, tourism and mining.", 3, AGR),
    (
        "The leaders oversaw the exchange of 11 documents, covering areas such as fisheries, tourism and mining.",
        3,
        "other",
    ),
    ("Agreements were also concluded on fisheries, on tourism and on mining.", 3, AGR),
    # coordination with a repeated preposition, and a weekday adjunct before it
    ("{a} and {b} signed accords on Tuesday on fisheries, on tourism and on mining.", 3, AGR),
    # an aside between the documents and their fields
    (
        "The memoranda, signed in the presence of both leaders, are in the fields of fisheries, tourism and mining.",
        3,
        MOU,
    ),
    # a qualifying complement first, the list after a comma
    (
        "They witnessed the exchange of documents on cooperation between the two countries, covering key areas "
        "such as fisheries, tourism and mining.",
        3,
        "other",
    ),
]


@pytest.mark.parametrize(("sentence", "count", "doc_type"), LISTS)
def test_a_list_of_fields_gives_one_document_per_field(sentence: str, count: int, doc_type: str) -> None:
    found = docs(sentence)
    assert len(found) == count, subjects(sentence)
    assert {t for t, _ in found} == {doc_type}
    assert {s for _, s in found} == {"signed"}


NAMED = [
    # titles that name another document are one document
    ("{a} and {b} signed a protocol amending the 2019 agreement on road transport.", [("protocol", "signed")]),
    # long official titles, with the complement "of" and the parties spelt out
    (
        "The presidents signed the Treaty of Friendship and Cooperation between the Republic of {a} and the "
        "Republic of {b}.",
        [("treaty", "signed")],
    ),
    (
        "The leaders issued the Joint Communique on the Establishment of a Strategic Partnership between {a} and {b}.",
        [("joint_statement", "adopted")],
    ),
    # document words in other shapes
    ("The ministers signed a Memorandum of Cooperation on fisheries.", [(MOU, "signed")]),
    ("The ministries exchanged a letter of cooperation on vocational training.", [(LOI, "signed")]),
    ("The two leaders put pen to paper on an agreement on fisheries.", [(AGR, "signed")]),
    ("An agreement on the transfer of prisoners was initialled by the justice ministers.", [(AGR, "planned")]),
    ("The ministers would sign a letter of intent on fisheries before the end of the visit.", [(LOI, "planned")]),
    ("{a} is expected to sign an agreement on fisheries with {b} in October.", [(AGR, "planned")]),
    # plural documents between two named bodies (not the two countries): one entry
    (
        "They witnessed the signing of memoranda between the state ports company and two shipping lines.",
        [(MOU, "signed")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), NAMED)
def test_named_documents(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert docs(sentence) == expected


def test_a_counted_reference_is_a_count_not_a_document() -> None:
    summary = run("Nine memorandums of understanding were signed during the visit.")
    assert summary.stated_count == 9
    assert not any("nine" in d.title for d in summary.documents)


def test_a_counted_reference_with_examples_lists_the_examples_and_is_incomplete() -> None:
    summary = run("The sides signed nine MoUs spanning multiple sectors including fisheries, tourism and mining.")
    assert summary.stated_count == 9
    assert len(summary.documents) == 3
    assert summary.list_complete is False


BACKGROUND = [
    "{a} and {b} recalled the agreement on air services signed in 2019.",
    "The leaders praised the Treaty of Friendship between {a} and {b}, signed on 12 March 1998.",
    "The joint statement issued on 3 January 1999 remains the basis of relations.",
]


@pytest.mark.parametrize("sentence", BACKGROUND)
def test_background_documents_are_marked_earlier(sentence: str) -> None:
    found = run(sentence).documents
    assert len(found) == 1
    assert found[0].context == "earlier"


def test_a_year_inside_the_name_dates_the_other_document_not_this_one() -> None:
    (doc,) = run("{a} and {b} signed a protocol amending the 2019 agreement on road transport.").documents
    assert doc.context is None


def test_two_dated_statements_are_two_documents() -> None:
    sentence = (
        "The sides reaffirmed the Joint Statement on the Strategic Partnership of {a} and {b} signed on 8 June "
        "2017 and the Joint Statement on the Strategic Partnership signed on 11 September 2019."
    )
    assert len(run(sentence).documents) == 2


NEGATED = [
    "{a} said no agreement on fisheries would be signed during this visit.",
    "No agreement was reached on fisheries.",
    "The memorandum on fisheries was not signed.",
    "The ministers were unable to sign the agreement on fisheries.",
    "{a} failed to sign an agreement on fisheries with {b}.",
    "Not signed: the long-awaited agreement on fisheries, which needs more work.",
    "Did you discuss an agreement on fisheries?",
]


@pytest.mark.parametrize("sentence", NEGATED)
def test_negated_documents_are_not_documents(sentence: str) -> None:
    assert docs(sentence) == []


def test_a_negated_signing_that_was_discussed_is_discussed() -> None:
    sentence = "{a} did not sign the agreement on fisheries, which remains under review, but it was discussed."
    assert docs(sentence) == [(AGR, "discussed")]


def test_a_name_ends_where_the_next_document_begins() -> None:
    sentence = (
        "{a} and {b} signed seven agreements, including a loan agreement of 40 billion yen for a port and an "
        "exchange of notes on geothermal power."
    )
    assert [t for t, _ in docs(sentence)] == [AGR, "other"]


def test_which_we_signed_in_an_earlier_year_is_signed_and_earlier() -> None:
    (doc,) = run("The agreement on working holidays, which we signed in Lisbon in 2019, is working well.").documents
    assert (doc.status, doc.context) == ("signed", "earlier")


def test_rows_of_a_flattened_table_are_documents() -> None:
    table = (
        "The leaders witnessed the signing of three instruments.\n"
        "No.\tInstrument\tSigned by\n"
        "1\tMemorandum of Understanding on Fisheries\tMinisters of Fisheries\n"
        "2\tWork Plan on Agricultural Research 2026-2028\tAgriculture ministers\n"
        "3\tLetter of Intent on Film Co-production\tCulture ministers"
    )
    assert docs(table) == [(MOU, "signed"), ("cooperation_programme", "signed"), (LOI, "signed")]


# --- invariance ------------------------------------------------------------------------------------------

INVARIANT = [s for s, _, _ in LISTS] + [s for s, _ in NAMED]


@pytest.mark.parametrize("sentence", INVARIANT)
def test_other_countries_do_not_change_the_documents(sentence: str) -> None:
    assert docs(sentence, OTHER_SIDES) == docs(sentence)


@pytest.mark.parametrize(
    ("typo", "right"),
    [
        ("in the ares of", "in the area of"),
        ("in the feilds of", "in the fields of"),
        ("in the sectros of", "in the sectors of"),
    ],
)
def test_a_typo_in_the_list_cue_does_not_hide_the_list(typo: str, right: str) -> None:
    template = "The ministries signed memoranda {cue} fisheries, tourism and mining."
    assert docs(template.replace("{cue}", typo)) == docs(template.replace("{cue}", right))
    assert len(docs(template.replace("{cue}", typo))) == 3


INTRODUCERS = ["in the fields of", "in areas such as", "covering", "including", "in the spheres of"]


@pytest.mark.parametrize("intro", INTRODUCERS)
def test_the_list_introducer_does_not_change_the_fields(intro: str) -> None:
    assert subjects(f"The sides signed agreements {intro} fisheries, tourism and mining.") == [
        "fisheries",
        "tourism",
        "mining",
    ]


@pytest.mark.parametrize("number", ["Nine", "Seven", "12", "Fifteen"])
def test_the_number_in_a_count_does_not_change_the_reading(number: str) -> None:
    summary = run(f"{number} memorandums of understanding were signed during the visit.")
    assert summary.stated_count is not None and summary.stated_count > 2
    assert summary.documents == []


@pytest.mark.parametrize("names", [("Ama Owusu", "Janez Novak"), ("Li Wei", "Maria Lopez")])
def test_the_signatories_names_do_not_change_the_document(names: tuple[str, str]) -> None:
    sentence = f"Foreign ministers {names[0]} and {names[1]} signed an agreement on fisheries."
    assert docs(sentence) == [(AGR, "signed")]


# --- directional -----------------------------------------------------------------------------------------

SIGNED = [
    "{a} and {b} signed an agreement on fisheries.",
    "The ministers signed a memorandum of understanding on tourism.",
    "The two sides signed a protocol on customs cooperation.",
]


@pytest.mark.parametrize("sentence", SIGNED)
def test_will_sign_turns_signed_into_planned(sentence: str) -> None:
    assert [s for _, s in docs(sentence)] == ["signed"]
    assert [s for _, s in docs(sentence.replace("signed", "will sign"))] == ["planned"]
    assert [s for _, s in docs(sentence.replace("signed", "are expected to sign"))] == ["planned"]


@pytest.mark.parametrize("sentence", SIGNED)
def test_a_negation_removes_the_document(sentence: str) -> None:
    assert len(docs(sentence)) == 1
    assert docs(sentence.replace("signed", "did not sign")) == []


@pytest.mark.parametrize("sentence", SIGNED)
def test_discussed_instead_of_signed_is_discussed(sentence: str) -> None:
    assert [s for _, s in docs(sentence.replace("signed", "discussed"))] == ["discussed"]


def test_initialled_instead_of_signed_is_planned() -> None:
    sentence = "An agreement on fisheries was signed by the two ministers."
    assert [s for _, s in docs(sentence)] == ["signed"]
    assert [s for _, s in docs(sentence.replace("signed", "initialled"))] == ["planned"]


NOT_DOCUMENTS = [
    "The two leaders spent a great deal of time on regional security.",
    "Both sides were in full agreement on the need for peace.",
    "The two sides must deal with the crisis together, the president said.",
    "It was a big deal for the region, analysts said.",
    "The talks ended without an agreement on fishing quotas.",
    "The leaders reached an agreement to boost trade to $1 billion.",
]


@pytest.mark.parametrize("sentence", NOT_DOCUMENTS)
def test_document_words_in_other_senses_are_not_documents(sentence: str) -> None:
    assert docs(sentence) == []


def test_a_table_header_is_not_a_document_and_a_cell_ends_the_name() -> None:
    table = (
        "List of outcomes:\n"
        "S.No.\tName of MoU/Agreement\tDescription\n"
        "1.\tMemorandum of Understanding on Fisheries\tTo promote sustainable fishing.\n"
        "2.\tAgreement on Visa Exemption for Diplomatic Passports\tTo exempt diplomats from visas."
    )
    found = run(table).documents
    assert [(d.type, d.title) for d in found] == [
        (MOU, "memorandum of understanding on fisheries"),
        (AGR, "agreement on visa exemption for diplomatic passports"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Under the 2015 agreement on fisheries, {a} supplies boats to {b}.",
        "The ministers reviewed the agreement on fisheries signed last year.",
    ],
)
def test_a_document_dated_before_the_article_is_earlier(sentence: str) -> None:
    (doc,) = run(sentence, published="2026-05-04").documents
    assert doc.context == "earlier"


def test_could_be_signed_is_planned() -> None:
    assert docs("Officials said a memorandum on tourism could be signed as early as next month.") == [(MOU, "planned")]


def test_a_second_plural_document_word_starts_its_own_list() -> None:
    sentence = "These include agreements on fisheries, on road transport, and memoranda on tourism and on mining."
    assert [t for t, _ in docs(sentence)] == [AGR, AGR, MOU, MOU]


def test_an_earlier_initialling_does_not_make_a_signed_document_planned() -> None:
    sentence = "The foreign ministers signed the accord on fisheries, which had been initialled in March."
    assert docs(sentence) == [(AGR, "signed")]


def test_a_list_written_in_capitals_reads_like_any_other() -> None:
    shouted = "AGREEMENTS SIGNED\n- INTER-GOVERNMENTAL AGREEMENT ON FISHERIES\n- MEMORANDUM OF UNDERSTANDING ON TOURISM"
    plain = "Agreements signed\n- Inter-governmental agreement on fisheries\n- Memorandum of understanding on tourism"
    assert [d.title for d in run(shouted).documents] == [d.title for d in run(plain).documents]
    assert [d.title for d in run(shouted).documents] == [
        "inter-governmental agreement on fisheries",
        "memorandum of understanding on tourism",
    ]


@pytest.mark.parametrize("head", ["MoUs", "MoU's", "MoU\u2019s", "memoranda"])
def test_the_spelling_of_a_plural_head_does_not_change_the_fields(head: str) -> None:
    assert subjects(f"The {head} signed today cover fisheries, tourism and mining.") == [
        "fisheries",
        "tourism",
        "mining",
    ]


def test_a_time_adverb_is_not_part_of_the_name() -> None:
    (doc,) = run("The leaders are expected to ink a deal on lithium later on Tuesday.").documents
    assert (doc.title, doc.status) == ("deal on lithium", "planned")


@pytest.mark.parametrize("date", ["July 3", "March 14", "December 1"])
def test_a_dated_reference_points_back_at_the_document(date: str) -> None:
    sentence = f"A new agreement on lunar research was reached. The {date} agreement was signed in Astana."
    found = docs(sentence)
    assert found == [(AGR, "signed")]


def test_a_statement_named_by_its_parties_is_the_statement_already_reported() -> None:
    sentence = (
        "The leaders issued a 40-point joint statement on regional security. "
        "The {a} {b} Joint Statement issued after the talks spoke of the border."
    )
    assert docs(sentence) == [("joint_statement", "adopted")]


def test_names_listed_without_articles_are_separate_documents() -> None:
    sentence = (
        "The following documents were exchanged: Agreement on Fisheries, Memorandum on Tourism, "
        "and Protocol on Customs Cooperation."
    )
    assert [t for t, _ in docs(sentence)] == [AGR, MOU, "protocol"]


def test_agreements_for_two_purposes_are_two_agreements() -> None:
    sentence = (
        "The two countries signed agreements for the avoidance of double taxation and the protection of investments."
    )
    assert subjects(sentence) == ["avoidance of double taxation", "protection of investments"]


def test_a_list_between_dashes_after_an_acronym_and_exchanged_notes() -> None:
    sentence = (
        "The two governments signed three memoranda of cooperation (MoCs) - on fisheries, on tourism and on "
        "mining - and exchanged notes on a loan for a railway."
    )
    assert [t for t, _ in docs(sentence)] == [MOU, MOU, MOU, "other"]


@pytest.mark.parametrize(
    "sentence",
    [
        "They instructed the ministers to finalise the Agreement on Fisheries with a view to its signature next year.",
        "The loan agreement itself, worth 95 billion yen, is expected to be signed next month.",
        "The leaders agreed to fast-track an agreement on fisheries, which officials say could be signed next year.",
    ],
)
def test_documents_still_to_be_signed_are_planned(sentence: str) -> None:
    assert [s for _, s in docs(sentence)] == ["planned"]


def test_an_arrangement_is_a_document() -> None:
    assert docs("The ministers signed a defence cooperation arrangement.") == [("other", "signed")]


def test_not_talking_about_a_document_is_no_document() -> None:
    assert docs("We did not talk about a free trade deal today.") == []


def test_a_colon_introduces_the_fields() -> None:
    assert subjects("They also signed a batch of MoUs: on fisheries, on tourism and on mining.") == [
        "fisheries",
        "tourism",
        "mining",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Both leaders reaffirmed their commitment to the Paris Agreement on climate change.",
        "The disputes will be settled in accordance with the UN Charter.",
        "Asked about a mobility agreement, the minister said it is not on the table for now.",
    ],
)
def test_cited_or_dismissed_documents_are_not_documents(sentence: str) -> None:
    assert docs(sentence) == []


def test_a_discussed_draft_is_discussed() -> None:
    assert docs("The two sides also discussed a draft agreement on double taxation.") == [(AGR, "discussed")]


def test_pro_forms_of_counted_documents_are_documents_of_that_type() -> None:
    sentence = (
        '"We signed four agreements today," the minister said. "The most important is the one on fisheries." '
        "The other three covered tourism, mining and road transport."
    )
    assert subjects(sentence) == ["fisheries", "tourism", "mining", "road transport"]
    assert {t for t, _ in docs(sentence)} == {AGR}


def test_wanting_a_document_is_discussing_it() -> None:
    assert docs("{b} wants a separate agreement on visas.") == [(AGR, "discussed")]


def test_a_list_announced_by_the_sentence_before_its_colon() -> None:
    text = (
        "Seven documents were signed. They are:\n1. Partnership between the Accra Ports Authority and the Port of Koper"
    )
    assert docs(text) == [("other", "signed")]


@pytest.mark.parametrize(
    "intro", ["in areas ranging from", "in sectors as diverse as", "in the fields of", "covering areas such as"]
)
def test_more_list_introducers(intro: str) -> None:
    sentence = f"The leaders attended the signing of more than 20 agreements {intro} fisheries, tourism and mining."
    assert subjects(sentence) == ["fisheries", "tourism", "mining"]


def test_a_range_of_pairs_lists_every_field() -> None:
    sentence = "They signed 20 agreements in areas ranging from fisheries and tourism to mining and health."
    assert subjects(sentence) == ["fisheries", "tourism", "mining", "health"]


@pytest.mark.parametrize("word", ["communiqu\u00e9", "communique", "communiqu\u00c3\u00a9"])
def test_mojibake_does_not_hide_a_communique(word: str) -> None:
    assert docs(f"The presidents signed a joint {word} on the railway.") == [("joint_statement", "signed")]


def test_still_to_be_concluded_after_a_complement_is_planned() -> None:
    sentence = "A host agreement with each of the transit countries is still to be concluded, officials said."
    assert docs(sentence) == [(AGR, "planned")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The agencies signed deals on issues spanning fisheries, tourism and mining.",
        "Officials signed documents about fisheries, tourism and mining.",
        "The ministers signed agreements in domains like fisheries, tourism and mining.",
    ],
)
def test_any_short_introducer_before_a_list_of_fields(sentence: str) -> None:
    assert subjects(sentence) == ["fisheries", "tourism", "mining"]


def test_places_after_a_bare_in_are_not_fields() -> None:
    assert docs("The ministers signed agreements in Accra, Kumasi and Tamale over three days.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The MoUs inked pertain to the fields of fisheries, tourism and mining.",
        "The agreements relate to fisheries, tourism and mining.",
        "{a} and {b} signed 3 deals today in the capital: fisheries, tourism, mining.",
    ],
)
def test_relation_verbs_and_a_colon_after_adjuncts_introduce_fields(sentence: str) -> None:
    assert subjects(sentence) == ["fisheries", "tourism", "mining"]


def test_a_period_between_the_head_and_its_complement_keeps_the_name() -> None:
    (doc,) = run("The leaders signed the Action Plan 2026-2031 of the High-Level Commission.").documents
    assert (doc.type, doc.period) == ("cooperation_programme", "2026-2031")


@pytest.mark.parametrize(
    "follow",
    ["They cover fisheries, tourism and mining.", "These include the fields of fisheries, tourism and mining."],
)
def test_a_pronoun_after_counted_documents_lists_them(follow: str) -> None:
    assert subjects("The two countries signed seven agreements on Tuesday. " + follow) == [
        "fisheries",
        "tourism",
        "mining",
    ]


@pytest.mark.parametrize(
    "follow", ["They are in Accra for two days.", "They also discussed security, trade and sport."]
)
def test_a_pronoun_that_is_not_about_the_documents_lists_nothing(follow: str) -> None:
    assert docs("The two sides signed four agreements. " + follow) == []


@pytest.mark.parametrize("marker", ["- ", "\u2022 ", "1. "])
def test_bullets_of_fields_under_an_intro_that_announces_fields(marker: str) -> None:
    text = "MoUs were signed in the following areas:\n" + "\n".join(
        marker + field for field in ["Fisheries", "Higher education", "Mining"]
    )
    assert [(d.type, d.status, d.title) for d in run(text).documents] == [
        (MOU, "signed", "memorandum of understanding on fisheries"),
        (MOU, "signed", "memorandum of understanding on higher education"),
        (MOU, "signed", "memorandum of understanding on mining"),
    ]


def test_fields_that_name_places_are_still_fields() -> None:
    sentence = (
        "{a} and {b} signed two agreements. Two agreements cover the Accra railway and the expansion of the Koper port."
    )
    assert len(docs(sentence)) == 2


def test_namely_after_various_fields_introduces_them() -> None:
    sentence = (
        "The two sides exchanged memoranda and agreements in various fields, namely: fisheries, tourism and mining."
    )
    assert subjects(sentence) == ["fisheries", "tourism", "mining"]


def test_a_protocol_to_a_treaty_is_one_document() -> None:
    assert docs("The presidents signed a protocol to the Maipu Treaty on lithium cooperation.") == [
        ("protocol", "signed")
    ]


def test_work_ongoing_on_a_document_is_discussed() -> None:
    assert docs("Work on a bilateral social security agreement is ongoing.") == [(AGR, "discussed")]
