"""Money amounts name a deal across its mentions."""

from __future__ import annotations

import pytest

from service.extractors.offline.amounts import amounts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a $4.2 billion deal", 4.2e9),
        ("a contract worth €420 million", 4.2e8),
        ("a 95 million euro loan", 9.5e7),
        ("an order (US$1.5bn)", 1.5e9),
        ("Rs 2,000 crore", 2.0e10),
        ("1.5 billion Norwegian kroner", 1.5e9),
        ("€150m credit", 1.5e8),
    ],
)
def test_sums_with_a_currency_or_a_scale(text: str, value: float) -> None:
    assert amounts(text) == frozenset({value})


@pytest.mark.parametrize("text", ["40 regional trains", "for 2026-2030", "a 500-megawatt plant", "14 MoUs"])
def test_plain_numbers_and_years_are_not_sums(text: str) -> None:
    assert amounts(text) == frozenset()
