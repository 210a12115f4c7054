"""Fold per-article and per-event scores into the run totals (sums of counts, never means of rates)."""

from __future__ import annotations

from collections.abc import Sequence

from service.evaluation.metrics import DOCUMENT_FIELDS, EVENT_FIELDS
from service.evaluation.results import (
    PRF,
    ArticleResult,
    CrossCheckTotals,
    EventResult,
    KindScore,
    Ratio,
    SameEventResult,
    Totals,
)
from service.evaluation.usage import total_usage


def sum_prf(items: Sequence[PRF]) -> PRF:
    return sum(items, PRF())


def sum_ratio(items: Sequence[Ratio]) -> Ratio:
    return sum(items, Ratio())


def event_documents(events: list[EventResult], articles: Sequence[ArticleResult]) -> None:
    """Fill each event's document PRF from its articles (micro, like the totals)."""
    by_id = {a.id: a for a in articles}
    for ev in events:
        ev.documents = sum_prf([by_id[a].documents for a in ev.articles if a in by_id])


def crosscheck_totals(
    events: Sequence[EventResult], same_event: SameEventResult, *, available: bool
) -> CrossCheckTotals:
    by_kind: dict[str, KindScore] = {}
    for ev in events:
        for kind, score in ev.by_kind.items():
            by_kind[kind] = by_kind.get(kind, KindScore()) + score
    conflicts = sum((s for k, s in by_kind.items() if k != "document_missing"), KindScore())
    return CrossCheckTotals(
        conflicts=conflicts,
        document_missing=by_kind.get("document_missing", KindScore()),
        by_kind=dict(sorted(by_kind.items())),
        same_event=same_event,
        available=available,
    )


def totals(
    articles: Sequence[ArticleResult], events: Sequence[EventResult], same_event: SameEventResult, *, checker: bool
) -> Totals:
    ok = [a for a in articles if a.error is None]
    return Totals(
        articles=len(articles),
        failed_articles=len(articles) - len(ok),
        documents=sum_prf([a.documents for a in articles]),
        strict=sum_prf([a.strict for a in articles]),
        fields={f: sum_ratio([a.fields.get(f, Ratio()) for a in articles]) for f in DOCUMENT_FIELDS},
        event={f: sum_ratio([a.event.get(f, Ratio()) for a in articles]) for f in EVENT_FIELDS},
        stated_count=sum_ratio([a.stated_count for a in articles]),
        commitments=sum_prf([a.commitments for a in articles]),
        crosscheck=crosscheck_totals(events, same_event, available=checker),
        usage=total_usage(a.usage for a in ok),
    )
