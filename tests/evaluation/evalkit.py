"""Builders for hand-made gold articles, summaries and cross-check reports (self-written text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service.articles import from_text
from service.evaluation.gold import GoldArticle, GoldExtraction
from service.models import (
    ArticleMeta,
    ArticleSummary,
    CanonicalDocument,
    CrossCheckReport,
    Document,
    Event,
    EventReport,
    Evidence,
    Finding,
    FindingValue,
    Location,
    Mention,
    Party,
    Provenance,
)

BODY = (
    "Norway and Ghana signed an agreement on fisheries. "
    "The ministries exchanged a memorandum of understanding on offshore wind. "
    "Both sides adopted a joint statement on a strategic dialogue. "
    "Officials discussed a future treaty on extradition."
)


def span(body: str, quote: str) -> Evidence:
    start = body.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def gold_article(docs: Sequence[dict[str, Any]], *, id: str = "a1", body: str = BODY, **fields: Any) -> GoldArticle:
    """A gold article; each doc needs at least type, status and quote."""
    gold = GoldExtraction.model_validate({"article_id": id, "documents": [{"title": "", **d} for d in docs], **fields})
    return GoldArticle(article=from_text(body, id=id), gold=gold)


def document(
    body: str,
    quote: str,
    *,
    type: str = "agreement",
    title: str = "",
    status: str = "signed",
    parties: Sequence[tuple[str, str | None]] = (),
    signatories: Sequence[str] = (),
    period: str | None = None,
    subject: str | None = None,
) -> Document:
    return Document(
        type=type,  # type: ignore[arg-type]
        title=title,
        subject=subject,
        status=status,  # type: ignore[arg-type]
        parties=[Party(name=n, country=c) for n, c in parties],
        signatories=list(signatories),
        period=period,
        evidence=[span(body, quote)],
    )


def summary(
    documents: Sequence[Document] = (),
    *,
    id: str = "a1",
    body: str = BODY,
    city: str | None = None,
    country: str | None = None,
    date: str | None = None,
    countries: Sequence[str] = (),
    stated_count: int | None = None,
    extractor: str = "offline",
) -> ArticleSummary:
    return ArticleSummary(
        article=ArticleMeta(id=id, sha256="0" * 64, length=len(body)),
        event=Event(location=Location(city=city, country=country), date=date, countries=list(countries)),
        documents=list(documents),
        stated_count=stated_count,
        provenance=Provenance(extractor=extractor),  # type: ignore[arg-type]
    )


def finding(
    kind: str,
    articles: Sequence[str],
    *,
    id: str = "f1",
    document: str | None = None,
    event_id: str = "e1",
    severity: str = "warning",
    internal: bool = False,
) -> Finding:
    return Finding(
        id=id,
        kind=kind,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        event_id=event_id,
        document=document,
        articles=list(articles),
        values=[FindingValue(article_id=a, value="x") for a in articles],
        explanation="test finding",
        internal=internal,
    )


def canonical(key: str, mentions: dict[str, int | None]) -> CanonicalDocument:
    return CanonicalDocument(
        key=key,
        label=key,
        type="agreement",
        mentions={
            a: None
            if i is None
            else Mention(
                article_id=a,
                document_index=i,
                type="agreement",
                title=key,
                status="signed",
                evidence=Evidence(quote="q", start=0, end=1),
            )
            for a, i in mentions.items()
        },
        agreement="disputed",
    )


def report(
    groups: Sequence[Sequence[str]],
    *,
    findings: Sequence[Finding] = (),
    documents: Sequence[CanonicalDocument] = (),
) -> CrossCheckReport:
    """A report placing articles in events e1, e2...; findings and documents go to e1."""
    events = [
        EventReport(
            event_id=f"e{i + 1}",
            label=f"event {i + 1}",
            article_ids=list(ids),
            findings=list(findings) if i == 0 else [],
            documents=list(documents) if i == 0 else [],
        )
        for i, ids in enumerate(groups)
    ]
    return CrossCheckReport(articles=[], events=events)
