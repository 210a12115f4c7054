"""Who signed: role words in lower case, signers named after a place, a pronoun or the list before."""

from __future__ import annotations

from tests.extractors.conftest import run


def test_plural_and_lower_case_role_words_name_signers() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. Trade ministers Rosa Quispe and Ana Novak signed an MoU on wine."
    )
    assert summary.documents[0].signatories == ["Rosa Quispe", "Ana Novak"]


def test_signed_at_a_place_by_stops_before_the_witnesses() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. The agreement on mining was signed at the Government Palace by "
        "Peru's energy minister Luis Paredes and Slovenian Minister Matej Kos in the presence of President Elena Rojas."
    )
    assert summary.documents[0].signatories == ["Luis Paredes", "Matej Kos"]


def test_signers_end_where_the_witnesses_begin() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. An agreement on fisheries was signed by Minister Luis Paredes and "
        "Minister Matej Kos, and witnessed by President Elena Rojas."
    )
    assert summary.documents[0].signatories == ["Luis Paredes", "Matej Kos"]


def test_leaders_who_issue_a_statement_are_not_its_signatories() -> None:
    summary = run(
        "Peruvian President Elena Rojas and Slovenian Prime Minister Robert Golob held talks in Lima. The two leaders "
        "issued a joint statement on their partnership."
    )
    assert summary.documents[0].signatories == []


def test_the_documents_were_signed_by_applies_to_the_documents_listed_before() -> None:
    summary = run(
        "Peru and Slovenia signed two agreements on Monday: an agreement on road transport and an agreement on "
        "tourism.\n\nThe documents were signed at the Government Palace by Foreign Minister Luis Paredes and "
        "Foreign Minister Tanja Fajon."
    )
    assert [d.signatories for d in summary.documents] == [["Luis Paredes", "Tanja Fajon"]] * 2


def test_signed_it_gives_the_signers_of_the_document_named_just_before() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. The main result is a new agreement on defence cooperation. President "
        "Elena Rojas and Prime Minister Robert Golob signed it at the Government Palace."
    )
    assert summary.documents[0].signatories == ["Elena Rojas", "Robert Golob"]


def test_signers_of_another_document_are_not_the_signers_of_a_stated_count() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. The agreement on air services and the protocol on customs were "
        "prepared by experts. President Elena Rojas and Prime Minister Robert Golob signed a joint declaration, "
        "which was not among the five agreements."
    )
    assert [d.signatories for d in summary.documents if d.type != "declaration"] == [[], []]
