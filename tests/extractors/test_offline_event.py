"""Where, when and between whom: datelines, dated sentences, weekdays, hosts and leaders."""

from __future__ import annotations

from tests.extractors.conftest import run


def test_upper_case_dateline_gives_city_country_and_date() -> None:
    summary = run(
        "ACCRA, June 3 - President John Mahama and Slovenian President Natasa Pirc Musar signed an agreement on "
        "air services.",
        published="2026-06-04",
    )
    ev = summary.event
    assert (ev.location.city, ev.location.country, ev.date) == ("Accra", "GH", "2026-06-03")
    assert ev.countries == ["GH", "SI"]
    assert ev.evidence and ev.evidence[0].quote.startswith("ACCRA, June 3")


def test_agency_dateline_with_title_case_city() -> None:
    summary = run("Ljubljana, May 7, STA\n\nSlovenia and Ghana signed a memorandum on tourism on May 7.")
    assert (summary.event.location.city, summary.event.location.country) == ("Ljubljana", "SI")


def test_weekday_is_resolved_against_the_header_date() -> None:
    text = "DATE: 2026-06-05\n\nGhana and Slovenia on Wednesday signed an agreement on air services in Accra."
    assert run(text).event.date == "2026-06-03"


def test_ambiguous_header_date_is_not_used() -> None:
    text = "DATE: 2026-06-05 or 2026-06-06\n\nGhana and Slovenia on Wednesday signed an agreement on air services."
    assert run(text).event.date is None


def test_dated_talks_sentence_with_year_from_header() -> None:
    text = (
        "DATE: unknown (published 2026)\n\nOn June 3, the presidents of Ghana and Slovenia held talks in Accra "
        "and adopted a joint statement."
    )
    summary = run(text)
    assert summary.event.date == "2026-06-03"
    assert summary.event.location.city == "Accra"


def test_host_country_from_visit_without_city() -> None:
    summary = run(
        "During the state visit to Ghana, Slovenia's president and her Ghanaian counterpart signed an agreement "
        "on air services."
    )
    assert summary.event.location.country == "GH"
    assert summary.event.kind == "state visit"


def test_a_capitalised_section_label_is_not_a_dateline() -> None:
    summary = run("DIPLOMACY\n\nGhana and Slovenia signed an agreement on air services in Accra.")
    assert summary.event.location.city == "Accra"


def test_principals_are_the_leaders_of_each_side() -> None:
    summary = run(
        "Ghanaian President John Mahama received Slovenian Prime Minister Robert Golob in Accra. Mahama and Golob "
        "adopted a joint statement. Finance Minister Ato Forson also attended."
    )
    assert summary.event.principals == ["John Mahama", "Robert Golob"]


def test_weekday_of_the_talks_beats_the_date_of_the_dateline() -> None:
    summary = run(
        "LIMA, June 10 - The agreements will boost trade, Slovenian Prime Minister Robert Golob said on Wednesday "
        "as he left Peru. Golob held talks with President Elena Rojas on Tuesday, after which the two sides signed "
        "an agreement on mining.",
        published="2026-06-10",
    )
    assert summary.event.date == "2026-06-09"


def test_the_previous_day_counts_back_from_the_dateline() -> None:
    summary = run(
        "LIMA, June 10 - The agreements signed here the previous day will boost trade, Slovenia's prime minister said.",
        published="2026-06-11",
    )
    assert summary.event.date == "2026-06-09"


def test_a_weekday_of_travel_or_speech_is_not_the_day_of_the_talks() -> None:
    summary = run(
        "LIMA - Slovenian Prime Minister Robert Golob left Lima on Friday. At a ceremony on Thursday, the two "
        "sides signed an agreement on mining.",
        published="2026-06-13",
    )
    assert summary.event.date == "2026-06-11"


def test_dateline_with_a_year_a_long_city_and_two_cities() -> None:
    assert run("Lima, 2 December 2026: Peru and Slovenia today signed an agreement on mining.").event.date == (
        "2026-12-02"
    )
    summary = run("DAR ES SALAAM, March 5 (Wire) -- Tanzania and Slovenia signed an agreement on ports.",
                  published="2026-03-05")  # fmt: skip
    assert (summary.event.location.city, summary.event.location.country) == ("Dar Es Salaam", "TZ")
    summary = run("Lima / Ljubljana, 21 October 2026\n\nPeru and Slovenia today signed an agreement on mining in Lima.")
    assert (summary.event.location.city, summary.event.date) == ("Lima", "2026-10-21")


def test_today_is_the_day_of_the_article() -> None:
    text = "DATE: 2026-09-02\n\nSlovenian Prime Minister Robert Golob is in Lima today for talks on mining."
    summary = run(text)
    assert (summary.event.date, summary.event.location.city) == ("2026-09-02", "Lima")


def test_labels_that_open_a_page_are_not_datelines() -> None:
    summary = run(
        "LIVE: Golob in Lima\n\nPRESENTER: What came out of the talks in Lima?\n\nREPORTER: Peru and Slovenia signed "
        "an agreement on mining."
    )
    assert summary.event.location.city == "Lima"


def test_a_republished_copy_date_is_not_the_date_of_today() -> None:
    text = "DATE: 2026-09-05 (republication date per URL)\n\nThe agreements signed today open a new page, Golob said."
    assert run(text).event.date is None


def test_here_is_the_side_whose_leader_is_not_labelled_with_a_country() -> None:
    summary = run(
        "Peru and Slovenia on Monday signed five agreements. President Elena Rojas and Slovenian Prime Minister "
        "Robert Golob witnessed the signing ceremony held here at the Government Palace."
    )
    assert summary.event.location.country == "PE"


def test_principals_include_whoever_the_visitor_held_talks_with() -> None:
    summary = run(
        "Slovenian Prime Minister Robert Golob was received by President Elena Rojas and held talks with Prime "
        "Minister Jorge Salas in Lima. Golob and Rojas signed an agreement on mining. Rojas thanked Golob."
    )
    assert summary.event.principals == ["Elena Rojas", "Jorge Salas", "Robert Golob"]


def test_the_country_of_a_person_is_the_one_of_their_title() -> None:
    summary = run(
        "Mr. Kenji Sato, Prime Minister of Japan, held a summit meeting with Mr. Pablo Rios, President of the "
        "Oriental Republic of Uruguay, who is visiting Japan. The leaders issued a joint statement. Sato and Rios "
        "agreed to meet again."
    )
    assert summary.event.principals == ["Kenji Sato", "Pablo Rios"]


def test_leaders_named_in_pairs_take_the_countries_in_order() -> None:
    summary = run(
        "After talks between the presidents of Peru and Slovenia, Elena Rojas and Natasa Pirc, two agreements were "
        "signed. Slovenian Economy Minister Matej Kos and Economy Minister Matej Kos signed them. Kos hailed Rojas."
    )
    assert summary.event.principals == ["Elena Rojas", "Natasa Pirc"]


def test_a_stay_in_a_city_places_the_visit() -> None:
    summary = run("The Slovenian prime minister's two-day stay in Lima ended with an agreement on mining.")
    assert (summary.event.location.city, summary.event.location.country) == ("Lima", "PE")


def test_iso_dateline_gives_place_and_day() -> None:
    from service import extract

    summary = extract(
        "Tallinn, 2025-05-14. Estonia and Finland signed a memorandum of understanding on grid links.",
        backend="offline",
    )
    assert summary.event.location.city == "Tallinn" and summary.event.location.country == "EE"
    assert summary.event.date == "2025-05-14"
    impossible = extract("HANOI, 2026-13-45 - Vietnam and Laos signed an agreement on border trade.", backend="offline")
    assert impossible.event.location.city == "Hanoi" and impossible.event.date is None
