"""Same-event decisions on self-written minimal pairs: a leader's tour, a host's two guests, one shared paper.

Each pair differs from a pair that *is* one event in one respect only, so the test says which
signal separates two visits (directional) and which differences must not (invariance).
"""

from __future__ import annotations

from typing import Any

from service.crosscheck import crosscheck
from service.crosscheck.events import EVENT_WEIGHTS
from service.models import ArticleSummary
from tests.crosscheck.builders import doc, summary

TRADE = {"type": "memorandum_of_understanding", "title": "memorandum on trade", "subject": "trade"}
DEFENCE = {"type": "agreement", "title": "agreement on defence industry", "subject": "defence industry"}


def visit(article_id: str, body: str, *, quotes: tuple[str, ...], **event: Any) -> ArticleSummary:
    fields = (TRADE, DEFENCE)
    return summary(article_id, body, [doc(body, q, **f) for q, f in zip(quotes, fields, strict=False)], **event)


FIRST = "President Ana Ruiz met President Omar Haddad in Lisbon on Monday. They signed a memorandum on trade."
SECOND = "President Ana Ruiz met King Tomas Berg in Oslo on Monday. They signed a memorandum on trade."


def _same(a: ArticleSummary, b: ArticleSummary) -> bool:
    report = crosscheck([a, b], bodies={a.article.id: FIRST, b.article.id: SECOND})
    (decision,) = report.pairs
    return decision.same_event


def test_a_leaders_tour_is_two_visits() -> None:
    """One visitor, two hosts in two countries, on days close together: never one event."""
    lisbon = visit("lisbon", FIRST, quotes=("a memorandum on trade",), city="Lisbon", country="PT",
                   date="2026-04-06", countries=("ES", "PT"), principals=("Ana Ruiz", "Omar Haddad"))  # fmt: skip
    oslo = visit("oslo", SECOND, quotes=("a memorandum on trade",), city="Oslo", country="NO",
                 date="2026-04-08", countries=("ES", "NO"), principals=("Ana Ruiz", "Tomas Berg"))  # fmt: skip
    assert not _same(lisbon, oslo)


def test_a_host_receiving_two_guests_weeks_apart_is_two_visits() -> None:
    """Same city and host, a different guest three weeks later: two events, even with a paper in common."""
    first = visit("first", FIRST, quotes=("a memorandum on trade",), city="Lisbon", country="PT",
                  date="2026-04-06", countries=("ES", "PT"), principals=("Omar Haddad", "Ana Ruiz"))  # fmt: skip
    later = visit("later", SECOND, quotes=("a memorandum on trade",), city="Lisbon", country="PT",
                  date="2026-04-27", countries=("NO", "PT"), principals=("Omar Haddad", "Tomas Berg"))  # fmt: skip
    assert not _same(first, later)


def test_one_report_seeing_one_side_only_still_joins_its_event() -> None:
    """Invariance: a report that names only one of the sides (a subset) is no different visit."""
    both = visit("both", FIRST, quotes=("a memorandum on trade",), city="Lisbon", country="PT",
                 date="2026-04-06", countries=("ES", "PT"), principals=("Ana Ruiz", "Omar Haddad"))  # fmt: skip
    one = visit("one", SECOND, quotes=("a memorandum on trade",), city="Lisbon", country="PT",
                date="2026-04-06", countries=("PT",), principals=("Ana Ruiz",))  # fmt: skip
    assert _same(both, one)


def test_a_single_shared_paper_is_not_enough_on_its_own() -> None:
    """Two thin reports whose only link is one memorandum of a common kind stay apart."""
    bare = {"city": None, "country": None, "date": None, "countries": (), "principals": ()}
    a = visit("a", FIRST, quotes=("a memorandum on trade",), **bare)
    b = visit("b", SECOND, quotes=("a memorandum on trade",), **bare)
    assert EVENT_WEIGHTS.documents_alone == 2
    assert not _same(a, b)
