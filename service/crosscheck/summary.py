"""The top line of an event: documents all reports agree on, disputed ones, single-source ones."""

from __future__ import annotations

from collections import Counter

from service.crosscheck.model import CanonDoc, EventGroup, Item
from service.models import CanonicalDocument, EventTotals, Finding, Mention


def disputed_keys(findings: list[Finding]) -> set[str]:
    """Documents with a finding worth an editor's attention (omissions from partial lists are not)."""
    return {f.document for f in findings if f.document and f.severity != "info" and f.kind != "document_missing"}


def agreement(canon: CanonDoc, disputed: set[str]) -> str:
    if canon.key in disputed:
        return "disputed"
    return "single" if len(canon.mentions) < 2 else "agreed"


def canonical_documents(event: EventGroup, findings: list[Finding]) -> list[CanonicalDocument]:
    """The alignment matrix: every compared article has a cell, null where it does not report the document."""
    disputed = disputed_keys(findings)
    out = []
    for canon in event.canon:
        cells: dict[str, Mention | None] = {}
        for it in event.compared:
            index = canon.mentions.get(it.id)
            cells[it.id] = None if index is None else _mention(it, index)
        out.append(
            CanonicalDocument(
                key=canon.key,
                label=canon.label,
                type=canon.type,  # type: ignore[arg-type]
                mentions=cells,
                agreement=agreement(canon, disputed),  # type: ignore[arg-type]
                confidence=round(canon.confidence, 3),
                reasons=canon.reasons,
                uncertain=canon.uncertain,
            )
        )
    return out


def _mention(item: Item, index: int) -> Mention:
    doc = item.documents[index]
    return Mention(
        article_id=item.id,
        document_index=index,
        type=doc.type,
        title=doc.title,
        status=doc.status,
        evidence=doc.evidence[0],
    )


def totals(documents: list[CanonicalDocument], findings: list[Finding]) -> EventTotals:
    states = Counter(d.agreement for d in documents)
    kinds = Counter(f.kind for f in findings)
    return EventTotals(
        agreed=states["agreed"],
        disputed=states["disputed"],
        single_source=states["single"],
        findings_by_kind=dict(sorted(kinds.items())),
    )
