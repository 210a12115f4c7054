"""Offline rules on self-written sentences: one test per way outlets report a document."""

from __future__ import annotations

import pytest

from service.articles import from_text
from service.extractors import create
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary, Document
from tests.extractors.conftest import run


def only(summary: ArticleSummary) -> Document:
    assert len(summary.documents) == 1, [d.title for d in summary.documents]
    return summary.documents[0]


def test_registered_as_offline() -> None:
    assert create("offline").name == "offline"


@pytest.mark.parametrize(
    ("sentence", "doc_type", "status"),
    [
        ("Slovenia and Ghana inked an MoU on cocoa processing on Tuesday.", "memorandum_of_understanding", "signed"),
        ("The two ministries exchanged a letter of intent on vocational training.", "letter_of_intent", "signed"),
        ("Peru and Vietnam sealed a contract for the delivery of rice.", "contract", "signed"),
        ("Chile and Nepal concluded a treaty on extradition.", "treaty", "signed"),
        ("The leaders adopted a joint statement on regional security.", "joint_statement", "adopted"),
        ("A joint communique was issued at the end of the talks in Accra.", "joint_statement", "adopted"),
        ("The presidents signed a joint declaration on a strategic partnership.", "declaration", "signed"),
        ("Ghana and Slovenia agreed to sign a protocol on double taxation next year.", "protocol", "planned"),
        ("Slovenia will sign an agreement on seasonal workers with Ghana in May.", "agreement", "planned"),
        ("The sides are set to sign a memorandum on cyber security.", "memorandum_of_understanding", "planned"),
        ("The ministers discussed a free trade agreement between Ghana and Slovenia.", "agreement", "discussed"),
        ("The culture ministries signed a cooperation programme for 2025-2028.", "cooperation_programme", "signed"),
        ("The governments adopted an action plan on migration.", "cooperation_programme", "adopted"),
        ("They also adopted a joint vision for the partnership.", "other", "adopted"),
    ],
)
def test_type_and_status(sentence: str, doc_type: str, status: str) -> None:
    doc = only(run(sentence))
    assert (doc.type, doc.status) == (doc_type, status)
    assert doc.evidence[0].quote in sentence


def test_quote_is_the_reporting_sentence_with_exact_offsets() -> None:
    body = "ACCRA, June 3 - The talks lasted two hours. Ghana and Slovenia signed an agreement on air services."
    summary = run(body)
    ev = only(summary).evidence[0]
    assert body[ev.start : ev.end] == ev.quote == "Ghana and Slovenia signed an agreement on air services."


def test_period_two_digit_end_is_spelled_out() -> None:
    doc = only(run("The justice ministries announced a cooperation program for the upcoming 2026-29 period."))
    assert doc.period == "2026-2029"


def test_ministries_and_companies_are_parties_with_their_countries() -> None:
    doc = only(
        run(
            "Ghana's Ministry of Energy and the Ministry of Infrastructure of Slovenia signed a memorandum "
            "of understanding on solar parks."
        )
    )
    assert {p.country for p in doc.parties} == {"GH", "SI"}
    assert any("Ministry of Energy" in p.name for p in doc.parties)


def test_plural_ministries_give_one_party_per_side() -> None:
    summary = run(
        "Ghana and Slovenia held talks in Accra. The two Ministries of Defence exchanged a letter of intent, "
        "pledging closer training ties."
    )
    doc = only(summary)
    assert sorted(p.country for p in doc.parties) == ["GH", "SI"]
    assert all("Defence" in p.name for p in doc.parties)


def test_company_without_country_takes_the_other_side() -> None:
    summary = run(
        "Slovenia and Ghana deepened ties in Accra. Ghana's Ministry of Mines and Petrol Slovenija exchanged an MoU "
        "on gold refining."
    )
    assert {p.country for p in only(summary).parties} == {"GH", "SI"}


def test_signed_by_names_the_signatories() -> None:
    doc = only(
        run(
            "An agreement on fisheries between the governments of Ghana and Slovenia was signed by Foreign Minister "
            "Kwame Mensah and Deputy Minister of Economy Ana Novak."
        )
    )
    assert doc.signatories == ["Kwame Mensah", "Ana Novak"]


def test_fields_of_a_plural_mention_are_one_document_each() -> None:
    summary = run("Ghana and Slovenia exchanged memoranda of cooperation in the fields of education, health and sport.")
    assert [d.subject for d in summary.documents] == ["education", "health", "sport"]
    assert {d.type for d in summary.documents} == {"memorandum_of_understanding"}
    assert len({d.evidence[0].start for d in summary.documents}) == 1


def test_and_inside_a_field_is_kept_when_the_list_uses_and_elsewhere() -> None:
    summary = run("The sides signed agreements on law and justice, mining and geology, and air services.")
    assert [d.subject for d in summary.documents] == ["law and justice", "mining and geology", "air services"]


def test_a_stated_count_is_not_a_list_of_documents() -> None:
    summary = run("Ghana and Slovenia signed 12 agreements during the visit, officials said.")
    assert summary.documents == []
    assert summary.stated_count == 12
    assert summary.list_complete is False


def test_fields_after_a_count_are_dropped_when_named_documents_cover_the_count() -> None:
    body = (
        "Ghana and Slovenia signed two memorandums of understanding covering energy and tourism.\n\n"
        "The energy ministries signed an MoU on hydropower. The tourism boards signed an MoU on joint marketing."
    )
    summary = run(body)
    assert [d.title for d in summary.documents] == ["mou on hydropower", "mou on joint marketing"]
    assert summary.stated_count == 2


def test_including_makes_the_list_incomplete() -> None:
    summary = run(
        "The two countries signed several agreements, including an agreement on visa-free travel for diplomats."
    )
    assert [d.type for d in summary.documents] == ["agreement"]
    assert summary.list_complete is False


def test_nested_type_word_does_not_make_a_second_document() -> None:
    summary = run("MoU on Credit Line Agreement between the Bank of Ghana and Slovenska Izvozna Banka.")
    assert only(summary).type == "memorandum_of_understanding"


def test_coordinated_documents_in_one_sentence_are_separate() -> None:
    summary = run("The ministers signed an agreement on road transport and a protocol on customs cooperation.")
    assert [(d.type, d.title) for d in summary.documents] == [
        ("agreement", "agreement on road transport"),
        ("protocol", "protocol on customs cooperation"),
    ]


def test_acronym_in_brackets_is_not_another_document() -> None:
    summary = run("Ghana and Slovenia signed a Memorandum of Understanding (MoU) on fisheries.")
    assert only(summary).title == "memorandum of understanding (mou) on fisheries"


def test_back_reference_adds_signatories_not_a_document() -> None:
    summary = run(
        "The sides agreed on a Memorandum of Cooperation (MoC) on customs. The MoC was signed by Minister of Finance "
        "Kofi Asante and Minister of Finance Mateja Kranjc."
    )
    assert only(summary).signatories == ["Kofi Asante", "Mateja Kranjc"]


def test_earlier_document_is_kept_as_signed_background() -> None:
    summary = run(
        "The presidents adopted a joint statement. They recalled the Treaty on Friendship signed between the two "
        "countries in March 2001."
    )
    assert [(d.type, d.status) for d in summary.documents] == [("joint_statement", "adopted"), ("treaty", "signed")]


def test_spoken_statement_is_not_a_document() -> None:
    summary = run("While delivering a joint statement to the press, the prime minister thanked his host.")
    assert summary.documents == []


def test_list_under_a_heading_inherits_its_type() -> None:
    body = (
        "Here are the MoUs signed by Ghana and Slovenia\n\n"
        "1. Cooperation between the Ghana Standards Authority and the Slovenian Institute for Standardization.\n\n"
        "2. Partnership between the University of Ghana and the University of Ljubljana on research."
    )
    summary = run(body)
    assert [(d.type, d.status) for d in summary.documents] == [("memorandum_of_understanding", "signed")] * 2


def test_agreed_on_a_supply_between_companies_is_an_other_document() -> None:
    summary = run(
        "Ghana National Petroleum Corporation and Slovenia's Petrol Group agreed on a long-term supply of diesel."
    )
    doc = only(summary)
    assert (doc.type, doc.status) == ("other", "signed")
    assert doc.title == "long-term supply of diesel"


def test_page_furniture_makes_no_documents() -> None:
    body = "Home | World | Business\nShare this article\nRead also:\nLatest\nComments (0)\nLeave a Reply"
    assert run(body).documents == []


def test_html_input_is_read_and_offsets_refer_to_the_visible_text() -> None:
    html = (
        "<html><head><title>Ghana and Slovenia</title><script>var x = 'agreement';</script></head><body>"
        "<nav>Menu: agreements archive</nav><p>ACCRA, June 3 - Ghana and Slovenia signed an agreement on "
        "air services.</p><p>Both sides pledged to open embassies by 2027.</p></body></html>"
    )
    article = from_text(html, id="page")
    summary = OfflineExtractor().extract(article)
    doc = only(summary)
    assert summary.article.source_format == "html"
    assert article.body[doc.evidence[0].start : doc.evidence[0].end] == doc.evidence[0].quote
    assert doc.type == "agreement"
    assert summary.commitments and summary.commitments[0].actors == ["GH", "SI"]


def test_non_english_text_gets_a_clear_warning_and_no_documents() -> None:
    summary = run(
        "Eslovenia y Ghana firmaron hoy un acuerdo de cooperación en materia de energía y un memorando de "
        "entendimiento sobre turismo durante la visita oficial del presidente a la capital."
    )
    assert summary.documents == []
    warning = next(w for w in summary.warnings if w.code == "language_not_supported")
    assert "detected 'es'" in warning.message and "OPENAI_BASE_URL" in warning.message


def test_declared_language_is_respected() -> None:
    summary = run("Ghana and Slovenia signed an agreement on air services.", language="fr")
    assert summary.documents == [] and summary.warnings[0].code == "language_not_supported"


def test_truncated_article_is_never_complete() -> None:
    text = "URL: https://example.org/x\nTRUNCATED: yes\n\nGhana and Slovenia signed an agreement on air services."
    summary = OfflineExtractor().extract(from_text(text))
    assert len(summary.documents) == 1
    assert summary.list_complete is False


def test_headline_in_its_own_words_is_the_body_document_of_the_same_subject() -> None:
    summary = run(
        "Peru, Slovenia seal copper pact\n\nLIMA, May 4 - Peru and Slovenia sealed an agreement on copper "
        "refining on Monday. They also signed an agreement on air services."
    )
    assert [d.title for d in summary.documents] == ["agreement on copper refining", "agreement on air services"]
    assert summary.documents[0].restatements[0].evidence.quote.startswith("Peru, Slovenia seal copper pact")


def test_headline_sum_finds_the_body_deal_of_another_type() -> None:
    summary = run(
        "Krka wins $640 million Peru drug deal\n\nLIMA, May 4 - Slovenia's Krka signed a $640 million supply "
        "contract with Peru's health ministry. The two governments also signed an agreement on air services."
    )
    assert [d.type for d in summary.documents] == ["contract", "agreement"]


def test_an_apposition_renames_the_document_it_follows() -> None:
    summary = run(
        "Peru and Slovenia signed a contract worth $300 million for 12 ferries, the biggest Slovenian export deal "
        "in Latin America."
    )
    assert only(summary).type == "contract"


def test_recap_line_with_the_same_sum_is_the_same_document() -> None:
    summary = run(
        "Peru and Slovenia signed a contract worth €90 million for hospital beds.\n\n"
        "Signed in Lima: medical equipment contract (€90 million); treaty on extradition."
    )
    assert [d.type for d in summary.documents] == ["contract", "treaty"]
    assert len(summary.documents[0].restatements) == 1


def test_a_credit_line_is_a_document_of_type_other() -> None:
    doc = only(run("Slovenska Izvozna Banka and Peru's finance ministry signed a $50 million credit line for SMEs."))
    assert (doc.type, doc.status) == ("other", "signed")


def test_a_decimal_point_does_not_end_the_name_and_the_period_after_it_is_read() -> None:
    doc = only(
        run(
            "Peru and Slovenia signed a memorandum of understanding on up to $1.2 billion of guarantees over 2026-2029."
        )
    )
    assert doc.period == "2026-2029"
    assert doc.subject == "guarantees"


def test_a_comma_list_after_a_singular_document_is_one_field() -> None:
    doc = only(run("Peru and Slovenia signed an agreement on cooperation in sport, youth and culture on Monday."))
    assert doc.title == "agreement on cooperation in sport, youth and culture"


def test_an_international_body_keeps_no_country_and_the_side_naming_it_is_the_partner() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. Ljubljana backs Lima's bid for a trade agreement with the European "
        "Union. The talks covered trade between the European Union and Peru and expressed hope for progress."
    )
    doc = summary.documents[0]
    assert {(p.name, p.country) for p in doc.parties} == {("Peru", "PE"), ("European Union", None)}


def test_a_length_in_years_is_the_period_when_no_years_are_named() -> None:
    doc = only(run("The water ministries of Peru and Slovenia adopted a five-year programme of cooperation on dams."))
    assert doc.period == "five years"


def test_unmarked_list_lines_under_a_colon_intro_are_list_entries_with_their_signers() -> None:
    summary = run(
        "Peru and Slovenia signed three documents in Lima on Monday.\n\nThe documents, and who signed them:\n"
        "Agreement on road transport – Peruvian Transport Minister Rosa Quispe and Slovenian Minister Ana Novak\n"
        "Protocol on customs cooperation – the two finance ministers\n"
        "Memorandum of understanding on tourism – PromPeru and the Slovenian Tourist Board"
    )
    assert [d.type for d in summary.documents] == ["agreement", "protocol", "memorandum_of_understanding"]
    assert summary.documents[0].signatories == ["Rosa Quispe", "Ana Novak"]
    assert summary.documents[0].title == "agreement on road transport"
    assert [p.name for p in summary.documents[2].parties] == ["PromPeru", "Slovenian Tourist Board"]


def test_fields_after_concern_are_documents_up_to_the_count_of_signed_ones() -> None:
    summary = run(
        "Peru and Slovenia signed five agreements in Lima. An agreement on air services was signed by the transport "
        "ministers. The other four documents concern mining, health, sport and investment promotion. The sides aim "
        "to conclude an agreement on investment protection next year."
    )
    assert [d.subject for d in summary.documents if d.type == "other"] == [
        "mining",
        "health",
        "sport",
        "investment promotion",
    ]


def test_a_field_after_and_the_is_a_field_of_its_own() -> None:
    summary = run(
        "Peru and Slovenia signed 10 cooperation documents in areas including trade and investment, mining, "
        "astronomy and the digital economy."
    )
    assert [d.subject for d in summary.documents] == [
        "trade and investment",
        "mining",
        "astronomy",
        "digital economy",
    ]


def test_a_bare_deal_in_apposition_is_the_same_document() -> None:
    summary = run(
        "The leaders witnessed the exchange of an agreement on logistics support between their armed forces, a deal "
        "that had been initialled in May."
    )
    doc = only(summary)
    assert doc.type == "agreement"


def test_between_their_armed_forces_means_the_two_sides() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. The leaders witnessed the exchange of an agreement on logistics "
        "between their armed forces."
    )
    assert sorted(p.country for p in only(summary).parties) == ["PE", "SI"]


def test_an_infinitive_after_the_document_ends_its_name() -> None:
    summary = run("Peru and Slovenia agreed to sign an agreement on pensions and to hold a business forum in May.")
    assert only(summary).title == "agreement on pensions"
