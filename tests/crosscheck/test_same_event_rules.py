"""Same-event decisions on self-written minimal pairs: a leader's tour, a host's two guests, one shared paper.

Each pair differs from a pair that *is* one event in one respect only, so the test says which
signal separates two visits (directional) and which differences must not (invariance).
"""

from __future__ import annotations

from typing import Any

from service.crosscheck import crosscheck
from service.crosscheck.events import EVENT_WEIGHTS
from service.models import ArticleSummary
from tests.crosscheck.builders import doc, kinds, summary

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


LISTED = (
    "President Ana Ruiz met President Omar Haddad in Lisbon on Monday. Three documents were signed: "
    "a memorandum on trade, an agreement on defence industry and a protocol on fisheries. "
    "They recalled the agreement on road transport signed in 2019."
)
SHORT = (
    "President Ana Ruiz met President Omar Haddad in Lisbon on Monday. Three documents were signed: "
    "a memorandum on trade, an agreement on defence industry and a protocol on fisheries."
)


def _listed(article_id: str, body: str, *, background: bool) -> ArticleSummary:
    docs = [
        doc(body, "a memorandum on trade", **TRADE),
        doc(body, "an agreement on defence industry", **DEFENCE),
        doc(body, "a protocol on fisheries", type="protocol", title="protocol on fisheries", subject="fisheries"),
    ]
    if background:
        docs.append(
            doc(
                body,
                "the agreement on road transport signed in 2019",
                type="agreement",
                title="agreement on road transport",
                subject="road transport",
                context="earlier",
            )
        )
    event: dict[str, Any] = {"city": "Lisbon", "country": "PT", "date": "2026-04-06", "countries": ("ES", "PT")}
    return summary(article_id, body, docs, principals=("Ana Ruiz", "Omar Haddad"), stated_count=3,
                   list_complete=True, **event)  # fmt: skip


def test_a_background_paper_is_neither_counted_nor_missing() -> None:
    """Directional: the same report with a paper of an earlier visit adds no count and no missing finding."""
    with_background = _listed("long", LISTED, background=True)
    without = _listed("short", SHORT, background=False)
    report = crosscheck([with_background, without], bodies={"long": LISTED, "short": SHORT})
    assert [e.article_ids for e in report.events] == [["long", "short"]]
    assert kinds(report, ("error", "warning")) == []
    as_this_visit = with_background.model_copy(deep=True)
    as_this_visit.documents[-1].context = None
    report = crosscheck([as_this_visit, without], bodies={"long": LISTED, "short": SHORT})
    assert set(kinds(report, ("error", "warning"))) >= {"document_missing"}


def test_a_visit_and_the_return_visit_are_two_events() -> None:
    """Same sides and leaders, talks in two countries on two days: a visit and the return visit."""
    there = visit("there", FIRST, quotes=("a memorandum on trade",), city="Lisbon", country="PT",
                  date="2026-04-06", countries=("ES", "PT"), principals=("Ana Ruiz", "Omar Haddad"))  # fmt: skip
    back = visit("back", SECOND, quotes=("a memorandum on trade",), city="Madrid", country="ES",
                 date="2026-04-08", countries=("ES", "PT"), principals=("Ana Ruiz", "Omar Haddad"))  # fmt: skip
    assert not _same(there, back)
    same_day = back.model_copy(update={"event": back.event.model_copy(update={"date": "2026-04-06"})})
    assert _same(there, same_day)  # one day, two datelines: one outlet placed it wrongly, still one event


def test_the_same_day_alone_is_no_proof() -> None:
    """Two thin reports of the same day with nothing else in common stay apart; the same city joins them."""
    thin: dict[str, Any] = {"country": None, "countries": (), "principals": (), "date": "2026-04-06"}
    assert not _same(summary("a", FIRST, [], city=None, **thin), summary("b", SECOND, [], city=None, **thin))
    assert _same(summary("a", FIRST, [], city="Lisbon", **thin), summary("b", SECOND, [], city="Lisbon", **thin))
