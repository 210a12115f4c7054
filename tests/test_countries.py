"""Country names, adjectives and cities resolve to ISO alpha-2."""

from __future__ import annotations

import pytest

from service.countries import city_country, country_code, country_name


@pytest.mark.parametrize(
    "name, code",
    [
        ("Vi\u1ec7t Nam", "VN"),
        ("Azerbaijani", "AZ"),
        ("the Russian Federation", "RU"),
        ("Mauritius", "MU"),
        ("Germany", "DE"),
        ("Estonia's", "EE"),
        ("fr", "FR"),
    ],
)
def test_country_code(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["Ministry", "", None, "Petrovietnam", "xx"])
def test_not_a_country(name: str | None) -> None:
    assert country_code(name) is None


def test_city_and_name() -> None:
    assert city_country("Baku") == "AZ" and city_country("Port Louis") == "MU"
    assert country_name("VN") in {"Viet Nam", "Vietnam"}
