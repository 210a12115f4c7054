"""Pledges that are not documents: who promised what."""

from __future__ import annotations

from tests.extractors.conftest import run

BODY = (
    "ACCRA, June 3 - Ghana and Slovenia signed an agreement on air services. Both sides agreed to double bilateral "
    "trade by 2030. President Mahama said Ghana would open an embassy in Ljubljana next year. The leaders agreed to "
    "adopt a joint statement on the partnership. Cooperation in culture will remain a priority."
)


def test_pledges_with_their_actors() -> None:
    pledges = [(c.actors, c.text) for c in run(BODY).commitments]
    assert pledges == [
        (["GH", "SI"], "double bilateral trade by 2030"),
        (["GH"], "open an embassy in Ljubljana next year"),
    ]


def test_timeframe_and_exact_evidence() -> None:
    summary = run(BODY)
    first = summary.commitments[0]
    assert first.timeframe == "by 2030"
    assert BODY[first.evidence[0].start : first.evidence[0].end] == first.evidence[0].quote


def test_a_recap_repeating_a_pledge_is_not_a_second_pledge() -> None:
    summary = run(BODY + "\n\n1. Both sides agreed to double bilateral trade by 2030.")
    assert len(summary.commitments) == 2


def test_third_country_subject_is_not_a_pledge_of_the_sides() -> None:
    summary = run("Ghana and Slovenia held talks in Accra. Canada will host the next donors' conference in 2027.")
    assert summary.commitments == []


def test_pledge_after_a_weekday_a_person_pair_a_second_predicate_and_says() -> None:
    summary = run(
        "LIMA - Peru and Slovenia on Monday agreed to reopen direct flights. Slovenian Prime Minister Robert Golob "
        "held talks with President Elena Rojas. Golob and Rojas also agreed to set up a business council. The two "
        "leaders announced a joint fund and agreed to double trade by 2030. Rojas says Peru will open a consulate "
        "in Ljubljana."
    )
    pledges = [(c.actors, c.text) for c in summary.commitments]
    assert pledges == [
        (["PE", "SI"], "reopen direct flights"),
        (["PE", "SI"], "set up a business council"),
        (["PE", "SI"], "double trade by 2030"),
        (["PE"], "open a consulate in Ljubljana"),
    ]


def test_aspirations_forecasts_and_documents_are_not_pledges() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. Peru and Slovenia will further deepen cooperation in all areas. The "
        "leaders expressed the hope that they will be concluded this year. Both sides agreed to work towards the "
        "signing of an agreement on pensions."
    )
    assert summary.commitments == []


def test_a_pledge_with_a_decimal_sum_is_kept_whole() -> None:
    summary = run("Peru and Slovenia held talks in Lima. Slovenia will provide 1.5 million euros for flood defences.")
    assert summary.commitments[0].text == "provide 1.5 million euros for flood defences"


def test_willing_to_and_a_pledge_after_a_document() -> None:
    summary = run(
        "Peru and Slovenia held talks in Lima. Rojas said Peru is willing to buy more Slovenian medicines. The two "
        "sides agreed to sign an agreement on pensions and to hold a business forum in Lima in 2027."
    )
    assert [c.text for c in summary.commitments] == [
        "buy more Slovenian medicines",
        "hold a business forum in Lima in 2027",
    ]
