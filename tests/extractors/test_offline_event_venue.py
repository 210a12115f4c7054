"""Where and when the talks were, CheckList style, on self-written sentences.

Minimum functionality tables (one phenomenon per row), invariance (other names, cities and
countries change nothing) and directional tests (moving the dateline changes nothing when the text
says where the talks were; moving the publication date moves a weekday).
"""

from __future__ import annotations

import pytest

from service.extractors.offline.dates import published_date
from tests.extractors.conftest import run

# --- venue: the text's own statement of where the talks were beats a dateline elsewhere -----------

VENUE_MFT = [
    # (text, city, country)
    (
        "NAIROBI, March 4 - President Wanjiru Kamau and Polish President Marek Nowak signed two agreements "
        "in Warsaw on Tuesday, State House said.",
        "Warsaw",
        "PL",
    ),
    (
        "LIMA, Oct 2 - Peru and Sweden signed an agreement on mining safety during President Rosa Quiroga's "
        "state visit to Stockholm.",
        "Stockholm",
        "SE",
    ),
    (
        "Hanoi, 9 May 2026\n\nPrime Minister Le Van Binh, who is on an official visit to Chile, held talks "
        "with Chilean President Camila Soto in Santiago. The two leaders signed a memorandum on copper.",
        "Santiago",
        "CL",
    ),
    (
        "ACCRA, Feb 18 - President Kofi Mensah returned from Berlin on Wednesday after Ghana and Germany "
        "signed four agreements.",
        "Berlin",
        "DE",
    ),
    (
        "DHAKA, Jan 9 - Prime Minister Rahim Uddin left Tokyo on Friday after Bangladesh and Japan signed a "
        "loan agreement.",
        "Tokyo",
        "JP",
    ),
    (
        "ULAANBAATAR, Nov 25 - Mongolia signed six agreements during President Bat Erdene's state visit to the "
        "Czech Republic.",
        None,
        "CZ",
    ),
]


@pytest.mark.parametrize(("text", "city", "country"), VENUE_MFT)
def test_venue_stated_in_the_text_beats_the_dateline(text: str, city: str | None, country: str) -> None:
    loc = run(text, published="2026-05-10").event.location
    assert (loc.city, loc.country) == (city, country)


NOT_VENUE_MFT = [
    # a place of the other side that is not where the talks were: future, speech, another year
    "Kenya and Poland signed two agreements in Nairobi. President Nowak invited his host to visit Warsaw.",
    "Kenya and Poland signed two agreements in Nairobi. The Polish president is due to visit a port in Gdansk.",
    "Kenya and Poland signed two agreements in Nairobi, and a visa accord, signed in Warsaw in 2019, was renewed.",
    "Kenya and Poland signed two agreements in Nairobi. Poland's trade envoy told reporters in Warsaw it was a start.",
    "Kenya and Poland signed two agreements in Nairobi; they will sign a third during a visit to Warsaw next year.",
]


@pytest.mark.parametrize("text", NOT_VENUE_MFT)
def test_future_past_and_speech_places_are_not_the_venue(text: str) -> None:
    loc = run(text).event.location
    assert (loc.city, loc.country) == ("Nairobi", "KE")


def test_a_country_after_in_does_not_overrule_a_dateline() -> None:
    """ "vehicles made in Ukraine" is where a product is made; the dateline places the talks."""
    text = (
        "STOCKHOLM, May 6 - Sweden and Ukraine on Tuesday signed a letter of intent on producing armoured "
        "vehicles in Ukraine."
    )
    loc = run(text).event.location
    assert (loc.city, loc.country) == ("Stockholm", "SE")


@pytest.mark.parametrize(
    ("landmark", "country"),
    [("the Kremlin", "RU"), ("the White House", "US"), ("Malacanang", "PH"), ("the Casa Rosada", "AR")],
)
def test_seat_of_government_gives_the_host_country(landmark: str, country: str) -> None:
    names = {"RU": "Russian", "US": "American", "PH": "Philippine", "AR": "Argentine"}
    text = (
        f"The {names[country]} president received the Ghanaian president at {landmark} on Tuesday, where "
        f"the two leaders signed an agreement on trade. Ghana and the {names[country]} side agreed to meet again."
    )
    assert run(text, published="2026-05-08").event.location.country == country


def test_city_state_venue_names_the_city() -> None:
    text = "Prime Minister Lim Wei and President Sari Dewi of Indonesia held talks in Singapore and signed a treaty."
    loc = run(text).event.location
    assert (loc.city, loc.country) == ("Singapore", "SG")


# --- invariance: other names and places change nothing -----------------------------------------

SWAPS = [
    ("Warsaw", "PL", "Polish", "NAIROBI", "KE", "Kenyan"),
    ("Lisbon", "PT", "Portuguese", "LUANDA", "AO", "Angolan"),
    ("Hanoi", "VN", "Vietnamese", "CANBERRA", "AU", "Australian"),
]


@pytest.mark.parametrize(("venue", "code", "host_adj", "home", "home_code", "visitor_adj"), SWAPS)
def test_venue_invariant_to_the_countries_and_names(
    venue: str, code: str, host_adj: str, home: str, home_code: str, visitor_adj: str
) -> None:
    text = (
        f"{home}, June 10 - The {visitor_adj} president and his {host_adj} counterpart signed a treaty on "
        f"trade in {venue} on Tuesday, officials said."
    )
    event = run(text, published="2026-06-10").event
    assert (event.location.city, event.location.country) == (venue, code)
    assert event.countries == sorted([code, home_code])
    assert event.date == "2026-06-09"


# --- directional: moving the dateline city changes nothing when the text says where -------------


@pytest.mark.parametrize("dateline", ["WARSAW", "NAIROBI", "MOMBASA", "KRAKOW"])
def test_moving_the_dateline_does_not_move_a_stated_venue(dateline: str) -> None:
    text = (
        f"{dateline}, March 4 - President Wanjiru Kamau held talks with Polish President Marek Nowak at the "
        "presidential palace in Warsaw on Tuesday. Kenya and Poland signed three agreements."
    )
    event = run(text, published="2026-03-04").event
    assert (event.location.city, event.location.country, event.date) == ("Warsaw", "PL", "2026-03-03")


def test_without_a_stated_venue_the_dateline_places_the_talks() -> None:
    text = "NAIROBI, March 4 - Kenya and Poland signed three agreements on Tuesday after talks between the presidents."
    loc = run(text, published="2026-03-04").event.location
    assert (loc.city, loc.country) == ("Nairobi", "KE")


# --- dates -------------------------------------------------------------------------------------

DATE_MFT = [
    # (text, published, expected)
    ("On Tuesday, in the presence of both presidents, Kenya and Poland signed a treaty in Nairobi.", "2026-03-05", "2026-03-03"),
    ("Today in Nairobi, the presidents of Kenya and Poland signed a treaty.", "2026-03-05", "2026-03-05"),
    ("The Kenyan president received the Polish president in Nairobi on Monday, and the two signed a treaty.",
     "2026-03-05", "2026-03-02"),
    ("The Kenyan president hosted the Polish president in Nairobi on 2 March 2026. They signed a treaty.",
     "2026-03-05", "2026-03-02"),
    ("When the Polish president landed in Nairobi on Sunday, hopes were low. In the end Kenya and Poland signed "
     "a treaty.", "2026-03-05", "2026-03-01"),
    ("Kenya and Poland on Tuesday signed a treaty in Nairobi.", "March 5, 2026", "2026-03-03"),
    ("Kenya and Poland on Tuesday signed a treaty in Nairobi.", "05.03.2026", "2026-03-03"),
    ("Kenya and Poland on Tuesday signed a treaty in Nairobi.", "05 MAR 2026 6:40PM", "2026-03-03"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "expected"), DATE_MFT)
def test_date_of_the_talks(text: str, published: str, expected: str) -> None:
    assert run(text, published=published).event.date == expected


def test_talks_weekday_beats_the_arrival_weekday() -> None:
    text = (
        "The Polish president, who arrived in Nairobi on Monday, signed a treaty with the Kenyan president on "
        "Wednesday. Kenya and Poland also agreed to meet again."
    )
    assert run(text, published="2026-03-05").event.date == "2026-03-04"


@pytest.mark.parametrize(("published", "expected"), [("2026-03-05", "2026-03-03"), ("2026-03-12", "2026-03-10")])
def test_moving_the_publication_date_moves_the_weekday(published: str, expected: str) -> None:
    text = "Kenya and Poland on Tuesday signed a treaty in Nairobi."
    assert run(text, published=published).event.date == expected


@pytest.mark.parametrize(
    "published",
    ["2026-03-05 or 2026-03-06", "accessed 5 March 2026", "sometime in spring", "", "2026-13-45", "04/06/2026"],
)
def test_unusable_header_dates_give_none(published: str) -> None:
    assert published_date(published) is None


def test_dateline_with_a_mojibake_dash() -> None:
    text = "Dakar, 21 April 2026 \u00e2\u20ac\u201d Senegal and France signed a financing agreement on water."
    event = run(text, published="2026-04-22").event
    assert (event.location.city, event.date) == ("Dakar", "2026-04-21")


def test_place_and_date_at_the_end_of_a_title_line() -> None:
    text = (
        "Joint Declaration of the Fifth Kenya-Poland Business Forum (Nairobi, 3 March 2026)\n\n"
        "The two presidents adopted this declaration and signed a treaty on trade."
    )
    event = run(text).event
    assert (event.location.city, event.date) == ("Nairobi", "2026-03-03")


def test_a_date_only_line_above_the_story_dates_it() -> None:
    text = "August 19, 2026 20:15\n\nKenya and Poland signed a treaty on trade in Nairobi."
    assert run(text).event.date == "2026-08-19"


@pytest.mark.parametrize("background", ["January 3, 1992", "12 May 2009"])
def test_a_date_of_another_era_is_background(background: str) -> None:
    text = (
        f"Kenya and Poland, whose relations were established on {background}, signed a treaty in Nairobi "
        "on March 3, 2026."
    )
    assert run(text, published="2026-03-05").event.date == "2026-03-03"


@pytest.mark.parametrize("region", ["North America", "Latin America", "SOUTH AMERICA", "Central America"])
def test_a_region_named_america_is_not_a_side(region: str) -> None:
    text = (
        f"Kenya and Poland signed a treaty in Nairobi. The {region} desk of our newsletter will follow up. "
        "Kenyan and Polish officials welcomed it."
    )
    assert run(text).event.countries == ["KE", "PL"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("10.02.2026", "2026-02-10"), ("16/06/2026", "2026-06-16"), ("June 4, 2026", "2026-06-04")],
)
def test_numeric_header_dates(published: str, expected: str) -> None:
    day = published_date(published)
    assert day is not None and day.isoformat() == expected


def test_a_live_blog_with_nothing_dated_is_dated_by_its_day() -> None:
    text = (
        "LIVE: Polish president in Nairobi\n\n17:00 That is all for now.\n\n"
        "14:20 Kenya and Poland have signed a treaty on trade.\n\n09:00 Good morning from Nairobi."
    )
    assert run(text, published="2026-03-05").event.date == "2026-03-05"


def test_a_weekday_of_the_flight_home_does_not_date_the_talks() -> None:
    text = (
        "Kenya and Poland signed a treaty in Nairobi. The ministers would sign a letter of intent on tourism "
        "before the delegation flies home on Thursday."
    )
    assert run(text, published="2026-03-05").event.date is None


def test_a_departure_weekday_does_not_date_the_talks() -> None:
    text = "The Polish president left Nairobi on Friday after Kenya and Poland signed a treaty during his visit."
    assert run(text, published="2026-03-07").event.date is None


# --- principals: who held the talks, not who was merely named ------------------------------------

PRINCIPALS_MFT = [
    (
        "Foreign Minister Aliya Serikova, who is on an official visit to Norway, held talks with Norwegian "
        "Foreign Minister Lars Dahl in Oslo. Kazakhstan and Norway signed a memorandum on energy.",
        ["Aliya Serikova", "Lars Dahl"],
    ),
    (
        "The documents were signed by Minister Ines Costa and Minister Rui Alves after President Ana Pires held "
        "talks with Angolan President Joao Mateus. Portugal and Angola signed four agreements.",
        ["Ana Pires", "Joao Mateus"],
    ),
    (
        "Head of Government Omar Idrissi and Swedish Prime Minister Lena Berg signed a treaty in Stockholm. Morocco "
        "and Sweden also agreed to cooperate on water.",
        ["Lena Berg", "Omar Idrissi"],
    ),
    (
        "Qatari Prime Minister Sheikh Hamad Al-Kuwari held talks with Greek Prime Minister Eleni Georgiou in Doha. "
        "Qatar and Greece signed an agreement on shipping.",
        ["Eleni Georgiou", "Hamad Al-Kuwari"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRINCIPALS_MFT)
def test_principals_are_who_held_the_talks(text: str, expected: list[str]) -> None:
    assert run(text).event.principals == expected


def test_todays_issue_is_not_the_day_of_the_talks() -> None:
    text = (
        "In today's issue: the Polish president in Nairobi.\n\nThe Polish president met the Kenyan president on "
        "Tuesday. Kenya and Poland signed a treaty."
    )
    assert run(text, published="2026-03-05").event.date == "2026-03-03"


@pytest.mark.parametrize("elsewhere", ["the G20 summit in Brazil", "a regional meeting in Geneva"])
def test_a_dated_meeting_elsewhere_does_not_date_the_visit(elsewhere: str) -> None:
    text = (
        f"The Kenyan president attended {elsewhere} on 14 June 2026, but that was not a bilateral visit. "
        "Kenya and Poland signed a treaty in Nairobi on Tuesday. Polish and Kenyan officials welcomed it."
    )
    assert run(text, published="2026-07-09").event.date == "2026-07-07"
