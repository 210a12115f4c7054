"""Turn an extractor's draft into a grounded `ArticleSummary`.

Shared by every extractor so the rules are the same whoever proposed the items: each
quote is located in the body (offsets computed here), an item whose quote is absent is
moved to `rejected` with the reason, codes are checked against ISO 3166, duplicates are
folded, and the editor's summary is written from what survived.
"""

from __future__ import annotations

import re
from typing import Literal

from service.articles import ArticleInput
from service.countries import city_country, country_code
from service.grounding import ground, name_in_text
from service.models import (
    ArticleMeta,
    ArticleSummary,
    Commitment,
    Document,
    Event,
    Evidence,
    Location,
    Notice,
    Party,
    Provenance,
    Rejected,
    Restatement,
)
from service.models.draft import DraftCommitment, DraftDocument, DraftParty, DraftSummary
from service.summarize import write_summary
from service.textnorm import fold

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _code(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return country_code(value.upper())
    return country_code(value)


def _party(p: DraftParty) -> Party:
    return Party(name=p.name.strip(), country=_code(p.country) or None)


def _period(value: str | None) -> str | None:
    """Normalise "2025-27" and "2025–2027" to "2025-2027"; keep other wording as given."""
    if not value:
        return None
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*[-\u2013\u2014/to ]+\s*((?:19|20)?\d\d)\s*", value)
    if m:
        start, end = m.group(1), m.group(2)
        if len(end) == 2:
            end = start[:2] + end
        return f"{start}-{end}"
    return value.strip() or None


def _meta(article: ArticleInput, language: str) -> ArticleMeta:
    return ArticleMeta(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        language=language,
        sha256=article.sha256,
        length=len(article.body),
        source_format=article.source_format,  # type: ignore[arg-type]
        truncated=article.truncated,
    )


def _not_found(kind: Literal["document", "commitment"], draft: DraftDocument | DraftCommitment) -> Rejected:
    """The rejection record of an item whose quote the article does not contain."""
    return Rejected(
        kind=kind, reason="quote not found in the article text", quote=draft.quote, item=draft.model_dump(mode="json")
    )


def _document(body: str, draft: DraftDocument, rejected: list[Rejected]) -> Document | None:
    evidence = ground(body, draft.quote)
    if evidence is None:
        rejected.append(_not_found("document", draft))
        return None
    restatements: list[Restatement] = []
    extra: list[Evidence] = []
    for also in draft.also:
        found = ground(body, also.quote)
        if found is None:
            rejected.append(Rejected(kind="field", reason="restatement quote not found", quote=also.quote))
            continue
        extra.append(found)
        restatements.append(
            Restatement(
                evidence=found,
                type=also.type,
                title=also.title.lower() if also.title else None,
                status=also.status,
                parties=[_party(p) for p in also.parties],
                period=_period(also.period),
            )
        )
    return Document(
        type=draft.type,
        title=draft.title.strip().lower(),
        subject=(draft.subject or None) and draft.subject.strip(),
        parties=[_party(p) for p in draft.parties if p.name.strip()],
        signatories=[s.strip() for s in draft.signatories if s.strip()],
        status=draft.status,
        period=_period(draft.period),
        context=draft.context,
        evidence=[evidence, *extra],
        restatements=restatements,
    )


def _dedupe(documents: list[Document]) -> list[Document]:
    """Drop a document whose primary span and type repeat an earlier one (chunk overlaps)."""
    seen: set[tuple[int, int, str, str]] = set()
    kept = []
    for doc in documents:
        ev = doc.evidence[0]
        key = (ev.start, ev.end, doc.type, fold(doc.title))
        if key in seen:
            continue
        seen.add(key)
        kept.append(doc)
    return kept


def _event(body: str, draft: DraftSummary, rejected: list[Rejected]) -> Event:
    d = draft.event
    evidence: list[Evidence] = []
    if d.quote:
        found = ground(body, d.quote)
        if found is None:
            rejected.append(Rejected(kind="event", reason="event quote not found", quote=d.quote))
        else:
            evidence.append(found)
    date = d.date if d.date and _ISO_DATE.match(d.date) else None
    if d.date and date is None:
        rejected.append(Rejected(kind="field", reason=f"event date {d.date!r} is not an ISO date"))
    city = d.city.strip() if d.city else None
    if city and not name_in_text(body, city):
        rejected.append(Rejected(kind="field", reason=f"event city {city!r} is not in the text"))
        city = None
    country = _code(d.country) or city_country(city)
    countries = sorted({c for c in (_code(x) for x in d.countries) if c})
    principals = []
    for name in d.principals:
        if name.strip() and name_in_text(body, name):
            principals.append(name.strip())
        elif name.strip():
            rejected.append(Rejected(kind="field", reason=f"principal {name!r} is not named in the text"))
    return Event(
        location=Location(city=city, country=country),
        date=date,
        countries=countries,
        principals=principals,
        kind=d.kind,
        evidence=evidence,
    )


def resolve(
    article: ArticleInput,
    draft: DraftSummary,
    *,
    language: str,
    provenance: Provenance,
    notices: list[Notice] | None = None,
) -> ArticleSummary:
    """Ground every drafted item in `article.body` and assemble the summary."""
    body = article.body
    rejected: list[Rejected] = []
    documents = [d for d in (_document(body, x, rejected) for x in draft.documents) if d is not None]
    documents = _dedupe(documents)
    commitments = []
    for c in draft.commitments:
        found = ground(body, c.quote)
        if found is None:
            rejected.append(_not_found("commitment", c))
            continue
        actors = [_code(a) or a.strip() for a in c.actors if a.strip()]
        commitments.append(
            Commitment(actors=actors, text=c.text.strip(), sector=c.sector, timeframe=c.timeframe, evidence=[found])
        )
    event = _event(body, draft, rejected)
    warnings = list(notices or [])
    warnings.extend(Notice(code=code, message=msg) for code, msg in article.notices)
    if article.truncated and draft.list_complete:
        warnings.append(Notice(code="truncated", message="the stored text stops mid-article"))
    if rejected:
        warnings.append(Notice(code="items_rejected", message=f"{len(rejected)} proposed item(s) were not grounded"))
    summary = ArticleSummary(
        article=_meta(article, language),
        event=event,
        documents=documents,
        commitments=commitments,
        stated_count=draft.stated_count,
        list_complete=draft.list_complete and not article.truncated,
        warnings=warnings,
        rejected=rejected,
        provenance=provenance,
    )
    summary.summary = write_summary(summary)
    return summary
