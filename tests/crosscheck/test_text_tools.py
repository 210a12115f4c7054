"""The small readers the checks rely on: amounts, stated figures, names, firms, recap lists, statuses."""

from __future__ import annotations

import pytest

from service.crosscheck import names
from service.crosscheck.amounts import amounts, figure
from service.crosscheck.parties import body, different_firms
from service.crosscheck.restate import status_of
from service.crosscheck.text import Segment, list_items
from service.models import Party


@pytest.mark.parametrize(
    ("text", "unit", "value", "rate"),
    [
        ("trade could reach NZ$4.5 billion", "NZD", 4.5e9, None),
        ("a Rs 2,000 crore line of credit", "INR", 2e10, None),
        ("a \u20b91,800 crore loan", "INR", 1.8e10, None),
        ("a \u20ac250m memorandum", "EUR", 2.5e8, None),
        ("worth 1.2 billion dollars", "USD", 1.2e9, None),
        ("a US$1.2bn contract", "USD", 1.2e9, None),
        ("a $5bn fund", "USD", 5e9, None),
        ("to supply 2 million barrels a day", "barrels", 2e6, "day"),
    ],
)
def test_amounts_in_many_notations(text: str, unit: str, value: float, rate: str | None) -> None:
    (found,) = amounts(text, offset=10)
    assert (found.unit, found.value, found.rate) == (unit, value, rate)
    assert text[found.evidence.start - 10 : found.evidence.end - 10] == found.evidence.quote


def _figure(sentence: str) -> tuple[str, str, bool] | None:
    seg = Segment(0, len(sentence), sentence)
    f = figure(seg, amounts(sentence)[0])
    return (f.measure, f.horizon, f.target) if f else None


def test_a_stated_figure_knows_what_it_measures_and_for_when() -> None:
    assert _figure("The minister said bilateral trade could reach NZ$4.5 billion by 2030.") == ("trade", "2030", True)
    assert _figure("Turnover stood at $1.1 billion last year, officials said.") == ("trade", "last year", False)
    assert _figure("Investments of \u20ac3bn are planned in 2028.") == ("investment", "2028", True)
    assert _figure("They discussed an initial figure of $2 billion.") is None, "no measure, no horizon: too vague"


def test_transliteration_is_one_spelling_and_a_changed_letter_is_not() -> None:
    assert names.same_spelling("Mohammad Haddad", "Muhammad Haddad")
    assert names.same_spelling("Mohammed El Idrissi", "Muhammad El-Idrissi")
    assert names.spelling_variant("Catherine McAllister", "Katherine MacAllister")
    assert names.spelling_variant("Katherine Wanjiru", "Catherine Wanjiru")
    assert not names.same_person("Heydar Aliyev", "Ilham Aliyev")
    assert not names.same_person("Elena Varas", "Rodrigo Fuentes")
    # A possessive or a name cut short by the page is the same person, not a misspelling.
    assert names.same_person("Vladimir Putin", "adimir Putin\u2019s")
    assert not names.spelling_variant("Vladimir Putin", "adimir Putin\u2019s")
    assert not names.same_person("Jan Novak", "Jana Novakova"), "a cut keeps four letters and drops two"


@pytest.mark.parametrize(
    ("text", "heading", "items"),
    [
        (
            "Documents signed in Rabat: a rail contract (\u20ac40m); a treaty (initialled).",
            "Documents signed in Rabat",
            ["a rail contract (\u20ac40m)", "a treaty (initialled)"],
        ),
        (
            "Outcomes: \u2022 an MoU on ports \u2022 a protocol on fish",
            "Outcomes",
            ["an MoU on ports", "a protocol on fish"],
        ),
        (
            "Signed: - the LNG contract - the scholarships agreement.",
            "Signed",
            ["the LNG contract", "the scholarships agreement"],
        ),
        ("- a memorandum on water", None, ["a memorandum on water"]),
        ("They met; then they signed a memorandum.", None, ["They met; then they signed a memorandum."]),
    ],
)
def test_recap_lists_split_into_items_with_exact_offsets(text: str, heading: str | None, items: list[str]) -> None:
    body = "Lead sentence. " + text
    seg = Segment(15, len(body), text)
    head, parts = list_items(seg)
    assert (head.text if head else None) == heading
    assert [p.text for p in parts] == items
    assert all(body[p.start : p.end] == p.text for p in parts)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("treaty on legal assistance (initialled, to be signed at a later date)", "planned"),
        ("the treaty is set to be signed in June", "planned"),
        ("the ministers put pen to paper on the treaty", "signed"),
        ("the ministers discussed a treaty", "discussed"),
    ],
)
def test_status_words_including_signing_still_to_come(text: str, status: str) -> None:
    assert status_of(text, text.find("treaty")) == status


@pytest.mark.parametrize(
    ("a", "b", "different"),
    [
        ("Pomorska Fabryka Wagon\u00f3w", "PolRail Group", True),
        ("UzAuto Motors", "Samarkand Car Factory", True),
        ("Bank Gospodarstwa Krajowego", "BGK", False),  # initials
        ("State Oil Company of the Republic of Azerbaijan", "SOCAR", False),  # initials, in another order
        ("Petrovietnam", "Vietnam National Oil and Gas Group", False),  # a shared stem
        ("Aramco", "Saudi Arabian Oil Company", False),  # a bare short form may be made of syllables
        ("Vietnam's own state energy supplier", "Petrovietnam", False),  # a description, not a name
        ("Wines of Chile", "Chilean Wine Corporation", False),
    ],
)
def test_two_firm_names_differ_only_when_they_share_nothing(a: str, b: str, different: bool) -> None:
    left, right = body(Party(name=a, country="PL")), body(Party(name=b, country="PL"))
    assert different_firms(left, right) is different
    assert different_firms(right, left) is different
