"""Pledges that are not documents: who promised what."""

from __future__ import annotations

from service.articles import from_text
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary

BODY = (
    "ACCRA, June 3 - Ghana and Slovenia signed an agreement on air services. Both sides agreed to double bilateral "
    "trade by 2030. President Mahama said Ghana would open an embassy in Ljubljana next year. The leaders agreed to "
    "adopt a joint statement on the partnership. Cooperation in culture will remain a priority."
)


def run(text: str) -> ArticleSummary:
    return OfflineExtractor().extract(from_text(text))


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
