"""Summaries of self-written articles for cross-check tests, grounded like real ones."""

from __future__ import annotations

import hashlib
from typing import Any

from service.grounding import ground
from service.models import ArticleMeta, ArticleSummary, Document, Event, Evidence, Location, Party, Provenance


def evidence(body: str, quote: str) -> Evidence:
    found = ground(body, quote)
    assert found is not None, f"quote not in body: {quote!r}"
    return found


def doc(body: str, quote: str, **fields: Any) -> Document:
    """A document grounded in `quote`; parties are (name, country) pairs."""
    parties = [Party(name=n, country=c) for n, c in fields.pop("parties", [])]
    return Document(
        type=fields.pop("type", "memorandum_of_understanding"),
        title=fields.pop("title", "memorandum of understanding"),
        status=fields.pop("status", "signed"),
        parties=parties,
        evidence=[evidence(body, quote)],
        **fields,
    )


def summary(
    article_id: str,
    body: str,
    documents: list[Document] | None = None,
    *,
    city: str | None = "Tallinn",
    country: str | None = "EE",
    date: str | None = "2024-03-13",
    countries: tuple[str, ...] = ("EE", "KZ"),
    principals: tuple[str, ...] = ("Maris Tamm", "Arman Sadykov"),
    published: str | None = None,
    language: str = "en",
    stated_count: int | None = None,
    list_complete: bool = False,
) -> ArticleSummary:
    return ArticleSummary(
        article=ArticleMeta(
            id=article_id,
            sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
            length=len(body),
            published=published,
            language=language,
        ),
        event=Event(
            location=Location(city=city, country=country),
            date=date,
            countries=sorted(countries),
            principals=list(principals),
        ),
        documents=documents or [],
        stated_count=stated_count,
        list_complete=list_complete,
        provenance=Provenance(extractor="gold"),
    )


def pair(
    first: tuple[str, ArticleSummary], second: tuple[str, ArticleSummary]
) -> tuple[list[ArticleSummary], dict[str, str]]:
    """Summaries and bodies ready for `crosscheck(summaries, bodies=bodies)`."""
    return [first[1], second[1]], {first[1].article.id: first[0], second[1].article.id: second[0]}


def kinds(report: Any, severity: tuple[str, ...] = ("error", "warning")) -> list[str]:
    return sorted(f.kind for ev in report.events for f in ev.findings if f.severity in severity)
