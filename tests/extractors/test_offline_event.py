"""Where, when and between whom: datelines, dated sentences, weekdays, hosts and leaders."""

from __future__ import annotations

from service.articles import from_text
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary


def run(text: str, **meta: str) -> ArticleSummary:
    return OfflineExtractor().extract(from_text(text, **meta))


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
