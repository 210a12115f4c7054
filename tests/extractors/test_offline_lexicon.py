"""The keyword search for document heads finds exactly what the full head pattern finds."""

from __future__ import annotations

import pytest

from service.extractors.offline.lexicon import TYPE_RE, duration_in, find_heads


@pytest.mark.parametrize(
    "text",
    [
        "They signed an exchange of notes and two exchanges of notes.",
        "the Executive Programme of Cultural Cooperation for 2026, an action plan and a work plan",
        "more than 20 cooperation documents, a Plan of Action and implementation programmes for joint action",
        "a joint declaration, statements of intent, the road map and minutes of the meeting",
        "a credit line agreement, an export credit line, a line of credit and MoU's and LoIs",
        "Joint Communique on the Treaty of Friendship; the Protocol; a supply contract; a deal; an accord",
    ],
)
def test_find_heads_matches_the_full_pattern(text: str) -> None:
    expected = [(m.start(), m.end(), m.lastgroup) for m in TYPE_RE.finditer(text)]
    assert find_heads(text, text.lower()) == expected


def test_credit_line_is_other_unless_it_names_an_agreement() -> None:
    assert [t for _, _, t in find_heads("an export credit line", "an export credit line")] == ["other"]
    text = "a credit line agreement"
    assert [t for _, _, t in find_heads(text, text)] == ["agreement"]


@pytest.mark.parametrize(
    ("text", "period"),
    [("a five-year programme", "five years"), ("a 10-year supply contract", "10 years"), ("a one-year plan", None)],
)
def test_duration_in_years(text: str, period: str | None) -> None:
    assert duration_in(text, 0, len(text)) == period
